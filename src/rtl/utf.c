/*
 * utf.c - UTF-8 and UTF-16 encoders and decoders.
 *
 * Driver strings are UTF-16 (WCHAR); kmdfsim's log and narrow printf output
 * are UTF-8. Both decoders are bounded by an explicit limit because the
 * strings they read are often counted (UNICODE_STRING, "%.*ws") rather than
 * NUL-terminated, and must never be read past their end.
 */
#include "rtl/rtl_internal.h"

#define IS_HIGH_SURROGATE(u) ((u) >= 0xD800u && (u) <= 0xDBFFu)
#define IS_LOW_SURROGATE(u) ((u) >= 0xDC00u && (u) <= 0xDFFFu)

uint32_t kmdfsim_utf16_decode(const WCHAR *src, size_t limit, size_t *pos)
{
    uint32_t unit = (uint16_t)src[*pos];
    *pos += 1;
    if (IS_HIGH_SURROGATE(unit)) {
        if (*pos < limit && IS_LOW_SURROGATE((uint16_t)src[*pos])) {
            uint32_t low = (uint16_t)src[*pos];
            *pos += 1;
            return 0x10000u + ((unit - 0xD800u) << 10) + (low - 0xDC00u);
        }
        return KMDFSIM_RTL_REPLACEMENT_CHAR;
    }
    if (IS_LOW_SURROGATE(unit))
        return KMDFSIM_RTL_REPLACEMENT_CHAR;
    return unit;
}

/* Number of continuation bytes a lead byte announces, or -1 for a byte that cannot start a sequence. */
static int utf8_trail_count(unsigned char lead)
{
    if (lead < 0x80)
        return 0;
    if (lead >= 0xC2 && lead <= 0xDF)
        return 1;
    if (lead >= 0xE0 && lead <= 0xEF)
        return 2;
    if (lead >= 0xF0 && lead <= 0xF4)
        return 3;
    return -1; /* continuation byte, overlong lead (C0/C1) or beyond U+10FFFF */
}

uint32_t kmdfsim_utf8_decode(const char *src, size_t limit, size_t *pos)
{
    const unsigned char *s = (const unsigned char *)src;
    size_t start = *pos;
    int trail = utf8_trail_count(s[start]);
    *pos = start + 1;
    if (trail == 0)
        return s[start];
    if (trail < 0 || limit - start <= (size_t)trail)
        return KMDFSIM_RTL_REPLACEMENT_CHAR;

    uint32_t cp = s[start] & (0x3Fu >> trail);
    for (int i = 1; i <= trail; i++) {
        unsigned char c = s[start + (size_t)i];
        if ((c & 0xC0u) != 0x80u)
            return KMDFSIM_RTL_REPLACEMENT_CHAR;
        cp = (cp << 6) | (c & 0x3Fu);
    }
    /* Reject overlong forms, UTF-16 surrogates and values past U+10FFFF. */
    static const uint32_t min_for_trail[4] = {0, 0x80u, 0x800u, 0x10000u};
    if (cp < min_for_trail[trail] || (cp >= 0xD800u && cp <= 0xDFFFu) || cp > 0x10FFFFu)
        return KMDFSIM_RTL_REPLACEMENT_CHAR;
    *pos = start + 1 + (size_t)trail;
    return cp;
}

/* Substitutes U+FFFD for values no encoding form can carry. */
static uint32_t sanitize(uint32_t cp)
{
    if ((cp >= 0xD800u && cp <= 0xDFFFu) || cp > 0x10FFFFu)
        return KMDFSIM_RTL_REPLACEMENT_CHAR;
    return cp;
}

size_t kmdfsim_utf8_encode(uint32_t cp, char out[4])
{
    cp = sanitize(cp);
    if (cp < 0x80u) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800u) {
        out[0] = (char)(0xC0u | (cp >> 6));
        out[1] = (char)(0x80u | (cp & 0x3Fu));
        return 2;
    }
    if (cp < 0x10000u) {
        out[0] = (char)(0xE0u | (cp >> 12));
        out[1] = (char)(0x80u | ((cp >> 6) & 0x3Fu));
        out[2] = (char)(0x80u | (cp & 0x3Fu));
        return 3;
    }
    out[0] = (char)(0xF0u | (cp >> 18));
    out[1] = (char)(0x80u | ((cp >> 12) & 0x3Fu));
    out[2] = (char)(0x80u | ((cp >> 6) & 0x3Fu));
    out[3] = (char)(0x80u | (cp & 0x3Fu));
    return 4;
}

size_t kmdfsim_utf16_encode(uint32_t cp, WCHAR out[2])
{
    cp = sanitize(cp);
    if (cp < 0x10000u) {
        out[0] = (WCHAR)cp;
        return 1;
    }
    cp -= 0x10000u;
    out[0] = (WCHAR)(0xD800u + (cp >> 10));
    out[1] = (WCHAR)(0xDC00u + (cp & 0x3FFu));
    return 2;
}
