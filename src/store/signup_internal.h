/* Inside the store only: how signup.c works out sign-up status for an activity the hub
 * decides (signup_hub.c). Nothing here allocates or fails. */
#ifndef YX_STORE_SIGNUP_INTERNAL_H
#define YX_STORE_SIGNUP_INTERNAL_H

#include "store/activity.h"
#include "store/signup.h"

#include <sqlite3.h>

/* The hub's word on one sign-up (sync_decisions.state), HUB_NONE while it has none. */
typedef enum { HUB_NONE = 0, HUB_CONFIRMED, HUB_WAITLISTED, HUB_FULL, HUB_CANCELLED } HubState;

/* What decides the places of one activity. */
typedef struct {
    int capacity, waitlist;
    int64_t hub_id;     /* 0: a local activity, this kiosk decides alone */
    int has_tally;      /* the hub sent its count (sync_tallies) */
    ActivityFill tally; /* the hub's count, places_left unused */
} Terms;

/* The columns signup_terms_read_tally reads, from sync_tallies joined as t to the
 * activity a. */
#define TALLY_COLS                                                                                 \
    "t.activity_hub_id, t.confirmed_people, t.confirmed_signups, t.waiting_signups,"               \
    " t.waiting_people"
#define TALLY_JOIN " LEFT JOIN sync_tallies t ON t.activity_hub_id = a.hub_id"

/* A sync_decisions state (NULL: none); HUB_NONE for one this version does not know. */
HubState signup_hub_state_parse(const unsigned char *state);

/* Reads TALLY_COLS starting at result column col into t (NULL: no tally yet). */
void signup_terms_read_tally(sqlite3_stmt *st, int col, Terms *t);

/* Sets places_left from confirmed_people (-1 without a limit, never below 0). */
void signup_fill_finish(ActivityFill *f, int capacity);

/* The status of n sign-ups of one hub activity in order of arrival (hub[i]: the hub's
 * word on items[i]): the hub's decisions as decided (its tally counts them; without a
 * tally yet this kiosk's decided ones are the count; one cancelled here but not yet on
 * the hub is taken out), then the undecided ones walked first come first served after
 * them, marked pending. *fill (may be NULL) gets the combined fill. */
void signup_hub_apply(Signup *items, const HubState *hub, size_t n, const Terms *t,
                      ActivityFill *fill);

#endif
