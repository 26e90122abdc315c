/*
 * log.c - the log sink behind DbgPrint and friends.
 *
 * Formatting happens in the caller (rtl/dbgprint.c); this file only routes
 * finished text to the installed sink, outside any lock, like the verifier.
 */
#include <kmdfsim/log.h>

#include "platform/platform.h"

#include <stdio.h>
#include <string.h>
#include <wdm.h>

static kmdfsim_static_mutex g_sink_lock;
static kmdfsim_log_sink g_sink = kmdfsim_log_stderr_sink;
static void *g_sink_context;

void kmdfsim_set_log_sink(kmdfsim_log_sink sink, void *context)
{
    kmdfsim_mutex *lock = kmdfsim_static_mutex_get(&g_sink_lock);
    kmdfsim_mutex_lock(lock);
    g_sink = sink != NULL ? sink : kmdfsim_log_stderr_sink;
    g_sink_context = sink != NULL ? context : NULL;
    kmdfsim_mutex_unlock(lock);
}

void kmdfsim_log_stderr_sink(const kmdfsim_log_record *record, void *context)
{
    (void)context;
    fwrite(record->text, 1, record->length, stderr);
    /* Kernel debug output usually carries its own "\n"; keep lines whole. */
    if (record->length == 0 || record->text[record->length - 1] != '\n')
        fputc('\n', stderr);
}

void kmdfsim_log_discard_sink(const kmdfsim_log_record *record, void *context)
{
    (void)record;
    (void)context;
}

void kmdfsim_log_emit(kmdfsim_log_source source, ULONG component_id, ULONG level, const char *text)
{
    kmdfsim_log_record record;
    record.source = source;
    record.component_id = component_id;
    record.level = level;
    record.text = text != NULL ? text : "";
    record.length = strlen(record.text);

    kmdfsim_mutex *lock = kmdfsim_static_mutex_get(&g_sink_lock);
    kmdfsim_mutex_lock(lock);
    kmdfsim_log_sink sink = g_sink;
    void *context = g_sink_context;
    kmdfsim_mutex_unlock(lock);
    sink(&record, context);
}
