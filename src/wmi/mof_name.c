/* mof_name.c - WdfDeviceAssignMofResourceName (semantics §1.7.7): once per device, reported in REGINFO. */
#include "wmi/wmi_internal.h"

#include "kernel/irql.h"
#include "kernel/memory.h"
#include "verifier/verifier_internal.h"

#include <string.h>

/* KMDF's check of a caller's UNICODE_STRING (even lengths, buffer present, Length <= MaximumLength). */
static BOOLEAN unicode_string_valid(PCUNICODE_STRING s)
{
    if ((s->Length & 1) || (s->MaximumLength & 1))
        return FALSE;
    if (s->MaximumLength > 0 && s->Buffer == NULL)
        return FALSE;
    return s->Length <= s->MaximumLength;
}

NTSTATUS WdfDeviceAssignMofResourceName(WDFDEVICE Device, PCUNICODE_STRING MofResourceName)
{
    kmdfsim_wdf_device *device = kmdfsim_wdf_device_from_handle(Device, "WdfDeviceAssignMofResourceName");
    if (device == NULL)
        return STATUS_INVALID_HANDLE;
    if (MofResourceName == NULL) {
        kmdfsim_verify_fail("NULL_PARAMETER", "WdfDeviceAssignMofResourceName", Device,
                            "MofResourceName is NULL (KMDF bug-checks)");
        return STATUS_INVALID_PARAMETER;
    }
    if (!kmdfsim_irql_check_max(PASSIVE_LEVEL, "WdfDeviceAssignMofResourceName"))
        return STATUS_INVALID_DEVICE_REQUEST;
    if (!unicode_string_valid(MofResourceName))
        return STATUS_INVALID_PARAMETER;
    kmdfsim_wmi_handler *handler = device->wmi;
    size_t copy_size = MofResourceName->Length > 0 ? MofResourceName->Length : 1;
    WCHAR *copy = kmdfsim_mem_alloc(copy_size);
    if (copy == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    if (MofResourceName->Length > 0)
        memcpy(copy, MofResourceName->Buffer, MofResourceName->Length);
    kmdfsim_mutex_lock(&handler->lock);
    if (handler->mof_resource_name.Buffer != NULL) {
        kmdfsim_mutex_unlock(&handler->lock);
        kmdfsim_mem_free(copy, copy_size);
        return STATUS_INVALID_DEVICE_REQUEST;
    }
    handler->mof_resource_name.Buffer = copy;
    handler->mof_resource_name.Length = MofResourceName->Length;
    handler->mof_resource_name.MaximumLength = MofResourceName->Length;
    kmdfsim_mutex_unlock(&handler->lock);
    return STATUS_SUCCESS;
}
