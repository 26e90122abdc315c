/*
 * trace.h - WPP tracing configuration for the thermal sensor driver.
 */
#pragma once

#define WPP_CONTROL_GUIDS                                                   \
    WPP_DEFINE_CONTROL_GUID(ThermalTraceGuid,                               \
        (6C2B8D1E, 4A7F, 4E2B, 9C3D, 1F0A5B7E2D40),                         \
        WPP_DEFINE_BIT(TRACE_DRIVER)                                        \
        WPP_DEFINE_BIT(TRACE_DEVICE)                                        \
        WPP_DEFINE_BIT(TRACE_WMI))

#define WPP_FLAG_LEVEL_LOGGER(flag, level) WPP_LEVEL_LOGGER(flag)
#define WPP_FLAG_LEVEL_ENABLED(flag, level) \
    (WPP_LEVEL_ENABLED(flag) && WPP_CONTROL(WPP_BIT_##flag).Level >= level)

#define WPP_LEVEL_FLAGS_LOGGER(lvl, flags) WPP_LEVEL_LOGGER(flags)
#define WPP_LEVEL_FLAGS_ENABLED(lvl, flags) \
    (WPP_LEVEL_ENABLED(flags) && WPP_CONTROL(WPP_BIT_##flags).Level >= lvl)

//
// TraceReturnIfFailed traces and returns from the calling function when
// STATUS is a failure; otherwise it does nothing.
//
#define WPP_LEVEL_FLAGS_STATUS_LOGGER(lvl, flags, status) WPP_LEVEL_LOGGER(flags)
#define WPP_LEVEL_FLAGS_STATUS_ENABLED(lvl, flags, status) \
    (WPP_LEVEL_ENABLED(flags) && WPP_CONTROL(WPP_BIT_##flags).Level >= lvl)
#define WPP_LEVEL_FLAGS_STATUS_PRE(lvl, flags, status) if (!NT_SUCCESS(status)) {
#define WPP_LEVEL_FLAGS_STATUS_POST(lvl, flags, status) ; return status; }

//
// begin_wpp config
// FUNC TraceEvents(LEVEL, FLAGS, MSG, ...);
// FUNC TraceReturnIfFailed{LEVEL=TRACE_LEVEL_ERROR, FLAGS=TRACE_WMI}(STATUS, MSG, ...);
// USEPREFIX(TraceReturnIfFailed, "%!STDPREFIX! %!FUNC!: ");
// end_wpp
//
