/*
 * ntstrsafe.c - the bounded string functions of ntstrsafe.h.
 *
 * Every A/W and Cch/Cb pair funnels into one worker per operation that
 * handles char and WCHAR strings alike (a `wide` flag picks the unit size),
 * so truncation and status rules exist in one place. The contract of each
 * family is in include/ntstrsafe.h.
 */
#include <ntstrsafe.h>

#include <string.h>

#include "rtl/format.h"
#include "rtl/rtl_internal.h"
#include "rtl/wstr.h"
#include "verifier/verifier_internal.h"

#define UNIT_SIZE(wide) ((wide) ? sizeof(WCHAR) : sizeof(char))

/* ---- Unit helpers -------------------------------------------------------- */

/* Length of a NUL-terminated string, reading at most `max` units. */
static size_t units_nlen(BOOLEAN wide, const void *s, size_t max)
{
    size_t n = 0;
    if (wide) {
        const WCHAR *w = (const WCHAR *)s;
        while (n < max && w[n] != 0)
            n++;
    } else {
        const char *c = (const char *)s;
        while (n < max && c[n] != '\0')
            n++;
    }
    return n;
}

static void put_nul(BOOLEAN wide, void *dest, size_t index)
{
    if (wide)
        ((WCHAR *)dest)[index] = UNICODE_NULL;
    else
        ((char *)dest)[index] = '\0';
}

/* Address of unit `index` of a string of either width. */
static void *unit_at(BOOLEAN wide, void *s, size_t index)
{
    return (char *)s + index * UNIT_SIZE(wide);
}

/* ---- Cch workers (the Cb functions convert their sizes and call these) --- */

static BOOLEAN dest_ok(const void *dest, size_t cch_dest)
{
    return (BOOLEAN)(dest != NULL && cch_dest != 0 && cch_dest <= NTSTRSAFE_MAX_CCH);
}

/*
 * Copies at most `cch_to_copy` units of `src` (fewer if it ends first) into
 * `dest`, truncating to cch_dest - 1 units; always NUL-terminates a valid
 * destination.
 */
static NTSTATUS copy_worker(BOOLEAN wide, void *dest, size_t cch_dest, const void *src, size_t cch_to_copy)
{
    if (!dest_ok(dest, cch_dest))
        return STATUS_INVALID_PARAMETER;
    if (src == NULL || cch_to_copy > NTSTRSAFE_MAX_CCH) {
        put_nul(wide, dest, 0);
        return STATUS_INVALID_PARAMETER;
    }
    /* Reading cch_dest units is enough to know whether the copy fits. */
    size_t limit = cch_to_copy < cch_dest ? cch_to_copy : cch_dest;
    size_t n = units_nlen(wide, src, limit);
    NTSTATUS status = STATUS_SUCCESS;
    if (n == cch_dest) {
        n = cch_dest - 1;
        status = STATUS_BUFFER_OVERFLOW;
    }
    memmove(dest, src, n * UNIT_SIZE(wide));
    put_nul(wide, dest, n);
    return status;
}

/* Appends `src` after the destination's current string; an unterminated destination is refused untouched. */
static NTSTATUS cat_worker(BOOLEAN wide, void *dest, size_t cch_dest, const void *src)
{
    if (!dest_ok(dest, cch_dest) || src == NULL)
        return STATUS_INVALID_PARAMETER;
    size_t used = units_nlen(wide, dest, cch_dest);
    if (used == cch_dest)
        return STATUS_INVALID_PARAMETER; /* no NUL within cchDest: "the destination buffer was already full" */
    return copy_worker(wide, unit_at(wide, dest, used), cch_dest - used, src, NTSTRSAFE_MAX_CCH);
}

static NTSTATUS length_worker(BOOLEAN wide, const void *psz, size_t cch_max, size_t *pcch_length)
{
    NTSTATUS status = STATUS_INVALID_PARAMETER;
    size_t n = 0;
    if (psz != NULL && cch_max <= NTSTRSAFE_MAX_CCH) {
        n = units_nlen(wide, psz, cch_max);
        if (n < cch_max)
            status = STATUS_SUCCESS;
        else
            n = 0;
    }
    if (pcch_length != NULL)
        *pcch_length = n;
    return status;
}

/* Formats into `dest`; on a refused format (%n, bad conversion) the destination is left empty. */
static NTSTATUS printf_worker(BOOLEAN wide, void *dest, size_t cch_dest, const void *format, va_list args,
                              const char *where)
{
    if (!dest_ok(dest, cch_dest))
        return STATUS_INVALID_PARAMETER;
    if (format == NULL) {
        put_nul(wide, dest, 0);
        return STATUS_INVALID_PARAMETER;
    }
    kmdfsim_fmt_result r;
    kmdfsim_rtl_vformat(wide, dest, cch_dest - 1, format, args, where, &r);
    if (r.refused) {
        put_nul(wide, dest, 0);
        return STATUS_INVALID_PARAMETER;
    }
    put_nul(wide, dest, r.stored);
    return r.needed > r.stored ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}

/* Byte sizes of W functions become character counts; anything beyond the limit stays invalid. */
static size_t cch_from_cb_w(size_t cb)
{
    return cb > (size_t)NTSTRSAFE_MAX_CCH * sizeof(WCHAR) ? (size_t)NTSTRSAFE_MAX_CCH + 1 : cb / sizeof(WCHAR);
}

/* ---- Cch functions ------------------------------------------------------- */

NTSTATUS NTAPI RtlStringCchCopyA(NTSTRSAFE_PSTR pszDest, size_t cchDest, NTSTRSAFE_PCSTR pszSrc)
{
    return copy_worker(FALSE, pszDest, cchDest, pszSrc, NTSTRSAFE_MAX_CCH);
}

NTSTATUS NTAPI RtlStringCchCopyW(NTSTRSAFE_PWSTR pszDest, size_t cchDest, NTSTRSAFE_PCWSTR pszSrc)
{
    return copy_worker(TRUE, pszDest, cchDest, pszSrc, NTSTRSAFE_MAX_CCH);
}

NTSTATUS NTAPI RtlStringCchCopyNA(NTSTRSAFE_PSTR pszDest, size_t cchDest, NTSTRSAFE_PCSTR pszSrc, size_t cchToCopy)
{
    return copy_worker(FALSE, pszDest, cchDest, pszSrc, cchToCopy);
}

NTSTATUS NTAPI RtlStringCchCopyNW(NTSTRSAFE_PWSTR pszDest, size_t cchDest, NTSTRSAFE_PCWSTR pszSrc, size_t cchToCopy)
{
    return copy_worker(TRUE, pszDest, cchDest, pszSrc, cchToCopy);
}

NTSTATUS NTAPI RtlStringCchCatA(NTSTRSAFE_PSTR pszDest, size_t cchDest, NTSTRSAFE_PCSTR pszSrc)
{
    return cat_worker(FALSE, pszDest, cchDest, pszSrc);
}

NTSTATUS NTAPI RtlStringCchCatW(NTSTRSAFE_PWSTR pszDest, size_t cchDest, NTSTRSAFE_PCWSTR pszSrc)
{
    return cat_worker(TRUE, pszDest, cchDest, pszSrc);
}

NTSTATUS NTAPI RtlStringCchLengthA(NTSTRSAFE_PCSTR psz, size_t cchMax, size_t *pcchLength)
{
    return length_worker(FALSE, psz, cchMax, pcchLength);
}

NTSTATUS NTAPI RtlStringCchLengthW(NTSTRSAFE_PCWSTR psz, size_t cchMax, size_t *pcchLength)
{
    return length_worker(TRUE, psz, cchMax, pcchLength);
}

NTSTATUS NTAPI RtlStringCchVPrintfA(NTSTRSAFE_PSTR pszDest, size_t cchDest, NTSTRSAFE_PCSTR pszFormat, va_list argList)
{
    return printf_worker(FALSE, pszDest, cchDest, pszFormat, argList, "RtlStringCchVPrintfA");
}

NTSTATUS NTAPI RtlStringCchVPrintfW(NTSTRSAFE_PWSTR pszDest, size_t cchDest, NTSTRSAFE_PCWSTR pszFormat, va_list argList)
{
    return printf_worker(TRUE, pszDest, cchDest, pszFormat, argList, "RtlStringCchVPrintfW");
}

NTSTATUS __cdecl RtlStringCchPrintfA(NTSTRSAFE_PSTR pszDest, size_t cchDest, NTSTRSAFE_PCSTR pszFormat, ...)
{
    va_list args;
    va_start(args, pszFormat);
    NTSTATUS status = printf_worker(FALSE, pszDest, cchDest, pszFormat, args, "RtlStringCchPrintfA");
    va_end(args);
    return status;
}

NTSTATUS __cdecl RtlStringCchPrintfW(NTSTRSAFE_PWSTR pszDest, size_t cchDest, NTSTRSAFE_PCWSTR pszFormat, ...)
{
    va_list args;
    va_start(args, pszFormat);
    NTSTATUS status = printf_worker(TRUE, pszDest, cchDest, pszFormat, args, "RtlStringCchPrintfW");
    va_end(args);
    return status;
}

/* ---- Cb functions -------------------------------------------------------- */

NTSTATUS NTAPI RtlStringCbCopyA(NTSTRSAFE_PSTR pszDest, size_t cbDest, NTSTRSAFE_PCSTR pszSrc)
{
    return copy_worker(FALSE, pszDest, cbDest, pszSrc, NTSTRSAFE_MAX_CCH);
}

NTSTATUS NTAPI RtlStringCbCopyW(NTSTRSAFE_PWSTR pszDest, size_t cbDest, NTSTRSAFE_PCWSTR pszSrc)
{
    return copy_worker(TRUE, pszDest, cch_from_cb_w(cbDest), pszSrc, NTSTRSAFE_MAX_CCH);
}

NTSTATUS NTAPI RtlStringCbCopyNA(NTSTRSAFE_PSTR pszDest, size_t cbDest, NTSTRSAFE_PCSTR pszSrc, size_t cbToCopy)
{
    return copy_worker(FALSE, pszDest, cbDest, pszSrc, cbToCopy);
}

NTSTATUS NTAPI RtlStringCbCopyNW(NTSTRSAFE_PWSTR pszDest, size_t cbDest, NTSTRSAFE_PCWSTR pszSrc, size_t cbToCopy)
{
    return copy_worker(TRUE, pszDest, cch_from_cb_w(cbDest), pszSrc, cch_from_cb_w(cbToCopy));
}

NTSTATUS NTAPI RtlStringCbCatA(NTSTRSAFE_PSTR pszDest, size_t cbDest, NTSTRSAFE_PCSTR pszSrc)
{
    return cat_worker(FALSE, pszDest, cbDest, pszSrc);
}

NTSTATUS NTAPI RtlStringCbCatW(NTSTRSAFE_PWSTR pszDest, size_t cbDest, NTSTRSAFE_PCWSTR pszSrc)
{
    return cat_worker(TRUE, pszDest, cch_from_cb_w(cbDest), pszSrc);
}

NTSTATUS NTAPI RtlStringCbLengthA(NTSTRSAFE_PCSTR psz, size_t cbMax, size_t *pcbLength)
{
    return length_worker(FALSE, psz, cbMax, pcbLength);
}

/* The length comes back in bytes, without the terminator. */
NTSTATUS NTAPI RtlStringCbLengthW(NTSTRSAFE_PCWSTR psz, size_t cbMax, size_t *pcbLength)
{
    size_t cch = 0;
    NTSTATUS status = length_worker(TRUE, psz, cch_from_cb_w(cbMax), &cch);
    if (pcbLength != NULL)
        *pcbLength = cch * sizeof(WCHAR);
    return status;
}

NTSTATUS NTAPI RtlStringCbVPrintfA(NTSTRSAFE_PSTR pszDest, size_t cbDest, NTSTRSAFE_PCSTR pszFormat, va_list argList)
{
    return printf_worker(FALSE, pszDest, cbDest, pszFormat, argList, "RtlStringCbVPrintfA");
}

NTSTATUS NTAPI RtlStringCbVPrintfW(NTSTRSAFE_PWSTR pszDest, size_t cbDest, NTSTRSAFE_PCWSTR pszFormat, va_list argList)
{
    return printf_worker(TRUE, pszDest, cch_from_cb_w(cbDest), pszFormat, argList, "RtlStringCbVPrintfW");
}

NTSTATUS __cdecl RtlStringCbPrintfA(NTSTRSAFE_PSTR pszDest, size_t cbDest, NTSTRSAFE_PCSTR pszFormat, ...)
{
    va_list args;
    va_start(args, pszFormat);
    NTSTATUS status = printf_worker(FALSE, pszDest, cbDest, pszFormat, args, "RtlStringCbPrintfA");
    va_end(args);
    return status;
}

NTSTATUS __cdecl RtlStringCbPrintfW(NTSTRSAFE_PWSTR pszDest, size_t cbDest, NTSTRSAFE_PCWSTR pszFormat, ...)
{
    va_list args;
    va_start(args, pszFormat);
    NTSTATUS status = printf_worker(TRUE, pszDest, cch_from_cb_w(cbDest), pszFormat, args, "RtlStringCbPrintfW");
    va_end(args);
    return status;
}

/* ---- UNICODE_STRING functions -------------------------------------------- */

/* The documented validity rules of RtlUnicodeStringValidate, for a non-NULL string. */
static BOOLEAN unicode_string_valid(const UNICODE_STRING *s)
{
    if (s->Length % sizeof(WCHAR) != 0 || s->MaximumLength % sizeof(WCHAR) != 0)
        return FALSE;
    if (s->Length > s->MaximumLength || s->MaximumLength > NTSTRSAFE_UNICODE_STRING_MAX_CCH * sizeof(WCHAR))
        return FALSE;
    return (BOOLEAN)(s->Buffer != NULL || (s->Length == 0 && s->MaximumLength == 0));
}

/*
 * Checks a UNICODE_STRING argument: NULL is STATUS_INVALID_PARAMETER (the
 * documented result); a malformed structure is also a driver bug and is
 * reported.
 */
static NTSTATUS check_unicode_string(const UNICODE_STRING *s, const char *where, const char *name)
{
    if (s == NULL)
        return STATUS_INVALID_PARAMETER;
    if (!unicode_string_valid(s)) {
        kmdfsim_verify_fail("INVALID_UNICODE_STRING", where, s,
                            "%s is not a valid UNICODE_STRING (Length %u, MaximumLength %u, Buffer %s)", name,
                            (unsigned)s->Length, (unsigned)s->MaximumLength, s->Buffer != NULL ? "set" : "NULL");
        return STATUS_INVALID_PARAMETER;
    }
    return STATUS_SUCCESS;
}

/* Writes `n` units at character `start` of the destination, as many as fit; sets Length. */
static NTSTATUS store_units(PUNICODE_STRING dest, size_t start, const WCHAR *src, size_t n)
{
    size_t capacity = dest->MaximumLength / sizeof(WCHAR);
    size_t room = capacity - start;
    size_t k = n < room ? n : room;
    if (k > 0)
        memmove(dest->Buffer + start, src, k * sizeof(WCHAR));
    dest->Length = (USHORT)((start + k) * sizeof(WCHAR));
    return k < n ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlUnicodeStringValidate(PCUNICODE_STRING SourceString)
{
    return SourceString != NULL && unicode_string_valid(SourceString) ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}

NTSTATUS NTAPI RtlUnicodeStringInit(PUNICODE_STRING DestinationString, NTSTRSAFE_PCWSTR pszSrc)
{
    if (DestinationString == NULL)
        return STATUS_INVALID_PARAMETER;
    DestinationString->Length = DestinationString->MaximumLength = 0;
    DestinationString->Buffer = NULL;
    if (pszSrc == NULL)
        return STATUS_SUCCESS;
    /* Length plus terminator must fit MaximumLength: at most 32766 characters. */
    size_t n = kmdfsim_wdk_wcsnlen(pszSrc, NTSTRSAFE_UNICODE_STRING_MAX_CCH);
    if (n >= NTSTRSAFE_UNICODE_STRING_MAX_CCH)
        return STATUS_INVALID_PARAMETER;
    DestinationString->Buffer = (PWCH)kmdfsim_rtl_unconst(pszSrc);
    DestinationString->Length = (USHORT)(n * sizeof(WCHAR));
    DestinationString->MaximumLength = (USHORT)((n + 1) * sizeof(WCHAR));
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlUnicodeStringCopy(PUNICODE_STRING DestinationString, PCUNICODE_STRING SourceString)
{
    NTSTATUS status = check_unicode_string(DestinationString, "RtlUnicodeStringCopy", "DestinationString");
    if (!NT_SUCCESS(status))
        return status;
    status = check_unicode_string(SourceString, "RtlUnicodeStringCopy", "SourceString");
    if (!NT_SUCCESS(status)) {
        DestinationString->Length = 0;
        return status;
    }
    return store_units(DestinationString, 0, SourceString->Buffer, SourceString->Length / sizeof(WCHAR));
}

NTSTATUS NTAPI RtlUnicodeStringCopyString(PUNICODE_STRING DestinationString, NTSTRSAFE_PCWSTR pszSrc)
{
    NTSTATUS status = check_unicode_string(DestinationString, "RtlUnicodeStringCopyString", "DestinationString");
    if (!NT_SUCCESS(status))
        return status;
    if (pszSrc == NULL) {
        DestinationString->Length = 0;
        return STATUS_INVALID_PARAMETER;
    }
    /* One unit past the capacity tells whether the source fits. */
    size_t n = kmdfsim_wdk_wcsnlen(pszSrc, DestinationString->MaximumLength / sizeof(WCHAR) + 1);
    return store_units(DestinationString, 0, pszSrc, n);
}

NTSTATUS NTAPI RtlUnicodeStringCat(PUNICODE_STRING DestinationString, PCUNICODE_STRING SourceString)
{
    NTSTATUS status = check_unicode_string(DestinationString, "RtlUnicodeStringCat", "DestinationString");
    if (NT_SUCCESS(status))
        status = check_unicode_string(SourceString, "RtlUnicodeStringCat", "SourceString");
    if (!NT_SUCCESS(status))
        return status;
    return store_units(DestinationString, DestinationString->Length / sizeof(WCHAR), SourceString->Buffer,
                       SourceString->Length / sizeof(WCHAR));
}

NTSTATUS NTAPI RtlUnicodeStringCatString(PUNICODE_STRING DestinationString, NTSTRSAFE_PCWSTR pszSrc)
{
    NTSTATUS status = check_unicode_string(DestinationString, "RtlUnicodeStringCatString", "DestinationString");
    if (!NT_SUCCESS(status))
        return status;
    if (pszSrc == NULL)
        return STATUS_INVALID_PARAMETER;
    size_t start = DestinationString->Length / sizeof(WCHAR);
    size_t room = DestinationString->MaximumLength / sizeof(WCHAR) - start;
    return store_units(DestinationString, start, pszSrc, kmdfsim_wdk_wcsnlen(pszSrc, room + 1));
}

/* Formats straight into the buffer: up to MaximumLength bytes, no terminator. */
static NTSTATUS unicode_printf_worker(PUNICODE_STRING dest, NTSTRSAFE_PCWSTR format, va_list args, const char *where)
{
    NTSTATUS status = check_unicode_string(dest, where, "DestinationString");
    if (!NT_SUCCESS(status))
        return status;
    if (format == NULL) {
        dest->Length = 0;
        return STATUS_INVALID_PARAMETER;
    }
    kmdfsim_fmt_result r;
    kmdfsim_rtl_vformat(TRUE, dest->Buffer, dest->MaximumLength / sizeof(WCHAR), format, args, where, &r);
    if (r.refused) {
        dest->Length = 0;
        return STATUS_INVALID_PARAMETER;
    }
    dest->Length = (USHORT)(r.stored * sizeof(WCHAR));
    return r.needed > r.stored ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlUnicodeStringVPrintf(PUNICODE_STRING DestinationString, NTSTRSAFE_PCWSTR pszFormat, va_list argList)
{
    return unicode_printf_worker(DestinationString, pszFormat, argList, "RtlUnicodeStringVPrintf");
}

NTSTATUS __cdecl RtlUnicodeStringPrintf(PUNICODE_STRING DestinationString, NTSTRSAFE_PCWSTR pszFormat, ...)
{
    va_list args;
    va_start(args, pszFormat);
    NTSTATUS status = unicode_printf_worker(DestinationString, pszFormat, args, "RtlUnicodeStringPrintf");
    va_end(args);
    return status;
}
