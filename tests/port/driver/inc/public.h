/*
 * public.h - what the Firefly driver shares with its applications. The
 * driver's sources include it as "..\inc\Public.h" and "../Inc/public.h";
 * it includes its neighbour the MSVC way.
 */
#ifndef FIREFLY_PUBLIC_H
#define FIREFLY_PUBLIC_H

#include "..\Common\Version.h"

#define FIREFLY_DEFAULT_COLOR 0x00FFAA00u
#define FIREFLY_MAX_COLOR 0x00FFFFFFu

#endif
