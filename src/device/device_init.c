/*
 * device_init.c - the WdfDeviceInit* DDIs: they record settings in the
 * WDFDEVICE_INIT that WdfDeviceCreate consumes.
 */
#include "device/device.h"

#include "kernel/irql.h"
#include "verifier/verifier_internal.h"

#include <string.h>

/* Common checks for a DeviceInit DDI: PASSIVE_LEVEL and a non-NULL init. */
static BOOLEAN init_ok(PWDFDEVICE_INIT init, const char *ddi)
{
    if (!kmdfsim_irql_check_max(PASSIVE_LEVEL, ddi))
        return FALSE;
    if (init == NULL) {
        kmdfsim_verify_fail("NULL_PARAMETER", ddi, NULL, "DeviceInit is NULL (already consumed by WdfDeviceCreate?)");
        return FALSE;
    }
    return TRUE;
}

VOID WdfDeviceInitSetPnpPowerEventCallbacks(PWDFDEVICE_INIT DeviceInit, PWDF_PNPPOWER_EVENT_CALLBACKS PnpPowerEventCallbacks)
{
    if (!init_ok(DeviceInit, "WdfDeviceInitSetPnpPowerEventCallbacks"))
        return;
    if (PnpPowerEventCallbacks == NULL) {
        kmdfsim_verify_fail("NULL_PARAMETER", "WdfDeviceInitSetPnpPowerEventCallbacks", NULL,
                            "PnpPowerEventCallbacks is NULL");
        return;
    }
    if (PnpPowerEventCallbacks->Size != sizeof(WDF_PNPPOWER_EVENT_CALLBACKS)) {
        /* KMDF ignores the whole structure when its size is wrong, and its verifier says so. */
        kmdfsim_verify_fail("STRUCTURE_SIZE", "WdfDeviceInitSetPnpPowerEventCallbacks", NULL,
                            "Size is %lu, expected %lu; the callbacks are ignored",
                            (unsigned long)PnpPowerEventCallbacks->Size,
                            (unsigned long)sizeof(WDF_PNPPOWER_EVENT_CALLBACKS));
        return;
    }
    DeviceInit->pnp = *PnpPowerEventCallbacks;
}

VOID WdfDeviceInitSetPowerPolicyOwnership(PWDFDEVICE_INIT DeviceInit, BOOLEAN IsPowerPolicyOwner)
{
    if (!init_ok(DeviceInit, "WdfDeviceInitSetPowerPolicyOwnership"))
        return;
    DeviceInit->power_policy_owner = IsPowerPolicyOwner;
    DeviceInit->power_policy_owner_set = TRUE;
}

VOID WdfDeviceInitSetExclusive(PWDFDEVICE_INIT DeviceInit, BOOLEAN IsExclusive)
{
    if (init_ok(DeviceInit, "WdfDeviceInitSetExclusive"))
        DeviceInit->exclusive = IsExclusive;
}

VOID WdfDeviceInitSetIoType(PWDFDEVICE_INIT DeviceInit, WDF_DEVICE_IO_TYPE IoType)
{
    if (init_ok(DeviceInit, "WdfDeviceInitSetIoType"))
        DeviceInit->io_type = IoType;
}

VOID WdfDeviceInitSetDeviceType(PWDFDEVICE_INIT DeviceInit, DEVICE_TYPE DeviceType)
{
    if (init_ok(DeviceInit, "WdfDeviceInitSetDeviceType"))
        DeviceInit->device_type = DeviceType;
}

VOID WdfDeviceInitSetCharacteristics(PWDFDEVICE_INIT DeviceInit, ULONG DeviceCharacteristics, BOOLEAN OrInValues)
{
    if (!init_ok(DeviceInit, "WdfDeviceInitSetCharacteristics"))
        return;
    DeviceInit->characteristics = OrInValues ? (DeviceInit->characteristics | DeviceCharacteristics) : DeviceCharacteristics;
}
