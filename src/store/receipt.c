/* Receipt lookup: one query per kind of submission, in the order residents most often
 * hold a receipt for (sign-ups first). */
#include "store/receipt.h"
#include "store/store_internal.h"

#include "store/signup.h"
#include "store/suggestion.h"
#include "store/wish.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void receipt_info_deinit(ReceiptInfo *r)
{
    if (!r)
        return;
    free(r->title);
    free(r->detail);
    free(r->reply);
    memset(r, 0, sizeof *r);
}

/* One query per kind: columns are (title, detail, reply, created_at, a, b, c) where a, b
 * and c are what the kind needs to work out its state. */
static const struct {
    ReceiptKind kind;
    const char *sql;
} QUERIES[] = {
    {RECEIPT_SIGNUP,
     "SELECT a.title, g.party_size || '人', '', g.created_at, g.activity_id, g.room,"
     " EXISTS (SELECT 1 FROM signup_cancels c WHERE c.signup_uuid = g.uuid)"
     " FROM signups g JOIN activities a ON a.id = g.activity_id WHERE g.receipt = ?1"},
    {RECEIPT_CANCEL,
     "SELECT a.title, g.room, '', c.created_at, 0, '', 0 FROM signup_cancels c"
     " JOIN signups g ON g.uuid = c.signup_uuid JOIN activities a ON a.id = g.activity_id"
     " WHERE c.receipt = ?1"},
    {RECEIPT_SUGGESTION,
     "SELECT text, category, reply, created_at, 0, state, 0 FROM suggestions WHERE receipt = ?1"},
    {RECEIPT_WISH,
     "SELECT text, '', CASE WHEN state = 'declined' THEN note ELSE '' END, created_at, 0, state, 0"
     " FROM wishes WHERE receipt = ?1"},
    {RECEIPT_CLAIM, "SELECT w.text, '', '', c.created_at, 0, w.state, 0 FROM wish_claims c"
                    " JOIN wishes w ON w.uuid = c.wish_uuid WHERE c.receipt = ?1"},
    {RECEIPT_QUESTION, "SELECT text, '', CASE WHEN public THEN answer ELSE '' END, created_at,"
                       " answer <> '', '', 0 FROM questions WHERE receipt = ?1"},
    {RECEIPT_VOTE,
     "SELECT p.question, o.label, '', v.created_at,"
     " NOT EXISTS (SELECT 1 FROM votes l WHERE l.poll_id = v.poll_id AND l.room = v.room"
     "  AND l.id > v.id), '', 0"
     " FROM votes v JOIN polls p ON p.id = v.poll_id JOIN poll_options o ON o.id = v.option_id"
     " WHERE v.receipt = ?1"},
};

static const char *const WISH_STATES[] = {"review", "open", "claimed", "fulfilled", "declined"};

static int state_index(const char *name, const char *const *names, int n)
{
    for (int i = 0; i < n; i++)
        if (name && strcmp(name, names[i]) == 0)
            return i;
    return 0;
}

/* A sign-up's standing now: the room's active sign-up for the activity, if it is this one. */
static void signup_state(Store *s, int64_t activity, const char *room, const char *code,
                         int cancelled, ReceiptInfo *out)
{
    out->state = SIGNUP_CANCELLED;
    if (cancelled)
        return;
    Signup g;
    if (store_signup_find(s, activity, room, &g) != 0) {
        store_clear_error(s);
        return;
    }
    if (strcmp(g.receipt, code) == 0) {
        out->state = (int)g.status;
        out->waitlist_position = g.waitlist_position;
        out->pending = g.pending;
    }
    signup_deinit(&g);
}

int store_receipt_lookup(Store *s, const char *code, ReceiptInfo *out)
{
    store_clear_error(s);
    memset(out, 0, sizeof *out);
    char up[8];
    size_t n = 0;
    for (; code && code[n] && n + 1 < sizeof up; n++)
        up[n] = (char)toupper((unsigned char)code[n]);
    up[n] = '\0';
    if (n == 0 || (code && code[n]))
        return store_fail(s, REASON_NOT_FOUND, "no receipt %s", up);
    for (size_t q = 0; q < sizeof QUERIES / sizeof QUERIES[0]; q++) {
        sqlite3_stmt *st = store_prepare(s, QUERIES[q].sql);
        if (!st)
            return -1;
        sqlite3_bind_text(st, 1, up, -1, SQLITE_TRANSIENT);
        int rc = sqlite3_step(st);
        if (rc == SQLITE_DONE) {
            sqlite3_finalize(st);
            continue;
        }
        if (rc != SQLITE_ROW) {
            store_fail_sql(s, rc, "receipt lookup");
            sqlite3_finalize(st);
            return -1;
        }
        out->kind = QUERIES[q].kind;
        out->title = store_col_dup(st, 0);
        out->detail = store_col_dup(st, 1);
        out->reply = store_col_dup(st, 2);
        out->created_at = sqlite3_column_int64(st, 3);
        int64_t a = sqlite3_column_int64(st, 4);
        char b[32];
        snprintf(b, sizeof b, "%s",
                 sqlite3_column_text(st, 5) ? (const char *)sqlite3_column_text(st, 5) : "");
        int c = sqlite3_column_int(st, 6);
        sqlite3_finalize(st);
        if (!out->title || !out->detail || !out->reply) {
            receipt_info_deinit(out);
            return store_fail(s, REASON_STORAGE, "out of memory");
        }
        switch (out->kind) {
        case RECEIPT_SIGNUP:
            signup_state(s, a, b, up, c, out);
            break;
        case RECEIPT_SUGGESTION: {
            SuggestionState ss = SUGGESTION_NEW;
            suggestion_state_parse(b, &ss);
            out->state = (int)ss;
            break;
        }
        case RECEIPT_WISH:
        case RECEIPT_CLAIM:
            out->state = state_index(b, WISH_STATES, 5);
            break;
        case RECEIPT_QUESTION:
        case RECEIPT_VOTE:
            out->state = (int)a;
            break;
        case RECEIPT_CANCEL:
            break;
        }
        return 0;
    }
    return store_fail(s, REASON_NOT_FOUND, "no receipt %s", up);
}
