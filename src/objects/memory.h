/* memory.h - WDFMEMORY internals, shared with the DDIs that return memory objects. */
#ifndef KMDFSIM_OBJECTS_MEMORY_H_
#define KMDFSIM_OBJECTS_MEMORY_H_

#include "objects/object.h"

typedef struct kmdfsim_memory {
    kmdfsim_object object;
    void *buffer;
    size_t size;
    ULONG tag;
    BOOLEAN owns_buffer; /* FALSE for WdfMemoryCreatePreallocated */
} kmdfsim_memory;

/* Paged pool may be used up to APC_LEVEL, nonpaged up to DISPATCH_LEVEL. */
#define pool_type_max_irql(type) ((((ULONG)(type)) & 1u) ? APC_LEVEL : DISPATCH_LEVEL)

/*
 * Creates a memory object with a pool buffer of `size` bytes (zero is
 * STATUS_INVALID_PARAMETER) under the usual parent rules; the buffer is
 * freed when the object is destroyed.
 */
NTSTATUS kmdfsim_memory_create(PWDF_OBJECT_ATTRIBUTES attributes, POOL_TYPE pool_type, ULONG tag, size_t size,
                               const char *ddi, kmdfsim_memory **memory_out);

#endif /* KMDFSIM_OBJECTS_MEMORY_H_ */
