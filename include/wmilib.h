/*
 * wmilib.h - the WMI library for WDM drivers (kmdfsim WDK surface).
 *
 * KMDF drivers use wdfwmi.h instead, but WDM-style code (and headers shared
 * with it) still includes this one. kmdfsim declares WmiSystemControl,
 * WmiCompleteRequest and WmiFireEvent; it implements them with the rest of
 * its WDM surface.
 */
#ifndef _WMILIB_
#define _WMILIB_

#include <wdm.h>

EXTERN_C_START

typedef enum _WMIENABLEDISABLECONTROL {
    WmiEventControl = 0,
    WmiDataBlockControl = 1
} WMIENABLEDISABLECONTROL, *PWMIENABLEDISABLECONTROL;

/* What WmiSystemControl did with the IRP, and so what the driver must still do. */
typedef enum _SYSCTL_IRP_DISPOSITION {
    IrpProcessed = 0,    /* handled; completed by the library or a callback */
    IrpNotCompleted = 1, /* handled, the driver completes it */
    IrpNotWmi = 2,       /* not a WMI IRP: forward or complete it */
    IrpForward = 3       /* WMI, but for another device object: forward it */
} SYSCTL_IRP_DISPOSITION, *PSYSCTL_IRP_DISPOSITION;

typedef struct _WMIGUIDREGINFO {
    LPCGUID Guid;
    ULONG InstanceCount;
    ULONG Flags; /* WMIREG_FLAG_* */
} WMIGUIDREGINFO, *PWMIGUIDREGINFO;

/* Role types without a calling-convention keyword: see KMDFSIM_WDF_CALLBACK_ in wdftypes.h. */
typedef NTSTATUS WMI_QUERY_REGINFO_CALLBACK(_Inout_ PDEVICE_OBJECT DeviceObject, _Inout_ PULONG RegFlags,
                                            _Inout_ PUNICODE_STRING InstanceName,
                                            _Outptr_result_maybenull_ PUNICODE_STRING *RegistryPath,
                                            _Inout_ PUNICODE_STRING MofResourceName,
                                            _Outptr_result_maybenull_ PDEVICE_OBJECT *Pdo);
typedef WMI_QUERY_REGINFO_CALLBACK *PWMI_QUERY_REGINFO;

typedef NTSTATUS WMI_QUERY_DATABLOCK_CALLBACK(_Inout_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp,
                                              _In_ ULONG GuidIndex, _In_ ULONG InstanceIndex,
                                              _In_ ULONG InstanceCount,
                                              _Out_writes_opt_(InstanceCount) PULONG InstanceLengthArray,
                                              _In_ ULONG BufferAvail,
                                              _Out_writes_bytes_opt_(BufferAvail) PUCHAR Buffer);
typedef WMI_QUERY_DATABLOCK_CALLBACK *PWMI_QUERY_DATABLOCK;

typedef NTSTATUS WMI_SET_DATABLOCK_CALLBACK(_Inout_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp,
                                            _In_ ULONG GuidIndex, _In_ ULONG InstanceIndex, _In_ ULONG BufferSize,
                                            _In_reads_bytes_(BufferSize) PUCHAR Buffer);
typedef WMI_SET_DATABLOCK_CALLBACK *PWMI_SET_DATABLOCK;

typedef NTSTATUS WMI_SET_DATAITEM_CALLBACK(_Inout_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp,
                                           _In_ ULONG GuidIndex, _In_ ULONG InstanceIndex, _In_ ULONG DataItemId,
                                           _In_ ULONG BufferSize, _In_reads_bytes_(BufferSize) PUCHAR Buffer);
typedef WMI_SET_DATAITEM_CALLBACK *PWMI_SET_DATAITEM;

typedef NTSTATUS WMI_EXECUTE_METHOD_CALLBACK(_Inout_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp,
                                             _In_ ULONG GuidIndex, _In_ ULONG InstanceIndex, _In_ ULONG MethodId,
                                             _In_ ULONG InBufferSize, _In_ ULONG OutBufferSize,
                                             _Inout_updates_bytes_to_(InBufferSize, OutBufferSize) PUCHAR Buffer);
typedef WMI_EXECUTE_METHOD_CALLBACK *PWMI_EXECUTE_METHOD;

typedef NTSTATUS WMI_FUNCTION_CONTROL_CALLBACK(_Inout_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp,
                                               _In_ ULONG GuidIndex, _In_ WMIENABLEDISABLECONTROL Function,
                                               _In_ BOOLEAN Enable);
typedef WMI_FUNCTION_CONTROL_CALLBACK *PWMI_FUNCTION_CONTROL;

typedef struct _WMILIB_CONTEXT {
    ULONG GuidCount;
    PWMIGUIDREGINFO GuidList;
    PWMI_QUERY_REGINFO QueryWmiRegInfo;
    PWMI_QUERY_DATABLOCK QueryWmiDataBlock;
    PWMI_SET_DATABLOCK SetWmiDataBlock;
    PWMI_SET_DATAITEM SetWmiDataItem;
    PWMI_EXECUTE_METHOD ExecuteWmiMethod;
    PWMI_FUNCTION_CONTROL WmiFunctionControl;
} WMILIB_CONTEXT, *PWMILIB_CONTEXT;

_IRQL_requires_max_(DISPATCH_LEVEL)
NTSTATUS NTAPI WmiCompleteRequest(_In_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp, _In_ NTSTATUS Status,
                                  _In_ ULONG BufferUsed, _In_ CCHAR PriorityBoost);

_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI WmiSystemControl(_In_ PWMILIB_CONTEXT WmiLibInfo, _In_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp,
                                _Out_ PSYSCTL_IRP_DISPOSITION IrpDisposition);

_IRQL_requires_max_(DISPATCH_LEVEL)
NTSTATUS NTAPI WmiFireEvent(_In_ PDEVICE_OBJECT DeviceObject, _In_ LPCGUID Guid, _In_ ULONG InstanceIndex,
                            _In_ ULONG EventDataSize, _In_reads_bytes_opt_(EventDataSize) PVOID EventData);

EXTERN_C_END

#endif /* _WMILIB_ */
