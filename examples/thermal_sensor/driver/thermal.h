/*
 * thermal.h - shared declarations of the Contoso virtual thermal sensor
 * driver, a KMDF function driver that exposes its readings through WMI.
 */
#pragma once

#include <ntddk.h>
#include <wdf.h>
#include <wmistr.h>

#include "thermal_mof.h"   /* generated from thermal.mof by the WDK's wmimofck -h */
#include "trace.h"

#define THERMAL_POOL_TAG 'mrhT'

/* Readings are hundredths of a degree Celsius. */
#define THERMAL_DEFAULT_HIGH 8500
#define THERMAL_DEFAULT_LOW (-1000)
#define THERMAL_CRITICAL 10500
#define THERMAL_FIRMWARE_VERSION 0x00020003

typedef struct _THERMAL_STATISTICS {
    BOOLEAN Collecting;
    ULONG SampleCount;
    LONG Minimum;
    LONG Maximum;
} THERMAL_STATISTICS;

typedef struct _DEVICE_CONTEXT {
    WDFDEVICE Device;
    WDFSPINLOCK Lock;          /* guards everything below */
    LONG CurrentTemperature;
    LONG PeakTemperature;
    LONG CalibrationOffset;
    LONG HighThreshold;
    LONG LowThreshold;
    BOOLEAN AlarmEnabled;
    BOOLEAN AlarmLatched;      /* an alarm fired and the reading has not come back yet */
    THERMAL_STATISTICS Statistics;
    WCHAR Location[64];
    USHORT LocationLength;     /* bytes */
    WDFWMIINSTANCE AlarmEventInstance;
    WDFWMIINSTANCE ShutdownEventInstance;
} DEVICE_CONTEXT, *PDEVICE_CONTEXT;

WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(DEVICE_CONTEXT, ThermalGetDeviceContext)

DRIVER_INITIALIZE DriverEntry;
EVT_WDF_DRIVER_DEVICE_ADD ThermalEvtDeviceAdd;
EVT_WDF_OBJECT_CONTEXT_CLEANUP ThermalEvtDriverContextCleanup;

NTSTATUS ThermalWmiRegistration(_In_ WDFDEVICE Device);
VOID ThermalProcessReading(_In_ PDEVICE_CONTEXT Context, _In_ LONG RawCentiC, _Out_ PLONG Reported,
                           _Out_ PBOOLEAN AlarmRaised);
