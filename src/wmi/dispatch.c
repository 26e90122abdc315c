/*
 * dispatch.c - IRP_MJ_SYSTEM_CONTROL for a KMDF device (semantics §3.1),
 * and kmdfsim_wmi_send_irp, the entry point the WMI kernel and tests use.
 *
 * The request works on a private copy of the sender's buffer followed by
 * guard bytes; only buffer_size bytes are copied back, so bytes a callback
 * writes past its buffer never reach the sender.
 */
#include "wmi/wmi_internal.h"

#include "kernel/irql.h"
#include "kernel/memory.h"
#include "verifier/verifier_internal.h"

#include <stddef.h>
#include <string.h>

#define GUARD_BYTE KMDFSIM_WMI_GUARD_BYTE

/* Requests up to this size work on a copy on the stack; larger ones on the heap. */
#define STACK_COPY_SIZE 1024u

/* The heap copy of the last large request is kept for the next one. */
static kmdfsim_spare_buffer g_copies;

static const UCHAR g_guard[KMDFSIM_WMI_GUARD_SIZE] = {
#define GUARD8 GUARD_BYTE, GUARD_BYTE, GUARD_BYTE, GUARD_BYTE, GUARD_BYTE, GUARD_BYTE, GUARD_BYTE, GUARD_BYTE
    GUARD8, GUARD8, GUARD8, GUARD8, GUARD8, GUARD8, GUARD8, GUARD8
#undef GUARD8
};

NTSTATUS kmdfsim_wmi_complete(kmdfsim_wmi_request *request, NTSTATUS status, ULONG_PTR information)
{
    request->irp->io_status.Status = status;
    request->irp->io_status.Information = information;
    return status;
}

NTSTATUS kmdfsim_wmi_complete_too_small(kmdfsim_wmi_request *request, ULONG needed)
{
    PWNODE_TOO_SMALL reply = (PWNODE_TOO_SMALL)(void *)request->buffer;
    reply->WnodeHeader.BufferSize = sizeof(WNODE_TOO_SMALL);
    reply->WnodeHeader.Flags = WNODE_FLAG_TOO_SMALL;
    reply->SizeNeeded = needed;
    return kmdfsim_wmi_complete(request, STATUS_SUCCESS, sizeof(WNODE_TOO_SMALL));
}

void kmdfsim_wmi_check_guard(UCHAR *guard, const char *callback, kmdfsim_wmi_instance *instance)
{
    if (kmdfsim_wmi_guard_intact(guard))
        return; /* intact: the usual case */
    ULONG damaged = 0;
    for (ULONG i = 0; i < KMDFSIM_WMI_GUARD_SIZE; i++)
        if (guard[i] != GUARD_BYTE)
            damaged = i + 1;
    if (damaged == 0)
        return;
    kmdfsim_verify_fail("BUFFER_OVERRUN", callback, instance != NULL ? instance->object.handle : NULL,
                        "the callback wrote %s%lu byte(s) past the end of the buffer it was given; those bytes are "
                        "not returned to WMI",
                        damaged == KMDFSIM_WMI_GUARD_SIZE ? "at least " : "", (unsigned long)damaged);
    memset(guard, GUARD_BYTE, KMDFSIM_WMI_GUARD_SIZE);
}

/* Minors KMDF handles: 0x00-0x09 and REGINFO_EX (0x0B); 0x0A is reserved. */
static BOOLEAN minor_handled(UCHAR minor) { return minor <= IRP_MN_EXECUTE_METHOD || minor == IRP_MN_REGINFO_EX; }

static BOOLEAN minor_needs_instance(UCHAR minor)
{
    return minor == IRP_MN_QUERY_SINGLE_INSTANCE || minor == IRP_MN_CHANGE_SINGLE_INSTANCE ||
           minor == IRP_MN_CHANGE_SINGLE_ITEM || minor == IRP_MN_EXECUTE_METHOD;
}

/*
 * "Not handled": an FDO passes the IRP down; the PDO below (a bus driver
 * that does not do WMI for it) completes it with IoStatus untouched.
 */
static NTSTATUS not_handled(kmdfsim_wmi_request *request)
{
    request->irp->forwarded = TRUE;
    return request->irp->io_status.Status;
}

/* §3.1 steps 4-5: find the provider and, when needed, the instance (one trip through the handler lock). */
static NTSTATUS resolve_target(kmdfsim_wmi_request *request)
{
    kmdfsim_wmi_irp *irp = request->irp;
    if (irp->data_path == NULL)
        return STATUS_WMI_GUID_NOT_FOUND;
    BOOLEAN needs_instance = minor_needs_instance(irp->minor_function);
    /* KMDF reads these fields without checking BufferSize first (§3.1); kmdfsim refuses a buffer too short to hold them. */
    BOOLEAN too_short = needs_instance && request->buffer_size < sizeof(WNODE_SINGLE_INSTANCE);
    const WNODE_SINGLE_INSTANCE *wnode = (const WNODE_SINGLE_INSTANCE *)(const void *)request->buffer;
    BOOLEAN by_index = needs_instance && !too_short && (wnode->WnodeHeader.Flags & WNODE_FLAG_STATIC_INSTANCE_NAMES) != 0;
    ULONG index = by_index ? wnode->InstanceIndex : 0;
    request->provider = kmdfsim_wmi_handler_find_target(request->device->wmi, (const GUID *)irp->data_path,
                                                        by_index ? &index : NULL, &request->instance);
    if (request->provider == NULL)
        return STATUS_WMI_GUID_NOT_FOUND;
    request->provider_referenced = request->instance == NULL;
    if (!needs_instance)
        return STATUS_SUCCESS;
    if (too_short) {
        kmdfsim_verify_warn("MALFORMED_WNODE", "IRP_MJ_SYSTEM_CONTROL", NULL,
                            "a %lu-byte buffer cannot hold the WNODE KMDF reads (KMDF would read past it)",
                            (unsigned long)request->buffer_size);
        return STATUS_WMI_INSTANCE_NOT_FOUND;
    }
    return request->instance != NULL ? STATUS_SUCCESS : STATUS_WMI_INSTANCE_NOT_FOUND;
}

static NTSTATUS dispatch(kmdfsim_wmi_request *request)
{
    kmdfsim_wmi_irp *irp = request->irp;
    if (!minor_handled(irp->minor_function))
        return not_handled(request);
    if (irp->provider_id != (ULONG_PTR)&request->device->device_object)
        return not_handled(request);
    if (irp->minor_function == IRP_MN_REGINFO || irp->minor_function == IRP_MN_REGINFO_EX)
        return kmdfsim_wmi_reginfo(request);
    NTSTATUS status = resolve_target(request);
    if (!NT_SUCCESS(status)) {
        irp->io_status.Status = status; /* Information stays as the sender set it */
        return status;
    }
    switch (irp->minor_function) {
    case IRP_MN_QUERY_ALL_DATA:
        return kmdfsim_wmi_query_all_data(request);
    case IRP_MN_QUERY_SINGLE_INSTANCE:
        return kmdfsim_wmi_query_single_instance(request);
    case IRP_MN_CHANGE_SINGLE_INSTANCE:
        return kmdfsim_wmi_change_single_instance(request);
    case IRP_MN_CHANGE_SINGLE_ITEM:
        return kmdfsim_wmi_change_single_item(request);
    case IRP_MN_EXECUTE_METHOD:
        return kmdfsim_wmi_execute_method(request);
    default:
        return kmdfsim_wmi_enable_disable(request);
    }
}

/* kmdfsim_wmi_send_irp and kmdfsim_wmi_send_irp_in_place. */
static NTSTATUS send_irp(kmdfsim_device *device, kmdfsim_wmi_irp *irp, BOOLEAN in_place, const char *where)
{
    if (device == NULL || irp == NULL || (irp->buffer == NULL && irp->buffer_size != 0)) {
        kmdfsim_verify_fail("NULL_PARAMETER", where, NULL, "device, irp and a buffer for buffer_size are required");
        return STATUS_INVALID_PARAMETER;
    }
    irp->forwarded = FALSE;
    if (device->fdo == NULL || device->fdo->wmi == NULL) {
        /* The remove lock cannot be taken once the device is gone. */
        irp->io_status.Status = STATUS_DELETE_PENDING;
        irp->io_status.Information = 0;
        return STATUS_DELETE_PENDING;
    }
    kmdfsim_wmi_request request;
    memset(&request, 0, sizeof(request));
    request.irp = irp;
    request.device = device->fdo;
    request.buffer_size = irp->buffer_size;
    if (irp->provider_id == 0)
        irp->provider_id = (ULONG_PTR)&device->fdo->device_object;
    /* Both copies are MEMORY_ALLOCATION_ALIGNMENT-aligned (malloc's alignment covers it), which ALL_DATA offsets rely on. */
    union {
        UCHAR bytes[STACK_COPY_SIZE + KMDFSIM_WMI_GUARD_SIZE];
        max_align_t align;
    } local;
    size_t copy_size = (size_t)irp->buffer_size + KMDFSIM_WMI_GUARD_SIZE;
    if (in_place) {
        request.buffer = irp->buffer; /* the sender's own buffer, with room for the guard */
    } else if (irp->buffer_size <= STACK_COPY_SIZE && _Alignof(max_align_t) >= MEMORY_ALLOCATION_ALIGNMENT) {
        request.buffer = local.bytes;
    } else {
        request.buffer = kmdfsim_spare_get(&g_copies, copy_size, &copy_size);
        if (request.buffer == NULL)
            return STATUS_INSUFFICIENT_RESOURCES;
    }
    if (irp->buffer_size > 0 && !in_place)
        memcpy(request.buffer, irp->buffer, irp->buffer_size);
    memcpy(request.buffer + irp->buffer_size, g_guard, KMDFSIM_WMI_GUARD_SIZE);

    KIRQL irql = KeGetCurrentIrql();
    if (irql != PASSIVE_LEVEL)
        kmdfsim_verify_warn("IRQL_TOO_HIGH", where, NULL, "WMI sends its requests at PASSIVE_LEVEL; the request runs there");
    kmdfsim_irql_set(PASSIVE_LEVEL);
    NTSTATUS status = dispatch(&request);
    kmdfsim_irql_set(irql);

    if (irp->buffer_size > 0 && !in_place)
        memcpy(irp->buffer, request.buffer, irp->buffer_size);
    if (request.instance != NULL)
        kmdfsim_object_dereference(&request.instance->object);
    if (request.provider_referenced)
        kmdfsim_object_dereference(&request.provider->object);
    if (request.buffer != local.bytes && !in_place)
        kmdfsim_spare_put(&g_copies, request.buffer, copy_size);
    return status;
}

NTSTATUS kmdfsim_wmi_send_irp(kmdfsim_device *device, kmdfsim_wmi_irp *irp)
{
    return send_irp(device, irp, FALSE, "kmdfsim_wmi_send_irp");
}

NTSTATUS kmdfsim_wmi_send_irp_in_place(kmdfsim_device *device, kmdfsim_wmi_irp *irp)
{
    return send_irp(device, irp, TRUE, "kmdfsim_wmi_send_irp_in_place");
}
