/* The outbox: every resident's submission waits here, in the kiosk's own sequence,
 * until the hub acknowledges it. Used by the sync worker (with its own Store) and by
 * `yanxiactl` for the queue length. Nothing here deletes a row that is not acked. */
#ifndef YX_STORE_OUTBOX_H
#define YX_STORE_OUTBOX_H

#include "store/store.h"

typedef struct {
    int64_t seq; /* per-kiosk sequence, strictly increasing, never reused */
    char uuid[37];
    char *kind;    /* "suggestion", "wish", "wish_claim", "question", "signup", ... */
    char *payload; /* the JSON event as the hub receives it */
    int64_t created_at;
} OutboxItem;

typedef struct {
    OutboxItem *items;
    size_t count;
} OutboxList;

/* Pending (un-acked) rows with seq > after_seq, in seq order, at most limit (0: all).
 * Fills *out (free with outbox_list_free) or returns -1 with *out empty. */
int store_outbox_list_pending(Store *s, int64_t after_seq, size_t limit, OutboxList *out);
void outbox_list_free(OutboxList *l);

/* Number of pending rows (the queue length for the heartbeat). Returns 0 or -1. */
int store_outbox_count_pending(Store *s, int64_t *count);

/* Marks the rows with these uuids acknowledged (acked_at = now), in one transaction;
 * where rejected (may be NULL) has a reason for uuids[i], the hub refused that row and
 * the reason is kept in its rejected column (it leaves the queue all the same).
 * Unknown or already-acked uuids are skipped harmlessly. *acked_out (may be NULL)
 * gets how many rows changed. Returns 0, or -1 with nothing changed. */
int store_outbox_ack(Store *s, const char *const *uuids, const char *const *rejected, size_t n,
                     size_t *acked_out);

/* One row the hub refused. */
typedef struct {
    char *uuid, *kind, *receipt, *reason;
    int64_t created_at;
} OutboxRejection;

typedef struct {
    OutboxRejection *items;
    size_t count;
} OutboxRejections;

/* The rows the hub refused, newest first, at most limit (0: all). Returns 0, or -1.
 * Free with outbox_rejections_free (a zeroed list is fine). */
int store_outbox_list_rejected(Store *s, size_t limit, OutboxRejections *out);
void outbox_rejections_free(OutboxRejections *l);

/* Deletes acknowledged rows acked before `before` (Unix seconds); never an un-acked
 * row. *removed_out (may be NULL) gets the count. Returns 0 or -1. */
int store_outbox_prune_acked(Store *s, int64_t before, size_t *removed_out);

#endif
