/*
 * kt_buf.h - growable text buffers and small helpers shared by kmdfsim's
 * host tools (kmdfsim-mofgen, kmdfsim-wpp, kmdfsim-incmap).
 *
 * The tools are plain C11 programs that run on the build machine. They build
 * their whole output in memory and only then write it (kt_file.h), so a
 * failure never leaves a half-written file behind.
 */
#ifndef KT_BUF_H_
#define KT_BUF_H_

#include <stdarg.h>
#include <stddef.h>

#if defined(__GNUC__) || defined(__clang__)
#define KT_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define KT_PRINTF(f, a)
#endif

typedef struct kt_buf {
    char *data;      /* NUL-terminated when non-NULL */
    size_t length;
    size_t capacity;
    int failed;      /* an allocation failed: contents are incomplete */
} kt_buf;

void kt_buf_init(kt_buf *b);
void kt_buf_free(kt_buf *b);
void kt_buf_clear(kt_buf *b);
void kt_buf_append(kt_buf *b, const char *text, size_t length);
void kt_buf_puts(kt_buf *b, const char *text);
void kt_buf_putc(kt_buf *b, char c);
void kt_buf_printf(kt_buf *b, const char *format, ...) KT_PRINTF(2, 3);
void kt_buf_vprintf(kt_buf *b, const char *format, va_list args) KT_PRINTF(2, 0);
/* Never NULL: "" for an empty buffer. */
const char *kt_buf_str(const kt_buf *b);

/* Appends `text` as the inside of a JSON string (quotes not included). */
void kt_buf_json_escaped(kt_buf *b, const char *text);

/* malloc that never returns NULL for a non-zero size (exits with a message instead). */
void *kt_xmalloc(size_t size);
void *kt_xrealloc(void *p, size_t size);
char *kt_xstrdup(const char *s);

/* ASCII case-insensitive comparisons (locale independent). */
int kt_strcasecmp(const char *a, const char *b);
int kt_strncasecmp(const char *a, const char *b, size_t n);
int kt_tolower(int c);

#endif /* KT_BUF_H_ */
