/*
 * wstr.h - kmdfsim's 16-bit wide-string routines, on every platform.
 *
 * wdm.h declares these (and maps wcslen & co. to them) only outside Windows,
 * where the C library's wcs* functions work on 32-bit characters. kmdfsim's
 * own code calls them everywhere so it behaves the same on both; this header
 * declares them for Windows builds too.
 */
#ifndef KMDFSIM_RTL_WSTR_H_
#define KMDFSIM_RTL_WSTR_H_

#include <ntdef.h>
#include <stddef.h>

size_t kmdfsim_wdk_wcslen(const WCHAR *s);
size_t kmdfsim_wdk_wcsnlen(const WCHAR *s, size_t maxlen);
int kmdfsim_wdk_wcscmp(const WCHAR *a, const WCHAR *b);
int kmdfsim_wdk_wcsncmp(const WCHAR *a, const WCHAR *b, size_t n);
int kmdfsim_wdk_wcsicmp(const WCHAR *a, const WCHAR *b);
int kmdfsim_wdk_wcsnicmp(const WCHAR *a, const WCHAR *b, size_t n);
WCHAR *kmdfsim_wdk_wcscpy(WCHAR *dst, const WCHAR *src);
WCHAR *kmdfsim_wdk_wcsncpy(WCHAR *dst, const WCHAR *src, size_t n);
WCHAR *kmdfsim_wdk_wcscat(WCHAR *dst, const WCHAR *src);

#endif /* KMDFSIM_RTL_WSTR_H_ */
