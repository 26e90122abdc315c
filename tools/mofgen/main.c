/*
 * kmdfsim-mofgen - compiles a WMI driver's .mof file into the C header that
 * `wmimofck -h` would generate, and a JSON description of its classes.
 *
 *   kmdfsim-mofgen [--header <out.h>] [--json <out.json>] <input.mof>
 *
 * Bad MOF gets one message "<file>:<line>:<column>: error: ..." on stderr
 * and exit status 1; no output file is created or changed. Outputs are
 * written through a temporary file and renamed into place.
 */
#include "kt_buf.h"
#include "kt_file.h"
#include "mof.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOOL "kmdfsim-mofgen"

static void usage(FILE *f)
{
    fputs("usage: " TOOL " [--header <out.h>] [--json <out.json>] <input.mof>\n"
          "\n"
          "Compiles the MOF of a WMI driver (classes with WmiDataId items, methods with\n"
          "WmiMethodId, WMIEvent classes, embedded classes) into:\n"
          "  --header <file>  the C header `wmimofck -h` generates: GUID defines, one\n"
          "                   struct per data block in WmiDataId order, _SIZE/_ID defines,\n"
          "                   method ids and _IN/_OUT structs\n"
          "  --json <file>    a JSON description of the classes (ids, types, sizes, offsets)\n"
          "Without an output option the MOF is only checked.\n",
          f);
}

int main(int argc, char **argv)
{
    const char *header_path = NULL, *json_path = NULL, *input = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-?") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "--version") == 0) {
            puts(TOOL " 0.1.0");
            return 0;
        } else if ((strcmp(a, "--header") == 0 || strcmp(a, "--json") == 0) && i + 1 < argc) {
            if (a[2] == 'h')
                header_path = argv[++i];
            else
                json_path = argv[++i];
        } else if (strncmp(a, "--header=", 9) == 0) {
            header_path = a + 9;
        } else if (strncmp(a, "--json=", 7) == 0) {
            json_path = a + 7;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, TOOL ": unknown or incomplete option '%s'\n", a);
            usage(stderr);
            return 2;
        } else if (input == NULL) {
            input = a;
        } else {
            fprintf(stderr, TOOL ": more than one input file ('%s' and '%s')\n", input, a);
            return 2;
        }
    }
    if (input == NULL) {
        usage(stderr);
        return 2;
    }

    size_t length;
    char *text = kt_read_file(TOOL, input, &length);
    if (text == NULL)
        return 1;

    /* The include guard comes from the header's file name. */
    char *derived = NULL;
    const char *header_name = header_path != NULL ? kt_path_basename(header_path) : NULL;
    if (header_name == NULL) {
        const char *base = kt_path_basename(input);
        size_t n = strlen(base);
        const char *dot = strrchr(base, '.');
        if (dot != NULL && dot != base)
            n = (size_t)(dot - base);
        derived = kt_xmalloc(n + 3);
        memcpy(derived, base, n);
        memcpy(derived + n, ".h", 3);
        header_name = derived;
    }

    mof_options options = {input, header_name};
    mof_outputs out;
    kt_buf_init(&out.header);
    kt_buf_init(&out.json);
    kt_buf error;
    kt_buf_init(&error);
    int status = 0;
    if (mof_compile(text, length, &options, &out, &error) != 0) {
        fprintf(stderr, "%s\n", kt_buf_str(&error));
        status = 1;
    } else {
        if (header_path != NULL &&
            kt_write_file_atomic(TOOL, header_path, kt_buf_str(&out.header), out.header.length, 0) != 0)
            status = 1;
        if (status == 0 && json_path != NULL &&
            kt_write_file_atomic(TOOL, json_path, kt_buf_str(&out.json), out.json.length, 0) != 0)
            status = 1;
    }
    kt_buf_free(&out.header);
    kt_buf_free(&out.json);
    kt_buf_free(&error);
    free(derived);
    free(text);
    return status;
}
