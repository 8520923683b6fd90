/* What staff plan ahead, over the hub: a new activity or team for a building of the
 * member's scope (sql/hub/017_staff_activity_create.sql), a sign-up cancelled on a
 * resident's behalf (the hub moves the first waiting household up), and the month's
 * health tips (sql/hub/018_staff_health.sql). The kiosks of the building get each at
 * their next pull. The same forms as the standalone pages (the activity form is
 * pages_plan.c's), and every write through the staff library (staff/staff.h). */
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

void hub_page_activity_new(Console *c, Request *r, Response *w)
{
    (void)c;
    if (strcmp(r->method, "GET") == 0) {
        activity_form(r, w, NULL, hub_building_select, NULL, 0);
        return;
    }
    StaffActivity a;
    const char *error = activity_from_form(r, &a);
    int64_t id;
    if (!error && staff_activity_create(&r->session->actor, &a, &id) == 0) {
        resp_redirect(w, "/activities?ok=hub_activity#activity-%lld", (long long)id);
        return;
    }
    if (error) {
        w->status = MHD_HTTP_UNPROCESSABLE_CONTENT;
    } else {
        error = staff_error(&r->session->actor);
        w->status = refusal_status(error);
    }
    activity_form(r, w, error, hub_building_select, NULL, 0);
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
    const char *signup = req_field(r, "signup");
    /* not a uuid: the hub would say "invalid input syntax" in English; it is missing */
    if (!uuid_like(signup)) {
        page_message(w, r, MHD_HTTP_NOT_FOUND, "没有取消", "没有找到这一项，可能已被撤下");
        return;
    }
    StaffSignupRef who = {.uuid = signup};
    if (staff_signup_cancel(&r->session->actor, activity_id, &who) < 0) {
        const char *why = staff_error(&r->session->actor);
        page_message(w, r,
                     strstr(why, "没有找到") ? MHD_HTTP_NOT_FOUND : MHD_HTTP_UNPROCESSABLE_CONTENT,
                     "没有取消", why);
        return;
    }
    resp_redirect(w, "/activities/%lld?ok=hub_cancelled", (long long)activity_id);
}

void hub_health_page(Request *r, Response *w, const char *error)
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
            html_long_text(b, PQgetvalue(res, i, 5));
        }
        char action[48];
        snprintf(action, sizeof action, "/health/%s/remove", id);
        html_confirm(b, r,
                     &(HtmlConfirm){.action = action,
                                    .label = "撤下",
                                    .what = "这条小贴士会从它所在楼栋的楼道屏上消失"
                                            "（楼道屏下次同步后）。",
                                    .button = "确定撤下"});
        buf_puts(b, "</article>");
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
    hub_health_page(r, w, NULL);
}

void hub_page_health_remove(Console *c, Request *r, Response *w, int64_t id)
{
    (void)c;
    if (staff_tip_remove(&r->session->actor, id) < 0) {
        hub_refused(r, w, MHD_HTTP_NOT_FOUND);
        return;
    }
    resp_redirect(w, "/health?ok=withdrawn");
}

/* 值守与电话 over the hub (sql/hub/028_staff_roster.sql): the next two weeks' roster and
 * the contacts of the member's scope, each with its building, and the forms to add one
 * to a building of the scope; written through the staff library like the standalone
 * page's, whose sections it shares. */
void hub_page_roster(Console *c, Request *r, Response *w, const char *error)
{
    (void)c;
    char from[24], to[24], err[300];
    int64_t today = time_day_start(time_now());
    snprintf(from, sizeof from, "%lld", (long long)today);
    snprintf(to, sizeof to, "%lld", (long long)(today + 14 * 86400));
    const char *span[] = {from, to};
    PGresult *rr = hub_call(r, "SELECT * FROM yanxia_hub.staff_roster($1::bigint, $2::bigint)", 2,
                            span, err, sizeof err);
    PGresult *cr =
        rr ? hub_call(r, "SELECT * FROM yanxia_hub.staff_contacts()", 0, NULL, err, sizeof err)
           : NULL;
    if (!rr || !cr) {
        PQclear(rr);
        hub_error(r, w, MHD_HTTP_BAD_GATEWAY, err);
        return;
    }
    size_t nr = (size_t)PQntuples(rr), nc = (size_t)PQntuples(cr);
    RosterEntry *roster = calloc(nr + 1, sizeof *roster);
    Contact *contacts = calloc(nc + 1, sizeof *contacts);
    const char **rb = calloc(nr + 1, sizeof *rb), **cb = calloc(nc + 1, sizeof *cb);
    Buf *b = &w->body;
    buf_reset(b);
    page_begin(b, r, "值守与电话");
    html_flash(b, r);
    html_error(b, error);
    if (!roster || !contacts || !rb || !cb) {
        html_error(b, "内存不够，请稍后再试。");
        nr = nc = 0;
    }
    /* rows: hub_id, building, building_name, day, slot, place, person, room */
    for (size_t i = 0; i < nr; i++) {
        int k = (int)i;
        roster[i] = (RosterEntry){.id = strtoll(PQgetvalue(rr, k, 0), NULL, 10),
                                  .day = strtoll(PQgetvalue(rr, k, 3), NULL, 10),
                                  .slot = PQgetvalue(rr, k, 4),
                                  .place = PQgetvalue(rr, k, 5),
                                  .person = PQgetvalue(rr, k, 6),
                                  .room = PQgetvalue(rr, k, 7)};
        rb[i] = *PQgetvalue(rr, k, 2) ? PQgetvalue(rr, k, 2) : PQgetvalue(rr, k, 1);
    }
    /* rows: hub_id, building, building_name, kind, name, phone, note, sort */
    for (size_t i = 0; i < nc; i++) {
        int k = (int)i;
        contacts[i] = (Contact){.id = strtoll(PQgetvalue(cr, k, 0), NULL, 10),
                                .kind = PQgetvalue(cr, k, 3),
                                .name = PQgetvalue(cr, k, 4),
                                .phone = PQgetvalue(cr, k, 5),
                                .note = PQgetvalue(cr, k, 6),
                                .sort = atoi(PQgetvalue(cr, k, 7))};
        cb[i] = *PQgetvalue(cr, k, 2) ? PQgetvalue(cr, k, 2) : PQgetvalue(cr, k, 1);
    }
    roster_section(b, r, roster, nr, rb, hub_building_select);
    contact_section(b, r, contacts, nc, cb, hub_building_select);
    page_end(b);
    free(roster);
    free(contacts);
    free(rb);
    free(cb);
    PQclear(rr);
    PQclear(cr);
}
