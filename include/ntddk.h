/*
 * ntddk.h - the kernel-mode DDK umbrella (kmdfsim WDK surface): everything in
 * wdm.h plus the few routines a non-WDM driver may also reach.
 */
#ifndef _NTDDK_
#define _NTDDK_

#include <wdm.h>

EXTERN_C_START

/* 100-ns intervals since boot, in ticks of KeQueryTimeIncrement(). */
NTKERNELAPI VOID NTAPI KeQueryTickCount(_Out_ PLARGE_INTEGER CurrentCount);

EXTERN_C_END

#endif /* _NTDDK_ */
