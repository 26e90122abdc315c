/*
 * initguid.h - switches DEFINE_GUID from declaring to defining (kmdfsim WDK
 * surface). Include it before the headers whose GUIDs this translation unit
 * should define; the definitions are selectany/weak, so several translation
 * units may do so.
 */
#ifndef INITGUID
#define INITGUID
#endif
#include <guiddef.h>
