/*
 * wmium_query.c - WmiQueryAllData{A,W} and WmiQuerySingleInstance{A,W}.
 *
 * The reply formats are described in requests.c. The size probe: a call
 * whose buffer is NULL or too small returns ERROR_INSUFFICIENT_BUFFER with
 * the size of the whole reply in *BufferSize; a second call with that much
 * room succeeds (as long as the data does not grow in between).
 */
#include "client/wmi_client.h"

#include <stdlib.h>

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
    GUID guid;
    NTSTATUS status = kmdfsim_wmik_handle_guid(handle, FALSE, WMIGUID_QUERY, &guid);
    if (NT_SUCCESS(status))
        status = name_status;
    if (NT_SUCCESS(status) && size == NULL)
        status = STATUS_INVALID_PARAMETER;
    if (NT_SUCCESS(status))
        status = kmdfsim_wmik_query_single(&guid, name, length, charset, buffer, size);
    return kmdfsim_wmik_win32_result(status);
}

ULONG WMIAPI WmiQuerySingleInstanceA(WMIHANDLE DataBlockHandle, LPCSTR InstanceName, ULONG *BufferSize, PVOID Buffer)
{
    char *name = NULL;
    size_t length = 0;
    NTSTATUS name_status = kmdfsim_wmik_name_from_ansi(InstanceName, &name, &length);
    ULONG result = query_single(DataBlockHandle, name, length, name_status, BufferSize, Buffer, KMDFSIM_WMIK_ANSI);
    free(name);
    return result;
}

ULONG WMIAPI WmiQuerySingleInstanceW(WMIHANDLE DataBlockHandle, LPCWSTR InstanceName, ULONG *BufferSize, PVOID Buffer)
{
    char *name = NULL;
    size_t length = 0;
    NTSTATUS name_status = kmdfsim_wmik_name_from_wide(InstanceName, &name, &length);
    ULONG result = query_single(DataBlockHandle, name, length, name_status, BufferSize, Buffer, KMDFSIM_WMIK_UTF16);
    free(name);
    return result;
}
