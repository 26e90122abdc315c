/*
 * wpprecorder.h - the In-flight Trace Recorder (IFR) API (kmdfsim WDK
 * surface).
 *
 * Declarations only. As in the WDK, the Wpp* names are macros that pass the
 * WPP control block WPP_CB, which the driver's generated .tmh file (or
 * kmdfsim's stand-in for it) provides; this header defines no WPP_* name.
 */
#ifndef __WPPRECORDER_H__
#define __WPPRECORDER_H__

#include <wdm.h>

EXTERN_C_START

DECLARE_HANDLE(RECORDER_LOG);
DECLARE_HANDLE(WPP_RECORDER_COUNTER);

#define RECORDER_LOG_IDENTIFIER_MAX_CHARS 16
#define RECORDER_LOG_DEFAULT_BUFFER_SIZE 1024
#define RECORDER_LOG_DEFAULT_ERR_PARTITION_SIZE 200

typedef enum _WPP_RECORDER_TRI_STATE {
    WppRecorderFalse = FALSE,
    WppRecorderTrue = TRUE,
    WppRecorderUseDefault = 2
} WPP_RECORDER_TRI_STATE, *PWPP_RECORDER_TRI_STATE;

/* Where crash-dump triage finds the log inside the driver's WPP context. */
typedef struct _WPP_TRIAGE_INFO {
    ULONG WppAutoLogHeaderSize;
    ULONG WppDriverContextOffset;
    ULONG WppAutoLogHeaderSizeOffset;
    ULONG WppSizeOfAutoLogHeaderSizeField;
    ULONG WppDriverContextSize;
} WPP_TRIAGE_INFO, *PWPP_TRIAGE_INFO;

typedef struct _RECORDER_CONFIGURE_PARAMS {
    ULONG Size;
    BOOLEAN CreateDefaultLog; /* keep the default log (TRUE unless the driver only uses its own logs) */
    WPP_RECORDER_TRI_STATE UseTimeStamp;
    WPP_RECORDER_TRI_STATE PreciseTimeStamp;
} RECORDER_CONFIGURE_PARAMS, *PRECORDER_CONFIGURE_PARAMS;

FORCEINLINE VOID RECORDER_CONFIGURE_PARAMS_INIT(_Out_ PRECORDER_CONFIGURE_PARAMS Params)
{
    RtlZeroMemory(Params, sizeof(*Params));
    Params->Size = sizeof(*Params);
    Params->CreateDefaultLog = TRUE;
    Params->UseTimeStamp = WppRecorderUseDefault;
    Params->PreciseTimeStamp = WppRecorderUseDefault;
}

typedef struct _RECORDER_LOG_CREATE_PARAMS {
    ULONG Size;
    ULONG LogTag;                        /* pool tag of the log buffer, 0 for the default */
    ULONG TotalBufferSize;               /* bytes */
    ULONG ErrorPartitionSize;            /* bytes of TotalBufferSize kept for errors; 0: none */
    ULONG_PTR LogIdentifierAppendValue;  /* appended to the identifier when ...Set is TRUE */
    BOOLEAN LogIdentifierAppendValueSet;
    ULONG LogIdentifierSize;             /* sizeof(LogIdentifier) as the client sees it */
    CHAR LogIdentifier[RECORDER_LOG_IDENTIFIER_MAX_CHARS];
    WPP_RECORDER_TRI_STATE UseTimeStamp;
    WPP_RECORDER_TRI_STATE PreciseTimeStamp;
} RECORDER_LOG_CREATE_PARAMS, *PRECORDER_LOG_CREATE_PARAMS;

/* LogIdentifier is copied and truncated to fit, always NUL-terminated. */
FORCEINLINE VOID RECORDER_LOG_CREATE_PARAMS_INIT(_Out_ PRECORDER_LOG_CREATE_PARAMS Params,
                                                 _In_opt_ PSTR LogIdentifier)
{
    RtlZeroMemory(Params, sizeof(*Params));
    Params->Size = sizeof(*Params);
    Params->TotalBufferSize = RECORDER_LOG_DEFAULT_BUFFER_SIZE;
    Params->ErrorPartitionSize = RECORDER_LOG_DEFAULT_ERR_PARTITION_SIZE;
    Params->LogIdentifierSize = sizeof(Params->LogIdentifier);
    Params->UseTimeStamp = WppRecorderUseDefault;
    Params->PreciseTimeStamp = WppRecorderUseDefault;
    if (LogIdentifier != NULL) {
        ULONG i;
        for (i = 0; i + 1 < RECORDER_LOG_IDENTIFIER_MAX_CHARS && LogIdentifier[i] != '\0'; i++) {
            Params->LogIdentifier[i] = LogIdentifier[i];
        }
        Params->LogIdentifier[i] = '\0';
    }
}

FORCEINLINE VOID RECORDER_LOG_CREATE_PARAMS_INIT_APPEND_POINTER(_Out_ PRECORDER_LOG_CREATE_PARAMS Params,
                                                                _In_opt_ PSTR LogIdentifier,
                                                                _In_ PVOID LogIdentifierAppendPointer)
{
    RECORDER_LOG_CREATE_PARAMS_INIT(Params, LogIdentifier);
    Params->LogIdentifierAppendValue = (ULONG_PTR)LogIdentifierAppendPointer;
    Params->LogIdentifierAppendValueSet = TRUE;
}

/* ---- Implemented by kmdfsim; call through the macros below -------------- */

_IRQL_requires_max_(PASSIVE_LEVEL)
VOID imp_WppRecorderConfigure(_In_ PVOID WppCb, _In_ PRECORDER_CONFIGURE_PARAMS ConfigureParams);

_IRQL_requires_max_(DISPATCH_LEVEL)
NTSTATUS imp_WppRecorderLogCreate(_In_ PVOID WppCb, _In_ PRECORDER_LOG_CREATE_PARAMS CreateParams,
                                  _Out_ RECORDER_LOG *RecorderLog);

_IRQL_requires_max_(DISPATCH_LEVEL)
VOID imp_WppRecorderLogDelete(_In_ PVOID WppCb, _In_ RECORDER_LOG RecorderLog);

_IRQL_requires_max_(DISPATCH_LEVEL)
VOID imp_WppRecorderLogSetIdentifier(_In_ PVOID WppCb, _In_ RECORDER_LOG RecorderLog, _In_ PSTR LogIdentifier);

_IRQL_requires_max_(DISPATCH_LEVEL)
RECORDER_LOG imp_WppRecorderLogGetDefault(_In_ PVOID WppCb);

_IRQL_requires_max_(DISPATCH_LEVEL)
BOOLEAN imp_WppRecorderIsDefaultLogAvailable(_In_ PVOID WppCb);

_IRQL_requires_max_(DISPATCH_LEVEL)
WPP_RECORDER_COUNTER imp_WppRecorderGetCounterHandle(_In_ PVOID WppCb);

_IRQL_requires_max_(DISPATCH_LEVEL)
NTSTATUS imp_WppRecorderLinkCounters(_In_ PVOID WppCb, _In_ WPP_RECORDER_COUNTER CounterOwner);

_IRQL_requires_max_(DISPATCH_LEVEL)
NTSTATUS imp_WppRecorderGetTriageInfo(_In_ PVOID WppCb, _Out_ PWPP_TRIAGE_INFO WppTriageInfo);

_IRQL_requires_max_(HIGH_LEVEL)
NTSTATUS imp_WppRecorderDumpLiveDriverData(_In_ PVOID WppCb, _Out_ PVOID *OutBuffer, _Out_ PULONG OutBufferLength,
                                           _Out_ LPGUID Guid);

_IRQL_requires_max_(HIGH_LEVEL)
NTSTATUS imp_WppRecorderLogDumpLiveData(_In_ PVOID WppCb, _In_ RECORDER_LOG RecorderLog, _Out_ PVOID *OutBuffer,
                                        _Out_ PULONG OutBufferLength, _Out_ LPGUID Guid);

#define WppRecorderConfigure(ConfigureParams) imp_WppRecorderConfigure(WPP_CB, ConfigureParams)
#define WppRecorderLogCreate(CreateParams, RecorderLog) imp_WppRecorderLogCreate(WPP_CB, CreateParams, RecorderLog)
#define WppRecorderLogDelete(RecorderLog) imp_WppRecorderLogDelete(WPP_CB, RecorderLog)
#define WppRecorderLogSetIdentifier(RecorderLog, LogIdentifier) \
    imp_WppRecorderLogSetIdentifier(WPP_CB, RecorderLog, LogIdentifier)
#define WppRecorderLogGetDefault() imp_WppRecorderLogGetDefault(WPP_CB)
#define WppRecorderIsDefaultLogAvailable() imp_WppRecorderIsDefaultLogAvailable(WPP_CB)
#define WppRecorderGetCounterHandle() imp_WppRecorderGetCounterHandle(WPP_CB)
#define WppRecorderLinkCounters(CounterOwner) imp_WppRecorderLinkCounters(WPP_CB, CounterOwner)
#define WppRecorderGetTriageInfo(WppTriageInfo) imp_WppRecorderGetTriageInfo(WPP_CB, WppTriageInfo)
#define WppRecorderDumpLiveDriverData(OutBuffer, OutBufferLength, Guid) \
    imp_WppRecorderDumpLiveDriverData(WPP_CB, OutBuffer, OutBufferLength, Guid)
#define WppRecorderLogDumpLiveData(RecorderLog, OutBuffer, OutBufferLength, Guid) \
    imp_WppRecorderLogDumpLiveData(WPP_CB, RecorderLog, OutBuffer, OutBufferLength, Guid)

EXTERN_C_END

#endif /* __WPPRECORDER_H__ */
