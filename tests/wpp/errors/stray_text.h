// begin_wpp config
// This block holds the trace functions.
// FUNC Trace(LEVEL, MSG, ...);
// end_wpp
