/* The demo store: a believable Shanghai 楼组 (康乐小区12号楼, a 敬老楼 of the 美丽楼组
 * programme) with notices, health tips, portraits, activities, a lift consultation and
 * residents' submissions, for `yanxiactl seed --demo`, screenshots and benchmarks.
 * The texts live in data tables (demo_content.c, demo_notices.c, demo_health.c);
 * demo_seed.c writes them through the store API. */
#ifndef YX_TOOLS_DEMO_H
#define YX_TOOLS_DEMO_H

#include "store/activity.h"
#include "store/store.h"
#include "tools/portrait.h"

#include <stddef.h>

/* Fills s with the whole demo content in one batch, times relative to store_now(s).
 * Returns 0, or -1 with a one-line message in err; on failure nothing is written (the
 * batch is rolled back and every picture file made so far is removed). Takes a few
 * seconds at most: it draws and writes about 90 PNG pictures. */
int demo_seed(Store *s, char *err, size_t errlen);

/* Adds count generated portraits to the portrait album named album (created when
 * missing), pictures chosen by seed; for benchmarks that want a big wall. All portraits
 * have consent. Returns 0, or -1 with a message in err and nothing written. */
int demo_seed_portraits(Store *s, const char *album, int count, unsigned seed, char *err,
                        size_t errlen);

/* Adds count residents' submissions (suggestions, wishes, questions) from every room,
 * spread back over past days within the daily caps; for benchmarks. One batch: all or
 * nothing. Returns 0, or -1 with a message in err. */
int demo_seed_submissions(Store *s, int count, char *err, size_t errlen);

/* ---- the tables (demo_*.c) -------------------------------------------------------
 * Texts may hold date marks the seeder fills in relative to today: "{+2}" is the date
 * two days ahead ("11月25日"), "{-3w}" three days back with its weekday
 * ("11月20日（周五）"). */

typedef struct {
    const char *category; /* one of NOTICE_CATEGORIES */
    const char *title;
    const char *author;
    int pinned;
    int published_days_ago; /* >= 1, at publish_hour */
    int publish_hour;
    int expires_in_days; /* 0: never; < 0: already expired (staff sees it) */
    const char *body;
} DemoNotice;

typedef struct {
    int month; /* 1..12: the calendar month it was written for */
    const char *title;
    const char *body;
} DemoTip;

typedef struct {
    const char *room;
    const char *text;
    const char *answer; /* NULL: not answered yet */
} DemoQuestion;

typedef struct {
    const char *name;
    PortraitSex sex;
    PortraitAge age;
    int floor;
    const char *hobby;
    int consent;
} DemoPerson;

typedef struct {
    ActivityKind kind;
    const char *title;
    const char *description;
    const char *place;
    const char *schedule; /* teams */
    const char *organiser;
    int starts_in_days; /* events: day offset from today */
    int start_hour, start_minute, minutes;
    int deadline_days_before; /* events: sign-up closes this many days before; 0: at start */
    int capacity;             /* 0: no limit */
    int max_party;
    int no_waitlist;
} DemoActivity;

typedef struct {
    int activity; /* index into DEMO_ACTIVITIES */
    const char *room;
    const char *name;
    int party;
} DemoSignup;

typedef struct {
    const char *room;
    int option; /* index into DEMO_POLL_OPTIONS */
} DemoVote;

typedef struct {
    const char *kind; /* CONTACT_KINDS */
    const char *name;
    const char *phone;
    const char *note;
    const char *qr_text;
} DemoContact;

typedef struct {
    const char *form; /* PHRASE_* */
    const char *text;
} DemoPhrase;

typedef struct {
    const char *category;
    const char *text;
    const char *room;
    const char *contact;
    const char *reply; /* NULL: not replied; "" marks it seen only */
} DemoSuggestion;

typedef enum {
    DEMO_WISH_REVIEW,
    DEMO_WISH_OPEN,
    DEMO_WISH_CLAIMED,
    DEMO_WISH_FULFILLED
} DemoWishState;

typedef struct {
    const char *text;
    const char *room;
    DemoWishState state;
    const char *claim_room, *claim_name;
} DemoWish;

typedef struct {
    const char *name, *room;
} DemoVolunteer;

typedef struct {
    const char *caption;
} DemoScene;

#define DEMO_ALBUM_PORTRAITS  "笑脸墙"
#define DEMO_ALBUM_MID_AUTUMN "中秋游园会"
#define DEMO_ALBUM_STAIRWELL  "楼道美化日"

extern const DemoNotice DEMO_NOTICES[];
extern const size_t DEMO_NOTICE_COUNT;
extern const DemoTip DEMO_TIPS[12]; /* DEMO_TIPS[m - 1] is for month m */
extern const char *const DEMO_TIP_AUTHOR;
/* Last month's extra tip: the doctor's handwritten page, as a photo (issue 13). */
extern const char *const DEMO_TIP_PAGE_TITLE;
extern const char *const DEMO_TIP_PAGE_LINES[];
extern const size_t DEMO_TIP_PAGE_LINE_COUNT;
/* Renders lines on lined letter paper in a Kai face and saves a JPEG at path (demo_page.c).
 * 0 with its size, or -1 with err (no font, no memory, the disk). */
int demo_page_render(const char *const *lines, size_t n, const char *path, int *width, int *height,
                     char *err, size_t errlen);
extern const DemoQuestion DEMO_QUESTIONS[];
extern const size_t DEMO_QUESTION_COUNT;
extern const char *const DEMO_QUESTION_ANSWERER;
extern const DemoPerson DEMO_PEOPLE[];
extern const size_t DEMO_PEOPLE_COUNT;
extern const DemoScene DEMO_MID_AUTUMN_SCENES[];
extern const size_t DEMO_MID_AUTUMN_SCENE_COUNT;
extern const DemoScene DEMO_STAIRWELL_SCENES[];
extern const size_t DEMO_STAIRWELL_SCENE_COUNT;
extern const DemoActivity DEMO_ACTIVITIES[];
extern const size_t DEMO_ACTIVITY_COUNT;
extern const DemoSignup DEMO_SIGNUPS[];
extern const size_t DEMO_SIGNUP_COUNT;
extern const char *const DEMO_POLL_QUESTION;
extern const char *const DEMO_POLL_DESCRIPTION;
extern const char *const DEMO_POLL_OPTIONS[];
extern const size_t DEMO_POLL_OPTION_COUNT;
extern const DemoVote DEMO_VOTES[];
extern const size_t DEMO_VOTE_COUNT;
extern const DemoVolunteer DEMO_VOLUNTEERS[];
extern const size_t DEMO_VOLUNTEER_COUNT;
extern const DemoContact DEMO_CONTACTS[];
extern const size_t DEMO_CONTACT_COUNT;
extern const DemoPhrase DEMO_PHRASES[];
extern const size_t DEMO_PHRASE_COUNT;
extern const DemoSuggestion DEMO_SUGGESTIONS[];
extern const size_t DEMO_SUGGESTION_COUNT;
extern const DemoWish DEMO_WISHES[];
extern const size_t DEMO_WISH_COUNT;

#endif
