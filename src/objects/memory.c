/*
 * memory.c - WDFMEMORY: a buffer owned by a framework object.
 *
 * WdfMemoryCreate takes the buffer from the pool with the driver's tag, so
 * it shows up in pool accounting; deleting the object frees it. A
 * preallocated memory object wraps the driver's own buffer and never frees
 * it.
 */
#include "objects/memory.h"

#include "kernel/irql.h"
#include "verifier/verifier_internal.h"

#include <string.h>

/* KMDF's tag for memory objects created without one. */
#define DEFAULT_MEMORY_TAG 0x4D646657u /* 'MdfW' */

static void memory_destroy(kmdfsim_object *object)
{
    kmdfsim_memory *memory = (kmdfsim_memory *)object;
    if (memory->owns_buffer && memory->buffer != NULL)
        ExFreePoolWithTag(memory->buffer, memory->tag);
    memory->buffer = NULL;
}

static const kmdfsim_object_class g_memory_class = {KMDFSIM_KIND_MEMORY, "WDFMEMORY", TRUE, NULL, memory_destroy};

NTSTATUS kmdfsim_memory_create(PWDF_OBJECT_ATTRIBUTES attributes, POOL_TYPE pool_type, ULONG tag, size_t size,
                               const char *ddi, kmdfsim_memory **memory_out)
{
    *memory_out = NULL;
    if (size == 0)
        return STATUS_INVALID_PARAMETER;
    kmdfsim_object *object;
    NTSTATUS status = kmdfsim_object_create_child(&g_memory_class, sizeof(kmdfsim_memory), attributes, ddi, &object);
    if (!NT_SUCCESS(status))
        return status;
    kmdfsim_memory *memory = (kmdfsim_memory *)object;
    memory->tag = tag != 0 ? tag : DEFAULT_MEMORY_TAG;
    memory->buffer = ExAllocatePoolWithTag(pool_type, size, memory->tag);
    if (memory->buffer == NULL) {
        kmdfsim_object_delete(object);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    memory->size = size;
    memory->owns_buffer = TRUE;
    *memory_out = memory;
    return STATUS_SUCCESS;
}

NTSTATUS WdfMemoryCreate(PWDF_OBJECT_ATTRIBUTES Attributes, POOL_TYPE PoolType, ULONG PoolTag, size_t BufferSize,
                         WDFMEMORY *Memory, PVOID *Buffer)
{
    if (!kmdfsim_irql_check_max(pool_type_max_irql(PoolType), "WdfMemoryCreate"))
        return STATUS_INVALID_DEVICE_REQUEST;
    if (Memory == NULL) {
        kmdfsim_verify_fail("NULL_PARAMETER", "WdfMemoryCreate", NULL, "Memory is NULL");
        return STATUS_INVALID_PARAMETER;
    }
    *Memory = NULL;
    kmdfsim_memory *memory;
    NTSTATUS status = kmdfsim_memory_create(Attributes, PoolType, PoolTag, BufferSize, "WdfMemoryCreate", &memory);
    if (!NT_SUCCESS(status))
        return status;
    *Memory = (WDFMEMORY)memory->object.handle;
    if (Buffer != NULL)
        *Buffer = memory->buffer;
    return STATUS_SUCCESS;
}

NTSTATUS WdfMemoryCreatePreallocated(PWDF_OBJECT_ATTRIBUTES Attributes, PVOID Buffer, size_t BufferSize,
                                     WDFMEMORY *Memory)
{
    if (Memory == NULL || Buffer == NULL) {
        kmdfsim_verify_fail("NULL_PARAMETER", "WdfMemoryCreatePreallocated", NULL, "%s is NULL",
                            Memory == NULL ? "Memory" : "Buffer");
        return STATUS_INVALID_PARAMETER;
    }
    *Memory = NULL;
    if (BufferSize == 0)
        return STATUS_INVALID_PARAMETER;
    kmdfsim_object *object;
    NTSTATUS status = kmdfsim_object_create_child(&g_memory_class, sizeof(kmdfsim_memory), Attributes,
                                                  "WdfMemoryCreatePreallocated", &object);
    if (!NT_SUCCESS(status))
        return status;
    kmdfsim_memory *memory = (kmdfsim_memory *)object;
    memory->buffer = Buffer;
    memory->size = BufferSize;
    *Memory = (WDFMEMORY)object->handle;
    return STATUS_SUCCESS;
}

static kmdfsim_memory *memory_from_handle(WDFMEMORY handle, const char *ddi)
{
    if (!kmdfsim_irql_check_max(DISPATCH_LEVEL, ddi))
        return NULL;
    return (kmdfsim_memory *)kmdfsim_object_from_handle((WDFOBJECT)handle, KMDFSIM_KIND_MEMORY, ddi);
}

PVOID WdfMemoryGetBuffer(WDFMEMORY Memory, size_t *BufferSize)
{
    kmdfsim_memory *memory = memory_from_handle(Memory, "WdfMemoryGetBuffer");
    if (memory == NULL) {
        if (BufferSize != NULL)
            *BufferSize = 0;
        return NULL;
    }
    if (BufferSize != NULL)
        *BufferSize = memory->size;
    return memory->buffer;
}

NTSTATUS WdfMemoryAssignBuffer(WDFMEMORY Memory, PVOID Buffer, size_t BufferSize)
{
    kmdfsim_memory *memory = memory_from_handle(Memory, "WdfMemoryAssignBuffer");
    if (memory == NULL)
        return STATUS_INVALID_HANDLE;
    if (memory->owns_buffer) {
        kmdfsim_verify_fail("INVALID_OBJECT_STATE", "WdfMemoryAssignBuffer", Memory,
                            "only memory created by WdfMemoryCreatePreallocated can be given another buffer");
        return STATUS_INVALID_DEVICE_REQUEST;
    }
    if (Buffer == NULL || BufferSize == 0)
        return STATUS_INVALID_PARAMETER;
    memory->buffer = Buffer;
    memory->size = BufferSize;
    return STATUS_SUCCESS;
}

NTSTATUS WdfMemoryCopyToBuffer(WDFMEMORY SourceMemory, size_t SourceOffset, PVOID Buffer, size_t NumBytesToCopyTo)
{
    kmdfsim_memory *memory = memory_from_handle(SourceMemory, "WdfMemoryCopyToBuffer");
    if (memory == NULL)
        return STATUS_INVALID_HANDLE;
    if (Buffer == NULL)
        return STATUS_INVALID_PARAMETER;
    if (SourceOffset > memory->size || NumBytesToCopyTo > memory->size - SourceOffset)
        return STATUS_BUFFER_TOO_SMALL;
    memcpy(Buffer, (unsigned char *)memory->buffer + SourceOffset, NumBytesToCopyTo);
    return STATUS_SUCCESS;
}

NTSTATUS WdfMemoryCopyFromBuffer(WDFMEMORY DestinationMemory, size_t DestinationOffset, PVOID Buffer,
                                 size_t NumBytesToCopyFrom)
{
    kmdfsim_memory *memory = memory_from_handle(DestinationMemory, "WdfMemoryCopyFromBuffer");
    if (memory == NULL)
        return STATUS_INVALID_HANDLE;
    if (Buffer == NULL)
        return STATUS_INVALID_PARAMETER;
    if (DestinationOffset > memory->size || NumBytesToCopyFrom > memory->size - DestinationOffset)
        return STATUS_BUFFER_TOO_SMALL;
    memcpy((unsigned char *)memory->buffer + DestinationOffset, Buffer, NumBytesToCopyFrom);
    return STATUS_SUCCESS;
}
