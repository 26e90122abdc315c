/*
 * kmdfsim/status.h - names for status codes, for readable test failures.
 */
#ifndef KMDFSIM_STATUS_H_
#define KMDFSIM_STATUS_H_

#include <ntdef.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The symbolic name of an NTSTATUS ("STATUS_WMI_READ_ONLY"), for every code
 * in ntstatus.h and wdfstatus.h. An unknown code gives its hex form
 * ("0xC0001234") in a per-thread buffer that the next call on the same thread
 * overwrites. Codes that share a value (STATUS_SUCCESS and STATUS_WAIT_0)
 * give the first name ntstatus.h lists.
 */
const char *kmdfsim_status_name(NTSTATUS status);

#ifdef __cplusplus
}
#endif

#endif /* KMDFSIM_STATUS_H_ */
