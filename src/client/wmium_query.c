/*
 * wmium_query.c - WmiQueryAllData{A,W} and WmiQuerySingleInstance{A,W}.
 *
 * The reply formats are described in requests.c. The size probe: a call
 * whose buffer is NULL or too small returns ERROR_INSUFFICIENT_BUFFER with
 * the size of the whole reply in *BufferSize; a second call with that much
 * room succeeds (as long as the data does not grow in between).
 */
#include "client/wmi_client.h"

static ULONG query_all(WMIHANDLE handle, ULONG *size, PVOID buffer, kmdfsim_wmik_charset charset)
{
    GUID guid;
    NTSTATUS status = kmdfsim_wmik_handle_guid(handle, FALSE, WMIGUID_QUERY, &guid);
    if (NT_SUCCESS(status) && size == NULL)
        status = STATUS_INVALID_PARAMETER;
    if (NT_SUCCESS(status))
        status = kmdfsim_wmik_query_all(&guid, charset, buffer, size);
    return kmdfsim_wmik_win32_result(status);
}

ULONG WMIAPI WmiQueryAllDataA(WMIHANDLE DataBlockHandle, ULONG *BufferSize, PVOID Buffer)
{
    return query_all(DataBlockHandle, BufferSize, Buffer, KMDFSIM_WMIK_ANSI);
}

ULONG WMIAPI WmiQueryAllDataW(WMIHANDLE DataBlockHandle, ULONG *BufferSize, PVOID Buffer)
{
    return query_all(DataBlockHandle, BufferSize, Buffer, KMDFSIM_WMIK_UTF16);
}

static ULONG query_single(WMIHANDLE handle, const char *name, size_t length, NTSTATUS name_status, ULONG *size,
                          PVOID buffer, kmdfsim_wmik_charset charset)
{
    kmdfsim_wmik_block block = {handle, FALSE, WMIGUID_QUERY, name_status};
    if (NT_SUCCESS(block.precheck) && size == NULL)
        block.precheck = STATUS_INVALID_PARAMETER;
    return kmdfsim_wmik_win32_result(kmdfsim_wmik_query_single(&block, name, length, charset, buffer, size));
}

ULONG WMIAPI WmiQuerySingleInstanceA(WMIHANDLE DataBlockHandle, LPCSTR InstanceName, ULONG *BufferSize, PVOID Buffer)
{
    kmdfsim_wmik_name_arg name;
    NTSTATUS name_status = kmdfsim_wmik_name_arg_ansi(&name, InstanceName);
    ULONG result = query_single(DataBlockHandle, name.text, name.length, name_status, BufferSize, Buffer, KMDFSIM_WMIK_ANSI);
    kmdfsim_wmik_name_arg_free(&name);
    return result;
}

ULONG WMIAPI WmiQuerySingleInstanceW(WMIHANDLE DataBlockHandle, LPCWSTR InstanceName, ULONG *BufferSize, PVOID Buffer)
{
    kmdfsim_wmik_name_arg name;
    NTSTATUS name_status = kmdfsim_wmik_name_arg_wide(&name, InstanceName);
    ULONG result = query_single(DataBlockHandle, name.text, name.length, name_status, BufferSize, Buffer, KMDFSIM_WMIK_UTF16);
    kmdfsim_wmik_name_arg_free(&name);
    return result;
}
