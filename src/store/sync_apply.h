/* Applying what the hub sends: pages of the change log (upserts and tombstones of
 * content, the hub's decisions), each page with its new cursor in one transaction;
 * photo rows held back until their file is whole; the resync that drops every hub row
 * the hub no longer has. Rows are matched by hub_id; a change older than the row's
 * hub_rev is ignored, so replaying a page is harmless. */
#ifndef YX_STORE_SYNC_APPLY_H
#define YX_STORE_SYNC_APPLY_H

#include "store/store.h"

/* One change-log entry as pulled. Strings are borrowed from the caller. */
typedef struct {
    int64_t seq;
    const char *kind; /* notice, health_tip, album, photo, activity, poll, roster,
                         contact, quick_phrase; the hub's verdicts: decision (sign-ups,
                         refused claims), tally (an activity's places, sync_tally.c),
                         verdict (moderation, sync_verdict.c) */
    int64_t hub_id;
    int64_t rev;
    int is_delete;
    const char *payload; /* JSON object (the row's fields); NULL for a delete */
} SyncChange;

/* Applies changes[0..n) and sets the cursor to new_cursor, all in one transaction.
 * Unknown kinds are skipped (a newer hub). *applied (may be NULL) gets how many rows
 * changed. Returns 0, or -1 with nothing written and the cursor unchanged. */
int store_sync_apply_page(Store *s, const SyncChange *changes, size_t n, int64_t new_cursor,
                          size_t *applied);

/* Starts a resync in one transaction: tombstones every hub row (any kind) whose
 * (kind, hub_id) is not among the n live ones, sets the cursor to 0 and the resync
 * flag. Returns 0 or -1 (nothing changed). */
int store_sync_begin_resync(Store *s, const char *const *kinds, const int64_t *hub_ids, size_t n);

typedef struct {
    char sha256[65];
    int64_t bytes;
} SyncWantedPhoto;

/* Photos pulled whose file is not in the photo store yet (at most limit). *out is a
 * new array (caller frees); returns 0 or -1. */
int store_sync_wanted_photos(Store *s, size_t limit, SyncWantedPhoto **out, size_t *n);

/* Applies the held-back photo rows whose file is now whole. *applied may be NULL.
 * Returns 0 or -1. */
int store_sync_apply_ready_photos(Store *s, size_t *applied);

/* The hub's decision on a submission: state ("confirmed", "waitlisted", "full",
 * "cancelled") into state[16]. REASON_NOT_FOUND when the hub has not decided yet. */
int store_sync_decision(Store *s, const char *uuid, char state[16]);

/* What `yanxiactl check` verifies about the synced part of a store. */
typedef struct {
    int64_t cursor;
    int64_t resync;         /* 1 while a rebuild is under way (ahead is not checked then) */
    int64_t ahead;          /* hub rows newer than the cursor: must be 0 */
    int64_t photos_missing; /* shown hub photos (and tips' pages) whose file is absent or of
                             * the wrong size */
    int64_t photos_waiting; /* pulled photo rows still waiting for their file */
    int64_t pending;        /* outbox rows not acknowledged by the hub */
} SyncCheck;

/* Fills *out. A store is consistent when ahead (outside a resync) and photos_missing
 * are 0. Returns 0, or -1 when the store could not be read. */
int store_sync_check(Store *s, SyncCheck *out);

#endif
