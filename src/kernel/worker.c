/*
 * worker.c - one system worker thread and its FIFO.
 *
 * The thread starts on first use and lives as long as the process (a system
 * thread does too); items run at PASSIVE_LEVEL with no kmdfsim lock held.
 */
#include "kernel/worker.h"

#include "platform/platform.h"

#include <stdlib.h>

typedef struct work_item {
    kmdfsim_work_fn fn;
    void *context;
    struct work_item *next;
} work_item;

static kmdfsim_static_mutex g_lock;
static kmdfsim_cond g_wake;      /* new item, or an item finished */
static int g_started;
static kmdfsim_thread g_thread;
static work_item *g_head;
static work_item *g_tail;
static unsigned long long g_queued;   /* items ever queued */
static unsigned long long g_finished; /* items ever finished */

static void worker_main(void *unused)
{
    (void)unused;
    kmdfsim_mutex *lock = kmdfsim_static_mutex_get(&g_lock);
    kmdfsim_mutex_lock(lock);
    for (;;) {
        while (g_head == NULL)
            kmdfsim_cond_wait(&g_wake, lock);
        work_item *item = g_head;
        g_head = item->next;
        if (g_head == NULL)
            g_tail = NULL;
        kmdfsim_mutex_unlock(lock);
        item->fn(item->context);
        free(item);
        kmdfsim_mutex_lock(lock);
        g_finished++;
        kmdfsim_cond_broadcast(&g_wake);
    }
}

int kmdfsim_worker_queue(kmdfsim_work_fn fn, void *context)
{
    work_item *item = malloc(sizeof(*item));
    if (item == NULL)
        return -1;
    item->fn = fn;
    item->context = context;
    item->next = NULL;
    kmdfsim_mutex *lock = kmdfsim_static_mutex_get(&g_lock);
    kmdfsim_mutex_lock(lock);
    if (!g_started) {
        kmdfsim_cond_init(&g_wake);
        if (kmdfsim_thread_create(&g_thread, worker_main, NULL) != 0) {
            kmdfsim_cond_destroy(&g_wake);
            kmdfsim_mutex_unlock(lock);
            free(item);
            return -1;
        }
        g_started = 1;
    }
    if (g_tail != NULL)
        g_tail->next = item;
    else
        g_head = item;
    g_tail = item;
    g_queued++;
    kmdfsim_cond_broadcast(&g_wake);
    kmdfsim_mutex_unlock(lock);
    return 0;
}

void kmdfsim_worker_flush(void)
{
    kmdfsim_mutex *lock = kmdfsim_static_mutex_get(&g_lock);
    kmdfsim_mutex_lock(lock);
    unsigned long long target = g_queued;
    while (g_started && g_finished < target)
        kmdfsim_cond_wait(&g_wake, lock);
    kmdfsim_mutex_unlock(lock);
}
