/* Notices, activities with their sign-up lists, consultations with their results,
 * photo albums and the kiosk: what staff publish and what they read back. */
#include "console/console.h"

#include "core/csv.h"
#include "core/room.h"
#include "core/timeutil.h"
#include "store/activity.h"
#include "store/kiosk.h"
#include "store/notice.h"
#include "store/outbox.h"
#include "store/signup.h"
#include "store/sync_state.h"
#include "store/vote.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void page_notices(Console *c, Request *r, Response *w)
{
    Buf *b = &w->body;
    page_begin(b, r, "通知公告");
    html_flash(b, r);
    buf_puts(b, "<p><a class=\"button\" href=\"/notices/new\">写新通知</a></p>");
    NoticeQuery q = {.include_hidden = 1};
    NoticeList l;
    if (store_notice_list(c->store, &q, &l) < 0) {
        buf_puts(b, "<p class=\"error\">读取通知失败。</p>");
        page_end(b);
        return;
    }
    int64_t now = time_now();
    if (!l.count)
        buf_puts(b, "<p>还没有通知。</p>");
    for (size_t i = 0; i < l.count; i++) {
        const Notice *n = &l.items[i];
        int urgent = strcmp(n->category, NOTICE_URGENT) == 0;
        int expired = n->expires_at && n->expires_at <= now;
        buf_printf(b, "<article class=\"card\" id=\"notice-%lld\"><h3>", (long long)n->id);
        html_esc(b, n->title);
        buf_printf(b, "</h3><p class=\"meta\"><span class=\"tag%s\">", urgent ? " urgent" : "");
        html_esc(b, n->category);
        buf_puts(b, "</span> ");
        if (n->pinned)
            buf_puts(b, "<span class=\"tag\">置顶</span> ");
        buf_puts(b, "发布 ");
        html_time(b, n->publish_at);
        if (n->expires_at) {
            buf_puts(b, expired ? " · 已于 " : " · 到 ");
            html_until(b, n->expires_at);
            buf_puts(b, expired ? " 过期" : " 为止");
        }
        buf_puts(b, "</p>");
        html_long_text(b, n->body);
        char action[48];
        snprintf(action, sizeof action, "/notices/%lld/withdraw", (long long)n->id);
        buf_printf(b,
                   "<div class=\"actions\"><a class=\"button quiet\" "
                   "href=\"/notices/%lld/edit\">修改</a>",
                   (long long)n->id);
        html_confirm(b, r,
                     &(HtmlConfirm){.action = action,
                                    .label = "撤下",
                                    .what = "这条通知会从本楼的楼道屏上消失。",
                                    .button = "确定撤下"});
        buf_puts(b, "</div></article>");
    }
    notice_list_free(&l);
    page_end(b);
}

/* The notice as it stands now, above the form of an edit that someone else's save
 * overtook: what the staff member compares their draft with. */
static void notice_current(Buf *b, const Notice *n)
{
    buf_puts(b, "<section class=\"card\" id=\"current\"><h2>现在的内容</h2><h3>");
    html_esc(b, n->title);
    buf_printf(b, "</h3><p class=\"meta\"><span class=\"tag%s\">",
               strcmp(n->category, NOTICE_URGENT) == 0 ? " urgent" : "");
    html_esc(b, n->category);
    buf_puts(b, "</span>");
    if (n->pinned)
        buf_puts(b, " <span class=\"tag\">置顶</span>");
    if (n->expires_at) {
        buf_puts(b, " · 到 ");
        html_until(b, n->expires_at);
        buf_puts(b, " 为止");
    }
    if (n->author && *n->author) {
        buf_puts(b, " · 署名 ");
        html_esc(b, n->author);
    }
    buf_puts(b, " · 发布 ");
    html_time(b, n->publish_at);
    buf_puts(b, "</p>");
    html_long_text(b, n->body);
    buf_puts(b, "</section><h2>您填写的内容</h2>");
}

/* The notice form: a new notice (edit_id 0) or notice edit_id; filled from the posted
 * fields, or from `from` (the stored notice) when editing starts. An edit carries the
 * revision it was read at (rev; -1: the posted one) in a hidden field for the save to
 * give back; current, when not NULL, is the notice as someone else left it, shown above
 * the posted draft. */
static void notice_form(Request *r, Response *w, const Notice *from, int64_t edit_id,
                        const char *error, int previewed, int64_t rev, const Notice *current)
{
    const char *title = req_field(r, "title"), *body = req_field(r, "body");
    const char *cat = req_field(r, "category"), *expires = req_field(r, "expires");
    int urgent = req_field(r, "urgent") != NULL, pinned = req_field(r, "pinned") != NULL;
    char until[16] = "", published[24] = "";
    if (from && from->publish_at)
        time_format(from->publish_at, "%Y-%m-%dT%H:%M", published, sizeof published);
    if (from) {
        title = from->title;
        body = from->body;
        cat = from->category;
        urgent = strcmp(from->category, NOTICE_URGENT) == 0;
        pinned = from->pinned;
        if (from->expires_at)
            time_format(from->expires_at - 1, "%Y-%m-%d", until, sizeof until);
        expires = until;
    }
    Buf *b = &w->body;
    buf_reset(b);
    page_begin(b, r, edit_id ? "修改通知" : "写新通知");
    html_error(b, error);
    if (current)
        notice_current(b, current);
    if (edit_id)
        buf_printf(b, "<form method=\"post\" action=\"/notices/%lld/edit\" class=\"card\">",
                   (long long)edit_id);
    else
        buf_puts(b, "<form method=\"post\" action=\"/notices/new\" class=\"card\">");
    html_csrf(b, r);
    if (edit_id)
        html_rev(b, r, rev);
    if (r->session->actor.hub && !edit_id) /* an edited notice stays in its building */
        hub_building_select(b, r, "发给哪栋楼");
    buf_printf(b,
               "<label for=\"title\">标题（最多%d字）</label>"
               "<input type=\"text\" id=\"title\" name=\"title\" required maxlength=\"%d\" "
               "value=\"",
               STORE_TITLE_MAX, STORE_TITLE_MAX);
    html_attr(b, title ? title : "");
    buf_puts(b, "\"><label for=\"body\">正文</label>"
                "<textarea id=\"body\" name=\"body\" required rows=\"10\">");
    html_esc(b, body ? body : "");
    buf_puts(b, "</textarea><label for=\"category\">分类</label>"
                "<select id=\"category\" name=\"category\">");
    for (size_t i = 0; i < NOTICE_CATEGORY_COUNT; i++) {
        if (strcmp(NOTICE_CATEGORIES[i], NOTICE_URGENT) == 0)
            continue; /* the checkbox below */
        buf_printf(b, "<option%s>",
                   cat && strcmp(cat, NOTICE_CATEGORIES[i]) == 0 ? " selected" : "");
        html_esc(b, NOTICE_CATEGORIES[i]);
        buf_puts(b, "</option>");
    }
    buf_printf(b,
               "</select><label class=\"check\"><input type=\"checkbox\" name=\"urgent\" "
               "value=\"1\"%s> 紧急（停水停电、安全提醒：楼道屏顶上显示红色横幅）</label>"
               "<label class=\"check\"><input type=\"checkbox\" name=\"pinned\" value=\"1\"%s> "
               "置顶</label>",
               urgent ? " checked" : "", pinned ? " checked" : "");
    html_text_input(b, r, "expires", "显示到哪天为止（不填：一直显示）", "date", expires, 0);
    /* who signs it and when it shows: an edit sends them only when changed (html_was),
     * so that a hub without sql/hub/038 still saves the rest; such a hub does not say
     * who signed it (staff_notice_get: NULL), so neither is offered there, lest a blank
     * read as "unsigned" */
    int older_hub = edit_id && (from ? !from->author : req_field(r, "older_hub") != NULL);
    if (older_hub) {
        buf_puts(b, "<input type=\"hidden\" name=\"older_hub\" value=\"1\">"
                    "<label>署名和发布时间</label><p class=\"meta\" id=\"older-hub\">"
                    "中心库需要先升级（sql/hub/038），升级前这里看不到署名，也改不了署名和"
                    "发布时间；保存时两者都保持原样，其他内容照常修改。</p>");
    } else {
        html_text_input(b, r, "author", "署名（不填：楼组长或居委会）", "text",
                        from ? from->author : NULL, 0);
        html_text_input(b, r, "publish", edit_id ? "发布时间" : "发布时间（不填：马上发布）",
                        "datetime-local", published, 0);
        buf_puts(b, edit_id ? "<p class=\"meta hint\" id=\"publish-when\">改成以后的时间："
                              "到时才在楼道屏上显示；清空：改为现在，马上显示。</p>"
                            : "<p class=\"meta hint\" id=\"publish-when\">写以后的时间："
                              "到时才在楼道屏上显示。</p>");
    }
    if (edit_id && !older_hub) {
        html_was(b, r, "author", from ? from->author : NULL);
        html_was(b, r, "publish", published);
    }
    /* 预览 comes first: the Enter key in a field submits the first button */
    buf_puts(b, "<div class=\"actions\"><button type=\"submit\" name=\"action\" "
                "value=\"preview\" class=\"quiet\">先看看楼道屏上的样子</button>"
                "<button type=\"submit\" name=\"action\" value=\"publish\">");
    buf_puts(b, edit_id ? "保存修改" : "发布");
    buf_puts(b, "</button>"
                "<a class=\"button quiet\" href=\"/notices\">取消</a></div>");
    if (previewed) {
        char nonce[17];
        random_hex(nonce, 8); /* a new address per preview: no stale picture from a cache */
        buf_puts(b, "<h2>楼道屏上的样子</h2><p class=\"meta\">由楼道屏程序自己画出；"
                    "满意就点上面的“发布”。</p><div class=\"previews\">");
        for (int i = 0; i < PREVIEW_COUNT; i++)
            buf_printf(b,
                       "<figure><img src=\"/notices/preview/%d.png?v=%s\" alt=\"%s\" "
                       "loading=\"lazy\"><figcaption>%s</figcaption></figure>",
                       i + 1, nonce, PREVIEW_VARIANTS[i].label, PREVIEW_VARIANTS[i].label);
        buf_puts(b, "</div><div class=\"actions\"><button type=\"submit\" name=\"action\" "
                    "value=\"publish\" id=\"publish-after-preview\">满意，发布</button></div>");
    }
    buf_puts(b, "</form>");
    page_end(b);
}

void page_notice_preview_png(Console *c, Request *r, Response *w, int64_t i)
{
    char path[400];
    FILE *f = preview_file(r->session, (int)i, path, sizeof path) == 0 ? fopen(path, "rb") : NULL;
    if (!f) {
        page_message(w, r, MHD_HTTP_NOT_FOUND, "预览已过期", "请回到写通知的页面重新预览。");
        return;
    }
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(&w->body, chunk, n);
    fclose(f);
    w->content_type = "image/png";
}

/* Checks the posted notice, then previews it, or publishes it (edit_id 0) or saves
 * notice edit_id. */
static void notice_save(Console *c, Request *r, Response *w, int64_t edit_id)
{
    StaffNotice n = {.building = req_field(r, "building"),
                     .title = req_field(r, "title"),
                     .body = req_field(r, "body"),
                     .category = req_field(r, "category"),
                     .urgent = req_field(r, "urgent") != NULL,
                     .pinned = req_field(r, "pinned") != NULL};
    const char *expires = req_field(r, "expires"), *publish = req_field(r, "publish");
    const char *author = req_field(r, "author");
    if (author && *author && (!edit_id || form_changed(r, "author")))
        n.author = author;
    else if (edit_id && form_changed(r, "author")) /* emptied: the member's role signs it */
        n.author = staff_signature(&r->session->actor);
    if ((!edit_id || form_changed(r, "publish")) && publish && *publish &&
        time_parse(publish, &n.publish_at) < 0) {
        w->status = MHD_HTTP_UNPROCESSABLE_CONTENT;
        notice_form(r, w, NULL, edit_id, "发布时间要写成 年-月-日 时:分。", 0, -1, NULL);
        return;
    }
    if (edit_id && form_changed(r, "publish") && !n.publish_at)
        n.publish_at = time_now(); /* emptied: from now on */
    if (expires && *expires) {
        int64_t day;
        if (strlen(expires) != 10 || time_parse(expires, &day) < 0) {
            w->status = MHD_HTTP_UNPROCESSABLE_CONTENT;
            notice_form(r, w, NULL, edit_id, "截止日期要写成 年-月-日，例如 2026-12-31。", 0, -1,
                        NULL);
            return;
        }
        n.expires_at = time_day_start(day) + 24 * 3600; /* through the whole day */
        if (n.expires_at <= time_now()) {
            w->status = MHD_HTTP_UNPROCESSABLE_CONTENT;
            notice_form(r, w, NULL, edit_id,
                        "截止日期已经过去了，这条通知不会显示。请改一个以后的日子。", 0, -1, NULL);
            return;
        }
    }
    const char *action = req_field(r, "action");
    int hub = r->session->actor.hub != NULL;
    if (action && strcmp(action, "preview") == 0) {
        if (!n.author && author && *author)
            n.author = author; /* signed as the form says, changed or not */
        char err[300] = "";
        int rc = 0;
        if (r->preview) {
            /* routed again once its kiosks are done (http.c), the session found anew */
            rc = preview_finish(c, r, err, sizeof err);
        } else {
            /* over the hub, the kiosks of the building it goes to (or is in) draw it */
            KioskInfo building = {0};
            if (hub && edit_id) {
                Notice stored;
                if (hub_notice_get(r, w, edit_id, &stored, &building) < 0)
                    return;
                notice_deinit(&stored);
            } else if (hub) {
                rc = hub_building_info(r, n.building, &building, err, sizeof err);
            }
            if (rc == 0)
                rc = preview_start(c, r, &n, hub ? &building : NULL, err, sizeof err);
            kiosk_info_deinit(&building);
            if (rc == 0)
                return; /* no answer yet: the kiosks are drawing */
        }
        if (rc < 0) {
            w->status = strstr(err, "不能发布")     ? MHD_HTTP_FORBIDDEN
                        : strstr(err, "预览太多")   ? MHD_HTTP_SERVICE_UNAVAILABLE
                        : strstr(err, "又点了预览") ? MHD_HTTP_CONFLICT
                                                    : MHD_HTTP_UNPROCESSABLE_CONTENT;
            notice_form(r, w, NULL, edit_id, err, 0, -1, NULL);
            return;
        }
        notice_form(r, w, NULL, edit_id, NULL, 1, -1, NULL);
        return;
    }
    int64_t id = edit_id;
    n.rev = posted_rev(r);
    int rc = edit_id ? staff_notice_update(&r->session->actor, edit_id, &n)
                     : staff_notice_publish(&r->session->actor, &n, &id);
    if (rc < 0) {
        const char *why = staff_error(&r->session->actor);
        if (edit_id && staff_refusal(&r->session->actor) == STAFF_REFUSAL_CHANGED) {
            /* someone saved it since this form was read: their notice and this draft */
            Notice now;
            int64_t rev;
            if (staff_notice_get(&r->session->actor, edit_id, &now, &rev) == 0) {
                w->status = MHD_HTTP_CONFLICT;
                notice_form(r, w, NULL, edit_id, EDIT_OVERTAKEN_HELP, 0, rev, &now);
                notice_deinit(&now);
                return;
            }
            why = staff_error(&r->session->actor); /* withdrawn meanwhile, say */
        }
        char msg[300];
        snprintf(msg, sizeof msg, "%s：%s", edit_id ? "没有保存" : "没有发布", why);
        int missing =
            hub ? strstr(why, "没有找到") != NULL : store_reason(c->store) == REASON_NOT_FOUND;
        w->status = missing                   ? MHD_HTTP_NOT_FOUND
                    : strstr(why, "不能发布") ? MHD_HTTP_FORBIDDEN
                                              : MHD_HTTP_UNPROCESSABLE_CONTENT;
        notice_form(r, w, NULL, edit_id, msg, 0, -1, NULL);
        return;
    }
    resp_redirect(w, "/notices?ok=%s#notice-%lld",
                  edit_id ? (hub ? "saved_hub" : "saved")
                  : hub   ? "hub_published"
                          : "published",
                  (long long)id);
}

void page_notice_new(Console *c, Request *r, Response *w)
{
    if (strcmp(r->method, "GET") == 0)
        notice_form(r, w, NULL, 0, NULL, 0, 0, NULL);
    else
        notice_save(c, r, w, 0);
}

void page_notice_edit(Console *c, Request *r, Response *w, int64_t id)
{
    if (strcmp(r->method, "POST") == 0) {
        notice_save(c, r, w, id);
        return;
    }
    Notice n;
    int64_t rev;
    if (staff_notice_get(&r->session->actor, id, &n, &rev) < 0) {
        edit_read_refused(r, w, "找不到这条通知");
        return;
    }
    notice_form(r, w, &n, id, NULL, 0, rev, NULL);
    notice_deinit(&n);
}

void page_notice_withdraw(Console *c, Request *r, Response *w, int64_t id)
{
    removed_or_refused(c, r, w, staff_notice_withdraw(&r->session->actor, id),
                       "/notices?ok=withdrawn");
}

void page_activities(Console *c, Request *r, Response *w)
{
    Buf *b = &w->body;
    page_begin(b, r, "活动与团队");
    html_flash(b, r);
    buf_puts(b, "<p><a class=\"button\" href=\"/activities/new\">新活动或团队</a></p>");
    ActivityQuery q = {.include_hidden = 1};
    ActivityList l;
    if (store_activity_list(c->store, &q, &l) < 0) {
        buf_puts(b, "<p class=\"error\">读取活动失败。</p>");
        page_end(b);
        return;
    }
    if (!l.count)
        buf_puts(b, "<p>还没有活动。</p>");
    for (size_t i = 0; i < l.count; i++) {
        const Activity *a = &l.items[i];
        buf_printf(b, "<article class=\"card\"><h3><a href=\"/activities/%lld\">",
                   (long long)a->id);
        html_esc(b, a->title);
        buf_puts(b, "</a></h3><p class=\"meta\">");
        if (a->kind == ACTIVITY_EVENT)
            html_time(b, a->starts_at);
        else
            html_esc(b, a->schedule);
        buf_puts(b, " · ");
        html_esc(b, a->place);
        buf_printf(b, "</p><p>已报名 %d 户 %d 人", a->fill.confirmed_signups,
                   a->fill.confirmed_people);
        if (a->capacity > 0)
            buf_printf(b, "，名额 %d，还剩 %d", a->capacity, a->fill.places_left);
        if (a->fill.waiting_signups)
            buf_printf(b, "，候补 %d 户", a->fill.waiting_signups);
        buf_puts(b, "</p></article>");
    }
    activity_list_free(&l);
    page_end(b);
}

void html_activity_facts(Buf *b, const Activity *a, const char *building)
{
    buf_puts(b, "<dl class=\"facts\"><dt>类型</dt><dd>");
    buf_puts(b, a->kind == ACTIVITY_TEAM ? "团队（长期招募）" : "活动");
    if (building && *building) {
        buf_puts(b, "</dd><dt>楼栋</dt><dd>");
        html_esc(b, building);
    }
    if (a->kind == ACTIVITY_EVENT && a->starts_at) {
        buf_puts(b, "</dd><dt>时间</dt><dd>");
        html_time(b, a->starts_at);
        if (a->ends_at > a->starts_at) {
            buf_puts(b, " 至 ");
            html_until(b, a->ends_at);
        }
    }
    if (a->schedule && *a->schedule) {
        buf_puts(b, "</dd><dt>时间安排</dt><dd>");
        html_esc(b, a->schedule);
    }
    if (a->place && *a->place) {
        buf_puts(b, "</dd><dt>地点</dt><dd>");
        html_esc(b, a->place);
    }
    buf_puts(b, "</dd><dt>报名截止</dt><dd>");
    if (a->signup_deadline)
        html_until(b, a->signup_deadline);
    else
        buf_puts(b, a->kind == ACTIVITY_EVENT ? "活动开始时" : "不截止");
    buf_puts(b, "</dd><dt>名额</dt><dd>");
    if (a->capacity > 0)
        buf_printf(b, "%d 人", a->capacity);
    else
        buf_puts(b, "不限");
    buf_printf(b, "，每户最多 %d 人；%s</dd><dt>报名</dt><dd>已报名 %d 户 %d 人", a->max_party,
               a->no_waitlist ? "满了不候补" : "满了可以候补", a->fill.confirmed_signups,
               a->fill.confirmed_people);
    if (a->capacity > 0)
        buf_printf(b, "，还剩 %d", a->fill.places_left > 0 ? a->fill.places_left : 0);
    if (a->fill.waiting_signups)
        buf_printf(b, "；候补 %d 户 %d 人", a->fill.waiting_signups, a->fill.waiting_people);
    if (a->organiser && *a->organiser) {
        buf_puts(b, "</dd><dt>组织者</dt><dd>");
        html_esc(b, a->organiser);
    }
    buf_puts(b, "</dd></dl>");
    if (a->description && *a->description) {
        buf_puts(b, "<p class=\"text\">");
        html_esc(b, a->description);
        buf_puts(b, "</p>");
    }
}

void page_activity(Console *c, Request *r, Response *w, int64_t id)
{
    Activity a;
    if (store_activity_get(c->store, id, &a) < 0) {
        page_message(w, r, MHD_HTTP_NOT_FOUND, "找不到这个活动", "它可能已经被撤下了。");
        return;
    }
    SignupList l = {0};
    store_signup_list(c->store, id, 0, &l);
    Buf *b = &w->body;
    page_begin(b, r, a.title);
    html_flash(b, r);
    html_activity_facts(b, &a, NULL);
    buf_printf(b,
               "<p class=\"actions\"><a class=\"button\" href=\"/activities/%lld/signups.xlsx\">"
               "导出报名表（Excel）</a><a class=\"button quiet\" "
               "href=\"/activities/%lld/signups.csv\">CSV</a><a class=\"button quiet\" "
               "href=\"/activities/%lld/edit\">修改</a></p>",
               (long long)id, (long long)id, (long long)id);
    html_withdraw_activity(b, r, id);
    SignupRow *rows = calloc(l.count ? l.count : 1, sizeof *rows);
    for (size_t i = 0; rows && i < l.count; i++) {
        const Signup *g = &l.items[i];
        rows[i] = (SignupRow){.room = g->room,
                              .name = g->name,
                              .status = signup_status_text(g->status),
                              .cancellable =
                                  g->status == SIGNUP_CONFIRMED || g->status == SIGNUP_WAITLISTED,
                              .cancel = {{"room", g->room}, {"receipt", g->receipt}},
                              .phone = g->phone,
                              .party = g->party_size,
                              .created_at = g->created_at};
    }
    if (rows)
        signup_table(b, r, id, rows, l.count, 0);
    else
        buf_puts(b, "<p class=\"error\">读取报名失败。</p>");
    free(rows);
    page_end(b);
    signup_list_free(&l);
    activity_deinit(&a);
}

void csv_cell(Buf *b, const char *s, int last)
{
    csv_field(b, s ? s : "", 1);
    buf_puts(b, last ? "\r\n" : ",");
}

void page_activity_csv(Console *c, Request *r, Response *w, int64_t id)
{
    Activity a;
    if (store_activity_get(c->store, id, &a) < 0) {
        page_message(w, r, MHD_HTTP_NOT_FOUND, "找不到这个活动", "它可能已经被撤下了。");
        return;
    }
    SignupList l = {0};
    if (store_signup_list(c->store, id, 1, &l) < 0) {
        activity_deinit(&a);
        page_message(w, r, MHD_HTTP_INTERNAL_SERVER_ERROR, "导出失败",
                     "读取报名表失败，请再试一次。");
        return;
    }
    Buf *b = &w->body;
    buf_puts(b, "\xEF\xBB\xBF"); /* BOM: Excel and WPS then read UTF-8 */
    static const char *const head[] = {"活动", "房号", "称呼",   "电话",
                                       "人数", "状态", "回执码", "报名时间"};
    for (size_t i = 0; i < 8; i++)
        csv_cell(b, head[i], i == 7);
    for (size_t i = 0; i < l.count; i++) {
        const Signup *g = &l.items[i];
        char n[16], when[32];
        snprintf(n, sizeof n, "%d", g->party_size);
        time_format(g->created_at, "%Y-%m-%d %H:%M", when, sizeof when);
        const char *row[] = {a.title,    g->room, g->name,
                             g->phone,   n,       signup_status_text(g->status),
                             g->receipt, when};
        for (size_t k = 0; k < 8; k++)
            csv_cell(b, row[k], k == 7);
    }
    w->content_type = "text/csv; charset=utf-8";
    snprintf(w->disposition, sizeof w->disposition, "attachment; filename=\"signups-%lld.csv\"",
             (long long)id);
    signup_list_free(&l);
    activity_deinit(&a);
}

/* A consultation's results: each option's households, then participation and agreement
 * against the thresholds (whose: "本楼", or the area the poll went to; how: how staff
 * register the household count when it is missing). Both backends' polls pages. */
void html_poll_results(Buf *b, const PollResults *res, const char *whose, const char *how)
{
    for (size_t k = 0; k < res->count; k++) {
        int pct = res->voted ? (int)(100 * res->tallies[k].households / res->voted) : 0;
        buf_puts(b, "<p>");
        html_esc(b, res->tallies[k].label);
        buf_printf(b,
                   "：%lld 户（%d%%）<span class=\"bar-chart\"><span style=\"width:%d%%\">"
                   "</span></span></p>",
                   (long long)res->tallies[k].households, pct, pct);
    }
    if (res->households > 0) {
        buf_puts(b, "<p>");
        html_esc(b, whose);
        buf_printf(b,
                   " %lld 户，已表态 %lld 户，参与率 %.1f%%（需要至少三分之二）："
                   "<span class=\"%s\">%s</span></p>",
                   (long long)res->households, (long long)res->voted, 100 * res->participation,
                   res->quorum_reached ? "pass" : "fail", res->quorum_reached ? "达到" : "未达到");
        buf_printf(b,
                   "<p>同意占已表态的 %.1f%%（需要至少四分之三）：<span class=\"%s\">%s"
                   "</span></p><p><b>结论：%s</b></p>",
                   100 * res->agreement, res->agreement_reached ? "pass" : "fail",
                   res->agreement_reached ? "达到" : "未达到",
                   res->passed ? "两项门槛都已达到" : "门槛还没有全部达到");
    } else {
        buf_printf(b, "<p>已表态 %lld 户。", (long long)res->voted);
        html_esc(b, whose);
        buf_puts(b, "户数还没有登记，算不出参与率（");
        html_esc(b, how);
        buf_puts(b, "）。</p>");
    }
}

void page_polls(Console *c, Request *r, Response *w)
{
    Buf *b = &w->body;
    page_begin(b, r, "意向征询");
    html_flash(b, r);
    buf_puts(b, "<p><a class=\"button\" href=\"/polls/new\">发起征询</a></p>");
    PollQuery q = {.include_closed = 1};
    PollList l;
    if (store_poll_list(c->store, &q, &l) < 0) {
        buf_puts(b, "<p class=\"error\">读取征询失败。</p>");
        page_end(b);
        return;
    }
    int64_t now = time_now();
    if (!l.count)
        buf_puts(b, "<p>还没有征询。</p>");
    for (size_t i = 0; i < l.count; i++) {
        const Poll *p = &l.items[i];
        PollResults res;
        if (store_poll_results(c->store, p->id, &res) < 0)
            continue;
        buf_printf(b, "<article class=\"card\" id=\"poll-%lld\"><h3>", (long long)p->id);
        html_esc(b, p->question);
        buf_printf(b, "</h3><p class=\"meta\">%s · ",
                   poll_is_open(p, now) ? "进行中" : "未开放或已结束");
        html_time(b, p->opens_at);
        buf_puts(b, " 至 ");
        html_until(b, p->closes_at);
        buf_puts(b, "</p>");
        html_poll_results(b, &res, "本楼", "用 yanxiactl kiosk set --households N 登记");
        buf_printf(b,
                   "<p><a class=\"button quiet\" href=\"/polls/%lld/votes.csv\">导出每户投票"
                   "（Excel 可打开）</a></p>",
                   (long long)p->id);
        html_withdraw_poll(b, r, p->id, res.voted);
        buf_puts(b, "</article>");
        poll_results_deinit(&res);
    }
    poll_list_free(&l);
    page_end(b);
}

void page_kiosks(Console *c, Request *r, Response *w)
{
    Buf *b = &w->body;
    page_begin(b, r, "楼道屏");
    KioskInfo k;
    if (store_kiosk_get(c->store, &k) < 0) {
        buf_puts(b, "<p class=\"error\">读取本机信息失败。</p>");
        page_end(b);
        return;
    }
    int64_t pending = 0, last_sync = 0;
    store_outbox_count_pending(c->store, &pending);
    if (store_sync_get(c->store, SYNC_KEY_LAST_SUCCESS, &last_sync) < 0)
        last_sync = 0;
    buf_puts(b, "<article class=\"card\"><h3>");
    html_esc(b, k.display_name);
    buf_puts(b, "</h3><p class=\"meta\">楼栋代码 ");
    html_esc(b, k.building);
    buf_printf(b, " · %d 户</p><p>待同步的居民提交：%lld 条</p><p>上次与中心库同步：", k.households,
               (long long)pending);
    if (last_sync)
        html_time(b, last_sync);
    else
        buf_puts(b, "从未同步（单机使用）");
    buf_puts(b, "</p>");
    buf_puts(b, "<p>本后台管理的是这一台楼道屏自己的数据（单机模式）。"
                "居委会的中心库模式还没有接入后台。</p></article>");
    kiosk_info_deinit(&k);
    page_end(b);
}
