/*
 * wmium.h - the user-mode WMI data-block API (kmdfsim surface).
 *
 * The functions a WMI consumer calls, with the Windows SDK's signatures:
 * ULONG results are Win32 error codes (winerror.h). In kmdfsim they talk to
 * the simulated WMI kernel component, which dispatches to the emulated
 * drivers' providers. Like the SDK, the A/W-neutral names follow UNICODE.
 */
#ifndef _WMIUM_
#define _WMIUM_

#include <ntdef.h>
#include <wmistr.h>
#include <winerror.h>

/* __stdcall on 32-bit Windows, nothing elsewhere: the WINAPI convention. */
#ifndef WMIAPI
#define WMIAPI NTAPI
#endif
#ifndef WINAPI
#define WINAPI NTAPI
#endif

EXTERN_C_START

typedef PVOID WMIHANDLE, *PWMIHANDLE, MOFHANDLE, *PMOFHANDLE;

/*
 * DesiredAccess bits of WmiOpenBlock. wdm.h defines the same names with the
 * same spelling, so either header may come first.
 */
#ifndef WMIGUID_QUERY
#define WMIGUID_QUERY 0x0001
#endif
#ifndef WMIGUID_SET
#define WMIGUID_SET 0x0002
#endif
#ifndef WMIGUID_NOTIFICATION
#define WMIGUID_NOTIFICATION 0x0004
#endif
#ifndef WMIGUID_READ_DESCRIPTION
#define WMIGUID_READ_DESCRIPTION 0x0008
#endif
#ifndef WMIGUID_EXECUTE
#define WMIGUID_EXECUTE 0x0010
#endif

/* Flags of WmiNotificationRegistration. */
#define NOTIFICATION_TRACE_FLAG 0x00010000
#define NOTIFICATION_CALLBACK_DIRECT 0x00000004 /* DeliveryInfo is a NOTIFICATIONCALLBACK */
#define NOTIFICATION_CHECK_ACCESS 0x00000008

/* Receives each event WNODE; NotificationContext is the registration's DeliveryContext. */
typedef VOID(WMIAPI *NOTIFICATIONCALLBACK)(PWNODE_HEADER Wnode, UINT_PTR NotificationContext);

typedef struct _WMIGUIDINFORMATION {
    ULONG Size;          /* in: sizeof(WMIGUIDINFORMATION) */
    BOOLEAN IsExpensive; /* registered with WMIREG_FLAG_EXPENSIVE */
    BOOLEAN IsEventOnly; /* registered with WMIREG_FLAG_EVENT_ONLY_GUID */
} WMIGUIDINFORMATION, *PWMIGUIDINFORMATION;

#define MOFCI_RESERVED0 0x00000001
#define MOFCI_RESERVED1 0x00000002
#define MOFCI_RESERVED2 0x00000004

typedef struct {
    LPSTR ImagePath;
    LPSTR ResourceName;
    ULONG ResourceSize;
    UCHAR *ResourceBuffer;
} MOFRESOURCEINFOA, *PMOFRESOURCEINFOA;

typedef struct {
    LPWSTR ImagePath;
    LPWSTR ResourceName;
    ULONG ResourceSize;
    UCHAR *ResourceBuffer;
} MOFRESOURCEINFOW, *PMOFRESOURCEINFOW;

#ifdef UNICODE
typedef MOFRESOURCEINFOW MOFRESOURCEINFO;
typedef PMOFRESOURCEINFOW PMOFRESOURCEINFO;
#else
typedef MOFRESOURCEINFOA MOFRESOURCEINFO;
typedef PMOFRESOURCEINFOA PMOFRESOURCEINFO;
#endif

/* Notifications WMI itself raises about registration changes. */
DEFINE_GUID(GUID_REGISTRATION_CHANGE_NOTIFICATION, 0xb48d49a1, 0xe777, 0x11d0, 0xa5, 0x0c, 0x00, 0xa0, 0xc9, 0x06,
            0x29, 0x10);
DEFINE_GUID(GUID_MOF_RESOURCE_ADDED_NOTIFICATION, 0xb48d49a2, 0xe777, 0x11d0, 0xa5, 0x0c, 0x00, 0xa0, 0xc9, 0x06,
            0x29, 0x10);
DEFINE_GUID(GUID_MOF_RESOURCE_REMOVED_NOTIFICATION, 0xb48d49a3, 0xe777, 0x11d0, 0xa5, 0x0c, 0x00, 0xa0, 0xc9, 0x06,
            0x29, 0x10);

/* ---- Data blocks -------------------------------------------------------- */

/* ERROR_WMI_GUID_NOT_FOUND when no provider registered the GUID. */
ULONG WMIAPI WmiOpenBlock(_In_ LPGUID Guid, _In_ ULONG DesiredAccess, _Out_ WMIHANDLE *DataBlockHandle);

ULONG WMIAPI WmiCloseBlock(_In_ WMIHANDLE DataBlockHandle);

ULONG WMIAPI WmiQueryGuidInformation(_In_ WMIHANDLE GuidHandle, _Inout_ PWMIGUIDINFORMATION GuidInfo);

/*
 * A chain of WNODE_ALL_DATA, one per provider, linked by WnodeHeader.Linkage.
 * ERROR_INSUFFICIENT_BUFFER with the size needed in *BufferSize when short.
 */
ULONG WMIAPI WmiQueryAllDataA(_In_ WMIHANDLE DataBlockHandle, _Inout_ ULONG *BufferSize,
                              _Out_writes_bytes_opt_(*BufferSize) PVOID Buffer);
ULONG WMIAPI WmiQueryAllDataW(_In_ WMIHANDLE DataBlockHandle, _Inout_ ULONG *BufferSize,
                              _Out_writes_bytes_opt_(*BufferSize) PVOID Buffer);

/* One instance as a WNODE_SINGLE_INSTANCE; ERROR_WMI_INSTANCE_NOT_FOUND for an unknown name. */
ULONG WMIAPI WmiQuerySingleInstanceA(_In_ WMIHANDLE DataBlockHandle, _In_ LPCSTR InstanceName,
                                     _Inout_ ULONG *BufferSize, _Out_writes_bytes_opt_(*BufferSize) PVOID Buffer);
ULONG WMIAPI WmiQuerySingleInstanceW(_In_ WMIHANDLE DataBlockHandle, _In_ LPCWSTR InstanceName,
                                     _Inout_ ULONG *BufferSize, _Out_writes_bytes_opt_(*BufferSize) PVOID Buffer);

ULONG WMIAPI WmiSetSingleInstanceA(_In_ WMIHANDLE DataBlockHandle, _In_ LPCSTR InstanceName, _In_ ULONG Reserved,
                                   _In_ ULONG ValueBufferSize, _In_reads_bytes_(ValueBufferSize) PVOID ValueBuffer);
ULONG WMIAPI WmiSetSingleInstanceW(_In_ WMIHANDLE DataBlockHandle, _In_ LPCWSTR InstanceName, _In_ ULONG Reserved,
                                   _In_ ULONG ValueBufferSize, _In_reads_bytes_(ValueBufferSize) PVOID ValueBuffer);

ULONG WMIAPI WmiSetSingleItemA(_In_ WMIHANDLE DataBlockHandle, _In_ LPCSTR InstanceName, _In_ ULONG DataItemId,
                               _In_ ULONG Reserved, _In_ ULONG ValueBufferSize,
                               _In_reads_bytes_(ValueBufferSize) PVOID ValueBuffer);
ULONG WMIAPI WmiSetSingleItemW(_In_ WMIHANDLE DataBlockHandle, _In_ LPCWSTR InstanceName, _In_ ULONG DataItemId,
                               _In_ ULONG Reserved, _In_ ULONG ValueBufferSize,
                               _In_reads_bytes_(ValueBufferSize) PVOID ValueBuffer);

/* *OutputBufferSize in: room in OutputBuffer; out: bytes returned or needed. */
ULONG WMIAPI WmiExecuteMethodA(_In_ WMIHANDLE MethodDataBlockHandle, _In_ LPCSTR MethodInstanceName,
                               _In_ ULONG MethodId, _In_ ULONG InputValueBufferSize,
                               _In_reads_bytes_opt_(InputValueBufferSize) PVOID InputValueBuffer,
                               _Inout_ ULONG *OutputBufferSize,
                               _Out_writes_bytes_opt_(*OutputBufferSize) PVOID OutputBuffer);
ULONG WMIAPI WmiExecuteMethodW(_In_ WMIHANDLE MethodDataBlockHandle, _In_ LPCWSTR MethodInstanceName,
                               _In_ ULONG MethodId, _In_ ULONG InputValueBufferSize,
                               _In_reads_bytes_opt_(InputValueBufferSize) PVOID InputValueBuffer,
                               _Inout_ ULONG *OutputBufferSize,
                               _Out_writes_bytes_opt_(*OutputBufferSize) PVOID OutputBuffer);

/* ---- Events ------------------------------------------------------------- */

/*
 * With NOTIFICATION_CALLBACK_DIRECT, DeliveryInfo is a NOTIFICATIONCALLBACK
 * called with each event and DeliveryContext.
 */
ULONG WMIAPI WmiNotificationRegistrationA(_In_ LPGUID Guid, _In_ BOOLEAN Enable, _In_ PVOID DeliveryInfo,
                                          _In_ ULONG_PTR DeliveryContext, _In_ ULONG Flags);
ULONG WMIAPI WmiNotificationRegistrationW(_In_ LPGUID Guid, _In_ BOOLEAN Enable, _In_ PVOID DeliveryInfo,
                                          _In_ ULONG_PTR DeliveryContext, _In_ ULONG Flags);

/* ---- Discovery and names ------------------------------------------------ */

/* *GuidCount in: entries in GuidList; out: GUIDs registered (ERROR_MORE_DATA when more). */
ULONG WMIAPI WmiEnumerateGuids(_Out_writes_opt_(*GuidCount) LPGUID GuidList, _Inout_ ULONG *GuidCount);

ULONG WMIAPI WmiDevInstToInstanceNameA(_Out_writes_opt_(InstanceNameLength) PCHAR InstanceName,
                                       _In_ ULONG InstanceNameLength, _In_ PCHAR DevInst, _In_ ULONG InstanceIndex);
ULONG WMIAPI WmiDevInstToInstanceNameW(_Out_writes_opt_(InstanceNameLength) PWCHAR InstanceName,
                                       _In_ ULONG InstanceNameLength, _In_ PWCHAR DevInst, _In_ ULONG InstanceIndex);

ULONG WMIAPI WmiFileHandleToInstanceNameA(_In_ WMIHANDLE DataBlockHandle, _In_ HANDLE FileHandle,
                                          _Inout_ ULONG *NumberCharacters,
                                          _Out_writes_(*NumberCharacters) PCHAR InstanceNames);
ULONG WMIAPI WmiFileHandleToInstanceNameW(_In_ WMIHANDLE DataBlockHandle, _In_ HANDLE FileHandle,
                                          _Inout_ ULONG *NumberCharacters,
                                          _Out_writes_(*NumberCharacters) PWCHAR InstanceNames);

ULONG WMIAPI WmiMofEnumerateResourcesA(_In_ MOFHANDLE MofResourceHandle, _Out_ ULONG *MofResourceCount,
                                       _Outptr_result_buffer_(*MofResourceCount) PMOFRESOURCEINFOA *MofResourceInfo);
ULONG WMIAPI WmiMofEnumerateResourcesW(_In_ MOFHANDLE MofResourceHandle, _Out_ ULONG *MofResourceCount,
                                       _Outptr_result_buffer_(*MofResourceCount) PMOFRESOURCEINFOW *MofResourceInfo);

/* Frees buffers the Wmi* functions allocated for the caller. */
VOID WMIAPI WmiFreeBuffer(_In_ PVOID Buffer);

#ifdef UNICODE
#define WmiQueryAllData WmiQueryAllDataW
#define WmiQuerySingleInstance WmiQuerySingleInstanceW
#define WmiSetSingleInstance WmiSetSingleInstanceW
#define WmiSetSingleItem WmiSetSingleItemW
#define WmiExecuteMethod WmiExecuteMethodW
#define WmiNotificationRegistration WmiNotificationRegistrationW
#define WmiDevInstToInstanceName WmiDevInstToInstanceNameW
#define WmiFileHandleToInstanceName WmiFileHandleToInstanceNameW
#define WmiMofEnumerateResources WmiMofEnumerateResourcesW
#else
#define WmiQueryAllData WmiQueryAllDataA
#define WmiQuerySingleInstance WmiQuerySingleInstanceA
#define WmiSetSingleInstance WmiSetSingleInstanceA
#define WmiSetSingleItem WmiSetSingleItemA
#define WmiExecuteMethod WmiExecuteMethodA
#define WmiNotificationRegistration WmiNotificationRegistrationA
#define WmiDevInstToInstanceName WmiDevInstToInstanceNameA
#define WmiFileHandleToInstanceName WmiFileHandleToInstanceNameA
#define WmiMofEnumerateResources WmiMofEnumerateResourcesA
#endif

EXTERN_C_END

#endif /* _WMIUM_ */
