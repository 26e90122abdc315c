/*
 * wpp_recorder.c - the In-flight Trace Recorder API of wpprecorder.h.
 *
 * kmdfsim keeps no recorder buffers: trace messages go to the log sink
 * (kmdfsim/wpp.h) whatever log a driver names. The logs themselves are real
 * objects, so that a driver can create, name, use and delete its own logs
 * and get the default one, exactly as with the WDK's recorder. Dumps of
 * recorder data are not supported (STATUS_NOT_SUPPORTED).
 */
#include <wpprecorder.h>

#include <stdlib.h>
#include <string.h>

#define RECORDER_LOG_MAGIC 0x474F4C52u /* "RLOG" */

typedef struct kmdfsim_recorder_log {
    ULONG magic;
    ULONG tag;
    CHAR identifier[RECORDER_LOG_IDENTIFIER_MAX_CHARS];
} kmdfsim_recorder_log;

static kmdfsim_recorder_log g_default_log = {RECORDER_LOG_MAGIC, 0, "WppRecorder"};
static int g_counter;

static void set_identifier(kmdfsim_recorder_log *log, const CHAR *identifier)
{
    size_t i = 0;
    if (identifier != NULL)
        for (; i + 1 < sizeof(log->identifier) && identifier[i] != '\0'; i++)
            log->identifier[i] = identifier[i];
    log->identifier[i] = '\0';
}

VOID imp_WppRecorderConfigure(PVOID WppCb, PRECORDER_CONFIGURE_PARAMS ConfigureParams)
{
    (void)WppCb;
    (void)ConfigureParams;
}

NTSTATUS imp_WppRecorderLogCreate(PVOID WppCb, PRECORDER_LOG_CREATE_PARAMS CreateParams, RECORDER_LOG *RecorderLog)
{
    (void)WppCb;
    if (RecorderLog == NULL)
        return STATUS_INVALID_PARAMETER;
    *RecorderLog = NULL;
    if (CreateParams == NULL || CreateParams->Size != sizeof(*CreateParams))
        return STATUS_INVALID_PARAMETER;
    kmdfsim_recorder_log *log = (kmdfsim_recorder_log *)calloc(1, sizeof(*log));
    if (log == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    log->magic = RECORDER_LOG_MAGIC;
    log->tag = CreateParams->LogTag;
    set_identifier(log, CreateParams->LogIdentifier);
    *RecorderLog = (RECORDER_LOG)(void *)log;
    return STATUS_SUCCESS;
}

VOID imp_WppRecorderLogDelete(PVOID WppCb, RECORDER_LOG RecorderLog)
{
    (void)WppCb;
    kmdfsim_recorder_log *log = (kmdfsim_recorder_log *)(void *)RecorderLog;
    if (log == NULL || log == &g_default_log || log->magic != RECORDER_LOG_MAGIC)
        return;
    log->magic = 0;
    free(log);
}

VOID imp_WppRecorderLogSetIdentifier(PVOID WppCb, RECORDER_LOG RecorderLog, PSTR LogIdentifier)
{
    (void)WppCb;
    kmdfsim_recorder_log *log = (kmdfsim_recorder_log *)(void *)RecorderLog;
    if (log != NULL && log->magic == RECORDER_LOG_MAGIC)
        set_identifier(log, LogIdentifier);
}

RECORDER_LOG imp_WppRecorderLogGetDefault(PVOID WppCb)
{
    (void)WppCb;
    return (RECORDER_LOG)(void *)&g_default_log;
}

BOOLEAN imp_WppRecorderIsDefaultLogAvailable(PVOID WppCb)
{
    (void)WppCb;
    return TRUE;
}

WPP_RECORDER_COUNTER imp_WppRecorderGetCounterHandle(PVOID WppCb)
{
    (void)WppCb;
    return (WPP_RECORDER_COUNTER)(void *)&g_counter;
}

NTSTATUS imp_WppRecorderLinkCounters(PVOID WppCb, WPP_RECORDER_COUNTER CounterOwner)
{
    (void)WppCb;
    return CounterOwner != NULL ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}

NTSTATUS imp_WppRecorderGetTriageInfo(PVOID WppCb, PWPP_TRIAGE_INFO WppTriageInfo)
{
    (void)WppCb;
    if (WppTriageInfo == NULL)
        return STATUS_INVALID_PARAMETER;
    memset(WppTriageInfo, 0, sizeof(*WppTriageInfo));
    return STATUS_SUCCESS;
}

NTSTATUS imp_WppRecorderDumpLiveDriverData(PVOID WppCb, PVOID *OutBuffer, PULONG OutBufferLength, LPGUID Guid)
{
    (void)WppCb;
    (void)Guid;
    if (OutBuffer != NULL)
        *OutBuffer = NULL;
    if (OutBufferLength != NULL)
        *OutBufferLength = 0;
    return STATUS_NOT_SUPPORTED;
}

NTSTATUS imp_WppRecorderLogDumpLiveData(PVOID WppCb, RECORDER_LOG RecorderLog, PVOID *OutBuffer,
                                        PULONG OutBufferLength, LPGUID Guid)
{
    (void)RecorderLog;
    return imp_WppRecorderDumpLiveDriverData(WppCb, OutBuffer, OutBufferLength, Guid);
}
