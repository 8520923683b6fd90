/* Sign-ups for activities and their cancellations. Both are residents' submissions:
 * one transaction, a UUID, a receipt code and an outbox row each. Whether a sign-up is
 * confirmed or waitlisted is worked out on every read (strict first come, first served),
 * so a cancellation promotes the first waiting household without any update.
 * For an activity from the hub (hub_id set) the hub decides across kiosks: a sign-up it
 * decided shows the hub's state (sync_decisions), and the places are the hub's count
 * (sync_tallies) plus this kiosk's sign-ups it has not decided yet, walked after the
 * hub's in order of arrival; those are marked pending (an estimate). */
#ifndef YX_STORE_SIGNUP_H
#define YX_STORE_SIGNUP_H

#include "store/store.h"

typedef enum {
    SIGNUP_CONFIRMED = 0,
    SIGNUP_WAITLISTED,
    SIGNUP_CANCELLED,
    SIGNUP_FULL, /* the hub found no place and there is no waiting list: not signed up */
} SignupStatus;

/* What a resident is told after signing up. */
typedef struct {
    StoreReceipt receipt;
    SignupStatus status;   /* SIGNUP_CONFIRMED or SIGNUP_WAITLISTED */
    int waitlist_position; /* 1 = next to move up; 0 when confirmed */
    int pending;           /* 1: a hub activity; the hub has the last word on status */
} SignupResult;

typedef struct {
    int64_t id;
    char uuid[37];
    char receipt[7];
    int64_t activity_id;
    char *activity_title; /* for export; "" if unknown */
    char room[ROOM_MAX_LEN + 1];
    char *name; /* "" when not given */
    char phone[PHONE_MAX_LEN + 1];
    int party_size;
    SignupStatus status;   /* derived at read time (the hub's, once it decided) */
    int waitlist_position; /* when SIGNUP_WAITLISTED and known, else 0: a sign-up the hub
                              waitlisted has one only while every household waiting on
                              the hub is one of this kiosk's (else the order is unknown) */
    int pending;           /* 1: hub activity, not decided by the hub yet (an estimate) */
    int64_t created_at;
    int64_t cancelled_at; /* 0: active */
} Signup;

typedef struct {
    Signup *items;
    size_t count;
} SignupList;

/* "confirmed" / "waitlisted" / "cancelled" / "full" (stable, for CSV and JSON). */
const char *signup_status_name(SignupStatus st);
/* 已报名 / 候补 / 已取消 / 已满未报上: the residents' words, which every list and
 * export for staff uses (the console's pages and downloads, yanxiactl's). */
const char *signup_status_text(SignupStatus st);
/* The same words for a state by its name as the hub gives it (a name above, or "pending":
 * 等中心确认, the hub has not decided yet); name itself if it is none of them. */
const char *signup_state_text(const char *name);

/* Signs room up for an activity with party_size people (1..max_party). name and phone
 * are optional (NULL or ""). On success fills *out with the receipt and the status at
 * this moment. Refusals (nothing written, no outbox row): REASON_NOT_FOUND (no such
 * activity or tombstoned), REASON_ROOM_REQUIRED/ROOM_INVALID, REASON_PHONE_INVALID,
 * REASON_TEXT_* (name over STORE_NAME_MAX), REASON_PARTY_SIZE,
 * REASON_DEADLINE_PASSED, REASON_ALREADY_SIGNED_UP (the room holds an active sign-up),
 * REASON_ACTIVITY_FULL (no room for the party and no waiting list; for a hub activity
 * counted as store_activity_fill counts), REASON_STORAGE. */
int store_signup_add(Store *s, int64_t activity_id, const char *room, const char *name,
                     const char *phone, int party_size, SignupResult *out);

/* Cancels the room's active sign-up whose receipt is receipt_code (any case). Writes a
 * cancellation event; the sign-up row is never changed. *out (may be NULL) gets the
 * cancellation's own UUID and receipt. REASON_RECEIPT_MISMATCH when room, receipt and
 * activity do not name an active sign-up (cancelled, or the hub said full or
 * cancelled); REASON_ROOM_* for a bad room. */
int store_signup_cancel(Store *s, int64_t activity_id, const char *room, const char *receipt_code,
                        StoreReceipt *out);

/* The room's active sign-up for the activity with its current status ("你已报名").
 * REASON_NOT_FOUND if the room has none. Free with signup_deinit. */
int store_signup_find(Store *s, int64_t activity_id, const char *room, Signup *out);
void signup_deinit(Signup *g);

/* Sign-ups of one activity in the order they came, with derived status; cancelled ones
 * (and SIGNUP_FULL ones) only when include_cancelled. Fills *out (free with signup_list_free) or
 * returns -1. */
int store_signup_list(Store *s, int64_t activity_id, int include_cancelled, SignupList *out);

/* Every sign-up of every activity (tombstoned activities too), cancelled included,
 * grouped by activity then in order of arrival: the CSV export. */
int store_signup_list_all(Store *s, SignupList *out);
void signup_list_free(SignupList *l);

#endif
