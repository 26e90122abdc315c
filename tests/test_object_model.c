/*
 * The WDF object model: attribute validation (semantics §1.8.3), typed
 * contexts, parent/child cleanup order, references and destroy timing,
 * deletion rules, and handle misuse reported instead of crashing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "kmdfsim_test.h"

#include <kmdfsim/kmdfsim.h>
#include <stdio.h>
#include <string.h>

#include "objects/object.h"

typedef struct _SMALL_CONTEXT {
    ULONG Value;
    UCHAR Bytes[20];
} SMALL_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(SMALL_CONTEXT, GetSmall)

typedef struct _OTHER_CONTEXT {
    ULONGLONG Value;
} OTHER_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE(OTHER_CONTEXT)

static kmdfsim_driver *g_driver;
static char g_events[32][24];
static int g_event_count;

static void record(const char *what)
{
    if (g_event_count < 32)
        snprintf(g_events[g_event_count++], sizeof(g_events[0]), "%s", what);
}

static VOID CleanupA(WDFOBJECT o) { (void)o; record("cleanup A"); }
static VOID CleanupB(WDFOBJECT o) { (void)o; record("cleanup B"); }
static VOID CleanupC(WDFOBJECT o) { (void)o; record("cleanup C"); }
static VOID CleanupParent(WDFOBJECT o) { (void)o; record("cleanup P"); }
static VOID DestroyA(WDFOBJECT o) { (void)o; record("destroy A"); }
static VOID DestroyParent(WDFOBJECT o) { (void)o; record("destroy P"); }
static VOID DestroyCheckContext(WDFOBJECT o)
{
    SMALL_CONTEXT *c = GetSmall(o);
    record(c != NULL && c->Value == 42 ? "destroy ctx ok" : "destroy ctx bad");
}

static NTSTATUS ObjectDriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags = WdfDriverInitNonPnpDriver;
    return WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config, WDF_NO_HANDLE);
}

static int setup(void **state)
{
    (void)state;
    capture_reports();
    g_event_count = 0;
    return kmdfsim_driver_load(ObjectDriverEntry, &g_driver) == STATUS_SUCCESS ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    kmdfsim_driver_unload(g_driver);
    release_reports();
    assert_int_equal(kmdfsim_live_object_count(), 0);
    return 0;
}

static void assert_events(const char *const *expected)
{
    int n = 0;
    while (expected[n] != NULL)
        n++;
    for (int i = 0; i < n && i < g_event_count; i++)
        if (strcmp(g_events[i], expected[i]) != 0)
            fail_msg("event %d is \"%s\", expected \"%s\"", i, g_events[i], expected[i]);
    if (g_event_count != n)
        fail_msg("%d events, expected %d", g_event_count, n);
}

/* ---- §1.8.3, one row each, first failure wins --------------------------- */

static NTSTATUS validate(WDF_OBJECT_ATTRIBUTES *a, ULONG flags) { return kmdfsim_validate_object_attributes(a, flags); }

static void test_attribute_validation_rows(void **state)
{
    (void)state;
    WDF_OBJECT_ATTRIBUTES a;
    assert_int_equal(validate(NULL, KMDFSIM_ATTR_PARENT_NOT_ALLOWED), STATUS_SUCCESS);

    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    assert_int_equal(validate(&a, KMDFSIM_ATTR_PARENT_NOT_ALLOWED), STATUS_SUCCESS);
    a.Size = sizeof(a) - 8;
    assert_int_equal(validate(&a, KMDFSIM_ATTR_PARENT_NOT_ALLOWED), STATUS_INFO_LENGTH_MISMATCH);

    WDF_OBJECT_CONTEXT_TYPE_INFO bad_size = *WDF_GET_CONTEXT_TYPE_INFO(SMALL_CONTEXT);
    bad_size.Size = 7;
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.ContextTypeInfo = &bad_size;
    assert_int_equal(validate(&a, KMDFSIM_ATTR_PARENT_NOT_ALLOWED), STATUS_INFO_LENGTH_MISMATCH);
    /* The v1.0 layout is accepted. */
    bad_size.Size = sizeof(WDF_OBJECT_CONTEXT_TYPE_INFO_V1_0);
    assert_int_equal(validate(&a, KMDFSIM_ATTR_PARENT_NOT_ALLOWED), STATUS_SUCCESS);

    WDF_OBJECT_CONTEXT_TYPE_INFO nameless = *WDF_GET_CONTEXT_TYPE_INFO(SMALL_CONTEXT);
    nameless.ContextName = NULL;
    a.ContextTypeInfo = &nameless;
    assert_int_equal(validate(&a, KMDFSIM_ATTR_PARENT_NOT_ALLOWED), STATUS_WDF_OBJECT_ATTRIBUTES_INVALID);

    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.ContextSizeOverride = 64; /* no type */
    assert_int_equal(validate(&a, KMDFSIM_ATTR_PARENT_NOT_ALLOWED), STATUS_WDF_OBJECT_ATTRIBUTES_INVALID);
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&a, SMALL_CONTEXT);
    a.ContextSizeOverride = sizeof(SMALL_CONTEXT) - 1; /* smaller than the type */
    assert_int_equal(validate(&a, KMDFSIM_ATTR_PARENT_NOT_ALLOWED), STATUS_WDF_OBJECT_ATTRIBUTES_INVALID);

    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.ParentObject = (WDFOBJECT)(uintptr_t)0x1234;
    assert_int_equal(validate(&a, KMDFSIM_ATTR_PARENT_NOT_ALLOWED), STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED);
    assert_int_equal(validate(&a, KMDFSIM_ATTR_PARENT_ALLOWED), STATUS_SUCCESS);

    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.ExecutionLevel = WdfExecutionLevelInvalid;
    assert_int_equal(validate(&a, KMDFSIM_ATTR_PARENT_NOT_ALLOWED), STATUS_WDF_OBJECT_ATTRIBUTES_INVALID);
    a.ExecutionLevel = (WDF_EXECUTION_LEVEL)4;
    assert_int_equal(validate(&a, KMDFSIM_ATTR_PARENT_NOT_ALLOWED), STATUS_WDF_OBJECT_ATTRIBUTES_INVALID);
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.SynchronizationScope = (WDF_SYNCHRONIZATION_SCOPE)5;
    assert_int_equal(validate(&a, KMDFSIM_ATTR_PARENT_NOT_ALLOWED), STATUS_WDF_OBJECT_ATTRIBUTES_INVALID);

    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.SynchronizationScope = WdfSynchronizationScopeDevice;
    assert_int_equal(validate(&a, KMDFSIM_ATTR_PARENT_NOT_ALLOWED), STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID);
    assert_int_equal(validate(&a, KMDFSIM_ATTR_SYNCHRONIZATION_SCOPE_ALLOWED), STATUS_SUCCESS);
    a.SynchronizationScope = WdfSynchronizationScopeNone; /* always acceptable */
    assert_int_equal(validate(&a, KMDFSIM_ATTR_PARENT_NOT_ALLOWED), STATUS_SUCCESS);

    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.ExecutionLevel = WdfExecutionLevelPassive;
    assert_int_equal(validate(&a, KMDFSIM_ATTR_PARENT_NOT_ALLOWED), STATUS_WDF_EXECUTION_LEVEL_INVALID);
    assert_int_equal(validate(&a, KMDFSIM_ATTR_EXECUTION_LEVEL_ALLOWED), STATUS_SUCCESS);

    /* First failure wins: a wrong size hides every later problem. */
    a.Size = 1;
    a.ParentObject = (WDFOBJECT)(uintptr_t)0x1234;
    assert_int_equal(validate(&a, KMDFSIM_ATTR_PARENT_NOT_ALLOWED), STATUS_INFO_LENGTH_MISMATCH);
}

/* ---- Contexts ----------------------------------------------------------- */

static void test_typed_context_is_zeroed_and_found_by_pointer(void **state)
{
    (void)state;
    WDF_OBJECT_ATTRIBUTES a;
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&a, SMALL_CONTEXT);
    WDFOBJECT object;
    assert_int_equal(WdfObjectCreate(&a, &object), STATUS_SUCCESS);
    SMALL_CONTEXT *c = GetSmall(object);
    assert_non_null(c);
    SMALL_CONTEXT zero;
    memset(&zero, 0, sizeof(zero));
    assert_memory_equal(c, &zero, sizeof(zero));
    assert_ptr_equal(WdfObjectGetTypedContext(object, SMALL_CONTEXT), c);
    assert_ptr_equal(WdfObjectContextGetObject(c), object);
    assert_int_equal((uintptr_t)c % MEMORY_ALLOCATION_ALIGNMENT, 0);
    /* A type the object does not have gives NULL, without a report. */
    assert_null(WdfObjectGet_OTHER_CONTEXT(object));
    /* A copy of the type info with the same contents is a different type: lookup is by pointer. */
    WDF_OBJECT_CONTEXT_TYPE_INFO copy = *WDF_GET_CONTEXT_TYPE_INFO(SMALL_CONTEXT);
    assert_null(WdfObjectGetTypedContextWorker(object, &copy));
    assert_int_equal(g_log.count, 0);
    WdfObjectDelete(object);
}

static void test_context_size_override_replaces_size(void **state)
{
    (void)state;
    WDF_OBJECT_ATTRIBUTES a;
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&a, SMALL_CONTEXT);
    a.ContextSizeOverride = 300;
    WDFOBJECT object;
    assert_int_equal(WdfObjectCreate(&a, &object), STATUS_SUCCESS);
    kmdfsim_object *o = kmdfsim_object_find(object);
    assert_non_null(o);
    assert_int_equal(kmdfsim_object_first_context(o)->size, 300);
    unsigned char *bytes = (unsigned char *)GetSmall(object);
    for (int i = 0; i < 300; i++)
        assert_int_equal(bytes[i], 0);
    WdfObjectDelete(object);
}

static void test_allocate_context(void **state)
{
    (void)state;
    WDFOBJECT object;
    assert_int_equal(WdfObjectCreate(WDF_NO_OBJECT_ATTRIBUTES, &object), STATUS_SUCCESS);
    assert_null(GetSmall(object));

    WDF_OBJECT_ATTRIBUTES a;
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&a, SMALL_CONTEXT);
    a.EvtCleanupCallback = CleanupB;
    PVOID context = NULL;
    assert_int_equal(WdfObjectAllocateContext(object, &a, &context), STATUS_SUCCESS);
    assert_ptr_equal(context, GetSmall(object));
    GetSmall(object)->Value = 9;
    PVOID again = NULL;
    assert_int_equal(WdfObjectAllocateContext(object, &a, &again), STATUS_OBJECT_NAME_EXISTS);
    assert_true(NT_SUCCESS(STATUS_OBJECT_NAME_EXISTS));
    assert_ptr_equal(again, context);
    assert_int_equal(GetSmall(object)->Value, 9);

    WDF_OBJECT_ATTRIBUTES untyped;
    WDF_OBJECT_ATTRIBUTES_INIT(&untyped);
    assert_int_equal(WdfObjectAllocateContext(object, &untyped, &context), STATUS_OBJECT_NAME_INVALID);
    WDF_OBJECT_ATTRIBUTES parented;
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&parented, OTHER_CONTEXT);
    parented.ParentObject = object;
    assert_int_equal(WdfObjectAllocateContext(object, &parented, &context), STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED);
    WdfObjectDelete(object);
    /* The added context's cleanup callback ran with the object. */
    static const char *const expected[] = {"cleanup B", NULL};
    assert_events(expected);
}

static void test_context_get_object_rejects_other_pointers(void **state)
{
    (void)state;
    int local;
    assert_null(WdfObjectContextGetObject(&local));
    assert_string_equal(g_log.last_rule, "INVALID_CONTEXT");
}

/* ---- Trees, cleanup and destroy ----------------------------------------- */

static WDFOBJECT create(WDFOBJECT parent, PFN_WDF_OBJECT_CONTEXT_CLEANUP cleanup, PFN_WDF_OBJECT_CONTEXT_DESTROY destroy)
{
    WDF_OBJECT_ATTRIBUTES a;
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.ParentObject = parent;
    a.EvtCleanupCallback = cleanup;
    a.EvtDestroyCallback = destroy;
    WDFOBJECT object = NULL;
    assert_int_equal(WdfObjectCreate(&a, &object), STATUS_SUCCESS);
    return object;
}

static void test_children_cleaned_up_first_in_creation_order(void **state)
{
    (void)state;
    WDFOBJECT parent = create(NULL, CleanupParent, DestroyParent);
    WDFOBJECT a = create(parent, CleanupA, DestroyA);
    create(parent, CleanupB, NULL);
    create(a, CleanupC, NULL); /* grandchild under A */
    WdfObjectDelete(parent);
    static const char *const expected[] = {"cleanup C", "cleanup A", "cleanup B", "cleanup P",
                                           "destroy A", "destroy P", NULL};
    assert_events(expected);
    assert_int_equal(g_log.count, 0);
}

static void test_reference_delays_destroy_not_cleanup(void **state)
{
    (void)state;
    WDFOBJECT object = create(NULL, CleanupA, DestroyA);
    WdfObjectReference(object);
    WdfObjectDelete(object);
    static const char *const after_delete[] = {"cleanup A", NULL};
    assert_events(after_delete);
    /* The handle stays valid until the last reference goes. */
    assert_non_null(kmdfsim_object_find(object));
    WdfObjectDereference(object);
    static const char *const after_release[] = {"cleanup A", "destroy A", NULL};
    assert_events(after_release);
    assert_null(kmdfsim_object_find(object));
}

static void test_context_available_in_destroy(void **state)
{
    (void)state;
    WDF_OBJECT_ATTRIBUTES a;
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&a, SMALL_CONTEXT);
    a.EvtDestroyCallback = DestroyCheckContext;
    WDFOBJECT object;
    assert_int_equal(WdfObjectCreate(&a, &object), STATUS_SUCCESS);
    GetSmall(object)->Value = 42;
    WdfObjectDelete(object);
    static const char *const expected[] = {"destroy ctx ok", NULL};
    assert_events(expected);
}

static void test_children_of_driver_deleted_at_unload(void **state)
{
    (void)state;
    create(NULL, CleanupA, DestroyA); /* default parent: the WDFDRIVER */
    teardown(state);
    static const char *const expected[] = {"cleanup A", "destroy A", NULL};
    assert_events(expected);
    setup(state);
}

static void test_failed_create_runs_no_callbacks(void **state)
{
    (void)state;
    WDF_OBJECT_ATTRIBUTES a;
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.EvtCleanupCallback = CleanupA;
    a.EvtDestroyCallback = DestroyA;
    a.ExecutionLevel = WdfExecutionLevelInvalid;
    WDFOBJECT object = (WDFOBJECT)(uintptr_t)1;
    assert_int_equal(WdfObjectCreate(&a, &object), STATUS_WDF_OBJECT_ATTRIBUTES_INVALID);
    assert_null(object);
    /* An allocation that fails after the context exists: pool injection cannot reach it, so use the internal API. */
    kmdfsim_object_class cls = {KMDFSIM_KIND_GENERIC, "WDFOBJECT", TRUE, NULL, NULL};
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&a, SMALL_CONTEXT);
    a.EvtCleanupCallback = CleanupA;
    a.EvtDestroyCallback = DestroyA;
    kmdfsim_object *o = kmdfsim_object_alloc(&cls, sizeof(kmdfsim_object), &a);
    assert_non_null(o);
    kmdfsim_object_abandon(o);
    assert_int_equal(g_event_count, 0);
}

/* ---- Misuse ------------------------------------------------------------- */

static void test_stale_and_forged_handles_are_reported(void **state)
{
    (void)state;
    WDFOBJECT object = create(NULL, NULL, NULL);
    WdfObjectDelete(object);
    WdfObjectDelete(object);
    assert_string_equal(g_log.last_rule, "INVALID_HANDLE");
    assert_ptr_equal(g_log.last_handle, object);
    assert_non_null(strstr(g_log.last_message, "not a live framework object"));
    assert_null(WdfObjectGetTypedContextWorker(object, WDF_GET_CONTEXT_TYPE_INFO(SMALL_CONTEXT)));
    WdfObjectDelete((WDFOBJECT)(uintptr_t)0xdeadbeef);
    WdfObjectDelete(NULL);
    assert_int_equal(g_log.errors, 4);
    assert_non_null(strstr(g_log.last_message, "NULL"));
}

static void test_wrong_handle_type_is_reported(void **state)
{
    (void)state;
    WDFOBJECT object = create(NULL, NULL, NULL);
    WdfSpinLockAcquire((WDFSPINLOCK)object);
    assert_string_equal(g_log.last_rule, "WRONG_HANDLE_TYPE");
    assert_string_equal(g_log.last_where, "WdfSpinLockAcquire");
    assert_int_equal(KeGetCurrentIrql(), PASSIVE_LEVEL);
    WdfObjectDelete(object);
}

static void test_driver_object_not_deletable_and_reference_underflow(void **state)
{
    (void)state;
    WdfObjectDelete(WdfGetDriver());
    assert_string_equal(g_log.last_rule, "OBJECT_NOT_DELETABLE");
    WDFOBJECT object = create(NULL, CleanupA, DestroyA);
    WdfObjectDereference(object); /* drops the creation reference of a live object */
    assert_string_equal(g_log.last_rule, "REFERENCE_UNDERFLOW");
    /* The object survived and is deleted normally. */
    WdfObjectDelete(object);
    static const char *const expected[] = {"cleanup A", "destroy A", NULL};
    assert_events(expected);
}

static void test_memory_object(void **state)
{
    (void)state;
    WDFMEMORY memory;
    PVOID buffer = NULL;
    kmdfsim_pool_stats before, during, after;
    kmdfsim_pool_tag_stats('tseT', &before);
    assert_int_equal(WdfMemoryCreate(WDF_NO_OBJECT_ATTRIBUTES, NonPagedPoolNx, 'tseT', 100, &memory, &buffer), STATUS_SUCCESS);
    kmdfsim_pool_tag_stats('tseT', &during);
    assert_int_equal(during.live_bytes, before.live_bytes + 100);
    size_t size = 0;
    assert_ptr_equal(WdfMemoryGetBuffer(memory, &size), buffer);
    assert_int_equal(size, 100);
    UCHAR data[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    assert_int_equal(WdfMemoryCopyFromBuffer(memory, 92, data, 8), STATUS_SUCCESS);
    assert_int_equal(WdfMemoryCopyFromBuffer(memory, 93, data, 8), STATUS_BUFFER_TOO_SMALL);
    UCHAR out[8];
    assert_int_equal(WdfMemoryCopyToBuffer(memory, 92, out, 8), STATUS_SUCCESS);
    assert_memory_equal(out, data, 8);
    assert_int_equal(WdfMemoryCreate(WDF_NO_OBJECT_ATTRIBUTES, NonPagedPoolNx, 'tseT', 0, &memory, &buffer),
                     STATUS_INVALID_PARAMETER);
    assert_null(memory);
    /* Deleting the driver's children frees the buffer (checked after teardown below). */
    teardown(state);
    kmdfsim_pool_tag_stats('tseT', &after);
    assert_int_equal(after.live_allocations, before.live_allocations);
    setup(state);
}

static void test_preallocated_memory_is_not_freed(void **state)
{
    (void)state;
    static UCHAR storage[16];
    WDFMEMORY memory;
    assert_int_equal(WdfMemoryCreatePreallocated(WDF_NO_OBJECT_ATTRIBUTES, storage, sizeof(storage), &memory), STATUS_SUCCESS);
    static UCHAR other[4];
    assert_int_equal(WdfMemoryAssignBuffer(memory, other, sizeof(other)), STATUS_SUCCESS);
    size_t size;
    assert_ptr_equal(WdfMemoryGetBuffer(memory, &size), other);
    assert_int_equal(size, 4);
    WdfObjectDelete(memory);
    assert_int_equal(g_log.count, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_attribute_validation_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_typed_context_is_zeroed_and_found_by_pointer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_context_size_override_replaces_size, setup, teardown),
        cmocka_unit_test_setup_teardown(test_allocate_context, setup, teardown),
        cmocka_unit_test_setup_teardown(test_context_get_object_rejects_other_pointers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_children_cleaned_up_first_in_creation_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reference_delays_destroy_not_cleanup, setup, teardown),
        cmocka_unit_test_setup_teardown(test_context_available_in_destroy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_children_of_driver_deleted_at_unload, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_create_runs_no_callbacks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stale_and_forged_handles_are_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wrong_handle_type_is_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(test_driver_object_not_deletable_and_reference_underflow, setup, teardown),
        cmocka_unit_test_setup_teardown(test_memory_object, setup, teardown),
        cmocka_unit_test_setup_teardown(test_preallocated_memory_is_not_freed, setup, teardown),
    };
    return cmocka_run_group_tests_name("object_model", tests, NULL, NULL);
}
