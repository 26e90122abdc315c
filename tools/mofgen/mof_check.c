/*
 * mof_check.c - the checks a WMI MOF must pass before a header can be
 * generated from it, and the layout of every generated structure.
 *
 * Rules (each violation is an error at the offending line and column):
 *  - class names are unique (case-insensitive, as in MOF); a base class is
 *    WMIEvent or a class defined earlier in the file;
 *  - guid("{8-4-4-4-12}") is a well-formed GUID; methods need a guid;
 *  - every property except the key InstanceName and Active (which are not
 *    part of the data block) has WmiDataId(n); the ids of a class run
 *    1, 2, 3, ... without gaps or repeats (inherited properties included);
 *  - an embedded class is defined earlier in the file and has data items;
 *  - a variable-length array ([]) has WmiSizeIs("<property>") naming an
 *    integer property with a lower id; WmiSizeIs appears only on arrays;
 *  - methods have a unique WmiMethodId(n); every parameter is [in], [out]
 *    or both; WMI methods return void;
 *  - HeaderName values are C identifiers; no two generated C names collide.
 *
 * Layout follows the C compiler's rules for the generated structs (natural
 * alignment, the Windows x64 sizes): members at aligned offsets; the first
 * variable-length item becomes CHAR VariableData[1] and ends the struct.
 */
#include "mof.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MOF_MAX_BLOCK 0x7FFFFFFFu

/* ---- Qualifier helpers --------------------------------------------------- */

const mof_qualifier *mof_find_qualifier(const mof_qualifiers *qualifiers, const char *name)
{
    for (size_t i = 0; i < qualifiers->count; i++)
        if (kt_strcasecmp(qualifiers->items[i].name, name) == 0)
            return &qualifiers->items[i];
    return NULL;
}

static const char *qual_string(mof_context *ctx, const mof_qualifiers *q, const char *name)
{
    const mof_qualifier *qual = mof_find_qualifier(q, name);
    if (qual == NULL)
        return NULL;
    if (qual->value.kind != MOF_VALUE_STRING)
        mof_fail(ctx, qual->pos, "qualifier %s expects a string value, as in %s(\"...\")", qual->name, qual->name);
    return qual->value.text;
}

/* Returns 0 when absent. */
static uint32_t qual_uint(mof_context *ctx, const mof_qualifiers *q, const char *name, uint32_t min, uint32_t max)
{
    const mof_qualifier *qual = mof_find_qualifier(q, name);
    if (qual == NULL)
        return 0;
    if (qual->value.kind != MOF_VALUE_INTEGER || qual->value.negative || qual->value.magnitude < min ||
        qual->value.magnitude > max)
        mof_fail(ctx, qual->pos, "qualifier %s expects an integer from %lu to %lu, as in %s(%lu)", qual->name,
                 (unsigned long)min, (unsigned long)max, qual->name, (unsigned long)min);
    return (uint32_t)qual->value.magnitude;
}

static int qual_flag(mof_context *ctx, const mof_qualifiers *q, const char *name)
{
    const mof_qualifier *qual = mof_find_qualifier(q, name);
    if (qual == NULL)
        return 0;
    if (qual->value.kind == MOF_VALUE_NONE)
        return 1;
    if (qual->value.kind == MOF_VALUE_BOOLEAN)
        return qual->value.boolean;
    mof_fail(ctx, qual->pos, "qualifier %s expects no value or true/false", qual->name);
}

static int is_c_identifier(const char *s)
{
    if (s == NULL || *s == '\0' || strlen(s) > 255)
        return 0;
    if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || *s == '_'))
        return 0;
    for (s++; *s; s++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return 0;
    return 1;
}

static int is_c_keyword(const char *s)
{
    static const char *const words[] = {
        "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern",
        "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return", "short", "signed",
        "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void", "volatile", "while", "_Bool",
        "_Complex", "_Imaginary", "_Alignas", "_Alignof", "_Atomic", "_Generic", "_Noreturn", "_Static_assert",
        "_Thread_local", "bool", "catch", "class", "const_cast", "delete", "dynamic_cast", "explicit", "export",
        "false", "friend", "mutable", "namespace", "new", "operator", "private", "protected", "public",
        "reinterpret_cast", "static_cast", "template", "this", "throw", "true", "try", "typeid", "typename", "using",
        "virtual", "wchar_t", "alignas", "alignof", "char16_t", "char32_t", "constexpr", "decltype", "noexcept",
        "nullptr", "static_assert", "thread_local"};
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (strcmp(s, words[i]) == 0)
            return 1;
    return 0;
}

/* A name the header uses as a C identifier must not be a keyword (or VariableData, for members). */
static void check_c_name(mof_context *ctx, mof_pos pos, const char *name, int member)
{
    if (is_c_keyword(name))
        mof_fail(ctx, pos, "'%s' cannot be a C name in the generated header (it is a C or C++ keyword): rename it with "
                           "HeaderName(\"...\")",
                 name);
    if (member && strcmp(name, "VariableData") == 0)
        mof_fail(ctx, pos, "'VariableData' is the generated header's name for variable-length data: rename the item "
                           "with HeaderName(\"...\")");
}

static const char *header_name(mof_context *ctx, const mof_qualifiers *q, const char *fallback)
{
    const char *name = qual_string(ctx, q, "HeaderName");
    if (name == NULL)
        return fallback;
    if (!is_c_identifier(name))
        mof_fail(ctx, mof_find_qualifier(q, "HeaderName")->pos,
                 "HeaderName(\"%.100s\") is not a C identifier: expected letters, digits and '_', not starting with a "
                 "digit",
                 name);
    return name;
}

/* ---- Types --------------------------------------------------------------- */

static const struct {
    mof_type type;
    const char *mof, *c;
    unsigned size;
} type_info[] = {
    {MOF_T_BOOLEAN, "boolean", "BOOLEAN", 1}, {MOF_T_SINT8, "sint8", "CHAR", 1},
    {MOF_T_UINT8, "uint8", "UCHAR", 1},       {MOF_T_SINT16, "sint16", "SHORT", 2},
    {MOF_T_UINT16, "uint16", "USHORT", 2},    {MOF_T_SINT32, "sint32", "LONG", 4},
    {MOF_T_UINT32, "uint32", "ULONG", 4},     {MOF_T_SINT64, "sint64", "LONGLONG", 8},
    {MOF_T_UINT64, "uint64", "ULONGLONG", 8}, {MOF_T_REAL32, "real32", "FLOAT", 4},
    {MOF_T_REAL64, "real64", "DOUBLE", 8},    {MOF_T_CHAR16, "char16", "WCHAR", 2},
    {MOF_T_STRING, "string", "CHAR", 0},      {MOF_T_DATETIME, "datetime", "WCHAR", 50},
    {MOF_T_OBJECT, "object", "", 0},          {MOF_T_VOID, "void", "VOID", 0},
};

const char *mof_type_name(mof_type type)
{
    for (size_t i = 0; i < sizeof(type_info) / sizeof(type_info[0]); i++)
        if (type_info[i].type == type)
            return type_info[i].mof;
    return "?";
}

const char *mof_type_c_name(mof_type type)
{
    for (size_t i = 0; i < sizeof(type_info) / sizeof(type_info[0]); i++)
        if (type_info[i].type == type)
            return type_info[i].c;
    return "?";
}

static unsigned scalar_size(mof_type type)
{
    for (size_t i = 0; i < sizeof(type_info) / sizeof(type_info[0]); i++)
        if (type_info[i].type == type)
            return type_info[i].size;
    return 0;
}

static int is_integer_type(mof_type t) { return t >= MOF_T_SINT8 && t <= MOF_T_UINT64; }

static uint64_t align_up(uint64_t v, uint64_t a) { return (v + a - 1) / a * a; }

/* ---- Classes ------------------------------------------------------------- */

static mof_class *find_class(const mof_file *file, size_t before, const char *name)
{
    for (size_t i = 0; i < before; i++)
        if (kt_strcasecmp(file->classes[i]->name, name) == 0)
            return file->classes[i];
    return NULL;
}

static void parse_guid(mof_context *ctx, mof_class *c)
{
    const mof_qualifier *q = mof_find_qualifier(&c->qualifiers, "guid");
    if (q == NULL)
        return;
    const char *text = qual_string(ctx, &c->qualifiers, "guid");
    const char *s = text;
    size_t n = strlen(s);
    if (n == 38 && s[0] == '{' && s[37] == '}') {
        s++;
        n = 36;
    }
    int ok = n == 36;
    uint8_t bytes[16];
    int nibbles = 0;
    for (size_t i = 0; ok && i < 36; i++) {
        int dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash) {
            ok = s[i] == '-';
            continue;
        }
        char ch = s[i];
        int v = (ch >= '0' && ch <= '9') ? ch - '0'
                : (ch >= 'a' && ch <= 'f') ? ch - 'a' + 10
                : (ch >= 'A' && ch <= 'F') ? ch - 'A' + 10
                                           : -1;
        if (v < 0) {
            ok = 0;
            break;
        }
        if (nibbles % 2 == 0)
            bytes[nibbles / 2] = (uint8_t)(v << 4);
        else
            bytes[nibbles / 2] |= (uint8_t)v;
        nibbles++;
    }
    if (!ok)
        mof_fail(ctx, q->pos,
                 "guid(\"%.60s\") is not a GUID: expected \"{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}\" with hexadecimal digits",
                 text);
    c->has_guid = 1;
    c->guid_data1 = ((uint32_t)bytes[0] << 24) | ((uint32_t)bytes[1] << 16) | ((uint32_t)bytes[2] << 8) | bytes[3];
    c->guid_data2 = (uint16_t)((bytes[4] << 8) | bytes[5]);
    c->guid_data3 = (uint16_t)((bytes[6] << 8) | bytes[7]);
    memcpy(c->guid_data4, bytes + 8, 8);
    char canon[37];
    snprintf(canon, sizeof(canon), "%08lx-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x", (unsigned long)c->guid_data1,
             (unsigned)c->guid_data2, (unsigned)c->guid_data3, c->guid_data4[0], c->guid_data4[1], c->guid_data4[2],
             c->guid_data4[3], c->guid_data4[4], c->guid_data4[5], c->guid_data4[6], c->guid_data4[7]);
    c->guid_text = mof_strdup(ctx, canon, strlen(canon));
}

/* Checks the qualifiers shared by properties and parameters, resolves the type. */
static void check_item(mof_context *ctx, const mof_file *file, size_t class_index, mof_item *item, int is_param)
{
    const mof_qualifiers *q = &item->qualifiers;
    item->description = qual_string(ctx, q, "Description");
    item->size_is = qual_string(ctx, q, "WmiSizeIs");
    item->max_len = qual_uint(ctx, q, "MaxLen", 1, 0x7FFFFFFF);
    item->key = qual_flag(ctx, q, "key");
    item->read = qual_flag(ctx, q, "read");
    item->write = qual_flag(ctx, q, "write");
    item->in = qual_flag(ctx, q, "in");
    item->out = qual_flag(ctx, q, "out");
    item->member = header_name(ctx, q, item->name);
    check_c_name(ctx, item->pos, item->member, 1);
    if (!is_param)
        item->id = qual_uint(ctx, q, "WmiDataId", 1, 65535);
    if (item->type == MOF_T_OBJECT) {
        mof_class *e = find_class(file, class_index + 1, item->type_name);
        if (e == NULL)
            mof_fail(ctx, item->type_pos,
                     "unknown type '%s': expected a CIM type (boolean, sint8, uint8, sint16, uint16, sint32, uint32, "
                     "sint64, uint64, real32, real64, char16, string, datetime) or the name of a class defined above",
                     item->type_name);
        if (!e->complete)
            mof_fail(ctx, item->type_pos, "class '%s' cannot embed itself", e->name);
        if (e->data.members.count == 0)
            mof_fail(ctx, item->type_pos, "class '%s' has no data items (WmiDataId properties) and cannot be embedded",
                     e->name);
        item->embedded = e;
    }
    if (item->size_is != NULL && item->array == MOF_ARRAY_NONE)
        mof_fail(ctx, mof_find_qualifier(q, "WmiSizeIs")->pos,
                 "WmiSizeIs is only valid on an array: declare '%s' as '%s[]'", item->name, item->name);
    if (item->max_len != 0 && item->type != MOF_T_STRING)
        mof_fail(ctx, mof_find_qualifier(q, "MaxLen")->pos, "MaxLen is only valid on a string property");
}

/* Element size and alignment; sets item->variable for variable-length items. */
static void size_item(mof_context *ctx, mof_item *item)
{
    uint64_t elem = 0, align = 1;
    int elem_variable = 0;
    switch (item->type) {
    case MOF_T_STRING:
        elem_variable = 1;
        align = 2; /* counted UTF-16: USHORT length, then the characters */
        break;
    case MOF_T_DATETIME:
        elem = 50; /* 25 UTF-16 characters, no count */
        align = 2;
        break;
    case MOF_T_OBJECT:
        align = item->embedded->data.align;
        if (item->embedded->data.fixed)
            elem = item->embedded->data.c_sizeof;
        else
            elem_variable = 1;
        break;
    default:
        elem = scalar_size(item->type);
        align = elem;
        break;
    }
    item->variable = elem_variable || item->array == MOF_ARRAY_VARIABLE;
    item->align = align;
    item->elem_size = elem_variable ? 0 : elem;
    item->size = 0;
    if (!item->variable) {
        uint64_t count = item->array == MOF_ARRAY_FIXED ? item->count : 1;
        item->size = elem * count;
        if (item->size > MOF_MAX_BLOCK)
            mof_fail(ctx, item->pos, "'%s' is too large (%llu bytes; a WMI data block holds at most %u)", item->name,
                     (unsigned long long)item->size, MOF_MAX_BLOCK);
    }
}

static int compare_ids(const void *a, const void *b)
{
    const mof_item *x = *(mof_item *const *)a, *y = *(mof_item *const *)b;
    return x->id < y->id ? -1 : x->id > y->id ? 1 : 0;
}

/*
 * Sorts `members` by id, checks that ids run 1..n (what = "WmiDataId" or
 * "parameter id"), resolves WmiSizeIs and computes the layout.
 */
static void layout_struct(mof_context *ctx, mof_layout *l, const char *owner_kind, const char *owner, mof_pos owner_pos,
                          const char *id_name, int contiguous)
{
    mof_items *m = &l->members;
    if (m->count > 1)
        qsort(m->items, m->count, sizeof(m->items[0]), compare_ids);
    for (size_t i = 0; i < m->count; i++) {
        if (i > 0 && m->items[i]->id == m->items[i - 1]->id)
            mof_fail(ctx, m->items[i]->pos, "%s(%lu) of '%s' is already used by '%s'", id_name,
                     (unsigned long)m->items[i]->id, m->items[i]->name, m->items[i - 1]->name);
    }
    for (size_t i = 0; contiguous && i < m->count; i++) {
        if (m->items[i]->id != i + 1)
            mof_fail(ctx, owner_pos, "the %s values of %s '%s' must be 1, 2, 3, ... without gaps: none is %lu", id_name,
                     owner_kind, owner, (unsigned long)(i + 1));
    }
    /* WmiSizeIs */
    for (size_t i = 0; i < m->count; i++) {
        mof_item *item = m->items[i];
        if (item->array == MOF_ARRAY_VARIABLE && item->size_is == NULL)
            mof_fail(ctx, item->pos,
                     "variable-length array '%s' needs a WmiSizeIs(\"<property>\") qualifier naming the property that "
                     "holds its element count",
                     item->name);
        if (item->size_is == NULL)
            continue;
        mof_item *count = NULL;
        for (size_t j = 0; j < m->count; j++)
            if (kt_strcasecmp(m->items[j]->name, item->size_is) == 0)
                count = m->items[j];
        mof_pos qpos = mof_find_qualifier(&item->qualifiers, "WmiSizeIs")->pos;
        if (count == NULL)
            mof_fail(ctx, qpos, "WmiSizeIs(\"%.100s\") of '%s': %s '%s' has no such data item", item->size_is,
                     item->name, owner_kind, owner);
        if (count == item || count->id > item->id)
            mof_fail(ctx, qpos, "WmiSizeIs(\"%.100s\") of '%s' must name an item with a lower %s", item->size_is,
                     item->name, id_name);
        if (!is_integer_type(count->type) || count->array != MOF_ARRAY_NONE)
            mof_fail(ctx, qpos, "WmiSizeIs(\"%.100s\") of '%s' must name an integer item, not %s%s", item->size_is,
                     item->name, mof_type_name(count->type), count->array != MOF_ARRAY_NONE ? " array" : "");
        item->size_is_item = count;
    }
    /* Offsets */
    uint64_t offset = 0, align = 1;
    l->fixed = 1;
    l->first_variable = m->count;
    for (size_t i = 0; i < m->count; i++) {
        mof_item *item = m->items[i];
        if (!l->fixed) {
            item->has_offset = 0;
            continue;
        }
        if (item->variable) {
            l->fixed = 0;
            l->first_variable = i;
            item->has_offset = 1;
            item->offset = align_up(offset, item->align);
            continue;
        }
        offset = align_up(offset, item->align);
        item->has_offset = 1;
        item->offset = offset;
        offset += item->size;
        if (item->align > align)
            align = item->align;
        if (offset > MOF_MAX_BLOCK)
            mof_fail(ctx, owner_pos, "%s '%s' is too large (more than %u bytes)", owner_kind, owner, MOF_MAX_BLOCK);
    }
    l->size = offset;
    l->align = align;
    l->c_sizeof = m->count == 0 ? 0 : align_up(l->fixed ? offset : offset + 1, align);
}

static void check_method(mof_context *ctx, const mof_file *file, size_t class_index, mof_class *c, mof_method *m)
{
    const mof_qualifier *idq = mof_find_qualifier(&m->qualifiers, "WmiMethodId");
    if (idq == NULL)
        mof_fail(ctx, m->pos, "method '%s' of class '%s' has no WmiMethodId qualifier", m->name, c->name);
    m->id = qual_uint(ctx, &m->qualifiers, "WmiMethodId", 1, 0x7FFFFFFF);
    m->description = qual_string(ctx, &m->qualifiers, "Description");
    m->implemented = qual_flag(ctx, &m->qualifiers, "Implemented");
    m->c_name = header_name(ctx, &m->qualifiers, m->name);
    check_c_name(ctx, m->pos, m->c_name, 0);
    if (!c->has_guid)
        mof_fail(ctx, m->pos, "class '%s' has methods but no guid qualifier: a method block needs a guid", c->name);
    for (size_t i = 0; i < m->params.count; i++) {
        mof_item *param = m->params.items[i];
        check_item(ctx, file, class_index, param, 1);
        if (!param->in && !param->out)
            mof_fail(ctx, param->pos, "parameter '%s' of method '%s' must be [in], [out] or [in, out]", param->name,
                     m->name);
        for (size_t j = 0; j < i; j++)
            if (kt_strcasecmp(m->params.items[j]->name, param->name) == 0)
                mof_fail(ctx, param->pos, "method '%s' has two parameters named '%s'", m->name, param->name);
        size_item(ctx, param);
    }
    /* Ids: the [in] parameters in order, then the [out]-only ones. */
    uint32_t next_id = 1;
    for (size_t i = 0; i < m->params.count; i++)
        if (m->params.items[i]->in)
            m->params.items[i]->id = next_id++;
    for (size_t i = 0; i < m->params.count; i++)
        if (!m->params.items[i]->in)
            m->params.items[i]->id = next_id++;
    size_t in_count = 0, out_count = 0;
    for (size_t i = 0; i < m->params.count; i++) {
        in_count += m->params.items[i]->in != 0;
        out_count += m->params.items[i]->out != 0;
    }
    size_t len = strlen(m->c_name);
    m->in_name = mof_alloc(ctx, len + 5);
    m->out_name = mof_alloc(ctx, len + 5);
    snprintf(m->in_name, len + 5, "%s_IN", m->c_name);
    snprintf(m->out_name, len + 5, "%s_OUT", m->c_name);
    m->in.struct_name = m->in_name;
    m->out.struct_name = m->out_name;
    m->in.members.items = mof_alloc(ctx, (in_count + 1) * sizeof(mof_item *));
    m->out.members.items = mof_alloc(ctx, (out_count + 1) * sizeof(mof_item *));
    for (size_t i = 0; i < m->params.count; i++) {
        mof_item *param = m->params.items[i];
        if (param->in)
            m->in.members.items[m->in.members.count++] = param;
        if (param->out)
            m->out.members.items[m->out.members.count++] = param;
    }
    /* An [in, out] parameter keeps its [in] id, so the _OUT ids need not start at 1. */
    if (m->in.members.count > 0)
        layout_struct(ctx, &m->in, "method", m->name, m->pos, "parameter id", 0);
    if (m->out.members.count > 0)
        layout_struct(ctx, &m->out, "method", m->name, m->pos, "parameter id", 0);
}

static void check_class(mof_context *ctx, mof_file *file, size_t index)
{
    mof_class *c = file->classes[index];
    mof_class *dup = find_class(file, index, c->name);
    if (dup != NULL)
        mof_fail(ctx, c->name_pos, "class '%s' is already defined at line %u", c->name, dup->name_pos.line);
    if (kt_strcasecmp(c->name, "WMIEvent") == 0)
        mof_fail(ctx, c->name_pos, "class name 'WMIEvent' is reserved for the base class of WMI events");
    c->struct_name = header_name(ctx, &c->qualifiers, c->name);
    check_c_name(ctx, c->name_pos, c->struct_name, 0);
    c->description = qual_string(ctx, &c->qualifiers, "Description");
    parse_guid(ctx, c);
    (void)qual_string(ctx, &c->qualifiers, "Provider");
    (void)qual_string(ctx, &c->qualifiers, "locale");
    (void)qual_uint(ctx, &c->qualifiers, "WmiExpense", 0, 0x7FFFFFFF);
    (void)qual_flag(ctx, &c->qualifiers, "Dynamic");
    (void)qual_flag(ctx, &c->qualifiers, "WMI");

    if (c->base_name != NULL) {
        if (kt_strcasecmp(c->base_name, "WMIEvent") == 0) {
            c->is_event = 1;
        } else {
            c->base = find_class(file, index, c->base_name);
            if (c->base == NULL)
                mof_fail(ctx, c->name_pos,
                         "base class '%s' of '%s' is not defined: expected WMIEvent or a class defined above",
                         c->base_name, c->name);
            c->is_event = c->base->is_event;
        }
    }

    /* Own properties. */
    for (size_t i = 0; i < c->properties.count; i++) {
        mof_item *prop = c->properties.items[i];
        check_item(ctx, file, index, prop, 0);
        if (mof_find_qualifier(&prop->qualifiers, "in") || mof_find_qualifier(&prop->qualifiers, "out"))
            mof_fail(ctx, prop->pos, "[in] and [out] are for method parameters, not for property '%s'", prop->name);
        if (prop->id == 0) {
            if ((kt_strcasecmp(prop->name, "InstanceName") == 0 && prop->type == MOF_T_STRING &&
                 prop->array == MOF_ARRAY_NONE) ||
                (kt_strcasecmp(prop->name, "Active") == 0 && prop->type == MOF_T_BOOLEAN &&
                 prop->array == MOF_ARRAY_NONE)) {
                prop->excluded = 1;
            } else {
                mof_fail(ctx, prop->pos, "property '%s' of class '%s' has no WmiDataId qualifier", prop->name,
                         c->name);
            }
        }
        size_item(ctx, prop);
    }

    /* All properties: inherited first. */
    size_t base_count = c->base ? c->base->all_properties.count : 0;
    c->all_properties.items = mof_alloc(ctx, (base_count + c->properties.count + 1) * sizeof(mof_item *));
    for (size_t i = 0; i < base_count; i++)
        c->all_properties.items[c->all_properties.count++] = c->base->all_properties.items[i];
    for (size_t i = 0; i < c->properties.count; i++) {
        mof_item *prop = c->properties.items[i];
        for (size_t j = 0; j < c->all_properties.count; j++)
            if (kt_strcasecmp(c->all_properties.items[j]->name, prop->name) == 0)
                mof_fail(ctx, prop->pos, "class '%s' already has a property named '%s'%s", c->name, prop->name,
                         j < base_count ? " (inherited)" : "");
        c->all_properties.items[c->all_properties.count++] = prop;
    }

    /* Data members: everything with an id. Inherited items are copied, so
     * that their offsets are this class's. */
    c->data.struct_name = c->struct_name;
    c->data.members.items = mof_alloc(ctx, (c->all_properties.count + 1) * sizeof(mof_item *));
    for (size_t i = 0; i < c->all_properties.count; i++) {
        mof_item *prop = c->all_properties.items[i];
        if (prop->excluded)
            continue;
        if (i < base_count) {
            mof_item *copy = mof_alloc(ctx, sizeof(*copy));
            *copy = *prop;
            prop = copy;
        }
        c->data.members.items[c->data.members.count++] = prop;
    }
    layout_struct(ctx, &c->data, "class", c->name, c->name_pos, "WmiDataId", 1);

    /* Methods. */
    for (size_t i = 0; i < c->method_count; i++) {
        mof_method *m = c->methods[i];
        for (size_t j = 0; j < i; j++) {
            if (kt_strcasecmp(c->methods[j]->name, m->name) == 0)
                mof_fail(ctx, m->pos, "class '%s' already has a method named '%s'", c->name, m->name);
        }
        check_method(ctx, file, index, c, m);
        for (size_t j = 0; j < i; j++)
            if (c->methods[j]->id == m->id)
                mof_fail(ctx, m->pos, "WmiMethodId(%lu) of method '%s' is already used by method '%s'",
                         (unsigned long)m->id, m->name, c->methods[j]->name);
    }
    c->complete = 1;
}

/* Every C name the header defines at file scope, to report collisions. */
typedef struct c_name {
    const char *name;
    const char *what;  /* "class", "method", ... */
    const char *owner; /* MOF name */
    mof_pos pos;
} c_name;

static void add_name(mof_context *ctx, c_name **names, size_t *count, const char *name, const char *what,
                     const char *owner, mof_pos pos)
{
    for (size_t i = 0; i < *count; i++) {
        if (strcmp((*names)[i].name, name) == 0)
            mof_fail(ctx, pos,
                     "the generated header would define '%s' twice: for %s '%s' and for %s '%s' (rename one with "
                     "HeaderName)",
                     name, (*names)[i].what, (*names)[i].owner, what, owner);
    }
    c_name *grown = mof_alloc(ctx, (*count + 1) * sizeof(c_name));
    if (*count > 0)
        memcpy(grown, *names, *count * sizeof(c_name));
    grown[*count].name = name;
    grown[*count].what = what;
    grown[*count].owner = owner;
    grown[*count].pos = pos;
    *names = grown;
    (*count)++;
}

void mof_check(mof_context *ctx, mof_file *file)
{
    for (size_t i = 0; i < file->class_count; i++)
        check_class(ctx, file, i);

    c_name *names = NULL;
    size_t count = 0;
    for (size_t i = 0; i < file->class_count; i++) {
        mof_class *c = file->classes[i];
        if (c->data.members.count > 0 || c->has_guid)
            add_name(ctx, &names, &count, c->struct_name, "class", c->name, c->name_pos);
        for (size_t j = 0; j < c->method_count; j++) {
            mof_method *m = c->methods[j];
            size_t n = strlen(c->name) + strlen(m->name) + 2;
            char *owner = mof_alloc(ctx, n);
            snprintf(owner, n, "%s.%s", c->name, m->name);
            add_name(ctx, &names, &count, m->c_name, "method", owner, m->pos);
            if (m->in.members.count > 0)
                add_name(ctx, &names, &count, m->in_name, "method", owner, m->pos);
            if (m->out.members.count > 0)
                add_name(ctx, &names, &count, m->out_name, "method", owner, m->pos);
        }
    }
}
