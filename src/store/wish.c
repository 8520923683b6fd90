/* Micro-wishes: posting (submission + outbox), claiming (a claim submission and the
 * state change in one transaction), moderation steps and the board. */
#include "store/wish.h"
#include "store/store_internal.h"

#include "core/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Indexed by WishState: the name stored in the table, the label on screen. */
static const struct {
    const char *name, *label;
} STATES[] = {{"review", "审核中"},
              {"open", "待认领"},
              {"claimed", "已认领"},
              {"fulfilled", "已实现"},
              {"declined", "未通过"}};
#define STATE_COUNT (sizeof STATES / sizeof STATES[0])

/* The claim the hub decided (another kiosk's, or ours confirmed) wins over a claim
 * made here; the name is only known for a claim made here. */
#define WISH_CLAIM_ROOM                                                                            \
    "CASE WHEN w.hub_claim_room != '' THEN w.hub_claim_room ELSE coalesce(c.room, '') END"
#define WISH_CLAIM_NAME                                                                            \
    "CASE WHEN w.hub_claim_room IN ('', c.room) THEN coalesce(c.name, '') ELSE '' END"
/* The latest claim of each wish comes along (locally there is at most one, but the
 * hub may send more over time). */
#define WISH_SELECT                                                                                \
    "SELECT w.id, w.uuid, w.receipt, w.text, w.room, w.state, w.note, w.created_at,"               \
    " coalesce(w.decided_at, 0), " WISH_CLAIM_ROOM ", " WISH_CLAIM_NAME ","                        \
    " coalesce(w.hub_claimed_at, c.created_at, 0), w.from_hub FROM wishes w"                       \
    " LEFT JOIN wish_claims c ON c.id = (SELECT max(id) FROM wish_claims WHERE wish_uuid = "       \
    "w.uuid)"

const char *wish_state_name(WishState st)
{
    return (size_t)st < STATE_COUNT ? STATES[st].name : "?";
}

const char *wish_state_label(WishState st)
{
    return (size_t)st < STATE_COUNT ? STATES[st].label : "?";
}

int wish_state_parse(const char *name, WishState *out)
{
    for (size_t i = 0; i < STATE_COUNT; i++)
        if (name && strcmp(name, STATES[i].name) == 0) {
            *out = (WishState)i;
            return 0;
        }
    return -1;
}

void wish_deinit(Wish *w)
{
    if (!w)
        return;
    free(w->text);
    free(w->note);
    free(w->claim_name);
    memset(w, 0, sizeof *w);
}

void wish_list_free(WishList *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->count; i++)
        wish_deinit(&l->items[i]);
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

/* Reads one row; the board keeps only masked rooms and drops the note and the name. */
static int read_row(sqlite3_stmt *st, int board, Wish *w)
{
    memset(w, 0, sizeof *w);
    w->id = sqlite3_column_int64(st, 0);
    snprintf(w->uuid, sizeof w->uuid, "%s", (const char *)sqlite3_column_text(st, 1));
    snprintf(w->receipt, sizeof w->receipt, "%s", (const char *)sqlite3_column_text(st, 2));
    w->text = store_col_dup(st, 3);
    const char *room = (const char *)sqlite3_column_text(st, 4);
    room_mask(room ? room : "", w->room_masked);
    if (!board)
        snprintf(w->room, sizeof w->room, "%s", room ? room : "");
    if (wish_state_parse((const char *)sqlite3_column_text(st, 5), &w->state) < 0)
        w->state = WISH_REVIEW;
    w->note = board ? strdup("") : store_col_dup(st, 6);
    w->created_at = sqlite3_column_int64(st, 7);
    w->decided_at = sqlite3_column_int64(st, 8);
    const char *claim_room = (const char *)sqlite3_column_text(st, 9);
    if (claim_room && *claim_room) {
        room_mask(claim_room, w->claim_room_masked);
        if (!board)
            snprintf(w->claim_room, sizeof w->claim_room, "%s", claim_room);
    }
    w->claim_name = board ? strdup("") : store_col_dup(st, 10);
    w->claimed_at = sqlite3_column_int64(st, 11);
    w->from_hub = sqlite3_column_int(st, 12);
    if (!w->text || !w->note || !w->claim_name)
        return -1;
    return 0;
}

int store_wish_list(Store *s, const WishQuery *q, WishList *out)
{
    static const WishQuery all = {0};
    if (!q)
        q = &all;
    store_clear_error(s);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = store_prepare(
        s, WISH_SELECT " WHERE (CASE WHEN ?1 THEN w.state IN ('open', 'claimed', 'fulfilled')"
                       " ELSE NOT w.from_hub END)"
                       " AND (?2 IS NULL OR w.state = ?2)"
                       " ORDER BY CASE WHEN ?1 THEN CASE w.state WHEN 'open' THEN 0"
                       " WHEN 'claimed' THEN 1 ELSE 2 END ELSE 0 END,"
                       " w.created_at DESC, w.id DESC LIMIT ?3 OFFSET ?4");
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, q->board ? 1 : 0);
    store_bind_text_or_null(st, 2, q->state);
    sqlite3_bind_int64(st, 3, q->limit ? (int64_t)q->limit : -1);
    sqlite3_bind_int64(st, 4, (int64_t)q->offset);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->count == cap) {
            cap = cap ? cap * 2 : 16;
            Wish *p = realloc(out->items, cap * sizeof *p);
            if (!p)
                goto oom;
            out->items = p;
        }
        if (read_row(st, q->board, &out->items[out->count++]) < 0)
            goto oom;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        wish_list_free(out);
        return store_fail_sql(s, rc, "list wishes");
    }
    return 0;
oom:
    sqlite3_finalize(st);
    wish_list_free(out);
    return store_fail(s, REASON_STORAGE, "list wishes: out of memory");
}

int store_wish_get(Store *s, int64_t id, Wish *out)
{
    store_clear_error(s);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = store_prepare(s, WISH_SELECT " WHERE w.id = ?");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        int r = read_row(st, 0, out);
        sqlite3_finalize(st);
        if (r < 0) {
            wish_deinit(out);
            return store_fail(s, REASON_STORAGE, "get wish: out of memory");
        }
        return 0;
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return store_fail(s, REASON_NOT_FOUND, "no wish %lld", (long long)id);
    return store_fail_sql(s, rc, "get wish");
}

/* Builds the outbox event; NULL on allocation failure. text, wish_uuid and name are
 * left out when NULL or empty (a wish has no wish_uuid, a claim has no text). */
static char *payload(const char *kind, const StoreReceipt *r, int64_t now, const char *text,
                     const char *room, const char *wish_uuid, const char *name)
{
    Buf b;
    buf_init(&b);
    int first = 1;
    buf_putc(&b, '{');
    json_member_str(&b, &first, "kind", kind);
    json_member_str(&b, &first, "uuid", r->uuid);
    json_member_str(&b, &first, "receipt", r->receipt);
    json_member_int(&b, &first, "created_at", now);
    if (text && *text)
        json_member_str(&b, &first, "text", text);
    json_member_str(&b, &first, "room", room);
    if (wish_uuid && *wish_uuid)
        json_member_str(&b, &first, "wish_uuid", wish_uuid);
    if (name && *name)
        json_member_str(&b, &first, "name", name);
    buf_putc(&b, '}');
    char *p = buf_take(&b);
    buf_deinit(&b);
    return p;
}

/* Appends the outbox event, freeing p; p NULL means the payload could not be built. */
static int append_event(Store *s, const char *kind, const char *uuid, char *p)
{
    if (!p)
        return store_fail(s, REASON_STORAGE, "%s payload: out of memory", kind);
    int rc = store_outbox_append(s, kind, uuid, p);
    free(p);
    return rc;
}

/* Inside the caller's transaction: the cap, the row and its outbox event. */
static int insert_wish(Store *s, const char *text, const char *room, StoreReceipt *r)
{
    int64_t today = 0;
    if (store_count_today(s, "wishes", room, &today) < 0)
        return -1;
    if (today >= STORE_WISHES_PER_ROOM_DAY)
        return store_fail(s, REASON_DAILY_CAP, "room %s posted %lld wishes today", room,
                          (long long)today);
    if (store_new_receipt(s, "wishes", r) < 0)
        return -1;
    int64_t now = store_now(s);
    sqlite3_stmt *st = store_prepare(
        s, "INSERT INTO wishes(uuid, receipt, created_at, text, room) VALUES (?, ?, ?, ?, ?)");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, r->uuid, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, r->receipt, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, now);
    sqlite3_bind_text(st, 4, text, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, room, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_fail_sql(s, rc, "add wish");
    r->id = sqlite3_last_insert_rowid(s->db);
    return append_event(s, "wish", r->uuid, payload("wish", r, now, text, room, NULL, NULL));
}

int store_wish_add(Store *s, const char *text, const char *room, StoreReceipt *r)
{
    store_clear_error(s);
    memset(r, 0, sizeof *r);
    char *clean = NULL, canon[ROOM_MAX_LEN + 1];
    if (store_check_text(s, text, STORE_WISH_MAX, 1, "wish", &clean) < 0)
        return -1;
    int rc = -1;
    if (store_check_room(s, room, 1, canon) == 0 && store_tx_begin(s) == 0)
        rc = store_tx_end(s, insert_wish(s, clean, canon, r) == 0);
    free(clean);
    if (rc < 0)
        memset(r, 0, sizeof *r);
    return rc;
}

/* Inside the caller's transaction: checks the wish, records the claim, moves the state. */
static int insert_claim(Store *s, int64_t wish_id, const char *room, const char *name,
                        StoreReceipt *r)
{
    Wish w;
    if (store_wish_get(s, wish_id, &w) < 0)
        return -1;
    WishState state = w.state;
    int own = strcmp(w.room, room) == 0;
    char wish_uuid[37];
    memcpy(wish_uuid, w.uuid, sizeof wish_uuid);
    wish_deinit(&w);
    if (state != WISH_OPEN)
        return store_fail(s, REASON_WISH_NOT_OPEN, "wish %lld is %s", (long long)wish_id,
                          wish_state_name(state));
    if (own)
        return store_fail(s, REASON_OWN_WISH, "room %s cannot claim its own wish", room);
    if (store_new_receipt(s, "wish_claims", r) < 0)
        return -1;
    int64_t now = store_now(s);
    sqlite3_stmt *st = store_prepare(s, "INSERT INTO wish_claims(uuid, receipt, created_at,"
                                        " wish_uuid, room, name) VALUES (?, ?, ?, ?, ?, ?)");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, r->uuid, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, r->receipt, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, now);
    sqlite3_bind_text(st, 4, wish_uuid, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, room, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, name ? name : "", -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_fail_sql(s, rc, "add claim");
    r->id = sqlite3_last_insert_rowid(s->db);
    st = store_prepare(s, "UPDATE wishes SET state = 'claimed' WHERE id = ? AND state = 'open'");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, wish_id);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_fail_sql(s, rc, "claim wish");
    return append_event(s, "wish_claim", r->uuid,
                        payload("wish_claim", r, now, NULL, room, wish_uuid, name));
}

int store_wish_claim(Store *s, int64_t wish_id, const char *room, const char *name, StoreReceipt *r)
{
    store_clear_error(s);
    memset(r, 0, sizeof *r);
    char canon[ROOM_MAX_LEN + 1], *clean_name = NULL;
    if (store_check_room(s, room, 1, canon) < 0 ||
        store_check_text(s, name, STORE_NAME_MAX, 0, "name", &clean_name) < 0)
        return -1;
    int rc = -1;
    if (store_tx_begin(s) == 0)
        rc = store_tx_end(s, insert_claim(s, wish_id, canon, clean_name, r) == 0);
    free(clean_name);
    if (rc < 0)
        memset(r, 0, sizeof *r);
    return rc;
}

/* One moderation step: from -> to, optionally with a note and the decision time. */
static int step(Store *s, int64_t id, WishState from, WishState to, const char *note, int decides)
{
    sqlite3_stmt *st = store_prepare(
        s, "UPDATE wishes SET state = ?3, note = coalesce(?4, note),"
           " decided_at = CASE WHEN ?5 THEN ?6 ELSE decided_at END WHERE id = ?1 AND state = ?2");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, wish_state_name(from), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, wish_state_name(to), -1, SQLITE_STATIC);
    store_bind_text_or_null(st, 4, note);
    sqlite3_bind_int(st, 5, decides);
    sqlite3_bind_int64(st, 6, store_now(s));
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_fail_sql(s, rc, "moderate wish");
    if (sqlite3_changes(s->db) > 0)
        return 0;
    Wish w;
    if (store_wish_get(s, id, &w) < 0)
        return -1;
    WishState now_state = w.state;
    wish_deinit(&w);
    return store_fail(s, REASON_BAD_STATE, "wish %lld is %s, not %s", (long long)id,
                      wish_state_name(now_state), wish_state_name(from));
}

int store_wish_approve(Store *s, int64_t id)
{
    store_clear_error(s);
    return step(s, id, WISH_REVIEW, WISH_OPEN, NULL, 1);
}

int store_wish_decline(Store *s, int64_t id, const char *note)
{
    store_clear_error(s);
    char *clean = NULL;
    if (store_check_text(s, note, STORE_SHORT_MAX, 0, "note", &clean) < 0)
        return -1;
    int rc = step(s, id, WISH_REVIEW, WISH_DECLINED, clean, 1);
    free(clean);
    return rc;
}

int store_wish_fulfil(Store *s, int64_t id)
{
    store_clear_error(s);
    return step(s, id, WISH_CLAIMED, WISH_FULFILLED, NULL, 0);
}
