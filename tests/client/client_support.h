/*
 * client_support.h - what the WMI client tests share: the test driver
 * loaded with one or more started devices, a verifier log every test
 * checks, byte-image builders (offsets from kmdf-wmi-semantics.md §5.5,
 * written as numbers, never taken from the structures under test), and
 * small conversions.
 */
#ifndef CLIENT_SUPPORT_H
#define CLIENT_SUPPORT_H

#include <kmdfsim/cmocka.h>
#include <kmdfsim/kmdfsim.h>
#include <wmium.h>

#include <string.h>

#include "client_driver.h"

#define CS_MAX_DEVICES 4
#define CS_FROZEN_TIME 0x01DA2B3C4D5E6F70ll

extern kmdfsim_driver *cs_driver;
extern kmdfsim_device *cs_devices[CS_MAX_DEVICES];
extern ULONG cs_device_count;
extern kmdfsim_verifier_log cs_log;

/* Group setup/teardown: load the driver and add + start 1 or 2 devices (ROOT\SAMPLE\0000, 0001, ...). */
int cs_setup_one(void **state);
int cs_setup_two(void **state);
/* Unloads, then checks: no verifier report the test did not consume, no framework object left. */
int cs_teardown(void **state);
/* A test that expects verifier reports consumes them here (count and last rule). */
void cs_expect_reports(unsigned long errors, unsigned long warnings, const char *last_rule);

PCD_DEVICE cs_context(ULONG device);
WDFDEVICE cs_wdf(ULONG device);
ULONG cs_provider_id(ULONG device);

/* "<instance ID>_<index>" of device `device` into a static per-call slot (UTF-16 or UTF-8). */
const WCHAR *cs_wname(ULONG device, ULONG index);
const char *cs_name(ULONG device, ULONG index);
/* ASCII text as UTF-16, at most 127 characters (a small ring of static buffers). */
const WCHAR *cs_w(const char *text);

/* A writable copy of a GUID for the APIs that take LPGUID (a small ring of static slots). */
LPGUID cs_guid(const GUID *guid);

/* A NOTIFICATIONCALLBACK in the PVOID that DeliveryInfo is. */
PVOID cs_delivery(NOTIFICATIONCALLBACK callback);

/* ---- Byte images ---- */
void cs_put16(UCHAR *image, ULONG offset, USHORT value);
void cs_put32(UCHAR *image, ULONG offset, ULONG value);
void cs_put64(UCHAR *image, ULONG offset, ULONGLONG value);
void cs_put_guid(UCHAR *image, ULONG offset, const GUID *guid);
/* A counted name at `offset`: UTF-16 (wide) or 8-bit; returns the offset after it. */
ULONG cs_put_name(UCHAR *image, ULONG offset, const char *name, BOOLEAN wide);
/* Compares images and prints the first differing offset. */
void cs_assert_image(const void *actual, const void *expected, size_t size);

/* Runs one group per file; each returns cmocka's failure count. */
int cs_run_query_tests(void);
int cs_run_set_method_tests(void);
int cs_run_multi_tests(void);
int cs_run_event_tests(void);
int cs_run_kernel_tests(void);

#endif
