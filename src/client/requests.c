/*
 * requests.c - data requests as the WMI kernel builds them, and the replies
 * consumers see.
 *
 * Requests (always well-formed; KMDF trusts their offsets):
 *   WnodeHeader: BufferSize = the whole request buffer, ProviderId of the
 *   device, Guid, Flags = the WNODE kind | WNODE_FLAG_STATIC_INSTANCE_NAMES |
 *   WNODE_FLAG_PDO_INSTANCE_NAMES. Single-instance, item and method
 *   requests carry the instance's name as a counted UTF-16 string right
 *   after the fixed part (OffsetInstanceName = sizeof the structure: 64 or
 *   72), InstanceIndex = the index in the name, DataBlockOffset = the end of
 *   the name rounded up to 8, the data (or room for it) after it. The
 *   initial IoStatus is STATUS_NOT_SUPPORTED / 0.
 *
 * Replies:
 *   QueryAllData - for each provider of the GUID, in registration order,
 *   the device's WNODE_ALL_DATA with the instance names appended: at
 *   OffsetInstanceNameOffsets (the end of the data rounded up to 4) an array
 *   of InstanceCount ULONG offsets, each to a counted name (2-aligned).
 *   WnodeHeader.BufferSize covers the names; WNODEs are chained 8-aligned
 *   through WnodeHeader.Linkage (offset to the next, 0 on the last).
 *   Each device is first offered ALL_DATA_FIRST_TRY bytes or what its
 *   last answer needed, then ALIGN_UP(SizeNeeded,
 *   MEMORY_ALLOCATION_ALIGNMENT) after a WNODE_TOO_SMALL (so the ALL_DATA
 *   size quirk of semantics §3.2.1 never shows), and the consumer gets
 *   STATUS_BUFFER_TOO_SMALL with the exact size of the whole chain when its
 *   buffer is short.
 *   QuerySingleInstance - WNODE_SINGLE_INSTANCE: name at 64, data at
 *   DataBlockOffset (the end of the name rounded up to 8). The device gets
 *   the consumer's room for data; WNODE_TOO_SMALL becomes
 *   STATUS_BUFFER_TOO_SMALL with the size the consumer needs.
 *   In both, names are in the consumer's charset (UTF-16, or 8-bit with
 *   WNODE_FLAG_ANSI_INSTANCENAMES), and the STATIC/PDO name flags of the
 *   request are cleared, since the names are now written out.
 *   ExecuteMethod - the output bytes only; a WNODE_TOO_SMALL becomes
 *   STATUS_BUFFER_TOO_SMALL with the output size needed.
 */
#include "client/wmi_client.h"

#include "kernel/memory.h"
#include "wmi/wmi_internal.h"

#include <stdlib.h>
#include <string.h>

#define NAME_FLAGS (WNODE_FLAG_STATIC_INSTANCE_NAMES | WNODE_FLAG_PDO_INSTANCE_NAMES)
#define MAA ((ULONG)MEMORY_ALLOCATION_ALIGNMENT)
/*
 * First buffer offered to a device for QUERY_ALL_DATA (unless its last
 * answer needed more); the WNODE_TOO_SMALL answer sizes the next.
 */
#define ALL_DATA_FIRST_TRY 1024u
/* Devices whose answers keep growing are given up on after this many tries. */
#define MAX_TRIES 8

static uint64_t align64(uint64_t value, uint64_t a) { return (value + a - 1) & ~(a - 1); }

/* Did the device answer WNODE_TOO_SMALL? Then *needed is its SizeNeeded. */
static BOOLEAN answered_too_small(const kmdfsim_wmi_irp *irp, ULONG *needed)
{
    const WNODE_TOO_SMALL *w = irp->buffer;
    if (irp->io_status.Information < sizeof(WNODE_TOO_SMALL) || irp->buffer_size < sizeof(WNODE_TOO_SMALL) ||
        (w->WnodeHeader.Flags & WNODE_FLAG_TOO_SMALL) == 0)
        return FALSE;
    *needed = w->SizeNeeded;
    return TRUE;
}

static void init_header(WNODE_HEADER *h, ULONG size, ULONG provider_id, const GUID *guid, ULONG kind)
{
    h->BufferSize = size;
    h->ProviderId = provider_id;
    h->Guid = *guid;
    h->Flags = kind | NAME_FLAGS;
}

/* ---- QueryAllData ----------------------------------------------------------- */

/* The largest answer buffer of the last query is kept for the next one. */
static kmdfsim_spare_buffer g_answers;

typedef struct provider_reply {
    UCHAR *wnode;      /* the device's WNODE_ALL_DATA, NULL when the provider is skipped */
    size_t allocated;  /* its buffer's size */
    ULONG data_end;    /* bytes of it kept: up to the end of the data */
    ULONG count;       /* InstanceCount */
    ULONG names_offset;
    ULONG size;        /* the consumer's WNODE size, names included */
    char *instance_id;
} provider_reply;

/* Checks the parts of a WNODE_ALL_DATA answer the reply is built from; *end is where its data ends. */
static BOOLEAN answer_ok(const UCHAR *buffer, ULONG size, ULONG used, ULONG *end_out)
{
    const WNODE_ALL_DATA *w = (const WNODE_ALL_DATA *)(const void *)buffer;
    ULONG n = w->InstanceCount;
    if (used < sizeof(WNODE_ALL_DATA) || used > size || w->DataBlockOffset > size ||
        n > (size - FIELD_OFFSET(WNODE_ALL_DATA, OffsetInstanceDataAndLength)) / 8)
        return FALSE;
    uint64_t end = used;
    for (ULONG i = 0; i < n; i++) {
        OFFSETINSTANCEDATAANDLENGTH o; /* read by offset: the array is declared [1] */
        memcpy(&o, buffer + FIELD_OFFSET(WNODE_ALL_DATA, OffsetInstanceDataAndLength) + (size_t)i * sizeof(o),
               sizeof(o));
        uint64_t e = (uint64_t)o.OffsetInstanceData + o.LengthInstanceData;
        if (o.LengthInstanceData > 0) {
            if (e > size)
                return FALSE;
            if (e > end)
                end = e; /* the ALL_DATA size quirk: data past BufferSize */
        }
    }
    *end_out = (ULONG)end;
    return TRUE;
}

/*
 * Asks one provider for all its instances, in a zeroed buffer it works on
 * in place. STATUS_WMI_INSTANCE_NOT_FOUND and a vanished provider mean "skip".
 * The consumer's own buffer is never lent to the device: bytes past the
 * reply, and the whole buffer when the call fails, stay as they were.
 */
static NTSTATUS query_provider(const GUID *guid, const kmdfsim_wmik_target *t, provider_reply *out)
{
    ULONG size = t->all_data_size > ALL_DATA_FIRST_TRY ? t->all_data_size : ALL_DATA_FIRST_TRY;
    for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
        size_t allocated = 0;
        UCHAR *buffer = kmdfsim_spare_get(&g_answers, (size_t)size + KMDFSIM_WMI_GUARD_SIZE, &allocated);
        if (buffer == NULL)
            return STATUS_INSUFFICIENT_RESOURCES;
        memset(buffer, 0, size);
        init_header((WNODE_HEADER *)(void *)buffer, size, t->provider_id, guid, WNODE_FLAG_ALL_DATA);
        kmdfsim_wmi_irp irp;
        memset(&irp, 0, sizeof(irp));
        irp.minor_function = IRP_MN_QUERY_ALL_DATA;
        irp.buffer = buffer;
        irp.buffer_size = size;
        NTSTATUS status = kmdfsim_wmik_send(t->provider_id, guid, &irp, TRUE);
        ULONG needed = 0;
        if (NT_SUCCESS(status) && answered_too_small(&irp, &needed)) {
            kmdfsim_spare_put(&g_answers, buffer, allocated);
            uint64_t next = align64(needed, MAA);
            if (needed <= sizeof(WNODE_ALL_DATA) || next > 0xFFFFFFFFu - KMDFSIM_WMI_GUARD_SIZE || next <= size)
                return STATUS_UNSUCCESSFUL; /* an answer that cannot be satisfied */
            size = (ULONG)next;
            continue;
        }
        ULONG end = 0;
        if (NT_SUCCESS(status) && !answer_ok(buffer, size, (ULONG)irp.io_status.Information, &end))
            status = STATUS_UNSUCCESSFUL;
        if (!NT_SUCCESS(status)) {
            kmdfsim_spare_put(&g_answers, buffer, allocated);
            return status;
        }
        /* What the answer needed (not what was offered), so that a block that shrank is offered less next time. */
        ULONG fit = (ULONG)align64(end, MAA);
        if (fit != t->all_data_size)
            kmdfsim_wmik_registry_remember_size(guid, t->provider_id, fit);
        out->wnode = buffer;
        out->allocated = allocated;
        out->data_end = end;
        out->count = ((const WNODE_ALL_DATA *)(const void *)buffer)->InstanceCount;
        return STATUS_SUCCESS;
    }
    return STATUS_WMI_TRY_AGAIN;
}

/*
 * The "_<index>" suffixes of consecutive instance names, counted in decimal
 * text (no division per name: a reply can carry hundreds of thousands).
 */
typedef struct name_suffix {
    char text[16]; /* '_' then the digits (a ULONG has at most 10); not NUL-terminated */
    ULONG length;  /* 1 + digits */
} name_suffix;

static void suffix_first(name_suffix *x)
{
    x->text[0] = '_';
    x->text[1] = '0';
    x->length = 2;
}

/* The next index's suffix. */
static void suffix_next(name_suffix *x)
{
    ULONG k = x->length - 1;
    while (k > 0 && k < sizeof(x->text) && x->text[k] == '9')
        x->text[k--] = '0';
    if (k > 0) {
        x->text[k]++;
        return;
    }
    /* 9...9 + 1: one digit more, "10...0". */
    if (x->length < sizeof(x->text)) {
        x->text[1] = '1';
        x->text[x->length] = '0';
        x->length++;
    }
}

/* Bytes per character of the suffix (ASCII) in `charset`. */
static ULONG suffix_unit(kmdfsim_wmik_charset charset) { return charset == KMDFSIM_WMIK_UTF16 ? 2u : 1u; }

/*
 * Where the names of `count` instances end when their offsets array starts
 * at `start`: "<instance id>_<index>" each, the ID `id_bytes` long in
 * `charset`, 2-aligned counted strings. UINT64_MAX when a name is longer
 * than a counted string holds.
 */
static uint64_t names_end(uint64_t start, ULONG count, ULONG id_bytes, kmdfsim_wmik_charset charset)
{
    /*
     * By groups of indexes with the same number of digits (a reply can carry
     * hundreds of thousands of names): each name is its USHORT and
     * characters, and a name of odd length is followed by a padding byte
     * when another name comes after it. The offsets array leaves `at` even.
     */
    uint64_t at = start + (uint64_t)count * sizeof(ULONG);
    ULONG unit = suffix_unit(charset);
    uint64_t first = 0; /* the first index with `digits` digits */
    uint64_t limit = 10;
    BOOLEAN last_odd = FALSE;
    for (ULONG digits = 1; first < count; digits++, first = limit, limit *= 10) {
        uint64_t n = (limit < count ? limit : count) - first;
        uint64_t chars = (uint64_t)id_bytes + (1u + digits) * unit;
        if (chars > 0xFFFFu)
            return UINT64_MAX;
        last_odd = (chars & 1u) != 0;
        at += n * (sizeof(USHORT) + chars + (last_odd ? 1u : 0u));
    }
    return last_odd ? at - 1 : at; /* no padding after the last name */
}

/* The consumer's size of one provider's WNODE; names as the consumer gets them. */
static NTSTATUS layout_reply(provider_reply *r, kmdfsim_wmik_charset charset)
{
    r->names_offset = (ULONG)align64(r->data_end, sizeof(ULONG));
    ULONG id_bytes = kmdfsim_wmik_counted_chars(r->instance_id, strlen(r->instance_id), charset);
    uint64_t end = names_end(r->names_offset, r->count, id_bytes, charset);
    if (end == UINT64_MAX)
        return STATUS_INVALID_PARAMETER; /* beyond what a counted string holds */
    if (end > 0x7FFFFFFFu)
        return STATUS_INTEGER_OVERFLOW;
    r->size = (ULONG)end;
    return STATUS_SUCCESS;
}

/*
 * Writes one provider's WNODE at `out` (r->size bytes): the device's answer
 * up to its data's end, then the name offsets and the names. Every byte is
 * written (padding zeroed), so the consumer's buffer need not be cleared.
 */
static void write_reply(const provider_reply *r, UCHAR *out, kmdfsim_wmik_charset charset, const UCHAR *id,
                        ULONG id_bytes)
{
    memcpy(out, r->wnode, r->data_end);
    memset(out + r->data_end, 0, r->names_offset - r->data_end);
    WNODE_ALL_DATA *w = (WNODE_ALL_DATA *)(void *)out;
    w->WnodeHeader.BufferSize = r->size;
    w->WnodeHeader.Linkage = 0;
    w->WnodeHeader.Flags &= ~(ULONG)NAME_FLAGS;
    if (charset == KMDFSIM_WMIK_ANSI)
        w->WnodeHeader.Flags |= WNODE_FLAG_ANSI_INSTANCENAMES;
    w->OffsetInstanceNameOffsets = r->names_offset;
    ULONG unit = suffix_unit(charset);
    ULONG at = r->names_offset + r->count * (ULONG)sizeof(ULONG);
    name_suffix x;
    suffix_first(&x);
    for (ULONG i = 0; i < r->count; i++, suffix_next(&x)) {
        if (at & 1u)
            out[at++] = 0;
        memcpy(out + r->names_offset + i * sizeof(ULONG), &at, sizeof(ULONG));
        USHORT counted = (USHORT)(id_bytes + x.length * unit);
        memcpy(out + at, &counted, sizeof(USHORT));
        at += sizeof(USHORT);
        memcpy(out + at, id, id_bytes);
        at += id_bytes;
        if (unit == 1) {
            memcpy(out + at, x.text, x.length);
            at += x.length;
        } else {
            for (ULONG k = 0; k < x.length; k++, at += 2) {
                out[at] = (UCHAR)x.text[k];
                out[at + 1] = 0;
            }
        }
    }
}

/* The device instance ID as it appears in every name of the reply (`charset`), malloc'd; *bytes its size. */
static UCHAR *encoded_id(const char *instance_id, kmdfsim_wmik_charset charset, ULONG *bytes)
{
    size_t length = strlen(instance_id);
    ULONG n = kmdfsim_wmik_counted_chars(instance_id, length, charset);
    UCHAR *out = malloc((size_t)n + sizeof(USHORT));
    if (out != NULL)
        kmdfsim_wmik_write_counted(out, instance_id, length, charset); /* USHORT first, then the characters */
    *bytes = n;
    return out;
}

/* Writes the chain of replies (total bytes) at `out`, 8-aligned and linked. */
static NTSTATUS write_chain(const provider_reply *replies, ULONG count, UCHAR *out, kmdfsim_wmik_charset charset)
{
    ULONG at = 0;
    ULONG previous = 0;
    BOOLEAN first = TRUE;
    for (ULONG i = 0; i < count; i++) {
        if (replies[i].wnode == NULL)
            continue;
        if (!first) {
            ULONG start = (at + 7) & ~7u;
            memset(out + at, 0, start - at);
            ((WNODE_HEADER *)(void *)(out + previous))->Linkage = start - previous;
            at = start;
        }
        ULONG id_bytes = 0;
        UCHAR *id = encoded_id(replies[i].instance_id, charset, &id_bytes);
        if (id == NULL)
            return STATUS_INSUFFICIENT_RESOURCES;
        write_reply(&replies[i], out + at, charset, id + sizeof(USHORT), id_bytes);
        free(id);
        previous = at;
        at += replies[i].size;
        first = FALSE;
    }
    return STATUS_SUCCESS;
}

NTSTATUS kmdfsim_wmik_query_all(const GUID *guid, kmdfsim_wmik_charset charset, void *buffer, ULONG *size)
{
    kmdfsim_wmik_target *targets = NULL;
    ULONG count = 0;
    NTSTATUS status = kmdfsim_wmik_registry_targets(guid, &targets, &count);
    if (!NT_SUCCESS(status))
        return status;
    provider_reply *replies = calloc(count, sizeof(*replies));
    if (replies == NULL) {
        kmdfsim_wmik_targets_free(targets, count);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    ULONG answered = 0;
    for (ULONG i = 0; i < count && NT_SUCCESS(status); i++) {
        if (targets[i].instance_count == 0)
            continue; /* registered without instances: nothing to ask */
        NTSTATUS st = query_provider(guid, &targets[i], &replies[i]);
        if (st == STATUS_WMI_INSTANCE_NOT_FOUND || st == STATUS_WMI_GUID_NOT_FOUND || st == STATUS_DELETE_PENDING)
            continue; /* its instances (or the device) went away meanwhile */
        if (!NT_SUCCESS(st)) {
            status = st; /* the first provider's failure is the answer */
            break;
        }
        replies[i].instance_id = targets[i].instance_id;
        st = layout_reply(&replies[i], charset);
        if (!NT_SUCCESS(st))
            status = st;
        answered++;
    }
    if (NT_SUCCESS(status) && answered == 0)
        status = STATUS_WMI_INSTANCE_NOT_FOUND;

    uint64_t total = 0;
    if (NT_SUCCESS(status)) {
        for (ULONG i = 0; i < count; i++)
            if (replies[i].wnode != NULL)
                total = align64(total, 8) + replies[i].size;
        if (total > 0xFFFFFFFFu)
            status = STATUS_INTEGER_OVERFLOW;
    }
    if (NT_SUCCESS(status)) {
        if (buffer == NULL || *size < total) {
            *size = (ULONG)total;
            status = STATUS_BUFFER_TOO_SMALL;
        } else {
            status = write_chain(replies, count, buffer, charset);
            if (NT_SUCCESS(status))
                *size = (ULONG)total;
        }
    }
    for (ULONG i = 0; i < count; i++)
        kmdfsim_spare_put(&g_answers, replies[i].wnode, replies[i].allocated);
    free(replies);
    kmdfsim_wmik_targets_free(targets, count);
    return status;
}

/* ---- Single-instance requests ------------------------------------------------ */

/*
 * A resolved instance: its device, pinned for the request, and its
 * canonical name ("<instance id>_<index>" as registered, whatever case the
 * consumer used): the consumer's own text when it is spelled that way, else
 * built on the stack (on the heap when it is long).
 */
typedef struct resolved {
    GUID guid;
    kmdfsim_wmik_pin pin;
    ULONG index;
    const char *name;
    size_t length;
    char *heap;
    ULONG name_bytes; /* UTF-16 bytes of the name in the request */
    char local[256];
} resolved;

/*
 * Lock held: the canonical name of the pinned instance into r->name. The
 * consumer's `name` (`length` bytes, already matched) is used as it is when
 * it spells the instance ID exactly as registered (`exact`), the usual case.
 */
static NTSTATUS canonical_name(resolved *r, const char *name, size_t length, BOOLEAN exact)
{
    const char *id = r->pin.record->device->instance_id;
    if (exact) {
        r->name = name; /* the index part was checked to be canonical decimal */
        r->length = length;
        return STATUS_SUCCESS;
    }
    r->length = kmdfsim_wmik_format_name(id, r->index, r->local, sizeof(r->local));
    r->name = r->local;
    if (r->length >= sizeof(r->local)) {
        r->heap = malloc(r->length + 1);
        if (r->heap != NULL)
            kmdfsim_wmik_format_name(id, r->index, r->heap, r->length + 1);
        r->name = r->heap;
    }
    return r->name != NULL ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES;
}

/* Unpins the instance's device and frees its name. */
static void release(resolved *r)
{
    kmdfsim_wmik_unpin(&r->pin);
    free(r->heap);
}

/* Checks the handle and finds the instance and pins its device, in one trip through the kernel lock. */
static NTSTATUS resolve(const kmdfsim_wmik_block *block, const char *name, size_t length, resolved *r)
{
    r->heap = NULL;
    r->name = NULL;
    kmdfsim_wmik_lock();
    kmdfsim_wmik_guid *entry = NULL;
    NTSTATUS status = kmdfsim_wmik_handle_guid_locked(block->handle, block->kernel, block->access, &r->guid, &entry);
    if (NT_SUCCESS(status))
        status = block->precheck;
    if (NT_SUCCESS(status) && name == NULL)
        status = STATUS_INVALID_PARAMETER;
    if (NT_SUCCESS(status) && length > KMDFSIM_WMIK_NAME_LIMIT)
        status = STATUS_WMI_INSTANCE_NOT_FOUND;
    BOOLEAN exact = FALSE;
    if (NT_SUCCESS(status))
        status = kmdfsim_wmik_registry_resolve_pin(entry, name, length, &r->pin, &r->index, &exact);
    if (NT_SUCCESS(status)) {
        status = canonical_name(r, name, length, exact);
        if (!NT_SUCCESS(status))
            kmdfsim_wmik_unpin_record(&r->pin);
    }
    kmdfsim_wmik_unlock();
    if (!NT_SUCCESS(status))
        return status;
    r->name_bytes = kmdfsim_wmik_counted_chars(r->name, r->length, KMDFSIM_WMIK_UTF16);
    if (r->name_bytes > 0xFFFFu) {
        release(r);
        return STATUS_WMI_INSTANCE_NOT_FOUND;
    }
    return STATUS_SUCCESS;
}

/*
 * Requests up to this size are built on the stack, where the stack keeps
 * MEMORY_ALLOCATION_ALIGNMENT (not on MSVC's x64 ABI, whose max_align_t is
 * 8-aligned: there they go to the heap like larger ones).
 */
#define REQUEST_STACK 1024u
#define STACK_ALIGNED (_Alignof(max_align_t) >= MEMORY_ALLOCATION_ALIGNMENT)

/*
 * The buffer of one request, which the device works on in place: followed
 * by KMDFSIM_WMI_GUARD_SIZE bytes for the overrun guard.
 */
typedef struct request_buffer {
    UCHAR *bytes;
    ULONG size;
    ULONG data_offset; /* DataBlockOffset */
    UCHAR *heap;
    union {
        UCHAR bytes[REQUEST_STACK + KMDFSIM_WMI_GUARD_SIZE];
        max_align_t align;
    } local;
} request_buffer;

static void request_free(request_buffer *b) { free(b->heap); }

/*
 * Builds a request whose fixed part is `fixed` bytes (64 or 72), with the
 * name after it and `room` bytes from DataBlockOffset on, all zero but the
 * header. FALSE when it cannot be had (too large, no memory).
 */
static BOOLEAN build_request(const resolved *r, ULONG fixed, ULONG kind, uint64_t room,
                             request_buffer *b)
{
    uint64_t dbo = align64((uint64_t)fixed + sizeof(USHORT) + r->name_bytes, 8);
    uint64_t size = dbo + room;
    b->heap = NULL;
    if (size > 0x7FFFFFFFu)
        return FALSE;
    if (size <= REQUEST_STACK && STACK_ALIGNED) {
        b->bytes = b->local.bytes;
        memset(b->bytes, 0, (size_t)size);
    } else {
        /* calloc: a large consumer buffer's room costs only the pages the device touches. */
        b->heap = calloc(1, (size_t)size + KMDFSIM_WMI_GUARD_SIZE);
        if (b->heap == NULL)
            return FALSE;
        b->bytes = b->heap;
    }
    init_header((WNODE_HEADER *)(void *)b->bytes, (ULONG)size, r->pin.record->provider_id, &r->guid, kind);
    WNODE_SINGLE_INSTANCE *w = (WNODE_SINGLE_INSTANCE *)(void *)b->bytes; /* the common first ULONGs */
    w->OffsetInstanceName = fixed;
    w->InstanceIndex = r->index;
    kmdfsim_wmik_write_counted(b->bytes + fixed, r->name, r->length, KMDFSIM_WMIK_UTF16);
    b->data_offset = (ULONG)dbo;
    b->size = (ULONG)size;
    return TRUE;
}

static NTSTATUS send_request(const resolved *r, UCHAR minor, request_buffer *b,
                             kmdfsim_wmi_irp *irp)
{
    memset(irp, 0, sizeof(*irp));
    irp->minor_function = minor;
    irp->buffer = b->bytes;
    irp->buffer_size = b->size;
    NTSTATUS status = kmdfsim_wmik_send_pinned(&r->pin, &r->guid, irp, TRUE);
    if (status == STATUS_WMI_GUID_NOT_FOUND || status == STATUS_DELETE_PENDING)
        status = STATUS_WMI_INSTANCE_NOT_FOUND; /* the instance's device left between lookup and request */
    return status;
}

/*
 * The reply is written over the consumer's buffer, and the name it carries
 * may be the consumer's own text (canonical_name): when that text lies in
 * the buffer (an A name placed there), it is copied out first.
 */
static NTSTATUS detach_name(resolved *r, const void *buffer, ULONG capacity)
{
    uintptr_t at = (uintptr_t)r->name, start = (uintptr_t)buffer;
    if (buffer == NULL || r->name == r->local || r->name == r->heap || at + r->length <= start ||
        at >= start + capacity)
        return STATUS_SUCCESS;
    char *copy = r->length < sizeof(r->local) ? r->local : malloc(r->length + 1);
    if (copy == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    memcpy(copy, r->name, r->length);
    copy[r->length] = '\0';
    if (copy != r->local)
        r->heap = copy;
    r->name = copy;
    return STATUS_SUCCESS;
}

NTSTATUS kmdfsim_wmik_query_single(const kmdfsim_wmik_block *block, const char *name, size_t length,
                                   kmdfsim_wmik_charset charset, void *buffer, ULONG *size)
{
    resolved r;
    NTSTATUS status = resolve(block, name, length, &r);
    if (!NT_SUCCESS(status))
        return status;
    status = detach_name(&r, buffer, buffer != NULL ? *size : 0);
    if (!NT_SUCCESS(status)) {
        release(&r);
        return status;
    }
    /* The consumer's layout: the same, with the name in its charset. */
    ULONG client_chars = charset == KMDFSIM_WMIK_ANSI ? (ULONG)r.length : r.name_bytes;
    ULONG client_dbo = (ULONG)align64((uint64_t)sizeof(WNODE_SINGLE_INSTANCE) + sizeof(USHORT) + client_chars, 8);
    ULONG capacity = buffer != NULL ? *size : 0;
    uint64_t room = capacity > client_dbo ? capacity - client_dbo : 0;
    request_buffer request;
    if (!build_request(&r, sizeof(WNODE_SINGLE_INSTANCE), WNODE_FLAG_SINGLE_INSTANCE, room, &request)) {
        release(&r);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    ULONG dbo = request.data_offset;
    WNODE_SINGLE_INSTANCE *w = (WNODE_SINGLE_INSTANCE *)(void *)request.bytes;
    w->DataBlockOffset = dbo;
    kmdfsim_wmi_irp irp;
    status = send_request(&r, IRP_MN_QUERY_SINGLE_INSTANCE, &request, &irp);
    ULONG needed = 0;
    if (NT_SUCCESS(status) && answered_too_small(&irp, &needed)) {
        uint64_t data = needed > dbo ? needed - dbo : 0;
        uint64_t total = client_dbo + data;
        *size = total > 0xFFFFFFFFu ? 0xFFFFFFFFu : (ULONG)total;
        status = STATUS_BUFFER_TOO_SMALL;
    } else if (NT_SUCCESS(status)) {
        ULONG data = w->SizeDataBlock;
        if ((uint64_t)dbo + data > request.size || w->DataBlockOffset != dbo) {
            status = STATUS_UNSUCCESSFUL; /* an answer outside the buffer: nothing sensible to return */
        } else {
            ULONG total = client_dbo + data;
            if (total > capacity) {
                *size = total;
                status = STATUS_BUFFER_TOO_SMALL;
            } else {
                UCHAR *out = buffer;
                memcpy(out, request.bytes, sizeof(WNODE_SINGLE_INSTANCE));
                WNODE_SINGLE_INSTANCE *reply = buffer;
                reply->WnodeHeader.BufferSize = total;
                reply->WnodeHeader.Flags &= ~(ULONG)NAME_FLAGS;
                if (charset == KMDFSIM_WMIK_ANSI)
                    reply->WnodeHeader.Flags |= WNODE_FLAG_ANSI_INSTANCENAMES;
                reply->OffsetInstanceName = sizeof(WNODE_SINGLE_INSTANCE);
                reply->DataBlockOffset = client_dbo;
                reply->SizeDataBlock = data;
                ULONG name_end = sizeof(WNODE_SINGLE_INSTANCE) +
                                 kmdfsim_wmik_write_counted(out + sizeof(WNODE_SINGLE_INSTANCE), r.name, r.length, charset);
                memset(out + name_end, 0, client_dbo - name_end); /* the padding up to the data */
                if (data > 0)
                    memcpy(out + client_dbo, request.bytes + dbo, data);
                *size = total;
            }
        }
    }
    request_free(&request);
    release(&r);
    return status;
}

/* Copies the caller's data to the request's DataBlockOffset. */
static void put_data(request_buffer *b, const void *data, ULONG size)
{
    if (size > 0)
        memcpy(b->bytes + b->data_offset, data, size);
}

/* The block with the data argument's check added to the caller's. */
static kmdfsim_wmik_block with_data_check(const kmdfsim_wmik_block *block, const void *data, ULONG size)
{
    kmdfsim_wmik_block checked = *block;
    if (NT_SUCCESS(checked.precheck) && data == NULL && size > 0)
        checked.precheck = STATUS_INVALID_PARAMETER;
    return checked;
}

/*
 * A change request: CHANGE_SINGLE_INSTANCE (a WNODE_SINGLE_INSTANCE) or,
 * with `item`, CHANGE_SINGLE_ITEM (a WNODE_SINGLE_ITEM for `item_id`),
 * carrying the caller's `size` bytes.
 */
static NTSTATUS send_change(const kmdfsim_wmik_block *block, const char *name, size_t length, BOOLEAN item,
                            ULONG item_id, ULONG version, const void *data, ULONG size)
{
    kmdfsim_wmik_block checked = with_data_check(block, data, size);
    resolved r;
    NTSTATUS status = resolve(&checked, name, length, &r);
    if (!NT_SUCCESS(status))
        return status;
    request_buffer request;
    ULONG fixed = item ? sizeof(WNODE_SINGLE_ITEM) : sizeof(WNODE_SINGLE_INSTANCE);
    if (!build_request(&r, fixed, item ? WNODE_FLAG_SINGLE_ITEM : WNODE_FLAG_SINGLE_INSTANCE, size, &request)) {
        release(&r);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    ((WNODE_HEADER *)(void *)request.bytes)->Version = version;
    if (item) {
        WNODE_SINGLE_ITEM *w = (WNODE_SINGLE_ITEM *)(void *)request.bytes;
        w->ItemId = item_id;
        w->DataBlockOffset = request.data_offset;
        w->SizeDataItem = size;
    } else {
        WNODE_SINGLE_INSTANCE *w = (WNODE_SINGLE_INSTANCE *)(void *)request.bytes;
        w->DataBlockOffset = request.data_offset;
        w->SizeDataBlock = size;
    }
    put_data(&request, data, size);
    kmdfsim_wmi_irp irp;
    status = send_request(&r, item ? IRP_MN_CHANGE_SINGLE_ITEM : IRP_MN_CHANGE_SINGLE_INSTANCE, &request, &irp);
    request_free(&request);
    release(&r);
    return status;
}

NTSTATUS kmdfsim_wmik_set_instance(const kmdfsim_wmik_block *block, const char *name, size_t length, ULONG version,
                                   const void *data, ULONG size)
{
    return send_change(block, name, length, FALSE, 0, version, data, size);
}

NTSTATUS kmdfsim_wmik_set_item(const kmdfsim_wmik_block *block, const char *name, size_t length, ULONG item_id,
                               ULONG version, const void *data, ULONG size)
{
    return send_change(block, name, length, TRUE, item_id, version, data, size);
}

NTSTATUS kmdfsim_wmik_execute(const kmdfsim_wmik_block *block, const char *name, size_t length, ULONG method_id,
                              const void *in, ULONG in_size, void *out, ULONG *out_size)
{
    kmdfsim_wmik_block checked = with_data_check(block, in, in_size);
    resolved r;
    NTSTATUS status = resolve(&checked, name, length, &r);
    if (!NT_SUCCESS(status))
        return status;
    ULONG capacity = out != NULL ? *out_size : 0;
    ULONG room = in_size > capacity ? in_size : capacity;
    request_buffer request;
    if (!build_request(&r, sizeof(WNODE_METHOD_ITEM), WNODE_FLAG_METHOD_ITEM, room, &request)) {
        release(&r);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    ULONG dbo = request.data_offset;
    WNODE_METHOD_ITEM *w = (WNODE_METHOD_ITEM *)(void *)request.bytes;
    w->MethodId = method_id;
    w->DataBlockOffset = dbo;
    w->SizeDataBlock = in_size;
    put_data(&request, in, in_size);
    kmdfsim_wmi_irp irp;
    status = send_request(&r, IRP_MN_EXECUTE_METHOD, &request, &irp);
    ULONG needed = 0;
    if (NT_SUCCESS(status) && answered_too_small(&irp, &needed)) {
        *out_size = needed > dbo ? needed - dbo : 0;
        status = STATUS_BUFFER_TOO_SMALL;
    } else if (NT_SUCCESS(status)) {
        ULONG produced = w->SizeDataBlock;
        if (produced > capacity || (uint64_t)dbo + produced > request.size) {
            /* More than the room given (KMDF does not check, semantics §3.2.5): ask for a larger buffer. */
            *out_size = produced;
            status = STATUS_BUFFER_TOO_SMALL;
        } else {
            if (produced > 0)
                memmove(out, request.bytes + dbo, produced);
            *out_size = produced;
        }
    }
    request_free(&request);
    release(&r);
    return status;
}
