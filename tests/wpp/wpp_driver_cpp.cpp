// wpp_driver_cpp.cpp - the same trace header and .tmh in a C++ driver source.
#include "wpp_driver.h"

#if defined(EVENT_TRACING)
#include "wpp_driver_cpp.tmh"
#endif

void KsWppFromCpp(ULONG Value)
{
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DEVICE, "from C++ %u %!STATUS!", Value, STATUS_SUCCESS);
}
