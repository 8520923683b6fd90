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

/* The 健康专栏 page of either backend (over the hub: hub_health_page), error above. */
static void health_page(Console *c, Request *r, Response *w, const char *error)
{
    if (r->session->actor.hub) {
        hub_health_page(r, w, error);
        return;
    }
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
                html_long_text(b, t->body);
            }
            char action[48];
            snprintf(action, sizeof action, "/health/%lld/remove", (long long)t->id);
            html_confirm(b, r,
                         &(HtmlConfirm){.action = action,
                                        .label = "撤下",
                                        .what = "这条小贴士会从楼道屏上消失。",
                                        .button = "确定撤下"});
            buf_puts(b, "</article>");
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
    StaffTip t = {.building = req_field(r, "building"),
                  .month = month,
                  .title = req_field(r, "title"),
                  .body = body,
                  .author = req_field(r, "author")};
    int rc = photo
                 ? staff_tip_publish_photo(&r->session->actor, &t, photo->path, width, height, &id)
                 : staff_tip_publish(&r->session->actor, &t, &id);
    if (rc < 0) {
        char msg[400];
        snprintf(msg, sizeof msg, "没有发布：%s", staff_error(&r->session->actor));
        w->status = strstr(msg, "不能发布") ? MHD_HTTP_FORBIDDEN : MHD_HTTP_UNPROCESSABLE_CONTENT;
        health_page(c, r, w, msg);
        return;
    }
    resp_redirect(w, "/health?ok=%s#tip-%lld", r->session->actor.hub ? "hub_tip" : "published",
                  (long long)id);
}

void page_health_remove(Console *c, Request *r, Response *w, int64_t id)
{
    removed_or_refused(c, r, w, staff_tip_remove(&r->session->actor, id), "/health?ok=withdrawn");
}

void page_activity_new(Console *c, Request *r, Response *w)
{
    if (strcmp(r->method, "GET") == 0) {
        activity_form(r, w, NULL, NULL, NULL, 0);
        return;
    }
    StaffActivity a;
    const char *error = activity_from_form(r, &a);
    if (error) {
        w->status = MHD_HTTP_UNPROCESSABLE_CONTENT;
        activity_form(r, w, error, NULL, NULL, 0);
        return;
    }
    int64_t id;
    if (staff_activity_create(&r->session->actor, &a, &id) < 0) {
        char msg[300];
        snprintf(msg, sizeof msg, "没有发布：%s（%s）", staff_error(&r->session->actor),
                 store_errmsg(c->store));
        w->status = MHD_HTTP_UNPROCESSABLE_CONTENT;
        activity_form(r, w, msg, NULL, NULL, 0);
        return;
    }
    resp_redirect(w, "/activities/%lld", (long long)id);
}

void page_activity_edit(Console *c, Request *r, Response *w, int64_t id)
{
    int hub = r->session->actor.hub != NULL;
    if (strcmp(r->method, "GET") == 0) {
        Activity a;
        int64_t rev;
        if (staff_activity_get(&r->session->actor, id, &a, &rev) < 0) {
            edit_read_refused(r, w, "找不到这个活动");
            return;
        }
        activity_edit_form(r, w, NULL, &a, id, rev, NULL);
        activity_deinit(&a);
        return;
    }
    StaffActivity a;
    const char *error = activity_from_form(r, &a);
    a.rev = posted_rev(r);
    /* the end and the party size only when changed: a hub without sql/hub/038 still saves
     * the rest */
    a.ends_party = form_changed(r, "ends") || form_changed(r, "max_party");
    if (!error && staff_activity_update(&r->session->actor, id, &a) == 0) {
        resp_redirect(w, "/activities/%lld?ok=%s", (long long)id, hub ? "saved_hub" : "saved");
        return;
    }
    char msg[300];
    if (!error) {
        const char *why = staff_error(&r->session->actor);
        if (staff_refusal(&r->session->actor) == STAFF_REFUSAL_CHANGED) {
            /* someone saved it since this form was read: their activity and this draft */
            Activity now;
            int64_t rev;
            if (staff_activity_get(&r->session->actor, id, &now, &rev) == 0) {
                w->status = MHD_HTTP_CONFLICT;
                activity_edit_form(r, w, EDIT_OVERTAKEN_HELP, NULL, id, rev, &now);
                activity_deinit(&now);
                return;
            }
            why = staff_error(&r->session->actor); /* withdrawn meanwhile, say */
        }
        snprintf(msg, sizeof msg, "没有保存：%s", why);
    }
    int missing = !error && (hub ? strstr(msg, "没有找到") != NULL
                                 : store_reason(c->store) == REASON_NOT_FOUND);
    w->status = missing ? MHD_HTTP_NOT_FOUND : MHD_HTTP_UNPROCESSABLE_CONTENT;
    activity_edit_form(r, w, error ? error : msg, NULL, id, -1, NULL);
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
