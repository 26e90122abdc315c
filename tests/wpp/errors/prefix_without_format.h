// begin_wpp config
// FUNC Trace(LEVEL, MSG, ...);
// USESUFFIX(Trace, hr);
// end_wpp
