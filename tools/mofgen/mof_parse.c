/*
 * mof_parse.c - lexer and parser for the MOF that WMI drivers write.
 *
 * Accepted (everything else is an error naming what was expected):
 *   #pragma name            #pragma name(value, ...)
 *   [qualifiers] class Name [: Base] { features };
 *   [qualifiers] instance of Class [as $Alias] { [qualifiers] Prop = value; ... };   (skipped)
 *   features:   [qualifiers] type Name [ '[' [n] ']' ] [= value];
 *               [qualifiers] type Method([qualifiers] type Param [ '[' [n] ']' ], ...);
 *   qualifiers: Name, Name(value), Name{value, ...}, optionally followed by
 *               ": flavor flavor..." (ToInstance, ToSubclass, Amended, ...)
 *   values:     "strings" (adjacent ones concatenate), integers (decimal,
 *               0x hex, optionally negative), reals, 'c' characters, true,
 *               false, null, { value, ... }
 *   comments:   // line and block comments
 * Keywords and type names are case-insensitive, as in MOF.
 */
#include "mof.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Arena and errors --------------------------------------------------- */

struct mof_arena {
    struct mof_arena *next;
    size_t used, size;
    /* data follows, max_align_t aligned */
};

#define MOF_ARENA_HEADER ((sizeof(struct mof_arena) + 15u) & ~(size_t)15u)

void *mof_alloc(mof_context *ctx, size_t size)
{
    size = (size + 15u) & ~(size_t)15u;
    if (size == 0)
        size = 16;
    struct mof_arena *a = ctx->arena;
    if (a == NULL || a->size - a->used < size) {
        size_t block = size > 65536 ? size : 65536;
        struct mof_arena *n = malloc(MOF_ARENA_HEADER + block);
        if (n == NULL) {
            kt_buf_clear(ctx->error);
            kt_buf_printf(ctx->error, "%s: error: out of memory", ctx->file_name);
            longjmp(*(jmp_buf *)ctx->jump, 1);
        }
        n->next = ctx->arena;
        n->used = 0;
        n->size = block;
        ctx->arena = n;
        a = n;
    }
    void *p = (char *)a + MOF_ARENA_HEADER + a->used;
    a->used += size;
    memset(p, 0, size);
    return p;
}

void mof_arena_free(mof_arena *arena)
{
    while (arena != NULL) {
        mof_arena *next = arena->next;
        free(arena);
        arena = next;
    }
}

char *mof_strdup(mof_context *ctx, const char *text, size_t length)
{
    char *p = mof_alloc(ctx, length + 1);
    memcpy(p, text, length);
    p[length] = '\0';
    return p;
}

void mof_fail(mof_context *ctx, mof_pos pos, const char *format, ...)
{
    kt_buf_clear(ctx->error);
    kt_buf_printf(ctx->error, "%s:%u:%u: error: ", ctx->file_name, pos.line, pos.column);
    va_list args;
    va_start(args, format);
    kt_buf_vprintf(ctx->error, format, args);
    va_end(args);
    longjmp(*(jmp_buf *)ctx->jump, 1);
}

/* ---- Lexer -------------------------------------------------------------- */

typedef enum tok_kind {
    TOK_EOF,
    TOK_IDENT,
    TOK_ALIAS,   /* $name */
    TOK_INTEGER, /* magnitude in tok.magnitude */
    TOK_REAL,
    TOK_STRING, /* decoded text */
    TOK_CHAR,
    TOK_PUNCT /* one of [ ] ( ) { } , ; : = # - */
} tok_kind;

typedef struct token {
    tok_kind kind;
    char punct;
    const char *text; /* IDENT/ALIAS/REAL/STRING/CHAR: arena copy */
    size_t text_length;
    uint64_t magnitude;
    mof_pos pos;
} token;

typedef struct parser {
    mof_context *ctx;
    const char *src;
    size_t length, at;
    unsigned line, column;
    token tok;  /* current */
    mof_file *file;
    kt_buf scratch; /* token text, messages */
    kt_buf joined;  /* adjacent strings being concatenated */
} parser;

static mof_pos here(const parser *p)
{
    mof_pos pos = {p->line, p->column};
    return pos;
}

static int peekc(const parser *p, size_t ahead)
{
    return p->at + ahead < p->length ? (unsigned char)p->src[p->at + ahead] : -1;
}

static void advance_char(parser *p)
{
    if (p->at >= p->length)
        return;
    if (p->src[p->at] == '\n') {
        p->line++;
        p->column = 1;
    } else {
        p->column++;
    }
    p->at++;
}

static int is_ident_start(int c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_ident_char(int c) { return is_ident_start(c) || is_digit(c); }
static int hex_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static void skip_space_and_comments(parser *p)
{
    for (;;) {
        int c = peekc(p, 0);
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
            advance_char(p);
        } else if (c == '/' && peekc(p, 1) == '/') {
            while (p->at < p->length && p->src[p->at] != '\n')
                advance_char(p);
        } else if (c == '/' && peekc(p, 1) == '*') {
            mof_pos start = here(p);
            advance_char(p);
            advance_char(p);
            for (;;) {
                if (p->at >= p->length)
                    mof_fail(p->ctx, start, "unterminated comment: expected '*/' before the end of the file");
                if (p->src[p->at] == '*' && peekc(p, 1) == '/') {
                    advance_char(p);
                    advance_char(p);
                    break;
                }
                advance_char(p);
            }
        } else if (c == 0xEF && peekc(p, 1) == 0xBB && peekc(p, 2) == 0xBF && p->at == 0) {
            /* UTF-8 byte order mark */
            p->at += 3;
        } else {
            return;
        }
    }
}

static void put_utf8(kt_buf *b, unsigned long cp)
{
    if (cp < 0x80) {
        kt_buf_putc(b, (char)cp);
    } else if (cp < 0x800) {
        kt_buf_putc(b, (char)(0xC0 | (cp >> 6)));
        kt_buf_putc(b, (char)(0x80 | (cp & 0x3F)));
    } else {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            cp = 0xFFFD;
        kt_buf_putc(b, (char)(0xE0 | (cp >> 12)));
        kt_buf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
        kt_buf_putc(b, (char)(0x80 | (cp & 0x3F)));
    }
}

/* Reads one (possibly escaped) character of a string or char literal into scratch. */
static void lex_escape_or_char(parser *p, mof_pos start, char quote)
{
    int c = peekc(p, 0);
    if (c == '\\') {
        mof_pos esc = here(p);
        advance_char(p);
        int e = peekc(p, 0);
        switch (e) {
        case 'b': kt_buf_putc(&p->scratch, '\b'); advance_char(p); return;
        case 't': kt_buf_putc(&p->scratch, '\t'); advance_char(p); return;
        case 'n': kt_buf_putc(&p->scratch, '\n'); advance_char(p); return;
        case 'f': kt_buf_putc(&p->scratch, '\f'); advance_char(p); return;
        case 'r': kt_buf_putc(&p->scratch, '\r'); advance_char(p); return;
        case '"': case '\'': case '\\':
            kt_buf_putc(&p->scratch, (char)e);
            advance_char(p);
            return;
        case 'x': case 'X': {
            advance_char(p);
            unsigned long cp = 0;
            int digits = 0;
            while (digits < 4 && hex_value(peekc(p, 0)) >= 0) {
                cp = cp * 16 + (unsigned long)hex_value(peekc(p, 0));
                advance_char(p);
                digits++;
            }
            if (digits == 0)
                mof_fail(p->ctx, esc, "expected 1 to 4 hexadecimal digits after '\\%c'", e);
            if (cp == 0)
                mof_fail(p->ctx, esc, "a string may not contain the character U+0000");
            put_utf8(&p->scratch, cp);
            return;
        }
        default:
            if (e < 0 || e == '\n')
                mof_fail(p->ctx, start, "unterminated %s: expected a closing %c", quote == '"' ? "string" : "character",
                         quote);
            mof_fail(p->ctx, esc, "unknown escape sequence '\\%c': expected one of \\b \\t \\n \\f \\r \\\" \\' \\\\ \\x",
                     (e >= 0x20 && e < 0x7F) ? e : '?');
        }
    }
    if (c < 0 || c == '\n')
        mof_fail(p->ctx, start, "unterminated %s: expected a closing %c before the end of the line",
                 quote == '"' ? "string" : "character", quote);
    if (c == 0)
        mof_fail(p->ctx, here(p), "unexpected NUL byte in a %s", quote == '"' ? "string" : "character literal");
    kt_buf_putc(&p->scratch, (char)c);
    advance_char(p);
}

static token lex(parser *p)
{
    skip_space_and_comments(p);
    token t;
    memset(&t, 0, sizeof(t));
    t.pos = here(p);
    int c = peekc(p, 0);
    if (c < 0) {
        t.kind = TOK_EOF;
        return t;
    }
    if (is_ident_start(c) || (c == '$' && is_ident_start(peekc(p, 1)))) {
        size_t start = p->at;
        t.kind = c == '$' ? TOK_ALIAS : TOK_IDENT;
        if (c == '$') {
            advance_char(p);
            start = p->at;
        }
        while (is_ident_char(peekc(p, 0)))
            advance_char(p);
        if (p->at - start > 255)
            mof_fail(p->ctx, t.pos, "identifier too long (more than 255 characters)");
        t.text = mof_strdup(p->ctx, p->src + start, p->at - start);
        t.text_length = p->at - start;
        return t;
    }
    if (is_digit(c) || (c == '.' && is_digit(peekc(p, 1)))) {
        size_t start = p->at;
        if (c == '0' && (peekc(p, 1) == 'x' || peekc(p, 1) == 'X')) {
            advance_char(p);
            advance_char(p);
            if (hex_value(peekc(p, 0)) < 0)
                mof_fail(p->ctx, t.pos, "expected hexadecimal digits after '0x'");
            uint64_t v = 0;
            while (hex_value(peekc(p, 0)) >= 0) {
                if (v > (UINT64_MAX >> 4))
                    mof_fail(p->ctx, t.pos, "integer constant too large (more than 64 bits)");
                v = v * 16 + (uint64_t)hex_value(peekc(p, 0));
                advance_char(p);
            }
            t.kind = TOK_INTEGER;
            t.magnitude = v;
        } else {
            int real = 0;
            uint64_t v = 0;
            int overflow = 0;
            while (is_digit(peekc(p, 0))) {
                unsigned d = (unsigned)(peekc(p, 0) - '0');
                if (v > (UINT64_MAX - d) / 10)
                    overflow = 1;
                else
                    v = v * 10 + d;
                advance_char(p);
            }
            if (peekc(p, 0) == '.' && is_digit(peekc(p, 1))) {
                real = 1;
                advance_char(p);
                while (is_digit(peekc(p, 0)))
                    advance_char(p);
            } else if (c == '.') {
                real = 1;
                advance_char(p);
                while (is_digit(peekc(p, 0)))
                    advance_char(p);
            }
            if (peekc(p, 0) == 'e' || peekc(p, 0) == 'E') {
                int sign = peekc(p, 1) == '+' || peekc(p, 1) == '-';
                if (is_digit(peekc(p, 1 + sign))) {
                    real = 1;
                    advance_char(p);
                    if (sign)
                        advance_char(p);
                    while (is_digit(peekc(p, 0)))
                        advance_char(p);
                }
            }
            if (real) {
                t.kind = TOK_REAL;
            } else {
                if (overflow)
                    mof_fail(p->ctx, t.pos, "integer constant too large (more than 64 bits)");
                t.kind = TOK_INTEGER;
                t.magnitude = v;
            }
        }
        if (is_ident_char(peekc(p, 0)))
            mof_fail(p->ctx, here(p), "unexpected character '%c' after a number", peekc(p, 0));
        t.text = mof_strdup(p->ctx, p->src + start, p->at - start);
        t.text_length = p->at - start;
        return t;
    }
    if (c == '"') {
        kt_buf_clear(&p->scratch);
        advance_char(p);
        while (peekc(p, 0) != '"')
            lex_escape_or_char(p, t.pos, '"');
        advance_char(p);
        if (p->scratch.failed)
            mof_fail(p->ctx, t.pos, "out of memory");
        t.kind = TOK_STRING;
        t.text = mof_strdup(p->ctx, kt_buf_str(&p->scratch), p->scratch.length);
        t.text_length = p->scratch.length;
        return t;
    }
    if (c == '\'') {
        kt_buf_clear(&p->scratch);
        advance_char(p);
        if (peekc(p, 0) == '\'')
            mof_fail(p->ctx, t.pos, "empty character constant: expected one character between the quotes");
        lex_escape_or_char(p, t.pos, '\'');
        if (peekc(p, 0) != '\'')
            mof_fail(p->ctx, here(p), "expected a closing ' after one character");
        advance_char(p);
        t.kind = TOK_CHAR;
        t.text = mof_strdup(p->ctx, kt_buf_str(&p->scratch), p->scratch.length);
        t.text_length = p->scratch.length;
        return t;
    }
    if (strchr("[](){},;:=#-", c) != NULL && c != 0) {
        advance_char(p);
        t.kind = TOK_PUNCT;
        t.punct = (char)c;
        return t;
    }
    if (c >= 0x20 && c < 0x7F)
        mof_fail(p->ctx, t.pos, "unexpected character '%c'", c);
    mof_fail(p->ctx, t.pos, "unexpected byte 0x%02X (identifiers and punctuation must be ASCII)", (unsigned)c);
}

static void next(parser *p) { p->tok = lex(p); }

/* "identifier 'x'", "'}'", "end of file", ... for messages. */
static const char *describe(parser *p, const token *t)
{
    kt_buf *b = &p->scratch;
    kt_buf_clear(b);
    switch (t->kind) {
    case TOK_EOF: return "end of file";
    case TOK_IDENT: kt_buf_printf(b, "'%s'", t->text); break;
    case TOK_ALIAS: kt_buf_printf(b, "'$%s'", t->text); break;
    case TOK_INTEGER:
    case TOK_REAL: kt_buf_printf(b, "number %s", t->text); break;
    case TOK_STRING: {
        kt_buf_puts(b, "string \"");
        size_t n = 0;
        for (const char *s = t->text; *s != '\0' && n < 24; s++, n++)
            kt_buf_putc(b, (*s >= 0x20 && *s < 0x7F) ? *s : '?');
        kt_buf_puts(b, t->text_length > 24 ? "...\"" : "\"");
        break;
    }
    case TOK_CHAR: kt_buf_puts(b, "character constant"); break;
    case TOK_PUNCT: kt_buf_printf(b, "'%c'", t->punct); break;
    }
    return kt_buf_str(b);
}

static int is_punct(const parser *p, char c) { return p->tok.kind == TOK_PUNCT && p->tok.punct == c; }
static int is_keyword(const token *t, const char *word) { return t->kind == TOK_IDENT && kt_strcasecmp(t->text, word) == 0; }

#if defined(__GNUC__) || defined(__clang__)
__attribute__((noreturn))
#endif
static void expected(parser *p, const char *what)
{
    mof_fail(p->ctx, p->tok.pos, "expected %s, found %s", what, describe(p, &p->tok));
}

static void expect_punct(parser *p, char c, const char *context)
{
    if (!is_punct(p, c)) {
        char what[256];
        snprintf(what, sizeof(what), "'%c'%s%s", c, context ? " " : "", context ? context : "");
        expected(p, what);
    }
    next(p);
}

static const char *expect_ident(parser *p, const char *what)
{
    if (p->tok.kind != TOK_IDENT)
        expected(p, what);
    const char *name = p->tok.text;
    next(p);
    return name;
}

/* ---- Growable arrays in the arena -------------------------------------- */

static void *grow(mof_context *ctx, void *items, size_t count, size_t item_size)
{
    /* The capacity is implicit: 4, then doubling. Reallocate when the array is
     * empty or exactly full (count is 4, 8, 16, ...). */
    int full = count == 0 || (count >= 4 && (count & (count - 1)) == 0);
    if (!full)
        return items;
    size_t cap = count == 0 ? 4 : count * 2;
    void *n = mof_alloc(ctx, cap * item_size);
    if (count > 0)
        memcpy(n, items, count * item_size);
    return n;
}

/* ---- Values and qualifiers ---------------------------------------------- */

static void parse_value(parser *p, mof_value *v, int allow_array);

static void parse_array(parser *p, mof_value *v)
{
    expect_punct(p, '{', NULL);
    v->kind = MOF_VALUE_ARRAY;
    while (!is_punct(p, '}')) {
        v->items = grow(p->ctx, v->items, v->item_count, sizeof(mof_value));
        parse_value(p, &v->items[v->item_count], 0);
        v->item_count++;
        if (is_punct(p, ','))
            next(p);
        else if (!is_punct(p, '}'))
            expected(p, "',' or '}' in a list of values");
    }
    next(p);
}

static void parse_value(parser *p, mof_value *v, int allow_array)
{
    memset(v, 0, sizeof(*v));
    token *t = &p->tok;
    if (t->kind == TOK_STRING) {
        mof_pos pos = t->pos;
        kt_buf_clear(&p->joined);
        while (p->tok.kind == TOK_STRING) {
            kt_buf_append(&p->joined, p->tok.text, p->tok.text_length);
            next(p);
        }
        if (p->joined.failed)
            mof_fail(p->ctx, pos, "out of memory");
        v->kind = MOF_VALUE_STRING;
        v->text = mof_strdup(p->ctx, kt_buf_str(&p->joined), p->joined.length);
        return;
    }
    if (t->kind == TOK_PUNCT && t->punct == '-') {
        next(p);
        if (p->tok.kind == TOK_INTEGER) {
            v->kind = MOF_VALUE_INTEGER;
            v->magnitude = p->tok.magnitude;
            v->negative = v->magnitude != 0;
            v->text = p->tok.text;
        } else if (p->tok.kind == TOK_REAL) {
            v->kind = MOF_VALUE_REAL;
            v->text = p->tok.text;
        } else {
            expected(p, "a number after '-'");
        }
        next(p);
        return;
    }
    if (t->kind == TOK_INTEGER) {
        v->kind = MOF_VALUE_INTEGER;
        v->magnitude = t->magnitude;
        v->text = t->text;
        next(p);
        return;
    }
    if (t->kind == TOK_REAL) {
        v->kind = MOF_VALUE_REAL;
        v->text = t->text;
        next(p);
        return;
    }
    if (t->kind == TOK_CHAR) {
        v->kind = MOF_VALUE_STRING;
        v->text = t->text;
        next(p);
        return;
    }
    if (t->kind == TOK_ALIAS) {
        v->kind = MOF_VALUE_STRING;
        v->text = t->text;
        next(p);
        return;
    }
    if (is_keyword(t, "true") || is_keyword(t, "false")) {
        v->kind = MOF_VALUE_BOOLEAN;
        v->boolean = is_keyword(t, "true");
        next(p);
        return;
    }
    if (is_keyword(t, "null")) {
        v->kind = MOF_VALUE_NULL;
        next(p);
        return;
    }
    if (allow_array && t->kind == TOK_PUNCT && t->punct == '{') {
        parse_array(p, v);
        return;
    }
    expected(p, allow_array ? "a value (a string, a number, true, false, null or a {list})"
                            : "a value (a string, a number, true, false or null)");
}

static const char *const flavors[] = {"ToInstance", "ToSubclass", "DisableOverride", "EnableOverride",
                                      "Restricted", "Amended",   "NotToInstance",   "NotToSubclass",
                                      "Translatable"};

static int is_flavor(const token *t)
{
    for (size_t i = 0; i < sizeof(flavors) / sizeof(flavors[0]); i++)
        if (is_keyword(t, flavors[i]))
            return 1;
    return 0;
}

static void parse_qualifiers(parser *p, mof_qualifiers *q)
{
    memset(q, 0, sizeof(*q));
    if (!is_punct(p, '['))
        return;
    next(p);
    for (;;) {
        mof_qualifier qual;
        memset(&qual, 0, sizeof(qual));
        qual.pos = p->tok.pos;
        qual.name = expect_ident(p, "a qualifier name");
        for (size_t i = 0; i < q->count; i++)
            if (kt_strcasecmp(q->items[i].name, qual.name) == 0)
                mof_fail(p->ctx, qual.pos, "qualifier '%s' is given twice", qual.name);
        if (is_punct(p, '(')) {
            next(p);
            parse_value(p, &qual.value, 1);
            expect_punct(p, ')', "after the qualifier's value");
        } else if (is_punct(p, '{')) {
            parse_array(p, &qual.value);
        }
        if (is_punct(p, ':')) {
            next(p);
            if (!is_flavor(&p->tok))
                expected(p, "a qualifier flavor (ToInstance, ToSubclass, DisableOverride, Restricted, Amended, ...)");
            while (is_flavor(&p->tok))
                next(p);
        }
        q->items = grow(p->ctx, q->items, q->count, sizeof(mof_qualifier));
        q->items[q->count++] = qual;
        if (is_punct(p, ',')) {
            next(p);
            continue;
        }
        if (is_punct(p, ']')) {
            next(p);
            return;
        }
        expected(p, "',' or ']' after a qualifier");
    }
}

/* ---- Types, properties, methods ----------------------------------------- */

static const struct {
    const char *name;
    mof_type type;
} type_names[] = {
    {"boolean", MOF_T_BOOLEAN}, {"sint8", MOF_T_SINT8},   {"uint8", MOF_T_UINT8},       {"sint16", MOF_T_SINT16},
    {"uint16", MOF_T_UINT16},   {"sint32", MOF_T_SINT32}, {"uint32", MOF_T_UINT32},     {"sint64", MOF_T_SINT64},
    {"uint64", MOF_T_UINT64},   {"real32", MOF_T_REAL32}, {"real64", MOF_T_REAL64},     {"char16", MOF_T_CHAR16},
    {"string", MOF_T_STRING},   {"datetime", MOF_T_DATETIME}, {"void", MOF_T_VOID},
};

static int lookup_type(const char *name, mof_type *type)
{
    for (size_t i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++) {
        if (kt_strcasecmp(name, type_names[i].name) == 0) {
            *type = type_names[i].type;
            return 1;
        }
    }
    return 0;
}

static int is_reserved_word(const char *name)
{
    static const char *const words[] = {"class", "instance", "of", "as", "true", "false", "null", "ref", "qualifier"};
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (kt_strcasecmp(name, words[i]) == 0)
            return 1;
    mof_type t;
    return lookup_type(name, &t);
}

static void parse_type(parser *p, mof_type *type, const char **type_name, mof_pos *pos, const char *what)
{
    *pos = p->tok.pos;
    if (p->tok.kind != TOK_IDENT)
        expected(p, what);
    *type_name = p->tok.text;
    if (!lookup_type(p->tok.text, type)) {
        if (is_reserved_word(p->tok.text))
            expected(p, what);
        if (kt_strcasecmp(p->tok.text, "object") == 0)
            mof_fail(p->ctx, p->tok.pos,
                     "type 'object' is not supported: name the embedded class as the property's type instead");
        *type = MOF_T_OBJECT;
    }
    next(p);
    if (is_keyword(&p->tok, "ref"))
        mof_fail(p->ctx, p->tok.pos, "reference properties ('%s ref') cannot be part of a WMI data block", *type_name);
}

static void parse_array_suffix(parser *p, mof_item *item)
{
    if (!is_punct(p, '['))
        return;
    mof_pos pos = p->tok.pos;
    next(p);
    if (is_punct(p, ']')) {
        item->array = MOF_ARRAY_VARIABLE;
        next(p);
        return;
    }
    if (p->tok.kind != TOK_INTEGER)
        expected(p, "an array size or ']'");
    if (p->tok.magnitude == 0)
        mof_fail(p->ctx, p->tok.pos, "array '%s' has size 0: expected a size of at least 1, or '[]'", item->name);
    if (p->tok.magnitude > 0xFFFFFF)
        mof_fail(p->ctx, p->tok.pos, "array '%s' is too large (%s elements; at most 16777215)", item->name,
                 p->tok.text);
    item->array = MOF_ARRAY_FIXED;
    item->count = (uint32_t)p->tok.magnitude;
    next(p);
    if (!is_punct(p, ']')) {
        (void)pos;
        expected(p, "']' after the array size");
    }
    next(p);
}

static void parse_parameter(parser *p, mof_method *m)
{
    mof_item *param = mof_alloc(p->ctx, sizeof(*param));
    parse_qualifiers(p, &param->qualifiers);
    parse_type(p, &param->type, &param->type_name, &param->type_pos, "a parameter type");
    if (param->type == MOF_T_VOID)
        mof_fail(p->ctx, param->type_pos, "a parameter cannot have type void");
    param->pos = p->tok.pos;
    param->name = expect_ident(p, "a parameter name");
    param->member = param->name;
    parse_array_suffix(p, param);
    if (is_punct(p, '=')) {
        mof_value ignored;
        next(p);
        parse_value(p, &ignored, 1);
    }
    m->params.items = grow(p->ctx, m->params.items, m->params.count, sizeof(mof_item *));
    m->params.items[m->params.count++] = param;
}

static void parse_feature(parser *p, mof_class *c)
{
    mof_qualifiers quals;
    parse_qualifiers(p, &quals);
    mof_type type;
    const char *type_name;
    mof_pos type_pos;
    parse_type(p, &type, &type_name, &type_pos, "a property or method type (uint32, string, ...) or '}'");
    mof_pos name_pos = p->tok.pos;
    const char *name = expect_ident(p, "a property or method name");
    if (is_punct(p, '(')) {
        mof_method *m = mof_alloc(p->ctx, sizeof(*m));
        m->name = name;
        m->c_name = name;
        m->return_type = type;
        m->qualifiers = quals;
        m->pos = name_pos;
        next(p);
        if (!is_punct(p, ')')) {
            for (;;) {
                parse_parameter(p, m);
                if (is_punct(p, ',')) {
                    next(p);
                    continue;
                }
                if (is_punct(p, ')'))
                    break;
                expected(p, "',' or ')' after a parameter");
            }
        }
        next(p);
        if (type != MOF_T_VOID)
            mof_fail(p->ctx, type_pos,
                     "method '%s' returns %s: WMI methods return void (use an [out] parameter for results)", name,
                     type_name);
        expect_punct(p, ';', "after the method declaration");
        c->methods = grow(p->ctx, c->methods, c->method_count, sizeof(mof_method *));
        c->methods[c->method_count++] = m;
        return;
    }
    if (type == MOF_T_VOID)
        mof_fail(p->ctx, type_pos, "property '%s' cannot have type void", name);
    mof_item *prop = mof_alloc(p->ctx, sizeof(*prop));
    prop->name = name;
    prop->member = name;
    prop->type = type;
    prop->type_name = type_name;
    prop->type_pos = type_pos;
    prop->qualifiers = quals;
    prop->pos = name_pos;
    parse_array_suffix(p, prop);
    if (is_punct(p, '=')) {
        mof_value ignored;
        next(p);
        parse_value(p, &ignored, 1);
    }
    if (!is_punct(p, ';')) {
        char what[300];
        snprintf(what, sizeof(what), "';' after property '%.200s'", name);
        expected(p, what);
    }
    next(p);
    c->properties.items = grow(p->ctx, c->properties.items, c->properties.count, sizeof(mof_item *));
    c->properties.items[c->properties.count++] = prop;
}

static void parse_class(parser *p, const mof_qualifiers *quals, mof_pos start)
{
    mof_class *c = mof_alloc(p->ctx, sizeof(*c));
    c->qualifiers = *quals;
    c->pos = start;
    next(p); /* 'class' */
    c->name_pos = p->tok.pos;
    if (p->tok.kind == TOK_IDENT && is_reserved_word(p->tok.text))
        expected(p, "a class name");
    c->name = expect_ident(p, "a class name");
    c->struct_name = c->name;
    if (is_punct(p, ':')) {
        next(p);
        c->base_name = expect_ident(p, "the name of the base class after ':'");
    }
    expect_punct(p, '{', "to open the class body");
    while (!is_punct(p, '}')) {
        if (p->tok.kind == TOK_EOF)
            mof_fail(p->ctx, p->tok.pos, "expected '}' to close class '%s' (opened at line %u), found end of file",
                     c->name, c->pos.line);
        parse_feature(p, c);
    }
    next(p);
    expect_punct(p, ';', "after the class body");
    p->file->classes = grow(p->ctx, p->file->classes, p->file->class_count, sizeof(mof_class *));
    p->file->classes[p->file->class_count++] = c;
}

/* instance of X [as $A] { [quals] Name = value; ... }; - accepted and skipped. */
static void parse_instance(parser *p)
{
    next(p); /* 'instance' */
    if (!is_keyword(&p->tok, "of"))
        expected(p, "'of' after 'instance'");
    next(p);
    expect_ident(p, "a class name after 'instance of'");
    if (is_keyword(&p->tok, "as")) {
        next(p);
        if (p->tok.kind != TOK_ALIAS)
            expected(p, "an alias ($name) after 'as'");
        next(p);
    }
    expect_punct(p, '{', "to open the instance body");
    while (!is_punct(p, '}')) {
        mof_qualifiers ignored_q;
        parse_qualifiers(p, &ignored_q);
        expect_ident(p, "a property name or '}'");
        expect_punct(p, '=', "after the property name");
        mof_value ignored;
        parse_value(p, &ignored, 1);
        expect_punct(p, ';', "after the property value");
    }
    next(p);
    expect_punct(p, ';', "after the instance body");
}

static void parse_pragma(parser *p)
{
    mof_pos pos = p->tok.pos;
    unsigned line = pos.line;
    next(p); /* '#' */
    if (!is_keyword(&p->tok, "pragma") || p->tok.pos.line != line)
        expected(p, "'pragma' after '#'");
    next(p);
    if (p->tok.pos.line != line)
        mof_fail(p->ctx, pos, "expected a pragma name on the same line as '#pragma'");
    mof_pragma pragma;
    memset(&pragma, 0, sizeof(pragma));
    pragma.pos = pos;
    pragma.name = expect_ident(p, "a pragma name");
    if (is_punct(p, '(') && p->tok.pos.line == line) {
        next(p);
        if (!is_punct(p, ')')) {
            parse_value(p, &pragma.argument, 1);
            while (is_punct(p, ',')) {
                /* Further arguments (deleteclass("X", NOFAIL)) are accepted and ignored. */
                next(p);
                if (p->tok.kind == TOK_IDENT)
                    next(p);
                else {
                    mof_value ignored;
                    parse_value(p, &ignored, 1);
                }
            }
        }
        expect_punct(p, ')', "to close the pragma's arguments");
    }
    if (kt_strcasecmp(pragma.name, "include") == 0)
        mof_fail(p->ctx, pos, "#pragma include is not supported: compile each .mof file separately");
    if (kt_strcasecmp(pragma.name, "namespace") == 0 && pragma.argument.kind == MOF_VALUE_STRING)
        p->file->namespace_name = pragma.argument.text;
    p->file->pragmas = grow(p->ctx, p->file->pragmas, p->file->pragma_count, sizeof(mof_pragma));
    p->file->pragmas[p->file->pragma_count++] = pragma;
}

void mof_parse(mof_context *ctx, const char *text, size_t length, mof_file *file)
{
    /* In the arena, so that its fields are well defined after a longjmp. */
    parser *const p = mof_alloc(ctx, sizeof(*p));
    p->ctx = ctx;
    p->src = text;
    p->length = length;
    p->line = 1;
    p->column = 1;
    p->file = file;
    kt_buf_init(&p->scratch);
    kt_buf_init(&p->joined);
    file->file_name = ctx->file_name;

    jmp_buf local;
    void *const outer = ctx->jump;
    ctx->jump = &local;
    if (setjmp(local) != 0) {
        kt_buf_free(&p->scratch);
        kt_buf_free(&p->joined);
        ctx->jump = outer;
        longjmp(*(jmp_buf *)outer, 1);
    }
    next(p);
    while (p->tok.kind != TOK_EOF) {
        if (is_punct(p, '#')) {
            parse_pragma(p);
            continue;
        }
        if (is_punct(p, ';')) {
            next(p);
            continue;
        }
        mof_pos start = p->tok.pos;
        mof_qualifiers quals;
        parse_qualifiers(p, &quals);
        if (is_keyword(&p->tok, "class"))
            parse_class(p, &quals, start);
        else if (is_keyword(&p->tok, "instance"))
            parse_instance(p);
        else if (is_keyword(&p->tok, "qualifier"))
            mof_fail(ctx, p->tok.pos, "qualifier declarations are not supported in a WMI driver's MOF");
        else
            expected(p, quals.count ? "'class' or 'instance' after the qualifier list"
                                    : "'class', 'instance', '[' or '#pragma'");
    }
    kt_buf_free(&p->scratch);
    kt_buf_free(&p->joined);
    ctx->jump = outer;
}
