/*
 * test_client: the simulated WMI kernel and its client APIs (wmi-client.md)
 * end to end: DriverEntry, device add and start, then the user-mode
 * (wmium.h) and kernel-mode (IoWMI*) calls a Windows consumer makes.
 * CLIENT_TEST_FILTER=pattern runs only the matching tests.
 */
#include "client_support.h"

#include <stdlib.h>

int main(void)
{
    const char *filter = getenv("CLIENT_TEST_FILTER");
    if (filter != NULL && filter[0] != '\0')
        cmocka_set_test_filter(filter);
    int failed = 0;
    failed += cs_run_query_tests();
    failed += cs_run_set_method_tests();
    failed += cs_run_multi_tests();
    failed += cs_run_event_tests();
    failed += cs_run_kernel_tests();
    return failed == 0 ? 0 : 1;
}
