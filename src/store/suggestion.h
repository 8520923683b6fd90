/* Suggestions (意见建议征集): residents write to the committee; staff mark them seen
 * and reply, and replied suggestions show publicly with the room masked.
 * A suggestion is a submission: UUID, receipt code and an outbox row, written in one
 * transaction. Replies are staff moderation, not a resident's change. */
#ifndef YX_STORE_SUGGESTION_H
#define YX_STORE_SUGGESTION_H

#include "store/store.h"

/* Categories in the order a form offers them; SUGGESTION_DEFAULT_CATEGORY when none
 * is chosen. Anything else is refused with REASON_INVALID_VALUE. */
#define SUGGESTION_DEFAULT_CATEGORY "其他"
extern const char *const SUGGESTION_CATEGORIES[];
extern const size_t SUGGESTION_CATEGORY_COUNT;

typedef enum { SUGGESTION_NEW, SUGGESTION_SEEN, SUGGESTION_REPLIED } SuggestionState;

typedef struct {
    int64_t id;
    char uuid[37];
    char receipt[7];
    char *category;
    char *text;
    char room[ROOM_MAX_LEN + 1]; /* "" when not given; "" in public lists */
    char room_masked[16];        /* "12**室", or "" when no room was given */
    char *contact;               /* normalised phone or ""; "" in public lists */
    SuggestionState state;
    char *reply; /* "" until replied */
    int64_t created_at;
    int64_t replied_at; /* 0 until replied */
    int from_hub;       /* taken in by another kiosk of the building (sync_verdict.c) */
} Suggestion;

typedef struct {
    Suggestion *items;
    size_t count;
} SuggestionList;

/* What a resident (or staff typing in a paper form) submits. */
typedef struct {
    const char *category; /* NULL or "": SUGGESTION_DEFAULT_CATEGORY */
    const char *text;     /* required, <= STORE_SUGGESTION_MAX code points */
    const char *room;     /* optional; checked against the building's rule */
    const char *contact;  /* optional phone (phone_normalize) */
} SuggestionInput;

typedef struct {
    int public_view;   /* only replied ones, newest reply first, room masked, no contact;
                          the building's other kiosks' too. The staff view lists only the
                          suggestions written here. */
    const char *state; /* staff view filter: "new", "seen", "replied"; NULL: all */
    int open_only;     /* staff view: not replied yet (new or seen) */
    size_t limit;      /* 0: no limit */
    size_t offset;     /* rows to skip (pages of a long list) */
} SuggestionQuery;

/* Adds a suggestion and its outbox event in one transaction. Fills *r (receipt for the
 * resident) on success. Fails (nothing written) with REASON_TEXT_*, REASON_INVALID_VALUE
 * (unknown category), REASON_ROOM_INVALID, REASON_PHONE_INVALID, REASON_DAILY_CAP
 * (STORE_SUGGESTIONS_PER_ROOM_DAY, counted only when a room is given) or REASON_STORAGE. */
int store_suggestion_add(Store *s, const SuggestionInput *in, StoreReceipt *r);

/* Lists suggestions (staff view: newest first). Fills *out (free with
 * suggestion_list_free) or returns -1 with *out empty. q NULL: staff view, all. */
int store_suggestion_list(Store *s, const SuggestionQuery *q, SuggestionList *out);
void suggestion_list_free(SuggestionList *l);

/* Fetches one suggestion (staff view). Free with suggestion_deinit. REASON_NOT_FOUND. */
int store_suggestion_get(Store *s, int64_t id, Suggestion *out);
void suggestion_deinit(Suggestion *sg);

/* Moderation. mark_seen: new -> seen (seen again: no change, returns 0; replied:
 * REASON_BAD_STATE). reply: any state -> replied with text <= STORE_REPLY_MAX; a second
 * reply replaces the first. Both: REASON_NOT_FOUND for an unknown id. */
int store_suggestion_mark_seen(Store *s, int64_t id);
int store_suggestion_reply(Store *s, int64_t id, const char *reply);

/* True when category is one of SUGGESTION_CATEGORIES. */
int suggestion_category_valid(const char *category);

/* "new"/"seen"/"replied" (stable, for CLI and JSON) and the Chinese label for screens. */
const char *suggestion_state_name(SuggestionState st);
const char *suggestion_state_label(SuggestionState st);
/* Parses a state name; returns 0 or -1. */
int suggestion_state_parse(const char *name, SuggestionState *out);

#endif
