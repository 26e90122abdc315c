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

static ULONG execute(WMIHANDLE handle, const char *name, size_t length, NTSTATUS name_status, ULONG method_id,
                     ULONG in_size, PVOID in, ULONG *out_size, PVOID out)
{
    kmdfsim_wmik_block block = {handle, FALSE, WMIGUID_EXECUTE, name_status};
    if (NT_SUCCESS(block.precheck) && out_size == NULL)
        block.precheck = STATUS_INVALID_PARAMETER;
    return kmdfsim_wmik_win32_result(
        kmdfsim_wmik_execute(&block, name, length, method_id, in, in_size, out, out_size));
}

ULONG WMIAPI WmiExecuteMethodA(WMIHANDLE MethodDataBlockHandle, LPCSTR MethodInstanceName, ULONG MethodId,
                               ULONG InputValueBufferSize, PVOID InputValueBuffer, ULONG *OutputBufferSize,
                               PVOID OutputBuffer)
{
    kmdfsim_wmik_name_arg name;
    NTSTATUS name_status = kmdfsim_wmik_name_arg_ansi(&name, MethodInstanceName);
    ULONG result = execute(MethodDataBlockHandle, name.text, name.length, name_status, MethodId, InputValueBufferSize,
                           InputValueBuffer, OutputBufferSize, OutputBuffer);
    kmdfsim_wmik_name_arg_free(&name);
    return result;
}

ULONG WMIAPI WmiExecuteMethodW(WMIHANDLE MethodDataBlockHandle, LPCWSTR MethodInstanceName, ULONG MethodId,
                               ULONG InputValueBufferSize, PVOID InputValueBuffer, ULONG *OutputBufferSize,
                               PVOID OutputBuffer)
{
    kmdfsim_wmik_name_arg name;
    NTSTATUS name_status = kmdfsim_wmik_name_arg_wide(&name, MethodInstanceName);
    ULONG result = execute(MethodDataBlockHandle, name.text, name.length, name_status, MethodId, InputValueBufferSize,
                           InputValueBuffer, OutputBufferSize, OutputBuffer);
    kmdfsim_wmik_name_arg_free(&name);
    return result;
}
