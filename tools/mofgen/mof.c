/* mof.c - mof_compile(): parse, check, emit; errors unwind here. */
#include "mof.h"

#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

int mof_compile(const char *text, size_t length, const mof_options *options, mof_outputs *out, kt_buf *error)
{
    /* Heap-allocated so that its fields (the arena list grows while parsing)
     * are well defined after the longjmp of an error. */
    mof_context *const ctx = calloc(1, sizeof(*ctx));
    mof_file *const file = calloc(1, sizeof(*file));
    if (ctx == NULL || file == NULL) {
        free(ctx);
        free(file);
        kt_buf_clear(error);
        kt_buf_puts(error, "error: out of memory");
        return -1;
    }
    jmp_buf jump;
    ctx->file_name = options->mof_name != NULL ? options->mof_name : "<input>";
    ctx->error = error;
    ctx->jump = &jump;
    int result = -1;
    if (setjmp(jump) == 0) {
        mof_parse(ctx, text, length, file);
        mof_check(ctx, file);
        kt_buf_clear(&out->header);
        kt_buf_clear(&out->json);
        mof_emit_header(file, options, &out->header);
        mof_emit_json(file, options, &out->json);
        if (out->header.failed || out->json.failed) {
            kt_buf_clear(error);
            kt_buf_printf(error, "%s: error: out of memory", ctx->file_name);
        } else {
            result = 0;
        }
    }
    if (result != 0) {
        kt_buf_free(&out->header);
        kt_buf_free(&out->json);
    }
    mof_arena_free(ctx->arena);
    free(ctx);
    free(file);
    return result;
}
