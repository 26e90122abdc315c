/*
 * registry.c - the GUID -> providers map of the simulated WMI kernel, fed by
 * the devices' REGINFO_EX answers, and the per-GUID control state (event
 * subscribers, open query handles) that decides which ENABLE/DISABLE
 * requests the providers get.
 *
 * A GUID entry lists the devices providing it in registration order (the
 * order QueryAllData chains their WNODEs in). Entries live while a device
 * provides the GUID, a consumer subscribed to it or holds a handle to it
 * (which points at the entry, so requests through it skip the lookup),
 * or a reconcile loop runs on it.
 */
#include "client/wmi_client.h"

#include "device/device.h"
#include "platform/platform.h"

#include <stdlib.h>
#include <string.h>

static kmdfsim_wmik_guid *g_guids; /* insertion order = first registration order */

/*
 * The table's hash: GUIDs are already random bits, so folding the two
 * halves and mixing them is enough, and much cheaper than uthash's
 * general-purpose hash on every request.
 */
static unsigned guid_hash(const GUID *guid)
{
    uint64_t low, high;
    memcpy(&low, guid, sizeof(low));
    memcpy(&high, (const UCHAR *)guid + sizeof(low), sizeof(high));
    uint64_t h = low ^ (high * 0x9E3779B97F4A7C15ull);
    h ^= h >> 31;
    h *= 0xBF58476D1CE4E5B9ull;
    return (unsigned)(h >> 32);
}

kmdfsim_wmik_guid *kmdfsim_wmik_guid_find(const GUID *guid)
{
    kmdfsim_wmik_guid *e;
    HASH_FIND_BYHASHVALUE(hh, g_guids, guid, sizeof(GUID), guid_hash(guid), e);
    return e;
}

kmdfsim_wmik_guid *kmdfsim_wmik_guid_get(const GUID *guid)
{
    kmdfsim_wmik_guid *e = kmdfsim_wmik_guid_find(guid);
    if (e == NULL) {
        e = calloc(1, sizeof(*e));
        if (e == NULL)
            return NULL;
        e->guid = *guid;
        HASH_ADD_BYHASHVALUE(hh, g_guids, guid, sizeof(GUID), guid_hash(guid), e);
    }
    return e;
}

void kmdfsim_wmik_guid_release_if_unused(kmdfsim_wmik_guid *entry)
{
    if (entry == NULL || entry->providers != NULL || entry->subscribers != NULL || entry->handles != 0 ||
        entry->reconciling)
        return;
    HASH_DEL(g_guids, entry);
    free(entry);
}

/* ---- Applying REGINFO answers ---------------------------------------------- */

static kmdfsim_wmik_provider **find_provider(kmdfsim_wmik_guid *entry, const kmdfsim_wmik_record *record)
{
    for (kmdfsim_wmik_provider **p = &entry->providers; *p != NULL; p = &(*p)->next)
        if ((*p)->record == record)
            return p;
    return NULL;
}

static void remove_provider(kmdfsim_wmik_guid *entry, const kmdfsim_wmik_record *record)
{
    kmdfsim_wmik_provider **p = find_provider(entry, record);
    if (p != NULL) {
        kmdfsim_wmik_provider *gone = *p;
        *p = gone->next;
        free(gone);
    }
}

void kmdfsim_wmik_registry_remove_record(kmdfsim_wmik_record *record)
{
    kmdfsim_wmik_guid *e, *tmp;
    HASH_ITER(hh, g_guids, e, tmp) {
        remove_provider(e, record);
        kmdfsim_wmik_guid_release_if_unused(e);
    }
}

BOOLEAN kmdfsim_wmik_registry_provides(const GUID *guid, const kmdfsim_wmik_record *record)
{
    kmdfsim_wmik_guid *e = kmdfsim_wmik_guid_find(guid);
    return e != NULL && find_provider(e, record) != NULL;
}

void kmdfsim_wmik_registry_apply(kmdfsim_wmik_record *record, const UCHAR *reginfo, ULONG size, BOOLEAN replace,
                                 GUID **guids, ULONG *guid_count)
{
    *guids = NULL;
    *guid_count = 0;
    if (replace)
        kmdfsim_wmik_registry_remove_record(record);
    if (size < sizeof(WMIREGINFOW))
        return;
    const WMIREGINFOW *info = (const WMIREGINFOW *)(const void *)reginfo;
    ULONG count = info->GuidCount;
    if (count > (size - sizeof(WMIREGINFOW)) / sizeof(WMIREGGUIDW))
        return; /* a malformed answer registers nothing */
    *guids = calloc(count > 0 ? count : 1, sizeof(GUID));
    for (ULONG i = 0; i < count; i++) {
        const WMIREGGUIDW *g = &info->WmiRegGuid[i];
        kmdfsim_wmik_guid *entry = kmdfsim_wmik_guid_find(&g->Guid);
        if (g->Flags & WMIREG_FLAG_REMOVE_GUID) {
            if (entry != NULL) {
                remove_provider(entry, record);
                kmdfsim_wmik_guid_release_if_unused(entry);
            }
            continue;
        }
        entry = kmdfsim_wmik_guid_get(&g->Guid);
        if (entry == NULL)
            continue;
        kmdfsim_wmik_provider **p = find_provider(entry, record);
        kmdfsim_wmik_provider *provider = p != NULL ? *p : NULL;
        if (provider == NULL) {
            provider = calloc(1, sizeof(*provider));
            if (provider == NULL) {
                kmdfsim_wmik_guid_release_if_unused(entry);
                continue;
            }
            provider->record = record;
            kmdfsim_wmik_provider **tail = &entry->providers;
            while (*tail != NULL)
                tail = &(*tail)->next;
            *tail = provider;
        }
        provider->flags = g->Flags;
        provider->instance_count = g->InstanceCount;
        if (*guids != NULL)
            (*guids)[(*guid_count)++] = g->Guid;
    }
}

/* ---- Looking things up ----------------------------------------------------- */

static BOOLEAN copy_target(const kmdfsim_wmik_provider *p, kmdfsim_wmik_target *t)
{
    t->provider_id = p->record->provider_id;
    t->instance_count = p->instance_count;
    t->flags = p->flags;
    t->all_data_size = p->all_data_size;
    const char *id = p->record->device->instance_id;
    t->instance_id = kmdfsim_wmik_strndup(id, strlen(id));
    return t->instance_id != NULL;
}

void kmdfsim_wmik_target_clear(kmdfsim_wmik_target *target)
{
    free(target->instance_id);
    target->instance_id = NULL;
}

void kmdfsim_wmik_targets_free(kmdfsim_wmik_target *targets, ULONG count)
{
    if (targets == NULL)
        return;
    for (ULONG i = 0; i < count; i++)
        kmdfsim_wmik_target_clear(&targets[i]);
    free(targets);
}

NTSTATUS kmdfsim_wmik_registry_targets(const GUID *guid, kmdfsim_wmik_target **targets, ULONG *count)
{
    *targets = NULL;
    *count = 0;
    kmdfsim_wmik_lock();
    kmdfsim_wmik_guid *e = kmdfsim_wmik_guid_find(guid);
    ULONG n = 0;
    if (e != NULL)
        for (kmdfsim_wmik_provider *p = e->providers; p != NULL; p = p->next)
            n++;
    if (n == 0) {
        kmdfsim_wmik_unlock();
        return STATUS_WMI_GUID_NOT_FOUND;
    }
    kmdfsim_wmik_target *list = calloc(n, sizeof(*list));
    NTSTATUS status = list != NULL ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES;
    ULONG i = 0;
    for (kmdfsim_wmik_provider *p = e->providers; p != NULL && NT_SUCCESS(status); p = p->next, i++)
        if (!copy_target(p, &list[i]))
            status = STATUS_INSUFFICIENT_RESOURCES;
    kmdfsim_wmik_unlock();
    if (!NT_SUCCESS(status)) {
        kmdfsim_wmik_targets_free(list, n);
        return status;
    }
    *targets = list;
    *count = n;
    return STATUS_SUCCESS;
}

NTSTATUS kmdfsim_wmik_registry_resolve_pin(kmdfsim_wmik_guid *e, const char *name, size_t length,
                                           kmdfsim_wmik_pin *pin, ULONG *index, BOOLEAN *exact)
{
    if (e->providers == NULL)
        return STATUS_WMI_GUID_NOT_FOUND;
    size_t prefix = 0;
    ULONG wanted = 0;
    if (!kmdfsim_wmik_parse_name(name, length, &prefix, &wanted))
        return STATUS_WMI_INSTANCE_NOT_FOUND;
    for (kmdfsim_wmik_provider *p = e->providers; p != NULL; p = p->next) {
        int same = kmdfsim_wmik_compare_id(name, prefix, p->record->device->instance_id);
        if (same != 0 && wanted < p->instance_count) {
            if (!kmdfsim_wmik_pin_provider(p->record, NULL, pin))
                return STATUS_WMI_INSTANCE_NOT_FOUND; /* its device is leaving */
            *index = wanted;
            *exact = same == 2;
            return STATUS_SUCCESS;
        }
    }
    return STATUS_WMI_INSTANCE_NOT_FOUND;
}

void kmdfsim_wmik_registry_remember_size(const GUID *guid, ULONG provider_id, ULONG size)
{
    kmdfsim_wmik_lock();
    kmdfsim_wmik_guid *e = kmdfsim_wmik_guid_find(guid);
    for (kmdfsim_wmik_provider *p = e != NULL ? e->providers : NULL; p != NULL; p = p->next)
        if (p->record->provider_id == provider_id)
            p->all_data_size = size;
    kmdfsim_wmik_unlock();
}

NTSTATUS kmdfsim_wmik_registry_guid_info(const GUID *guid, BOOLEAN *expensive, BOOLEAN *event_only)
{
    *expensive = FALSE;
    *event_only = FALSE;
    kmdfsim_wmik_lock();
    kmdfsim_wmik_guid *e = kmdfsim_wmik_guid_find(guid);
    NTSTATUS status = e != NULL && e->providers != NULL ? STATUS_SUCCESS : STATUS_WMI_GUID_NOT_FOUND;
    if (e != NULL) {
        for (kmdfsim_wmik_provider *p = e->providers; p != NULL; p = p->next) {
            if (p->flags & WMIREG_FLAG_EXPENSIVE)
                *expensive = TRUE;
            if (p->flags & WMIREG_FLAG_EVENT_ONLY_GUID)
                *event_only = TRUE;
        }
    }
    kmdfsim_wmik_unlock();
    return status;
}

NTSTATUS kmdfsim_wmik_registry_enumerate(GUID *list, ULONG *count)
{
    ULONG room = list != NULL ? *count : 0;
    ULONG n = 0;
    kmdfsim_wmik_lock();
    for (kmdfsim_wmik_guid *e = g_guids; e != NULL; e = e->hh.next) {
        if (e->providers == NULL)
            continue;
        if (n < room)
            list[n] = e->guid;
        n++;
    }
    kmdfsim_wmik_unlock();
    *count = n;
    return n > room ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}

NTSTATUS kmdfsim_wmik_registry_device_instances(const GUID *guid, const kmdfsim_device *device, char **instance_id,
                                                ULONG *instance_count)
{
    *instance_id = NULL;
    *instance_count = 0;
    kmdfsim_wmik_lock();
    kmdfsim_wmik_guid *e = kmdfsim_wmik_guid_find(guid);
    NTSTATUS status = e != NULL && e->providers != NULL ? STATUS_WMI_INSTANCE_NOT_FOUND : STATUS_WMI_GUID_NOT_FOUND;
    if (e != NULL) {
        for (kmdfsim_wmik_provider *p = e->providers; p != NULL; p = p->next) {
            if (p->record->device == device && p->instance_count > 0) {
                *instance_id = kmdfsim_wmik_strndup(device->instance_id, strlen(device->instance_id));
                *instance_count = p->instance_count;
                status = *instance_id != NULL ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES;
                break;
            }
        }
    }
    kmdfsim_wmik_unlock();
    return status;
}

/* ---- Function control ------------------------------------------------------ */

/* Per-thread depth of reconcile loops sending requests (a callback inside one must not wait for it). */
static KMDFSIM_THREAD_LOCAL ULONG t_reconcile_depth;

/* Lock held. The first provider whose state differs from what the consumers ask for, and the request it needs. */
static kmdfsim_wmik_provider *next_change(kmdfsim_wmik_guid *e, UCHAR *minor)
{
    BOOLEAN want_events = e->subscriber_count > 0;
    for (kmdfsim_wmik_provider *p = e->providers; p != NULL; p = p->next) {
        if (p->events_on != want_events) {
            *minor = want_events ? IRP_MN_ENABLE_EVENTS : IRP_MN_DISABLE_EVENTS;
            return p;
        }
        BOOLEAN want_collection = (p->flags & WMIREG_FLAG_EXPENSIVE) != 0 && e->query_opens > 0;
        if (p->collection_on != want_collection) {
            *minor = want_collection ? IRP_MN_ENABLE_COLLECTION : IRP_MN_DISABLE_COLLECTION;
            return p;
        }
    }
    return NULL;
}

void kmdfsim_wmik_reconcile(const GUID *guid)
{
    uint64_t self = kmdfsim_thread_self_id();
    kmdfsim_wmik_lock();
    kmdfsim_wmik_guid *e = kmdfsim_wmik_guid_find(guid);
    while (e != NULL && e->reconciling) {
        if (e->reconcile_owner == self || t_reconcile_depth > 0) {
            /* The running loop re-reads the state before it stops, so it will see this change. */
            kmdfsim_wmik_unlock();
            return;
        }
        kmdfsim_wmik_wait();
        e = kmdfsim_wmik_guid_find(guid);
    }
    if (e == NULL) {
        kmdfsim_wmik_unlock();
        return;
    }
    e->reconciling = TRUE;
    e->reconcile_owner = self;
    t_reconcile_depth++;
    for (;;) {
        UCHAR minor = 0;
        kmdfsim_wmik_provider *p = next_change(e, &minor);
        if (p == NULL)
            break;
        /* What WMI believes from now on; a provider that fails the request is not asked again. */
        if (minor == IRP_MN_ENABLE_EVENTS || minor == IRP_MN_DISABLE_EVENTS)
            p->events_on = minor == IRP_MN_ENABLE_EVENTS;
        else
            p->collection_on = minor == IRP_MN_ENABLE_COLLECTION;
        ULONG provider_id = p->record->provider_id;
        GUID target = e->guid;
        kmdfsim_wmik_unlock();

        WNODE_HEADER header;
        memset(&header, 0, sizeof(header));
        header.BufferSize = sizeof(header);
        header.ProviderId = provider_id;
        header.Guid = target;
        header.Flags = WNODE_FLAG_STATIC_INSTANCE_NAMES | WNODE_FLAG_PDO_INSTANCE_NAMES;
        kmdfsim_wmi_irp irp;
        memset(&irp, 0, sizeof(irp));
        irp.minor_function = minor;
        irp.buffer = &header;
        irp.buffer_size = sizeof(header);
        (void)kmdfsim_wmik_send(provider_id, &target, &irp, FALSE);

        kmdfsim_wmik_lock();
        /* The entry cannot go while `reconciling` is set. */
    }
    t_reconcile_depth--;
    e->reconciling = FALSE;
    kmdfsim_wmik_broadcast();
    kmdfsim_wmik_guid_release_if_unused(e);
    kmdfsim_wmik_unlock();
}
