/*
 * wdftypes.h - KMDF handle types, WDF_TRI_STATE and the WDF_NO_* placeholders
 * (kmdfsim WDK surface, modelled on KMDF 1.33).
 *
 * Every WDF header includes this one first. It pulls in the DDK base layer so
 * that a driver may include <wdf.h> without <ntddk.h>.
 */
#ifndef _WDFTYPES_H_
#define _WDFTYPES_H_

#include <ntddk.h>

#ifndef WDF_EXTERN_C
#ifdef __cplusplus
#define WDF_EXTERN_C extern "C"
#define WDF_EXTERN_C_START extern "C" {
#define WDF_EXTERN_C_END }
#else
#define WDF_EXTERN_C
#define WDF_EXTERN_C_START
#define WDF_EXTERN_C_END
#endif
#endif

/* The KMDF version this surface models; build files may pass their own. */
#ifndef KMDF_VERSION_MAJOR
#define KMDF_VERSION_MAJOR 1
#endif
#ifndef KMDF_VERSION_MINOR
#define KMDF_VERSION_MINOR 33
#endif

/*
 * DDIs are ordinary functions implemented by kmdfsim (no function table, no
 * hidden PWDF_DRIVER_GLOBALS argument), so WDFAPI carries nothing.
 */
#ifndef WDFAPI
#define WDFAPI
#endif

/*
 * Calling convention of the EVT_* role types. The WDK writes NTAPI, and MSVC
 * lets a driver's definition without NTAPI inherit it from the role-type
 * declaration. GCC and Clang instead reject such a definition on 32-bit
 * Windows ("conflicting types"), so outside MSVC the role types carry no
 * convention; the framework that calls them is compiled with the same headers.
 */
#if defined(_MSC_VER)
#define KMDFSIM_WDF_CALLBACK_ NTAPI
#else
#define KMDFSIM_WDF_CALLBACK_
#endif

EXTERN_C_START

/* Never 0/1-only: drivers pass TRUE/FALSE where a WDF_TRI_STATE is expected. */
typedef enum _WDF_TRI_STATE {
    WdfFalse = FALSE,
    WdfTrue = TRUE,
    WdfUseDefault = 2
} WDF_TRI_STATE, *PWDF_TRI_STATE;

typedef PVOID WDFCONTEXT;

#if defined(__cplusplus) && !defined(WDF_NO_NULLPTR)
#define WDF_NULL_POINTER nullptr
#else
#define WDF_NULL_POINTER NULL
#endif

#undef WDF_NO_OBJECT_ATTRIBUTES
#undef WDF_NO_EVENT_CALLBACK
#undef WDF_NO_HANDLE
#undef WDF_NO_CONTEXT
#undef WDF_NO_SEND_OPTIONS
#define WDF_NO_OBJECT_ATTRIBUTES WDF_NULL_POINTER
#define WDF_NO_EVENT_CALLBACK WDF_NULL_POINTER
#define WDF_NO_HANDLE WDF_NULL_POINTER
#define WDF_NO_CONTEXT WDF_NULL_POINTER
#define WDF_NO_SEND_OPTIONS WDF_NULL_POINTER

/* Opaque to drivers; the framework owns what a PWDFDEVICE_INIT points to. */
typedef struct WDFDEVICE_INIT *PWDFDEVICE_INIT;
typedef struct WDFCXDEVICE_INIT *PWDFCXDEVICE_INIT;

/* Completed in wdfobject.h; declared here so any header can take one. */
typedef struct _WDF_OBJECT_ATTRIBUTES *PWDF_OBJECT_ATTRIBUTES;

/* The typeless handle: any WDF handle converts to it. */
typedef HANDLE WDFOBJECT, *PWDFOBJECT;

DECLARE_HANDLE(WDFDRIVER);
DECLARE_HANDLE(WDFDEVICE);
DECLARE_HANDLE(WDFWMIPROVIDER);
DECLARE_HANDLE(WDFWMIINSTANCE);
DECLARE_HANDLE(WDFQUEUE);
DECLARE_HANDLE(WDFREQUEST);
DECLARE_HANDLE(WDFFILEOBJECT);
DECLARE_HANDLE(WDFDPC);
DECLARE_HANDLE(WDFTIMER);
DECLARE_HANDLE(WDFWORKITEM);
DECLARE_HANDLE(WDFINTERRUPT);
DECLARE_HANDLE(WDFWAITLOCK);
DECLARE_HANDLE(WDFSPINLOCK);
DECLARE_HANDLE(WDFMEMORY);
DECLARE_HANDLE(WDFLOOKASIDE);
DECLARE_HANDLE(WDFIOTARGET);
DECLARE_HANDLE(WDFUSBDEVICE);
DECLARE_HANDLE(WDFUSBINTERFACE);
DECLARE_HANDLE(WDFUSBPIPE);
DECLARE_HANDLE(WDFDMAENABLER);
DECLARE_HANDLE(WDFDMATRANSACTION);
DECLARE_HANDLE(WDFCOMMONBUFFER);
DECLARE_HANDLE(WDFKEY);
DECLARE_HANDLE(WDFSTRING);
DECLARE_HANDLE(WDFCOLLECTION);
DECLARE_HANDLE(WDFCHILDLIST);
DECLARE_HANDLE(WDFIORESREQLIST);
DECLARE_HANDLE(WDFIORESLIST);
DECLARE_HANDLE(WDFCMRESLIST);
DECLARE_HANDLE(WDFCOMPANIONTARGET);

EXTERN_C_END

#endif /* _WDFTYPES_H_ */
