/*
 * convert.c - ANSI <-> Unicode counted-string conversion and the routines
 * that free what it allocates.
 *
 * kmdfsim has no code pages. Its "ANSI" is the part every Windows ANSI code
 * page agrees on: characters 0x00-0x7F map one to one, and anything else
 * becomes '?', the default character Windows substitutes for characters a
 * code page cannot represent. Each UTF-16 unit becomes one byte and each
 * byte one unit, so lengths are preserved (a surrogate pair becomes "??").
 *
 * With AllocateDestinationString the buffer comes from paged pool with tag
 * KMDFSIM_RTL_POOL_TAG ("RtlK") and holds the text plus a NUL; release it with
 * RtlFreeUnicodeString / RtlFreeAnsiString. Without it, the caller's buffer
 * must hold the text and the NUL; otherwise STATUS_BUFFER_OVERFLOW and, as
 * documented, nothing is converted.
 */
#include <wdm.h>

#include "rtl/rtl_internal.h"
#include "verifier/verifier_internal.h"

#define ANSI_DEFAULT_CHAR '?'

/* Most bytes a UNICODE_STRING can describe with room for a terminator. */
#define MAX_UNICODE_TEXT_BYTES 0xfffcu

/* TRUE when an 8-bit counted string can be read for Length bytes; reports it otherwise. */
static BOOLEAN ansi_readable(const STRING *s, const char *where)
{
    if (s->Length <= s->MaximumLength && (s->Buffer != NULL || s->Length == 0))
        return TRUE;
    kmdfsim_verify_fail("INVALID_ANSI_STRING", where, s, "malformed ANSI_STRING (Length %u, MaximumLength %u, Buffer %s)",
                        (unsigned)s->Length, (unsigned)s->MaximumLength, s->Buffer != NULL ? "set" : "NULL");
    return FALSE;
}

/*
 * Provides a destination buffer of `bytes` bytes: a fresh pool block when
 * `allocate`, else the caller's, which must be at least that large. Returns
 * STATUS_SUCCESS with *buffer set, or the failure status.
 */
static NTSTATUS destination_buffer(BOOLEAN allocate, PVOID current, USHORT maximum, size_t bytes, const char *where,
                                   PVOID *buffer)
{
    if (allocate) {
        *buffer = ExAllocatePool2(POOL_FLAG_PAGED, bytes, KMDFSIM_RTL_POOL_TAG);
        return *buffer != NULL ? STATUS_SUCCESS : STATUS_NO_MEMORY;
    }
    if (current == NULL && maximum != 0) {
        kmdfsim_verify_fail("INVALID_UNICODE_STRING", where, NULL,
                            "destination has MaximumLength %u but no Buffer", (unsigned)maximum);
        return STATUS_INVALID_PARAMETER;
    }
    if (bytes > maximum)
        return STATUS_BUFFER_OVERFLOW;
    *buffer = current;
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlUnicodeStringToAnsiString(PANSI_STRING DestinationString, PCUNICODE_STRING SourceString,
                                            BOOLEAN AllocateDestinationString)
{
    static const char where[] = "RtlUnicodeStringToAnsiString";
    if (DestinationString == NULL || SourceString == NULL) {
        kmdfsim_verify_fail("NULL_POINTER", where, NULL, "%s is NULL",
                            DestinationString == NULL ? "DestinationString" : "SourceString");
        return STATUS_INVALID_PARAMETER;
    }
    if (!kmdfsim_rtl_unicode_string_readable(SourceString)) {
        (void)kmdfsim_rtl_unicode_string_chars(SourceString, where); /* reports */
        return STATUS_INVALID_PARAMETER;
    }
    size_t n = SourceString->Length / sizeof(WCHAR); /* at most 32767: n + 1 fits a USHORT */
    PVOID buffer = NULL;
    NTSTATUS status = destination_buffer(AllocateDestinationString, DestinationString->Buffer,
                                         DestinationString->MaximumLength, n + 1, where, &buffer);
    if (!NT_SUCCESS(status))
        return status;

    /* Read everything first: the source may live in the destination's buffer. */
    char *out = (char *)buffer;
    for (size_t i = 0; i < n; i++) {
        USHORT unit = (USHORT)SourceString->Buffer[i];
        out[i] = unit <= 0x7F ? (char)unit : ANSI_DEFAULT_CHAR;
    }
    out[n] = '\0';
    DestinationString->Buffer = out;
    DestinationString->Length = (USHORT)n;
    if (AllocateDestinationString)
        DestinationString->MaximumLength = (USHORT)(n + 1);
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlAnsiStringToUnicodeString(PUNICODE_STRING DestinationString, PCANSI_STRING SourceString,
                                            BOOLEAN AllocateDestinationString)
{
    static const char where[] = "RtlAnsiStringToUnicodeString";
    if (DestinationString == NULL || SourceString == NULL) {
        kmdfsim_verify_fail("NULL_POINTER", where, NULL, "%s is NULL",
                            DestinationString == NULL ? "DestinationString" : "SourceString");
        return STATUS_INVALID_PARAMETER;
    }
    if (!ansi_readable(SourceString, where))
        return STATUS_INVALID_PARAMETER;
    size_t n = SourceString->Length;
    if (n * sizeof(WCHAR) > MAX_UNICODE_TEXT_BYTES)
        return STATUS_INVALID_PARAMETER_2; /* the result cannot be described by a UNICODE_STRING */
    PVOID buffer = NULL;
    NTSTATUS status = destination_buffer(AllocateDestinationString, DestinationString->Buffer,
                                         DestinationString->MaximumLength, (n + 1) * sizeof(WCHAR), where, &buffer);
    if (!NT_SUCCESS(status))
        return status;

    /* Back to front: a source inside the destination's buffer is not overwritten before it is read. */
    WCHAR *out = (WCHAR *)buffer;
    out[n] = UNICODE_NULL;
    for (size_t i = n; i-- > 0;) {
        UCHAR byte = (UCHAR)SourceString->Buffer[i];
        out[i] = byte <= 0x7F ? (WCHAR)byte : (WCHAR)ANSI_DEFAULT_CHAR;
    }
    DestinationString->Buffer = out;
    DestinationString->Length = (USHORT)(n * sizeof(WCHAR));
    if (AllocateDestinationString)
        DestinationString->MaximumLength = (USHORT)((n + 1) * sizeof(WCHAR));
    return STATUS_SUCCESS;
}

/*
 * Frees a buffer allocated by an Rtl routine (or any pool block) and leaves
 * the string empty. A string with no Buffer is left alone; a Buffer that is
 * not live pool is reported by the pool itself.
 */
VOID NTAPI RtlFreeUnicodeString(PUNICODE_STRING UnicodeString)
{
    if (UnicodeString == NULL) {
        kmdfsim_verify_fail("NULL_POINTER", "RtlFreeUnicodeString", NULL, "UnicodeString is NULL");
        return;
    }
    if (UnicodeString->Buffer != NULL)
        ExFreePool(UnicodeString->Buffer);
    UnicodeString->Buffer = NULL;
    UnicodeString->Length = UnicodeString->MaximumLength = 0;
}

VOID NTAPI RtlFreeAnsiString(PANSI_STRING AnsiString)
{
    if (AnsiString == NULL) {
        kmdfsim_verify_fail("NULL_POINTER", "RtlFreeAnsiString", NULL, "AnsiString is NULL");
        return;
    }
    if (AnsiString->Buffer != NULL)
        ExFreePool(AnsiString->Buffer);
    AnsiString->Buffer = NULL;
    AnsiString->Length = AnsiString->MaximumLength = 0;
}
