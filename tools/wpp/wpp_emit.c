/*
 * wpp_emit.c - writes kmdfsim's .tmh: the trace message header a driver
 * source includes after its trace header.
 *
 * For each configured FUNC the .tmh defines a macro that expands the way
 * tracewpp's does:
 *
 *   WPP_<conds>_PRE(<cond args>)                         if the driver defines it
 *   ((<enabled>) ? kmdfsim_wpp_trace(...) : (void)0)     the message
 *   WPP_<conds>_POST(<cond args>)                        if the driver defines it
 *
 * where <conds> joins the names of the FUNC's non-message parameters with
 * '_' (fixed {K=V} ones first, then the positional ones), and <enabled> is
 * the driver's WPP_<conds>_ENABLED(...) if it defines one, otherwise
 * kmdfsim's level/flags check. Which of the driver's macros exist is decided
 * with #ifdef when the .tmh is included (after the trace header, as in the
 * WDK). The message, USEPREFIX and USESUFFIX formats keep their WPP %!...!
 * extensions; kmdfsim_wpp_trace (include/kmdfsim/wpp.h) renders them.
 */
#include "wpp.h"

#include <string.h>

static int looks_numeric_level(const char *value)
{
    while (*value == ' ' || *value == '(')
        value++;
    return (*value >= '0' && *value <= '9') || strncmp(value, "TRACE_LEVEL_", 12) == 0;
}

static int is_identifier(const char *s)
{
    if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || *s == '_'))
        return 0;
    for (; *s; s++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return 0;
    return 1;
}

/* The condition arguments as passed to WPP_<conds>_xxx: fixed values, then the parameter names. */
static void put_cond_args(kt_buf *b, const wpp_func *f)
{
    size_t n = 0;
    for (size_t i = 0; i < f->fixed_values.count; i++, n++)
        kt_buf_printf(b, "%s%s", n ? ", " : "", f->fixed_values.items[i]);
    for (size_t i = 0; i < f->params.count; i++, n++)
        kt_buf_printf(b, "%s%s", n ? ", " : "", f->params.items[i]);
}

/* The parameter list of kmdfsim's helper macros: the parameter names only. */
static void put_param_names(kt_buf *b, const wpp_func *f)
{
    for (size_t i = 0; i < f->params.count; i++)
        kt_buf_printf(b, "%s%s", i ? ", " : "", f->params.items[i]);
}

typedef struct role {
    int fixed;         /* the value is a fixed {K=V} value */
    const char *value; /* fixed value, or the parameter name */
} role;

static int find_role(const wpp_func *f, const char *name, role *r)
{
    for (size_t i = 0; i < f->fixed_names.count; i++) {
        if (strcmp(f->fixed_names.items[i], name) == 0) {
            r->fixed = 1;
            r->value = f->fixed_values.items[i];
            return 1;
        }
    }
    for (size_t i = 0; i < f->params.count; i++) {
        if (strcmp(f->params.items[i], name) == 0) {
            r->fixed = 0;
            r->value = f->params.items[i];
            return 1;
        }
    }
    return 0;
}

/* ULONG flag mask of a WPP bit name: a parameter (pasted) or a fixed name. */
static void put_mask(kt_buf *b, const role *r)
{
    if (r->fixed && is_identifier(r->value))
        kt_buf_printf(b, "KMDFSIM_WPP_MASK_(WPP_BIT_%s)", r->value);
    else if (r->fixed)
        kt_buf_printf(b, "((ULONG)(%s))", r->value);
    else
        kt_buf_printf(b, "KMDFSIM_WPP_MASK_(WPP_BIT_ ## %s)", r->value);
}

static void put_name(kt_buf *b, const role *r)
{
    if (r->fixed) {
        kt_buf_putc(b, '"');
        for (const char *p = r->value; *p; p++) {
            if (*p == '"' || *p == '\\')
                kt_buf_putc(b, '\\');
            kt_buf_putc(b, *p);
        }
        kt_buf_putc(b, '"');
    } else {
        kt_buf_printf(b, "#%s", r->value);
    }
}

/* Level expression, flags expression and flags name of one FUNC. */
static void level_and_flags(const wpp_func *f, kt_buf *level, kt_buf *flags, kt_buf *flags_name)
{
    role lv, fl;
    int has_level = find_role(f, "LEVEL", &lv);
    int has_flags = find_role(f, "FLAGS", &fl) || find_role(f, "FLAG", &fl);
    if (has_flags) {
        put_mask(flags, &fl);
        put_name(flags_name, &fl);
        if (has_level)
            kt_buf_printf(level, "((ULONG)(%s))", lv.value);
        else
            kt_buf_puts(level, "0u");
    } else if (has_level && lv.fixed && looks_numeric_level(lv.value)) {
        kt_buf_printf(level, "((ULONG)(%s))", lv.value);
        kt_buf_puts(flags, "0u");
        kt_buf_puts(flags_name, "\"\"");
    } else if (has_level) {
        /* tracewpp's convention without FLAGS: LEVEL names a flag bit (DoTraceMessage). */
        put_mask(flags, &lv);
        put_name(flags_name, &lv);
        kt_buf_puts(level, "0u");
    } else {
        kt_buf_puts(level, "0u");
        kt_buf_puts(flags, "0u");
        kt_buf_puts(flags_name, "\"\"");
    }
}

static void emit_func(kt_buf *b, const wpp_func *f)
{
    kt_buf conds, level, flags, flags_name;
    kt_buf_init(&conds);
    kt_buf_init(&level);
    kt_buf_init(&flags);
    kt_buf_init(&flags_name);
    size_t n = 0;
    for (size_t i = 0; i < f->fixed_names.count; i++, n++)
        kt_buf_printf(&conds, "%s%s", n ? "_" : "", f->fixed_names.items[i]);
    for (size_t i = 0; i < f->params.count; i++, n++)
        kt_buf_printf(&conds, "%s%s", n ? "_" : "", f->params.items[i]);
    level_and_flags(f, &level, &flags, &flags_name);

    /* The declaration, as a comment. */
    kt_buf_printf(b, "/* FUNC %s", f->name);
    if (f->fixed_names.count) {
        kt_buf_putc(b, '{');
        for (size_t i = 0; i < f->fixed_names.count; i++)
            kt_buf_printf(b, "%s%s=%s", i ? ", " : "", f->fixed_names.items[i], f->fixed_values.items[i]);
        kt_buf_putc(b, '}');
    }
    kt_buf_putc(b, '(');
    put_param_names(b, f);
    if (f->has_msg)
        kt_buf_printf(b, "%sMSG%s", f->params.count ? ", " : "", f->has_varargs ? ", ..." : "");
    kt_buf_printf(b, ")%s */\n", f->builtin ? " - tracewpp's default" : "");

    /* A fixed numeric {LEVEL=...} alone is a level, not a flag name: skip WPP_LEVEL_ENABLED (which pastes WPP_BIT_). */
    role lv;
    int numeric_level_only = strcmp(kt_buf_str(&conds), "LEVEL") == 0 && find_role(f, "LEVEL", &lv) && lv.fixed &&
                             looks_numeric_level(lv.value);
    const char *kinds[3] = {"PRE", "POST", "ENABLED"};
    for (int k = 0; k < 3; k++) {
        int lookup = conds.length > 0 && !(k == 2 && numeric_level_only);
        if (lookup) {
            kt_buf_printf(b, "#ifdef WPP_%s_%s\n", kt_buf_str(&conds), kinds[k]);
            kt_buf_printf(b, "#define KMDFSIM_WPP_%s_%s(", kinds[k], f->name);
            put_param_names(b, f);
            kt_buf_printf(b, ") WPP_%s_%s(", kt_buf_str(&conds), kinds[k]);
            put_cond_args(b, f);
            kt_buf_puts(b, ")\n#else\n");
        }
        kt_buf_printf(b, "#define KMDFSIM_WPP_%s_%s(", kinds[k], f->name);
        put_param_names(b, f);
        kt_buf_putc(b, ')');
        if (k == 2)
            kt_buf_printf(b, " kmdfsim_wpp_enabled(%s, %s)", kt_buf_str(&level), kt_buf_str(&flags));
        kt_buf_putc(b, '\n');
        if (lookup)
            kt_buf_puts(b, "#endif\n");
    }

    /* The trace function itself. */
    kt_buf_printf(b, "#define %s(", f->name);
    put_param_names(b, f);
    if (f->has_msg)
        kt_buf_printf(b, "%s...", f->params.count ? ", " : "");
    kt_buf_puts(b, ") \\\n");
    kt_buf_printf(b, "    KMDFSIM_WPP_PRE_%s(", f->name);
    put_param_names(b, f);
    kt_buf_puts(b, ") \\\n");
    kt_buf_printf(b, "    ((KMDFSIM_WPP_ENABLED_%s(", f->name);
    put_param_names(b, f);
    kt_buf_puts(b, ")) \\\n");
    kt_buf_printf(b, "         ? kmdfsim_wpp_trace(%s, %s, %s, \"%s\", KMDFSIM_WPP_COMPONENT_, __func__, __FILE__, \\\n",
                  kt_buf_str(&level), kt_buf_str(&flags), kt_buf_str(&flags_name), f->name);
    kt_buf_printf(b, "                             __LINE__, %s, %s", f->prefix ? f->prefix : "(const char *)0",
                  f->suffix ? f->suffix : "(const char *)0");
    for (size_t i = 0; i < f->prefix_args.count; i++)
        kt_buf_printf(b, ", %s", f->prefix_args.items[i]);
    if (f->has_msg)
        kt_buf_puts(b, ", __VA_ARGS__");
    else
        kt_buf_puts(b, ", (const char *)0");
    for (size_t i = 0; i < f->suffix_args.count; i++)
        kt_buf_printf(b, ", %s", f->suffix_args.items[i]);
    kt_buf_puts(b, ") \\\n         : (void)0) \\\n");
    kt_buf_printf(b, "    KMDFSIM_WPP_POST_%s(", f->name);
    put_param_names(b, f);
    kt_buf_puts(b, ")\n\n");

    kt_buf_free(&conds);
    kt_buf_free(&level);
    kt_buf_free(&flags);
    kt_buf_free(&flags_name);
}

static const char common_part[] =
    "#include <kmdfsim/wpp.h>\n"
    "\n"
    "#ifndef KMDFSIM_WPP_TMH_COMMON_\n"
    "#define KMDFSIM_WPP_TMH_COMMON_\n"
    "\n"
    "/* Trace flag bits: WPP_BIT_<name> for every WPP_DEFINE_BIT of WPP_CONTROL_GUIDS,\n"
    " * numbered from 1 within blocks of 32 per control GUID, as tracewpp does. */\n"
    "#ifdef WPP_CONTROL_GUIDS\n"
    "#define WPP_DEFINE_CONTROL_GUID(Name, Guid, Bits) \\\n"
    "    WPP_BLOCK_START_##Name, Bits WPP_BLOCK_END_##Name = WPP_BLOCK_START_##Name + 31,\n"
    "#define WPP_DEFINE_BIT(Name) WPP_BIT_##Name,\n"
    "enum kmdfsim_wpp_bits_ { WPP_CONTROL_GUIDS KMDFSIM_WPP_BITS_END_ };\n"
    "#undef WPP_DEFINE_BIT\n"
    "#undef WPP_DEFINE_CONTROL_GUID\n"
    "#endif\n"
    "\n"
    "#define KMDFSIM_WPP_MASK_(bit) ((ULONG)1 << ((ULONG)((bit) - 1) & 31u))\n"
    "#ifndef WPP_MASK\n"
    "#define WPP_MASK(bit) KMDFSIM_WPP_MASK_(bit)\n"
    "#endif\n"
    "#ifndef WPP_FLAG_NO\n"
    "#define WPP_FLAG_NO(bit) ((ULONG)(0xFFFFu & ((bit) - 1)) / 32u)\n"
    "#endif\n"
    "/* The control block of a flag bit: .Level, .Flags[0], .Logger, .AutoLog* */\n"
    "#ifndef WPP_CONTROL\n"
    "#define WPP_CONTROL(bit) (*kmdfsim_wpp_control((ULONG)(bit)))\n"
    "#endif\n"
    "#ifndef WPP_LEVEL_ENABLED\n"
    "#define WPP_LEVEL_ENABLED(flag) kmdfsim_wpp_bit_enabled(WPP_BIT_##flag)\n"
    "#endif\n"
    "#ifndef WPP_LEVEL_LOGGER\n"
    "#define WPP_LEVEL_LOGGER(flag) kmdfsim_wpp_logger(WPP_BIT_##flag)\n"
    "#endif\n"
    "/* The WPP control block the In-flight Recorder API (wpprecorder.h) is passed. */\n"
    "#ifndef WPP_CB\n"
    "#define WPP_CB kmdfsim_wpp_cb()\n"
    "#endif\n"
    "#ifndef WPP_INIT_TRACING\n"
    "#define WPP_INIT_TRACING(...) kmdfsim_wpp_init_tracing(__FILE__, __VA_ARGS__)\n"
    "#endif\n"
    "#ifndef WPP_CLEANUP\n"
    "#define WPP_CLEANUP(...) kmdfsim_wpp_cleanup(__FILE__, __VA_ARGS__)\n"
    "#endif\n"
    "#ifndef WPP_RECORDER_LEVEL_FLAGS_ARGS\n"
    "#define WPP_RECORDER_LEVEL_FLAGS_ARGS(lvl, flags) WPP_CONTROL(WPP_BIT_##flags).AutoLogContext, lvl, WPP_BIT_##flags\n"
    "#endif\n"
    "#ifndef WPP_RECORDER_LEVEL_FLAGS_FILTER\n"
    "#define WPP_RECORDER_LEVEL_FLAGS_FILTER(lvl, flags) \\\n"
    "    ((lvl) < TRACE_LEVEL_VERBOSE || WPP_CONTROL(WPP_BIT_##flags).AutoLogVerboseEnabled)\n"
    "#endif\n"
    "#endif /* KMDFSIM_WPP_TMH_COMMON_ */\n"
    "\n";

void wpp_emit_tmh(const wpp_config *cfg, const char *tmh_name, kt_buf *out)
{
    kt_buf_printf(out, "/* %s - generated by kmdfsim-wpp from", tmh_name);
    for (size_t i = 0; i < cfg->config_files.count; i++)
        kt_buf_printf(out, " %s", cfg->config_files.items[i]);
    kt_buf_puts(out, "; do not edit.\n"
                     " * kmdfsim's trace message header: each configured trace function\n"
                     " * formats its message and hands it to kmdfsim's log sink. */\n");
    kt_buf_puts(out, common_part);
    /* Per-file part: the trace functions (a second .tmh in the same unit redefines them identically). */
    kt_buf_puts(out, "#undef KMDFSIM_WPP_COMPONENT_\n");
    if (cfg->component != NULL)
        kt_buf_printf(out, "#define KMDFSIM_WPP_COMPONENT_ \"%s\"\n\n", cfg->component);
    else
        kt_buf_puts(out, "#define KMDFSIM_WPP_COMPONENT_ \"\"\n\n");
    for (size_t i = 0; i < cfg->func_count; i++) {
        if (cfg->funcs[i].builtin)
            kt_buf_puts(out, "#ifndef DoTraceMessage\n");
        emit_func(out, &cfg->funcs[i]);
        if (cfg->funcs[i].builtin)
            kt_buf_puts(out, "#endif\n\n");
    }
}
