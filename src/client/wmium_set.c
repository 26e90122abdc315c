/*
 * wmium_set.c - WmiSetSingleInstance{A,W} and WmiSetSingleItem{A,W}.
 *
 * Both need WMIGUID_SET. The device's answer is passed on: a block without
 * a set callback gives ERROR_WMI_READ_ONLY, a callback's
 * STATUS_BUFFER_TOO_SMALL (or data under MinInstanceBufferSize) gives
 * ERROR_WMI_SET_FAILURE, a driver's STATUS_WMI_ITEMID_NOT_FOUND gives
 * ERROR_WMI_ITEMID_NOT_FOUND. `Reserved` is not passed to the device
 * (WnodeHeader.Version stays 0).
 */
#include "client/wmi_client.h"

#include <stdlib.h>

static ULONG set_instance(WMIHANDLE handle, const char *name, size_t length, NTSTATUS name_status, ULONG size,
                          PVOID data)
{
    GUID guid;
    NTSTATUS status = kmdfsim_wmik_handle_guid(handle, FALSE, WMIGUID_SET, &guid);
    if (NT_SUCCESS(status))
        status = name_status;
    if (NT_SUCCESS(status))
        status = kmdfsim_wmik_set_instance(&guid, name, length, 0, data, size);
    return kmdfsim_wmik_win32_result(status);
}

ULONG WMIAPI WmiSetSingleInstanceA(WMIHANDLE DataBlockHandle, LPCSTR InstanceName, ULONG Reserved,
                                   ULONG ValueBufferSize, PVOID ValueBuffer)
{
    (void)Reserved;
    char *name = NULL;
    size_t length = 0;
    NTSTATUS name_status = kmdfsim_wmik_name_from_ansi(InstanceName, &name, &length);
    ULONG result = set_instance(DataBlockHandle, name, length, name_status, ValueBufferSize, ValueBuffer);
    free(name);
    return result;
}

ULONG WMIAPI WmiSetSingleInstanceW(WMIHANDLE DataBlockHandle, LPCWSTR InstanceName, ULONG Reserved,
                                   ULONG ValueBufferSize, PVOID ValueBuffer)
{
    (void)Reserved;
    char *name = NULL;
    size_t length = 0;
    NTSTATUS name_status = kmdfsim_wmik_name_from_wide(InstanceName, &name, &length);
    ULONG result = set_instance(DataBlockHandle, name, length, name_status, ValueBufferSize, ValueBuffer);
    free(name);
    return result;
}

static ULONG set_item(WMIHANDLE handle, const char *name, size_t length, NTSTATUS name_status, ULONG item_id,
                      ULONG size, PVOID data)
{
    GUID guid;
    NTSTATUS status = kmdfsim_wmik_handle_guid(handle, FALSE, WMIGUID_SET, &guid);
    if (NT_SUCCESS(status))
        status = name_status;
    if (NT_SUCCESS(status))
        status = kmdfsim_wmik_set_item(&guid, name, length, item_id, 0, data, size);
    return kmdfsim_wmik_win32_result(status);
}

ULONG WMIAPI WmiSetSingleItemA(WMIHANDLE DataBlockHandle, LPCSTR InstanceName, ULONG DataItemId, ULONG Reserved,
                               ULONG ValueBufferSize, PVOID ValueBuffer)
{
    (void)Reserved;
    char *name = NULL;
    size_t length = 0;
    NTSTATUS name_status = kmdfsim_wmik_name_from_ansi(InstanceName, &name, &length);
    ULONG result = set_item(DataBlockHandle, name, length, name_status, DataItemId, ValueBufferSize, ValueBuffer);
    free(name);
    return result;
}

ULONG WMIAPI WmiSetSingleItemW(WMIHANDLE DataBlockHandle, LPCWSTR InstanceName, ULONG DataItemId, ULONG Reserved,
                               ULONG ValueBufferSize, PVOID ValueBuffer)
{
    (void)Reserved;
    char *name = NULL;
    size_t length = 0;
    NTSTATUS name_status = kmdfsim_wmik_name_from_wide(InstanceName, &name, &length);
    ULONG result = set_item(DataBlockHandle, name, length, name_status, DataItemId, ValueBufferSize, ValueBuffer);
    free(name);
    return result;
}
