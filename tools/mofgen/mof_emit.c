/*
 * mof_emit.c - the two outputs of kmdfsim-mofgen.
 *
 * The header follows the `wmimofck -h` format (compat-surface.md §3):
 *
 *   #ifndef _<base>_h_                   include guard from the header's file name
 *   // <Class> - <StructName>            per class, then "// <Description>"
 *   #define <StructName>Guid \           brace initialiser of the class GUID
 *   #if ! (defined(MIDL_PASS))           DEFINE_GUID(<StructName>_GUID, ...)
 *   // Method id definitions for <Class> then per method: #define <Method> <id>,
 *                                        <Method>_IN / _OUT structs and sizes
 *   typedef struct _<StructName> { ... } <StructName>, *P<StructName>;
 *                                        members in WmiDataId order, each with
 *                                        _SIZE and _ID defines; a string or other
 *                                        variable-length item becomes
 *                                        CHAR VariableData[1] with only its _ID,
 *                                        and items after it get only their _ID
 *   #define <StructName>_SIZE (FIELD_OFFSET(...) + ..._SIZE)   fixed-size only
 *
 * The JSON describes the same classes for clients (schema in
 * tools/README.md): GUIDs, items with ids, types, sizes and offsets,
 * methods with their parameters.
 */
#include "mof.h"

#include "kt_file.h"

#include <string.h>

/* ---- Header -------------------------------------------------------------- */

/* Text for a // comment: one line, and no trailing backslash (or ??/) that would splice the next line. */
static void put_comment_text(kt_buf *b, const char *text)
{
    size_t start = b->length;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p == '\n' || *p == '\r' || *p == '\t' || *p == '\f' || *p == '\v')
            kt_buf_putc(b, ' ');
        else if (*p < 0x20 || *p == 0x7F)
            kt_buf_putc(b, '?');
        else
            kt_buf_putc(b, (char)*p);
    }
    while (b->length > start && b->data[b->length - 1] == ' ')
        b->length--;
    if (b->data != NULL)
        b->data[b->length] = '\0';
    if (b->length > start &&
        (b->data[b->length - 1] == '\\' ||
         (b->length - start >= 3 && memcmp(b->data + b->length - 3, "?\?/", 3) == 0)))
        kt_buf_putc(b, '.');
}

static void put_comment_line(kt_buf *b, const char *indent, const char *text)
{
    kt_buf_puts(b, indent);
    kt_buf_puts(b, "//");
    if (text != NULL && *text != '\0') {
        kt_buf_putc(b, ' ');
        put_comment_text(b, text);
    }
    kt_buf_putc(b, '\n');
}

/* "ULONG", "Embedded", "WCHAR" (datetime) */
static const char *item_c_type(const mof_item *item)
{
    if (item->type == MOF_T_OBJECT)
        return item->embedded->struct_name;
    return mof_type_c_name(item->type);
}

/* "[4]" for a fixed array, "[25]" for a datetime, "[4][25]" for both. */
static void put_dims(kt_buf *b, const mof_item *item)
{
    if (item->array == MOF_ARRAY_FIXED)
        kt_buf_printf(b, "[%lu]", (unsigned long)item->count);
    if (item->type == MOF_T_DATETIME)
        kt_buf_puts(b, "[25]");
}

static void emit_struct(kt_buf *b, const mof_layout *l)
{
    const char *s = l->struct_name;
    kt_buf_printf(b, "typedef struct _%s\n{\n", s);
    for (size_t i = 0; i < l->members.count; i++) {
        const mof_item *item = l->members.items[i];
        put_comment_line(b, "    ", item->description);
        if (i < l->first_variable) {
            kt_buf_printf(b, "    %s %s", item_c_type(item), item->member);
            put_dims(b, item);
            kt_buf_printf(b, ";\n    #define %s_%s_SIZE sizeof(%s", s, item->member, item_c_type(item));
            put_dims(b, item);
            kt_buf_puts(b, ")\n");
        } else if (i == l->first_variable) {
            kt_buf_puts(b, "    CHAR VariableData[1];\n");
        }
        kt_buf_printf(b, "    #define %s_%s_ID %lu\n\n", s, item->member, (unsigned long)item->id);
    }
    kt_buf_printf(b, "} %s, *P%s;\n\n", s, s);
    if (l->fixed) {
        const mof_item *last = l->members.items[l->members.count - 1];
        kt_buf_printf(b, "#define %s_SIZE (FIELD_OFFSET(%s, %s) + %s_%s_SIZE)\n\n", s, s, last->member, s,
                      last->member);
    }
}

static void emit_guid(kt_buf *b, const mof_class *c)
{
    const uint8_t *d4 = c->guid_data4;
    kt_buf_printf(b, "#define %sGuid \\\n", c->struct_name);
    kt_buf_printf(b,
                  "    { 0x%08lx,0x%04x,0x%04x, { 0x%02x,0x%02x,0x%02x,0x%02x,0x%02x,0x%02x,0x%02x,0x%02x } }\n\n",
                  (unsigned long)c->guid_data1, (unsigned)c->guid_data2, (unsigned)c->guid_data3, d4[0], d4[1], d4[2],
                  d4[3], d4[4], d4[5], d4[6], d4[7]);
    kt_buf_puts(b, "#if ! (defined(MIDL_PASS))\n");
    kt_buf_printf(b, "DEFINE_GUID(%s_GUID, \\\n", c->struct_name);
    kt_buf_printf(b, "            0x%08lx,0x%04x,0x%04x,0x%02x,0x%02x,0x%02x,0x%02x,0x%02x,0x%02x,0x%02x,0x%02x);\n",
                  (unsigned long)c->guid_data1, (unsigned)c->guid_data2, (unsigned)c->guid_data3, d4[0], d4[1], d4[2],
                  d4[3], d4[4], d4[5], d4[6], d4[7]);
    kt_buf_puts(b, "#endif\n\n\n");
}

static void emit_methods(kt_buf *b, const mof_class *c)
{
    if (c->method_count == 0)
        return;
    kt_buf_puts(b, "//\n");
    kt_buf_printf(b, "// Method id definitions for %s\n", c->name);
    for (size_t i = 0; i < c->method_count; i++) {
        const mof_method *m = c->methods[i];
        kt_buf_printf(b, "#define %s %lu\n", m->c_name, (unsigned long)m->id);
        if (m->in.members.count > 0)
            emit_struct(b, &m->in);
        if (m->out.members.count > 0)
            emit_struct(b, &m->out);
    }
    kt_buf_putc(b, '\n');
}

static void put_guard(kt_buf *b, const char *header_name)
{
    const char *base = header_name != NULL ? header_name : "mof.h";
    const char *dot = strrchr(base, '.');
    size_t n = dot != NULL && dot != base ? (size_t)(dot - base) : strlen(base);
    kt_buf_putc(b, '_');
    for (size_t i = 0; i < n; i++) {
        char ch = base[i];
        int ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
        kt_buf_putc(b, ok ? ch : '_');
    }
    kt_buf_puts(b, "_h_");
}

void mof_emit_header(const mof_file *file, const mof_options *options, kt_buf *out)
{
    kt_buf guard;
    kt_buf_init(&guard);
    put_guard(&guard, options->header_name);
    kt_buf_printf(out, "#ifndef %s\n#define %s\n\n", kt_buf_str(&guard), kt_buf_str(&guard));
    for (size_t i = 0; i < file->class_count; i++) {
        const mof_class *c = file->classes[i];
        kt_buf_printf(out, "// %s - %s\n", c->name, c->struct_name);
        if (c->description != NULL)
            put_comment_line(out, "", c->description);
        if (c->has_guid)
            emit_guid(out, c);
        else
            kt_buf_putc(out, '\n');
        emit_methods(out, c);
        if (c->data.members.count > 0)
            emit_struct(out, &c->data);
    }
    kt_buf_puts(out, "#endif\n");
    kt_buf_free(&guard);
}

/* ---- JSON ---------------------------------------------------------------- */

static void json_string(kt_buf *b, const char *text)
{
    if (text == NULL) {
        kt_buf_puts(b, "null");
        return;
    }
    kt_buf_putc(b, '"');
    kt_buf_json_escaped(b, text);
    kt_buf_putc(b, '"');
}

static void indent(kt_buf *b, int level)
{
    for (int i = 0; i < level; i++)
        kt_buf_puts(b, "  ");
}

static void json_item(kt_buf *b, const mof_item *item, const mof_layout *l, size_t index, int level, int is_param)
{
    indent(b, level);
    kt_buf_puts(b, "{\n");
    indent(b, level + 1);
    kt_buf_puts(b, "\"name\": ");
    json_string(b, item->name);
    kt_buf_puts(b, ",\n");
    indent(b, level + 1);
    kt_buf_puts(b, "\"c_name\": ");
    json_string(b, item->member);
    kt_buf_puts(b, ",\n");
    indent(b, level + 1);
    kt_buf_puts(b, "\"member\": ");
    json_string(b, index <= l->first_variable ? (index == l->first_variable ? "VariableData" : item->member) : NULL);
    kt_buf_puts(b, ",\n");
    indent(b, level + 1);
    kt_buf_printf(b, "\"id\": %lu,\n", (unsigned long)item->id);
    indent(b, level + 1);
    kt_buf_puts(b, "\"type\": ");
    json_string(b, item->type == MOF_T_OBJECT ? "object" : mof_type_name(item->type));
    kt_buf_puts(b, ",\n");
    indent(b, level + 1);
    kt_buf_puts(b, "\"c_type\": ");
    json_string(b, item->type == MOF_T_STRING ? NULL : item_c_type(item));
    kt_buf_puts(b, ",\n");
    if (item->type == MOF_T_OBJECT) {
        indent(b, level + 1);
        kt_buf_puts(b, "\"class\": ");
        json_string(b, item->embedded->name);
        kt_buf_puts(b, ",\n");
    }
    indent(b, level + 1);
    kt_buf_puts(b, "\"array\": ");
    if (item->array == MOF_ARRAY_NONE)
        kt_buf_puts(b, "null");
    else if (item->array == MOF_ARRAY_FIXED)
        kt_buf_printf(b, "{ \"kind\": \"fixed\", \"count\": %lu }", (unsigned long)item->count);
    else {
        kt_buf_puts(b, "{ \"kind\": \"variable\", \"size_is\": ");
        json_string(b, item->size_is_item != NULL ? item->size_is_item->name : NULL);
        kt_buf_puts(b, " }");
    }
    kt_buf_puts(b, ",\n");
    indent(b, level + 1);
    kt_buf_printf(b, "\"variable\": %s,\n", item->variable ? "true" : "false");
    indent(b, level + 1);
    if (item->variable && item->elem_size == 0)
        kt_buf_puts(b, "\"element_size\": null,\n");
    else
        kt_buf_printf(b, "\"element_size\": %llu,\n", (unsigned long long)item->elem_size);
    indent(b, level + 1);
    if (item->variable)
        kt_buf_puts(b, "\"size\": null,\n");
    else
        kt_buf_printf(b, "\"size\": %llu,\n", (unsigned long long)item->size);
    indent(b, level + 1);
    kt_buf_printf(b, "\"alignment\": %llu,\n", (unsigned long long)item->align);
    indent(b, level + 1);
    if (item->has_offset)
        kt_buf_printf(b, "\"offset\": %llu,\n", (unsigned long long)item->offset);
    else
        kt_buf_puts(b, "\"offset\": null,\n");
    indent(b, level + 1);
    if (item->max_len != 0)
        kt_buf_printf(b, "\"max_len\": %lu,\n", (unsigned long)item->max_len);
    else
        kt_buf_puts(b, "\"max_len\": null,\n");
    indent(b, level + 1);
    if (is_param)
        kt_buf_printf(b, "\"in\": %s, \"out\": %s,\n", item->in ? "true" : "false", item->out ? "true" : "false");
    else
        kt_buf_printf(b, "\"read\": %s, \"write\": %s,\n", item->read ? "true" : "false",
                      item->write ? "true" : "false");
    indent(b, level + 1);
    kt_buf_puts(b, "\"description\": ");
    json_string(b, item->description);
    kt_buf_putc(b, '\n');
    indent(b, level);
    kt_buf_puts(b, "}");
}

/* "struct", "fixed", "size", "sizeof", "alignment", "variable_data_offset", "<items_key>": [...] */
static void json_layout(kt_buf *b, const mof_layout *l, const char *items_key, int level, int is_param)
{
    indent(b, level);
    kt_buf_puts(b, "\"struct\": ");
    json_string(b, l->struct_name);
    kt_buf_puts(b, ",\n");
    indent(b, level);
    kt_buf_printf(b, "\"fixed_size\": %s,\n", l->fixed ? "true" : "false");
    indent(b, level);
    if (l->fixed)
        kt_buf_printf(b, "\"size\": %llu,\n", (unsigned long long)l->size);
    else
        kt_buf_puts(b, "\"size\": null,\n");
    indent(b, level);
    kt_buf_printf(b, "\"sizeof\": %llu,\n", (unsigned long long)l->c_sizeof);
    indent(b, level);
    kt_buf_printf(b, "\"alignment\": %llu,\n", (unsigned long long)l->align);
    indent(b, level);
    if (l->fixed)
        kt_buf_puts(b, "\"variable_data_offset\": null,\n");
    else
        kt_buf_printf(b, "\"variable_data_offset\": %llu,\n", (unsigned long long)l->size);
    indent(b, level);
    kt_buf_printf(b, "\"%s\": [", items_key);
    for (size_t i = 0; i < l->members.count; i++) {
        kt_buf_puts(b, i ? ",\n" : "\n");
        json_item(b, l->members.items[i], l, i, level + 1, is_param);
    }
    if (l->members.count > 0) {
        kt_buf_putc(b, '\n');
        indent(b, level);
    }
    kt_buf_puts(b, "]");
}

void mof_emit_json(const mof_file *file, const mof_options *options, kt_buf *out)
{
    kt_buf_puts(out, "{\n  \"format\": \"kmdfsim-mof-1\",\n  \"mof\": ");
    json_string(out, options->mof_name != NULL ? kt_path_basename(options->mof_name) : NULL);
    kt_buf_puts(out, ",\n  \"header\": ");
    json_string(out, options->header_name);
    kt_buf_puts(out, ",\n  \"namespace\": ");
    json_string(out, file->namespace_name);
    kt_buf_puts(out, ",\n  \"classes\": [");
    for (size_t i = 0; i < file->class_count; i++) {
        const mof_class *c = file->classes[i];
        kt_buf_puts(out, i ? ",\n" : "\n");
        kt_buf_puts(out, "    {\n      \"name\": ");
        json_string(out, c->name);
        kt_buf_puts(out, ",\n      \"guid\": ");
        json_string(out, c->has_guid ? c->guid_text : NULL);
        kt_buf_puts(out, ",\n      \"base\": ");
        json_string(out, c->base_name);
        kt_buf_printf(out, ",\n      \"event\": %s", c->is_event ? "true" : "false");
        kt_buf_puts(out, ",\n      \"description\": ");
        json_string(out, c->description);
        kt_buf_puts(out, ",\n");
        json_layout(out, &c->data, "properties", 3, 0);
        kt_buf_puts(out, ",\n      \"methods\": [");
        for (size_t j = 0; j < c->method_count; j++) {
            const mof_method *m = c->methods[j];
            kt_buf_puts(out, j ? ",\n" : "\n");
            kt_buf_puts(out, "        {\n          \"name\": ");
            json_string(out, m->name);
            kt_buf_puts(out, ",\n          \"define\": ");
            json_string(out, m->c_name);
            kt_buf_printf(out, ",\n          \"id\": %lu", (unsigned long)m->id);
            kt_buf_printf(out, ",\n          \"implemented\": %s", m->implemented ? "true" : "false");
            kt_buf_puts(out, ",\n          \"description\": ");
            json_string(out, m->description);
            const mof_layout *dirs[2] = {&m->in, &m->out};
            const char *keys[2] = {"in", "out"};
            for (int d = 0; d < 2; d++) {
                kt_buf_printf(out, ",\n          \"%s\": ", keys[d]);
                if (dirs[d]->members.count == 0) {
                    kt_buf_puts(out, "null");
                    continue;
                }
                kt_buf_puts(out, "{\n");
                json_layout(out, dirs[d], "parameters", 6, 1);
                kt_buf_puts(out, "\n          }");
            }
            kt_buf_puts(out, "\n        }");
        }
        if (c->method_count > 0)
            kt_buf_puts(out, "\n      ");
        kt_buf_puts(out, "]\n    }");
    }
    if (file->class_count > 0)
        kt_buf_puts(out, "\n  ");
    kt_buf_puts(out, "]\n}\n");
}
