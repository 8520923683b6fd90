/* The worker thread (sync_worker.h): sleep on a condition variable until the next
 * round is due, kicked or stopped; run the round; publish a status snapshot. */
#include "sync/sync_worker.h"

#include "core/ids.h"
#include "core/log.h"
#include "store/store.h"
#include "sync/sync.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BACKOFF_CAP_SECONDS 600

struct SyncWorker {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int stop, kicked;
    int interval;
    char *db_path;
    SyncSession *session;
    SyncStatus status;
    void (*notify)(void *ctx);
    void *notify_ctx;
    int interrupted; /* this round was cut by sync_worker_check */
    /* the screenshot the UI handed over, to send in the next round (owned) */
    unsigned char *shot;
    size_t shot_len;
    int shot_w, shot_h;
};

/* Tells the UI the status changed. Called with w->mu held; drops it around the call
 * so a slow callback never holds up sync_worker_status. */
static void notify_locked(SyncWorker *w)
{
    void (*fn)(void *) = w->notify;
    void *ctx = w->notify_ctx;
    if (!fn)
        return;
    pthread_mutex_unlock(&w->mu);
    fn(ctx);
    pthread_mutex_lock(&w->mu);
}

/* A random double in [0, 1). */
static double unit_random(void)
{
    uint32_t r = 0;
    if (ids_random(&r, sizeof r) < 0)
        r = (uint32_t)rand();
    return r / 4294967296.0;
}

/* Seconds to wait before the next round: the interval +/-10 % after a success; after
 * n failures a full-jitter draw from [0, min(cap, interval * 2^n)). */
static double next_delay(int interval, int failures)
{
    if (failures == 0)
        return interval * (0.9 + 0.2 * unit_random());
    double ceiling = interval;
    for (int i = 0; i < failures && ceiling < BACKOFF_CAP_SECONDS; i++)
        ceiling *= 2;
    if (ceiling > BACKOFF_CAP_SECONDS)
        ceiling = BACKOFF_CAP_SECONDS;
    return 1.0 + (ceiling - 1.0) * unit_random();
}

/* After a good round: sends the screenshot the UI handed over, or else asks the hub
 * whether staff want one. Returns 1 or 0 for "wanted", -1 when unknown (a failed
 * call: logged, the next round asks again). Called without w->mu. */
static int screenshot_step(SyncWorker *w)
{
    char err[512];
    pthread_mutex_lock(&w->mu);
    unsigned char *png = w->shot;
    size_t len = w->shot_len;
    int sw = w->shot_w, sh = w->shot_h;
    w->shot = NULL;
    pthread_mutex_unlock(&w->mu);
    if (png) {
        int taken = 0;
        int rc = sync_screenshot_put(w->session, png, len, sw, sh, &taken, err, sizeof err);
        free(png);
        if (rc < 0) {
            log_warn("sync", "screenshot not sent: %s", err);
            return -1;
        }
        log_info("sync", "screenshot %dx%d (%zu bytes) %s", sw, sh, len,
                 taken ? "sent to the hub" : "not wanted any more");
        return 0;
    }
    int wanted = 0;
    if (sync_screenshot_wanted(w->session, &wanted, err, sizeof err) < 0) {
        log_warn("sync", "screenshot request: %s", err);
        return -1;
    }
    return wanted;
}

static void *worker_main(void *arg)
{
    SyncWorker *w = arg;
    char err[512];
    Store *s = store_open(w->db_path, err, sizeof err);
    if (!s)
        log_error("sync", "cannot open the store: %s", err);
    pthread_mutex_lock(&w->mu);
    double delay = 0; /* the first round runs at once */
    while (!w->stop) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += (time_t)delay;
        until.tv_nsec += (long)((delay - (double)(time_t)delay) * 1e9);
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        while (!w->stop && !w->kicked &&
               pthread_cond_timedwait(&w->cv, &w->mu, &until) != ETIMEDOUT)
            ;
        if (w->stop)
            break;
        w->kicked = 0;
        w->status.running = 1;
        w->interrupted = 0;
        notify_locked(w);
        pthread_mutex_unlock(&w->mu);

        SyncStats st;
        int rc = s ? sync_round(w->session, s, &st, err, sizeof err) : -1;
        if (!s)
            snprintf(err, sizeof err, "the store could not be opened");
        int wanted = rc == 0 ? screenshot_step(w) : -1;
        if (s)
            store_release_memory(s); /* minutes until the next round: no cache to keep */

        pthread_mutex_lock(&w->mu);
        if (wanted == 1 && !w->status.screenshot_wanted && !w->shot)
            log_info("sync", "staff asked for a screenshot");
        if (wanted >= 0) /* not while a picture waits to be sent: one is enough */
            w->status.screenshot_wanted = wanted && !w->shot;
        w->status.running = 0;
        w->status.last_attempt = time(NULL);
        if (s)
            w->status.pending = st.pending;
        if (s && (st.applied > 0 || st.photos > 0))
            w->status.content_serial++;
        if (rc == 0) {
            w->status.last_success = w->status.last_attempt;
            w->status.failures = 0;
            w->status.last_error[0] = '\0';
        } else {
            if (w->status.failures == 0)
                log_warn("sync", "round failed: %s", err);
            w->status.failures++;
            snprintf(w->status.last_error, sizeof w->status.last_error, "%.255s", err);
        }
        delay = next_delay(w->interval, w->status.failures);
        notify_locked(w);
    }
    pthread_mutex_unlock(&w->mu);
    store_close(s);
    return NULL;
}

int sync_worker_check(SyncWorker *w, int stuck_seconds)
{
    if (!w)
        return 0;
    pthread_mutex_lock(&w->mu);
    int64_t busy = w->status.running ? sync_session_busy_ms(w->session) : 0;
    int cut = busy >= (int64_t)stuck_seconds * 1000 && !w->interrupted;
    if (cut) {
        w->interrupted = 1;
        /* the session is the worker's, but its interrupt is made for another thread */
        sync_session_interrupt(w->session);
    }
    pthread_mutex_unlock(&w->mu);
    if (cut)
        log_error("sync",
                  "the hub has not answered a call for %lld s: the connection is cut "
                  "and the next round connects again",
                  (long long)(busy / 1000));
    return cut;
}

SyncWorker *sync_worker_start(const char *db_path, const char *conninfo, int interval_seconds,
                              char *err, size_t errlen)
{
    SyncWorker *w = calloc(1, sizeof *w);
    if (!w || !(w->db_path = strdup(db_path)) || !(w->session = sync_session_create(conninfo))) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    w->interval = interval_seconds > 0 ? interval_seconds : 60;
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->cv, NULL);
    if (pthread_create(&w->thread, NULL, worker_main, w) != 0) {
        snprintf(err, errlen, "cannot start the sync thread");
        pthread_cond_destroy(&w->cv);
        pthread_mutex_destroy(&w->mu);
        goto fail;
    }
    return w;
fail:
    if (w) {
        sync_session_destroy(w->session);
        free(w->db_path);
        free(w);
    }
    return NULL;
}

void sync_worker_set_notify(SyncWorker *w, void (*fn)(void *ctx), void *ctx)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->mu);
    w->notify = fn;
    w->notify_ctx = ctx;
    pthread_mutex_unlock(&w->mu);
}

void sync_worker_kick(SyncWorker *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->mu);
    w->kicked = 1;
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->mu);
}

void sync_worker_put_screenshot(SyncWorker *w, unsigned char *png, size_t len, int width,
                                int height)
{
    if (!w) {
        free(png);
        return;
    }
    pthread_mutex_lock(&w->mu);
    free(w->shot);
    w->shot = png;
    w->shot_len = len;
    w->shot_w = width;
    w->shot_h = height;
    w->status.screenshot_wanted = 0;
    w->kicked = 1;
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->mu);
}

void sync_worker_status(SyncWorker *w, SyncStatus *out)
{
    memset(out, 0, sizeof *out);
    if (!w)
        return;
    pthread_mutex_lock(&w->mu);
    *out = w->status;
    pthread_mutex_unlock(&w->mu);
}

void sync_worker_stop(SyncWorker *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->mu);
    w->stop = 1;
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->thread, NULL);
    pthread_cond_destroy(&w->cv);
    pthread_mutex_destroy(&w->mu);
    sync_session_destroy(w->session);
    free(w->shot);
    free(w->db_path);
    free(w);
}
