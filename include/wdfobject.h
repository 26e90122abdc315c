/*
 * wdfobject.h - object attributes, typed contexts and the generic object
 * DDIs (kmdfsim WDK surface, modelled on KMDF 1.33).
 */
#ifndef _WDFOBJECT_H_
#define _WDFOBJECT_H_

#include <wdftypes.h>
#include <wdffuncenum.h>

EXTERN_C_START

/* The highest IRQL at which the framework calls the object's callbacks. */
typedef enum _WDF_EXECUTION_LEVEL {
    WdfExecutionLevelInvalid = 0,
    WdfExecutionLevelInheritFromParent = 1,
    WdfExecutionLevelPassive = 2,
    WdfExecutionLevelDispatch = 3
} WDF_EXECUTION_LEVEL;

/* How the framework serializes the object's callbacks. */
typedef enum _WDF_SYNCHRONIZATION_SCOPE {
    WdfSynchronizationScopeInvalid = 0,
    WdfSynchronizationScopeInheritFromParent = 1,
    WdfSynchronizationScopeDevice = 2,
    WdfSynchronizationScopeQueue = 3,
    WdfSynchronizationScopeNone = 4
} WDF_SYNCHRONIZATION_SCOPE;

typedef VOID KMDFSIM_WDF_CALLBACK_ EVT_WDF_OBJECT_CONTEXT_CLEANUP(_In_ WDFOBJECT Object);
typedef EVT_WDF_OBJECT_CONTEXT_CLEANUP *PFN_WDF_OBJECT_CONTEXT_CLEANUP;

typedef VOID KMDFSIM_WDF_CALLBACK_ EVT_WDF_OBJECT_CONTEXT_DESTROY(_In_ WDFOBJECT Object);
typedef EVT_WDF_OBJECT_CONTEXT_DESTROY *PFN_WDF_OBJECT_CONTEXT_DESTROY;

typedef const struct _WDF_OBJECT_CONTEXT_TYPE_INFO *PCWDF_OBJECT_CONTEXT_TYPE_INFO;

/* PWDF_OBJECT_ATTRIBUTES is declared in wdftypes.h. */
typedef struct _WDF_OBJECT_ATTRIBUTES {
    ULONG Size;
    PFN_WDF_OBJECT_CONTEXT_CLEANUP EvtCleanupCallback; /* once, when the object is disposed */
    PFN_WDF_OBJECT_CONTEXT_DESTROY EvtDestroyCallback; /* when the last reference goes */
    WDF_EXECUTION_LEVEL ExecutionLevel;
    WDF_SYNCHRONIZATION_SCOPE SynchronizationScope;
    WDFOBJECT ParentObject;
    size_t ContextSizeOverride; /* replaces ContextTypeInfo->ContextSize when non-zero */
    PCWDF_OBJECT_CONTEXT_TYPE_INFO ContextTypeInfo;
} WDF_OBJECT_ATTRIBUTES;

FORCEINLINE VOID WDF_OBJECT_ATTRIBUTES_INIT(_Out_ PWDF_OBJECT_ATTRIBUTES Attributes)
{
    RtlZeroMemory(Attributes, sizeof(WDF_OBJECT_ATTRIBUTES));
    Attributes->Size = WDF_STRUCTURE_SIZE(WDF_OBJECT_ATTRIBUTES);
    Attributes->ExecutionLevel = WdfExecutionLevelInheritFromParent;
    Attributes->SynchronizationScope = WdfSynchronizationScopeInheritFromParent;
}

#define WDF_OBJECT_ATTRIBUTES_SET_CONTEXT_TYPE(_attributes, _contexttype) \
    (_attributes)->ContextTypeInfo = WDF_GET_CONTEXT_TYPE_INFO(_contexttype)->UniqueType

/* Two statements and no trailing semicolon, as in the WDK: the caller writes it. */
#define WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(_attributes, _contexttype) \
    WDF_OBJECT_ATTRIBUTES_INIT(_attributes);                               \
    WDF_OBJECT_ATTRIBUTES_SET_CONTEXT_TYPE(_attributes, _contexttype)

typedef PCWDF_OBJECT_CONTEXT_TYPE_INFO(__cdecl *PFN_GET_UNIQUE_CONTEXT_TYPE)(VOID);

/*
 * Describes one context type. The framework identifies a type by the address
 * UniqueType holds (pointer equality), never by name or size.
 */
typedef struct _WDF_OBJECT_CONTEXT_TYPE_INFO {
    ULONG Size;         /* sizeof(WDF_OBJECT_CONTEXT_TYPE_INFO) */
    LPCSTR ContextName; /* the type's name as written, e.g. "DEVICE_CONTEXT" */
    size_t ContextSize; /* sizeof the context type */
    PCWDF_OBJECT_CONTEXT_TYPE_INFO UniqueType;
    PFN_GET_UNIQUE_CONTEXT_TYPE EvtDriverGetUniqueContextType; /* shared types only */
} WDF_OBJECT_CONTEXT_TYPE_INFO, *PWDF_OBJECT_CONTEXT_TYPE_INFO;

/* The KMDF 1.0 layout, which the framework still accepts; it tells the two apart by Size. */
typedef struct _WDF_OBJECT_CONTEXT_TYPE_INFO_V1_0 {
    ULONG Size;
    LPCSTR ContextName;
    size_t ContextSize;
} WDF_OBJECT_CONTEXT_TYPE_INFO_V1_0, *PWDF_OBJECT_CONTEXT_TYPE_INFO_V1_0;

#define WDF_TYPE_NAME_TO_TYPE_INFO(_contexttype) _WDF_##_contexttype##_TYPE_INFO
#define WDF_GET_CONTEXT_TYPE_INFO(_contexttype) (&WDF_TYPE_NAME_TO_TYPE_INFO(_contexttype))
#define WDF_TYPE_NAME_POINTER_TYPE(_contexttype) WDF_POINTER_TYPE_##_contexttype

/*
 * The descriptor is defined in every translation unit that expands the
 * macro (it usually sits in a driver header); DECLSPEC_SELECTANY (weak
 * outside MSVC) folds the copies into one object, so its address is the same
 * everywhere. C++ needs the explicit extern "C": a namespace-scope const
 * object would otherwise have internal linkage (a private copy per unit),
 * and C and C++ units must name the same symbol.
 */
#ifdef __cplusplus
#define KMDFSIM_WDF_TYPE_INFO_STORAGE_ extern "C" const
#else
#define KMDFSIM_WDF_TYPE_INFO_STORAGE_ const
#endif

#define KMDFSIM_WDF_DECLARE_TYPE_AND_GLOBALS_(_contexttype)                                         \
    typedef _contexttype *WDF_TYPE_NAME_POINTER_TYPE(_contexttype);                                 \
    KMDFSIM_WDF_TYPE_INFO_STORAGE_ WDF_OBJECT_CONTEXT_TYPE_INFO DECLSPEC_SELECTANY                  \
    WDF_TYPE_NAME_TO_TYPE_INFO(_contexttype) = {sizeof(WDF_OBJECT_CONTEXT_TYPE_INFO), #_contexttype, \
                                                sizeof(_contexttype),                                \
                                                WDF_GET_CONTEXT_TYPE_INFO(_contexttype), NULL};

/* Marked unused: Clang warns about unused inline functions defined in a .c file. */
#if defined(__GNUC__) || defined(__clang__)
#define KMDFSIM_WDF_MAYBE_UNUSED_ __attribute__((unused))
#else
#define KMDFSIM_WDF_MAYBE_UNUSED_
#endif

#define KMDFSIM_WDF_DECLARE_CASTING_FUNCTION_(_contexttype, _castingfunction)                   \
    WDF_EXTERN_C FORCEINLINE KMDFSIM_WDF_MAYBE_UNUSED_ WDF_TYPE_NAME_POINTER_TYPE(_contexttype) \
    _castingfunction(_In_ WDFOBJECT Handle)                                                      \
    {                                                                                            \
        return (WDF_TYPE_NAME_POINTER_TYPE(_contexttype))WdfObjectGetTypedContextWorker(         \
            Handle, WDF_GET_CONTEXT_TYPE_INFO(_contexttype)->UniqueType);                         \
    }

/*
 * WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(T, Fn) generates
 *   typedef T *WDF_POINTER_TYPE_T;
 *   a selectany const WDF_OBJECT_CONTEXT_TYPE_INFO _WDF_T_TYPE_INFO whose
 *     UniqueType is its own address;
 *   an inline T *Fn(WDFOBJECT) returning the object's context of type T, or
 *     NULL when the object has none.
 * Like the WDK macro it ends with the function body; a ';' after it is an
 * empty declaration (a pedantic warning in C, nothing in C++).
 */
#define WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(_contexttype, _castingfunction) \
    KMDFSIM_WDF_DECLARE_TYPE_AND_GLOBALS_(_contexttype)                    \
    KMDFSIM_WDF_DECLARE_CASTING_FUNCTION_(_contexttype, _castingfunction)

#define WDF_DECLARE_CONTEXT_TYPE(_contexttype) \
    WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(_contexttype, WdfObjectGet_##_contexttype)

/* `type` is the context type's name (DEVICE_CONTEXT), not its pointer type. */
#define WdfObjectGetTypedContext(handle, type) \
    ((type *)WdfObjectGetTypedContextWorker((WDFOBJECT)(handle), WDF_GET_CONTEXT_TYPE_INFO(type)->UniqueType))

/* ---- DDIs (implemented by kmdfsim) -------------------------------------- */

/* The context whose type pointer-equals TypeInfo, or NULL when none does. */
_IRQL_requires_max_(DISPATCH_LEVEL + 1)
WDFAPI PVOID WdfObjectGetTypedContextWorker(_In_ WDFOBJECT Handle, _In_ PCWDF_OBJECT_CONTEXT_TYPE_INFO TypeInfo);

_Must_inspect_result_
_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI NTSTATUS WdfObjectAllocateContext(_In_ WDFOBJECT Handle, _In_ PWDF_OBJECT_ATTRIBUTES ContextAttributes,
                                         _Outptr_opt_ PVOID *Context);

_IRQL_requires_max_(DISPATCH_LEVEL + 1)
WDFAPI WDFOBJECT WdfObjectContextGetObject(_In_ PVOID ContextPointer);

/* Tag, Line and File identify the reference in leak reports. */
_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI VOID WdfObjectReferenceActual(_In_ WDFOBJECT Handle, _In_opt_ PVOID Tag, _In_ LONG Line, _In_z_ PCCH File);

_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI VOID WdfObjectDereferenceActual(_In_ WDFOBJECT Handle, _In_opt_ PVOID Tag, _In_ LONG Line, _In_z_ PCCH File);

_Must_inspect_result_
_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI NTSTATUS WdfObjectCreate(_In_opt_ PWDF_OBJECT_ATTRIBUTES Attributes, _Out_ WDFOBJECT *Object);

_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI VOID WdfObjectDelete(_In_ WDFOBJECT Object);

_Must_inspect_result_
_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI NTSTATUS WdfObjectQuery(_In_ WDFOBJECT Object, _In_ CONST GUID *Guid, _In_ ULONG QueryBufferLength,
                               _Out_writes_bytes_(QueryBufferLength) PVOID QueryBuffer);

#define WdfObjectReference(Handle) WdfObjectReferenceWithTag(Handle, NULL)
#define WdfObjectReferenceWithTag(Handle, Tag) WdfObjectReferenceActual(Handle, Tag, __LINE__, __FILE__)
#define WdfObjectDereference(Handle) WdfObjectDereferenceWithTag(Handle, NULL)
#define WdfObjectDereferenceWithTag(Handle, Tag) WdfObjectDereferenceActual(Handle, Tag, __LINE__, __FILE__)

/* ---- Layout checks (x64 on 64-bit hosts, x86 on 32-bit) ----------------- */
#if defined(_WIN64) || (defined(__SIZEOF_POINTER__) && __SIZEOF_POINTER__ == 8)
C_ASSERT(sizeof(WDF_OBJECT_ATTRIBUTES) == 56);
C_ASSERT(offsetof(WDF_OBJECT_ATTRIBUTES, Size) == 0);
C_ASSERT(offsetof(WDF_OBJECT_ATTRIBUTES, EvtCleanupCallback) == 8);
C_ASSERT(offsetof(WDF_OBJECT_ATTRIBUTES, EvtDestroyCallback) == 16);
C_ASSERT(offsetof(WDF_OBJECT_ATTRIBUTES, ExecutionLevel) == 24);
C_ASSERT(offsetof(WDF_OBJECT_ATTRIBUTES, SynchronizationScope) == 28);
C_ASSERT(offsetof(WDF_OBJECT_ATTRIBUTES, ParentObject) == 32);
C_ASSERT(offsetof(WDF_OBJECT_ATTRIBUTES, ContextSizeOverride) == 40);
C_ASSERT(offsetof(WDF_OBJECT_ATTRIBUTES, ContextTypeInfo) == 48);
C_ASSERT(sizeof(WDF_OBJECT_CONTEXT_TYPE_INFO) == 40);
C_ASSERT(offsetof(WDF_OBJECT_CONTEXT_TYPE_INFO, Size) == 0);
C_ASSERT(offsetof(WDF_OBJECT_CONTEXT_TYPE_INFO, ContextName) == 8);
C_ASSERT(offsetof(WDF_OBJECT_CONTEXT_TYPE_INFO, ContextSize) == 16);
C_ASSERT(offsetof(WDF_OBJECT_CONTEXT_TYPE_INFO, UniqueType) == 24);
C_ASSERT(offsetof(WDF_OBJECT_CONTEXT_TYPE_INFO, EvtDriverGetUniqueContextType) == 32);
C_ASSERT(sizeof(WDF_OBJECT_CONTEXT_TYPE_INFO_V1_0) == 24);
#else
C_ASSERT(sizeof(WDF_OBJECT_ATTRIBUTES) == 32);
C_ASSERT(offsetof(WDF_OBJECT_ATTRIBUTES, Size) == 0);
C_ASSERT(offsetof(WDF_OBJECT_ATTRIBUTES, EvtCleanupCallback) == 4);
C_ASSERT(offsetof(WDF_OBJECT_ATTRIBUTES, EvtDestroyCallback) == 8);
C_ASSERT(offsetof(WDF_OBJECT_ATTRIBUTES, ExecutionLevel) == 12);
C_ASSERT(offsetof(WDF_OBJECT_ATTRIBUTES, SynchronizationScope) == 16);
C_ASSERT(offsetof(WDF_OBJECT_ATTRIBUTES, ParentObject) == 20);
C_ASSERT(offsetof(WDF_OBJECT_ATTRIBUTES, ContextSizeOverride) == 24);
C_ASSERT(offsetof(WDF_OBJECT_ATTRIBUTES, ContextTypeInfo) == 28);
C_ASSERT(sizeof(WDF_OBJECT_CONTEXT_TYPE_INFO) == 20);
C_ASSERT(offsetof(WDF_OBJECT_CONTEXT_TYPE_INFO, Size) == 0);
C_ASSERT(offsetof(WDF_OBJECT_CONTEXT_TYPE_INFO, ContextName) == 4);
C_ASSERT(offsetof(WDF_OBJECT_CONTEXT_TYPE_INFO, ContextSize) == 8);
C_ASSERT(offsetof(WDF_OBJECT_CONTEXT_TYPE_INFO, UniqueType) == 12);
C_ASSERT(offsetof(WDF_OBJECT_CONTEXT_TYPE_INFO, EvtDriverGetUniqueContextType) == 16);
C_ASSERT(sizeof(WDF_OBJECT_CONTEXT_TYPE_INFO_V1_0) == 12);
#endif

EXTERN_C_END

#endif /* _WDFOBJECT_H_ */
