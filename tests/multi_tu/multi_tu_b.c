/* Second defining unit (C): same header, same definitions. */
#include <initguid.h>
#include "multi_tu_shared.h"

MULTI_TU_VIEW multi_tu_view_b(void)
{
    MULTI_TU_VIEW view;
    WDF_OBJECT_ATTRIBUTES attributes;

    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    WDF_OBJECT_ATTRIBUTES_SET_CONTEXT_TYPE(&attributes, MULTI_TU_CONTEXT);
    view.Guid = &MULTI_TU_GUID;
    view.TypeInfo = &_WDF_MULTI_TU_CONTEXT_TYPE_INFO;
    view.UniqueType = attributes.ContextTypeInfo;
    view.ContextSize = sizeof(MULTI_TU_CONTEXT);
    return view;
}
