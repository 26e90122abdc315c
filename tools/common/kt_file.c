/* kt_file.c - see kt_file.h. */
#include "kt_file.h"

#include "kt_buf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *kt_read_file(const char *tool, const char *path, size_t *length)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "%s: cannot read '%s': %s\n", tool, path, strerror(errno));
        return NULL;
    }
    kt_buf b;
    kt_buf_init(&b);
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        kt_buf_append(&b, chunk, n);
    int error = ferror(f);
    fclose(f);
    if (error || b.failed) {
        fprintf(stderr, "%s: cannot read '%s'\n", tool, path);
        kt_buf_free(&b);
        return NULL;
    }
    if (b.data == NULL)
        kt_buf_append(&b, "", 0);
    *length = b.length;
    return b.data;
}

static int kt_same_contents(const char *path, const char *data, size_t length)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return 0;
    char chunk[8192];
    size_t offset = 0, n;
    int same = 1;
    while (same && (n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        if (n > length - offset || memcmp(chunk, data + offset, n) != 0)
            same = 0;
        else
            offset += n;
    }
    if (ferror(f))
        same = 0;
    fclose(f);
    return same && offset == length;
}

int kt_write_file_atomic(const char *tool, const char *path, const char *data, size_t length, int only_if_changed)
{
    if (only_if_changed && kt_same_contents(path, data, length))
        return 0;
    size_t plen = strlen(path);
    char *temp = kt_xmalloc(plen + 32);
    snprintf(temp, plen + 32, "%s.kmdfsim-tmp", path);
    FILE *f = fopen(temp, "wb");
    if (f == NULL) {
        fprintf(stderr, "%s: cannot write '%s': %s\n", tool, temp, strerror(errno));
        free(temp);
        return -1;
    }
    int ok = fwrite(data, 1, length, f) == length;
    ok = (fflush(f) == 0) && ok;
    ok = (fclose(f) == 0) && ok;
    if (!ok) {
        fprintf(stderr, "%s: cannot write '%s': %s\n", tool, temp, strerror(errno));
        remove(temp);
        free(temp);
        return -1;
    }
#ifdef _WIN32
    /* The C library's rename does not replace an existing file on Windows. */
    remove(path);
#endif
    if (rename(temp, path) != 0) {
        fprintf(stderr, "%s: cannot rename '%s' to '%s': %s\n", tool, temp, path, strerror(errno));
        remove(temp);
        free(temp);
        return -1;
    }
    free(temp);
    return 0;
}

const char *kt_path_basename(const char *path)
{
    const char *base = path;
    for (const char *p = path; *p != '\0'; p++) {
        if (*p == '/'
#ifdef _WIN32
            || *p == '\\' || *p == ':'
#endif
        )
            base = p + 1;
    }
    return base;
}
