/*
 * handles.c - data-block handles: WMIHANDLEs of the user-mode API and the
 * data-block objects of IoWMIOpenBlock.
 *
 * A handle records its GUID and the access it was opened with; it does not
 * hold on to any device, so a provider that goes away leaves the handle
 * usable (its requests then fail cleanly) and a provider that arrives later
 * is reached through it. Handle values are numbers that are never reused,
 * so a closed or forged handle is always recognised.
 *
 * Query handles of a GUID are counted: an expensive block gets
 * IRP_MN_ENABLE_COLLECTION on the first open with WMIGUID_QUERY and
 * IRP_MN_DISABLE_COLLECTION after the last such close.
 */
#include "client/wmi_client.h"

#include "device/driver.h"

#include <stdlib.h>
#include <string.h>

typedef struct handle_entry {
    uintptr_t value; /* key */
    GUID guid;
    ULONG access;
    BOOLEAN kernel;
    LONG references;                          /* kernel objects: ObReference/ObDereference */
    kmdfsim_wmik_guid *entry;                 /* the GUID's registry entry, kept while the handle is open */
    kmdfsim_wmik_subscription *subscription;  /* kernel objects: IoWMISetNotificationCallback */
    UT_hash_handle hh;
} handle_entry;

static handle_entry *g_handles;
static uintptr_t g_next_value;

/* Values look like aligned pointers and are never NULL: 0x10010, 0x10020, ... */
#define HANDLE_BASE ((uintptr_t)0x10000u)
#define HANDLE_STEP ((uintptr_t)0x10u)

/* Handle values are consecutive multiples of HANDLE_STEP: their sequence number is a perfect hash. */
static unsigned handle_hash(uintptr_t value) { return (unsigned)(value / HANDLE_STEP); }

/* Lock held. */
static handle_entry *find_handle(PVOID handle, BOOLEAN kernel)
{
    uintptr_t value = (uintptr_t)handle;
    handle_entry *h;
    HASH_FIND_BYHASHVALUE(hh, g_handles, &value, sizeof(value), handle_hash(value), h);
    return h != NULL && h->kernel == kernel ? h : NULL;
}

BOOLEAN kmdfsim_wmik_is_kernel_object(PVOID object)
{
    kmdfsim_wmik_lock();
    BOOLEAN found = find_handle(object, TRUE) != NULL;
    kmdfsim_wmik_unlock();
    return found;
}

NTSTATUS kmdfsim_wmik_handle_open(const GUID *guid, ULONG access, BOOLEAN kernel, PVOID *handle)
{
    *handle = NULL;
    handle_entry *h = calloc(1, sizeof(*h));
    if (h == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    kmdfsim_wmik_lock();
    kmdfsim_wmik_guid *e = kmdfsim_wmik_guid_find(guid);
    if (e == NULL || e->providers == NULL) {
        kmdfsim_wmik_unlock();
        free(h);
        return STATUS_WMI_GUID_NOT_FOUND;
    }
    if (g_next_value == 0)
        g_next_value = HANDLE_BASE;
    g_next_value += HANDLE_STEP;
    h->value = g_next_value;
    h->guid = *guid;
    h->access = access;
    h->kernel = kernel;
    h->references = 1;
    h->entry = e;
    e->handles++;
    HASH_ADD_BYHASHVALUE(hh, g_handles, value, sizeof(h->value), handle_hash(h->value), h);
    BOOLEAN query = (access & WMIGUID_QUERY) != 0;
    if (query)
        e->query_opens++;
    *handle = (PVOID)h->value;
    kmdfsim_wmik_unlock();
    if (query)
        kmdfsim_wmik_reconcile(guid);
    return STATUS_SUCCESS;
}

/* Closes `h` for good: removes it, its notification callback and its query count. */
static void close_entry(handle_entry *h)
{
    GUID guid = h->guid;
    BOOLEAN query = (h->access & WMIGUID_QUERY) != 0;
    kmdfsim_wmik_subscription *subscription = h->subscription;
    kmdfsim_wmik_lock();
    HASH_DEL(g_handles, h);
    kmdfsim_wmik_guid *e = h->entry;
    e->handles--;
    if (query && e->query_opens > 0)
        e->query_opens--;
    if (!query)
        kmdfsim_wmik_guid_release_if_unused(e); /* a query handle's entry goes after the reconcile below */
    kmdfsim_wmik_unlock();
    free(h);
    if (subscription != NULL)
        kmdfsim_wmik_unsubscribe(&guid, subscription);
    if (query) {
        kmdfsim_wmik_reconcile(&guid);
        kmdfsim_wmik_lock();
        kmdfsim_wmik_guid_release_if_unused(kmdfsim_wmik_guid_find(&guid));
        kmdfsim_wmik_unlock();
    }
}

NTSTATUS kmdfsim_wmik_handle_close(PVOID handle, BOOLEAN kernel)
{
    kmdfsim_wmik_lock();
    handle_entry *h = find_handle(handle, kernel);
    if (h == NULL) {
        kmdfsim_wmik_unlock();
        return STATUS_INVALID_HANDLE;
    }
    BOOLEAN last = --h->references == 0;
    if (last)
        h->references = -1; /* closing: no more references or lookups through it */
    kmdfsim_wmik_unlock();
    if (last)
        close_entry(h);
    return STATUS_SUCCESS;
}

NTSTATUS kmdfsim_wmik_handle_reference(PVOID handle)
{
    kmdfsim_wmik_lock();
    handle_entry *h = find_handle(handle, TRUE);
    NTSTATUS status = h != NULL && h->references > 0 ? STATUS_SUCCESS : STATUS_INVALID_HANDLE;
    if (NT_SUCCESS(status))
        h->references++;
    kmdfsim_wmik_unlock();
    return status;
}

NTSTATUS kmdfsim_wmik_handle_guid_locked(PVOID handle, BOOLEAN kernel, ULONG needed, GUID *guid,
                                         kmdfsim_wmik_guid **entry)
{
    handle_entry *h = find_handle(handle, kernel);
    if (h == NULL || h->references <= 0)
        return STATUS_INVALID_HANDLE;
    *guid = h->guid;
    if (entry != NULL)
        *entry = h->entry;
    return (h->access & needed) == needed ? STATUS_SUCCESS : STATUS_ACCESS_DENIED;
}

NTSTATUS kmdfsim_wmik_handle_guid(PVOID handle, BOOLEAN kernel, ULONG needed, GUID *guid)
{
    kmdfsim_wmik_lock();
    NTSTATUS status = kmdfsim_wmik_handle_guid_locked(handle, kernel, needed, guid, NULL);
    kmdfsim_wmik_unlock();
    return status;
}

NTSTATUS kmdfsim_wmik_handle_set_callback(PVOID handle, WMI_NOTIFICATION_CALLBACK callback, PVOID context)
{
    kmdfsim_wmik_lock();
    handle_entry *h = find_handle(handle, TRUE);
    if (h == NULL || h->references <= 0) {
        kmdfsim_wmik_unlock();
        return STATUS_INVALID_HANDLE;
    }
    if ((h->access & WMIGUID_NOTIFICATION) == 0) {
        kmdfsim_wmik_unlock();
        return STATUS_ACCESS_DENIED;
    }
    GUID guid = h->guid;
    kmdfsim_wmik_subscription *old = h->subscription;
    h->subscription = NULL;
    kmdfsim_wmik_unlock();

    NTSTATUS status = STATUS_SUCCESS;
    kmdfsim_wmik_subscription *added = NULL;
    if (callback != NULL) {
        kmdfsim_wmik_subscription model;
        memset(&model, 0, sizeof(model));
        model.kind = KMDFSIM_WMIK_SUB_KERNEL;
        model.callback.kernel = callback;
        model.kernel_context = context;
        model.driver = kmdfsim_driver_current();
        status = kmdfsim_wmik_subscribe(&guid, &model, &added);
    }
    if (old != NULL)
        kmdfsim_wmik_unsubscribe(&guid, old);
    if (added != NULL) {
        kmdfsim_wmik_lock();
        h = find_handle(handle, TRUE);
        BOOLEAN attached = h != NULL && h->references > 0 && h->subscription == NULL;
        if (attached)
            h->subscription = added;
        kmdfsim_wmik_unlock();
        if (!attached) /* closed (or given another callback) meanwhile */
            kmdfsim_wmik_unsubscribe(&guid, added);
    }
    return status;
}
