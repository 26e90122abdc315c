/*
 * wmium_notify.c - WmiNotificationRegistration{A,W}.
 *
 * Only NOTIFICATION_CALLBACK_DIRECT delivery exists in kmdfsim (other
 * delivery modes, and NOTIFICATION_TRACE_FLAG, give ERROR_NOT_SUPPORTED).
 * Enable adds the callback at the tail of the GUID's subscribers (the GUID
 * need not be registered yet: providers that register it later get
 * IRP_MN_ENABLE_EVENTS then); the same callback and context twice gives
 * ERROR_WMI_ALREADY_ENABLED. Disable removes the GUID's subscription with
 * that callback and context, else its first one with that callback (its
 * first one with any callback when DeliveryInfo is NULL);
 * ERROR_WMI_ALREADY_DISABLED when there is none. See events.c for what the
 * callback receives and when.
 */
#include "client/wmi_client.h"

#include <string.h>

static NOTIFICATIONCALLBACK callback_of(PVOID delivery_info)
{
    /* DeliveryInfo carries a function pointer in a PVOID, as on Windows. */
    NOTIFICATIONCALLBACK callback;
    _Static_assert(sizeof(callback) == sizeof(delivery_info), "function and data pointers differ in size");
    memcpy(&callback, &delivery_info, sizeof(callback));
    return callback;
}

static ULONG registration(LPGUID guid, BOOLEAN enable, PVOID delivery_info, ULONG_PTR context, ULONG flags,
                          kmdfsim_wmik_sub_kind kind)
{
    if (guid == NULL)
        return kmdfsim_wmik_win32_result(STATUS_INVALID_PARAMETER);
    if (!enable) {
        NOTIFICATIONCALLBACK callback = delivery_info != NULL ? callback_of(delivery_info) : NULL;
        NTSTATUS status = STATUS_WMI_ALREADY_DISABLED;
        if (callback != NULL) {
            status = kmdfsim_wmik_unsubscribe_user(guid, callback, context);
        } else {
            /* No callback named: the GUID's first user subscription, whatever its callback. */
            kmdfsim_wmik_lock();
            kmdfsim_wmik_guid *e = kmdfsim_wmik_guid_find(guid);
            for (kmdfsim_wmik_subscription *s = e != NULL ? e->subscribers : NULL; s != NULL; s = s->next) {
                if (s->kind != KMDFSIM_WMIK_SUB_KERNEL) {
                    callback = s->callback.user;
                    break;
                }
            }
            kmdfsim_wmik_unlock();
            if (callback != NULL)
                status = kmdfsim_wmik_unsubscribe_user(guid, callback, context);
        }
        return kmdfsim_wmik_win32_result(status);
    }
    if ((flags & NOTIFICATION_CALLBACK_DIRECT) == 0 || (flags & NOTIFICATION_TRACE_FLAG) != 0)
        return kmdfsim_wmik_win32_result(STATUS_NOT_SUPPORTED);
    if (delivery_info == NULL)
        return kmdfsim_wmik_win32_result(STATUS_INVALID_PARAMETER);
    kmdfsim_wmik_subscription model;
    memset(&model, 0, sizeof(model));
    model.kind = kind;
    model.callback.user = callback_of(delivery_info);
    model.user_context = context;
    kmdfsim_wmik_subscription *subscription = NULL;
    return kmdfsim_wmik_win32_result(kmdfsim_wmik_subscribe(guid, &model, &subscription));
}

ULONG WMIAPI WmiNotificationRegistrationA(LPGUID Guid, BOOLEAN Enable, PVOID DeliveryInfo, ULONG_PTR DeliveryContext,
                                          ULONG Flags)
{
    return registration(Guid, Enable, DeliveryInfo, DeliveryContext, Flags, KMDFSIM_WMIK_SUB_USER_A);
}

ULONG WMIAPI WmiNotificationRegistrationW(LPGUID Guid, BOOLEAN Enable, PVOID DeliveryInfo, ULONG_PTR DeliveryContext,
                                          ULONG Flags)
{
    return registration(Guid, Enable, DeliveryInfo, DeliveryContext, Flags, KMDFSIM_WMIK_SUB_USER_W);
}
