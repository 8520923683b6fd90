/* Shared by src/sync/'s own files: the session and the checked hub call. */
#ifndef YX_SYNC_INTERNAL_H
#define YX_SYNC_INTERNAL_H

#include "sync/sync.h"

#include <libpq-fe.h>

struct SyncSession {
    char *conninfo;
    PGconn *pg;
    SyncLimits lim;
};

/* Formats a message into err (trailing newlines dropped); returns -1. */
int sync_fail(char *err, size_t errlen, const char *fmt, const char *a, const char *b);

/* "kiosk store: WHAT: <store_errmsg>" into err; returns -1. */
int sync_store_err(Store *s, char *err, size_t errlen, const char *what);

/* Runs sql with n text parameters (binary: results in binary format) on the session's
 * connection, connecting first if needed. Returns the result (caller PQclears) when
 * its status is want; NULL with err filled otherwise, dropping a broken connection. */
PGresult *sync_call(SyncSession *ss, const char *sql, int n, const char *const *params, int binary,
                    ExecStatusType want, char *err, size_t errlen);

#endif
