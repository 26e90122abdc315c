/*
 * platform.h - the only door between kmdfsim and the operating system.
 *
 * Everything here is declared with standard C types so that this header can
 * be included next to the WDK surface; the implementations under posix/ and
 * win32/ are the only files that include OS headers. Objects are opaque
 * storage blocks sized for the largest OS object they hold (checked by a
 * static assert in each implementation), so no allocation is needed to
 * create a mutex or a condition variable.
 */
#ifndef KMDFSIM_PLATFORM_H_
#define KMDFSIM_PLATFORM_H_

#include <stddef.h>
#include <stdint.h>

/* ---- Thread-local storage (a compiler feature, no OS call) ------------- */
#if defined(_MSC_VER)
#define KMDFSIM_THREAD_LOCAL __declspec(thread)
#else
#define KMDFSIM_THREAD_LOCAL _Thread_local
#endif

/* ---- Mutex -------------------------------------------------------------- */
typedef struct kmdfsim_mutex {
    union {
        void *align_;
        long long align2_;
        unsigned char bytes[64];
    } storage;
} kmdfsim_mutex;

/* Initializes an unlocked, non-recursive mutex. Aborts if the OS refuses. */
void kmdfsim_mutex_init(kmdfsim_mutex *mutex);
/* Destroys a mutex that no thread holds. */
void kmdfsim_mutex_destroy(kmdfsim_mutex *mutex);
void kmdfsim_mutex_lock(kmdfsim_mutex *mutex);
/* Returns 1 if the mutex was acquired, 0 if another thread holds it. */
int kmdfsim_mutex_trylock(kmdfsim_mutex *mutex);
void kmdfsim_mutex_unlock(kmdfsim_mutex *mutex);

/*
 * A mutex usable as a zero-initialized static: the first lock sets it up,
 * even when several threads race to be first. For the simulated kernel's
 * process-wide tables (pool, verifier, log sink).
 *   static kmdfsim_static_mutex g_lock;   // no initializer needed
 *   kmdfsim_mutex_lock(kmdfsim_static_mutex_get(&g_lock));
 */
typedef struct kmdfsim_static_mutex {
    volatile int32_t state; /* 0 = untouched, 1 = being set up, 2 = ready */
    kmdfsim_mutex mutex;
} kmdfsim_static_mutex;

/* The first-use path of kmdfsim_static_mutex_get. */
kmdfsim_mutex *kmdfsim_static_mutex_setup(kmdfsim_static_mutex *m);

/* kmdfsim_static_mutex_get (below, after the atomics) returns the ready mutex inside `m`. */

/* ---- Condition variable ------------------------------------------------- */
typedef struct kmdfsim_cond {
    union {
        void *align_;
        long long align2_;
        unsigned char bytes[64];
    } storage;
} kmdfsim_cond;

void kmdfsim_cond_init(kmdfsim_cond *cond);
void kmdfsim_cond_destroy(kmdfsim_cond *cond);
/* Atomically releases `mutex` and waits; re-acquires it before returning. */
void kmdfsim_cond_wait(kmdfsim_cond *cond, kmdfsim_mutex *mutex);
/*
 * Like kmdfsim_cond_wait but gives up after `timeout_ns` nanoseconds of
 * monotonic time. Returns 1 when woken (possibly spuriously), 0 on timeout.
 */
int kmdfsim_cond_timedwait(kmdfsim_cond *cond, kmdfsim_mutex *mutex, uint64_t timeout_ns);
void kmdfsim_cond_signal(kmdfsim_cond *cond);
void kmdfsim_cond_broadcast(kmdfsim_cond *cond);

/* ---- Threads ------------------------------------------------------------ */
typedef struct kmdfsim_thread {
    union {
        void *align_;
        unsigned long long id_;
        unsigned char bytes[16];
    } storage;
} kmdfsim_thread;

typedef void (*kmdfsim_thread_fn)(void *arg);

/* Starts `fn(arg)` on a new thread. Returns 0 on success, -1 on failure. */
int kmdfsim_thread_create(kmdfsim_thread *thread, kmdfsim_thread_fn fn, void *arg);
/* Waits for the thread to finish and releases its resources. */
void kmdfsim_thread_join(kmdfsim_thread *thread);
/* A small integer that identifies the calling thread while it lives. */
uint64_t kmdfsim_thread_self_id(void);
/* Gives up the processor for about `ms` milliseconds. */
void kmdfsim_sleep_ms(uint32_t ms);

/* ---- Clocks ------------------------------------------------------------- */
/* Monotonic time in nanoseconds from an arbitrary origin. */
uint64_t kmdfsim_monotonic_ns(void);
/* Wall-clock time as Windows counts it: 100-ns intervals since 1601-01-01 UTC. */
int64_t kmdfsim_system_time_100ns(void);
/*
 * The same, at clock-tick resolution (a few ms), where the OS offers a cheaper
 * read; Windows' KeQuerySystemTime only advances per tick too.
 */
int64_t kmdfsim_system_time_coarse_100ns(void);

/* ---- Atomics (compiler builtins; sequentially consistent) -------------- */
#if defined(__GNUC__) || defined(__clang__)
static inline int32_t kmdfsim_atomic_load32(const volatile int32_t *p) { return __atomic_load_n(p, __ATOMIC_SEQ_CST); }
static inline void kmdfsim_atomic_store32(volatile int32_t *p, int32_t v) { __atomic_store_n(p, v, __ATOMIC_SEQ_CST); }
static inline int32_t kmdfsim_atomic_add32(volatile int32_t *p, int32_t v) { return __atomic_add_fetch(p, v, __ATOMIC_SEQ_CST); }
static inline int32_t kmdfsim_atomic_xchg32(volatile int32_t *p, int32_t v) { return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST); }
static inline int kmdfsim_atomic_cas32(volatile int32_t *p, int32_t expected, int32_t desired)
{
    return __atomic_compare_exchange_n(p, &expected, desired, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}
static inline int64_t kmdfsim_atomic_load64(const volatile int64_t *p) { return __atomic_load_n(p, __ATOMIC_SEQ_CST); }
static inline void kmdfsim_atomic_store64(volatile int64_t *p, int64_t v) { __atomic_store_n(p, v, __ATOMIC_SEQ_CST); }
static inline int64_t kmdfsim_atomic_add64(volatile int64_t *p, int64_t v) { return __atomic_add_fetch(p, v, __ATOMIC_SEQ_CST); }
static inline void *kmdfsim_atomic_load_ptr(void *const volatile *p) { return __atomic_load_n(p, __ATOMIC_SEQ_CST); }
static inline void kmdfsim_atomic_store_ptr(void *volatile *p, void *v) { __atomic_store_n(p, v, __ATOMIC_SEQ_CST); }
#else
int32_t kmdfsim_atomic_load32(const volatile int32_t *p);
void kmdfsim_atomic_store32(volatile int32_t *p, int32_t v);
int32_t kmdfsim_atomic_add32(volatile int32_t *p, int32_t v);
int32_t kmdfsim_atomic_xchg32(volatile int32_t *p, int32_t v);
int kmdfsim_atomic_cas32(volatile int32_t *p, int32_t expected, int32_t desired);
int64_t kmdfsim_atomic_load64(const volatile int64_t *p);
void kmdfsim_atomic_store64(volatile int64_t *p, int64_t v);
int64_t kmdfsim_atomic_add64(volatile int64_t *p, int64_t v);
void *kmdfsim_atomic_load_ptr(void *const volatile *p);
void kmdfsim_atomic_store_ptr(void *volatile *p, void *v);
#endif

/* Returns the ready mutex inside `m`, setting it up on first use. Inline: hot locks go through it. */
static inline kmdfsim_mutex *kmdfsim_static_mutex_get(kmdfsim_static_mutex *m)
{
    return kmdfsim_atomic_load32(&m->state) == 2 ? &m->mutex : kmdfsim_static_mutex_setup(m);
}

#endif /* KMDFSIM_PLATFORM_H_ */
