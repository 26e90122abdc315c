/*
 * runtime_tour.c - the kernel runtime a driver's WMI code leans on, run in
 * user space: pool allocations with tags and leak accounting, counted
 * UTF-16 strings, kernel-format debug output, the verifier catching a
 * driver bug, and status names for readable failures.
 *
 * The driver-side half (functions named like a driver's) uses only WDK
 * names; main() is the test harness and uses kmdfsim_* names.
 */
#include <ntddk.h>
#include <ntstrsafe.h>

#include <kmdfsim/kmdfsim.h>

#include <stdio.h>
#include <string.h>

#define TOUR_TAG 'ruoT'

/* ---- Driver-style code -------------------------------------------------- */

/* Builds "Sensor <n> (<location>)" in pool memory, as a driver would for a WMI string. */
static NTSTATUS BuildSensorName(ULONG Index, PCWSTR Location, PUNICODE_STRING Name)
{
    PWCHAR buffer = ExAllocatePool2(POOL_FLAG_NON_PAGED, 64 * sizeof(WCHAR), TOUR_TAG);
    if (buffer == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    Name->Buffer = buffer;
    Name->Length = 0;
    Name->MaximumLength = 64 * sizeof(WCHAR);
    NTSTATUS status = RtlUnicodeStringPrintf(Name, L"Sensor %u (%ws)", Index, Location);
    if (!NT_SUCCESS(status)) {
        ExFreePoolWithTag(buffer, TOUR_TAG);
        Name->Buffer = NULL;
    }
    return status;
}

static VOID ReportSensor(PCUNICODE_STRING Name, LONG TemperatureCentiC)
{
    DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_INFO_LEVEL, "tour: %wZ reads %d.%02d C\n", Name, TemperatureCentiC / 100,
               TemperatureCentiC % 100);
}

/* ---- Harness ------------------------------------------------------------ */

static void print_record(const kmdfsim_log_record *record, void *context)
{
    (void)context;
    printf("  [DbgPrintEx component %lu level %lu] %s", (unsigned long)record->component_id,
           (unsigned long)record->level, record->text);
}

int main(void)
{
    int failures = 0;
    printf("kmdfsim runtime tour\n\n1. Driver code formats a name into pool memory and prints it:\n");
    kmdfsim_set_log_sink(print_record, NULL);

    UNICODE_STRING name;
    NTSTATUS status = BuildSensorName(2, L"north wall", &name);
    printf("  BuildSensorName -> %s, Length %u bytes\n", kmdfsim_status_name(status), (unsigned)name.Length);
    failures += !NT_SUCCESS(status) || name.Length != 2 * (ULONG)strlen("Sensor 2 (north wall)");
    ReportSensor(&name, 2315);

    kmdfsim_pool_stats stats;
    kmdfsim_pool_tag_stats(TOUR_TAG, &stats);
    printf("\n2. Pool accounting for tag 'Tour': %llu live allocation(s), %llu bytes\n",
           (unsigned long long)stats.live_allocations, (unsigned long long)stats.live_bytes);
    failures += stats.live_allocations != 1;
    ExFreePoolWithTag(name.Buffer, TOUR_TAG);
    kmdfsim_pool_tag_stats(TOUR_TAG, &stats);
    printf("  after ExFreePoolWithTag: %llu live\n", (unsigned long long)stats.live_allocations);
    failures += stats.live_allocations != 0;

    printf("\n3. A driver bug (freeing the same block twice) is reported, not a crash:\n");
    kmdfsim_verifier_log log;
    memset(&log, 0, sizeof(log));
    kmdfsim_set_verifier_handler(kmdfsim_verifier_log_handler, &log);
    PVOID block = ExAllocatePool2(POOL_FLAG_NON_PAGED, 16, TOUR_TAG);
    ExFreePoolWithTag(block, TOUR_TAG);
    ExFreePoolWithTag(block, TOUR_TAG);
    kmdfsim_set_verifier_handler(NULL, NULL);
    printf("  verifier: [%s] in %s: %s\n", log.last_rule, log.last_where, log.last_message);
    failures += log.errors != 1 || strcmp(log.last_rule, "POOL_INVALID_FREE") != 0;

    printf("\n4. Status names for readable test failures:\n");
    printf("  0x%08X = %s\n", (unsigned)STATUS_WMI_READ_ONLY, kmdfsim_status_name(STATUS_WMI_READ_ONLY));
    printf("  0x%08X = %s\n", (unsigned)STATUS_WMI_INSTANCE_NOT_FOUND,
           kmdfsim_status_name(STATUS_WMI_INSTANCE_NOT_FOUND));

    kmdfsim_set_log_sink(NULL, NULL);
    printf("\n%s\n", failures == 0 ? "tour complete: all checks passed" : "tour FAILED");
    return failures == 0 ? 0 : 1;
}
