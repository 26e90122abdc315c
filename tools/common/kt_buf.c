/* kt_buf.c - see kt_buf.h. */
#include "kt_buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void kt_buf_init(kt_buf *b)
{
    b->data = NULL;
    b->length = 0;
    b->capacity = 0;
    b->failed = 0;
}

void kt_buf_free(kt_buf *b)
{
    free(b->data);
    kt_buf_init(b);
}

void kt_buf_clear(kt_buf *b)
{
    b->length = 0;
    if (b->data != NULL)
        b->data[0] = '\0';
}

static int kt_buf_reserve(kt_buf *b, size_t extra)
{
    if (b->failed)
        return 0;
    if (extra > ((size_t)-1) / 2 - b->length) {
        b->failed = 1;
        return 0;
    }
    size_t need = b->length + extra + 1;
    if (need <= b->capacity)
        return 1;
    size_t cap = b->capacity ? b->capacity : 256;
    while (cap < need)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (p == NULL) {
        b->failed = 1;
        return 0;
    }
    b->data = p;
    b->capacity = cap;
    return 1;
}

void kt_buf_append(kt_buf *b, const char *text, size_t length)
{
    if (!kt_buf_reserve(b, length))
        return;
    if (length > 0)
        memcpy(b->data + b->length, text, length);
    b->length += length;
    b->data[b->length] = '\0';
}

void kt_buf_puts(kt_buf *b, const char *text) { kt_buf_append(b, text, strlen(text)); }

void kt_buf_putc(kt_buf *b, char c) { kt_buf_append(b, &c, 1); }

void kt_buf_vprintf(kt_buf *b, const char *format, va_list args)
{
    va_list copy;
    va_copy(copy, args);
    int n = vsnprintf(NULL, 0, format, copy);
    va_end(copy);
    if (n < 0) {
        b->failed = 1;
        return;
    }
    if (!kt_buf_reserve(b, (size_t)n))
        return;
    vsnprintf(b->data + b->length, (size_t)n + 1, format, args);
    b->length += (size_t)n;
}

void kt_buf_printf(kt_buf *b, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    kt_buf_vprintf(b, format, args);
    va_end(args);
}

const char *kt_buf_str(const kt_buf *b) { return b->data != NULL ? b->data : ""; }

void kt_buf_json_escaped(kt_buf *b, const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++) {
        switch (*p) {
        case '"': kt_buf_puts(b, "\\\""); break;
        case '\\': kt_buf_puts(b, "\\\\"); break;
        case '\n': kt_buf_puts(b, "\\n"); break;
        case '\r': kt_buf_puts(b, "\\r"); break;
        case '\t': kt_buf_puts(b, "\\t"); break;
        case '\b': kt_buf_puts(b, "\\b"); break;
        case '\f': kt_buf_puts(b, "\\f"); break;
        default:
            if (*p < 0x20 || *p == 0x7F)
                kt_buf_printf(b, "\\u%04x", (unsigned)*p);
            else
                kt_buf_putc(b, (char)*p);
        }
    }
}

static void kt_out_of_memory(void)
{
    fputs("kmdfsim tool: out of memory\n", stderr);
    exit(2);
}

void *kt_xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (p == NULL)
        kt_out_of_memory();
    return p;
}

void *kt_xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);
    if (q == NULL)
        kt_out_of_memory();
    return q;
}

char *kt_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = kt_xmalloc(n);
    memcpy(p, s, n);
    return p;
}

int kt_tolower(int c) { return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c; }

int kt_strcasecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = kt_tolower((unsigned char)*a), cb = kt_tolower((unsigned char)*b);
        if (ca != cb || ca == 0)
            return ca - cb;
    }
}

int kt_strncasecmp(const char *a, const char *b, size_t n)
{
    for (; n > 0; a++, b++, n--) {
        int ca = kt_tolower((unsigned char)*a), cb = kt_tolower((unsigned char)*b);
        if (ca != cb || ca == 0)
            return ca - cb;
    }
    return 0;
}
