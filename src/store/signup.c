/* Sign-ups and cancellations, and the one place where "confirmed or waitlisted" is
 * decided: fifo_apply() walks an activity's active sign-ups in order of arrival. It is
 * strict first come, first served: once one party waits, every later one waits too,
 * even a smaller party that would fit, so a household is never overtaken. For a hub
 * activity the walk starts from the hub's tally and covers only what it has not decided. */
#include "store/activity.h"
#include "store/signup.h"
#include "store/signup_internal.h"
#include "store/store_internal.h"

#include "core/ids.h"
#include "core/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name, *text;
} STATUS[] = {
    [SIGNUP_CONFIRMED] = {"confirmed", "已报名"},
    [SIGNUP_WAITLISTED] = {"waitlisted", "候补"},
    [SIGNUP_CANCELLED] = {"cancelled", "已取消"},
    [SIGNUP_FULL] = {"full", "已满未报上"},
};

const char *signup_status_name(SignupStatus st)
{
    return (unsigned)st < sizeof STATUS / sizeof STATUS[0] ? STATUS[st].name : "unknown";
}

const char *signup_status_text(SignupStatus st)
{
    return (unsigned)st < sizeof STATUS / sizeof STATUS[0] ? STATUS[st].text : "";
}

const char *signup_state_text(const char *name)
{
    if (!name)
        return "";
    for (size_t i = 0; i < sizeof STATUS / sizeof STATUS[0]; i++)
        if (strcmp(name, STATUS[i].name) == 0)
            return STATUS[i].text;
    return strcmp(name, "pending") == 0 ? "等中心确认" : name;
}

void signup_deinit(Signup *g)
{
    if (!g)
        return;
    free(g->activity_title);
    free(g->name);
    memset(g, 0, sizeof *g);
}

void signup_list_free(SignupList *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->count; i++)
        signup_deinit(&l->items[i]);
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

static void copy_col(sqlite3_stmt *st, int col, char *out, size_t n)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    snprintf(out, n, "%s", t ? (const char *)t : "");
}

/* Decides the status of n sign-ups of ONE activity, given in order of arrival
 * (cancelled ones included and skipped), and sums them into *fill (may be NULL).
 * hub[i] is the hub's word on items[i] (used for hub activities only). */
static void fifo_apply(Signup *items, const HubState *hub, size_t n, const Terms *t,
                       ActivityFill *fill)
{
    if (t->hub_id) {
        signup_hub_apply(items, hub, n, t, fill);
        return;
    }
    int capacity = t->capacity;
    ActivityFill f = {0};
    for (size_t i = 0; i < n; i++) {
        Signup *g = &items[i];
        g->waitlist_position = 0;
        if (g->cancelled_at) {
            g->status = SIGNUP_CANCELLED;
            continue;
        }
        int fits = capacity == 0 || f.confirmed_people + g->party_size <= capacity;
        if (fits && f.waiting_signups == 0) {
            g->status = SIGNUP_CONFIRMED;
            f.confirmed_people += g->party_size;
            f.confirmed_signups++;
        } else {
            g->status = SIGNUP_WAITLISTED;
            g->waitlist_position = ++f.waiting_signups;
            f.waiting_people += g->party_size;
        }
    }
    signup_fill_finish(&f, capacity);
    if (fill)
        *fill = f;
}

/* Per loaded sign-up: its activity's terms and the hub's word on it. */
typedef struct {
    Terms terms;
    HubState hub;
} RowInfo;

/* Splits rows into a HubState array for fifo_apply; NULL when out of memory. */
static HubState *hub_states(const RowInfo *rows, size_t n)
{
    HubState *h = malloc((n ? n : 1) * sizeof *h);
    for (size_t i = 0; h && i < n; i++)
        h[i] = rows[i].hub;
    return h;
}

/* Loads sign-ups (activity_id 0: all) grouped by activity in order of arrival, with
 * status derived per activity. Cancelled ones are dropped unless include_cancelled.
 * hub_out (only with include_cancelled; may be NULL) gets the hub's word on each, a
 * new array the caller frees. */
static int load(Store *s, int64_t activity_id, int include_cancelled, SignupList *out,
                HubState **hub_out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = store_prepare(
        s, "SELECT g.id, g.uuid, g.receipt, g.activity_id, coalesce(a.title, ''), g.room,"
           " g.name, g.phone, g.party_size, g.created_at, coalesce(c.created_at, 0),"
           " coalesce(a.capacity, 0), coalesce(a.waitlist, 1), coalesce(a.hub_id, 0), "
           "d.state, " TALLY_COLS " FROM signups g LEFT JOIN activities a ON a.id = g.activity_id"
           " LEFT JOIN signup_cancels c ON c.signup_uuid = g.uuid"
           " LEFT JOIN sync_decisions d ON d.uuid = g.uuid AND d.subject = 'signup'" TALLY_JOIN
           " WHERE ?1 = 0 OR g.activity_id = ?1 ORDER BY g.activity_id, g.id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, activity_id);
    RowInfo *rows = NULL;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->count == cap) {
            cap = cap ? cap * 2 : 16;
            Signup *p = realloc(out->items, cap * sizeof *p);
            if (!p)
                goto oom;
            out->items = p;
            RowInfo *ri = realloc(rows, cap * sizeof *ri);
            if (!ri)
                goto oom;
            rows = ri;
        }
        Signup *g = &out->items[out->count];
        memset(g, 0, sizeof *g);
        RowInfo *ri = &rows[out->count++];
        memset(ri, 0, sizeof *ri);
        ri->terms.capacity = sqlite3_column_int(st, 11);
        ri->terms.waitlist = sqlite3_column_int(st, 12);
        ri->terms.hub_id = sqlite3_column_int64(st, 13);
        ri->hub = signup_hub_state_parse(sqlite3_column_text(st, 14));
        signup_terms_read_tally(st, 15, &ri->terms);
        g->id = sqlite3_column_int64(st, 0);
        copy_col(st, 1, g->uuid, sizeof g->uuid);
        copy_col(st, 2, g->receipt, sizeof g->receipt);
        g->activity_id = sqlite3_column_int64(st, 3);
        g->activity_title = store_col_dup(st, 4);
        copy_col(st, 5, g->room, sizeof g->room);
        g->name = store_col_dup(st, 6);
        copy_col(st, 7, g->phone, sizeof g->phone);
        g->party_size = sqlite3_column_int(st, 8);
        g->created_at = sqlite3_column_int64(st, 9);
        g->cancelled_at = sqlite3_column_int64(st, 10);
        if (!g->activity_title || !g->name)
            goto oom;
    }
    sqlite3_finalize(st);
    st = NULL;
    if (rc != SQLITE_DONE) {
        free(rows);
        signup_list_free(out);
        return store_fail_sql(s, rc, "list sign-ups");
    }
    HubState *hub = hub_states(rows, out->count);
    if (!hub)
        goto oom;
    for (size_t i = 0, j; i < out->count; i = j) {
        for (j = i; j < out->count && out->items[j].activity_id == out->items[i].activity_id;)
            j++;
        fifo_apply(&out->items[i], &hub[i], j - i, &rows[i].terms, NULL);
    }
    if (hub_out)
        *hub_out = hub;
    else
        free(hub);
    free(rows);
    if (!include_cancelled) {
        size_t k = 0;
        for (size_t i = 0; i < out->count; i++) {
            if (out->items[i].status == SIGNUP_CANCELLED || out->items[i].status == SIGNUP_FULL)
                signup_deinit(&out->items[i]);
            else
                out->items[k++] = out->items[i];
        }
        out->count = k;
    }
    return 0;
oom:
    sqlite3_finalize(st);
    free(rows);
    signup_list_free(out);
    return store_fail(s, REASON_STORAGE, "list sign-ups: out of memory");
}

int store_signup_list(Store *s, int64_t activity_id, int include_cancelled, SignupList *out)
{
    store_clear_error(s);
    if (activity_id <= 0) {
        memset(out, 0, sizeof *out);
        return store_fail(s, REASON_NOT_FOUND, "no activity %lld", (long long)activity_id);
    }
    return load(s, activity_id, include_cancelled, out, NULL);
}

int store_signup_list_all(Store *s, SignupList *out)
{
    store_clear_error(s);
    return load(s, 0, 1, out, NULL);
}

/* The rules of an activity that a sign-up needs. */
typedef struct {
    int64_t hub_id;
    int kind_event;
    int64_t starts_at, deadline;
    int capacity, max_party, waitlist, deleted;
    Terms terms;
} Rules;

static int rules_get(Store *s, int64_t id, Rules *r)
{
    memset(r, 0, sizeof *r);
    sqlite3_stmt *st =
        store_prepare(s, "SELECT coalesce(a.hub_id, 0), a.kind = 'event',"
                         " coalesce(a.starts_at, 0), coalesce(a.signup_deadline, 0), a.capacity,"
                         " a.max_party, a.waitlist, a.deleted, " TALLY_COLS
                         " FROM activities a" TALLY_JOIN " WHERE a.id = ?");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        r->hub_id = sqlite3_column_int64(st, 0);
        r->kind_event = sqlite3_column_int(st, 1);
        r->starts_at = sqlite3_column_int64(st, 2);
        r->deadline = sqlite3_column_int64(st, 3);
        r->capacity = sqlite3_column_int(st, 4);
        r->max_party = sqlite3_column_int(st, 5);
        r->waitlist = sqlite3_column_int(st, 6);
        r->deleted = sqlite3_column_int(st, 7);
        r->terms.capacity = r->capacity;
        r->terms.waitlist = r->waitlist;
        r->terms.hub_id = r->hub_id;
        signup_terms_read_tally(st, 8, &r->terms);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return store_fail(s, REASON_NOT_FOUND, "no activity %lld", (long long)id);
    if (rc != SQLITE_ROW)
        return store_fail_sql(s, rc, "activity rules");
    return 0;
}

int store_activity_fill(Store *s, int64_t id, ActivityFill *out)
{
    store_clear_error(s);
    memset(out, 0, sizeof *out);
    Rules r;
    SignupList l;
    HubState *hub = NULL;
    if (rules_get(s, id, &r) < 0 || load(s, id, 1, &l, &hub) < 0)
        return -1;
    fifo_apply(l.items, hub, l.count, &r.terms, out);
    free(hub);
    signup_list_free(&l);
    return 0;
}

/* Finds room's active sign-up in a loaded list of one activity; NULL if none. */
static Signup *find_active(SignupList *l, const char *room)
{
    for (size_t i = 0; i < l->count; i++)
        if (l->items[i].status != SIGNUP_CANCELLED && l->items[i].status != SIGNUP_FULL &&
            strcmp(l->items[i].room, room) == 0)
            return &l->items[i];
    return NULL;
}

int store_signup_find(Store *s, int64_t activity_id, const char *room, Signup *out)
{
    store_clear_error(s);
    memset(out, 0, sizeof *out);
    char r[ROOM_MAX_LEN + 1];
    SignupList l;
    if (store_check_room(s, room, 1, r) < 0 || load(s, activity_id, 0, &l, NULL) < 0)
        return -1;
    Signup *g = find_active(&l, r);
    if (g) {
        *out = *g;
        memset(g, 0, sizeof *g); /* ownership moved to *out */
    }
    signup_list_free(&l);
    if (!g)
        return store_fail(s, REASON_NOT_FOUND, "room %s has no sign-up for activity %lld", r,
                          (long long)activity_id);
    return 0;
}

/* Builds the outbox event for a new sign-up; NULL on allocation failure. */
static char *signup_payload(int64_t activity_id, const Rules *r, const char *room, const char *name,
                            const char *phone, int party, const SignupResult *res, int64_t now)
{
    Buf b;
    buf_init(&b);
    int first = 1;
    buf_putc(&b, '{');
    json_member_str(&b, &first, "uuid", res->receipt.uuid);
    json_member_str(&b, &first, "receipt", res->receipt.receipt);
    json_member_int(&b, &first, "activity_id", activity_id);
    if (r->hub_id)
        json_member_int(&b, &first, "activity_hub_id", r->hub_id);
    json_member_str(&b, &first, "room", room);
    json_member_str(&b, &first, "name", name ? name : "");
    json_member_str(&b, &first, "phone", phone);
    json_member_int(&b, &first, "party_size", party);
    /* informational: the hub decides across kiosks */
    json_member_str(&b, &first, "kiosk_status", signup_status_name(res->status));
    json_member_int(&b, &first, "created_at", now);
    buf_putc(&b, '}');
    return buf_take(&b);
}

int store_signup_add(Store *s, int64_t activity_id, const char *room, const char *name,
                     const char *phone, int party_size, SignupResult *out)
{
    store_clear_error(s);
    char r[ROOM_MAX_LEN + 1], ph[PHONE_MAX_LEN + 1] = "";
    char *nm = NULL, *payload = NULL;
    SignupList l = {0};
    SignupResult res = {0};
    HubState *hub = NULL;
    Rules rules;
    if (store_check_room(s, room, 1, r) < 0)
        return -1;
    if (phone && *phone && phone_normalize(phone, ph) != REASON_NONE)
        return store_fail(s, REASON_PHONE_INVALID, "phone \"%.20s\" is not a phone number", phone);
    if (store_check_text(s, name, STORE_NAME_MAX, 0, "name", &nm) < 0)
        return -1;
    if (store_tx_begin(s) < 0) {
        free(nm);
        return -1;
    }
    int64_t now = store_now(s);
    if (rules_get(s, activity_id, &rules) < 0)
        goto fail;
    if (rules.deleted) {
        store_fail(s, REASON_NOT_FOUND, "activity %lld was removed", (long long)activity_id);
        goto fail;
    }
    int64_t closes = rules.deadline ? rules.deadline : rules.kind_event ? rules.starts_at : 0;
    if (closes && now >= closes) {
        store_fail(s, REASON_DEADLINE_PASSED, "sign-up for activity %lld closed",
                   (long long)activity_id);
        goto fail;
    }
    if (load(s, activity_id, 1, &l, &hub) < 0)
        goto fail;
    ActivityFill fill;
    fifo_apply(l.items, hub, l.count, &rules.terms, &fill);
    if (find_active(&l, r)) {
        store_fail(s, REASON_ALREADY_SIGNED_UP, "room %s is signed up already", r);
        goto fail;
    }
    if (party_size < 1 || party_size > rules.max_party) {
        store_fail(s, REASON_PARTY_SIZE, "party of %d, allowed 1-%d", party_size, rules.max_party);
        goto fail;
    }
    int fits = rules.capacity == 0 || fill.confirmed_people + party_size <= rules.capacity;
    res.pending = rules.hub_id != 0;
    if (fits && fill.waiting_signups == 0) {
        res.status = SIGNUP_CONFIRMED;
    } else if (rules.waitlist) {
        res.status = SIGNUP_WAITLISTED;
        res.waitlist_position = fill.waiting_signups + 1;
    } else {
        store_fail(s, REASON_ACTIVITY_FULL, "activity %lld is full (%d of %d)",
                   (long long)activity_id, fill.confirmed_people, rules.capacity);
        goto fail;
    }
    if (store_new_receipt(s, "signups", &res.receipt) < 0)
        goto fail;
    sqlite3_stmt *st = store_prepare(
        s, "INSERT INTO signups(uuid, receipt, created_at, activity_id, room, name, phone,"
           " party_size) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!st)
        goto fail;
    sqlite3_bind_text(st, 1, res.receipt.uuid, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, res.receipt.receipt, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, now);
    sqlite3_bind_int64(st, 4, activity_id);
    sqlite3_bind_text(st, 5, r, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, nm ? nm : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, ph, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 8, party_size);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        store_fail_sql(s, rc, "add sign-up");
        goto fail;
    }
    res.receipt.id = sqlite3_last_insert_rowid(s->db);
    payload = signup_payload(activity_id, &rules, r, nm, ph, party_size, &res, now);
    if (!payload) {
        store_fail(s, REASON_STORAGE, "sign-up payload: out of memory");
        goto fail;
    }
    if (store_outbox_append(s, "signup", res.receipt.uuid, payload) < 0)
        goto fail;
    if (store_tx_end(s, 1) < 0)
        goto out;
    free(payload);
    free(nm);
    free(hub);
    signup_list_free(&l);
    if (out)
        *out = res;
    return 0;
fail:
    store_tx_end(s, 0);
out:
    free(payload);
    free(nm);
    free(hub);
    signup_list_free(&l);
    return -1;
}

int store_signup_cancel(Store *s, int64_t activity_id, const char *room, const char *receipt_code,
                        StoreReceipt *out)
{
    store_clear_error(s);
    char r[ROOM_MAX_LEN + 1], code[IDS_RECEIPT_LEN + 1];
    StoreReceipt rec = {0};
    char signup_uuid[37] = "";
    char *payload = NULL;
    if (store_check_room(s, room, 1, r) < 0)
        return -1;
    if (!receipt_code || !ids_receipt_normalize(receipt_code, code))
        return store_fail(s, REASON_RECEIPT_MISMATCH, "\"%.20s\" is not a receipt code",
                          receipt_code ? receipt_code : "");
    if (store_tx_begin(s) < 0)
        return -1;
    sqlite3_stmt *st =
        store_prepare(s, "SELECT g.uuid FROM signups g WHERE g.activity_id = ? AND g.room = ?"
                         " AND g.receipt = ? AND NOT EXISTS"
                         " (SELECT 1 FROM signup_cancels c WHERE c.signup_uuid = g.uuid)"
                         " AND NOT EXISTS (SELECT 1 FROM sync_decisions d WHERE d.uuid = g.uuid"
                         " AND d.subject = 'signup' AND d.state IN ('full', 'cancelled'))");
    if (!st)
        goto fail;
    sqlite3_bind_int64(st, 1, activity_id);
    sqlite3_bind_text(st, 2, r, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, code, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        copy_col(st, 0, signup_uuid, sizeof signup_uuid);
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE) {
        store_fail(s, REASON_RECEIPT_MISMATCH, "no active sign-up %s for room %s", code, r);
        goto fail;
    }
    if (rc != SQLITE_ROW) {
        store_fail_sql(s, rc, "find sign-up");
        goto fail;
    }
    if (store_new_receipt(s, "signup_cancels", &rec) < 0)
        goto fail;
    int64_t now = store_now(s);
    st = store_prepare(s, "INSERT INTO signup_cancels(uuid, receipt, created_at, signup_uuid)"
                          " VALUES (?, ?, ?, ?)");
    if (!st)
        goto fail;
    sqlite3_bind_text(st, 1, rec.uuid, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, rec.receipt, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, now);
    sqlite3_bind_text(st, 4, signup_uuid, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        store_fail_sql(s, rc, "cancel sign-up");
        goto fail;
    }
    rec.id = sqlite3_last_insert_rowid(s->db);
    Buf b;
    buf_init(&b);
    int first = 1;
    buf_putc(&b, '{');
    json_member_str(&b, &first, "uuid", rec.uuid);
    json_member_str(&b, &first, "receipt", rec.receipt);
    json_member_str(&b, &first, "signup_uuid", signup_uuid);
    json_member_int(&b, &first, "activity_id", activity_id);
    json_member_str(&b, &first, "room", r);
    json_member_int(&b, &first, "created_at", now);
    buf_putc(&b, '}');
    payload = buf_take(&b);
    if (!payload) {
        store_fail(s, REASON_STORAGE, "cancel payload: out of memory");
        goto fail;
    }
    if (store_outbox_append(s, "signup_cancel", rec.uuid, payload) < 0)
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
