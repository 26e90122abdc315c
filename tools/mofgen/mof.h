/*
 * mof.h - kmdfsim-mofgen's MOF compiler: the parsed model of a WMI driver's
 * .mof file, its checks and layout, and the two outputs (the C header in
 * the `wmimofck -h` format, and a JSON description of the classes).
 *
 * Everything works on memory: mof_compile() takes the MOF text and fills
 * two text buffers, or fills `error` with one message of the form
 *   <file>:<line>:<column>: error: <what was expected / what is wrong>
 * and produces nothing else. main.c writes the files; fuzz_mof.c feeds it
 * arbitrary bytes.
 */
#ifndef KMDFSIM_MOF_H_
#define KMDFSIM_MOF_H_

#include "kt_buf.h"

#include <stddef.h>
#include <stdint.h>

typedef struct mof_options {
    const char *mof_name;    /* file name used in messages and in the JSON ("firefly.mof") */
    const char *header_name; /* base name of the header ("fireflymof.h"): include guard, JSON */
} mof_options;

typedef struct mof_outputs {
    kt_buf header;
    kt_buf json;
} mof_outputs;

/*
 * Compiles `length` bytes of MOF text (need not be NUL-terminated). Returns 0
 * and fills `out` (which the caller initialises with kt_buf_init and frees),
 * or returns -1 with the message in `error` and `out` left empty.
 */
int mof_compile(const char *text, size_t length, const mof_options *options, mof_outputs *out, kt_buf *error);

/* ---- The model (used by the parser, the checker and the emitters) -------- */

typedef struct mof_arena mof_arena;

typedef enum mof_value_kind {
    MOF_VALUE_NONE = 0, /* a qualifier written without a value: [read] means TRUE */
    MOF_VALUE_STRING,
    MOF_VALUE_INTEGER,
    MOF_VALUE_REAL,
    MOF_VALUE_BOOLEAN,
    MOF_VALUE_NULL,
    MOF_VALUE_ARRAY
} mof_value_kind;

typedef struct mof_value {
    mof_value_kind kind;
    const char *text;      /* STRING: decoded UTF-8; REAL: as written */
    uint64_t magnitude;    /* INTEGER: absolute value */
    int negative;          /* INTEGER */
    int boolean;           /* BOOLEAN */
    struct mof_value *items; /* ARRAY */
    size_t item_count;
} mof_value;

typedef struct mof_pos {
    unsigned line, column;
} mof_pos;

typedef struct mof_qualifier {
    const char *name;
    mof_value value;
    mof_pos pos;
} mof_qualifier;

typedef struct mof_qualifiers {
    mof_qualifier *items;
    size_t count;
} mof_qualifiers;

typedef enum mof_type {
    MOF_T_BOOLEAN,
    MOF_T_SINT8,
    MOF_T_UINT8,
    MOF_T_SINT16,
    MOF_T_UINT16,
    MOF_T_SINT32,
    MOF_T_UINT32,
    MOF_T_SINT64,
    MOF_T_UINT64,
    MOF_T_REAL32,
    MOF_T_REAL64,
    MOF_T_CHAR16,
    MOF_T_STRING,
    MOF_T_DATETIME,
    MOF_T_OBJECT, /* an embedded class, named by type_name */
    MOF_T_VOID    /* method return type only */
} mof_type;

typedef enum mof_array_kind { MOF_ARRAY_NONE, MOF_ARRAY_FIXED, MOF_ARRAY_VARIABLE } mof_array_kind;

struct mof_class;

/* A property of a class, or a parameter of a method. */
typedef struct mof_item {
    const char *name;
    const char *member;    /* C member name: HeaderName or name */
    mof_type type;
    const char *type_name; /* as written (class name for MOF_T_OBJECT) */
    struct mof_class *embedded;
    mof_array_kind array;
    uint32_t count; /* MOF_ARRAY_FIXED */
    mof_qualifiers qualifiers;
    mof_pos pos, type_pos;

    /* Checked qualifiers. */
    uint32_t id; /* WmiDataId, or the parameter id; 0 = none */
    int key, read, write, in, out;
    const char *description; /* NULL when absent */
    const char *size_is;     /* WmiSizeIs */
    struct mof_item *size_is_item;
    uint32_t max_len; /* MaxLen, 0 = none */
    int excluded;     /* InstanceName / Active: not part of the data block */

    /* Layout (mof_check.c). */
    int variable;       /* the item has no fixed size */
    uint64_t elem_size; /* one element (0 when variable) */
    uint64_t size;      /* whole item (0 when variable) */
    uint64_t align;
    int has_offset;
    uint64_t offset;
} mof_item;

typedef struct mof_items {
    mof_item **items;
    size_t count;
} mof_items;

/* The layout of one generated struct (a data block or a method's _IN/_OUT). */
typedef struct mof_layout {
    const char *struct_name;
    mof_items members; /* in id order */
    int fixed;         /* no variable-length member */
    uint64_t size;     /* the <struct>_SIZE value: end of the last fixed member */
    uint64_t c_sizeof; /* sizeof(struct) */
    uint64_t align;
    size_t first_variable; /* index into members of the VariableData item (== count when fixed) */
} mof_layout;

typedef struct mof_method {
    const char *name;
    const char *c_name; /* HeaderName or name: the #define and the _IN/_OUT prefix */
    mof_type return_type;
    mof_qualifiers qualifiers;
    mof_items params; /* declaration order */
    mof_pos pos;
    uint32_t id;
    const char *description;
    int implemented;
    mof_layout in, out;
    char *in_name, *out_name; /* "<c_name>_IN", "<c_name>_OUT" */
} mof_method;

typedef struct mof_class {
    const char *name;
    const char *struct_name; /* HeaderName or name */
    const char *base_name;   /* NULL when none */
    struct mof_class *base;
    mof_qualifiers qualifiers;
    mof_items properties; /* declaration order, this class's own */
    mof_method **methods;
    size_t method_count;
    mof_pos pos, name_pos;

    int has_guid;
    uint32_t guid_data1;
    uint16_t guid_data2, guid_data3;
    uint8_t guid_data4[8];
    const char *guid_text; /* canonical lower-case "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" */
    const char *description;
    int is_event;
    int complete; /* defined and checked: may be embedded */
    mof_items all_properties; /* base properties first, then own */
    mof_layout data;
} mof_class;

typedef struct mof_pragma {
    const char *name;
    mof_value argument; /* MOF_VALUE_NONE when the pragma has no argument */
    mof_pos pos;
} mof_pragma;

typedef struct mof_file {
    const char *file_name;
    mof_class **classes;
    size_t class_count;
    mof_pragma *pragmas;
    size_t pragma_count;
    const char *namespace_name; /* #pragma namespace, decoded */
} mof_file;

/* ---- Internal interfaces between the compiler's parts ------------------ */

typedef struct mof_context {
    mof_arena *arena;
    const char *file_name;
    kt_buf *error;
    void *jump; /* jmp_buf* of mof_compile: errors unwind to it */
} mof_context;

void *mof_alloc(mof_context *ctx, size_t size); /* zeroed; never NULL */
void mof_arena_free(mof_arena *arena);
char *mof_strdup(mof_context *ctx, const char *text, size_t length);
/* Records "<file>:<line>:<column>: error: <message>" and unwinds to mof_compile. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((noreturn, format(printf, 3, 4)))
#endif
void mof_fail(mof_context *ctx, mof_pos pos, const char *format, ...);

void mof_parse(mof_context *ctx, const char *text, size_t length, mof_file *file);
void mof_check(mof_context *ctx, mof_file *file);
void mof_emit_header(const mof_file *file, const mof_options *options, kt_buf *out);
void mof_emit_json(const mof_file *file, const mof_options *options, kt_buf *out);

const mof_qualifier *mof_find_qualifier(const mof_qualifiers *qualifiers, const char *name);
const char *mof_type_name(mof_type type);   /* "uint32" */
const char *mof_type_c_name(mof_type type); /* "ULONG" */

#endif /* KMDFSIM_MOF_H_ */
