/* Staff accounts and the staff audit log, as the kiosk's own store keeps them for a
 * standalone building (the console over this store; the hub keeps its own).
 * The store holds a password only as the hash staff/ made of it; it never sees the
 * password. The audit log is append-only: triggers refuse any UPDATE or DELETE. */
#ifndef YX_STORE_STAFF_H
#define YX_STORE_STAFF_H

#include "store/store.h"

#define STAFF_LOGIN_MAX 32  /* bytes: ASCII letters, digits, . _ - */
#define STAFF_HASH_MAX  128 /* bytes of an encoded Argon2id hash */
#define STAFF_SCOPE_MAX 40  /* code points: a building (楼栋) or an area (片区) */

typedef struct {
    int64_t id;
    char login[STAFF_LOGIN_MAX + 1];
    char role[16]; /* "lead", "committee", "admin" */
    char *scope;   /* building for a lead, area for committee; "" for admin */
    char pwhash[STAFF_HASH_MAX + 1];
    int disabled;
    int64_t created_at;
    int64_t updated_at;
} StaffAccount;

typedef struct {
    StaffAccount *items;
    size_t count;
} StaffAccountList;

/* True for a login staff can type on a phone: 2..32 of [A-Za-z0-9._-]. */
int staff_login_valid(const char *login);
/* True for "lead", "committee" and "admin". */
int staff_role_valid(const char *role);

/* Adds an account. REASON_INVALID_VALUE for a bad login, role or empty hash;
 * REASON_DUPLICATE when the login exists (logins ignore case). */
int store_staff_add(Store *s, const StaffAccount *in, int64_t *id_out);
/* One account by login (case ignored). REASON_NOT_FOUND. Free with staff_account_deinit. */
int store_staff_get(Store *s, const char *login, StaffAccount *out);
void staff_account_deinit(StaffAccount *a);
/* Replaces the hash, or sets disabled. REASON_NOT_FOUND. */
int store_staff_set_hash(Store *s, const char *login, const char *pwhash);
int store_staff_set_disabled(Store *s, const char *login, int disabled);
/* Every account, by login. Free with staff_account_list_free. */
int store_staff_list(Store *s, StaffAccountList *out);
void staff_account_list_free(StaffAccountList *l);

typedef struct {
    int64_t id;
    int64_t at;
    char *login;   /* who */
    char *address; /* from where (the console's client address; "cli" for yanxiactl) */
    char *action;  /* "notice.publish", "wish.approve", ... */
    char *target;  /* "notice 12" */
    char *before;  /* what it was (a short JSON or text), "" when new */
    char *after;   /* what it became, "" when removed */
} AuditEntry;

typedef struct {
    AuditEntry *items;
    size_t count;
} AuditList;

/* Appends one entry, at = store_now(). Inside the caller's batch when there is one, so
 * an action and its audit line commit together. */
int store_audit_add(Store *s, const AuditEntry *e);
/* The newest entries first (limit 0: all). Free with audit_list_free. */
int store_audit_list(Store *s, size_t limit, AuditList *out);
void audit_list_free(AuditList *l);

/* What waits for a person (the console's 待办), counted over this kiosk's own
 * submissions: wishes to approve, suggestions without a reply, unanswered questions. */
typedef struct {
    int64_t wishes_review;
    int64_t suggestions_open;
    int64_t questions_open;
} StaffTodo;
int store_staff_todo(Store *s, StaffTodo *out);

#endif
