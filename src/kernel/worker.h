/*
 * worker.h - the simulated kernel's delayed work queue: one system thread
 * that runs queued items in order at PASSIVE_LEVEL (what IoQueueWorkItem
 * and KMDF's internal work items use).
 */
#ifndef KMDFSIM_KERNEL_WORKER_H_
#define KMDFSIM_KERNEL_WORKER_H_

typedef void (*kmdfsim_work_fn)(void *context);

/* Queues `fn(context)`; returns 0, or -1 if the worker could not be started (then nothing is queued). */
int kmdfsim_worker_queue(kmdfsim_work_fn fn, void *context);
/* Waits until every item queued before the call has run. */
void kmdfsim_worker_flush(void);

#endif /* KMDFSIM_KERNEL_WORKER_H_ */
