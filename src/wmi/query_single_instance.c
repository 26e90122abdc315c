/* query_single_instance.c - IRP_MN_QUERY_SINGLE_INSTANCE (semantics §3.2.2). */
#include "wmi/wmi_internal.h"

#include "verifier/verifier_internal.h"

NTSTATUS kmdfsim_wmi_query_single_instance(kmdfsim_wmi_request *request)
{
    PWNODE_SINGLE_INSTANCE wnode = (PWNODE_SINGLE_INSTANCE)(void *)request->buffer;
    kmdfsim_wmi_instance *instance = request->instance;
    ULONG offset = wnode->DataBlockOffset;
    if (offset > request->buffer_size) {
        /* KMDF computes BufferSize - DataBlockOffset unchecked and would hand the driver a wild buffer. */
        kmdfsim_verify_warn("MALFORMED_WNODE", "IRP_MN_QUERY_SINGLE_INSTANCE", NULL,
                            "DataBlockOffset %lu is past BufferSize %lu", (unsigned long)offset,
                            (unsigned long)request->buffer_size);
        return kmdfsim_wmi_complete(request, STATUS_INVALID_PARAMETER, 0);
    }
    ULONG space = request->buffer_size - offset;
    if (!kmdfsim_wmi_instance_supports_query(instance))
        return kmdfsim_wmi_complete(request, STATUS_INVALID_DEVICE_REQUEST, 0);
    ULONG min_size = instance->provider->min_instance_buffer_size;
    if (space < min_size)
        return kmdfsim_wmi_complete_too_small(request, offset + min_size);

    ULONG size = 0;
    NTSTATUS status = kmdfsim_wmi_instance_query(instance, space, request->buffer + offset, &size);
    wnode->SizeDataBlock = size;
    ULONG need = offset + size;
    if (NT_SUCCESS(status)) {
        wnode->WnodeHeader.BufferSize = need;
        KeQuerySystemTime(&wnode->WnodeHeader.TimeStamp);
        return kmdfsim_wmi_complete(request, status, need);
    }
    if (status == STATUS_BUFFER_TOO_SMALL)
        return kmdfsim_wmi_complete_too_small(request, need);
    return kmdfsim_wmi_complete(request, status, 0);
}
