/*
 * basetsd.h - sized and pointer-sized integer types (kmdfsim WDK surface).
 *
 * Windows is LLP64: LONG/ULONG are 32-bit and pointers (and the *_PTR types)
 * are pointer-sized. On LP64 hosts (Linux, macOS) `long` is 64-bit, so these
 * headers never use `long` for a 32-bit type outside Windows.
 */
#ifndef _BASETSD_H_
#define _BASETSD_H_

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32)
/* Match the Windows headers exactly where the compiler is a Windows one. */
typedef signed char INT8, *PINT8;
typedef short INT16, *PINT16;
typedef int INT32, *PINT32;
typedef long long INT64, *PINT64;
typedef unsigned char UINT8, *PUINT8;
typedef unsigned short UINT16, *PUINT16;
typedef unsigned int UINT32, *PUINT32;
typedef unsigned long long UINT64, *PUINT64;
typedef int LONG32, *PLONG32;
typedef unsigned int ULONG32, *PULONG32, DWORD32, *PDWORD32;
typedef long long LONG64, *PLONG64;
typedef unsigned long long ULONG64, *PULONG64, DWORD64, *PDWORD64;
#if defined(_WIN64)
typedef long long INT_PTR, *PINT_PTR, LONG_PTR, *PLONG_PTR;
typedef unsigned long long UINT_PTR, *PUINT_PTR, ULONG_PTR, *PULONG_PTR;
#else
typedef int INT_PTR, *PINT_PTR;
typedef unsigned int UINT_PTR, *PUINT_PTR;
typedef long LONG_PTR, *PLONG_PTR;
typedef unsigned long ULONG_PTR, *PULONG_PTR;
#endif
#else /* !_WIN32 */
/*
 * 8-byte integers are 8-byte aligned inside Windows structures on x86 too;
 * the i386 System V ABI aligns them to 4. Force 8 so WNODEs keep their size.
 */
#if defined(__GNUC__) && (defined(__i386__) || (defined(__SIZEOF_POINTER__) && __SIZEOF_POINTER__ == 4))
#define KMDFSIM_ALIGN8_ __attribute__((aligned(8)))
#else
#define KMDFSIM_ALIGN8_
#endif
typedef int8_t INT8, *PINT8;
typedef int16_t INT16, *PINT16;
typedef int32_t INT32, *PINT32;
typedef long long INT64 KMDFSIM_ALIGN8_;
typedef INT64 *PINT64;
typedef uint8_t UINT8, *PUINT8;
typedef uint16_t UINT16, *PUINT16;
typedef uint32_t UINT32, *PUINT32;
typedef unsigned long long UINT64 KMDFSIM_ALIGN8_;
typedef UINT64 *PUINT64;
typedef int32_t LONG32, *PLONG32;
typedef uint32_t ULONG32, *PULONG32, DWORD32, *PDWORD32;
typedef INT64 LONG64, *PLONG64;
typedef UINT64 ULONG64, *PULONG64, DWORD64, *PDWORD64;
typedef intptr_t INT_PTR, *PINT_PTR, LONG_PTR, *PLONG_PTR;
typedef uintptr_t UINT_PTR, *PUINT_PTR, ULONG_PTR, *PULONG_PTR;
#endif /* _WIN32 */

typedef ULONG_PTR SIZE_T, *PSIZE_T;
typedef LONG_PTR SSIZE_T, *PSSIZE_T;
typedef ULONG_PTR KAFFINITY, *PKAFFINITY;
typedef ULONG_PTR DWORD_PTR, *PDWORD_PTR;

#define MAXUINT8 ((UINT8)~((UINT8)0))
#define MAXINT8 ((INT8)(MAXUINT8 >> 1))
#define MININT8 ((INT8)~MAXINT8)
#define MAXUINT16 ((UINT16)~((UINT16)0))
#define MAXINT16 ((INT16)(MAXUINT16 >> 1))
#define MININT16 ((INT16)~MAXINT16)
#define MAXUINT32 ((UINT32)~((UINT32)0))
#define MAXINT32 ((INT32)(MAXUINT32 >> 1))
#define MININT32 ((INT32)~MAXINT32)
#define MAXUINT64 ((UINT64)~((UINT64)0))
#define MAXINT64 ((INT64)(MAXUINT64 >> 1))
#define MININT64 ((INT64)~MAXINT64)
#define MAXULONG32 ((ULONG32)~((ULONG32)0))
#define MAXLONG32 ((LONG32)(MAXULONG32 >> 1))
#define MINLONG32 ((LONG32)~MAXLONG32)
#define MAXULONG64 ((ULONG64)~((ULONG64)0))
#define MAXLONG64 ((LONG64)(MAXULONG64 >> 1))
#define MINLONG64 ((LONG64)~MAXLONG64)
#define MAXULONG_PTR (~((ULONG_PTR)0))
#define MAXLONG_PTR ((LONG_PTR)(MAXULONG_PTR >> 1))
#define MINLONG_PTR (~MAXLONG_PTR)
#define MAXSIZE_T ((SIZE_T)~((SIZE_T)0))
#define MAXSSIZE_T ((SSIZE_T)(MAXSIZE_T >> 1))
#define MINSSIZE_T ((SSIZE_T)~MAXSSIZE_T)

#endif /* _BASETSD_H_ */
