/* The forms and sections of the planning pages that both backends show (pages_plan.c
 * standalone, pages_hub_plan.c over the hub): an activity's form and its reading, and
 * the roster's and the contacts' sections of 值守与电话. They read the request and write
 * HTML only, so both page files use them and neither uses the other's. */
#include "console/console.h"

#include "core/timeutil.h"
#include "store/contact.h"
#include "store/roster.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A time as a datetime-local field's value ("" for 0). */
static void local_time(int64_t t, char *out, size_t cap)
{
    out[0] = '\0';
    if (t)
        time_format(t, "%Y-%m-%dT%H:%M", out, cap);
}

/* The activity as it stands now, above an overtaken edit's form: the facts the form
 * edits, each labelled as the form labels it. */
static void activity_current(Buf *b, const Activity *a)
{
    buf_puts(b, "<section class=\"card\" id=\"current\"><h2>现在的内容</h2><h3>");
    html_esc(b, a->title);
    buf_puts(b, "</h3><dl>");
    if (a->starts_at) {
        buf_puts(b, "<dt>开始时间</dt><dd>");
        html_time(b, a->starts_at);
        buf_puts(b, "</dd>");
    }
    if (a->ends_at) {
        buf_puts(b, "<dt>结束时间</dt><dd>");
        html_time(b, a->ends_at);
        buf_puts(b, "</dd>");
    }
    if (a->schedule && *a->schedule) {
        buf_puts(b, "<dt>时间安排</dt><dd>");
        html_esc(b, a->schedule);
        buf_puts(b, "</dd>");
    }
    buf_puts(b, "<dt>地点</dt><dd>");
    html_esc(b, a->place ? a->place : "");
    buf_puts(b, "</dd>");
    if (a->signup_deadline) {
        buf_puts(b, "<dt>报名截止</dt><dd>");
        html_time(b, a->signup_deadline);
        buf_puts(b, "</dd>");
    }
    if (a->capacity > 0)
        buf_printf(b, "<dt>名额</dt><dd>%d 人%s</dd>", a->capacity,
                   a->no_waitlist ? "，满了不设候补" : "");
    else
        buf_puts(b, "<dt>名额</dt><dd>不限</dd>");
    buf_printf(b, "<dt>每户最多</dt><dd>%d 人</dd><dt>负责人</dt><dd>", a->max_party);
    html_esc(b, a->organiser ? a->organiser : "");
    buf_puts(b, "</dd></dl>");
    html_long_text(b, a->description ? a->description : "");
    buf_puts(b, "</section><h2>您填写的内容</h2>");
}

/* activity_form and activity_edit_form. */
static void activity_form_full(Request *r, Response *w, const char *error,
                               ActivityBuildingSelect building, const Activity *from,
                               int64_t edit_id, int64_t rev, const Activity *current)
{
    Buf *b = &w->body;
    buf_reset(b);
    page_begin(b, r, edit_id ? "修改活动" : "新活动或团队");
    html_error(b, error);
    if (current)
        activity_current(b, current);
    if (edit_id)
        buf_printf(b, "<form method=\"post\" action=\"/activities/%lld/edit\" class=\"card\">",
                   (long long)edit_id);
    else
        buf_puts(b, "<form method=\"post\" action=\"/activities/new\" class=\"card\">");
    html_csrf(b, r);
    if (edit_id)
        html_rev(b, r, rev);
    if (building && !edit_id) /* an edited activity stays in its building */
        building(b, r, "哪栋楼的活动");
    const char *kind = req_field(r, "kind");
    int team = kind ? strcmp(kind, "team") == 0 : from && from->kind == ACTIVITY_TEAM;
    if (edit_id) /* an event stays an event, a team a team */
        buf_printf(
            b, "<input type=\"hidden\" name=\"kind\" value=\"%s\"><p class=\"meta\">类型：%s</p>",
            team ? "team" : "event", team ? "长期团队" : "一次性活动");
    else
        buf_printf(b,
                   "<label for=\"kind\">类型</label><select id=\"kind\" name=\"kind\">"
                   "<option value=\"event\"%s>一次性活动（有日期）</option>"
                   "<option value=\"team\"%s>长期团队（如 合唱队）</option></select>",
                   team ? "" : " selected", team ? " selected" : "");
    char label[64], starts[24] = "", deadline[24] = "", capacity[16] = "", ends[24] = "",
                    party[16] = "";
    if (from) {
        local_time(from->starts_at, starts, sizeof starts);
        local_time(from->ends_at, ends, sizeof ends);
        snprintf(party, sizeof party, "%d", from->max_party);
        local_time(from->signup_deadline, deadline, sizeof deadline);
        snprintf(capacity, sizeof capacity, "%d", from->capacity);
    }
    snprintf(label, sizeof label, "名称（最多%d字）", STORE_TITLE_MAX);
    html_text_input(b, r, "title", label, "text", from ? from->title : NULL, 1);
    const char *description = req_field(r, "description");
    if (!description && from)
        description = from->description;
    buf_puts(b, "<label for=\"description\">介绍</label>"
                "<textarea id=\"description\" name=\"description\" rows=\"4\">");
    html_esc(b, description ? description : "");
    buf_puts(b, "</textarea>");
    html_text_input(b, r, "place", "地点", "text", from ? from->place : NULL, 0);
    html_text_input(b, r, "starts", "开始时间（一次性活动）", "datetime-local", starts, 0);
    html_text_input(b, r, "ends", "结束时间（可不填）", "datetime-local", ends, 0);
    html_text_input(b, r, "schedule", "时间安排（长期团队，例如 每周二、四 早上7点）", "text",
                    from ? from->schedule : NULL, 0);
    html_text_input(b, r, "deadline", "报名截止（不填：活动开始时截止）", "datetime-local",
                    deadline, 0);
    html_text_input(b, r, "capacity", "名额（人数，0 或不填：不限）", "text", capacity, 0);
    html_text_input(b, r, "max_party", "每户一次最多报几人（1到20，不填：4）", "text", party, 0);
    if (edit_id) { /* sent only when changed (page_activity_edit) */
        html_was(b, r, "ends", ends);
        html_was(b, r, "max_party", party);
    }
    /* over the hub an empty organiser is signed by the member's role (kept when editing) */
    html_text_input(b, r, "organiser", building ? "负责人（不填：楼组长或居委会）" : "负责人",
                    "text", from ? from->organiser : NULL, 0);
    int no_waitlist = strcmp(r->method, "POST") == 0 ? req_field(r, "no_waitlist") != NULL
                                                     : from && from->no_waitlist;
    buf_printf(b,
               "<label class=\"check\"><input type=\"checkbox\" name=\"no_waitlist\" "
               "value=\"1\"%s> 满了就不再接受报名（不设候补）</label>%s"
               "<div class=\"actions\"><button>%s</button>"
               "<a class=\"button quiet\" href=\"/activities\">取消</a></div></form>",
               no_waitlist ? " checked" : "",
               building ? "<p class=\"meta\">发布到中心库，这栋楼的楼道屏下次同步后显示。</p>" : "",
               edit_id ? "保存修改" : "发布");
    page_end(b);
}

void activity_form(Request *r, Response *w, const char *error, ActivityBuildingSelect building,
                   const Activity *from, int64_t edit_id)
{
    activity_form_full(r, w, error, building, from, edit_id, -1, NULL);
}

void activity_edit_form(Request *r, Response *w, const char *error, const Activity *from,
                        int64_t edit_id, int64_t rev, const Activity *current)
{
    activity_form_full(r, w, error, NULL, from, edit_id, rev, current);
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
    const char *party = req_field(r, "max_party");
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
    end = NULL;
    long max_party = party && *party ? strtol(party, &end, 10) : 0;
    if (end && (*end || max_party < 1 || max_party > ACTIVITY_MAX_PARTY_LIMIT))
        return "每户最多报名人数要写1到20之间的数字，不填就是4。";
    if (when_field(r, "starts", &a->starts_at) < 0 || when_field(r, "ends", &a->ends_at) < 0 ||
        when_field(r, "deadline", &a->signup_deadline) < 0)
        return "时间要写成 年-月-日 时:分。";
    if (a->kind == ACTIVITY_EVENT && !a->starts_at)
        return "一次性活动要写开始时间。";
    if (a->ends_at && a->ends_at < a->starts_at)
        return "结束时间不能早于开始时间。";
    a->capacity = (int)capacity;
    a->max_party = (int)max_party;
    return NULL;
}

static const struct {
    const char *kind, *label;
} CONTACT_LABELS[] = {{"emergency", "急救与紧急"}, {"committee", "居委会"}, {"property", "物业"},
                      {"hotline", "服务热线"},     {"groupchat", "楼组群"}, {"other", "其他"}};

void roster_section(Buf *b, Request *r, const RosterEntry *items, size_t n,
                    const char *const *buildings, ActivityBuildingSelect building)
{
    buf_puts(b, "<h2>楼道值守（今天起两周）</h2>"
                "<div class=\"scroll\"><table class=\"duty\"><thead><tr><th>日期</th>");
    if (buildings)
        buf_puts(b, "<th>楼栋</th>");
    buf_puts(b, "<th>时段</th><th>地点</th><th>值守人</th><th></th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        const RosterEntry *e = &items[i];
        char day[16];
        time_format(e->day, "%m-%d", day, sizeof day);
        buf_printf(b, "<tr><td class=\"when\">%s</td>", day);
        if (buildings) {
            buf_puts(b, "<td class=\"where\">");
            html_esc(b, buildings[i]);
            buf_puts(b, "</td>");
        }
        buf_puts(b, "<td class=\"when\">");
        html_esc(b, e->slot);
        buf_puts(b, "</td><td class=\"where\">");
        html_esc(b, e->place);
        buf_puts(b, "</td><td class=\"who\">");
        html_esc(b, e->person);
        buf_puts(b, "</td><td class=\"act\">");
        char action[48], what[400];
        snprintf(action, sizeof action, "/roster/%lld/remove", (long long)e->id);
        snprintf(what, sizeof what, "%s %s %s 的这一班会从值守表和楼道屏上删去。", day, e->slot,
                 e->person);
        html_confirm(
            b, r,
            &(HtmlConfirm){.action = action, .label = "删去", .what = what, .button = "确定删去"});
        buf_puts(b, "</td></tr>");
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
        buf_puts(b, "</p>");
        char action[48];
        snprintf(action, sizeof action, "/contacts/%lld/remove", (long long)ct->id);
        html_confirm(b, r,
                     &(HtmlConfirm){.action = action,
                                    .label = "删去",
                                    .what = "这个电话会从楼道屏上删去。",
                                    .button = "确定删去"});
        buf_puts(b, "</article>");
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

void signup_table(Buf *b, Request *r, int64_t id, const SignupRow *rows, size_t n,
                  int with_building)
{
    buf_printf(b,
               "<div class=\"scroll\"><table class=\"nowrap\"><thead><tr><th>房号</th>"
               "<th>称呼</th><th>状态</th><th></th><th>电话</th><th>人数</th>%s"
               "<th>报名时间</th></tr></thead><tbody>",
               with_building ? "<th>楼组</th>" : "");
    for (size_t i = 0; i < n; i++) {
        const SignupRow *g = &rows[i];
        buf_puts(b, "<tr><td>");
        html_esc(b, g->room);
        buf_puts(b, "</td><td>");
        html_esc(b, g->name);
        buf_printf(b, "</td><td>%s</td><td>", g->status);
        if (g->cancellable) {
            char action[48], what[300];
            snprintf(action, sizeof action, "/activities/%lld/cancel", (long long)id);
            snprintf(what, sizeof what, "%s %s 的报名会取消；候补的第一户自动补上。", g->room,
                     g->name);
            HtmlConfirm cf = {
                .action = action, .label = "替他取消", .what = what, .button = "确定取消报名"};
            for (int k = 0; k < 2 && g->cancel[k][0]; k++) {
                cf.fields[k][0] = g->cancel[k][0];
                cf.fields[k][1] = g->cancel[k][1];
            }
            html_confirm(b, r, &cf);
        }
        char phone[16] = "—";
        if (g->phone && g->phone[0])
            phone_mask(g->phone, phone);
        buf_puts(b, "</td><td>");
        html_esc(b, phone);
        buf_printf(b, "</td><td>%d</td><td>", g->party);
        if (with_building) {
            html_esc(b, g->building);
            buf_puts(b, "</td><td>");
        }
        html_time(b, g->created_at);
        buf_puts(b, "</td></tr>");
    }
    if (!n)
        buf_printf(b, "<tr><td colspan=\"%d\">还没有人报名。</td></tr>", with_building ? 8 : 7);
    buf_puts(b, "</tbody></table></div>");
}
