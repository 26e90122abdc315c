/*
 * wpp.h - kmdfsim-wpp: reads the WPP configuration of a driver's trace
 * header and writes the .tmh files its sources include.
 *
 * Configuration blocks are the lines between "begin_wpp config" and
 * "end_wpp", in // comments or a block comment:
 *
 *   // begin_wpp config
 *   // FUNC Trace{FLAGS=MYDRIVER_ALL_INFO}(LEVEL, MSG, ...);
 *   // FUNC TraceEvents(LEVEL, FLAGS, MSG, ...);
 *   // USEPREFIX(TraceEvents, "%!STDPREFIX!");
 *   // FUNC TRACE_RETURN{LEVEL=ERROR}(EXP);
 *   // USESUFFIX(TRACE_RETURN, "Function Return=%!STATUS!", EXP);
 *   // CUSTOM_TYPE(devpowerstate, ItemEnum(_DEVICE_POWER_STATE));
 *   // end_wpp
 *
 * Other statements of the form NAME(...); are accepted and ignored.
 */
#ifndef KMDFSIM_WPP_TOOL_H_
#define KMDFSIM_WPP_TOOL_H_

#include "kt_buf.h"

#include <stddef.h>

typedef struct wpp_text_list {
    char **items;
    size_t count;
} wpp_text_list;

typedef struct wpp_func {
    char *name;
    wpp_text_list fixed_names;  /* {LEVEL=..., FLAGS=...} */
    wpp_text_list fixed_values; /* C text, as written */
    wpp_text_list params;       /* positional parameters other than MSG and ... */
    int has_msg, has_varargs;
    char *prefix; /* C string literal as written, or NULL */
    wpp_text_list prefix_args;
    char *suffix;
    wpp_text_list suffix_args;
    char *file;
    unsigned line;
    int builtin; /* the default DoTraceMessage */
} wpp_func;

typedef struct wpp_config {
    wpp_func *funcs;
    size_t func_count;
    char *component; /* name of the first WPP_DEFINE_CONTROL_GUID, or NULL */
    wpp_text_list config_files;
    /* USEPREFIX/USESUFFIX seen before their FUNC: checked in wpp_finish. */
    struct wpp_pending {
        char *func, *format, *file;
        wpp_text_list args;
        unsigned line, column;
        int suffix;
    } *pending;
    size_t pending_count;
} wpp_config;

void wpp_config_init(wpp_config *cfg);
void wpp_config_free(wpp_config *cfg);

/*
 * Parses the configuration blocks of one file. Returns 0, or -1 with
 * "<file>:<line>:<column>: error: ..." in `error`.
 */
int wpp_parse(wpp_config *cfg, const char *file_name, const char *text, size_t length, kt_buf *error);

/* Resolves USEPREFIX/USESUFFIX and adds the default DoTraceMessage. 0 or -1 with `error`. */
int wpp_finish(wpp_config *cfg, kt_buf *error);

/* The text of a .tmh file for the source `source_name` (used in its comment only). */
void wpp_emit_tmh(const wpp_config *cfg, const char *tmh_name, kt_buf *out);

#endif /* KMDFSIM_WPP_TOOL_H_ */
