/* The preview waiter: one thread that watches the kiosks of the previews in flight
 * (waitpid on their pids only, never on any child), kills those past their deadline,
 * and resumes each preview's suspended connection once its kiosks are reaped, so the
 * server's thread serves other staff meanwhile and then finishes the page itself. It
 * touches a Preview only while the Preview is PREVIEW_WATCHED, and no console state. */
#include "console/preview.h"

#include <assert.h>
#include <errno.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>

struct PreviewWaiter {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    pthread_t thread;
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
        if (got < 0)
            p->status[i] = -1;
        p->reaped[i] = 1;
    }
}

/* Reaps the kiosks of p that have ended; kills the others when stop, or when p is past
 * its deadline. 1 when every one is reaped. */
static int kiosks_poll(Preview *p, int stop)
{
    int left = 0;
    for (int i = 0; i < PREVIEW_COUNT; i++) {
        if (p->pids[i] <= 0 || p->reaped[i])
            continue;
        pid_t got = waitpid(p->pids[i], &p->status[i], WNOHANG);
        if (got == p->pids[i] || (got < 0 && errno != EINTR)) {
            if (got < 0)
                p->status[i] = -1;
            p->reaped[i] = 1;
        } else {
            left++;
        }
    }
    if (left && (stop || preview_now_ms() >= p->deadline_ms)) {
        p->cancelled = stop;
        p->timed_out = !stop;
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

static void *waiter_main(void *arg)
{
    PreviewWaiter *w = arg;
    Preview *watching = NULL; /* this thread's own list */
    struct timespec tick = {0, 10 * 1000 * 1000};
    pthread_mutex_lock(&w->lock);
    for (;;) {
        while (w->incoming) {
            Preview *p = w->incoming;
            w->incoming = p->next;
            p->next = watching;
            watching = p;
        }
        int stop = w->stopping;
        if (!watching) {
            if (stop)
                break;
            pthread_cond_wait(&w->wake, &w->lock);
            continue;
        }
        pthread_mutex_unlock(&w->lock);
        for (Preview **pp = &watching; *pp;) {
            Preview *p = *pp;
            if (kiosks_poll(p, stop)) {
                *pp = p->next;
                preview_done(w, p);
            } else {
                pp = &p->next;
            }
        }
        if (watching)
            nanosleep(&tick, NULL);
        pthread_mutex_lock(&w->lock);
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

int preview_waiter_start(Console *c)
{
    PreviewWaiter *w = calloc(1, sizeof *w);
    if (!w)
        return -1;
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->wake, NULL);
    if (pthread_create(&w->thread, NULL, waiter_main, w) != 0) {
        pthread_cond_destroy(&w->wake);
        pthread_mutex_destroy(&w->lock);
        free(w);
        return -1;
    }
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
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
    if (!joined)
        pthread_join(w->thread, NULL);
}

void preview_waiter_destroy(Console *c)
{
    PreviewWaiter *w = c->waiter;
    if (!w)
        return;
    preview_waiter_stop(c);
    pthread_cond_destroy(&w->wake);
    pthread_mutex_destroy(&w->lock);
    free(w);
    c->waiter = NULL;
}

void preview_watch(Console *c, Preview *p, void *conn)
{
    PreviewWaiter *w = c->waiter;
    int stopping = 1;
    p->conn = conn;
    if (w) {
        pthread_mutex_lock(&w->lock);
        stopping = w->stopping;
        if (!stopping) {
            p->state = PREVIEW_WATCHED;
            w->watched++;
            p->next = w->incoming;
            w->incoming = p;
            pthread_cond_signal(&w->wake);
        }
        pthread_mutex_unlock(&w->lock);
    }
    if (stopping) { /* nobody will watch it: the kiosks go now */
        p->cancelled = 1;
        preview_reap(p, 1);
        p->state = PREVIEW_DONE;
        MHD_resume_connection(conn);
    }
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
