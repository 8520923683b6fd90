/* Health questions: asking (submission + outbox), the volunteer's answers, and the
 * public board that shows only answered questions marked public. */
#include "store/question.h"
#include "store/store_internal.h"

#include "core/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QUESTION_COLUMNS                                                                           \
    "id, uuid, receipt, text, room, answer, answered_by, coalesce(answered_at, 0), public,"        \
    " created_at, from_hub"

void question_deinit(Question *q)
{
    if (!q)
        return;
    free(q->text);
    free(q->answer);
    free(q->answered_by);
    memset(q, 0, sizeof *q);
}

void question_list_free(QuestionList *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->count; i++)
        question_deinit(&l->items[i]);
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

/* Reads one row; the public view keeps only the masked room. */
static int read_row(sqlite3_stmt *st, int public_view, Question *q)
{
    memset(q, 0, sizeof *q);
    q->id = sqlite3_column_int64(st, 0);
    snprintf(q->uuid, sizeof q->uuid, "%s", (const char *)sqlite3_column_text(st, 1));
    snprintf(q->receipt, sizeof q->receipt, "%s", (const char *)sqlite3_column_text(st, 2));
    q->text = store_col_dup(st, 3);
    const char *room = (const char *)sqlite3_column_text(st, 4);
    if (room && *room) {
        room_mask(room, q->room_masked);
        if (!public_view)
            snprintf(q->room, sizeof q->room, "%s", room);
    }
    q->answer = store_col_dup(st, 5);
    q->answered_by = store_col_dup(st, 6);
    q->answered_at = sqlite3_column_int64(st, 7);
    q->is_public = sqlite3_column_int(st, 8);
    q->created_at = sqlite3_column_int64(st, 9);
    q->from_hub = sqlite3_column_int(st, 10);
    if (!q->text || !q->answer || !q->answered_by)
        return -1;
    return 0;
}

int store_question_list(Store *s, const QuestionQuery *q, QuestionList *out)
{
    static const QuestionQuery all = {0};
    if (!q)
        q = &all;
    store_clear_error(s);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = store_prepare(
        s, "SELECT " QUESTION_COLUMNS " FROM questions"
           " WHERE (CASE WHEN ?1 THEN public = 1 AND answered_at IS NOT NULL AND answer != ''"
           " ELSE NOT from_hub END)"
           " AND (NOT ?2 OR answered_at IS NULL)"
           " ORDER BY CASE WHEN ?1 THEN answered_at ELSE created_at END DESC, id DESC"
           " LIMIT ?3 OFFSET ?4");
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, q->public_view ? 1 : 0);
    sqlite3_bind_int(st, 2, q->unanswered_only && !q->public_view ? 1 : 0);
    sqlite3_bind_int64(st, 3, q->limit ? (int64_t)q->limit : -1);
    sqlite3_bind_int64(st, 4, (int64_t)q->offset);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->count == cap) {
            cap = cap ? cap * 2 : 16;
            Question *p = realloc(out->items, cap * sizeof *p);
            if (!p)
                goto oom;
            out->items = p;
        }
        if (read_row(st, q->public_view, &out->items[out->count++]) < 0)
            goto oom;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        question_list_free(out);
        return store_fail_sql(s, rc, "list questions");
    }
    return 0;
oom:
    sqlite3_finalize(st);
    question_list_free(out);
    return store_fail(s, REASON_STORAGE, "list questions: out of memory");
}

int store_question_get(Store *s, int64_t id, Question *out)
{
    store_clear_error(s);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = store_prepare(s, "SELECT " QUESTION_COLUMNS " FROM questions WHERE id = ?");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        int r = read_row(st, 0, out);
        sqlite3_finalize(st);
        if (r < 0) {
            question_deinit(out);
            return store_fail(s, REASON_STORAGE, "get question: out of memory");
        }
        return 0;
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return store_fail(s, REASON_NOT_FOUND, "no question %lld", (long long)id);
    return store_fail_sql(s, rc, "get question");
}

/* Inside the caller's transaction: the cap, the row and its outbox event. */
static int insert(Store *s, const char *text, const char *room, StoreReceipt *r)
{
    if (*room) {
        int64_t today = 0;
        if (store_count_today(s, "questions", room, &today) < 0)
            return -1;
        if (today >= STORE_QUESTIONS_PER_ROOM_DAY)
            return store_fail(s, REASON_DAILY_CAP, "room %s asked %lld questions today", room,
                              (long long)today);
    }
    if (store_new_receipt(s, "questions", r) < 0)
        return -1;
    int64_t now = store_now(s);
    sqlite3_stmt *st = store_prepare(
        s, "INSERT INTO questions(uuid, receipt, created_at, text, room) VALUES (?, ?, ?, ?, ?)");
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
        return store_fail_sql(s, rc, "add question");
    r->id = sqlite3_last_insert_rowid(s->db);

    Buf b;
    buf_init(&b);
    int first = 1;
    buf_putc(&b, '{');
    json_member_str(&b, &first, "kind", "question");
    json_member_str(&b, &first, "uuid", r->uuid);
    json_member_str(&b, &first, "receipt", r->receipt);
    json_member_int(&b, &first, "created_at", now);
    json_member_str(&b, &first, "text", text);
    json_member_str(&b, &first, "room", room);
    buf_putc(&b, '}');
    char *payload = buf_take(&b);
    buf_deinit(&b);
    if (!payload)
        return store_fail(s, REASON_STORAGE, "question payload: out of memory");
    int ok = store_outbox_append(s, "question", r->uuid, payload);
    free(payload);
    return ok;
}

int store_question_add(Store *s, const char *text, const char *room, StoreReceipt *r)
{
    store_clear_error(s);
    memset(r, 0, sizeof *r);
    char *clean = NULL, canon[ROOM_MAX_LEN + 1];
    if (store_check_text(s, text, STORE_QUESTION_MAX, 1, "question", &clean) < 0)
        return -1;
    int rc = -1;
    if (store_check_room(s, room, 0, canon) == 0 && store_tx_begin(s) == 0)
        rc = store_tx_end(s, insert(s, clean, canon, r) == 0);
    free(clean);
    if (rc < 0)
        memset(r, 0, sizeof *r);
    return rc;
}

int store_question_answer(Store *s, int64_t id, const char *answer, const char *answered_by,
                          int is_public)
{
    store_clear_error(s);
    char *a = NULL, *by = NULL;
    int rc = -1;
    if (store_check_text(s, answer, STORE_REPLY_MAX, 1, "answer", &a) < 0 ||
        store_check_text(s, answered_by, STORE_NAME_MAX, 0, "answered_by", &by) < 0)
        goto out;
    sqlite3_stmt *st = store_prepare(s, "UPDATE questions SET answer = ?, answered_by = ?,"
                                        " answered_at = ?, public = ? WHERE id = ?");
    if (!st)
        goto out;
    sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, by ? by : "", -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, store_now(s));
    sqlite3_bind_int(st, 4, is_public ? 1 : 0);
    sqlite3_bind_int64(st, 5, id);
    int step = sqlite3_step(st);
    sqlite3_finalize(st);
    if (step != SQLITE_DONE)
        store_fail_sql(s, step, "answer question");
    else if (sqlite3_changes(s->db) == 0)
        store_fail(s, REASON_NOT_FOUND, "no question %lld", (long long)id);
    else
        rc = 0;
out:
    free(a);
    free(by);
    return rc;
}
