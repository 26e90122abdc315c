/*
 * rtl_internal.h - what the run-time library files share with each other
 * (and with kmdfsim's other modules and tests, which have src/ on their
 * include path): the pool tag of Rtl allocations, the status codes
 * ntstatus.h lacks, UNICODE_STRING sanity checks and the UTF-8 / UTF-16
 * codecs used wherever wide text meets narrow text.
 */
#ifndef KMDFSIM_RTL_INTERNAL_H_
#define KMDFSIM_RTL_INTERNAL_H_

#include <ntdef.h>
#include <ntstatus.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Pool tag of every buffer the Rtl routines allocate (RtlAnsiStringToUnicodeString,
 * RtlUnicodeStringToAnsiString, RtlStringFromGUID). Built from its bytes rather
 * than written as a multi-character constant (GCC warns about those); the
 * kernel debugger shows it as "RtlK".
 */
#define KMDFSIM_RTL_POOL_TAG ((ULONG)'R' | ((ULONG)'t' << 8) | ((ULONG)'l' << 16) | ((ULONG)'K' << 24))


/*
 * The Init routines store a const source pointer in the non-const Buffer of
 * a counted string, as the WDK declares them; this drops the qualifier in
 * one visible place (through an integer, which -Wcast-qual accepts).
 */
static inline void *kmdfsim_rtl_unconst(const void *p)
{
    return (void *)(uintptr_t)p;
}

/* The replacement character for undecodable input. */
#define KMDFSIM_RTL_REPLACEMENT_CHAR 0xFFFDu

/* ---- UTF-16 and UTF-8 codecs (rtl/utf.c) -------------------------------- */

/*
 * Decodes one code point from the UTF-16 units src[*pos..limit). A high
 * surrogate followed by a low one gives the pair's code point; any other
 * surrogate (lone, or a pair cut by `limit`) gives U+FFFD. Never reads at or
 * past `limit`. Advances *pos by 1 or 2. Requires *pos < limit.
 */
uint32_t kmdfsim_utf16_decode(const WCHAR *src, size_t limit, size_t *pos);

/*
 * Decodes one code point from the bytes src[*pos..limit) as UTF-8. Invalid,
 * overlong, surrogate-coding or truncated sequences give U+FFFD and consume
 * one byte, so decoding always makes progress. Requires *pos < limit.
 */
uint32_t kmdfsim_utf8_decode(const char *src, size_t limit, size_t *pos);

/* Writes `cp` as UTF-8 into out[0..3]; returns the byte count (1-4). Surrogates and values > 0x10FFFF encode U+FFFD. */
size_t kmdfsim_utf8_encode(uint32_t cp, char out[4]);

/* Writes `cp` as UTF-16 into out[0..1]; returns the unit count (1 or 2). Surrogates and values > 0x10FFFF encode U+FFFD. */
size_t kmdfsim_utf16_encode(uint32_t cp, WCHAR out[2]);

/* ---- UNICODE_STRING checks (rtl/strings.c) ------------------------------ */

/*
 * TRUE when `s` can be read safely: Length even, Length <= MaximumLength,
 * and a Buffer whenever Length is nonzero. (A Buffer of NULL with
 * MaximumLength > 0 but Length 0 can still be read, as empty.)
 */
BOOLEAN kmdfsim_rtl_unicode_string_readable(const UNICODE_STRING *s);

/*
 * The number of WCHARs that can be read from `s`. A NULL pointer counts as
 * empty; a malformed string is reported through the verifier as a driver bug
 * (rule "INVALID_UNICODE_STRING", naming `where`) and counts as empty.
 */
size_t kmdfsim_rtl_unicode_string_chars(const UNICODE_STRING *s, const char *where);

#endif /* KMDFSIM_RTL_INTERNAL_H_ */
