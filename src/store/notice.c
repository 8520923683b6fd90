/* Notices: validation, listing with publish/expiry windows, tombstones. */
#include "store/notice.h"
#include "store/store_internal.h"

#include <stdlib.h>
#include <string.h>

const char *const NOTICE_CATEGORIES[] = {"紧急",     "通知", "公约", "倡议书",
                                         "活动回顾", "物业", "其他"};
const size_t NOTICE_CATEGORY_COUNT = sizeof NOTICE_CATEGORIES / sizeof NOTICE_CATEGORIES[0];

#define NOTICE_COLUMNS                                                                             \
    "id, category, title, body, author, pinned, publish_at, coalesce(expires_at, 0),"              \
    " source_key, updated_at"

int notice_category_valid(const char *category)
{
    for (size_t i = 0; i < NOTICE_CATEGORY_COUNT; i++)
        if (category && strcmp(category, NOTICE_CATEGORIES[i]) == 0)
            return 1;
    return 0;
}

void notice_deinit(Notice *n)
{
    if (!n)
        return;
    free(n->category);
    free(n->title);
    free(n->body);
    free(n->author);
    free(n->source_key);
    memset(n, 0, sizeof *n);
}

void notice_list_free(NoticeList *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->count; i++)
        notice_deinit(&l->items[i]);
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

static int read_row(sqlite3_stmt *st, Notice *n)
{
    memset(n, 0, sizeof *n);
    n->id = sqlite3_column_int64(st, 0);
    n->category = store_col_dup(st, 1);
    n->title = store_col_dup(st, 2);
    n->body = store_col_dup(st, 3);
    n->author = store_col_dup(st, 4);
    n->pinned = sqlite3_column_int(st, 5);
    n->publish_at = sqlite3_column_int64(st, 6);
    n->expires_at = sqlite3_column_int64(st, 7);
    n->source_key = sqlite3_column_type(st, 8) == SQLITE_NULL ? NULL : store_col_dup(st, 8);
    n->updated_at = sqlite3_column_int64(st, 9);
    if (!n->category || !n->title || !n->body || !n->author)
        return -1;
    return 0;
}

int store_notice_list(Store *s, const NoticeQuery *q, NoticeList *out)
{
    static const NoticeQuery all = {0};
    if (!q)
        q = &all;
    store_clear_error(s);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = store_prepare(
        s, "SELECT " NOTICE_COLUMNS " FROM notices WHERE deleted = 0"
           " AND (?1 IS NULL OR category = ?1)"
           " AND (?2 OR (publish_at <= ?3 AND (expires_at IS NULL OR expires_at > ?3)))"
           " AND (NOT ?5 OR category = '" NOTICE_URGENT "')"
           " ORDER BY pinned DESC, publish_at DESC, id DESC LIMIT ?4");
    if (!st)
        return -1;
    store_bind_text_or_null(st, 1, q->category);
    sqlite3_bind_int(st, 2, q->include_hidden);
    sqlite3_bind_int64(st, 3, store_now(s));
    sqlite3_bind_int64(st, 4, q->limit ? (int64_t)q->limit : -1);
    sqlite3_bind_int(st, 5, q->urgent_only);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->count == cap) {
            cap = cap ? cap * 2 : 16;
            Notice *p = realloc(out->items, cap * sizeof *p);
            if (!p)
                goto oom;
            out->items = p;
        }
        if (read_row(st, &out->items[out->count++]) < 0)
            goto oom;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        notice_list_free(out);
        return store_fail_sql(s, rc, "list notices");
    }
    return 0;
oom:
    sqlite3_finalize(st);
    notice_list_free(out);
    return store_fail(s, REASON_STORAGE, "list notices: out of memory");
}

int store_notice_get(Store *s, int64_t id, Notice *out)
{
    store_clear_error(s);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st =
        store_prepare(s, "SELECT " NOTICE_COLUMNS " FROM notices WHERE id = ? AND deleted = 0");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    if (store_step_one(s, st, "notice", id) < 1)
        return -1;
    int r = read_row(st, out);
    sqlite3_finalize(st);
    if (r < 0) {
        notice_deinit(out);
        return store_fail(s, REASON_STORAGE, "get notice: out of memory");
    }
    return 0;
}

/* The checked, trimmed copy of a Notice that add and update write. */
typedef struct {
    char *title, *body, *author;
    const char *category;
} Clean;

static void clean_deinit(Clean *c)
{
    free(c->title);
    free(c->body);
    free(c->author);
}

static int validate(Store *s, const Notice *in, Clean *c)
{
    memset(c, 0, sizeof *c);
    c->category = in->category && *in->category ? in->category : "通知";
    if (!notice_category_valid(c->category))
        return store_fail(s, REASON_INVALID_VALUE, "unknown notice category \"%.40s\"",
                          c->category);
    if (store_check_text(s, in->title, STORE_TITLE_MAX, 1, "title", &c->title) < 0 ||
        store_check_text(s, in->body, STORE_BODY_MAX, 1, "body", &c->body) < 0 ||
        store_check_text(s, in->author, STORE_NAME_MAX * 2, 0, "author", &c->author) < 0) {
        clean_deinit(c);
        return -1;
    }
    if (in->expires_at && in->publish_at && in->expires_at <= in->publish_at) {
        clean_deinit(c);
        return store_fail(s, REASON_INVALID_VALUE, "notice expires before it is published");
    }
    return 0;
}

/* Binds the notice fields as ?1..?7 and the time as ?8. */
static void bind_fields(Store *s, sqlite3_stmt *st, const Notice *in, const Clean *c)
{
    sqlite3_bind_text(st, 1, c->category, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, c->title, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, c->body, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, c->author ? c->author : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 5, in->pinned ? 1 : 0);
    sqlite3_bind_int64(st, 6, in->publish_at ? in->publish_at : store_now(s));
    store_bind_time_or_null(st, 7, in->expires_at);
    sqlite3_bind_int64(st, 8, store_now(s));
}

int store_notice_add(Store *s, const Notice *in, int64_t *id_out)
{
    store_clear_error(s);
    Clean c;
    if (validate(s, in, &c) < 0)
        return -1;
    /* With a source_key, a second import of the same file updates in place and a
     * notice whose fields are all equal is left alone (updated_at unchanged). */
    sqlite3_stmt *st = store_prepare(
        s, "INSERT INTO notices(category, title, body, author, pinned, publish_at, expires_at,"
           " source_key, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?9, ?8, ?8)"
           " ON CONFLICT(source_key) DO UPDATE SET category = ?1, title = ?2, body = ?3,"
           " author = ?4, pinned = ?5, publish_at = ?6, expires_at = ?7, deleted = 0,"
           " updated_at = ?8 WHERE (category, title, body, author, pinned, publish_at,"
           " coalesce(expires_at, 0), deleted) IS NOT (?1, ?2, ?3, ?4, ?5, ?6, coalesce(?7, 0), 0)"
           " RETURNING id");
    if (!st) {
        clean_deinit(&c);
        return -1;
    }
    bind_fields(s, st, in, &c);
    store_bind_text_or_null(st, 9, in->source_key);
    int rc = sqlite3_step(st);
    int64_t id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    clean_deinit(&c);
    if (rc == SQLITE_DONE && in->source_key) {
        /* unchanged re-import: find the existing row */
        st = store_prepare(s, "SELECT id FROM notices WHERE source_key = ?");
        if (!st)
            return -1;
        sqlite3_bind_text(st, 1, in->source_key, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        sqlite3_finalize(st);
    }
    if (rc != SQLITE_ROW)
        return store_fail_sql(s, rc, "add notice");
    if (id_out)
        *id_out = id;
    return 0;
}

int store_notice_update(Store *s, const Notice *in)
{
    store_clear_error(s);
    Clean c;
    if (validate(s, in, &c) < 0)
        return -1;
    sqlite3_stmt *st = store_prepare(
        s, "UPDATE notices SET category = ?1, title = ?2, body = ?3, author = ?4, pinned = ?5,"
           " publish_at = ?6, expires_at = ?7, updated_at = ?8 WHERE id = ?9 AND deleted = 0");
    if (!st) {
        clean_deinit(&c);
        return -1;
    }
    bind_fields(s, st, in, &c);
    sqlite3_bind_int64(st, 9, in->id);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    clean_deinit(&c);
    if (rc != SQLITE_DONE)
        return store_fail_sql(s, rc, "update notice");
    if (sqlite3_changes(s->db) == 0)
        return store_fail(s, REASON_NOT_FOUND, "no notice %lld", (long long)in->id);
    return 0;
}

int store_notice_remove(Store *s, int64_t id)
{
    return store_tombstone(s, "notices", "notice", id);
}
