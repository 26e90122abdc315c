/*
 * main.c - the installed-package port test: load the Firefly driver built by
 * kmdfsim_add_driver() from an installed kmdfsim, query its data block.
 * Exit status 0 on success.
 */
#include <kmdfsim/kmdfsim.h>
#include <kmdfsim/wpp.h>
#include <stdio.h>
#include <string.h>

#include "fireflymof.h"

DRIVER_INITIALIZE DriverEntry;

static unsigned g_traces;

static void count_traces(const kmdfsim_log_record *record, void *context)
{
    (void)context;
    if (record->source == KMDFSIM_LOG_TRACE)
        g_traces++;
}

int main(void)
{
    static const GUID guid = FireflyDeviceInformationGuid;
    kmdfsim_driver *driver;
    kmdfsim_device *device;
    UCHAR buffer[256];
    kmdfsim_wmi_irp irp;
    PWNODE_SINGLE_INSTANCE w = (PWNODE_SINGLE_INSTANCE)buffer;
    const GUID *path = &guid;

    kmdfsim_set_log_sink(count_traces, NULL);
    if (kmdfsim_driver_load(DriverEntry, &driver) != STATUS_SUCCESS ||
        kmdfsim_device_add(driver, "ROOT\\FIREFLY\\0000", &device) != STATUS_SUCCESS ||
        kmdfsim_device_start(device) != STATUS_SUCCESS) {
        fprintf(stderr, "port_installed: the driver did not start\n");
        return 1;
    }
    memset(buffer, 0, sizeof(buffer));
    w->WnodeHeader.BufferSize = sizeof(buffer);
    w->WnodeHeader.Guid = guid;
    w->WnodeHeader.Flags = WNODE_FLAG_SINGLE_INSTANCE | WNODE_FLAG_STATIC_INSTANCE_NAMES;
    w->DataBlockOffset = 80;
    memset(&irp, 0, sizeof(irp));
    irp.minor_function = IRP_MN_QUERY_SINGLE_INSTANCE;
    memcpy(&irp.data_path, &path, sizeof(path));
    irp.buffer_size = sizeof(buffer);
    irp.buffer = buffer;
    NTSTATUS status = kmdfsim_wmi_send_irp(device, &irp);
    const FireflyDeviceInformation *info = (const FireflyDeviceInformation *)(const void *)(buffer + w->DataBlockOffset);
    int ok = status == STATUS_SUCCESS && info->TailLit == 0x00FFAA00u && info->Blinks == 3 && g_traces >= 2;
    kmdfsim_driver_unload(driver);
    kmdfsim_set_log_sink(NULL, NULL);
    if (!ok) {
        fprintf(stderr, "port_installed: query status 0x%08lX, TailLit 0x%08lX, %u traces\n", (unsigned long)status,
                (unsigned long)info->TailLit, g_traces);
        return 1;
    }
    printf("port_installed: OK\n");
    return 0;
}
