/* The hub's count of one activity's places (change kind `tally`, see .notes/verdicts.md):
 * kept in sync_tallies by activity hub_id, read by signup.c to show places across
 * kiosks. */
#ifndef YX_STORE_SYNC_TALLY_H
#define YX_STORE_SYNC_TALLY_H

#include "store/store.h"
#include "store/sync_apply.h"

/* Applies one `tally` change inside the page's transaction (the caller's): an upsert
 * keyed by c->hub_id (the activity's hub_id) that an older hub rev never overwrites,
 * or on a delete removes the row. *changed (may be NULL) grows by the rows changed.
 * Returns 0, or -1 (REASON_INVALID_VALUE for a payload without the counts). */
int store_sync_apply_tally(Store *s, const SyncChange *c, size_t *changed);

#endif
