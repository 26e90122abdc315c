/*
 * kmdfsim/wmi.h - the simulated WMI kernel component, seen from a test.
 *
 * A test (or a tool) talks to a driver's WMI code exactly as a Windows
 * consumer would: through the user-mode API of wmium.h (WmiOpenBlock,
 * WmiQueryAllData, ...) or the kernel-mode IoWMI* API of wdm.h. Both go
 * through kmdfsim's WMI kernel: it keeps the data blocks devices register
 * (IoWMIRegistrationControl, answered by their IRP_MN_REGINFO_EX handler),
 * builds the requests, sends them to the device that owns the instance,
 * and turns the answers (WNODE_TOO_SMALL included) into what the consumer
 * gets. This header adds what a test needs around that: which NTSTATUS was
 * behind a Win32 error, instance names of a given device, readers for the
 * WNODEs the APIs return, and an event recorder.
 *
 * Instance names are "<device instance ID>_<index>", e.g.
 * "ROOT\SAMPLE\0000_0": KMDF registers its blocks with
 * WMIREG_FLAG_INSTANCE_PDO, and the index is the instance's position among
 * the provider's registered instances (it shifts when an earlier instance
 * is deregistered). Names are looked up without regard to ASCII case.
 *
 * NTSTATUS -> Win32 error (what the Wmi* functions return):
 *   STATUS_SUCCESS (and any other success code)   ERROR_SUCCESS 0
 *   STATUS_BUFFER_TOO_SMALL, a WNODE_TOO_SMALL     ERROR_INSUFFICIENT_BUFFER 122
 *   STATUS_BUFFER_OVERFLOW (more GUIDs than room)  ERROR_MORE_DATA 234
 *   STATUS_WMI_GUID_NOT_FOUND                      ERROR_WMI_GUID_NOT_FOUND 4200
 *   STATUS_WMI_INSTANCE_NOT_FOUND                  ERROR_WMI_INSTANCE_NOT_FOUND 4201
 *   STATUS_WMI_ITEMID_NOT_FOUND                    ERROR_WMI_ITEMID_NOT_FOUND 4202
 *   STATUS_WMI_TRY_AGAIN                           ERROR_WMI_TRY_AGAIN 4203
 *   STATUS_WMI_ALREADY_ENABLED                     ERROR_WMI_ALREADY_ENABLED 4206
 *   STATUS_WMI_GUID_DISCONNECTED                   ERROR_WMI_GUID_DISCONNECTED 4207
 *   STATUS_WMI_ALREADY_DISABLED                    ERROR_WMI_ALREADY_DISABLED 4212
 *   STATUS_WMI_READ_ONLY                           ERROR_WMI_READ_ONLY 4213
 *   STATUS_WMI_SET_FAILURE                         ERROR_WMI_SET_FAILURE 4214
 *   STATUS_INVALID_DEVICE_REQUEST                  ERROR_INVALID_FUNCTION 1
 *   STATUS_ACCESS_DENIED                           ERROR_ACCESS_DENIED 5
 *   STATUS_INVALID_HANDLE                          ERROR_INVALID_HANDLE 6
 *   STATUS_INSUFFICIENT_RESOURCES, STATUS_NO_MEMORY ERROR_NOT_ENOUGH_MEMORY 8
 *   STATUS_NOT_SUPPORTED, STATUS_WMI_NOT_SUPPORTED ERROR_NOT_SUPPORTED 50
 *   STATUS_INVALID_PARAMETER, _PARAMETER_MIX       ERROR_INVALID_PARAMETER 87
 *   any other failure (STATUS_UNSUCCESSFUL, ...)   ERROR_GEN_FAILURE 31
 * The NTSTATUS itself stays readable: kmdfsim_wmi_last_status().
 */
#ifndef KMDFSIM_WMI_H_
#define KMDFSIM_WMI_H_

#include <ntdef.h>
#include <wmistr.h>

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

struct kmdfsim_device;

/* ---- Results ------------------------------------------------------------- */

/*
 * The NTSTATUS behind the Win32 result of the last Wmi* call on this thread
 * (a provider's own failure, or the WMI kernel's: STATUS_WMI_GUID_NOT_FOUND,
 * STATUS_ACCESS_DENIED, ...). STATUS_SUCCESS before any call.
 */
NTSTATUS kmdfsim_wmi_last_status(void);
/* The mapping above. */
ULONG kmdfsim_wmi_status_to_win32(NTSTATUS status);
/* "ERROR_WMI_GUID_NOT_FOUND"; an unknown code gives "Win32 error <n>" in a per-thread buffer. */
const char *kmdfsim_win32_error_name(ULONG error);

/* ---- Instance names ------------------------------------------------------ */

/*
 * The name of instance `index` of `device` ("<instance ID>_<index>"), UTF-8,
 * snprintf rules: at most size-1 bytes and a NUL; returns the full length.
 */
size_t kmdfsim_wmi_instance_name(const struct kmdfsim_device *device, ULONG index, char *buffer, size_t size);
/* The same in UTF-16: at most count-1 units and a NUL; returns the full length in units. */
size_t kmdfsim_wmi_instance_name_w(const struct kmdfsim_device *device, ULONG index, WCHAR *buffer, size_t count);
/*
 * A "file handle" for the device, for IoWMIHandleToInstanceName and
 * WmiFileHandleToInstanceName{A,W} (kmdfsim has no file objects; this
 * stands for a handle opened on the device's stack).
 */
HANDLE kmdfsim_wmi_device_file_handle(const struct kmdfsim_device *device);

/* ---- Reading the WNODEs the APIs return ---------------------------------- */

#define KMDFSIM_WMI_NAME_MAX 512

/* One instance found in a reply. Pointers point into the buffer that was read. */
typedef struct kmdfsim_wmi_instance_data {
    char name[KMDFSIM_WMI_NAME_MAX]; /* UTF-8 (from UTF-16 or 8-bit names); "" when the WNODE names none */
    const void *data;                /* the instance's data (NULL when size is 0) */
    ULONG size;
    const WNODE_HEADER *wnode;       /* the WNODE it is in */
    ULONG index;                     /* its index inside that WNODE (ALL_DATA) or InstanceIndex (single) */
    ULONG provider_id;               /* WnodeHeader.ProviderId */
} kmdfsim_wmi_instance_data;

#define KMDFSIM_WMI_MALFORMED ((ULONG)0xFFFFFFFFu)

/*
 * Instances in a chain of WNODE_ALL_DATA (linked by WnodeHeader.Linkage)
 * of `size` bytes, or KMDFSIM_WMI_MALFORMED when any offset, length or link
 * points outside the buffer. Instances are counted across the chain in
 * order: the first WNODE's, then the next one's...
 */
ULONG kmdfsim_wmi_all_data_count(const void *buffer, ULONG size);
/* Number of WNODEs in the chain (one per providing device), or KMDFSIM_WMI_MALFORMED. */
ULONG kmdfsim_wmi_all_data_wnode_count(const void *buffer, ULONG size);
/*
 * Instance `index` (across the chain). Handles per-instance offsets and
 * WNODE_FLAG_FIXED_INSTANCE_SIZE (instances 8-aligned), UTF-16 and ANSI
 * names, and WNODEs without names (a device's own answer). FALSE when the
 * index is past the end or the buffer is malformed.
 */
BOOLEAN kmdfsim_wmi_all_data_get(const void *buffer, ULONG size, ULONG index, kmdfsim_wmi_instance_data *instance);
/* Finds an instance of the chain by name (ASCII case ignored). FALSE when absent or malformed. */
BOOLEAN kmdfsim_wmi_all_data_find(const void *buffer, ULONG size, const char *name, kmdfsim_wmi_instance_data *instance);
/* Reads a WNODE_SINGLE_INSTANCE (a query reply or an event). FALSE when malformed. */
BOOLEAN kmdfsim_wmi_single_instance_read(const void *buffer, ULONG size, kmdfsim_wmi_instance_data *instance);

/* ---- Events -------------------------------------------------------------- */

/*
 * A consumer that records the events of one GUID: it subscribes through
 * WmiNotificationRegistrationW (so the first recorder of a GUID makes the
 * providers get IRP_MN_ENABLE_EVENTS, and stopping the last one
 * IRP_MN_DISABLE_EVENTS), and keeps a copy of every event it receives.
 */
typedef struct kmdfsim_wmi_recorder kmdfsim_wmi_recorder;

/* One recorded event. Pointers stay valid until kmdfsim_wmi_recorder_clear or _stop. */
typedef struct kmdfsim_wmi_event {
    GUID guid;
    ULONG provider_id;         /* the firing device's (IoWMIDeviceObjectToProviderId) */
    ULONG instance_index;      /* InstanceIndex of the event WNODE */
    const char *instance_name; /* UTF-8, "" when the event names no instance */
    const void *data;          /* the payload (NULL when size is 0) */
    ULONG size;
    LARGE_INTEGER timestamp;
    ULONG flags;               /* WnodeHeader.Flags as delivered */
    const WNODE_HEADER *wnode; /* the whole event as delivered */
} kmdfsim_wmi_event;

/* Subscribes; returns the Win32 result of the registration (ERROR_SUCCESS and a recorder, or an error and NULL). */
ULONG kmdfsim_wmi_recorder_start(const GUID *guid, kmdfsim_wmi_recorder **recorder);
/* Unsubscribes (no callback runs once it returns), then frees the recorder and its events. */
void kmdfsim_wmi_recorder_stop(kmdfsim_wmi_recorder *recorder);
/* Waits until at least `count` events were recorded or `timeout_ms` passed; TRUE when they were. */
BOOLEAN kmdfsim_wmi_recorder_wait(kmdfsim_wmi_recorder *recorder, ULONG count, ULONG timeout_ms);
/* Events recorded so far. */
ULONG kmdfsim_wmi_recorder_count(kmdfsim_wmi_recorder *recorder);
/* Event `index` in arrival order; FALSE past the end. */
BOOLEAN kmdfsim_wmi_recorder_get(kmdfsim_wmi_recorder *recorder, ULONG index, kmdfsim_wmi_event *event);
/* Forgets the events recorded so far (invalidates the pointers handed out). */
void kmdfsim_wmi_recorder_clear(kmdfsim_wmi_recorder *recorder);

#ifdef __cplusplus
}
#endif

#endif /* KMDFSIM_WMI_H_ */
