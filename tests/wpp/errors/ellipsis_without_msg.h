// begin_wpp config
// FUNC Trace(LEVEL, ...);
// end_wpp
