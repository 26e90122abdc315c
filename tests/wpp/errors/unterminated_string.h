/*
 begin_wpp config
 FUNC Trace(LEVEL, MSG, ...);
 USEPREFIX(Trace, "%!STDPREFIX!);
 end_wpp
*/
