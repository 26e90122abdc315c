/* specstrings.h - kmdfsim WDK surface: SAL markers live in sal.h. */
#ifndef KMDFSIM_SPECSTRINGS_H_
#define KMDFSIM_SPECSTRINGS_H_
#include <sal.h>
#endif
