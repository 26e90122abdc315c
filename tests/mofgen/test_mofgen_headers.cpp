// test_mofgen_headers.cpp - the golden generated headers compile as C++ too
// (drivers written in C++ include them), with the same layout as in C.
#include <ntddk.h>

#include "embedded.h"
#include "events.h"
#include "methods.h"
#include "scalars.h"
#include "variable.h"

#include <cstddef>

static_assert(sizeof(KS_POINT) == 8, "KS_POINT");
static_assert(offsetof(KsShape, Tagged) == 40, "KsShape.Tagged");
static_assert(KS_SHAPE_EX_SIZE == 58, "KS_SHAPE_EX_SIZE");
static_assert(SetColor == 1 && KsRename == 4, "method ids");

extern "C" int mofgen_headers_cpp_check(void);

extern "C" int mofgen_headers_cpp_check(void)
{
    const GUID g = KsControlGuid;
    int failures = 0;
    failures += g.Data1 != 0x92a3b4c5u;
    failures += offsetof(KsVariable, VariableData) != 4;
    failures += KsScalars_MacAddress_SIZE != 6;
    return failures;
}
