/*
 * wpp_runtime.c - the run-time side of the WPP shim (include/kmdfsim/wpp.h):
 * formatting of trace messages with WPP's %!...! extensions, the simulated
 * trace session behind WPP_CONTROL/WPP_LEVEL_ENABLED, and WPP_INIT_TRACING.
 *
 * Formatting walks the format once. Plain conversions are handed one at a
 * time to the kernel-dialect formatter (rtl/format.c) with the one argument
 * they read, so that the argument list is consumed exactly as the
 * conversions say (a va_list cannot be shared with another function and
 * continued afterwards).
 */
#include <kmdfsim/log.h>
#include <kmdfsim/status.h>
#include <kmdfsim/wpp.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rtl/format.h"

#define WPP_MAX_MESSAGE 65536u
#define WPP_CONTROL_BLOCKS 8u

/* ---- Session --------------------------------------------------------------- */

#define DEFAULT_BLOCK_ {1u, 0xFF, {0xFFFFFFFFu}, NULL, FALSE, FALSE}
static const kmdfsim_wpp_control_block g_default_block = DEFAULT_BLOCK_;
static kmdfsim_wpp_control_block g_blocks[WPP_CONTROL_BLOCKS] = {DEFAULT_BLOCK_, DEFAULT_BLOCK_, DEFAULT_BLOCK_,
                                                                 DEFAULT_BLOCK_, DEFAULT_BLOCK_, DEFAULT_BLOCK_,
                                                                 DEFAULT_BLOCK_, DEFAULT_BLOCK_};
static volatile LONG g_init_count;

void kmdfsim_wpp_set_session(UCHAR level, ULONG flags)
{
    for (ULONG i = 0; i < WPP_CONTROL_BLOCKS; i++) {
        g_blocks[i].Level = level;
        g_blocks[i].Flags[0] = flags;
        g_blocks[i].Logger = (level != 0 && flags != 0) ? 1u : 0u;
    }
}

void kmdfsim_wpp_reset(void)
{
    for (ULONG i = 0; i < WPP_CONTROL_BLOCKS; i++)
        g_blocks[i] = g_default_block;
    g_init_count = 0;
}

static ULONG block_of(ULONG bit)
{
    ULONG block = bit == 0 ? 0 : (bit - 1) / 32u;
    return block < WPP_CONTROL_BLOCKS ? block : WPP_CONTROL_BLOCKS - 1;
}

kmdfsim_wpp_control_block *kmdfsim_wpp_control(ULONG bit)
{
    return &g_blocks[block_of(bit)];
}

BOOLEAN kmdfsim_wpp_bit_enabled(ULONG bit)
{
    const kmdfsim_wpp_control_block *b = kmdfsim_wpp_control(bit);
    ULONG mask = (ULONG)1 << ((bit - 1u) & 31u);
    return (b->Flags[0] & mask) != 0 && b->Level != 0;
}

ULONGLONG kmdfsim_wpp_logger(ULONG bit) { return kmdfsim_wpp_control(bit)->Logger; }

BOOLEAN kmdfsim_wpp_enabled(ULONG level, ULONG flags)
{
    const kmdfsim_wpp_control_block *b = &g_blocks[0];
    if (b->Level == 0 || level > b->Level)
        return FALSE;
    return flags == 0 || (b->Flags[0] & flags) != 0;
}

PVOID kmdfsim_wpp_cb(void) { return &g_blocks[0]; }

void kmdfsim_wpp_init_tracing(const char *file, ...)
{
    (void)file;
    g_init_count++;
}

void kmdfsim_wpp_cleanup(const char *file, ...)
{
    (void)file;
    g_init_count--;
}

LONG kmdfsim_wpp_init_count(void) { return g_init_count; }

/* ---- Output buffer ------------------------------------------------------------ */

typedef struct out_buf {
    char *data;
    size_t length, capacity;
    int full; /* WPP_MAX_MESSAGE reached or out of memory */
} out_buf;

static void out_append(out_buf *o, const char *text, size_t n)
{
    if (o->full)
        return;
    if (o->length + n > WPP_MAX_MESSAGE) {
        n = WPP_MAX_MESSAGE - o->length;
        o->full = 1;
    }
    if (o->length + n + 1 > o->capacity) {
        size_t cap = o->capacity ? o->capacity : 256;
        while (cap < o->length + n + 1)
            cap *= 2;
        char *p = (char *)realloc(o->data, cap);
        if (p == NULL) {
            o->full = 1;
            return;
        }
        o->data = p;
        o->capacity = cap;
    }
    memcpy(o->data + o->length, text, n);
    o->length += n;
    o->data[o->length] = '\0';
}

static void out_puts(out_buf *o, const char *text) { out_append(o, text, strlen(text)); }

#if defined(__GNUC__) || defined(__clang__)
__attribute__((format(printf, 2, 3)))
#endif
static void out_printf(out_buf *o, const char *format, ...)
{
    char small[128];
    va_list args;
    va_start(args, format);
    int n = vsnprintf(small, sizeof(small), format, args);
    va_end(args);
    if (n > 0)
        out_append(o, small, (size_t)n < sizeof(small) ? (size_t)n : sizeof(small) - 1);
}

/* Formats one kernel-dialect conversion `spec` (one argument at most) through rtl. */
#define OUT_RTL(o, spec, value)                                                                  \
    do {                                                                                         \
        char small_[256];                                                                        \
        size_t need_ = kmdfsim_rtl_snprintf(small_, sizeof(small_), (spec), (value));            \
        if (need_ < sizeof(small_)) {                                                            \
            out_append((o), small_, need_);                                                      \
        } else {                                                                                 \
            char *big_ = (char *)malloc(need_ + 1);                                              \
            if (big_ != NULL) {                                                                  \
                kmdfsim_rtl_snprintf(big_, need_ + 1, (spec), (value));                          \
                out_append((o), big_, need_);                                                    \
                free(big_);                                                                      \
            }                                                                                    \
        }                                                                                        \
    } while (0)

/* ---- WPP names -------------------------------------------------------------- */

typedef struct site {
    ULONG level, flags;
    const char *flags_name, *trace_function, *component, *function, *file;
    int line;
} site;

static const char *base_name(const char *path)
{
    const char *base = path != NULL ? path : "";
    for (const char *p = base; *p != '\0'; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    return base;
}

static const char *level_name(ULONG level)
{
    static const char *const names[] = {"TRACE_LEVEL_NONE",    "TRACE_LEVEL_CRITICAL",    "TRACE_LEVEL_ERROR",
                                        "TRACE_LEVEL_WARNING", "TRACE_LEVEL_INFORMATION", "TRACE_LEVEL_VERBOSE"};
    return level < sizeof(names) / sizeof(names[0]) ? names[level] : NULL;
}

static const char *irql_name(ULONG irql)
{
    switch (irql) {
    case 0: return "PASSIVE_LEVEL";
    case 1: return "APC_LEVEL";
    case 2: return "DISPATCH_LEVEL";
    default: return NULL;
    }
}

static const char *sysctrl_name(ULONG minor)
{
    static const char *const names[] = {"IRP_MN_QUERY_ALL_DATA",      "IRP_MN_QUERY_SINGLE_INSTANCE",
                                        "IRP_MN_CHANGE_SINGLE_INSTANCE", "IRP_MN_CHANGE_SINGLE_ITEM",
                                        "IRP_MN_ENABLE_EVENTS",       "IRP_MN_DISABLE_EVENTS",
                                        "IRP_MN_ENABLE_COLLECTION",   "IRP_MN_DISABLE_COLLECTION",
                                        "IRP_MN_REGINFO",             "IRP_MN_EXECUTE_METHOD",
                                        NULL,                         "IRP_MN_REGINFO_EX"};
    return minor < sizeof(names) / sizeof(names[0]) ? names[minor] : NULL;
}

static const char *pnp_name(ULONG minor)
{
    static const char *const names[] = {"IRP_MN_START_DEVICE",
                                        "IRP_MN_QUERY_REMOVE_DEVICE",
                                        "IRP_MN_REMOVE_DEVICE",
                                        "IRP_MN_CANCEL_REMOVE_DEVICE",
                                        "IRP_MN_STOP_DEVICE",
                                        "IRP_MN_QUERY_STOP_DEVICE",
                                        "IRP_MN_CANCEL_STOP_DEVICE",
                                        "IRP_MN_QUERY_DEVICE_RELATIONS",
                                        "IRP_MN_QUERY_INTERFACE",
                                        "IRP_MN_QUERY_CAPABILITIES",
                                        "IRP_MN_QUERY_RESOURCES",
                                        "IRP_MN_QUERY_RESOURCE_REQUIREMENTS",
                                        "IRP_MN_QUERY_DEVICE_TEXT",
                                        "IRP_MN_FILTER_RESOURCE_REQUIREMENTS",
                                        NULL,
                                        "IRP_MN_READ_CONFIG",
                                        "IRP_MN_WRITE_CONFIG",
                                        "IRP_MN_EJECT",
                                        "IRP_MN_SET_LOCK",
                                        "IRP_MN_QUERY_ID",
                                        "IRP_MN_QUERY_PNP_DEVICE_STATE",
                                        "IRP_MN_QUERY_BUS_INFORMATION",
                                        "IRP_MN_DEVICE_USAGE_NOTIFICATION",
                                        "IRP_MN_SURPRISE_REMOVAL"};
    return minor < sizeof(names) / sizeof(names[0]) ? names[minor] : NULL;
}

static int name_is(const char *name, size_t n, const char *want)
{
    size_t i = 0;
    for (; i < n && want[i] != '\0'; i++) {
        char a = name[i], b = want[i];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (b >= 'A' && b <= 'Z')
            b = (char)(b - 'A' + 'a');
        if (a != b)
            return 0;
    }
    return i == n && want[i] == '\0';
}

/* One %!name! item. */
static void render_extension(out_buf *o, const site *s, const char *name, size_t n, va_list *args)
{
    if (name_is(name, n, "FUNC")) {
        out_puts(o, s->function ? s->function : "");
    } else if (name_is(name, n, "FILE")) {
        out_puts(o, base_name(s->file));
    } else if (name_is(name, n, "LINE")) {
        out_printf(o, "%d", s->line);
    } else if (name_is(name, n, "COMPNAME")) {
        out_puts(o, s->component ? s->component : "");
    } else if (name_is(name, n, "LEVEL")) {
        const char *ln = level_name(s->level);
        if (ln != NULL)
            out_puts(o, ln);
        else
            out_printf(o, "%lu", (unsigned long)s->level);
    } else if (name_is(name, n, "FLAGS")) {
        if (s->flags_name != NULL && s->flags_name[0] != '\0')
            out_puts(o, s->flags_name);
        else
            out_printf(o, "0x%08lX", (unsigned long)s->flags);
    } else if (name_is(name, n, "STDPREFIX")) {
        out_printf(o, "[%s:%d] ", base_name(s->file), s->line);
        out_puts(o, s->function ? s->function : "");
        out_puts(o, ": ");
    } else if (name_is(name, n, "STATUS") || name_is(name, n, "NTSTATUS")) {
        NTSTATUS status = (NTSTATUS)va_arg(*args, int);
        out_puts(o, kmdfsim_status_name(status));
    } else if (name_is(name, n, "HRESULT")) {
        out_printf(o, "0x%08X", (unsigned)va_arg(*args, int));
    } else if (name_is(name, n, "WINERROR")) {
        out_printf(o, "%u", (unsigned)va_arg(*args, int));
    } else if (name_is(name, n, "bool") || name_is(name, n, "BOOLEAN")) {
        out_puts(o, va_arg(*args, int) ? "TRUE" : "FALSE");
    } else if (name_is(name, n, "irql")) {
        ULONG irql = (ULONG)va_arg(*args, int);
        const char *in = irql_name(irql);
        if (in != NULL)
            out_puts(o, in);
        else
            out_printf(o, "%lu", (unsigned long)irql);
    } else if (name_is(name, n, "sysctrl") || name_is(name, n, "pnpmn")) {
        ULONG minor = (ULONG)va_arg(*args, int) & 0xFFu;
        const char *mn = name_is(name, n, "sysctrl") ? sysctrl_name(minor) : pnp_name(minor);
        if (mn != NULL)
            out_puts(o, mn);
        else
            out_printf(o, "0x%02lX", (unsigned long)minor);
    } else if (name_is(name, n, "GUID")) {
        const GUID *g = va_arg(*args, const GUID *);
        if (g == NULL)
            out_puts(o, "(null)");
        else
            out_printf(o, "%08lx-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x", (unsigned long)g->Data1,
                       (unsigned)g->Data2, (unsigned)g->Data3, g->Data4[0], g->Data4[1], g->Data4[2], g->Data4[3],
                       g->Data4[4], g->Data4[5], g->Data4[6], g->Data4[7]);
    } else if (name_is(name, n, "IPADDR")) {
        ULONG a = (ULONG)va_arg(*args, unsigned int);
        out_printf(o, "%lu.%lu.%lu.%lu", (unsigned long)(a & 0xFF), (unsigned long)((a >> 8) & 0xFF),
                   (unsigned long)((a >> 16) & 0xFF), (unsigned long)((a >> 24) & 0xFF));
    } else if (name_is(name, n, "PORT")) {
        ULONG p = (ULONG)va_arg(*args, int) & 0xFFFFu;
        out_printf(o, "%lu", (unsigned long)(((p & 0xFF) << 8) | (p >> 8)));
    } else if (name_is(name, n, "TIMESTAMP") || name_is(name, n, "datetime") || name_is(name, n, "delta") ||
               name_is(name, n, "WAITTIME")) {
        out_printf(o, "%lld", (long long)va_arg(*args, long long));
    } else {
        out_printf(o, "%d", va_arg(*args, int));
    }
}

/* Renders `format`, reading its arguments from *args. */
static void render(out_buf *o, const site *s, const char *format, va_list *args)
{
    const char *p = format;
    while (*p != '\0') {
        const char *pct = strchr(p, '%');
        if (pct == NULL) {
            out_puts(o, p);
            return;
        }
        out_append(o, p, (size_t)(pct - p));
        p = pct + 1;
        if (*p == '%') {
            out_append(o, "%", 1);
            p++;
            continue;
        }
        if (*p == '!') {
            const char *end = strchr(p + 1, '!');
            if (end != NULL && end > p + 1) {
                render_extension(o, s, p + 1, (size_t)(end - p - 1), args);
                p = end + 1;
                continue;
            }
        }
        /* A kernel-dialect conversion: flags, width, precision, size, type. */
        char spec[64];
        size_t n = 0;
        spec[n++] = '%';
        while (*p != '\0' && strchr("-+ #0", *p) != NULL && n < 16)
            spec[n++] = *p++;
        if (*p == '*') {
            n += (size_t)snprintf(spec + n, sizeof(spec) - n, "%d", va_arg(*args, int));
            p++;
        } else {
            while (*p >= '0' && *p <= '9' && n < 24)
                spec[n++] = *p++;
        }
        if (*p == '.') {
            spec[n++] = *p++;
            if (*p == '*') {
                int precision = va_arg(*args, int);
                n += (size_t)snprintf(spec + n, sizeof(spec) - n, "%d", precision < 0 ? 0 : precision);
                p++;
            } else {
                while (*p >= '0' && *p <= '9' && n < 40)
                    spec[n++] = *p++;
            }
        }
        int size = 32; /* 32, 64, or 0 for pointer-sized */
        int wide_prefix = 0;
        if (p[0] == 'I' && p[1] == '6' && p[2] == '4') {
            size = 64;
            memcpy(spec + n, "I64", 3);
            n += 3;
            p += 3;
        } else if (p[0] == 'I' && p[1] == '3' && p[2] == '2') {
            memcpy(spec + n, "I32", 3);
            n += 3;
            p += 3;
        } else if (p[0] == 'l' && p[1] == 'l') {
            size = 64;
            spec[n++] = *p++;
            spec[n++] = *p++;
        } else if (p[0] == 'h' && p[1] == 'h') {
            spec[n++] = *p++;
            spec[n++] = *p++;
        } else if (*p == 'I' || *p == 'z' || *p == 't') {
            size = 0;
            spec[n++] = *p++;
        } else if (*p == 'L' || *p == 'j') {
            size = 64;
            spec[n++] = *p++;
        } else if (*p == 'h' || *p == 'l' || *p == 'w') {
            wide_prefix = *p == 'w' || *p == 'l';
            spec[n++] = *p++;
        }
        char conv = *p;
        if (conv == '\0' || strchr("diouxXcCsSZpeEfFgGaAn", conv) == NULL) {
            /* Unknown: print the rest as it is; the arguments can no longer be read. */
            out_puts(o, pct);
            return;
        }
        spec[n++] = conv;
        spec[n] = '\0';
        p++;
        (void)wide_prefix;
        switch (conv) {
        case 'd': case 'i': case 'o': case 'u': case 'x': case 'X':
            if (size == 64) {
                long long v = va_arg(*args, long long);
                OUT_RTL(o, spec, v);
            } else if (size == 0) {
                size_t v = va_arg(*args, size_t);
                OUT_RTL(o, spec, v);
            } else {
                int v = va_arg(*args, int);
                OUT_RTL(o, spec, v);
            }
            break;
        case 'c': case 'C': {
            int v = va_arg(*args, int);
            OUT_RTL(o, spec, v);
            break;
        }
        case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'a': case 'A':
            if (spec[n - 2] == 'L') {
                long double v = va_arg(*args, long double);
                OUT_RTL(o, spec, v);
            } else {
                double v = va_arg(*args, double);
                OUT_RTL(o, spec, v);
            }
            break;
        case 'n':
            /* Never written through (as the kernel formatter refuses it). */
            (void)va_arg(*args, void *);
            break;
        default: { /* s S Z p: pointers */
            const void *v = va_arg(*args, const void *);
            OUT_RTL(o, spec, v);
            break;
        }
        }
    }
}

void kmdfsim_wpp_trace(ULONG level, ULONG flags, const char *flags_name, const char *trace_function,
                       const char *component, const char *function, const char *file, int line, const char *prefix,
                       const char *suffix, ...)
{
    site s = {level, flags, flags_name, trace_function, component, function, file, line};
    out_buf o = {NULL, 0, 0, 0};
    va_list args;
    va_start(args, suffix);
    if (prefix != NULL)
        render(&o, &s, prefix, &args);
    const char *message = va_arg(args, const char *);
    if (message != NULL)
        render(&o, &s, message, &args);
    if (suffix != NULL)
        render(&o, &s, suffix, &args);
    va_end(args);
    kmdfsim_log_emit(KMDFSIM_LOG_TRACE, flags, level, o.data != NULL ? o.data : "");
    free(o.data);
}
