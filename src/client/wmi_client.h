/*
 * wmi_client.h - what the files of the simulated WMI kernel component share.
 *
 * One lock (the "kernel lock") protects everything here: the registration
 * records (one per device that called IoWMIRegistrationControl), the GUID
 * registry built from their REGINFO_EX answers, the open handles and the
 * event subscriptions. It is never held while a driver or a consumer
 * callback runs: a request to a device "pins" the device's record (a count
 * the record's removal waits for), drops the lock, and sends the IRP.
 *
 * Data flow:
 *   IoWMIRegistrationControl -> REGINFO_EX -> registry (GUID -> providers)
 *   Wmi* / IoWMI* -> handle -> GUID -> targets -> WNODE built here ->
 *       kmdfsim_wmi_send_irp -> reply turned into what the consumer sees
 *   IoWMIWriteEvent -> hook -> every subscriber of the GUID, in order
 */
#ifndef KMDFSIM_CLIENT_WMI_CLIENT_H_
#define KMDFSIM_CLIENT_WMI_CLIENT_H_

#include <kmdfsim/kmdfsim.h>
#include <kmdfsim/wmi.h>
#include <wdm.h>
#include <wmium.h>

#include <stddef.h>
#include <stdint.h>
#include <uthash.h>

#include "client/wmi_kernel.h"

/* ---- The kernel lock (wmi_kernel.c) ------------------------------------- */

void kmdfsim_wmik_lock(void);
void kmdfsim_wmik_unlock(void);
/* Waits on the kernel's one condition variable (lock held; released while waiting). */
void kmdfsim_wmik_wait(void);
/* Wakes every waiter: a pin was dropped, a delivery ended, a reconcile finished. */
void kmdfsim_wmik_broadcast(void);

/* ---- Registration records (wmi_kernel.c) -------------------------------- */

typedef struct kmdfsim_wmik_record {
    kmdfsim_device *device;   /* key: lives until driver unload, unlike the FDO */
    ULONG provider_id;        /* IoWMIDeviceObjectToProviderId; never reused */
    kmdfsim_wmi_registration_stats stats;
    UCHAR *reginfo;           /* the last REGINFO_EX answer */
    ULONG reginfo_size;
    volatile int32_t pins;    /* requests in flight to this device (atomic: dropped without the lock) */
    BOOLEAN zombie;           /* forgotten while its own thread still pins it: the last unpin frees it */
    BOOLEAN refreshing;       /* a REGINFO_EX query and its application run (one at a time, in order) */
    const DEVICE_OBJECT *fdo; /* while registered: the device object that registered */
    UT_hash_handle hh;        /* by device */
    UT_hash_handle hh_id;     /* by provider id */
    UT_hash_handle hh_fdo;    /* by registered device object */
} kmdfsim_wmik_record;

/* Lock held. NULL when unknown. */
kmdfsim_wmik_record *kmdfsim_wmik_record_by_id(ULONG provider_id);

/*
 * A pin keeps a record (and so its kmdfsim_device) alive while the lock is
 * dropped. Frames live on the caller's stack and form a per-thread list, so
 * that removal started by the same thread (inside a callback) does not wait
 * for itself. Lock held for both calls.
 */
typedef struct kmdfsim_wmik_pin {
    kmdfsim_wmik_record *record;
    struct kmdfsim_wmik_pin *prev;
} kmdfsim_wmik_pin;

void kmdfsim_wmik_pin_record(kmdfsim_wmik_record *record, kmdfsim_wmik_pin *frame);
void kmdfsim_wmik_unpin_record(kmdfsim_wmik_pin *frame);
/* The same as kmdfsim_wmik_unpin_record, called without the lock (which it takes only when someone waits). */
void kmdfsim_wmik_unpin(kmdfsim_wmik_pin *frame);

/*
 * Lock held. Pins `record` (may be NULL) for a request for `guid` (NULL:
 * none) when it can take one: registered, not forgotten, providing the GUID.
 * FALSE (nothing pinned) otherwise.
 */
BOOLEAN kmdfsim_wmik_pin_provider(kmdfsim_wmik_record *record, const GUID *guid, kmdfsim_wmik_pin *pin);
/*
 * Sends `irp` to the pinned record's device, as kmdfsim_wmik_send does;
 * `in_place` when the caller built irp->buffer with KMDFSIM_WMI_GUARD_SIZE
 * spare bytes after it (kmdfsim_wmi_send_irp_in_place). Call without the lock.
 */
NTSTATUS kmdfsim_wmik_send_pinned(const kmdfsim_wmik_pin *pin, const GUID *guid, kmdfsim_wmi_irp *irp,
                                  BOOLEAN in_place);

/*
 * Sends one request to the provider `provider_id` for `guid` (NULL for
 * requests that name no GUID). Fills the parts of `irp` the WMI kernel owns
 * (target, DataPath, initial IoStatus STATUS_NOT_SUPPORTED/0). Returns
 * STATUS_WMI_GUID_NOT_FOUND without sending when the provider no longer
 * provides the GUID (deregistered, removed). `in_place` as for
 * kmdfsim_wmik_send_pinned. Call without the lock.
 */
NTSTATUS kmdfsim_wmik_send(ULONG provider_id, const GUID *guid, kmdfsim_wmi_irp *irp, BOOLEAN in_place);

/* ---- GUID registry (registry.c) ----------------------------------------- */

/* One device providing one GUID, as its last REGINFO said. */
typedef struct kmdfsim_wmik_provider {
    kmdfsim_wmik_record *record;
    ULONG flags;                  /* WMIREG_FLAG_* */
    ULONG instance_count;
    ULONG all_data_size;          /* what its last QUERY_ALL_DATA answer needed, aligned (0: never asked) */
    BOOLEAN events_on;            /* ENABLE_EVENTS sent (and no DISABLE since) */
    BOOLEAN collection_on;        /* ENABLE_COLLECTION sent (and no DISABLE since) */
    struct kmdfsim_wmik_provider *next; /* registration order */
} kmdfsim_wmik_provider;

typedef enum kmdfsim_wmik_sub_kind {
    KMDFSIM_WMIK_SUB_USER_A = 0,  /* WmiNotificationRegistrationA: ANSI names */
    KMDFSIM_WMIK_SUB_USER_W = 1,  /* WmiNotificationRegistrationW: UTF-16 names */
    KMDFSIM_WMIK_SUB_KERNEL = 2   /* IoWMISetNotificationCallback: the driver's WNODE as fired */
} kmdfsim_wmik_sub_kind;

typedef struct kmdfsim_wmik_subscription {
    kmdfsim_wmik_sub_kind kind;
    union {
        NOTIFICATIONCALLBACK user;
        WMI_NOTIFICATION_CALLBACK kernel;
    } callback;
    ULONG_PTR user_context;
    PVOID kernel_context;
    kmdfsim_driver *driver;       /* the subscribing driver (kernel), for pool attribution */
    ULONG deliveries;             /* callbacks running right now */
    volatile int32_t removed;     /* unlinked; the last delivery frees it (unless the remover waits). Atomic:
                                     a delivery reads it without the lock before calling back */
    BOOLEAN remover_waiting;      /* the remover waits for deliveries and frees it itself */
    struct kmdfsim_wmik_subscription *next; /* subscription order */
} kmdfsim_wmik_subscription;

typedef struct kmdfsim_wmik_guid {
    GUID guid;                                 /* key */
    kmdfsim_wmik_provider *providers;          /* registration order */
    kmdfsim_wmik_subscription *subscribers;    /* subscription order */
    ULONG subscriber_count;
    ULONG query_opens;                         /* open handles with WMIGUID_QUERY */
    ULONG handles;                             /* open handles of the GUID: they point at the entry */
    BOOLEAN reconciling;                       /* a thread is sending ENABLE/DISABLE requests */
    uint64_t reconcile_owner;
    UT_hash_handle hh;
} kmdfsim_wmik_guid;

/* Lock held. find: NULL when absent; get: created when absent (NULL only without memory). */
kmdfsim_wmik_guid *kmdfsim_wmik_guid_find(const GUID *guid);
kmdfsim_wmik_guid *kmdfsim_wmik_guid_get(const GUID *guid);
/* Lock held: frees the entry once nothing refers to it. */
void kmdfsim_wmik_guid_release_if_unused(kmdfsim_wmik_guid *entry);

/*
 * Lock held. Applies a REGINFO answer of `record`: `replace` (REGISTER)
 * makes it the device's whole registration; otherwise (UPDATE) entries
 * are added or updated and WMIREG_FLAG_REMOVE_GUID entries removed. The
 * GUIDs it names are returned (malloc'd) for kmdfsim_wmik_reconcile.
 */
void kmdfsim_wmik_registry_apply(kmdfsim_wmik_record *record, const UCHAR *reginfo, ULONG size, BOOLEAN replace,
                                 GUID **guids, ULONG *guid_count);
/* Lock held: the device provides nothing any more (DEREGISTER, forget). */
void kmdfsim_wmik_registry_remove_record(kmdfsim_wmik_record *record);
/* Lock held: does `record` provide `guid` right now? */
BOOLEAN kmdfsim_wmik_registry_provides(const GUID *guid, const kmdfsim_wmik_record *record);

/* A provider of a GUID, copied out of the registry so it can be used without the lock. */
typedef struct kmdfsim_wmik_target {
    ULONG provider_id;
    ULONG instance_count;
    ULONG flags;
    ULONG all_data_size; /* see kmdfsim_wmik_provider */
    char *instance_id; /* UTF-8 device instance ID (owned) */
} kmdfsim_wmik_target;

/* Takes the lock. STATUS_WMI_GUID_NOT_FOUND when no device provides the GUID. */
NTSTATUS kmdfsim_wmik_registry_targets(const GUID *guid, kmdfsim_wmik_target **targets, ULONG *count);
void kmdfsim_wmik_targets_free(kmdfsim_wmik_target *targets, ULONG count);
/* Frees what one target owns (the structure itself is the caller's). */
void kmdfsim_wmik_target_clear(kmdfsim_wmik_target *target);
/*
 * Lock held. Finds the instance `name` (UTF-8, `length` bytes) among the
 * providers of the GUID `entry` stands for: "<instance id>_<index>", the instance ID compared
 * without regard to ASCII case, the index within the provider's registered
 * count; pins its device's record (unpin with kmdfsim_wmik_unpin_record) and
 * gives its index, and in *exact whether `name` spells the instance ID as
 * registered. STATUS_WMI_GUID_NOT_FOUND / STATUS_WMI_INSTANCE_NOT_FOUND.
 */
NTSTATUS kmdfsim_wmik_registry_resolve_pin(kmdfsim_wmik_guid *entry, const char *name, size_t length,
                                           kmdfsim_wmik_pin *pin, ULONG *index, BOOLEAN *exact);
/*
 * Takes the lock. Remembers that the QUERY_ALL_DATA answer of `provider_id`
 * for `guid` needed `size` bytes: the next query offers that much first,
 * so that a test querying a large block repeatedly does not have every
 * instance called twice (once to learn the size).
 */
void kmdfsim_wmik_registry_remember_size(const GUID *guid, ULONG provider_id, ULONG size);
/* Takes the lock. */
NTSTATUS kmdfsim_wmik_registry_guid_info(const GUID *guid, BOOLEAN *expensive, BOOLEAN *event_only);
/* Takes the lock. Registered GUIDs in first-registration order; STATUS_BUFFER_OVERFLOW (and *count) when more. */
NTSTATUS kmdfsim_wmik_registry_enumerate(GUID *list, ULONG *count);
/* Takes the lock. The device's instance names of `guid`, for the file-handle mappings. */
NTSTATUS kmdfsim_wmik_registry_device_instances(const GUID *guid, const kmdfsim_device *device, char **instance_id,
                                                ULONG *instance_count);

/*
 * Brings every provider of `guid` to the state its consumers ask for:
 * ENABLE_EVENTS while it has subscribers, DISABLE_EVENTS when the last one
 * left; ENABLE_COLLECTION for expensive providers while query handles are
 * open, DISABLE_COLLECTION after the last close. One thread at a time per
 * GUID sends them (without the lock); others wait for it to finish, except
 * a thread already inside such a request (a function-control callback that
 * subscribes), which leaves the work to the running loop.
 * Call without the lock.
 */
void kmdfsim_wmik_reconcile(const GUID *guid);

/* ---- Handles (handles.c) ------------------------------------------------ */

/* Opens a data block: STATUS_WMI_GUID_NOT_FOUND when not registered. */
NTSTATUS kmdfsim_wmik_handle_open(const GUID *guid, ULONG access, BOOLEAN kernel, PVOID *handle);
/* Closes a user handle, or drops a reference of a kernel object (the last one closes it). */
NTSTATUS kmdfsim_wmik_handle_close(PVOID handle, BOOLEAN kernel);
/* Adds a reference to a kernel object. */
NTSTATUS kmdfsim_wmik_handle_reference(PVOID handle);
/*
 * The GUID of a handle whose access includes `needed` (0: any).
 * STATUS_INVALID_HANDLE for an unknown or closed handle (or the other kind),
 * STATUS_ACCESS_DENIED when the access is missing.
 */
NTSTATUS kmdfsim_wmik_handle_guid(PVOID handle, BOOLEAN kernel, ULONG needed, GUID *guid);
/*
 * The same with the lock held; *guid and *entry (the GUID's registry entry,
 * which lives while the handle is open) are set whenever the handle is valid.
 */
NTSTATUS kmdfsim_wmik_handle_guid_locked(PVOID handle, BOOLEAN kernel, ULONG needed, GUID *guid,
                                         kmdfsim_wmik_guid **entry);
/* Kernel objects: replaces (or with a NULL callback removes) the object's notification callback. */
NTSTATUS kmdfsim_wmik_handle_set_callback(PVOID handle, WMI_NOTIFICATION_CALLBACK callback, PVOID context);
/* TRUE when `object` is a kernel data-block object. */
BOOLEAN kmdfsim_wmik_is_kernel_object(PVOID object);

/* ---- Events (events.c) -------------------------------------------------- */

/*
 * Adds a subscriber at the tail of the GUID's list; the first one enables
 * events at every provider. STATUS_WMI_ALREADY_ENABLED for a user callback
 * already registered with the same context.
 */
NTSTATUS kmdfsim_wmik_subscribe(const GUID *guid, const kmdfsim_wmik_subscription *model,
                                kmdfsim_wmik_subscription **subscription);
/*
 * Removes the user subscription of `guid` with this callback and context,
 * else the first one with this callback; STATUS_WMI_ALREADY_DISABLED when none.
 */
NTSTATUS kmdfsim_wmik_unsubscribe_user(const GUID *guid, NOTIFICATIONCALLBACK callback, ULONG_PTR context);
/*
 * Removes a subscription (kernel objects). Waits for its deliveries on other
 * threads to end; the last subscriber leaving disables events. Lock not held.
 */
void kmdfsim_wmik_unsubscribe(const GUID *guid, kmdfsim_wmik_subscription *subscription);

/* ---- Requests (requests.c) ---------------------------------------------- */

/* How names are written into replies. */
typedef enum kmdfsim_wmik_charset {
    KMDFSIM_WMIK_UTF16 = 0, /* counted UTF-16 (W APIs, kernel mode) */
    KMDFSIM_WMIK_ANSI = 1   /* counted 8-bit (A APIs; kmdfsim's "ANSI" is UTF-8), WNODE_FLAG_ANSI_INSTANCENAMES */
} kmdfsim_wmik_charset;

NTSTATUS kmdfsim_wmik_query_all(const GUID *guid, kmdfsim_wmik_charset charset, void *buffer, ULONG *size);

/*
 * The data block a single-instance request is for: a handle (user, or a
 * kernel data-block object) and the access the operation needs. The
 * request checks the handle, then reports `precheck` (the caller's own
 * argument checks) if it failed, then finds the instance - all in one trip
 * through the kernel lock, as these run thousands of times in a test.
 */
typedef struct kmdfsim_wmik_block {
    PVOID handle;
    BOOLEAN kernel;
    ULONG access;     /* WMIGUID_* the handle must have */
    NTSTATUS precheck;
} kmdfsim_wmik_block;

NTSTATUS kmdfsim_wmik_query_single(const kmdfsim_wmik_block *block, const char *name, size_t length,
                                   kmdfsim_wmik_charset charset, void *buffer, ULONG *size);
NTSTATUS kmdfsim_wmik_set_instance(const kmdfsim_wmik_block *block, const char *name, size_t length, ULONG version,
                                   const void *data, ULONG size);
NTSTATUS kmdfsim_wmik_set_item(const kmdfsim_wmik_block *block, const char *name, size_t length, ULONG item_id,
                               ULONG version, const void *data, ULONG size);
/* *out_size in: room in `out`; out: bytes returned or needed. `out` may equal `in` (kernel InOutBuffer). */
NTSTATUS kmdfsim_wmik_execute(const kmdfsim_wmik_block *block, const char *name, size_t length, ULONG method_id,
                              const void *in, ULONG in_size, void *out, ULONG *out_size);

/* ---- Names (names.c) ---------------------------------------------------- */

/* Longest instance name kmdfsim handles, in bytes of UTF-8 (a counted string holds 32767 UTF-16 units). */
#define KMDFSIM_WMIK_NAME_LIMIT 32767u

/* A malloc'd NUL-terminated UTF-8 copy of `units` UTF-16 units; *length its byte count. NULL without memory. */
char *kmdfsim_wmik_utf16_to_utf8(const WCHAR *text, size_t units, size_t *length);
/* UTF-16 units `text` (UTF-8, `length` bytes) needs; writes at most `capacity` of them to `out` (may be NULL). */
size_t kmdfsim_wmik_utf8_to_utf16(const char *text, size_t length, WCHAR *out, size_t capacity);
/*
 * A consumer's NUL-terminated instance name as UTF-8 (`text`, `length`
 * bytes): the A APIs' own string, uncopied; the W APIs' converted, on the
 * stack when it is short ASCII, else on the heap. STATUS_INVALID_PARAMETER
 * for NULL. Call kmdfsim_wmik_name_arg_free in every case.
 */
typedef struct kmdfsim_wmik_name_arg {
    const char *text;
    size_t length;
    char *heap;
    char local[256];
} kmdfsim_wmik_name_arg;
NTSTATUS kmdfsim_wmik_name_arg_ansi(kmdfsim_wmik_name_arg *arg, LPCSTR name);
NTSTATUS kmdfsim_wmik_name_arg_wide(kmdfsim_wmik_name_arg *arg, LPCWSTR name);
void kmdfsim_wmik_name_arg_free(kmdfsim_wmik_name_arg *arg);
/* A malloc'd NUL-terminated copy of `length` bytes. */
char *kmdfsim_wmik_strndup(const char *text, size_t length);
/* "<instance id>_<index>" into `out` (snprintf rules); returns its full length. */
size_t kmdfsim_wmik_format_name(const char *instance_id, ULONG index, char *out, size_t size);
/* A malloc'd "<instance id>_<index>"; *length its byte count. */
char *kmdfsim_wmik_make_name(const char *instance_id, ULONG index, size_t *length);
/* Splits "<prefix>_<decimal index>"; FALSE when the name does not have that form. */
BOOLEAN kmdfsim_wmik_parse_name(const char *name, size_t length, size_t *prefix_length, ULONG *index);
/* ASCII-case-insensitive equality of `a` (`a_length` bytes) and the NUL-terminated `b`. */
BOOLEAN kmdfsim_wmik_same_id(const char *a, size_t a_length, const char *b);
/* The same, telling apart 0 (different), 1 (equal ignoring ASCII case) and 2 (identical). */
int kmdfsim_wmik_compare_id(const char *a, size_t a_length, const char *b);
/* Bytes of the characters of `name` in `charset` (the counted string's USHORT value). */
ULONG kmdfsim_wmik_counted_chars(const char *name, size_t length, kmdfsim_wmik_charset charset);
/* Writes the counted string (USHORT byte length, then the characters) at `out`; returns the bytes written. */
ULONG kmdfsim_wmik_write_counted(UCHAR *out, const char *name, size_t length, kmdfsim_wmik_charset charset);

/* ---- Results (errors.c) ------------------------------------------------- */

/* Records `status` as this thread's last status and returns its Win32 code. */
ULONG kmdfsim_wmik_win32_result(NTSTATUS status);

#endif /* KMDFSIM_CLIENT_WMI_CLIENT_H_ */
