/* Photos of the photo walls: content-addressed files (temp file, fsync, rename),
 * idempotent adds, consent-aware listing, edits and tombstones. Albums: album.c. */
#include "store/photo.h"
#include "store/store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PHOTO_COLUMNS                                                                              \
    "p.id, p.album_id, p.sha256, p.width, p.height, p.bytes, p.caption, p.person_name,"            \
    " coalesce(p.floor, 0), p.consent, p.sort, p.source_key, p.updated_at"

void photo_deinit(Photo *p)
{
    if (!p)
        return;
    free(p->caption);
    free(p->person_name);
    free(p->source_key);
    memset(p, 0, sizeof *p);
}

void photo_list_free(PhotoList *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->count; i++)
        photo_deinit(&l->items[i]);
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

static int sha_valid(const char *h)
{
    if (!h || strlen(h) != SHA256_HEX_LEN)
        return 0;
    for (const char *c = h; *c; c++)
        if (!((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'f')))
            return 0;
    return 1;
}

char *store_photo_path(Store *s, const char *sha256)
{
    if (!sha_valid(sha256))
        return NULL;
    size_t n = strlen(s->dir) + sizeof "/photos/xx/" + SHA256_HEX_LEN;
    char *path = malloc(n);
    if (path)
        snprintf(path, n, "%s/photos/%.2s/%s", s->dir, sha256, sha256);
    return path;
}

static int read_row(sqlite3_stmt *st, Photo *p)
{
    memset(p, 0, sizeof *p);
    p->id = sqlite3_column_int64(st, 0);
    p->album_id = sqlite3_column_int64(st, 1);
    const unsigned char *h = sqlite3_column_text(st, 2);
    snprintf(p->sha256, sizeof p->sha256, "%s", h ? (const char *)h : "");
    p->width = sqlite3_column_int(st, 3);
    p->height = sqlite3_column_int(st, 4);
    p->bytes = sqlite3_column_int64(st, 5);
    p->caption = store_col_dup(st, 6);
    p->person_name = store_col_dup(st, 7);
    p->floor = sqlite3_column_int(st, 8);
    p->consent = sqlite3_column_int(st, 9);
    p->sort = sqlite3_column_int(st, 10);
    p->source_key = sqlite3_column_type(st, 11) == SQLITE_NULL ? NULL : store_col_dup(st, 11);
    p->updated_at = sqlite3_column_int64(st, 12);
    return p->caption && p->person_name ? 0 : -1;
}

/* WHERE clause shared by list and count: ?1 album (0: all), ?2 staff view. Photos of
 * removed albums are tombstoned with them; the album check is belt and braces. */
#define PHOTO_FILTER                                                                               \
    " FROM photos p JOIN albums a ON a.id = p.album_id WHERE p.deleted = 0 AND a.deleted = 0"      \
    " AND (?1 = 0 OR p.album_id = ?1) AND (?2 OR p.consent = 1)"

int store_photo_list(Store *s, const PhotoQuery *q, PhotoList *out)
{
    static const PhotoQuery all = {0};
    if (!q)
        q = &all;
    store_clear_error(s);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = store_prepare(s, "SELECT " PHOTO_COLUMNS PHOTO_FILTER
                                        " ORDER BY p.sort, p.id LIMIT ?3 OFFSET ?4");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, q->album_id);
    sqlite3_bind_int(st, 2, q->include_hidden ? 1 : 0);
    sqlite3_bind_int64(st, 3, q->limit ? (int64_t)q->limit : -1);
    sqlite3_bind_int64(st, 4, (int64_t)q->offset);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->count == cap) {
            cap = cap ? cap * 2 : 32;
            Photo *p = realloc(out->items, cap * sizeof *p);
            if (!p)
                goto oom;
            out->items = p;
        }
        if (read_row(st, &out->items[out->count++]) < 0)
            goto oom;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        photo_list_free(out);
        return store_fail_sql(s, rc, "list photos");
    }
    return 0;
oom:
    sqlite3_finalize(st);
    photo_list_free(out);
    return store_fail(s, REASON_STORAGE, "list photos: out of memory");
}

int store_photo_count(Store *s, const PhotoQuery *q, int64_t *count)
{
    static const PhotoQuery all = {0};
    if (!q)
        q = &all;
    store_clear_error(s);
    *count = 0;
    sqlite3_stmt *st = store_prepare(s, "SELECT count(*)" PHOTO_FILTER);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, q->album_id);
    sqlite3_bind_int(st, 2, q->include_hidden ? 1 : 0);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *count = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : store_fail_sql(s, rc, "count photos");
}

int store_photo_get(Store *s, int64_t id, Photo *out)
{
    store_clear_error(s);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st =
        store_prepare(s, "SELECT " PHOTO_COLUMNS " FROM photos p WHERE p.id = ? AND p.deleted = 0");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    if (store_step_one(s, st, "photo", id) < 1)
        return -1;
    int r = read_row(st, out);
    sqlite3_finalize(st);
    if (r < 0) {
        photo_deinit(out);
        return store_fail(s, REASON_STORAGE, "get photo: out of memory");
    }
    return 0;
}

/* The checked, trimmed editable fields of a photo. */
typedef struct {
    char *caption, *person_name;
} Clean;

static void clean_deinit(Clean *c)
{
    free(c->caption);
    free(c->person_name);
}

static int validate(Store *s, const Photo *in, Clean *c)
{
    memset(c, 0, sizeof *c);
    RoomRule rule = store_room_rule(s);
    if (in->floor != 0 && (in->floor < rule.floor_min || in->floor > rule.floor_max))
        return store_fail(s, REASON_INVALID_VALUE, "floor %d is not %d-%d", in->floor,
                          rule.floor_min, rule.floor_max);
    if (store_check_text(s, in->caption, STORE_SHORT_MAX, 0, "caption", &c->caption) < 0 ||
        store_check_text(s, in->person_name, STORE_NAME_MAX, 0, "name", &c->person_name) < 0) {
        clean_deinit(c);
        return -1;
    }
    return 0;
}

/* mkdir that accepts an existing directory. */
static int ensure_dir(Store *s, const char *path)
{
    if (mkdir(path, 0755) == 0 || errno == EEXIST)
        return 0;
    return store_fail(s, REASON_STORAGE, "mkdir %s: %s", path, strerror(errno));
}

/* fsync of a directory so a rename inside it survives a power cut. */
static void sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* Copies src into tmp (created exclusively) and fsyncs it. */
static int copy_synced(Store *s, const char *src, const char *tmp)
{
    int in = open(src, O_RDONLY);
    if (in < 0)
        return store_fail(s, errno == ENOENT ? REASON_NOT_FOUND : REASON_STORAGE, "open %s: %s",
                          src, strerror(errno));
    int out = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (out < 0) {
        int e = errno;
        close(in);
        return store_fail(s, REASON_STORAGE, "create %s: %s", tmp, strerror(e));
    }
    char buf[65536];
    ssize_t n;
    int err = 0;
    while ((n = read(in, buf, sizeof buf)) > 0) {
        for (ssize_t done = 0; done < n;) {
            ssize_t w = write(out, buf + done, (size_t)(n - done));
            if (w < 0) {
                if (errno == EINTR)
                    continue;
                err = errno;
                break;
            }
            done += w;
        }
        if (err)
            break;
    }
    if (n < 0 && !err)
        err = errno;
    if (!err && fsync(out) < 0)
        err = errno;
    if (close(out) < 0 && !err)
        err = errno;
    close(in);
    if (err) {
        unlink(tmp);
        return store_fail(s, REASON_STORAGE, "copy %s: %s", src, strerror(err));
    }
    return 0;
}

/* Puts the file with content hash sha (of size bytes) in place under photos/. */
static int place_file(Store *s, const char *src, const char *sha, long long bytes)
{
    char *final = store_photo_path(s, sha);
    size_t n = strlen(s->dir) + 64;
    char *dir = malloc(n), *tmp = final ? malloc(strlen(final) + 32) : NULL;
    int r = -1;
    if (!final || !dir || !tmp) {
        store_fail(s, REASON_STORAGE, "photo path: out of memory");
        goto done;
    }
    struct stat sb;
    if (stat(final, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size == bytes) {
        r = 0; /* content-addressed and renamed in whole: what is there is right */
        goto done;
    }
    snprintf(dir, n, "%s/photos", s->dir);
    if (ensure_dir(s, dir) < 0)
        goto done;
    snprintf(dir, n, "%s/photos/%.2s", s->dir, sha);
    if (ensure_dir(s, dir) < 0)
        goto done;
    sprintf(tmp, "%s.tmp%ld", final, (long)getpid());
    if (copy_synced(s, src, tmp) < 0)
        goto done;
    /* the source could have changed since it was hashed: the name must tell the truth */
    char got[SHA256_HEX_LEN + 1];
    if (sha256_file_hex(tmp, got, NULL) < 0 || strcmp(got, sha) != 0) {
        unlink(tmp);
        store_fail(s, REASON_STORAGE, "%s changed while it was copied", src);
        goto done;
    }
    if (rename(tmp, final) < 0) {
        int e = errno;
        unlink(tmp);
        store_fail(s, REASON_STORAGE, "rename %s: %s", final, strerror(e));
        goto done;
    }
    sync_dir(dir);
    r = 0;
done:
    free(tmp);
    free(dir);
    free(final);
    return r;
}

/* Runs a "SELECT id, deleted" with ?1 = text (if any) and ?2 = num (if the SQL has
 * it: binding a missing index is a harmless SQLITE_RANGE); *id = 0 when no row. */
static int find_row(Store *s, const char *sql, const char *text, int64_t num, int64_t *id,
                    int *deleted)
{
    *id = 0;
    sqlite3_stmt *st = store_prepare(s, sql);
    if (!st)
        return -1;
    if (text)
        sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, num);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        *deleted = sqlite3_column_int(st, 1);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail_sql(s, rc, "find photo");
}

/* Brings back a tombstoned photo row. */
static int revive(Store *s, int64_t id)
{
    sqlite3_stmt *st =
        store_prepare(s, "UPDATE photos SET deleted = 0, updated_at = ? WHERE id = ?");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, store_now(s));
    sqlite3_bind_int64(st, 2, id);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail_sql(s, rc, "revive photo");
}

/* The row half of store_photo_add_file, inside a transaction. */
static int add_row(Store *s, Photo *meta, const Clean *c)
{
    int64_t id = 0, album = 0;
    int deleted = 0;
    if (find_row(s, "SELECT id, deleted FROM albums WHERE id = ?2", NULL, meta->album_id, &album,
                 &deleted) < 0)
        return -1;
    if (!album || deleted)
        return store_fail(s, REASON_NOT_FOUND, "no album %lld", (long long)meta->album_id);
    if (find_row(s, "SELECT id, deleted FROM photos WHERE sha256 = ?1 AND album_id = ?2",
                 meta->sha256, meta->album_id, &id, &deleted) < 0)
        return -1;
    if (id) {
        meta->id = id;
        return deleted ? revive(s, id) : 0;
    }
    if (meta->source_key && *meta->source_key) {
        if (find_row(s, "SELECT id, deleted FROM photos WHERE source_key = ?1", meta->source_key, 0,
                     &id, &deleted) < 0)
            return -1;
        if (id)
            return store_fail(s, REASON_DUPLICATE, "photo key %.80s names another file",
                              meta->source_key);
    }
    sqlite3_stmt *st = store_prepare(
        s, "INSERT INTO photos(album_id, sha256, width, height, bytes, caption, person_name,"
           " floor, consent, sort, source_key, created_at, updated_at)"
           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?12, ?12)");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, meta->album_id);
    sqlite3_bind_text(st, 2, meta->sha256, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, meta->width);
    sqlite3_bind_int(st, 4, meta->height);
    sqlite3_bind_int64(st, 5, meta->bytes);
    sqlite3_bind_text(st, 6, c->caption ? c->caption : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, c->person_name ? c->person_name : "", -1, SQLITE_STATIC);
    store_bind_time_or_null(st, 8, meta->floor); /* 0 -> NULL: floor not given */
    sqlite3_bind_int(st, 9, meta->consent ? 1 : 0);
    sqlite3_bind_int(st, 10, meta->sort);
    store_bind_text_or_null(st, 11, meta->source_key);
    sqlite3_bind_int64(st, 12, store_now(s));
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_fail_sql(s, rc, "add photo");
    meta->id = sqlite3_last_insert_rowid(s->db);
    return 0;
}

int store_photo_put_file(Store *s, const char *src_path, char sha256[SHA256_HEX_LEN + 1],
                         int64_t *bytes)
{
    store_clear_error(s);
    long long n = 0;
    char sha[SHA256_HEX_LEN + 1];
    sha256[0] = '\0';
    *bytes = 0;
    if (sha256_file_hex(src_path, sha, &n) < 0)
        return store_fail(s, errno == ENOENT ? REASON_NOT_FOUND : REASON_STORAGE, "%s: %s",
                          src_path, strerror(errno));
    if (n == 0)
        return store_fail(s, REASON_NOT_AN_IMAGE, "%s: empty file", src_path);
    if (place_file(s, src_path, sha, n) < 0)
        return -1;
    memcpy(sha256, sha, sizeof sha);
    *bytes = n;
    return 0;
}

int store_photo_add_file(Store *s, const char *src_path, Photo *meta)
{
    store_clear_error(s);
    meta->id = 0;
    if (meta->width <= 0 || meta->height <= 0)
        return store_fail(s, REASON_NOT_AN_IMAGE, "%s: no picture size (%dx%d)", src_path,
                          meta->width, meta->height);
    Clean c;
    if (validate(s, meta, &c) < 0)
        return -1;
    long long bytes = 0;
    char sha[SHA256_HEX_LEN + 1];
    if (sha256_file_hex(src_path, sha, &bytes) < 0) {
        clean_deinit(&c);
        return store_fail(s, errno == ENOENT ? REASON_NOT_FOUND : REASON_STORAGE, "%s: %s",
                          src_path, strerror(errno));
    }
    if (bytes == 0) {
        clean_deinit(&c);
        return store_fail(s, REASON_NOT_AN_IMAGE, "%s: empty file", src_path);
    }
    /* the file goes in first: a row must never point at a file that is not whole */
    if (place_file(s, src_path, sha, bytes) < 0) {
        clean_deinit(&c);
        return -1;
    }
    memcpy(meta->sha256, sha, sizeof sha);
    meta->bytes = bytes;
    int ok = store_tx_begin(s) == 0;
    if (ok)
        ok = store_tx_end(s, add_row(s, meta, &c) == 0) == 0;
    clean_deinit(&c);
    if (!ok)
        meta->id = 0;
    return ok ? 0 : -1;
}

int store_photo_update(Store *s, const Photo *in)
{
    store_clear_error(s);
    Clean c;
    if (validate(s, in, &c) < 0)
        return -1;
    sqlite3_stmt *st = store_prepare(
        s, "UPDATE photos SET caption = ?1, person_name = ?2, floor = ?3, consent = ?4,"
           " sort = ?5, updated_at = ?6 WHERE id = ?7 AND deleted = 0");
    if (!st) {
        clean_deinit(&c);
        return -1;
    }
    sqlite3_bind_text(st, 1, c.caption ? c.caption : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, c.person_name ? c.person_name : "", -1, SQLITE_STATIC);
    store_bind_time_or_null(st, 3, in->floor); /* 0 -> NULL: floor not given */
    sqlite3_bind_int(st, 4, in->consent ? 1 : 0);
    sqlite3_bind_int(st, 5, in->sort);
    sqlite3_bind_int64(st, 6, store_now(s));
    sqlite3_bind_int64(st, 7, in->id);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    clean_deinit(&c);
    if (rc != SQLITE_DONE)
        return store_fail_sql(s, rc, "update photo");
    if (sqlite3_changes(s->db) == 0)
        return store_fail(s, REASON_NOT_FOUND, "no photo %lld", (long long)in->id);
    return 0;
}

int store_photo_remove(Store *s, int64_t id)
{
    return store_tombstone(s, "photos", "photo", id);
}
