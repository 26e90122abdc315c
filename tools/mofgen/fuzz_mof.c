/*
 * fuzz_mof.c - libFuzzer entry point for kmdfsim-mofgen's compiler
 * (built only in Clang sanitizer configurations, tests/mofgen.cmake).
 *
 * Any input must give either both outputs or one error message of the form
 * "<file>:<line>:<column>: error: ...", never a crash, a leak or undefined
 * behaviour.
 */
#include "mof.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mof_options options = {"fuzz.mof", "fuzzmof.h"};
    mof_outputs out;
    kt_buf_init(&out.header);
    kt_buf_init(&out.json);
    kt_buf error;
    kt_buf_init(&error);
    int rc = mof_compile((const char *)data, size, &options, &out, &error);
    if (rc == 0) {
        /* A header always has its guard and its end. */
        if (out.header.length < 8 || strncmp(kt_buf_str(&out.header), "#ifndef ", 8) != 0 || out.json.length == 0)
            abort();
    } else if (strncmp(kt_buf_str(&error), "fuzz.mof:", 9) != 0 || strstr(kt_buf_str(&error), "error: ") == NULL ||
               out.header.length != 0) {
        abort();
    }
    kt_buf_free(&out.header);
    kt_buf_free(&out.json);
    kt_buf_free(&error);
    return 0;
}
