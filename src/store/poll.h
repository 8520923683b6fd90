/* Polls (意向征询): a question put to the building's households, e.g. 加装电梯, with 2-10
 * options, open in [opens_at, closes_at). Votes and results live in vote.h. */
#ifndef YX_STORE_POLL_H
#define YX_STORE_POLL_H

#include "store/store.h"

#define POLL_OPTIONS_MIN 2
#define POLL_OPTIONS_MAX 10

typedef struct {
    int64_t id;
    int sort; /* 0-based position */
    char *label;
} PollOption;

typedef struct {
    int64_t id;
    char *question;
    char *description;
    int64_t opens_at;  /* 0 on add: now */
    int64_t closes_at; /* must be after opens_at */
    PollOption *options;
    size_t option_count;
    char *source_key;   /* import key or NULL */
    int64_t updated_at; /* set by the store */
} Poll;

typedef struct {
    Poll *items;
    size_t count;
} PollList;

typedef struct {
    int include_closed; /* staff view: also not yet open and closed polls */
    size_t limit;       /* 0: no limit */
} PollQuery;

/* Lists polls not tombstoned, options included: for residents the open ones, closing
 * soonest first; with include_closed all of them, newest opening first. q may be NULL.
 * Fills *out (free with poll_list_free) or returns -1. */
int store_poll_list(Store *s, const PollQuery *q, PollList *out);
void poll_list_free(PollList *l);

/* Fetches one poll with its options (closed ones too, not tombstones).
 * REASON_NOT_FOUND if none. Free with poll_deinit. */
int store_poll_get(Store *s, int64_t id, Poll *out);
void poll_deinit(Poll *p);

/* Validates and adds a poll with the given option labels (in->options is ignored);
 * *id_out (may be NULL) gets the id. With a source_key that exists already, updates
 * that poll instead; its options are replaced only if the labels differ, and then only
 * while nobody has voted (else REASON_INVALID_VALUE). REASON_INVALID_VALUE for fewer
 * than 2 or more than 10 options, a repeated label, or closes_at <= opens_at. */
int store_poll_add(Store *s, const Poll *in, const char *const *labels, size_t label_count,
                   int64_t *id_out);

/* Tombstones a poll; its votes stay for export. REASON_NOT_FOUND if there is none. */
int store_poll_remove(Store *s, int64_t id);

/* True when now is in [opens_at, closes_at). */
int poll_is_open(const Poll *p, int64_t now);

#endif
