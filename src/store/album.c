/* Albums of the photo walls (declared in photo.h): validation, listing with photo
 * counts for residents or staff, name uniqueness, upsert by source_key, tombstones. */
#include "store/photo.h"
#include "store/store_internal.h"

#include <stdlib.h>
#include <string.h>

#define ALBUM_COLUMNS                                                                              \
    "a.id, a.name, a.kind, a.description, coalesce(a.event_at, 0), a.sort, a.source_key,"          \
    " a.updated_at"

void album_deinit(Album *a)
{
    if (!a)
        return;
    free(a->name);
    free(a->kind);
    free(a->description);
    free(a->source_key);
    memset(a, 0, sizeof *a);
}

void album_list_free(AlbumList *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->count; i++)
        album_deinit(&l->items[i]);
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

static int read_row(sqlite3_stmt *st, Album *a)
{
    memset(a, 0, sizeof *a);
    a->id = sqlite3_column_int64(st, 0);
    a->name = store_col_dup(st, 1);
    a->kind = store_col_dup(st, 2);
    a->description = store_col_dup(st, 3);
    a->event_at = sqlite3_column_int64(st, 4);
    a->sort = sqlite3_column_int(st, 5);
    a->source_key = sqlite3_column_type(st, 6) == SQLITE_NULL ? NULL : store_col_dup(st, 6);
    a->updated_at = sqlite3_column_int64(st, 7);
    if (!a->name || !a->kind || !a->description)
        return -1;
    return 0;
}

int store_album_list(Store *s, const AlbumQuery *q, AlbumList *out)
{
    static const AlbumQuery all = {0};
    if (!q)
        q = &all;
    store_clear_error(s);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = store_prepare(
        s, "SELECT " ALBUM_COLUMNS ", (SELECT count(*) FROM photos p WHERE p.album_id = a.id"
           " AND p.deleted = 0 AND (?2 OR p.consent = 1)) FROM albums a WHERE a.deleted = 0"
           " AND (?1 IS NULL OR a.kind = ?1) ORDER BY a.sort, a.name");
    if (!st)
        return -1;
    store_bind_text_or_null(st, 1, q->kind);
    sqlite3_bind_int(st, 2, q->include_hidden ? 1 : 0);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->count == cap) {
            cap = cap ? cap * 2 : 8;
            Album *p = realloc(out->items, cap * sizeof *p);
            if (!p)
                goto oom;
            out->items = p;
        }
        Album *a = &out->items[out->count++];
        if (read_row(st, a) < 0)
            goto oom;
        a->photo_count = sqlite3_column_int64(st, 8);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        album_list_free(out);
        return store_fail_sql(s, rc, "list albums");
    }
    return 0;
oom:
    sqlite3_finalize(st);
    album_list_free(out);
    return store_fail(s, REASON_STORAGE, "list albums: out of memory");
}

/* Fetches the live album where column = value (id or name). */
static int get_by(Store *s, const char *sql, int64_t id, const char *name, Album *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = store_prepare(s, sql);
    if (!st)
        return -1;
    if (name)
        sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        int r = read_row(st, out);
        sqlite3_finalize(st);
        if (r < 0) {
            album_deinit(out);
            return store_fail(s, REASON_STORAGE, "get album: out of memory");
        }
        return 0;
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return name ? store_fail(s, REASON_NOT_FOUND, "no album \"%.60s\"", name)
                    : store_fail(s, REASON_NOT_FOUND, "no album %lld", (long long)id);
    return store_fail_sql(s, rc, "get album");
}

int store_album_get(Store *s, int64_t id, Album *out)
{
    store_clear_error(s);
    return get_by(s, "SELECT " ALBUM_COLUMNS " FROM albums a WHERE a.id = ? AND a.deleted = 0", id,
                  NULL, out);
}

int store_album_find(Store *s, const char *name, Album *out)
{
    store_clear_error(s);
    memset(out, 0, sizeof *out);
    char *clean = NULL;
    if (store_check_text(s, name, STORE_TITLE_MAX, 1, "album name", &clean) < 0)
        return -1;
    int r = get_by(s, "SELECT " ALBUM_COLUMNS " FROM albums a WHERE a.name = ? AND a.deleted = 0",
                   0, clean, out);
    free(clean);
    return r;
}

/* The checked, trimmed copy of an Album that add and update write. */
typedef struct {
    char *name, *description;
    const char *kind;
} Clean;

static void clean_deinit(Clean *c)
{
    free(c->name);
    free(c->description);
}

static int validate(Store *s, const Album *in, Clean *c)
{
    memset(c, 0, sizeof *c);
    c->kind = in->kind && *in->kind ? in->kind : ALBUM_EVENT;
    if (strcmp(c->kind, ALBUM_PORTRAITS) != 0 && strcmp(c->kind, ALBUM_EVENT) != 0)
        return store_fail(s, REASON_INVALID_VALUE, "album kind \"%.20s\" is not %s or %s", c->kind,
                          ALBUM_PORTRAITS, ALBUM_EVENT);
    if (store_check_text(s, in->name, STORE_TITLE_MAX, 1, "album name", &c->name) < 0 ||
        store_check_text(s, in->description, ALBUM_DESCRIPTION_MAX, 0, "description",
                         &c->description) < 0) {
        clean_deinit(c);
        return -1;
    }
    if (in->event_at < 0) {
        clean_deinit(c);
        return store_fail(s, REASON_INVALID_VALUE, "album event time before 1970");
    }
    return 0;
}

/* Runs a "SELECT id[, deleted]" with ?1 = text (if any) and ?2 = num (if the SQL has
 * it: binding a missing index is a harmless SQLITE_RANGE); *id = 0 when no row.
 * *deleted (may be NULL) gets the tombstone flag. */
static int lookup(Store *s, const char *sql, const char *text, int64_t num, int64_t *id,
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
        if (deleted)
            *deleted = sqlite3_column_int(st, 1);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail_sql(s, rc, "album lookup");
    return 0;
}

/* Writes the fields of c/in to album id (reviving it), or inserts when id is 0.
 * An unchanged album keeps its updated_at. */
static int write_album(Store *s, int64_t id, const Album *in, const Clean *c, int64_t *id_out)
{
    sqlite3_stmt *st;
    if (id)
        st = store_prepare(
            s, "UPDATE albums SET name = ?1, kind = ?2, description = ?3, event_at = ?4,"
               " sort = ?5, source_key = coalesce(?7, source_key), deleted = 0, updated_at = ?6"
               " WHERE id = ?8 AND (name, kind, description, coalesce(event_at, 0), sort,"
               " deleted, source_key) IS NOT (?1, ?2, ?3, coalesce(?4, 0), ?5, 0,"
               " coalesce(?7, source_key))");
    else
        st = store_prepare(s, "INSERT INTO albums(name, kind, description, event_at, sort,"
                              " source_key, created_at, updated_at)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?7, ?6, ?6)");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, c->name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, c->kind, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, c->description ? c->description : "", -1, SQLITE_TRANSIENT);
    store_bind_time_or_null(st, 4, in->event_at);
    sqlite3_bind_int(st, 5, in->sort);
    sqlite3_bind_int64(st, 6, store_now(s));
    store_bind_text_or_null(st, 7, in->source_key);
    if (id)
        sqlite3_bind_int64(st, 8, id);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_fail_sql(s, rc, "write album");
    if (id_out)
        *id_out = id ? id : sqlite3_last_insert_rowid(s->db);
    return 0;
}

int store_album_add(Store *s, const Album *in, int64_t *id_out)
{
    store_clear_error(s);
    Clean c;
    if (validate(s, in, &c) < 0)
        return -1;
    if (store_tx_begin(s) < 0) {
        clean_deinit(&c);
        return -1;
    }
    int64_t id = 0, other = 0;
    int deleted = 0, ok = 0;
    if (in->source_key && *in->source_key &&
        lookup(s, "SELECT id, deleted FROM albums WHERE source_key = ?1", in->source_key, 0, &id,
               NULL) < 0)
        goto done;
    /* the name is unique even among tombstones: a removed album of that name returns,
     * a live one (from another source, or typed twice) is a duplicate */
    if (lookup(s, "SELECT id, deleted FROM albums WHERE name = ?1 AND id <> ?2", c.name, id, &other,
               &deleted) < 0)
        goto done;
    if (other && (id || !deleted)) {
        store_fail(s, REASON_DUPLICATE, "an album called \"%.60s\" exists", c.name);
        goto done;
    }
    if (other)
        id = other;
    ok = write_album(s, id, in, &c, id_out) == 0;
done:
    clean_deinit(&c);
    return store_tx_end(s, ok) == 0 && ok ? 0 : -1;
}

int store_album_update(Store *s, const Album *in)
{
    store_clear_error(s);
    Clean c;
    if (validate(s, in, &c) < 0)
        return -1;
    if (store_tx_begin(s) < 0) {
        clean_deinit(&c);
        return -1;
    }
    int64_t id = 0, other = 0;
    int ok = 0;
    if (lookup(s, "SELECT id FROM albums WHERE id = ?2 AND deleted = 0", NULL, in->id, &id, NULL) <
        0)
        goto done;
    if (!id) {
        store_fail(s, REASON_NOT_FOUND, "no album %lld", (long long)in->id);
        goto done;
    }
    if (lookup(s, "SELECT id FROM albums WHERE name = ?1 AND id <> ?2", c.name, id, &other, NULL) <
        0)
        goto done;
    if (other) {
        store_fail(s, REASON_DUPLICATE, "an album called \"%.60s\" exists", c.name);
        goto done;
    }
    Album keep = *in;
    keep.source_key = NULL; /* an edit never changes the import key */
    ok = write_album(s, id, &keep, &c, NULL) == 0;
done:
    clean_deinit(&c);
    return store_tx_end(s, ok) == 0 && ok ? 0 : -1;
}

/* Runs a tombstone UPDATE with ?1 = now, ?2 = id; *changed gets the row count. */
static int tombstone(Store *s, const char *sql, int64_t id, int *changed)
{
    sqlite3_stmt *st = store_prepare(s, sql);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, store_now(s));
    sqlite3_bind_int64(st, 2, id);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_fail_sql(s, rc, "remove album");
    *changed = sqlite3_changes(s->db);
    return 0;
}

int store_album_remove(Store *s, int64_t id)
{
    store_clear_error(s);
    if (store_tx_begin(s) < 0)
        return -1;
    int changed = 0, ok = 0;
    if (tombstone(s, "UPDATE albums SET deleted = 1, updated_at = ?1 WHERE id = ?2 AND deleted = 0",
                  id, &changed) < 0)
        goto done;
    if (!changed) {
        store_fail(s, REASON_NOT_FOUND, "no album %lld", (long long)id);
        goto done;
    }
    ok = tombstone(s,
                   "UPDATE photos SET deleted = 1, updated_at = ?1 WHERE album_id = ?2"
                   " AND deleted = 0",
                   id, &changed) == 0;
done:
    return store_tx_end(s, ok) == 0 && ok ? 0 : -1;
}
