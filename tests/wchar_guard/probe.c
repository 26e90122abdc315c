/* Compiled WITHOUT -fshort-wchar on purpose: ntdef.h must refuse, naming the fix. */
#include <ntddk.h>

int probe(void) { return (int)sizeof(WCHAR); }
