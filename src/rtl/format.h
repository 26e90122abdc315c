/*
 * format.h - kmdfsim's one implementation of the Windows kernel printf
 * dialect, behind DbgPrint, the ntstrsafe printf family and
 * RtlUnicodeStringPrintf.
 *
 * A format is NARROW (char, output UTF-8) or WIDE (WCHAR, output UTF-16); the
 * output has the same width as the format. What an argument is depends on
 * the mode, as in Microsoft's printf/wprintf:
 *
 *   conversion        narrow mode          wide mode
 *   %s %c             char string / char   WCHAR string / WCHAR
 *   %S %C             WCHAR                char
 *   %hs %hc %hS %hC   char                 char
 *   %ls %lc %ws %wc   WCHAR                WCHAR   (also with S/C)
 *   %Z  / %hZ         PANSI_STRING         PANSI_STRING
 *   %wZ / %lZ         PUNICODE_STRING      PUNICODE_STRING
 *
 * Text crossing widths is converted: UTF-16 to UTF-8 (lone surrogates become
 * U+FFFD), and narrow strings in wide output are decoded as UTF-8 (invalid
 * bytes become U+FFFD). Same-width text is copied unit for unit.
 *
 * Flags "- + space # 0", width and precision (both may be "*"), and the
 * size prefixes hh h l ll L I I32 I64 z j t w are understood. "l" means
 * 32 bits (Windows' LONG/ULONG) on every host; "I" means pointer size; "L" on
 * an integer means 64 bits. Conversions: d i u o x X c C s S Z p e E f F g G
 * a A % - and n, which is refused: the argument is skipped, nothing is
 * written through it, and the verifier gets a FORMAT_PERCENT_N error. An
 * unknown conversion (or a format ending in '%') is a FORMAT_INVALID error
 * and formatting stops there, since the argument list can no longer be read.
 * A NULL format is a NULL_POINTER error and produces nothing.
 *
 * Strings: a NULL pointer prints "(null)" (cut by a precision like any
 * other text, so "%.*ws" with 0 and NULL prints nothing); so does a counted string that is
 * NULL, has no Buffer, or is malformed (Length > MaximumLength, or odd for
 * %wZ), without its buffer being read. Precision limits the number of
 * SOURCE units read (chars, or WCHARs for wide strings), so "%.*ws" with a
 * count is safe on a buffer without a terminator. Width counts OUTPUT units
 * (UTF-8 bytes in narrow output, as C's printf counts bytes), and strings
 * are padded with spaces.
 *
 * %p prints the pointer as Windows does: uppercase hex, zero-padded to the
 * pointer's width (16 digits on 64-bit, 8 on 32-bit), no "0x"; only width
 * and '-' apply. Floating-point digits come from the C library's snprintf
 * on a double (an L-sized argument is read as long double and narrowed).
 */
#ifndef KMDFSIM_RTL_FORMAT_H_
#define KMDFSIM_RTL_FORMAT_H_

#include <ntdef.h>
#include <stdarg.h>
#include <stddef.h>

typedef struct kmdfsim_fmt_result {
    size_t needed;   /* code units of the complete output, without a terminator */
    size_t stored;   /* code units stored: needed, or the capacity if that is smaller */
    BOOLEAN refused; /* %n or a malformed conversion was met (and reported) */
} kmdfsim_fmt_result;

/*
 * Formats `format` - a char string when `wide` is FALSE, a WCHAR string when
 * TRUE - into `out` (of the same unit type), storing at most `capacity`
 * units and NO terminator. `where` names the DDI in verifier reports.
 * `out` may be NULL when `capacity` is 0 (to measure).
 */
void kmdfsim_rtl_vformat(BOOLEAN wide, void *out, size_t capacity, const void *format, va_list args, const char *where,
                         kmdfsim_fmt_result *result);

/*
 * snprintf-style wrappers: store at most size - 1 units plus a terminator
 * (nothing when size is 0) and return the length of the complete output.
 * `refused` may be NULL.
 */
size_t kmdfsim_rtl_vsnprintf(char *buf, size_t size, const char *format, va_list args, const char *where,
                             BOOLEAN *refused);
size_t kmdfsim_rtl_vsnwprintf(WCHAR *buf, size_t size, const WCHAR *format, va_list args, const char *where,
                              BOOLEAN *refused);
size_t kmdfsim_rtl_snprintf(char *buf, size_t size, const char *format, ...);
size_t kmdfsim_rtl_snwprintf(WCHAR *buf, size_t size, const WCHAR *format, ...);

#endif /* KMDFSIM_RTL_FORMAT_H_ */
