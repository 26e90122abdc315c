/*
 * wmistr.h - WMI wire structures: WNODEs and registration blocks (kmdfsim WDK
 * surface).
 *
 * These are the bytes WMI and a driver exchange, so every size and offset is
 * the Windows one (x64 on 64-bit hosts, x86 on 32-bit Windows) and is checked
 * by the static asserts at the end of this file.
 */
#ifndef _WMISTR_
#define _WMISTR_

#include <ntdef.h>

typedef struct _WNODE_HEADER {
    ULONG BufferSize;   /* size of the whole WNODE, this header included */
    ULONG ProviderId;   /* provider id of the device (IoWMIDeviceObjectToProviderId) */
    union {
        ULONG64 HistoricalContext;
        struct {
            ULONG Version;
            ULONG Linkage; /* offset of the next WNODE in a chain, 0 for the last */
        };
    };
    union {
        ULONG CountLost;
        HANDLE KernelHandle;
        LARGE_INTEGER TimeStamp; /* 100-ns units since 1601-01-01 */
    };
    GUID Guid;
    ULONG ClientContext;
    ULONG Flags;
} WNODE_HEADER, *PWNODE_HEADER;

#define WNODE_FLAG_ALL_DATA 0x00000001
#define WNODE_FLAG_SINGLE_INSTANCE 0x00000002
#define WNODE_FLAG_SINGLE_ITEM 0x00000004
#define WNODE_FLAG_EVENT_ITEM 0x00000008
#define WNODE_FLAG_FIXED_INSTANCE_SIZE 0x00000010
#define WNODE_FLAG_TOO_SMALL 0x00000020
#define WNODE_FLAG_INSTANCES_SAME 0x00000040
#define WNODE_FLAG_STATIC_INSTANCE_NAMES 0x00000080
#define WNODE_FLAG_INTERNAL 0x00000100
#define WNODE_FLAG_USE_TIMESTAMP 0x00000200
#define WNODE_FLAG_PERSIST_EVENT 0x00000400
#define WNODE_FLAG_EVENT_REFERENCE 0x00002000
#define WNODE_FLAG_ANSI_INSTANCENAMES 0x00004000
#define WNODE_FLAG_METHOD_ITEM 0x00008000
#define WNODE_FLAG_PDO_INSTANCE_NAMES 0x00010000
#define WNODE_FLAG_TRACED_GUID 0x00020000
#define WNODE_FLAG_LOG_WNODE 0x00040000
#define WNODE_FLAG_USE_GUID_PTR 0x00080000
#define WNODE_FLAG_USE_MOF_PTR 0x00100000
#define WNODE_FLAG_NO_HEADER 0x00200000
#define WNODE_FLAG_SEND_DATA_BLOCK 0x00400000
#define WNODE_FLAG_VERSIONED_PROPERTIES 0x00800000
#define WNODE_FLAG_SEVERITY_MASK 0xff000000

typedef struct {
    ULONG OffsetInstanceData;
    ULONG LengthInstanceData;
} OFFSETINSTANCEDATAANDLENGTH, *POFFSETINSTANCEDATAANDLENGTH;

typedef struct tagWNODE_ALL_DATA {
    struct _WNODE_HEADER WnodeHeader;
    ULONG DataBlockOffset;
    ULONG InstanceCount;
    ULONG OffsetInstanceNameOffsets;
    union {
        ULONG FixedInstanceSize;
        OFFSETINSTANCEDATAANDLENGTH OffsetInstanceDataAndLength[1];
    };
} WNODE_ALL_DATA, *PWNODE_ALL_DATA;

typedef struct tagWNODE_SINGLE_INSTANCE {
    struct _WNODE_HEADER WnodeHeader;
    ULONG OffsetInstanceName;
    ULONG InstanceIndex;
    ULONG DataBlockOffset;
    ULONG SizeDataBlock;
    UCHAR VariableData[];
} WNODE_SINGLE_INSTANCE, *PWNODE_SINGLE_INSTANCE;

typedef struct tagWNODE_SINGLE_ITEM {
    struct _WNODE_HEADER WnodeHeader;
    ULONG OffsetInstanceName;
    ULONG InstanceIndex;
    ULONG ItemId;
    ULONG DataBlockOffset;
    ULONG SizeDataItem;
    UCHAR VariableData[];
} WNODE_SINGLE_ITEM, *PWNODE_SINGLE_ITEM;

typedef struct tagWNODE_METHOD_ITEM {
    struct _WNODE_HEADER WnodeHeader;
    ULONG OffsetInstanceName;
    ULONG InstanceIndex;
    ULONG MethodId;
    ULONG DataBlockOffset;
    ULONG SizeDataBlock;
    UCHAR VariableData[];
} WNODE_METHOD_ITEM, *PWNODE_METHOD_ITEM;

typedef struct tagWNODE_EVENT_ITEM {
    struct _WNODE_HEADER WnodeHeader;
} WNODE_EVENT_ITEM, *PWNODE_EVENT_ITEM;

typedef struct tagWNODE_EVENT_REFERENCE {
    struct _WNODE_HEADER WnodeHeader;
    GUID TargetGuid;
    ULONG TargetDataBlockSize;
    union {
        ULONG TargetInstanceIndex;
        WCHAR TargetInstanceName[1];
    };
} WNODE_EVENT_REFERENCE, *PWNODE_EVENT_REFERENCE;

typedef struct tagWNODE_TOO_SMALL {
    struct _WNODE_HEADER WnodeHeader;
    ULONG SizeNeeded; /* the buffer size the request needs */
} WNODE_TOO_SMALL, *PWNODE_TOO_SMALL;

typedef struct {
    GUID Guid;
    ULONG Flags;
    ULONG InstanceCount;
    union {
        ULONG InstanceNameList;
        ULONG BaseNameOffset;
        ULONG_PTR Pdo;
        ULONG_PTR InstanceInfo;
    };
} WMIREGGUIDW, *PWMIREGGUIDW;
typedef WMIREGGUIDW WMIREGGUID;
typedef PWMIREGGUIDW PWMIREGGUID;

#define WMIREG_FLAG_EXPENSIVE 0x00000001
#define WMIREG_FLAG_INSTANCE_LIST 0x00000004
#define WMIREG_FLAG_INSTANCE_BASENAME 0x00000008
#define WMIREG_FLAG_INSTANCE_PDO 0x00000020
#define WMIREG_FLAG_REMOVE_GUID 0x00010000
#define WMIREG_FLAG_RESERVED1 0x00020000
#define WMIREG_FLAG_RESERVED2 0x00040000
#define WMIREG_FLAG_TRACED_GUID 0x00080000
#define WMIREG_FLAG_TRACE_CONTROL_GUID 0x00001000
#define WMIREG_FLAG_EVENT_ONLY_GUID 0x00000040

typedef struct {
    ULONG BufferSize;
    ULONG NextWmiRegInfo;
    ULONG RegistryPath;    /* offset of a counted UTF-16 string */
    ULONG MofResourceName; /* offset of a counted UTF-16 string */
    ULONG GuidCount;
    WMIREGGUIDW WmiRegGuid[];
} WMIREGINFOW, *PWMIREGINFOW;
typedef WMIREGINFOW WMIREGINFO;
typedef PWMIREGINFOW PWMIREGINFO;

typedef enum {
    WMI_GET_ALL_DATA = 0,
    WMI_GET_SINGLE_INSTANCE = 1,
    WMI_SET_SINGLE_INSTANCE = 2,
    WMI_SET_SINGLE_ITEM = 3,
    WMI_ENABLE_EVENTS = 4,
    WMI_DISABLE_EVENTS = 5,
    WMI_ENABLE_COLLECTION = 6,
    WMI_DISABLE_COLLECTION = 7,
    WMI_REGINFO = 8,
    WMI_EXECUTE_METHOD = 9,
    WMI_CAPTURE_STATE = 10
} WMIDPREQUESTCODE;

#define WMI_GUIDTYPE_TRACECONTROL 0
#define WMI_GUIDTYPE_TRACE 1
#define WMI_GUIDTYPE_DATA 2
#define WMI_GUIDTYPE_EVENT 3

/* ---- Layout checks: these bytes cross the driver/WMI boundary ---------- */
#if defined(_WIN64) || (defined(__SIZEOF_POINTER__) && __SIZEOF_POINTER__ == 8)
C_ASSERT(sizeof(WMIREGGUIDW) == 32);
C_ASSERT(sizeof(WMIREGINFOW) == 24);
#else
C_ASSERT(sizeof(WMIREGGUIDW) == 28);
C_ASSERT(sizeof(WMIREGINFOW) == 20);
#endif
C_ASSERT(sizeof(GUID) == 16);
C_ASSERT(sizeof(WNODE_HEADER) == 48);
C_ASSERT(offsetof(WNODE_HEADER, ProviderId) == 4);
C_ASSERT(offsetof(WNODE_HEADER, HistoricalContext) == 8);
C_ASSERT(offsetof(WNODE_HEADER, Version) == 8);
C_ASSERT(offsetof(WNODE_HEADER, Linkage) == 12);
C_ASSERT(offsetof(WNODE_HEADER, TimeStamp) == 16);
C_ASSERT(offsetof(WNODE_HEADER, Guid) == 24);
C_ASSERT(offsetof(WNODE_HEADER, ClientContext) == 40);
C_ASSERT(offsetof(WNODE_HEADER, Flags) == 44);
C_ASSERT(sizeof(OFFSETINSTANCEDATAANDLENGTH) == 8);
C_ASSERT(sizeof(WNODE_ALL_DATA) == 72);
C_ASSERT(offsetof(WNODE_ALL_DATA, DataBlockOffset) == 48);
C_ASSERT(offsetof(WNODE_ALL_DATA, InstanceCount) == 52);
C_ASSERT(offsetof(WNODE_ALL_DATA, OffsetInstanceNameOffsets) == 56);
C_ASSERT(offsetof(WNODE_ALL_DATA, FixedInstanceSize) == 60);
C_ASSERT(offsetof(WNODE_ALL_DATA, OffsetInstanceDataAndLength) == 60);
C_ASSERT(sizeof(WNODE_SINGLE_INSTANCE) == 64);
C_ASSERT(offsetof(WNODE_SINGLE_INSTANCE, OffsetInstanceName) == 48);
C_ASSERT(offsetof(WNODE_SINGLE_INSTANCE, InstanceIndex) == 52);
C_ASSERT(offsetof(WNODE_SINGLE_INSTANCE, DataBlockOffset) == 56);
C_ASSERT(offsetof(WNODE_SINGLE_INSTANCE, SizeDataBlock) == 60);
C_ASSERT(offsetof(WNODE_SINGLE_INSTANCE, VariableData) == 64);
C_ASSERT(sizeof(WNODE_SINGLE_ITEM) == 72);
C_ASSERT(offsetof(WNODE_SINGLE_ITEM, ItemId) == 56);
C_ASSERT(offsetof(WNODE_SINGLE_ITEM, DataBlockOffset) == 60);
C_ASSERT(offsetof(WNODE_SINGLE_ITEM, SizeDataItem) == 64);
C_ASSERT(offsetof(WNODE_SINGLE_ITEM, VariableData) == 68);
C_ASSERT(sizeof(WNODE_METHOD_ITEM) == 72);
C_ASSERT(offsetof(WNODE_METHOD_ITEM, MethodId) == 56);
C_ASSERT(offsetof(WNODE_METHOD_ITEM, DataBlockOffset) == 60);
C_ASSERT(offsetof(WNODE_METHOD_ITEM, SizeDataBlock) == 64);
C_ASSERT(offsetof(WNODE_METHOD_ITEM, VariableData) == 68);
C_ASSERT(sizeof(WNODE_EVENT_ITEM) == 48);
C_ASSERT(sizeof(WNODE_TOO_SMALL) == 56);
C_ASSERT(offsetof(WNODE_TOO_SMALL, SizeNeeded) == 48);
C_ASSERT(offsetof(WMIREGGUIDW, Flags) == 16);
C_ASSERT(offsetof(WMIREGGUIDW, InstanceCount) == 20);
C_ASSERT(offsetof(WMIREGGUIDW, Pdo) == 24);
C_ASSERT(offsetof(WMIREGINFOW, NextWmiRegInfo) == 4);
C_ASSERT(offsetof(WMIREGINFOW, RegistryPath) == 8);
C_ASSERT(offsetof(WMIREGINFOW, MofResourceName) == 12);
C_ASSERT(offsetof(WMIREGINFOW, GuidCount) == 16);

#endif /* _WMISTR_ */
