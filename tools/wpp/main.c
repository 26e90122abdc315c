/*
 * kmdfsim-wpp - kmdfsim's stand-in for the WPP preprocessor (tracewpp).
 *
 *   kmdfsim-wpp --config <trace.h> [--config <more.h> ...] -o <file.tmh> [-o <other.tmh> ...]
 *
 * Reads the begin_wpp config ... end_wpp blocks of the configuration files
 * and writes each .tmh (the same trace macros for every source; the name
 * only appears in the file's comment). A configuration error is reported as
 * "<file>:<line>:<column>: error: ..." with exit status 1, and no .tmh is
 * written. Files are written through a temporary file and renamed.
 */
#include "kt_buf.h"
#include "kt_file.h"
#include "wpp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOOL "kmdfsim-wpp"

static void usage(FILE *f)
{
    fputs("usage: " TOOL " --config <trace.h> [--config <file> ...] -o <file.tmh> [-o <file.tmh> ...]\n"
          "\n"
          "Writes the .tmh trace message headers a driver's sources include, from the\n"
          "WPP configuration (begin_wpp config ... end_wpp: FUNC, USEPREFIX, USESUFFIX)\n"
          "of its trace header. Every configured trace function becomes a macro that\n"
          "runs the driver's WPP_<conditions>_PRE/_POST macros around the message and\n"
          "sends the formatted message to kmdfsim's log sink.\n",
          f);
}

int main(int argc, char **argv)
{
    const char **configs = kt_xmalloc((size_t)argc * sizeof(char *));
    const char **outputs = kt_xmalloc((size_t)argc * sizeof(char *));
    size_t config_count = 0, output_count = 0;
    int status = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0) {
            usage(stdout);
            goto done;
        } else if (strcmp(a, "--version") == 0) {
            puts(TOOL " 0.1.0");
            goto done;
        } else if (strcmp(a, "--config") == 0 && i + 1 < argc) {
            configs[config_count++] = argv[++i];
        } else if (strncmp(a, "--config=", 9) == 0) {
            configs[config_count++] = a + 9;
        } else if (strcmp(a, "-o") == 0 && i + 1 < argc) {
            outputs[output_count++] = argv[++i];
        } else {
            fprintf(stderr, TOOL ": unknown or incomplete argument '%s'\n", a);
            usage(stderr);
            status = 2;
            goto done;
        }
    }
    if (output_count == 0) {
        usage(stderr);
        status = 2;
        goto done;
    }

    wpp_config cfg;
    wpp_config_init(&cfg);
    kt_buf error;
    kt_buf_init(&error);
    for (size_t i = 0; i < config_count && status == 0; i++) {
        size_t length;
        char *text = kt_read_file(TOOL, configs[i], &length);
        if (text == NULL) {
            status = 1;
            break;
        }
        if (wpp_parse(&cfg, configs[i], text, length, &error) != 0) {
            fprintf(stderr, "%s\n", kt_buf_str(&error));
            status = 1;
        }
        free(text);
    }
    if (status == 0 && wpp_finish(&cfg, &error) != 0) {
        fprintf(stderr, "%s\n", kt_buf_str(&error));
        status = 1;
    }
    for (size_t i = 0; i < output_count && status == 0; i++) {
        kt_buf out;
        kt_buf_init(&out);
        wpp_emit_tmh(&cfg, kt_path_basename(outputs[i]), &out);
        if (out.failed) {
            fprintf(stderr, TOOL ": out of memory\n");
            status = 1;
        } else if (kt_write_file_atomic(TOOL, outputs[i], kt_buf_str(&out), out.length, 0) != 0) {
            status = 1;
        }
        kt_buf_free(&out);
    }
    kt_buf_free(&error);
    wpp_config_free(&cfg);
done:
    free(configs);
    free(outputs);
    return status;
}
