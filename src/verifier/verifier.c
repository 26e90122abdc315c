/*
 * verifier.c - report routing: one handler, installed process-wide.
 *
 * The handler pointer and its context are read together under a mutex so a
 * test swapping handlers while another thread reports never sees a handler
 * paired with the wrong context. The handler itself runs outside the lock:
 * it may take as long as it likes, or report again.
 */
#include "verifier/verifier_internal.h"

#include "platform/platform.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static kmdfsim_static_mutex g_handler_lock;
static kmdfsim_verifier_handler g_handler = kmdfsim_verifier_default_handler;
static void *g_handler_context;

void kmdfsim_set_verifier_handler(kmdfsim_verifier_handler handler, void *context)
{
    kmdfsim_mutex *lock = kmdfsim_static_mutex_get(&g_handler_lock);
    kmdfsim_mutex_lock(lock);
    g_handler = handler != NULL ? handler : kmdfsim_verifier_default_handler;
    g_handler_context = handler != NULL ? context : NULL;
    kmdfsim_mutex_unlock(lock);
}

size_t kmdfsim_verifier_format(const kmdfsim_verifier_report *report, char *buf, size_t size)
{
    const char *kind = report->severity == KMDFSIM_VERIFIER_ERROR ? "ERROR" : "WARNING";
    int n;
    if (report->file != NULL)
        n = snprintf(buf, size, "kmdfsim verifier: %s [%s] in %s (%s:%lu): %s", kind, report->rule, report->where,
                     report->file, (unsigned long)report->line, report->message);
    else if (report->handle != NULL)
        n = snprintf(buf, size, "kmdfsim verifier: %s [%s] in %s (handle %p): %s", kind, report->rule, report->where,
                     report->handle, report->message);
    else
        n = snprintf(buf, size, "kmdfsim verifier: %s [%s] in %s: %s", kind, report->rule, report->where,
                     report->message);
    return n < 0 ? 0 : (size_t)n;
}

void kmdfsim_verifier_default_handler(const kmdfsim_verifier_report *report, void *context)
{
    char line[1024];
    (void)context;
    kmdfsim_verifier_format(report, line, sizeof(line));
    fprintf(stderr, "%s\n", line);
    fflush(stderr);
    if (report->severity == KMDFSIM_VERIFIER_ERROR)
        abort();
}

/* Copies with truncation and a guaranteed terminator. */
static void copy_text(char *dst, size_t size, const char *src)
{
    size_t n = src != NULL ? strlen(src) : 0;
    if (n >= size)
        n = size - 1;
    if (n > 0)
        memcpy(dst, src, n);
    dst[n] = '\0';
}

void kmdfsim_verifier_log_handler(const kmdfsim_verifier_report *report, void *context)
{
    kmdfsim_verifier_log *log = (kmdfsim_verifier_log *)context;
    log->count++;
    if (report->severity == KMDFSIM_VERIFIER_ERROR)
        log->errors++;
    else
        log->warnings++;
    log->last_severity = report->severity;
    copy_text(log->last_rule, sizeof(log->last_rule), report->rule);
    copy_text(log->last_where, sizeof(log->last_where), report->where);
    copy_text(log->last_message, sizeof(log->last_message), report->message);
    log->last_handle = report->handle;
}

void kmdfsim_verifier_emit(kmdfsim_verifier_severity severity, const char *rule, const char *where, const void *handle,
                           const char *file, unsigned long line, const char *format, ...)
{
    char message[768];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof(message), format, args);
    va_end(args);

    kmdfsim_verifier_report report;
    report.severity = severity;
    report.rule = rule;
    report.where = where;
    report.handle = handle;
    report.message = message;
    report.file = file;
    report.line = (ULONG)line;

    kmdfsim_mutex *lock = kmdfsim_static_mutex_get(&g_handler_lock);
    kmdfsim_mutex_lock(lock);
    kmdfsim_verifier_handler handler = g_handler;
    void *context = g_handler_context;
    kmdfsim_mutex_unlock(lock);
    handler(&report, context);
}
