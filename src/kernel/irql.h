/*
 * irql.h - the simulated IRQL, for kmdfsim's own DDIs.
 *
 * IRQL is a per-thread value (PASSIVE_LEVEL on a new thread) that drivers
 * change with KeRaiseIrql/KeLowerIrql or by acquiring spin locks. Each DDI
 * checks its documented maximum with kmdfsim_irql_check_max().
 */
#ifndef KMDFSIM_KERNEL_IRQL_H_
#define KMDFSIM_KERNEL_IRQL_H_

#include <wdm.h>

/*
 * Returns TRUE when the caller runs at or below `max_irql`; otherwise makes
 * a verifier error (rule "IRQL_TOO_HIGH", naming `where`) and returns FALSE
 * so the DDI can take its failure path.
 */
BOOLEAN kmdfsim_irql_check_max(KIRQL max_irql, const char *where);

/* Sets the calling thread's IRQL without any check (for the framework's own transitions). */
void kmdfsim_irql_set(KIRQL irql);

/* "PASSIVE_LEVEL", "APC_LEVEL", "DISPATCH_LEVEL", or the number for others. */
const char *kmdfsim_irql_name(KIRQL irql);

#endif /* KMDFSIM_KERNEL_IRQL_H_ */
