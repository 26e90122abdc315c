/*
 * query_all_data.c - IRP_MN_QUERY_ALL_DATA (semantics §3.2.1), step by step.
 *
 * KMDF always answers in the offset/length form (never fixed-size), aligns
 * each instance's data to MEMORY_ALLOCATION_ALIGNMENT, hands every query
 * callback the whole remaining buffer, keeps calling instances after one did
 * not fit (to learn the total size), and stops at any other error. The
 * reported size reproduces KMDF's arithmetic exactly, including its
 * under-count when the last instance fills the buffer unaligned.
 */
#include "wmi/wmi_internal.h"

#define A MEMORY_ALLOCATION_ALIGNMENT
#define OFFSET_ARRAY_START ((ULONG)FIELD_OFFSET(WNODE_ALL_DATA, OffsetInstanceDataAndLength))

/* ALIGN_UP in ULONG arithmetic; FALSE on overflow. */
static BOOLEAN align_up(ULONG value, ULONG *aligned)
{
    if (value > 0xFFFFFFFFu - (A - 1))
        return FALSE;
    *aligned = (value + (A - 1)) & ~(ULONG)(A - 1);
    return TRUE;
}

/* Drops the references a pass released, outside the driver's context: destroy callbacks may run. */
static void release_instances(kmdfsim_wmi_instance **release, ULONG count, kmdfsim_wmi_driver_scope *scope)
{
    if (count == 0)
        return;
    kmdfsim_wmi_scope_leave(scope);
    for (ULONG k = 0; k < count; k++)
        kmdfsim_object_dereference(&release[k]->object);
}

/* Refills the pass's batch from `index`; what was held for the pass is released first, as a fetch requires. */
static ULONG refill_batch(kmdfsim_wmi_provider *provider, kmdfsim_wmi_pass *pass, ULONG index, int32_t *generation,
                          kmdfsim_wmi_driver_scope *scope)
{
    kmdfsim_wmi_instance *release[KMDFSIM_WMI_PASS_BATCH];
    for (;;) {
        ULONG released;
        ULONG fetched = kmdfsim_wmi_pass_fetch(provider, pass, index, generation, release, &released);
        if (released == 0)
            return fetched;
        release_instances(release, released, scope);
    }
}

/* Starts loading the parts of an instance the loop reads (its fields and handle) while the current one runs. */
static inline void prefetch_instance(const kmdfsim_wmi_instance *instance)
{
#if defined(__GNUC__) || defined(__clang__)
    const char *at = (const char *)instance;
    __builtin_prefetch(at);
    __builtin_prefetch(at + 64);
    __builtin_prefetch(at + 128);
#else
    (void)instance;
#endif
}

/* Step 6: KMDF's quick precheck when MinInstanceBufferSize is set. */
static BOOLEAN min_size_precheck(ULONG min_size, ULONG count, ULONG remaining, ULONG *need, NTSTATUS *status)
{
    ULONG aligned;
    *status = STATUS_SUCCESS;
    if (!align_up(min_size, &aligned)) {
        *status = STATUS_INTEGER_OVERFLOW;
        return FALSE;
    }
    unsigned long long total = (unsigned long long)aligned * (count - 1) + min_size;
    if (total > 0xFFFFFFFFu) {
        *status = STATUS_INTEGER_OVERFLOW;
        return FALSE;
    }
    *need = (ULONG)total;
    return remaining >= *need;
}

NTSTATUS kmdfsim_wmi_query_all_data(kmdfsim_wmi_request *request)
{
    kmdfsim_wmi_provider *provider = request->provider;
    ULONG buffer_size = request->buffer_size;
    PWNODE_ALL_DATA wnode = (PWNODE_ALL_DATA)(void *)request->buffer;

    if (buffer_size < sizeof(WNODE_ALL_DATA))
        return kmdfsim_wmi_complete(request, STATUS_UNSUCCESSFUL, 0);
    kmdfsim_mutex_lock(&provider->handler->lock);
    ULONG count = provider->instance_count;
    kmdfsim_mutex_unlock(&provider->handler->lock);
    if (count == 0)
        return kmdfsim_wmi_complete(request, STATUS_WMI_INSTANCE_NOT_FOUND, 0);

    wnode->InstanceCount = count;
    wnode->WnodeHeader.Flags &= ~(ULONG)WNODE_FLAG_FIXED_INSTANCE_SIZE;
    unsigned long long header = (unsigned long long)OFFSET_ARRAY_START + 8ull * count;
    ULONG data_offset;
    if (header > 0xFFFFFFFFu || !align_up((ULONG)header, &data_offset))
        return kmdfsim_wmi_complete(request, STATUS_INTEGER_OVERFLOW, 0);
    wnode->DataBlockOffset = data_offset;

    BOOLEAN too_small = FALSE;
    NTSTATUS status = STATUS_SUCCESS;
    ULONG remaining = 0;
    UCHAR *out = NULL;
    OFFSETINSTANCEDATAANDLENGTH *offsets = NULL;
    if (data_offset <= buffer_size) {
        remaining = buffer_size - data_offset;
        out = request->buffer + data_offset;
        offsets = wnode->OffsetInstanceDataAndLength;
    } else {
        too_small = TRUE;
        status = STATUS_BUFFER_TOO_SMALL;
    }

    ULONG buffer_used = 0;
    ULONG min_size = provider->min_instance_buffer_size;
    if (min_size != 0) {
        ULONG need;
        NTSTATUS check;
        if (!min_size_precheck(min_size, count, remaining, &need, &check)) {
            if (!NT_SUCCESS(check))
                return kmdfsim_wmi_complete(request, check, 0);
            unsigned long long total = (unsigned long long)data_offset + need;
            return kmdfsim_wmi_complete_too_small(request, (ULONG)total);
        }
    }

    /*
     * KMDF fetches instance i under the lock right before calling it. kmdfsim
     * fetches them in batches under one lock and uses an element only while
     * the list's generation is unchanged, which gives the same instance; when
     * it changed (a callback or another thread (de)registered instances),
     * the rest of the batch is dropped and fetched again from index i. The
     * pass keeps the batch alive (kmdfsim_wmi_pass) and the driver's context
     * entered between callbacks (kmdfsim_wmi_driver_scope).
     */
    kmdfsim_wmi_pass pass;
    kmdfsim_wmi_driver_scope scope = {NULL, NULL, FALSE};
    ULONG batch_start = 0, batch_count = 0;
    int32_t generation = 0;
    kmdfsim_wmi_pass_begin(provider, &pass);

    ULONG current = data_offset;
    ULONG last_padding = 0;
    for (ULONG i = 0; i < count; i++) {
        ULONG k = i - batch_start;
        if (k >= batch_count || kmdfsim_wmi_provider_generation(provider) != generation) {
            batch_start = i;
            k = 0;
            batch_count = refill_batch(provider, &pass, i, &generation, &scope);
        }
        if (batch_count == 0)
            break; /* removed concurrently: stop, as KMDF does */
        kmdfsim_wmi_instance *instance = pass.batch[k];
        if (k + 1 < batch_count)
            prefetch_instance(pass.batch[k + 1]);
        if (kmdfsim_wmi_instance_supports_query(instance)) {
            ULONG used = 0;
            NTSTATUS st = kmdfsim_wmi_instance_query_scoped(instance, remaining, out, &used, &scope);
            if (NT_SUCCESS(st) || st == STATUS_BUFFER_TOO_SMALL) {
                ULONG adjusted;
                if (!align_up(used, &adjusted)) {
                    kmdfsim_wmi_pass_advance(&pass, k + 1);
                    status = STATUS_INTEGER_OVERFLOW;
                    break;
                }
                last_padding = adjusted - used;
                if (NT_SUCCESS(st) && !too_small) {
                    offsets[i].OffsetInstanceData = current;
                    offsets[i].LengthInstanceData = used;
                    out += adjusted;
                } else {
                    too_small = TRUE;
                }
                if (adjusted <= remaining) {
                    remaining -= adjusted;
                    current += adjusted;
                } else {
                    current += remaining;
                    remaining = 0;
                }
                if (buffer_used > 0xFFFFFFFFu - adjusted) {
                    kmdfsim_wmi_pass_advance(&pass, k + 1);
                    status = STATUS_INTEGER_OVERFLOW;
                    break;
                }
                buffer_used += adjusted;
            }
            status = st;
        } else if (offsets != NULL) {
            offsets[i].OffsetInstanceData = current;
            offsets[i].LengthInstanceData = 0;
        }
        kmdfsim_wmi_pass_advance(&pass, k + 1); /* done with the instance: a deletion no longer waits for the pass */
        if (!NT_SUCCESS(status) && status != STATUS_BUFFER_TOO_SMALL)
            break;
    }

    kmdfsim_wmi_instance *release[KMDFSIM_WMI_PASS_BATCH];
    release_instances(release, kmdfsim_wmi_pass_end(provider, &pass, release), &scope);
    kmdfsim_wmi_scope_leave(&scope);

    if (status == STATUS_BUFFER_TOO_SMALL || (NT_SUCCESS(status) && too_small)) {
        buffer_used -= last_padding;
        status = STATUS_BUFFER_TOO_SMALL;
    } else if (NT_SUCCESS(status)) {
        buffer_used = current - data_offset - last_padding; /* ULONG arithmetic, as KMDF */
    } else {
        buffer_used = 0;
    }

    ULONG need = data_offset + buffer_used;
    if (NT_SUCCESS(status) && need <= buffer_size) {
        wnode->WnodeHeader.BufferSize = need;
        KeQuerySystemTime(&wnode->WnodeHeader.TimeStamp);
        return kmdfsim_wmi_complete(request, STATUS_SUCCESS, need);
    }
    if (NT_SUCCESS(status) || status == STATUS_BUFFER_TOO_SMALL)
        return kmdfsim_wmi_complete_too_small(request, need);
    return kmdfsim_wmi_complete(request, status, 0);
}
