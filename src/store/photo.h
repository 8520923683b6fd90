/* Photo walls: albums (the 笑脸墙 portrait wall, event albums) and their photos.
 * Photo files are addressed by SHA-256 under <store_dir>/photos/<2 hex>/<sha256>; the
 * store copies them in but never decodes them (the caller gives width and height).
 * A photo without the person's consent is never listed for residents. */
#ifndef YX_STORE_PHOTO_H
#define YX_STORE_PHOTO_H

#include "core/sha256.h"
#include "store/store.h"

#define ALBUM_PORTRAITS "portraits" /* 笑脸墙 */
#define ALBUM_EVENT     "event"

#define ALBUM_DESCRIPTION_MAX 500 /* code points */

typedef struct {
    int64_t id;
    char *name; /* unique among albums */
    char *kind; /* ALBUM_PORTRAITS or ALBUM_EVENT */
    char *description;
    int64_t event_at; /* 0: none */
    int sort;         /* smaller first */
    char *source_key; /* import key or NULL */
    int64_t updated_at;
    int64_t photo_count; /* filled by store_album_list only (view of that query) */
} Album;

typedef struct {
    Album *items;
    size_t count;
} AlbumList;

typedef struct {
    const char *kind;   /* NULL: all kinds */
    int include_hidden; /* staff view: photo_count counts photos without consent too */
} AlbumQuery;

typedef struct {
    int64_t id;
    int64_t album_id;
    char sha256[SHA256_HEX_LEN + 1];
    int width, height; /* pixels, > 0 */
    int64_t bytes;
    char *caption;
    char *person_name;
    int floor;   /* 0: not given */
    int consent; /* 0: never shown to residents */
    int sort;
    char *source_key;
    int64_t updated_at;
} Photo;

typedef struct {
    Photo *items;
    size_t count;
} PhotoList;

typedef struct {
    int64_t album_id;   /* 0: every album */
    int include_hidden; /* staff view: photos without consent too */
    size_t limit;       /* 0: no limit */
    size_t offset;
} PhotoQuery;

/* Albums by sort, then name. q may be NULL (all, residents' counts). Free with
 * album_list_free; -1 on failure. */
int store_album_list(Store *s, const AlbumQuery *q, AlbumList *out);
void album_list_free(AlbumList *l);

/* One album by id or by name (not tombstones); REASON_NOT_FOUND if none. Free with
 * album_deinit. photo_count is left 0. */
int store_album_get(Store *s, int64_t id, Album *out);
int store_album_find(Store *s, const char *name, Album *out);
void album_deinit(Album *a);

/* Validates and adds. With a source_key that exists, updates that album instead; a
 * removed album of the same name comes back. A live album of the same name and
 * another (or no) source_key: REASON_DUPLICATE. *id_out may be NULL. */
int store_album_add(Store *s, const Album *in, int64_t *id_out);

/* Replaces name, kind, description, event_at, sort of album in->id.
 * REASON_NOT_FOUND, REASON_DUPLICATE (name taken). */
int store_album_update(Store *s, const Album *in);

/* Tombstones an album and its photos. REASON_NOT_FOUND if none. */
int store_album_remove(Store *s, int64_t id);

/* Copies the file at src_path into the photo store (temp file, fsync, rename; skipped
 * when the content is there already) and adds a row for it in meta->album_id with
 * meta's width, height (> 0, else REASON_NOT_AN_IMAGE), caption, person_name, floor,
 * consent, sort, source_key. Fills meta->sha256, meta->bytes and meta->id.
 * The same file in the same album again returns the existing id (a removed one comes
 * back) and changes nothing else. On failure (REASON_NOT_FOUND: no such album or file;
 * REASON_STORAGE: unreadable file or disk refuses) no row is written. */
int store_photo_add_file(Store *s, const char *src_path, Photo *meta);

/* Copies the file at src_path into the photo store as store_photo_add_file does, with
 * no photo row: for content that carries a picture of its own (a health tip's
 * handwritten page). Fills sha256 and *bytes. 0, or -1 (REASON_NOT_FOUND: no such
 * file; REASON_NOT_AN_IMAGE: empty; REASON_STORAGE) with nothing left behind but a
 * whole file, which the maintenance sweep removes when no row names it. */
int store_photo_put_file(Store *s, const char *src_path, char sha256[SHA256_HEX_LEN + 1],
                         int64_t *bytes);

/* "<store_dir>/photos/ab/abcd…" for a 64-hex sha256. Caller frees. NULL when sha256
 * is not 64 lower-case hex digits or memory runs out. Does not check the file exists. */
char *store_photo_path(Store *s, const char *sha256);

/* Photos by sort, then id; residents' view (include_hidden = 0) leaves out photos
 * without consent and those of removed albums. Free with photo_list_free. */
int store_photo_list(Store *s, const PhotoQuery *q, PhotoList *out);
void photo_list_free(PhotoList *l);

/* How many photos store_photo_list would return without limit/offset. */
int store_photo_count(Store *s, const PhotoQuery *q, int64_t *count);

/* One photo (also without consent; not a tombstone). Free with photo_deinit. */
int store_photo_get(Store *s, int64_t id, Photo *out);
void photo_deinit(Photo *p);

/* Replaces caption, person_name, floor, consent and sort of photo in->id (file,
 * album and size stay). REASON_NOT_FOUND if none. */
int store_photo_update(Store *s, const Photo *in);

/* Tombstones a photo (its file stays: another album may share it). */
int store_photo_remove(Store *s, int64_t id);

#endif
