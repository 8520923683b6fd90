/* The hub's moderation of wishes, suggestions and questions reaching this kiosk
 * (change kind `verdict`, contract in .notes/verdicts.md). Called by sync_apply.c
 * inside the page's transaction; nothing else needs these. */
#ifndef YX_STORE_SYNC_VERDICT_H
#define YX_STORE_SYNC_VERDICT_H

#include "store/sync_apply.h"

/* Applies one verdict change inside the caller's transaction: this kiosk's own row
 * takes the hub's state and fields; a public item taken in by another kiosk is
 * inserted (from_hub = 1, no outbox row) or updated; one no longer public, or a
 * delete, removes the from_hub row (a wish a resident here has claimed stays, off the
 * board). A verdict whose rev is not newer than the last one applied for that
 * submission is ignored, as is an unknown subject or state (a newer hub). *changed
 * (may be NULL) grows by the rows written. Returns 0, or -1 with the error recorded
 * (the caller rolls back). */
int store_sync_verdict_apply(Store *s, const SyncChange *c, size_t *changed);

/* Part of a resync, inside the caller's transaction: every verdict whose hub_id is not
 * in the temp table sync_live (kind 'verdict') is forgotten and its from_hub row goes
 * (a claimed-here wish stays, declined); own rows are left as they are. Returns 0 or
 * -1 with the error recorded. */
int store_sync_verdict_prune(Store *s);

#endif
