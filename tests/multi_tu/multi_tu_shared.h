/*
 * A driver-style header included by several translation units of one
 * program: it defines a GUID (when initguid.h came first) and declares a
 * context type. Each unit that includes it emits the GUID and the context
 * type descriptor; the program must end up with one object of each.
 */
#ifndef MULTI_TU_SHARED_H
#define MULTI_TU_SHARED_H

#include <ntddk.h>
#include <wdf.h>

DEFINE_GUID(MULTI_TU_GUID, 0x6f2c1a3e, 0x48d7, 0x4b1c, 0x9e, 0x21, 0x0a, 0x3b, 0x5c, 0x7d, 0x9e, 0xf0);

typedef struct _MULTI_TU_CONTEXT {
    ULONG Counter;
    UCHAR Bytes[28];
} MULTI_TU_CONTEXT, *PMULTI_TU_CONTEXT;

WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(MULTI_TU_CONTEXT, MultiTuGetContext)

/* What each defining unit saw, reported through plain functions. */
typedef struct _MULTI_TU_VIEW {
    const GUID *Guid;
    const WDF_OBJECT_CONTEXT_TYPE_INFO *TypeInfo;
    PCWDF_OBJECT_CONTEXT_TYPE_INFO UniqueType; /* as WDF_OBJECT_ATTRIBUTES_SET_CONTEXT_TYPE stores it */
    size_t ContextSize;
} MULTI_TU_VIEW;

EXTERN_C MULTI_TU_VIEW multi_tu_view_a(void);
EXTERN_C MULTI_TU_VIEW multi_tu_view_b(void);
EXTERN_C MULTI_TU_VIEW multi_tu_view_cpp(void);

#endif /* MULTI_TU_SHARED_H */
