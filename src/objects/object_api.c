/*
 * object_api.c - the WdfObject* DDIs: validate, then call the object model.
 */
#include "objects/object.h"

#include "kernel/irql.h"
#include "verifier/verifier_internal.h"

#include <stdint.h>

VOID WdfObjectDelete(WDFOBJECT Object)
{
    if (!kmdfsim_irql_check_max(DISPATCH_LEVEL, "WdfObjectDelete"))
        return;
    kmdfsim_object *object = kmdfsim_object_from_handle(Object, KMDFSIM_KIND_ANY, "WdfObjectDelete");
    if (object == NULL)
        return;
    if (!object->cls->driver_deletable) {
        /* KMDF traces STATUS_CANNOT_DELETE, breaks into the verifier and does nothing. */
        kmdfsim_verify_fail("OBJECT_NOT_DELETABLE", "WdfObjectDelete", Object,
                            "a driver may not delete a %s (KMDF ignores the call: STATUS_CANNOT_DELETE)",
                            object->cls->type_name);
        return;
    }
    kmdfsim_object_delete(object);
}

VOID WdfObjectReferenceActual(WDFOBJECT Handle, PVOID Tag, LONG Line, PCCH File)
{
    (void)Tag;
    (void)Line;
    (void)File;
    if (!kmdfsim_irql_check_max(DISPATCH_LEVEL, "WdfObjectReference"))
        return;
    kmdfsim_object *object = kmdfsim_object_from_handle(Handle, KMDFSIM_KIND_ANY, "WdfObjectReference");
    if (object != NULL)
        kmdfsim_object_reference(object);
}

VOID WdfObjectDereferenceActual(WDFOBJECT Handle, PVOID Tag, LONG Line, PCCH File)
{
    (void)Tag;
    (void)Line;
    (void)File;
    if (!kmdfsim_irql_check_max(DISPATCH_LEVEL, "WdfObjectDereference"))
        return;
    kmdfsim_object *object = kmdfsim_object_from_handle(Handle, KMDFSIM_KIND_ANY, "WdfObjectDereference");
    if (object != NULL)
        kmdfsim_object_dereference(object);
}

PVOID WdfObjectGetTypedContextWorker(WDFOBJECT Handle, PCWDF_OBJECT_CONTEXT_TYPE_INFO TypeInfo)
{
    if (TypeInfo == NULL) {
        kmdfsim_object *object =
            kmdfsim_object_from_handle(Handle, KMDFSIM_KIND_ANY, "WdfObjectGetTypedContextWorker");
        if (object != NULL)
            kmdfsim_verify_fail("NULL_PARAMETER", "WdfObjectGetTypedContextWorker", Handle, "TypeInfo is NULL");
        return NULL;
    }
    /* Callbacks call this all the time: the handle and the context are looked up under one lock. */
    return kmdfsim_object_context_from_handle(Handle, TypeInfo, "WdfObjectGetTypedContextWorker");
}

NTSTATUS WdfObjectAllocateContext(WDFOBJECT Handle, PWDF_OBJECT_ATTRIBUTES ContextAttributes, PVOID *Context)
{
    if (!kmdfsim_irql_check_max(DISPATCH_LEVEL, "WdfObjectAllocateContext"))
        return STATUS_INVALID_DEVICE_REQUEST;
    kmdfsim_object *object = kmdfsim_object_from_handle(Handle, KMDFSIM_KIND_ANY, "WdfObjectAllocateContext");
    if (object == NULL)
        return STATUS_INVALID_HANDLE;
    if (ContextAttributes == NULL) {
        kmdfsim_verify_fail("NULL_PARAMETER", "WdfObjectAllocateContext", Handle, "ContextAttributes is NULL");
        return STATUS_INVALID_PARAMETER;
    }
    NTSTATUS status = kmdfsim_validate_object_attributes(ContextAttributes, KMDFSIM_ATTR_PARENT_NOT_ALLOWED);
    if (!NT_SUCCESS(status))
        return status;
    if (ContextAttributes->ContextTypeInfo == NULL)
        return STATUS_OBJECT_NAME_INVALID;
    return kmdfsim_object_add_context(object, ContextAttributes, Context);
}

WDFOBJECT WdfObjectContextGetObject(PVOID ContextPointer)
{
    kmdfsim_object *object = kmdfsim_object_from_context(ContextPointer);
    if (object == NULL) {
        kmdfsim_verify_fail("INVALID_CONTEXT", "WdfObjectContextGetObject", ContextPointer,
                            "%p is not the start of a framework object context", ContextPointer);
        return NULL;
    }
    return object->handle;
}

NTSTATUS kmdfsim_object_create_child(const kmdfsim_object_class *cls, size_t size, PWDF_OBJECT_ATTRIBUTES attributes,
                                     const char *ddi, kmdfsim_object **object_out)
{
    *object_out = NULL;
    NTSTATUS status = kmdfsim_validate_object_attributes(attributes, KMDFSIM_ATTR_PARENT_ALLOWED);
    if (!NT_SUCCESS(status))
        return status;
    kmdfsim_object *parent;
    if (attributes != NULL && attributes->ParentObject != NULL) {
        parent = kmdfsim_object_from_handle(attributes->ParentObject, KMDFSIM_KIND_ANY, ddi);
        if (parent == NULL)
            return STATUS_INVALID_HANDLE;
    } else {
        parent = kmdfsim_current_driver_object();
        if (parent == NULL) {
            kmdfsim_verify_fail("NO_DRIVER", ddi, NULL,
                                "no ParentObject given and no WDFDRIVER exists yet to be the default parent");
            return STATUS_WDF_PARENT_NOT_SPECIFIED;
        }
    }
    kmdfsim_object *object = kmdfsim_object_alloc(cls, size, attributes);
    if (object == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    status = kmdfsim_object_commit(object, parent, attributes);
    if (!NT_SUCCESS(status)) {
        kmdfsim_object_abandon(object);
        return status;
    }
    *object_out = object;
    return STATUS_SUCCESS;
}

NTSTATUS kmdfsim_object_create_and_publish(const kmdfsim_object_class *cls, size_t size,
                                           PWDF_OBJECT_ATTRIBUTES attributes, const char *ddi, WDFOBJECT *handle_out)
{
    kmdfsim_object *object;
    NTSTATUS status = kmdfsim_object_create_child(cls, size, attributes, ddi, &object);
    if (NT_SUCCESS(status))
        *handle_out = object->handle;
    return status;
}

static const kmdfsim_object_class g_generic_class = {KMDFSIM_KIND_GENERIC, "WDFOBJECT", TRUE, NULL, NULL};

NTSTATUS WdfObjectCreate(PWDF_OBJECT_ATTRIBUTES Attributes, WDFOBJECT *Object)
{
    if (!kmdfsim_irql_check_max(DISPATCH_LEVEL, "WdfObjectCreate"))
        return STATUS_INVALID_DEVICE_REQUEST;
    if (Object == NULL) {
        kmdfsim_verify_fail("NULL_PARAMETER", "WdfObjectCreate", NULL, "Object is NULL");
        return STATUS_INVALID_PARAMETER;
    }
    *Object = NULL;
    return kmdfsim_object_create_and_publish(&g_generic_class, sizeof(kmdfsim_object), Attributes, "WdfObjectCreate",
                                             Object);
}
