/* One sync round between a kiosk's store and the hub: push the outbox in batches,
 * pull pages of changes (each page and its cursor in one SQLite transaction), fetch
 * missing photos in resumable chunks, write a heartbeat. Used by `yanxiactl sync
 * --once` and by the worker thread (sync_worker.h). This folder is the only code that
 * speaks libpq; TLS and certificate settings pass through the connection string. */
#ifndef YX_SYNC_SYNC_H
#define YX_SYNC_SYNC_H

#include "store/store.h"

#include <stddef.h>
#include <stdint.h>

/* A connection to the hub that reconnects on demand. */
typedef struct SyncSession SyncSession;

/* What one round moved. */
typedef struct {
    size_t pushed;       /* outbox rows the hub acknowledged */
    int64_t contiguous;  /* the hub's highest gap-free kiosk_seq (-1: not reported) */
    size_t pulled;       /* change-log entries received */
    size_t applied;      /* local rows they changed */
    size_t photos;       /* photo files completed */
    int64_t photo_bytes; /* bytes fetched */
    int64_t cursor;      /* after the round */
    int resynced;        /* the hub asked for a rebuild */
    int64_t pending;     /* outbox rows still waiting */
    size_t rejected;     /* of the pushed, refused by the hub (outbox.rejected says why) */
} SyncStats;

/* The most submissions one kiosk_submit call takes, and of them sign-ups, cancellations
 * and claims (decided in the call, under the hub's locks). The hub holds the same
 * numbers (`hub init` writes them): what is over is not acknowledged and goes again. */
#define SYNC_PUSH_BATCH_MAX   200
#define SYNC_PUSH_DECIDED_MAX 50

/* Tunables; zero fields take the defaults. */
typedef struct {
    size_t push_batch; /* outbox rows per kiosk_submit call (default and most: 200) */
    int pull_page;     /* changes per page (default 1000) */
    int chunk_bytes;   /* photo bytes per hub call (default 4 MiB, at most 16 MiB) */
} SyncLimits;

/* Creates a session for conninfo (libpq key=value or URI); connects lazily. Returns
 * NULL only when memory runs out. Destroy with sync_session_destroy (NULL is fine). */
SyncSession *sync_session_create(const char *conninfo);
void sync_session_destroy(SyncSession *ss);
/* From another thread: cuts the session's connection under a call that does not
 * return (a hub that stopped answering mid-round), so the call fails as with a lost
 * connection and the next round connects again. Nothing happens without a connection. */
void sync_session_interrupt(SyncSession *ss);
/* From another thread: milliseconds since the hub call under way began (or since its
 * last row arrived); 0 when no call is under way. */
int64_t sync_session_busy_ms(SyncSession *ss);
void sync_session_set_limits(SyncSession *ss, const SyncLimits *lim);

/* Runs one round on s (which the caller owns and uses from this thread only).
 * Returns 0 when every step succeeded; -1 with a one-line message in err otherwise
 * (what was done before the failure stays done: acknowledged rows stay acked, applied
 * pages stay applied). *st (may be NULL) gets the figures either way. On a network
 * failure the connection is dropped and the next round reconnects. */
int sync_round(SyncSession *ss, Store *s, SyncStats *st, char *err, size_t errlen);

/* The individual steps, for tests and benchmarks. Same conventions. */
int sync_push(SyncSession *ss, Store *s, SyncStats *st, char *err, size_t errlen);
int sync_pull(SyncSession *ss, Store *s, SyncStats *st, char *err, size_t errlen);
int sync_fetch_photos(SyncSession *ss, Store *s, SyncStats *st, char *err, size_t errlen);
int sync_heartbeat(SyncSession *ss, Store *s, char *err, size_t errlen);

/* A screenshot on request (sql/hub/021_screenshot.sql). *wanted gets 1 when staff
 * asked the hub for one of this kiosk, 0 otherwise (also from a hub without the
 * function: older than this kiosk). 0, or -1 with err. */
int sync_screenshot_wanted(SyncSession *ss, int *wanted, char *err, size_t errlen);

/* Sends a PNG of w x h pixels (at most 720 each, 1 MiB) as this kiosk's screenshot.
 * *taken (may be NULL) gets 1 when the hub kept it, 0 when no request was open any
 * more. 0, or -1 with err (the hub refused it, or the connection failed). */
int sync_screenshot_put(SyncSession *ss, const unsigned char *png, size_t len, int w, int h,
                        int *taken, char *err, size_t errlen);

#endif
