/*
 * wstr.c - 16-bit wide-string routines and simple case mapping.
 *
 * With -fshort-wchar the C library's wcs* functions still assume 32-bit
 * characters, so driver code calling wcslen() on an L"" literal would read
 * garbage; wdm.h maps those names here instead. The routines follow the C
 * standard's contracts (NULL arguments are undefined there, as in the WDK).
 *
 * Case mapping: Windows upcases with the NLS table of the running system.
 * kmdfsim maps the scripts drivers realistically put in names - ASCII,
 * Latin-1, Latin Extended-A, basic Greek, basic Cyrillic and the fullwidth
 * ASCII forms - and leaves every other character unchanged. Characters
 * whose case mapping is not one-to-one (German sharp s, dotless i, the
 * micro sign) are left unchanged too, as Windows' simple mapping does.
 */
#include <wdm.h>

#include "rtl/wstr.h"

size_t kmdfsim_wdk_wcslen(const WCHAR *s)
{
    size_t n = 0;
    while (s[n] != 0)
        n++;
    return n;
}

size_t kmdfsim_wdk_wcsnlen(const WCHAR *s, size_t maxlen)
{
    size_t n = 0;
    while (n < maxlen && s[n] != 0)
        n++;
    return n;
}

/* Compares as unsigned 16-bit units, which orders UTF-16 the way Windows does. */
int kmdfsim_wdk_wcscmp(const WCHAR *a, const WCHAR *b)
{
    return kmdfsim_wdk_wcsncmp(a, b, (size_t)-1);
}

int kmdfsim_wdk_wcsncmp(const WCHAR *a, const WCHAR *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int ca = (USHORT)a[i];
        int cb = (USHORT)b[i];
        if (ca != cb)
            return ca - cb;
        if (ca == 0)
            break;
    }
    return 0;
}

/* Like the Microsoft C runtime, _wcsicmp compares the lowercase forms. */
int kmdfsim_wdk_wcsicmp(const WCHAR *a, const WCHAR *b)
{
    return kmdfsim_wdk_wcsnicmp(a, b, (size_t)-1);
}

int kmdfsim_wdk_wcsnicmp(const WCHAR *a, const WCHAR *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int ca = (USHORT)RtlDowncaseUnicodeChar(a[i]);
        int cb = (USHORT)RtlDowncaseUnicodeChar(b[i]);
        if (ca != cb)
            return ca - cb;
        if (ca == 0)
            break;
    }
    return 0;
}

WCHAR *kmdfsim_wdk_wcscpy(WCHAR *dst, const WCHAR *src)
{
    size_t i = 0;
    do {
        dst[i] = src[i];
    } while (src[i++] != 0);
    return dst;
}

/* As C's wcsncpy: copies at most n units and pads the rest of the n with NULs (no terminator if src is longer). */
WCHAR *kmdfsim_wdk_wcsncpy(WCHAR *dst, const WCHAR *src, size_t n)
{
    size_t i = 0;
    for (; i < n && src[i] != 0; i++)
        dst[i] = src[i];
    for (; i < n; i++)
        dst[i] = 0;
    return dst;
}

WCHAR *kmdfsim_wdk_wcscat(WCHAR *dst, const WCHAR *src)
{
    kmdfsim_wdk_wcscpy(dst + kmdfsim_wdk_wcslen(dst), src);
    return dst;
}

/* ---- Case mapping ------------------------------------------------------- */

/*
 * Latin Extended-A alternates upper and lower case in pairs; in some runs
 * the uppercase letter sits on the even code point, in others on the odd
 * one. Returns 0 outside the paired runs, else 1 when the upper case is
 * even and -1 when it is odd.
 */
static int latin_ext_a_parity(unsigned c)
{
    if ((c >= 0x100 && c <= 0x12F) || (c >= 0x132 && c <= 0x137) || (c >= 0x14A && c <= 0x177))
        return 1;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
        return -1;
    return 0;
}

WCHAR NTAPI RtlUpcaseUnicodeChar(WCHAR SourceCharacter)
{
    unsigned c = (USHORT)SourceCharacter;
    if (c >= 'a' && c <= 'z')
        return (WCHAR)(c - 0x20);
    if (c < 0xE0)
        return (WCHAR)c;
    if (c <= 0xFE)
        return (WCHAR)(c == 0xF7 ? c : c - 0x20); /* 0xF7 is the division sign */
    if (c == 0xFF)
        return (WCHAR)0x178;
    int parity = latin_ext_a_parity(c);
    if (parity == 1)
        return (WCHAR)(c & 1u ? c - 1 : c);
    if (parity == -1)
        return (WCHAR)(c & 1u ? c : c - 1);
    if (c == 0x3C2) /* final sigma */
        return (WCHAR)0x3A3;
    if (c >= 0x3B1 && c <= 0x3C9)
        return (WCHAR)(c - 0x20);
    if (c >= 0x430 && c <= 0x44F)
        return (WCHAR)(c - 0x20);
    if (c >= 0x450 && c <= 0x45F)
        return (WCHAR)(c - 0x50);
    if (c >= 0xFF41 && c <= 0xFF5A)
        return (WCHAR)(c - 0x20);
    return (WCHAR)c;
}

WCHAR NTAPI RtlDowncaseUnicodeChar(WCHAR SourceCharacter)
{
    unsigned c = (USHORT)SourceCharacter;
    if (c >= 'A' && c <= 'Z')
        return (WCHAR)(c + 0x20);
    if (c < 0xC0)
        return (WCHAR)c;
    if (c <= 0xDE)
        return (WCHAR)(c == 0xD7 ? c : c + 0x20); /* 0xD7 is the multiplication sign */
    if (c == 0x178)
        return (WCHAR)0xFF;
    int parity = latin_ext_a_parity(c);
    if (parity == 1)
        return (WCHAR)(c & 1u ? c : c + 1);
    if (parity == -1)
        return (WCHAR)(c & 1u ? c + 1 : c);
    if ((c >= 0x391 && c <= 0x3A1) || (c >= 0x3A3 && c <= 0x3A9))
        return (WCHAR)(c + 0x20);
    if (c >= 0x410 && c <= 0x42F)
        return (WCHAR)(c + 0x20);
    if (c >= 0x400 && c <= 0x40F)
        return (WCHAR)(c + 0x50);
    if (c >= 0xFF21 && c <= 0xFF3A)
        return (WCHAR)(c + 0x20);
    return (WCHAR)c;
}
