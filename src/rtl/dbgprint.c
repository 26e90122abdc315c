/*
 * dbgprint.c - DbgPrint and friends, RtlAssert and DbgBreakPoint.
 *
 * Messages are formatted with the kernel dialect (rtl/format.c) and handed
 * to the log sink (kmdfsim/log.h) with their component and level. kmdfsim
 * does no component filtering of its own: every message reaches the sink,
 * which decides what to show. DbgPrint is DbgPrintEx(DPFLTR_DEFAULT_ID,
 * DPFLTR_INFO_LEVEL, ...), as documented.
 *
 * Length: the documentation says one DbgPrint call transmits at most 512
 * bytes. kmdfsim keeps a 512-byte buffer, i.e. at most 511 bytes of text
 * (prefix included for vDbgPrintExWithPrefix) plus the terminator, and
 * drops the rest silently like the kernel. A UTF-8 sequence cut by that
 * limit is removed whole so the sink always sees valid UTF-8.
 */
#include <wdm.h>

#include <kmdfsim/log.h>
#include <string.h>

#include "rtl/format.h"
#include "verifier/verifier_internal.h"

#define DBGPRINT_BUFFER_BYTES 512

/* Length of the longest prefix of s[0..n) that does not end inside a UTF-8 sequence. */
static size_t utf8_whole_prefix(const char *s, size_t n)
{
    size_t i = n;
    size_t trail = 0;
    while (i > 0 && trail < 3 && ((unsigned char)s[i - 1] & 0xC0u) == 0x80u) {
        i--;
        trail++;
    }
    if (i == 0)
        return n;
    unsigned char lead = (unsigned char)s[i - 1];
    size_t expected = lead >= 0xF0u ? 4 : lead >= 0xE0u ? 3 : lead >= 0xC0u ? 2 : 1;
    return (expected > 1 && trail + 1 < expected) ? i - 1 : n;
}

/*
 * Formats `prefix` (may be NULL) followed by the message into one bounded
 * buffer and emits it. Returns the status the DbgPrint family returns.
 */
static ULONG print_message(const char *where, const char *prefix, ULONG component, ULONG level, const char *format,
                           va_list args)
{
    if (format == NULL) {
        kmdfsim_verify_fail("NULL_POINTER", where, NULL, "Format is NULL");
        return (ULONG)STATUS_INVALID_PARAMETER;
    }
    char text[DBGPRINT_BUFFER_BYTES];
    const size_t limit = sizeof(text) - 1;
    size_t used = 0;
    if (prefix != NULL) {
        used = strlen(prefix);
        if (used > limit)
            used = limit;
        memcpy(text, prefix, used);
    }
    kmdfsim_fmt_result r;
    kmdfsim_rtl_vformat(FALSE, text + used, limit - used, format, args, where, &r);
    size_t total = used + r.stored;
    if (used + r.needed > limit)
        total = utf8_whole_prefix(text, total);
    text[total] = '\0';
    kmdfsim_log_emit(KMDFSIM_LOG_DBGPRINT, component, level, text);
    return r.refused ? (ULONG)STATUS_INVALID_PARAMETER : (ULONG)STATUS_SUCCESS;
}

ULONG __cdecl DbgPrint(PCSTR Format, ...)
{
    va_list args;
    va_start(args, Format);
    ULONG status = print_message("DbgPrint", NULL, DPFLTR_DEFAULT_ID, DPFLTR_INFO_LEVEL, Format, args);
    va_end(args);
    return status;
}

ULONG __cdecl DbgPrintEx(ULONG ComponentId, ULONG Level, PCSTR Format, ...)
{
    va_list args;
    va_start(args, Format);
    ULONG status = print_message("DbgPrintEx", NULL, ComponentId, Level, Format, args);
    va_end(args);
    return status;
}

ULONG NTAPI vDbgPrintEx(ULONG ComponentId, ULONG Level, PCCH Format, va_list arglist)
{
    return print_message("vDbgPrintEx", NULL, ComponentId, Level, Format, arglist);
}

ULONG NTAPI vDbgPrintExWithPrefix(PCCH Prefix, ULONG ComponentId, ULONG Level, PCCH Format, va_list arglist)
{
    return print_message("vDbgPrintExWithPrefix", Prefix, ComponentId, Level, Format, arglist);
}

/* A driver's breakpoint: kmdfsim has no debugger to break into, so it warns and continues. */
VOID NTAPI DbgBreakPoint(VOID)
{
    kmdfsim_verify_warn("DBG_BREAKPOINT", "DbgBreakPoint", NULL, "the driver hit a breakpoint; execution continues");
}

/*
 * ASSERT/ASSERTMSG land here: one verifier error carrying the file and line,
 * with the expression text and, for ASSERTMSG, the message in parentheses.
 */
VOID NTAPI RtlAssert(PVOID VoidFailedAssertion, PVOID VoidFileName, ULONG LineNumber, PSTR MutableMessage)
{
    const char *expression = VoidFailedAssertion != NULL ? (const char *)VoidFailedAssertion : "(null)";
    const char *file = (const char *)VoidFileName;
    if (MutableMessage != NULL)
        kmdfsim_verifier_emit(KMDFSIM_VERIFIER_ERROR, "ASSERTION_FAILED", "ASSERT", NULL, file, LineNumber, "%s (%s)",
                              expression, MutableMessage);
    else
        kmdfsim_verifier_emit(KMDFSIM_VERIFIER_ERROR, "ASSERTION_FAILED", "ASSERT", NULL, file, LineNumber, "%s",
                              expression);
}
