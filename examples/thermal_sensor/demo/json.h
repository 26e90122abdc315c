/*
 * json.h - a small JSON reader, enough for kmdfsim-mofgen's class
 * descriptions ("kmdfsim-mof-1"). Parses a whole document into a tree;
 * lookups on a missing key or a value of another kind give NULL or the
 * fallback, so callers can chain them without checks.
 */
#ifndef KMDFSIM_DEMO_JSON_H_
#define KMDFSIM_DEMO_JSON_H_

#include <stddef.h>

typedef enum json_kind { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT } json_kind;

typedef struct json_value {
    json_kind kind;
    char *key;                /* the member name when inside an object, else NULL */
    char *string;             /* JSON_STRING, UTF-8 */
    double number;            /* JSON_NUMBER; JSON_BOOL is 0 or 1 */
    struct json_value *items; /* JSON_ARRAY elements or JSON_OBJECT members, in document order */
    size_t count;
} json_value;

/* Parses `length` bytes; NULL on a syntax error or out of memory. Free with json_free. */
json_value *json_parse(const char *text, size_t length);
void json_free(json_value *value);

/* Member `key` of an object, or NULL. */
const json_value *json_get(const json_value *object, const char *key);
/* Element `index` of an array, or NULL. */
const json_value *json_at(const json_value *array, size_t index);
/* Elements of an array (0 for anything else). */
size_t json_count(const json_value *array);
/* The text of a string, or NULL. */
const char *json_string(const json_value *value);
/* A number (or boolean) as a long, or `fallback` (null, missing, other kinds). */
long json_long(const json_value *value, long fallback);

#endif /* KMDFSIM_DEMO_JSON_H_ */
