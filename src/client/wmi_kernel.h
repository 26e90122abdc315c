/*
 * wmi_kernel.h - the simulated WMI kernel component: what sits between WMI
 * consumers and drivers on Windows.
 *
 * It keeps one registration record per device that called
 * IoWMIRegistrationControl(REGISTER), refreshed from the device's
 * IRP_MN_REGINFO_EX answer on REGISTER and UPDATE_GUIDS (synchronously, on
 * the calling thread: see docs/differences-from-kmdf.md), and receives
 * events from IoWMIWriteEvent. These are the entry points the rest of
 * kmdfsim and its tests use; the component's own files share
 * client/wmi_client.h.
 */
#ifndef KMDFSIM_CLIENT_WMI_KERNEL_H_
#define KMDFSIM_CLIENT_WMI_KERNEL_H_

#include <kmdfsim/kmdfsim.h>
#include <wdm.h>

/* The harness device is being freed (driver unload): its record and provider id go with it. */
void kmdfsim_wmi_kernel_forget(const kmdfsim_device *device);

/* Counters one device's registration calls produced (for tests of §2.5). */
typedef struct kmdfsim_wmi_registration_stats {
    BOOLEAN registered;
    ULONG register_calls;
    ULONG update_calls;
    ULONG deregister_calls;
    ULONG reginfo_queries; /* IRP_MN_REGINFO_EX requests sent */
} kmdfsim_wmi_registration_stats;

void kmdfsim_wmi_kernel_registration_stats(const kmdfsim_device *device, kmdfsim_wmi_registration_stats *stats);

/*
 * Copies the device's last REGINFO_EX answer into `buffer` (up to `size`
 * bytes); returns its full size, 0 when the device is not registered.
 */
ULONG kmdfsim_wmi_kernel_reginfo(const kmdfsim_device *device, void *buffer, ULONG size);

/* Receives each event WNODE IoWMIWriteEvent accepts (NULL: events are dropped after validation). */
typedef void (*kmdfsim_wmi_event_hook)(const WNODE_HEADER *event, void *context);
void kmdfsim_wmi_kernel_set_event_hook(kmdfsim_wmi_event_hook hook, void *context);

#endif /* KMDFSIM_CLIENT_WMI_KERNEL_H_ */
