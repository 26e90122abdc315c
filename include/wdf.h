/*
 * wdf.h - the KMDF umbrella header (kmdfsim WDK surface, KMDF 1.33).
 *
 * Drivers include <ntddk.h> then <wdf.h>; <wdf.h> alone works as well, since
 * wdftypes.h pulls in the DDK base layer.
 */
#ifndef _WDF_H_
#define _WDF_H_

#include <ntddk.h>

#include <wdftypes.h>
#include <wdfglobals.h>
#include <wdffuncenum.h>
#include <wdfstatus.h>
#include <wdfcore.h>
#include <wdfobject.h>
#include <wdfdriver.h>
#include <wdfassert.h>
#include <wdfsync.h>
#include <wdfmemory.h>
#include <wdfrequest.h>
#include <wdfio.h>
#include <wdfdevice.h>
#include <wdfchildlist.h>
#include <wdftimer.h>
#include <wdfworkitem.h>
#include <wdfresource.h>
#include <wdfinterrupt.h>
#include <wdfdmaenabler.h>
#include <wdfwmi.h>

/*
 * The rest of the WDK's wdf*.h family, for whichever of them this surface
 * provides (wdfusb.h stays out: the WDK does not include it here either).
 */
#if defined(__has_include)
#if __has_include(<wdfbugcodes.h>)
#include <wdfbugcodes.h>
#endif
#if __has_include(<wdfverifier.h>)
#include <wdfverifier.h>
#endif
#if __has_include(<wdfpool.h>)
#include <wdfpool.h>
#endif
#if __has_include(<wdfcontrol.h>)
#include <wdfcontrol.h>
#endif
#if __has_include(<wdffdo.h>)
#include <wdffdo.h>
#endif
#if __has_include(<wdfpdo.h>)
#include <wdfpdo.h>
#endif
#if __has_include(<wdfqueryinterface.h>)
#include <wdfqueryinterface.h>
#endif
#if __has_include(<wdfregistry.h>)
#include <wdfregistry.h>
#endif
#if __has_include(<wdfstring.h>)
#include <wdfstring.h>
#endif
#if __has_include(<wdfcollection.h>)
#include <wdfcollection.h>
#endif
#if __has_include(<wdfdpc.h>)
#include <wdfdpc.h>
#endif
#if __has_include(<wdffileobject.h>)
#include <wdffileobject.h>
#endif
#if __has_include(<wdfiotarget.h>)
#include <wdfiotarget.h>
#endif
#if __has_include(<wdfcommonbuffer.h>)
#include <wdfcommonbuffer.h>
#endif
#if __has_include(<wdfdmatransaction.h>)
#include <wdfdmatransaction.h>
#endif
#if __has_include(<wdfhwaccess.h>)
#include <wdfhwaccess.h>
#endif
#endif

#endif /* _WDF_H_ */
