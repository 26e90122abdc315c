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

/* Fails with the last report's text, so an unexpected report explains itself. */
#define assert_no_reports()                                                                                 \
    do {                                                                                                    \
        if (g_log.count != 0)                                                                               \
            fail_msg("%lu verifier report(s); last: [%s] in %s: %s", g_log.count, g_log.last_rule,          \
                     g_log.last_where, g_log.last_message);                                                 \
    } while (0)

#endif /* KMDFSIM_TEST_SUPPORT_H_ */
