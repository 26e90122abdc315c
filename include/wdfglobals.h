/*
 * wdfglobals.h - the per-driver globals block (kmdfsim WDK surface).
 *
 * In the WDK every DDI wrapper passes WdfDriverGlobals to the framework.
 * kmdfsim's DDIs take no such argument; the block is still declared because
 * driver code (and WDFVERIFY) may read it. kmdfsim defines it.
 */
#ifndef _WDFGLOBALS_H_
#define _WDFGLOBALS_H_

#include <wdftypes.h>

EXTERN_C_START

#define WDF_DRIVER_GLOBALS_NAME_LEN (32)

typedef struct _WDF_DRIVER_GLOBALS {
    WDFDRIVER Driver;  /* the driver's handle, once WdfDriverCreate succeeded */
    ULONG DriverFlags; /* WDF_DRIVER_INIT_FLAGS given at create */
    ULONG DriverTag;   /* pool tag for allocations made on the driver's behalf */
    CHAR DriverName[WDF_DRIVER_GLOBALS_NAME_LEN];
    BOOLEAN DisplaceDriverUnload;
} WDF_DRIVER_GLOBALS, *PWDF_DRIVER_GLOBALS;

extern PWDF_DRIVER_GLOBALS WdfDriverGlobals;

EXTERN_C_END

#endif /* _WDFGLOBALS_H_ */
