/* version.h - reached from inc/public.h as "..\Common\Version.h". */
#ifndef FIREFLY_VERSION_H
#define FIREFLY_VERSION_H

#define FIREFLY_MODEL_NAME L"Firefly Mk II"
#define FIREFLY_VERSION 0x0201

#endif
