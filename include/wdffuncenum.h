/*
 * wdffuncenum.h - structure-size helper (kmdfsim WDK surface).
 *
 * The WDK header also carries the DDI function-table indices; kmdfsim calls
 * DDIs directly, so only WDF_STRUCTURE_SIZE remains.
 */
#ifndef _WDFFUNCENUM_H_
#define _WDFFUNCENUM_H_

#include <wdftypes.h>

/*
 * The WDK reports an older size here when the driver was built against a
 * newer KMDF than the one running. kmdfsim is always "the same version", so
 * the value is sizeof.
 */
#define WDF_STRUCTURE_SIZE(_Struct) ((ULONG)sizeof(_Struct))

#endif /* _WDFFUNCENUM_H_ */
