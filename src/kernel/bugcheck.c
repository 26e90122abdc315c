/*
 * bugcheck.c - KeBugCheckEx: a driver that asks to crash the machine.
 *
 * The report goes through the verifier like every other driver bug. There is
 * no way to continue after a bug check (the caller relies on it not
 * returning), so when a test's handler returns the process exits.
 */
#include <ntddk.h>

#include "verifier/verifier_internal.h"

#include <stdio.h>
#include <stdlib.h>

VOID NTAPI KeBugCheckEx(ULONG BugCheckCode, ULONG_PTR P1, ULONG_PTR P2, ULONG_PTR P3, ULONG_PTR P4)
{
    kmdfsim_verify_fail("BUGCHECK", "KeBugCheckEx", NULL,
                        "driver bug check 0x%08X (0x%llX, 0x%llX, 0x%llX, 0x%llX)", (unsigned)BugCheckCode,
                        (unsigned long long)P1, (unsigned long long)P2, (unsigned long long)P3, (unsigned long long)P4);
    fprintf(stderr, "kmdfsim: the driver bug-checked (0x%08X); stopping the process\n", (unsigned)BugCheckCode);
    abort();
}

VOID NTAPI KeBugCheck(ULONG BugCheckCode) { KeBugCheckEx(BugCheckCode, 0, 0, 0, 0); }
