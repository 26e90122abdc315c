/*
 * driverspecs.h - driver-specific SAL markers (kmdfsim WDK surface).
 *
 * The IRQL and "__drv_*" annotations only feed the WDK's static analysis, so
 * every one expands to nothing. kmdfsim checks IRQL at run time instead (see
 * KeGetCurrentIrql in wdm.h).
 */
#ifndef KMDFSIM_DRIVERSPECS_H_
#define KMDFSIM_DRIVERSPECS_H_
#include <sal.h>

#define _IRQL_requires_(irql)
#define _IRQL_requires_max_(irql)
#define _IRQL_requires_min_(irql)
#define _IRQL_requires_same_
#define _IRQL_raises_(irql)
#define _IRQL_saves_
#define _IRQL_restores_
#define _IRQL_saves_global_(kind, param)
#define _IRQL_restores_global_(kind, param)
#define _IRQL_always_function_max_(irql)
#define _IRQL_always_function_min_(irql)
#define _IRQL_uses_cancel_
#define _IRQL_is_cancel_
#define _IRQL_limited_to_(irql)
#define _IRQL_lowers_(irql)
#define _Kernel_requires_resource_not_held_(r)
#define _Must_inspect_result_
#define _Drv_aliasesMem_
#define _When_(c, a)

#define __drv_aliasesMem
#define __drv_allocatesMem(kind)
#define __drv_freesMem(kind)
#define __drv_arg(e, a)
#define __drv_at(e, a)
#define __drv_when(c, a)
#define __drv_maxIRQL(i)
#define __drv_minIRQL(i)
#define __drv_requiresIRQL(i)
#define __drv_setsIRQL(i)
#define __drv_raisesIRQL(i)
#define __drv_savesIRQL
#define __drv_restoresIRQL
#define __drv_savesIRQLGlobal(k, p)
#define __drv_restoresIRQLGlobal(k, p)
#define __drv_sameIRQL
#define __drv_useCancelIRQL
#define __drv_dispatchType(t)
#define __drv_dispatchType_other
#define __drv_functionClass(c)
#define __drv_strictType(t, m)
#define __drv_strictTypeMatch(m)
#define __drv_inTry
#define __drv_notInTry
#define __drv_valueIs(v)
#define __drv_preferredFunction(f, r)
#define __drv_reportError(e)
#define __drv_acquiresResource(k)
#define __drv_releasesResource(k)
#define __drv_mustHold(k)
#define __drv_neverHold(k)
#define __drv_clearDoInit(y)
#define __drv_floatUsed
#define __drv_floatSaved
#define __drv_floatRestored
#define __drv_isObjectPointer
#define __drv_nonConstant
#define __drv_constant
#define __drv_formatString(k)
#define __drv_out(a)
#define __drv_in(a)
#define __drv_deref(a)
#define __drv_interlocked
#define __drv_when(c, a)
#define __drv_requiresIRQL(i)

#endif /* KMDFSIM_DRIVERSPECS_H_ */
