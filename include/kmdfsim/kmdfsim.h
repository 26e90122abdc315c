/*
 * kmdfsim/kmdfsim.h - the kmdfsim harness API (umbrella header).
 *
 * kmdfsim runs a KMDF driver's WMI code in user space. The WDK headers
 * (ntddk.h, wdf.h, ...) are what the driver compiles against; this header and
 * the others under kmdfsim/ are what a test uses to drive and observe it.
 * Every name here starts with kmdfsim_.
 */
#ifndef KMDFSIM_KMDFSIM_H_
#define KMDFSIM_KMDFSIM_H_

#include <kmdfsim/clock.h>
#include <kmdfsim/log.h>
#include <kmdfsim/pool.h>
#include <kmdfsim/status.h>
#include <kmdfsim/verifier.h>

#define KMDFSIM_VERSION_MAJOR 0
#define KMDFSIM_VERSION_MINOR 1
#define KMDFSIM_VERSION_PATCH 0

#endif /* KMDFSIM_KMDFSIM_H_ */
