/*
 * kt_file.h - whole-file input and all-or-nothing output for kmdfsim's host
 * tools.
 */
#ifndef KT_FILE_H_
#define KT_FILE_H_

#include <stddef.h>

/*
 * Reads `path` into a new NUL-terminated buffer (*length excludes the NUL).
 * Returns NULL and prints "<tool>: cannot read '<path>': <reason>" on failure.
 */
char *kt_read_file(const char *tool, const char *path, size_t *length);

/*
 * Writes `length` bytes to `path` through a temporary file next to it that
 * is renamed over `path` once complete: readers see the old file or the new
 * one, never a partial one. With `only_if_changed`, a file that already has
 * exactly these contents is left alone (its time stamp too). Returns 0 on
 * success; prints a message and returns -1 on failure (the temporary file is
 * removed, `path` is untouched).
 */
int kt_write_file_atomic(const char *tool, const char *path, const char *data, size_t length, int only_if_changed);

/* The last path component of `path` ('/' and, on Windows, '\\' separate). */
const char *kt_path_basename(const char *path);

#endif /* KT_FILE_H_ */
