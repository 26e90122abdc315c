/*
 * client_driver.h - the KMDF driver the WMI client tests talk to: the data
 * blocks a real device would expose, plus the knobs and logs a test needs
 * (what its callbacks were given, what function control asked for).
 *
 * Per device (instance ID "ROOT\SAMPLE\000n"):
 *   CD_DATA_GUID      CdOptions.DataInstances instances (default 2); instance
 *                     k answers 6 + 4(k mod 15) bytes (0x10*(k+1) + i); set instance
 *                     replaces the bytes (0 bytes: STATUS_BUFFER_TOO_SMALL,
 *                     more than CD_MAX_DATA: STATUS_INVALID_BUFFER_SIZE); set
 *                     item 1 replaces byte 0 (exactly 1 byte, else
 *                     STATUS_BUFFER_TOO_SMALL), other items
 *                     STATUS_WMI_ITEMID_NOT_FOUND. No method.
 *   CD_READONLY_GUID  one instance, query only ("RDON").
 *   CD_NOQUERY_GUID   one instance, set only.
 *   CD_EVENT_GUID     event-only provider, two instances.
 *   CD_EXPENSIVE_GUID expensive provider with function control (logged),
 *                     one instance answering "EXPN".
 *   CD_METHOD_GUID    one instance: query answers 4 bytes; method 1 returns the
 *                     input reversed, method 2 returns 12 bytes A0..AB, others
 *                     STATUS_WMI_ITEMID_NOT_FOUND.
 */
#ifndef CLIENT_DRIVER_H
#define CLIENT_DRIVER_H

#include <ntddk.h>
#include <wdf.h>

DEFINE_GUID(CD_DATA_GUID, 0x5a1e0001, 0x1111, 0x4222, 0x83, 0x33, 0x44, 0x44, 0x55, 0x55, 0x66, 0x01);
DEFINE_GUID(CD_READONLY_GUID, 0x5a1e0002, 0x1111, 0x4222, 0x83, 0x33, 0x44, 0x44, 0x55, 0x55, 0x66, 0x02);
DEFINE_GUID(CD_NOQUERY_GUID, 0x5a1e0003, 0x1111, 0x4222, 0x83, 0x33, 0x44, 0x44, 0x55, 0x55, 0x66, 0x03);
DEFINE_GUID(CD_EVENT_GUID, 0x5a1e0004, 0x1111, 0x4222, 0x83, 0x33, 0x44, 0x44, 0x55, 0x55, 0x66, 0x04);
DEFINE_GUID(CD_EXPENSIVE_GUID, 0x5a1e0005, 0x1111, 0x4222, 0x83, 0x33, 0x44, 0x44, 0x55, 0x55, 0x66, 0x05);
DEFINE_GUID(CD_METHOD_GUID, 0x5a1e0006, 0x1111, 0x4222, 0x83, 0x33, 0x44, 0x44, 0x55, 0x55, 0x66, 0x06);
DEFINE_GUID(CD_UNKNOWN_GUID, 0x5a1e00ff, 0x1111, 0x4222, 0x83, 0x33, 0x44, 0x44, 0x55, 0x55, 0x66, 0xff);

#define CD_MAX_DATA 64
#define CD_MAX_INSTANCES 128
#define CD_MAX_CONTROLS 64

typedef struct _CD_INSTANCE {
    ULONG Size;
    UCHAR Bytes[CD_MAX_DATA];
    LONG QueryCalls;
    ULONG LastOutBufferSize; /* OutBufferSize of the last query callback */
    LONG SetCalls;
    BOOLEAN NeverFits; /* answer every query with STATUS_BUFFER_TOO_SMALL for one byte more than offered */
} CD_INSTANCE, *PCD_INSTANCE;

WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(CD_INSTANCE, CdGetInstance)

typedef struct _CD_CONTROL {
    WDF_WMI_PROVIDER_CONTROL Control;
    BOOLEAN Enable;
} CD_CONTROL;

typedef struct _CD_DEVICE {
    WDFSPINLOCK Lock; /* instance bytes, the control log */
    WDFWMIPROVIDER Data;
    WDFWMIPROVIDER Events;
    WDFWMIPROVIDER Expensive;
    WDFWMIINSTANCE DataInstance[CD_MAX_INSTANCES];
    ULONG DataInstanceCount;
    WDFWMIINSTANCE ReadOnlyInstance;
    WDFWMIINSTANCE NoQueryInstance;
    WDFWMIINSTANCE EventInstance[2];
    WDFWMIINSTANCE ExpensiveInstance;
    WDFWMIINSTANCE MethodInstance;
    CD_CONTROL Controls[CD_MAX_CONTROLS];
    ULONG ControlCount;
    NTSTATUS ControlStatus; /* what EvtWmiProviderFunctionControl returns */
    LONG MethodCalls;
} CD_DEVICE, *PCD_DEVICE;

WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(CD_DEVICE, CdGetDevice)

typedef struct _CD_OPTIONS {
    ULONG DataInstances; /* registered CD_DATA_GUID instances per device (0 means 2) */
} CD_OPTIONS;

extern CD_OPTIONS CdOptions;

DRIVER_INITIALIZE CdDriverEntry;

/* Creates and registers one more CD_DATA_GUID instance of `Size` bytes (Fill, Fill+1, ...). */
NTSTATUS CdAddDataInstance(WDFDEVICE Device, ULONG Size, UCHAR Fill, WDFWMIINSTANCE *Instance);
/* The device's function-control log, copied under its lock. */
ULONG CdControls(WDFDEVICE Device, CD_CONTROL *Out, ULONG Max);

#endif
