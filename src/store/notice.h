/* Notices (通知, 公约, 倡议书 ...): what the building tells its residents.
 * A notice shows from publish_at until expires_at (0: never); removing one leaves a
 * tombstone so a later sync can tell the hub's copy from a local deletion. */
#ifndef YX_STORE_NOTICE_H
#define YX_STORE_NOTICE_H

#include "store/store.h"

/* Categories in the order screens list them; NOTICE_URGENT stands out everywhere. */
#define NOTICE_URGENT "紧急"
extern const char *const NOTICE_CATEGORIES[];
extern const size_t NOTICE_CATEGORY_COUNT;

typedef struct {
    int64_t id;
    char *category; /* one of NOTICE_CATEGORIES */
    char *title;
    char *body;
    char *author;
    int pinned;
    int64_t publish_at; /* 0 on add: now */
    int64_t expires_at; /* 0: never */
    char *source_key;   /* import key or NULL */
    int64_t updated_at; /* set by the store */
} Notice;

typedef struct {
    Notice *items;
    size_t count;
} NoticeList;

typedef struct {
    const char *category; /* NULL: all */
    int include_hidden;   /* staff view: expired, not yet published */
    int urgent_only;      /* only NOTICE_URGENT (for the banner on every screen) */
    size_t limit;         /* 0: no limit */
} NoticeQuery;

/* Lists notices, pinned first, then newest published first. Fills *out (free with
 * notice_list_free) or returns -1. */
int store_notice_list(Store *s, const NoticeQuery *q, NoticeList *out);
void notice_list_free(NoticeList *l);

/* Fetches one notice (also hidden ones, not tombstones). Free with notice_deinit. */
int store_notice_get(Store *s, int64_t id, Notice *out);
void notice_deinit(Notice *n);

/* Validates and adds; *id_out gets the new id. With a source_key that exists already,
 * updates that notice instead (and leaves it untouched when nothing changed). */
int store_notice_add(Store *s, const Notice *in, int64_t *id_out);

/* Replaces every field of notice in->id. REASON_NOT_FOUND if there is none. */
int store_notice_update(Store *s, const Notice *in);

/* Tombstones a notice. REASON_NOT_FOUND if there is none. */
int store_notice_remove(Store *s, int64_t id);

/* True when category is one of NOTICE_CATEGORIES. */
int notice_category_valid(const char *category);

#endif
