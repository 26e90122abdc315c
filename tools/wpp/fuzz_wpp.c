/*
 * fuzz_wpp.c - libFuzzer entry point for kmdfsim-wpp's configuration parser
 * and .tmh writer (built only in Clang sanitizer configurations).
 */
#include "wpp.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (text == NULL)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    wpp_config cfg;
    wpp_config_init(&cfg);
    kt_buf error;
    kt_buf_init(&error);
    if (wpp_parse(&cfg, "fuzz.h", text, size, &error) == 0 && wpp_finish(&cfg, &error) == 0) {
        kt_buf out;
        kt_buf_init(&out);
        wpp_emit_tmh(&cfg, "fuzz.tmh", &out);
        if (out.length == 0)
            abort();
        kt_buf_free(&out);
    } else if (strncmp(kt_buf_str(&error), "fuzz.h:", 7) != 0) {
        abort();
    }
    kt_buf_free(&error);
    wpp_config_free(&cfg);
    free(text);
    return 0;
}
