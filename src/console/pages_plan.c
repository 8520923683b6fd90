/* What staff plan ahead: the month's health tips, new activities and teams, a sign-up
 * cancelled on a resident's behalf, and a consultation's votes for the record. */
#include "console/console.h"

#include "core/timeutil.h"
#include "store/health.h"
#include "store/vote.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void error_line(Buf *b, const char *error)
{
    if (!error)
        return;
    buf_puts(b, "<p class=\"error\" role=\"alert\">");
    html_esc(b, error);
    buf_puts(b, "</p>");
}

/* A text input named name, refilled from the posted form. */
static void text_input(Buf *b, const Request *r, const char *name, const char *label,
                       const char *type, const char *fallback, int required)
{
    const char *v = req_field(r, name);
    buf_printf(b, "<label for=\"%s\">%s</label><input type=\"%s\" id=\"%s\" name=\"%s\"%s value=\"",
               name, label, type, name, name, required ? " required" : "");
    html_attr(b, v ? v : fallback ? fallback : "");
    buf_puts(b, "\">");
}

static void health_page(Console *c, Request *r, Response *w, const char *error)
{
    Buf *b = &w->body;
    buf_reset(b);
    page_begin(b, r, "健康专栏");
    html_flash(b, r);
    error_line(b, error);
    buf_puts(b, "<p class=\"meta\">居民的健康提问在 <a href=\"/questions\">答疑</a> 里回答。</p>");
    HealthTipQuery q = {.limit = 30};
    HealthTipList l;
    if (store_tip_list(c->store, &q, &l) == 0) {
        for (size_t i = 0; i < l.count; i++) {
            const HealthTip *t = &l.items[i];
            buf_printf(b, "<article class=\"card\" id=\"tip-%lld\"><h3>", (long long)t->id);
            html_esc(b, t->title);
            buf_puts(b, "</h3><p class=\"meta\">");
            html_esc(b, t->month);
            buf_puts(b, " · ");
            html_esc(b, t->author);
            buf_puts(b, "</p><p class=\"text\">");
            html_esc(b, t->body);
            buf_printf(b, "</p><form method=\"post\" action=\"/health/%lld/remove\">",
                       (long long)t->id);
            html_csrf(b, r);
            buf_puts(b, "<button class=\"quiet\">撤下</button></form></article>");
        }
        if (!l.count)
            buf_puts(b, "<p>还没有小贴士。</p>");
        health_tip_list_free(&l);
    }
    char month[16];
    time_format(time_now(), "%Y-%m", month, sizeof month);
    buf_puts(
        b, "<form method=\"post\" action=\"/health/new\" class=\"card\"><h2>写这个月的小贴士</h2>");
    html_csrf(b, r);
    text_input(b, r, "month", "月份（年-月）", "text", month, 1);
    text_input(b, r, "title", "标题", "text", NULL, 1);
    buf_puts(b, "<label for=\"body\">内容（医生手写的稿子，照着打进来）</label>"
                "<textarea id=\"body\" name=\"body\" rows=\"8\" required>");
    html_esc(b, req_field(r, "body") ? req_field(r, "body") : "");
    buf_puts(b, "</textarea>");
    text_input(b, r, "author", "作者（例如 社区医生 李医生）", "text", NULL, 0);
    buf_puts(b, "<div class=\"actions\"><button>发布</button></div></form>");
    page_end(b);
}

void page_health(Console *c, Request *r, Response *w)
{
    health_page(c, r, w, NULL);
}

void page_health_new(Console *c, Request *r, Response *w)
{
    const char *month = req_field(r, "month");
    if (!month || !health_month_valid(month)) {
        w->status = MHD_HTTP_UNPROCESSABLE_CONTENT;
        health_page(c, r, w, "月份要写成 年-月，例如 2026-12。");
        return;
    }
    int64_t id;
    if (staff_tip_publish(&r->session->actor, month, req_field(r, "title"), req_field(r, "body"),
                          req_field(r, "author"), &id) < 0) {
        char msg[300];
        snprintf(msg, sizeof msg, "没有发布：%s", reason_text(store_reason(c->store)));
        w->status = MHD_HTTP_UNPROCESSABLE_CONTENT;
        health_page(c, r, w, msg);
        return;
    }
    resp_redirect(w, "/health?ok=published#tip-%lld", (long long)id);
}

void page_health_remove(Console *c, Request *r, Response *w, int64_t id)
{
    if (staff_tip_remove(&r->session->actor, id) < 0) {
        page_message(w, r, MHD_HTTP_NOT_FOUND, "没有撤下", reason_text(store_reason(c->store)));
        return;
    }
    resp_redirect(w, "/health?ok=withdrawn");
}

static void activity_form(Request *r, Response *w, const char *error)
{
    Buf *b = &w->body;
    buf_reset(b);
    page_begin(b, r, "新活动或团队");
    error_line(b, error);
    buf_puts(b, "<form method=\"post\" action=\"/activities/new\" class=\"card\">");
    html_csrf(b, r);
    const char *kind = req_field(r, "kind");
    int team = kind && strcmp(kind, "team") == 0;
    buf_printf(b,
               "<label for=\"kind\">类型</label><select id=\"kind\" name=\"kind\">"
               "<option value=\"event\"%s>一次性活动（有日期）</option>"
               "<option value=\"team\"%s>长期团队（如 合唱队）</option></select>",
               team ? "" : " selected", team ? " selected" : "");
    text_input(b, r, "title", "名称", "text", NULL, 1);
    buf_puts(b, "<label for=\"description\">介绍</label>"
                "<textarea id=\"description\" name=\"description\" rows=\"4\">");
    html_esc(b, req_field(r, "description") ? req_field(r, "description") : "");
    buf_puts(b, "</textarea>");
    text_input(b, r, "place", "地点", "text", NULL, 0);
    text_input(b, r, "starts", "开始时间（一次性活动）", "datetime-local", NULL, 0);
    text_input(b, r, "schedule", "时间安排（长期团队，例如 每周二、四 早上7点）", "text", NULL, 0);
    text_input(b, r, "deadline", "报名截止（不填：活动开始时截止）", "datetime-local", NULL, 0);
    text_input(b, r, "capacity", "名额（人数，0 或不填：不限）", "text", NULL, 0);
    text_input(b, r, "organiser", "负责人", "text", NULL, 0);
    buf_printf(b,
               "<label class=\"check\"><input type=\"checkbox\" name=\"no_waitlist\" "
               "value=\"1\"%s> 满了就不再接受报名（不设候补）</label>"
               "<div class=\"actions\"><button>发布</button>"
               "<a class=\"button quiet\" href=\"/activities\">取消</a></div></form>",
               req_field(r, "no_waitlist") ? " checked" : "");
    page_end(b);
}

/* Parses an optional datetime-local field into *out (0 when empty). */
static int when_field(const Request *r, const char *name, int64_t *out)
{
    const char *v = req_field(r, name);
    *out = 0;
    return !v || !*v || time_parse(v, out) == 0 ? 0 : -1;
}

void page_activity_new(Console *c, Request *r, Response *w)
{
    if (strcmp(r->method, "GET") == 0) {
        activity_form(r, w, NULL);
        return;
    }
    const char *kind = req_field(r, "kind"), *cap = req_field(r, "capacity");
    Activity a = {.kind = kind && strcmp(kind, "team") == 0 ? ACTIVITY_TEAM : ACTIVITY_EVENT,
                  .title = (char *)req_field(r, "title"),
                  .description = (char *)req_field(r, "description"),
                  .place = (char *)req_field(r, "place"),
                  .schedule = (char *)req_field(r, "schedule"),
                  .organiser = (char *)req_field(r, "organiser"),
                  .no_waitlist = req_field(r, "no_waitlist") != NULL};
    char *end = NULL;
    long capacity = cap && *cap ? strtol(cap, &end, 10) : 0;
    const char *error = NULL;
    if (end && (*end || capacity < 0 || capacity > 100000))
        error = "名额要写人数（数字），不限就写0或不填。";
    else if (when_field(r, "starts", &a.starts_at) < 0 ||
             when_field(r, "deadline", &a.signup_deadline) < 0)
        error = "时间要写成 年-月-日 时:分。";
    else if (a.kind == ACTIVITY_EVENT && !a.starts_at)
        error = "一次性活动要写开始时间。";
    if (error) {
        w->status = MHD_HTTP_UNPROCESSABLE_CONTENT;
        activity_form(r, w, error);
        return;
    }
    a.capacity = (int)capacity;
    int64_t id;
    if (staff_activity_create(&r->session->actor, &a, &id) < 0) {
        char msg[300];
        snprintf(msg, sizeof msg, "没有发布：%s（%s）", reason_text(store_reason(c->store)),
                 store_errmsg(c->store));
        w->status = MHD_HTTP_UNPROCESSABLE_CONTENT;
        activity_form(r, w, msg);
        return;
    }
    resp_redirect(w, "/activities/%lld", (long long)id);
}

void page_signup_cancel(Console *c, Request *r, Response *w, int64_t activity_id)
{
    if (staff_signup_cancel(&r->session->actor, activity_id, req_field(r, "room"),
                            req_field(r, "receipt")) < 0) {
        page_message(w, r, MHD_HTTP_UNPROCESSABLE_CONTENT, "没有取消",
                     reason_text(store_reason(c->store)));
        return;
    }
    resp_redirect(w, "/activities/%lld?ok=cancelled", (long long)activity_id);
}

void page_poll_csv(Console *c, Request *r, Response *w, int64_t poll_id)
{
    Poll p;
    if (store_poll_get(c->store, poll_id, &p) < 0) {
        page_message(w, r, MHD_HTTP_NOT_FOUND, "找不到这个征询", "它可能已经撤下了。");
        return;
    }
    poll_deinit(&p);
    VoteList l;
    if (store_vote_list(c->store, poll_id, &l) < 0) {
        page_message(w, r, MHD_HTTP_INTERNAL_SERVER_ERROR, "导出失败",
                     "读取投票失败，请再试一次。");
        return;
    }
    Buf *b = &w->body;
    buf_puts(b, "\xEF\xBB\xBF");
    static const char *const head[] = {"征询",   "房号", "选择", "是否计入（每户最后一次）",
                                       "回执码", "时间"};
    for (size_t i = 0; i < 6; i++)
        csv_cell(b, head[i], i == 5);
    for (size_t i = 0; i < l.count; i++) {
        const Vote *v = &l.items[i];
        char when[32];
        time_format(v->created_at, "%Y-%m-%d %H:%M", when, sizeof when);
        const char *row[] = {v->poll_question, v->room,
                             v->option_label,  v->current ? "计入" : "已被改票取代",
                             v->receipt,       when};
        for (size_t k = 0; k < 6; k++)
            csv_cell(b, row[k], k == 5);
    }
    vote_list_free(&l);
    w->content_type = "text/csv; charset=utf-8";
    snprintf(w->disposition, sizeof w->disposition, "attachment; filename=\"votes-%lld.csv\"",
             (long long)poll_id);
}
