/*
 * wpp_driver.c - trace statements as KMDF drivers write them, compiled with
 * the .tmh that kmdfsim-wpp generated from trace.h.
 */
#include "wpp_driver.h"

#if defined(EVENT_TRACING)
#include "wpp_driver.tmh"
#endif

ULONG KsWppSteps;
ULONG KsWppEvaluations;
RECORDER_LOG KsWppLogUsed;

static ULONG Evaluate(ULONG Value)
{
    KsWppEvaluations++;
    return Value;
}

_Use_decl_annotations_
NTSTATUS KsWppInit(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WPP_INIT_TRACING(DriverObject, RegistryPath);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "%!FUNC! Entry");
    return STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID KsWppCleanup(PDRIVER_OBJECT DriverObject)
{
    Trace(TRACE_LEVEL_INFORMATION, "%!FUNC! cleanup");
    WPP_CLEANUP(DriverObject);
}

/* Step 1 always runs; the PRE/POST of TRACE_RETURN_IF_FAILED return a failure before step 2. */
_Use_decl_annotations_
NTSTATUS KsWppReturnIfFailed(NTSTATUS Status)
{
    KsWppSteps = 1;
    TRACE_RETURN_IF_FAILED(Status, "step %d", 1);
    KsWppSteps = 2;
    return STATUS_SUCCESS;
}

_Use_decl_annotations_
NTSTATUS KsWppExitIfFailed(NTSTATUS Status)
{
    NTSTATUS result = STATUS_SUCCESS;
    KsWppSteps = 1;
    EXIT_IF_FAILED(Status, "could not start (%d)", 7);
    KsWppSteps = 2;
Exit:
    if (KsWppSteps == 1)
        result = STATUS_UNSUCCESSFUL;
    return result;
}

_Use_decl_annotations_
VOID KsWppTraceReturn(NTSTATUS Status)
{
    TRACE_RETURN(Status);
}

VOID KsWppFormats(VOID)
{
    static const GUID guid = {0x12345678, 0x9abc, 0xdef0, {0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef}};
    UNICODE_STRING name;
    RtlInitUnicodeString(&name, L"Device\x00e9");
    TraceEvents(TRACE_LEVEL_ERROR, TRACE_WMI, "status %!STATUS! line %!LINE! func %!FUNC! file %!FILE!",
                STATUS_WMI_INSTANCE_NOT_FOUND);
    TraceEvents(TRACE_LEVEL_WARNING, TRACE_WMI, "%d %u %x %08X %I64x %lld %s %ws %wZ %c %%", -5, 7u, 255u, 0xBEEFu,
                0x123456789ABCDEFull, -9ll, "narrow", L"wide", &name, 'z');
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_WMI, "%!bool! %!BOOLEAN! %!irql! %!GUID! %!HRESULT! %!WINERROR!", 1, 0,
                2, &guid, 0x80070005, 5);
    TraceEvents(TRACE_LEVEL_VERBOSE, TRACE_WMI, "%!sysctrl! %!pnpmn! %!IPADDR! %!PORT! %!KSCOLOR! %!LEVEL! %!FLAGS! %!COMPNAME!",
                0x0B, 0x17, 0x0100007F, 0x5000, KsGreen);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_WMI, "[%5d|%-4s|%.3s|%*d|%.*ws]", 42, "ab", "abcdef", 3, 7, 2, L"xyz");
}

/* Arguments are evaluated only when the message is enabled. */
VOID KsWppLevels(VOID)
{
    TraceEvents(TRACE_LEVEL_ERROR, TRACE_DRIVER, "error %u", Evaluate(1));
    TraceEvents(TRACE_LEVEL_VERBOSE, TRACE_DRIVER, "verbose %u", Evaluate(2));
    TraceEvents(TRACE_LEVEL_ERROR, TRACE_DEVICE, "device %u", Evaluate(3));
}

/* A trace call is an expression: it fits an unbraced if/else. */
_Use_decl_annotations_
ULONG KsWppIfElse(BOOLEAN Condition)
{
    if (Condition)
        TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "then");
    else
        TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "else");
    return Condition ? 1 : 2;
}

VOID KsWppOldStyle(VOID)
{
    DoTraceMessage(TRACE_DEVICE, "old style %d", 5);
}

VOID KsWppOtherGuid(VOID)
{
    TraceOther("second control GUID");
}

NTSTATUS KsWppRecorder(VOID)
{
    RECORDER_LOG_CREATE_PARAMS params;
    RECORDER_LOG log = NULL;
    NTSTATUS status;

    RECORDER_LOG_CREATE_PARAMS_INIT(&params, "kswpp");
    params.TotalBufferSize = 2048;
    status = WppRecorderLogCreate(&params, &log);
    if (!NT_SUCCESS(status))
        return status;
    TraceLog(log, TRACE_LEVEL_ERROR, TRACE_DRIVER, "to my own log");
    if (KsWppLogUsed != log) {
        WppRecorderLogDelete(log);
        return STATUS_UNSUCCESSFUL;
    }
    TraceLog(WppRecorderLogGetDefault(), TRACE_LEVEL_ERROR, TRACE_DRIVER, "to the default log");
    WppRecorderLogDelete(log);
    return KsWppLogUsed == WppRecorderLogGetDefault() ? STATUS_SUCCESS : STATUS_UNSUCCESSFUL;
}

BOOLEAN KsWppFlagEnabled(VOID)
{
    return WPP_LEVEL_ENABLED(TRACE_WMI) && WPP_CONTROL(WPP_BIT_TRACE_WMI).Level >= TRACE_LEVEL_ERROR;
}
