/* The outbox as the sync worker sees it: pending rows in sequence order, the queue
 * length, acknowledgements, and pruning that only ever touches acknowledged rows. */
#include "store/outbox.h"
#include "store/store_internal.h"

#include "core/crashpoint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void outbox_list_free(OutboxList *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->count; i++) {
        free(l->items[i].kind);
        free(l->items[i].payload);
    }
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

int store_outbox_list_pending(Store *s, int64_t after_seq, size_t limit, OutboxList *out)
{
    store_clear_error(s);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = store_prepare(s, "SELECT seq, uuid, kind, payload, created_at FROM outbox"
                                        " WHERE acked_at IS NULL AND seq > ? ORDER BY seq LIMIT ?");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, after_seq);
    sqlite3_bind_int64(st, 2, limit ? (int64_t)limit : -1);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->count == cap) {
            cap = cap ? cap * 2 : 16;
            OutboxItem *p = realloc(out->items, cap * sizeof *p);
            if (!p)
                goto oom;
            out->items = p;
        }
        OutboxItem *it = &out->items[out->count++];
        memset(it, 0, sizeof *it);
        it->seq = sqlite3_column_int64(st, 0);
        snprintf(it->uuid, sizeof it->uuid, "%s", (const char *)sqlite3_column_text(st, 1));
        it->kind = store_col_dup(st, 2);
        it->payload = store_col_dup(st, 3);
        it->created_at = sqlite3_column_int64(st, 4);
        if (!it->kind || !it->payload)
            goto oom;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        outbox_list_free(out);
        return store_fail_sql(s, rc, "list outbox");
    }
    return 0;
oom:
    sqlite3_finalize(st);
    outbox_list_free(out);
    return store_fail(s, REASON_STORAGE, "list outbox: out of memory");
}

int store_outbox_count_pending(Store *s, int64_t *count)
{
    store_clear_error(s);
    *count = 0;
    sqlite3_stmt *st = store_prepare(s, "SELECT count(*) FROM outbox WHERE acked_at IS NULL");
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *count = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : store_fail_sql(s, rc, "count outbox");
}

int store_outbox_ack(Store *s, const char *const *uuids, const char *const *rejected, size_t n,
                     size_t *acked_out)
{
    store_clear_error(s);
    if (acked_out)
        *acked_out = 0;
    if (n == 0)
        return 0;
    if (store_tx_begin(s) < 0)
        return -1;
    sqlite3_stmt *st = store_prepare(
        s, "UPDATE outbox SET acked_at = ?, rejected = ? WHERE uuid = ? AND acked_at IS NULL");
    if (!st) {
        store_tx_end(s, 0);
        return -1;
    }
    size_t acked = 0;
    int rc = SQLITE_DONE;
    for (size_t i = 0; i < n && rc == SQLITE_DONE; i++) {
        if (!uuids[i])
            continue;
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, store_now(s));
        if (rejected && rejected[i])
            sqlite3_bind_text(st, 2, rejected[i], -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(st, 2);
        sqlite3_bind_text(st, 3, uuids[i], -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        if (rc == SQLITE_DONE)
            acked += (size_t)sqlite3_changes(s->db);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        store_fail_sql(s, rc, "ack outbox");
        store_tx_end(s, 0);
        return -1;
    }
    crash_point(CRASH_ACK);
    if (store_tx_end(s, 1) < 0)
        return -1;
    if (acked_out)
        *acked_out = acked;
    return 0;
}

void outbox_rejections_free(OutboxRejections *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->count; i++) {
        free(l->items[i].uuid);
        free(l->items[i].kind);
        free(l->items[i].receipt);
        free(l->items[i].reason);
    }
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

int store_outbox_list_rejected(Store *s, size_t limit, OutboxRejections *out)
{
    store_clear_error(s);
    out->items = NULL;
    out->count = 0;
    sqlite3_stmt *st = store_prepare(s, "SELECT uuid, kind, coalesce(json_extract(payload,"
                                        " '$.receipt'), ''), rejected, created_at FROM outbox"
                                        " WHERE rejected IS NOT NULL ORDER BY seq DESC LIMIT ?");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, limit ? (sqlite3_int64)limit : -1);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->count == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            OutboxRejection *grown = realloc(out->items, ncap * sizeof *grown);
            if (!grown) {
                rc = SQLITE_NOMEM;
                break;
            }
            out->items = grown;
            cap = ncap;
        }
        OutboxRejection *it = &out->items[out->count++];
        it->uuid = store_col_dup(st, 0);
        it->kind = store_col_dup(st, 1);
        it->receipt = store_col_dup(st, 2);
        it->reason = store_col_dup(st, 3);
        it->created_at = sqlite3_column_int64(st, 4);
        if (!it->uuid || !it->kind || !it->receipt || !it->reason) {
            rc = SQLITE_NOMEM;
            break;
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        outbox_rejections_free(out);
        return store_fail_sql(s, rc, "list refused submissions");
    }
    return 0;
}

int store_outbox_prune_acked(Store *s, int64_t before, size_t *removed_out)
{
    store_clear_error(s);
    if (removed_out)
        *removed_out = 0;
    /* AUTOINCREMENT keeps seq from being reused after rows go, so the hub never sees a
     * sequence number twice. */
    sqlite3_stmt *st =
        store_prepare(s, "DELETE FROM outbox WHERE acked_at IS NOT NULL AND acked_at < ?");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, before);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_fail_sql(s, rc, "prune outbox");
    if (removed_out)
        *removed_out = (size_t)sqlite3_changes(s->db);
    return 0;
}
