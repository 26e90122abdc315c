/*
 * io_wmi.c - the kernel-mode WMI consumer API (wdm.h): drivers as WMI
 * clients of other drivers. Same WMI kernel as the user-mode API, NTSTATUS
 * results, UTF-16 names (UNICODE_STRING), STATUS_BUFFER_TOO_SMALL and the
 * needed size for short buffers.
 *
 * IoWMIOpenBlock returns a data-block object; ObDereferenceObject closes it
 * (with its notification callback), ObReferenceObject adds a reference.
 * Objects are checked: a bad or closed one is a verifier error
 * (INVALID_HANDLE) and STATUS_INVALID_HANDLE; a missing access right is
 * STATUS_ACCESS_DENIED (not a driver bug: the access is the caller's
 * choice). The data DDIs need PASSIVE_LEVEL; IoWMISetNotificationCallback
 * and IoWMIHandleToInstanceName APC_LEVEL at most. IoWMIAllocateInstanceIds
 * hands out consecutive IDs per GUID from 0. (IoWMISuggestInstanceName is
 * declared but not provided.)
 */
#include "client/wmi_client.h"

#include "device/device.h"
#include "kernel/irql.h"
#include "rtl/rtl_internal.h"
#include "verifier/verifier_internal.h"

#include <stdlib.h>
#include <string.h>

/* The GUID of a data-block object, after the checks every DDI makes. */
static NTSTATUS object_guid(PVOID object, ULONG needed, const char *ddi, GUID *guid)
{
    NTSTATUS status = kmdfsim_wmik_handle_guid(object, TRUE, needed, guid);
    if (status == STATUS_INVALID_HANDLE)
        kmdfsim_verify_fail("INVALID_HANDLE", ddi, object, "not an open WMI data block object (IoWMIOpenBlock)");
    return status;
}

/* A UNICODE_STRING instance name as UTF-8 (malloc'd). */
static NTSTATUS name_of(PUNICODE_STRING name, const char *ddi, char **out, size_t *length)
{
    *out = NULL;
    if (name == NULL || !kmdfsim_rtl_unicode_string_readable(name)) {
        kmdfsim_verify_fail(name == NULL ? "NULL_PARAMETER" : "INVALID_UNICODE_STRING", ddi, name,
                            "InstanceName must be a valid UNICODE_STRING");
        return STATUS_INVALID_PARAMETER;
    }
    *out = kmdfsim_wmik_utf16_to_utf8(name->Buffer, name->Length / sizeof(WCHAR), length);
    return *out != NULL ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES;
}

static BOOLEAN null_check(const void *p, const char *what, const char *ddi)
{
    if (p != NULL)
        return TRUE;
    kmdfsim_verify_fail("NULL_PARAMETER", ddi, NULL, "%s is NULL", what);
    return FALSE;
}

NTSTATUS NTAPI IoWMIOpenBlock(LPCGUID Guid, ULONG DesiredAccess, PVOID *DataBlockObject)
{
    if (!kmdfsim_irql_check_max(PASSIVE_LEVEL, "IoWMIOpenBlock"))
        return STATUS_INVALID_DEVICE_REQUEST;
    if (!null_check(DataBlockObject, "DataBlockObject", "IoWMIOpenBlock") || !null_check(Guid, "Guid", "IoWMIOpenBlock"))
        return STATUS_INVALID_PARAMETER;
    return kmdfsim_wmik_handle_open(Guid, DesiredAccess, TRUE, DataBlockObject);
}

NTSTATUS NTAPI IoWMIQueryAllData(PVOID DataBlockObject, ULONG *InOutBufferSize, PVOID OutBuffer)
{
    if (!kmdfsim_irql_check_max(PASSIVE_LEVEL, "IoWMIQueryAllData"))
        return STATUS_INVALID_DEVICE_REQUEST;
    GUID guid;
    NTSTATUS status = object_guid(DataBlockObject, WMIGUID_QUERY, "IoWMIQueryAllData", &guid);
    if (!NT_SUCCESS(status))
        return status;
    if (!null_check(InOutBufferSize, "InOutBufferSize", "IoWMIQueryAllData"))
        return STATUS_INVALID_PARAMETER;
    return kmdfsim_wmik_query_all(&guid, KMDFSIM_WMIK_UTF16, OutBuffer, InOutBufferSize);
}

/*
 * Several blocks in one reply: each object's chain, 8-aligned, the last
 * WNODE of one chain linked to the first of the next. Objects whose GUID
 * has no instance are left out; the call fails only when none answers.
 */
NTSTATUS NTAPI IoWMIQueryAllDataMultiple(PVOID *DataBlockObjectList, ULONG ObjectCount, ULONG *InOutBufferSize,
                                         PVOID OutBuffer)
{
    if (!kmdfsim_irql_check_max(PASSIVE_LEVEL, "IoWMIQueryAllDataMultiple"))
        return STATUS_INVALID_DEVICE_REQUEST;
    if (!null_check(DataBlockObjectList, "DataBlockObjectList", "IoWMIQueryAllDataMultiple") ||
        !null_check(InOutBufferSize, "InOutBufferSize", "IoWMIQueryAllDataMultiple"))
        return STATUS_INVALID_PARAMETER;
    UCHAR **parts = calloc(ObjectCount > 0 ? ObjectCount : 1, sizeof(UCHAR *));
    ULONG *sizes = calloc(ObjectCount > 0 ? ObjectCount : 1, sizeof(ULONG));
    NTSTATUS status = parts != NULL && sizes != NULL ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES;
    NTSTATUS last_failure = STATUS_WMI_GUID_NOT_FOUND;
    uint64_t total = 0;
    for (ULONG i = 0; i < ObjectCount && NT_SUCCESS(status); i++) {
        GUID guid;
        status = object_guid(DataBlockObjectList[i], WMIGUID_QUERY, "IoWMIQueryAllDataMultiple", &guid);
        if (!NT_SUCCESS(status))
            break;
        /* Probe, then fetch; the data can grow in between, hence the loop. */
        for (int attempt = 0; attempt < 4; attempt++) {
            ULONG size = sizes[i];
            NTSTATUS st = kmdfsim_wmik_query_all(&guid, KMDFSIM_WMIK_UTF16, parts[i], &size);
            if (st == STATUS_BUFFER_TOO_SMALL) {
                free(parts[i]);
                parts[i] = malloc(size);
                sizes[i] = parts[i] != NULL ? size : 0;
                if (parts[i] == NULL) {
                    status = STATUS_INSUFFICIENT_RESOURCES;
                    break;
                }
                continue;
            }
            if (!NT_SUCCESS(st)) {
                free(parts[i]);
                parts[i] = NULL;
                sizes[i] = 0;
                last_failure = st;
            } else {
                sizes[i] = size;
                total = ((total + 7) & ~(uint64_t)7) + size;
            }
            break;
        }
    }
    if (NT_SUCCESS(status) && total == 0)
        status = last_failure;
    if (NT_SUCCESS(status) && total > 0xFFFFFFFFu)
        status = STATUS_INTEGER_OVERFLOW;
    if (NT_SUCCESS(status)) {
        if (OutBuffer == NULL || *InOutBufferSize < total) {
            status = STATUS_BUFFER_TOO_SMALL;
        } else {
            UCHAR *out = OutBuffer;
            memset(out, 0, (size_t)total);
            ULONG at = 0;
            ULONG last_wnode = 0;
            BOOLEAN first = TRUE;
            for (ULONG i = 0; i < ObjectCount; i++) {
                if (parts[i] == NULL || sizes[i] == 0)
                    continue;
                if (!first) {
                    ULONG start = (at + 7) & ~7u;
                    ((WNODE_HEADER *)(void *)(out + last_wnode))->Linkage = start - last_wnode;
                    at = start;
                }
                memcpy(out + at, parts[i], sizes[i]);
                /* The last WNODE of this chain. */
                ULONG w = at;
                for (;;) {
                    ULONG link = ((const WNODE_HEADER *)(const void *)(out + w))->Linkage;
                    if (link == 0)
                        break;
                    w += link;
                }
                last_wnode = w;
                at += sizes[i];
                first = FALSE;
            }
        }
        *InOutBufferSize = (ULONG)total;
    }
    for (ULONG i = 0; parts != NULL && i < ObjectCount; i++)
        free(parts[i]);
    free(parts);
    free(sizes);
    return status;
}

NTSTATUS NTAPI IoWMIQuerySingleInstance(PVOID DataBlockObject, PUNICODE_STRING InstanceName, ULONG *InOutBufferSize,
                                        PVOID OutBuffer)
{
    if (!kmdfsim_irql_check_max(PASSIVE_LEVEL, "IoWMIQuerySingleInstance"))
        return STATUS_INVALID_DEVICE_REQUEST;
    GUID guid;
    NTSTATUS status = object_guid(DataBlockObject, WMIGUID_QUERY, "IoWMIQuerySingleInstance", &guid);
    if (!NT_SUCCESS(status))
        return status;
    if (!null_check(InOutBufferSize, "InOutBufferSize", "IoWMIQuerySingleInstance"))
        return STATUS_INVALID_PARAMETER;
    char *name = NULL;
    size_t length = 0;
    status = name_of(InstanceName, "IoWMIQuerySingleInstance", &name, &length);
    if (NT_SUCCESS(status))
        status = kmdfsim_wmik_query_single(&(kmdfsim_wmik_block){DataBlockObject, TRUE, WMIGUID_QUERY, STATUS_SUCCESS}, name, length, KMDFSIM_WMIK_UTF16, OutBuffer, InOutBufferSize);
    free(name);
    return status;
}

NTSTATUS NTAPI IoWMISetSingleInstance(PVOID DataBlockObject, PUNICODE_STRING InstanceName, ULONG Version,
                                      ULONG ValueBufferSize, PVOID ValueBuffer)
{
    if (!kmdfsim_irql_check_max(PASSIVE_LEVEL, "IoWMISetSingleInstance"))
        return STATUS_INVALID_DEVICE_REQUEST;
    GUID guid;
    NTSTATUS status = object_guid(DataBlockObject, WMIGUID_SET, "IoWMISetSingleInstance", &guid);
    if (!NT_SUCCESS(status))
        return status;
    char *name = NULL;
    size_t length = 0;
    status = name_of(InstanceName, "IoWMISetSingleInstance", &name, &length);
    if (NT_SUCCESS(status))
        status = kmdfsim_wmik_set_instance(&(kmdfsim_wmik_block){DataBlockObject, TRUE, WMIGUID_SET, STATUS_SUCCESS}, name, length, Version, ValueBuffer, ValueBufferSize);
    free(name);
    return status;
}

NTSTATUS NTAPI IoWMISetSingleItem(PVOID DataBlockObject, PUNICODE_STRING InstanceName, ULONG DataItemId, ULONG Version,
                                  ULONG ValueBufferSize, PVOID ValueBuffer)
{
    if (!kmdfsim_irql_check_max(PASSIVE_LEVEL, "IoWMISetSingleItem"))
        return STATUS_INVALID_DEVICE_REQUEST;
    GUID guid;
    NTSTATUS status = object_guid(DataBlockObject, WMIGUID_SET, "IoWMISetSingleItem", &guid);
    if (!NT_SUCCESS(status))
        return status;
    char *name = NULL;
    size_t length = 0;
    status = name_of(InstanceName, "IoWMISetSingleItem", &name, &length);
    if (NT_SUCCESS(status))
        status = kmdfsim_wmik_set_item(&(kmdfsim_wmik_block){DataBlockObject, TRUE, WMIGUID_SET, STATUS_SUCCESS}, name, length, DataItemId, Version, ValueBuffer, ValueBufferSize);
    free(name);
    return status;
}

NTSTATUS NTAPI IoWMIExecuteMethod(PVOID DataBlockObject, PUNICODE_STRING InstanceName, ULONG MethodId,
                                  ULONG InBufferSize, PULONG OutBufferSize, PUCHAR InOutBuffer)
{
    if (!kmdfsim_irql_check_max(PASSIVE_LEVEL, "IoWMIExecuteMethod"))
        return STATUS_INVALID_DEVICE_REQUEST;
    GUID guid;
    NTSTATUS status = object_guid(DataBlockObject, WMIGUID_EXECUTE, "IoWMIExecuteMethod", &guid);
    if (!NT_SUCCESS(status))
        return status;
    if (!null_check(OutBufferSize, "OutBufferSize", "IoWMIExecuteMethod"))
        return STATUS_INVALID_PARAMETER;
    char *name = NULL;
    size_t length = 0;
    status = name_of(InstanceName, "IoWMIExecuteMethod", &name, &length);
    if (NT_SUCCESS(status))
        status = kmdfsim_wmik_execute(&(kmdfsim_wmik_block){DataBlockObject, TRUE, WMIGUID_EXECUTE, STATUS_SUCCESS}, name, length, MethodId, InOutBuffer, InBufferSize, InOutBuffer,
                                      OutBufferSize);
    free(name);
    return status;
}

NTSTATUS NTAPI IoWMISetNotificationCallback(PVOID Object, WMI_NOTIFICATION_CALLBACK Callback, PVOID Context)
{
    if (!kmdfsim_irql_check_max(APC_LEVEL, "IoWMISetNotificationCallback"))
        return STATUS_INVALID_DEVICE_REQUEST;
    GUID guid;
    NTSTATUS status = object_guid(Object, 0, "IoWMISetNotificationCallback", &guid);
    if (!NT_SUCCESS(status))
        return status;
    return kmdfsim_wmik_handle_set_callback(Object, Callback, Context);
}

/* ---- IoWMIAllocateInstanceIds ------------------------------------------------------ */

/* Per GUID, the next instance ID to hand out (WDM drivers that name instances "base name + ID"). */
typedef struct instance_ids {
    GUID guid;
    ULONG next;
    UT_hash_handle hh;
} instance_ids;

static instance_ids *g_instance_ids;

NTSTATUS NTAPI IoWMIAllocateInstanceIds(GUID *Guid, ULONG InstanceCount, ULONG *FirstInstanceId)
{
    if (!kmdfsim_irql_check_max(PASSIVE_LEVEL, "IoWMIAllocateInstanceIds"))
        return STATUS_INVALID_DEVICE_REQUEST;
    if (!null_check(Guid, "Guid", "IoWMIAllocateInstanceIds") ||
        !null_check(FirstInstanceId, "FirstInstanceId", "IoWMIAllocateInstanceIds"))
        return STATUS_INVALID_PARAMETER;
    NTSTATUS status = STATUS_SUCCESS;
    kmdfsim_wmik_lock();
    instance_ids *ids;
    HASH_FIND(hh, g_instance_ids, Guid, sizeof(GUID), ids);
    if (ids == NULL) {
        ids = calloc(1, sizeof(*ids));
        if (ids != NULL) {
            ids->guid = *Guid;
            HASH_ADD(hh, g_instance_ids, guid, sizeof(GUID), ids);
        }
    }
    if (ids == NULL)
        status = STATUS_INSUFFICIENT_RESOURCES;
    else if (InstanceCount > 0xFFFFFFFFu - ids->next)
        status = STATUS_INTEGER_OVERFLOW;
    else {
        *FirstInstanceId = ids->next;
        ids->next += InstanceCount;
    }
    kmdfsim_wmik_unlock();
    return status;
}

/* ---- Object references ------------------------------------------------------------- */

/*
 * kmdfsim's object manager knows two kinds of objects: WMI data-block
 * objects (counted here) and the device objects it simulates, which live
 * as long as their device and need no counting. Anything else is reported.
 */
VOID NTAPI ObReferenceObject(PVOID Object)
{
    if (kmdfsim_wmik_is_kernel_object(Object)) {
        (void)kmdfsim_wmik_handle_reference(Object);
        return;
    }
    if (Object == NULL || kmdfsim_device_from_wdm((const DEVICE_OBJECT *)Object) == NULL)
        kmdfsim_verify_fail("INVALID_OBJECT", "ObReferenceObject", Object, "not an object kmdfsim knows");
}

VOID NTAPI ObDereferenceObject(PVOID Object)
{
    if (kmdfsim_wmik_is_kernel_object(Object)) {
        (void)kmdfsim_wmik_handle_close(Object, TRUE);
        return;
    }
    if (Object == NULL || kmdfsim_device_from_wdm((const DEVICE_OBJECT *)Object) == NULL)
        kmdfsim_verify_fail("INVALID_OBJECT", "ObDereferenceObject", Object, "not an object kmdfsim knows");
}
