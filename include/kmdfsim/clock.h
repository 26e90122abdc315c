/*
 * kmdfsim/clock.h - controlling the simulated system time.
 *
 * KeQuerySystemTime (and so the TimeStamp of every WNODE) reads the host's
 * wall clock by default. A test that compares WNODE bytes freezes it.
 */
#ifndef KMDFSIM_CLOCK_H_
#define KMDFSIM_CLOCK_H_

#include <ntdef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* From now on KeQuerySystemTime returns exactly `system_time` (100-ns units since 1601). */
void kmdfsim_clock_freeze(LONGLONG system_time);
/* Back to the host's wall clock. */
void kmdfsim_clock_unfreeze(void);

#ifdef __cplusplus
}
#endif

#endif /* KMDFSIM_CLOCK_H_ */
