/*
 * object.c - handles, the parent/child tree, contexts and reference counts.
 *
 * One mutex guards the handle table, the context table and every tree link.
 * It is never held while driver code runs: deletion first snapshots the
 * subtree under the lock, then runs the callbacks without it.
 * A child holds a reference on its parent, so a parent is destroyed only
 * after all its children are, even when the driver keeps a child alive
 * with WdfObjectReference.
 */
#include "objects/object.h"

#include <kmdfsim/kmdfsim.h>

#include "platform/platform.h"
#include "verifier/verifier_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static kmdfsim_static_mutex g_lock;
static kmdfsim_object *g_handles;   /* by handle value */
static kmdfsim_context *g_contexts; /* by context data pointer */
static uint64_t g_next_handle_sequence = 1;
static ULONG g_live_by_kind[KMDFSIM_KIND_COUNT];

static kmdfsim_mutex *objects_lock(void) { return kmdfsim_static_mutex_get(&g_lock); }

/*
 * Handles look like kernel addresses and are never reused: a handle kept
 * after its object is gone can never alias a newer object.
 */
static WDFOBJECT next_handle(void)
{
    uint64_t sequence = g_next_handle_sequence++;
#if UINTPTR_MAX > 0xFFFFFFFFu
    return (WDFOBJECT)(uintptr_t)(0xFFFF9A0000000000ull | (sequence << 4));
#else
    return (WDFOBJECT)(uintptr_t)(0x9A000000u | (uint32_t)(sequence << 4));
#endif
}

/* ---- Attribute validation (semantics §1.8.3) ---------------------------- */

/* Sizes of WDF_OBJECT_CONTEXT_TYPE_INFO the framework accepts: current and v1.0. */
static BOOLEAN context_type_size_ok(ULONG size)
{
    return size == sizeof(WDF_OBJECT_CONTEXT_TYPE_INFO) || size == sizeof(WDF_OBJECT_CONTEXT_TYPE_INFO_V1_0);
}

NTSTATUS kmdfsim_validate_object_attributes(PWDF_OBJECT_ATTRIBUTES attributes, ULONG flags)
{
    if (attributes == NULL)
        return (flags & KMDFSIM_ATTR_PARENT_REQUIRED) ? STATUS_WDF_PARENT_NOT_SPECIFIED : STATUS_SUCCESS;
    if (attributes->Size != sizeof(WDF_OBJECT_ATTRIBUTES))
        return STATUS_INFO_LENGTH_MISMATCH;
    PCWDF_OBJECT_CONTEXT_TYPE_INFO type = attributes->ContextTypeInfo;
    if (type != NULL) {
        if (!context_type_size_ok(type->Size))
            return STATUS_INFO_LENGTH_MISMATCH;
        if (type->ContextSize > 0 && type->ContextName == NULL)
            return STATUS_WDF_OBJECT_ATTRIBUTES_INVALID;
    }
    if (attributes->ContextSizeOverride > 0 &&
        (type == NULL || attributes->ContextSizeOverride < type->ContextSize))
        return STATUS_WDF_OBJECT_ATTRIBUTES_INVALID;
    if (attributes->ParentObject != NULL) {
        if ((flags & (KMDFSIM_ATTR_PARENT_ALLOWED | KMDFSIM_ATTR_PARENT_REQUIRED)) == 0)
            return STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED;
    } else if (flags & KMDFSIM_ATTR_PARENT_REQUIRED) {
        return STATUS_WDF_PARENT_NOT_SPECIFIED;
    }
    if (attributes->ExecutionLevel == WdfExecutionLevelInvalid ||
        attributes->ExecutionLevel > WdfExecutionLevelDispatch ||
        attributes->SynchronizationScope == WdfSynchronizationScopeInvalid ||
        attributes->SynchronizationScope > WdfSynchronizationScopeNone)
        return STATUS_WDF_OBJECT_ATTRIBUTES_INVALID;
    if ((flags & KMDFSIM_ATTR_SYNCHRONIZATION_SCOPE_ALLOWED) == 0 &&
        attributes->SynchronizationScope != WdfSynchronizationScopeInheritFromParent &&
        attributes->SynchronizationScope != WdfSynchronizationScopeNone)
        return STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID;
    if ((flags & KMDFSIM_ATTR_EXECUTION_LEVEL_ALLOWED) == 0 &&
        attributes->ExecutionLevel != WdfExecutionLevelInheritFromParent)
        return STATUS_WDF_EXECUTION_LEVEL_INVALID;
    return STATUS_SUCCESS;
}

/* ---- Contexts ----------------------------------------------------------- */

/* Header size rounded so the data that follows is MEMORY_ALLOCATION_ALIGNMENT-aligned. */
#define CONTEXT_HEADER_SIZE \
    ((sizeof(kmdfsim_context) + MEMORY_ALLOCATION_ALIGNMENT - 1) & ~(size_t)(MEMORY_ALLOCATION_ALIGNMENT - 1))

/* A zero-filled context of `size` bytes (rounded up to pointer size, as KMDF does). */
static kmdfsim_context *context_alloc(PCWDF_OBJECT_CONTEXT_TYPE_INFO type, size_t size)
{
    size_t rounded = (size + sizeof(void *) - 1) & ~(sizeof(void *) - 1);
    if (rounded < size || rounded > SIZE_MAX - CONTEXT_HEADER_SIZE - MEMORY_ALLOCATION_ALIGNMENT)
        return NULL;
    /* Over-allocate so the data can be aligned whatever malloc's own alignment is. */
    unsigned char *raw = calloc(1, CONTEXT_HEADER_SIZE + rounded + MEMORY_ALLOCATION_ALIGNMENT);
    if (raw == NULL)
        return NULL;
    kmdfsim_context *context = (kmdfsim_context *)(void *)raw;
    uintptr_t data = ((uintptr_t)raw + CONTEXT_HEADER_SIZE + MEMORY_ALLOCATION_ALIGNMENT - 1) &
                     ~(uintptr_t)(MEMORY_ALLOCATION_ALIGNMENT - 1);
    context->data = (void *)data;
    context->type = type;
    context->size = size;
    return context;
}

/* Appends a context to an object (lock held, or object not yet published). */
static void context_link(kmdfsim_object *object, kmdfsim_context *context)
{
    context->owner = object;
    if (object->last_context != NULL)
        object->last_context->next = context;
    else
        object->contexts = context;
    object->last_context = context;
}

/* Context size for attributes: the override replaces the type's size (semantics §1.8.4). */
static size_t creation_context_size(PWDF_OBJECT_ATTRIBUTES attributes)
{
    if (attributes->ContextSizeOverride != 0)
        return attributes->ContextSizeOverride;
    return attributes->ContextTypeInfo->ContextSize;
}

void *kmdfsim_object_context(kmdfsim_object *object, PCWDF_OBJECT_CONTEXT_TYPE_INFO type)
{
    void *found = NULL;
    kmdfsim_mutex_lock(objects_lock());
    for (kmdfsim_context *c = object->contexts; c != NULL; c = c->next) {
        if (c->type == type) {
            found = c->data;
            break;
        }
    }
    kmdfsim_mutex_unlock(objects_lock());
    return found;
}

kmdfsim_context *kmdfsim_object_first_context(kmdfsim_object *object) { return object->contexts; }

NTSTATUS kmdfsim_object_add_context(kmdfsim_object *object, PWDF_OBJECT_ATTRIBUTES attributes, PVOID *context)
{
    kmdfsim_context *fresh = context_alloc(attributes->ContextTypeInfo, creation_context_size(attributes));
    if (fresh == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    fresh->cleanup = attributes->EvtCleanupCallback;
    fresh->destroy = attributes->EvtDestroyCallback;

    kmdfsim_mutex_lock(objects_lock());
    for (kmdfsim_context *c = object->contexts; c != NULL; c = c->next) {
        if (c->type == attributes->ContextTypeInfo) {
            kmdfsim_mutex_unlock(objects_lock());
            free(fresh);
            if (context != NULL)
                *context = c->data;
            return STATUS_OBJECT_NAME_EXISTS;
        }
    }
    if (object->state != KMDFSIM_OBJECT_ALIVE) {
        kmdfsim_mutex_unlock(objects_lock());
        free(fresh);
        return STATUS_DELETE_PENDING;
    }
    context_link(object, fresh);
    HASH_ADD_PTR(g_contexts, data, fresh);
    kmdfsim_mutex_unlock(objects_lock());
    if (context != NULL)
        *context = fresh->data;
    return STATUS_SUCCESS;
}

kmdfsim_object *kmdfsim_object_from_context(const void *context)
{
    kmdfsim_context *found = NULL;
    void *key = (void *)(uintptr_t)context;
    kmdfsim_mutex_lock(objects_lock());
    HASH_FIND_PTR(g_contexts, &key, found);
    kmdfsim_object *owner = found != NULL ? found->owner : NULL;
    kmdfsim_mutex_unlock(objects_lock());
    return owner;
}

/* ---- Creation ----------------------------------------------------------- */

kmdfsim_object *kmdfsim_object_alloc(const kmdfsim_object_class *cls, size_t size, PWDF_OBJECT_ATTRIBUTES attributes)
{
    kmdfsim_object *object = calloc(1, size);
    if (object == NULL)
        return NULL;
    object->cls = cls;
    object->references = 1;
    object->state = KMDFSIM_OBJECT_CREATED;
    if (attributes != NULL && attributes->ContextTypeInfo != NULL) {
        kmdfsim_context *context = context_alloc(attributes->ContextTypeInfo, creation_context_size(attributes));
        if (context == NULL) {
            free(object);
            return NULL;
        }
        context_link(object, context);
    }
    return object;
}

/* Frees an object's memory and its contexts; nothing else. */
static void object_free(kmdfsim_object *object)
{
    kmdfsim_context *c = object->contexts;
    while (c != NULL) {
        kmdfsim_context *next = c->next;
        free(c);
        c = next;
    }
    free(object);
}

NTSTATUS kmdfsim_object_commit(kmdfsim_object *object, kmdfsim_object *parent, PWDF_OBJECT_ATTRIBUTES attributes)
{
    /* The creation-time callbacks belong to the first context (KMDF keeps them there). */
    if (attributes != NULL && (attributes->EvtCleanupCallback != NULL || attributes->EvtDestroyCallback != NULL)) {
        if (object->contexts == NULL) {
            kmdfsim_context *holder = context_alloc(NULL, 0);
            if (holder == NULL)
                return STATUS_INSUFFICIENT_RESOURCES;
            context_link(object, holder);
        }
        object->contexts->cleanup = attributes->EvtCleanupCallback;
        object->contexts->destroy = attributes->EvtDestroyCallback;
    }

    kmdfsim_mutex_lock(objects_lock());
    if (parent != NULL && parent->state != KMDFSIM_OBJECT_ALIVE) {
        kmdfsim_mutex_unlock(objects_lock());
        return STATUS_DELETE_PENDING;
    }
    object->handle = next_handle();
    object->state = KMDFSIM_OBJECT_ALIVE;
    HASH_ADD_PTR(g_handles, handle, object);
    for (kmdfsim_context *c = object->contexts; c != NULL; c = c->next)
        if (c->type != NULL)
            HASH_ADD_PTR(g_contexts, data, c);
    if (parent != NULL) {
        object->parent = parent;
        object->prev_sibling = parent->last_child;
        if (parent->last_child != NULL)
            parent->last_child->next_sibling = object;
        else
            parent->first_child = object;
        parent->last_child = object;
        kmdfsim_atomic_add32(&parent->references, 1);
    }
    g_live_by_kind[object->cls->kind]++;
    kmdfsim_mutex_unlock(objects_lock());
    return STATUS_SUCCESS;
}

void kmdfsim_object_abandon(kmdfsim_object *object)
{
    if (object == NULL)
        return;
    if (object->state != KMDFSIM_OBJECT_CREATED) {
        kmdfsim_verify_fail("INTERNAL", "kmdfsim_object_abandon", object->handle,
                            "abandoning a committed %s", object->cls->type_name);
        return;
    }
    if (object->cls->destroy != NULL)
        object->cls->destroy(object);
    object_free(object);
}

/* ---- Handles ------------------------------------------------------------ */

kmdfsim_object *kmdfsim_object_find(WDFOBJECT handle)
{
    kmdfsim_object *object = NULL;
    if (handle == NULL)
        return NULL;
    kmdfsim_mutex_lock(objects_lock());
    HASH_FIND_PTR(g_handles, &handle, object);
    kmdfsim_mutex_unlock(objects_lock());
    return object;
}

static const char *kind_name(kmdfsim_object_kind kind)
{
    static const char *const names[KMDFSIM_KIND_COUNT] = {
        "WDFOBJECT", "WDFDRIVER", "WDFDEVICE", "WDFWMIPROVIDER", "WDFWMIINSTANCE",
        "WDFMEMORY", "WDFSPINLOCK", "WDFWAITLOCK", "WDFOBJECT"};
    return (unsigned)kind < KMDFSIM_KIND_COUNT ? names[kind] : "WDFOBJECT";
}

kmdfsim_object *kmdfsim_object_from_handle(WDFOBJECT handle, kmdfsim_object_kind kind, const char *ddi)
{
    if (handle == NULL) {
        kmdfsim_verify_fail("INVALID_HANDLE", ddi, NULL, "NULL %s handle", kind_name(kind));
        return NULL;
    }
    kmdfsim_object *object = kmdfsim_object_find(handle);
    if (object == NULL) {
        kmdfsim_verify_fail("INVALID_HANDLE", ddi, handle,
                            "%p is not a live framework object (deleted, or never a %s handle)", (void *)handle,
                            kind_name(kind));
        return NULL;
    }
    if (kind != KMDFSIM_KIND_ANY && object->cls->kind != kind) {
        kmdfsim_verify_fail("WRONG_HANDLE_TYPE", ddi, handle, "expected a %s handle, got a %s", kind_name(kind),
                            object->cls->type_name);
        return NULL;
    }
    return object;
}

/* ---- Deletion ----------------------------------------------------------- */

/* Appends the ALIVE subtree of `object` in post-order (children first, creation order). Lock held. */
static void collect_subtree(kmdfsim_object *object, kmdfsim_object ***list, size_t *count, size_t *capacity,
                            BOOLEAN *out_of_memory)
{
    if (object->state != KMDFSIM_OBJECT_ALIVE)
        return;
    object->state = KMDFSIM_OBJECT_DISPOSING;
    for (kmdfsim_object *child = object->first_child; child != NULL; child = child->next_sibling)
        collect_subtree(child, list, count, capacity, out_of_memory);
    if (*count == *capacity) {
        size_t grown = *capacity ? *capacity * 2 : 16;
        kmdfsim_object **bigger = realloc(*list, grown * sizeof(**list));
        if (bigger == NULL) {
            *out_of_memory = TRUE;
            return;
        }
        *list = bigger;
        *capacity = grown;
    }
    (*list)[(*count)++] = object;
}

/* Runs each context's cleanup callback once, in context order. */
static void run_cleanup_callbacks(kmdfsim_object *object)
{
    for (kmdfsim_context *c = object->contexts; c != NULL; c = c->next) {
        PFN_WDF_OBJECT_CONTEXT_CLEANUP cleanup = c->cleanup;
        c->cleanup = NULL;
        if (cleanup != NULL)
            cleanup(object->handle);
    }
}

void kmdfsim_object_delete(kmdfsim_object *object)
{
    kmdfsim_object **list = NULL;
    size_t count = 0, capacity = 0;
    BOOLEAN out_of_memory = FALSE;

    kmdfsim_mutex_lock(objects_lock());
    collect_subtree(object, &list, &count, &capacity, &out_of_memory);
    kmdfsim_mutex_unlock(objects_lock());
    if (out_of_memory) {
        kmdfsim_verify_fail("OUT_OF_MEMORY", "WdfObjectDelete", object->handle,
                            "the host ran out of memory while deleting; objects are left alive");
        free(list);
        return;
    }

    for (size_t i = 0; i < count; i++) {
        kmdfsim_object *o = list[i];
        if (o->cls->dispose != NULL)
            o->cls->dispose(o);
        run_cleanup_callbacks(o);
        kmdfsim_mutex_lock(objects_lock());
        o->state = KMDFSIM_OBJECT_DISPOSED;
        kmdfsim_mutex_unlock(objects_lock());
    }
    /* Creation references go last, children first: their destroy runs before the parent's. */
    for (size_t i = 0; i < count; i++)
        kmdfsim_object_dereference(list[i]);
    free(list);
}

void kmdfsim_object_delete_failed_create(kmdfsim_object *object)
{
    kmdfsim_mutex_lock(objects_lock());
    for (kmdfsim_context *c = object->contexts; c != NULL; c = c->next) {
        c->cleanup = NULL;
        c->destroy = NULL;
    }
    kmdfsim_mutex_unlock(objects_lock());
    kmdfsim_object_delete(object);
}

void kmdfsim_object_reference(kmdfsim_object *object) { kmdfsim_atomic_add32(&object->references, 1); }

/* Last reference gone: destroy callbacks, kind teardown, unpublish, free. */
static void object_destroy(kmdfsim_object *object)
{
    for (kmdfsim_context *c = object->contexts; c != NULL; c = c->next) {
        PFN_WDF_OBJECT_CONTEXT_DESTROY destroy = c->destroy;
        c->destroy = NULL;
        if (destroy != NULL)
            destroy(object->handle);
    }
    if (object->cls->destroy != NULL)
        object->cls->destroy(object);

    kmdfsim_object *parent = object->parent;
    kmdfsim_mutex_lock(objects_lock());
    HASH_DEL(g_handles, object);
    for (kmdfsim_context *c = object->contexts; c != NULL; c = c->next)
        if (c->type != NULL)
            HASH_DELETE(hh, g_contexts, c);
    if (parent != NULL) {
        if (object->prev_sibling != NULL)
            object->prev_sibling->next_sibling = object->next_sibling;
        else
            parent->first_child = object->next_sibling;
        if (object->next_sibling != NULL)
            object->next_sibling->prev_sibling = object->prev_sibling;
        else
            parent->last_child = object->prev_sibling;
    }
    g_live_by_kind[object->cls->kind]--;
    kmdfsim_mutex_unlock(objects_lock());

    object_free(object);
    if (parent != NULL)
        kmdfsim_object_dereference(parent);
}

void kmdfsim_object_dereference(kmdfsim_object *object)
{
    int32_t left = kmdfsim_atomic_add32(&object->references, -1);
    if (left > 0)
        return;
    if (left < 0) {
        kmdfsim_verify_fail("REFERENCE_UNDERFLOW", "WdfObjectDereference", object->handle,
                            "%s released more references than it had", object->cls->type_name);
        return;
    }
    if (object->state == KMDFSIM_OBJECT_ALIVE || object->state == KMDFSIM_OBJECT_DISPOSING) {
        /* The driver dropped the creation reference of a live object: KMDF's verifier breaks here. */
        kmdfsim_verify_fail("REFERENCE_UNDERFLOW", "WdfObjectDereference", object->handle,
                            "the last reference of a live %s was released; the object leaks instead of freeing "
                            "memory still in use",
                            object->cls->type_name);
        kmdfsim_atomic_add32(&object->references, 1);
        return;
    }
    object_destroy(object);
}

/* ---- Introspection ------------------------------------------------------ */

ULONG kmdfsim_object_count(kmdfsim_object_kind kind)
{
    ULONG total = 0;
    kmdfsim_mutex_lock(objects_lock());
    if (kind == KMDFSIM_KIND_ANY) {
        for (int k = 0; k < KMDFSIM_KIND_COUNT; k++)
            total += g_live_by_kind[k];
    } else {
        total = g_live_by_kind[kind];
    }
    kmdfsim_mutex_unlock(objects_lock());
    return total;
}

ULONG kmdfsim_live_object_count(void) { return kmdfsim_object_count(KMDFSIM_KIND_ANY); }
