/*
 * verifier_internal.h - the one place inside kmdfsim where driver bugs are
 * reported. Every module calls kmdfsim_verify_fail() / kmdfsim_verify_warn()
 * instead of printing or aborting itself.
 */
#ifndef KMDFSIM_VERIFIER_INTERNAL_H_
#define KMDFSIM_VERIFIER_INTERNAL_H_

#include <kmdfsim/verifier.h>

#if defined(__GNUC__) || defined(__clang__)
#define KMDFSIM_PRINTF_LIKE(fmt_index, first_arg) __attribute__((format(printf, fmt_index, first_arg)))
#else
#define KMDFSIM_PRINTF_LIKE(fmt_index, first_arg)
#endif

/*
 * Builds a report from a printf-style message (standard C format rules, not
 * the kernel's) and hands it to the installed handler. `file` may be NULL.
 * Returns normally when the handler returns; callers then take the
 * documented failure path.
 */
void kmdfsim_verifier_emit(kmdfsim_verifier_severity severity, const char *rule, const char *where, const void *handle,
                           const char *file, unsigned long line, const char *format, ...) KMDFSIM_PRINTF_LIKE(7, 8);

#define kmdfsim_verify_fail(rule, where, handle, ...) \
    kmdfsim_verifier_emit(KMDFSIM_VERIFIER_ERROR, (rule), (where), (handle), NULL, 0, __VA_ARGS__)
#define kmdfsim_verify_warn(rule, where, handle, ...) \
    kmdfsim_verifier_emit(KMDFSIM_VERIFIER_WARNING, (rule), (where), (handle), NULL, 0, __VA_ARGS__)

#endif /* KMDFSIM_VERIFIER_INTERNAL_H_ */
