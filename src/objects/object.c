/*
 * object.c - handles, the parent/child tree, contexts and reference counts.
 *
 * One mutex guards the handle table, the context table (both open-addressing
 * tables, kernel/ptr_table.h) and every tree link. It is never held while
 * driver code runs: deletion first snapshots the subtree under the lock,
 * then runs the callbacks without it.
 * A child holds a reference on its parent, so a parent is destroyed only
 * after all its children are, even when the driver keeps a child alive
 * with WdfObjectReference.
 */
#include "objects/object.h"

#include <kmdfsim/kmdfsim.h>

#include "kernel/memory.h"
#include "kernel/ptr_table.h"
#include "platform/platform.h"
#include "verifier/verifier_internal.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The handle table and the context table (kernel/ptr_table.h). */
static uintptr_t object_key(const void *entry) { return (uintptr_t)((const kmdfsim_object *)entry)->handle; }

static uintptr_t context_key(const void *entry)
{
    return (uintptr_t)kmdfsim_context_data((const kmdfsim_context *)entry);
}

/* ---- State ---------------------------------------------------------------- */

static kmdfsim_static_mutex g_lock;
static kmdfsim_ptr_table g_handles;  /* objects, by handle value */
static kmdfsim_ptr_table g_contexts; /* typed contexts, by data pointer */
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

/*
 * Slack for aligning context data by hand when the host's malloc aligns less
 * than MEMORY_ALLOCATION_ALIGNMENT (malloc aligns for max_align_t).
 */
#define CONTEXT_ALIGN_SLACK \
    ((size_t)(_Alignof(max_align_t) >= MEMORY_ALLOCATION_ALIGNMENT ? 0 : MEMORY_ALLOCATION_ALIGNMENT))

/* Context bytes for `size` (rounded up to pointer size, as KMDF does); 0 when it overflows. */
static size_t context_rounded(size_t size)
{
    size_t rounded = (size + sizeof(void *) - 1) & ~(sizeof(void *) - 1);
    if (rounded < size || rounded > SIZE_MAX / 2 - KMDFSIM_CONTEXT_HEADER_SIZE - CONTEXT_ALIGN_SLACK)
        return 0;
    return rounded;
}

/* Bytes of a separately allocated context of `size` data bytes. */
static size_t context_block_size(size_t size)
{
    return KMDFSIM_CONTEXT_HEADER_SIZE + context_rounded(size) + CONTEXT_ALIGN_SLACK;
}

/* A separately allocated, zero-filled context of `size` bytes. */
static kmdfsim_context *context_alloc(PCWDF_OBJECT_CONTEXT_TYPE_INFO type, size_t size)
{
    if (size != 0 && context_rounded(size) == 0)
        return NULL;
    kmdfsim_context *context = kmdfsim_mem_calloc(1, context_block_size(size));
    if (context == NULL)
        return NULL;
    context->type = type;
    context->size = size;
    return context;
}

/* Is `context` the creation context inside the object's own allocation? */
static BOOLEAN context_is_inline(const kmdfsim_object *object, const kmdfsim_context *context)
{
    uintptr_t at = (uintptr_t)context, base = (uintptr_t)object;
    return at > base && at < base + object->block_size;
}

static void context_free(kmdfsim_object *object, kmdfsim_context *context)
{
    if (!context_is_inline(object, context))
        kmdfsim_mem_free(context, context_block_size(context->size));
}

/* Appends a context to an object (lock held, or object not yet published). */
static void context_link(kmdfsim_object *object, kmdfsim_context *context)
{
    context->owner = object;
    kmdfsim_context **at = &object->contexts;
    while (*at != NULL)
        at = &(*at)->next;
    *at = context;
}

/* Context size for attributes: the override replaces the type's size (semantics §1.8.4). */
static size_t creation_context_size(PWDF_OBJECT_ATTRIBUTES attributes)
{
    if (attributes->ContextSizeOverride != 0)
        return attributes->ContextSizeOverride;
    return attributes->ContextTypeInfo->ContextSize;
}

/* The data of the context of `type`, or NULL. Lock held. */
static void *context_of_type(const kmdfsim_object *object, PCWDF_OBJECT_CONTEXT_TYPE_INFO type)
{
    for (const kmdfsim_context *c = object->contexts; c != NULL; c = c->next)
        if (c->type == type)
            return kmdfsim_context_data(c);
    return NULL;
}

void *kmdfsim_object_context(kmdfsim_object *object, PCWDF_OBJECT_CONTEXT_TYPE_INFO type)
{
    kmdfsim_mutex_lock(objects_lock());
    void *found = context_of_type(object, type);
    kmdfsim_mutex_unlock(objects_lock());
    return found;
}

kmdfsim_context *kmdfsim_object_first_context(kmdfsim_object *object) { return object->contexts; }

NTSTATUS kmdfsim_object_add_context(kmdfsim_object *object, PWDF_OBJECT_ATTRIBUTES attributes, PVOID *context)
{
    size_t size = creation_context_size(attributes);
    kmdfsim_context *fresh = context_alloc(attributes->ContextTypeInfo, size);
    if (fresh == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    fresh->cleanup = attributes->EvtCleanupCallback;
    fresh->destroy = attributes->EvtDestroyCallback;

    kmdfsim_mutex_lock(objects_lock());
    void *existing = context_of_type(object, attributes->ContextTypeInfo);
    if (existing != NULL) {
        kmdfsim_mutex_unlock(objects_lock());
        kmdfsim_mem_free(fresh, context_block_size(size));
        if (context != NULL)
            *context = existing;
        return STATUS_OBJECT_NAME_EXISTS;
    }
    if (object->state != KMDFSIM_OBJECT_ALIVE) {
        kmdfsim_mutex_unlock(objects_lock());
        kmdfsim_mem_free(fresh, context_block_size(size));
        return STATUS_DELETE_PENDING;
    }
    if (!kmdfsim_ptr_table_reserve(&g_contexts, 1, context_key)) {
        kmdfsim_mutex_unlock(objects_lock());
        kmdfsim_mem_free(fresh, context_block_size(size));
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    context_link(object, fresh);
    kmdfsim_ptr_table_put(&g_contexts, fresh, context_key(fresh));
    kmdfsim_mutex_unlock(objects_lock());
    if (context != NULL)
        *context = kmdfsim_context_data(fresh);
    return STATUS_SUCCESS;
}

kmdfsim_object *kmdfsim_object_from_context(const void *context)
{
    kmdfsim_mutex_lock(objects_lock());
    kmdfsim_context *found = kmdfsim_ptr_table_find(&g_contexts, (uintptr_t)context, context_key);
    kmdfsim_object *owner = found != NULL ? found->owner : NULL;
    kmdfsim_mutex_unlock(objects_lock());
    return owner;
}

/* ---- Creation ----------------------------------------------------------- */

kmdfsim_object *kmdfsim_object_alloc(const kmdfsim_object_class *cls, size_t size, PWDF_OBJECT_ATTRIBUTES attributes)
{
    /* [the kind's structure][creation context header][context data], in one allocation. */
    size_t block = size;
    size_t context_at = 0, context_size = 0;
    BOOLEAN with_context = attributes != NULL && attributes->ContextTypeInfo != NULL;
    if (with_context) {
        context_size = creation_context_size(attributes);
        size_t rounded = context_rounded(context_size);
        if (context_size != 0 && rounded == 0)
            return NULL;
        context_at = (size + MEMORY_ALLOCATION_ALIGNMENT - 1) & ~(size_t)(MEMORY_ALLOCATION_ALIGNMENT - 1);
        if (context_at > SIZE_MAX / 2 - KMDFSIM_CONTEXT_HEADER_SIZE - rounded - CONTEXT_ALIGN_SLACK)
            return NULL;
        block = context_at + KMDFSIM_CONTEXT_HEADER_SIZE + rounded + CONTEXT_ALIGN_SLACK;
    }
    kmdfsim_object *object = kmdfsim_mem_calloc(1, block);
    if (object == NULL)
        return NULL;
    object->cls = cls;
    object->references = 1;
    object->state = KMDFSIM_OBJECT_CREATED;
    object->block_size = block;
    if (with_context) {
        kmdfsim_context *context = (kmdfsim_context *)(void *)((unsigned char *)object + context_at);
        context->type = attributes->ContextTypeInfo;
        context->size = context_size;
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
        context_free(object, c);
        c = next;
    }
    kmdfsim_mem_free(object, object->block_size);
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

    size_t typed = 0;
    for (kmdfsim_context *c = object->contexts; c != NULL; c = c->next)
        if (c->type != NULL)
            typed++;
    kmdfsim_mutex_lock(objects_lock());
    if (parent != NULL && parent->state != KMDFSIM_OBJECT_ALIVE) {
        kmdfsim_mutex_unlock(objects_lock());
        return STATUS_DELETE_PENDING;
    }
    if (!kmdfsim_ptr_table_reserve(&g_handles, 1, object_key) ||
        !kmdfsim_ptr_table_reserve(&g_contexts, typed, context_key)) {
        kmdfsim_mutex_unlock(objects_lock());
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    object->handle = next_handle();
    object->state = KMDFSIM_OBJECT_ALIVE;
    kmdfsim_ptr_table_put(&g_handles, object, object_key(object));
    for (kmdfsim_context *c = object->contexts; c != NULL; c = c->next)
        if (c->type != NULL)
            kmdfsim_ptr_table_put(&g_contexts, c, context_key(c));
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
    if (handle == NULL)
        return NULL;
    kmdfsim_mutex_lock(objects_lock());
    kmdfsim_object *object = kmdfsim_ptr_table_find(&g_handles, (uintptr_t)handle, object_key);
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

static void report_unknown_handle(WDFOBJECT handle, kmdfsim_object_kind kind, const char *ddi)
{
    if (handle == NULL)
        kmdfsim_verify_fail("INVALID_HANDLE", ddi, NULL, "NULL %s handle", kind_name(kind));
    else
        kmdfsim_verify_fail("INVALID_HANDLE", ddi, handle,
                            "%p is not a live framework object (deleted, or never a %s handle)", (void *)handle,
                            kind_name(kind));
}

kmdfsim_object *kmdfsim_object_from_handle(WDFOBJECT handle, kmdfsim_object_kind kind, const char *ddi)
{
    kmdfsim_object *object = kmdfsim_object_find(handle);
    if (object == NULL) {
        report_unknown_handle(handle, kind, ddi);
        return NULL;
    }
    if (kind != KMDFSIM_KIND_ANY && object->cls->kind != kind) {
        kmdfsim_verify_fail("WRONG_HANDLE_TYPE", ddi, handle, "expected a %s handle, got a %s", kind_name(kind),
                            object->cls->type_name);
        return NULL;
    }
    return object;
}

void *kmdfsim_object_context_from_handle(WDFOBJECT handle, PCWDF_OBJECT_CONTEXT_TYPE_INFO type, const char *ddi)
{
    kmdfsim_object *object = NULL;
    void *data = NULL;
    if (handle != NULL) {
        kmdfsim_mutex_lock(objects_lock());
        object = kmdfsim_ptr_table_find(&g_handles, (uintptr_t)handle, object_key);
        if (object != NULL)
            data = context_of_type(object, type);
        kmdfsim_mutex_unlock(objects_lock());
    }
    if (object == NULL)
        report_unknown_handle(handle, KMDFSIM_KIND_ANY, ddi);
    return data;
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
        kmdfsim_object **bigger = kmdfsim_mem_realloc(*list, *capacity * sizeof(**list), grown * sizeof(**list));
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
        kmdfsim_mem_free(list, capacity * sizeof(*list));
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
    kmdfsim_mem_free(list, capacity * sizeof(*list));
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
    kmdfsim_ptr_table_remove(&g_handles, object_key(object), object_key);
    for (kmdfsim_context *c = object->contexts; c != NULL; c = c->next)
        if (c->type != NULL)
            kmdfsim_ptr_table_remove(&g_contexts, context_key(c), context_key);
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
