/*
 * object.h - the WDF object model inside kmdfsim.
 *
 * Every framework object (driver, device, WMI provider and instance, memory,
 * locks, ...) starts with a kmdfsim_object. The object owns:
 *   - a handle: an opaque value that is never reused, registered in one
 *     process-wide table, so a stale or forged handle is always detected and
 *     reported instead of dereferenced;
 *   - its place in the parent/child tree (children kept in creation order);
 *   - its contexts (the typed context from the creation attributes first,
 *     then any added with WdfObjectAllocateContext), each with the driver's
 *     cleanup and destroy callbacks;
 *   - a reference count: the creation reference plus WdfObjectReference and
 *     framework references (e.g. a WMI request in flight).
 *
 * Lifetime, as KMDF does it:
 *   create: alloc -> (attach the creation context) -> commit (handle, parent)
 *           A create that fails before commit is undone with
 *           kmdfsim_object_abandon(): no driver callback ever runs.
 *   delete: the subtree is disposed children first, in creation order; each
 *           object runs its class's dispose step, then its contexts' cleanup
 *           callbacks; then the creation references are dropped. When an
 *           object's count reaches zero its destroy callbacks run, the class
 *           releases its resources and the handle stops being valid.
 * No lock is held while a driver callback runs.
 */
#ifndef KMDFSIM_OBJECTS_OBJECT_H_
#define KMDFSIM_OBJECTS_OBJECT_H_

#include <wdf.h>

#include <stdint.h>
#include <uthash.h>

typedef struct kmdfsim_object kmdfsim_object;

/* What kind of object this is; used for handle type checks. */
typedef enum kmdfsim_object_kind {
    KMDFSIM_KIND_ANY = 0, /* lookups only: accept every kind */
    KMDFSIM_KIND_DRIVER,
    KMDFSIM_KIND_DEVICE,
    KMDFSIM_KIND_WMI_PROVIDER,
    KMDFSIM_KIND_WMI_INSTANCE,
    KMDFSIM_KIND_MEMORY,
    KMDFSIM_KIND_SPINLOCK,
    KMDFSIM_KIND_WAITLOCK,
    KMDFSIM_KIND_GENERIC,
    KMDFSIM_KIND_COUNT
} kmdfsim_object_kind;

/* Per-kind behaviour. */
typedef struct kmdfsim_object_class {
    kmdfsim_object_kind kind;
    const char *type_name; /* "WDFDEVICE", for reports */
    /*
     * FALSE when WdfObjectDelete must refuse (providers, PnP devices, the
     * driver): the call is then a no-op with a verifier report.
     */
    BOOLEAN driver_deletable;
    /* The framework's own dispose step, after the children, before the driver's cleanup. May be NULL. */
    void (*dispose)(kmdfsim_object *object);
    /* Releases the kind's own resources when the last reference goes. May be NULL. */
    void (*destroy)(kmdfsim_object *object);
} kmdfsim_object_class;

typedef enum kmdfsim_object_state {
    KMDFSIM_OBJECT_CREATED = 0, /* allocated, not yet committed: no handle */
    KMDFSIM_OBJECT_ALIVE,       /* committed; handle valid */
    KMDFSIM_OBJECT_DISPOSING,   /* being deleted; callbacks running */
    KMDFSIM_OBJECT_DISPOSED     /* deleted; waits for its last reference */
} kmdfsim_object_state;

typedef struct kmdfsim_context {
    struct kmdfsim_context *next;
    kmdfsim_object *owner;
    PCWDF_OBJECT_CONTEXT_TYPE_INFO type; /* the UniqueType pointer used for lookups */
    PFN_WDF_OBJECT_CONTEXT_CLEANUP cleanup;
    PFN_WDF_OBJECT_CONTEXT_DESTROY destroy;
    size_t size;
    /* The data follows, MEMORY_ALLOCATION_ALIGNMENT-aligned: kmdfsim_context_data(). */
} kmdfsim_context;

/* The context header's size rounded so the data that follows is MEMORY_ALLOCATION_ALIGNMENT-aligned. */
#define KMDFSIM_CONTEXT_HEADER_SIZE \
    ((sizeof(kmdfsim_context) + MEMORY_ALLOCATION_ALIGNMENT - 1) & ~(size_t)(MEMORY_ALLOCATION_ALIGNMENT - 1))

/* The context's data: the first MEMORY_ALLOCATION_ALIGNMENT boundary at least a header past the context. */
static inline void *kmdfsim_context_data(const kmdfsim_context *context)
{
    return (void *)(((uintptr_t)context + KMDFSIM_CONTEXT_HEADER_SIZE + MEMORY_ALLOCATION_ALIGNMENT - 1) &
                    ~(uintptr_t)(MEMORY_ALLOCATION_ALIGNMENT - 1));
}

/*
 * Objects are found by handle (and contexts by data pointer) through two
 * open-addressing tables in object.c; an object carries no table links. The
 * creation context lives in the object's own allocation, right after the
 * kind's structure.
 */
struct kmdfsim_object {
    const kmdfsim_object_class *cls;
    WDFOBJECT handle;
    kmdfsim_object_state state;
    volatile int32_t references;
    kmdfsim_object *parent;
    kmdfsim_object *first_child;
    kmdfsim_object *last_child;
    kmdfsim_object *prev_sibling;
    kmdfsim_object *next_sibling;
    kmdfsim_context *contexts;
    size_t block_size; /* bytes of the allocation: the kind's structure and the creation context */
};

/* ---- Creation ----------------------------------------------------------- */

/* Validation flags for kmdfsim_validate_object_attributes(). */
#define KMDFSIM_ATTR_PARENT_NOT_ALLOWED 0x0u
#define KMDFSIM_ATTR_PARENT_ALLOWED 0x1u
#define KMDFSIM_ATTR_PARENT_REQUIRED 0x2u
#define KMDFSIM_ATTR_EXECUTION_LEVEL_ALLOWED 0x4u
#define KMDFSIM_ATTR_SYNCHRONIZATION_SCOPE_ALLOWED 0x8u

/*
 * Validates creation attributes the way KMDF does (semantics §1.8.3), first
 * failure wins: NULL is fine; wrong Size or context type Size gives
 * STATUS_INFO_LENGTH_MISMATCH; a sized context without a name or a bad
 * ContextSizeOverride gives STATUS_WDF_OBJECT_ATTRIBUTES_INVALID; parent,
 * execution level and synchronization scope rules follow `flags`.
 */
NTSTATUS kmdfsim_validate_object_attributes(PWDF_OBJECT_ATTRIBUTES attributes, ULONG flags);

/*
 * Allocates a zeroed object of `size` bytes (a kind struct that starts with
 * kmdfsim_object) with one reference. If `attributes` carry a context type,
 * the creation context (zero-filled, ContextSizeOverride replacing the type's
 * size) is attached. Returns NULL when memory runs out.
 * Attributes must already be validated.
 */
kmdfsim_object *kmdfsim_object_alloc(const kmdfsim_object_class *cls, size_t size, PWDF_OBJECT_ATTRIBUTES attributes);

/*
 * Makes the object visible: assigns its handle, links it as the last child
 * of `parent` (may be NULL for roots), and takes the cleanup/destroy
 * callbacks from `attributes`. Returns STATUS_SUCCESS, or
 * STATUS_INSUFFICIENT_RESOURCES (the object is then still CREATED).
 * A parent that is being deleted is refused with STATUS_DELETE_PENDING.
 */
NTSTATUS kmdfsim_object_commit(kmdfsim_object *object, kmdfsim_object *parent, PWDF_OBJECT_ATTRIBUTES attributes);

/*
 * Deletes a committed object whose create is failing: its own driver
 * callbacks are cleared first, so none runs (KMDF's "delete from failed
 * create"). It must have no children.
 */
void kmdfsim_object_delete_failed_create(kmdfsim_object *object);

/* Undoes a create that failed: frees the object without any driver callback. */
void kmdfsim_object_abandon(kmdfsim_object *object);

/* ---- Handles ------------------------------------------------------------ */

/*
 * Resolves a handle for DDI `ddi`. A NULL, unknown (stale or forged) or
 * wrong-kind handle is a verifier error naming the DDI and the handle, and
 * gives NULL. Objects being deleted are still found (KMDF allows DDIs on
 * them until they are destroyed).
 */
kmdfsim_object *kmdfsim_object_from_handle(WDFOBJECT handle, kmdfsim_object_kind kind, const char *ddi);

/* As kmdfsim_object_from_handle, but silent: for lookups that may fail. */
kmdfsim_object *kmdfsim_object_find(WDFOBJECT handle);

/* ---- Deletion and references -------------------------------------------- */

/*
 * Deletes `object` and its subtree as described above. Idempotent: deleting
 * an object already being deleted does nothing. Must be called without
 * kmdfsim locks held (driver callbacks run).
 */
void kmdfsim_object_delete(kmdfsim_object *object);

void kmdfsim_object_reference(kmdfsim_object *object);
/* Drops a reference; the last one destroys the object. */
void kmdfsim_object_dereference(kmdfsim_object *object);

/* ---- Contexts ----------------------------------------------------------- */

/* The context of `type` (pointer comparison of the UniqueType), or NULL. */
void *kmdfsim_object_context(kmdfsim_object *object, PCWDF_OBJECT_CONTEXT_TYPE_INFO type);
/*
 * kmdfsim_object_from_handle(handle, KMDFSIM_KIND_ANY, ddi) and then
 * kmdfsim_object_context(), under one acquisition of the lock (what
 * WdfObjectGetTypedContext does on every call). An invalid handle is
 * reported as kmdfsim_object_from_handle reports it, and gives NULL.
 */
void *kmdfsim_object_context_from_handle(WDFOBJECT handle, PCWDF_OBJECT_CONTEXT_TYPE_INFO type, const char *ddi);
/*
 * Attaches another context (WdfObjectAllocateContext): STATUS_SUCCESS with
 * a zero-filled context, or STATUS_OBJECT_NAME_EXISTS (a success code) with
 * the existing context when the type is already present. The attributes'
 * cleanup/destroy callbacks belong to the new context.
 */
NTSTATUS kmdfsim_object_add_context(kmdfsim_object *object, PWDF_OBJECT_ATTRIBUTES attributes, PVOID *context);
/* The object owning a context data pointer, or NULL for any other pointer. */
kmdfsim_object *kmdfsim_object_from_context(const void *context);
/* The object's creation context (first context), or NULL. */
kmdfsim_context *kmdfsim_object_first_context(kmdfsim_object *object);

/* ---- Introspection (for tests and leak reports) ------------------------- */

/* Number of objects that still have a handle (not yet destroyed), by kind. */
ULONG kmdfsim_object_count(kmdfsim_object_kind kind);


/* ---- DDI helpers -------------------------------------------------------- */

/*
 * The whole create sequence for simple objects (locks, generic objects,
 * memory): validate `attributes` (a parent may be given, otherwise the
 * calling driver's WDFDRIVER is the parent, as in KMDF), allocate, commit,
 * store the handle in *handle. Returns the NTSTATUS the DDI returns.
 * `object_out`, when not NULL, receives the committed object.
 */
NTSTATUS kmdfsim_object_create_child(const kmdfsim_object_class *cls, size_t size, PWDF_OBJECT_ATTRIBUTES attributes,
                                     const char *ddi, kmdfsim_object **object_out);
/* kmdfsim_object_create_child, then stores the new handle in *handle_out. */
NTSTATUS kmdfsim_object_create_and_publish(const kmdfsim_object_class *cls, size_t size,
                                           PWDF_OBJECT_ATTRIBUTES attributes, const char *ddi, WDFOBJECT *handle_out);

/* The WDFDRIVER object of the driver whose code is running (the default parent), or NULL. */
kmdfsim_object *kmdfsim_current_driver_object(void);

#endif /* KMDFSIM_OBJECTS_OBJECT_H_ */
