/* change_single_instance.c - IRP_MN_CHANGE_SINGLE_INSTANCE (semantics §3.2.3). */
#include "wmi/wmi_internal.h"

#include "kernel/irql.h"
#include "verifier/verifier_internal.h"

/* A set's status as WMI sees it: TOO_SMALL is a set failure, PENDING is a driver bug. */
NTSTATUS kmdfsim_wmi_set_status(NTSTATUS status, kmdfsim_wmi_instance *instance, const char *callback)
{
    if (status == STATUS_PENDING) {
        kmdfsim_verify_fail("CALLBACK_RETURNED_PENDING", callback, instance->object.handle,
                            "WMI callbacks complete synchronously; STATUS_PENDING becomes STATUS_UNSUCCESSFUL");
        return STATUS_UNSUCCESSFUL;
    }
    return status == STATUS_BUFFER_TOO_SMALL ? STATUS_WMI_SET_FAILURE : status;
}

/* TRUE when [offset, offset + size) lies inside the request buffer; reports otherwise. */
BOOLEAN kmdfsim_wmi_data_in_buffer(kmdfsim_wmi_request *request, ULONG offset, ULONG size, const char *minor)
{
    if (offset <= request->buffer_size && size <= request->buffer_size - offset)
        return TRUE;
    /* KMDF trusts these fields (§3.6) and would hand the driver memory past the buffer. */
    kmdfsim_verify_warn("MALFORMED_WNODE", minor, NULL,
                        "data at offset %lu, %lu bytes, does not fit the %lu-byte buffer", (unsigned long)offset,
                        (unsigned long)size, (unsigned long)request->buffer_size);
    return FALSE;
}

NTSTATUS kmdfsim_wmi_change_single_instance(kmdfsim_wmi_request *request)
{
    PWNODE_SINGLE_INSTANCE wnode = (PWNODE_SINGLE_INSTANCE)(void *)request->buffer;
    kmdfsim_wmi_instance *instance = request->instance;
    if (instance->set_instance == NULL)
        return kmdfsim_wmi_complete(request, STATUS_WMI_READ_ONLY, 0);
    ULONG size = wnode->SizeDataBlock;
    if (size < instance->provider->min_instance_buffer_size)
        return kmdfsim_wmi_complete(request, STATUS_WMI_SET_FAILURE, 0);
    if (!kmdfsim_wmi_data_in_buffer(request, wnode->DataBlockOffset, size, "IRP_MN_CHANGE_SINGLE_INSTANCE"))
        return kmdfsim_wmi_complete(request, STATUS_INVALID_PARAMETER, 0);

    kmdfsim_driver *previous = kmdfsim_wmi_enter_driver(instance->provider->handler);
    NTSTATUS status = instance->set_instance((WDFWMIINSTANCE)instance->object.handle, size,
                                             size == 0 ? NULL : request->buffer + wnode->DataBlockOffset);
    kmdfsim_driver_leave(previous);
    return kmdfsim_wmi_complete(request, kmdfsim_wmi_set_status(status, instance, "EvtWmiInstanceSetInstance"), 0);
}
