/*
 * mof.c - data blocks by property name (see mof.h).
 *
 * Placement (tools/README.md): fixed items sit at "offset"; from the first
 * variable item on, each starts at the previous end rounded up to its
 * "alignment". A string is a USHORT byte count and UTF-16 code units; a
 * variable array has the element count held by its "size_is" item.
 */
#include "mof.h"

#include <stdio.h>
#include <string.h>

const json_value *mof_class(const json_value *document, const char *name)
{
    const json_value *classes = json_get(document, "classes");
    for (size_t i = 0; i < json_count(classes); i++) {
        const char *n = json_string(json_get(json_at(classes, i), "name"));
        if (n != NULL && strcmp(n, name) == 0)
            return json_at(classes, i);
    }
    return NULL;
}

const json_value *mof_method(const json_value *cls, const char *name)
{
    const json_value *methods = json_get(cls, "methods");
    for (size_t i = 0; i < json_count(methods); i++) {
        const char *n = json_string(json_get(json_at(methods, i), "name"));
        if (n != NULL && strcmp(n, name) == 0)
            return json_at(methods, i);
    }
    return NULL;
}

/* Little-endian integer of `size` bytes at p (sign-extended when `is_signed`). */
static long long load_integer(const unsigned char *p, size_t size, int is_signed)
{
    unsigned long long v = 0;
    for (size_t i = size; i > 0; i--)
        v = (v << 8) | p[i - 1];
    if (is_signed && size < 8 && (v >> (8 * size - 1)) & 1u)
        v |= ~0ull << (8 * size);
    return (long long)v;
}

static int is_integer_type(const char *type)
{
    return strcmp(type, "boolean") == 0 || strncmp(type, "sint", 4) == 0 || strncmp(type, "uint", 4) == 0;
}

/* Whether an item is an array (its "array" is an object rather than null). */
static int is_array(const json_value *item)
{
    const json_value *array = json_get(item, "array");
    return array != NULL && array->kind == JSON_OBJECT;
}

/* UTF-16 (n units at p) as UTF-8 into text; BMP only, which is what sensor names use. */
static void utf16_to_utf8(const unsigned char *p, size_t n, char *text, size_t size)
{
    size_t out = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned c = (unsigned)(p[2 * i] | (p[2 * i + 1] << 8));
        char bytes[3];
        size_t len = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        if (len == 1) {
            bytes[0] = (char)c;
        } else if (len == 2) {
            bytes[0] = (char)(0xC0 | (c >> 6));
            bytes[1] = (char)(0x80 | (c & 0x3F));
        } else {
            bytes[0] = (char)(0xE0 | (c >> 12));
            bytes[1] = (char)(0x80 | ((c >> 6) & 0x3F));
            bytes[2] = (char)(0x80 | (c & 0x3F));
        }
        if (out + len >= size)
            break;
        memcpy(text + out, bytes, len);
        out += len;
    }
    text[out] = '\0';
}

/* One scalar of `type` (element_size bytes at p) as text. */
static void format_scalar(const char *type, const unsigned char *p, size_t element, char *text, size_t size)
{
    if (strcmp(type, "boolean") == 0) {
        snprintf(text, size, "%s", p[0] ? "True" : "False");
    } else if (is_integer_type(type)) {
        long long v = load_integer(p, element, type[0] == 's');
        if (type[0] == 's')
            snprintf(text, size, "%lld", v);
        else
            snprintf(text, size, "%llu", (unsigned long long)v);
    } else if (strcmp(type, "real32") == 0) {
        float f;
        memcpy(&f, p, sizeof(f));
        snprintf(text, size, "%g", (double)f);
    } else if (strcmp(type, "real64") == 0) {
        double d;
        memcpy(&d, p, sizeof(d));
        snprintf(text, size, "%g", d);
    } else if (strcmp(type, "char16") == 0 || strcmp(type, "datetime") == 0) {
        utf16_to_utf8(p, element / 2, text, size);
    } else {
        snprintf(text, size, "(%s)", type);
    }
}

typedef struct placement {
    size_t start;  /* where the item begins */
    size_t length; /* its bytes */
    size_t count;  /* elements (1 for a scalar or a string) */
} placement;

static size_t align_up(size_t value, size_t alignment)
{
    return alignment > 1 ? (value + alignment - 1) / alignment * alignment : value;
}

/* Where item `index` is in a block; 0 when outside it. Walks the items before it. */
static int place_item(const json_value *items, size_t index, const unsigned char *data, size_t size, placement *out)
{
    size_t end = 0;
    for (size_t i = 0; i <= index; i++) {
        const json_value *item = json_at(items, i);
        const json_value *array = json_get(item, "array");
        const char *type = json_string(json_get(item, "type"));
        size_t element = (size_t)json_long(json_get(item, "element_size"), 0);
        long offset = json_long(json_get(item, "offset"), -1);
        placement p = {offset >= 0 ? (size_t)offset : align_up(end, (size_t)json_long(json_get(item, "alignment"), 1)),
                       0, 1};
        if (type == NULL)
            return 0;
        if (is_array(item)) {
            const char *kind = json_string(json_get(array, "kind"));
            long count = json_long(json_get(array, "count"), -1);
            if (kind != NULL && strcmp(kind, "variable") == 0) {
                long held = 0;
                const char *size_is = json_string(json_get(array, "size_is"));
                if (size_is == NULL || !mof_read_long(items, size_is, data, size, &held) || held < 0)
                    return 0;
                count = held;
            }
            p.count = count < 0 ? 0 : (size_t)count;
            p.length = p.count * element;
        } else if (strcmp(type, "string") == 0) {
            if (p.start + 2 > size)
                return 0;
            p.length = 2 + (size_t)(data[p.start] | (data[p.start + 1] << 8));
        } else {
            p.length = element;
        }
        if (p.start + p.length > size)
            return 0;
        end = p.start + p.length;
        *out = p;
    }
    return 1;
}

int mof_format_item(const json_value *items, size_t index, const void *data, size_t size, char *text, size_t text_size)
{
    const json_value *item = json_at(items, index);
    const char *type = json_string(json_get(item, "type"));
    size_t element = (size_t)json_long(json_get(item, "element_size"), 0);
    const unsigned char *bytes = data;
    placement p;
    if (type == NULL || !place_item(items, index, bytes, size, &p))
        return 0;
    if (strcmp(type, "string") == 0) {
        utf16_to_utf8(bytes + p.start + 2, (p.length - 2) / 2, text, text_size);
        return 1;
    }
    if (!is_array(item)) {
        format_scalar(type, bytes + p.start, element, text, text_size);
        return 1;
    }
    size_t used = (size_t)snprintf(text, text_size, "{");
    for (size_t i = 0; i < p.count && used < text_size; i++) {
        char one[64];
        format_scalar(type, bytes + p.start + i * element, element, one, sizeof(one));
        used += (size_t)snprintf(text + used, text_size - used, "%s%s", i ? ", " : "", one);
    }
    if (used < text_size)
        snprintf(text + used, text_size - used, "}");
    return 1;
}

/* The fixed integer item `name`: its offset and size; 0 when absent or not a fixed integer. */
static int fixed_integer(const json_value *items, const char *name, size_t *offset, size_t *size, int *is_signed)
{
    for (size_t i = 0; i < json_count(items); i++) {
        const json_value *item = json_at(items, i);
        const char *n = json_string(json_get(item, "name"));
        const char *type = json_string(json_get(item, "type"));
        long at = json_long(json_get(item, "offset"), -1);
        if (n == NULL || type == NULL || strcmp(n, name) != 0)
            continue;
        if (!is_integer_type(type) || at < 0 || is_array(item))
            return 0;
        *offset = (size_t)at;
        *size = (size_t)json_long(json_get(item, "element_size"), 0);
        *is_signed = type[0] == 's';
        return *size > 0 && *size <= 8;
    }
    return 0;
}

int mof_read_long(const json_value *items, const char *name, const void *data, size_t size, long *value)
{
    size_t offset, length;
    int is_signed;
    if (!fixed_integer(items, name, &offset, &length, &is_signed) || offset + length > size)
        return 0;
    *value = (long)load_integer((const unsigned char *)data + offset, length, is_signed);
    return 1;
}

int mof_write_long(const json_value *items, const char *name, long value, void *buffer, size_t size)
{
    size_t offset, length;
    int is_signed;
    unsigned long long v = (unsigned long long)(long long)value;
    if (!fixed_integer(items, name, &offset, &length, &is_signed) || offset + length > size)
        return 0;
    for (size_t i = 0; i < length; i++)
        ((unsigned char *)buffer)[offset + i] = (unsigned char)(v >> (8 * i));
    return 1;
}
