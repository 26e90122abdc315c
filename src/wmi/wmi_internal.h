/*
 * wmi_internal.h - KMDF's WMI layer inside kmdfsim (kmdf-wmi-semantics.md).
 *
 * Per device there is one handler: a lock, the registration state (§2.5) and
 * the ordered list of linked providers. Providers own an ordered list of
 * registered instances; an instance's WMI index is its position in that list
 * at the moment of use (§2.4). The lock protects lists, counts and flags only
 * and is never held while driver code runs (§3.5).
 */
#ifndef KMDFSIM_WMI_INTERNAL_H_
#define KMDFSIM_WMI_INTERNAL_H_

#include <kmdfsim/wmi_irp.h>
#include <wdf.h>

#include "device/device.h"
#include "objects/object.h"
#include "platform/platform.h"

#include <stdint.h>
#include <string.h>

typedef enum kmdfsim_wmi_state {
    KMDFSIM_WMI_UNREGISTERED = 0,
    KMDFSIM_WMI_REGISTERED = 1,
    KMDFSIM_WMI_DEREGISTERED = 2,
    KMDFSIM_WMI_CLEANED_UP = 3
} kmdfsim_wmi_state;

typedef struct kmdfsim_wmi_provider kmdfsim_wmi_provider;
typedef struct kmdfsim_wmi_instance kmdfsim_wmi_instance;
typedef struct kmdfsim_wmi_pass kmdfsim_wmi_pass;

typedef struct kmdfsim_wmi_handler {
    kmdfsim_mutex lock;
    kmdfsim_wdf_device *device;
    kmdfsim_wmi_state state;
    kmdfsim_wmi_provider *first_provider; /* linked providers, creation order */
    kmdfsim_wmi_provider *last_provider;
    ULONG provider_count;
    /* Updates (IoWMIRegistrationControl UPDATE_GUIDS) in flight: sync calls and the work item. */
    ULONG updates_outstanding;
    BOOLEAN update_work_queued;
    kmdfsim_cond updates_done;
    /* WdfDeviceAssignMofResourceName (§1.7.7); Buffer is NULL until assigned. */
    UNICODE_STRING mof_resource_name;
    /* IoWMIDeviceObjectToProviderId of the FDO once asked (it never changes); 0 before. */
    volatile int32_t provider_id;
} kmdfsim_wmi_handler;

struct kmdfsim_wmi_provider {
    kmdfsim_object object;
    kmdfsim_wmi_handler *handler;
    GUID guid;
    ULONG flags; /* WDF_WMI_PROVIDER_FLAGS */
    ULONG min_instance_buffer_size;
    PFN_WDF_WMI_PROVIDER_FUNCTION_CONTROL function_control;
    BOOLEAN linked;                 /* in the handler's list; FALSE for a duplicate GUID (§2.2) */
    kmdfsim_wmi_provider *next;     /* handler list */
    kmdfsim_wmi_provider *prev;
    /*
     * Registered instances in registration order, as an array so that the
     * instance at an index is found at once. A deregistered instance leaves
     * a hole (NULL) that the next lookup by index squeezes out: removing
     * many instances (device removal) stays linear.
     */
    kmdfsim_wmi_instance **slots;
    ULONG slot_count;    /* slots in use, holes included */
    ULONG slot_capacity;
    ULONG holes;
    ULONG instance_count; /* registered instances: slot_count - holes */
    volatile int32_t generation; /* changes with every registration change (lock-free reads) */
    kmdfsim_wmi_pass *passes;    /* QUERY_ALL_DATA passes in progress (kmdfsim_wmi_pass_begin) */
    BOOLEAN event_enabled;
    BOOLEAN collection_enabled;
    ULONGLONG tracing_handle;
    BOOLEAN remove_guid_pending;
};

struct kmdfsim_wmi_instance {
    kmdfsim_object object;
    kmdfsim_wmi_provider *provider;
    BOOLEAN registered;              /* on the provider's list */
    ULONG slot;                      /* its slot in provider->slots while registered */
    PFN_WDF_WMI_INSTANCE_QUERY_INSTANCE query;   /* NULL when UseContextForQuery */
    PFN_WDF_WMI_INSTANCE_SET_INSTANCE set_instance;
    PFN_WDF_WMI_INSTANCE_SET_ITEM set_item;
    PFN_WDF_WMI_INSTANCE_EXECUTE_METHOD execute;
    BOOLEAN use_context_for_query;
    ULONG context_length;            /* ContextSize + ContextSizeOverride (the KMDF quirk, §2.7) */
};

/* ---- Handler ------------------------------------------------------------ */

/* Creates the handler of a new device (Unregistered). */
NTSTATUS kmdfsim_wmi_handler_create(kmdfsim_wdf_device *device);
/* Frees it once the device is destroyed. */
void kmdfsim_wmi_handler_destroy(kmdfsim_wdf_device *device);
/* Device start: REGISTER with WMI (§2.5). A failure fails the start. */
NTSTATUS kmdfsim_wmi_handler_register(kmdfsim_wdf_device *device);
/* Removal: waits for updates in flight, then DEREGISTERs (no update is sent after). */
void kmdfsim_wmi_handler_deregister(kmdfsim_wdf_device *device);
/* After EvtDeviceSelfManagedIoCleanup: no more instance registration. */
void kmdfsim_wmi_handler_cleanup(kmdfsim_wdf_device *device);
/*
 * Asks WMI to re-read the registration (UPDATE_GUIDS). `irql` is the caller's
 * IRQL before it took the handler lock: PASSIVE_LEVEL runs the update now on
 * this thread; above it one work item is queued (requests coalesce).
 * Call without the handler lock.
 */
void kmdfsim_wmi_handler_request_update(kmdfsim_wmi_handler *handler, KIRQL irql);

/* ---- Providers and instances ------------------------------------------- */

/* Creates a provider (§1.7.1 steps 3-13) on `device`; used by WdfWmiProviderCreate and the implicit path. */
NTSTATUS kmdfsim_wmi_provider_create(kmdfsim_wdf_device *device, PWDF_WMI_PROVIDER_CONFIG config,
                                     PWDF_OBJECT_ATTRIBUTES attributes, kmdfsim_wmi_provider **provider_out);
/* Links an instance at the tail (§1.7.3); `no_error_if_present` as KMDF's AddInstance. */
NTSTATUS kmdfsim_wmi_provider_add_instance(kmdfsim_wmi_provider *provider, kmdfsim_wmi_instance *instance);
/* Unlinks an instance (§1.7.4); silent when it is not registered. */
void kmdfsim_wmi_provider_remove_instance(kmdfsim_wmi_provider *provider, kmdfsim_wmi_instance *instance);
/* The instance at `index` in the provider's list, referenced, or NULL (lock taken inside). */
kmdfsim_wmi_instance *kmdfsim_wmi_provider_instance_at(kmdfsim_wmi_provider *provider, ULONG index);

/*
 * A QUERY_ALL_DATA pass over a provider's instances (the pass lives on the
 * caller's stack). The pass fetches instances in batches under one
 * acquisition of the lock and keeps them alive without taking a reference
 * on each: an instance in batch[next..count) may still be called, and
 * unregistering it (its deletion always starts so, §1.7.4) takes one
 * reference on the pass's behalf (held[k]), which the pass drops at its
 * next fetch or at its end. So a reference exists, as before, exactly while
 * the pass may call the instance, but it costs an atomic operation only
 * when a deletion actually races with the pass.
 * `count`, `batch` and `held` change under the handler lock only; `next` is
 * written by the pass alone (a release store once it is done with
 * batch[next - 1]) and read by unregistering threads under the lock.
 */
#define KMDFSIM_WMI_PASS_BATCH 64u

struct kmdfsim_wmi_pass {
    kmdfsim_wmi_instance *batch[KMDFSIM_WMI_PASS_BATCH];
    BOOLEAN held[KMDFSIM_WMI_PASS_BATCH];
    ULONG count;
    volatile int32_t next;
    kmdfsim_wmi_pass *next_pass; /* the provider's list of passes */
    kmdfsim_wmi_pass *prev_pass;
};

/* Starts a pass (an empty batch) on the provider's list of passes (lock taken inside). */
void kmdfsim_wmi_pass_begin(kmdfsim_wmi_provider *provider, kmdfsim_wmi_pass *pass);
/*
 * Refills the pass's batch with up to KMDFSIM_WMI_PASS_BATCH instances from
 * `index` on; *generation receives the list's generation they belong to.
 * While kmdfsim_wmi_provider_generation() still returns it, batch[k] is
 * exactly what kmdfsim_wmi_provider_instance_at(index + k) would return.
 * Returns the number fetched. When references were taken on the pass's
 * behalf, nothing is fetched instead: those instances are moved to
 * release[0..*released) (at most KMDFSIM_WMI_PASS_BATCH) for the caller to
 * dereference outside the driver's context before it fetches again.
 */
ULONG kmdfsim_wmi_pass_fetch(kmdfsim_wmi_provider *provider, kmdfsim_wmi_pass *pass, ULONG index, int32_t *generation,
                             kmdfsim_wmi_instance **release, ULONG *released);
/* Marks batch[0..next) as done: the pass no longer calls them (a release store). */
static inline void kmdfsim_wmi_pass_advance(kmdfsim_wmi_pass *pass, ULONG next)
{
#if defined(__GNUC__) || defined(__clang__)
    __atomic_store_n(&pass->next, (int32_t)next, __ATOMIC_RELEASE); /* a plain store on x86 and arm64 */
#else
    kmdfsim_atomic_store32(&pass->next, (int32_t)next);
#endif
}
/* Ends a pass: unlinks it; its held instances go to release[0..return value) as for kmdfsim_wmi_pass_fetch. */
ULONG kmdfsim_wmi_pass_end(kmdfsim_wmi_provider *provider, kmdfsim_wmi_pass *pass, kmdfsim_wmi_instance **release);
/* The list's generation, read without the lock. */
int32_t kmdfsim_wmi_provider_generation(kmdfsim_wmi_provider *provider);
/* Current 0-based index of an instance; the instance count when it is not registered (§2.4). */
ULONG kmdfsim_wmi_instance_index(kmdfsim_wmi_instance *instance);
/* The linked provider for a GUID, referenced, or NULL (lock taken inside). */
kmdfsim_wmi_provider *kmdfsim_wmi_handler_find_provider(kmdfsim_wmi_handler *handler, const GUID *guid);
/*
 * kmdfsim_wmi_handler_find_provider and, when `index` is not NULL and the
 * provider exists, kmdfsim_wmi_provider_instance_at(*index) into *instance,
 * under one acquisition of the lock (a request's target, §3.1 steps 4-5).
 * The provider is referenced only when no instance is returned: a
 * referenced instance keeps its parent provider alive by itself.
 */
kmdfsim_wmi_provider *kmdfsim_wmi_handler_find_target(kmdfsim_wmi_handler *handler, const GUID *guid,
                                                      const ULONG *index, kmdfsim_wmi_instance **instance);

kmdfsim_wmi_handler *kmdfsim_wmi_handler_of(kmdfsim_wdf_device *device);
/* IoWMIDeviceObjectToProviderId(FDO), asked once per device (the id of a device never changes). */
ULONG kmdfsim_wmi_handler_provider_id(kmdfsim_wmi_handler *handler);

/* ---- Requests ------------------------------------------------------------ */

/*
 * One WMI request while it is being handled. The buffer is kmdfsim's own copy
 * of the sender's, followed by guard bytes, so a callback that writes past
 * what it was given is caught (and named) before the reply is copied back.
 */
typedef struct kmdfsim_wmi_request {
    kmdfsim_wmi_irp *irp;          /* the sender's view */
    kmdfsim_wdf_device *device;
    UCHAR *buffer;                 /* working copy, irp->buffer_size bytes + guard */
    ULONG buffer_size;
    kmdfsim_wmi_provider *provider; /* for data requests; kept alive by `instance` or by a reference */
    BOOLEAN provider_referenced;
    kmdfsim_wmi_instance *instance; /* referenced, for single-instance requests */
} kmdfsim_wmi_request;

#define KMDFSIM_WMI_GUARD_SIZE 64u
#define KMDFSIM_WMI_GUARD_BYTE 0xB7u

/* Are the KMDFSIM_WMI_GUARD_SIZE guard bytes at `guard` intact? Inline: it runs after every callback. */
static inline BOOLEAN kmdfsim_wmi_guard_intact(const UCHAR *guard)
{
    const uint64_t pattern = 0x0101010101010101ull * KMDFSIM_WMI_GUARD_BYTE;
    uint64_t differ = 0;
    for (ULONG i = 0; i < KMDFSIM_WMI_GUARD_SIZE; i += 8) {
        uint64_t word;
        memcpy(&word, guard + i, sizeof(word)); /* the guard need not be 8-byte aligned */
        differ |= word ^ pattern;
    }
    return differ == 0;
}

/*
 * kmdfsim_wmi_send_irp for a sender that owns its buffer (the simulated WMI
 * kernel): the request works in irp->buffer itself instead of a private
 * copy, which saves copying the buffer in and out (large QUERY_ALL_DATA
 * replies). The buffer must be MEMORY_ALLOCATION_ALIGNMENT-aligned (malloc
 * memory is) and have KMDFSIM_WMI_GUARD_SIZE writable bytes after
 * buffer_size, which serve as the overrun guard (their content afterwards is
 * unspecified). Everything the sender and the driver see is otherwise the
 * same, including what a callback sees in the buffer before it writes.
 */
NTSTATUS kmdfsim_wmi_send_irp_in_place(struct kmdfsim_device *device, kmdfsim_wmi_irp *irp);

/* Completes with `status` and `information` (IoStatus), and returns `status`. */
NTSTATUS kmdfsim_wmi_complete(kmdfsim_wmi_request *request, NTSTATUS status, ULONG_PTR information);
/*
 * Rewrites the head of the buffer as WNODE_TOO_SMALL with SizeNeeded `needed`
 * and completes with STATUS_SUCCESS / Information 56 (§3.4).
 */
NTSTATUS kmdfsim_wmi_complete_too_small(kmdfsim_wmi_request *request, ULONG needed);
/*
 * Checks the guard bytes after [data, data+size) once `callback` returned;
 * reports an overrun (callback, instance, byte count) and restores the guard.
 */
void kmdfsim_wmi_check_guard(UCHAR *guard, const char *callback, kmdfsim_wmi_instance *instance);

/*
 * §3.3: does the instance answer queries, and the query itself.
 * `size`/`buffer`: the space the callback may use; *used receives its answer.
 * Returns the status after KMDF's mappings (PENDING and oversize success
 * become STATUS_UNSUCCESSFUL, scratch-buffer success becomes TOO_SMALL).
 */
static inline BOOLEAN kmdfsim_wmi_instance_supports_query(const kmdfsim_wmi_instance *instance)
{
    return instance->use_context_for_query || instance->query != NULL || instance->execute != NULL;
}
NTSTATUS kmdfsim_wmi_instance_query(kmdfsim_wmi_instance *instance, ULONG size,
                                    UCHAR *buffer, ULONG *used);

/*
 * The driver's context over a run of calls into one driver (a QUERY_ALL_DATA
 * pass): entered before the first callback and kept between callbacks while
 * only kmdfsim's bookkeeping runs; left before anything else (reports,
 * object destruction) and at the end. What runs where is as with an
 * enter/leave around each callback.
 */
typedef struct kmdfsim_wmi_driver_scope {
    kmdfsim_driver *driver;
    kmdfsim_driver *previous; /* valid while entered */
    BOOLEAN entered;
} kmdfsim_wmi_driver_scope;

/* Leaves the scope's driver context if it is entered. */
void kmdfsim_wmi_scope_leave(kmdfsim_wmi_driver_scope *scope);
/*
 * kmdfsim_wmi_instance_query inside a driver scope: the same callback call,
 * results and reports (which are made with the scope left).
 */
NTSTATUS kmdfsim_wmi_instance_query_scoped(kmdfsim_wmi_instance *instance, ULONG size, UCHAR *buffer, ULONG *used,
                                           kmdfsim_wmi_driver_scope *scope);

/* A set callback's status as WMI sees it: TOO_SMALL is STATUS_WMI_SET_FAILURE, PENDING a reported bug. */
NTSTATUS kmdfsim_wmi_set_status(NTSTATUS status, kmdfsim_wmi_instance *instance, const char *callback);
/* TRUE when [offset, offset + size) lies in the request buffer; a MALFORMED_WNODE warning otherwise. */
BOOLEAN kmdfsim_wmi_data_in_buffer(kmdfsim_wmi_request *request, ULONG offset, ULONG size, const char *minor);

/* The handlers, one per minor function (§3.2). */
NTSTATUS kmdfsim_wmi_query_all_data(kmdfsim_wmi_request *request);
NTSTATUS kmdfsim_wmi_query_single_instance(kmdfsim_wmi_request *request);
NTSTATUS kmdfsim_wmi_change_single_instance(kmdfsim_wmi_request *request);
NTSTATUS kmdfsim_wmi_change_single_item(kmdfsim_wmi_request *request);
NTSTATUS kmdfsim_wmi_execute_method(kmdfsim_wmi_request *request);
NTSTATUS kmdfsim_wmi_enable_disable(kmdfsim_wmi_request *request);
NTSTATUS kmdfsim_wmi_reginfo(kmdfsim_wmi_request *request);

/* Calls into the driver with its driver context set (pool attribution, WdfGetDriver). */
kmdfsim_driver *kmdfsim_wmi_enter_driver(kmdfsim_wmi_handler *handler);

#endif /* KMDFSIM_WMI_INTERNAL_H_ */
