/*
 * kmdfsim_test.h - helpers shared by kmdfsim's own cmocka tests.
 *
 * Include after <cmocka.h>. Each test file gets its own g_log: the verifier
 * reports made while capture_reports() is in force, so a test can assert on
 * them (and teardown can insist there were none it did not expect).
 */
#ifndef KMDFSIM_TEST_SUPPORT_H_
#define KMDFSIM_TEST_SUPPORT_H_

#include <kmdfsim/kmdfsim.h>
#include <stdio.h>
#include <string.h>

static kmdfsim_verifier_log g_log;

/* Starts recording verifier reports into g_log (clearing it); nothing aborts meanwhile. */
static inline void capture_reports(void)
{
    memset(&g_log, 0, sizeof(g_log));
    kmdfsim_set_verifier_handler(kmdfsim_verifier_log_handler, &g_log);
}

/* Back to the default handler (print, abort on errors). */
static inline void release_reports(void) { kmdfsim_set_verifier_handler(NULL, NULL); }

/* The same as cmocka setup/teardown functions. */
static inline int capture_reports_setup(void **state)
{
    (void)state;
    capture_reports();
    return 0;
}

static inline int release_reports_teardown(void **state)
{
    (void)state;
    release_reports();
    return 0;
}

/*
 * Renders `n` UTF-16 units as ASCII with \uXXXX escapes, for readable string
 * assertions. Four rotating buffers, so one assertion can compare two results.
 */
static inline const char *escape_utf16(const WCHAR *w, size_t n)
{
    static char out[4][2048];
    static int slot;
    char *o = out[slot++ & 3];
    size_t k = 0;
    for (size_t i = 0; i < n && k + 8 < sizeof(out[0]); i++) {
        unsigned u = (USHORT)w[i];
        if (u >= 0x20 && u < 0x7F && u != '\\')
            o[k++] = (char)u;
        else
            k += (size_t)snprintf(o + k, sizeof(out[0]) - k, "\\u%04X", u);
    }
    o[k] = '\0';
    return o;
}

/* Fails with the last report's text, so an unexpected report explains itself. */
#define assert_no_reports()                                                                                 \
    do {                                                                                                    \
        if (g_log.count != 0)                                                                               \
            fail_msg("%lu verifier report(s); last: [%s] in %s: %s", g_log.count, g_log.last_rule,          \
                     g_log.last_where, g_log.last_message);                                                 \
    } while (0)

#endif /* KMDFSIM_TEST_SUPPORT_H_ */
