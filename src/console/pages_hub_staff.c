/* Accounts over the hub (administrators only; sql/hub/019_staff_accounts.sql): the hub's
 * staff members, adding one, disabling one, setting a new password. A password is
 * checked here by the staff library's rules (staff_password_check) and goes to the hub
 * only as a SCRAM-SHA-256 verifier made by libpq (PQencryptPasswordConn): PostgreSQL
 * keeps the verifier, checks logins against it, and never sees the clear text. */
#include "console/pages_hub.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The SCRAM verifier of password (the caller PQfreemems it), or NULL with a Chinese
 * sentence in err for a password the rules refuse or a verifier libpq could not make. */
static char *verifier_of(Request *r, const char *login, const char *password, char *err,
                         size_t errlen)
{
    if (staff_password_check(password, err, errlen) < 0)
        return NULL;
    char *v = PQencryptPasswordConn(r->session->hub, password, login ? login : "", "scram-sha-256");
    if (!v)
        snprintf(err, errlen, "无法加密密码（连不上中心库？），没有保存");
    return v;
}

static void staff_page(Request *r, Response *w, const char *error)
{
    char err[300];
    PGresult *res =
        hub_call(r, "SELECT * FROM yanxia_hub.staff_accounts()", 0, NULL, err, sizeof err);
    if (!res) {
        hub_error(r, w, strstr(err, "只有管理员") ? MHD_HTTP_FORBIDDEN : MHD_HTTP_BAD_GATEWAY, err);
        return;
    }
    Buf *b = &w->body;
    buf_reset(b);
    page_begin(b, r, "账号");
    html_flash(b, r);
    html_error(b, error);
    buf_puts(b, "<p class=\"meta\">中心库上的每个后台账号。停用后不能再登录，恢复后用原来的密码"
                "登录；重设密码后请把新密码告诉本人。</p>");
    for (int i = 0; i < PQntuples(res); i++) {
        const char *login = PQgetvalue(res, i, 0);
        int disabled = strcmp(PQgetvalue(res, i, 4), "t") == 0;
        int self = strcasecmp(login, r->session->actor.login) == 0;
        buf_puts(b, "<article class=\"card\" id=\"staff-");
        html_attr(b, login);
        buf_puts(b, "\"><h3>");
        html_esc(b, login);
        buf_printf(b, " <span class=\"tag\">%s</span></h3><p class=\"meta\">",
                   disabled ? "已停用" : "可用");
        buf_puts(b, staff_role_label(PQgetvalue(res, i, 1)));
        if (*PQgetvalue(res, i, 2)) {
            buf_puts(b, " · ");
            html_esc(b, *PQgetvalue(res, i, 3) ? PQgetvalue(res, i, 3) : PQgetvalue(res, i, 2));
            buf_puts(b, "（");
            html_esc(b, PQgetvalue(res, i, 2));
            buf_puts(b, "）");
        } else {
            buf_puts(b, " · 全部楼栋");
        }
        buf_puts(b, " · 创建于 ");
        html_time(b, strtoll(PQgetvalue(res, i, 5), NULL, 10));
        buf_puts(b, "</p>");
        if (!disabled) {
            buf_puts(b, "<form method=\"post\" action=\"/staff/");
            html_attr(b, login);
            buf_puts(b, "/passwd\">");
            html_csrf(b, r);
            buf_printf(b,
                       "<label>新密码（至少%d个字符）<input type=\"password\" name=\"password\" "
                       "autocomplete=\"new-password\" required></label>"
                       "<div class=\"actions\"><button class=\"quiet\">重设密码</button></div>"
                       "</form>",
                       STAFF_PASSWORD_MIN);
        }
        if (!self) { /* 停用, or 恢复 a disabled account */
            buf_puts(b, "<form method=\"post\" action=\"/staff/");
            html_attr(b, login);
            buf_puts(b, disabled ? "/enable\">" : "/disable\">");
            html_csrf(b, r);
            buf_printf(b, "<div class=\"actions\"><button class=\"quiet\">%s</button></div></form>",
                       disabled ? "恢复" : "停用");
        }
        buf_puts(b, "</article>");
    }
    PQclear(res);
    staff_add_form(b, r, "负责的楼栋或片区（代码，例如 kangle-12；管理员不填）");
    page_end(b);
}

void hub_page_staff(Console *c, Request *r, Response *w)
{
    (void)c;
    if (page_admin_only(r, w))
        staff_page(r, w, NULL);
}

void hub_page_staff_new(Console *c, Request *r, Response *w)
{
    (void)c;
    if (!page_admin_only(r, w))
        return;
    char err[300];
    const char *login = req_field(r, "login");
    char *v = verifier_of(r, login, req_field(r, "password"), err, sizeof err);
    PGresult *res = NULL;
    if (v) {
        const char *params[] = {login, v, req_field(r, "role"), req_field(r, "scope")};
        res = hub_call(r, "SELECT yanxia_hub.staff_add_account($1, $2, $3, $4)", 4, params, err,
                       sizeof err);
        PQfreemem(v);
    }
    if (!res) {
        hub_chinese(err);
        w->status = MHD_HTTP_UNPROCESSABLE_CONTENT;
        staff_page(r, w, err);
        return;
    }
    PQclear(res);
    resp_redirect(w, "/staff?ok=staff_added");
}

void hub_page_staff_action(Console *c, Request *r, Response *w, const char *login,
                           const char *action)
{
    if (!page_admin_only(r, w))
        return;
    char err[300];
    PGresult *res = NULL;
    int disable = strcmp(action, "disable") == 0, enable = strcmp(action, "enable") == 0;
    if (disable || enable) {
        const char *params[] = {login};
        res = hub_call(r,
                       disable ? "SELECT yanxia_hub.staff_disable_account($1)"
                               : "SELECT yanxia_hub.staff_enable_account($1)",
                       1, params, err, sizeof err);
    } else {
        char *v = verifier_of(r, login, req_field(r, "password"), err, sizeof err);
        if (v) {
            const char *params[] = {login, v};
            res = hub_call(r, "SELECT yanxia_hub.staff_set_password($1, $2)", 2, params, err,
                           sizeof err);
            PQfreemem(v);
        }
    }
    if (!res) {
        hub_chinese(err);
        page_message(
            w, r, strstr(err, "没有这个账号") ? MHD_HTTP_NOT_FOUND : MHD_HTTP_UNPROCESSABLE_CONTENT,
            disable  ? "没有停用"
            : enable ? "没有恢复"
                     : "没有重设密码",
            err);
        return;
    }
    PQclear(res);
    if (disable) /* the member's open console sessions end now, with their connections */
        for (int i = 0; i < CONSOLE_SESSIONS_MAX; i++)
            if (c->sessions[i].token[0] && strcasecmp(c->sessions[i].actor.login, login) == 0)
                session_drop(&c->sessions[i]);
    resp_redirect(w, "/staff?ok=%s",
                  disable  ? "staff_disabled"
                  : enable ? "staff_enabled"
                           : "staff_passwd");
}
