/* Votes: one voice per household, a change is a new row naming the vote it replaces,
 * and results count each room's latest row only. Every accepted vote is one
 * transaction with its outbox event. */
#include "store/store_internal.h"
#include "store/vote.h"

#include "core/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The latest vote of a room in a poll: the one that counts. */
#define LATEST_OF(v)                                                                               \
    "(SELECT max(w.id) FROM votes w WHERE w.poll_id = " v ".poll_id AND w.room = " v ".room)"

static void copy_col(sqlite3_stmt *st, int col, char *out, size_t n)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    snprintf(out, n, "%s", t ? (const char *)t : "");
}

/* Looks up room's latest vote: 1 and fills the outputs if there is one, 0 if none,
 * -1 on a storage failure. */
static int latest_vote(Store *s, int64_t poll_id, const char *room, int64_t *option_id,
                       StoreReceipt *rec)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT id, uuid, receipt, option_id FROM votes"
                                        " WHERE poll_id = ? AND room = ? ORDER BY id DESC LIMIT 1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, poll_id);
    sqlite3_bind_text(st, 2, room, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        if (rec) {
            rec->id = sqlite3_column_int64(st, 0);
            copy_col(st, 1, rec->uuid, sizeof rec->uuid);
            copy_col(st, 2, rec->receipt, sizeof rec->receipt);
        }
        if (option_id)
            *option_id = sqlite3_column_int64(st, 3);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc == SQLITE_DONE)
        return 0;
    return store_fail_sql(s, rc, "find vote");
}

/* Checks the poll is there and open and the option is one of its own; *sort gets the
 * option's 1-based position (the hub's numbering for a hub poll: option ids are this
 * store's own, and mean nothing on the hub or another kiosk). */
static int check_poll(Store *s, int64_t poll_id, int64_t option_id, int64_t *hub_id, int *sort)
{
    sqlite3_stmt *st = store_prepare(
        s, "SELECT opens_at, closes_at, deleted, coalesce(hub_id, 0) FROM polls WHERE id = ?");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, poll_id);
    int rc = sqlite3_step(st);
    int64_t opens = 0, closes = 0;
    int deleted = 0;
    if (rc == SQLITE_ROW) {
        opens = sqlite3_column_int64(st, 0);
        closes = sqlite3_column_int64(st, 1);
        deleted = sqlite3_column_int(st, 2);
        *hub_id = sqlite3_column_int64(st, 3);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE || (rc == SQLITE_ROW && deleted))
        return store_fail(s, REASON_NOT_FOUND, "no poll %lld", (long long)poll_id);
    if (rc != SQLITE_ROW)
        return store_fail_sql(s, rc, "get poll");
    int64_t now = store_now(s);
    if (now < opens || now >= closes)
        return store_fail(s, REASON_POLL_NOT_OPEN, "poll %lld is open %lld-%lld",
                          (long long)poll_id, (long long)opens, (long long)closes);
    st = store_prepare(s, "SELECT sort FROM poll_options WHERE id = ? AND poll_id = ?");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, option_id);
    sqlite3_bind_int64(st, 2, poll_id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *sort = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return store_fail(s, REASON_INVALID_OPTION, "option %lld is not in poll %lld",
                          (long long)option_id, (long long)poll_id);
    if (rc != SQLITE_ROW)
        return store_fail_sql(s, rc, "get option");
    return 0;
}

/* Cast (change = 0) or change (change = 1) a vote: the shared path. */
static int vote_submit(Store *s, int64_t poll_id, int64_t option_id, const char *room, int change,
                       StoreReceipt *out)
{
    store_clear_error(s);
    char r[ROOM_MAX_LEN + 1];
    if (store_check_room(s, room, 1, r) < 0)
        return -1;
    if (store_tx_begin(s) < 0)
        return -1;
    StoreReceipt prev = {0}, rec = {0};
    char *payload = NULL;
    int64_t hub_id = 0, now = store_now(s);
    int sort = 0;
    if (check_poll(s, poll_id, option_id, &hub_id, &sort) < 0)
        goto fail;
    int had = latest_vote(s, poll_id, r, NULL, &prev);
    if (had < 0)
        goto fail;
    if (had && !change) {
        store_fail(s, REASON_ALREADY_VOTED, "room %s voted in poll %lld already", r,
                   (long long)poll_id);
        goto fail;
    }
    if (!had && change) {
        store_fail(s, REASON_NOT_VOTED, "room %s has no vote in poll %lld to change", r,
                   (long long)poll_id);
        goto fail;
    }
    if (store_new_receipt(s, "votes", &rec) < 0)
        goto fail;
    sqlite3_stmt *st = store_prepare(
        s, "INSERT INTO votes(uuid, receipt, created_at, poll_id, option_id, room, supersedes)"
           " VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!st)
        goto fail;
    sqlite3_bind_text(st, 1, rec.uuid, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, rec.receipt, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, now);
    sqlite3_bind_int64(st, 4, poll_id);
    sqlite3_bind_int64(st, 5, option_id);
    sqlite3_bind_text(st, 6, r, -1, SQLITE_STATIC);
    store_bind_text_or_null(st, 7, change ? prev.uuid : NULL);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        store_fail_sql(s, rc, "add vote");
        goto fail;
    }
    rec.id = sqlite3_last_insert_rowid(s->db);
    Buf b;
    buf_init(&b);
    int first = 1;
    buf_putc(&b, '{');
    json_member_str(&b, &first, "uuid", rec.uuid);
    json_member_str(&b, &first, "receipt", rec.receipt);
    json_member_int(&b, &first, "poll_id", poll_id);
    if (hub_id)
        json_member_int(&b, &first, "poll_hub_id", hub_id);
    json_member_int(&b, &first, "option_id", option_id);
    json_member_int(&b, &first, "option_sort", sort);
    json_member_str(&b, &first, "room", r);
    json_member_str(&b, &first, "supersedes", change ? prev.uuid : NULL);
    json_member_int(&b, &first, "created_at", now);
    buf_putc(&b, '}');
    payload = buf_take(&b);
    if (!payload) {
        store_fail(s, REASON_STORAGE, "vote payload: out of memory");
        goto fail;
    }
    if (store_outbox_append(s, "vote", rec.uuid, payload) < 0)
        goto fail;
    free(payload);
    if (store_tx_end(s, 1) < 0)
        return -1;
    if (out)
        *out = rec;
    return 0;
fail:
    free(payload);
    store_tx_end(s, 0);
    return -1;
}

int store_vote_cast(Store *s, int64_t poll_id, int64_t option_id, const char *room,
                    StoreReceipt *out)
{
    return vote_submit(s, poll_id, option_id, room, 0, out);
}

int store_vote_change(Store *s, int64_t poll_id, int64_t option_id, const char *room,
                      StoreReceipt *out)
{
    return vote_submit(s, poll_id, option_id, room, 1, out);
}

int store_vote_find(Store *s, int64_t poll_id, const char *room, int64_t *option_id,
                    StoreReceipt *out)
{
    store_clear_error(s);
    char r[ROOM_MAX_LEN + 1];
    if (store_check_room(s, room, 1, r) < 0)
        return -1;
    int had = latest_vote(s, poll_id, r, option_id, out);
    if (had < 0)
        return -1;
    if (!had)
        return store_fail(s, REASON_NOT_VOTED, "room %s has not voted in poll %lld", r,
                          (long long)poll_id);
    return 0;
}

void poll_results_deinit(PollResults *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->count; i++)
        free(r->tallies[i].label);
    free(r->tallies);
    memset(r, 0, sizeof *r);
}

/* Runs a one-integer query with ?1 = id; *out = 0 when it returns no row. */
static int query_int(Store *s, const char *sql, int64_t id, int64_t *out)
{
    sqlite3_stmt *st = store_prepare(s, sql);
    if (!st)
        return -1;
    if (sqlite3_bind_parameter_count(st) >= 1)
        sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail_sql(s, rc, "poll results");
    return rc == SQLITE_ROW ? 1 : 0;
}

void poll_results_judge(PollResults *r)
{
    int64_t agree = r->count ? r->tallies[0].households : 0;
    r->participation = r->households > 0 ? (double)r->voted / (double)r->households : 0;
    r->agreement = r->voted > 0 ? (double)agree / (double)r->voted : 0;
    /* exact integer comparisons: no rounding can tip a building's decision */
    r->quorum_reached = r->households > 0 && 3 * r->voted >= 2 * r->households;
    r->agreement_reached = r->voted > 0 && 4 * agree >= 3 * r->voted;
    r->passed = r->quorum_reached && r->agreement_reached;
}

int store_poll_results(Store *s, int64_t poll_id, PollResults *r)
{
    store_clear_error(s);
    memset(r, 0, sizeof *r);
    r->poll_id = poll_id;
    int64_t one;
    int found = query_int(s, "SELECT 1 FROM polls WHERE id = ?1", poll_id, &one);
    if (found < 0)
        return -1;
    if (!found)
        return store_fail(s, REASON_NOT_FOUND, "no poll %lld", (long long)poll_id);
    if (query_int(s, "SELECT count(DISTINCT room) FROM votes WHERE poll_id = ?1", poll_id,
                  &r->voted) < 0 ||
        query_int(s, "SELECT households FROM kiosk", 0, &r->households) < 0)
        return -1;
    sqlite3_stmt *st = store_prepare(
        s, "SELECT o.id, o.label, (SELECT count(*) FROM votes v WHERE v.option_id = o.id"
           " AND v.id = " LATEST_OF("v") ") FROM poll_options o WHERE o.poll_id = ?"
                                         " ORDER BY o.sort");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, poll_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        PollTally *t = realloc(r->tallies, (r->count + 1) * sizeof *t);
        if (!t)
            goto oom;
        r->tallies = t;
        t = &r->tallies[r->count];
        t->option_id = sqlite3_column_int64(st, 0);
        t->label = store_col_dup(st, 1);
        t->households = sqlite3_column_int64(st, 2);
        if (!t->label)
            goto oom;
        r->count++;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        poll_results_deinit(r);
        return store_fail_sql(s, rc, "poll results");
    }
    poll_results_judge(r);
    return 0;
oom:
    sqlite3_finalize(st);
    poll_results_deinit(r);
    return store_fail(s, REASON_STORAGE, "poll results: out of memory");
}

void vote_list_free(VoteList *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->count; i++) {
        free(l->items[i].poll_question);
        free(l->items[i].option_label);
    }
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

int store_vote_list(Store *s, int64_t poll_id, VoteList *out)
{
    store_clear_error(s);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = store_prepare(
        s, "SELECT v.id, v.uuid, v.receipt, v.poll_id, coalesce(p.question, ''), v.option_id,"
           " coalesce(o.label, ''), v.room, coalesce(v.supersedes, ''),"
           " v.id = " LATEST_OF("v") ", v.created_at"
                                     " FROM votes v LEFT JOIN polls p ON p.id = v.poll_id"
                                     " LEFT JOIN poll_options o ON o.id = v.option_id"
                                     " WHERE ?1 = 0 OR v.poll_id = ?1 ORDER BY v.poll_id, v.id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, poll_id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->count == cap) {
            cap = cap ? cap * 2 : 32;
            Vote *p = realloc(out->items, cap * sizeof *p);
            if (!p)
                goto oom;
            out->items = p;
        }
        Vote *v = &out->items[out->count++];
        memset(v, 0, sizeof *v);
        v->id = sqlite3_column_int64(st, 0);
        copy_col(st, 1, v->uuid, sizeof v->uuid);
        copy_col(st, 2, v->receipt, sizeof v->receipt);
        v->poll_id = sqlite3_column_int64(st, 3);
        v->poll_question = store_col_dup(st, 4);
        v->option_id = sqlite3_column_int64(st, 5);
        v->option_label = store_col_dup(st, 6);
        copy_col(st, 7, v->room, sizeof v->room);
        copy_col(st, 8, v->supersedes, sizeof v->supersedes);
        v->current = sqlite3_column_int(st, 9);
        v->created_at = sqlite3_column_int64(st, 10);
        if (!v->poll_question || !v->option_label)
            goto oom;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        vote_list_free(out);
        return store_fail_sql(s, rc, "list votes");
    }
    return 0;
oom:
    sqlite3_finalize(st);
    vote_list_free(out);
    return store_fail(s, REASON_STORAGE, "list votes: out of memory");
}
