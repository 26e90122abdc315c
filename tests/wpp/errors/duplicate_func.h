// begin_wpp config
// FUNC Trace(LEVEL, MSG, ...);
// FUNC Trace(FLAGS, MSG, ...);
// end_wpp
