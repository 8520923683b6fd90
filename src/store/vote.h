/* Votes in polls: one voice per household (room). A changed vote is a new row naming
 * the one it replaces; results count each household's latest vote only. */
#ifndef YX_STORE_VOTE_H
#define YX_STORE_VOTE_H

#include "store/poll.h"

/* Casts room's first vote. *out (may be NULL) gets UUID and receipt. Refusals (nothing
 * written, no outbox row): REASON_NOT_FOUND (no such poll or tombstoned),
 * REASON_POLL_NOT_OPEN (outside [opens_at, closes_at)), REASON_INVALID_OPTION (not an
 * option of this poll), REASON_ROOM_*, REASON_ALREADY_VOTED, REASON_STORAGE. */
int store_vote_cast(Store *s, int64_t poll_id, int64_t option_id, const char *room,
                    StoreReceipt *out);

/* Changes room's vote: a new row whose supersedes names the room's latest vote.
 * Same refusals as store_vote_cast, with REASON_NOT_VOTED instead of ALREADY_VOTED.
 * Choosing the option already chosen is accepted (a new event, nothing else changes). */
int store_vote_change(Store *s, int64_t poll_id, int64_t option_id, const char *room,
                      StoreReceipt *out);

/* The option room's latest vote is for, with that vote's receipt (may be NULL).
 * REASON_NOT_VOTED if the room has not voted. */
int store_vote_find(Store *s, int64_t poll_id, const char *room, int64_t *option_id,
                    StoreReceipt *out);

typedef struct {
    int64_t option_id;
    char *label;
    int64_t households; /* households whose latest vote is this option */
} PollTally;

/* Results under the civil-code rule for shared building decisions: valid when at least
 * 2/3 of households take part, and at least 3/4 of those agree. "Agree" is taken to be
 * the poll's FIRST option (write polls as 同意 / 不同意 / ...). Comparisons are exact
 * integer ones (3*voted >= 2*households, 4*agree >= 3*voted). */
typedef struct {
    int64_t poll_id;
    PollTally *tallies; /* in option order */
    size_t count;
    int64_t voted;         /* households that voted */
    int64_t households;    /* kiosk.households; 0: not configured */
    double participation;  /* voted / households; 0 when households is 0 */
    double agreement;      /* first option / voted; 0 when nobody voted */
    int quorum_reached;    /* households > 0 and participation >= 2/3 */
    int agreement_reached; /* voted > 0 and agreement >= 3/4 */
    int passed;            /* both */
} PollResults;

/* Sets participation, agreement and the three verdicts of *r from its tallies, voted and
 * households (the one rule, for the kiosk store's results and the hub's). */
void poll_results_judge(PollResults *r);

/* Fills *r for a poll (tombstoned ones too; free with poll_results_deinit).
 * REASON_NOT_FOUND if there is no such poll. */
int store_poll_results(Store *s, int64_t poll_id, PollResults *r);
void poll_results_deinit(PollResults *r);

typedef struct {
    int64_t id;
    char uuid[37];
    char receipt[7];
    int64_t poll_id;
    char *poll_question;
    int64_t option_id;
    char *option_label;
    char room[ROOM_MAX_LEN + 1];
    char supersedes[37]; /* "" for a first vote */
    int current;         /* 1: this is the room's latest vote (the one counted) */
    int64_t created_at;
} Vote;

typedef struct {
    Vote *items;
    size_t count;
} VoteList;

/* Every vote of a poll (poll_id 0: of all polls) in order of arrival, changed ones
 * included: the CSV export. Fills *out (free with vote_list_free) or returns -1. */
int store_vote_list(Store *s, int64_t poll_id, VoteList *out);
void vote_list_free(VoteList *l);

#endif
