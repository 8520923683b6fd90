/* Staff accounts and the append-only staff audit log (migration 4). */
#include "store/staff.h"
#include "store/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int staff_login_valid(const char *login)
{
    size_t n = login ? strlen(login) : 0;
    if (n < 2 || n > STAFF_LOGIN_MAX)
        return 0;
    for (const char *p = login; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              strchr("._-", *p)))
            return 0;
    return 1;
}

int staff_role_valid(const char *role)
{
    return role && (!strcmp(role, "lead") || !strcmp(role, "committee") || !strcmp(role, "admin"));
}

void staff_account_deinit(StaffAccount *a)
{
    if (!a)
        return;
    free(a->scope);
    memset(a, 0, sizeof *a);
}

void staff_account_list_free(StaffAccountList *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->count; i++)
        staff_account_deinit(&l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}

#define ACCOUNT_COLUMNS "id, login, role, scope, pwhash, disabled, created_at, updated_at"

static void copy_col(sqlite3_stmt *st, int col, char *out, size_t cap)
{
    const char *v = (const char *)sqlite3_column_text(st, col);
    snprintf(out, cap, "%s", v ? v : "");
}

static int read_account(sqlite3_stmt *st, StaffAccount *a)
{
    memset(a, 0, sizeof *a);
    a->id = sqlite3_column_int64(st, 0);
    copy_col(st, 1, a->login, sizeof a->login);
    copy_col(st, 2, a->role, sizeof a->role);
    a->scope = store_col_dup(st, 3);
    copy_col(st, 4, a->pwhash, sizeof a->pwhash);
    a->disabled = sqlite3_column_int(st, 5);
    a->created_at = sqlite3_column_int64(st, 6);
    a->updated_at = sqlite3_column_int64(st, 7);
    return a->scope ? 0 : -1;
}

int store_staff_add(Store *s, const StaffAccount *in, int64_t *id_out)
{
    store_clear_error(s);
    if (!staff_login_valid(in->login))
        return store_fail(s, REASON_INVALID_VALUE,
                          "a login is 2-32 letters, digits, '.', '_' or '-'");
    if (!staff_role_valid(in->role))
        return store_fail(s, REASON_INVALID_VALUE, "role must be lead, committee or admin");
    if (!in->pwhash[0])
        return store_fail(s, REASON_INVALID_VALUE, "no password hash");
    char *scope = NULL;
    if (store_check_text(s, in->scope, STAFF_SCOPE_MAX, 0, "scope", &scope) < 0)
        return -1;
    StaffAccount existing;
    if (store_staff_get(s, in->login, &existing) == 0) {
        staff_account_deinit(&existing);
        free(scope);
        return store_fail(s, REASON_DUPLICATE, "a staff account \"%s\" exists", in->login);
    }
    store_clear_error(s);
    sqlite3_stmt *st = store_prepare(s, "INSERT INTO staff_accounts(login, role, scope, pwhash,"
                                        " disabled, created_at, updated_at)"
                                        " VALUES (?, ?, ?, ?, 0, ?6, ?6)");
    if (!st) {
        free(scope);
        return -1;
    }
    sqlite3_bind_text(st, 1, in->login, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, in->role, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, scope ? scope : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, in->pwhash, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 6, store_now(s));
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    free(scope);
    if (rc != SQLITE_DONE)
        return store_fail_sql(s, rc, "add staff account");
    if (id_out)
        *id_out = sqlite3_last_insert_rowid(s->db);
    return 0;
}

int store_staff_get(Store *s, const char *login, StaffAccount *out)
{
    store_clear_error(s);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st =
        store_prepare(s, "SELECT " ACCOUNT_COLUMNS " FROM staff_accounts WHERE login = ?");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, login ? login : "", -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(st);
        if (rc == SQLITE_DONE)
            return store_fail(s, REASON_NOT_FOUND, "no staff account \"%.40s\"",
                              login ? login : "");
        return store_fail_sql(s, rc, "get staff account");
    }
    int r = read_account(st, out);
    sqlite3_finalize(st);
    if (r < 0) {
        staff_account_deinit(out);
        return store_fail(s, REASON_STORAGE, "get staff account: out of memory");
    }
    return 0;
}

/* Runs an UPDATE of one account's row; REASON_NOT_FOUND when no row matched. */
static int update_account(Store *s, sqlite3_stmt *st, const char *login)
{
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_fail_sql(s, rc, "update staff account");
    if (sqlite3_changes(s->db) == 0)
        return store_fail(s, REASON_NOT_FOUND, "no staff account \"%.40s\"", login);
    return 0;
}

int store_staff_set_hash(Store *s, const char *login, const char *pwhash)
{
    store_clear_error(s);
    if (!pwhash || !pwhash[0] || strlen(pwhash) > STAFF_HASH_MAX)
        return store_fail(s, REASON_INVALID_VALUE, "bad password hash");
    sqlite3_stmt *st =
        store_prepare(s, "UPDATE staff_accounts SET pwhash = ?, updated_at = ? WHERE login = ?");
    if (st) {
        sqlite3_bind_text(st, 1, pwhash, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, store_now(s));
        sqlite3_bind_text(st, 3, login, -1, SQLITE_STATIC);
    }
    return update_account(s, st, login);
}

int store_staff_set_disabled(Store *s, const char *login, int disabled)
{
    store_clear_error(s);
    sqlite3_stmt *st =
        store_prepare(s, "UPDATE staff_accounts SET disabled = ?, updated_at = ? WHERE login = ?");
    if (st) {
        sqlite3_bind_int(st, 1, disabled != 0);
        sqlite3_bind_int64(st, 2, store_now(s));
        sqlite3_bind_text(st, 3, login, -1, SQLITE_STATIC);
    }
    return update_account(s, st, login);
}

int store_staff_list(Store *s, StaffAccountList *out)
{
    store_clear_error(s);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st =
        store_prepare(s, "SELECT " ACCOUNT_COLUMNS " FROM staff_accounts ORDER BY login");
    if (!st)
        return -1;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->count == cap) {
            cap = cap ? cap * 2 : 8;
            StaffAccount *p = realloc(out->items, cap * sizeof *p);
            if (!p)
                goto oom;
            out->items = p;
        }
        if (read_account(st, &out->items[out->count++]) < 0)
            goto oom;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        staff_account_list_free(out);
        return store_fail_sql(s, rc, "list staff accounts");
    }
    return 0;
oom:
    sqlite3_finalize(st);
    staff_account_list_free(out);
    return store_fail(s, REASON_STORAGE, "list staff accounts: out of memory");
}

int store_audit_add(Store *s, const AuditEntry *e)
{
    store_clear_error(s);
    sqlite3_stmt *st = store_prepare(s, "INSERT INTO staff_audit(at, login, address, action,"
                                        " target, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, store_now(s));
    const char *fields[] = {e->login, e->address, e->action, e->target, e->before, e->after};
    for (int i = 0; i < 6; i++)
        sqlite3_bind_text(st, i + 2, fields[i] ? fields[i] : "", -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail_sql(s, rc, "append to the staff audit log");
}

void audit_list_free(AuditList *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->count; i++) {
        AuditEntry *e = &l->items[i];
        free(e->login);
        free(e->address);
        free(e->action);
        free(e->target);
        free(e->before);
        free(e->after);
    }
    free(l->items);
    memset(l, 0, sizeof *l);
}

int store_audit_list(Store *s, size_t limit, AuditList *out)
{
    store_clear_error(s);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = store_prepare(s, "SELECT id, at, login, address, action, target, before,"
                                        " after FROM staff_audit ORDER BY id DESC LIMIT ?");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, limit ? (int64_t)limit : -1);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->count == cap) {
            cap = cap ? cap * 2 : 16;
            AuditEntry *p = realloc(out->items, cap * sizeof *p);
            if (!p)
                goto oom;
            out->items = p;
        }
        AuditEntry *e = &out->items[out->count++];
        e->id = sqlite3_column_int64(st, 0);
        e->at = sqlite3_column_int64(st, 1);
        e->login = store_col_dup(st, 2);
        e->address = store_col_dup(st, 3);
        e->action = store_col_dup(st, 4);
        e->target = store_col_dup(st, 5);
        e->before = store_col_dup(st, 6);
        e->after = store_col_dup(st, 7);
        if (!e->login || !e->address || !e->action || !e->target || !e->before || !e->after)
            goto oom;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        audit_list_free(out);
        return store_fail_sql(s, rc, "list the staff audit log");
    }
    return 0;
oom:
    sqlite3_finalize(st);
    audit_list_free(out);
    return store_fail(s, REASON_STORAGE, "list the staff audit log: out of memory");
}

int store_staff_todo(Store *s, StaffTodo *out)
{
    store_clear_error(s);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = store_prepare(
        s, "SELECT (SELECT count(*) FROM wishes WHERE state = 'review' AND NOT from_hub),"
           " (SELECT count(*) FROM suggestions WHERE state != 'replied' AND NOT from_hub),"
           " (SELECT count(*) FROM questions WHERE answered_at IS NULL AND NOT from_hub)");
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->wishes_review = sqlite3_column_int64(st, 0);
        out->suggestions_open = sqlite3_column_int64(st, 1);
        out->questions_open = sqlite3_column_int64(st, 2);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : store_fail_sql(s, rc, "count what waits for staff");
}
