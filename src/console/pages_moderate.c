/* Residents' writing and the committee's answer to it: suggestions replied to, wishes
 * approved, declined and fulfilled, health questions answered. Residents' text is shown
 * exactly as written, escaped. */
#include "console/console.h"

#include "store/question.h"
#include "store/suggestion.h"
#include "store/wish.h"

#include <microhttpd.h>
#include <stdio.h>
#include <string.h>

/* The resident's words and where they came from. */
static void writing(Buf *b, const char *receipt, const char *room, int64_t at, const char *text)
{
    buf_puts(b, "<p class=\"meta\">回执码 ");
    html_esc(b, receipt);
    if (room && *room) {
        buf_puts(b, " · ");
        html_esc(b, room);
        buf_puts(b, "室");
    }
    buf_puts(b, " · ");
    html_time(b, at);
    buf_puts(b, "</p><p class=\"text\">");
    html_esc(b, text);
    buf_puts(b, "</p>");
}

static void refused(Console *c, Request *r, Response *w, const char *what)
{
    char msg[300];
    snprintf(msg, sizeof msg, "%s：%s", what, reason_text(store_reason(c->store)));
    page_message(w, r,
                 store_reason(c->store) == REASON_NOT_FOUND ? MHD_HTTP_NOT_FOUND
                                                            : MHD_HTTP_UNPROCESSABLE_CONTENT,
                 "没有保存", msg);
}

void page_suggestions(Console *c, Request *r, Response *w)
{
    const char *state = req_query(r, "state");
    int open_only = state && strcmp(state, "open") == 0;
    Buf *b = &w->body;
    page_begin(b, r, "意见建议");
    html_flash(b, r);
    buf_printf(b,
               "<p class=\"actions\"><a class=\"button%s\" href=\"/suggestions?state=open\">"
               "未回复</a><a class=\"button%s\" href=\"/suggestions\">全部</a></p>",
               open_only ? "" : " quiet", open_only ? " quiet" : "");
    size_t page = page_number(r);
    SuggestionQuery q = {.open_only = open_only,
                         .limit = CONSOLE_PAGE_SIZE + 1,
                         .offset = (page - 1) * CONSOLE_PAGE_SIZE};
    SuggestionList l;
    if (store_suggestion_list(c->store, &q, &l) < 0) {
        buf_puts(b, "<p class=\"error\">读取建议失败。</p>");
        page_end(b);
        return;
    }
    size_t shown = l.count < CONSOLE_PAGE_SIZE ? l.count : CONSOLE_PAGE_SIZE;
    for (size_t i = 0; i < shown; i++) {
        const Suggestion *sg = &l.items[i];
        buf_printf(b, "<article class=\"card\" id=\"suggestion-%lld\"><h3>", (long long)sg->id);
        html_esc(b, sg->category);
        buf_printf(b, " <span class=\"tag\">%s</span></h3>", suggestion_state_label(sg->state));
        writing(b, sg->receipt, sg->room, sg->created_at, sg->text);
        buf_printf(b, "<form method=\"post\" action=\"/suggestions/%lld/reply\">",
                   (long long)sg->id);
        html_csrf(b, r);
        buf_printf(b,
                   "<label for=\"reply-%lld\">公开回复（楼道屏上显示，房号打码）</label>"
                   "<textarea id=\"reply-%lld\" name=\"reply\" rows=\"3\" required>",
                   (long long)sg->id, (long long)sg->id);
        html_esc(b, sg->reply);
        buf_printf(b,
                   "</textarea><div class=\"actions\"><button>%s</button></div></form>"
                   "</article>",
                   sg->reply[0] ? "修改回复" : "回复");
    }
    if (!shown)
        buf_puts(b, "<p>没有需要处理的建议。</p>");
    html_pager(b, open_only ? "/suggestions?state=open" : "/suggestions", page,
               l.count > CONSOLE_PAGE_SIZE);
    suggestion_list_free(&l);
    page_end(b);
}

void page_suggestion_reply(Console *c, Request *r, Response *w, int64_t id)
{
    if (staff_suggestion_reply(&r->session->actor, STAFF_ITEM_ID(id), req_field(r, "reply")) < 0) {
        refused(c, r, w, "回复没有保存");
        return;
    }
    resp_redirect(w, "/suggestions?ok=replied#suggestion-%lld", (long long)id);
}

void page_wishes(Console *c, Request *r, Response *w)
{
    const char *state = req_query(r, "state");
    WishState filter;
    int filtered = state && wish_state_parse(state, &filter) == 0;
    Buf *b = &w->body;
    page_begin(b, r, "微心愿");
    html_flash(b, r);
    buf_printf(b,
               "<p class=\"actions\"><a class=\"button%s\" href=\"/wishes?state=review\">"
               "等审核</a><a class=\"button%s\" href=\"/wishes\">全部</a></p>",
               filtered ? "" : " quiet", filtered ? " quiet" : "");
    size_t page = page_number(r);
    WishQuery q = {.state = filtered ? wish_state_name(filter) : NULL,
                   .limit = CONSOLE_PAGE_SIZE + 1,
                   .offset = (page - 1) * CONSOLE_PAGE_SIZE};
    WishList l;
    if (store_wish_list(c->store, &q, &l) < 0) {
        buf_puts(b, "<p class=\"error\">读取心愿失败。</p>");
        page_end(b);
        return;
    }
    size_t shown = l.count < CONSOLE_PAGE_SIZE ? l.count : CONSOLE_PAGE_SIZE;
    for (size_t i = 0; i < shown; i++) {
        const Wish *wi = &l.items[i];
        long long id = (long long)wi->id;
        buf_printf(b,
                   "<article class=\"card\" id=\"wish-%lld\"><h3>心愿 <span class=\"tag\">%s"
                   "</span></h3>",
                   id, wish_state_label(wi->state));
        writing(b, wi->receipt, wi->room, wi->created_at, wi->text);
        if (wi->claim_room[0]) {
            buf_puts(b, "<p class=\"meta\">认领：");
            html_esc(b, wi->claim_room);
            buf_puts(b, "室 ");
            html_esc(b, wi->claim_name);
            buf_puts(b, "</p>");
        }
        if (wi->note[0]) {
            buf_puts(b, "<p class=\"meta\">备注：");
            html_esc(b, wi->note);
            buf_puts(b, "</p>");
        }
        if (wi->state == WISH_REVIEW) {
            buf_printf(b,
                       "<div class=\"actions\"><form method=\"post\" "
                       "action=\"/wishes/%lld/approve\" class=\"inline\">",
                       id);
            html_csrf(b, r);
            buf_printf(b,
                       "<button>通过，上墙</button></form></div>"
                       "<form method=\"post\" action=\"/wishes/%lld/decline\">",
                       id);
            html_csrf(b, r);
            buf_printf(b,
                       "<label for=\"note-%lld\">不通过的原因（只有工作人员能看到）</label>"
                       "<input type=\"text\" id=\"note-%lld\" name=\"note\" maxlength=\"%d\">"
                       "<div class=\"actions\"><button class=\"quiet\">不通过</button></div>"
                       "</form>",
                       id, id, STORE_SHORT_MAX);
        } else if (wi->state == WISH_CLAIMED) {
            buf_printf(b,
                       "<form method=\"post\" action=\"/wishes/%lld/fulfil\" "
                       "class=\"actions\">",
                       id);
            html_csrf(b, r);
            buf_puts(b, "<button>已经完成</button></form>");
        }
        buf_puts(b, "</article>");
    }
    if (!shown)
        buf_puts(b, "<p>没有心愿。</p>");
    char base[64];
    snprintf(base, sizeof base, "/wishes%s%s", filtered ? "?state=" : "",
             filtered ? wish_state_name(filter) : "");
    html_pager(b, base, page, l.count > CONSOLE_PAGE_SIZE);
    wish_list_free(&l);
    page_end(b);
}

void page_wish_step(Console *c, Request *r, Response *w, int64_t id, const char *step)
{
    const StaffActor *a = &r->session->actor;
    int rc;
    const char *ok;
    if (strcmp(step, "approve") == 0) {
        rc = staff_wish_approve(a, STAFF_ITEM_ID(id));
        ok = "approved";
    } else if (strcmp(step, "decline") == 0) {
        rc = staff_wish_decline(a, STAFF_ITEM_ID(id), req_field(r, "note"));
        ok = "declined";
    } else {
        rc = staff_wish_fulfil(a, STAFF_ITEM_ID(id));
        ok = "fulfilled";
    }
    if (rc < 0) {
        refused(c, r, w, "没有改动这个心愿");
        return;
    }
    resp_redirect(w, "/wishes?ok=%s#wish-%lld", ok, (long long)id);
}

void page_questions(Console *c, Request *r, Response *w)
{
    const char *un = req_query(r, "unanswered");
    size_t page = page_number(r);
    QuestionQuery q = {.unanswered_only = un && strcmp(un, "1") == 0,
                       .limit = CONSOLE_PAGE_SIZE + 1,
                       .offset = (page - 1) * CONSOLE_PAGE_SIZE};
    Buf *b = &w->body;
    page_begin(b, r, "健康答疑");
    html_flash(b, r);
    buf_printf(b,
               "<p class=\"actions\"><a class=\"button%s\" href=\"/questions?unanswered=1\">"
               "未解答</a><a class=\"button%s\" href=\"/questions\">全部</a></p>",
               q.unanswered_only ? "" : " quiet", q.unanswered_only ? " quiet" : "");
    QuestionList l;
    if (store_question_list(c->store, &q, &l) < 0) {
        buf_puts(b, "<p class=\"error\">读取问题失败。</p>");
        page_end(b);
        return;
    }
    size_t shown = l.count < CONSOLE_PAGE_SIZE ? l.count : CONSOLE_PAGE_SIZE;
    for (size_t i = 0; i < shown; i++) {
        const Question *qu = &l.items[i];
        long long id = (long long)qu->id;
        buf_printf(b,
                   "<article class=\"card\" id=\"question-%lld\"><h3>问题 "
                   "<span class=\"tag\">%s</span></h3>",
                   id,
                   qu->answer[0] ? (qu->is_public ? "已解答·公开" : "已解答·不公开") : "未解答");
        writing(b, qu->receipt, qu->room, qu->created_at, qu->text);
        buf_printf(b, "<form method=\"post\" action=\"/questions/%lld/answer\">", id);
        html_csrf(b, r);
        buf_printf(b,
                   "<label for=\"answer-%lld\">解答</label><textarea id=\"answer-%lld\" "
                   "name=\"answer\" rows=\"4\" required>",
                   id, id);
        html_esc(b, qu->answer);
        buf_printf(b,
                   "</textarea><label for=\"by-%lld\">解答人（例如 社区医生 李医生）</label>"
                   "<input type=\"text\" id=\"by-%lld\" name=\"answered_by\" value=\"",
                   id, id);
        html_attr(b, qu->answered_by);
        buf_printf(b,
                   "\"><label class=\"check\"><input type=\"checkbox\" name=\"public\" "
                   "value=\"1\"%s> 公开到楼道屏（不显示提问人的房号）</label>"
                   "<div class=\"actions\"><button>保存解答</button></div></form></article>",
                   !qu->answer[0] || qu->is_public ? " checked" : "");
    }
    if (!shown)
        buf_puts(b, "<p>没有问题。</p>");
    html_pager(b, q.unanswered_only ? "/questions?unanswered=1" : "/questions", page,
               l.count > CONSOLE_PAGE_SIZE);
    question_list_free(&l);
    page_end(b);
}

void page_question_answer(Console *c, Request *r, Response *w, int64_t id)
{
    if (staff_question_answer(&r->session->actor, STAFF_ITEM_ID(id), req_field(r, "answer"),
                              req_field(r, "answered_by"), req_field(r, "public") != NULL) < 0) {
        refused(c, r, w, "解答没有保存");
        return;
    }
    resp_redirect(w, "/questions?ok=answered#question-%lld", (long long)id);
}
