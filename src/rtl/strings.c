/*
 * strings.c - counted-string routines of the run-time library that need no
 * pool: initialisation, copy, comparison, append, integer conversions and
 * the memory helpers.
 *
 * Counted strings carry their length in bytes and need no terminator, so
 * every routine here reads exactly Length bytes of a source. A source that
 * cannot be read that way (Length > MaximumLength, odd Length, no Buffer) is
 * a driver bug: it is reported through the verifier and treated as empty
 * rather than read past its end. Where these routines write a terminating
 * NUL after the copied text they do so only when MaximumLength leaves room
 * for it, as Windows does.
 */
#include <wdm.h>

#include "rtl/rtl_internal.h"
#include "rtl/wstr.h"
#include "verifier/verifier_internal.h"

/* Reports a NULL pointer that the routine's contract does not allow. */
static void report_null(const char *where, const char *what)
{
    kmdfsim_verify_fail("NULL_POINTER", where, NULL, "%s is NULL", what);
}

BOOLEAN kmdfsim_rtl_unicode_string_readable(const UNICODE_STRING *s)
{
    if (s->Length % sizeof(WCHAR) != 0 || s->Length > s->MaximumLength)
        return FALSE;
    return (BOOLEAN)(s->Buffer != NULL || s->Length == 0);
}

size_t kmdfsim_rtl_unicode_string_chars(const UNICODE_STRING *s, const char *where)
{
    if (s == NULL)
        return 0;
    if (!kmdfsim_rtl_unicode_string_readable(s)) {
        kmdfsim_verify_fail("INVALID_UNICODE_STRING", where, s,
                            "malformed UNICODE_STRING (Length %u, MaximumLength %u, Buffer %s)", (unsigned)s->Length,
                            (unsigned)s->MaximumLength, s->Buffer != NULL ? "set" : "NULL");
        return 0;
    }
    return s->Length / sizeof(WCHAR);
}

/*
 * TRUE when `s` can take writes into Buffer[0 .. MaximumLength/2): a
 * Buffer is present whenever MaximumLength is nonzero, and the current
 * Length is within it. A malformed destination is reported.
 */
static BOOLEAN writable_destination(const UNICODE_STRING *s, const char *where)
{
    if ((s->Buffer == NULL && s->MaximumLength != 0) || s->Length > s->MaximumLength || s->Length % sizeof(WCHAR) != 0) {
        kmdfsim_verify_fail("INVALID_UNICODE_STRING", where, s,
                            "malformed destination UNICODE_STRING (Length %u, MaximumLength %u, Buffer %s)",
                            (unsigned)s->Length, (unsigned)s->MaximumLength, s->Buffer != NULL ? "set" : "NULL");
        return FALSE;
    }
    return TRUE;
}

/* Writes a NUL after the first Length bytes when MaximumLength has room for it. */
static void terminate_if_room(UNICODE_STRING *s)
{
    if ((size_t)s->Length + sizeof(WCHAR) <= s->MaximumLength)
        s->Buffer[s->Length / sizeof(WCHAR)] = UNICODE_NULL;
}

/* ---- Initialisation ----------------------------------------------------- */

/*
 * Longest string RtlInitUnicodeString describes exactly: its MaximumLength
 * (Length plus the terminator) must fit the USHORT, i.e. 0xfffc + 2 bytes.
 */
#define MAX_INIT_UNICODE_BYTES 0xfffcu

VOID NTAPI RtlInitUnicodeString(PUNICODE_STRING DestinationString, PCWSTR SourceString)
{
    if (DestinationString == NULL) {
        report_null("RtlInitUnicodeString", "DestinationString");
        return;
    }
    DestinationString->Buffer = (PWCH)kmdfsim_rtl_unconst(SourceString);
    if (SourceString == NULL) {
        DestinationString->Length = DestinationString->MaximumLength = 0;
        return;
    }
    /* Counting stops at the clamp so a missing terminator cannot make us walk far. */
    size_t bytes = kmdfsim_wdk_wcsnlen(SourceString, MAX_INIT_UNICODE_BYTES / sizeof(WCHAR) + 1) * sizeof(WCHAR);
    if (bytes > MAX_INIT_UNICODE_BYTES) {
        /* Documented clamp: Length MAX_USTRING - 2, MaximumLength MAX_USTRING (0xfffe). */
        DestinationString->Length = (USHORT)MAX_INIT_UNICODE_BYTES;
        DestinationString->MaximumLength = (USHORT)(MAX_INIT_UNICODE_BYTES + sizeof(WCHAR));
        return;
    }
    DestinationString->Length = (USHORT)bytes;
    DestinationString->MaximumLength = (USHORT)(bytes + sizeof(WCHAR));
}

/* As RtlInitUnicodeString, but a string too long to describe fails with STATUS_NAME_TOO_LONG and an empty result. */
NTSTATUS NTAPI RtlInitUnicodeStringEx(PUNICODE_STRING DestinationString, PCWSTR SourceString)
{
    if (DestinationString == NULL) {
        report_null("RtlInitUnicodeStringEx", "DestinationString");
        return STATUS_INVALID_PARAMETER;
    }
    if (SourceString != NULL &&
        kmdfsim_wdk_wcsnlen(SourceString, MAX_INIT_UNICODE_BYTES / sizeof(WCHAR) + 1) * sizeof(WCHAR) >
            MAX_INIT_UNICODE_BYTES) {
        DestinationString->Length = DestinationString->MaximumLength = 0;
        DestinationString->Buffer = NULL;
        return STATUS_NAME_TOO_LONG;
    }
    RtlInitUnicodeString(DestinationString, SourceString);
    return STATUS_SUCCESS;
}

/* 8-bit strings: Length at most 0xfffe so that MaximumLength (with the NUL) fits. */
VOID NTAPI RtlInitString(PSTRING DestinationString, PCSZ SourceString)
{
    if (DestinationString == NULL) {
        report_null("RtlInitString", "DestinationString");
        return;
    }
    DestinationString->Buffer = (PCHAR)kmdfsim_rtl_unconst(SourceString);
    if (SourceString == NULL) {
        DestinationString->Length = DestinationString->MaximumLength = 0;
        return;
    }
    size_t n = 0;
    while (n < 0xfffeu && SourceString[n] != '\0')
        n++;
    DestinationString->Length = (USHORT)n;
    DestinationString->MaximumLength = (USHORT)(n + 1);
}

VOID NTAPI RtlInitAnsiString(PANSI_STRING DestinationString, PCSZ SourceString)
{
    RtlInitString(DestinationString, SourceString);
}

/* ---- Copy and compare --------------------------------------------------- */

/*
 * Copies as much of the source as MaximumLength allows; a NULL source makes
 * the destination empty. Overlapping buffers are handled (memmove).
 */
VOID NTAPI RtlCopyUnicodeString(PUNICODE_STRING DestinationString, PCUNICODE_STRING SourceString)
{
    if (DestinationString == NULL) {
        report_null("RtlCopyUnicodeString", "DestinationString");
        return;
    }
    if (!writable_destination(DestinationString, "RtlCopyUnicodeString"))
        return;
    if (SourceString == NULL) {
        DestinationString->Length = 0;
        return;
    }
    if (!kmdfsim_rtl_unicode_string_readable(SourceString)) {
        (void)kmdfsim_rtl_unicode_string_chars(SourceString, "RtlCopyUnicodeString"); /* reports */
        return;
    }
    size_t bytes = SourceString->Length;
    size_t room = DestinationString->MaximumLength & ~(size_t)1;
    if (bytes > room)
        bytes = room;
    if (bytes > 0)
        memmove(DestinationString->Buffer, SourceString->Buffer, bytes);
    DestinationString->Length = (USHORT)bytes;
    terminate_if_room(DestinationString);
}

/* Compares two counted UTF-16 runs unit by unit; shorter-but-equal sorts first. */
static LONG compare_units(const WCHAR *a, size_t na, const WCHAR *b, size_t nb, BOOLEAN case_insensitive)
{
    size_t n = na < nb ? na : nb;
    for (size_t i = 0; i < n; i++) {
        WCHAR ca = a[i];
        WCHAR cb = b[i];
        if (case_insensitive) {
            ca = RtlUpcaseUnicodeChar(ca);
            cb = RtlUpcaseUnicodeChar(cb);
        }
        if (ca != cb)
            return (LONG)(USHORT)ca - (LONG)(USHORT)cb;
    }
    return (LONG)na - (LONG)nb;
}

LONG NTAPI RtlCompareUnicodeString(PCUNICODE_STRING String1, PCUNICODE_STRING String2, BOOLEAN CaseInSensitive)
{
    if (String1 == NULL || String2 == NULL) {
        report_null("RtlCompareUnicodeString", String1 == NULL ? "String1" : "String2");
        return String1 == String2 ? 0 : (String1 == NULL ? -1 : 1);
    }
    size_t n1 = kmdfsim_rtl_unicode_string_chars(String1, "RtlCompareUnicodeString");
    size_t n2 = kmdfsim_rtl_unicode_string_chars(String2, "RtlCompareUnicodeString");
    return compare_units(String1->Buffer, n1, String2->Buffer, n2, CaseInSensitive);
}

BOOLEAN NTAPI RtlEqualUnicodeString(PCUNICODE_STRING String1, PCUNICODE_STRING String2, BOOLEAN CaseInSensitive)
{
    if (String1 == NULL || String2 == NULL) {
        report_null("RtlEqualUnicodeString", String1 == NULL ? "String1" : "String2");
        return FALSE;
    }
    size_t n1 = kmdfsim_rtl_unicode_string_chars(String1, "RtlEqualUnicodeString");
    size_t n2 = kmdfsim_rtl_unicode_string_chars(String2, "RtlEqualUnicodeString");
    if (n1 != n2)
        return FALSE;
    return (BOOLEAN)(compare_units(String1->Buffer, n1, String2->Buffer, n2, CaseInSensitive) == 0);
}

/* TRUE when String1 is a prefix of String2. */
BOOLEAN NTAPI RtlPrefixUnicodeString(PCUNICODE_STRING String1, PCUNICODE_STRING String2, BOOLEAN CaseInSensitive)
{
    if (String1 == NULL || String2 == NULL) {
        report_null("RtlPrefixUnicodeString", String1 == NULL ? "String1" : "String2");
        return FALSE;
    }
    size_t n1 = kmdfsim_rtl_unicode_string_chars(String1, "RtlPrefixUnicodeString");
    size_t n2 = kmdfsim_rtl_unicode_string_chars(String2, "RtlPrefixUnicodeString");
    if (n1 > n2)
        return FALSE;
    return (BOOLEAN)(compare_units(String1->Buffer, n1, String2->Buffer, n1, CaseInSensitive) == 0);
}

/* ---- Append ------------------------------------------------------------- */

/* Appends `n` units; STATUS_BUFFER_TOO_SMALL (destination untouched) when they do not fit. */
static NTSTATUS append_units(PUNICODE_STRING Destination, const WCHAR *src, size_t n)
{
    size_t new_bytes = (size_t)Destination->Length + n * sizeof(WCHAR);
    if (new_bytes > Destination->MaximumLength)
        return STATUS_BUFFER_TOO_SMALL;
    if (n > 0)
        memmove(Destination->Buffer + Destination->Length / sizeof(WCHAR), src, n * sizeof(WCHAR));
    Destination->Length = (USHORT)new_bytes;
    terminate_if_room(Destination);
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlAppendUnicodeStringToString(PUNICODE_STRING Destination, PCUNICODE_STRING Source)
{
    if (Destination == NULL || Source == NULL) {
        report_null("RtlAppendUnicodeStringToString", Destination == NULL ? "Destination" : "Source");
        return STATUS_INVALID_PARAMETER;
    }
    if (!writable_destination(Destination, "RtlAppendUnicodeStringToString"))
        return STATUS_INVALID_PARAMETER;
    if (!kmdfsim_rtl_unicode_string_readable(Source)) {
        (void)kmdfsim_rtl_unicode_string_chars(Source, "RtlAppendUnicodeStringToString"); /* reports */
        return STATUS_INVALID_PARAMETER;
    }
    return append_units(Destination, Source->Buffer, Source->Length / sizeof(WCHAR));
}

/* A NULL Source is allowed and appends nothing. */
NTSTATUS NTAPI RtlAppendUnicodeToString(PUNICODE_STRING Destination, PCWSTR Source)
{
    if (Destination == NULL) {
        report_null("RtlAppendUnicodeToString", "Destination");
        return STATUS_INVALID_PARAMETER;
    }
    if (!writable_destination(Destination, "RtlAppendUnicodeToString"))
        return STATUS_INVALID_PARAMETER;
    if (Source == NULL)
        return STATUS_SUCCESS;
    /* Anything longer than the room left cannot fit; no need to measure further. */
    size_t room = (size_t)(Destination->MaximumLength - Destination->Length) / sizeof(WCHAR);
    size_t n = kmdfsim_wdk_wcsnlen(Source, room + 1);
    return append_units(Destination, Source, n);
}

/* ---- Integers ----------------------------------------------------------- */

static const char g_digits[] = "0123456789ABCDEF";

/*
 * Writes Value in Base (0 meaning 10) without prefix, uppercase hex. The
 * digits must fit in MaximumLength (STATUS_BUFFER_OVERFLOW and no change
 * otherwise); a NUL follows when there is room.
 */
NTSTATUS NTAPI RtlIntegerToUnicodeString(ULONG Value, ULONG Base, PUNICODE_STRING String)
{
    if (Base == 0)
        Base = 10;
    if (Base != 2 && Base != 8 && Base != 10 && Base != 16)
        return STATUS_INVALID_PARAMETER;
    if (String == NULL) {
        report_null("RtlIntegerToUnicodeString", "String");
        return STATUS_INVALID_PARAMETER;
    }
    if (!writable_destination(String, "RtlIntegerToUnicodeString"))
        return STATUS_INVALID_PARAMETER;

    WCHAR digits[32];
    size_t n = 0;
    do {
        digits[sizeof(digits) / sizeof(digits[0]) - 1 - n] = (WCHAR)g_digits[Value % Base];
        n++;
        Value /= Base;
    } while (Value != 0);

    if (n * sizeof(WCHAR) > String->MaximumLength)
        return STATUS_BUFFER_OVERFLOW;
    memcpy(String->Buffer, digits + sizeof(digits) / sizeof(digits[0]) - n, n * sizeof(WCHAR));
    String->Length = (USHORT)(n * sizeof(WCHAR));
    terminate_if_room(String);
    return STATUS_SUCCESS;
}

/* The value of `c` as a digit, or 99 for a character that is no digit in any base. */
static unsigned digit_value(WCHAR c)
{
    if (c >= L'0' && c <= L'9')
        return (unsigned)(c - L'0');
    if (c >= L'a' && c <= L'f')
        return (unsigned)(c - L'a' + 10);
    if (c >= L'A' && c <= L'F')
        return (unsigned)(c - L'A' + 10);
    return 99;
}

static BOOLEAN is_space(WCHAR c)
{
    return (BOOLEAN)(c == L' ' || c == L'\t' || c == L'\n' || c == L'\r' || c == L'\v' || c == L'\f');
}

/*
 * Documented behaviour: leading white space is skipped, then an optional
 * sign; with Base 0 a "0x", "0o" or "0b" prefix picks the base (else 10).
 * Digits are read until the first character that is not a digit of the
 * base; no digits at all gives 0 and STATUS_SUCCESS. An empty string is
 * STATUS_INVALID_PARAMETER. Values wrap modulo 2^32 (like the ULONG arithmetic
 * Windows does), and '-' negates in that arithmetic.
 */
NTSTATUS NTAPI RtlUnicodeStringToInteger(PCUNICODE_STRING String, ULONG Base, PULONG Value)
{
    if (String == NULL || Value == NULL) {
        report_null("RtlUnicodeStringToInteger", String == NULL ? "String" : "Value");
        return STATUS_INVALID_PARAMETER;
    }
    if (Base != 0 && Base != 2 && Base != 8 && Base != 10 && Base != 16)
        return STATUS_INVALID_PARAMETER;
    if (!kmdfsim_rtl_unicode_string_readable(String)) {
        (void)kmdfsim_rtl_unicode_string_chars(String, "RtlUnicodeStringToInteger"); /* reports */
        return STATUS_INVALID_PARAMETER;
    }
    const WCHAR *s = String->Buffer;
    size_t n = String->Length / sizeof(WCHAR);
    if (n == 0)
        return STATUS_INVALID_PARAMETER;

    size_t i = 0;
    while (i < n && is_space(s[i]))
        i++;
    BOOLEAN negative = FALSE;
    if (i < n && (s[i] == L'-' || s[i] == L'+'))
        negative = (BOOLEAN)(s[i++] == L'-');
    if (Base == 0) {
        Base = 10;
        if (i + 1 < n && s[i] == L'0') {
            if (s[i + 1] == L'x')
                Base = 16;
            else if (s[i + 1] == L'o')
                Base = 8;
            else if (s[i + 1] == L'b')
                Base = 2;
            if (Base != 10)
                i += 2;
        }
    }
    ULONG result = 0;
    for (; i < n; i++) {
        unsigned d = digit_value(s[i]);
        if (d >= Base)
            break;
        result = result * Base + d;
    }
    *Value = negative ? (ULONG)(0u - result) : result;
    return STATUS_SUCCESS;
}

/* ---- Memory ------------------------------------------------------------- */

SIZE_T NTAPI RtlCompareMemory(const VOID *Source1, const VOID *Source2, SIZE_T Length)
{
    if (Length != 0 && (Source1 == NULL || Source2 == NULL)) {
        report_null("RtlCompareMemory", Source1 == NULL ? "Source1" : "Source2");
        return 0;
    }
    const UCHAR *a = (const UCHAR *)Source1;
    const UCHAR *b = (const UCHAR *)Source2;
    SIZE_T i = 0;
    while (i < Length && a[i] == b[i])
        i++;
    return i;
}

/* Stores through a volatile pointer so the compiler cannot drop the zeroing of memory it sees die. */
PVOID NTAPI RtlSecureZeroMemory(PVOID Ptr, SIZE_T Cnt)
{
    volatile UCHAR *p = (volatile UCHAR *)Ptr;
    while (Cnt-- > 0)
        *p++ = 0;
    return Ptr;
}
