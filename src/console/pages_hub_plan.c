/* What staff plan ahead, over the hub: a new activity or team for a building of the
 * member's scope (sql/hub/017_staff_activity_create.sql), a sign-up cancelled on a
 * resident's behalf (the hub moves the first waiting household up), and the month's
 * health tips (sql/hub/018_staff_health.sql). The kiosks of the building get each at
 * their next pull. The same forms as the standalone pages (pages_plan.c). */
#include "console/pages_hub.h"
#include "console/tip_photo.h"

#include "core/timeutil.h"
#include "store/store.h"

#include <ctype.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void textarea(Buf *b, const Request *r, const char *name, const char *label, int rows,
                     int required)
{
    const char *v = req_field(r, name);
    buf_printf(b, "<label for=\"%s\">%s</label><textarea id=\"%s\" name=\"%s\" rows=\"%d\"%s>",
               name, label, name, name, rows, required ? " required" : "");
    html_esc(b, v ? v : "");
    buf_puts(b, "</textarea>");
}

/* A refusal of a form post: 403 when the building is not the member's, else 422; the
 * form again with the hub's Chinese sentence. */
static int refusal_status(const char *err)
{
    return strstr(err, "不能发布") ? MHD_HTTP_FORBIDDEN : MHD_HTTP_UNPROCESSABLE_CONTENT;
}

static void activity_form(Request *r, Response *w, const char *error)
{
    Buf *b = &w->body;
    buf_reset(b);
    page_begin(b, r, "新活动或团队");
    html_error(b, error);
    buf_puts(b, "<form method=\"post\" action=\"/activities/new\" class=\"card\">");
    html_csrf(b, r);
    hub_building_select(b, r, "哪栋楼的活动");
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
    textarea(b, r, "description", "介绍", 4, 0);
    html_text_input(b, r, "place", "地点", "text", NULL, 0);
    html_text_input(b, r, "starts", "开始时间（一次性活动）", "datetime-local", NULL, 0);
    html_text_input(b, r, "schedule", "时间安排（长期团队，例如 每周二、四 早上7点）", "text", NULL,
                    0);
    html_text_input(b, r, "deadline", "报名截止（不填：活动开始时截止）", "datetime-local", NULL,
                    0);
    html_text_input(b, r, "capacity", "名额（人数，0 或不填：不限）", "text", NULL, 0);
    html_text_input(b, r, "organiser", "负责人（不填：楼组长或居委会）", "text", NULL, 0);
    buf_printf(b,
               "<label class=\"check\"><input type=\"checkbox\" name=\"no_waitlist\" "
               "value=\"1\"%s> 满了就不再接受报名（不设候补）</label>"
               "<p class=\"meta\">发布到中心库，这栋楼的楼道屏下次同步后显示。</p>"
               "<div class=\"actions\"><button>发布</button>"
               "<a class=\"button quiet\" href=\"/activities\">取消</a></div></form>",
               req_field(r, "no_waitlist") ? " checked" : "");
    page_end(b);
}

/* An optional datetime-local field as Unix seconds in text ("0" when empty); -1 when it
 * is not a time. */
static int when_field(const Request *r, const char *name, char out[24])
{
    const char *v = req_field(r, name);
    int64_t t = 0;
    if (v && *v && time_parse(v, &t) < 0)
        return -1;
    snprintf(out, 24, "%lld", (long long)t);
    return 0;
}

void hub_page_activity_new(Console *c, Request *r, Response *w)
{
    (void)c;
    if (strcmp(r->method, "GET") == 0) {
        activity_form(r, w, NULL);
        return;
    }
    const char *cap = req_field(r, "capacity");
    char *end = NULL;
    long capacity = cap && *cap ? strtol(cap, &end, 10) : 0;
    char starts[24], deadline[24], capacity_s[16];
    const char *error = NULL;
    if (end && (*end || capacity < 0 || capacity > 100000))
        error = "名额要写人数（数字），不限就写0或不填。";
    else if (when_field(r, "starts", starts) < 0 || when_field(r, "deadline", deadline) < 0)
        error = "时间要写成 年-月-日 时:分。";
    if (error) {
        w->status = MHD_HTTP_UNPROCESSABLE_CONTENT;
        activity_form(r, w, error);
        return;
    }
    snprintf(capacity_s, sizeof capacity_s, "%ld", capacity);
    const char *params[] = {req_field(r, "building"),
                            req_field(r, "kind"),
                            req_field(r, "title"),
                            req_field(r, "description"),
                            req_field(r, "place"),
                            starts,
                            req_field(r, "schedule"),
                            deadline,
                            capacity_s,
                            req_field(r, "no_waitlist") ? "f" : "t",
                            req_field(r, "organiser")};
    char err[300];
    PGresult *res = hub_call(r,
                             "SELECT yanxia_hub.staff_create_activity($1, $2, $3, $4, $5, "
                             "$6::bigint, $7, $8::bigint, $9::int, $10::boolean, $11)",
                             11, params, err, sizeof err);
    if (!res) {
        hub_chinese(err);
        w->status = refusal_status(err);
        activity_form(r, w, err);
        return;
    }
    long long id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    resp_redirect(w, "/activities?ok=hub_activity#activity-%lld", id);
}

/* True when s has a uuid's shape (8-4-4-4-12 hex digits), as PostgreSQL reads one. */
static int uuid_like(const char *s)
{
    if (!s || strlen(s) != 36)
        return 0;
    for (int i = 0; i < 36; i++)
        if (i == 8 || i == 13 || i == 18 || i == 23 ? s[i] != '-' : !isxdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

void hub_page_signup_cancel(Console *c, Request *r, Response *w, int64_t activity_id)
{
    (void)c;
    char id[24], err[300];
    snprintf(id, sizeof id, "%lld", (long long)activity_id);
    const char *signup = req_field(r, "signup");
    /* not a uuid: the hub would say "invalid input syntax" in English; it is missing */
    if (!uuid_like(signup)) {
        page_message(w, r, MHD_HTTP_NOT_FOUND, "没有取消", "没有找到这一项，可能已被撤下");
        return;
    }
    const char *params[] = {id, signup};
    PGresult *res = hub_call(r, "SELECT yanxia_hub.staff_cancel_signup($1::bigint, $2::uuid)", 2,
                             params, err, sizeof err);
    if (!res) {
        hub_chinese(err);
        page_message(w, r,
                     strstr(err, "没有找到") ? MHD_HTTP_NOT_FOUND : MHD_HTTP_UNPROCESSABLE_CONTENT,
                     "没有取消", err);
        return;
    }
    PQclear(res);
    resp_redirect(w, "/activities/%lld?ok=hub_cancelled", (long long)activity_id);
}

static void health_page(Request *r, Response *w, const char *error)
{
    Buf *b = &w->body;
    buf_reset(b);
    size_t page = page_number(r);
    PGresult *res =
        hub_call_page(r, w, "SELECT * FROM yanxia_hub.staff_health_tips($1::int, $2::int)", page);
    if (!res)
        return;
    page_begin(b, r, "健康专栏");
    html_flash(b, r);
    html_error(b, error);
    buf_puts(b, "<p class=\"meta\">居民的健康提问在 <a href=\"/questions\">答疑</a> 里回答，"
                "可以公开到楼道屏，也可以只让工作人员看到。</p>");
    int n = PQntuples(res), shown = n < CONSOLE_PAGE_SIZE ? n : CONSOLE_PAGE_SIZE;
    for (int i = 0; i < shown; i++) {
        const char *id = PQgetvalue(res, i, 0);
        buf_printf(b, "<article class=\"card\" id=\"tip-%s\"><h3>", id);
        html_esc(b, PQgetvalue(res, i, 4));
        buf_puts(b, "</h3><p class=\"meta\">");
        html_esc(b, PQgetvalue(res, i, 3));
        buf_puts(b, " · ");
        html_esc(b, *PQgetvalue(res, i, 2) ? PQgetvalue(res, i, 2) : PQgetvalue(res, i, 1));
        buf_puts(b, " · ");
        html_esc(b, PQgetvalue(res, i, 6));
        buf_puts(b, "</p>");
        if (PQnfields(res) > 9 && !PQgetisnull(res, i, 7)) /* a hub with sql/hub/024 */
            tip_photo_thumb(b, id, atoi(PQgetvalue(res, i, 8)), atoi(PQgetvalue(res, i, 9)));
        if (*PQgetvalue(res, i, 5)) {
            buf_puts(b, "<p class=\"text\">");
            html_esc(b, PQgetvalue(res, i, 5));
            buf_puts(b, "</p>");
        }
        buf_printf(b, "<form method=\"post\" action=\"/health/%s/remove\">", id);
        html_csrf(b, r);
        buf_puts(b, "<button class=\"quiet\">撤下</button></form></article>");
    }
    if (!shown)
        buf_puts(b, "<p>管理范围里还没有小贴士。</p>");
    html_pager(b, "/health", page, n > CONSOLE_PAGE_SIZE);
    PQclear(res);
    char month[16];
    time_format(time_now(), "%Y-%m", month, sizeof month);
    buf_puts(b, "<form method=\"post\" action=\"/health/new\" enctype=\"multipart/form-data\" "
                "class=\"card\"><h2>写这个月的小贴士</h2>");
    html_csrf(b, r);
    hub_building_select(b, r, "发给哪栋楼");
    html_text_input(b, r, "month", "月份（年-月）", "text", month, 1);
    char label[64];
    snprintf(label, sizeof label, "标题（最多%d字）", STORE_TITLE_MAX);
    html_text_input(b, r, "title", label, "text", NULL, 1);
    textarea(b, r, "body", "内容（医生手写的稿子，照着打进来）", 8, 0);
    tip_photo_field(b);
    html_text_input(b, r, "author", "作者（例如 社区医生 李医生）", "text", NULL, 0);
    buf_puts(b, "<p class=\"meta\">发布到中心库，这栋楼的楼道屏下次同步后显示。</p>"
                "<div class=\"actions\"><button>发布</button></div></form>");
    page_end(b);
}

void hub_page_health(Console *c, Request *r, Response *w)
{
    (void)c;
    health_page(r, w, NULL);
}

void hub_page_health_new(Console *c, Request *r, Response *w)
{
    (void)c;
    const Upload *photo = NULL;
    req_uploads(r, "photo", &photo, 1);
    if (photo && photo->size == 0)
        photo = NULL; /* the field left empty */
    if (!photo && !tip_text_given(req_field(r, "body"))) {
        w->status = MHD_HTTP_UNPROCESSABLE_CONTENT;
        health_page(r, w, TIP_NEED_BODY_OR_PHOTO);
        return;
    }
    char err[300];
    if (photo) {
        int width, height;
        const char *why = NULL;
        long long id = 0;
        if (tip_photo_clean(photo, &width, &height, &why) < 0)
            snprintf(err, sizeof err, "没有发布：手写稿照片“%.120s”%s。", photo->filename, why);
        else if (hub_tip_publish_photo(r, photo, width, height, &id, err, sizeof err) == 0) {
            resp_redirect(w, "/health?ok=hub_tip#tip-%lld", id);
            return;
        } else
            hub_chinese(err);
        w->status = why ? MHD_HTTP_UNPROCESSABLE_CONTENT : refusal_status(err);
        health_page(r, w, err);
        return;
    }
    const char *params[] = {req_field(r, "building"), req_field(r, "month"), req_field(r, "title"),
                            req_field(r, "body"), req_field(r, "author")};
    PGresult *res = hub_call(r, "SELECT yanxia_hub.staff_publish_tip($1, $2, $3, $4, $5)", 5,
                             params, err, sizeof err);
    if (!res) {
        hub_chinese(err);
        w->status = refusal_status(err);
        health_page(r, w, err);
        return;
    }
    long long id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    resp_redirect(w, "/health?ok=hub_tip#tip-%lld", id);
}

void hub_page_health_remove(Console *c, Request *r, Response *w, int64_t id)
{
    (void)c;
    PGresult *res = hub_call_item(r, w, "SELECT yanxia_hub.staff_remove_tip($1::bigint)", id);
    if (!res)
        return;
    PQclear(res);
    resp_redirect(w, "/health?ok=withdrawn");
}
