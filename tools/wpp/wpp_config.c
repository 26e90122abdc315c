/* wpp_config.c - parser for WPP configuration blocks (see wpp.h). */
#include "wpp.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void wpp_config_init(wpp_config *cfg) { memset(cfg, 0, sizeof(*cfg)); }

static void list_free(wpp_text_list *l)
{
    for (size_t i = 0; i < l->count; i++)
        free(l->items[i]);
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

static void list_add(wpp_text_list *l, char *text)
{
    l->items = kt_xrealloc(l->items, (l->count + 1) * sizeof(char *));
    l->items[l->count++] = text;
}

static void func_free(wpp_func *f)
{
    free(f->name);
    list_free(&f->fixed_names);
    list_free(&f->fixed_values);
    list_free(&f->params);
    free(f->prefix);
    list_free(&f->prefix_args);
    free(f->suffix);
    list_free(&f->suffix_args);
    free(f->file);
}

void wpp_config_free(wpp_config *cfg)
{
    for (size_t i = 0; i < cfg->func_count; i++)
        func_free(&cfg->funcs[i]);
    free(cfg->funcs);
    for (size_t i = 0; i < cfg->pending_count; i++) {
        free(cfg->pending[i].func);
        free(cfg->pending[i].format);
        free(cfg->pending[i].file);
        list_free(&cfg->pending[i].args);
    }
    free(cfg->pending);
    free(cfg->component);
    list_free(&cfg->config_files);
    wpp_config_init(cfg);
}

static char *dup_range(const char *s, size_t n)
{
    char *p = kt_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* ---- Scanning ------------------------------------------------------------ */

typedef struct scan {
    const char *file;
    char *text; /* the configuration region, comment markers blanked */
    size_t length, at;
    unsigned line, column; /* of text[at] in the original file */
    kt_buf *error;
    int failed;
} scan;

static void fail(scan *s, unsigned line, unsigned column, const char *format, ...) KT_PRINTF(4, 5);

static void fail(scan *s, unsigned line, unsigned column, const char *format, ...)
{
    if (s->failed)
        return;
    s->failed = 1;
    kt_buf_clear(s->error);
    kt_buf_printf(s->error, "%s:%u:%u: error: ", s->file, line, column);
    va_list args;
    va_start(args, format);
    kt_buf_vprintf(s->error, format, args);
    va_end(args);
}

static int cur(const scan *s) { return s->at < s->length ? (unsigned char)s->text[s->at] : -1; }
static int ahead(const scan *s, size_t n) { return s->at + n < s->length ? (unsigned char)s->text[s->at + n] : -1; }

static void step(scan *s)
{
    if (s->at >= s->length)
        return;
    if (s->text[s->at] == '\n') {
        s->line++;
        s->column = 1;
    } else {
        s->column++;
    }
    s->at++;
}

static void skip_ws(scan *s)
{
    for (;;) {
        int c = cur(s);
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v')
            step(s);
        else
            return;
    }
}

static int ident_start(int c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
static int ident_char(int c) { return ident_start(c) || (c >= '0' && c <= '9'); }

/* Reads an identifier; NULL (and an error) if there is none. */
static char *read_ident(scan *s, const char *what)
{
    skip_ws(s);
    if (!ident_start(cur(s))) {
        int c = cur(s);
        if (c < 0)
            fail(s, s->line, s->column, "expected %s, found the end of the configuration block", what);
        else if (c >= 0x20 && c < 0x7F)
            fail(s, s->line, s->column, "expected %s, found '%c'", what, c);
        else
            fail(s, s->line, s->column, "expected %s", what);
        return NULL;
    }
    size_t start = s->at;
    while (ident_char(cur(s)))
        step(s);
    return dup_range(s->text + start, s->at - start);
}

/* Length of the identifier at the scan position (0 if none), for messages. */
static int word_length(const scan *s)
{
    size_t n = 0;
    if (!ident_start(cur(s)))
        return 0;
    while (s->at + n < s->length && ident_char((unsigned char)s->text[s->at + n]) && n < 64)
        n++;
    return (int)n;
}

static int expect(scan *s, char c, const char *context)
{
    skip_ws(s);
    if (cur(s) != c) {
        int f = cur(s);
        int w = word_length(s);
        if (f < 0)
            fail(s, s->line, s->column, "expected '%c' %s, found the end of the configuration block", c, context);
        else if (w > 0)
            fail(s, s->line, s->column, "expected '%c' %s, found '%.*s'", c, context, w, s->text + s->at);
        else
            fail(s, s->line, s->column, "expected '%c' %s, found '%c'", c, context, (f >= 0x20 && f < 0x7F) ? f : '?');
        return 0;
    }
    step(s);
    return 1;
}

/* Skips a string or character literal starting at cur(s). */
static int skip_literal(scan *s)
{
    unsigned line = s->line, column = s->column;
    int quote = cur(s);
    step(s);
    for (;;) {
        int c = cur(s);
        if (c < 0 || c == '\n') {
            fail(s, line, column, "unterminated %s literal", quote == '"' ? "string" : "character");
            return 0;
        }
        if (c == '\\') {
            step(s);
            if (cur(s) < 0 || cur(s) == '\n') {
                fail(s, line, column, "unterminated %s literal", quote == '"' ? "string" : "character");
                return 0;
            }
            step(s);
            continue;
        }
        step(s);
        if (c == quote)
            return 1;
    }
}

/*
 * Reads C text up to a ',' or `close` at nesting depth 0 (not consumed).
 * Newlines become spaces. Returns NULL (and an error) on an empty or
 * unbalanced expression.
 */
static char *read_expression(scan *s, char close, const char *what)
{
    skip_ws(s);
    size_t start = s->at;
    unsigned line = s->line, column = s->column;
    int depth = 0;
    size_t end = start;
    for (;;) {
        int c = cur(s);
        if (c < 0) {
            fail(s, line, column, "expected %s followed by ',' or '%c', found the end of the configuration block", what,
                 close);
            return NULL;
        }
        if (depth == 0 && (c == ',' || c == close))
            break;
        if (c == '"' || c == '\'') {
            if (!skip_literal(s))
                return NULL;
            end = s->at;
            continue;
        }
        if (c == '(' || c == '[' || c == '{')
            depth++;
        else if (c == ')' || c == ']' || c == '}') {
            if (depth == 0) {
                fail(s, s->line, s->column, "unbalanced '%c' in %s", c, what);
                return NULL;
            }
            depth--;
        } else if (c == ';') {
            fail(s, s->line, s->column, "expected %s followed by ',' or '%c', found ';'", what, close);
            return NULL;
        }
        step(s);
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            end = s->at;
    }
    if (end == start) {
        fail(s, line, column, "expected %s", what);
        return NULL;
    }
    char *text = dup_range(s->text + start, end - start);
    for (char *p = text; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
    return text;
}

static wpp_func *find_func(wpp_config *cfg, const char *name)
{
    for (size_t i = 0; i < cfg->func_count; i++)
        if (strcmp(cfg->funcs[i].name, name) == 0)
            return &cfg->funcs[i];
    return NULL;
}

static int name_taken(const wpp_func *f, const char *name)
{
    for (size_t i = 0; i < f->fixed_names.count; i++)
        if (strcmp(f->fixed_names.items[i], name) == 0)
            return 1;
    for (size_t i = 0; i < f->params.count; i++)
        if (strcmp(f->params.items[i], name) == 0)
            return 1;
    return 0;
}

/* FUNC Name[{K=V, ...}](P, ..., [MSG, ...]); - after "FUNC". */
static void parse_func(scan *s, wpp_config *cfg)
{
    skip_ws(s);
    if (cur(s) == ':')
        step(s);
    unsigned line = s->line, column = s->column;
    wpp_func f;
    memset(&f, 0, sizeof(f));
    f.name = read_ident(s, "the name of the trace function after FUNC");
    if (f.name == NULL)
        goto out;
    f.file = kt_xstrdup(s->file);
    f.line = line;
    if (find_func(cfg, f.name) != NULL) {
        fail(s, line, column, "trace function '%s' is configured twice", f.name);
        goto out;
    }
    skip_ws(s);
    if (cur(s) == '{') {
        step(s);
        for (;;) {
            unsigned nl = s->line, nc = s->column;
            char *name = read_ident(s, "a parameter name in '{...}' (as in {LEVEL=TRACE_LEVEL_ERROR})");
            if (name == NULL)
                goto out;
            if (name_taken(&f, name)) {
                fail(s, nl, nc, "parameter '%s' of '%s' is given twice", name, f.name);
                free(name);
                goto out;
            }
            list_add(&f.fixed_names, name);
            if (!expect(s, '=', "after the parameter name in '{...}'"))
                goto out;
            char *value = read_expression(s, '}', "a value");
            if (value == NULL)
                goto out;
            list_add(&f.fixed_values, value);
            skip_ws(s);
            if (cur(s) == ',') {
                step(s);
                continue;
            }
            if (!expect(s, '}', "to close the fixed parameters"))
                goto out;
            break;
        }
    }
    if (!expect(s, '(', "after the trace function's name"))
        goto out;
    skip_ws(s);
    if (cur(s) != ')') {
        for (;;) {
            skip_ws(s);
            unsigned pl = s->line, pc = s->column;
            if (cur(s) == '.' && ahead(s, 1) == '.' && ahead(s, 2) == '.') {
                if (!f.has_msg) {
                    fail(s, pl, pc, "'...' must follow MSG in the parameters of '%s'", f.name);
                    goto out;
                }
                step(s);
                step(s);
                step(s);
                f.has_varargs = 1;
                skip_ws(s);
                if (cur(s) != ')') {
                    fail(s, s->line, s->column, "expected ')' after '...' in the parameters of '%s'", f.name);
                    goto out;
                }
                break;
            }
            char *name = read_ident(s, "a parameter name, MSG or '...'");
            if (name == NULL)
                goto out;
            if (f.has_msg) {
                fail(s, pl, pc, "expected '...' or ')' after MSG in the parameters of '%s', found '%s'", f.name, name);
                free(name);
                goto out;
            }
            if (strcmp(name, "MSG") == 0) {
                f.has_msg = 1;
                free(name);
            } else if (name_taken(&f, name)) {
                fail(s, pl, pc, "parameter '%s' of '%s' is given twice", name, f.name);
                free(name);
                goto out;
            } else {
                list_add(&f.params, name);
            }
            skip_ws(s);
            if (cur(s) == ',') {
                step(s);
                continue;
            }
            if (cur(s) == ')')
                break;
            if (!expect(s, ',', "or ')' between the parameters"))
                goto out;
        }
    }
    step(s); /* ')' */
    if (!expect(s, ';', "after the FUNC declaration"))
        goto out;
    cfg->funcs = kt_xrealloc(cfg->funcs, (cfg->func_count + 1) * sizeof(wpp_func));
    cfg->funcs[cfg->func_count++] = f;
    return;
out:
    func_free(&f);
}

/* USEPREFIX(Func, "format"[, args]); and USESUFFIX - after the keyword. */
static void parse_fix(scan *s, wpp_config *cfg, int suffix)
{
    const char *kw = suffix ? "USESUFFIX" : "USEPREFIX";
    if (!expect(s, '(', suffix ? "after USESUFFIX" : "after USEPREFIX"))
        return;
    struct wpp_pending p;
    memset(&p, 0, sizeof(p));
    skip_ws(s);
    p.line = s->line;
    p.column = s->column;
    p.suffix = suffix;
    p.func = read_ident(s, "the name of a trace function");
    if (p.func == NULL)
        goto out;
    if (!expect(s, ',', "after the trace function's name"))
        goto out;
    skip_ws(s);
    if (cur(s) != '"') {
        fail(s, s->line, s->column, "expected the %s format string (\"...\")", kw);
        goto out;
    }
    {
        size_t start = s->at;
        kt_buf joined;
        kt_buf_init(&joined);
        /* Adjacent literals are kept as written: C concatenates them. */
        while (cur(s) == '"') {
            size_t lit = s->at;
            if (!skip_literal(s)) {
                kt_buf_free(&joined);
                goto out;
            }
            if (joined.length)
                kt_buf_putc(&joined, ' ');
            kt_buf_append(&joined, s->text + lit, s->at - lit);
            skip_ws(s);
        }
        (void)start;
        p.format = kt_xstrdup(kt_buf_str(&joined));
        kt_buf_free(&joined);
    }
    for (;;) {
        skip_ws(s);
        if (cur(s) == ')')
            break;
        if (!expect(s, ',', "or ')' after the format string"))
            goto out;
        char *arg = read_expression(s, ')', "an argument");
        if (arg == NULL)
            goto out;
        list_add(&p.args, arg);
    }
    step(s);
    if (!expect(s, ';', suffix ? "after USESUFFIX(...)" : "after USEPREFIX(...)"))
        goto out;
    p.file = kt_xstrdup(s->file);
    cfg->pending = kt_xrealloc(cfg->pending, (cfg->pending_count + 1) * sizeof(*cfg->pending));
    cfg->pending[cfg->pending_count++] = p;
    return;
out:
    free(p.func);
    free(p.format);
    list_free(&p.args);
}

/* Any other NAME(...); statement: skipped with balanced parentheses. */
static void skip_statement(scan *s, const char *name, unsigned line, unsigned column)
{
    skip_ws(s);
    if (cur(s) != '(') {
        fail(s, line, column,
             "expected a configuration statement (FUNC, USEPREFIX, USESUFFIX, CUSTOM_TYPE, ...), found '%s'", name);
        return;
    }
    int depth = 0;
    for (;;) {
        int c = cur(s);
        if (c < 0) {
            fail(s, line, column, "statement '%s(' is not closed before end_wpp", name);
            return;
        }
        if (c == '"' || c == '\'') {
            if (!skip_literal(s))
                return;
            continue;
        }
        step(s);
        if (c == '(')
            depth++;
        else if (c == ')' && --depth == 0)
            break;
    }
    expect(s, ';', "after the statement");
}

static void parse_region(scan *s, wpp_config *cfg)
{
    for (;;) {
        skip_ws(s);
        if (s->failed || cur(s) < 0)
            return;
        if (cur(s) == ';') {
            step(s);
            continue;
        }
        unsigned line = s->line, column = s->column;
        char *word = read_ident(s, "a configuration statement (FUNC, USEPREFIX, USESUFFIX, CUSTOM_TYPE, ...)");
        if (word == NULL)
            return;
        if (strcmp(word, "FUNC") == 0)
            parse_func(s, cfg);
        else if (strcmp(word, "USEPREFIX") == 0)
            parse_fix(s, cfg, 0);
        else if (strcmp(word, "USESUFFIX") == 0)
            parse_fix(s, cfg, 1);
        else
            skip_statement(s, word, line, column);
        free(word);
    }
}

/* Finds `word` in [from, to) as a whole word; returns its offset or (size_t)-1. */
static size_t find_word(const char *text, size_t from, size_t to, const char *word)
{
    size_t n = strlen(word);
    for (size_t i = from; i + n <= to; i++) {
        if (memcmp(text + i, word, n) == 0 && (i == 0 || !ident_char((unsigned char)text[i - 1])) &&
            (i + n == to || !ident_char((unsigned char)text[i + n])))
            return i;
    }
    return (size_t)-1;
}

static void count_position(const char *text, size_t offset, unsigned *line, unsigned *column)
{
    *line = 1;
    *column = 1;
    for (size_t i = 0; i < offset; i++) {
        if (text[i] == '\n') {
            (*line)++;
            *column = 1;
        } else {
            (*column)++;
        }
    }
}

/* The name of the first WPP_DEFINE_CONTROL_GUID( in the file. */
static void find_component(wpp_config *cfg, const char *text, size_t length)
{
    if (cfg->component != NULL)
        return;
    size_t at = find_word(text, 0, length, "WPP_DEFINE_CONTROL_GUID");
    while (at != (size_t)-1) {
        size_t i = at + strlen("WPP_DEFINE_CONTROL_GUID");
        while (i < length && (text[i] == ' ' || text[i] == '\t' || text[i] == '\\' || text[i] == '\r' || text[i] == '\n'))
            i++;
        if (i < length && text[i] == '(') {
            i++;
            while (i < length &&
                   (text[i] == ' ' || text[i] == '\t' || text[i] == '\\' || text[i] == '\r' || text[i] == '\n'))
                i++;
            size_t start = i;
            while (i < length && ident_char((unsigned char)text[i]))
                i++;
            if (i > start && ident_start((unsigned char)text[start])) {
                cfg->component = dup_range(text + start, i - start);
                return;
            }
        }
        at = find_word(text, at + 1, length, "WPP_DEFINE_CONTROL_GUID");
    }
}

int wpp_parse(wpp_config *cfg, const char *file_name, const char *text, size_t length, kt_buf *error)
{
    list_add(&cfg->config_files, kt_xstrdup(file_name));
    find_component(cfg, text, length);
    size_t pos = 0;
    for (;;) {
        size_t begin = find_word(text, pos, length, "begin_wpp");
        if (begin == (size_t)-1)
            break;
        /* "begin_wpp config" */
        size_t i = begin + strlen("begin_wpp");
        while (i < length && (text[i] == ' ' || text[i] == '\t'))
            i++;
        if (find_word(text, i, i + 6 <= length ? i + 6 : length, "config") != i) {
            pos = begin + 1;
            continue;
        }
        size_t body = i + 6;
        size_t end = find_word(text, body, length, "end_wpp");
        if (end == (size_t)-1) {
            unsigned line, column;
            count_position(text, begin, &line, &column);
            kt_buf_clear(error);
            kt_buf_printf(error, "%s:%u:%u: error: 'begin_wpp config' has no matching 'end_wpp'", file_name, line,
                          column);
            return -1;
        }
        /* The region with comment markers blanked, so that columns stay true. */
        scan s;
        memset(&s, 0, sizeof(s));
        s.file = file_name;
        s.length = end - body;
        s.text = dup_range(text + body, s.length);
        s.error = error;
        count_position(text, body, &s.line, &s.column);
        int line_start = 1;
        for (size_t k = 0; k < s.length; k++) {
            char c = s.text[k];
            if (c == '\n') {
                line_start = 1;
                continue;
            }
            if (line_start) {
                if (c == ' ' || c == '\t' || c == '\r')
                    continue;
                if (c == '/' && k + 1 < s.length && s.text[k + 1] == '/') {
                    s.text[k] = s.text[k + 1] = ' ';
                    k++;
                    while (k + 1 < s.length && s.text[k + 1] == '/')
                        s.text[++k] = ' ';
                } else if (c == '/' && k + 1 < s.length && s.text[k + 1] == '*') {
                    s.text[k] = s.text[k + 1] = ' ';
                    k++;
                } else if (c == '*' && !(k + 1 < s.length && s.text[k + 1] == '/')) {
                    s.text[k] = ' ';
                }
                line_start = 0;
            }
            if (c == '*' && k + 1 < s.length && s.text[k + 1] == '/') {
                s.text[k] = s.text[k + 1] = ' ';
                k++;
            }
        }
        parse_region(&s, cfg);
        free(s.text);
        if (s.failed)
            return -1;
        pos = end + strlen("end_wpp");
    }
    return 0;
}

int wpp_finish(wpp_config *cfg, kt_buf *error)
{
    for (size_t i = 0; i < cfg->pending_count; i++) {
        struct wpp_pending *p = &cfg->pending[i];
        wpp_func *f = find_func(cfg, p->func);
        if (f == NULL) {
            kt_buf_clear(error);
            kt_buf_printf(error, "%s:%u:%u: error: %s names '%s', which no FUNC declares", p->file, p->line, p->column,
                          p->suffix ? "USESUFFIX" : "USEPREFIX", p->func);
            return -1;
        }
        char **format = p->suffix ? &f->suffix : &f->prefix;
        wpp_text_list *args = p->suffix ? &f->suffix_args : &f->prefix_args;
        if (*format != NULL) {
            kt_buf_clear(error);
            kt_buf_printf(error, "%s:%u:%u: error: '%s' already has a %s", p->file, p->line, p->column, p->func,
                          p->suffix ? "USESUFFIX" : "USEPREFIX");
            return -1;
        }
        *format = p->format;
        p->format = NULL;
        *args = p->args;
        memset(&p->args, 0, sizeof(p->args));
    }
    if (find_func(cfg, "DoTraceMessage") == NULL) {
        /* tracewpp's default: DoTraceMessage(FLAG, MSG, ...), the flag in a parameter named LEVEL. */
        wpp_func f;
        memset(&f, 0, sizeof(f));
        f.name = kt_xstrdup("DoTraceMessage");
        list_add(&f.params, kt_xstrdup("LEVEL"));
        f.has_msg = 1;
        f.has_varargs = 1;
        f.builtin = 1;
        cfg->funcs = kt_xrealloc(cfg->funcs, (cfg->func_count + 1) * sizeof(wpp_func));
        cfg->funcs[cfg->func_count++] = f;
    }
    return 0;
}
