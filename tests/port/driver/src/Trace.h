/*
 * Trace.h - WPP configuration of the Firefly driver (the sources include it
 * as "trace.h"). RETURN_IF_FAILED logs and returns a failed status from the
 * calling function through its PRE/POST macros.
 */
#ifndef FIREFLY_TRACE_H
#define FIREFLY_TRACE_H

#define WPP_CONTROL_GUIDS                                                           \
    WPP_DEFINE_CONTROL_GUID(FireflyTraceGuid, (5a2e8b5c, 4f4b, 4c2a, 9d3e, 1b2c3d4e5f60), \
                            WPP_DEFINE_BIT(TRACE_DRIVER)                            \
                            WPP_DEFINE_BIT(TRACE_DEVICE)                            \
                            WPP_DEFINE_BIT(TRACE_WMI))

#define WPP_LEVEL_FLAGS_LOGGER(lvl, flags) WPP_LEVEL_LOGGER(flags)
#define WPP_LEVEL_FLAGS_ENABLED(lvl, flags) (WPP_LEVEL_ENABLED(flags) && WPP_CONTROL(WPP_BIT_##flags).Level >= lvl)

#define WPP_LEVEL_FLAGS_STATUS_PRE(LEVEL, FLAGS, STATUS) \
    {                                                    \
        NTSTATUS returnStatus = (STATUS);                \
        if (!NT_SUCCESS(returnStatus)) {
#define WPP_LEVEL_FLAGS_STATUS_POST(LEVEL, FLAGS, STATUS) \
    ;                                                     \
    return returnStatus;                                  \
    }                                                     \
    }
#define WPP_LEVEL_FLAGS_STATUS_ENABLED(LEVEL, FLAGS, STATUS) WPP_LEVEL_FLAGS_ENABLED(LEVEL, FLAGS)
#define WPP_LEVEL_FLAGS_STATUS_LOGGER(LEVEL, FLAGS, STATUS) WPP_LEVEL_LOGGER(FLAGS)

//
// begin_wpp config
// FUNC TraceEvents(LEVEL, FLAGS, MSG, ...);
// FUNC RETURN_IF_FAILED{LEVEL=TRACE_LEVEL_ERROR, FLAGS=TRACE_WMI}(STATUS, MSG, ...);
// USESUFFIX(RETURN_IF_FAILED, ": %!STATUS!", returnStatus);
// end_wpp
//

#endif
