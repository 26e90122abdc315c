/*
 * status_names.c - kmdfsim_status_name(): NTSTATUS values to their names.
 *
 * The table is generated at build time from include/ntstatus.h and
 * include/wdfstatus.h (cmake/GenerateStatusNames.cmake).
 */
#include <kmdfsim/status.h>

#include "platform/platform.h"

#include <stdio.h>

typedef struct status_name {
    ULONG value;
    const char *name;
} status_name;

static const status_name g_status_names[] = {
#include "status_names.inc"
};

const char *kmdfsim_status_name(NTSTATUS status)
{
    static KMDFSIM_THREAD_LOCAL char unknown[16];
    for (size_t i = 0; i < sizeof(g_status_names) / sizeof(g_status_names[0]); i++)
        if (g_status_names[i].value == (ULONG)status)
            return g_status_names[i].name;
    snprintf(unknown, sizeof(unknown), "0x%08X", (unsigned)(ULONG)status);
    return unknown;
}
