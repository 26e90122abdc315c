/* b.c - the second translation unit of the consumer test program (see a.c). */
#include <ntddk.h>
#include <initguid.h>
#include "guids.h"

const WCHAR *name_from_b(void)
{
    return L"Wmi\u00e9\u20ac";
}

const GUID *guid_address_from_b(void)
{
    return &SampleGuid;
}
