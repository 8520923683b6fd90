/* Suggestions: validation, the submission transaction (row + outbox event), public
 * and staff lists, and the committee's moderation (seen, reply). */
#include "store/suggestion.h"
#include "store/store_internal.h"

#include "core/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const SUGGESTION_CATEGORIES[] = {"环境卫生", "安全隐患", "设施维修", "邻里关系",
                                             "活动建议", "物业服务", "其他"};
const size_t SUGGESTION_CATEGORY_COUNT =
    sizeof SUGGESTION_CATEGORIES / sizeof SUGGESTION_CATEGORIES[0];

/* Indexed by SuggestionState: the name stored in the table, the label on screen. */
static const struct {
    const char *name, *label;
} STATES[] = {{"new", "待处理"}, {"seen", "已阅"}, {"replied", "已回复"}};
#define STATE_COUNT (sizeof STATES / sizeof STATES[0])

#define SUGGESTION_COLUMNS                                                                         \
    "id, uuid, receipt, category, text, room, contact, state, reply, created_at,"                  \
    " coalesce(replied_at, 0), from_hub"

int suggestion_category_valid(const char *category)
{
    for (size_t i = 0; i < SUGGESTION_CATEGORY_COUNT; i++)
        if (category && strcmp(category, SUGGESTION_CATEGORIES[i]) == 0)
            return 1;
    return 0;
}

const char *suggestion_state_name(SuggestionState st)
{
    return (size_t)st < STATE_COUNT ? STATES[st].name : "?";
}

const char *suggestion_state_label(SuggestionState st)
{
    return (size_t)st < STATE_COUNT ? STATES[st].label : "?";
}

int suggestion_state_parse(const char *name, SuggestionState *out)
{
    for (size_t i = 0; i < STATE_COUNT; i++)
        if (name && strcmp(name, STATES[i].name) == 0) {
            *out = (SuggestionState)i;
            return 0;
        }
    return -1;
}

void suggestion_deinit(Suggestion *sg)
{
    if (!sg)
        return;
    free(sg->category);
    free(sg->text);
    free(sg->contact);
    free(sg->reply);
    memset(sg, 0, sizeof *sg);
}

void suggestion_list_free(SuggestionList *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->count; i++)
        suggestion_deinit(&l->items[i]);
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

/* Reads one row; the public view drops the room and the contact, keeping the mask. */
static int read_row(sqlite3_stmt *st, int public_view, Suggestion *sg)
{
    memset(sg, 0, sizeof *sg);
    sg->id = sqlite3_column_int64(st, 0);
    snprintf(sg->uuid, sizeof sg->uuid, "%s", (const char *)sqlite3_column_text(st, 1));
    snprintf(sg->receipt, sizeof sg->receipt, "%s", (const char *)sqlite3_column_text(st, 2));
    sg->category = store_col_dup(st, 3);
    sg->text = store_col_dup(st, 4);
    const char *room = (const char *)sqlite3_column_text(st, 5);
    if (room && *room) {
        room_mask(room, sg->room_masked);
        if (!public_view)
            snprintf(sg->room, sizeof sg->room, "%s", room);
    }
    sg->contact = public_view ? strdup("") : store_col_dup(st, 6);
    const char *state = (const char *)sqlite3_column_text(st, 7);
    if (suggestion_state_parse(state, &sg->state) < 0)
        sg->state = SUGGESTION_NEW;
    sg->reply = store_col_dup(st, 8);
    sg->created_at = sqlite3_column_int64(st, 9);
    sg->replied_at = sqlite3_column_int64(st, 10);
    sg->from_hub = sqlite3_column_int(st, 11);
    if (!sg->category || !sg->text || !sg->contact || !sg->reply)
        return -1;
    return 0;
}

int store_suggestion_list(Store *s, const SuggestionQuery *q, SuggestionList *out)
{
    static const SuggestionQuery all = {0};
    if (!q)
        q = &all;
    store_clear_error(s);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st =
        store_prepare(s, "SELECT " SUGGESTION_COLUMNS " FROM suggestions"
                         " WHERE (CASE WHEN ?1 THEN state = 'replied' ELSE NOT from_hub END)"
                         " AND (?2 IS NULL OR state = ?2)"
                         " AND (NOT ?5 OR state != 'replied')"
                         " ORDER BY CASE WHEN ?1 THEN replied_at ELSE created_at END DESC, id DESC"
                         " LIMIT ?3 OFFSET ?4");
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, q->public_view ? 1 : 0);
    store_bind_text_or_null(st, 2, q->public_view ? NULL : q->state);
    sqlite3_bind_int64(st, 3, q->limit ? (int64_t)q->limit : -1);
    sqlite3_bind_int64(st, 4, (int64_t)q->offset);
    sqlite3_bind_int(st, 5, q->open_only && !q->public_view);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->count == cap) {
            cap = cap ? cap * 2 : 16;
            Suggestion *p = realloc(out->items, cap * sizeof *p);
            if (!p)
                goto oom;
            out->items = p;
        }
        if (read_row(st, q->public_view, &out->items[out->count++]) < 0)
            goto oom;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        suggestion_list_free(out);
        return store_fail_sql(s, rc, "list suggestions");
    }
    return 0;
oom:
    sqlite3_finalize(st);
    suggestion_list_free(out);
    return store_fail(s, REASON_STORAGE, "list suggestions: out of memory");
}

int store_suggestion_get(Store *s, int64_t id, Suggestion *out)
{
    store_clear_error(s);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st =
        store_prepare(s, "SELECT " SUGGESTION_COLUMNS " FROM suggestions WHERE id = ?");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        int r = read_row(st, 0, out);
        sqlite3_finalize(st);
        if (r < 0) {
            suggestion_deinit(out);
            return store_fail(s, REASON_STORAGE, "get suggestion: out of memory");
        }
        return 0;
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return store_fail(s, REASON_NOT_FOUND, "no suggestion %lld", (long long)id);
    return store_fail_sql(s, rc, "get suggestion");
}

/* The checked values that add writes. */
typedef struct {
    const char *category;
    char *text;
    char room[ROOM_MAX_LEN + 1];
    char contact[PHONE_MAX_LEN + 1];
} Clean;

static int validate(Store *s, const SuggestionInput *in, Clean *c)
{
    memset(c, 0, sizeof *c);
    c->category = in->category && *in->category ? in->category : SUGGESTION_DEFAULT_CATEGORY;
    if (!suggestion_category_valid(c->category))
        return store_fail(s, REASON_INVALID_VALUE, "unknown suggestion category \"%.40s\"",
                          c->category);
    if (store_check_text(s, in->text, STORE_SUGGESTION_MAX, 1, "suggestion", &c->text) < 0)
        return -1;
    if (store_check_room(s, in->room, 0, c->room) < 0)
        goto fail;
    if (in->contact && *in->contact && phone_normalize(in->contact, c->contact) != REASON_NONE) {
        store_fail(s, REASON_PHONE_INVALID, "contact \"%.20s\" is not a phone number", in->contact);
        goto fail;
    }
    return 0;
fail:
    free(c->text);
    c->text = NULL;
    return -1;
}

/* Inside the caller's transaction: the cap, the row and its outbox event. */
static int insert(Store *s, const Clean *c, StoreReceipt *r)
{
    if (c->room[0]) {
        int64_t today = 0;
        if (store_count_today(s, "suggestions", c->room, &today) < 0)
            return -1;
        if (today >= STORE_SUGGESTIONS_PER_ROOM_DAY)
            return store_fail(s, REASON_DAILY_CAP, "room %s sent %lld suggestions today", c->room,
                              (long long)today);
    }
    if (store_new_receipt(s, "suggestions", r) < 0)
        return -1;
    int64_t now = store_now(s);
    sqlite3_stmt *st = store_prepare(
        s, "INSERT INTO suggestions(uuid, receipt, created_at, category, text, room, contact)"
           " VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, r->uuid, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, r->receipt, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, now);
    sqlite3_bind_text(st, 4, c->category, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, c->text, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, c->room, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, c->contact, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_fail_sql(s, rc, "add suggestion");
    r->id = sqlite3_last_insert_rowid(s->db);

    Buf b;
    buf_init(&b);
    int first = 1;
    buf_putc(&b, '{');
    json_member_str(&b, &first, "kind", "suggestion");
    json_member_str(&b, &first, "uuid", r->uuid);
    json_member_str(&b, &first, "receipt", r->receipt);
    json_member_int(&b, &first, "created_at", now);
    json_member_str(&b, &first, "category", c->category);
    json_member_str(&b, &first, "text", c->text);
    json_member_str(&b, &first, "room", c->room);
    json_member_str(&b, &first, "contact", c->contact);
    buf_putc(&b, '}');
    char *payload = buf_take(&b);
    buf_deinit(&b);
    if (!payload)
        return store_fail(s, REASON_STORAGE, "suggestion payload: out of memory");
    int ok = store_outbox_append(s, "suggestion", r->uuid, payload);
    free(payload);
    return ok;
}

int store_suggestion_add(Store *s, const SuggestionInput *in, StoreReceipt *r)
{
    store_clear_error(s);
    memset(r, 0, sizeof *r);
    Clean c;
    if (validate(s, in, &c) < 0)
        return -1;
    int rc = -1;
    if (store_tx_begin(s) == 0) {
        int ok = insert(s, &c, r) == 0;
        rc = store_tx_end(s, ok);
    }
    free(c.text);
    if (rc < 0)
        memset(r, 0, sizeof *r); /* nothing was kept: no receipt to show */
    return rc;
}

/* Runs an UPDATE bound to (?1 id, ?2 now, ?3 text) and tells "no such row" apart from
 * "not allowed from this state" by looking the row up when nothing changed. */
static int moderate(Store *s, int64_t id, const char *sql, const char *text, const char *what)
{
    sqlite3_stmt *st = store_prepare(s, sql);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, store_now(s));
    if (text)
        sqlite3_bind_text(st, 3, text, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_fail_sql(s, rc, what);
    if (sqlite3_changes(s->db) > 0)
        return 0;
    Suggestion sg;
    if (store_suggestion_get(s, id, &sg) < 0)
        return -1;
    SuggestionState state = sg.state;
    suggestion_deinit(&sg);
    if (state == SUGGESTION_SEEN)
        return 0; /* marking seen twice changes nothing */
    return store_fail(s, REASON_BAD_STATE, "%s: suggestion %lld is %s", what, (long long)id,
                      suggestion_state_name(state));
}

int store_suggestion_mark_seen(Store *s, int64_t id)
{
    store_clear_error(s);
    return moderate(s, id, "UPDATE suggestions SET state = 'seen' WHERE id = ?1 AND state = 'new'",
                    NULL, "mark seen");
}

int store_suggestion_reply(Store *s, int64_t id, const char *reply)
{
    store_clear_error(s);
    char *text = NULL;
    if (store_check_text(s, reply, STORE_REPLY_MAX, 1, "reply", &text) < 0)
        return -1;
    int rc = moderate(s, id,
                      "UPDATE suggestions SET state = 'replied', reply = ?3, replied_at = ?2"
                      " WHERE id = ?1",
                      text, "reply");
    free(text);
    return rc;
}
