/*
 * trace.h - a driver-style WPP trace header for the WPP shim tests: control
 * GUIDs and flag bits, the ENABLED/LOGGER macros of the KMDF template, and
 * trace functions whose PRE/POST macros change control flow.
 */
#ifndef KS_WPP_TRACE_H
#define KS_WPP_TRACE_H

#define WPP_CONTROL_GUIDS                                                          \
    WPP_DEFINE_CONTROL_GUID(KsWppTraceGuid, (d58c126f, b309, 11d1, 969e, 0000f875a5bc), \
                            WPP_DEFINE_BIT(TRACE_DRIVER) /* 0x1 */                 \
                            WPP_DEFINE_BIT(TRACE_DEVICE) /* 0x2 */                 \
                            WPP_DEFINE_BIT(TRACE_WMI)    /* 0x4 */                 \
                            )                                                      \
    WPP_DEFINE_CONTROL_GUID(KsWppOtherGuid, (e1a7c6b0, 1111, 4222, 8333, 444455556666), \
                            WPP_DEFINE_BIT(OTHER_ONE)                              \
                            WPP_DEFINE_BIT(OTHER_TWO))

/* The KMDF template's level + flags conditions. */
#define WPP_LEVEL_FLAGS_LOGGER(lvl, flags) WPP_LEVEL_LOGGER(flags)
#define WPP_LEVEL_FLAGS_ENABLED(lvl, flags) (WPP_LEVEL_ENABLED(flags) && WPP_CONTROL(WPP_BIT_##flags).Level >= lvl)
#define WPP_FLAG_LEVEL_LOGGER(flag, level) WPP_LEVEL_LOGGER(flag)
#define WPP_FLAG_LEVEL_ENABLED(flag, level) (WPP_LEVEL_ENABLED(flag) && WPP_CONTROL(WPP_BIT_##flag).Level >= level)

/* "Return if failed": logs and returns the failed status from the calling function. */
#define WPP_LEVEL_FLAGS_STATUS_PRE(LEVEL, FLAGS, STATUS) \
    {                                                    \
        NTSTATUS status_ = (STATUS);                     \
        if (!NT_SUCCESS(status_)) {
#define WPP_LEVEL_FLAGS_STATUS_POST(LEVEL, FLAGS, STATUS) \
    ;                                                     \
    return status_;                                       \
    }                                                     \
    }
#define WPP_LEVEL_FLAGS_STATUS_ENABLED(LEVEL, FLAGS, STATUS) WPP_LEVEL_FLAGS_ENABLED(LEVEL, FLAGS)
#define WPP_LEVEL_FLAGS_STATUS_LOGGER(LEVEL, FLAGS, STATUS) WPP_LEVEL_LOGGER(FLAGS)

/* The WDK documentation's Trace-If example: LEVEL names a flag, no message. */
#define WPP_LEVEL_EXP_PRE(LEVEL, HR) {if (!NT_SUCCESS(HR)) {
#define WPP_LEVEL_EXP_POST(LEVEL, HR) ;}}
#define WPP_LEVEL_EXP_ENABLED(LEVEL, HR) WPP_LEVEL_ENABLED(LEVEL)
#define WPP_LEVEL_EXP_LOGGER(LEVEL, HR) WPP_LEVEL_LOGGER(LEVEL)

/* "Exit if failed": jumps to the function's Exit label. */
#define WPP_LEVEL_FLAGS_HR_PRE(LEVEL, FLAGS, HR) \
    {                                            \
        NTSTATUS hr_ = (HR);                     \
        if (!NT_SUCCESS(hr_)) {
#define WPP_LEVEL_FLAGS_HR_POST(LEVEL, FLAGS, HR) \
    ;                                             \
    goto Exit;                                    \
    }                                             \
    }
#define WPP_LEVEL_FLAGS_HR_ENABLED(LEVEL, FLAGS, HR) WPP_LEVEL_FLAGS_ENABLED(LEVEL, FLAGS)
#define WPP_LEVEL_FLAGS_HR_LOGGER(LEVEL, FLAGS, HR) WPP_LEVEL_LOGGER(FLAGS)

/* A recorder log handle as a condition (IFR-style trace function). */
#define WPP_IFRLOG_LEVEL_FLAGS_ENABLED(IFRLOG, LEVEL, FLAGS) WPP_LEVEL_FLAGS_ENABLED(LEVEL, FLAGS)
#define WPP_IFRLOG_LEVEL_FLAGS_LOGGER(IFRLOG, LEVEL, FLAGS) WPP_LEVEL_LOGGER(FLAGS)
#define WPP_IFRLOG_LEVEL_FLAGS_PRE(IFRLOG, LEVEL, FLAGS) KsWppLogUsed = (IFRLOG);

/* The template's reordering for the recorder (unused by kmdfsim, must compile). */
#define WPP_RECORDER_FLAGS_LEVEL_ARGS(flags, lvl) WPP_RECORDER_LEVEL_FLAGS_ARGS(lvl, flags)
#define WPP_RECORDER_FLAGS_LEVEL_FILTER(flags, lvl) WPP_RECORDER_LEVEL_FLAGS_FILTER(lvl, flags)

//
// begin_wpp config
// FUNC Trace{FLAG=TRACE_DRIVER}(LEVEL, MSG, ...);
// FUNC TraceEvents(LEVEL, FLAGS, MSG, ...);
// USEPREFIX(TraceEvents, "%!STDPREFIX!");
// FUNC TRACE_RETURN_IF_FAILED{LEVEL=TRACE_LEVEL_ERROR, FLAGS=TRACE_WMI}(STATUS, MSG, ...);
// USESUFFIX(TRACE_RETURN_IF_FAILED, " failed with %!STATUS!", status_);
// FUNC TRACE_RETURN{LEVEL=TRACE_DEVICE}(EXP);
// USESUFFIX (TRACE_RETURN, "Function Return=%!STATUS!", EXP);
// end_wpp
//

/*
 * A second configuration block in a block comment:
 *
 * begin_wpp config
 * FUNC EXIT_IF_FAILED{LEVEL=TRACE_LEVEL_WARNING, FLAGS=TRACE_DEVICE}(HR, MSG, ...);
 * FUNC TraceLog(IFRLOG, LEVEL, FLAGS, MSG, ...);
 * FUNC TraceOther{LEVEL=TRACE_LEVEL_INFORMATION, FLAGS=OTHER_TWO}(MSG, ...);
 * CUSTOM_TYPE(KSCOLOR, ItemEnum(KS_COLOR));
 * end_wpp
 */

#endif /* KS_WPP_TRACE_H */
