/* Win32 threads behind kmdfsim_thread (_beginthreadex, so the CRT is set up). */
#include "platform.h"

#include <process.h>
#include <stdlib.h>
#include <windows.h>

_Static_assert(sizeof(HANDLE) <= sizeof(((kmdfsim_thread *)0)->storage), "kmdfsim_thread storage too small");

struct start_block {
    kmdfsim_thread_fn fn;
    void *arg;
};

static unsigned __stdcall trampoline(void *p)
{
    struct start_block block = *(struct start_block *)p;
    free(p);
    block.fn(block.arg);
    return 0;
}

int kmdfsim_thread_create(kmdfsim_thread *thread, kmdfsim_thread_fn fn, void *arg)
{
    struct start_block *block = malloc(sizeof(*block));
    if (block == NULL)
        return -1;
    block->fn = fn;
    block->arg = arg;
    uintptr_t handle = _beginthreadex(NULL, 0, trampoline, block, 0, NULL);
    if (handle == 0) {
        free(block);
        return -1;
    }
    *(HANDLE *)(void *)thread->storage.bytes = (HANDLE)handle;
    return 0;
}

void kmdfsim_thread_join(kmdfsim_thread *thread)
{
    HANDLE handle = *(HANDLE *)(void *)thread->storage.bytes;
    WaitForSingleObject(handle, INFINITE);
    CloseHandle(handle);
}

uint64_t kmdfsim_thread_self_id(void)
{
    static volatile LONG64 next_id;
    static KMDFSIM_THREAD_LOCAL uint64_t self_id;
    if (self_id == 0)
        self_id = (uint64_t)InterlockedIncrement64(&next_id);
    return self_id;
}

void kmdfsim_sleep_ms(uint32_t ms) { Sleep(ms); }
