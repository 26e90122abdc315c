/*
 * wpp_driver.h - driver-style code that traces through the WPP shim
 * (tests/wpp.cmake builds it with kmdfsim_add_driver(... WPP_CONFIG trace.h)).
 */
#ifndef KS_WPP_DRIVER_H
#define KS_WPP_DRIVER_H

#include <ntddk.h>
#include <wdf.h>
#include <wpprecorder.h>

#include "trace.h"

EXTERN_C_START

typedef enum _KS_COLOR { KsRed = 1, KsGreen = 2 } KS_COLOR;

/* Progress markers the tests read. */
extern ULONG KsWppSteps;
extern ULONG KsWppEvaluations;
extern RECORDER_LOG KsWppLogUsed;

NTSTATUS KsWppInit(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath);
VOID KsWppCleanup(PDRIVER_OBJECT DriverObject);
NTSTATUS KsWppReturnIfFailed(NTSTATUS Status);
NTSTATUS KsWppExitIfFailed(NTSTATUS Status);
VOID KsWppTraceReturn(NTSTATUS Status);
VOID KsWppFormats(VOID);
VOID KsWppLevels(VOID);
ULONG KsWppIfElse(BOOLEAN Condition);
VOID KsWppOldStyle(VOID);
VOID KsWppOtherGuid(VOID);
NTSTATUS KsWppRecorder(VOID);
BOOLEAN KsWppFlagEnabled(VOID);
VOID KsWppFromCpp(ULONG Value);

EXTERN_C_END

#endif
