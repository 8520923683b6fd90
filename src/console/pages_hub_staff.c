/* Accounts over the hub (administrators only; sql/hub/019_staff_accounts.sql): the hub's
 * staff members, adding one, disabling one, setting a new password, each through the
 * staff library (staff_account_*), which checks a password by the accounts' rules and
 * sends the hub only its SCRAM-SHA-256 verifier: PostgreSQL keeps the verifier, checks
 * logins against it, and never sees the clear text. */
#include "console/pages_hub.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
            buf_puts(b, "<div class=\"actions\">");
            staff_toggle_form(b, r, login, disabled);
            buf_puts(b, "</div>");
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
    if (staff_account_create(&r->session->actor, req_field(r, "login"), req_field(r, "role"),
                             req_field(r, "scope"), req_field(r, "password"), err,
                             sizeof err) < 0) {
        w->status = MHD_HTTP_UNPROCESSABLE_CONTENT;
        staff_page(r, w, err);
        return;
    }
    resp_redirect(w, "/staff?ok=staff_added");
}

void hub_page_staff_action(Console *c, Request *r, Response *w, const char *login,
                           const char *action)
{
    if (!page_admin_only(r, w))
        return;
    char err[300];
    const StaffActor *a = &r->session->actor;
    int disable = strcmp(action, "disable") == 0, enable = strcmp(action, "enable") == 0;
    int rc = disable  ? staff_account_disable(a, login, err, sizeof err)
             : enable ? staff_account_enable(a, login, err, sizeof err)
                      : staff_account_passwd(a, login, req_field(r, "password"), err, sizeof err);
    if (rc < 0) {
        page_message(
            w, r, strstr(err, "没有这个账号") ? MHD_HTTP_NOT_FOUND : MHD_HTTP_UNPROCESSABLE_CONTENT,
            disable  ? "没有停用"
            : enable ? "没有恢复"
                     : "没有重设密码",
            err);
        return;
    }
    if (disable) /* the member's open console sessions end now, with their connections */
        for (int i = 0; i < CONSOLE_SESSIONS_MAX; i++)
            if (c->sessions[i].token[0] && strcasecmp(c->sessions[i].actor.login, login) == 0)
                session_drop(c, &c->sessions[i]);
    resp_redirect(w, "/staff?ok=%s",
                  disable  ? "staff_disabled"
                  : enable ? "staff_enabled"
                           : "staff_passwd");
}
