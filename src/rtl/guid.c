/*
 * guid.c - GUIDs to and from their registry form,
 * "{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}" (38 characters, uppercase hex
 * when produced, either case accepted when parsed).
 */
#include <wdm.h>

#include "rtl/rtl_internal.h"
#include "verifier/verifier_internal.h"

#define GUID_STRING_CHARS 38

/* Field layout of the string form: where each hex group starts and how many digits it has. */
static const struct {
    unsigned char offset;
    unsigned char digits;
} g_groups[] = {{1, 8}, {10, 4}, {15, 4}, {20, 2}, {22, 2}, {25, 2}, {27, 2}, {29, 2}, {31, 2}, {33, 2}, {35, 2}};

static void put_hex(WCHAR *out, ULONG value, unsigned digits)
{
    static const char hex[] = "0123456789ABCDEF";
    for (unsigned i = 0; i < digits; i++)
        out[digits - 1 - i] = (WCHAR)hex[(value >> (4 * i)) & 0xF];
}

/* The value of group `index` of `guid`, in the order the string shows them. */
static ULONG group_value(const GUID *guid, unsigned index)
{
    if (index == 0)
        return (ULONG)guid->Data1;
    if (index == 1)
        return guid->Data2;
    if (index == 2)
        return guid->Data3;
    return guid->Data4[index - 3];
}

/* Allocates (tag "RtlK") and fills a NUL-terminated string form; free with RtlFreeUnicodeString. */
NTSTATUS NTAPI RtlStringFromGUID(REFGUID Guid, PUNICODE_STRING GuidString)
{
    if (Guid == NULL || GuidString == NULL) {
        kmdfsim_verify_fail("NULL_POINTER", "RtlStringFromGUID", NULL, "%s is NULL", Guid == NULL ? "Guid" : "GuidString");
        return STATUS_INVALID_PARAMETER;
    }
    size_t bytes = (GUID_STRING_CHARS + 1) * sizeof(WCHAR);
    WCHAR *text = (WCHAR *)ExAllocatePool2(POOL_FLAG_PAGED, bytes, KMDFSIM_RTL_POOL_TAG);
    if (text == NULL)
        return STATUS_NO_MEMORY;
    text[0] = L'{';
    text[9] = text[14] = text[19] = text[24] = L'-';
    text[37] = L'}';
    text[38] = UNICODE_NULL;
    for (unsigned i = 0; i < sizeof(g_groups) / sizeof(g_groups[0]); i++)
        put_hex(text + g_groups[i].offset, group_value(Guid, i), g_groups[i].digits);
    GuidString->Buffer = text;
    GuidString->Length = (USHORT)(GUID_STRING_CHARS * sizeof(WCHAR));
    GuidString->MaximumLength = (USHORT)bytes;
    return STATUS_SUCCESS;
}

/* Parses `digits` hex digits at `in`; FALSE on any other character. */
static BOOLEAN get_hex(const WCHAR *in, unsigned digits, ULONG *value)
{
    ULONG v = 0;
    for (unsigned i = 0; i < digits; i++) {
        WCHAR c = in[i];
        unsigned d;
        if (c >= L'0' && c <= L'9')
            d = (unsigned)(c - L'0');
        else if (c >= L'a' && c <= L'f')
            d = (unsigned)(c - L'a' + 10);
        else if (c >= L'A' && c <= L'F')
            d = (unsigned)(c - L'A' + 10);
        else
            return FALSE;
        v = (v << 4) | d;
    }
    *value = v;
    return TRUE;
}

/* Accepts exactly the 38-character braced form; anything else is STATUS_INVALID_PARAMETER and *Guid is unchanged. */
NTSTATUS NTAPI RtlGUIDFromString(PCUNICODE_STRING GuidString, GUID *Guid)
{
    if (GuidString == NULL || Guid == NULL) {
        kmdfsim_verify_fail("NULL_POINTER", "RtlGUIDFromString", NULL, "%s is NULL", Guid == NULL ? "Guid" : "GuidString");
        return STATUS_INVALID_PARAMETER;
    }
    if (!kmdfsim_rtl_unicode_string_readable(GuidString)) {
        (void)kmdfsim_rtl_unicode_string_chars(GuidString, "RtlGUIDFromString"); /* reports */
        return STATUS_INVALID_PARAMETER;
    }
    const WCHAR *s = GuidString->Buffer;
    if (GuidString->Length != GUID_STRING_CHARS * sizeof(WCHAR) || s[0] != L'{' || s[37] != L'}' || s[9] != L'-' ||
        s[14] != L'-' || s[19] != L'-' || s[24] != L'-')
        return STATUS_INVALID_PARAMETER;

    ULONG values[sizeof(g_groups) / sizeof(g_groups[0])];
    for (unsigned i = 0; i < sizeof(g_groups) / sizeof(g_groups[0]); i++) {
        if (!get_hex(s + g_groups[i].offset, g_groups[i].digits, &values[i]))
            return STATUS_INVALID_PARAMETER;
    }
    Guid->Data1 = values[0];
    Guid->Data2 = (unsigned short)values[1];
    Guid->Data3 = (unsigned short)values[2];
    for (unsigned i = 0; i < 8; i++)
        Guid->Data4[i] = (unsigned char)values[3 + i];
    return STATUS_SUCCESS;
}
