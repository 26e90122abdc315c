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

static ULONG set_instance(WMIHANDLE handle, const char *name, size_t length, NTSTATUS name_status, ULONG size,
                          PVOID data)
{
    kmdfsim_wmik_block block = {handle, FALSE, WMIGUID_SET, name_status};
    return kmdfsim_wmik_win32_result(kmdfsim_wmik_set_instance(&block, name, length, 0, data, size));
}

ULONG WMIAPI WmiSetSingleInstanceA(WMIHANDLE DataBlockHandle, LPCSTR InstanceName, ULONG Reserved,
                                   ULONG ValueBufferSize, PVOID ValueBuffer)
{
    (void)Reserved;
    kmdfsim_wmik_name_arg name;
    NTSTATUS name_status = kmdfsim_wmik_name_arg_ansi(&name, InstanceName);
    ULONG result = set_instance(DataBlockHandle, name.text, name.length, name_status, ValueBufferSize, ValueBuffer);
    kmdfsim_wmik_name_arg_free(&name);
    return result;
}

ULONG WMIAPI WmiSetSingleInstanceW(WMIHANDLE DataBlockHandle, LPCWSTR InstanceName, ULONG Reserved,
                                   ULONG ValueBufferSize, PVOID ValueBuffer)
{
    (void)Reserved;
    kmdfsim_wmik_name_arg name;
    NTSTATUS name_status = kmdfsim_wmik_name_arg_wide(&name, InstanceName);
    ULONG result = set_instance(DataBlockHandle, name.text, name.length, name_status, ValueBufferSize, ValueBuffer);
    kmdfsim_wmik_name_arg_free(&name);
    return result;
}

static ULONG set_item(WMIHANDLE handle, const char *name, size_t length, NTSTATUS name_status, ULONG item_id,
                      ULONG size, PVOID data)
{
    kmdfsim_wmik_block block = {handle, FALSE, WMIGUID_SET, name_status};
    return kmdfsim_wmik_win32_result(kmdfsim_wmik_set_item(&block, name, length, item_id, 0, data, size));
}

ULONG WMIAPI WmiSetSingleItemA(WMIHANDLE DataBlockHandle, LPCSTR InstanceName, ULONG DataItemId, ULONG Reserved,
                               ULONG ValueBufferSize, PVOID ValueBuffer)
{
    (void)Reserved;
    kmdfsim_wmik_name_arg name;
    NTSTATUS name_status = kmdfsim_wmik_name_arg_ansi(&name, InstanceName);
    ULONG result = set_item(DataBlockHandle, name.text, name.length, name_status, DataItemId, ValueBufferSize, ValueBuffer);
    kmdfsim_wmik_name_arg_free(&name);
    return result;
}

ULONG WMIAPI WmiSetSingleItemW(WMIHANDLE DataBlockHandle, LPCWSTR InstanceName, ULONG DataItemId, ULONG Reserved,
                               ULONG ValueBufferSize, PVOID ValueBuffer)
{
    (void)Reserved;
    kmdfsim_wmik_name_arg name;
    NTSTATUS name_status = kmdfsim_wmik_name_arg_wide(&name, InstanceName);
    ULONG result = set_item(DataBlockHandle, name.text, name.length, name_status, DataItemId, ValueBufferSize, ValueBuffer);
    kmdfsim_wmik_name_arg_free(&name);
    return result;
}
