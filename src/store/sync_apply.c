/* Pulled changes into the kiosk's tables: one data-driven table says which local
 * table and columns each hub kind fills (the hub sends the row's fields as JSON under
 * the same names), and SQLite's JSON functions read the payload. */
#include "store/sync_apply.h"
#include "store/photo.h"
#include "store/store_internal.h"
#include "store/sync_state.h"
#include "store/sync_tally.h"
#include "store/sync_verdict.h"

#include "core/buf.h"
#include "core/crashpoint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
    const char *kind;  /* on the hub */
    const char *table; /* here */
    const char *const *cols;
    /* a column filled by an expression instead of json_extract($.col); ?4 is the payload */
    const char *expr_col, *expr;
} SyncKind;

static const char *const NOTICE_COLS[] = {"category", "title",      "body",       "author",
                                          "pinned",   "publish_at", "expires_at", NULL};
static const char *const TIP_COLS[] = {"month",        "title",        "body",
                                       "author",       "photo_sha256", "photo_width",
                                       "photo_height", "photo_bytes",  NULL};
static const char *const ALBUM_COLS[] = {"kind", "description", "event_at", "sort", NULL};
/* Album names are unique on a kiosk, but the hub may hold two of one name in scopes a
 * kiosk sees together (an area's 重阳节 and a building's), or the kiosk may have imported
 * one itself: the pulled album then takes the name with the next free " · N" (and keeps
 * it through later updates), instead of failing its page and every page after it. */
#define ALBUM_NAME "json_extract(?4, '$.name')"
#define ALBUM_NAME_FREE                                                                            \
    "CASE WHEN NOT EXISTS (SELECT 1 FROM albums a WHERE a.name = " ALBUM_NAME                      \
    " AND a.hub_id IS NOT ?1) THEN " ALBUM_NAME                                                    \
    " WHEN EXISTS (SELECT 1 FROM albums a WHERE a.hub_id = ?1 AND substr(a.name, 1,"               \
    " length(" ALBUM_NAME ") + 3) = " ALBUM_NAME " || ' · ') THEN (SELECT a.name FROM albums a"   \
    " WHERE a.hub_id = ?1) ELSE " ALBUM_NAME " || ' · ' || (SELECT max(2, 1 +"                    \
    " coalesce(max(CAST(substr(a.name, length(" ALBUM_NAME ") + 4) AS INTEGER)), 0))"              \
    " FROM albums a WHERE a.hub_id IS NOT ?1 AND substr(a.name, 1, length(" ALBUM_NAME ") + 3)"    \
    " = " ALBUM_NAME " || ' · ') END"
static const char *const PHOTO_COLS[] = {"sha256",      "width", "height",  "bytes", "caption",
                                         "person_name", "floor", "consent", "sort",  NULL};
static const char *const ACTIVITY_COLS[] = {
    "kind",     "title",           "description", "place",     "starts_at", "ends_at",
    "schedule", "signup_deadline", "capacity",    "max_party", "waitlist",  "organiser",
    NULL};
static const char *const POLL_COLS[] = {"question", "description", "opens_at", "closes_at", NULL};
static const char *const ROSTER_COLS[] = {"day", "slot", "place", "person", "room", NULL};
static const char *const CONTACT_COLS[] = {"kind",    "name", "phone", "note",
                                           "qr_text", "sort", NULL};
static const char *const PHRASE_COLS[] = {"form", "text", "sort", NULL};

static const SyncKind KINDS[] = {
    {"notice", "notices", NOTICE_COLS, NULL, NULL},
    {"health_tip", "health_tips", TIP_COLS, NULL, NULL},
    {"album", "albums", ALBUM_COLS, "name", ALBUM_NAME_FREE},
    {"photo", "photos", PHOTO_COLS, "album_id",
     "(SELECT id FROM albums WHERE hub_id = json_extract(?4, '$.album_hub_id'))"},
    {"activity", "activities", ACTIVITY_COLS, NULL, NULL},
    {"poll", "polls", POLL_COLS, NULL, NULL},
    {"roster", "roster", ROSTER_COLS, NULL, NULL},
    {"contact", "contacts", CONTACT_COLS, NULL, NULL},
    {"quick_phrase", "quick_phrases", PHRASE_COLS, NULL, NULL},
};
#define KIND_COUNT (sizeof KINDS / sizeof KINDS[0])

static const SyncKind *kind_find(const char *kind)
{
    for (size_t i = 0; i < KIND_COUNT; i++)
        if (kind && strcmp(kind, KINDS[i].kind) == 0)
            return &KINDS[i];
    return NULL;
}

/* The upsert statement of each kind, kept while one page (or one batch of photos) is
 * applied: preparing it per change cost more than running it. A page is applied by
 * one thread from start to end, so a thread-local slot per kind is enough. */
static _Thread_local sqlite3_stmt *page_stmts[KIND_COUNT];
static _Thread_local int page_caching;

static void page_cache_begin(void)
{
    page_caching = 1;
}

static void page_cache_end(void)
{
    for (size_t i = 0; i < KIND_COUNT; i++) {
        sqlite3_finalize(page_stmts[i]);
        page_stmts[i] = NULL;
    }
    page_caching = 0;
}

/* Runs st (kept when keep, else finalized) with ?1 hub_id, ?2 rev, ?3 now, ?4 payload. */
static int run_stmt(Store *s, sqlite3_stmt *st, int keep, const SyncChange *c, size_t *changed)
{
    sqlite3_bind_int64(st, 1, c->hub_id);
    sqlite3_bind_int64(st, 2, c->rev);
    sqlite3_bind_int64(st, 3, store_now(s));
    store_bind_text_or_null(st, 4, c->payload);
    int rc = sqlite3_step(st);
    if (keep)
        sqlite3_reset(st);
    else
        sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_fail_sql(s, rc, c->kind);
    if (changed)
        *changed += (size_t)sqlite3_changes(s->db);
    return 0;
}

/* Runs sql once with the change bound (see run_stmt). */
static int run(Store *s, const char *sql, const SyncChange *c, size_t *changed)
{
    sqlite3_stmt *st = store_prepare(s, sql);
    return st ? run_stmt(s, st, 0, c, changed) : -1;
}

static int upsert(Store *s, const SyncKind *k, const SyncChange *c, size_t *changed)
{
    sqlite3_stmt **slot = page_caching ? &page_stmts[k - KINDS] : NULL;
    if (slot && *slot) {
        if (run_stmt(s, *slot, 1, c, changed) < 0)
            return -1;
        goto options;
    }
    Buf b;
    buf_init(&b);
    buf_printf(&b, "INSERT INTO %s(hub_id, hub_rev, deleted, created_at, updated_at", k->table);
    if (k->expr_col)
        buf_printf(&b, ", %s", k->expr_col);
    for (const char *const *col = k->cols; *col; col++)
        buf_printf(&b, ", %s", *col);
    buf_puts(&b, ") VALUES (?1, ?2, 0, ?3, ?3");
    if (k->expr)
        buf_printf(&b, ", %s", k->expr);
    for (const char *const *col = k->cols; *col; col++)
        buf_printf(&b, ", json_extract(?4, '$.%s')", *col);
    buf_puts(&b, ") ON CONFLICT(hub_id) DO UPDATE SET hub_rev = excluded.hub_rev, deleted = 0,"
                 " updated_at = excluded.updated_at");
    if (k->expr_col)
        buf_printf(&b, ", %s = excluded.%s", k->expr_col, k->expr_col);
    for (const char *const *col = k->cols; *col; col++)
        buf_printf(&b, ", %s = excluded.%s", *col, *col);
    /* a replayed or older change leaves the row alone; a resync revives a tombstone */
    buf_printf(&b, " WHERE excluded.hub_rev > %s.hub_rev OR %s.deleted", k->table, k->table);
    if (b.failed) {
        buf_deinit(&b);
        return store_fail(s, REASON_STORAGE, "sync: out of memory");
    }
    sqlite3_stmt *st = store_prepare(s, buf_str(&b));
    buf_deinit(&b);
    if (!st || run_stmt(s, st, slot != NULL, c, changed) < 0) {
        if (st && slot)
            sqlite3_finalize(st);
        return -1;
    }
    if (slot)
        *slot = st;
options:;
    int rc = 0;
    if (strcmp(k->kind, "poll") == 0)
        rc = run(s,
                 "INSERT INTO poll_options(poll_id, sort, label)"
                 " SELECT p.id, j.key + 1, j.value FROM polls p, json_each(?4, '$.options') j"
                 " WHERE p.hub_id = ?1"
                 " ON CONFLICT(poll_id, sort) DO UPDATE SET label = excluded.label",
                 c, NULL);
    /* options the hub dropped go too, unless a household here already chose one: a
     * vote is never lost, and its option stays listed with it */
    if (rc == 0 && strcmp(k->kind, "poll") == 0)
        rc = run(s,
                 "DELETE FROM poll_options WHERE poll_id = (SELECT id FROM polls WHERE hub_id = ?1)"
                 " AND sort > coalesce(json_array_length(?4, '$.options'), sort)"
                 " AND NOT EXISTS (SELECT 1 FROM votes v WHERE v.option_id = poll_options.id)",
                 c, NULL);
    return rc;
}

static int tombstone(Store *s, const SyncKind *k, const SyncChange *c, size_t *changed)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "UPDATE %s SET deleted = 1, hub_rev = ?2, updated_at = ?3"
             " WHERE hub_id = ?1 AND deleted = 0 AND hub_rev <= ?2",
             k->table);
    if (run(s, sql, c, changed) < 0)
        return -1;
    if (strcmp(k->kind, "album") == 0)
        return run(s,
                   "UPDATE photos SET deleted = 1, updated_at = ?3 WHERE deleted = 0"
                   " AND album_id = (SELECT id FROM albums WHERE hub_id = ?1)",
                   c, NULL);
    if (strcmp(k->kind, "photo") == 0 || strcmp(k->kind, "health_tip") == 0)
        return run(s, "DELETE FROM sync_pending_photos WHERE hub_id = ?1 AND hub_rev <= ?2", c,
                   NULL);
    return 0;
}

/* A photo whose file is missing waits in sync_pending_photos (and is not shown); so does
 * a health tip whose handwritten page is missing (a typed tip, with no photo_sha256,
 * never waits). The file's hash and size are read from the payload under the kind's
 * names. */
static int photo_file_present(Store *s, const SyncKind *k, const char *payload, int *present,
                              char sha[65], int64_t *bytes)
{
    int tip = strcmp(k->kind, "health_tip") == 0;
    *present = 0;
    sqlite3_stmt *st = store_prepare(
        s, tip ? "SELECT json_extract(?1, '$.photo_sha256'), json_extract(?1, '$.photo_bytes')"
               : "SELECT json_extract(?1, '$.sha256'), json_extract(?1, '$.bytes')");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, payload, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    const char *h = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
    snprintf(sha, 65, "%s", h ? h : "");
    *bytes = rc == SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
    sqlite3_finalize(st);
    if (tip && !sha[0]) {
        *present = 1; /* typed text only: nothing to wait for */
        return 0;
    }
    char *path = store_photo_path(s, sha);
    if (!path)
        return store_fail(s, REASON_INVALID_VALUE, "sync: %s without a valid sha256", k->kind);
    *present = access(path, F_OK) == 0;
    free(path);
    return 0;
}

static int apply_photo(Store *s, const SyncKind *k, const SyncChange *c, size_t *changed)
{
    int present;
    char sha[65];
    int64_t bytes;
    if (photo_file_present(s, k, c->payload, &present, sha, &bytes) < 0)
        return -1;
    if (present) {
        if (upsert(s, k, c, changed) < 0)
            return -1;
        return run(s, "DELETE FROM sync_pending_photos WHERE hub_id = ?1 AND hub_rev <= ?2", c,
                   NULL);
    }
    sqlite3_stmt *st = store_prepare(
        s, "INSERT INTO sync_pending_photos(hub_id, hub_rev, sha256, bytes, payload, kind)"
           " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(hub_id) DO UPDATE SET"
           " hub_rev = excluded.hub_rev, sha256 = excluded.sha256, bytes = excluded.bytes,"
           " payload = excluded.payload, kind = excluded.kind WHERE excluded.hub_rev > hub_rev");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, c->hub_id);
    sqlite3_bind_int64(st, 2, c->rev);
    sqlite3_bind_text(st, 3, sha, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, bytes);
    sqlite3_bind_text(st, 5, c->payload, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, k->kind, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail_sql(s, rc, "hold photo");
}

static int apply_decision(Store *s, const SyncChange *c, size_t *changed)
{
    if (c->is_delete)
        return run(s,
                   "DELETE FROM sync_decisions WHERE hub_id = ?1"
                   "",
                   c, changed);
    return run(s,
               "INSERT INTO sync_decisions(uuid, subject, state, hub_id, hub_rev, updated_at)"
               " VALUES (json_extract(?4, '$.uuid'), json_extract(?4, '$.subject'),"
               " json_extract(?4, '$.state'), ?1, ?2, ?3) ON CONFLICT(uuid) DO UPDATE SET"
               " state = excluded.state, hub_rev = excluded.hub_rev,"
               " updated_at = excluded.updated_at WHERE excluded.hub_rev > hub_rev",
               c, changed);
}

static int apply_one(Store *s, const SyncChange *c, size_t *changed)
{
    if (c->kind && strcmp(c->kind, "decision") == 0)
        return apply_decision(s, c, changed);
    if (c->kind && strcmp(c->kind, "verdict") == 0)
        return store_sync_verdict_apply(s, c, changed);
    if (c->kind && strcmp(c->kind, "tally") == 0)
        return store_sync_apply_tally(s, c, changed);
    const SyncKind *k = kind_find(c->kind);
    if (!k)
        return 0; /* a kind this version does not know yet */
    if (c->is_delete)
        return tombstone(s, k, c, changed);
    if (!c->payload)
        return store_fail(s, REASON_INVALID_VALUE, "sync: %s %lld without fields", c->kind,
                          (long long)c->hub_id);
    if (strcmp(k->kind, "photo") == 0 || strcmp(k->kind, "health_tip") == 0)
        return apply_photo(s, k, c, changed);
    return upsert(s, k, c, changed);
}

int store_sync_apply_page(Store *s, const SyncChange *changes, size_t n, int64_t new_cursor,
                          size_t *applied)
{
    store_clear_error(s);
    size_t changed = 0;
    if (applied)
        *applied = 0;
    if (store_tx_begin(s) < 0)
        return -1;
    page_cache_begin();
    for (size_t i = 0; i < n; i++) {
        if (apply_one(s, &changes[i], &changed) < 0) {
            page_cache_end();
            char msg[sizeof s->errmsg];
            snprintf(msg, sizeof msg, "%s", s->errmsg);
            Reason r = s->reason;
            store_tx_end(s, 0);
            return store_fail(s, r, "apply change %lld: %s", (long long)changes[i].seq, msg);
        }
    }
    page_cache_end();
    if (store_sync_set(s, SYNC_KEY_CURSOR, new_cursor) < 0) {
        store_tx_end(s, 0);
        return -1;
    }
    crash_point(CRASH_APPLY);
    if (store_tx_end(s, 1) < 0)
        return -1;
    if (applied)
        *applied = changed;
    return 0;
}

int store_sync_begin_resync(Store *s, const char *const *kinds, const int64_t *hub_ids, size_t n)
{
    store_clear_error(s);
    if (store_tx_begin(s) < 0)
        return -1;
    int rc = sqlite3_exec(s->db,
                          "CREATE TEMP TABLE IF NOT EXISTS sync_live(kind TEXT, hub_id INTEGER,"
                          " PRIMARY KEY (kind, hub_id)); DELETE FROM sync_live;",
                          NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        goto sql_fail;
    sqlite3_stmt *st = store_prepare(s, "INSERT OR IGNORE INTO sync_live VALUES (?, ?)");
    if (!st)
        goto fail;
    for (size_t i = 0; i < n && rc == SQLITE_OK; i++) {
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, kinds[i], -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, hub_ids[i]);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_OK)
        goto sql_fail;
    for (size_t i = 0; i < KIND_COUNT; i++) {
        char sql[256];
        snprintf(sql, sizeof sql,
                 "UPDATE %s SET deleted = 1 WHERE hub_id IS NOT NULL AND deleted = 0 AND hub_id"
                 " NOT IN (SELECT hub_id FROM sync_live WHERE kind = '%s')",
                 KINDS[i].table, KINDS[i].kind);
        if ((rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL)) != SQLITE_OK)
            goto sql_fail;
    }
    if (store_sync_verdict_prune(s) < 0)
        goto fail;
    rc = sqlite3_exec(s->db,
                      "DELETE FROM sync_pending_photos WHERE hub_id NOT IN"
                      " (SELECT hub_id FROM sync_live l WHERE l.kind = sync_pending_photos.kind);"
                      "DELETE FROM sync_tallies WHERE activity_hub_id NOT IN"
                      " (SELECT hub_id FROM sync_live WHERE kind = 'tally');"
                      "DELETE FROM sync_live;",
                      NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        goto sql_fail;
    if (store_sync_set(s, SYNC_KEY_CURSOR, 0) < 0 || store_sync_set(s, SYNC_KEY_RESYNC, 1) < 0)
        goto fail;
    return store_tx_end(s, 1);
sql_fail:
    store_fail_sql(s, rc, "begin resync");
fail:
    store_tx_end(s, 0);
    return -1;
}

int store_sync_wanted_photos(Store *s, size_t limit, SyncWantedPhoto **out, size_t *n)
{
    store_clear_error(s);
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = store_prepare(
        s, "SELECT DISTINCT sha256, bytes FROM sync_pending_photos ORDER BY hub_id LIMIT ?");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, limit ? (int64_t)limit : -1);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            SyncWantedPhoto *p = realloc(*out, cap * sizeof *p);
            if (!p) {
                sqlite3_finalize(st);
                free(*out);
                *out = NULL;
                *n = 0;
                return store_fail(s, REASON_STORAGE, "wanted photos: out of memory");
            }
            *out = p;
        }
        SyncWantedPhoto *w = &(*out)[(*n)++];
        snprintf(w->sha256, sizeof w->sha256, "%s", (const char *)sqlite3_column_text(st, 0));
        w->bytes = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        *n = 0;
        return store_fail_sql(s, rc, "wanted photos");
    }
    return 0;
}

int store_sync_apply_ready_photos(Store *s, size_t *applied)
{
    store_clear_error(s);
    if (applied)
        *applied = 0;
    /* the statements are prepared once for all rows, and the file is looked up by the
     * row's own sha256 column: a few hundred photos cost milliseconds, not a parse and
     * three prepares each */
    sqlite3_stmt *st =
        store_prepare(s, "SELECT hub_id, hub_rev, payload, sha256, kind FROM sync_pending_photos"
                         " ORDER BY hub_id");
    sqlite3_stmt *done =
        st ? store_prepare(s, "DELETE FROM sync_pending_photos WHERE hub_id = ?1 AND hub_rev <= ?2")
           : NULL;
    if (!done || store_tx_begin(s) < 0) {
        sqlite3_finalize(st);
        sqlite3_finalize(done);
        return -1;
    }
    size_t changed = 0;
    int rc, failed = 0;
    page_cache_begin();
    while (!failed && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const SyncKind *k = kind_find((const char *)sqlite3_column_text(st, 4));
        if (!k)
            continue; /* not a kind this version shows */
        SyncChange c = {0,
                        k->kind,
                        sqlite3_column_int64(st, 0),
                        sqlite3_column_int64(st, 1),
                        0,
                        (const char *)sqlite3_column_text(st, 2)};
        char *path = store_photo_path(s, (const char *)sqlite3_column_text(st, 3));
        int present = path && access(path, F_OK) == 0;
        free(path);
        if (!present)
            continue;
        if (upsert(s, k, &c, &changed) < 0) {
            failed = 1;
            break;
        }
        sqlite3_bind_int64(done, 1, c.hub_id);
        sqlite3_bind_int64(done, 2, c.rev);
        int drc = sqlite3_step(done);
        sqlite3_reset(done);
        if (drc != SQLITE_DONE) {
            store_fail_sql(s, drc, "apply photos");
            failed = 1;
        }
    }
    sqlite3_finalize(st);
    sqlite3_finalize(done);
    page_cache_end();
    if (failed || rc != SQLITE_DONE) {
        if (!failed)
            store_fail_sql(s, rc, "apply photos");
        store_tx_end(s, 0);
        return -1;
    }
    if (store_tx_end(s, 1) < 0)
        return -1;
    if (applied)
        *applied = changed;
    return 0;
}

int store_sync_decision(Store *s, const char *uuid, char state[16])
{
    store_clear_error(s);
    state[0] = '\0';
    sqlite3_stmt *st = store_prepare(s, "SELECT state FROM sync_decisions WHERE uuid = ?");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        snprintf(state, 16, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return store_fail(s, REASON_NOT_FOUND, "no decision on %.36s yet", uuid);
    return rc == SQLITE_ROW ? 0 : store_fail_sql(s, rc, "read decision");
}

/* One integer from sql (no parameters), or -1 after recording the failure. */
static int count_of(Store *s, const char *sql, int64_t *out)
{
    sqlite3_stmt *st = store_prepare(s, sql);
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : store_fail_sql(s, rc, "check");
}

int store_sync_check(Store *s, SyncCheck *out)
{
    store_clear_error(s);
    memset(out, 0, sizeof *out);
    if (store_sync_cursor(s, &out->cursor) < 0 ||
        store_sync_get(s, SYNC_KEY_RESYNC, &out->resync) < 0)
        return -1;
    /* a row can only come from a change at or below the cursor that applied it */
    Buf b;
    buf_init(&b);
    buf_printf(&b, "SELECT (SELECT count(*) FROM sync_decisions WHERE hub_rev > %lld)",
               (long long)out->cursor);
    buf_printf(&b, " + (SELECT count(*) FROM sync_tallies WHERE hub_rev > %lld)",
               (long long)out->cursor);
    buf_printf(&b, " + (SELECT count(*) FROM sync_verdicts WHERE hub_rev > %lld)",
               (long long)out->cursor);
    for (size_t i = 0; i < KIND_COUNT; i++)
        buf_printf(&b, " + (SELECT count(*) FROM %s WHERE hub_id IS NOT NULL AND hub_rev > %lld)",
                   KINDS[i].table, (long long)out->cursor);
    int rc = b.failed ? store_fail(s, REASON_STORAGE, "check: out of memory")
                      : count_of(s, buf_str(&b), &out->ahead);
    buf_deinit(&b);
    if (rc < 0 ||
        count_of(s, "SELECT count(*) FROM sync_pending_photos", &out->photos_waiting) < 0 ||
        count_of(s, "SELECT count(*) FROM outbox WHERE acked_at IS NULL", &out->pending) < 0)
        return -1;
    sqlite3_stmt *st = store_prepare(
        s, "SELECT sha256, bytes FROM photos WHERE hub_id IS NOT NULL AND deleted = 0"
           " UNION ALL SELECT photo_sha256, photo_bytes FROM health_tips WHERE hub_id IS NOT NULL"
           " AND deleted = 0 AND photo_sha256 IS NOT NULL");
    if (!st)
        return -1;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char *path = store_photo_path(s, (const char *)sqlite3_column_text(st, 0));
        struct stat sb;
        if (!path || stat(path, &sb) < 0 || sb.st_size != sqlite3_column_int64(st, 1))
            out->photos_missing++;
        free(path);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail_sql(s, rc, "check photos");
}
