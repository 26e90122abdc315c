/*
 * guiddef.h - GUID and DEFINE_GUID (kmdfsim WDK surface).
 *
 * DEFINE_GUID(name, ...) declares `name` unless initguid.h was included
 * first, in which case it defines it. The definition is DECLSPEC_SELECTANY
 * (weak outside MSVC) so a header that defines GUIDs may be included with
 * INITGUID by several translation units of one program.
 */
#ifndef GUID_DEFINED
#define GUID_DEFINED
typedef struct _GUID {
#if defined(_WIN32)
    unsigned long Data1;
#else
    unsigned int Data1;
#endif
    unsigned short Data2;
    unsigned short Data3;
    unsigned char Data4[8];
} GUID;
#endif

#ifndef __LPGUID_DEFINED__
#define __LPGUID_DEFINED__
typedef GUID *LPGUID;
#endif
#ifndef __LPCGUID_DEFINED__
#define __LPCGUID_DEFINED__
typedef const GUID *LPCGUID;
#endif
#ifndef KMDFSIM_GUIDDEF_TYPES_
#define KMDFSIM_GUIDDEF_TYPES_
typedef GUID IID;
typedef IID *LPIID;
typedef GUID CLSID;
typedef CLSID *LPCLSID;
typedef GUID FMTID;
typedef FMTID *LPFMTID;
typedef GUID *PGUID;
typedef const GUID *PCGUID;
#ifdef __cplusplus
#define REFGUID const GUID &
#define REFIID const IID &
#else
#define REFGUID const GUID *
#define REFIID const IID *
#endif
#endif

#ifndef EXTERN_C
#ifdef __cplusplus
#define EXTERN_C extern "C"
#else
#define EXTERN_C extern
#endif
#endif
#ifndef DECLSPEC_SELECTANY
#if defined(_MSC_VER)
#define DECLSPEC_SELECTANY __declspec(selectany)
#elif defined(_WIN32)
#define DECLSPEC_SELECTANY __attribute__((selectany))
#else
#define DECLSPEC_SELECTANY __attribute__((weak))
#endif
#endif

/* Re-evaluated on every inclusion so that initguid.h can switch the mode. */
#ifdef DEFINE_GUID
#undef DEFINE_GUID
#endif
#ifdef INITGUID
#ifdef __cplusplus
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
    EXTERN_C const GUID DECLSPEC_SELECTANY name = {l, w1, w2, {b1, b2, b3, b4, b5, b6, b7, b8}}
#else
/* In C a file-scope const already has external linkage; `extern` plus an
 * initializer would only draw a warning. */
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
    const GUID DECLSPEC_SELECTANY name = {l, w1, w2, {b1, b2, b3, b4, b5, b6, b7, b8}}
#endif
#else
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) EXTERN_C const GUID name
#endif

#define DEFINE_OLEGUID(name, l, w1, w2) DEFINE_GUID(name, l, w1, w2, 0xC0, 0, 0, 0, 0, 0, 0, 0x46)

#ifndef KMDFSIM_GUIDDEF_EQUAL_
#define KMDFSIM_GUIDDEF_EQUAL_
#include <string.h>
#ifdef __cplusplus
#define IsEqualGUID(a, b) (!memcmp(&(a), &(b), sizeof(GUID)))
#else
#define IsEqualGUID(a, b) (!memcmp((a), (b), sizeof(GUID)))
#endif
#define InlineIsEqualGUID(a, b) IsEqualGUID(a, b)
#define IsEqualIID(a, b) IsEqualGUID(a, b)
#endif
