// begin_wpp config
// FUNC Trace(LEVEL, MSG, FLAGS);
// end_wpp
