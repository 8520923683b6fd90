/* What staff plan ahead: the month's health tips, new activities and teams, a sign-up
 * cancelled on a resident's behalf, and a consultation's votes for the record. */
#include "console/console.h"
#include "console/tip_photo.h"

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
            buf_puts(b, "</p>");
            if (t->photo_sha256[0]) {
                char id[24];
                snprintf(id, sizeof id, "%lld", (long long)t->id);
                tip_photo_thumb(b, id, t->photo_width, t->photo_height);
            }
            if (t->body[0]) {
                buf_puts(b, "<p class=\"text\">");
                html_esc(b, t->body);
                buf_puts(b, "</p>");
            }
            buf_printf(b, "<form method=\"post\" action=\"/health/%lld/remove\">",
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
    buf_puts(b, "<form method=\"post\" action=\"/health/new\" enctype=\"multipart/form-data\" "
                "class=\"card\"><h2>写这个月的小贴士</h2>");
    html_csrf(b, r);
    html_text_input(b, r, "month", "月份（年-月）", "text", month, 1);
    html_text_input(b, r, "title", "标题", "text", NULL, 1);
    buf_puts(b, "<label for=\"body\">内容（医生手写的稿子，照着打进来）</label>"
                "<textarea id=\"body\" name=\"body\" rows=\"8\">");
    html_esc(b, req_field(r, "body") ? req_field(r, "body") : "");
    buf_puts(b, "</textarea>");
    tip_photo_field(b);
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
    const Upload *photo = NULL;
    req_uploads(r, "photo", &photo, 1);
    if (photo && photo->size == 0)
        photo = NULL; /* the field left empty: browsers send a nameless empty part */
    const char *body = req_field(r, "body");
    if (!photo && !tip_text_given(body)) {
        w->status = MHD_HTTP_UNPROCESSABLE_CONTENT;
        health_page(c, r, w, TIP_NEED_BODY_OR_PHOTO);
        return;
    }
    int width = 0, height = 0;
    const char *why = NULL;
    if (photo && tip_photo_clean(photo, &width, &height, &why) < 0) {
        char msg[400];
        snprintf(msg, sizeof msg, "没有发布：手写稿照片“%.120s”%s。", photo->filename, why);
        w->status = MHD_HTTP_UNPROCESSABLE_CONTENT;
        health_page(c, r, w, msg);
        return;
    }
    int64_t id;
    int rc = photo
                 ? staff_tip_publish_photo(&r->session->actor, month, req_field(r, "title"), body,
                                           req_field(r, "author"), photo->path, width, height, &id)
                 : staff_tip_publish(&r->session->actor, month, req_field(r, "title"), body,
                                     req_field(r, "author"), &id);
    if (rc < 0) {
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
    removed_or_refused(c, r, w, staff_tip_remove(&r->session->actor, id), "/health?ok=withdrawn");
}

static void activity_form(Request *r, Response *w, const char *error)
{
    Buf *b = &w->body;
    buf_reset(b);
    page_begin(b, r, "新活动或团队");
    html_error(b, error);
    buf_puts(b, "<form method=\"post\" action=\"/activities/new\" class=\"card\">");
    html_csrf(b, r);
    const char *kind = req_field(r, "kind");
    int team = kind && strcmp(kind, "team") == 0;
    buf_printf(b,
               "<label for=\"kind\">类型</label><select id=\"kind\" name=\"kind\">"
               "<option value=\"event\"%s>一次性活动（有日期）</option>"
               "<option value=\"team\"%s>长期团队（如 合唱队）</option></select>",
               team ? "" : " selected", team ? " selected" : "");
    html_text_input(b, r, "title", "名称", "text", NULL, 1);
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
    html_text_input(b, r, "organiser", "负责人", "text", NULL, 0);
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

static const struct {
    const char *kind, *label;
} CONTACT_LABELS[] = {{"emergency", "急救与紧急"}, {"committee", "居委会"}, {"property", "物业"},
                      {"hotline", "服务热线"},     {"groupchat", "楼组群"}, {"other", "其他"}};

static void roster_page(Console *c, Request *r, Response *w, const char *error)
{
    Buf *b = &w->body;
    buf_reset(b);
    page_begin(b, r, "值守与电话");
    html_flash(b, r);
    html_error(b, error);
    int64_t today = time_day_start(time_now());
    RosterList rl;
    buf_puts(b, "<h2>楼道值守（今天起两周）</h2>");
    if (store_roster_list(c->store, today, today + 14 * 86400, &rl) == 0) {
        buf_puts(b,
                 "<div class=\"scroll\"><table><thead><tr><th>日期</th><th>时段</th><th>地点</th>"
                 "<th>值守人</th><th></th></tr></thead><tbody>");
        for (size_t i = 0; i < rl.count; i++) {
            const RosterEntry *e = &rl.items[i];
            char day[16];
            time_format(e->day, "%m-%d", day, sizeof day);
            buf_printf(b, "<tr><td>%s</td><td>", day);
            html_esc(b, e->slot);
            buf_puts(b, "</td><td>");
            html_esc(b, e->place);
            buf_puts(b, "</td><td>");
            html_esc(b, e->person);
            buf_printf(b, "</td><td><form method=\"post\" action=\"/roster/%lld/remove\">",
                       (long long)e->id);
            html_csrf(b, r);
            buf_puts(b, "<button class=\"quiet\">删去</button></form></td></tr>");
        }
        if (!rl.count)
            buf_puts(b, "<tr><td colspan=\"5\">两周内还没有排班。</td></tr>");
        buf_puts(b, "</tbody></table></div>");
        roster_list_free(&rl);
    }
    buf_puts(b, "<form method=\"post\" action=\"/roster/new\" class=\"card\"><h3>排一班</h3>");
    html_csrf(b, r);
    html_text_input(b, r, "day", "日期", "date", NULL, 1);
    html_text_input(b, r, "slot", "时段（例如 上午 8:00-12:00）", "text", NULL, 0);
    html_text_input(b, r, "place", "地点（例如 一楼大厅）", "text", NULL, 0);
    html_text_input(b, r, "person", "值守人", "text", NULL, 1);
    html_text_input(b, r, "room", "房号（可不填）", "text", NULL, 0);
    buf_puts(b, "<div class=\"actions\"><button>添加</button></div></form>");

    buf_puts(b, "<h2 id=\"contacts\">联系电话</h2>");
    ContactList cl;
    if (store_contact_list(c->store, NULL, &cl) == 0) {
        for (size_t i = 0; i < cl.count; i++) {
            const Contact *ct = &cl.items[i];
            const char *label = ct->kind;
            for (size_t k = 0; k < sizeof CONTACT_LABELS / sizeof CONTACT_LABELS[0]; k++)
                if (strcmp(ct->kind, CONTACT_LABELS[k].kind) == 0)
                    label = CONTACT_LABELS[k].label;
            buf_printf(b, "<article class=\"card\"><h3>");
            html_esc(b, ct->name);
            buf_printf(b, " <span class=\"tag\">%s</span></h3><p>", label);
            html_esc(b, ct->phone);
            buf_puts(b, "</p><p class=\"meta\">");
            html_esc(b, ct->note);
            buf_printf(b, "</p><form method=\"post\" action=\"/contacts/%lld/remove\">",
                       (long long)ct->id);
            html_csrf(b, r);
            buf_puts(b, "<button class=\"quiet\">删去</button></form></article>");
        }
        contact_list_free(&cl);
    }
    buf_puts(b, "<form method=\"post\" action=\"/contacts/new\" class=\"card\"><h3>添加电话</h3>");
    html_csrf(b, r);
    buf_puts(b, "<label for=\"kind\">类别</label><select id=\"kind\" name=\"kind\">");
    for (size_t k = 0; k < sizeof CONTACT_LABELS / sizeof CONTACT_LABELS[0]; k++)
        buf_printf(b, "<option value=\"%s\">%s</option>", CONTACT_LABELS[k].kind,
                   CONTACT_LABELS[k].label);
    buf_puts(b, "</select>");
    html_text_input(b, r, "name", "名称（例如 物业维修）", "text", NULL, 1);
    html_text_input(b, r, "phone", "电话", "tel", NULL, 1);
    html_text_input(b, r, "note", "说明（例如 工作日 8:30-17:00）", "text", NULL, 0);
    buf_puts(b, "<div class=\"actions\"><button>添加</button></div></form>");
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
    snprintf(msg, sizeof msg, "%s没有添加：%s", what, reason_text(store_reason(c->store)));
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
    RosterEntry e = {.day = day,
                     .slot = (char *)req_field(r, "slot"),
                     .place = (char *)req_field(r, "place"),
                     .person = (char *)req_field(r, "person"),
                     .room = (char *)req_field(r, "room")};
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
    Contact ct = {.kind = (char *)req_field(r, "kind"),
                  .name = (char *)req_field(r, "name"),
                  .phone = (char *)req_field(r, "phone"),
                  .note = (char *)req_field(r, "note"),
                  .qr_text = ""};
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
