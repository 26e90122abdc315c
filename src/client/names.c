/*
 * names.c - WMI instance names: "<device instance ID>_<index>" (KMDF
 * registers WMIREG_FLAG_INSTANCE_PDO; see docs/differences-from-kmdf.md),
 * the counted strings WNODEs carry them in, the text conversions, and the
 * name APIs (WmiDevInstToInstanceName{A,W}, IoWMIDeviceObjectToInstanceName,
 * IoWMIHandleToInstanceName) plus the harness helpers.
 *
 * Inside the WMI kernel names are UTF-8. Requests to drivers carry UTF-16
 * counted strings; replies to the A APIs carry 8-bit counted strings with
 * WNODE_FLAG_ANSI_INSTANCENAMES, and kmdfsim's "ANSI" is UTF-8 (instance IDs
 * are ASCII in practice, where the two agree).
 */
#include "client/wmi_client.h"

#include "device/device.h"
#include "kernel/irql.h"
#include "rtl/rtl_internal.h"
#include "verifier/verifier_internal.h"

#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#endif

/* ---- Text ---------------------------------------------------------------- */

char *kmdfsim_wmik_strndup(const char *text, size_t length)
{
    char *copy = malloc(length + 1);
    if (copy != NULL) {
        if (length > 0)
            memcpy(copy, text, length);
        copy[length] = '\0';
    }
    return copy;
}

char *kmdfsim_wmik_utf16_to_utf8(const WCHAR *text, size_t units, size_t *length)
{
    size_t bytes = 0;
    for (size_t pos = 0; pos < units;) {
        char tmp[4];
        bytes += kmdfsim_utf8_encode(kmdfsim_utf16_decode(text, units, &pos), tmp);
    }
    char *out = malloc(bytes + 1);
    if (out == NULL)
        return NULL;
    size_t n = 0;
    for (size_t pos = 0; pos < units;)
        n += kmdfsim_utf8_encode(kmdfsim_utf16_decode(text, units, &pos), out + n);
    out[n] = '\0';
    if (length != NULL)
        *length = n;
    return out;
}

size_t kmdfsim_wmik_utf8_to_utf16(const char *text, size_t length, WCHAR *out, size_t capacity)
{
    size_t units = 0;
    for (size_t pos = 0; pos < length;) {
        WCHAR pair[2];
        size_t n = kmdfsim_utf16_encode(kmdfsim_utf8_decode(text, length, &pos), pair);
        for (size_t i = 0; i < n; i++, units++)
            if (out != NULL && units < capacity)
                out[units] = pair[i];
    }
    return units;
}

/* ---- Consumers' names ---------------------------------------------------- */

NTSTATUS kmdfsim_wmik_name_arg_ansi(kmdfsim_wmik_name_arg *arg, LPCSTR name)
{
    arg->heap = NULL;
    arg->text = name;
    arg->length = 0;
    if (name == NULL)
        return STATUS_INVALID_PARAMETER;
    arg->length = strlen(name);
    return STATUS_SUCCESS;
}

NTSTATUS kmdfsim_wmik_name_arg_wide(kmdfsim_wmik_name_arg *arg, LPCWSTR name)
{
    arg->heap = NULL;
    arg->text = NULL;
    arg->length = 0;
    if (name == NULL)
        return STATUS_INVALID_PARAMETER;
    size_t units = 0;
    BOOLEAN ascii = TRUE;
    for (; name[units] != 0; units++)
        ascii = ascii && name[units] < 0x80;
    if (ascii && units < sizeof(arg->local)) {
        /* The usual case, without a conversion pass or an allocation. */
        for (size_t i = 0; i < units; i++)
            arg->local[i] = (char)name[i];
        arg->local[units] = '\0';
        arg->text = arg->local;
        arg->length = units;
        return STATUS_SUCCESS;
    }
    arg->heap = kmdfsim_wmik_utf16_to_utf8(name, units, &arg->length);
    arg->text = arg->heap;
    return arg->heap != NULL ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES;
}

void kmdfsim_wmik_name_arg_free(kmdfsim_wmik_name_arg *arg)
{
    if (arg->heap != NULL)
        free(arg->heap);
    arg->heap = NULL;
    arg->text = NULL;
}

/* ---- Names ----------------------------------------------------------------- */

size_t kmdfsim_wmik_format_name(const char *instance_id, ULONG index, char *out, size_t size)
{
    /* By hand rather than snprintf: this runs on every single-instance request and event. */
    char digits[10];
    size_t ndigits = 0;
    do {
        digits[ndigits++] = (char)('0' + index % 10);
        index /= 10;
    } while (index != 0);
    size_t id_length = strlen(instance_id);
    size_t total = id_length + 1 + ndigits;
    if (out == NULL || size == 0)
        return total;
    size_t room = size - 1; /* for the NUL */
    size_t n = id_length < room ? id_length : room;
    memcpy(out, instance_id, n);
    size_t at = n;
    if (at < room)
        out[at++] = '_';
    for (size_t i = ndigits; i > 0 && at < room; i--)
        out[at++] = digits[i - 1];
    out[at] = '\0';
    return total;
}

char *kmdfsim_wmik_make_name(const char *instance_id, ULONG index, size_t *length)
{
    size_t n = kmdfsim_wmik_format_name(instance_id, index, NULL, 0);
    char *name = malloc(n + 1);
    if (name == NULL)
        return NULL;
    kmdfsim_wmik_format_name(instance_id, index, name, n + 1);
    if (length != NULL)
        *length = n;
    return name;
}

BOOLEAN kmdfsim_wmik_parse_name(const char *name, size_t length, size_t *prefix_length, ULONG *index)
{
    size_t underscore = length;
    for (size_t i = length; i > 0; i--) {
        if (name[i - 1] == '_') {
            underscore = i - 1;
            break;
        }
    }
    if (underscore == length || underscore == 0)
        return FALSE;
    size_t digits = length - underscore - 1;
    const char *d = name + underscore + 1;
    /* Canonical decimal only: "0", or no leading zero; at most ULONG. */
    if (digits == 0 || digits > 10 || (digits > 1 && d[0] == '0'))
        return FALSE;
    uint64_t value = 0;
    for (size_t i = 0; i < digits; i++) {
        if (d[i] < '0' || d[i] > '9')
            return FALSE;
        value = value * 10 + (uint64_t)(d[i] - '0');
    }
    if (value > 0xFFFFFFFFu)
        return FALSE;
    *prefix_length = underscore;
    *index = (ULONG)value;
    return TRUE;
}

static char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

int kmdfsim_wmik_compare_id(const char *a, size_t a_length, const char *b)
{
    if (strlen(b) != a_length)
        return 0;
    if (memcmp(a, b, a_length) == 0)
        return 2; /* consumers usually spell the name as WMI gave it */
    for (size_t i = 0; i < a_length; i++)
        if (ascii_lower(a[i]) != ascii_lower(b[i]))
            return 0;
    return 1;
}

BOOLEAN kmdfsim_wmik_same_id(const char *a, size_t a_length, const char *b)
{
    return kmdfsim_wmik_compare_id(a, a_length, b) != 0;
}

/*
 * Names are converted on every request, so the two loops below go 16 bytes
 * at a time where the compiler offers SSE2 (every x86-64 target), a word
 * at a time elsewhere.
 */
#if defined(__SSE2__) || defined(_M_X64)
#define KMDFSIM_NAMES_SSE2 1
#else
#define KMDFSIM_NAMES_SSE2 0
#endif

/* TRUE when every byte is 7-bit ASCII (each then is one UTF-16 unit): instance IDs in practice. */
static BOOLEAN is_ascii(const char *name, size_t length)
{
    size_t i = 0;
#if KMDFSIM_NAMES_SSE2
    for (; i + 16 <= length; i += 16)
        if (_mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(const void *)(name + i))) != 0)
            return FALSE;
#endif
    uint64_t any = 0;
    for (; i + 8 <= length; i += 8) {
        uint64_t word;
        memcpy(&word, name + i, sizeof(word));
        any |= word;
    }
    for (; i < length; i++)
        any |= (unsigned char)name[i];
    return (any & 0x8080808080808080ull) == 0;
}

#if defined(_MSC_VER) || (defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__)
#define KMDFSIM_HOST_LITTLE_ENDIAN 1
#else
#define KMDFSIM_HOST_LITTLE_ENDIAN 0
#endif

/* Widens ASCII to UTF-16 at a possibly unaligned `out` (the fast paths only where the host is little-endian). */
static void widen_ascii(UCHAR *out, const char *name, size_t length)
{
    size_t i = 0;
#if KMDFSIM_NAMES_SSE2
    const __m128i zero = _mm_setzero_si128();
    for (; i + 16 <= length; i += 16) {
        __m128i bytes = _mm_loadu_si128((const __m128i *)(const void *)(name + i));
        _mm_storeu_si128((__m128i *)(void *)(out + 2 * i), _mm_unpacklo_epi8(bytes, zero));
        _mm_storeu_si128((__m128i *)(void *)(out + 2 * i + 16), _mm_unpackhi_epi8(bytes, zero));
    }
#endif
#if KMDFSIM_HOST_LITTLE_ENDIAN
    for (; i + 4 <= length; i += 4) {
        uint64_t units = (uint64_t)(UCHAR)name[i] | (uint64_t)(UCHAR)name[i + 1] << 16 |
                         (uint64_t)(UCHAR)name[i + 2] << 32 | (uint64_t)(UCHAR)name[i + 3] << 48;
        memcpy(out + 2 * i, &units, sizeof(units));
    }
#endif
    for (; i < length; i++) {
        WCHAR unit = (UCHAR)name[i]; /* in host order, as every other UTF-16 kmdfsim writes */
        memcpy(out + 2 * i, &unit, sizeof(unit));
    }
}

ULONG kmdfsim_wmik_counted_chars(const char *name, size_t length, kmdfsim_wmik_charset charset)
{
    if (charset == KMDFSIM_WMIK_ANSI)
        return (ULONG)length;
    if (is_ascii(name, length))
        return (ULONG)(length * sizeof(WCHAR));
    return (ULONG)(kmdfsim_wmik_utf8_to_utf16(name, length, NULL, 0) * sizeof(WCHAR));
}

ULONG kmdfsim_wmik_write_counted(UCHAR *out, const char *name, size_t length, kmdfsim_wmik_charset charset)
{
    UCHAR *chars = out + sizeof(USHORT);
    if (charset == KMDFSIM_WMIK_ANSI) {
        USHORT counted = (USHORT)length;
        memcpy(out, &counted, sizeof(USHORT));
        if (length > 0)
            memcpy(chars, name, length);
        return (ULONG)(sizeof(USHORT) + length);
    }
    BOOLEAN ascii = is_ascii(name, length);
    ULONG bytes = ascii ? (ULONG)(length * sizeof(WCHAR)) : kmdfsim_wmik_counted_chars(name, length, charset);
    USHORT counted = (USHORT)bytes;
    memcpy(out, &counted, sizeof(USHORT));
    if (ascii) {
        widen_ascii(chars, name, length);
    } else {
        for (size_t pos = 0, unit = 0; pos < length;) {
            WCHAR pair[2];
            size_t n = kmdfsim_utf16_encode(kmdfsim_utf8_decode(name, length, &pos), pair);
            for (size_t i = 0; i < n; i++, unit++)
                memcpy(chars + unit * sizeof(WCHAR), &pair[i], sizeof(WCHAR));
        }
    }
    return (ULONG)sizeof(USHORT) + bytes;
}

/* ---- Harness helpers --------------------------------------------------------- */

size_t kmdfsim_wmi_instance_name(const kmdfsim_device *device, ULONG index, char *buffer, size_t size)
{
    if (device == NULL || device->instance_id == NULL) {
        if (buffer != NULL && size > 0)
            buffer[0] = '\0';
        return 0;
    }
    return kmdfsim_wmik_format_name(device->instance_id, index, buffer, buffer != NULL ? size : 0);
}

size_t kmdfsim_wmi_instance_name_w(const kmdfsim_device *device, ULONG index, WCHAR *buffer, size_t count)
{
    if (buffer != NULL && count > 0)
        buffer[0] = 0;
    if (device == NULL || device->instance_id == NULL)
        return 0;
    size_t length = 0;
    char *name = kmdfsim_wmik_make_name(device->instance_id, index, &length);
    if (name == NULL)
        return 0;
    size_t units = kmdfsim_wmik_utf8_to_utf16(name, length, buffer, count > 0 ? count - 1 : 0);
    if (buffer != NULL && count > 0)
        buffer[units < count - 1 ? units : count - 1] = 0;
    free(name);
    return units;
}

HANDLE kmdfsim_wmi_device_file_handle(const kmdfsim_device *device)
{
    return device != NULL ? (HANDLE)(uintptr_t)&device->pdo : NULL;
}

/* The device a kmdfsim file handle (kmdfsim_wmi_device_file_handle) stands for. */
static kmdfsim_device *device_from_file_handle(HANDLE handle)
{
    return handle != NULL ? kmdfsim_device_from_wdm((const DEVICE_OBJECT *)handle) : NULL;
}

/* ---- WmiDevInstToInstanceName ------------------------------------------------- */

ULONG WMIAPI WmiDevInstToInstanceNameA(PCHAR InstanceName, ULONG InstanceNameLength, PCHAR DevInst, ULONG InstanceIndex)
{
    if (DevInst == NULL)
        return kmdfsim_wmik_win32_result(STATUS_INVALID_PARAMETER);
    size_t needed = kmdfsim_wmik_format_name(DevInst, InstanceIndex, NULL, 0) + 1;
    if (InstanceName == NULL || InstanceNameLength < needed)
        return kmdfsim_wmik_win32_result(STATUS_BUFFER_TOO_SMALL);
    kmdfsim_wmik_format_name(DevInst, InstanceIndex, InstanceName, InstanceNameLength);
    return kmdfsim_wmik_win32_result(STATUS_SUCCESS);
}

ULONG WMIAPI WmiDevInstToInstanceNameW(PWCHAR InstanceName, ULONG InstanceNameLength, PWCHAR DevInst, ULONG InstanceIndex)
{
    if (DevInst == NULL)
        return kmdfsim_wmik_win32_result(STATUS_INVALID_PARAMETER);
    size_t units = 0;
    while (DevInst[units] != 0)
        units++;
    char *id = kmdfsim_wmik_utf16_to_utf8(DevInst, units, NULL);
    if (id == NULL)
        return kmdfsim_wmik_win32_result(STATUS_INSUFFICIENT_RESOURCES);
    size_t length = 0;
    char *name = kmdfsim_wmik_make_name(id, InstanceIndex, &length);
    free(id);
    if (name == NULL)
        return kmdfsim_wmik_win32_result(STATUS_INSUFFICIENT_RESOURCES);
    size_t needed = kmdfsim_wmik_utf8_to_utf16(name, length, NULL, 0) + 1;
    NTSTATUS status = STATUS_BUFFER_TOO_SMALL;
    if (InstanceName != NULL && InstanceNameLength >= needed) {
        kmdfsim_wmik_utf8_to_utf16(name, length, InstanceName, needed - 1);
        InstanceName[needed - 1] = 0;
        status = STATUS_SUCCESS;
    }
    free(name);
    return kmdfsim_wmik_win32_result(status);
}

/* ---- Kernel mode: names as pool-allocated UNICODE_STRINGs -------------------------- */

#define KMDFSIM_WMI_NAME_TAG ((ULONG)'W' | ((ULONG)'m' << 8) | ((ULONG)'i' << 16) | ((ULONG)'N' << 24))

/* The name of the device's first instance of the object's GUID, in pool the caller frees. */
static NTSTATUS device_instance_name(PVOID DataBlockObject, const kmdfsim_device *device, PUNICODE_STRING InstanceName,
                                     const char *ddi)
{
    GUID guid;
    NTSTATUS status = kmdfsim_wmik_handle_guid(DataBlockObject, TRUE, 0, &guid);
    if (!NT_SUCCESS(status)) {
        kmdfsim_verify_fail("INVALID_HANDLE", ddi, DataBlockObject, "not a WMI data block object IoWMIOpenBlock returned");
        return status;
    }
    char *id = NULL;
    ULONG count = 0;
    status = kmdfsim_wmik_registry_device_instances(&guid, device, &id, &count);
    if (status == STATUS_WMI_GUID_NOT_FOUND)
        status = STATUS_WMI_INSTANCE_NOT_FOUND; /* the documented answer: "the driver implements no instance" */
    if (!NT_SUCCESS(status))
        return status;
    size_t length = 0;
    char *name = kmdfsim_wmik_make_name(id, 0, &length);
    free(id);
    if (name == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    size_t units = kmdfsim_wmik_utf8_to_utf16(name, length, NULL, 0);
    if (units > KMDFSIM_WMIK_NAME_LIMIT) {
        free(name);
        return STATUS_INVALID_PARAMETER;
    }
    WCHAR *buffer = ExAllocatePool2(POOL_FLAG_PAGED, (units + 1) * sizeof(WCHAR), KMDFSIM_WMI_NAME_TAG);
    if (buffer == NULL) {
        free(name);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    kmdfsim_wmik_utf8_to_utf16(name, length, buffer, units);
    buffer[units] = 0;
    free(name);
    InstanceName->Buffer = buffer;
    InstanceName->Length = (USHORT)(units * sizeof(WCHAR));
    InstanceName->MaximumLength = (USHORT)((units + 1) * sizeof(WCHAR));
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI IoWMIDeviceObjectToInstanceName(PVOID DataBlockObject, PDEVICE_OBJECT DeviceObject,
                                               PUNICODE_STRING InstanceName)
{
    if (!kmdfsim_irql_check_max(PASSIVE_LEVEL, "IoWMIDeviceObjectToInstanceName"))
        return STATUS_INVALID_DEVICE_REQUEST;
    if (InstanceName == NULL) {
        kmdfsim_verify_fail("NULL_PARAMETER", "IoWMIDeviceObjectToInstanceName", NULL, "InstanceName is NULL");
        return STATUS_INVALID_PARAMETER;
    }
    kmdfsim_device *device = kmdfsim_device_from_wdm(DeviceObject);
    if (device == NULL) {
        kmdfsim_verify_fail("INVALID_DEVICE_OBJECT", "IoWMIDeviceObjectToInstanceName", DeviceObject,
                            "not a device object kmdfsim created");
        return STATUS_INVALID_PARAMETER;
    }
    return device_instance_name(DataBlockObject, device, InstanceName, "IoWMIDeviceObjectToInstanceName");
}

NTSTATUS NTAPI IoWMIHandleToInstanceName(PVOID DataBlockObject, HANDLE FileHandle, PUNICODE_STRING InstanceName)
{
    if (!kmdfsim_irql_check_max(APC_LEVEL, "IoWMIHandleToInstanceName"))
        return STATUS_INVALID_DEVICE_REQUEST;
    if (InstanceName == NULL) {
        kmdfsim_verify_fail("NULL_PARAMETER", "IoWMIHandleToInstanceName", NULL, "InstanceName is NULL");
        return STATUS_INVALID_PARAMETER;
    }
    kmdfsim_device *device = device_from_file_handle(FileHandle);
    if (device == NULL)
        return STATUS_INVALID_HANDLE;
    return device_instance_name(DataBlockObject, device, InstanceName, "IoWMIHandleToInstanceName");
}

/* ---- WmiFileHandleToInstanceName: every instance of the device, as a MULTI_SZ ------ */

static ULONG file_handle_names(WMIHANDLE DataBlockHandle, HANDLE FileHandle, ULONG *NumberCharacters, void *names,
                               BOOLEAN wide)
{
    if (NumberCharacters == NULL)
        return kmdfsim_wmik_win32_result(STATUS_INVALID_PARAMETER);
    GUID guid;
    NTSTATUS status = kmdfsim_wmik_handle_guid(DataBlockHandle, FALSE, WMIGUID_QUERY, &guid);
    if (!NT_SUCCESS(status))
        return kmdfsim_wmik_win32_result(status);
    kmdfsim_device *device = device_from_file_handle(FileHandle);
    if (device == NULL)
        return kmdfsim_wmik_win32_result(STATUS_INVALID_HANDLE);
    char *id = NULL;
    ULONG count = 0;
    status = kmdfsim_wmik_registry_device_instances(&guid, device, &id, &count);
    if (!NT_SUCCESS(status))
        return kmdfsim_wmik_win32_result(status);
    /* Characters: each name and its NUL, then the list's final NUL. */
    size_t total = 1;
    for (ULONG i = 0; i < count; i++) {
        size_t length = 0;
        char *name = kmdfsim_wmik_make_name(id, i, &length);
        if (name == NULL) {
            free(id);
            return kmdfsim_wmik_win32_result(STATUS_INSUFFICIENT_RESOURCES);
        }
        total += (wide ? kmdfsim_wmik_utf8_to_utf16(name, length, NULL, 0) : length) + 1;
        free(name);
    }
    if (names == NULL || *NumberCharacters < total) {
        *NumberCharacters = (ULONG)total;
        free(id);
        return kmdfsim_wmik_win32_result(STATUS_BUFFER_TOO_SMALL);
    }
    size_t at = 0;
    for (ULONG i = 0; i < count; i++) {
        size_t length = 0;
        char *name = kmdfsim_wmik_make_name(id, i, &length);
        if (name == NULL) {
            free(id);
            return kmdfsim_wmik_win32_result(STATUS_INSUFFICIENT_RESOURCES);
        }
        if (wide) {
            WCHAR *w = names;
            at += kmdfsim_wmik_utf8_to_utf16(name, length, w + at, total - at);
            w[at++] = 0;
        } else {
            char *a = names;
            memcpy(a + at, name, length);
            at += length;
            a[at++] = '\0';
        }
        free(name);
    }
    if (wide)
        ((WCHAR *)names)[at++] = 0;
    else
        ((char *)names)[at++] = '\0';
    *NumberCharacters = (ULONG)at;
    free(id);
    return kmdfsim_wmik_win32_result(STATUS_SUCCESS);
}

ULONG WMIAPI WmiFileHandleToInstanceNameA(WMIHANDLE DataBlockHandle, HANDLE FileHandle, ULONG *NumberCharacters,
                                          PCHAR InstanceNames)
{
    return file_handle_names(DataBlockHandle, FileHandle, NumberCharacters, InstanceNames, FALSE);
}

ULONG WMIAPI WmiFileHandleToInstanceNameW(WMIHANDLE DataBlockHandle, HANDLE FileHandle, ULONG *NumberCharacters,
                                          PWCHAR InstanceNames)
{
    return file_handle_names(DataBlockHandle, FileHandle, NumberCharacters, InstanceNames, TRUE);
}
