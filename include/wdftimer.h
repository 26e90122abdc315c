/*
 * wdftimer.h - framework timer objects (kmdfsim WDK surface).
 */
#ifndef _WDFTIMER_H_
#define _WDFTIMER_H_

#include <wdftypes.h>
#include <wdfobject.h>

EXTERN_C_START

#define TolerableDelayUnlimited ((ULONG)-1)

typedef VOID KMDFSIM_WDF_CALLBACK_ EVT_WDF_TIMER(_In_ WDFTIMER Timer);
typedef EVT_WDF_TIMER *PFN_WDF_TIMER;

typedef struct _WDF_TIMER_CONFIG {
    ULONG Size;
    PFN_WDF_TIMER EvtTimerFunc;
    ULONG Period;                   /* ms; 0 = one-shot */
    BOOLEAN AutomaticSerialization; /* serialize with the parent's callbacks */
    ULONG TolerableDelay;           /* ms the expiry may slip (coalescing) */
    /* 8-aligned in the WDK too: the field follows at offset 32 (x64) / 24 (x86). */
    DECLSPEC_ALIGN(8) BOOLEAN UseHighResolutionTimer;
} WDF_TIMER_CONFIG, *PWDF_TIMER_CONFIG;

FORCEINLINE VOID WDF_TIMER_CONFIG_INIT(_Out_ PWDF_TIMER_CONFIG Config, _In_ PFN_WDF_TIMER EvtTimerFunc)
{
    RtlZeroMemory(Config, sizeof(WDF_TIMER_CONFIG));
    Config->Size = WDF_STRUCTURE_SIZE(WDF_TIMER_CONFIG);
    Config->EvtTimerFunc = EvtTimerFunc;
    Config->Period = 0;
    Config->AutomaticSerialization = TRUE;
    Config->TolerableDelay = 0;
}

FORCEINLINE VOID WDF_TIMER_CONFIG_INIT_PERIODIC(_Out_ PWDF_TIMER_CONFIG Config, _In_ PFN_WDF_TIMER EvtTimerFunc,
                                                _In_ LONG Period)
{
    RtlZeroMemory(Config, sizeof(WDF_TIMER_CONFIG));
    Config->Size = WDF_STRUCTURE_SIZE(WDF_TIMER_CONFIG);
    Config->EvtTimerFunc = EvtTimerFunc;
    Config->Period = (ULONG)Period;
    Config->AutomaticSerialization = TRUE;
    Config->TolerableDelay = 0;
}

/* ---- DDIs (implemented by kmdfsim) -------------------------------------- */

/* Attributes are required: a timer needs a ParentObject. */
_Must_inspect_result_
_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI NTSTATUS WdfTimerCreate(_In_ PWDF_TIMER_CONFIG Config, _In_ PWDF_OBJECT_ATTRIBUTES Attributes,
                               _Out_ WDFTIMER *Timer);

/* DueTime in 100-ns units, negative = relative. TRUE if the timer was already queued. */
_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI BOOLEAN WdfTimerStart(_In_ WDFTIMER Timer, _In_ LONGLONG DueTime);

/* TRUE if the timer was queued and is now cancelled. */
_When_(Wait == 1, _IRQL_requires_max_(PASSIVE_LEVEL))
_When_(Wait == 0, _IRQL_requires_max_(DISPATCH_LEVEL))
WDFAPI BOOLEAN WdfTimerStop(_In_ WDFTIMER Timer, _In_ BOOLEAN Wait);

_IRQL_requires_max_(DISPATCH_LEVEL)
WDFAPI WDFOBJECT WdfTimerGetParentObject(_In_ WDFTIMER Timer);

#if defined(_WIN64) || (defined(__SIZEOF_POINTER__) && __SIZEOF_POINTER__ == 8)
C_ASSERT(offsetof(WDF_TIMER_CONFIG, EvtTimerFunc) == 8);
C_ASSERT(offsetof(WDF_TIMER_CONFIG, Period) == 16);
C_ASSERT(offsetof(WDF_TIMER_CONFIG, AutomaticSerialization) == 20);
C_ASSERT(offsetof(WDF_TIMER_CONFIG, TolerableDelay) == 24);
C_ASSERT(offsetof(WDF_TIMER_CONFIG, UseHighResolutionTimer) == 32);
C_ASSERT(sizeof(WDF_TIMER_CONFIG) == 40);
#else
C_ASSERT(offsetof(WDF_TIMER_CONFIG, EvtTimerFunc) == 4);
C_ASSERT(offsetof(WDF_TIMER_CONFIG, Period) == 8);
C_ASSERT(offsetof(WDF_TIMER_CONFIG, AutomaticSerialization) == 12);
C_ASSERT(offsetof(WDF_TIMER_CONFIG, TolerableDelay) == 16);
C_ASSERT(offsetof(WDF_TIMER_CONFIG, UseHighResolutionTimer) == 24);
C_ASSERT(sizeof(WDF_TIMER_CONFIG) == 32);
#endif

EXTERN_C_END

#endif /* _WDFTIMER_H_ */
