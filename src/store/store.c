/* Opening, migrating and the shared helpers of the store: errors, nested
 * transactions, text and room checks, receipts and the outbox. */
#include "store/store_internal.h"

#include "core/ids.h"
#include "core/timeutil.h"
#include "core/utf8.h"

#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void store_clear_error(Store *s)
{
    s->reason = REASON_NONE;
    s->errmsg[0] = '\0';
}

int store_fail(Store *s, Reason r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->errmsg, sizeof s->errmsg, fmt, ap);
    va_end(ap);
    s->reason = r;
    return -1;
}

int store_fail_sql(Store *s, int rc, const char *what)
{
    Reason r = REASON_STORAGE;
    if ((rc & 0xff) == SQLITE_CONSTRAINT)
        r = REASON_INVALID_VALUE;
    return store_fail(s, r, "%s: %s (%s)", what, sqlite3_errmsg(s->db), sqlite3_errstr(rc));
}

int store_refuse(Store *s, Reason r)
{
    return store_fail(s, r, "%s", reason_name(r));
}

Reason store_reason(const Store *s)
{
    return s->reason;
}

const char *store_errmsg(const Store *s)
{
    return s->errmsg[0] ? s->errmsg : reason_name(s->reason);
}

const char *store_dir(const Store *s)
{
    return s->dir;
}

int64_t store_now(const Store *s)
{
    return s->fixed_now ? s->fixed_now : time_now();
}

void store_set_now(Store *s, int64_t fixed_or_zero)
{
    s->fixed_now = fixed_or_zero;
}

static int exec(Store *s, const char *sql, const char *what)
{
    char *msg = NULL;
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        store_fail(s, REASON_STORAGE, "%s: %s", what, msg ? msg : sqlite3_errstr(rc));
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

int store_tx_begin(Store *s)
{
    if (s->tx_depth++ > 0)
        return 0;
    s->tx_failed = 0;
    if (exec(s, "BEGIN IMMEDIATE", "begin") < 0) {
        s->tx_depth = 0;
        return -1;
    }
    return 0;
}

int store_tx_end(Store *s, int commit)
{
    if (s->tx_depth <= 0)
        return -1;
    if (!commit)
        s->tx_failed = 1;
    if (--s->tx_depth > 0)
        return commit ? 0 : -1;
    if (s->tx_failed) {
        /* keep the first error for the caller: the rollback must not overwrite it */
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    if (exec(s, "COMMIT", "commit") < 0) {
        Reason r = s->reason;
        char keep[sizeof s->errmsg];
        memcpy(keep, s->errmsg, sizeof keep);
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        s->reason = r;
        memcpy(s->errmsg, keep, sizeof keep);
        return -1;
    }
    return 0;
}

int store_batch_begin(Store *s)
{
    store_clear_error(s);
    return store_tx_begin(s);
}

int store_batch_end(Store *s, int commit)
{
    return store_tx_end(s, commit);
}

sqlite3_stmt *store_prepare(Store *s, const char *sql)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK) {
        store_fail_sql(s, rc, "prepare");
        return NULL;
    }
    return st;
}

int store_bind_text_or_null(sqlite3_stmt *st, int idx, const char *str)
{
    if (!str || !*str)
        return sqlite3_bind_null(st, idx);
    return sqlite3_bind_text(st, idx, str, -1, SQLITE_TRANSIENT);
}

int store_bind_time_or_null(sqlite3_stmt *st, int idx, int64_t t)
{
    if (t == 0)
        return sqlite3_bind_null(st, idx);
    return sqlite3_bind_int64(st, idx, t);
}

char *store_col_dup(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return strdup(t ? (const char *)t : "");
}

int store_check_text(Store *s, const char *in, size_t max_cp, int required, const char *field,
                     char **out)
{
    *out = NULL;
    if (!in)
        in = "";
    if (!utf8_valid(in, strlen(in)))
        return store_fail(s, REASON_TEXT_BAD_UTF8, "%s: not valid UTF-8", field);
    char *t = utf8_trim_dup(in);
    if (!t)
        return store_fail(s, REASON_STORAGE, "%s: out of memory", field);
    if (!*t) {
        free(t);
        if (required)
            return store_fail(s, REASON_TEXT_EMPTY, "%s: empty", field);
        return 0;
    }
    size_t n = utf8_count(t);
    if (n > max_cp) {
        free(t);
        return store_fail(s, REASON_TEXT_TOO_LONG, "%s: %zu characters, at most %zu", field, n,
                          max_cp);
    }
    *out = t;
    return 0;
}

int store_check_room(Store *s, const char *in, int required, char out[ROOM_MAX_LEN + 1])
{
    out[0] = '\0';
    if (!in || !*in) {
        if (required)
            return store_fail(s, REASON_ROOM_REQUIRED, "room number required");
        return 0;
    }
    RoomRule rule = store_room_rule(s);
    if (room_normalize(&rule, in, out) != REASON_NONE)
        return store_fail(s, REASON_ROOM_INVALID,
                          "room \"%.16s\" is not floor %d-%d, unit %02d-%02d", in, rule.floor_min,
                          rule.floor_max, rule.unit_min, rule.unit_max);
    return 0;
}

int store_count_today(Store *s, const char *table, const char *room, int64_t *count)
{
    char sql[160];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM %s WHERE room = ?1 AND created_at >= ?2"
             " AND created_at < ?2 + 86400",
             table);
    sqlite3_stmt *st = store_prepare(s, sql);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, room, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, time_day_start(store_now(s)));
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(st);
        return store_fail_sql(s, rc, "count today");
    }
    *count = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return 0;
}

int store_new_receipt(Store *s, const char *table, StoreReceipt *r)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT 1 FROM %s WHERE receipt = ?", table);
    sqlite3_stmt *st = store_prepare(s, sql);
    if (!st)
        return -1;
    for (int attempt = 0; attempt < 32; attempt++) {
        if (ids_uuid_v4(r->uuid) < 0 || ids_receipt(r->receipt) < 0) {
            sqlite3_finalize(st);
            return store_fail(s, REASON_STORAGE, "no randomness for ids");
        }
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, r->receipt, -1, SQLITE_STATIC);
        int rc = sqlite3_step(st);
        if (rc == SQLITE_DONE) {
            sqlite3_finalize(st);
            return 0;
        }
        if (rc != SQLITE_ROW) {
            sqlite3_finalize(st);
            return store_fail_sql(s, rc, "receipt lookup");
        }
    }
    sqlite3_finalize(st);
    return store_fail(s, REASON_STORAGE, "could not find a free receipt code");
}

int store_outbox_append(Store *s, const char *kind, const char *uuid, const char *payload_json)
{
    sqlite3_stmt *st =
        store_prepare(s, "INSERT INTO outbox(uuid, kind, payload, created_at) VALUES (?, ?, ?, ?)");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, payload_json, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, store_now(s));
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_fail_sql(s, rc, "outbox append");
    return 0;
}

int store_step_one(Store *s, sqlite3_stmt *st, const char *what, int64_t id)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        return 1;
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE) {
        store_fail(s, REASON_NOT_FOUND, "no %s %lld", what, (long long)id);
        return 0;
    }
    char msg[64];
    snprintf(msg, sizeof msg, "get %s", what);
    store_fail_sql(s, rc, msg);
    return -1;
}

int store_tombstone(Store *s, const char *table, const char *what, int64_t id)
{
    store_clear_error(s);
    char sql[128];
    snprintf(sql, sizeof sql,
             "UPDATE %s SET deleted = 1, updated_at = ? WHERE id = ? AND deleted = 0", table);
    sqlite3_stmt *st = store_prepare(s, sql);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, store_now(s));
    sqlite3_bind_int64(st, 2, id);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        char msg[64];
        snprintf(msg, sizeof msg, "remove %s", what);
        return store_fail_sql(s, rc, msg);
    }
    if (sqlite3_changes(s->db) == 0)
        return store_fail(s, REASON_NOT_FOUND, "no %s %lld", what, (long long)id);
    return 0;
}

RoomRule store_room_rule(Store *s)
{
    RoomRule r = room_rule_default();
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, "SELECT floor_min, floor_max, unit_min, unit_max FROM kiosk", -1,
                           &st, NULL) != SQLITE_OK)
        return r;
    if (sqlite3_step(st) == SQLITE_ROW) {
        r.floor_min = sqlite3_column_int(st, 0);
        r.floor_max = sqlite3_column_int(st, 1);
        r.unit_min = sqlite3_column_int(st, 2);
        r.unit_max = sqlite3_column_int(st, 3);
    }
    sqlite3_finalize(st);
    return r;
}

int store_schema_version(Store *s)
{
    sqlite3_stmt *st = store_prepare(s, "PRAGMA user_version");
    int v = -1;
    if (st && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

int store_check_integrity(Store *s)
{
    store_clear_error(s);
    sqlite3_stmt *st = store_prepare(s, "PRAGMA integrity_check");
    if (!st)
        return -1;
    int ok = sqlite3_step(st) == SQLITE_ROW &&
             strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0;
    sqlite3_finalize(st);
    return ok ? 0 : store_fail(s, REASON_STORAGE, "integrity check failed");
}

/* Brings the file to STORE_SCHEMA_VERSION, one migration per transaction. */
static int migrate(Store *s)
{
    int v = store_schema_version(s);
    if (v < 0)
        return -1;
    if (v > STORE_MIGRATION_COUNT)
        return store_fail(s, REASON_STORAGE,
                          "store is at schema %d, newer than this program (%d): upgrade yanxia", v,
                          STORE_MIGRATION_COUNT);
    for (; v < STORE_MIGRATION_COUNT; v++) {
        char sql[64];
        if (store_tx_begin(s) < 0)
            return -1;
        snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
        if (exec(s, STORE_MIGRATIONS[v], "migration") < 0 || exec(s, sql, "user_version") < 0) {
            store_tx_end(s, 0);
            return -1;
        }
        if (store_tx_end(s, 1) < 0)
            return -1;
    }
    return 0;
}

/* Every store has exactly one kiosk row with a UUID of its own. */
static int ensure_kiosk_row(Store *s)
{
    char uuid[IDS_UUID_LEN + 1];
    if (ids_uuid_v4(uuid) < 0)
        return store_fail(s, REASON_STORAGE, "no randomness for the kiosk id");
    sqlite3_stmt *st =
        store_prepare(s, "INSERT OR IGNORE INTO kiosk(id, kiosk_uuid) VALUES (1, ?)");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail_sql(s, rc, "kiosk row");
}

Store *store_open(const char *path, char *err, size_t errlen)
{
    return store_open_checked(path, 0, NULL, err, errlen);
}

/* SQLite's word for a damaged file (as opposed to a missing permission, a full disk or
 * a schema newer than this program). */
static int is_damage(int rc)
{
    rc &= 0xff;
    return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB;
}

Store *store_open_checked(const char *path, int quick_check, int *damaged, char *err, size_t errlen)
{
    if (damaged)
        *damaged = 0;
    Store *s = calloc(1, sizeof *s);
    char *copy = strdup(path);
    if (!s || !copy) {
        snprintf(err, errlen, "%s: out of memory", path);
        free(s);
        free(copy);
        return NULL;
    }
    s->dir = strdup(dirname(copy));
    free(copy);
    int rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK || !s->dir) {
        snprintf(err, errlen, "%s: cannot open: %s", path,
                 s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
        goto fail;
    }
    sqlite3_busy_timeout(s->db, 5000);
    sqlite3_extended_result_codes(s->db, 1);
    /* synchronous=FULL: a resident's submission is on disk before "提交成功" */
    if (exec(s,
             "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
             "PRAGMA foreign_keys = ON;",
             "pragmas") < 0 ||
        migrate(s) < 0 || ensure_kiosk_row(s) < 0) {
        snprintf(err, errlen, "%s: %s", path, s->errmsg);
        if (damaged)
            *damaged = is_damage(sqlite3_extended_errcode(s->db));
        goto fail;
    }
    if (quick_check) {
        sqlite3_stmt *st = NULL;
        int qrc = sqlite3_prepare_v2(s->db, "PRAGMA quick_check(1)", -1, &st, NULL);
        if (qrc == SQLITE_OK)
            qrc = sqlite3_step(st);
        const unsigned char *v = qrc == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
        if (!v || strcmp((const char *)v, "ok") != 0) {
            snprintf(err, errlen, "%s: quick_check: %s", path,
                     v ? (const char *)v : sqlite3_errmsg(s->db));
            if (damaged)
                *damaged = v != NULL || is_damage(qrc);
            sqlite3_finalize(st);
            goto fail;
        }
        sqlite3_finalize(st);
    }
    return s;
fail:
    store_close(s);
    return NULL;
}

void store_close(Store *s)
{
    if (!s)
        return;
    sqlite3_close(s->db);
    free(s->dir);
    free(s);
}

int64_t store_memory_used(void)
{
    return (int64_t)sqlite3_memory_used();
}

void store_release_memory(Store *s)
{
    sqlite3_db_release_memory(s->db);
}
