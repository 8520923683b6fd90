/* Shared by src/sync/'s own files: the session and the checked hub call. */
#ifndef YX_SYNC_INTERNAL_H
#define YX_SYNC_INTERNAL_H

#include "sync/sync.h"

#include <libpq-fe.h>
#include <pthread.h>

struct SyncSession {
    char *conninfo;
    PGconn *pg;
    /* pg's socket for sync_session_interrupt from another thread; -1 with no connection.
     * Set and cleared under sock_mu, cleared before PQfinish closes it, so an
     * interrupt never reaches a descriptor that has been reused for something else. */
    pthread_mutex_t sock_mu;
    int sock;
    int64_t call_since_ms; /* monotonic start of the hub call under way; 0: none (sock_mu) */
    SyncLimits lim;
    char sqlstate[6];  /* of the hub's error in the last failed sync_call; "" none */
    int old_heartbeat; /* the hub lacks the fleet heartbeat (logged once) */
};

/* Formats a message into err (trailing newlines dropped); returns -1. */
int sync_fail(char *err, size_t errlen, const char *fmt, const char *a, const char *b);

/* "kiosk store: WHAT: <store_errmsg>" into err; returns -1. */
int sync_store_err(Store *s, char *err, size_t errlen, const char *what);

/* Runs sql with n text parameters (binary: results in binary format) on the session's
 * connection, connecting first if needed. Returns the result (caller PQclears) when
 * its status is want; NULL with err filled otherwise (and ss->sqlstate, when the hub
 * answered with an error), dropping a broken connection. */
PGresult *sync_call(SyncSession *ss, const char *sql, int n, const char *const *params, int binary,
                    ExecStatusType want, char *err, size_t errlen);

/* Like sync_call for a query returning rows, but hands each row to row(ctx, r, i) as
 * it arrives (libpq single-row mode) instead of gathering the whole reply. Returns 0
 * when the query succeeded and row() never failed; -1 otherwise, with err filled (by
 * row() when it returned -1: the rest of the reply is then read and dropped). Rows
 * handed over before a failure stay handed over. */
int sync_stream(SyncSession *ss, const char *sql, int n, const char *const *params, int binary,
                int (*row)(void *ctx, const PGresult *r, int i), void *ctx, char *err,
                size_t errlen);

#endif
