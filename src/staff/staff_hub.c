/* The hub implementation of the staff library (staff_hub.h): each write is one of the
 * hub's scope-checked staff_* functions (sql/hub/008_staff.sql and after), run on the
 * member's own connection, so PostgreSQL checks the member's password, scope and role,
 * and the hub writes the audit line in the same transaction. */
#include "staff/staff_hub.h"
#include "staff/staff_hub_read.h"

#include "core/sha256.h"
#include "core/timeutil.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define HUB_CHUNK 262144 /* the hub's photo_chunks size (sql/hub/001_schema.sql) */

static _Thread_local char last_error[300];
static _Thread_local StaffRefusal last_refusal;
static _Thread_local char last_sqlstate[6]; /* the last refusal's, "" when not the hub's */

const char *staff_hub_error(void)
{
    return last_error;
}

StaffRefusal staff_hub_refusal(void)
{
    return last_refusal;
}

int staff_hub_refuse_as(StaffRefusal why, const char *sentence)
{
    last_refusal = sentence ? why : STAFF_REFUSAL_FAILED;
    last_sqlstate[0] = '\0';
    snprintf(last_error, sizeof last_error, "%s", sentence ? sentence : "连不上中心库");
    /* the hub's refusals are "中文 (english detail)": staff read the Chinese part */
    char *paren = strstr(last_error, " (");
    if (paren && paren != last_error)
        *paren = '\0';
    return -1;
}

int staff_hub_refuse(const char *sentence)
{
    return staff_hub_refuse_as(STAFF_REFUSAL_STATE, sentence);
}

/* What the SQLSTATEs of the hub's functions (sql/hub/) mean to staff: an exact code, or a class
 * ("22": every data exception). The first match wins; nothing matched is FAILED. */
static const struct {
    const char *sqlstate;
    StaffRefusal why;
} REFUSALS[] = {
    {"P0002", STAFF_REFUSAL_NOT_FOUND}, /* no such item, or not in the member's scope */
    {"21000", STAFF_REFUSAL_AMBIGUOUS}, /* a receipt several kiosks issued */
    {"42501", STAFF_REFUSAL_DENIED},    /* role or building outside the scope */
    {"28P01", STAFF_REFUSAL_DENIED},    {"28000", STAFF_REFUSAL_DENIED},
    {"42710", STAFF_REFUSAL_STATE}, /* an account that exists already */
    {"22", STAFF_REFUSAL_STATE},        {"23", STAFF_REFUSAL_STATE},
    {"55", STAFF_REFUSAL_STATE}, /* a step the item's state does not allow */
};

static StaffRefusal refusal_of(const char *sqlstate)
{
    for (size_t i = 0; sqlstate && i < sizeof REFUSALS / sizeof REFUSALS[0]; i++)
        if (strncmp(sqlstate, REFUSALS[i].sqlstate, strlen(REFUSALS[i].sqlstate)) == 0)
            return REFUSALS[i].why;
    return STAFF_REFUSAL_FAILED; /* a lost connection, an older hub (42883), a bug */
}

/* Keeps the refusal of res (or of a lost connection) and returns -1. */
static int refuse_result(const PGresult *res)
{
    const char *m = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    const char *code = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    staff_hub_refuse_as(m ? refusal_of(code) : STAFF_REFUSAL_FAILED, m ? m : "连不上中心库");
    snprintf(last_sqlstate, sizeof last_sqlstate, "%s", m && code ? code : "");
    return -1;
}

/* rc of an update sent with a revision: sql/hub/036 refuses one whose row moved since
 * with 55000, which other functions use for other states, so it is CHANGED only here. */
static int edit_refused(int rc, int64_t rev)
{
    if (rc < 0 && rev && strcmp(last_sqlstate, "55000") == 0)
        last_refusal = STAFF_REFUSAL_CHANGED;
    return rc;
}

int staff_hub_edit_refused(int rc, int64_t rev)
{
    return edit_refused(rc, rev);
}

/* Transient: another transaction held what this statement needed (a deadlock victim,
 * 40P01, or a serialization failure, 40001). The statement's own transaction was rolled
 * back whole, so running it again is safe, as the owner's hub_moderate does. */
static int transient(const PGresult *res)
{
    const char *code = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    return code && (strcmp(code, "40P01") == 0 || strcmp(code, "40001") == 0);
}

#define HUB_ATTEMPTS 5 /* a transient failure's tries in all: pauses of 40-320 ms between */

static PGresult *hub_read(const StaffActor *a, const char *sql, int n, const char *const *params);

/* The staff functions an import's item goes through (sql/hub/040's staff_import_item
 * takes these and no others). */
static const char *const KEYED_FUNCTIONS[] = {
    "staff_publish_notice", "staff_publish_tip",     "staff_create_activity",
    "staff_create_poll",    "staff_create_album",    "staff_publish_photo",
    "staff_publish_roster", "staff_publish_contact", "staff_add_phrase",
};
#define KEYED_PREFIX "SELECT yanxia_hub."
#define KEYED_ARGS   32 /* more than any publishing function takes */

/* The publishing function sql calls ("SELECT yanxia_hub.NAME(...)"), into fn, when it is
 * one an import keys: 1, else 0. */
static int keyed_function(const char *sql, char *fn, size_t cap)
{
    if (strncmp(sql, KEYED_PREFIX, strlen(KEYED_PREFIX)) != 0)
        return 0;
    const char *name = sql + strlen(KEYED_PREFIX), *paren = strchr(name, '(');
    for (size_t i = 0; paren && i < sizeof KEYED_FUNCTIONS / sizeof KEYED_FUNCTIONS[0]; i++)
        if ((size_t)(paren - name) == strlen(KEYED_FUNCTIONS[i]) &&
            strncmp(name, KEYED_FUNCTIONS[i], (size_t)(paren - name)) == 0 &&
            strlen(KEYED_FUNCTIONS[i]) < cap) {
            snprintf(fn, cap, "%s", KEYED_FUNCTIONS[i]);
            return 1;
        }
    return 0;
}

/* A publishing call of an import's item (a->keyed) sent through staff_import_item with
 * the item's key and the call's own parameters (as text, which the hub casts to the
 * function's types): the result is the hub id first, as the plain call's, and the
 * outcome goes into a->keyed. NULL with the refusal kept (FAILED for a hub without 040,
 * which says staff_import_item). */
static PGresult *keyed_read(const StaffActor *a, const char *fn, int n, const char *const *params)
{
    if (n > KEYED_ARGS) {
        staff_hub_refuse_as(STAFF_REFUSAL_FAILED, "导入的这一项参数太多，没有发布");
        return NULL;
    }
    char sql[64 + KEYED_ARGS * 6];
    const char *all[KEYED_ARGS + 2] = {a->keyed->key, fn};
    size_t len = (size_t)snprintf(sql, sizeof sql,
                                  "SELECT o_hub_id, o_outcome FROM yanxia_hub.staff_import_item("
                                  "$1, $2");
    for (int i = 0; i < n && len < sizeof sql; i++) {
        len += (size_t)snprintf(sql + len, sizeof sql - len, ", $%d", i + 3);
        all[i + 2] = params[i];
    }
    if (len + 2 > sizeof sql) {
        staff_hub_refuse_as(STAFF_REFUSAL_FAILED, "导入的这一项参数太多，没有发布");
        return NULL;
    }
    snprintf(sql + len, sizeof sql - len, ")");
    PGresult *res = hub_read(a, sql, n + 2, all);
    if (!res)
        return NULL;
    static const struct {
        const char *word;
        StaffKeyedOutcome outcome;
    } OUTCOMES[] = {{"new", STAFF_KEYED_NEW},
                    {"changed", STAFF_KEYED_CHANGED},
                    {"same", STAFF_KEYED_SAME},
                    {"kept", STAFF_KEYED_KEPT}};
    a->keyed->outcome = 0;
    for (size_t i = 0; PQntuples(res) == 1 && i < sizeof OUTCOMES / sizeof OUTCOMES[0]; i++)
        if (strcmp(PQgetvalue(res, 0, 1), OUTCOMES[i].word) == 0)
            a->keyed->outcome = OUTCOMES[i].outcome;
    if (!a->keyed->outcome) {
        PQclear(res);
        staff_hub_refuse_as(STAFF_REFUSAL_FAILED, "中心库的回答看不懂，没有发布");
        return NULL;
    }
    return res;
}

/* Runs one statement with text parameters on a's connection, re-connecting once when
 * the hub went away, and running it again (HUB_ATTEMPTS in all) after a deadlock or a
 * serialization failure, but only when it ran in its own transaction: inside a caller's
 * (see photos) the failure ends the transaction, and only the caller can start again.
 * The result of a statement that returned rows (the caller PQclears it), or NULL with
 * the refusal kept. The console's hub reads use it too (staff_hub_read.h). */
PGresult *staff_hub_read(const StaffActor *a, const char *sql, int n, const char *const *params)
{
    char fn[32];
    if (a->keyed && a->keyed->key && keyed_function(sql, fn, sizeof fn))
        return keyed_read(a, fn, n, params);
    return hub_read(a, sql, n, params);
}

static PGresult *hub_read(const StaffActor *a, const char *sql, int n, const char *const *params)
{
    PGconn *pg = a->hub;
    int reconnected = 0;
    for (int attempt = 1; attempt <= HUB_ATTEMPTS; attempt++) {
        if (PQstatus(pg) != CONNECTION_OK) {
            if (a->batch) { /* a new connection would run it outside the batch */
                staff_hub_refuse_as(STAFF_REFUSAL_FAILED, NULL);
                return NULL;
            }
            PQreset(pg);
        }
        PGresult *res = PQexecParams(pg, sql, n, NULL, params, NULL, NULL, 0);
        if (PQresultStatus(res) == PGRES_TUPLES_OK)
            return res;
        refuse_result(res);
        int lost = PQstatus(pg) != CONNECTION_OK;
        int again = lost ? !a->batch && !reconnected++
                         : transient(res) && PQtransactionStatus(pg) == PQTRANS_IDLE;
        PQclear(res);
        if (!again)
            break; /* the hub answered: a refusal, not a lost connection */
        if (!lost && attempt < HUB_ATTEMPTS) {
            struct timespec pause = {0, 20000000L << attempt}; /* let the other one finish */
            nanosleep(&pause, NULL);
        }
    }
    return NULL;
}

/* staff_hub_read() for a function returning nothing of interest: 0 or -1. */
static int call_void(const StaffActor *a, const char *sql, int n, const char *const *params)
{
    PGresult *res = staff_hub_read(a, sql, n, params);
    PQclear(res);
    return res ? 0 : -1;
}

/* staff_hub_read() for a function returning a new hub id: 0 with *id_out (may be NULL),
 * or -1. */
static int call_id(const StaffActor *a, const char *sql, int n, const char *const *params,
                   int64_t *id_out)
{
    PGresult *res = staff_hub_read(a, sql, n, params);
    if (!res)
        return -1;
    if (id_out)
        *id_out = PQntuples(res) == 1 ? strtoll(PQgetvalue(res, 0, 0), NULL, 10) : 0;
    PQclear(res);
    return 0;
}

/* A function taking one hub id. */
static int call_on_id(const StaffActor *a, const char *sql, int64_t id)
{
    char idtext[24];
    snprintf(idtext, sizeof idtext, "%lld", (long long)id);
    const char *params[] = {idtext};
    return call_void(a, sql, 1, params);
}

/* The SCRAM verifier of password (the caller PQfreemems it), or NULL with a Chinese
 * sentence in err for a password the rules refuse or a verifier libpq could not make. */
static char *verifier_of(const StaffActor *a, const char *login, const char *password, char *err,
                         size_t errlen)
{
    if (staff_password_check(password, err, errlen) < 0)
        return NULL;
    char *v = PQencryptPasswordConn(a->hub, password, login ? login : "", "scram-sha-256");
    if (!v)
        snprintf(err, errlen, "无法加密密码（连不上中心库？），没有保存");
    return v;
}

/* Ends an account call: 0, or -1 with the refusal in err and kept. */
static int account_done(int rc, char *err, size_t errlen)
{
    if (rc < 0)
        snprintf(err, errlen, "%s", last_error);
    return rc;
}

int staff_hub_account_create(const StaffActor *a, const char *login, const char *role,
                             const char *scope, const char *password, char *err, size_t errlen)
{
    char *v = verifier_of(a, login, password, err, errlen);
    if (!v)
        return staff_hub_refuse(err);
    const char *params[] = {login, v, role, scope};
    int rc = call_void(a, "SELECT yanxia_hub.staff_add_account($1, $2, $3, $4)", 4, params);
    PQfreemem(v);
    return account_done(rc, err, errlen);
}

int staff_hub_account_passwd(const StaffActor *a, const char *login, const char *password,
                             char *err, size_t errlen)
{
    char *v = verifier_of(a, login, password, err, errlen);
    if (!v)
        return staff_hub_refuse(err);
    const char *params[] = {login, v};
    int rc = call_void(a, "SELECT yanxia_hub.staff_set_password($1, $2)", 2, params);
    PQfreemem(v);
    return account_done(rc, err, errlen);
}

int staff_hub_account_set_disabled(const StaffActor *a, const char *login, int disabled, char *err,
                                   size_t errlen)
{
    const char *params[] = {login};
    int rc = call_void(a,
                       disabled ? "SELECT yanxia_hub.staff_disable_account($1)"
                                : "SELECT yanxia_hub.staff_enable_account($1)",
                       1, params);
    return account_done(rc, err, errlen);
}

/* A notice's category as the hub keeps it: 紧急 when urgent, else the chosen one or 通知. */
static const char *notice_category(const StaffNotice *n)
{
    return n->urgent ? "紧急" : (n->category && *n->category ? n->category : "通知");
}

int staff_hub_notice_publish(const StaffActor *a, const StaffNotice *n, int64_t *id_out)
{
    char expires[24], publish[24];
    snprintf(expires, sizeof expires, "%lld", (long long)n->expires_at);
    snprintf(publish, sizeof publish, "%lld", (long long)n->publish_at);
    int own = (n->author && *n->author) || n->publish_at; /* sql/hub/037's form */
    const char *params[] = {n->building,
                            n->title,
                            n->body,
                            notice_category(n),
                            n->pinned ? "1" : "0",
                            n->expires_at ? expires : NULL, /* NULL: never */
                            n->author && *n->author ? n->author : NULL,
                            n->publish_at ? publish : NULL};
    if (!own)
        return call_id(
            a, "SELECT yanxia_hub.staff_publish_notice($1, $2, $3, $4, $5::int, $6::bigint)", 6,
            params, id_out);
    int rc = call_id(a,
                     "SELECT yanxia_hub.staff_publish_notice($1, $2, $3, $4, $5::int, $6::bigint, "
                     "$7::text, $8::bigint)",
                     8, params, id_out);
    if (rc < 0 && strcmp(last_sqlstate, "42883") == 0) /* a hub without sql/hub/037 */
        return staff_hub_refuse_as(STAFF_REFUSAL_FAILED,
                                   "中心库还不能给通知写作者或发布时间（需要先升级中心库，"
                                   "sql/hub/037），这条通知没有发布");
    return rc;
}

/* rc of an update in sql/hub/038's form: a hub without 038 refused it (42883) as FAILED,
 * saying the hub needs upgrading for what (its fields) and that nothing was saved. */
static int edit_more_refused(int rc, const char *what)
{
    if (rc < 0 && strcmp(last_sqlstate, "42883") == 0) {
        char sentence[300];
        snprintf(sentence, sizeof sentence,
                 "中心库还不能修改%s（需要先升级中心库，sql/hub/038），这次修改没有保存", what);
        return staff_hub_refuse_as(STAFF_REFUSAL_FAILED, sentence);
    }
    return rc;
}

int staff_hub_notice_update(const StaffActor *a, int64_t id, const StaffNotice *n)
{
    char hid[24], expires[24], rev[24], publish[24];
    snprintf(hid, sizeof hid, "%lld", (long long)id);
    snprintf(expires, sizeof expires, "%lld", (long long)n->expires_at);
    snprintf(rev, sizeof rev, "%lld", (long long)n->rev);
    snprintf(publish, sizeof publish, "%lld", (long long)n->publish_at);
    int more = (n->author && *n->author) || n->publish_at; /* sql/hub/038's form */
    const char *params[] = {hid,
                            n->title,
                            n->body,
                            notice_category(n),
                            n->pinned ? "1" : "0",
                            n->expires_at ? expires : NULL,
                            n->rev ? rev : NULL, /* NULL: no check */
                            n->author && *n->author ? n->author : NULL,
                            n->publish_at ? publish : NULL};
    if (more) {
        int rc = call_void(a,
                           "SELECT yanxia_hub.staff_update_notice($1::bigint, $2, $3, $4, "
                           "$5::int, $6::bigint, $7::bigint, $8::text, $9::bigint)",
                           9, params);
        return edit_more_refused(edit_refused(rc, n->rev), "通知的作者或发布时间");
    }
    /* with a revision, sql/hub/036's form, which refuses a notice changed since */
    int rc = call_void(a,
                       n->rev ? "SELECT yanxia_hub.staff_update_notice($1::bigint, $2, $3, $4, "
                                "$5::int, $6::bigint, $7::bigint)"
                              : "SELECT yanxia_hub.staff_update_notice($1::bigint, $2, $3, $4, "
                                "$5::int, $6::bigint)",
                       n->rev ? 7 : 6, params);
    return edit_refused(rc, n->rev);
}

int staff_hub_notice_withdraw(const StaffActor *a, int64_t id)
{
    return call_on_id(a, "SELECT yanxia_hub.staff_withdraw_notice($1::bigint)", id);
}

int staff_hub_moderate(const StaffActor *a, StaffItem it, const char *subject, const char *action,
                       const char *text, const char *by, int is_public)
{
    const char *params[] = {it.uuid, subject, action, text, by, is_public ? "true" : "false"};
    return call_void(a, "SELECT yanxia_hub.staff_moderate($1::uuid, $2, $3, $4, $5, $6::boolean)",
                     6, params);
}

int staff_hub_find(const StaffActor *a, const char *subject, const char *ref, StaffFound *out)
{
    memset(out, 0, sizeof *out);
    const char *params[] = {ref, subject};
    PGresult *res = staff_hub_read(
        a, "SELECT uuid, kiosk, excerpt FROM yanxia_hub.staff_find_submission($1, $2)", 2, params);
    if (!res) {
        if (strstr(last_error, "staff_find_submission")) /* a hub without sql/hub/031 */
            return staff_hub_refuse_as(STAFF_REFUSAL_FAILED,
                                       "中心库还不能按回执码查找（需要先升级中心库），请写 UUID");
        return -1;
    }
    int rc =
        PQntuples(res) == 1 ? 0 : staff_hub_refuse_as(STAFF_REFUSAL_FAILED, "中心库的回答不对");
    if (rc == 0) {
        snprintf(out->uuid, sizeof out->uuid, "%s", PQgetvalue(res, 0, 0));
        snprintf(out->about, sizeof out->about, "kiosk %s: %s", PQgetvalue(res, 0, 1),
                 PQgetvalue(res, 0, 2));
    }
    PQclear(res);
    return rc;
}

int staff_hub_tip_publish(const StaffActor *a, const StaffTip *t, int64_t *id_out)
{
    const char *params[] = {t->building, t->month, t->title, t->body, t->author};
    return call_id(a, "SELECT yanxia_hub.staff_publish_tip($1, $2, $3, $4, $5)", 5, params, id_out);
}

int staff_hub_tip_remove(const StaffActor *a, int64_t id)
{
    return call_on_id(a, "SELECT yanxia_hub.staff_remove_tip($1::bigint)", id);
}

int staff_hub_activity_create(const StaffActor *a, const StaffActivity *in, int64_t *id_out)
{
    const Activity *ac = &in->activity;
    char starts[24], deadline[24], capacity[16], ends[24], party[16];
    snprintf(starts, sizeof starts, "%lld", (long long)ac->starts_at);
    snprintf(deadline, sizeof deadline, "%lld", (long long)ac->signup_deadline);
    snprintf(capacity, sizeof capacity, "%d", ac->capacity);
    snprintf(ends, sizeof ends, "%lld", (long long)ac->ends_at);
    snprintf(party, sizeof party, "%d", ac->max_party);
    /* sql/hub/037's form only for a field the old one lacks: the default party size is
     * what the hub's kiosks take anyway */
    int own = ac->ends_at || (ac->max_party && ac->max_party != ACTIVITY_MAX_PARTY_DEFAULT);
    const char *params[] = {in->building,  activity_kind_name(ac->kind),
                            ac->title,     ac->description,
                            ac->place,     starts,
                            ac->schedule,  deadline,
                            capacity,      ac->no_waitlist ? "f" : "t",
                            ac->organiser, ends,
                            party};
    if (!own)
        return call_id(a,
                       "SELECT yanxia_hub.staff_create_activity($1, $2, $3, $4, $5, $6::bigint, "
                       "$7, $8::bigint, $9::int, $10::boolean, $11)",
                       11, params, id_out);
    int rc = call_id(a,
                     "SELECT yanxia_hub.staff_create_activity($1, $2, $3, $4, $5, $6::bigint, $7, "
                     "$8::bigint, $9::int, $10::boolean, $11, $12::bigint, $13::int)",
                     13, params, id_out);
    if (rc < 0 && strcmp(last_sqlstate, "42883") == 0) /* a hub without sql/hub/037 */
        return staff_hub_refuse_as(STAFF_REFUSAL_FAILED,
                                   "中心库还不能给活动写结束时间或每户人数（需要先升级中心库，"
                                   "sql/hub/037），这个活动没有发布");
    return rc;
}

int staff_hub_activity_update(const StaffActor *a, int64_t id, const StaffActivity *in)
{
    const Activity *ac = &in->activity;
    char hid[24], starts[24], deadline[24], capacity[16], rev[24], ends[24], party[16];
    snprintf(hid, sizeof hid, "%lld", (long long)id);
    snprintf(starts, sizeof starts, "%lld", (long long)ac->starts_at);
    snprintf(deadline, sizeof deadline, "%lld", (long long)ac->signup_deadline);
    snprintf(capacity, sizeof capacity, "%d", ac->capacity);
    snprintf(rev, sizeof rev, "%lld", (long long)in->rev);
    snprintf(ends, sizeof ends, "%lld", (long long)ac->ends_at);
    snprintf(party, sizeof party, "%d", ac->max_party);
    const char *params[] = {hid,
                            ac->title,
                            ac->description,
                            ac->place,
                            starts,
                            ac->schedule,
                            deadline,
                            capacity,
                            ac->no_waitlist ? "f" : "t",
                            ac->organiser,
                            in->rev ? rev : NULL, /* NULL: no check */
                            ends,
                            party};
    if (in->ends_party) { /* sql/hub/038's form: 0 ends none, party 0 the default */
        int rc = call_void(a,
                           "SELECT yanxia_hub.staff_update_activity($1::bigint, $2, $3, $4, "
                           "$5::bigint, $6, $7::bigint, $8::int, $9::boolean, $10, $11::bigint, "
                           "$12::bigint, $13::int)",
                           13, params);
        return edit_more_refused(edit_refused(rc, in->rev), "活动的结束时间或每户人数");
    }
    /* with a revision, sql/hub/036's form, which refuses an activity changed since */
    int rc = call_void(a,
                       in->rev ? "SELECT yanxia_hub.staff_update_activity($1::bigint, $2, $3, "
                                 "$4, $5::bigint, $6, $7::bigint, $8::int, $9::boolean, $10, "
                                 "$11::bigint)"
                               : "SELECT yanxia_hub.staff_update_activity($1::bigint, $2, $3, "
                                 "$4, $5::bigint, $6, $7::bigint, $8::int, $9::boolean, $10)",
                       in->rev ? 11 : 10, params);
    return edit_refused(rc, in->rev);
}

int staff_hub_activity_withdraw(const StaffActor *a, int64_t id)
{
    return call_on_id(a, "SELECT yanxia_hub.staff_withdraw_activity($1::bigint)", id);
}

/* labels as a PostgreSQL text[] literal ({"a","b"}, each quoted, " and \ escaped), for
 * one text parameter; NULL when memory runs out. The caller frees it. */
static char *text_array(const char *const *labels, size_t n)
{
    size_t cap = 3;
    for (size_t i = 0; i < n; i++)
        cap += 2 * strlen(labels[i] ? labels[i] : "") + 3; /* every byte escaped, "", comma */
    char *out = malloc(cap), *w = out;
    if (!out)
        return NULL;
    *w++ = '{';
    for (size_t i = 0; i < n; i++) {
        if (i)
            *w++ = ',';
        *w++ = '"';
        for (const char *r = labels[i] ? labels[i] : ""; *r; r++) {
            if (*r == '"' || *r == '\\')
                *w++ = '\\';
            *w++ = *r;
        }
        *w++ = '"';
    }
    *w++ = '}';
    *w = '\0';
    return out;
}

int staff_hub_poll_create(const StaffActor *a, const StaffPoll *p, int64_t *id_out)
{
    char *options = text_array(p->options, p->option_count);
    if (!options)
        return staff_hub_refuse_as(STAFF_REFUSAL_FAILED, "内存不够，没有发布");
    char opens[24], closes[24];
    snprintf(opens, sizeof opens, "%lld", (long long)p->opens_at);
    snprintf(closes, sizeof closes, "%lld", (long long)p->closes_at);
    const char *params[] = {p->building, p->question, p->description, opens, closes, options};
    int rc = call_id(a,
                     "SELECT yanxia_hub.staff_create_poll($1, $2, $3, $4::bigint, $5::bigint, "
                     "$6::text[])",
                     6, params, id_out);
    free(options);
    if (rc < 0 && strstr(last_error, "staff_create_poll")) /* a hub without sql/hub/032 */
        return staff_hub_refuse_as(STAFF_REFUSAL_FAILED,
                                   "中心库还不能由工作人员发起征询（需要先升级中心库）");
    return rc;
}

int staff_hub_poll_withdraw(const StaffActor *a, int64_t id)
{
    int rc = call_on_id(a, "SELECT yanxia_hub.staff_withdraw_poll($1::bigint)", id);
    if (rc < 0 && strstr(last_error, "staff_withdraw_poll")) /* a hub without sql/hub/033 */
        return staff_hub_refuse_as(STAFF_REFUSAL_FAILED,
                                   "中心库还不能由工作人员撤下征询（需要先升级中心库）");
    return rc;
}

int staff_hub_signup_cancel(const StaffActor *a, int64_t activity_id, const StaffSignupRef *who)
{
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)activity_id);
    const char *params[] = {id, who->uuid};
    return call_void(a, "SELECT yanxia_hub.staff_cancel_signup($1::bigint, $2::uuid)", 2, params);
}

int staff_hub_photo_remove(const StaffActor *a, int64_t id)
{
    return call_on_id(a, "SELECT yanxia_hub.staff_remove_photo($1::bigint)", id);
}

int staff_hub_roster_add(const StaffActor *a, const StaffRoster *in, int64_t *id_out)
{
    const RosterEntry *e = &in->entry;
    char day[24];
    snprintf(day, sizeof day, "%lld", (long long)time_day_start(e->day));
    const char *params[] = {in->building, day, e->slot, e->place, e->person, e->room};
    return call_id(a, "SELECT yanxia_hub.staff_publish_roster($1, $2::bigint, $3, $4, $5, $6)", 6,
                   params, id_out);
}

int staff_hub_roster_remove(const StaffActor *a, int64_t id)
{
    return call_on_id(a, "SELECT yanxia_hub.staff_remove_roster($1::bigint)", id);
}

int staff_hub_contact_add(const StaffActor *a, const StaffContact *in, int64_t *id_out)
{
    const Contact *c = &in->contact;
    char sort[16];
    snprintf(sort, sizeof sort, "%d", c->sort);
    int own = (c->qr_text && *c->qr_text) || c->sort; /* sql/hub/037's form */
    const char *params[] = {in->building,
                            c->kind,
                            c->name,
                            c->phone,
                            c->note,
                            c->qr_text && *c->qr_text ? c->qr_text : NULL,
                            c->sort ? sort : NULL};
    if (!own)
        return call_id(a, "SELECT yanxia_hub.staff_publish_contact($1, $2, $3, $4, $5)", 5, params,
                       id_out);
    int rc = call_id(a,
                     "SELECT yanxia_hub.staff_publish_contact($1, $2, $3, $4, $5, $6::text, "
                     "$7::int)",
                     7, params, id_out);
    if (rc < 0 && strcmp(last_sqlstate, "42883") == 0) /* a hub without sql/hub/037 */
        return staff_hub_refuse_as(STAFF_REFUSAL_FAILED,
                                   "中心库还不能给联系电话写二维码或排序（需要先升级中心库，"
                                   "sql/hub/037），这一项没有发布");
    return rc;
}

int staff_hub_contact_remove(const StaffActor *a, int64_t id)
{
    return call_on_id(a, "SELECT yanxia_hub.staff_remove_contact($1::bigint)", id);
}

/* Runs sql on pg inside the caller's transaction (no re-connecting: a lost connection
 * loses the transaction with it); 0, or -1 with the refusal kept. */
static int run(PGconn *pg, const char *sql, int n, const char *const *params, const int *lengths,
               const int *formats)
{
    PGresult *res = PQexecParams(pg, sql, n, NULL, params, lengths, formats, 0);
    int ok = PQresultStatus(res) == PGRES_TUPLES_OK || PQresultStatus(res) == PGRES_COMMAND_OK;
    if (!ok)
        refuse_result(res);
    PQclear(res);
    return ok ? 0 : -1;
}

/* 1 when the hub holds file sha whole (sql/hub/034_staff_export.sql's staff_photo_whole),
 * 0 when not, -1 when it cannot say (an older hub, a lost connection); no refusal is
 * kept. Inside a transaction the question is asked in a savepoint, so an older hub's
 * error does not end the transaction. */
static int hub_has_file(PGconn *pg, const char *sha)
{
    int in_tx = PQtransactionStatus(pg) == PQTRANS_INTRANS;
    if (in_tx) {
        PGresult *sp = PQexec(pg, "SAVEPOINT staff_photo_whole");
        int ok = PQresultStatus(sp) == PGRES_COMMAND_OK;
        PQclear(sp);
        if (!ok)
            return -1;
    }
    const char *params[] = {sha};
    PGresult *res =
        PQexecParams(pg, "SELECT yanxia_hub.staff_photo_whole($1)", 1, NULL, params, NULL, NULL, 0);
    int rc = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1
                 ? strcmp(PQgetvalue(res, 0, 0), "t") == 0
                 : -1;
    PQclear(res);
    if (in_tx)
        PQclear(PQexec(pg, rc < 0 ? "ROLLBACK TO SAVEPOINT staff_photo_whole"
                                  : "RELEASE SAVEPOINT staff_photo_whole"));
    return rc;
}

/* Sends the file at path to the hub in chunks (staff_photo_put), inside the caller's
 * transaction, and its SHA-256 (hex) into sha. Inside a batch a file the hub holds whole
 * already (staff_photo_upload sent it ahead) is not sent again. 0, or -1 with the
 * refusal kept. */
static int put_file(const StaffActor *a, const char *path, char sha[SHA256_HEX_LEN + 1])
{
    PGconn *pg = a->hub;
    long long bytes = 0;
    if (sha256_file_hex(path, sha, &bytes) < 0 || bytes <= 0)
        return staff_hub_refuse_as(STAFF_REFUSAL_FAILED, "文件读不出来");
    if (a->batch && hub_has_file(pg, sha) == 1)
        return 0;
    FILE *fp = fopen(path, "rb");
    char *chunk = malloc(HUB_CHUNK);
    int rc = fp && chunk ? 0 : staff_hub_refuse_as(STAFF_REFUSAL_FAILED, "文件读不出来");
    char bytes_s[24], idx_s[16];
    snprintf(bytes_s, sizeof bytes_s, "%lld", bytes);
    for (int idx = 0; rc == 0 && (long long)idx * HUB_CHUNK < bytes; idx++) {
        size_t n = fread(chunk, 1, HUB_CHUNK, fp);
        if (n == 0) {
            rc = staff_hub_refuse_as(STAFF_REFUSAL_FAILED, "文件读不出来");
            break;
        }
        snprintf(idx_s, sizeof idx_s, "%d", idx);
        const char *params[] = {sha, bytes_s, idx_s, chunk};
        const int lengths[] = {0, 0, 0, (int)n}, formats[] = {0, 0, 0, 1}; /* bytea: binary */
        rc = run(pg, "SELECT yanxia_hub.staff_photo_put($1, $2::bigint, $3::int, $4::bytea)", 4,
                 params, lengths, formats);
    }
    free(chunk);
    if (fp)
        fclose(fp);
    return rc;
}

/* Sends the file to the hub (put_file) and publishes it as a photo (staff_publish_photo),
 * inside the caller's transaction. 0, or -1 with the refusal kept. */
static int put_photo(const StaffActor *a, const StaffPhotoFile *f, const StaffPhotoMeta *meta)
{
    PGconn *pg = a->hub;
    char sha[SHA256_HEX_LEN + 1];
    if (put_file(a, f->path, sha) < 0)
        return -1;
    char w_s[16], h_s[16], floor_s[16];
    snprintf(w_s, sizeof w_s, "%d", f->width);
    snprintf(h_s, sizeof h_s, "%d", f->height);
    snprintf(floor_s, sizeof floor_s, "%d", meta->floor);
    const char *params[] = {meta->building,
                            meta->album,
                            sha,
                            w_s,
                            h_s,
                            meta->caption,
                            meta->person_name,
                            meta->floor ? floor_s : NULL,
                            meta->consent ? "t" : "f"};
    static const char sql[] = "SELECT yanxia_hub.staff_publish_photo($1, $2, $3, $4::int, "
                              "$5::int, $6, $7, $8::int, $9::boolean)";
    if (a->keyed && a->keyed->key) { /* an import's item: inside its batch, no re-connecting */
        PGresult *res = staff_hub_read(a, sql, 9, params);
        PQclear(res);
        return res ? 0 : -1;
    }
    return run(pg, sql, 9, params, NULL, NULL);
}

/* The transaction of a function that needs several statements: its own (BEGIN here,
 * COMMIT or ROLLBACK in own_end), or the caller's batch, which the batch's end settles.
 * Inside a batch a lost connection is a failure, never a new connection. */
static int own_begin(const StaffActor *a)
{
    PGconn *pg = a->hub;
    if (a->batch)
        return PQstatus(pg) == CONNECTION_OK ? 0 : staff_hub_refuse_as(STAFF_REFUSAL_FAILED, NULL);
    if (PQstatus(pg) != CONNECTION_OK)
        PQreset(pg);
    return run(pg, "BEGIN", 0, NULL, NULL, NULL);
}

static int own_end(const StaffActor *a, int rc)
{
    if (a->batch)
        return rc;
    if (rc == 0)
        rc = run(a->hub, "COMMIT", 0, NULL, NULL, NULL);
    if (rc < 0)
        PQclear(PQexec(a->hub, "ROLLBACK"));
    return rc;
}

int staff_hub_photos_add(const StaffActor *a, StaffPhotoFile *files, size_t n,
                         const StaffPhotoMeta *meta, size_t *failed_index)
{
    /* one transaction on the member's own connection: all of the upload or none of it
     * (inside a caller's batch, the batch's) */
    int rc = own_begin(a);
    for (size_t i = 0; rc == 0 && i < n; i++)
        if ((rc = put_photo(a, &files[i], meta)) < 0 && failed_index)
            *failed_index = i;
    return own_end(a, rc);
}

int staff_hub_photo_upload(const StaffActor *a, const char *path)
{
    PGconn *pg = a->hub;
    char sha[SHA256_HEX_LEN + 1];
    long long bytes = 0;
    if (a->batch) /* its upload would hold the batch's locks: the point is not to */
        return staff_hub_refuse_as(STAFF_REFUSAL_FAILED, "不能在一批操作里预先上传照片");
    if (sha256_file_hex(path, sha, &bytes) < 0 || bytes <= 0)
        return staff_hub_refuse_as(STAFF_REFUSAL_FAILED, "文件读不出来");
    if (PQstatus(pg) != CONNECTION_OK)
        PQreset(pg);
    int whole = hub_has_file(pg, sha);
    if (whole < 0)
        return staff_hub_refuse_as(STAFF_REFUSAL_FAILED,
                                   PQstatus(pg) == CONNECTION_OK
                                       ? "中心库还不能预先上传照片（需要先升级中心库，迁移34）"
                                       : NULL);
    if (whole)
        return 0;
    int rc = own_begin(a);
    if (rc == 0)
        rc = put_file(a, path, sha);
    return own_end(a, rc);
}

int staff_hub_tip_publish_photo(const StaffActor *a, const StaffTip *t, const char *photo_path,
                                int width, int height, int64_t *id_out)
{
    /* the page and the tip in one transaction: the hub never names a file it lacks */
    PGconn *pg = a->hub;
    char sha[SHA256_HEX_LEN + 1], w_s[16], h_s[16];
    snprintf(w_s, sizeof w_s, "%d", width);
    snprintf(h_s, sizeof h_s, "%d", height);
    int rc = own_begin(a);
    if (rc == 0)
        rc = put_file(a, photo_path, sha);
    if (rc == 0) {
        const char *params[] = {t->building, t->month, t->title, t->body, t->author, sha, w_s, h_s};
        PGresult *res = PQexecParams(pg,
                                     "SELECT yanxia_hub.staff_publish_tip_photo($1, $2, $3, $4, "
                                     "$5, $6, $7::int, $8::int)",
                                     8, NULL, params, NULL, NULL, 0);
        const char *code = PQresultErrorField(res, PG_DIAG_SQLSTATE);
        if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1) {
            if (id_out)
                *id_out = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
        } else if (code && strcmp(code, "42883") == 0) { /* a hub without sql/hub/024 */
            rc = staff_hub_refuse_as(
                STAFF_REFUSAL_FAILED,
                "中心库还不能收手写稿照片（需要先升级中心库），请把内容打进来再发布");
        } else {
            rc = refuse_result(res);
        }
        PQclear(res);
    }
    return own_end(a, rc);
}

int staff_hub_batch_begin(StaffActor *a)
{
    a->batch = 0;
    if (own_begin(a) < 0)
        return -1;
    a->batch = 1;
    return 0;
}

int staff_hub_batch_end(StaffActor *a, int commit)
{
    PGconn *pg = a->hub;
    a->batch = 0;
    if (!commit || PQtransactionStatus(pg) != PQTRANS_INTRANS) {
        PQclear(PQexec(pg, "ROLLBACK"));
        /* a failed statement (PQTRANS_INERROR) or a lost connection: nothing was saved */
        return commit
                   ? staff_hub_refuse_as(STAFF_REFUSAL_FAILED, "有一步没有成功，这一批都没有保存")
                   : 0;
    }
    PGresult *res = PQexec(pg, "COMMIT");
    int rc = 0;
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        /* no answer on a lost connection: the hub may have committed before it went */
        rc = PQstatus(pg) != CONNECTION_OK ? -2 : -1;
        refuse_result(res);
    } else if (strcmp(PQcmdStatus(res), "COMMIT") != 0) {
        /* an aborted transaction answers COMMIT with "ROLLBACK" (checked above; kept so
         * a rolled-back batch can never be reported saved) */
        rc = staff_hub_refuse_as(STAFF_REFUSAL_FAILED, "有一步没有成功，这一批都没有保存");
    }
    PQclear(res);
    return rc;
}
