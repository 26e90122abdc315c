/*
 * wmi_irp_support.h - what the WMI IRP tests share: bringing the test
 * driver up and down, building WNODEs byte by byte (offsets from
 * kmdf-wmi-semantics.md §5.5, never from the structures under test),
 * sending them, comparing whole buffer images, and recording verifier
 * reports so each test can say exactly which ones it expects.
 */
#ifndef WMI_IRP_SUPPORT_H
#define WMI_IRP_SUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <kmdfsim/kmdfsim.h>

#include "wmi_irp_driver.h"

/* ---- Values the sender writes, so untouched fields can be recognised ---- */
#define WT_FILL 0xCDu                 /* every byte of a request buffer not otherwise set */
#define WT_CANARY 0x5Cu               /* bytes after BufferSize in the sender's allocation */
#define WT_CANARY_SIZE 64u
#define WT_HDR_PROVIDER_ID 0x00000777u
#define WT_HDR_HISTORICAL 0x1122334455667788ull
#define WT_HDR_TIMESTAMP 0x0102030405060708ull /* as sent; replaced only on success */
#define WT_HDR_CLIENT_CONTEXT 0xC11E4711u
#define WT_FROZEN_TIME 0x01DA2B3C4D5E6F70ll /* what KeQuerySystemTime answers during the tests */
#define WT_PRESET_STATUS STATUS_NOT_SUPPORTED
#define WT_PRESET_INFORMATION ((ULONG_PTR)0xA5A5A5A5u)

/* ---- WNODE offsets (§5.5) ---- */
#define WT_OFF_BUFFER_SIZE 0u
#define WT_OFF_PROVIDER_ID 4u
#define WT_OFF_HISTORICAL 8u
#define WT_OFF_TIMESTAMP 16u
#define WT_OFF_GUID 24u
#define WT_OFF_CLIENT_CONTEXT 40u
#define WT_OFF_FLAGS 44u
/* WNODE_ALL_DATA */
#define WT_AD_DATA_BLOCK_OFFSET 48u
#define WT_AD_INSTANCE_COUNT 52u
#define WT_AD_NAME_OFFSETS 56u
#define WT_AD_OFFSETS 60u
#define WT_SIZEOF_ALL_DATA 72u
/* WNODE_SINGLE_INSTANCE */
#define WT_SI_INSTANCE_NAME 48u
#define WT_SI_INSTANCE_INDEX 52u
#define WT_SI_DATA_BLOCK_OFFSET 56u
#define WT_SI_SIZE_DATA_BLOCK 60u
#define WT_SIZEOF_SINGLE_INSTANCE 64u
/* WNODE_SINGLE_ITEM and WNODE_METHOD_ITEM */
#define WT_IT_ITEM_ID 56u /* MethodId in a METHOD_ITEM */
#define WT_IT_DATA_BLOCK_OFFSET 60u
#define WT_IT_SIZE 64u /* SizeDataItem / SizeDataBlock */
#define WT_SIZEOF_ITEM 72u
/* WNODE_TOO_SMALL */
#define WT_TS_SIZE_NEEDED 48u
#define WT_SIZEOF_TOO_SMALL 56u
/* WMIREGINFOW / WMIREGGUIDW */
#define WT_RI_BUFFER_SIZE 0u
#define WT_RI_NEXT 4u
#define WT_RI_REGISTRY_PATH 8u
#define WT_RI_MOF_NAME 12u
#define WT_RI_GUID_COUNT 16u
#if defined(_WIN64) || UINTPTR_MAX > 0xFFFFFFFFu
#define WT_SIZEOF_REGINFO 24u
#define WT_SIZEOF_REGGUID 32u
#else
#define WT_SIZEOF_REGINFO 20u
#define WT_SIZEOF_REGGUID 28u
#endif
#define WT_RG_GUID 0u
#define WT_RG_FLAGS 16u
#define WT_RG_INSTANCE_COUNT 20u
#define WT_RG_PDO 24u

/* ---- GUIDs the tests use ---- */
extern const GUID WtGuidA;
extern const GUID WtGuidB;
extern const GUID WtGuidC;
extern const GUID WtGuidD;
extern const GUID WtGuidUnknown;

/* ---- Little-endian field access on raw bytes ---- */
void wt_put16(UCHAR *buffer, ULONG offset, USHORT value);
void wt_put32(UCHAR *buffer, ULONG offset, ULONG value);
void wt_put64(UCHAR *buffer, ULONG offset, ULONGLONG value);
void wt_put_guid(UCHAR *buffer, ULONG offset, const GUID *guid);
USHORT wt_get16(const UCHAR *buffer, ULONG offset);
ULONG wt_get32(const UCHAR *buffer, ULONG offset);
ULONGLONG wt_get64(const UCHAR *buffer, ULONG offset);
/* Writes Size bytes Pattern + k at Offset (what the driver's callbacks write). */
void wt_put_pattern(UCHAR *buffer, ULONG offset, ULONG size, UCHAR pattern);

/* ---- Request buffers ---- */
/* size + WT_CANARY_SIZE bytes: [0, size) WT_FILL, then the canary. Freed with wt_free. */
UCHAR *wt_alloc(ULONG size);
void wt_free(UCHAR *buffer);
/* A copy of the first `size` bytes (the expected image starts as the request). */
UCHAR *wt_clone(const UCHAR *buffer, ULONG size);
/* The WNODE_HEADER every test sends: BufferSize, the recognisable values above, `guid`, `flags`. */
void wt_header(UCHAR *buffer, ULONG buffer_size, const GUID *guid, ULONG flags);
/* WNODE_SINGLE_INSTANCE fields after the header. */
void wt_single(UCHAR *buffer, ULONG index, ULONG data_offset, ULONG size_data_block);
/* WNODE_SINGLE_ITEM / WNODE_METHOD_ITEM fields after the header. */
void wt_item(UCHAR *buffer, ULONG index, ULONG item_or_method_id, ULONG data_offset, ULONG size);

/* ---- Sending ---- */
/*
 * Sends one IRP_MJ_SYSTEM_CONTROL to the test device, addressed to its
 * device object (WdfDeviceWdmGetDeviceObject), with IoStatus preset to
 * WT_PRESET_STATUS / WT_PRESET_INFORMATION. *irp receives the completed IRP.
 */
NTSTATUS wt_send(UCHAR minor, const GUID *data_path, UCHAR *buffer, ULONG buffer_size, kmdfsim_wmi_irp *irp);
/* Same, with an explicit ProviderId and device. */
NTSTATUS wt_send_raw(kmdfsim_device *device, UCHAR minor, PVOID data_path, ULONG_PTR provider_id, UCHAR *buffer,
                     ULONG buffer_size, kmdfsim_wmi_irp *irp);

/* ---- Assertions ---- */
#define wt_assert_status(actual, expected) wt_assert_status_((NTSTATUS)(actual), (NTSTATUS)(expected), __FILE__, __LINE__)
void wt_assert_status_(NTSTATUS actual, NTSTATUS expected, const char *file, int line);
/* The IRP completed (not forwarded) with `status` and `information`; the dispatch routine returned `returned`. */
#define wt_assert_completion(irp, returned, status, information)                                                  \
    wt_assert_completion_((irp), (NTSTATUS)(returned), (NTSTATUS)(status), (ULONG_PTR)(information), __FILE__, __LINE__)
void wt_assert_completion_(const kmdfsim_wmi_irp *irp, NTSTATUS returned, NTSTATUS status, ULONG_PTR information,
                           const char *file, int line);
/* Byte-for-byte equality of two images; names the first differing offset. */
#define wt_assert_image(actual, expected, size) wt_assert_image_((actual), (expected), (size), __FILE__, __LINE__)
void wt_assert_image_(const UCHAR *actual, const UCHAR *expected, ULONG size, const char *file, int line);
/* The canary after `size` is intact. */
#define wt_assert_canary(buffer, size) wt_assert_canary_((buffer), (size), __FILE__, __LINE__)
void wt_assert_canary_(const UCHAR *buffer, ULONG size, const char *file, int line);
/* Rewrites an expected image's head as the WNODE_TOO_SMALL KMDF answers with (§3.4). */
void wt_expect_too_small(UCHAR *expected, ULONG size_needed);

/* ---- Verifier reports ---- */
#define WT_MAX_REPORTS 32
typedef struct wt_report {
    kmdfsim_verifier_severity severity;
    char rule[64];
    char where[96];
    char message[256];
} wt_report;
extern wt_report wt_reports[WT_MAX_REPORTS];
extern unsigned wt_report_count;
/* Asserts that exactly these reports were made since the last check (in order), then forgets them. */
typedef struct wt_expected_report {
    kmdfsim_verifier_severity severity;
    const char *rule;
    const char *where;
} wt_expected_report;
#define wt_expect_reports(...)                                                                                     \
    wt_expect_reports_((const wt_expected_report[]){__VA_ARGS__},                                                  \
                       sizeof((const wt_expected_report[]){__VA_ARGS__}) / sizeof(wt_expected_report), __FILE__, __LINE__)
void wt_expect_reports_(const wt_expected_report *expected, unsigned count, const char *file, int line);
#define wt_expect_no_reports() wt_expect_reports_(NULL, 0, __FILE__, __LINE__)

/* ---- Fixture ---- */
extern kmdfsim_driver *wt_driver;
extern kmdfsim_device *wt_device;
/* cmocka setup: clears WmiTest, installs the report recorder, freezes the clock. */
int wt_setup(void **state);
/* cmocka teardown: unloads the driver if loaded; no objects left, no report unaccounted for. */
int wt_teardown(void **state);
/* Loads the driver, adds the device described by WmiTest (asserting success) and, if `start`, starts it. */
void wt_bring_up(BOOLEAN start);
/* Removes the device and unloads the driver. */
void wt_bring_down(void);

/* A provider/instance layout in one line. */
void wt_provider(ULONG index, const GUID *guid, ULONG flags, ULONG min_size, BOOLEAN function_control);
void wt_instance(ULONG index, ULONG provider, ULONG callbacks, BOOLEAN reg);
/* An instance with a query callback answering `size` bytes of pattern `pattern`. */
void wt_query_instance(ULONG index, ULONG provider, ULONG size, UCHAR pattern);

/* Callbacks of every kind the driver received since setup (query, set, set item, execute, function control). */
ULONG wt_callback_count(void);

/*
 * The simulated WMI kernel's copy of the test device's registration (its
 * last REGINFO_EX answer, refreshed at start and on every UPDATE_GUIDS):
 * the WMIREG flags of `guid` and, in *instances, its InstanceCount.
 */
ULONG wt_kernel_guid(const GUID *guid, ULONG *instances);
/* How many IoWMIRegistrationControl(UPDATE_GUIDS) calls the test device has made. */
ULONG wt_kernel_update_calls(void);

/* ---- The test groups ---- */
int wt_run_prologue_tests(void);
int wt_run_query_all_data_tests(void);
int wt_run_query_single_tests(void);
int wt_run_set_tests(void);
int wt_run_execute_tests(void);
int wt_run_enable_disable_tests(void);
int wt_run_reginfo_tests(void);
int wt_run_guard_reentry_tests(void);

#endif
