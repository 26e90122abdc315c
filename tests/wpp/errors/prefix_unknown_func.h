// begin_wpp config
// FUNC Trace(LEVEL, MSG, ...);
// USEPREFIX(Trce, "%!STDPREFIX!");
// end_wpp
