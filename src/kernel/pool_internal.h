/* pool_internal.h - pool hooks for the rest of kmdfsim (leak attribution per driver). */
#ifndef KMDFSIM_KERNEL_POOL_INTERNAL_H_
#define KMDFSIM_KERNEL_POOL_INTERNAL_H_

#include <wdm.h>

/* Allocations made by this thread from now on belong to `owner` (a loaded driver, or NULL). */
void kmdfsim_pool_set_thread_owner(const void *owner);
/* Reports (POOL_LEAK) each live allocation that belongs to `owner` and disowns it; returns how many. */
ULONG kmdfsim_pool_report_leaks_of_owner(const void *owner);

#endif /* KMDFSIM_KERNEL_POOL_INTERNAL_H_ */
