/*
 * a.c - main() of the consumer test program (tests/consumer.cmake). It checks
 * what a driver build relies on before any DDI runs: GUIDs defined in two
 * translation units link to one object, WCHAR and L"..." literals are UTF-16,
 * WMI structures have their Windows x64 layout, and the library links (harness
 * headers and a call into libkmdfsim). Exit status 0 = all good.
 */
#include <ntddk.h>
#include <initguid.h>
#include "guids.h"

#include <kmdfsim/log.h>
#include <stdio.h>
#include <string.h>

static int failures;
static char captured[64];

static void capture_sink(const kmdfsim_log_record *record, void *context)
{
    (void)context;
    snprintf(captured, sizeof(captured), "%s", record->text);
}

static void check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "consumer: FAILED: %s\n", what);
        failures++;
    }
}

int main(void)
{
    /* One GUID object for the whole program, with the value from guids.h. */
    check(guid_address_from_b() == &SampleGuid, "&SampleGuid differs between a.c and b.c");
    check(SampleGuid.Data1 == 0x9d3a1c52 && SampleGuid.Data2 == 0x6b1e && SampleGuid.Data3 == 0x4f0a,
          "SampleGuid.Data1..Data3");
    check(SampleGuid.Data4[0] == 0x8c && SampleGuid.Data4[7] == 0x16, "SampleGuid.Data4");
    check(IsEqualGUID(guid_address_from_b(), &SampleGuid), "IsEqualGUID");

    /* 16-bit WCHAR, UTF-16 code units in L"" literals (b.c: L"Wmi\u00e9\u20ac"). */
    check(sizeof(WCHAR) == 2, "sizeof(WCHAR) == 2");
    check(sizeof(L"ab") == 3 * sizeof(WCHAR), "sizeof(L\"ab\") == 6");
    static const unsigned short expected[] = {0x0057, 0x006d, 0x0069, 0x00e9, 0x20ac, 0x0000};
    const WCHAR *name = name_from_b();
    for (size_t i = 0; i < sizeof(expected) / sizeof(expected[0]); i++) {
        if ((unsigned short)name[i] != expected[i]) {
            fprintf(stderr, "consumer: FAILED: name_from_b()[%u] is 0x%04x, expected 0x%04x\n", (unsigned)i,
                    (unsigned)(unsigned short)name[i], (unsigned)expected[i]);
            failures++;
        }
    }

    /* WMI structures keep their Windows x64 layout. */
    check(sizeof(WNODE_HEADER) == 48, "sizeof(WNODE_HEADER) == 48");
    check(sizeof(WNODE_SINGLE_INSTANCE) == 64, "sizeof(WNODE_SINGLE_INSTANCE) == 64");

    /* The library itself links and runs (log.c takes a lock: threads are linked too). */
    kmdfsim_set_log_sink(capture_sink, NULL);
    kmdfsim_log_emit(KMDFSIM_LOG_EMULATOR, 0, 0, "consumer log line");
    kmdfsim_set_log_sink(NULL, NULL);
    check(strcmp(captured, "consumer log line") == 0, "kmdfsim_log_emit reaches the installed sink");

    if (failures != 0) {
        fprintf(stderr, "consumer: %d check(s) failed\n", failures);
        return 1;
    }
    printf("consumer: all checks passed\n");
    return 0;
}
