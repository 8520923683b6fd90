/* The libpq connection behind a HubAdmin, for the other staff-side files of src/sync
 * (hub_import.c) that speak SQL the generic helpers of hub_admin.c do not cover. Not
 * for use outside src/sync: libpq stays in this folder. */
#ifndef YX_SYNC_HUB_ADMIN_PG_H
#define YX_SYNC_HUB_ADMIN_PG_H

#include "sync/hub_admin.h"

#include <libpq-fe.h>

/* The open connection (owned by h; never NULL for an open HubAdmin). */
PGconn *hub_admin_pg(HubAdmin *h);

/* Writes "what: msg" into err without libpq's trailing newline. Returns -1. */
int hub_admin_fail(char *err, size_t errlen, const char *what, const char *msg);

/* Runs sql with n text params (n 0: a plain statement). Returns the result when its
 * status is want (caller PQclears it), else NULL with err = "what: " and the hub's
 * primary message (its context lines would bury the reason). */
PGresult *hub_admin_exec(HubAdmin *h, const char *sql, int n, const char *const *params,
                         ExecStatusType want, const char *what, char *err, size_t errlen);

#endif
