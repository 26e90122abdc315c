/*
 * provider.c - WDFWMIPROVIDER: creation rules (semantics §1.7.1), the
 * instance list (§1.7.3-4, §2.4), accessors (§1.7.5).
 *
 * A provider belongs to its device (parent) and cannot be deleted by the
 * driver; it goes when the device goes. A second provider for a GUID the
 * device already has is created and works, but is never linked, so WMI
 * never sees it: KMDF's observable behaviour (§2.2), reported as a warning.
 */
#include "wmi/wmi_internal.h"

#include "kernel/irql.h"
#include "kernel/memory.h"
#include "verifier/verifier_internal.h"

#include <string.h>

/* Unlinks a provider from its device's list (provider disposal, failed creates). */
static void unlink_provider(kmdfsim_wmi_provider *provider)
{
    kmdfsim_wmi_handler *handler = provider->handler;
    kmdfsim_mutex_lock(&handler->lock);
    if (provider->linked) {
        if (provider->prev != NULL)
            provider->prev->next = provider->next;
        else
            handler->first_provider = provider->next;
        if (provider->next != NULL)
            provider->next->prev = provider->prev;
        else
            handler->last_provider = provider->prev;
        provider->next = provider->prev = NULL;
        provider->linked = FALSE;
        handler->provider_count--;
    }
    kmdfsim_mutex_unlock(&handler->lock);
}

static void provider_dispose(kmdfsim_object *object) { unlink_provider((kmdfsim_wmi_provider *)object); }

static void provider_destroy(kmdfsim_object *object)
{
    kmdfsim_wmi_provider *provider = (kmdfsim_wmi_provider *)object;
    kmdfsim_mem_free(provider->slots, (size_t)provider->slot_capacity * sizeof(*provider->slots));
    provider->slots = NULL;
    provider->slot_capacity = 0;
}

static const kmdfsim_object_class g_provider_class = {KMDFSIM_KIND_WMI_PROVIDER, "WDFWMIPROVIDER", FALSE,
                                                      provider_dispose, provider_destroy};

static BOOLEAN guid_is_zero(const GUID *guid)
{
    static const GUID zero;
    return memcmp(guid, &zero, sizeof(GUID)) == 0;
}

/* §1.7.1 steps 5-9: the configuration rules, first failure wins. */
static NTSTATUS validate_config(const WDF_WMI_PROVIDER_CONFIG *config)
{
    if (config->Size != sizeof(WDF_WMI_PROVIDER_CONFIG))
        return STATUS_INFO_LENGTH_MISMATCH;
    if ((config->Flags & ~(ULONG)WdfWmiProviderValidFlags) != 0)
        return STATUS_INVALID_PARAMETER;
    if ((config->Flags & WdfWmiProviderTracing) && config->Flags != WdfWmiProviderTracing)
        return STATUS_INVALID_PARAMETER;
    if (config->EvtWmiProviderFunctionControl != NULL &&
        (config->Flags & (WdfWmiProviderTracing | WdfWmiProviderExpensive)) == 0)
        return STATUS_INVALID_PARAMETER;
    if (guid_is_zero(&config->Guid))
        return STATUS_INVALID_PARAMETER;
    return STATUS_SUCCESS;
}

/*
 * Links the provider at the tail of the device's list (§1.7.1 step 11).
 * Returns STATUS_INVALID_DEVICE_STATE once WMI was deregistered, and
 * STATUS_OBJECT_NAME_EXISTS (a success code) for a duplicate GUID, which is
 * then left unlinked. *needs_update is set for a tracing provider added
 * while registered.
 */
static NTSTATUS link_provider(kmdfsim_wmi_handler *handler, kmdfsim_wmi_provider *provider, BOOLEAN *needs_update)
{
    *needs_update = FALSE;
    kmdfsim_mutex_lock(&handler->lock);
    if (handler->state == KMDFSIM_WMI_DEREGISTERED) {
        kmdfsim_mutex_unlock(&handler->lock);
        return STATUS_INVALID_DEVICE_STATE;
    }
    for (kmdfsim_wmi_provider *p = handler->first_provider; p != NULL; p = p->next) {
        if (memcmp(&p->guid, &provider->guid, sizeof(GUID)) == 0) {
            kmdfsim_mutex_unlock(&handler->lock);
            return STATUS_OBJECT_NAME_EXISTS;
        }
    }
    provider->prev = handler->last_provider;
    if (handler->last_provider != NULL)
        handler->last_provider->next = provider;
    else
        handler->first_provider = provider;
    handler->last_provider = provider;
    provider->linked = TRUE;
    handler->provider_count++;
    *needs_update = (provider->flags & WdfWmiProviderTracing) && handler->state == KMDFSIM_WMI_REGISTERED;
    kmdfsim_mutex_unlock(&handler->lock);
    return STATUS_SUCCESS;
}

NTSTATUS kmdfsim_wmi_provider_create(kmdfsim_wdf_device *device, PWDF_WMI_PROVIDER_CONFIG config,
                                     PWDF_OBJECT_ATTRIBUTES attributes, kmdfsim_wmi_provider **provider_out)
{
    KIRQL irql = KeGetCurrentIrql();
    *provider_out = NULL;
    NTSTATUS status = validate_config(config);
    if (!NT_SUCCESS(status))
        return status;

    kmdfsim_wmi_provider *provider = (kmdfsim_wmi_provider *)kmdfsim_object_alloc(
        &g_provider_class, sizeof(kmdfsim_wmi_provider), attributes);
    if (provider == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    provider->handler = device->wmi;
    provider->guid = config->Guid;
    provider->flags = config->Flags;
    provider->min_instance_buffer_size = config->MinInstanceBufferSize;
    provider->function_control = config->EvtWmiProviderFunctionControl;

    BOOLEAN needs_update;
    status = link_provider(device->wmi, provider, &needs_update);
    if (!NT_SUCCESS(status)) {
        kmdfsim_object_abandon(&provider->object);
        return status;
    }
    BOOLEAN duplicate = status == STATUS_OBJECT_NAME_EXISTS;
    status = kmdfsim_object_commit(&provider->object, &device->object, attributes);
    if (!NT_SUCCESS(status)) {
        unlink_provider(provider);
        kmdfsim_object_abandon(&provider->object);
        return status;
    }
    if (duplicate)
        kmdfsim_verify_warn("KMDF_QUIRK_DUPLICATE_GUID", "WdfWmiProviderCreate", provider->object.handle,
                            "this device already has a provider for the GUID; like KMDF, the call succeeds but the "
                            "new provider is never registered with WMI, so its instances are invisible");
    if (needs_update)
        kmdfsim_wmi_handler_request_update(device->wmi, irql);
    *provider_out = provider;
    return STATUS_SUCCESS;
}

NTSTATUS WdfWmiProviderCreate(WDFDEVICE Device, PWDF_WMI_PROVIDER_CONFIG WmiProviderConfig,
                              PWDF_OBJECT_ATTRIBUTES ProviderAttributes, WDFWMIPROVIDER *WmiProvider)
{
    if (!kmdfsim_irql_check_max(DISPATCH_LEVEL, "WdfWmiProviderCreate"))
        return STATUS_INVALID_DEVICE_REQUEST;
    kmdfsim_wdf_device *device = kmdfsim_wdf_device_from_handle(Device, "WdfWmiProviderCreate");
    if (device == NULL)
        return STATUS_INVALID_HANDLE;
    if (WmiProviderConfig == NULL || WmiProvider == NULL) {
        kmdfsim_verify_fail("NULL_PARAMETER", "WdfWmiProviderCreate", Device, "%s is NULL (KMDF bug-checks)",
                            WmiProviderConfig == NULL ? "WmiProviderConfig" : "WmiProvider");
        return STATUS_INVALID_PARAMETER;
    }
    *WmiProvider = NULL;
    NTSTATUS status = kmdfsim_validate_object_attributes(ProviderAttributes, KMDFSIM_ATTR_PARENT_NOT_ALLOWED);
    if (!NT_SUCCESS(status))
        return status;
    kmdfsim_wmi_provider *provider;
    status = kmdfsim_wmi_provider_create(device, WmiProviderConfig, ProviderAttributes, &provider);
    if (NT_SUCCESS(status))
        *WmiProvider = (WDFWMIPROVIDER)provider->object.handle;
    return status;
}

/* ---- Instance list ------------------------------------------------------ */

/* Squeezes the holes out of the slot array, keeping the order (§2.4). Lock held. */
static void compact_slots(kmdfsim_wmi_provider *provider)
{
    if (provider->holes == 0)
        return;
    ULONG to = 0;
    for (ULONG from = 0; from < provider->slot_count; from++) {
        kmdfsim_wmi_instance *instance = provider->slots[from];
        if (instance != NULL) {
            instance->slot = to;
            provider->slots[to++] = instance;
        }
    }
    provider->slot_count = to;
    provider->holes = 0;
}

/* Room for one more slot at the tail. Lock held (no driver code runs under it). */
static BOOLEAN reserve_slot(kmdfsim_wmi_provider *provider)
{
    if (provider->slot_count < provider->slot_capacity)
        return TRUE;
    if (provider->holes > 0) {
        compact_slots(provider);
        return TRUE;
    }
    if (provider->slot_capacity > 0x7FFFFFFFu)
        return FALSE;
    ULONG capacity = provider->slot_capacity != 0 ? provider->slot_capacity * 2 : 8;
    kmdfsim_wmi_instance **grown =
        kmdfsim_mem_realloc(provider->slots, (size_t)provider->slot_capacity * sizeof(*provider->slots),
                            (size_t)capacity * sizeof(*provider->slots));
    if (grown == NULL)
        return FALSE;
    provider->slots = grown;
    provider->slot_capacity = capacity;
    return TRUE;
}

NTSTATUS kmdfsim_wmi_provider_add_instance(kmdfsim_wmi_provider *provider, kmdfsim_wmi_instance *instance)
{
    KIRQL irql = KeGetCurrentIrql();
    if (provider->flags & WdfWmiProviderTracing)
        return STATUS_INVALID_DEVICE_REQUEST;
    kmdfsim_wmi_handler *handler = provider->handler;
    kmdfsim_mutex_lock(&handler->lock);
    if (instance->registered) {
        kmdfsim_mutex_unlock(&handler->lock);
        return STATUS_INVALID_DEVICE_REQUEST;
    }
    if (handler->state == KMDFSIM_WMI_CLEANED_UP) {
        kmdfsim_mutex_unlock(&handler->lock);
        return STATUS_INVALID_DEVICE_STATE;
    }
    if (!reserve_slot(provider)) {
        kmdfsim_mutex_unlock(&handler->lock);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    instance->slot = provider->slot_count;
    provider->slots[provider->slot_count++] = instance;
    instance->registered = TRUE;
    provider->instance_count++;
    kmdfsim_atomic_add32(&provider->generation, 1);
    provider->remove_guid_pending = FALSE;
    BOOLEAN update = handler->state == KMDFSIM_WMI_REGISTERED;
    kmdfsim_mutex_unlock(&handler->lock);
    if (update)
        kmdfsim_wmi_handler_request_update(handler, irql);
    return STATUS_SUCCESS;
}

/*
 * An instance is being unregistered: every pass that may still call it
 * (in batch[next..count)) gets a reference on it, once, so it outlives the
 * deletion that may follow. Lock held.
 */
static void hold_for_passes(kmdfsim_wmi_provider *provider, kmdfsim_wmi_instance *instance)
{
    for (kmdfsim_wmi_pass *pass = provider->passes; pass != NULL; pass = pass->next_pass) {
#if defined(__GNUC__) || defined(__clang__)
        ULONG next = (ULONG)__atomic_load_n(&pass->next, __ATOMIC_ACQUIRE);
#else
        ULONG next = (ULONG)kmdfsim_atomic_load32(&pass->next);
#endif
        for (ULONG k = next; k < pass->count; k++) {
            if (pass->batch[k] == instance && !pass->held[k]) {
                kmdfsim_object_reference(&instance->object);
                pass->held[k] = TRUE;
            }
        }
    }
}

void kmdfsim_wmi_provider_remove_instance(kmdfsim_wmi_provider *provider, kmdfsim_wmi_instance *instance)
{
    KIRQL irql = KeGetCurrentIrql();
    kmdfsim_wmi_handler *handler = provider->handler;
    kmdfsim_mutex_lock(&handler->lock);
    if (!instance->registered) {
        kmdfsim_mutex_unlock(&handler->lock);
        return;
    }
    if (provider->passes != NULL)
        hold_for_passes(provider, instance);
    provider->slots[instance->slot] = NULL;
    provider->holes++;
    while (provider->slot_count > 0 && provider->slots[provider->slot_count - 1] == NULL) {
        provider->slot_count--;
        provider->holes--;
    }
    instance->registered = FALSE;
    provider->instance_count--;
    kmdfsim_atomic_add32(&provider->generation, 1);
    BOOLEAN update = handler->state == KMDFSIM_WMI_REGISTERED;
    if (update && provider->instance_count == 0 && (provider->flags & WdfWmiProviderExpensive) == 0)
        provider->remove_guid_pending = TRUE;
    kmdfsim_mutex_unlock(&handler->lock);
    if (update)
        kmdfsim_wmi_handler_request_update(handler, irql);
}

/* The instance at `index`, referenced, or NULL. Lock held. */
static kmdfsim_wmi_instance *instance_at_locked(kmdfsim_wmi_provider *provider, ULONG index)
{
    if (index >= provider->instance_count)
        return NULL;
    compact_slots(provider);
    kmdfsim_wmi_instance *instance = provider->slots[index];
    kmdfsim_object_reference(&instance->object);
    return instance;
}

kmdfsim_wmi_instance *kmdfsim_wmi_provider_instance_at(kmdfsim_wmi_provider *provider, ULONG index)
{
    kmdfsim_mutex_lock(&provider->handler->lock);
    kmdfsim_wmi_instance *found = instance_at_locked(provider, index);
    kmdfsim_mutex_unlock(&provider->handler->lock);
    return found;
}

void kmdfsim_wmi_pass_begin(kmdfsim_wmi_provider *provider, kmdfsim_wmi_pass *pass)
{
    memset(pass->held, 0, sizeof(pass->held));
    pass->count = 0;
    pass->next = 0;
    pass->prev_pass = NULL;
    kmdfsim_mutex_lock(&provider->handler->lock);
    pass->next_pass = provider->passes;
    if (provider->passes != NULL)
        provider->passes->prev_pass = pass;
    provider->passes = pass;
    kmdfsim_mutex_unlock(&provider->handler->lock);
}

/* Moves the pass's held instances to release[] and empties its batch; returns how many. Lock held. */
static ULONG take_held(kmdfsim_wmi_pass *pass, kmdfsim_wmi_instance **release)
{
    ULONG n = 0;
    for (ULONG k = 0; k < pass->count; k++) {
        if (pass->held[k]) {
            pass->held[k] = FALSE;
            release[n++] = pass->batch[k];
        }
    }
    if (n > 0)
        pass->count = 0;
    return n;
}

ULONG kmdfsim_wmi_pass_fetch(kmdfsim_wmi_provider *provider, kmdfsim_wmi_pass *pass, ULONG index, int32_t *generation,
                             kmdfsim_wmi_instance **release, ULONG *released)
{
    ULONG n = 0;
    kmdfsim_mutex_lock(&provider->handler->lock);
    *released = take_held(pass, release);
    if (*released == 0) {
        /* Nothing held: the previous batch is simply forgotten, which is all its release takes. */
        if (index < provider->instance_count) {
            compact_slots(provider);
            ULONG available = provider->instance_count - index;
            n = available < KMDFSIM_WMI_PASS_BATCH ? available : KMDFSIM_WMI_PASS_BATCH;
            memcpy(pass->batch, provider->slots + index, n * sizeof(*pass->batch));
        }
        pass->count = n;
        kmdfsim_wmi_pass_advance(pass, 0);
        *generation = kmdfsim_atomic_load32(&provider->generation);
    }
    kmdfsim_mutex_unlock(&provider->handler->lock);
    return n;
}

ULONG kmdfsim_wmi_pass_end(kmdfsim_wmi_provider *provider, kmdfsim_wmi_pass *pass, kmdfsim_wmi_instance **release)
{
    kmdfsim_mutex_lock(&provider->handler->lock);
    ULONG n = take_held(pass, release);
    pass->count = 0;
    if (pass->prev_pass != NULL)
        pass->prev_pass->next_pass = pass->next_pass;
    else
        provider->passes = pass->next_pass;
    if (pass->next_pass != NULL)
        pass->next_pass->prev_pass = pass->prev_pass;
    kmdfsim_mutex_unlock(&provider->handler->lock);
    return n;
}

int32_t kmdfsim_wmi_provider_generation(kmdfsim_wmi_provider *provider)
{
    return kmdfsim_atomic_load32(&provider->generation);
}

kmdfsim_wmi_provider *kmdfsim_wmi_handler_find_target(kmdfsim_wmi_handler *handler, const GUID *guid,
                                                      const ULONG *index, kmdfsim_wmi_instance **instance)
{
    kmdfsim_wmi_provider *found = NULL;
    *instance = NULL;
    kmdfsim_mutex_lock(&handler->lock);
    for (kmdfsim_wmi_provider *p = handler->first_provider; p != NULL; p = p->next) {
        if (memcmp(&p->guid, guid, sizeof(GUID)) == 0) {
            found = p;
            if (index != NULL)
                *instance = instance_at_locked(p, *index);
            if (*instance == NULL)
                kmdfsim_object_reference(&p->object);
            break;
        }
    }
    kmdfsim_mutex_unlock(&handler->lock);
    return found;
}

ULONG kmdfsim_wmi_instance_index(kmdfsim_wmi_instance *instance)
{
    kmdfsim_wmi_provider *provider = instance->provider;
    ULONG index;
    kmdfsim_mutex_lock(&provider->handler->lock);
    if (instance->registered) {
        compact_slots(provider);
        index = instance->slot;
    } else {
        index = provider->instance_count;
    }
    kmdfsim_mutex_unlock(&provider->handler->lock);
    return index;
}

/* ---- Accessors ---------------------------------------------------------- */

static kmdfsim_wmi_provider *provider_from_handle(WDFWMIPROVIDER handle, const char *ddi)
{
    if (!kmdfsim_irql_check_max(DISPATCH_LEVEL, ddi))
        return NULL;
    return (kmdfsim_wmi_provider *)kmdfsim_object_from_handle((WDFOBJECT)handle, KMDFSIM_KIND_WMI_PROVIDER, ddi);
}

WDFDEVICE WdfWmiProviderGetDevice(WDFWMIPROVIDER WmiProvider)
{
    kmdfsim_wmi_provider *provider = provider_from_handle(WmiProvider, "WdfWmiProviderGetDevice");
    return provider != NULL ? (WDFDEVICE)provider->handler->device->object.handle : NULL;
}

BOOLEAN WdfWmiProviderIsEnabled(WDFWMIPROVIDER WmiProvider, WDF_WMI_PROVIDER_CONTROL ProviderControl)
{
    kmdfsim_wmi_provider *provider = provider_from_handle(WmiProvider, "WdfWmiProviderIsEnabled");
    if (provider == NULL)
        return FALSE;
    BOOLEAN enabled = FALSE;
    kmdfsim_mutex_lock(&provider->handler->lock);
    if (ProviderControl == WdfWmiEventControl)
        enabled = provider->event_enabled;
    else if (ProviderControl == WdfWmiInstanceControl)
        enabled = provider->collection_enabled;
    kmdfsim_mutex_unlock(&provider->handler->lock);
    if (ProviderControl != WdfWmiEventControl && ProviderControl != WdfWmiInstanceControl)
        kmdfsim_verify_warn("INVALID_PARAMETER", "WdfWmiProviderIsEnabled", WmiProvider,
                            "control %d is neither WdfWmiEventControl nor WdfWmiInstanceControl; FALSE",
                            (int)ProviderControl);
    return enabled;
}

ULONGLONG WdfWmiProviderGetTracingHandle(WDFWMIPROVIDER WmiProvider)
{
    kmdfsim_wmi_provider *provider = provider_from_handle(WmiProvider, "WdfWmiProviderGetTracingHandle");
    if (provider == NULL)
        return 0;
    kmdfsim_mutex_lock(&provider->handler->lock);
    ULONGLONG handle = provider->tracing_handle;
    kmdfsim_mutex_unlock(&provider->handler->lock);
    return handle;
}
