/*
 * execute_method.c - IRP_MN_EXECUTE_METHOD (semantics §3.2.5).
 *
 * Input and output share one buffer: the method gets max(in, out) bytes at
 * DataBlockOffset, NULL only when both sizes are 0. KMDF does not check a
 * success whose *BufferUsed exceeds the output size; kmdfsim passes it on
 * like KMDF and reports it (§6.2 q11).
 */
#include "wmi/wmi_internal.h"

#include "kernel/irql.h"
#include "verifier/verifier_internal.h"

NTSTATUS kmdfsim_wmi_execute_method(kmdfsim_wmi_request *request)
{
    kmdfsim_wmi_instance *instance = request->instance;
    /*
     * KMDF reads MethodId, DataBlockOffset and SizeDataBlock unchecked
     * (§3.6); they end at VariableData (68), not at sizeof (72, padding).
     */
    if (request->buffer_size < UFIELD_OFFSET(WNODE_METHOD_ITEM, VariableData)) {
        kmdfsim_verify_warn("MALFORMED_WNODE", "IRP_MN_EXECUTE_METHOD", NULL,
                            "a %lu-byte buffer cannot hold the WNODE_METHOD_ITEM fields KMDF reads (KMDF would read "
                            "past it)",
                            (unsigned long)request->buffer_size);
        return kmdfsim_wmi_complete(request, STATUS_INVALID_PARAMETER, 0);
    }
    PWNODE_METHOD_ITEM wnode = (PWNODE_METHOD_ITEM)(void *)request->buffer;
    ULONG offset = wnode->DataBlockOffset;
    ULONG in = wnode->SizeDataBlock;
    if (!kmdfsim_wmi_data_in_buffer(request, offset, in, "IRP_MN_EXECUTE_METHOD"))
        return kmdfsim_wmi_complete(request, STATUS_INVALID_PARAMETER, 0);
    ULONG out = request->buffer_size - offset;
    if (instance->execute == NULL)
        return kmdfsim_wmi_complete(request, STATUS_INVALID_DEVICE_REQUEST, 0);

    ULONG size = 0;
    UCHAR *buffer = (in == 0 && out == 0) ? NULL : request->buffer + offset;
    kmdfsim_driver *previous = kmdfsim_wmi_enter_driver(instance->provider->handler);
    NTSTATUS status =
        instance->execute((WDFWMIINSTANCE)instance->object.handle, wnode->MethodId, in, out, buffer, &size);
    kmdfsim_driver_leave(previous);
    if (buffer != NULL)
        kmdfsim_wmi_check_guard(request->buffer + request->buffer_size, "EvtWmiInstanceExecuteMethod", instance);
    if (status == STATUS_PENDING) {
        kmdfsim_verify_fail("CALLBACK_RETURNED_PENDING", "EvtWmiInstanceExecuteMethod", instance->object.handle,
                            "WMI callbacks complete synchronously; STATUS_PENDING becomes STATUS_UNSUCCESSFUL");
        status = STATUS_UNSUCCESSFUL;
        size = 0;
    }
    if (NT_SUCCESS(status) && size > out)
        kmdfsim_verify_warn("BUFFER_USED_TOO_LARGE", "EvtWmiInstanceExecuteMethod", instance->object.handle,
                            "success with *BufferUsed %lu above OutBufferSize %lu; KMDF does not check this and "
                            "the reply claims more than the buffer holds",
                            (unsigned long)size, (unsigned long)out);

    ULONG need = offset + size;
    if (NT_SUCCESS(status)) {
        wnode->WnodeHeader.BufferSize = need;
        wnode->SizeDataBlock = size;
        KeQuerySystemTime(&wnode->WnodeHeader.TimeStamp);
        return kmdfsim_wmi_complete(request, status, need);
    }
    if (status == STATUS_BUFFER_TOO_SMALL)
        return kmdfsim_wmi_complete_too_small(request, need);
    return kmdfsim_wmi_complete(request, status, 0);
}
