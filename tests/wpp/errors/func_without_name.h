// begin_wpp config
// FUNC (LEVEL, MSG, ...);
// end_wpp
