/*
 * enable_disable.c - IRP_MN_ENABLE/DISABLE_EVENTS and _COLLECTION
 * (semantics §3.2.6): the flag changes before the function-control callback
 * runs, the callback runs on every request (no de-duplication), and a
 * failure forces the flag FALSE.
 */
#include "wmi/wmi_internal.h"

#include "verifier/verifier_internal.h"

NTSTATUS kmdfsim_wmi_enable_disable(kmdfsim_wmi_request *request)
{
    kmdfsim_wmi_provider *provider = request->provider;
    request->irp->io_status.Information = 0;
    if (request->buffer_size < sizeof(WNODE_HEADER))
        return kmdfsim_wmi_complete(request, STATUS_INVALID_PARAMETER, 0);
    UCHAR minor = request->irp->minor_function;
    WDF_WMI_PROVIDER_CONTROL control =
        (minor == IRP_MN_ENABLE_EVENTS || minor == IRP_MN_DISABLE_EVENTS) ? WdfWmiEventControl : WdfWmiInstanceControl;
    BOOLEAN enable = minor == IRP_MN_ENABLE_EVENTS || minor == IRP_MN_ENABLE_COLLECTION;
    BOOLEAN tracing = (provider->flags & WdfWmiProviderTracing) != 0;

    kmdfsim_mutex_lock(&provider->handler->lock);
    if (control == WdfWmiEventControl) {
        provider->event_enabled = enable;
        if (tracing)
            provider->tracing_handle = ((const WNODE_HEADER *)(const void *)request->buffer)->HistoricalContext;
    } else {
        provider->collection_enabled = enable;
    }
    kmdfsim_mutex_unlock(&provider->handler->lock);

    NTSTATUS status = STATUS_SUCCESS;
    if (provider->function_control != NULL) {
        kmdfsim_driver *previous = kmdfsim_wmi_enter_driver(provider->handler);
        status = provider->function_control((WDFWMIPROVIDER)provider->object.handle, control, enable);
        kmdfsim_driver_leave(previous);
        if (status == STATUS_PENDING) {
            kmdfsim_verify_fail("CALLBACK_RETURNED_PENDING", "EvtWmiProviderFunctionControl", provider->object.handle,
                                "WMI callbacks complete synchronously; STATUS_PENDING becomes STATUS_UNSUCCESSFUL");
            status = STATUS_UNSUCCESSFUL;
        }
    }
    if (!NT_SUCCESS(status)) {
        kmdfsim_mutex_lock(&provider->handler->lock);
        if (control == WdfWmiEventControl) {
            provider->event_enabled = FALSE;
            if (tracing)
                provider->tracing_handle = 0;
        } else {
            provider->collection_enabled = FALSE;
        }
        kmdfsim_mutex_unlock(&provider->handler->lock);
    }
    return kmdfsim_wmi_complete(request, status, 0);
}
