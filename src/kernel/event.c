/*
 * event.c - KEVENT, KeWaitForSingleObject, KeDelayExecutionThread.
 *
 * Notification events stay signaled until cleared; synchronization events
 * release one waiter and reset themselves. Only events are supported as wait
 * objects: waiting on anything else is reported, not guessed at.
 */
#include "kernel/dispatcher.h"
#include "kernel/irql.h"
#include "verifier/verifier_internal.h"

#include <kmdfsim/clock.h>

/* Header.Type values of the two event kinds (the kernel's object type codes). */
#define EVENT_NOTIFICATION_OBJECT 0
#define EVENT_SYNCHRONIZATION_OBJECT 1
/* Marker in Header.Size so that a KEVENT never initialized is recognized. */
#define KEVENT_SIZE_IN_LONGS ((UCHAR)(sizeof(KEVENT) / sizeof(LONG)))

static kmdfsim_static_mutex g_dispatcher;
static kmdfsim_cond g_wakeup;
static volatile int32_t g_wakeup_ready;

static void ensure_wakeup(void)
{
    /* Called with the dispatcher lock held, so initialization cannot race. */
    if (!g_wakeup_ready) {
        kmdfsim_cond_init(&g_wakeup);
        g_wakeup_ready = 1;
    }
}

void kmdfsim_dispatcher_lock(void)
{
    kmdfsim_mutex_lock(kmdfsim_static_mutex_get(&g_dispatcher));
    ensure_wakeup();
}

void kmdfsim_dispatcher_unlock(void) { kmdfsim_mutex_unlock(kmdfsim_static_mutex_get(&g_dispatcher)); }

void kmdfsim_dispatcher_wake_all(void) { kmdfsim_cond_broadcast(&g_wakeup); }

int kmdfsim_dispatcher_wait(uint64_t deadline_ns)
{
    if (deadline_ns == 0) {
        kmdfsim_cond_wait(&g_wakeup, kmdfsim_static_mutex_get(&g_dispatcher));
        return 1;
    }
    uint64_t now = kmdfsim_monotonic_ns();
    if (now >= deadline_ns)
        return 0;
    kmdfsim_cond_timedwait(&g_wakeup, kmdfsim_static_mutex_get(&g_dispatcher), deadline_ns - now);
    return kmdfsim_monotonic_ns() < deadline_ns;
}

uint64_t kmdfsim_timeout_to_deadline(const LARGE_INTEGER *timeout, BOOLEAN *poll)
{
    *poll = FALSE;
    if (timeout == NULL)
        return 0;
    if (timeout->QuadPart == 0) {
        *poll = TRUE;
        return 0;
    }
    uint64_t now = kmdfsim_monotonic_ns();
    if (timeout->QuadPart < 0) {
        uint64_t relative_ns = (uint64_t)(-(timeout->QuadPart + 1)) * 100u + 100u;
        return now + relative_ns;
    }
    /* Absolute: measured against the simulated system time. */
    LARGE_INTEGER system_now;
    KeQuerySystemTime(&system_now);
    if (timeout->QuadPart <= system_now.QuadPart) {
        *poll = TRUE;
        return 0;
    }
    return now + (uint64_t)(timeout->QuadPart - system_now.QuadPart) * 100u;
}

static BOOLEAN event_is_initialized(const KEVENT *event)
{
    return (event->Header.Type == EVENT_NOTIFICATION_OBJECT || event->Header.Type == EVENT_SYNCHRONIZATION_OBJECT) &&
           event->Header.Size == KEVENT_SIZE_IN_LONGS;
}

VOID NTAPI KeInitializeEvent(PRKEVENT Event, EVENT_TYPE Type, BOOLEAN State)
{
    if (Event == NULL) {
        kmdfsim_verify_fail("NULL_PARAMETER", "KeInitializeEvent", NULL, "Event is NULL");
        return;
    }
    if (Type != NotificationEvent && Type != SynchronizationEvent) {
        kmdfsim_verify_fail("INVALID_PARAMETER", "KeInitializeEvent", Event, "unknown EVENT_TYPE %d", (int)Type);
        return;
    }
    kmdfsim_dispatcher_lock();
    Event->Header.Type = Type == NotificationEvent ? EVENT_NOTIFICATION_OBJECT : EVENT_SYNCHRONIZATION_OBJECT;
    Event->Header.Signalling = 0;
    Event->Header.Size = KEVENT_SIZE_IN_LONGS;
    Event->Header.Reserved1 = 0;
    Event->Header.SignalState = State ? 1 : 0;
    InitializeListHead(&Event->Header.WaitListHead);
    kmdfsim_dispatcher_unlock();
}

/* Validates an event for DDI `where`; reports and returns FALSE when unusable. */
static BOOLEAN check_event(const KEVENT *event, const char *where)
{
    if (event == NULL) {
        kmdfsim_verify_fail("NULL_PARAMETER", where, NULL, "Event is NULL");
        return FALSE;
    }
    if (!event_is_initialized(event)) {
        kmdfsim_verify_fail("UNINITIALIZED_OBJECT", where, event, "the KEVENT was never initialized with KeInitializeEvent");
        return FALSE;
    }
    return TRUE;
}

LONG NTAPI KeSetEvent(PRKEVENT Event, KPRIORITY Increment, BOOLEAN Wait)
{
    (void)Increment;
    (void)Wait;
    if (!kmdfsim_irql_check_max(DISPATCH_LEVEL, "KeSetEvent") || !check_event(Event, "KeSetEvent"))
        return 0;
    kmdfsim_dispatcher_lock();
    LONG previous = Event->Header.SignalState;
    Event->Header.SignalState = 1;
    kmdfsim_dispatcher_wake_all();
    kmdfsim_dispatcher_unlock();
    return previous;
}

VOID NTAPI KeClearEvent(PRKEVENT Event)
{
    if (!check_event(Event, "KeClearEvent"))
        return;
    kmdfsim_dispatcher_lock();
    Event->Header.SignalState = 0;
    kmdfsim_dispatcher_unlock();
}

LONG NTAPI KeResetEvent(PRKEVENT Event)
{
    if (!kmdfsim_irql_check_max(DISPATCH_LEVEL, "KeResetEvent") || !check_event(Event, "KeResetEvent"))
        return 0;
    kmdfsim_dispatcher_lock();
    LONG previous = Event->Header.SignalState;
    Event->Header.SignalState = 0;
    kmdfsim_dispatcher_unlock();
    return previous;
}

LONG NTAPI KeReadStateEvent(PRKEVENT Event)
{
    if (!check_event(Event, "KeReadStateEvent"))
        return 0;
    kmdfsim_dispatcher_lock();
    LONG state = Event->Header.SignalState;
    kmdfsim_dispatcher_unlock();
    return state;
}

NTSTATUS NTAPI KeWaitForSingleObject(PVOID Object, KWAIT_REASON WaitReason, KPROCESSOR_MODE WaitMode, BOOLEAN Alertable,
                                     PLARGE_INTEGER Timeout)
{
    (void)WaitReason;
    (void)WaitMode;
    (void)Alertable;
    BOOLEAN poll;
    uint64_t deadline = kmdfsim_timeout_to_deadline(Timeout, &poll);
    /* A wait that can block needs IRQL <= APC_LEVEL; a zero timeout may poll at DISPATCH_LEVEL. */
    if (!kmdfsim_irql_check_max(poll ? DISPATCH_LEVEL : APC_LEVEL, "KeWaitForSingleObject"))
        return STATUS_INVALID_PARAMETER;
    PRKEVENT event = (PRKEVENT)Object;
    if (!check_event(event, "KeWaitForSingleObject"))
        return STATUS_INVALID_PARAMETER;

    NTSTATUS status = STATUS_TIMEOUT;
    kmdfsim_dispatcher_lock();
    for (;;) {
        if (event->Header.SignalState > 0) {
            if (event->Header.Type == EVENT_SYNCHRONIZATION_OBJECT)
                event->Header.SignalState = 0;
            status = STATUS_SUCCESS;
            break;
        }
        if (poll || !kmdfsim_dispatcher_wait(deadline))
            break;
    }
    kmdfsim_dispatcher_unlock();
    return status;
}

NTSTATUS NTAPI KeDelayExecutionThread(KPROCESSOR_MODE WaitMode, BOOLEAN Alertable, PLARGE_INTEGER Interval)
{
    (void)WaitMode;
    (void)Alertable;
    if (!kmdfsim_irql_check_max(APC_LEVEL, "KeDelayExecutionThread"))
        return STATUS_INVALID_PARAMETER;
    if (Interval == NULL) {
        kmdfsim_verify_fail("NULL_PARAMETER", "KeDelayExecutionThread", NULL, "Interval is NULL");
        return STATUS_INVALID_PARAMETER;
    }
    BOOLEAN poll;
    uint64_t deadline = kmdfsim_timeout_to_deadline(Interval, &poll);
    while (!poll && kmdfsim_monotonic_ns() < deadline) {
        uint64_t left_ms = (deadline - kmdfsim_monotonic_ns()) / 1000000u;
        kmdfsim_sleep_ms(left_ms > 1000 ? 1000u : (uint32_t)left_ms);
    }
    return STATUS_SUCCESS;
}

VOID NTAPI KeStallExecutionProcessor(ULONG MicroSeconds)
{
    uint64_t deadline = kmdfsim_monotonic_ns() + (uint64_t)MicroSeconds * 1000u;
    while (kmdfsim_monotonic_ns() < deadline) {
    }
}
