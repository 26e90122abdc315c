/*
 * dispatcher.h - the simulated kernel's dispatcher lock.
 *
 * KEVENT and friends keep their Windows size (drivers embed them in device
 * contexts), which leaves no room for an OS condition variable inside them.
 * As in the NT kernel, one dispatcher lock guards every dispatcher object's
 * signal state and one condition wakes waiters, who re-check their object.
 */
#ifndef KMDFSIM_KERNEL_DISPATCHER_H_
#define KMDFSIM_KERNEL_DISPATCHER_H_

#include <wdm.h>

#include "platform/platform.h"

void kmdfsim_dispatcher_lock(void);
void kmdfsim_dispatcher_unlock(void);
/* Wakes every thread blocked in kmdfsim_dispatcher_wait (lock held). */
void kmdfsim_dispatcher_wake_all(void);
/*
 * Waits (lock held; released while blocked) until woken or until the
 * monotonic clock passes `deadline_ns` (0 = no deadline). Returns 0 once the
 * deadline has passed, 1 otherwise.
 */
int kmdfsim_dispatcher_wait(uint64_t deadline_ns);

/*
 * Converts a kernel timeout (NULL = infinite, negative = relative 100-ns
 * units, positive = absolute system time) to a monotonic deadline in ns;
 * 0 means "no deadline". *poll is set when the timeout is zero.
 */
uint64_t kmdfsim_timeout_to_deadline(const LARGE_INTEGER *timeout, BOOLEAN *poll);

#endif /* KMDFSIM_KERNEL_DISPATCHER_H_ */
