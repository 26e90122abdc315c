/*
 * kmdfsim-incmap - makes a driver's MSVC-style #include lines work with
 * GCC and Clang on a case-sensitive file system, without touching the
 * driver's files.
 *
 *   kmdfsim-incmap --overlay <dir> --stamp <file> [--depfile <file>]
 *                  [--include-dirs <d1|d2|...>] [--system-dirs <d1|d2|...>]
 *                  [--generated <name>]... <source>...
 *
 * MSVC on Windows opens "FireFly.h" when the file is firefly.h, and
 * "..\inc\public.h" as a path; GCC and Clang outside Windows look for a file
 * whose name is exactly that (backslashes included). This tool reads the
 * #include lines of the sources and, recursively, of the driver headers
 * they reach; each name that does not resolve as written is looked up the
 * way MSVC would (backslashes as separators, case ignored): relative to the
 * including file, then in the include directories, then in the system
 * directories (kmdfsim's WDK headers), then among the generated headers
 * (--generated: the MOF header and the .tmh files, which may not exist yet).
 * For each name found that way it writes a forwarding header into the
 * overlay directory, named exactly as the #include line spells it:
 *
 *   <overlay>/_/_/_/_/_/_/_/_/FireFly.h            #include "/abs/driver/firefly.h"
 *   <overlay>/_/_/_/_/_/_/_/_/..\inc\public.h      #include "/abs/driver/inc/public.h"
 *
 * The compiler gets <overlay>/_/_/_/_/_/_/_/_ (OVERLAY_DEPTH levels deep, so
 * that names with leading "../" stay inside the overlay) as an include
 * directory after the driver's own. Names that already resolve are left to
 * the compiler. Files are rewritten only when their contents change;
 * entries no longer needed are removed. --depfile lists every file read,
 * for the build tool to re-run this when one changes; the stamp is written
 * last.
 *
 * On Windows hosts names need no help (the file system is case-insensitive
 * and '\' is a separator), so only the stamp and depfile are written.
 */
#if !defined(_WIN32) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include "kt_buf.h"
#include "kt_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef _WIN32
#include <dirent.h>
#include <sys/stat.h>
#include <sys/types.h>
#endif

#define TOOL "kmdfsim-incmap"
#define OVERLAY_DEPTH 8

typedef struct strlist {
    char **items;
    size_t count;
} strlist;

static void sl_add(strlist *l, const char *s)
{
    l->items = kt_xrealloc(l->items, (l->count + 1) * sizeof(char *));
    l->items[l->count++] = kt_xstrdup(s);
}

static int sl_has(const strlist *l, const char *s)
{
    for (size_t i = 0; i < l->count; i++)
        if (strcmp(l->items[i], s) == 0)
            return 1;
    return 0;
}

static void sl_free(strlist *l)
{
    for (size_t i = 0; i < l->count; i++)
        free(l->items[i]);
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

/* Splits "a|b|c" (empty parts dropped). */
static void sl_split(strlist *l, const char *text)
{
    const char *p = text;
    while (*p) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (n > 0) {
            char *part = kt_xmalloc(n + 1);
            memcpy(part, p, n);
            part[n] = '\0';
            sl_add(l, part);
            free(part);
        }
        p += n;
        if (*p == '|')
            p++;
    }
}

/* Lexically normalises an absolute or relative '/' path: removes "." and "x/..". */
static char *normalize(const char *path)
{
    size_t n = strlen(path);
    char *copy = kt_xstrdup(path);
    char **parts = kt_xmalloc((n + 1) * sizeof(char *));
    size_t count = 0;
    int absolute = path[0] == '/';
    for (char *tok = copy, *next; tok != NULL; tok = next) {
        next = strchr(tok, '/');
        if (next != NULL)
            *next++ = '\0';
        if (tok[0] == '\0' || strcmp(tok, ".") == 0)
            continue;
        if (strcmp(tok, "..") == 0 && count > 0 && strcmp(parts[count - 1], "..") != 0) {
            count--;
            continue;
        }
        if (strcmp(tok, "..") == 0 && count == 0 && absolute)
            continue;
        parts[count++] = tok;
    }
    kt_buf b;
    kt_buf_init(&b);
    if (absolute)
        kt_buf_putc(&b, '/');
    for (size_t i = 0; i < count; i++) {
        if (i)
            kt_buf_putc(&b, '/');
        kt_buf_puts(&b, parts[i]);
    }
    if (b.length == 0)
        kt_buf_putc(&b, '.');
    char *result = kt_xstrdup(kt_buf_str(&b));
    kt_buf_free(&b);
    free(parts);
    free(copy);
    return result;
}

static char *join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = kt_xmalloc(a + b + 2);
    memcpy(p, dir, a);
    p[a] = '/';
    memcpy(p + a + 1, name, b + 1);
    return p;
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (slash == NULL)
        return kt_xstrdup(".");
    if (slash == path)
        return kt_xstrdup("/");
    char *d = kt_xmalloc((size_t)(slash - path) + 1);
    memcpy(d, path, (size_t)(slash - path));
    d[slash - path] = '\0';
    return d;
}

#ifndef _WIN32

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The entry of `dir` equal to `name` ignoring ASCII case (exact match preferred, then the smallest). */
static char *find_entry_ci(const char *dir, const char *name)
{
    char *exact = join(dir, name);
    struct stat st;
    if (stat(exact, &st) == 0)
        return exact;
    free(exact);
    DIR *d = opendir(dir);
    if (d == NULL)
        return NULL;
    char *best = NULL;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (kt_strcasecmp(e->d_name, name) == 0 && (best == NULL || strcmp(e->d_name, best) < 0)) {
            free(best);
            best = kt_xstrdup(e->d_name);
        }
    }
    closedir(d);
    if (best == NULL)
        return NULL;
    char *path = join(dir, best);
    free(best);
    return path;
}

/* Resolves `rel` ('/' separated) under `base`, ignoring case; NULL unless it names a file. */
static char *resolve_ci(const char *base, const char *rel)
{
    char *path = kt_xstrdup(base);
    char *copy = kt_xstrdup(rel);
    for (char *tok = copy, *next; tok != NULL; tok = next) {
        next = strchr(tok, '/');
        if (next != NULL)
            *next++ = '\0';
        if (tok[0] == '\0' || strcmp(tok, ".") == 0)
            continue;
        char *step;
        if (strcmp(tok, "..") == 0) {
            step = join(path, "..");
        } else {
            if (!is_dir(path)) {
                free(path);
                free(copy);
                return NULL;
            }
            step = find_entry_ci(path, tok);
            if (step == NULL) {
                free(path);
                free(copy);
                return NULL;
            }
        }
        free(path);
        path = step;
    }
    free(copy);
    if (!is_file(path)) {
        free(path);
        return NULL;
    }
    char *n = normalize(path);
    free(path);
    return n;
}

static int make_dirs(const char *path)
{
    char *copy = kt_xstrdup(path);
    for (char *p = copy + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
                free(copy);
                return -1;
            }
            *p = '/';
        }
    }
    int ok = mkdir(copy, 0777) == 0 || errno == EEXIST;
    free(copy);
    return ok ? 0 : -1;
}

#endif /* !_WIN32 */

typedef struct entry {
    char *spelling; /* as written in the #include */
    char *target;   /* absolute path of the file it means */
    char *includer;
} entry;

typedef struct state {
    strlist include_dirs, system_dirs, generated;
    const char *generated_dir;
    strlist queue;   /* files to scan (normalised) */
    strlist scanned; /* every file read, for the depfile */
    entry *entries;
    size_t entry_count;
    int failed;
} state;

static int in_dirs(const strlist *dirs, const char *path)
{
    for (size_t i = 0; i < dirs->count; i++) {
        size_t n = strlen(dirs->items[i]);
        if (strncmp(path, dirs->items[i], n) == 0 && (path[n] == '/' || path[n] == '\0'))
            return 1;
    }
    return 0;
}

static void enqueue(state *st, const char *path)
{
    char *n = normalize(path);
    int generated = 0;
    if (st->generated_dir != NULL) {
        /* Generated headers (MOF header, .tmh) are kmdfsim's, not the driver's: not scanned. */
        char *g = normalize(st->generated_dir);
        strlist one = {&g, 1};
        generated = in_dirs(&one, n);
        free(g);
    }
    if (!generated && !in_dirs(&st->system_dirs, n) && !sl_has(&st->queue, n))
        sl_add(&st->queue, n);
    free(n);
}

static void add_entry(state *st, const char *spelling, const char *target, const char *includer)
{
    for (size_t i = 0; i < st->entry_count; i++) {
        if (strcmp(st->entries[i].spelling, spelling) == 0) {
            if (strcmp(st->entries[i].target, target) != 0)
                fprintf(stderr,
                        TOOL ": warning: \"%s\" means %s in %s but %s in %s; the include overlay can map it to one "
                             "file only (the first)\n",
                        spelling, st->entries[i].target, st->entries[i].includer, target, includer);
            return;
        }
    }
    st->entries = kt_xrealloc(st->entries, (st->entry_count + 1) * sizeof(entry));
    st->entries[st->entry_count].spelling = kt_xstrdup(spelling);
    st->entries[st->entry_count].target = kt_xstrdup(target);
    st->entries[st->entry_count].includer = kt_xstrdup(includer);
    st->entry_count++;
}

#ifndef _WIN32

static char *exact_in(const strlist *dirs, const char *name)
{
    for (size_t i = 0; i < dirs->count; i++) {
        char *p = join(dirs->items[i], name);
        if (is_file(p))
            return p;
        free(p);
    }
    return NULL;
}

static char *fuzzy_in(const strlist *dirs, const char *rel)
{
    for (size_t i = 0; i < dirs->count; i++) {
        char *p = resolve_ci(dirs->items[i], rel);
        if (p != NULL)
            return p;
    }
    return NULL;
}

static void handle_include(state *st, const char *includer, const char *spelling, int quoted)
{
    if (spelling[0] == '\0' || spelling[0] == '/' || strchr(spelling, '"') != NULL)
        return;
    char *dir = dir_of(includer);
    char *found = NULL;
    /* 1. As the compiler sees it. */
    if (quoted) {
        char *p = join(dir, spelling);
        if (is_file(p))
            found = p;
        else
            free(p);
    }
    if (found == NULL)
        found = exact_in(&st->include_dirs, spelling);
    if (found != NULL) {
        enqueue(st, found);
        free(found);
        free(dir);
        return;
    }
    char *sys = exact_in(&st->system_dirs, spelling);
    if (sys != NULL) {
        free(sys);
        free(dir);
        return;
    }
    /* 2. As MSVC on Windows would see it. */
    char *rel = kt_xstrdup(spelling);
    for (char *c = rel; *c; c++)
        if (*c == '\\')
            *c = '/';
    if (rel[0] == '/' || (rel[0] != '\0' && rel[1] == ':')) { /* absolute or drive-letter paths */
        free(rel);
        free(dir);
        return;
    }
    int scan = 1;
    if (quoted)
        found = resolve_ci(dir, rel);
    if (found == NULL)
        found = fuzzy_in(&st->include_dirs, rel);
    if (found == NULL) {
        found = fuzzy_in(&st->system_dirs, rel);
        scan = 0;
    }
    if (found == NULL && strchr(rel, '/') == NULL && st->generated_dir != NULL) {
        for (size_t i = 0; i < st->generated.count && found == NULL; i++) {
            if (kt_strcasecmp(st->generated.items[i], rel) == 0 && strcmp(st->generated.items[i], rel) != 0)
                found = join(st->generated_dir, st->generated.items[i]);
        }
        scan = 0;
    }
    if (found != NULL) {
        add_entry(st, spelling, found, includer);
        if (scan)
            enqueue(st, found);
        free(found);
    }
    free(rel);
    free(dir);
}

#endif /* !_WIN32 */

/* Finds the #include lines of one file (outside comments). */
static void scan_file(state *st, const char *path)
{
    size_t length;
    char *text = kt_read_file(TOOL, path, &length);
    if (text == NULL) {
        st->failed = 1;
        return;
    }
    sl_add(&st->scanned, path);
    int in_comment = 0;
    size_t i = 0;
    while (i < length) {
        /* One line: [i, end). */
        size_t end = i;
        while (end < length && text[end] != '\n')
            end++;
        size_t j = i;
        int at_start = !in_comment;
        /* Skip leading space (and comments) to see whether the line is a directive. */
        while (j < end) {
            if (in_comment) {
                if (text[j] == '*' && j + 1 < end && text[j + 1] == '/') {
                    in_comment = 0;
                    j += 2;
                    at_start = 1;
                    continue;
                }
                j++;
                continue;
            }
            if (text[j] == ' ' || text[j] == '\t' || text[j] == '\r' || text[j] == '\f' || text[j] == '\v') {
                j++;
                continue;
            }
            if (text[j] == '/' && j + 1 < end && text[j + 1] == '*') {
                in_comment = 1;
                j += 2;
                continue;
            }
            break;
        }
        if (at_start && !in_comment && j < end && text[j] == '#') {
            j++;
            while (j < end && (text[j] == ' ' || text[j] == '\t'))
                j++;
            if (end - j > 7 && strncmp(text + j, "include", 7) == 0) {
                j += 7;
                while (j < end && (text[j] == ' ' || text[j] == '\t'))
                    j++;
                if (j < end && (text[j] == '"' || text[j] == '<')) {
                    char close = text[j] == '"' ? '"' : '>';
                    size_t k = j + 1;
                    while (k < end && text[k] != close)
                        k++;
                    if (k < end && k - j - 1 < 4096) {
                        char *spelling = kt_xmalloc(k - j);
                        memcpy(spelling, text + j + 1, k - j - 1);
                        spelling[k - j - 1] = '\0';
#ifndef _WIN32
                        handle_include(st, path, spelling, close == '"');
#endif
                        free(spelling);
                    }
                }
            }
        }
        /* Track block comments through the rest of the line (strings and // respected). */
        char quote = 0;
        for (; j < end; j++) {
            char c = text[j];
            if (in_comment) {
                if (c == '*' && j + 1 < end && text[j + 1] == '/') {
                    in_comment = 0;
                    j++;
                }
            } else if (quote) {
                if (c == '\\')
                    j++;
                else if (c == quote)
                    quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '/' && j + 1 < end && text[j + 1] == '/') {
                break;
            } else if (c == '/' && j + 1 < end && text[j + 1] == '*') {
                in_comment = 1;
                j++;
            }
        }
        i = end + 1;
    }
    free(text);
}

static void put_dep_path(kt_buf *b, const char *path)
{
    for (const char *p = path; *p; p++) {
        if (*p == ' ' || *p == '#')
            kt_buf_putc(b, '\\');
        if (*p == '$')
            kt_buf_putc(b, '$');
        kt_buf_putc(b, *p);
    }
}

#ifndef _WIN32
/* Writes the forwarding headers and removes those of the previous run that are gone. */
static int write_overlay(state *st, const char *overlay)
{
    if (make_dirs(overlay) != 0) {
        fprintf(stderr, TOOL ": cannot create '%s': %s\n", overlay, strerror(errno));
        return -1;
    }
    kt_buf manifest;
    kt_buf_init(&manifest);
    int status = 0;
    for (size_t i = 0; i < st->entry_count && status == 0; i++) {
        const entry *e = &st->entries[i];
        /* Place the entry relative to the deepest overlay level. */
        size_t cap = OVERLAY_DEPTH + strlen(e->spelling) + 1;
        char **parts = kt_xmalloc(cap * sizeof(char *));
        size_t count = 0;
        for (int d = 0; d < OVERLAY_DEPTH; d++)
            parts[count++] = kt_xstrdup("_");
        char *copy = kt_xstrdup(e->spelling);
        int escaped = 0;
        for (char *tok = copy, *next; tok != NULL; tok = next) {
            next = strchr(tok, '/');
            if (next != NULL)
                *next++ = '\0';
            if (tok[0] == '\0' || strcmp(tok, ".") == 0)
                continue;
            if (strcmp(tok, "..") == 0) {
                if (count == 0) {
                    escaped = 1;
                    break;
                }
                free(parts[--count]);
                continue;
            }
            parts[count++] = kt_xstrdup(tok);
        }
        free(copy);
        if (escaped || count == 0) {
            fprintf(stderr, TOOL ": warning: cannot map \"%s\" (from %s): too many leading '../'\n", e->spelling,
                    e->includer);
        } else {
            kt_buf path;
            kt_buf_init(&path);
            kt_buf_puts(&path, overlay);
            for (size_t k = 0; k + 1 < count; k++) {
                kt_buf_putc(&path, '/');
                kt_buf_puts(&path, parts[k]);
            }
            if (make_dirs(kt_buf_str(&path)) != 0) {
                fprintf(stderr, TOOL ": cannot create '%s': %s\n", kt_buf_str(&path), strerror(errno));
                status = -1;
            }
            kt_buf_putc(&path, '/');
            kt_buf_puts(&path, parts[count - 1]);
            kt_buf text;
            kt_buf_init(&text);
            kt_buf_printf(&text,
                          "/* kmdfsim include overlay (generated by " TOOL "): the driver's\n"
                          " *   #include \"%s\"\n"
                          " * means this file, as it would with MSVC on Windows. */\n"
                          "#include \"%s\"\n",
                          e->spelling, e->target);
            if (status == 0 &&
                kt_write_file_atomic(TOOL, kt_buf_str(&path), kt_buf_str(&text), text.length, 1) != 0)
                status = -1;
            kt_buf_puts(&manifest, kt_buf_str(&path));
            kt_buf_putc(&manifest, '\n');
            kt_buf_free(&text);
            kt_buf_free(&path);
        }
        for (size_t k = 0; k < count; k++)
            free(parts[k]);
        free(parts);
    }
    /* Remove entries of the previous run that are no longer produced. */
    char *manifest_path = join(overlay, ".kmdfsim-overlay");
    size_t old_length;
    FILE *probe = fopen(manifest_path, "rb");
    if (probe != NULL) {
        fclose(probe);
        char *old = kt_read_file(TOOL, manifest_path, &old_length);
        if (old != NULL) {
            for (char *line = old, *next; line != NULL && *line; line = next) {
                next = strchr(line, '\n');
                if (next != NULL)
                    *next++ = '\0';
                size_t n = strlen(line);
                int kept = 0;
                for (const char *m = kt_buf_str(&manifest); *m;) {
                    const char *nl = strchr(m, '\n');
                    size_t mn = nl ? (size_t)(nl - m) : strlen(m);
                    if (mn == n && strncmp(m, line, n) == 0)
                        kept = 1;
                    m += mn + (nl ? 1 : 0);
                }
                if (!kept && n > strlen(overlay) && strncmp(line, overlay, strlen(overlay)) == 0)
                    remove(line);
            }
            free(old);
        }
    }
    if (status == 0 &&
        kt_write_file_atomic(TOOL, manifest_path, kt_buf_str(&manifest), manifest.length, 1) != 0)
        status = -1;
    free(manifest_path);
    kt_buf_free(&manifest);
    return status;
}
#endif

static void usage(FILE *f)
{
    fputs("usage: " TOOL " --overlay <dir> --stamp <file> [--depfile <file>] [--include-dirs <d1|d2>]\n"
          "       [--system-dirs <d1|d2>] [--generated-dir <dir>] [--generated <name>]... <source>...\n"
          "\n"
          "Writes forwarding headers into <dir>/_/_/_/_/_/_/_/_ for every #include of the sources\n"
          "(and of the headers they reach) that names a file with the wrong case or with\n"
          "backslashes, as MSVC would accept it.\n",
          f);
}

int main(int argc, char **argv)
{
    state st;
    memset(&st, 0, sizeof(st));
    const char *overlay = NULL, *stamp = NULL, *depfile = NULL;
    strlist sources = {NULL, 0};
    int status = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        /* --option value, or --option=value */
        const char *value = NULL;
        char option[32] = "";
        if (a[0] == '-' && a[1] == '-') {
            const char *eq = strchr(a, '=');
            size_t n = eq != NULL ? (size_t)(eq - a) : strlen(a);
            if (n < sizeof(option)) {
                memcpy(option, a, n);
                option[n] = '\0';
            }
            if (eq != NULL)
                value = eq + 1;
            else if (strcmp(option, "--help") != 0 && i + 1 < argc)
                value = argv[++i];
        }
        if (strcmp(option, "--help") == 0) {
            usage(stdout);
            goto done;
        } else if (option[0] != '\0' && value == NULL) {
            fprintf(stderr, TOOL ": option '%s' needs a value\n", a);
            status = 2;
            goto done;
        } else if (strcmp(option, "--overlay") == 0) {
            overlay = value;
        } else if (strcmp(option, "--stamp") == 0) {
            stamp = value;
        } else if (strcmp(option, "--depfile") == 0) {
            depfile = value;
        } else if (strcmp(option, "--include-dirs") == 0) {
            sl_split(&st.include_dirs, value);
        } else if (strcmp(option, "--system-dirs") == 0) {
            sl_split(&st.system_dirs, value);
        } else if (strcmp(option, "--generated-dir") == 0) {
            st.generated_dir = value;
        } else if (strcmp(option, "--generated") == 0) {
            sl_add(&st.generated, value);
        } else if (option[0] != '\0' || (a[0] == '-' && a[1] == '-')) {
            fprintf(stderr, TOOL ": unknown option '%s'\n", a);
            usage(stderr);
            status = 2;
            goto done;
        } else {
            sl_add(&sources, a);
        }
    }
    if (overlay == NULL || stamp == NULL) {
        usage(stderr);
        status = 2;
        goto done;
    }
    /* The overlay itself is never a place to look for driver headers. */
    for (size_t i = 0; i < st.include_dirs.count;) {
        char *n = normalize(st.include_dirs.items[i]);
        char *o = normalize(overlay);
        int inside = strncmp(n, o, strlen(o)) == 0 && (n[strlen(o)] == '/' || n[strlen(o)] == '\0');
        free(o);
        if (inside) {
            free(st.include_dirs.items[i]);
            memmove(&st.include_dirs.items[i], &st.include_dirs.items[i + 1],
                    (st.include_dirs.count - i - 1) * sizeof(char *));
            st.include_dirs.count--;
            free(n);
            continue;
        }
        free(st.include_dirs.items[i]);
        st.include_dirs.items[i] = n;
        i++;
    }
    for (size_t i = 0; i < sources.count; i++)
        enqueue(&st, sources.items[i]);
    for (size_t i = 0; i < st.queue.count && !st.failed; i++)
        scan_file(&st, st.queue.items[i]);
    if (st.failed) {
        status = 1;
        goto done;
    }
#ifndef _WIN32
    if (write_overlay(&st, overlay) != 0) {
        status = 1;
        goto done;
    }
#endif
    if (depfile != NULL) {
        kt_buf d;
        kt_buf_init(&d);
        put_dep_path(&d, stamp);
        kt_buf_puts(&d, ":");
        for (size_t i = 0; i < st.scanned.count; i++) {
            kt_buf_puts(&d, " \\\n  ");
            put_dep_path(&d, st.scanned.items[i]);
        }
        kt_buf_putc(&d, '\n');
        if (kt_write_file_atomic(TOOL, depfile, kt_buf_str(&d), d.length, 1) != 0)
            status = 1;
        kt_buf_free(&d);
    }
    if (status == 0) {
        kt_buf s;
        kt_buf_init(&s);
        kt_buf_printf(&s, "%lu forwarding header(s)\n", (unsigned long)st.entry_count);
        for (size_t i = 0; i < st.entry_count; i++)
            kt_buf_printf(&s, "\"%s\" -> %s\n", st.entries[i].spelling, st.entries[i].target);
        if (kt_write_file_atomic(TOOL, stamp, kt_buf_str(&s), s.length, 0) != 0)
            status = 1;
        kt_buf_free(&s);
    }
done:
    for (size_t i = 0; i < st.entry_count; i++) {
        free(st.entries[i].spelling);
        free(st.entries[i].target);
        free(st.entries[i].includer);
    }
    free(st.entries);
    sl_free(&st.include_dirs);
    sl_free(&st.system_dirs);
    sl_free(&st.generated);
    sl_free(&st.queue);
    sl_free(&st.scanned);
    sl_free(&sources);
    return status;
}
