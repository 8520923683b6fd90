/* The kiosk's sync worker: a thread with its own store connection and hub session
 * that runs a round every interval (with jitter), backs off exponentially with full
 * jitter after a failure, and runs early when kicked (a new submission). The UI reads
 * a status snapshot and never waits on the network. */
#ifndef YX_SYNC_SYNC_WORKER_H
#define YX_SYNC_SYNC_WORKER_H

#include <stddef.h>
#include <stdint.h>

typedef struct SyncWorker SyncWorker;

typedef struct {
    int64_t last_success; /* Unix seconds; 0: never */
    int64_t last_attempt;
    int64_t pending;        /* outbox rows waiting after the last round */
    int64_t content_serial; /* grows each time a round changed content: redraw */
    int failures;           /* consecutive failed rounds */
    int running;            /* a round is under way */
    char last_error[256];   /* "" after a success */
    int screenshot_wanted;  /* staff asked the hub for a screenshot: sync_worker_put_screenshot */
} SyncStatus;

/* Starts the worker on the store file db_path with the hub conninfo; rounds every
 * interval_seconds (>= 1). Returns NULL with err on failure (no thread left behind).
 * Call from the UI thread. */
SyncWorker *sync_worker_start(const char *db_path, const char *conninfo, int interval_seconds,
                              char *err, size_t errlen);

/* Has fn(ctx) called on the worker thread (no lock held) whenever the status changed:
 * a round started or ended. fn must be quick and thread-safe (SDL_PushEvent is); it
 * replaces any earlier one, NULL removes it. */
void sync_worker_set_notify(SyncWorker *w, void (*fn)(void *ctx), void *ctx);

/* Asks for a round now (after a submission). Any thread; never blocks on the network. */
void sync_worker_kick(SyncWorker *w);

/* The worker's liveness, from the UI thread now and then: when one hub call of a round
 * has had no answer for stuck_seconds or more (a hub that stopped answering in the
 * middle of a call: the hub's own statement timeout is a minute), logs it and cuts the
 * round's hub connection so the round fails and the worker goes on (the next round
 * connects again); once per round. Returns 1 when it cut. Never blocks on the network. */
int sync_worker_check(SyncWorker *w, int stuck_seconds);

/* Hands the worker the screenshot staff asked for (status.screenshot_wanted): a PNG of
 * width x height pixels in png (malloc'd: the worker owns it from now on and frees it),
 * sent at once in a round of its own. A picture handed before the last was sent
 * replaces it. Clears screenshot_wanted until the hub asks again. From the UI thread;
 * never blocks on the network. With w NULL, png is freed. */
void sync_worker_put_screenshot(SyncWorker *w, unsigned char *png, size_t len, int width,
                                int height);

/* Copies the latest status. Any thread; holds a mutex for a memcpy only. */
void sync_worker_status(SyncWorker *w, SyncStatus *out);

/* Stops the thread (a round under way finishes its current call) and frees w.
 * sync_worker_stop(NULL) does nothing. */
void sync_worker_stop(SyncWorker *w);

#endif
