/* hub_moderate.h: one call of yanxia_hub.hub_moderate, its SQLSTATE turned into a
 * result the tool can act on and its message into one line. */
#include "sync/hub_moderate.h"
#include "sync/hub_admin_pg.h"

#include "core/ids.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* The hub's SQLSTATEs (sql/hub/004_moderation.sql) and what they mean here. */
static const struct {
    const char *sqlstate;
    HubModResult result;
} STATES[] = {
    {"P0002", HUB_MOD_NOT_FOUND}, {"21000", HUB_MOD_AMBIGUOUS}, {"55000", HUB_MOD_REFUSED},
    {"22023", HUB_MOD_REFUSED},   {"22001", HUB_MOD_REFUSED},
};

/* Copies msg into err on one line, without libpq's trailing newline. */
static void one_line(char *err, size_t errlen, const char *msg)
{
    snprintf(err, errlen, "%s", msg ? msg : "the hub gave no reason");
    for (char *p = err; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
    size_t len = strlen(err);
    while (len && err[len - 1] == ' ')
        err[--len] = '\0';
}

/* Transient: another transaction held what this one needed (a deadlock, or a
 * serialization failure); the same statement run again normally goes through. */
static int transient(const PGresult *r)
{
    const char *code = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    return code && (strcmp(code, "40P01") == 0 || strcmp(code, "40001") == 0);
}

/* Where the matched submission came from, for the success line: "kiosk NAME: TEXT…"
 * (the text's first characters). Empty when the lookup fails: the step is done anyway. */
static void describe(PGconn *pg, const char *ref, const char *subject, char *about, size_t n)
{
    if (!n)
        return;
    about[0] = '\0';
    const char *params[] = {ref, subject};
    PGresult *r = PQexecParams(
        pg,
        "SELECT coalesce(k.name, '?'), left(t, 16) || CASE WHEN char_length(t) > 16"
        " THEN '…' ELSE '' END FROM yanxia_hub.find_submission($1, $2) s"
        " LEFT JOIN yanxia_hub.kiosks k ON k.id = s.kiosk_id,"
        " LATERAL regexp_replace(coalesce(s.payload ->> 'text', ''), '\\s+', ' ', 'g') t",
        2, NULL, params, NULL, NULL, 0);
    if (r && PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
        snprintf(about, n, "kiosk %s: %s", PQgetvalue(r, 0, 0), PQgetvalue(r, 0, 1));
    PQclear(r);
}

HubModResult hub_moderate(HubAdmin *h, const char *ref, const char *subject, const char *action,
                          const char *text, const char *by, int public_, char *state_out, size_t n,
                          char *about, size_t aboutlen, char *err, size_t errlen)
{
    if (n)
        state_out[0] = '\0';
    if (aboutlen)
        about[0] = '\0';
    /* receipts are typed by hand: "ab12-cd" means AB12CD */
    char receipt[IDS_RECEIPT_LEN + 1];
    if (ids_receipt_normalize(ref, receipt))
        ref = receipt;
    const char *params[] = {ref, subject, action, text, by, public_ ? "true" : "false"};
    PGresult *r = NULL;
    /* one statement in its own transaction: a deadlock victim changed nothing and may
     * simply go again (the hub takes its locks in one order, so this is rare) */
    for (int attempt = 0; attempt < 5; attempt++) {
        PQclear(r);
        if (attempt) {
            struct timespec pause = {0, 20000000L << attempt}; /* 40-320 ms */
            nanosleep(&pause, NULL);
        }
        r = PQexecParams(hub_admin_pg(h),
                         "SELECT yanxia_hub.hub_moderate($1, $2, $3, $4, $5, $6::boolean)", 6, NULL,
                         params, NULL, NULL, 0);
        if (!transient(r))
            break;
    }
    if (r && PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1) {
        snprintf(state_out, n, "%s", PQgetvalue(r, 0, 0));
        PQclear(r);
        describe(hub_admin_pg(h), ref, subject, about, aboutlen);
        return HUB_MOD_OK;
    }
    const char *code = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    HubModResult res = HUB_MOD_FAILED;
    for (size_t i = 0; code && i < sizeof STATES / sizeof STATES[0]; i++)
        if (strcmp(code, STATES[i].sqlstate) == 0)
            res = STATES[i].result;
    if (code && strcmp(code, "42883") == 0) /* undefined_function: migration 4 missing */
        snprintf(err, errlen, "the hub cannot moderate yet: run `yanxiactl hub init` on it");
    else if (res != HUB_MOD_FAILED)
        one_line(err, errlen, msg);
    else {
        char buf[512];
        snprintf(buf, sizeof buf, "moderate on the hub: %s",
                 msg ? msg : PQerrorMessage(hub_admin_pg(h)));
        one_line(err, errlen, buf);
    }
    PQclear(r);
    return res;
}
