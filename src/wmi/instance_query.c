/*
 * instance_query.c - answering a query for one instance (semantics §3.3),
 * shared by QUERY_ALL_DATA and QUERY_SINGLE_INSTANCE.
 */
#include "wmi/wmi_internal.h"

#include "kernel/irql.h"
#include "verifier/verifier_internal.h"

#include <string.h>

/* §2.7: a copy of the first context, ctxLen bytes; bytes beyond the real context are zero. */
static NTSTATUS query_from_context(kmdfsim_wmi_instance *instance, ULONG size, UCHAR *buffer, ULONG *used)
{
    *used = instance->context_length;
    if (size < instance->context_length)
        return STATUS_BUFFER_TOO_SMALL;
    kmdfsim_context *context = kmdfsim_object_first_context(&instance->object);
    size_t available = context != NULL ? context->size : 0;
    size_t copied = available < instance->context_length ? available : instance->context_length;
    if (copied > 0)
        memcpy(buffer, kmdfsim_context_data(context), copied);
    if (copied < instance->context_length)
        memset(buffer + copied, 0, instance->context_length - copied);
    return STATUS_SUCCESS;
}

/*
 * After the query callback returned `status` (driver context left): the
 * IRQL and guard checks and KMDF's mappings of the result (§3.3).
 * `use_scratch`: the callback was given the 1-byte scratch buffer.
 */
static NTSTATUS finish_query(kmdfsim_wmi_instance *instance, ULONG size, UCHAR *buffer, ULONG *used, NTSTATUS status,
                             BOOLEAN use_scratch)
{
    if (KeGetCurrentIrql() != PASSIVE_LEVEL) {
        kmdfsim_verify_fail("IRQL_NOT_RESTORED", "EvtWmiInstanceQueryInstance", instance->object.handle,
                            "returned at %s", kmdfsim_irql_name(KeGetCurrentIrql()));
        kmdfsim_irql_set(PASSIVE_LEVEL);
    }
    kmdfsim_wmi_check_guard(buffer + size, "EvtWmiInstanceQueryInstance", instance);

    if (status == STATUS_PENDING) {
        kmdfsim_verify_fail("CALLBACK_RETURNED_PENDING", "EvtWmiInstanceQueryInstance", instance->object.handle,
                            "WMI callbacks complete synchronously; STATUS_PENDING becomes STATUS_UNSUCCESSFUL");
        *used = 0;
        return STATUS_UNSUCCESSFUL;
    }
    if (NT_SUCCESS(status) && *used > size) {
        kmdfsim_verify_fail("BUFFER_USED_TOO_LARGE", "EvtWmiInstanceQueryInstance", instance->object.handle,
                            "returned success with *BufferUsed %lu above OutBufferSize %lu; KMDF fails the query "
                            "with STATUS_UNSUCCESSFUL",
                            (unsigned long)*used, (unsigned long)size);
        *used = 0;
        return STATUS_UNSUCCESSFUL;
    }
    if (NT_SUCCESS(status) && use_scratch && *used > 0)
        return STATUS_BUFFER_TOO_SMALL; /* the scratch byte is discarded; *used is the size needed */
    if (status == STATUS_BUFFER_TOO_SMALL && instance->provider->min_instance_buffer_size != 0)
        kmdfsim_verify_warn("QUERY_TOO_SMALL_DESPITE_MIN_SIZE", "EvtWmiInstanceQueryInstance", instance->object.handle,
                            "returned STATUS_BUFFER_TOO_SMALL although the framework guaranteed MinInstanceBufferSize "
                            "%lu bytes",
                            (unsigned long)instance->provider->min_instance_buffer_size);
    return status;
}

/*
 * Would finish_query return `status` unchanged, without any report or
 * repair, for a callback given a real buffer (no scratch)? The usual case.
 */
static BOOLEAN query_result_plain(const kmdfsim_wmi_instance *instance, ULONG size, const UCHAR *buffer, ULONG used,
                                  NTSTATUS status)
{
    if (KeGetCurrentIrql() != PASSIVE_LEVEL || !kmdfsim_wmi_guard_intact(buffer + size) || status == STATUS_PENDING)
        return FALSE;
    if (NT_SUCCESS(status))
        return used <= size;
    return status != STATUS_BUFFER_TOO_SMALL || instance->provider->min_instance_buffer_size == 0;
}

NTSTATUS kmdfsim_wmi_instance_query(kmdfsim_wmi_instance *instance, ULONG size,
                                    UCHAR *buffer, ULONG *used)
{
    *used = 0;
    if (instance->use_context_for_query)
        return query_from_context(instance, size, buffer, used);
    if (instance->query == NULL)
        return STATUS_SUCCESS; /* execute-method only: answers with 0 bytes */

    /* No room at all: the callback gets a 1-byte scratch buffer instead (never OutBufferSize 0). */
    UCHAR scratch[1 + KMDFSIM_WMI_GUARD_SIZE];
    BOOLEAN use_scratch = size == 0;
    if (use_scratch) {
        memset(scratch, KMDFSIM_WMI_GUARD_BYTE, sizeof(scratch));
        buffer = scratch;
        size = 1;
    }
    kmdfsim_driver *previous = kmdfsim_wmi_enter_driver(instance->provider->handler);
    NTSTATUS status = instance->query((WDFWMIINSTANCE)instance->object.handle, size, buffer, used);
    kmdfsim_driver_leave(previous);
    if (!use_scratch && query_result_plain(instance, size, buffer, *used, status))
        return status;
    return finish_query(instance, size, buffer, used, status, use_scratch);
}

void kmdfsim_wmi_scope_leave(kmdfsim_wmi_driver_scope *scope)
{
    if (scope->entered) {
        kmdfsim_driver_leave(scope->previous);
        scope->entered = FALSE;
    }
}

NTSTATUS kmdfsim_wmi_instance_query_scoped(kmdfsim_wmi_instance *instance, ULONG size, UCHAR *buffer, ULONG *used,
                                           kmdfsim_wmi_driver_scope *scope)
{
    if (instance->use_context_for_query || instance->query == NULL || size == 0) {
        /* No driver code (a context copy, or nothing), or the rare scratch buffer: the plain path. */
        kmdfsim_wmi_scope_leave(scope);
        return kmdfsim_wmi_instance_query(instance, size, buffer, used);
    }
    *used = 0;
    if (!scope->entered) {
        /* Every instance of a pass belongs to the same driver; kmdfsim_wmi_enter_driver's choice. */
        scope->driver = instance->provider->handler->device->harness->driver;
        scope->previous = kmdfsim_driver_enter(scope->driver);
        scope->entered = TRUE;
    }
    NTSTATUS status = instance->query((WDFWMIINSTANCE)instance->object.handle, size, buffer, used);
    if (query_result_plain(instance, size, buffer, *used, status))
        return status; /* nothing to report: the driver's context may stay for the next callback */
    kmdfsim_wmi_scope_leave(scope);
    return finish_query(instance, size, buffer, used, status, FALSE);
}
