/*
 * wmium_discovery.c - WmiEnumerateGuids, WmiMofEnumerateResources{A,W} and
 * WmiFreeBuffer. (WmiDevInstToInstanceName and WmiFileHandleToInstanceName
 * are in names.c.)
 *
 * WmiEnumerateGuids lists the GUIDs at least one device provides now, in
 * the order they were first registered; with too little room it returns
 * ERROR_MORE_DATA (STATUS_BUFFER_OVERFLOW) and the count in *GuidCount.
 *
 * MOF resources are not kept by kmdfsim's WMI kernel:
 * WmiMofEnumerateResources gives ERROR_NOT_SUPPORTED. No Wmi* function
 * allocates memory for its caller, so WmiFreeBuffer accepts only NULL and
 * reports anything else (verifier error WMI_INVALID_FREE) instead of
 * freeing memory it does not own.
 */
#include "client/wmi_client.h"

#include "verifier/verifier_internal.h"

ULONG WMIAPI WmiEnumerateGuids(LPGUID GuidList, ULONG *GuidCount)
{
    if (GuidCount == NULL)
        return kmdfsim_wmik_win32_result(STATUS_INVALID_PARAMETER);
    return kmdfsim_wmik_win32_result(kmdfsim_wmik_registry_enumerate(GuidList, GuidCount));
}

ULONG WMIAPI WmiMofEnumerateResourcesA(MOFHANDLE MofResourceHandle, ULONG *MofResourceCount,
                                       PMOFRESOURCEINFOA *MofResourceInfo)
{
    (void)MofResourceHandle;
    if (MofResourceCount != NULL)
        *MofResourceCount = 0;
    if (MofResourceInfo != NULL)
        *MofResourceInfo = NULL;
    return kmdfsim_wmik_win32_result(STATUS_NOT_SUPPORTED);
}

ULONG WMIAPI WmiMofEnumerateResourcesW(MOFHANDLE MofResourceHandle, ULONG *MofResourceCount,
                                       PMOFRESOURCEINFOW *MofResourceInfo)
{
    (void)MofResourceHandle;
    if (MofResourceCount != NULL)
        *MofResourceCount = 0;
    if (MofResourceInfo != NULL)
        *MofResourceInfo = NULL;
    return kmdfsim_wmik_win32_result(STATUS_NOT_SUPPORTED);
}

VOID WMIAPI WmiFreeBuffer(PVOID Buffer)
{
    if (Buffer != NULL)
        kmdfsim_verify_fail("WMI_INVALID_FREE", "WmiFreeBuffer", Buffer,
                            "the buffer was not allocated by a Wmi* function (none allocates in kmdfsim)");
}
