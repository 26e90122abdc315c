// begin_wpp config
// FUNC Trace{LEVEL=TRACE_LEVEL_ERROR}(LEVEL, MSG, ...);
// end_wpp
