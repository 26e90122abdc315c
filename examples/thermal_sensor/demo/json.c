/*
 * json.c - a small recursive-descent JSON reader (RFC 8259, no extensions).
 */
#include "json.h"

#include <stdlib.h>
#include <string.h>

#define JSON_MAX_DEPTH 64

typedef struct parser {
    const char *p;
    const char *end;
    int depth;
} parser;

static int parse_value(parser *ps, json_value *out);

static void skip_space(parser *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
        ps->p++;
}

static int accept(parser *ps, char c)
{
    skip_space(ps);
    if (ps->p < ps->end && *ps->p == c) {
        ps->p++;
        return 1;
    }
    return 0;
}

static int accept_word(parser *ps, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
        return 0;
    ps->p += n;
    return 1;
}

static int hex4(const char *p, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return 0;
    }
    *out = v;
    return 1;
}

/* Appends code point `cp` as UTF-8 at `out`; returns the bytes written. */
static size_t put_utf8(char *out, unsigned cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* One escape after the backslash at ps->p; writes its UTF-8 at `out`, returns the bytes (0 = bad). */
static size_t parse_escape(parser *ps, char *out)
{
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    const char *hit;
    unsigned cp, low;
    if (ps->p >= ps->end)
        return 0;
    if (*ps->p != 'u') {
        hit = strchr(from, *ps->p);
        if (hit == NULL || *ps->p == '\0')
            return 0;
        ps->p++;
        *out = to[hit - from];
        return 1;
    }
    if (ps->end - ps->p < 5 || !hex4(ps->p + 1, &cp))
        return 0;
    ps->p += 5;
    if (cp >= 0xD800 && cp < 0xDC00 && ps->end - ps->p >= 6 && ps->p[0] == '\\' && ps->p[1] == 'u' &&
        hex4(ps->p + 2, &low) && low >= 0xDC00 && low < 0xE000) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        ps->p += 6;
    }
    return put_utf8(out, cp);
}

/* A string at ps->p (the opening quote already consumed), into a new buffer. */
static char *parse_string(parser *ps)
{
    /* Escapes never grow: the raw length bounds the decoded one. */
    const char *close = ps->p;
    while (close < ps->end && *close != '"')
        close += (*close == '\\' && close + 1 < ps->end) ? 2 : 1;
    char *text = malloc((size_t)(close - ps->p) + 1);
    size_t n = 0;
    if (text == NULL)
        return NULL;
    while (ps->p < ps->end && *ps->p != '"') {
        if ((unsigned char)*ps->p < 0x20)
            break;
        if (*ps->p == '\\') {
            ps->p++;
            size_t written = parse_escape(ps, text + n);
            if (written == 0)
                break;
            n += written;
        } else {
            text[n++] = *ps->p++;
        }
    }
    if (ps->p >= ps->end || *ps->p != '"') {
        free(text);
        return NULL;
    }
    ps->p++;
    text[n] = '\0';
    return text;
}

static int parse_number(parser *ps, json_value *out)
{
    char buffer[64];
    size_t n = 0;
    while (ps->p < ps->end && n + 1 < sizeof(buffer) && strchr("+-0123456789.eE", *ps->p) != NULL && *ps->p)
        buffer[n++] = *ps->p++;
    buffer[n] = '\0';
    char *stop;
    out->kind = JSON_NUMBER;
    out->number = strtod(buffer, &stop);
    return n > 0 && *stop == '\0';
}

/* Appends a zeroed item to out->items; NULL when out of memory. */
static json_value *add_item(json_value *out)
{
    json_value *items = realloc(out->items, (out->count + 1) * sizeof(*items));
    if (items == NULL)
        return NULL;
    out->items = items;
    memset(&items[out->count], 0, sizeof(*items));
    return &items[out->count++];
}

/* The elements (or members) after '[' (or '{') up to the closing bracket. */
static int parse_container(parser *ps, json_value *out, int object)
{
    out->kind = object ? JSON_OBJECT : JSON_ARRAY;
    if (accept(ps, object ? '}' : ']'))
        return 1;
    do {
        json_value *item = add_item(out);
        if (item == NULL)
            return 0;
        if (object) {
            if (!accept(ps, '"') || (item->key = parse_string(ps)) == NULL || !accept(ps, ':'))
                return 0;
        }
        if (!parse_value(ps, item))
            return 0;
    } while (accept(ps, ','));
    return accept(ps, object ? '}' : ']');
}

static int parse_value(parser *ps, json_value *out)
{
    int ok;
    skip_space(ps);
    if (ps->p >= ps->end || ++ps->depth > JSON_MAX_DEPTH)
        return 0;
    if (accept(ps, '{') || accept(ps, '[')) {
        ok = parse_container(ps, out, ps->p[-1] == '{');
    } else if (accept(ps, '"')) {
        out->kind = JSON_STRING;
        ok = (out->string = parse_string(ps)) != NULL;
    } else if (accept_word(ps, "true") || accept_word(ps, "false")) {
        out->kind = JSON_BOOL;
        out->number = ps->p[-1] == 'e' && ps->p[-2] == 'u';
        ok = 1;
    } else if (accept_word(ps, "null")) {
        out->kind = JSON_NULL;
        ok = 1;
    } else {
        ok = parse_number(ps, out);
    }
    ps->depth--;
    return ok;
}

static void free_members(json_value *value)
{
    for (size_t i = 0; i < value->count; i++)
        free_members(&value->items[i]);
    free(value->items);
    free(value->key);
    free(value->string);
}

json_value *json_parse(const char *text, size_t length)
{
    parser ps = {text, text + length, 0};
    json_value *root = calloc(1, sizeof(*root));
    if (root == NULL)
        return NULL;
    if (!parse_value(&ps, root)) {
        json_free(root);
        return NULL;
    }
    skip_space(&ps);
    if (ps.p != ps.end) {
        json_free(root);
        return NULL;
    }
    return root;
}

void json_free(json_value *value)
{
    if (value == NULL)
        return;
    free_members(value);
    free(value);
}

const json_value *json_get(const json_value *object, const char *key)
{
    if (object == NULL || object->kind != JSON_OBJECT)
        return NULL;
    for (size_t i = 0; i < object->count; i++)
        if (strcmp(object->items[i].key, key) == 0)
            return &object->items[i];
    return NULL;
}

const json_value *json_at(const json_value *array, size_t index)
{
    if (array == NULL || array->kind != JSON_ARRAY || index >= array->count)
        return NULL;
    return &array->items[index];
}

size_t json_count(const json_value *array)
{
    return array != NULL && array->kind == JSON_ARRAY ? array->count : 0;
}

const char *json_string(const json_value *value)
{
    return value != NULL && value->kind == JSON_STRING ? value->string : NULL;
}

long json_long(const json_value *value, long fallback)
{
    if (value == NULL || (value->kind != JSON_NUMBER && value->kind != JSON_BOOL))
        return fallback;
    return (long)value->number;
}
