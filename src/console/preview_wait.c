/* The preview waiter: one thread that sleeps in poll() on the kiosks of the previews in
 * flight (a pidfd each: their pids only, never any other child of the console), on each
 * preview's suspended connection (has the browser hung up?) and on an eventfd the
 * server's thread writes to when it hands a preview over, supersedes one or stops. It
 * kills the kiosks of a preview past its deadline, whose browser went or that its session
 * superseded, and resumes each preview's connection once its kiosks are reaped, so the
 * server's thread serves other staff meanwhile and then finishes the page itself. It
 * touches a Preview only while the Preview is PREVIEW_WATCHED, and no console state. */
#define _GNU_SOURCE /* POLLRDHUP, pthread_setname_np */
#include "console/preview.h"

#include "core/log.h"

#include <assert.h>
#include <errno.h>
#include <microhttpd.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* What one poll() watches at most: the wake-up, then per preview its kiosks and its
 * connection. Previews beyond it (a superseded one not yet reaped, with three others
 * drawing) and kiosks without a pidfd are looked at every WAITER_TICK_MS instead. */
#define WAITER_FDS     (1 + PREVIEW_FLIGHTS_MAX * (PREVIEW_COUNT + 1))
#define WAITER_TICK_MS 10

struct PreviewWaiter {
    pthread_mutex_t lock;
    pthread_t thread;
    int wake_fd; /* eventfd: a preview handed over or superseded, or stop */
    int stopping;
    int watched;       /* previews handed over and not yet done */
    Preview *incoming; /* handed over by the server's thread, not yet watched */
};

int64_t preview_now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Kiosk i of p has been waited for (got: waitpid's answer). */
static void kiosk_reaped(Preview *p, int i, pid_t got)
{
    if (got < 0)
        p->status[i] = -1;
    p->reaped[i] = 1;
    if (p->pidfds[i] >= 0) {
        close(p->pidfds[i]);
        p->pidfds[i] = -1;
    }
}

void preview_reap(Preview *p, int kill_them)
{
    for (int i = 0; i < PREVIEW_COUNT; i++) {
        if (p->pids[i] <= 0 || p->reaped[i])
            continue;
        if (kill_them)
            kill(p->pids[i], SIGKILL);
        pid_t got;
        while ((got = waitpid(p->pids[i], &p->status[i], 0)) < 0 && errno == EINTR)
            ;
        kiosk_reaped(p, i, got);
    }
}

/* Reaps the kiosks of p that have ended; kills the others when p must end now (stop,
 * superseded, its browser gone, or past its deadline). 1 when every one is reaped. */
static int kiosks_check(Preview *p, int stop)
{
    int left = 0;
    for (int i = 0; i < PREVIEW_COUNT; i++) {
        if (p->pids[i] <= 0 || p->reaped[i])
            continue;
        pid_t got = waitpid(p->pids[i], &p->status[i], WNOHANG);
        if (got == p->pids[i] || (got < 0 && errno != EINTR))
            kiosk_reaped(p, i, got);
        else
            left++;
    }
    if (left && p->end == PREVIEW_DRAWN) {
        if (stop)
            p->end = PREVIEW_STOPPING;
        else if (preview_now_ms() >= p->deadline_ms)
            p->end = PREVIEW_TIMED_OUT;
    }
    if (left && p->end != PREVIEW_DRAWN) {
        preview_reap(p, 1);
        left = 0;
    }
    return left == 0;
}

/* Gives p back to the server's thread and wakes its connection. */
static void preview_done(PreviewWaiter *w, Preview *p)
{
    void *conn = p->conn;
    pthread_mutex_lock(&w->lock);
    p->state = PREVIEW_DONE;
    w->watched--;
    pthread_mutex_unlock(&w->lock);
    /* p is the server's from here; the connection stays suspended, so nothing frees it
     * before this call */
    MHD_resume_connection(conn);
}

static void waiter_wake(PreviewWaiter *w)
{
    uint64_t one = 1;
    /* fails only with the counter near 2^64: the waiter has that much to wake to */
    ssize_t n = write(w->wake_fd, &one, sizeof one);
    (void)n;
}

/* Sleeps until a kiosk of the watched previews ends, a browser hangs up or is found dead
 * (that preview's end becomes PREVIEW_ABANDONED), the server's thread wakes this one, or the first
 * deadline comes. */
static void waiter_sleep(PreviewWaiter *w, Preview *watching)
{
    struct pollfd fds[WAITER_FDS];
    Preview *hangup_of[WAITER_FDS]; /* the preview whose connection fds[k] is, or NULL */
    nfds_t n = 0;
    int timeout = -1;
    int64_t now = preview_now_ms();
    fds[n] = (struct pollfd){.fd = w->wake_fd, .events = POLLIN};
    hangup_of[n++] = NULL;
    for (Preview *p = watching; p; p = p->next) {
        int64_t left = p->deadline_ms > now ? p->deadline_ms - now : 0;
        if (timeout < 0 || left < timeout)
            timeout = (int)left; /* at most the kiosks' timeout */
        if (n + PREVIEW_COUNT + 1 > WAITER_FDS) {
            timeout = timeout < WAITER_TICK_MS ? timeout : WAITER_TICK_MS;
            continue;
        }
        for (int i = 0; i < PREVIEW_COUNT; i++) {
            if (p->pids[i] <= 0 || p->reaped[i])
                continue;
            if (p->pidfds[i] < 0) {
                timeout = timeout < WAITER_TICK_MS ? timeout : WAITER_TICK_MS;
                continue;
            }
            fds[n] = (struct pollfd){.fd = p->pidfds[i], .events = POLLIN};
            hangup_of[n++] = NULL;
        }
        if (p->client_fd >= 0) {
            /* the request was read whole, so the browser sends nothing more before its
             * answer: its end of the stream, a reset, or a peer that keepalive found
             * dead (POLLERR/POLLHUP, reported unasked; http.c's on_connection) means
             * it has gone. POLLIN is not asked for: a byte more is no hang-up. */
            fds[n] = (struct pollfd){.fd = p->client_fd, .events = POLLRDHUP};
            hangup_of[n++] = p;
        }
    }
    if (poll(fds, n, timeout) < 0) {
        if (errno != EINTR) /* out of memory in the kernel: do not spin */
            nanosleep(&(struct timespec){0, WAITER_TICK_MS * 1000000L}, NULL);
        return;
    }
    if (fds[0].revents & POLLIN) {
        uint64_t count;
        ssize_t got = read(w->wake_fd, &count, sizeof count);
        (void)got;
    }
    for (nfds_t k = 1; k < n; k++) {
        Preview *p = hangup_of[k];
        if (!p || !fds[k].revents)
            continue;
        if (fds[k].revents & POLLNVAL) {
            p->client_fd = -1; /* cannot happen while suspended; never spin on it */
        } else if ((fds[k].revents & (POLLRDHUP | POLLHUP | POLLERR)) && p->end == PREVIEW_DRAWN) {
            p->end = PREVIEW_ABANDONED;
            log_info("console", "a preview's browser %s: its kiosks are stopped",
                     fds[k].revents & POLLERR ? "is unreachable (connection reset or timed out)"
                                              : "went away");
        }
    }
}

static void *waiter_main(void *arg)
{
    PreviewWaiter *w = arg;
    Preview *watching = NULL; /* this thread's own list */
    for (;;) {
        pthread_mutex_lock(&w->lock);
        while (w->incoming) {
            Preview *p = w->incoming;
            w->incoming = p->next;
            p->next = watching;
            watching = p;
        }
        for (Preview *p = watching; p; p = p->next)
            if (p->supersede && p->end == PREVIEW_DRAWN)
                p->end = PREVIEW_SUPERSEDED;
        int stop = w->stopping;
        pthread_mutex_unlock(&w->lock);
        for (Preview **pp = &watching; *pp;) {
            Preview *p = *pp;
            if (kiosks_check(p, stop)) {
                *pp = p->next;
                preview_done(w, p);
            } else {
                pp = &p->next;
            }
        }
        if (stop && !watching)
            break;
        waiter_sleep(w, watching);
    }
    return NULL;
}

int preview_waiter_start(Console *c)
{
    PreviewWaiter *w = calloc(1, sizeof *w);
    if (!w)
        return -1;
    w->wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK); /* no kiosk inherits it */
    if (w->wake_fd < 0) {
        free(w);
        return -1;
    }
    pthread_mutex_init(&w->lock, NULL);
    if (pthread_create(&w->thread, NULL, waiter_main, w) != 0) {
        pthread_mutex_destroy(&w->lock);
        close(w->wake_fd);
        free(w);
        return -1;
    }
    pthread_setname_np(w->thread, "yx-preview"); /* for top, and for the tests */
    c->waiter = w;
    return 0;
}

void preview_waiter_stop(Console *c)
{
    PreviewWaiter *w = c->waiter;
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    int joined = w->stopping;
    w->stopping = 1;
    pthread_mutex_unlock(&w->lock);
    if (!joined) {
        waiter_wake(w);
        pthread_join(w->thread, NULL);
    }
}

void preview_waiter_destroy(Console *c)
{
    PreviewWaiter *w = c->waiter;
    if (!w)
        return;
    preview_waiter_stop(c);
    pthread_mutex_destroy(&w->lock);
    close(w->wake_fd);
    free(w);
    c->waiter = NULL;
}

void preview_watch(Console *c, Preview *p, void *conn)
{
    PreviewWaiter *w = c->waiter;
    int stopping = 1;
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
    p->conn = conn;
    p->client_fd = ci ? ci->connect_fd : -1;
    if (w) {
        pthread_mutex_lock(&w->lock);
        stopping = w->stopping;
        if (!stopping) {
            p->state = PREVIEW_WATCHED;
            w->watched++;
            p->next = w->incoming;
            w->incoming = p;
        }
        pthread_mutex_unlock(&w->lock);
        if (!stopping)
            waiter_wake(w);
    }
    if (stopping) { /* nobody will watch it: the kiosks go now */
        p->end = PREVIEW_STOPPING;
        preview_reap(p, 1);
        p->state = PREVIEW_DONE;
        MHD_resume_connection(conn);
    }
}

int preview_supersede(Console *c, Preview *p)
{
    PreviewWaiter *w = c->waiter;
    int watched = 0;
    if (w) {
        pthread_mutex_lock(&w->lock);
        watched = p->state == PREVIEW_WATCHED;
        if (watched)
            p->supersede = 1;
        pthread_mutex_unlock(&w->lock);
    }
    if (watched)
        waiter_wake(w);
    else if (p->end == PREVIEW_DRAWN) /* done, its page not yet made: it says so */
        p->end = PREVIEW_SUPERSEDED;
    return watched;
}

int preview_in_flight(Console *c)
{
    PreviewWaiter *w = c->waiter;
    if (!w)
        return 0;
    pthread_mutex_lock(&w->lock);
    int n = w->watched;
    pthread_mutex_unlock(&w->lock);
    return n;
}

void preview_settle(Console *c, Preview *p)
{
    PreviewWaiter *w = c->waiter;
    if (w)
        pthread_mutex_lock(&w->lock);
    assert(p->state == PREVIEW_DONE);
    if (w)
        pthread_mutex_unlock(&w->lock);
}
