/* The console's pages over the committee's hub (yanxia-console --hub CONNINFO). A staff
 * member logs in with their own hub account: the staff library (staff_hub_login)
 * connects to PostgreSQL as the member's login role with the password typed (PostgreSQL
 * checks it), the session keeps that one connection, and only the scope-checked staff_*
 * functions of sql/hub/008_staff.sql and after are called on it: every staff write
 * through the staff library (staff/staff.h), the reads through hub_read.c. The console
 * itself holds no hub credential at all.
 * Here: 待办 for the member's scope, the notices list (the form is the standalone one,
 * pages_content.c), the moderation of wishes, suggestions and questions, consultations
 * with their results, building by building and export (012, 025), the kiosks with their
 * heartbeats and a screenshot on request (021), the audit log (013), activities with
 * their facts, sign-ups and export (014, 026). In pages_hub_plan.c a new activity, a
 * sign-up cancelled on a resident's behalf (017), the health column (018, 024) and the
 * roster and contacts (028); in pages_hub_staff.c the accounts, for administrators (019,
 * 023); in pages_hub_photos.c the photos with 撤下 (015) and uploading them (020, 027). */
#include "console/pages_hub.h"

#include "core/log.h"
#include "core/room.h"
#include "core/timeutil.h"
#include "store/notice.h"
#include "store/signup.h"

#include <ctype.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void tile(Buf *b, const char *href, const char *n, const char *label)
{
    int hot = strcmp(n, "0") != 0;
    if (href)
        buf_printf(b, "<a href=\"%s\"%s><b>%s</b>%s</a>", href, hot ? " class=\"hot\"" : "", n,
                   label);
    else
        buf_printf(b, "<a%s><b>%s</b>%s</a>", hot ? " class=\"hot\"" : "", n, label);
}

/* How long a kiosk may go without a heartbeat before the pages call it silent:
 * [console] silent_minutes, 15 when the console was started without a config. */
static int silent_minutes(const Console *c)
{
    return c->silent_minutes > 0 ? c->silent_minutes : 15;
}

void hub_page_home(Console *c, Request *r, Response *w)
{
    char err[300];
    char silent_s[24], silent_label[64];
    snprintf(silent_s, sizeof silent_s, "%lld", (long long)silent_minutes(c) * 60);
    snprintf(silent_label, sizeof silent_label, "台楼道屏超过%d分钟没有消息", silent_minutes(c));
    const char *params[] = {silent_s};
    PGresult *res =
        hub_call(r, "SELECT * FROM yanxia_hub.staff_todo($1::bigint)", 1, params, err, sizeof err);
    if (!res) {
        hub_error(r, w, MHD_HTTP_BAD_GATEWAY, err);
        return;
    }
    PGresult *me = hub_call(r, "SELECT scope_name, scope_code FROM yanxia_hub.staff_me()", 0, NULL,
                            err, sizeof err);
    Buf *b = &w->body;
    page_begin(b, r, "待办");
    html_flash(b, r);
    if (me && PQntuples(me) == 1) {
        buf_puts(b, "<p class=\"meta\">管理范围：");
        html_esc(b, *PQgetvalue(me, 0, 0) ? PQgetvalue(me, 0, 0) : "全部楼栋");
        buf_puts(b, "</p>");
    }
    PQclear(me);
    buf_puts(b, "<div class=\"todo\">");
    tile(b, "/wishes", PQgetvalue(res, 0, 0), "个心愿等审核");
    tile(b, "/suggestions", PQgetvalue(res, 0, 1), "条建议未回复");
    tile(b, "/questions", PQgetvalue(res, 0, 2), "个健康问题未解答");
    tile(b, "/kiosks", PQgetvalue(res, 0, 3), silent_label);
    buf_puts(b, "</div><h2>常用</h2><div class=\"actions\">"
                "<a class=\"button\" href=\"/notices/new\">写通知</a>"
                "<a class=\"button quiet\" href=\"/kiosks\">楼道屏</a></div>");
    page_end(b);
    PQclear(res);
}

/* "3天4小时", "5小时7分": how long a kiosk has run, from seconds. */
static void uptime_text(Buf *b, long long s)
{
    if (s >= 86400)
        buf_printf(b, "%lld天%lld小时", s / 86400, s % 86400 / 3600);
    else
        buf_printf(b, "%lld小时%lld分", s / 3600, s % 3600 / 60);
}

/* The 楼道屏 page's 截屏 section (sql/hub/021_screenshot.sql): per kiosk of the scope
 * (kiosks: staff_kiosks' rows, name first) a 截屏 button, and the latest picture with
 * when it came, or that one is asked for. The pictures come from
 * hub_page_kiosk_screenshot. */
static void kiosk_screenshots(Request *r, Buf *b, const PGresult *kiosks)
{
    char err[300];
    PGresult *res =
        hub_call(r, "SELECT * FROM yanxia_hub.staff_kiosk_screenshots()", 0, NULL, err, sizeof err);
    buf_puts(b, "<h2>截屏</h2><p class=\"meta\">楼道屏在下一轮同步时截下首页、轮播或夜间画面"
                "（居民正在填写的表单不截），缩到720像素以内。</p>");
    if (!res) {
        buf_puts(b, "<p class=\"fail\">");
        html_esc(b, err);
        buf_puts(b, "</p>");
        return;
    }
    for (int i = 0; i < PQntuples(kiosks); i++) {
        const char *name = PQgetvalue(kiosks, i, 0);
        int row = -1;
        for (int j = 0; j < PQntuples(res) && row < 0; j++)
            if (strcmp(PQgetvalue(res, j, 0), name) == 0)
                row = j;
        buf_puts(b, "<article class=\"card\"><h3>");
        html_esc(b, name);
        buf_puts(b, "</h3>");
        if (row >= 0 && !PQgetisnull(res, row, 2)) {
            buf_puts(b, "<p><img src=\"/kiosks/");
            html_attr(b, name);
            buf_printf(b, "/screenshot.png?t=%s\" width=\"%s\" height=\"%s\" alt=\"",
                       PQgetvalue(res, row, 2), PQgetvalue(res, row, 3), PQgetvalue(res, row, 4));
            html_attr(b, name);
            buf_puts(b, "的截屏\"></p><p class=\"meta\">截于 ");
            html_time(b, strtoll(PQgetvalue(res, row, 2), NULL, 10));
            buf_puts(b, "</p>");
        }
        if (row >= 0 && !PQgetisnull(res, row, 1)) {
            buf_puts(b, "<p class=\"meta\">已请求（");
            html_time(b, strtoll(PQgetvalue(res, row, 1), NULL, 10));
            buf_puts(b, "），等它下一轮同步。</p>");
        }
        buf_puts(b, "<form method=\"post\" action=\"/kiosks/");
        html_attr(b, name);
        buf_puts(b, "/screenshot\">");
        html_csrf(b, r);
        buf_puts(b, "<button class=\"quiet\">截屏</button></form></article>");
    }
    PQclear(res);
}

/* /kiosks/NAME/screenshot: POST asks the kiosk for a screenshot; GET (.png) sends the
 * latest one. Both scope-checked by the hub: another area's kiosk is not found. */
void hub_page_kiosk_screenshot(Console *c, Request *r, Response *w, const char *name, int post)
{
    (void)c;
    char err[300];
    const char *params[] = {name};
    PGresult *res = hub_call(r,
                             post ? "SELECT yanxia_hub.staff_request_screenshot($1)"
                                  : "SELECT png FROM yanxia_hub.staff_kiosk_screenshot($1)",
                             1, params, err, sizeof err);
    if (!res) {
        hub_error(r, w, MHD_HTTP_NOT_FOUND, err);
        return;
    }
    if (post) {
        PQclear(res);
        resp_redirect(w, "/kiosks?ok=screenshot");
        return;
    }
    size_t n = 0;
    unsigned char *png = PQntuples(res) == 1 && !PQgetisnull(res, 0, 0)
                             ? PQunescapeBytea((const unsigned char *)PQgetvalue(res, 0, 0), &n)
                             : NULL;
    PQclear(res);
    if (!png) {
        page_message(w, r, MHD_HTTP_NOT_FOUND, "还没有截屏", "先在楼道屏页面点「截屏」。");
        return;
    }
    buf_append(&w->body, (const char *)png, n);
    PQfreemem(png);
    w->content_type = "image/png";
}

void hub_page_kiosks(Console *c, Request *r, Response *w)
{
    char err[300], silent_s[24];
    snprintf(silent_s, sizeof silent_s, "%lld", (long long)silent_minutes(c) * 60);
    const char *params[] = {silent_s};
    PGresult *res = hub_call(r, "SELECT * FROM yanxia_hub.staff_kiosks($1::bigint)", 1, params, err,
                             sizeof err);
    if (!res) {
        hub_error(r, w, MHD_HTTP_BAD_GATEWAY, err);
        return;
    }
    enum {
        K_NAME,
        K_BUILDING,
        K_SEEN,
        K_VERSION,
        K_QUEUE,
        K_DISK,
        K_UPTIME,
        K_RESTARTS,
        K_RSS,
        K_NIGHT,
        K_ERROR,
        K_SILENT
    };
    Buf *b = &w->body;
    page_begin(b, r, "楼道屏");
    static const char *const head[] = {"楼道屏",   "楼栋", "最后消息",  "待传",
                                       "剩余空间", "版本", "已运行",    "开机后重启",
                                       "内存",     "屏幕", "最近的错误"};
    buf_puts(b, "<div class=\"scroll\"><table class=\"stack\"><thead><tr>");
    for (size_t k = 0; k < sizeof head / sizeof head[0]; k++)
        buf_printf(b, "<th>%s</th>", head[k]);
    buf_puts(b, "</tr></thead><tbody>");
    for (int i = 0; i < PQntuples(res); i++) {
        int64_t seen = strtoll(PQgetvalue(res, i, K_SEEN), NULL, 10);
        /* silent by the hub's clock and staff_todo's rule (sql/hub/009_fleet.sql) */
        int silent = strcmp(PQgetvalue(res, i, K_SILENT), "t") == 0;
        int col = 0;
#define CELL(cls) buf_printf(b, "</td><td data-label=\"%s\"%s>", head[col++], cls)
        buf_printf(b, "<tr%s><td data-label=\"%s\">", silent ? " class=\"silent\"" : "",
                   head[col++]);
        html_esc(b, PQgetvalue(res, i, K_NAME));
        CELL("");
        html_esc(b, PQgetvalue(res, i, K_BUILDING));
        CELL(silent ? " class=\"fail\"" : "");
        if (seen)
            html_time(b, seen);
        else
            buf_puts(b, "从未联系");
        CELL("");
        buf_printf(b, "%lld", strtoll(PQgetvalue(res, i, K_QUEUE), NULL, 10));
        CELL("");
        buf_printf(b, "%lld MB", strtoll(PQgetvalue(res, i, K_DISK), NULL, 10) / (1024 * 1024));
        CELL("");
        html_esc(b, PQgetvalue(res, i, K_VERSION));
        /* the fleet facts: empty where the kiosk did not say (an older kiosk, or
         * yanxiactl sync, which is not the kiosk) */
        CELL("");
        if (!PQgetisnull(res, i, K_UPTIME))
            uptime_text(b, strtoll(PQgetvalue(res, i, K_UPTIME), NULL, 10));
        CELL("");
        if (!PQgetisnull(res, i, K_RESTARTS))
            buf_printf(b, "%lld", strtoll(PQgetvalue(res, i, K_RESTARTS), NULL, 10));
        CELL("");
        if (!PQgetisnull(res, i, K_RSS))
            buf_printf(b, "%lld MB", strtoll(PQgetvalue(res, i, K_RSS), NULL, 10) / (1024 * 1024));
        CELL("");
        if (!PQgetisnull(res, i, K_NIGHT))
            buf_puts(b, strcmp(PQgetvalue(res, i, K_NIGHT), "t") == 0 ? "夜间休眠" : "亮屏");
        CELL("");
        html_esc(b, PQgetvalue(res, i, K_ERROR));
#undef CELL
        buf_puts(b, "</td></tr>");
    }
    if (!PQntuples(res))
        buf_puts(b, "<tr><td colspan=\"11\">管理范围里还没有楼道屏。</td></tr>");
    buf_printf(
        b,
        "</tbody></table></div><p class=\"meta\">超过%d分钟（按中心库的时钟）没有消息的标红。</p>",
        silent_minutes(c));
    kiosk_screenshots(r, b, res);
    page_end(b);
    PQclear(res);
}

static const char *state_label(const char *subject, const char *state)
{
    static const struct {
        const char *state, *label;
    } L[] = {{"review", "等审核"},    {"open", "已上墙"},     {"claimed", "已有人认领"},
             {"fulfilled", "已完成"}, {"declined", "未通过"}, {"new", "待处理"},
             {"seen", "已阅"},        {"replied", "已回复"},  {"unanswered", "未解答"},
             {"answered", "已解答"}};
    for (size_t i = 0; i < sizeof L / sizeof L[0]; i++)
        if (strcmp(state, L[i].state) == 0)
            return L[i].label;
    return subject;
}

/* An action button (with an optional text field) for one submission. */
static void action_form(Buf *b, const Request *r, const char *subject, const char *uuid,
                        const char *action, const char *button, const char *field_label)
{
    buf_printf(b, "<form method=\"post\" action=\"/moderate\">");
    html_csrf(b, r);
    buf_printf(b,
               "<input type=\"hidden\" name=\"subject\" value=\"%s\">"
               "<input type=\"hidden\" name=\"action\" value=\"%s\">"
               "<input type=\"hidden\" name=\"uuid\" value=\"",
               subject, action);
    html_attr(b, uuid);
    buf_puts(b, "\">");
    if (field_label) {
        buf_printf(b, "<label>%s<textarea name=\"text\" rows=\"3\"%s></textarea></label>",
                   field_label, strcmp(action, "decline") ? " required" : "");
        if (strcmp(subject, "question") == 0)
            buf_puts(b,
                     "<label>解答人<input type=\"text\" name=\"by\" maxlength=\"20\"></label>"
                     "<label class=\"check\"><input type=\"checkbox\" name=\"public\" value=\"1\" "
                     "checked> 公开到楼道屏</label>");
    }
    buf_printf(b, "<div class=\"actions\"><button%s>%s</button></div></form>",
               strcmp(action, "decline") ? "" : " class=\"quiet\"", button);
}

void hub_page_writing(Console *c, Request *r, Response *w, const char *subject)
{
    const char *open = req_query(r, "open");
    int open_only = !open || strcmp(open, "0") != 0;
    size_t page = page_number(r);
    char limit[16], offset[16];
    snprintf(limit, sizeof limit, "%d", CONSOLE_PAGE_SIZE + 1);
    snprintf(offset, sizeof offset, "%zu", (page - 1) * CONSOLE_PAGE_SIZE);
    const char *params[] = {subject, open_only ? "true" : "false", limit, offset};
    char err[300];
    PGresult *res =
        hub_call(r, "SELECT * FROM yanxia_hub.staff_submissions($1, $2, $3::int, $4::int)", 4,
                 params, err, sizeof err);
    if (!res) {
        hub_error(r, w, MHD_HTTP_BAD_GATEWAY, err);
        return;
    }
    const char *title = strcmp(subject, "wish") == 0         ? "微心愿"
                        : strcmp(subject, "suggestion") == 0 ? "意见建议"
                                                             : "健康答疑";
    char base[48];
    snprintf(base, sizeof base, "/%s%s", strcmp(subject, "wish") == 0 ? "wishes" : subject,
             strcmp(subject, "wish") == 0 ? "" : "s");
    Buf *b = &w->body;
    page_begin(b, r, title);
    html_flash(b, r);
    buf_printf(b,
               "<p class=\"actions\"><a class=\"button%s\" href=\"%s\">待处理</a>"
               "<a class=\"button%s\" href=\"%s?open=0\">全部</a></p>",
               open_only ? "" : " quiet", base, open_only ? " quiet" : "", base);
    int n = PQntuples(res), shown = n < CONSOLE_PAGE_SIZE ? n : CONSOLE_PAGE_SIZE;
    for (int i = 0; i < shown; i++) {
        const char *uuid = PQgetvalue(res, i, 0), *state = PQgetvalue(res, i, 6);
        buf_printf(b,
                   "<article class=\"card\"><h3>%s <span class=\"tag\">%s</span></h3>"
                   "<p class=\"meta\">回执码 ",
                   title, state_label(subject, state));
        html_esc(b, PQgetvalue(res, i, 1));
        buf_puts(b, " · ");
        html_esc(b, PQgetvalue(res, i, 3));
        if (*PQgetvalue(res, i, 5)) {
            buf_puts(b, " ");
            html_esc(b, PQgetvalue(res, i, 5));
            buf_puts(b, "室");
        }
        buf_puts(b, " · ");
        html_time(b, strtoll(PQgetvalue(res, i, 8), NULL, 10));
        buf_puts(b, "</p><p class=\"text\">");
        html_esc(b, PQgetvalue(res, i, 4));
        buf_puts(b, "</p>");
        if (*PQgetvalue(res, i, 7)) {
            buf_puts(b, "<p class=\"meta\">回复：");
            html_esc(b, PQgetvalue(res, i, 7));
            buf_puts(b, "</p>");
        }
        if (strcmp(subject, "wish") == 0 && strcmp(state, "review") == 0) {
            action_form(b, r, subject, uuid, "approve", "通过，上墙", NULL);
            action_form(b, r, subject, uuid, "decline", "不通过",
                        "不通过的原因（只有工作人员能看到）");
        } else if (strcmp(subject, "wish") == 0 && strcmp(state, "claimed") == 0) {
            action_form(b, r, subject, uuid, "fulfil", "已经完成", NULL);
        } else if (strcmp(subject, "suggestion") == 0) {
            action_form(b, r, subject, uuid, "reply", "回复", "公开回复（楼道屏上显示，房号打码）");
        } else if (strcmp(subject, "question") == 0) {
            action_form(b, r, subject, uuid, "answer", "保存解答", "解答");
        }
        buf_puts(b, "</article>");
    }
    if (!shown)
        buf_puts(b, "<p>没有需要处理的。</p>");
    html_pager(b,
               open_only ? base
                         : (strcmp(subject, "wish") == 0         ? "/wishes?open=0"
                            : strcmp(subject, "suggestion") == 0 ? "/suggestions?open=0"
                                                                 : "/questions?open=0"),
               page, n > CONSOLE_PAGE_SIZE);
    page_end(b);
    PQclear(res);
}

void hub_page_moderate(Console *c, Request *r, Response *w)
{
    const char *subject = req_field(r, "subject");
    if (!subject ||
        (strcmp(subject, "wish") && strcmp(subject, "suggestion") && strcmp(subject, "question"))) {
        page_message(w, r, MHD_HTTP_UNPROCESSABLE_CONTENT, "没有保存", "不认识这一项。");
        return;
    }
    /* the form's (subject, action): one staff library call each, the item by its uuid */
    const StaffActor *a = &r->session->actor;
    StaffItem it = STAFF_ITEM_UUID(req_field(r, "uuid"));
    const char *action = req_field(r, "action"), *text = req_field(r, "text");
    int rc, wish = strcmp(subject, "wish") == 0;
    if (!action)
        action = "";
    if (wish && strcmp(action, "approve") == 0)
        rc = staff_wish_approve(a, it);
    else if (wish && strcmp(action, "decline") == 0)
        rc = staff_wish_decline(a, it, text);
    else if (wish && strcmp(action, "fulfil") == 0)
        rc = staff_wish_fulfil(a, it);
    else if (strcmp(subject, "suggestion") == 0 && strcmp(action, "reply") == 0)
        rc = staff_suggestion_reply(a, it, text);
    else if (strcmp(subject, "question") == 0 && strcmp(action, "answer") == 0)
        rc = staff_question_answer(a, it, text, req_field(r, "by"), req_field(r, "public") != NULL);
    else {
        page_message(w, r, MHD_HTTP_UNPROCESSABLE_CONTENT, "中心库没有接受",
                     "填写的内容不符合要求");
        return;
    }
    if (rc < 0) {
        hub_refused(r, w, MHD_HTTP_UNPROCESSABLE_CONTENT);
        return;
    }
    resp_redirect(w, "/%s?ok=saved_hub",
                  strcmp(subject, "wish") == 0         ? "wishes"
                  : strcmp(subject, "suggestion") == 0 ? "suggestions"
                                                       : "questions");
}

void hub_page_notices(Console *c, Request *r, Response *w)
{
    size_t page = page_number(r);
    PGresult *res =
        hub_call_page(r, w, "SELECT * FROM yanxia_hub.staff_notices($1::int, $2::int)", page);
    if (!res)
        return;
    Buf *b = &w->body;
    page_begin(b, r, "通知公告");
    html_flash(b, r);
    buf_puts(b, "<p><a class=\"button\" href=\"/notices/new\">写新通知</a></p>");
    int n = PQntuples(res), shown = n < CONSOLE_PAGE_SIZE ? n : CONSOLE_PAGE_SIZE;
    for (int i = 0; i < shown; i++) {
        const char *id = PQgetvalue(res, i, 0);
        buf_printf(b, "<article class=\"card\" id=\"notice-%s\"><h3>", id);
        html_esc(b, PQgetvalue(res, i, 4));
        buf_printf(b, "</h3><p class=\"meta\"><span class=\"tag%s\">",
                   strcmp(PQgetvalue(res, i, 3), "紧急") == 0 ? " urgent" : "");
        html_esc(b, PQgetvalue(res, i, 3));
        buf_puts(b, "</span> ");
        html_esc(b, *PQgetvalue(res, i, 2) ? PQgetvalue(res, i, 2) : PQgetvalue(res, i, 1));
        buf_puts(b, " · ");
        html_time(b, strtoll(PQgetvalue(res, i, 7), NULL, 10));
        buf_puts(b, "</p>");
        html_long_text(b, PQgetvalue(res, i, 5));
        char action[48];
        snprintf(action, sizeof action, "/notices/%s/withdraw", id);
        buf_printf(b,
                   "<div class=\"actions\"><a class=\"button quiet\" "
                   "href=\"/notices/%s/edit\">修改</a>",
                   id);
        html_confirm(b, r,
                     &(HtmlConfirm){.action = action,
                                    .label = "撤下",
                                    .what = "这条通知会从它发往的各栋楼的楼道屏上消失"
                                            "（楼道屏下次同步后）。",
                                    .button = "确定撤下"});
        buf_puts(b, "</div></article>");
    }
    if (!shown)
        buf_puts(b, "<p>管理范围里还没有通知。</p>");
    html_pager(b, "/notices", page, n > CONSOLE_PAGE_SIZE);
    page_end(b);
    PQclear(res);
}

void hub_page_notice_withdraw(Console *c, Request *r, Response *w, int64_t id)
{
    if (staff_notice_withdraw(&r->session->actor, id) < 0) {
        hub_refused(r, w, MHD_HTTP_NOT_FOUND);
        return;
    }
    resp_redirect(w, "/notices?ok=withdrawn");
}

/* Judges a run of rows [from, to) of one poll (one row per option) whose columns from
 * col on are households, voted, option position, label and the option's households
 * (staff_polls and staff_poll_buildings both end so). tallies holds up to 16. */
static void hub_tally(PGresult *res, int from, int to, int col, PollResults *pr,
                      PollTally tallies[16])
{
    *pr = (PollResults){.tallies = tallies};
    for (int i = from; i < to && pr->count < 16; i++)
        tallies[pr->count++] =
            (PollTally){.option_id = strtoll(PQgetvalue(res, i, col + 2), NULL, 10),
                        .label = PQgetvalue(res, i, col + 3),
                        .households = strtoll(PQgetvalue(res, i, col + 4), NULL, 10)};
    pr->households = strtoll(PQgetvalue(res, from, col), NULL, 10); /* "" (NULL): 0 */
    pr->voted = strtoll(PQgetvalue(res, from, col + 1), NULL, 10);
    poll_results_judge(pr);
}

/* The end of a run of rows from `from` whose column col holds one value. */
static int hub_run_end(PGresult *res, int from, int col)
{
    int j = from + 1;
    while (j < PQntuples(res) && strcmp(PQgetvalue(res, j, col), PQgetvalue(res, from, col)) == 0)
        j++;
    return j;
}

#define HUB_REGISTER_HOW "用 yanxiactl hub add-scope 楼组代码 --households N 登记，每个楼组一次"

/* One poll's card from its run of rows [from, to) of staff_polls (one row per option). */
static void hub_poll_card(Buf *b, const Request *r, PGresult *res, int from, int to, int64_t now)
{
    PollResults pr;
    PollTally tallies[16]; /* a poll has at most 10 options (src/store/poll.h) */
    hub_tally(res, from, to, 6, &pr, tallies);
    const char *id = PQgetvalue(res, from, 0);
    int64_t opens = strtoll(PQgetvalue(res, from, 4), NULL, 10);
    int64_t closes = strtoll(PQgetvalue(res, from, 5), NULL, 10);
    buf_printf(b, "<article class=\"card\" id=\"poll-%s\"><h3>", id);
    html_esc(b, PQgetvalue(res, from, 3));
    buf_printf(b, "</h3><p class=\"meta\">%s · ",
               now >= opens && now < closes ? "进行中" : "未开放或已结束");
    const char *scope =
        *PQgetvalue(res, from, 2) ? PQgetvalue(res, from, 2) : PQgetvalue(res, from, 1);
    html_esc(b, scope);
    buf_puts(b, " · ");
    html_time(b, opens);
    buf_puts(b, " 至 ");
    html_until(b, closes);
    buf_puts(b, "</p>");
    html_poll_results(b, &pr, scope, HUB_REGISTER_HOW);
    buf_printf(b,
               "<p class=\"actions\"><a class=\"button quiet\" href=\"/polls/%s\">各楼栋的结果</a>"
               "<a class=\"button quiet\" href=\"/polls/%s/votes.csv\">导出每户投票"
               "（Excel 可打开）</a></p>",
               id, id);
    html_withdraw_poll(b, r, strtoll(id, NULL, 10), pr.voted);
    buf_puts(b, "</article>");
}

/* One consultation building by building (sql/hub/025_poll_buildings.sql): a lift or a
 * door is decided by one building's households, so each building's thresholds are
 * judged by themselves, by the same rule as the whole. */
void hub_page_poll(Console *c, Request *r, Response *w, int64_t id)
{
    (void)c;
    PGresult *res =
        hub_call_item(r, w, "SELECT * FROM yanxia_hub.staff_poll_buildings($1::bigint)", id);
    if (!res)
        return;
    Buf *b = &w->body;
    page_begin(b, r, "各楼栋的结果");
    if (PQntuples(res)) {
        buf_puts(b, "<p><b>");
        html_esc(b, PQgetvalue(res, 0, 0));
        buf_puts(b, "</b></p>");
    }
    for (int i = 0; i < PQntuples(res);) {
        int j = hub_run_end(res, i, 1);
        PollResults pr;
        PollTally tallies[16];
        hub_tally(res, i, j, 3, &pr, tallies);
        const char *name = *PQgetvalue(res, i, 2) ? PQgetvalue(res, i, 2) : PQgetvalue(res, i, 1);
        buf_puts(b, "<article class=\"card\" id=\"building-");
        html_attr(b, PQgetvalue(res, i, 1));
        buf_puts(b, "\"><h3>");
        html_esc(b, name);
        buf_puts(b, "</h3>");
        html_poll_results(b, &pr, name, HUB_REGISTER_HOW);
        buf_puts(b, "</article>");
        i = j;
    }
    if (!PQntuples(res))
        buf_puts(b, "<p>这次征询的范围里没有楼栋。</p>");
    buf_printf(b,
               "<p class=\"actions\"><a class=\"button quiet\" href=\"/polls#poll-%lld\">"
               "回到征询</a></p>",
               (long long)id);
    page_end(b);
    PQclear(res);
}

/* 意向征询 over the hub: every poll of the member's scope with the households of the
 * buildings it went to, judged by the kiosk store's rule. */
void hub_page_polls(Console *c, Request *r, Response *w)
{
    (void)c;
    size_t page = page_number(r);
    PGresult *res =
        hub_call_page(r, w, "SELECT * FROM yanxia_hub.staff_polls($1::int, $2::int)", page);
    if (!res)
        return;
    Buf *b = &w->body;
    page_begin(b, r, "意向征询");
    html_flash(b, r);
    buf_puts(b, "<p><a class=\"button\" href=\"/polls/new\">发起征询</a></p>");
    int64_t now = time_now();
    int n = PQntuples(res), polls = 0;
    for (int i = 0; i < n;) {
        int j = hub_run_end(res, i, 0);
        if (++polls > CONSOLE_PAGE_SIZE)
            break;
        hub_poll_card(b, r, res, i, j, now);
        i = j;
    }
    if (!polls)
        buf_puts(b, "<p>管理范围里还没有征询。</p>");
    html_pager(b, "/polls", page, polls > CONSOLE_PAGE_SIZE);
    page_end(b);
    PQclear(res);
}

/* Cell (row, col) of rows; SQL null reads "", as PQgetvalue gives it. */
static const char *hub_cell(const HubRows *rows, size_t row, size_t col)
{
    const char *v = rows->cells[row * rows->ncols + col];
    return v ? v : "";
}

/* Every household's counted vote of one poll, for Excel (CSV with BOM), through the staff
 * library (the rows `export votes --poll ID --as` writes too); the hub audits
 * the download (sql/hub/034_staff_export.sql). */
void hub_page_poll_csv(Console *c, Request *r, Response *w, int64_t id)
{
    (void)c;
    HubRows rows;
    if (staff_poll_votes_export(&r->session->actor, id, &rows) < 0) {
        hub_error(r, w, MHD_HTTP_NOT_FOUND, staff_error(&r->session->actor));
        return;
    }
    Buf *b = &w->body;
    buf_puts(b, "\xEF\xBB\xBF");
    static const char *const head[] = {"征询", "楼组", "房号", "选择", "回执码", "楼道屏", "时间"};
    for (size_t i = 0; i < 7; i++)
        csv_cell(b, head[i], i == 6);
    for (size_t i = 0; i < rows.nrows; i++) {
        char when[32];
        time_format(strtoll(hub_cell(&rows, i, 6), NULL, 10), "%Y-%m-%d %H:%M", when, sizeof when);
        for (size_t k = 0; k < 6; k++)
            csv_cell(b, hub_cell(&rows, i, k), 0);
        csv_cell(b, when, 1);
    }
    hub_rows_free(&rows);
    w->content_type = "text/csv; charset=utf-8";
    snprintf(w->disposition, sizeof w->disposition, "attachment; filename=\"votes-%lld.csv\"",
             (long long)id);
}

/* 操作日志 over the hub: the lines of the member and of the members within their scope
 * (an administrator: all), newest first. */
void hub_page_audit(Console *c, Request *r, Response *w)
{
    (void)c;
    char err[300];
    PGresult *res =
        hub_call(r, "SELECT * FROM yanxia_hub.staff_audit_list(200, 0)", 0, NULL, err, sizeof err);
    if (!res) {
        hub_error(r, w, MHD_HTTP_BAD_GATEWAY, err);
        return;
    }
    int n = PQntuples(res);
    AuditEntry *items = calloc(n ? (size_t)n : 1, sizeof *items);
    Buf *b = &w->body;
    page_begin(b, r, "操作日志");
    buf_puts(b, "<p class=\"meta\">在中心库上的每一次后台操作都记在这里，谁也不能修改或删除。"
                "显示管理范围内最近200条。</p>");
    if (!items) {
        buf_puts(b, "<p class=\"error\">读取日志失败。</p>");
    } else {
        for (int i = 0; i < n; i++)
            items[i] = (AuditEntry){.id = strtoll(PQgetvalue(res, i, 0), NULL, 10),
                                    .at = strtoll(PQgetvalue(res, i, 1), NULL, 10),
                                    .login = PQgetvalue(res, i, 2),
                                    .address = "",
                                    .action = PQgetvalue(res, i, 3),
                                    .target = PQgetvalue(res, i, 4),
                                    .before = PQgetvalue(res, i, 5),
                                    .after = PQgetvalue(res, i, 6)};
        html_audit_table(b, items, (size_t)n);
    }
    free(items);
    page_end(b);
    PQclear(res);
}

/* 活动 over the hub: every activity and team of the member's scope with who is coming,
 * counted by the hub across the kiosks of its buildings. */
void hub_page_activities(Console *c, Request *r, Response *w)
{
    (void)c;
    size_t page = page_number(r);
    PGresult *res =
        hub_call_page(r, w, "SELECT * FROM yanxia_hub.staff_activities($1::int, $2::int)", page);
    if (!res)
        return;
    Buf *b = &w->body;
    page_begin(b, r, "活动与团队");
    html_flash(b, r);
    buf_puts(b, "<p><a class=\"button\" href=\"/activities/new\">新活动或团队</a></p>");
    int n = PQntuples(res), shown = n < CONSOLE_PAGE_SIZE ? n : CONSOLE_PAGE_SIZE;
    for (int i = 0; i < shown; i++) {
        const char *id = PQgetvalue(res, i, 0);
        int capacity = atoi(PQgetvalue(res, i, 8));
        long long people = strtoll(PQgetvalue(res, i, 9), NULL, 10);
        buf_printf(b, "<article class=\"card\" id=\"activity-%s\"><h3><a href=\"/activities/%s\">",
                   id, id);
        html_esc(b, PQgetvalue(res, i, 4));
        buf_printf(b, "</a></h3><p class=\"meta\"><span class=\"tag\">%s</span> ",
                   strcmp(PQgetvalue(res, i, 3), "team") == 0 ? "长期团队" : "活动");
        html_esc(b, *PQgetvalue(res, i, 2) ? PQgetvalue(res, i, 2) : PQgetvalue(res, i, 1));
        buf_puts(b, " · ");
        int64_t starts = strtoll(PQgetvalue(res, i, 6), NULL, 10);
        if (starts)
            html_time(b, starts);
        else
            html_esc(b, PQgetvalue(res, i, 7));
        buf_puts(b, " · ");
        html_esc(b, PQgetvalue(res, i, 5));
        buf_printf(b, "</p><p>已报名 %s 户 %lld 人", PQgetvalue(res, i, 10), people);
        if (capacity > 0)
            buf_printf(b, "，名额 %d，还剩 %lld", capacity,
                       people < capacity ? capacity - people : 0LL);
        if (strcmp(PQgetvalue(res, i, 11), "0") != 0)
            buf_printf(b, "，%s 户候补", PQgetvalue(res, i, 11));
        buf_puts(b, "。</p></article>");
    }
    if (!shown)
        buf_puts(b, "<p>管理范围里还没有活动。</p>");
    html_pager(b, "/activities", page, n > CONSOLE_PAGE_SIZE);
    page_end(b);
    PQclear(res);
}

static PGresult *hub_signups(Request *r, Response *w, int64_t id)
{
    return hub_call_item(r, w, "SELECT * FROM yanxia_hub.staff_signups($1::bigint)", id);
}

/* The same rows for a download (phones whole), through the staff library, which the hub
 * audits as "signup.export" (sql/hub/034_staff_export.sql); the page above masks the
 * phones and is not audited. 0, or -1 with the refusal's page answered. */
static int hub_signups_export(Request *r, Response *w, int64_t id, HubRows *rows)
{
    if (staff_activity_signups_export(&r->session->actor, id, rows) == 0)
        return 0;
    hub_error(r, w, MHD_HTTP_NOT_FOUND, staff_error(&r->session->actor));
    return -1;
}

/* One activity's sign-ups from every kiosk, phones masked (the export has them whole),
 * each confirmed or waiting one with 替他取消 (a resident phoned to cancel). */
void hub_page_activity(Console *c, Request *r, Response *w, int64_t id)
{
    (void)c;
    /* what residents see of it (sql/hub/026_staff_activity.sql), then who signed up */
    Activity a;
    char building[128];
    if (hub_activity_get(r, w, id, &a, building, sizeof building) < 0)
        return;
    PGresult *res = hub_signups(r, w, id);
    if (!res) {
        activity_deinit(&a);
        return;
    }
    Buf *b = &w->body;
    page_begin(b, r, a.title);
    html_flash(b, r);
    html_activity_facts(b, &a, building);
    buf_printf(b,
               "<p class=\"actions\"><a class=\"button\" href=\"/activities/%lld/signups.xlsx\">"
               "导出报名表（Excel）</a><a class=\"button quiet\" "
               "href=\"/activities/%lld/signups.csv\">CSV</a><a class=\"button quiet\" "
               "href=\"/activities/%lld/edit\">修改</a></p>",
               (long long)id, (long long)id, (long long)id);
    html_withdraw_activity(b, r, id);
    int n = PQntuples(res);
    SignupRow *rows = calloc(n ? (size_t)n : 1, sizeof *rows);
    for (int i = 0; rows && i < n; i++) {
        const char *status = PQgetvalue(res, i, 7);
        rows[i] = (SignupRow){.room = PQgetvalue(res, i, 3),
                              .name = PQgetvalue(res, i, 4),
                              .status = signup_state_text(status),
                              .cancellable = strcmp(status, "confirmed") == 0 ||
                                             strcmp(status, "waitlisted") == 0,
                              .cancel = {{"signup", PQgetvalue(res, i, 10)}},
                              .phone = PQgetvalue(res, i, 5),
                              .party = atoi(PQgetvalue(res, i, 6)),
                              .building = PQgetvalue(res, i, 1),
                              .created_at = strtoll(PQgetvalue(res, i, 9), NULL, 10)};
    }
    if (rows)
        signup_table(b, r, id, rows, (size_t)n, 1);
    else
        buf_puts(b, "<p class=\"error\">读取报名失败。</p>");
    free(rows);
    page_end(b);
    PQclear(res);
    activity_deinit(&a);
}

static const char *const SIGNUP_HEAD[] = {"活动", "楼组", "楼道屏", "房号",   "称呼",
                                          "电话", "人数", "状态",   "回执码", "报名时间"};

/* Cell (row, col) of staff_activity_signups_export's rows, in SIGNUP_HEAD's order. */
static const char *hub_signup_cell(const void *ctx, size_t row, size_t col, char *scratch,
                                   size_t cap)
{
    const HubRows *rows = ctx;
    if (col == 7)
        return signup_state_text(hub_cell(rows, row, 7));
    if (col == 9) {
        time_format(strtoll(hub_cell(rows, row, 9), NULL, 10), "%Y-%m-%d %H:%M", scratch, cap);
        return scratch;
    }
    return hub_cell(rows, row, col);
}

void hub_page_activity_xlsx(Console *c, Request *r, Response *w, int64_t id)
{
    (void)c;
    HubRows rows;
    if (hub_signups_export(r, w, id, &rows) < 0)
        return;
    static const double widths[] = {24, 12, 12, 8, 10, 14, 6, 12, 10, 18};
    XlsxTable t = {"报名表", 10, SIGNUP_HEAD, widths, 6, rows.nrows, hub_signup_cell, &rows};
    char name[64];
    snprintf(name, sizeof name, "signups-%lld.xlsx", (long long)id);
    xlsx_send(r, w, &t, name);
    hub_rows_free(&rows);
}

void hub_page_activity_csv(Console *c, Request *r, Response *w, int64_t id)
{
    (void)c;
    HubRows rows;
    if (hub_signups_export(r, w, id, &rows) < 0)
        return;
    Buf *b = &w->body;
    buf_puts(b, "\xEF\xBB\xBF");
    for (size_t i = 0; i < 10; i++)
        csv_cell(b, SIGNUP_HEAD[i], i == 9);
    for (size_t i = 0; i < rows.nrows; i++) {
        char scratch[32];
        for (size_t k = 0; k < 10; k++)
            csv_cell(b, hub_signup_cell(&rows, i, k, scratch, sizeof scratch), k == 9);
    }
    hub_rows_free(&rows);
    w->content_type = "text/csv; charset=utf-8";
    snprintf(w->disposition, sizeof w->disposition, "attachment; filename=\"signups-%lld.csv\"",
             (long long)id);
}
