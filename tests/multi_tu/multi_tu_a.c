/* First defining unit (C). */
#include <initguid.h>
#include "multi_tu_shared.h"

MULTI_TU_VIEW multi_tu_view_a(void)
{
    MULTI_TU_VIEW view;
    WDF_OBJECT_ATTRIBUTES attributes;

    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, MULTI_TU_CONTEXT);
    view.Guid = &MULTI_TU_GUID;
    view.TypeInfo = WDF_GET_CONTEXT_TYPE_INFO(MULTI_TU_CONTEXT);
    view.UniqueType = attributes.ContextTypeInfo;
    view.ContextSize = sizeof(MULTI_TU_CONTEXT);
    return view;
}
