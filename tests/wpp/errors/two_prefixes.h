// begin_wpp config
// FUNC Trace(LEVEL, MSG, ...);
// USEPREFIX(Trace, "a");
// USEPREFIX(Trace, "b");
// end_wpp
