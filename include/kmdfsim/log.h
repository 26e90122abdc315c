/*
 * kmdfsim/log.h - where driver debug output goes.
 *
 * DbgPrint, DbgPrintEx, KdPrint (when DBG is set) and, later, WPP trace
 * messages are formatted by kmdfsim (kernel format rules: %wZ, %ws, %I64x)
 * and handed to one log sink. The default sink writes each message to
 * stderr; tests install their own sink to capture or silence output.
 */
#ifndef KMDFSIM_LOG_H_
#define KMDFSIM_LOG_H_

#include <ntdef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum kmdfsim_log_source {
    KMDFSIM_LOG_DBGPRINT = 0, /* DbgPrint / DbgPrintEx / KdPrint */
    KMDFSIM_LOG_TRACE = 1,    /* WPP-style trace messages */
    KMDFSIM_LOG_EMULATOR = 2  /* kmdfsim's own notes */
} kmdfsim_log_source;

typedef struct kmdfsim_log_record {
    kmdfsim_log_source source;
    ULONG component_id; /* DPFLTR_* component for DbgPrintEx, DPFLTR_DEFAULT_ID otherwise */
    ULONG level;        /* DPFLTR_*_LEVEL or trace level */
    const char *text;   /* the formatted message, NUL-terminated, UTF-8 */
    size_t length;      /* strlen(text) */
} kmdfsim_log_record;

typedef void (*kmdfsim_log_sink)(const kmdfsim_log_record *record, void *context);

/* Installs `sink` for all threads; NULL restores the default stderr sink. */
void kmdfsim_set_log_sink(kmdfsim_log_sink sink, void *context);

/* The default sink: writes the text to stderr. */
void kmdfsim_log_stderr_sink(const kmdfsim_log_record *record, void *context);
/* A sink that drops everything (silences driver output). */
void kmdfsim_log_discard_sink(const kmdfsim_log_record *record, void *context);

/* Hands one already formatted record to the current sink (used by kmdfsim's own modules). */
void kmdfsim_log_emit(kmdfsim_log_source source, ULONG component_id, ULONG level, const char *text);

#ifdef __cplusplus
}
#endif

#endif /* KMDFSIM_LOG_H_ */
