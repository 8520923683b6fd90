/* One sync round: push, pull, photos, heartbeat (see sync.h). The hub's functions are
 * called by name in schema yanxia_hub; every result is checked before the store is
 * told anything, so a lost reply only ever causes a harmless re-send. */
#include "sync/sync_internal.h"

#include "core/buf.h"
#include "core/crashpoint.h"
#include "core/json.h"
#include "core/sha256.h"
#include "store/outbox.h"
#include "store/photo.h"
#include "store/sync_apply.h"
#include "store/sync_state.h"

#include <errno.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

SyncSession *sync_session_create(const char *conninfo)
{
    SyncSession *ss = calloc(1, sizeof *ss);
    if (!ss)
        return NULL;
    ss->conninfo = strdup(conninfo ? conninfo : "");
    if (!ss->conninfo) {
        free(ss);
        return NULL;
    }
    pthread_mutex_init(&ss->sock_mu, NULL);
    ss->sock = -1;
    sync_session_set_limits(ss, NULL);
    return ss;
}

/* Closes the connection (if any); the interrupt forgets its socket first. */
static void drop_conn(SyncSession *ss)
{
    pthread_mutex_lock(&ss->sock_mu);
    ss->sock = -1;
    pthread_mutex_unlock(&ss->sock_mu);
    if (ss->pg)
        PQfinish(ss->pg);
    ss->pg = NULL;
}

void sync_session_destroy(SyncSession *ss)
{
    if (!ss)
        return;
    drop_conn(ss);
    pthread_mutex_destroy(&ss->sock_mu);
    free(ss->conninfo);
    free(ss);
}

static int64_t mono_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* A hub call begins (1) or ends (0): what sync_session_busy_ms measures. */
static void call_mark(SyncSession *ss, int begins)
{
    pthread_mutex_lock(&ss->sock_mu);
    ss->call_since_ms = begins ? mono_ms() : 0;
    pthread_mutex_unlock(&ss->sock_mu);
}

int64_t sync_session_busy_ms(SyncSession *ss)
{
    pthread_mutex_lock(&ss->sock_mu);
    int64_t since = ss->call_since_ms;
    pthread_mutex_unlock(&ss->sock_mu);
    return since ? mono_ms() - since : 0;
}

void sync_session_interrupt(SyncSession *ss)
{
    pthread_mutex_lock(&ss->sock_mu);
    if (ss->sock >= 0)
        shutdown(ss->sock, SHUT_RDWR); /* the blocked call returns: the connection is lost */
    pthread_mutex_unlock(&ss->sock_mu);
}

void sync_session_set_limits(SyncSession *ss, const SyncLimits *lim)
{
    static const SyncLimits none = {0};
    if (!lim)
        lim = &none;
    ss->lim.push_batch = lim->push_batch && lim->push_batch < SYNC_PUSH_BATCH_MAX
                             ? lim->push_batch
                             : SYNC_PUSH_BATCH_MAX;
    ss->lim.pull_page = lim->pull_page > 0 ? lim->pull_page : 1000;
    ss->lim.chunk_bytes = lim->chunk_bytes > 0 ? lim->chunk_bytes : 4 << 20;
}

int sync_fail(char *err, size_t errlen, const char *fmt, const char *a, const char *b)
{
    snprintf(err, errlen, fmt, a, b);
    /* libpq messages end in a newline; a log line should not */
    size_t n = strlen(err);
    while (n && (err[n - 1] == '\n' || err[n - 1] == ' '))
        err[--n] = '\0';
    return -1;
}

/* The live connection, (re)connecting as needed. NULL with err filled on failure. */
static PGconn *session_conn(SyncSession *ss, char *err, size_t errlen)
{
    if (ss->pg && PQstatus(ss->pg) == CONNECTION_OK)
        return ss->pg;
    drop_conn(ss);
    /* a hung hub must not hold the worker forever: bound the connect, keep TCP alive;
     * the kiosk's own settings come later in the string and win */
    const char *keys[] = {"connect_timeout", "keepalives_idle", "application_name", "dbname", NULL};
    const char *vals[] = {"10", "30", "yanxia-kiosk", ss->conninfo, NULL};
    ss->pg = PQconnectdbParams(keys, vals, 1);
    if (!ss->pg || PQstatus(ss->pg) != CONNECTION_OK) {
        sync_fail(err, errlen, "cannot reach the hub: %s%s", ss->pg ? PQerrorMessage(ss->pg) : "",
                  "");
        drop_conn(ss);
        return NULL;
    }
    pthread_mutex_lock(&ss->sock_mu);
    ss->sock = PQsocket(ss->pg);
    pthread_mutex_unlock(&ss->sock_mu);
    return ss->pg;
}

/* Runs sql with text params; NULL (err filled, connection dropped if broken) unless the
 * result has status want. */
PGresult *sync_call(SyncSession *ss, const char *sql, int n, const char *const *params, int binary,
                    ExecStatusType want, char *err, size_t errlen)
{
    ss->sqlstate[0] = '\0';
    PGconn *pg = session_conn(ss, err, errlen);
    if (!pg)
        return NULL;
    call_mark(ss, 1);
    PGresult *r = PQexecParams(pg, sql, n, NULL, params, NULL, NULL, binary);
    call_mark(ss, 0);
    if (r && PQresultStatus(r) == want)
        return r;
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    snprintf(ss->sqlstate, sizeof ss->sqlstate, "%.5s", state ? state : "");
    sync_fail(err, errlen, "hub: %s%s", r ? PQresultErrorMessage(r) : PQerrorMessage(pg), "");
    PQclear(r);
    if (PQstatus(pg) != CONNECTION_OK)
        drop_conn(ss);
    return NULL;
}

int sync_stream(SyncSession *ss, const char *sql, int n, const char *const *params, int binary,
                int (*row)(void *ctx, const PGresult *r, int i), void *ctx, char *err,
                size_t errlen)
{
    PGconn *pg = session_conn(ss, err, errlen);
    if (!pg)
        return -1;
    int rc = 0, stopped = 0;
    call_mark(ss, 1); /* each row that arrives is progress: see below */
    if (!PQsendQueryParams(pg, sql, n, NULL, params, NULL, NULL, binary)) {
        rc = sync_fail(err, errlen, "hub: %s%s", PQerrorMessage(pg), "");
    } else {
        /* one row at a time: a reply of many megabytes is never held whole, and the
         * memory of one row is reused for the next instead of being returned to the
         * system and faulted in again for every reply */
        PQsetSingleRowMode(pg);
        PGresult *r;
        while ((r = PQgetResult(pg)) != NULL) {
            call_mark(ss, 1);
            ExecStatusType t = PQresultStatus(r);
            if (t == PGRES_SINGLE_TUPLE || t == PGRES_TUPLES_OK) {
                for (int i = 0; !stopped && i < PQntuples(r); i++)
                    stopped = row(ctx, r, i) < 0;
            } else if (rc == 0) {
                rc = sync_fail(err, errlen, "hub: %s%s", PQresultErrorMessage(r), "");
            }
            PQclear(r); /* the rest of the reply is read and dropped after a stop */
        }
    }
    call_mark(ss, 0);
    if (rc == 0 && stopped)
        rc = -1; /* row() filled err */
    if (PQstatus(pg) != CONNECTION_OK) {
        if (rc == 0)
            rc = sync_fail(err, errlen, "hub: %s%s", PQerrorMessage(pg), "");
        drop_conn(ss);
    }
    return rc;
}

int sync_store_err(Store *s, char *err, size_t errlen, const char *what)
{
    return sync_fail(err, errlen, "kiosk store: %s: %s", what, store_errmsg(s));
}

/* --- push -------------------------------------------------------------------------- */

static char *batch_json(const OutboxList *l)
{
    Buf b;
    buf_init(&b);
    buf_putc(&b, '[');
    for (size_t i = 0; i < l->count; i++) {
        const OutboxItem *it = &l->items[i];
        int first = 1;
        buf_puts(&b, i ? ",{" : "{");
        json_member_int(&b, &first, "seq", it->seq);
        json_member_str(&b, &first, "uuid", it->uuid);
        json_member_str(&b, &first, "kind", it->kind);
        buf_puts(&b, ",\"payload\":"); /* already JSON */
        buf_puts(&b, it->payload);
        buf_putc(&b, '}');
    }
    buf_putc(&b, ']');
    char *out = buf_take(&b);
    buf_deinit(&b);
    return out;
}

int sync_push(SyncSession *ss, Store *s, SyncStats *st, char *err, size_t errlen)
{
    int64_t after = 0;
    for (;;) {
        OutboxList l;
        if (store_outbox_list_pending(s, after, ss->lim.push_batch, &l) < 0)
            return sync_store_err(s, err, errlen, "read outbox");
        if (l.count == 0)
            return 0;
        after = l.items[l.count - 1].seq;
        char *json = batch_json(&l);
        size_t sent = l.count;
        outbox_list_free(&l);
        if (!json)
            return sync_fail(err, errlen, "push: out of memory%s%s", "", "");
        const char *params[] = {json};
        PGresult *r = sync_call(ss,
                                "SELECT o_uuid, o_contiguous, o_rejected"
                                " FROM yanxia_hub.kiosk_submit($1::jsonb)",
                                1, params, 0, PGRES_TUPLES_OK, err, errlen);
        free(json);
        if (!r)
            return -1;
        crash_point(CRASH_PUSH_BATCH);
        /* only what the hub says it holds (or refused, and why) is marked: anything else
         * goes again later */
        int rows = PQntuples(r);
        const char **uuids = calloc(rows ? (size_t)rows : 1, sizeof *uuids);
        const char **why = calloc(rows ? (size_t)rows : 1, sizeof *why);
        if (!uuids || !why) {
            free(uuids);
            free(why);
            PQclear(r);
            return sync_fail(err, errlen, "push: out of memory%s%s", "", "");
        }
        for (int i = 0; i < rows; i++) {
            uuids[i] = PQgetvalue(r, i, 0);
            why[i] = PQgetisnull(r, i, 2) ? NULL : PQgetvalue(r, i, 2);
            st->rejected += why[i] != NULL;
        }
        if (rows)
            st->contiguous = strtoll(PQgetvalue(r, 0, 1), NULL, 10);
        size_t acked = 0;
        int rc = store_outbox_ack(s, uuids, why, (size_t)rows, &acked);
        free(uuids);
        free(why);
        PQclear(r);
        if (rc < 0)
            return sync_store_err(s, err, errlen, "acknowledge outbox");
        st->pushed += acked;
        if (acked < sent) {
            /* the hub bounds what one call decides: the rest of this batch leads the
             * next one; a batch it took none of waits for the next round */
            if (acked == 0)
                return 0;
            after = 0;
            continue;
        }
        if (sent < ss->lim.push_batch)
            return 0;
    }
}

/* --- pull -------------------------------------------------------------------------- */

static int begin_resync(SyncSession *ss, Store *s, char *err, size_t errlen)
{
    PGresult *r = sync_call(ss, "SELECT kind, hub_id FROM yanxia_hub.kiosk_live_ids()", 0, NULL, 0,
                            PGRES_TUPLES_OK, err, errlen);
    if (!r)
        return -1;
    int n = PQntuples(r);
    const char **kinds = calloc(n ? (size_t)n : 1, sizeof *kinds);
    int64_t *ids = calloc(n ? (size_t)n : 1, sizeof *ids);
    int rc = -1;
    if (!kinds || !ids) {
        sync_fail(err, errlen, "resync: out of memory%s%s", "", "");
        goto out;
    }
    for (int i = 0; i < n; i++) {
        kinds[i] = PQgetvalue(r, i, 0);
        ids[i] = strtoll(PQgetvalue(r, i, 1), NULL, 10);
    }
    rc = store_sync_begin_resync(s, kinds, ids, (size_t)n);
    if (rc < 0)
        sync_store_err(s, err, errlen, "begin resync");
out:
    free(kinds);
    free(ids);
    PQclear(r);
    return rc;
}

int sync_pull(SyncSession *ss, Store *s, SyncStats *st, char *err, size_t errlen)
{
    for (;;) {
        int64_t cursor, resync;
        if (store_sync_cursor(s, &cursor) < 0 || store_sync_get(s, SYNC_KEY_RESYNC, &resync) < 0)
            return sync_store_err(s, err, errlen, "read cursor");
        char cur[24], page[16];
        snprintf(cur, sizeof cur, "%lld", (long long)cursor);
        snprintf(page, sizeof page, "%d", ss->lim.pull_page);
        const char *params[] = {cur, page, resync ? "true" : "false"};
        PGresult *r = sync_call(ss,
                                "SELECT seq, kind, hub_id, rev, op, payload"
                                " FROM yanxia_hub.kiosk_pull($1::bigint, $2::int, $3::boolean)",
                                3, params, 0, PGRES_TUPLES_OK, err, errlen);
        if (!r)
            return -1;
        int n = PQntuples(r);
        st->cursor = cursor;
        if (n == 1 && strcmp(PQgetvalue(r, 0, 4), "resync") == 0) {
            PQclear(r);
            st->resynced = 1;
            if (begin_resync(ss, s, err, errlen) < 0)
                return -1;
            continue;
        }
        if (n == 0) {
            PQclear(r);
            if (resync && store_sync_set(s, SYNC_KEY_RESYNC, 0) < 0)
                return sync_store_err(s, err, errlen, "end resync");
            return 0;
        }
        crash_point(CRASH_PULL_PAGE);
        SyncChange *ch = calloc((size_t)n, sizeof *ch);
        if (!ch) {
            PQclear(r);
            return sync_fail(err, errlen, "pull: out of memory%s%s", "", "");
        }
        for (int i = 0; i < n; i++) {
            ch[i].seq = strtoll(PQgetvalue(r, i, 0), NULL, 10);
            ch[i].kind = PQgetvalue(r, i, 1);
            ch[i].hub_id = strtoll(PQgetvalue(r, i, 2), NULL, 10);
            ch[i].rev = strtoll(PQgetvalue(r, i, 3), NULL, 10);
            ch[i].is_delete = strcmp(PQgetvalue(r, i, 4), "delete") == 0;
            ch[i].payload = PQgetisnull(r, i, 5) ? NULL : PQgetvalue(r, i, 5);
        }
        size_t applied = 0;
        int rc = store_sync_apply_page(s, ch, (size_t)n, ch[n - 1].seq, &applied);
        free(ch);
        PQclear(r);
        if (rc < 0)
            return sync_store_err(s, err, errlen, "apply changes");
        st->pulled += (size_t)n;
        st->applied += applied;
        if (n < ss->lim.pull_page) {
            if (store_sync_cursor(s, &st->cursor) < 0)
                return sync_store_err(s, err, errlen, "read cursor");
            if (resync && store_sync_set(s, SYNC_KEY_RESYNC, 0) < 0)
                return sync_store_err(s, err, errlen, "end resync");
            return 0;
        }
    }
}
