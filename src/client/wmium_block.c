/*
 * wmium_block.c - opening and closing data blocks (WmiOpenBlock,
 * WmiCloseBlock) and WmiQueryGuidInformation.
 *
 * A handle records the GUID and the access it was opened with; every call
 * through it checks that access (WMIGUID_QUERY for queries, WMIGUID_SET for
 * sets, WMIGUID_EXECUTE for methods) and fails with ERROR_ACCESS_DENIED
 * (STATUS_ACCESS_DENIED) without reaching a driver. WmiQueryGuidInformation
 * needs no particular access.
 */
#include "client/wmi_client.h"

ULONG WMIAPI WmiOpenBlock(LPGUID Guid, ULONG DesiredAccess, WMIHANDLE *DataBlockHandle)
{
    if (Guid == NULL || DataBlockHandle == NULL)
        return kmdfsim_wmik_win32_result(STATUS_INVALID_PARAMETER);
    *DataBlockHandle = NULL;
    return kmdfsim_wmik_win32_result(kmdfsim_wmik_handle_open(Guid, DesiredAccess, FALSE, DataBlockHandle));
}

ULONG WMIAPI WmiCloseBlock(WMIHANDLE DataBlockHandle)
{
    return kmdfsim_wmik_win32_result(kmdfsim_wmik_handle_close(DataBlockHandle, FALSE));
}

ULONG WMIAPI WmiQueryGuidInformation(WMIHANDLE GuidHandle, PWMIGUIDINFORMATION GuidInfo)
{
    GUID guid;
    NTSTATUS status = kmdfsim_wmik_handle_guid(GuidHandle, FALSE, 0, &guid);
    if (!NT_SUCCESS(status))
        return kmdfsim_wmik_win32_result(status);
    if (GuidInfo == NULL || GuidInfo->Size < sizeof(WMIGUIDINFORMATION))
        return kmdfsim_wmik_win32_result(STATUS_INVALID_PARAMETER);
    BOOLEAN expensive = FALSE, event_only = FALSE;
    status = kmdfsim_wmik_registry_guid_info(&guid, &expensive, &event_only);
    if (NT_SUCCESS(status)) {
        GuidInfo->IsExpensive = expensive;
        GuidInfo->IsEventOnly = event_only;
    }
    return kmdfsim_wmik_win32_result(status);
}
