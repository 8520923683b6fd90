/* What the sync worker remembers between rounds, in the meta table: the change-log
 * cursor (the highest hub seq applied), whether a resync is under way, and when the
 * last round succeeded. Only the sync worker and `yanxiactl sync` write these. */
#ifndef YX_STORE_SYNC_STATE_H
#define YX_STORE_SYNC_STATE_H

#include "store/store.h"

/* The cursor (0 before the first pull). Returns 0, or -1 with *cursor = 0. */
int store_sync_cursor(Store *s, int64_t *cursor);

/* Reads an integer kept in meta under key ("sync_*"); *value = 0 when absent.
 * Returns 0 or -1. */
int store_sync_get(Store *s, const char *key, int64_t *value);

/* Writes an integer into meta (inside the caller's transaction if there is one).
 * Returns 0 or -1 with nothing written. */
int store_sync_set(Store *s, const char *key, int64_t value);

#define SYNC_KEY_CURSOR       "sync_cursor"
#define SYNC_KEY_RESYNC       "sync_resync"       /* 1 while rebuilding from the hub */
#define SYNC_KEY_LAST_SUCCESS "sync_last_success" /* Unix seconds */

#endif
