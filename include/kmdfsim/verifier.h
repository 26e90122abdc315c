/*
 * kmdfsim/verifier.h - how kmdfsim reports driver bugs.
 *
 * Where real Windows would bug-check, break into the debugger under Driver
 * Verifier or KMDF's verifier, or silently corrupt memory, kmdfsim makes one
 * report through a single function, naming the DDI or callback, the rule
 * that was broken and the handle involved. Errors are driver bugs; warnings
 * flag behaviour that real KMDF has and a driver may not expect (documented
 * quirks), and never stop the run.
 *
 * The default handler prints the report to stderr and, for errors, calls
 * abort(). Tests install their own handler to assert that a report happened;
 * the DDI then returns whatever the documented failure path returns.
 */
#ifndef KMDFSIM_VERIFIER_H_
#define KMDFSIM_VERIFIER_H_

#include <ntdef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum kmdfsim_verifier_severity {
    KMDFSIM_VERIFIER_ERROR = 0,   /* a driver bug */
    KMDFSIM_VERIFIER_WARNING = 1  /* a KMDF quirk or suspicious use the driver should know about */
} kmdfsim_verifier_severity;

typedef struct kmdfsim_verifier_report {
    kmdfsim_verifier_severity severity;
    const char *rule;     /* stable identifier, e.g. "INVALID_HANDLE", "IRQL_TOO_HIGH", "POOL_LEAK" */
    const char *where;    /* the DDI or callback, e.g. "WdfWmiInstanceRegister", "ExFreePool" */
    const void *handle;   /* the offending handle or pointer, or NULL */
    const char *message;  /* one human-readable sentence with the details */
    const char *file;     /* source location for assertions, else NULL */
    ULONG line;
} kmdfsim_verifier_report;

/* Called once per report, on the thread that made the report. */
typedef void (*kmdfsim_verifier_handler)(const kmdfsim_verifier_report *report, void *context);

/* Installs `handler` for all threads; NULL restores the default (print, abort on errors). */
void kmdfsim_set_verifier_handler(kmdfsim_verifier_handler handler, void *context);

/* The default handler: prints to stderr; aborts the process for errors. */
void kmdfsim_verifier_default_handler(const kmdfsim_verifier_report *report, void *context);

/* Formats `report` as one line ("kmdfsim verifier: ERROR [RULE] in WHERE: message") into `buf`. */
size_t kmdfsim_verifier_format(const kmdfsim_verifier_report *report, char *buf, size_t size);

/* A ready-made recording handler for tests: counts reports and keeps the last one. */
typedef struct kmdfsim_verifier_log {
    unsigned long count;
    unsigned long errors;
    unsigned long warnings;
    kmdfsim_verifier_severity last_severity;
    char last_rule[64];
    char last_where[96];
    char last_message[512];
    const void *last_handle;
} kmdfsim_verifier_log;

/* Handler that records into the kmdfsim_verifier_log passed as `context`; it never aborts. */
void kmdfsim_verifier_log_handler(const kmdfsim_verifier_report *report, void *context);

#ifdef __cplusplus
}
#endif

#endif /* KMDFSIM_VERIFIER_H_ */
