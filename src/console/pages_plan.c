/* What staff plan ahead: the month's health tips, new activities and teams, a sign-up
 * cancelled on a resident's behalf, and a consultation's votes for the record. */
#include "console/console.h"

#include "core/timeutil.h"
#include "store/contact.h"
#include "store/health.h"
#include "store/roster.h"
#include "store/vote.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void health_page(Console *c, Request *r, Response *w, const char *error)
{
    Buf *b = &w->body;
    buf_reset(b);
    page_begin(b, r, "健康专栏");
    html_flash(b, r);
    html_error(b, error);
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
    html_text_input(b, r, "month", "月份（年-月）", "text", month, 1);
    html_text_input(b, r, "title", "标题", "text", NULL, 1);
    buf_puts(b, "<label for=\"body\">内容（医生手写的稿子，照着打进来）</label>"
                "<textarea id=\"body\" name=\"body\" rows=\"8\" required>");
    html_esc(b, req_field(r, "body") ? req_field(r, "body") : "");
    buf_puts(b, "</textarea>");
    html_text_input(b, r, "author", "作者（例如 社区医生 李医生）", "text", NULL, 0);
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
    StaffTip t = {.month = month,
                  .title = req_field(r, "title"),
                  .body = req_field(r, "body"),
                  .author = req_field(r, "author")};
    if (staff_tip_publish(&r->session->actor, &t, &id) < 0) {
        char msg[300];
        snprintf(msg, sizeof msg, "没有发布：%s", staff_error(&r->session->actor));
        w->status = MHD_HTTP_UNPROCESSABLE_CONTENT;
        health_page(c, r, w, msg);
        return;
    }
    resp_redirect(w, "/health?ok=published#tip-%lld", (long long)id);
}

void page_health_remove(Console *c, Request *r, Response *w, int64_t id)
{
    removed_or_refused(c, r, w, staff_tip_remove(&r->session->actor, id), "/health?ok=withdrawn");
}

void activity_form(Request *r, Response *w, const char *error, ActivityBuildingSelect building)
{
    Buf *b = &w->body;
    buf_reset(b);
    page_begin(b, r, "新活动或团队");
    html_error(b, error);
    buf_puts(b, "<form method=\"post\" action=\"/activities/new\" class=\"card\">");
    html_csrf(b, r);
    if (building)
        building(b, r, "哪栋楼的活动");
    const char *kind = req_field(r, "kind");
    int team = kind && strcmp(kind, "team") == 0;
    buf_printf(b,
               "<label for=\"kind\">类型</label><select id=\"kind\" name=\"kind\">"
               "<option value=\"event\"%s>一次性活动（有日期）</option>"
               "<option value=\"team\"%s>长期团队（如 合唱队）</option></select>",
               team ? "" : " selected", team ? " selected" : "");
    char label[64];
    snprintf(label, sizeof label, "名称（最多%d字）", STORE_TITLE_MAX);
    html_text_input(b, r, "title", label, "text", NULL, 1);
    buf_puts(b, "<label for=\"description\">介绍</label>"
                "<textarea id=\"description\" name=\"description\" rows=\"4\">");
    html_esc(b, req_field(r, "description") ? req_field(r, "description") : "");
    buf_puts(b, "</textarea>");
    html_text_input(b, r, "place", "地点", "text", NULL, 0);
    html_text_input(b, r, "starts", "开始时间（一次性活动）", "datetime-local", NULL, 0);
    html_text_input(b, r, "schedule", "时间安排（长期团队，例如 每周二、四 早上7点）", "text", NULL,
                    0);
    html_text_input(b, r, "deadline", "报名截止（不填：活动开始时截止）", "datetime-local", NULL,
                    0);
    html_text_input(b, r, "capacity", "名额（人数，0 或不填：不限）", "text", NULL, 0);
    /* over the hub an empty organiser is signed by the member's role */
    html_text_input(b, r, "organiser", building ? "负责人（不填：楼组长或居委会）" : "负责人",
                    "text", NULL, 0);
    buf_printf(b,
               "<label class=\"check\"><input type=\"checkbox\" name=\"no_waitlist\" "
               "value=\"1\"%s> 满了就不再接受报名（不设候补）</label>%s"
               "<div class=\"actions\"><button>发布</button>"
               "<a class=\"button quiet\" href=\"/activities\">取消</a></div></form>",
               req_field(r, "no_waitlist") ? " checked" : "",
               building ? "<p class=\"meta\">发布到中心库，这栋楼的楼道屏下次同步后显示。</p>"
                        : "");
    page_end(b);
}

/* Parses an optional datetime-local field into *out (0 when empty). */
static int when_field(const Request *r, const char *name, int64_t *out)
{
    const char *v = req_field(r, name);
    *out = 0;
    return !v || !*v || time_parse(v, out) == 0 ? 0 : -1;
}

const char *activity_from_form(const Request *r, StaffActivity *out)
{
    const char *kind = req_field(r, "kind"), *cap = req_field(r, "capacity");
    *out = (StaffActivity){.building = req_field(r, "building")};
    Activity *a = &out->activity;
    *a = (Activity){.kind = kind && strcmp(kind, "team") == 0 ? ACTIVITY_TEAM : ACTIVITY_EVENT,
                    .title = (char *)req_field(r, "title"),
                    .description = (char *)req_field(r, "description"),
                    .place = (char *)req_field(r, "place"),
                    .schedule = (char *)req_field(r, "schedule"),
                    .organiser = (char *)req_field(r, "organiser"),
                    .no_waitlist = req_field(r, "no_waitlist") != NULL};
    char *end = NULL;
    long capacity = cap && *cap ? strtol(cap, &end, 10) : 0;
    if (end && (*end || capacity < 0 || capacity > 100000))
        return "名额要写人数（数字），不限就写0或不填。";
    if (when_field(r, "starts", &a->starts_at) < 0 ||
        when_field(r, "deadline", &a->signup_deadline) < 0)
        return "时间要写成 年-月-日 时:分。";
    if (a->kind == ACTIVITY_EVENT && !a->starts_at)
        return "一次性活动要写开始时间。";
    a->capacity = (int)capacity;
    return NULL;
}

void page_activity_new(Console *c, Request *r, Response *w)
{
    if (strcmp(r->method, "GET") == 0) {
        activity_form(r, w, NULL, NULL);
        return;
    }
    StaffActivity a;
    const char *error = activity_from_form(r, &a);
    if (error) {
        w->status = MHD_HTTP_UNPROCESSABLE_CONTENT;
        activity_form(r, w, error, NULL);
        return;
    }
    int64_t id;
    if (staff_activity_create(&r->session->actor, &a, &id) < 0) {
        char msg[300];
        snprintf(msg, sizeof msg, "没有发布：%s（%s）", staff_error(&r->session->actor),
                 store_errmsg(c->store));
        w->status = MHD_HTTP_UNPROCESSABLE_CONTENT;
        activity_form(r, w, msg, NULL);
        return;
    }
    resp_redirect(w, "/activities/%lld", (long long)id);
}

void page_signup_cancel(Console *c, Request *r, Response *w, int64_t activity_id)
{
    StaffSignupRef who = {.room = req_field(r, "room"), .receipt = req_field(r, "receipt")};
    if (staff_signup_cancel(&r->session->actor, activity_id, &who) < 0) {
        page_message(w, r, MHD_HTTP_UNPROCESSABLE_CONTENT, "没有取消",
                     staff_error(&r->session->actor));
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

static const struct {
    const char *kind, *label;
} CONTACT_LABELS[] = {{"emergency", "急救与紧急"}, {"committee", "居委会"}, {"property", "物业"},
                      {"hotline", "服务热线"},     {"groupchat", "楼组群"}, {"other", "其他"}};

void roster_section(Buf *b, Request *r, const RosterEntry *items, size_t n,
                    const char *const *buildings, ActivityBuildingSelect building)
{
    buf_puts(b, "<h2>楼道值守（今天起两周）</h2>"
                "<div class=\"scroll\"><table class=\"stack\"><thead><tr><th>日期</th>");
    if (buildings)
        buf_puts(b, "<th>楼栋</th>");
    buf_puts(b, "<th>时段</th><th>地点</th><th>值守人</th><th></th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        const RosterEntry *e = &items[i];
        char day[16];
        time_format(e->day, "%m-%d", day, sizeof day);
        buf_printf(b, "<tr><td data-label=\"日期\">%s</td>", day);
        if (buildings) {
            buf_puts(b, "<td data-label=\"楼栋\">");
            html_esc(b, buildings[i]);
            buf_puts(b, "</td>");
        }
        buf_puts(b, "<td data-label=\"时段\">");
        html_esc(b, e->slot);
        buf_puts(b, "</td><td data-label=\"地点\">");
        html_esc(b, e->place);
        buf_puts(b, "</td><td data-label=\"值守人\">");
        html_esc(b, e->person);
        buf_printf(b, "</td><td><form method=\"post\" action=\"/roster/%lld/remove\">",
                   (long long)e->id);
        html_csrf(b, r);
        buf_puts(b, "<button class=\"quiet\">删去</button></form></td></tr>");
    }
    if (!n)
        buf_printf(b, "<tr><td colspan=\"%d\">两周内还没有排班。</td></tr>", buildings ? 6 : 5);
    buf_puts(b, "</tbody></table></div>");
    buf_puts(b, "<form method=\"post\" action=\"/roster/new\" class=\"card\"><h3>排一班</h3>");
    html_csrf(b, r);
    if (building)
        building(b, r, "哪栋楼");
    html_text_input(b, r, "day", "日期", "date", NULL, 1);
    html_text_input(b, r, "slot", "时段（例如 上午 8:00-12:00）", "text", NULL, 0);
    html_text_input(b, r, "place", "地点（例如 一楼大厅）", "text", NULL, 0);
    html_text_input(b, r, "person", "值守人", "text", NULL, 1);
    html_text_input(b, r, "room", "房号（可不填）", "text", NULL, 0);
    buf_puts(b, "<div class=\"actions\"><button>添加</button></div></form>");
}

void contact_section(Buf *b, Request *r, const Contact *items, size_t n,
                     const char *const *buildings, ActivityBuildingSelect building)
{
    buf_puts(b, "<h2 id=\"contacts\">联系电话</h2>");
    for (size_t i = 0; i < n; i++) {
        const Contact *ct = &items[i];
        const char *label = ct->kind;
        for (size_t k = 0; k < sizeof CONTACT_LABELS / sizeof CONTACT_LABELS[0]; k++)
            if (strcmp(ct->kind, CONTACT_LABELS[k].kind) == 0)
                label = CONTACT_LABELS[k].label;
        buf_printf(b, "<article class=\"card\"><h3>");
        html_esc(b, ct->name);
        buf_printf(b, " <span class=\"tag\">%s</span></h3><p>", label);
        html_esc(b, ct->phone);
        buf_puts(b, "</p><p class=\"meta\">");
        if (buildings) {
            html_esc(b, buildings[i]);
            buf_puts(b, *ct->note ? " · " : "");
        }
        html_esc(b, ct->note);
        buf_printf(b, "</p><form method=\"post\" action=\"/contacts/%lld/remove\">",
                   (long long)ct->id);
        html_csrf(b, r);
        buf_puts(b, "<button class=\"quiet\">删去</button></form></article>");
    }
    buf_puts(b, "<form method=\"post\" action=\"/contacts/new\" class=\"card\"><h3>添加电话</h3>");
    html_csrf(b, r);
    if (building)
        building(b, r, "哪栋楼的楼道屏上显示");
    buf_puts(b, "<label for=\"kind\">类别</label><select id=\"kind\" name=\"kind\">");
    for (size_t k = 0; k < sizeof CONTACT_LABELS / sizeof CONTACT_LABELS[0]; k++)
        buf_printf(b, "<option value=\"%s\">%s</option>", CONTACT_LABELS[k].kind,
                   CONTACT_LABELS[k].label);
    buf_puts(b, "</select>");
    html_text_input(b, r, "name", "名称（例如 物业维修）", "text", NULL, 1);
    html_text_input(b, r, "phone", "电话", "tel", NULL, 1);
    html_text_input(b, r, "note", "说明（例如 工作日 8:30-17:00）", "text", NULL, 0);
    buf_puts(b, "<div class=\"actions\"><button>添加</button></div></form>");
}

/* The roster page of either backend (over the hub: hub_page_roster), with error above. */
static void roster_page(Console *c, Request *r, Response *w, const char *error)
{
    if (r->session->actor.hub) {
        hub_page_roster(c, r, w, error);
        return;
    }
    Buf *b = &w->body;
    buf_reset(b);
    page_begin(b, r, "值守与电话");
    html_flash(b, r);
    html_error(b, error);
    int64_t today = time_day_start(time_now());
    RosterList rl = {0};
    if (store_roster_list(c->store, today, today + 14 * 86400, &rl) < 0)
        html_error(b, "读取值守表失败。");
    roster_section(b, r, rl.items, rl.count, NULL, NULL);
    roster_list_free(&rl);
    ContactList cl = {0};
    if (store_contact_list(c->store, NULL, &cl) < 0)
        html_error(b, "读取联系电话失败。");
    contact_section(b, r, cl.items, cl.count, NULL, NULL);
    contact_list_free(&cl);
    page_end(b);
}

void page_roster(Console *c, Request *r, Response *w)
{
    roster_page(c, r, w, NULL);
}

/* A refused add: the page again, with the store's reason and the typed values. */
static void roster_refused(Console *c, Request *r, Response *w, const char *what)
{
    char msg[300];
    snprintf(msg, sizeof msg, "%s没有添加：%s", what, staff_error(&r->session->actor));
    w->status = MHD_HTTP_UNPROCESSABLE_CONTENT;
    roster_page(c, r, w, msg);
}

void page_roster_new(Console *c, Request *r, Response *w)
{
    int64_t day = 0;
    const char *d = req_field(r, "day");
    if (!d || time_parse(d, &day) < 0) {
        w->status = MHD_HTTP_UNPROCESSABLE_CONTENT;
        roster_page(c, r, w, "日期要写成 年-月-日。");
        return;
    }
    StaffRoster e = {.building = req_field(r, "building"),
                     .entry = {.day = day,
                               .slot = (char *)req_field(r, "slot"),
                               .place = (char *)req_field(r, "place"),
                               .person = (char *)req_field(r, "person"),
                               .room = (char *)req_field(r, "room")}};
    if (staff_roster_add(&r->session->actor, &e, NULL) < 0) {
        roster_refused(c, r, w, "值守");
        return;
    }
    resp_redirect(w, "/roster?ok=added");
}

void page_roster_remove(Console *c, Request *r, Response *w, int64_t id)
{
    removed_or_refused(c, r, w, staff_roster_remove(&r->session->actor, id),
                       "/roster?ok=withdrawn");
}

void page_contact_new(Console *c, Request *r, Response *w)
{
    StaffContact ct = {.building = req_field(r, "building"),
                       .contact = {.kind = (char *)req_field(r, "kind"),
                                   .name = (char *)req_field(r, "name"),
                                   .phone = (char *)req_field(r, "phone"),
                                   .note = (char *)req_field(r, "note"),
                                   .qr_text = ""}};
    if (staff_contact_add(&r->session->actor, &ct, NULL) < 0) {
        roster_refused(c, r, w, "电话");
        return;
    }
    resp_redirect(w, "/roster?ok=added#contacts");
}

void page_contact_remove(Console *c, Request *r, Response *w, int64_t id)
{
    removed_or_refused(c, r, w, staff_contact_remove(&r->session->actor, id),
                       "/roster?ok=withdrawn#contacts");
}
