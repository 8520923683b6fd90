/* Health tips: validation, month listing, the "tips of this month" fallback, upsert by
 * source_key and tombstones. */
#include "store/health.h"
#include "store/photo.h"
#include "store/store_internal.h"

#include "core/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define TIP_COLUMNS                                                                                \
    "id, month, title, body, author, source_key, updated_at, photo_sha256, photo_width,"           \
    " photo_height, photo_bytes"

int health_month_valid(const char *month)
{
    /* exactly DDDD-DD: months are compared as text, so "2026- 1" must not slip in */
    static const char shape[] = "dddd-dd";
    int y, m;
    if (!month || strlen(month) != 7)
        return 0;
    for (int i = 0; i < 7; i++)
        if (shape[i] == 'd' ? (month[i] < '0' || month[i] > '9') : month[i] != shape[i])
            return 0;
    if (time_parse_month(month, &y, &m) < 0)
        return 0;
    return y >= 2000 && y <= 2099 && m >= 1 && m <= 12;
}

void health_tip_deinit(HealthTip *t)
{
    if (!t)
        return;
    free(t->month);
    free(t->title);
    free(t->body);
    free(t->author);
    free(t->source_key);
    memset(t, 0, sizeof *t);
}

void health_tip_list_free(HealthTipList *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->count; i++)
        health_tip_deinit(&l->items[i]);
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

static int read_row(sqlite3_stmt *st, HealthTip *t)
{
    memset(t, 0, sizeof *t);
    t->id = sqlite3_column_int64(st, 0);
    t->month = store_col_dup(st, 1);
    t->title = store_col_dup(st, 2);
    t->body = store_col_dup(st, 3);
    t->author = store_col_dup(st, 4);
    t->source_key = sqlite3_column_type(st, 5) == SQLITE_NULL ? NULL : store_col_dup(st, 5);
    t->updated_at = sqlite3_column_int64(st, 6);
    const unsigned char *sha = sqlite3_column_text(st, 7);
    snprintf(t->photo_sha256, sizeof t->photo_sha256, "%s", sha ? (const char *)sha : "");
    t->photo_width = sqlite3_column_int(st, 8);
    t->photo_height = sqlite3_column_int(st, 9);
    t->photo_bytes = sqlite3_column_int64(st, 10);
    if (!t->month || !t->title || !t->body || !t->author)
        return -1;
    return 0;
}

/* Steps st to the end collecting rows into out; finalizes st. */
static int collect(Store *s, sqlite3_stmt *st, HealthTipList *out)
{
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->count == cap) {
            cap = cap ? cap * 2 : 16;
            HealthTip *p = realloc(out->items, cap * sizeof *p);
            if (!p)
                goto oom;
            out->items = p;
        }
        if (read_row(st, &out->items[out->count++]) < 0)
            goto oom;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        health_tip_list_free(out);
        return store_fail_sql(s, rc, "list tips");
    }
    return 0;
oom:
    sqlite3_finalize(st);
    health_tip_list_free(out);
    return store_fail(s, REASON_STORAGE, "list tips: out of memory");
}

int store_tip_list(Store *s, const HealthTipQuery *q, HealthTipList *out)
{
    static const HealthTipQuery all = {0};
    if (!q)
        q = &all;
    store_clear_error(s);
    memset(out, 0, sizeof *out);
    if (q->month && !health_month_valid(q->month))
        return store_fail(s, REASON_INVALID_VALUE, "month \"%.16s\" is not YYYY-MM", q->month);
    sqlite3_stmt *st =
        store_prepare(s, "SELECT " TIP_COLUMNS " FROM health_tips WHERE deleted = 0"
                         " AND (?1 IS NULL OR month = ?1) ORDER BY month DESC, id LIMIT ?2");
    if (!st)
        return -1;
    store_bind_text_or_null(st, 1, q->month);
    sqlite3_bind_int64(st, 2, q->limit ? (int64_t)q->limit : -1);
    return collect(s, st, out);
}

int store_tip_for_month(Store *s, const char *month, HealthTipList *out)
{
    store_clear_error(s);
    memset(out, 0, sizeof *out);
    char now_month[16];
    if (!month) {
        time_format(store_now(s), "%Y-%m", now_month, sizeof now_month);
        month = now_month;
    }
    if (!health_month_valid(month))
        return store_fail(s, REASON_INVALID_VALUE, "month \"%.16s\" is not YYYY-MM", month);
    /* A doctor who skipped a month should not leave the column empty: show the
     * latest earlier month instead. Months written as YYYY-MM sort as text. */
    sqlite3_stmt *st = store_prepare(
        s, "SELECT " TIP_COLUMNS " FROM health_tips WHERE deleted = 0 AND month ="
           " (SELECT max(month) FROM health_tips WHERE deleted = 0 AND month <= ?1) ORDER BY id");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, month, -1, SQLITE_TRANSIENT);
    return collect(s, st, out);
}

int store_tip_get(Store *s, int64_t id, HealthTip *out)
{
    store_clear_error(s);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st =
        store_prepare(s, "SELECT " TIP_COLUMNS " FROM health_tips WHERE id = ? AND deleted = 0");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    if (store_step_one(s, st, "health tip", id) < 1)
        return -1;
    int r = read_row(st, out);
    sqlite3_finalize(st);
    if (r < 0) {
        health_tip_deinit(out);
        return store_fail(s, REASON_STORAGE, "get tip: out of memory");
    }
    return 0;
}

/* The checked, trimmed copy of a tip that add and update write. */
typedef struct {
    char *title, *body, *author;
} Clean;

static void clean_deinit(Clean *c)
{
    free(c->title);
    free(c->body);
    free(c->author);
}

/* The photo a tip names must be whole in the photo store already: a row never points
 * at a file that is not there. */
static int check_photo(Store *s, const HealthTip *in)
{
    if (!in->photo_sha256[0])
        return 0;
    char *path = store_photo_path(s, in->photo_sha256);
    if (!path)
        return store_fail(s, REASON_INVALID_VALUE, "tip photo: not a SHA-256");
    struct stat sb;
    int ok = stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size == in->photo_bytes;
    free(path);
    if (!ok)
        return store_fail(s, REASON_NOT_FOUND, "tip photo %.12s is not in the photo store",
                          in->photo_sha256);
    if (in->photo_width <= 0 || in->photo_height <= 0)
        return store_fail(s, REASON_NOT_AN_IMAGE, "tip photo without a size (%dx%d)",
                          in->photo_width, in->photo_height);
    return 0;
}

static int validate(Store *s, const HealthTip *in, Clean *c)
{
    memset(c, 0, sizeof *c);
    if (!health_month_valid(in->month))
        return store_fail(s, REASON_INVALID_VALUE, "month \"%.16s\" is not YYYY-MM",
                          in->month ? in->month : "");
    if (check_photo(s, in) < 0)
        return -1;
    int photo = in->photo_sha256[0] != '\0';
    if (store_check_text(s, in->title, STORE_TITLE_MAX, 1, "title", &c->title) < 0 ||
        store_check_text(s, in->body ? in->body : "", STORE_BODY_MAX, !photo, "body", &c->body) <
            0 ||
        store_check_text(s, in->author, STORE_NAME_MAX * 2, 0, "author", &c->author) < 0) {
        clean_deinit(c);
        return -1;
    }
    return 0;
}

/* Binds month, title, body, author as ?1..?4, the time as ?5 and the photo as
 * ?7..?10 (sha256 or NULL, width, height, bytes). */
static void bind_fields(Store *s, sqlite3_stmt *st, const HealthTip *in, const Clean *c)
{
    sqlite3_bind_text(st, 1, in->month, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, c->title, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, c->body ? c->body : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, c->author ? c->author : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 5, store_now(s));
    int photo = in->photo_sha256[0] != '\0';
    store_bind_text_or_null(st, 7, photo ? in->photo_sha256 : NULL);
    sqlite3_bind_int(st, 8, photo ? in->photo_width : 0);
    sqlite3_bind_int(st, 9, photo ? in->photo_height : 0);
    sqlite3_bind_int64(st, 10, photo ? in->photo_bytes : 0);
}

int store_tip_add(Store *s, const HealthTip *in, int64_t *id_out)
{
    store_clear_error(s);
    Clean c;
    if (validate(s, in, &c) < 0)
        return -1;
    /* A re-import of the same file leaves an unchanged tip alone (updated_at kept). */
    sqlite3_stmt *st = store_prepare(
        s, "INSERT INTO health_tips(month, title, body, author, source_key, created_at,"
           " updated_at, photo_sha256, photo_width, photo_height, photo_bytes)"
           " VALUES (?1, ?2, ?3, ?4, ?6, ?5, ?5, ?7, ?8, ?9, ?10)"
           " ON CONFLICT(source_key) DO UPDATE SET month = ?1, title = ?2, body = ?3,"
           " author = ?4, deleted = 0, updated_at = ?5, photo_sha256 = ?7, photo_width = ?8,"
           " photo_height = ?9, photo_bytes = ?10"
           " WHERE (month, title, body, author, deleted, photo_sha256, photo_width,"
           " photo_height, photo_bytes) IS NOT (?1, ?2, ?3, ?4, 0, ?7, ?8, ?9, ?10)"
           " RETURNING id");
    if (!st) {
        clean_deinit(&c);
        return -1;
    }
    bind_fields(s, st, in, &c);
    store_bind_text_or_null(st, 6, in->source_key);
    int rc = sqlite3_step(st);
    int64_t id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    clean_deinit(&c);
    if (rc == SQLITE_DONE && in->source_key && *in->source_key) {
        st = store_prepare(s, "SELECT id FROM health_tips WHERE source_key = ?");
        if (!st)
            return -1;
        sqlite3_bind_text(st, 1, in->source_key, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        sqlite3_finalize(st);
    }
    if (rc != SQLITE_ROW)
        return store_fail_sql(s, rc, "add tip");
    if (id_out)
        *id_out = id;
    return 0;
}

int store_tip_update(Store *s, const HealthTip *in)
{
    store_clear_error(s);
    Clean c;
    if (validate(s, in, &c) < 0)
        return -1;
    sqlite3_stmt *st =
        store_prepare(s, "UPDATE health_tips SET month = ?1, title = ?2, body = ?3, author = ?4,"
                         " updated_at = ?5, photo_sha256 = ?7, photo_width = ?8,"
                         " photo_height = ?9, photo_bytes = ?10 WHERE id = ?6 AND deleted = 0");
    if (!st) {
        clean_deinit(&c);
        return -1;
    }
    bind_fields(s, st, in, &c);
    sqlite3_bind_int64(st, 6, in->id);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    clean_deinit(&c);
    if (rc != SQLITE_DONE)
        return store_fail_sql(s, rc, "update tip");
    if (sqlite3_changes(s->db) == 0)
        return store_fail(s, REASON_NOT_FOUND, "no health tip %lld", (long long)in->id);
    return 0;
}

int store_tip_remove(Store *s, int64_t id)
{
    return store_tombstone(s, "health_tips", "tip", id);
}
