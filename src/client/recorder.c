/*
 * recorder.c - the event recorder of kmdfsim/wmi.h: a WMI consumer that
 * subscribes to one GUID as WmiNotificationRegistrationW does and keeps a
 * copy of each event it receives, for tests to wait for and read back.
 */
#include "client/wmi_client.h"

#include "platform/platform.h"

#include <stdlib.h>
#include <string.h>

typedef struct recorded {
    kmdfsim_wmi_event event;
    char name[KMDFSIM_WMI_NAME_MAX];
    UCHAR *wnode;
} recorded;

struct kmdfsim_wmi_recorder {
    GUID guid;
    kmdfsim_mutex lock;
    kmdfsim_cond arrived;
    recorded **events;
    ULONG count;
    ULONG capacity;
};

static VOID WMIAPI record_event(PWNODE_HEADER wnode, UINT_PTR context)
{
    kmdfsim_wmi_recorder *recorder = (kmdfsim_wmi_recorder *)context;
    recorded *r = calloc(1, sizeof(*r));
    UCHAR *copy = r != NULL ? malloc(wnode->BufferSize) : NULL;
    if (copy == NULL) {
        free(r);
        return;
    }
    memcpy(copy, wnode, wnode->BufferSize);
    r->wnode = copy;
    const WNODE_HEADER *h = (const WNODE_HEADER *)(const void *)copy;
    kmdfsim_wmi_event *e = &r->event;
    e->guid = h->Guid;
    e->provider_id = h->ProviderId;
    e->timestamp = h->TimeStamp;
    e->flags = h->Flags;
    e->wnode = h;
    e->instance_name = r->name;
    kmdfsim_wmi_instance_data item;
    if (kmdfsim_wmi_single_instance_read(copy, h->BufferSize, &item)) {
        e->instance_index = item.index;
        e->data = item.data;
        e->size = item.size;
        memcpy(r->name, item.name, sizeof(r->name));
    }

    kmdfsim_mutex_lock(&recorder->lock);
    if (recorder->count == recorder->capacity) {
        ULONG capacity = recorder->capacity > 0 ? recorder->capacity * 2 : 16;
        recorded **grown = realloc(recorder->events, capacity * sizeof(*grown));
        if (grown == NULL) {
            kmdfsim_mutex_unlock(&recorder->lock);
            free(copy);
            free(r);
            return;
        }
        recorder->events = grown;
        recorder->capacity = capacity;
    }
    recorder->events[recorder->count++] = r;
    kmdfsim_cond_broadcast(&recorder->arrived);
    kmdfsim_mutex_unlock(&recorder->lock);
}

ULONG kmdfsim_wmi_recorder_start(const GUID *guid, kmdfsim_wmi_recorder **recorder)
{
    if (recorder == NULL || guid == NULL)
        return kmdfsim_wmi_status_to_win32(STATUS_INVALID_PARAMETER);
    *recorder = NULL;
    kmdfsim_wmi_recorder *r = calloc(1, sizeof(*r));
    if (r == NULL)
        return kmdfsim_wmi_status_to_win32(STATUS_INSUFFICIENT_RESOURCES);
    r->guid = *guid;
    kmdfsim_mutex_init(&r->lock);
    kmdfsim_cond_init(&r->arrived);
    kmdfsim_wmik_subscription model;
    memset(&model, 0, sizeof(model));
    model.kind = KMDFSIM_WMIK_SUB_USER_W;
    model.callback.user = record_event;
    model.user_context = (ULONG_PTR)r;
    kmdfsim_wmik_subscription *subscription = NULL;
    NTSTATUS status = kmdfsim_wmik_subscribe(guid, &model, &subscription);
    if (!NT_SUCCESS(status)) {
        kmdfsim_cond_destroy(&r->arrived);
        kmdfsim_mutex_destroy(&r->lock);
        free(r);
        return kmdfsim_wmi_status_to_win32(status);
    }
    *recorder = r;
    return ERROR_SUCCESS;
}

void kmdfsim_wmi_recorder_clear(kmdfsim_wmi_recorder *recorder)
{
    if (recorder == NULL)
        return;
    kmdfsim_mutex_lock(&recorder->lock);
    for (ULONG i = 0; i < recorder->count; i++) {
        free(recorder->events[i]->wnode);
        free(recorder->events[i]);
    }
    recorder->count = 0;
    kmdfsim_mutex_unlock(&recorder->lock);
}

void kmdfsim_wmi_recorder_stop(kmdfsim_wmi_recorder *recorder)
{
    if (recorder == NULL)
        return;
    (void)kmdfsim_wmik_unsubscribe_user(&recorder->guid, record_event, (ULONG_PTR)recorder);
    kmdfsim_wmi_recorder_clear(recorder);
    free(recorder->events);
    kmdfsim_cond_destroy(&recorder->arrived);
    kmdfsim_mutex_destroy(&recorder->lock);
    free(recorder);
}

BOOLEAN kmdfsim_wmi_recorder_wait(kmdfsim_wmi_recorder *recorder, ULONG count, ULONG timeout_ms)
{
    if (recorder == NULL)
        return FALSE;
    uint64_t deadline = kmdfsim_monotonic_ns() + (uint64_t)timeout_ms * 1000000u;
    kmdfsim_mutex_lock(&recorder->lock);
    while (recorder->count < count) {
        uint64_t now = kmdfsim_monotonic_ns();
        if (now >= deadline)
            break;
        (void)kmdfsim_cond_timedwait(&recorder->arrived, &recorder->lock, deadline - now);
    }
    BOOLEAN reached = recorder->count >= count;
    kmdfsim_mutex_unlock(&recorder->lock);
    return reached;
}

ULONG kmdfsim_wmi_recorder_count(kmdfsim_wmi_recorder *recorder)
{
    if (recorder == NULL)
        return 0;
    kmdfsim_mutex_lock(&recorder->lock);
    ULONG count = recorder->count;
    kmdfsim_mutex_unlock(&recorder->lock);
    return count;
}

BOOLEAN kmdfsim_wmi_recorder_get(kmdfsim_wmi_recorder *recorder, ULONG index, kmdfsim_wmi_event *event)
{
    if (recorder == NULL || event == NULL)
        return FALSE;
    kmdfsim_mutex_lock(&recorder->lock);
    BOOLEAN found = index < recorder->count;
    if (found)
        *event = recorder->events[index]->event;
    kmdfsim_mutex_unlock(&recorder->lock);
    return found;
}
