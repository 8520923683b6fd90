/* 发起征询 (/polls/new) and the 撤下 of an activity (/activities/ID/withdraw) or a poll
 * (/polls/ID/withdraw) on both backends: the form reads the request and writes HTML, the
 * staff library writes the poll or takes the activity or poll off (standalone into the store, over
 * the hub through its scope-checked functions), so a refusal is the library's sentence and nothing
 * is written. */
#include "console/console.h"

#include "core/timeutil.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The options the form offers before anything is typed: the lift vote's usual two. */
#define POLL_FORM_OPTIONS "同意\n不同意"

static void poll_form(Request *r, Response *w, const char *error)
{
    int hub = r->session->actor.hub != NULL;
    Buf *b = &w->body;
    buf_reset(b);
    page_begin(b, r, "发起征询");
    html_error(b, error);
    buf_puts(b, "<form method=\"post\" action=\"/polls/new\" class=\"card\">");
    html_csrf(b, r);
    if (hub)
        hub_building_select(b, r, "哪栋楼的居民投票");
    char label[64];
    snprintf(label, sizeof label, "征询事项（最多%d字，例如 是否同意加装电梯）", STORE_TITLE_MAX);
    html_text_input(b, r, "question", label, "text", NULL, 1);
    const char *description = req_field(r, "description");
    buf_puts(b, "<label for=\"description\">说明（方案、费用分摊等，可不填）</label>"
                "<textarea id=\"description\" name=\"description\" rows=\"4\">");
    html_esc(b, description ? description : "");
    buf_puts(b, "</textarea>");
    const char *options = req_field(r, "options");
    buf_printf(b,
               "<label for=\"options\">选项（每行一个，%d到%d个；第一项算“同意”）</label>"
               "<textarea id=\"options\" name=\"options\" rows=\"4\" required>",
               POLL_OPTIONS_MIN, POLL_OPTIONS_MAX);
    html_esc(b, options ? options : POLL_FORM_OPTIONS);
    buf_puts(b, "</textarea>");
    html_text_input(b, r, "opens", "开始（不填：现在）", "datetime-local", NULL, 0);
    html_text_input(b, r, "closes", "截止", "datetime-local", NULL, 1);
    buf_printf(b,
               "<p class=\"meta\">每户一票，可以改票，以最后一次为准。%s</p>"
               "<div class=\"actions\"><button>发起</button>"
               "<a class=\"button quiet\" href=\"/polls\">取消</a></div></form>",
               hub ? "发布到中心库，这栋楼的楼道屏下次同步后显示。" : "楼道屏上马上就能看到。");
    page_end(b);
}

/* Splits text (changed in place) into its non-empty lines, trimmed of spaces, into
 * labels: their count, or POLL_OPTIONS_MAX + 1 when there are more than fit. */
static size_t option_lines(char *text, const char *labels[POLL_OPTIONS_MAX + 1])
{
    size_t n = 0;
    for (char *line = text; line && n <= POLL_OPTIONS_MAX;) {
        char *next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        line += strspn(line, " \t\r");
        size_t len = strlen(line);
        while (len && strchr(" \t\r", line[len - 1]))
            line[--len] = '\0';
        if (len)
            labels[n++] = line;
        line = next;
    }
    return n;
}

/* Parses an optional datetime-local field into *out (0 when empty): 0, or -1. */
static int when_field(const Request *r, const char *name, int64_t *out)
{
    const char *v = req_field(r, name);
    *out = 0;
    return !v || !*v || time_parse(v, out) == 0 ? 0 : -1;
}

/* Reads the posted form into *p (options into labels, pointing into text): NULL, or the
 * sentence saying what is wrong with it. */
static const char *poll_from_form(const Request *r, char *text,
                                  const char *labels[POLL_OPTIONS_MAX + 1], StaffPoll *p)
{
    *p = (StaffPoll){.building = req_field(r, "building"),
                     .question = req_field(r, "question"),
                     .description = req_field(r, "description"),
                     .options = labels};
    const char *q = p->question ? p->question + strspn(p->question, " \t\r\n") : "";
    if (!*q)
        return "请写征询事项。";
    p->option_count = option_lines(text, labels);
    if (p->option_count < POLL_OPTIONS_MIN || p->option_count > POLL_OPTIONS_MAX)
        return "选项要有2到10个，每行写一个。";
    for (size_t i = 0; i < p->option_count; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(labels[i], labels[j]) == 0)
                return "有两个选项写得一样，请改一个。";
    if (when_field(r, "opens", &p->opens_at) < 0 || when_field(r, "closes", &p->closes_at) < 0)
        return "时间要写成 年-月-日 时:分。";
    if (!p->closes_at)
        return "请写截止时间。";
    if (p->closes_at <= (p->opens_at ? p->opens_at : time_now()))
        return "截止时间要晚于开始时间（和现在）。";
    return NULL;
}

void page_poll_new(Console *c, Request *r, Response *w)
{
    (void)c;
    if (strcmp(r->method, "GET") == 0) {
        poll_form(r, w, NULL);
        return;
    }
    const char *options = req_field(r, "options");
    char *text = strdup(options ? options : "");
    if (!text) {
        page_message(w, r, MHD_HTTP_INTERNAL_SERVER_ERROR, "没有发起", "内存不够，请再试一次。");
        return;
    }
    const char *labels[POLL_OPTIONS_MAX + 1];
    StaffPoll p;
    const StaffActor *a = &r->session->actor;
    const char *error = poll_from_form(r, text, labels, &p);
    int64_t id = 0;
    if (!error && staff_poll_create(a, &p, &id) == 0) {
        free(text);
        resp_redirect(w, "/polls?ok=%s#poll-%lld", a->hub ? "hub_poll" : "poll", (long long)id);
        return;
    }
    free(text);
    char msg[400];
    if (!error) {
        snprintf(msg, sizeof msg, "没有发起：%s", staff_error(a));
        error = msg;
    }
    /* a building outside the member's scope is forbidden, as on the other hub forms */
    w->status = error == msg && staff_refusal(a) == STAFF_REFUSAL_DENIED
                    ? MHD_HTTP_FORBIDDEN
                    : MHD_HTTP_UNPROCESSABLE_CONTENT;
    poll_form(r, w, error);
}

void html_withdraw_activity(Buf *b, const Request *r, int64_t id)
{
    char action[48];
    snprintf(action, sizeof action, "/activities/%lld/withdraw", (long long)id);
    buf_puts(b, "<div class=\"actions\">");
    html_confirm(b, r,
                 &(HtmlConfirm){.action = action,
                                .label = "撤下（活动取消或团队解散）",
                                .what = r->session && r->session->actor.hub
                                            ? "这个活动会从楼道屏上消失（楼道屏下次同步后），"
                                              "居民不能再报名；报名名单留在中心库上，仍可导出。"
                                            : "这个活动会从楼道屏上消失，居民不能再报名；"
                                              "报名名单留着，仍可导出。",
                                .button = "确定撤下"});
    buf_puts(b, "</div>");
}

void page_activity_withdraw(Console *c, Request *r, Response *w, int64_t id)
{
    (void)c;
    const StaffActor *a = &r->session->actor;
    if (staff_activity_withdraw(a, id) < 0) {
        page_message(w, r,
                     staff_refusal(a) == STAFF_REFUSAL_NOT_FOUND ? MHD_HTTP_NOT_FOUND
                                                                 : MHD_HTTP_UNPROCESSABLE_CONTENT,
                     "没有撤下", staff_error(a));
        return;
    }
    resp_redirect(w, "/activities?ok=%s", a->hub ? "hub_withdrawn" : "activity_withdrawn");
}

void html_withdraw_poll(Buf *b, const Request *r, int64_t id, int64_t voted)
{
    char action[48], what[400];
    snprintf(action, sizeof action, "/polls/%lld/withdraw", (long long)id);
    int hub = r->session && r->session->actor.hub;
    snprintf(what, sizeof what,
             "这个征询会从楼道屏上消失%s，居民不能再投票；已投的%lld户的票不删，留在%s的记录里。",
             hub ? "（楼道屏下次同步后）" : "", (long long)voted, hub ? "中心库" : "本机");
    buf_puts(b, "<div class=\"actions\">");
    html_confirm(b, r,
                 &(HtmlConfirm){.action = action,
                                .label = "撤下（征询取消或发错了）",
                                .what = what,
                                .button = "确定撤下"});
    buf_puts(b, "</div>");
}

void page_poll_withdraw(Console *c, Request *r, Response *w, int64_t id)
{
    (void)c;
    const StaffActor *a = &r->session->actor;
    if (staff_poll_withdraw(a, id) < 0) {
        page_message(w, r,
                     staff_refusal(a) == STAFF_REFUSAL_NOT_FOUND ? MHD_HTTP_NOT_FOUND
                                                                 : MHD_HTTP_UNPROCESSABLE_CONTENT,
                     "没有撤下", staff_error(a));
        return;
    }
    resp_redirect(w, "/polls?ok=%s", a->hub ? "hub_poll_withdrawn" : "poll_withdrawn");
}
