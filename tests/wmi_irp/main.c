/*
 * test_wmi_irp: KMDF's WMI IRP handling (kmdf-wmi-semantics.md §3) driven
 * through kmdfsim_wmi_send_irp with hand-built WNODEs, against a WDK-style
 * test driver. One cmocka group per section of the specification.
 */
#include "wmi_irp_support.h"

#include <stdlib.h>

int main(void)
{
    int failed = 0;
    /* WMI_IRP_TEST_FILTER=pattern runs only the matching tests (cmocka's * and ? wildcards). */
    const char *filter = getenv("WMI_IRP_TEST_FILTER");
    if (filter != NULL && filter[0] != '\0')
        cmocka_set_test_filter(filter);
    failed += wt_run_prologue_tests();
    failed += wt_run_query_all_data_tests();
    failed += wt_run_query_single_tests();
    failed += wt_run_set_tests();
    failed += wt_run_execute_tests();
    failed += wt_run_enable_disable_tests();
    failed += wt_run_reginfo_tests();
    failed += wt_run_guard_reentry_tests();
    return failed == 0 ? 0 : 1;
}
