/* Micro-wishes (微心愿): a resident posts a small wish, staff approve it onto the
 * board, a neighbour claims it, and staff mark it fulfilled.
 *   review --approve--> open --claim--> claimed --fulfil--> fulfilled
 *   review --decline--> declined
 * Any other step is REASON_BAD_STATE. Wishes and claims are submissions (UUID,
 * receipt, outbox row); approving, declining and fulfilling are staff moderation. */
#ifndef YX_STORE_WISH_H
#define YX_STORE_WISH_H

#include "store/store.h"

typedef enum { WISH_REVIEW, WISH_OPEN, WISH_CLAIMED, WISH_FULFILLED, WISH_DECLINED } WishState;

typedef struct {
    int64_t id;
    char uuid[37];
    char receipt[7];
    char *text;
    char room[ROOM_MAX_LEN + 1]; /* the poster's room; "" on the public board */
    char room_masked[16];        /* "12**室" */
    WishState state;
    char *note; /* moderator's note (why declined); "" on the board */
    int64_t created_at;
    int64_t decided_at; /* 0 until approved or declined */
    /* the claim, when state is claimed or fulfilled */
    char claim_room[ROOM_MAX_LEN + 1]; /* "" on the board */
    char claim_room_masked[16];        /* "" when not claimed */
    char *claim_name;                  /* "" on the board (privacy) */
    int64_t claimed_at;                /* 0 when not claimed */
    int from_hub; /* taken in by another kiosk of the building (sync_verdict.c) */
} Wish;

typedef struct {
    Wish *items;
    size_t count;
} WishList;

typedef struct {
    int board;         /* public board: open, claimed and fulfilled only, rooms masked, including
                          the building's other kiosks' wishes; the staff view lists only the
                          wishes posted here */
    const char *state; /* staff view filter: a wish_state_name(); NULL: all */
    size_t limit;      /* 0: no limit */
    size_t offset;     /* rows to skip (pages of a long list) */
} WishQuery;

/* Posts a wish (state review) with its outbox event in one transaction. room is
 * required. Fails (nothing written) with REASON_TEXT_* (<= STORE_WISH_MAX),
 * REASON_ROOM_REQUIRED/INVALID, REASON_DAILY_CAP (STORE_WISHES_PER_ROOM_DAY) or
 * REASON_STORAGE. Fills *r on success. */
int store_wish_add(Store *s, const char *text, const char *room, StoreReceipt *r);

/* A neighbour claims an open wish: inserts a wish_claims submission (+ outbox event)
 * and sets the wish to claimed, in one transaction. name is optional (<= STORE_NAME_MAX).
 * Fails with REASON_NOT_FOUND, REASON_WISH_NOT_OPEN, REASON_INVALID_VALUE (the poster's
 * own room), REASON_ROOM_*, REASON_TEXT_*, REASON_STORAGE; nothing written then. */
int store_wish_claim(Store *s, int64_t wish_id, const char *room, const char *name,
                     StoreReceipt *r);

/* Moderation steps (see the diagram above). note for decline is optional
 * (<= STORE_SHORT_MAX). REASON_NOT_FOUND, REASON_BAD_STATE. */
int store_wish_approve(Store *s, int64_t id);
int store_wish_decline(Store *s, int64_t id, const char *note);
int store_wish_fulfil(Store *s, int64_t id);

/* Board: newest first, open before claimed before fulfilled. Staff: newest first.
 * q NULL: staff view, all. Free with wish_list_free; on failure *out is empty. */
int store_wish_list(Store *s, const WishQuery *q, WishList *out);
void wish_list_free(WishList *l);

/* One wish (staff view). Free with wish_deinit. REASON_NOT_FOUND. */
int store_wish_get(Store *s, int64_t id, Wish *out);
void wish_deinit(Wish *w);

/* "review", "open", "claimed", "fulfilled", "declined"; Chinese labels for screens. */
const char *wish_state_name(WishState st);
const char *wish_state_label(WishState st);
int wish_state_parse(const char *name, WishState *out);

#endif
