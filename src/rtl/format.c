/*
 * format.c - the Windows kernel printf dialect (see format.h for the rules).
 *
 * The formatter walks the format once. Output goes to a sink that stores
 * units while there is room and keeps counting after that, so every caller
 * learns the full length the output needs. Integers, pointers and strings
 * are produced here; only floating-point digits are delegated to the C
 * library. Arguments are read with the types the Windows ABI gives them
 * (LONG for "l", pointer-sized for "I"), never with the host's `long`.
 */
#include "rtl/format.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rtl/rtl_internal.h"
#include "verifier/verifier_internal.h"

/* ---- Output sink -------------------------------------------------------- */

typedef struct fmt_sink {
    BOOLEAN wide;    /* units are WCHARs (else chars) */
    void *buf;       /* may be NULL when capacity is 0 */
    size_t capacity; /* units that may be stored */
    size_t count;    /* units produced so far, stored or not */
} fmt_sink;

static void put_unit(fmt_sink *s, unsigned unit)
{
    if (s->count < s->capacity) {
        if (s->wide)
            ((WCHAR *)s->buf)[s->count] = (WCHAR)unit;
        else
            ((char *)s->buf)[s->count] = (char)unit;
    }
    s->count++;
}

/* Produces `n` copies of `unit` without looping past the capacity (widths may be huge). */
static void put_repeat(fmt_sink *s, unsigned unit, size_t n)
{
    size_t room = s->count < s->capacity ? s->capacity - s->count : 0;
    size_t stored = n < room ? n : room;
    for (size_t i = 0; i < stored; i++)
        put_unit(s, unit);
    s->count += n - stored;
}

/* Produces ASCII text (digits, signs, "(null)"), one unit per byte. */
static void put_ascii(fmt_sink *s, const char *text, size_t n)
{
    for (size_t i = 0; i < n; i++)
        put_unit(s, (unsigned char)text[i]);
}

/* Produces one code point in the sink's encoding; `s` NULL only measures. Returns the units it takes. */
static size_t put_codepoint(fmt_sink *s, BOOLEAN wide, uint32_t cp)
{
    size_t n;
    if (wide) {
        WCHAR units[2];
        n = kmdfsim_utf16_encode(cp, units);
        for (size_t i = 0; s != NULL && i < n; i++)
            put_unit(s, (USHORT)units[i]);
    } else {
        char bytes[4];
        n = kmdfsim_utf8_encode(cp, bytes);
        for (size_t i = 0; s != NULL && i < n; i++)
            put_unit(s, (unsigned char)bytes[i]);
    }
    return n;
}

/* ---- Conversion specifications ------------------------------------------ */

enum {
    FL_MINUS = 1,
    FL_PLUS = 2,
    FL_SPACE = 4,
    FL_HASH = 8,
    FL_ZERO = 16
};

typedef enum size_prefix {
    SZ_NONE,
    SZ_HH,
    SZ_H,
    SZ_L,    /* l: 32-bit LONG, or wide for c/s/Z */
    SZ_LL,   /* ll */
    SZ_BIGL, /* L: long double, or 64-bit integer */
    SZ_I,    /* I: pointer-sized */
    SZ_I32,
    SZ_I64,
    SZ_Z,
    SZ_J,
    SZ_T,
    SZ_W /* w: wide for c/s/Z */
} size_prefix;

typedef struct fmt_spec {
    unsigned flags;
    size_t width;     /* 0 when absent */
    long precision;   /* -1 when absent */
    size_prefix size;
    unsigned conv;
} fmt_spec;

/* The format being read: units of either width, read as unsigned values. */
typedef struct fmt_reader {
    BOOLEAN wide;
    const void *text;
    size_t pos;
} fmt_reader;

static unsigned peek(const fmt_reader *r, size_t ahead)
{
    if (r->wide)
        return (USHORT)((const WCHAR *)r->text)[r->pos + ahead];
    return (unsigned char)((const char *)r->text)[r->pos + ahead];
}

/* Reads a decimal number, saturating instead of overflowing. */
static size_t read_number(fmt_reader *r)
{
    size_t v = 0;
    while (peek(r, 0) >= '0' && peek(r, 0) <= '9') {
        if (v < (size_t)INT_MAX / 10)
            v = v * 10 + (peek(r, 0) - '0');
        else
            v = INT_MAX;
        r->pos++;
    }
    return v;
}

static void parse_flags(fmt_reader *r, fmt_spec *sp)
{
    for (;;) {
        switch (peek(r, 0)) {
        case '-': sp->flags |= FL_MINUS; break;
        case '+': sp->flags |= FL_PLUS; break;
        case ' ': sp->flags |= FL_SPACE; break;
        case '#': sp->flags |= FL_HASH; break;
        case '0': sp->flags |= FL_ZERO; break;
        default: return;
        }
        r->pos++;
    }
}

/* Width and precision, either of which may come from the argument list ("*"). */
static void parse_width_precision(fmt_reader *r, fmt_spec *sp, va_list *ap)
{
    if (peek(r, 0) == '*') {
        r->pos++;
        int w = va_arg(*ap, int);
        if (w < 0) {
            /* A negative '*' width means left-justify, as in C. */
            sp->flags |= FL_MINUS;
            sp->width = w == INT_MIN ? (size_t)INT_MAX : (size_t)-w;
        } else {
            sp->width = (size_t)w;
        }
    } else {
        sp->width = read_number(r);
    }
    sp->precision = -1;
    if (peek(r, 0) == '.') {
        r->pos++;
        if (peek(r, 0) == '*') {
            r->pos++;
            int p = va_arg(*ap, int);
            sp->precision = p < 0 ? -1 : p; /* a negative '*' precision is taken as absent */
        } else {
            sp->precision = (long)read_number(r);
        }
    }
}

static void parse_size(fmt_reader *r, fmt_spec *sp)
{
    unsigned c = peek(r, 0);
    sp->size = SZ_NONE;
    switch (c) {
    case 'h':
        r->pos++;
        sp->size = SZ_H;
        if (peek(r, 0) == 'h') {
            r->pos++;
            sp->size = SZ_HH;
        }
        break;
    case 'l':
        r->pos++;
        sp->size = SZ_L;
        if (peek(r, 0) == 'l') {
            r->pos++;
            sp->size = SZ_LL;
        }
        break;
    case 'L': r->pos++; sp->size = SZ_BIGL; break;
    case 'z': r->pos++; sp->size = SZ_Z; break;
    case 'j': r->pos++; sp->size = SZ_J; break;
    case 't': r->pos++; sp->size = SZ_T; break;
    case 'w': r->pos++; sp->size = SZ_W; break;
    case 'I':
        r->pos++;
        sp->size = SZ_I;
        if (peek(r, 0) == '6' && peek(r, 1) == '4') {
            r->pos += 2;
            sp->size = SZ_I64;
        } else if (peek(r, 0) == '3' && peek(r, 1) == '2') {
            r->pos += 2;
            sp->size = SZ_I32;
        }
        break;
    default: break;
    }
}

/* ---- Integer arguments --------------------------------------------------- */

static uint64_t fetch_unsigned(va_list *ap, size_prefix size)
{
    switch (size) {
    case SZ_HH: return (unsigned char)va_arg(*ap, unsigned int);
    case SZ_H: return (unsigned short)va_arg(*ap, unsigned int);
    case SZ_L: return va_arg(*ap, ULONG);
    case SZ_LL:
    case SZ_BIGL:
    case SZ_I64: return va_arg(*ap, unsigned long long);
    case SZ_I32: return va_arg(*ap, UINT32);
    case SZ_I:
    case SZ_Z:
    case SZ_T: return va_arg(*ap, size_t);
    case SZ_J: return va_arg(*ap, uintmax_t);
    default: return va_arg(*ap, unsigned int);
    }
}

static int64_t fetch_signed(va_list *ap, size_prefix size)
{
    switch (size) {
    case SZ_HH: return (signed char)va_arg(*ap, int);
    case SZ_H: return (short)va_arg(*ap, int);
    case SZ_L: return va_arg(*ap, LONG);
    case SZ_LL:
    case SZ_BIGL:
    case SZ_I64: return va_arg(*ap, long long);
    case SZ_I32: return va_arg(*ap, INT32);
    case SZ_I:
    case SZ_Z:
    case SZ_T: return va_arg(*ap, ptrdiff_t);
    case SZ_J: return va_arg(*ap, intmax_t);
    default: return va_arg(*ap, int);
    }
}

/*
 * Lays out a field: [spaces][sign/prefix][zeros][body][spaces]. `zeros` are
 * the leading zeros the precision or the '0' flag ask for.
 */
static void put_field(fmt_sink *s, const fmt_spec *sp, const char *prefix, size_t zeros, const char *body, size_t body_len)
{
    size_t prefix_len = strlen(prefix);
    size_t len = prefix_len + zeros + body_len;
    size_t pad = sp->width > len ? sp->width - len : 0;
    if (!(sp->flags & FL_MINUS))
        put_repeat(s, ' ', pad);
    put_ascii(s, prefix, prefix_len);
    put_repeat(s, '0', zeros);
    put_ascii(s, body, body_len);
    if (sp->flags & FL_MINUS)
        put_repeat(s, ' ', pad);
}

/* d i u o x X, following C's rules for precision, '#', '0' and signs. */
static void format_integer(fmt_sink *s, const fmt_spec *sp, uint64_t magnitude, BOOLEAN negative)
{
    unsigned base = sp->conv == 'o' ? 8u : (sp->conv == 'x' || sp->conv == 'X') ? 16u : 10u;
    const char *digit_set = sp->conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
    char digits[24];
    size_t n = 0;
    /* An explicit precision of 0 prints no digits for the value 0. */
    if (!(magnitude == 0 && sp->precision == 0)) {
        do {
            digits[sizeof(digits) - 1 - n++] = digit_set[magnitude % base];
            magnitude /= base;
        } while (magnitude != 0);
    }
    const char *body = digits + sizeof(digits) - n;

    size_t zeros = sp->precision > 0 && (size_t)sp->precision > n ? (size_t)sp->precision - n : 0;
    if (base == 8 && (sp->flags & FL_HASH) && zeros == 0 && (n == 0 || body[0] != '0'))
        zeros = 1; /* '#' makes octal start with 0 */

    const char *prefix = "";
    if (negative)
        prefix = "-";
    else if (sp->conv == 'd' || sp->conv == 'i')
        prefix = (sp->flags & FL_PLUS) ? "+" : (sp->flags & FL_SPACE) ? " " : "";
    else if (base == 16 && (sp->flags & FL_HASH) && n > 0 && !(n == 1 && body[0] == '0'))
        prefix = sp->conv == 'X' ? "0X" : "0x";

    /* '0' pads with zeros up to the width unless '-' or a precision says otherwise. */
    if ((sp->flags & FL_ZERO) && !(sp->flags & FL_MINUS) && sp->precision < 0) {
        size_t len = strlen(prefix) + zeros + n;
        if (sp->width > len)
            zeros += sp->width - len;
    }
    put_field(s, sp, prefix, zeros, body, n);
}

/* %p: Windows prints pointers as fixed-width uppercase hex without a prefix. */
static void format_pointer(fmt_sink *s, const fmt_spec *sp, const void *p)
{
    static const char hex[] = "0123456789ABCDEF";
    uintptr_t v = (uintptr_t)p;
    char digits[sizeof(uintptr_t) * 2];
    for (size_t i = 0; i < sizeof(digits); i++)
        digits[sizeof(digits) - 1 - i] = hex[(v >> (4 * i)) & 0xF];
    fmt_spec plain = *sp;
    plain.flags &= FL_MINUS;
    put_field(s, &plain, "", 0, digits, sizeof(digits));
}

/* ---- Floating point ------------------------------------------------------ */

/*
 * The digits come from snprintf with the sign-related flags and '#'; width,
 * '-' and '0' are applied here so a huge width never needs a huge buffer.
 * The conversion spec is built at run time, hence the local pragma.
 */
static void format_float(fmt_sink *s, const fmt_spec *sp, double value)
{
    char spec[16];
    size_t k = 0;
    spec[k++] = '%';
    if (sp->flags & FL_PLUS)
        spec[k++] = '+';
    if (sp->flags & FL_SPACE)
        spec[k++] = ' ';
    if (sp->flags & FL_HASH)
        spec[k++] = '#';
    BOOLEAN with_precision = (BOOLEAN)(sp->precision >= 0);
    if (with_precision) {
        spec[k++] = '.';
        spec[k++] = '*';
    }
    spec[k++] = (char)sp->conv;
    spec[k] = '\0';
    int precision = sp->precision > INT_MAX ? INT_MAX : (int)sp->precision;

#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#endif
    char local[128];
    char *text = local;
    int n = with_precision ? snprintf(local, sizeof(local), spec, precision, value) : snprintf(local, sizeof(local), spec, value);
    if (n >= (int)sizeof(local)) {
        text = (char *)malloc((size_t)n + 1);
        if (text == NULL)
            return; /* out of host memory: the number is dropped, nothing else goes wrong */
        if (with_precision)
            snprintf(text, (size_t)n + 1, spec, precision, value);
        else
            snprintf(text, (size_t)n + 1, spec, value);
    }
#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic pop
#endif
    if (n < 0) {
        n = 0;
        text[0] = '\0';
    }

    /* Split off the sign (and the 0x of %a) so that '0' padding goes after it. */
    size_t len = (size_t)n;
    size_t head = (len > 0 && (text[0] == '-' || text[0] == '+' || text[0] == ' ')) ? 1 : 0;
    if ((sp->conv == 'a' || sp->conv == 'A') && len >= head + 2 && text[head] == '0' &&
        (text[head + 1] == 'x' || text[head + 1] == 'X'))
        head += 2;
    char prefix[4] = {0};
    memcpy(prefix, text, head);
    size_t zeros = 0;
    if ((sp->flags & FL_ZERO) && !(sp->flags & FL_MINUS) && isfinite(value) && sp->width > len)
        zeros = sp->width - len;
    put_field(s, sp, prefix, zeros, text + head, len - head);
    if (text != local)
        free(text);
}

/* ---- Characters and strings ---------------------------------------------- */

/* A run of text to print: `len` units of char or WCHAR. */
typedef struct fmt_text {
    BOOLEAN wide;
    const void *units;
    size_t len;
} fmt_text;

/*
 * Produces `t` in the sink's encoding (or only measures when `s` is NULL)
 * and returns the output units it takes. Same-width text is copied as is;
 * other text is decoded and re-encoded.
 */
static size_t walk_text(fmt_sink *s, BOOLEAN out_wide, const fmt_text *t)
{
    size_t units = 0;
    if (t->wide == out_wide) {
        for (size_t i = 0; s != NULL && i < t->len; i++)
            put_unit(s, t->wide ? (USHORT)((const WCHAR *)t->units)[i] : (unsigned char)((const char *)t->units)[i]);
        return t->len;
    }
    for (size_t pos = 0; pos < t->len;) {
        uint32_t cp = t->wide ? kmdfsim_utf16_decode((const WCHAR *)t->units, t->len, &pos)
                              : kmdfsim_utf8_decode((const char *)t->units, t->len, &pos);
        units += put_codepoint(s, out_wide, cp);
    }
    return units;
}

static void put_text(fmt_sink *s, const fmt_spec *sp, const fmt_text *t)
{
    size_t len = walk_text(NULL, s->wide, t);
    size_t pad = sp->width > len ? sp->width - len : 0;
    if (!(sp->flags & FL_MINUS))
        put_repeat(s, ' ', pad);
    walk_text(s, s->wide, t);
    if (sp->flags & FL_MINUS)
        put_repeat(s, ' ', pad);
}

/* Whether a c/C/s/S/Z argument is wide, from the prefix first and then the mode. */
static BOOLEAN argument_is_wide(const fmt_spec *sp, BOOLEAN wide_mode)
{
    if (sp->size == SZ_H || sp->size == SZ_HH)
        return FALSE;
    if (sp->size == SZ_L || sp->size == SZ_W)
        return TRUE;
    if (sp->conv == 'Z')
        return FALSE; /* bare %Z is an ANSI_STRING in either mode */
    BOOLEAN opposite = (BOOLEAN)(sp->conv == 'S' || sp->conv == 'C');
    return wide_mode ? (BOOLEAN)!opposite : opposite;
}

/* Limits `len` source units to the precision, if one was given. */
static size_t clip(const fmt_spec *sp, size_t len)
{
    return sp->precision >= 0 && (size_t)sp->precision < len ? (size_t)sp->precision : len;
}

static const fmt_text g_null_text = {FALSE, "(null)", 6};

static void format_char(fmt_sink *s, const fmt_spec *sp, va_list *ap)
{
    BOOLEAN wide = argument_is_wide(sp, s->wide);
    int value = va_arg(*ap, int); /* char and WCHAR both arrive promoted to int */
    WCHAR w = (WCHAR)value;
    char c = (char)value;
    fmt_text t = {wide, wide ? (const void *)&w : (const void *)&c, 1};
    fmt_spec no_precision = *sp;
    no_precision.precision = -1;
    put_text(s, &no_precision, &t);
}

/* Length of a NUL-terminated string, reading no more than `max` units. */
static size_t bounded_length(BOOLEAN wide, const void *p, long precision)
{
    size_t max = precision >= 0 ? (size_t)precision : (size_t)-1;
    size_t n = 0;
    if (wide) {
        const WCHAR *w = (const WCHAR *)p;
        while (n < max && w[n] != 0)
            n++;
    } else {
        const char *c = (const char *)p;
        while (n < max && c[n] != '\0')
            n++;
    }
    return n;
}

static void format_string(fmt_sink *s, const fmt_spec *sp, va_list *ap)
{
    BOOLEAN wide = argument_is_wide(sp, s->wide);
    const void *p = va_arg(*ap, const void *);
    fmt_text t = g_null_text;
    if (p != NULL) {
        t.wide = wide;
        t.units = p;
        t.len = bounded_length(wide, p, sp->precision);
    } else {
        t.len = clip(sp, t.len);
    }
    put_text(s, sp, &t);
}

/* %Z / %wZ: counted strings, printed for Length bytes and never beyond. */
static void format_counted(fmt_sink *s, const fmt_spec *sp, va_list *ap)
{
    BOOLEAN wide = argument_is_wide(sp, s->wide);
    fmt_text t = g_null_text;
    if (wide) {
        const UNICODE_STRING *u = va_arg(*ap, const UNICODE_STRING *);
        if (u != NULL && u->Buffer != NULL && kmdfsim_rtl_unicode_string_readable(u)) {
            t.wide = TRUE;
            t.units = u->Buffer;
            t.len = u->Length / sizeof(WCHAR);
        }
    } else {
        const STRING *a = va_arg(*ap, const STRING *);
        if (a != NULL && a->Buffer != NULL && a->Length <= a->MaximumLength) {
            t.units = a->Buffer;
            t.len = a->Length;
        }
    }
    t.len = clip(sp, t.len);
    put_text(s, sp, &t);
}

/* ---- The driver loop ----------------------------------------------------- */

/* Handles one conversion; returns FALSE when formatting must stop. */
static BOOLEAN convert(fmt_sink *s, const fmt_spec *sp, va_list *ap, const char *where, BOOLEAN *refused)
{
    switch (sp->conv) {
    case 'd':
    case 'i': {
        int64_t v = fetch_signed(ap, sp->size);
        uint64_t magnitude = v < 0 ? 0u - (uint64_t)v : (uint64_t)v;
        format_integer(s, sp, magnitude, (BOOLEAN)(v < 0));
        return TRUE;
    }
    case 'u':
    case 'o':
    case 'x':
    case 'X': format_integer(s, sp, fetch_unsigned(ap, sp->size), FALSE); return TRUE;
    case 'c':
    case 'C': format_char(s, sp, ap); return TRUE;
    case 's':
    case 'S': format_string(s, sp, ap); return TRUE;
    case 'Z': format_counted(s, sp, ap); return TRUE;
    case 'p': format_pointer(s, sp, va_arg(*ap, const void *)); return TRUE;
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case 'a':
    case 'A':
        format_float(s, sp, sp->size == SZ_BIGL ? (double)va_arg(*ap, long double) : va_arg(*ap, double));
        return TRUE;
    case '%': put_unit(s, '%'); return TRUE;
    case 'n':
        /* Writing through %n is the classic format-string exploit; the kernel refuses it too. */
        (void)va_arg(*ap, void *);
        kmdfsim_verify_fail("FORMAT_PERCENT_N", where, NULL, "%%n in a format string is refused; nothing was written");
        *refused = TRUE;
        return TRUE;
    default:
        if (sp->conv == 0)
            kmdfsim_verify_fail("FORMAT_INVALID", where, NULL, "the format string ends inside a conversion");
        else
            kmdfsim_verify_fail("FORMAT_INVALID", where, NULL, "unknown conversion '%c' (0x%X) in a format string",
                                sp->conv < 0x80 && sp->conv >= 0x20 ? (char)sp->conv : '?', sp->conv);
        *refused = TRUE;
        return FALSE;
    }
}

void kmdfsim_rtl_vformat(BOOLEAN wide, void *out, size_t capacity, const void *format, va_list args, const char *where,
                         kmdfsim_fmt_result *result)
{
    if (where == NULL)
        where = "printf";
    if (format == NULL) {
        /* The public entry points check first; this keeps internal callers from crashing too. */
        kmdfsim_verify_fail("NULL_POINTER", where, NULL, "the format string is NULL");
        result->needed = result->stored = 0;
        result->refused = TRUE;
        return;
    }
    fmt_sink sink = {wide, out, out != NULL ? capacity : 0, 0};
    fmt_reader reader = {wide, format, 0};
    BOOLEAN refused = FALSE;
    va_list ap;
    va_copy(ap, args);

    while (peek(&reader, 0) != 0) {
        unsigned c = peek(&reader, 0);
        reader.pos++;
        if (c != '%') {
            put_unit(&sink, c);
            continue;
        }
        fmt_spec sp;
        memset(&sp, 0, sizeof(sp));
        parse_flags(&reader, &sp);
        parse_width_precision(&reader, &sp, &ap);
        parse_size(&reader, &sp);
        sp.conv = peek(&reader, 0);
        if (sp.conv != 0)
            reader.pos++;
        if (!convert(&sink, &sp, &ap, where, &refused))
            break;
    }
    va_end(ap);

    result->needed = sink.count;
    result->stored = sink.count < sink.capacity ? sink.count : sink.capacity;
    result->refused = refused;
}

size_t kmdfsim_rtl_vsnprintf(char *buf, size_t size, const char *format, va_list args, const char *where, BOOLEAN *refused)
{
    kmdfsim_fmt_result r;
    kmdfsim_rtl_vformat(FALSE, buf, size > 0 ? size - 1 : 0, format, args, where, &r);
    if (size > 0 && buf != NULL)
        buf[r.stored] = '\0';
    if (refused != NULL)
        *refused = r.refused;
    return r.needed;
}

size_t kmdfsim_rtl_vsnwprintf(WCHAR *buf, size_t size, const WCHAR *format, va_list args, const char *where,
                              BOOLEAN *refused)
{
    kmdfsim_fmt_result r;
    kmdfsim_rtl_vformat(TRUE, buf, size > 0 ? size - 1 : 0, format, args, where, &r);
    if (size > 0 && buf != NULL)
        buf[r.stored] = UNICODE_NULL;
    if (refused != NULL)
        *refused = r.refused;
    return r.needed;
}

size_t kmdfsim_rtl_snprintf(char *buf, size_t size, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    size_t n = kmdfsim_rtl_vsnprintf(buf, size, format, args, "kmdfsim_rtl_snprintf", NULL);
    va_end(args);
    return n;
}

size_t kmdfsim_rtl_snwprintf(WCHAR *buf, size_t size, const WCHAR *format, ...)
{
    va_list args;
    va_start(args, format);
    size_t n = kmdfsim_rtl_vsnwprintf(buf, size, format, args, "kmdfsim_rtl_snwprintf", NULL);
    va_end(args);
    return n;
}
