/*
 * events.c - event intake (IoWMIWriteEvent) and delivery to the consumers
 * that subscribed to the event's GUID (WmiNotificationRegistration with
 * NOTIFICATION_CALLBACK_DIRECT, IoWMISetNotificationCallback).
 *
 * Delivery is synchronous: IoWMIWriteEvent calls every subscriber of the
 * GUID, in subscription order, on the firing thread, at PASSIVE_LEVEL and
 * without the kernel lock, then frees the event (WMI owns it on success).
 * So the events one thread fires reach each subscriber in firing order.
 * An event nobody subscribed to is accepted and dropped.
 *
 * What a subscriber receives:
 *  - kernel callbacks: a copy of the WNODE the driver fired, unchanged;
 *  - user callbacks: a copy in which a static instance name (KMDF's events
 *    carry WNODE_FLAG_STATIC_INSTANCE_NAMES and an InstanceIndex) is written
 *    out as a counted string after the data - UTF-16 for the W API, 8-bit
 *    with WNODE_FLAG_ANSI_INSTANCENAMES for the A API - with
 *    OffsetInstanceName pointing at it and the STATIC/PDO name flags
 *    cleared, as consumers see names, not indexes. The data stays where the
 *    driver put it (DataBlockOffset 64 for KMDF).
 *
 * Unsubscribing waits for deliveries to that subscriber running on other
 * threads, so once it returns the callback is not called again (a callback
 * may unsubscribe itself).
 */
#include "client/wmi_client.h"

#include "device/device.h"
#include "kernel/irql.h"
#include "platform/platform.h"
#include "verifier/verifier_internal.h"

#include <stdlib.h>
#include <string.h>

static ULONG g_max_event_size = 1024;
static kmdfsim_wmi_event_hook g_event_hook;
static void *g_event_context;

/* Deliveries running on this thread (a callback that unsubscribes must not wait for itself). */
typedef struct delivery_frame {
    const kmdfsim_wmik_subscription *subscription;
    struct delivery_frame *prev;
} delivery_frame;
static KMDFSIM_THREAD_LOCAL delivery_frame *t_deliveries;

/*
 * Events this thread is delivering. Routing an event takes a delivery
 * reference on every subscriber at once; the ones it has not reached yet
 * are this thread's too, so a callback that unsubscribes a later
 * subscriber of the same event must not wait for them (that subscriber is
 * skipped instead).
 */
typedef struct route_frame {
    kmdfsim_wmik_subscription *const *subs;
    ULONG next;  /* subs[next..count) are still to be delivered */
    ULONG count;
    struct route_frame *prev;
} route_frame;
static KMDFSIM_THREAD_LOCAL route_frame *t_routes;

void kmdfsim_wmi_kernel_set_event_hook(kmdfsim_wmi_event_hook hook, void *context)
{
    kmdfsim_wmik_lock();
    g_event_hook = hook;
    g_event_context = context;
    kmdfsim_wmik_unlock();
}

void kmdfsim_wmi_set_max_event_size(ULONG bytes)
{
    kmdfsim_wmik_lock();
    g_max_event_size = bytes;
    kmdfsim_wmik_unlock();
}

/* ---- Subscriptions -------------------------------------------------------- */

NTSTATUS kmdfsim_wmik_subscribe(const GUID *guid, const kmdfsim_wmik_subscription *model,
                                kmdfsim_wmik_subscription **subscription)
{
    *subscription = NULL;
    kmdfsim_wmik_subscription *s = malloc(sizeof(*s));
    if (s == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    *s = *model;
    s->deliveries = 0;
    kmdfsim_atomic_store32(&s->removed, 0);
    s->remover_waiting = FALSE;
    s->next = NULL;
    kmdfsim_wmik_lock();
    kmdfsim_wmik_guid *e = kmdfsim_wmik_guid_get(guid);
    if (e == NULL) {
        kmdfsim_wmik_unlock();
        free(s);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    kmdfsim_wmik_subscription **tail = &e->subscribers;
    for (; *tail != NULL; tail = &(*tail)->next) {
        const kmdfsim_wmik_subscription *o = *tail;
        if (s->kind != KMDFSIM_WMIK_SUB_KERNEL && o->kind != KMDFSIM_WMIK_SUB_KERNEL &&
            o->callback.user == s->callback.user && o->user_context == s->user_context) {
            kmdfsim_wmik_unlock();
            free(s);
            return STATUS_WMI_ALREADY_ENABLED;
        }
    }
    *tail = s;
    e->subscriber_count++;
    kmdfsim_wmik_unlock();
    *subscription = s;
    kmdfsim_wmik_reconcile(guid); /* the first subscriber enables events */
    return STATUS_SUCCESS;
}

/* Delivery references this thread holds on `s`: deliveries running, and deliveries of routed events still to come. */
static ULONG own_deliveries(const kmdfsim_wmik_subscription *s)
{
    ULONG n = 0;
    for (const delivery_frame *f = t_deliveries; f != NULL; f = f->prev)
        if (f->subscription == s)
            n++;
    for (const route_frame *f = t_routes; f != NULL; f = f->prev)
        for (ULONG j = f->next; j < f->count; j++)
            if (f->subs[j] == s)
                n++;
    return n;
}

/* Lock held: unlinks `s` from `e`, waits for its deliveries elsewhere, frees it unless one of ours still runs. */
static void remove_subscription(kmdfsim_wmik_guid *e, kmdfsim_wmik_subscription *s)
{
    for (kmdfsim_wmik_subscription **p = &e->subscribers; *p != NULL; p = &(*p)->next) {
        if (*p == s) {
            *p = s->next;
            e->subscriber_count--;
            break;
        }
    }
    kmdfsim_atomic_store32(&s->removed, 1);
    ULONG own = own_deliveries(s);
    s->remover_waiting = TRUE;
    while (s->deliveries > own)
        kmdfsim_wmik_wait();
    s->remover_waiting = FALSE;
    if (s->deliveries == 0)
        free(s); /* else a delivery on this thread (the callback unsubscribed itself) frees it when it ends */
}

NTSTATUS kmdfsim_wmik_unsubscribe_user(const GUID *guid, NOTIFICATIONCALLBACK callback, ULONG_PTR context)
{
    kmdfsim_wmik_lock();
    kmdfsim_wmik_guid *e = kmdfsim_wmik_guid_find(guid);
    kmdfsim_wmik_subscription *s = NULL;
    /* The subscription with this callback and context, else the first with this callback. */
    for (int pass = 0; pass < 2 && s == NULL; pass++)
        for (s = e != NULL ? e->subscribers : NULL; s != NULL; s = s->next)
            if (s->kind != KMDFSIM_WMIK_SUB_KERNEL && s->callback.user == callback &&
                (pass == 1 || s->user_context == context))
                break;
    if (s == NULL) {
        kmdfsim_wmik_unlock();
        return STATUS_WMI_ALREADY_DISABLED;
    }
    remove_subscription(e, s);
    kmdfsim_wmik_unlock();
    kmdfsim_wmik_reconcile(guid); /* the last subscriber disables events */
    kmdfsim_wmik_lock();
    kmdfsim_wmik_guid_release_if_unused(kmdfsim_wmik_guid_find(guid));
    kmdfsim_wmik_unlock();
    return STATUS_SUCCESS;
}

void kmdfsim_wmik_unsubscribe(const GUID *guid, kmdfsim_wmik_subscription *subscription)
{
    kmdfsim_wmik_lock();
    kmdfsim_wmik_guid *e = kmdfsim_wmik_guid_find(guid);
    if (e != NULL)
        remove_subscription(e, subscription);
    kmdfsim_wmik_unlock();
    kmdfsim_wmik_reconcile(guid);
    kmdfsim_wmik_lock();
    kmdfsim_wmik_guid_release_if_unused(kmdfsim_wmik_guid_find(guid));
    kmdfsim_wmik_unlock();
}

/* ---- Delivery --------------------------------------------------------------- */

/*
 * The user-mode form of a static-name single-instance event: the name
 * appended after the data (see the top of the file). Returns its size, 0
 * when the event has another form or no name is known (deliver a plain
 * copy). Writes it to `out` when it fits in `capacity`.
 */
static ULONG user_form(const WNODE_HEADER *event, const char *name, size_t length, kmdfsim_wmik_charset charset,
                       UCHAR *out, ULONG capacity)
{
    const ULONG flags = event->Flags;
    if (name == NULL || (flags & WNODE_FLAG_SINGLE_INSTANCE) == 0 || (flags & WNODE_FLAG_STATIC_INSTANCE_NAMES) == 0 ||
        event->BufferSize < sizeof(WNODE_SINGLE_INSTANCE))
        return 0;
    const WNODE_SINGLE_INSTANCE *w = (const WNODE_SINGLE_INSTANCE *)(const void *)event;
    uint64_t data_end = (uint64_t)w->DataBlockOffset + w->SizeDataBlock;
    if (w->DataBlockOffset < sizeof(WNODE_SINGLE_INSTANCE) || data_end > event->BufferSize)
        return 0;
    ULONG chars = kmdfsim_wmik_counted_chars(name, length, charset);
    uint64_t name_offset = (data_end + 1) & ~(uint64_t)1;
    uint64_t size = name_offset + sizeof(USHORT) + chars;
    if (chars > 0xFFFFu || size > 0xFFFFFFFFu)
        return 0;
    if (size > capacity)
        return (ULONG)size;
    memcpy(out, event, (size_t)data_end);
    if (name_offset > data_end)
        out[data_end] = 0; /* the alignment byte */
    kmdfsim_wmik_write_counted(out + name_offset, name, length, charset);
    WNODE_SINGLE_INSTANCE *copy = (WNODE_SINGLE_INSTANCE *)(void *)out;
    copy->WnodeHeader.BufferSize = (ULONG)size;
    copy->WnodeHeader.Flags &= ~(ULONG)(WNODE_FLAG_STATIC_INSTANCE_NAMES | WNODE_FLAG_PDO_INSTANCE_NAMES);
    if (charset == KMDFSIM_WMIK_ANSI)
        copy->WnodeHeader.Flags |= WNODE_FLAG_ANSI_INSTANCENAMES;
    copy->OffsetInstanceName = (ULONG)name_offset;
    return (ULONG)size;
}

/* Events up to this size are copied for a subscriber on the stack. */
#define EVENT_STACK 512u

/* The subscriber's own copy of the event: in `local` (EVENT_STACK bytes) when it fits, else malloc'd. */
static UCHAR *subscriber_copy(const kmdfsim_wmik_subscription *s, const WNODE_HEADER *event, const char *name,
                              size_t length, UCHAR *local)
{
    if (s->kind != KMDFSIM_WMIK_SUB_KERNEL) {
        kmdfsim_wmik_charset charset = s->kind == KMDFSIM_WMIK_SUB_USER_A ? KMDFSIM_WMIK_ANSI : KMDFSIM_WMIK_UTF16;
        ULONG size = user_form(event, name, length, charset, local, EVENT_STACK);
        if (size > EVENT_STACK) {
            UCHAR *heap = malloc(size);
            if (heap != NULL)
                user_form(event, name, length, charset, heap, size);
            return heap;
        }
        if (size > 0)
            return local;
    }
    UCHAR *copy = event->BufferSize <= EVENT_STACK ? local : malloc(event->BufferSize);
    if (copy != NULL)
        memcpy(copy, event, event->BufferSize);
    return copy;
}

static void deliver(kmdfsim_wmik_subscription *s, const WNODE_HEADER *event, const char *name, size_t length)
{
    if (kmdfsim_atomic_load32(&s->removed) == 0) {
        union {
            UCHAR bytes[EVENT_STACK];
            max_align_t align;
        } local;
        UCHAR *copy = subscriber_copy(s, event, name, length, local.bytes);
        if (copy != NULL) {
            delivery_frame frame;
            frame.subscription = s;
            frame.prev = t_deliveries;
            t_deliveries = &frame;
            KIRQL irql = KeGetCurrentIrql();
            kmdfsim_irql_set(PASSIVE_LEVEL);
            kmdfsim_driver *previous = kmdfsim_driver_enter(s->kind == KMDFSIM_WMIK_SUB_KERNEL ? s->driver : NULL);
            if (s->kind == KMDFSIM_WMIK_SUB_KERNEL)
                s->callback.kernel(copy, s->kernel_context);
            else
                s->callback.user((PWNODE_HEADER)(void *)copy, s->user_context);
            kmdfsim_driver_leave(previous);
            kmdfsim_irql_set(irql);
            t_deliveries = frame.prev;
            if (copy != local.bytes)
                free(copy);
        }
    }
    kmdfsim_wmik_lock();
    s->deliveries--;
    if (kmdfsim_atomic_load32(&s->removed) != 0 && s->deliveries == 0 && !s->remover_waiting)
        free(s);
    kmdfsim_wmik_broadcast();
    kmdfsim_wmik_unlock();
}

/* Subscribers kept on the stack while an event is delivered; more are malloc'd. */
#define ROUTE_STACK 8u

/* Who gets one event, collected in one trip through the kernel lock. */
typedef struct route {
    kmdfsim_wmik_subscription **subs; /* `local` or malloc'd */
    ULONG count;
    const char *name;                 /* the firing instance's name, NULL when not known */
    size_t length;
    char *heap_name;
    kmdfsim_wmik_subscription *local[ROUTE_STACK];
    char local_name[256];
} route;

/* Lock held: the name of the instance that fired, from the providing device's instance ID and the event's index. */
static void route_name(route *r, const WNODE_HEADER *event)
{
    if ((event->Flags & WNODE_FLAG_SINGLE_INSTANCE) == 0 || (event->Flags & WNODE_FLAG_STATIC_INSTANCE_NAMES) == 0 ||
        event->BufferSize < sizeof(WNODE_SINGLE_INSTANCE))
        return;
    kmdfsim_wmik_record *record = kmdfsim_wmik_record_by_id(event->ProviderId);
    if (record == NULL || record->zombie)
        return;
    const char *id = record->device->instance_id;
    ULONG index = ((const WNODE_SINGLE_INSTANCE *)(const void *)event)->InstanceIndex;
    r->length = kmdfsim_wmik_format_name(id, index, r->local_name, sizeof(r->local_name));
    r->name = r->local_name;
    if (r->length >= sizeof(r->local_name)) {
        r->heap_name = malloc(r->length + 1);
        if (r->heap_name != NULL)
            kmdfsim_wmik_format_name(id, index, r->heap_name, r->length + 1);
        r->name = r->heap_name;
    }
}

/* Lock held: takes a delivery reference on every subscriber of the event's GUID, in order. */
static void route_collect(route *r, const WNODE_HEADER *event)
{
    r->subs = r->local;
    r->count = 0;
    r->name = NULL;
    r->heap_name = NULL;
    kmdfsim_wmik_guid *e = kmdfsim_wmik_guid_find(&event->Guid);
    ULONG n = e != NULL ? e->subscriber_count : 0;
    if (n == 0)
        return; /* nobody listens: dropped, as WMI drops what nobody reads */
    if (n > ROUTE_STACK) {
        r->subs = malloc(n * sizeof(*r->subs));
        if (r->subs == NULL) {
            r->subs = r->local;
            return; /* no memory: dropped */
        }
    }
    for (kmdfsim_wmik_subscription *s = e->subscribers; s != NULL && r->count < n; s = s->next) {
        r->subs[r->count++] = s;
        s->deliveries++;
    }
    route_name(r, event);
}

static void route_free(route *r)
{
    if (r->subs != r->local)
        free(r->subs);
    free(r->heap_name);
}

NTSTATUS NTAPI IoWMIWriteEvent(PVOID WnodeEventItem)
{
    if (!kmdfsim_irql_check_max(APC_LEVEL, "IoWMIWriteEvent"))
        return STATUS_INVALID_DEVICE_REQUEST;
    const WNODE_HEADER *event = WnodeEventItem;
    if (event == NULL) {
        kmdfsim_verify_fail("NULL_PARAMETER", "IoWMIWriteEvent", NULL, "WnodeEventItem is NULL");
        return STATUS_INVALID_PARAMETER;
    }
    if (event->BufferSize < sizeof(WNODE_HEADER) || (event->Flags & WNODE_FLAG_EVENT_ITEM) == 0) {
        kmdfsim_verify_fail("MALFORMED_WNODE", "IoWMIWriteEvent", WnodeEventItem,
                            "an event needs BufferSize >= 48 and WNODE_FLAG_EVENT_ITEM (BufferSize %lu, Flags 0x%lX)",
                            (unsigned long)event->BufferSize, (unsigned long)event->Flags);
        return STATUS_INVALID_PARAMETER;
    }
    kmdfsim_wmik_lock();
    ULONG limit = g_max_event_size;
    kmdfsim_wmi_event_hook hook = g_event_hook;
    void *context = g_event_context;
    route r;
    if (event->BufferSize <= limit && hook == NULL)
        route_collect(&r, event); /* the usual case: one trip through the lock */
    kmdfsim_wmik_unlock();
    if (event->BufferSize > limit)
        return STATUS_BUFFER_OVERFLOW;
    if (hook != NULL) {
        /* The hook sees the event before anyone is routed to, and holds no delivery reference. */
        hook(event, context);
        kmdfsim_wmik_lock();
        route_collect(&r, event);
        kmdfsim_wmik_unlock();
    }
    route_frame frame = {r.subs, 0, r.count, t_routes};
    t_routes = &frame;
    for (ULONG i = 0; i < r.count; i++) {
        frame.next = i + 1; /* subs[i]'s reference is the running delivery's from here */
        deliver(r.subs[i], event, r.name, r.length);
    }
    t_routes = frame.prev;
    route_free(&r);
    /* On success WMI owns the buffer and frees it. */
    ExFreePool(WnodeEventItem);
    return STATUS_SUCCESS;
}
