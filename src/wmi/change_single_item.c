/* change_single_item.c - IRP_MN_CHANGE_SINGLE_ITEM (semantics §3.2.4). No size or ItemId check by KMDF. */
#include "wmi/wmi_internal.h"

#include "verifier/verifier_internal.h"

NTSTATUS kmdfsim_wmi_change_single_item(kmdfsim_wmi_request *request)
{
    kmdfsim_wmi_instance *instance = request->instance;
    if (instance->set_item == NULL)
        return kmdfsim_wmi_complete(request, STATUS_WMI_READ_ONLY, 0);
    /* The fields KMDF reads unchecked (§3.6) end at VariableData (68), not at sizeof (72, padding). */
    if (request->buffer_size < UFIELD_OFFSET(WNODE_SINGLE_ITEM, VariableData)) {
        kmdfsim_verify_warn("MALFORMED_WNODE", "IRP_MN_CHANGE_SINGLE_ITEM", NULL,
                            "a %lu-byte buffer cannot hold the WNODE_SINGLE_ITEM fields KMDF reads (KMDF would read "
                            "past it)",
                            (unsigned long)request->buffer_size);
        return kmdfsim_wmi_complete(request, STATUS_INVALID_PARAMETER, 0);
    }
    PWNODE_SINGLE_ITEM wnode = (PWNODE_SINGLE_ITEM)(void *)request->buffer;
    ULONG size = wnode->SizeDataItem;
    if (!kmdfsim_wmi_data_in_buffer(request, wnode->DataBlockOffset, size, "IRP_MN_CHANGE_SINGLE_ITEM"))
        return kmdfsim_wmi_complete(request, STATUS_INVALID_PARAMETER, 0);

    kmdfsim_driver *previous = kmdfsim_wmi_enter_driver(instance->provider->handler);
    NTSTATUS status = instance->set_item((WDFWMIINSTANCE)instance->object.handle, wnode->ItemId, size,
                                         size == 0 ? NULL : request->buffer + wnode->DataBlockOffset);
    kmdfsim_driver_leave(previous);
    return kmdfsim_wmi_complete(request, kmdfsim_wmi_set_status(status, instance, "EvtWmiInstanceSetItem"), 0);
}
