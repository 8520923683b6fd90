/* Polls and their options: validation, the open/all lists, import upserts that keep
 * option ids stable (votes point at them) and tombstones. Votes are in vote.c. */
#include "store/poll.h"
#include "store/store_internal.h"

#include <stdlib.h>
#include <string.h>

#define POLL_COLUMNS "id, question, description, opens_at, closes_at, source_key, updated_at"

int poll_is_open(const Poll *p, int64_t now)
{
    return now >= p->opens_at && now < p->closes_at;
}

void poll_deinit(Poll *p)
{
    if (!p)
        return;
    free(p->question);
    free(p->description);
    free(p->source_key);
    for (size_t i = 0; i < p->option_count; i++)
        free(p->options[i].label);
    free(p->options);
    memset(p, 0, sizeof *p);
}

void poll_list_free(PollList *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->count; i++)
        poll_deinit(&l->items[i]);
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

/* Loads the options of p->id in order into p. */
static int load_options(Store *s, Poll *p)
{
    sqlite3_stmt *st = store_prepare(
        s, "SELECT id, sort, label FROM poll_options WHERE poll_id = ? ORDER BY sort");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, p->id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (p->option_count == cap) {
            cap = cap ? cap * 2 : POLL_OPTIONS_MAX;
            PollOption *o = realloc(p->options, cap * sizeof *o);
            if (!o)
                goto oom;
            p->options = o;
        }
        PollOption *o = &p->options[p->option_count++];
        o->id = sqlite3_column_int64(st, 0);
        o->sort = sqlite3_column_int(st, 1);
        o->label = store_col_dup(st, 2);
        if (!o->label)
            goto oom;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_fail_sql(s, rc, "poll options");
    return 0;
oom:
    sqlite3_finalize(st);
    return store_fail(s, REASON_STORAGE, "poll options: out of memory");
}

static int read_row(Store *s, sqlite3_stmt *st, Poll *p)
{
    memset(p, 0, sizeof *p);
    p->id = sqlite3_column_int64(st, 0);
    p->question = store_col_dup(st, 1);
    p->description = store_col_dup(st, 2);
    p->opens_at = sqlite3_column_int64(st, 3);
    p->closes_at = sqlite3_column_int64(st, 4);
    p->source_key = sqlite3_column_type(st, 5) == SQLITE_NULL ? NULL : store_col_dup(st, 5);
    p->updated_at = sqlite3_column_int64(st, 6);
    if (!p->question || !p->description)
        return store_fail(s, REASON_STORAGE, "poll: out of memory");
    return 0;
}

int store_poll_list(Store *s, const PollQuery *q, PollList *out)
{
    static const PollQuery all = {0};
    if (!q)
        q = &all;
    store_clear_error(s);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st =
        store_prepare(s, "SELECT " POLL_COLUMNS " FROM polls WHERE deleted = 0"
                         " AND (?1 OR (opens_at <= ?2 AND closes_at > ?2))"
                         " ORDER BY CASE WHEN ?1 THEN -opens_at ELSE closes_at END, id LIMIT ?3");
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, q->include_closed ? 1 : 0);
    sqlite3_bind_int64(st, 2, store_now(s));
    sqlite3_bind_int64(st, 3, q->limit ? (int64_t)q->limit : -1);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->count == cap) {
            cap = cap ? cap * 2 : 8;
            Poll *p = realloc(out->items, cap * sizeof *p);
            if (!p) {
                store_fail(s, REASON_STORAGE, "list polls: out of memory");
                goto err;
            }
            out->items = p;
        }
        if (read_row(s, st, &out->items[out->count++]) < 0)
            goto err;
    }
    sqlite3_finalize(st);
    st = NULL;
    if (rc != SQLITE_DONE) {
        store_fail_sql(s, rc, "list polls");
        goto err;
    }
    for (size_t i = 0; i < out->count; i++)
        if (load_options(s, &out->items[i]) < 0)
            goto err;
    return 0;
err:
    sqlite3_finalize(st);
    poll_list_free(out);
    return -1;
}

int store_poll_get(Store *s, int64_t id, Poll *out)
{
    store_clear_error(s);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st =
        store_prepare(s, "SELECT " POLL_COLUMNS " FROM polls WHERE id = ? AND deleted = 0");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(st);
        if (rc == SQLITE_DONE)
            return store_fail(s, REASON_NOT_FOUND, "no poll %lld", (long long)id);
        return store_fail_sql(s, rc, "get poll");
    }
    int r = read_row(s, st, out);
    sqlite3_finalize(st);
    if (r < 0 || load_options(s, out) < 0) {
        poll_deinit(out);
        return -1;
    }
    return 0;
}

/* Trimmed, checked question, description and labels. */
typedef struct {
    char *question, *description;
    char *labels[POLL_OPTIONS_MAX];
    size_t count;
    int64_t opens_at;
} Clean;

static void clean_deinit(Clean *c)
{
    free(c->question);
    free(c->description);
    for (size_t i = 0; i < c->count; i++)
        free(c->labels[i]);
}

static int validate(Store *s, const Poll *in, const char *const *labels, size_t n, Clean *c)
{
    memset(c, 0, sizeof *c);
    if (n < POLL_OPTIONS_MIN || n > POLL_OPTIONS_MAX || !labels)
        return store_fail(s, REASON_INVALID_VALUE, "a poll needs %d-%d options, not %zu",
                          POLL_OPTIONS_MIN, POLL_OPTIONS_MAX, n);
    c->opens_at = in->opens_at ? in->opens_at : store_now(s);
    if (in->closes_at <= c->opens_at)
        return store_fail(s, REASON_INVALID_VALUE, "poll closes before it opens");
    if (store_check_text(s, in->question, STORE_TITLE_MAX, 1, "question", &c->question) < 0 ||
        store_check_text(s, in->description, STORE_BODY_MAX, 0, "description", &c->description) < 0)
        goto err;
    for (size_t i = 0; i < n; i++) {
        if (store_check_text(s, labels[i], STORE_SHORT_MAX, 1, "option", &c->labels[i]) < 0)
            goto err;
        c->count = i + 1;
        for (size_t j = 0; j < i; j++)
            if (strcmp(c->labels[j], c->labels[i]) == 0) {
                store_fail(s, REASON_INVALID_VALUE, "option \"%.40s\" appears twice", c->labels[i]);
                goto err;
            }
    }
    return 0;
err:
    clean_deinit(c);
    return -1;
}

/* Runs sql with ?1 = id and, if it has one, ?2 = now. */
static int exec_id(Store *s, const char *sql, int64_t id, const char *what)
{
    sqlite3_stmt *st = store_prepare(s, sql);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_bind_parameter_count(st) >= 2)
        sqlite3_bind_int64(st, 2, store_now(s));
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_fail_sql(s, rc, what);
    return 0;
}

/* Makes the options of poll id equal to c's labels. Same labels: nothing happens, so
 * option ids (which votes reference) stay. Different ones: replaced, unless votes exist. */
static int sync_options(Store *s, int64_t id, const Clean *c)
{
    Poll cur = {.id = id};
    if (load_options(s, &cur) < 0) {
        poll_deinit(&cur);
        return -1;
    }
    int same = cur.option_count == c->count;
    for (size_t i = 0; same && i < c->count; i++)
        same = strcmp(cur.options[i].label, c->labels[i]) == 0;
    size_t had = cur.option_count;
    poll_deinit(&cur);
    if (same)
        return 0;
    if (had) {
        sqlite3_stmt *st = store_prepare(s, "SELECT count(*) FROM votes WHERE poll_id = ?");
        if (!st)
            return -1;
        sqlite3_bind_int64(st, 1, id);
        int rc = sqlite3_step(st);
        int64_t votes = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        sqlite3_finalize(st);
        if (rc != SQLITE_ROW)
            return store_fail_sql(s, rc, "count votes");
        if (votes)
            return store_fail(s, REASON_INVALID_VALUE,
                              "poll %lld has %lld votes: its options cannot change", (long long)id,
                              (long long)votes);
        if (exec_id(s, "DELETE FROM poll_options WHERE poll_id = ?1", id, "replace options") < 0 ||
            exec_id(s, "UPDATE polls SET updated_at = ?2 WHERE id = ?1", id, "touch poll") < 0)
            return -1;
    }
    sqlite3_stmt *st =
        store_prepare(s, "INSERT INTO poll_options(poll_id, sort, label) VALUES (?, ?, ?)");
    if (!st)
        return -1;
    for (size_t i = 0; i < c->count; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int(st, 2, (int)i);
        sqlite3_bind_text(st, 3, c->labels[i], -1, SQLITE_STATIC);
        int rc = sqlite3_step(st);
        if (rc != SQLITE_DONE) {
            sqlite3_finalize(st);
            return store_fail_sql(s, rc, "add option");
        }
    }
    sqlite3_finalize(st);
    return 0;
}

int store_poll_add(Store *s, const Poll *in, const char *const *labels, size_t label_count,
                   int64_t *id_out)
{
    store_clear_error(s);
    Clean c;
    if (validate(s, in, labels, label_count, &c) < 0)
        return -1;
    if (store_tx_begin(s) < 0) {
        clean_deinit(&c);
        return -1;
    }
    /* as for notices: an identical re-import leaves the row (and updated_at) alone */
    sqlite3_stmt *st =
        store_prepare(s, "INSERT INTO polls(question, description, opens_at, closes_at, source_key,"
                         " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)"
                         " ON CONFLICT(source_key) DO UPDATE SET question = ?1, description = ?2,"
                         " opens_at = ?3, closes_at = ?4, deleted = 0, updated_at = ?6"
                         " WHERE (question, description, opens_at, closes_at, deleted)"
                         " IS NOT (?1, ?2, ?3, ?4, 0) RETURNING id");
    if (!st)
        goto err;
    sqlite3_bind_text(st, 1, c.question, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, c.description ? c.description : "", -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, c.opens_at);
    sqlite3_bind_int64(st, 4, in->closes_at);
    store_bind_text_or_null(st, 5, in->source_key);
    sqlite3_bind_int64(st, 6, store_now(s));
    int rc = sqlite3_step(st);
    int64_t id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE && in->source_key && *in->source_key) {
        st = store_prepare(s, "SELECT id FROM polls WHERE source_key = ?");
        if (!st)
            goto err;
        sqlite3_bind_text(st, 1, in->source_key, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        sqlite3_finalize(st);
    }
    if (rc != SQLITE_ROW) {
        store_fail_sql(s, rc, "add poll");
        goto err;
    }
    if (sync_options(s, id, &c) < 0)
        goto err;
    clean_deinit(&c);
    if (store_tx_end(s, 1) < 0)
        return -1;
    if (id_out)
        *id_out = id;
    return 0;
err:
    clean_deinit(&c);
    store_tx_end(s, 0);
    return -1;
}

int store_poll_remove(Store *s, int64_t id)
{
    return store_tombstone(s, "polls", "poll", id);
}
