/* A staff member's own hub connection, made at login: the library connects to
 * PostgreSQL as the member's login role with the password typed (PostgreSQL checks it),
 * so whoever logs in holds no hub credential of its own. The actor it fills is the hub
 * implementation's (staff_hub.c). */
#include "staff/staff.h"
#include "staff/staff_hub.h"

#include "core/log.h"

#include <ctype.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <string.h>

/* The login role sql/hub/008's hub_add_staff made for login. */
static void role_of(const char *login, char *out, size_t cap)
{
    int n = snprintf(out, cap, "yanxia_staff_");
    for (const char *p = login; *p && (size_t)n + 1 < cap; p++, n++)
        out[n] = isalnum((unsigned char)*p) || *p == '_' ? (char)tolower((unsigned char)*p) : '_';
    out[n] = '\0';
}

int staff_hub_login(const char *conninfo, const char *login, const char *password,
                    const char *address, StaffActor *actor, char *err, size_t errlen)
{
    memset(actor, 0, sizeof *actor);
    char role[64];
    if (!login || !staff_login_valid(login) || !password || !*password) {
        snprintf(err, errlen, "账号或密码不对");
        return staff_hub_refuse_as(STAFF_REFUSAL_DENIED, err);
    }
    role_of(login, role, sizeof role);
    const char *keys[] = {"dbname", "user", "password", "application_name", NULL};
    const char *vals[] = {conninfo, role, password, "yanxia-staff",
                          NULL};                   /* the library, from any face */
    PGconn *pg = PQconnectdbParams(keys, vals, 1); /* dbname expands the base conninfo */
    if (PQstatus(pg) != CONNECTION_OK) {
        const char *m = PQerrorMessage(pg);
        int denied = strstr(m, "password authentication failed") || strstr(m, "does not exist");
        int disabled = strstr(m, "not permitted to log in") != NULL; /* staff_disable_account */
        log_warn("staff", "hub login of %s failed: %s", login,
                 denied     ? "wrong password"
                 : disabled ? "disabled"
                            : m);
        snprintf(err, errlen,
                 denied     ? "账号或密码不对"
                 : disabled ? "这个账号已停用，请找管理员"
                            : "连不上中心库，请稍后再试或告诉管理员");
        PQfinish(pg);
        return staff_hub_refuse_as(denied || disabled ? STAFF_REFUSAL_DENIED : STAFF_REFUSAL_FAILED,
                                   err);
    }
    PGresult *r = PQexec(pg, "SELECT login, role FROM yanxia_hub.staff_me()");
    if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1) {
        snprintf(err, errlen, "这个账号已停用，或不是管理楼道屏的账号");
        PQclear(r);
        PQfinish(pg);
        return staff_hub_refuse_as(STAFF_REFUSAL_DENIED, err);
    }
    snprintf(actor->login, sizeof actor->login, "%s", PQgetvalue(r, 0, 0));
    snprintf(actor->role, sizeof actor->role, "%s", PQgetvalue(r, 0, 1));
    snprintf(actor->address, sizeof actor->address, "%s", address ? address : "");
    PQclear(r);
    actor->hub = pg;
    return 0;
}

void staff_hub_logout(StaffActor *a)
{
    if (a && a->hub) {
        PQfinish(a->hub);
        a->hub = NULL;
    }
}
