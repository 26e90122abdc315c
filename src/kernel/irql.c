/*
 * irql.c - KeGetCurrentIrql, KeRaiseIrql, KeLowerIrql and PAGED_CODE.
 *
 * The IRQL lives in thread-local storage: raising it on one test thread must
 * not affect another, exactly as on a real processor.
 */
#include "kernel/irql.h"

#include "platform/platform.h"
#include "verifier/verifier_internal.h"

#include <stdio.h>

static KMDFSIM_THREAD_LOCAL KIRQL t_irql = PASSIVE_LEVEL;

const char *kmdfsim_irql_name(KIRQL irql)
{
    static const char *const names[] = {"PASSIVE_LEVEL", "APC_LEVEL", "DISPATCH_LEVEL"};
    static KMDFSIM_THREAD_LOCAL char other[16];
    if (irql < sizeof(names) / sizeof(names[0]))
        return names[irql];
    snprintf(other, sizeof(other), "IRQL %u", (unsigned)irql);
    return other;
}

KIRQL NTAPI KeGetCurrentIrql(VOID) { return t_irql; }

void kmdfsim_irql_set(KIRQL irql) { t_irql = irql; }

KIRQL NTAPI KfRaiseIrql(KIRQL NewIrql)
{
    KIRQL old = t_irql;
    if (NewIrql > HIGH_LEVEL) {
        kmdfsim_verify_fail("IRQL_INVALID", "KeRaiseIrql", NULL, "new IRQL %u is above HIGH_LEVEL", (unsigned)NewIrql);
        return old;
    }
    if (NewIrql < old) {
        kmdfsim_verify_fail("IRQL_NOT_GREATER_OR_EQUAL", "KeRaiseIrql", NULL,
                            "raising to %s while already at %s; use KeLowerIrql to lower", kmdfsim_irql_name(NewIrql),
                            kmdfsim_irql_name(old));
        return old;
    }
    t_irql = NewIrql;
    return old;
}

KIRQL NTAPI KeRaiseIrqlToDpcLevel(VOID) { return KfRaiseIrql(DISPATCH_LEVEL); }

VOID NTAPI KeLowerIrql(KIRQL NewIrql)
{
    if (NewIrql > t_irql) {
        kmdfsim_verify_fail("IRQL_NOT_LESS_OR_EQUAL", "KeLowerIrql", NULL,
                            "lowering to %s while at %s; use KeRaiseIrql to raise", kmdfsim_irql_name(NewIrql),
                            kmdfsim_irql_name(t_irql));
        return;
    }
    t_irql = NewIrql;
}

BOOLEAN kmdfsim_irql_check_max(KIRQL max_irql, const char *where)
{
    if (t_irql <= max_irql)
        return TRUE;
    char current[16];
    snprintf(current, sizeof(current), "%s", kmdfsim_irql_name(t_irql));
    kmdfsim_verify_fail("IRQL_TOO_HIGH", where, NULL, "called at %s; the maximum is %s", current,
                        kmdfsim_irql_name(max_irql));
    return FALSE;
}

VOID kmdfsim_wdk_check_paged_code(PCSTR Function, PCSTR File, ULONG Line)
{
    if (t_irql <= APC_LEVEL)
        return;
    kmdfsim_verifier_emit(KMDFSIM_VERIFIER_ERROR, "PAGED_CODE_AT_RAISED_IRQL", Function, NULL, File, Line,
                          "pageable function %s runs at %s (PAGED_CODE allows at most APC_LEVEL)", Function,
                          kmdfsim_irql_name(t_irql));
}
