// begin_wpp config
// FUNC Trace(LEVEL, MSG, ...)
// FUNC Other(LEVEL, MSG, ...);
// end_wpp
