/* Activities residents sign up for: one-off events (楼道清洁日, 重阳节包饺子) and standing
 * teams (拳操队, 合唱队). How full one is comes from its sign-ups (signup.h), never
 * from a stored counter, so a cancellation frees a place by itself. */
#ifndef YX_STORE_ACTIVITY_H
#define YX_STORE_ACTIVITY_H

#include "store/store.h"

typedef enum {
    ACTIVITY_EVENT = 0, /* one-off: starts_at/ends_at */
    ACTIVITY_TEAM,      /* standing team: schedule text */
} ActivityKind;

#define ACTIVITY_MAX_PARTY_DEFAULT 4
#define ACTIVITY_MAX_PARTY_LIMIT   20

/* How full an activity is, derived from its active sign-ups in strict FIFO order. For
 * a hub activity: the hub's count plus this kiosk's sign-ups the hub has not decided. */
typedef struct {
    int confirmed_people;  /* sum of confirmed party sizes */
    int confirmed_signups; /* households confirmed */
    int waiting_people;    /* sum of waitlisted party sizes */
    int waiting_signups;   /* households on the waiting list */
    int places_left;       /* capacity - confirmed_people; -1 when there is no limit */
} ActivityFill;

typedef struct {
    int64_t id;
    ActivityKind kind;
    char *title;
    char *description;
    char *place;
    int64_t starts_at;       /* events (0 for teams) */
    int64_t ends_at;         /* events; 0: same as starts_at */
    char *schedule;          /* teams: 每周二、四 早上7点 */
    int64_t signup_deadline; /* 0: none (events then close at starts_at) */
    int capacity;            /* people, 0: no limit */
    int max_party;           /* 1..20; 0 on add/update: ACTIVITY_MAX_PARTY_DEFAULT */
    int no_waitlist;         /* 1: refuse when full instead of queueing (zero = waitlist on) */
    char *organiser;
    char *source_key;   /* import key or NULL */
    int64_t updated_at; /* set by the store */
    ActivityFill fill;  /* set by list and get; ignored by add and update */
} Activity;

typedef struct {
    Activity *items;
    size_t count;
} ActivityList;

typedef struct {
    int include_hidden; /* staff view: also events that have ended */
    int teams_only;     /* only ACTIVITY_TEAM */
    int events_only;    /* only ACTIVITY_EVENT */
    size_t limit;       /* 0: no limit */
} ActivityQuery;

/* "event" / "team" and back. activity_kind_parse returns 0 and sets *out, or -1. */
const char *activity_kind_name(ActivityKind k);
int activity_kind_parse(const char *name, ActivityKind *out);

/* Lists activities not tombstoned: events that have not ended (ordered by start time),
 * then teams (by title). q may be NULL. Fills *out (free with activity_list_free) or
 * returns -1 with *out empty. */
int store_activity_list(Store *s, const ActivityQuery *q, ActivityList *out);
void activity_list_free(ActivityList *l);

/* Fetches one activity (also ended ones, not tombstones), fill included.
 * REASON_NOT_FOUND if there is none. Free with activity_deinit. */
int store_activity_get(Store *s, int64_t id, Activity *out);
void activity_deinit(Activity *a);

/* Validates and adds; *id_out (may be NULL) gets the id. With a source_key that exists
 * already, updates that activity instead (untouched when nothing changed, revived if
 * tombstoned). REASON_INVALID_VALUE for a bad kind, max_party, capacity or times;
 * text rules as store_check_text. */
int store_activity_add(Store *s, const Activity *in, int64_t *id_out);

/* Replaces every field of activity in->id. REASON_NOT_FOUND if there is none. */
int store_activity_update(Store *s, const Activity *in);

/* Tombstones an activity; its sign-ups stay for export. REASON_NOT_FOUND if none. */
int store_activity_remove(Store *s, int64_t id);

/* Fill of one activity (tombstoned ones too). REASON_NOT_FOUND if there is none. */
int store_activity_fill(Store *s, int64_t id, ActivityFill *out);

/* True while a resident may still sign up at time now (deadline, or an event's start
 * when there is no deadline). Says nothing about capacity. */
int activity_signup_open(const Activity *a, int64_t now);

#endif
