/* Logging in and out, and 待办: what needs a person now. */
#include "console/console.h"

#include "core/timeutil.h"
#include "store/activity.h"
#include "store/notice.h"
#include "store/outbox.h"
#include "store/sync_state.h"

#include <microhttpd.h>
#include <stdio.h>
#include <string.h>

static void login_form(Console *c, Request *r, Response *w, const char *login, const char *error)
{
    /* keep the token the browser already holds: a second GET of this page (another tab,
     * or the browser fetching /favicon.ico and following us here) must not invalidate
     * the form that is open */
    char pre[65];
    const char *held = req_cookie(r, "yx_pre");
    if (held && strlen(held) == 64 && strspn(held, "0123456789abcdef") == 64)
        snprintf(pre, sizeof pre, "%s", held);
    else
        random_hex(pre, 32);
    snprintf(w->cookies[0], sizeof w->cookies[0],
             "yx_pre=%s; Path=/login; HttpOnly; SameSite=Strict%s", pre,
             c->secure_cookies ? "; Secure" : "");
    Buf *b = &w->body;
    page_begin(b, r, "登录");
    StaffAccountList l;
    if (c->store && store_staff_list(c->store, &l) == 0) {
        if (l.count == 0)
            buf_puts(b,
                     "<p class=\"error\">还没有任何账号。请在楼道屏主机上运行"
                     "<code>yanxiactl staff add 账号名 --role admin</code>建一个管理员账号。</p>");
        staff_account_list_free(&l);
    }
    html_error(b, error);
    buf_printf(b,
               "<form method=\"post\" action=\"/login\" class=\"card\">"
               "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
               "<label for=\"login\">账号</label>"
               "<input type=\"text\" id=\"login\" name=\"login\" autocomplete=\"username\" "
               "autocapitalize=\"none\" required value=\"",
               pre);
    html_attr(b, login ? login : "");
    buf_puts(
        b,
        "\"><label for=\"password\">密码</label>"
        "<input type=\"password\" id=\"password\" name=\"password\" "
        "autocomplete=\"current-password\" required>"
        "<div class=\"actions\"><button type=\"submit\">登录</button></div></form>"
        "<p class=\"meta\">忘记密码请找管理员重设。连续输错5次，这个账号要等15分钟才能再试。</p>");
    page_end(b);
}

void page_login(Console *c, Request *r, Response *w)
{
    if (strcmp(r->method, "GET") == 0) {
        if (r->session)
            resp_redirect(w, "/");
        else
            login_form(c, r, w, NULL, NULL);
        return;
    }
    const char *pre = req_cookie(r, "yx_pre"), *csrf = req_field(r, "csrf");
    if (!pre || !csrf || strlen(pre) != 64 || strcmp(pre, csrf) != 0) {
        page_message(w, r, MHD_HTTP_FORBIDDEN, "页面已过期", "请重新打开登录页再登录。");
        return;
    }
    const char *login = req_field(r, "login"), *password = req_field(r, "password");
    int64_t now = time_now(), until = 0;
    char lkey[80], akey[80];
    snprintf(lkey, sizeof lkey, "login:%.40s", login ? login : "");
    for (char *p = lkey; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    snprintf(akey, sizeof akey, "addr:%s", r->address);
    if (throttle_locked(c, lkey, now, &until) || throttle_locked(c, akey, now, &until)) {
        char when[32], sentence[200];
        time_format(until, "%H:%M", when, sizeof when);
        snprintf(sentence, sizeof sentence,
                 "登录失败的次数太多了。为了账号安全，请在 %s 之后再试；忘记密码请找管理员重设。",
                 when);
        page_message(w, r, MHD_HTTP_TOO_MANY_REQUESTS, "请稍后再试", sentence);
        return;
    }
    StaffActor a;
    char err[200];
    if (c->store
            ? staff_login(c->store, login, password, r->address, &a, err, sizeof err)
            : staff_hub_login(c->hub_conninfo, login, password, r->address, &a, err, sizeof err)) {
        throttle_fail(c, lkey, THROTTLE_LOGIN_FAILS, now);
        throttle_fail(c, akey, THROTTLE_ADDR_FAILS, now);
        w->status = MHD_HTTP_UNAUTHORIZED;
        login_form(c, r, w, login, err);
        return;
    }
    throttle_clear(c, lkey);
    Session *s = session_new(c, &a, now);
    snprintf(w->cookies[0], sizeof w->cookies[0],
             "yx_session=%s; Path=/; HttpOnly; SameSite=Strict%s", s->token,
             c->secure_cookies ? "; Secure" : "");
    snprintf(w->cookies[1], sizeof w->cookies[1], "yx_pre=; Path=/login; Max-Age=0");
    resp_redirect(w, "/");
}

void page_logout(Console *c, Request *r, Response *w)
{
    session_drop(c, r->session); /* its preview's kiosks stop now */
    r->session = NULL;
    snprintf(w->cookies[0], sizeof w->cookies[0],
             "yx_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    resp_redirect(w, "/login");
}

static void todo_tile(Buf *b, const char *href, long long n, const char *label, int hot)
{
    buf_printf(b, "<a href=\"%s\"%s><b>%lld</b>%s</a>", href, hot && n ? " class=\"hot\"" : "", n,
               label);
}

void page_home(Console *c, Request *r, Response *w)
{
    Store *s = c->store;
    long long review = 0, unreplied = 0, unanswered = 0, urgent = 0, near_full = 0;
    int64_t pending = 0;
    StaffTodo todo;
    if (store_staff_todo(s, &todo) == 0) {
        review = todo.wishes_review;
        unreplied = todo.suggestions_open;
        unanswered = todo.questions_open;
    }
    NoticeQuery nq = {.urgent_only = 1};
    NoticeList nl;
    if (store_notice_list(s, &nq, &nl) == 0) {
        urgent = (long long)nl.count;
        notice_list_free(&nl);
    }
    ActivityList al;
    if (store_activity_list(s, NULL, &al) == 0) {
        for (size_t i = 0; i < al.count; i++) {
            const Activity *a = &al.items[i];
            near_full += a->capacity > 0 && 5 * a->fill.places_left <= a->capacity;
        }
        activity_list_free(&al);
    }
    int64_t synced = 0; /* a kiosk that never synced runs standalone: nothing waits */
    if (store_sync_get(s, SYNC_KEY_LAST_SUCCESS, &synced) < 0)
        synced = 0;
    if (synced)
        store_outbox_count_pending(s, &pending);

    Buf *b = &w->body;
    page_begin(b, r, "待办");
    html_flash(b, r);
    buf_puts(b, "<div class=\"todo\">");
    todo_tile(b, "/wishes?state=review", review, "个心愿等审核", 1);
    todo_tile(b, "/suggestions?state=open", unreplied, "条建议未回复", 1);
    todo_tile(b, "/questions?unanswered=1", unanswered, "个健康问题未解答", 1);
    todo_tile(b, "/activities", near_full, "个活动快满了", 0);
    todo_tile(b, "/notices", urgent, "条紧急通知在显示", 1);
    if (synced)
        todo_tile(b, "/kiosks", (long long)pending, "条提交待同步到中心库", 0);
    buf_puts(b, "</div><h2>常用</h2><div class=\"actions\">"
                "<a class=\"button\" href=\"/notices/new\">写通知</a>"
                "<a class=\"button\" href=\"/polls\">看征询结果</a></div>");
    page_end(b);
}
