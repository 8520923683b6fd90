/* The health column's monthly tips (健康小贴士): a volunteer doctor writes a few each
 * month. Tips are content: imported by source_key, removed as tombstones. */
#ifndef YX_STORE_HEALTH_H
#define YX_STORE_HEALTH_H

#include "core/sha256.h"
#include "store/store.h"

typedef struct {
    int64_t id;
    char *month; /* "YYYY-MM" */
    char *title;
    char *body; /* may be "" when the tip has a photo */
    char *author;
    char *source_key;   /* import key or NULL */
    int64_t updated_at; /* set by the store */
    /* a photo of the doctor's handwritten page, in the photo store by its hash
     * (store_photo_path); "" when the tip is typed text only */
    char photo_sha256[SHA256_HEX_LEN + 1];
    int photo_width, photo_height; /* pixels, upright */
    int64_t photo_bytes;
} HealthTip;

typedef struct {
    HealthTip *items;
    size_t count;
} HealthTipList;

typedef struct {
    const char *month; /* "YYYY-MM", NULL: every month */
    size_t limit;      /* 0: no limit */
} HealthTipQuery;

/* Lists tips, newest month first, then by id. q may be NULL (all). Fills *out (free
 * with health_tip_list_free) or returns -1 (REASON_INVALID_VALUE for a bad month). */
int store_tip_list(Store *s, const HealthTipQuery *q, HealthTipList *out);
void health_tip_list_free(HealthTipList *l);

/* The tips a screen shows for month ("YYYY-MM"; NULL: the month of store_now()): that
 * month's, or when it has none, those of the latest earlier month that has some.
 * *out may be empty. Free with health_tip_list_free; -1 on failure. */
int store_tip_for_month(Store *s, const char *month, HealthTipList *out);

/* Fetches one tip (not a tombstone). REASON_NOT_FOUND if none. Free with
 * health_tip_deinit. */
int store_tip_get(Store *s, int64_t id, HealthTip *out);
void health_tip_deinit(HealthTip *t);

/* Validates and adds; *id_out (may be NULL) gets the id. With a source_key that
 * exists already, updates that tip instead (untouched when nothing changed). A tip
 * needs a body unless it has a photo: in->photo_sha256 non-empty names a file already
 * whole in the photo store (store_photo_put_file) with its size; REASON_NOT_FOUND when
 * it is not there, REASON_INVALID_VALUE for neither body nor photo. */
int store_tip_add(Store *s, const HealthTip *in, int64_t *id_out);

/* Replaces every field of tip in->id. REASON_NOT_FOUND if there is none. */
int store_tip_update(Store *s, const HealthTip *in);

/* Tombstones a tip. REASON_NOT_FOUND if there is none. */
int store_tip_remove(Store *s, int64_t id);

/* True when month is a real "YYYY-MM" (2000-01 .. 2099-12). */
int health_month_valid(const char *month);

#endif
