/*
 * kmdfsim/wmi_irp.h - sending a raw WMI request (IRP_MJ_SYSTEM_CONTROL) to a
 * device, as the WMI kernel component does.
 *
 * Most tests use the client APIs (wmium.h, IoWMI*), which build well-formed
 * WNODEs. This lower layer lets a test hand the device's WMI handler exactly
 * the bytes it wants (a truncated WNODE, a missing flag, a stale index) and
 * see exactly what KMDF answers: the final status, IoStatus.Information, the
 * bytes written back, and whether the request was passed down unhandled.
 */
#ifndef KMDFSIM_WMI_IRP_H_
#define KMDFSIM_WMI_IRP_H_

#include <wdm.h>

#ifdef __cplusplus
extern "C" {
#endif

struct kmdfsim_device;

typedef struct kmdfsim_wmi_irp {
    UCHAR minor_function;   /* IRP_MN_QUERY_ALL_DATA ... IRP_MN_REGINFO_EX */
    ULONG_PTR provider_id;  /* Parameters.WMI.ProviderId: the target DEVICE_OBJECT as an integer;
                               0 means "this device's FDO" */
    PVOID data_path;        /* GUID* for data requests; (PVOID)WMIREGISTER or WMIUPDATE for REGINFO */
    ULONG buffer_size;      /* Parameters.WMI.BufferSize */
    PVOID buffer;           /* in/out WNODE; the request works on a private copy and writes
                               back at most buffer_size bytes */
    IO_STATUS_BLOCK io_status; /* set by the sender before (KMDF leaves it untouched on some
                                  paths), written at completion */
    BOOLEAN forwarded;      /* out: KMDF did not handle it and passed it down the stack */
} kmdfsim_wmi_irp;

/*
 * Dispatches `irp` to the device's WMI handler at PASSIVE_LEVEL and returns
 * the status the dispatch routine returns. A device that is removed answers
 * STATUS_DELETE_PENDING (its remove lock is gone).
 */
NTSTATUS kmdfsim_wmi_send_irp(struct kmdfsim_device *device, kmdfsim_wmi_irp *irp);

#ifdef __cplusplus
}
#endif

#endif /* KMDFSIM_WMI_IRP_H_ */
