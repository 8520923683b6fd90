/* Verdicts from the hub into wishes, suggestions and questions. One data-driven table
 * per subject holds its SQL; the payload is read with SQLite's JSON functions like the
 * rest of sync_apply.c. sync_verdicts keeps the last rev applied per submission, so
 * replays and out-of-order verdicts (a resync) never undo a newer one. */
#include "store/sync_verdict.h"
#include "store/store_internal.h"

#include "core/ids.h"

#include <stdio.h>
#include <string.h>

/* A wish a resident here has claimed cannot go: the claim rows point at it. */
#define WISH_HELD "EXISTS (SELECT 1 FROM wish_claims c WHERE c.wish_uuid = wishes.uuid)"

typedef struct {
    const char *subject, *table;
    const char *const *states;        /* what the hub may send; others are skipped */
    const char *const *public_states; /* states in which the building sees the item */
    int needs_public_flag;            /* questions: only with "public": 1 */
    const char *held;                 /* SQL: a from_hub row that must stay */
    /* ?1 payload, ?2 uuid: an existing row takes the verdict */
    const char *update_sql;
    /* ?1 payload, ?2 receipt, ?3 now: a public item of another kiosk arrives */
    const char *insert_sql;
    /* ?1 uuid: staff withdrew the item; this kiosk's own row leaves the public lists */
    const char *withdraw_sql;
} Subject;

static const char *const WISH_STATES[] = {"review",    "open",     "claimed",
                                          "fulfilled", "declined", NULL};
static const char *const WISH_PUBLIC[] = {"open", "claimed", "fulfilled", NULL};
static const char *const SUGGESTION_STATES[] = {"new", "seen", "replied", NULL};
static const char *const SUGGESTION_PUBLIC[] = {"replied", NULL};
static const char *const QUESTION_STATES[] = {"answered", NULL};

static const Subject SUBJECTS[] = {
    {"wish", "wishes", WISH_STATES, WISH_PUBLIC, 0, WISH_HELD,
     /* "open" does not undo a claim made here that the hub has not refused: the verdict
      * was published before the claim reached the hub */
     "UPDATE wishes SET state = CASE WHEN json_extract(?1, '$.state') = 'open'"
     " AND state = 'claimed' AND EXISTS (SELECT 1 FROM wish_claims c WHERE"
     " c.wish_uuid = wishes.uuid AND NOT EXISTS (SELECT 1 FROM sync_decisions d"
     " WHERE d.uuid = c.uuid AND d.state = 'refused')) THEN state"
     " ELSE json_extract(?1, '$.state') END,"
     " decided_at = CASE WHEN decided_at IS NULL OR json_extract(?1, '$.state')"
     " IN ('open', 'declined') THEN coalesce(json_extract(?1, '$.decided_at'), decided_at)"
     " ELSE decided_at END,"
     " text = coalesce(json_extract(?1, '$.text'), text),"
     " room = coalesce(json_extract(?1, '$.room'), room),"
     " hub_claim_room = coalesce(json_extract(?1, '$.claim_room'), ''),"
     " hub_claimed_at = json_extract(?1, '$.claimed_at') WHERE uuid = ?2",
     "INSERT INTO wishes(uuid, receipt, created_at, text, room, state, decided_at,"
     " hub_claim_room, hub_claimed_at, from_hub) VALUES (json_extract(?1, '$.uuid'), ?2,"
     " coalesce(json_extract(?1, '$.created_at'), ?3), json_extract(?1, '$.text'),"
     " coalesce(json_extract(?1, '$.room'), ''), json_extract(?1, '$.state'),"
     " json_extract(?1, '$.decided_at'), coalesce(json_extract(?1, '$.claim_room'), ''),"
     " json_extract(?1, '$.claimed_at'), 1)",
     "UPDATE wishes SET state = 'declined', note = '已由社区撤下' WHERE uuid = ?1"
     " AND from_hub = 0"},
    {"suggestion", "suggestions", SUGGESTION_STATES, SUGGESTION_PUBLIC, 0, "0",
     "UPDATE suggestions SET state = json_extract(?1, '$.state'),"
     " category = coalesce(json_extract(?1, '$.category'), category),"
     " text = coalesce(json_extract(?1, '$.text'), text),"
     " reply = coalesce(json_extract(?1, '$.reply'), reply),"
     " replied_at = coalesce(json_extract(?1, '$.replied_at'), replied_at) WHERE uuid = ?2",
     "INSERT INTO suggestions(uuid, receipt, created_at, category, text, room, state, reply,"
     " replied_at, from_hub) VALUES (json_extract(?1, '$.uuid'), ?2,"
     " coalesce(json_extract(?1, '$.created_at'), ?3),"
     " coalesce(json_extract(?1, '$.category'), '其他'), json_extract(?1, '$.text'),"
     " coalesce(json_extract(?1, '$.room'), ''), 'replied',"
     " coalesce(json_extract(?1, '$.reply'), ''), json_extract(?1, '$.replied_at'), 1)",
     "UPDATE suggestions SET state = 'seen', reply = '', replied_at = NULL WHERE uuid = ?1"
     " AND from_hub = 0"},
    {"question", "questions", QUESTION_STATES, QUESTION_STATES, 1, "0",
     "UPDATE questions SET public = coalesce(json_extract(?1, '$.public'), public),"
     " text = coalesce(json_extract(?1, '$.text'), text),"
     " answer = coalesce(json_extract(?1, '$.answer'), answer),"
     " answered_by = coalesce(json_extract(?1, '$.answered_by'), answered_by),"
     " answered_at = coalesce(json_extract(?1, '$.answered_at'), answered_at) WHERE uuid = ?2",
     "INSERT INTO questions(uuid, receipt, created_at, text, room, answer, answered_by,"
     " answered_at, public, from_hub) VALUES (json_extract(?1, '$.uuid'), ?2,"
     " coalesce(json_extract(?1, '$.created_at'), ?3), json_extract(?1, '$.text'),"
     " coalesce(json_extract(?1, '$.room'), ''), json_extract(?1, '$.answer'),"
     " coalesce(json_extract(?1, '$.answered_by'), ''),"
     " coalesce(json_extract(?1, '$.answered_at'), ?3), 1, 1)",
     "UPDATE questions SET public = 0 WHERE uuid = ?1 AND from_hub = 0"},
};
#define SUBJECT_COUNT (sizeof SUBJECTS / sizeof SUBJECTS[0])

/* What the decisions below need from the payload; the fields themselves are read by
 * the SQL above. */
typedef struct {
    char uuid[64], subject[16], state[16], receipt[16];
    int has_text, public_flag, has_answer;
} Verdict;

static const Subject *subject_find(const char *name)
{
    for (size_t i = 0; i < SUBJECT_COUNT; i++)
        if (strcmp(name, SUBJECTS[i].subject) == 0)
            return &SUBJECTS[i];
    return NULL;
}

static int listed(const char *const *list, const char *s)
{
    for (; *list; list++)
        if (strcmp(*list, s) == 0)
            return 1;
    return 0;
}

static void copy_col(sqlite3_stmt *st, int col, char *out, size_t size)
{
    const char *v = (const char *)sqlite3_column_text(st, col);
    snprintf(out, size, "%s", v ? v : "");
}

static int verdict_read(Store *s, const char *payload, Verdict *v)
{
    memset(v, 0, sizeof *v);
    sqlite3_stmt *st = store_prepare(
        s, "SELECT json_extract(?1, '$.uuid'), json_extract(?1, '$.subject'),"
           " json_extract(?1, '$.state'), json_extract(?1, '$.receipt'),"
           " json_extract(?1, '$.text') IS NOT NULL, coalesce(json_extract(?1, '$.public'), 0),"
           " json_extract(?1, '$.answer') IS NOT NULL");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, payload, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        copy_col(st, 0, v->uuid, sizeof v->uuid);
        copy_col(st, 1, v->subject, sizeof v->subject);
        copy_col(st, 2, v->state, sizeof v->state);
        copy_col(st, 3, v->receipt, sizeof v->receipt);
        v->has_text = sqlite3_column_int(st, 4);
        v->public_flag = sqlite3_column_int(st, 5);
        v->has_answer = sqlite3_column_int(st, 6);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : store_fail_sql(s, rc, "read verdict");
}

static int is_public(const Subject *sub, const Verdict *v)
{
    if (!v->has_text || !listed(sub->public_states, v->state))
        return 0;
    return !sub->needs_public_flag || (v->public_flag == 1 && v->has_answer);
}

/* Runs sql with ?1 text a, ?2 text b (either may be NULL), ?3 now. */
static int run(Store *s, const char *sql, const char *a, const char *b, size_t *changed)
{
    sqlite3_stmt *st = store_prepare(s, sql);
    if (!st)
        return -1;
    store_bind_text_or_null(st, 1, a);
    store_bind_text_or_null(st, 2, b);
    if (sqlite3_bind_parameter_count(st) >= 3)
        sqlite3_bind_int64(st, 3, store_now(s));
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_fail_sql(s, rc, "apply verdict");
    if (changed)
        *changed += (size_t)sqlite3_changes(s->db);
    return 0;
}

/* The from_hub row of uuid leaves the building's lists: deleted, or (held) set to
 * state so it stays for the claim rows but off the board. */
static int remove_row(Store *s, const Subject *sub, const char *uuid, const char *state,
                      size_t *changed)
{
    char sql[512];
    if (strcmp(sub->held, "0") != 0) {
        snprintf(sql, sizeof sql,
                 "UPDATE %s SET state = ?2, hub_claim_room = '', hub_claimed_at = NULL"
                 " WHERE uuid = ?1 AND from_hub = 1 AND %s",
                 sub->table, sub->held);
        if (run(s, sql, uuid, state, changed) < 0)
            return -1;
    }
    snprintf(sql, sizeof sql, "DELETE FROM %s WHERE uuid = ?1 AND from_hub = 1 AND NOT %s",
             sub->table, sub->held);
    return run(s, sql, uuid, NULL, changed);
}

/* 1 when the row exists (*from_hub set), 0 when not, -1 on failure. */
static int row_find(Store *s, const Subject *sub, const char *uuid, int *from_hub)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT from_hub FROM %s WHERE uuid = ?", sub->table);
    sqlite3_stmt *st = store_prepare(s, sql);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    *from_hub = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return 1;
    return rc == SQLITE_DONE ? 0 : store_fail_sql(s, rc, "find verdict row");
}

/* The payload's receipt unless it is malformed or another row of the table has it. */
static int pick_receipt(Store *s, const Subject *sub, const char *wanted,
                        char out[IDS_RECEIPT_LEN + 1])
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT 1 FROM %s WHERE receipt = ?", sub->table);
    if (ids_receipt_normalize(wanted, out)) {
        sqlite3_stmt *st = store_prepare(s, sql);
        if (!st)
            return -1;
        sqlite3_bind_text(st, 1, out, -1, SQLITE_STATIC);
        int rc = sqlite3_step(st);
        sqlite3_finalize(st);
        if (rc == SQLITE_DONE)
            return 0;
        if (rc != SQLITE_ROW)
            return store_fail_sql(s, rc, "receipt lookup");
    }
    StoreReceipt r;
    if (store_new_receipt(s, sub->table, &r) < 0)
        return -1;
    memcpy(out, r.receipt, IDS_RECEIPT_LEN + 1);
    return 0;
}

static int insert_row(Store *s, const Subject *sub, const SyncChange *c, const Verdict *v,
                      size_t *changed)
{
    char receipt[IDS_RECEIPT_LEN + 1];
    if (pick_receipt(s, sub, v->receipt, receipt) < 0)
        return -1;
    return run(s, sub->insert_sql, c->payload, receipt, changed);
}

/* The last rev applied for this submission (or hub_id), 0 when none. */
static int last_rev(Store *s, const char *uuid, int64_t hub_id, int64_t *rev)
{
    sqlite3_stmt *st =
        store_prepare(s, "SELECT max(hub_rev) FROM sync_verdicts WHERE uuid = ? OR hub_id = ?");
    if (!st)
        return -1;
    store_bind_text_or_null(st, 1, uuid);
    sqlite3_bind_int64(st, 2, hub_id);
    int rc = sqlite3_step(st);
    *rev = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : store_fail_sql(s, rc, "verdict rev");
}

static int remember(Store *s, const SyncChange *c, const Verdict *v)
{
    sqlite3_stmt *st = store_prepare(
        s, "INSERT INTO sync_verdicts(uuid, subject, state, hub_id, hub_rev, updated_at)"
           " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(uuid) DO UPDATE SET"
           " subject = excluded.subject, state = excluded.state, hub_id = excluded.hub_id,"
           " hub_rev = excluded.hub_rev, updated_at = excluded.updated_at");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, v->uuid, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, v->subject, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, v->state, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, c->hub_id);
    sqlite3_bind_int64(st, 5, c->rev);
    sqlite3_bind_int64(st, 6, store_now(s));
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail_sql(s, rc, "remember verdict");
}

/* A delete carries no payload: the submission is found through the bookkeeping row. */
static int apply_delete(Store *s, const SyncChange *c, size_t *changed)
{
    sqlite3_stmt *st =
        store_prepare(s, "SELECT uuid, subject, hub_rev FROM sync_verdicts WHERE hub_id = ?");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, c->hub_id);
    int rc = sqlite3_step(st);
    Verdict v;
    memset(&v, 0, sizeof v);
    int64_t rev = 0;
    if (rc == SQLITE_ROW) {
        copy_col(st, 0, v.uuid, sizeof v.uuid);
        copy_col(st, 1, v.subject, sizeof v.subject);
        rev = sqlite3_column_int64(st, 2);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return 0; /* never shown here */
    if (rc != SQLITE_ROW)
        return store_fail_sql(s, rc, "find verdict");
    const Subject *sub = subject_find(v.subject);
    if (rev >= c->rev || !sub)
        return 0;
    snprintf(v.state, sizeof v.state, "deleted");
    if (remember(s, c, &v) < 0 || run(s, sub->withdraw_sql, v.uuid, NULL, changed) < 0)
        return -1;
    return remove_row(s, sub, v.uuid, "declined", changed);
}

int store_sync_verdict_apply(Store *s, const SyncChange *c, size_t *changed)
{
    if (c->is_delete)
        return apply_delete(s, c, changed);
    if (!c->payload)
        return store_fail(s, REASON_INVALID_VALUE, "sync: verdict %lld without fields",
                          (long long)c->hub_id);
    Verdict v;
    if (verdict_read(s, c->payload, &v) < 0)
        return -1;
    const Subject *sub = subject_find(v.subject);
    if (!sub || !listed(sub->states, v.state))
        return 0; /* a subject or state this version does not know yet */
    if (strlen(v.uuid) != IDS_UUID_LEN)
        return store_fail(s, REASON_INVALID_VALUE, "sync: verdict %lld without a uuid",
                          (long long)c->hub_id);
    int64_t rev;
    if (last_rev(s, v.uuid, c->hub_id, &rev) < 0)
        return -1;
    if (rev >= c->rev)
        return 0; /* replayed, or older than what this kiosk already shows */
    if (remember(s, c, &v) < 0)
        return -1;
    int from_hub = 0;
    int found = row_find(s, sub, v.uuid, &from_hub);
    if (found < 0)
        return -1;
    int pub = is_public(sub, &v);
    if (!found)
        return pub ? insert_row(s, sub, c, &v, changed) : 0;
    if (from_hub && !pub)
        return remove_row(s, sub, v.uuid, v.state, changed);
    return run(s, sub->update_sql, c->payload, v.uuid, changed);
}

int store_sync_verdict_prune(Store *s)
{
    static const char LIVE[] = "(SELECT v.uuid FROM sync_verdicts v JOIN sync_live l"
                               " ON l.kind = 'verdict' AND l.hub_id = v.hub_id)";
    for (size_t i = 0; i < SUBJECT_COUNT; i++) {
        const Subject *sub = &SUBJECTS[i];
        char sql[768];
        if (strcmp(sub->held, "0") != 0) {
            snprintf(sql, sizeof sql,
                     "UPDATE %s SET state = 'declined', hub_claim_room = '', hub_claimed_at ="
                     " NULL WHERE from_hub = 1 AND uuid NOT IN %s AND %s",
                     sub->table, LIVE, sub->held);
            if (run(s, sql, NULL, NULL, NULL) < 0)
                return -1;
        }
        snprintf(sql, sizeof sql, "DELETE FROM %s WHERE from_hub = 1 AND uuid NOT IN %s AND NOT %s",
                 sub->table, LIVE, sub->held);
        if (run(s, sql, NULL, NULL, NULL) < 0)
            return -1;
    }
    /* this kiosk's own items whose verdict the hub no longer lists were withdrawn (the
     * tombstone itself may have been pruned): they leave the public lists here too */
    sqlite3_stmt *st = store_prepare(
        s, "SELECT uuid, subject FROM sync_verdicts WHERE state <> 'deleted' AND hub_id NOT IN"
           " (SELECT hub_id FROM sync_live WHERE kind = 'verdict')");
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const Subject *sub = subject_find((const char *)sqlite3_column_text(st, 1));
        if (sub &&
            run(s, sub->withdraw_sql, (const char *)sqlite3_column_text(st, 0), NULL, NULL) < 0) {
            sqlite3_finalize(st);
            return -1;
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_fail_sql(s, rc, "withdraw verdicts");
    return run(s,
               "DELETE FROM sync_verdicts WHERE hub_id NOT IN"
               " (SELECT hub_id FROM sync_live WHERE kind = 'verdict')",
               NULL, NULL, NULL);
}
