/*
 * ntstrsafe.h - bounded string functions for drivers (kmdfsim WDK surface).
 *
 * The same names, signatures and NTSTATUS results as the WDK's ntstrsafe.h.
 * The WDK defines these as inline functions unless the driver defines
 * NTSTRSAFE_LIB; kmdfsim always implements them in its library, so both
 * ways of including this header work and NTSTRSAFE_LIB changes nothing.
 *
 * Results, as documented:
 *   STATUS_SUCCESS            the whole result fits; Cch/Cb results are
 *                             NUL-terminated.
 *   STATUS_BUFFER_OVERFLOW    the result was truncated to fit. Cch/Cb
 *                             destinations hold cchDest - 1 units and a NUL;
 *                             UNICODE_STRING destinations are filled to
 *                             MaximumLength with Length set (no NUL: counted
 *                             strings need none).
 *   STATUS_INVALID_PARAMETER  a NULL pointer, a size of 0 or above the
 *                             NTSTRSAFE_*_MAX_CCH limits, a Cat destination
 *                             without a NUL within its size, or an invalid
 *                             UNICODE_STRING (see RtlUnicodeStringValidate).
 *                             A malformed UNICODE_STRING is also reported
 *                             through the verifier (INVALID_UNICODE_STRING).
 *
 * A UNICODE_STRING destination with no room left (MaximumLength 0, or a
 * Cat onto a full string) gets STATUS_BUFFER_OVERFLOW when there is text to
 * add - it is a truncation - and STATUS_SUCCESS when there is none. (The
 * WDK documentation's generic list files "destination full" under
 * STATUS_INVALID_PARAMETER; for Cch/Cb functions kmdfsim does that for a
 * Cat destination without a NUL within its size, and cchDest 0 is always
 * invalid.)
 *
 * On STATUS_INVALID_PARAMETER with a usable destination, Copy and Printf
 * leave an empty string there (Cch/Cb: a NUL at [0]; UNICODE_STRING: Length
 * 0); Cat leaves the destination unchanged. An unusable destination is never
 * written.
 *
 * The printf functions use kmdfsim's kernel printf dialect (%wZ, %ws, %I64x,
 * see src/rtl/format.h): the A functions take a narrow format and produce
 * UTF-8; the W functions and RtlUnicodeStringPrintf take a wide format, in
 * which %s and %c are wide and %S, %C and %hs narrow. %n is refused: it is
 * reported through the verifier and the call fails with
 * STATUS_INVALID_PARAMETER and an empty destination, as does a malformed
 * conversion. Truncation is by code units, as Windows truncates by
 * characters.
 *
 * Not provided: the Ex variants, the CchN/CbN forms of Cat, the Unicode
 * string "N" and Ex forms, and the deprecation of the C string functions.
 * The STRSAFE_* flags are defined for drivers that name them.
 */
#ifndef _NTSTRSAFE_H_INCLUDED_
#define _NTSTRSAFE_H_INCLUDED_

#include <ntdef.h>
#include <ntstatus.h>
#include <stdarg.h>
#include <stddef.h>

#ifndef NTSTRSAFE_LIB
#define NTSTRSAFE_LIB
#endif

/* SAL annotations this header uses that sal.h may not define. */
#ifndef _In_reads_or_z_
#define _In_reads_or_z_(size)
#endif

/* Largest destination, in characters, of the Cch/Cb functions. */
#define NTSTRSAFE_MAX_CCH 2147483647
/* Largest UNICODE_STRING, in characters: 0xffff bytes of WCHARs. */
#define NTSTRSAFE_UNICODE_STRING_MAX_CCH (0xffff / sizeof(WCHAR))
#define NTSTRSAFE_MAX_LENGTH (NTSTRSAFE_MAX_CCH - 1)

typedef char *NTSTRSAFE_PSTR;
typedef const char *NTSTRSAFE_PCSTR;
typedef WCHAR *NTSTRSAFE_PWSTR;
typedef const WCHAR *NTSTRSAFE_PCWSTR;
typedef const WCHAR UNALIGNED *NTSTRSAFE_PCUWSTR;

#define NTSTRSAFEDDI NTSTATUS NTAPI

/* Flags of the WDK's Ex functions (kmdfsim does not provide those; see above). */
#define STRSAFE_IGNORE_NULLS 0x00000100
#define STRSAFE_FILL_BEHIND_NULL 0x00000200
#define STRSAFE_FILL_ON_FAILURE 0x00000400
#define STRSAFE_NULL_ON_FAILURE 0x00000800
#define STRSAFE_NO_TRUNCATION 0x00001000
#define STRSAFE_ZERO_LENGTH_ON_FAILURE STRSAFE_NULL_ON_FAILURE
#define STRSAFE_FILL_BYTE(x) ((ULONG)(((x) & 0x000000FF) | STRSAFE_FILL_BEHIND_NULL))
#define STRSAFE_FAILURE_BYTE(x) ((ULONG)(((x) & 0x000000FF) | STRSAFE_FILL_ON_FAILURE))
#define STRSAFE_GET_FILL_PATTERN(dwFlags) ((int)((dwFlags) & 0x000000FF))

#ifdef __cplusplus
extern "C" {
#endif

#ifndef NTSTRSAFE_NO_CCH_FUNCTIONS
NTSTATUS NTAPI RtlStringCchCopyA(_Out_writes_(cchDest) NTSTRSAFE_PSTR pszDest, _In_ size_t cchDest, _In_ NTSTRSAFE_PCSTR pszSrc);
NTSTATUS NTAPI RtlStringCchCopyW(_Out_writes_(cchDest) NTSTRSAFE_PWSTR pszDest, _In_ size_t cchDest, _In_ NTSTRSAFE_PCWSTR pszSrc);
NTSTATUS NTAPI RtlStringCchCopyNA(_Out_writes_(cchDest) NTSTRSAFE_PSTR pszDest, _In_ size_t cchDest,
                                  _In_reads_or_z_(cchToCopy) NTSTRSAFE_PCSTR pszSrc, _In_ size_t cchToCopy);
NTSTATUS NTAPI RtlStringCchCopyNW(_Out_writes_(cchDest) NTSTRSAFE_PWSTR pszDest, _In_ size_t cchDest,
                                  _In_reads_or_z_(cchToCopy) NTSTRSAFE_PCWSTR pszSrc, _In_ size_t cchToCopy);
NTSTATUS NTAPI RtlStringCchCatA(_Inout_updates_(cchDest) NTSTRSAFE_PSTR pszDest, _In_ size_t cchDest, _In_ NTSTRSAFE_PCSTR pszSrc);
NTSTATUS NTAPI RtlStringCchCatW(_Inout_updates_(cchDest) NTSTRSAFE_PWSTR pszDest, _In_ size_t cchDest, _In_ NTSTRSAFE_PCWSTR pszSrc);
NTSTATUS NTAPI RtlStringCchLengthA(_In_reads_or_z_(cchMax) NTSTRSAFE_PCSTR psz, _In_ size_t cchMax,
                                   _Out_opt_ size_t *pcchLength);
NTSTATUS NTAPI RtlStringCchLengthW(_In_reads_or_z_(cchMax) NTSTRSAFE_PCWSTR psz, _In_ size_t cchMax,
                                   _Out_opt_ size_t *pcchLength);
NTSTATUS __cdecl RtlStringCchPrintfA(_Out_writes_(cchDest) NTSTRSAFE_PSTR pszDest, _In_ size_t cchDest,
                                     _In_ _Printf_format_string_ NTSTRSAFE_PCSTR pszFormat, ...);
NTSTATUS __cdecl RtlStringCchPrintfW(_Out_writes_(cchDest) NTSTRSAFE_PWSTR pszDest, _In_ size_t cchDest,
                                     _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat, ...);
NTSTATUS NTAPI RtlStringCchVPrintfA(_Out_writes_(cchDest) NTSTRSAFE_PSTR pszDest, _In_ size_t cchDest,
                                    _In_ _Printf_format_string_ NTSTRSAFE_PCSTR pszFormat, _In_ va_list argList);
NTSTATUS NTAPI RtlStringCchVPrintfW(_Out_writes_(cchDest) NTSTRSAFE_PWSTR pszDest, _In_ size_t cchDest,
                                    _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat, _In_ va_list argList);
#endif /* NTSTRSAFE_NO_CCH_FUNCTIONS */

#ifndef NTSTRSAFE_NO_CB_FUNCTIONS
NTSTATUS NTAPI RtlStringCbCopyA(_Out_writes_bytes_(cbDest) NTSTRSAFE_PSTR pszDest, _In_ size_t cbDest, _In_ NTSTRSAFE_PCSTR pszSrc);
NTSTATUS NTAPI RtlStringCbCopyW(_Out_writes_bytes_(cbDest) NTSTRSAFE_PWSTR pszDest, _In_ size_t cbDest, _In_ NTSTRSAFE_PCWSTR pszSrc);
NTSTATUS NTAPI RtlStringCbCopyNA(_Out_writes_bytes_(cbDest) NTSTRSAFE_PSTR pszDest, _In_ size_t cbDest,
                                 _In_reads_bytes_(cbToCopy) NTSTRSAFE_PCSTR pszSrc, _In_ size_t cbToCopy);
NTSTATUS NTAPI RtlStringCbCopyNW(_Out_writes_bytes_(cbDest) NTSTRSAFE_PWSTR pszDest, _In_ size_t cbDest,
                                 _In_reads_bytes_(cbToCopy) NTSTRSAFE_PCWSTR pszSrc, _In_ size_t cbToCopy);
NTSTATUS NTAPI RtlStringCbCatA(_Inout_updates_bytes_(cbDest) NTSTRSAFE_PSTR pszDest, _In_ size_t cbDest, _In_ NTSTRSAFE_PCSTR pszSrc);
NTSTATUS NTAPI RtlStringCbCatW(_Inout_updates_bytes_(cbDest) NTSTRSAFE_PWSTR pszDest, _In_ size_t cbDest, _In_ NTSTRSAFE_PCWSTR pszSrc);
NTSTATUS NTAPI RtlStringCbLengthA(_In_reads_or_z_(cbMax) NTSTRSAFE_PCSTR psz, _In_ size_t cbMax, _Out_opt_ size_t *pcbLength);
NTSTATUS NTAPI RtlStringCbLengthW(_In_reads_or_z_(cbMax / sizeof(WCHAR)) NTSTRSAFE_PCWSTR psz, _In_ size_t cbMax,
                                  _Out_opt_ size_t *pcbLength);
NTSTATUS __cdecl RtlStringCbPrintfA(_Out_writes_bytes_(cbDest) NTSTRSAFE_PSTR pszDest, _In_ size_t cbDest,
                                    _In_ _Printf_format_string_ NTSTRSAFE_PCSTR pszFormat, ...);
NTSTATUS __cdecl RtlStringCbPrintfW(_Out_writes_bytes_(cbDest) NTSTRSAFE_PWSTR pszDest, _In_ size_t cbDest,
                                    _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat, ...);
NTSTATUS NTAPI RtlStringCbVPrintfA(_Out_writes_bytes_(cbDest) NTSTRSAFE_PSTR pszDest, _In_ size_t cbDest,
                                   _In_ _Printf_format_string_ NTSTRSAFE_PCSTR pszFormat, _In_ va_list argList);
NTSTATUS NTAPI RtlStringCbVPrintfW(_Out_writes_bytes_(cbDest) NTSTRSAFE_PWSTR pszDest, _In_ size_t cbDest,
                                   _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat, _In_ va_list argList);
#endif /* NTSTRSAFE_NO_CB_FUNCTIONS */

#ifndef NTSTRSAFE_NO_UNICODE_STRING_FUNCTIONS
/* Points DestinationString at pszSrc (NULL gives an empty string); at most NTSTRSAFE_UNICODE_STRING_MAX_CCH - 1 characters. */
NTSTATUS NTAPI RtlUnicodeStringInit(_Out_ PUNICODE_STRING DestinationString, _In_opt_ NTSTRSAFE_PCWSTR pszSrc);
/* STATUS_SUCCESS when SourceString is a valid UNICODE_STRING, else STATUS_INVALID_PARAMETER (no verifier report). */
NTSTATUS NTAPI RtlUnicodeStringValidate(_In_ PCUNICODE_STRING SourceString);
NTSTATUS NTAPI RtlUnicodeStringCopy(_Inout_ PUNICODE_STRING DestinationString, _In_ PCUNICODE_STRING SourceString);
NTSTATUS NTAPI RtlUnicodeStringCopyString(_Inout_ PUNICODE_STRING DestinationString, _In_ NTSTRSAFE_PCWSTR pszSrc);
NTSTATUS NTAPI RtlUnicodeStringCat(_Inout_ PUNICODE_STRING DestinationString, _In_ PCUNICODE_STRING SourceString);
NTSTATUS NTAPI RtlUnicodeStringCatString(_Inout_ PUNICODE_STRING DestinationString, _In_ NTSTRSAFE_PCWSTR pszSrc);
NTSTATUS __cdecl RtlUnicodeStringPrintf(_Inout_ PUNICODE_STRING DestinationString,
                                        _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat, ...);
NTSTATUS NTAPI RtlUnicodeStringVPrintf(_Inout_ PUNICODE_STRING DestinationString,
                                       _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat, _In_ va_list argList);
#endif /* NTSTRSAFE_NO_UNICODE_STRING_FUNCTIONS */

#ifdef __cplusplus
}
#endif

#endif /* _NTSTRSAFE_H_INCLUDED_ */
