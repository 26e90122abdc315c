// begin_wpp config
// FUNC Trace(LEVEL, MSG, ...);
