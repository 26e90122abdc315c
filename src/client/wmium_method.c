/*
 * wmium_method.c - WmiExecuteMethod{A,W}.
 *
 * Needs WMIGUID_EXECUTE. The device gets one buffer with the input at
 * DataBlockOffset and room for max(input, output) bytes; the consumer gets
 * the output bytes in OutputBuffer and their count in *OutputBufferSize.
 * The size probe works as for queries: a WNODE_TOO_SMALL answer (or a
 * driver claiming more output than the room it had) gives
 * ERROR_INSUFFICIENT_BUFFER with the output size needed. Only
 * IRP_MN_EXECUTE_METHOD is sent (no QUERY_SINGLE_INSTANCE first).
 */
#include "client/wmi_client.h"

#include <stdlib.h>

static ULONG execute(WMIHANDLE handle, const char *name, size_t length, NTSTATUS name_status, ULONG method_id,
                     ULONG in_size, PVOID in, ULONG *out_size, PVOID out)
{
    GUID guid;
    NTSTATUS status = kmdfsim_wmik_handle_guid(handle, FALSE, WMIGUID_EXECUTE, &guid);
    if (NT_SUCCESS(status))
        status = name_status;
    if (NT_SUCCESS(status) && out_size == NULL)
        status = STATUS_INVALID_PARAMETER;
    if (NT_SUCCESS(status))
        status = kmdfsim_wmik_execute(&guid, name, length, method_id, in, in_size, out, out_size);
    return kmdfsim_wmik_win32_result(status);
}

ULONG WMIAPI WmiExecuteMethodA(WMIHANDLE MethodDataBlockHandle, LPCSTR MethodInstanceName, ULONG MethodId,
                               ULONG InputValueBufferSize, PVOID InputValueBuffer, ULONG *OutputBufferSize,
                               PVOID OutputBuffer)
{
    char *name = NULL;
    size_t length = 0;
    NTSTATUS name_status = kmdfsim_wmik_name_from_ansi(MethodInstanceName, &name, &length);
    ULONG result = execute(MethodDataBlockHandle, name, length, name_status, MethodId, InputValueBufferSize,
                           InputValueBuffer, OutputBufferSize, OutputBuffer);
    free(name);
    return result;
}

ULONG WMIAPI WmiExecuteMethodW(WMIHANDLE MethodDataBlockHandle, LPCWSTR MethodInstanceName, ULONG MethodId,
                               ULONG InputValueBufferSize, PVOID InputValueBuffer, ULONG *OutputBufferSize,
                               PVOID OutputBuffer)
{
    char *name = NULL;
    size_t length = 0;
    NTSTATUS name_status = kmdfsim_wmik_name_from_wide(MethodInstanceName, &name, &length);
    ULONG result = execute(MethodDataBlockHandle, name, length, name_status, MethodId, InputValueBufferSize,
                           InputValueBuffer, OutputBufferSize, OutputBuffer);
    free(name);
    return result;
}
