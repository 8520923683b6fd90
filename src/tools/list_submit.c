/* `list` and `export` for residents' submissions: sign-ups, votes, suggestions, wishes,
 * questions, and the outbox queue. States are stable names in JSON and Chinese words
 * in the table and the CSV (COL_RAW cells carry both). */
#include "tools/commands.h"

#include "core/buf.h"
#include "core/json.h"
#include "store/outbox.h"
#include "store/question.h"
#include "store/signup.h"
#include "store/suggestion.h"
#include "store/vote.h"
#include "store/wish.h"

#include <stdlib.h>
#include <string.h>

#define COLS(t, c) cli_table_init(t, c, sizeof c / sizeof c[0])

/* A state: "confirmed" in JSON, 已报名 in the table and CSV. */
static void put_state(CliTable *t, const char *name, const char *label)
{
    Buf b;
    buf_init(&b);
    json_put_str(&b, name);
    if (b.failed)
        t->failed = 1;
    cli_table_raw(t, buf_str(&b), label);
    buf_deinit(&b);
}

int fill_signups(Store *s, const CliListArgs *a, CliTable *t)
{
    static const CliCol cols[] = {
        {"id", "编号", COL_INT, 0},
        {"receipt", "回执码", COL_STR, 0},
        {"activity_id", "活动编号", COL_INT, 0},
        {"activity", "活动", COL_STR, 20},
        {"room", "房号", COL_STR, 0},
        {"name", "姓名", COL_STR, 10},
        {"phone", "电话", COL_STR, 0},
        {"party_size", "人数", COL_INT, 0},
        {"status", "状态", COL_RAW, 0},
        {"waitlist_position", "候补序号", COL_INT, 0},
        {"created_at", "报名时间", COL_TIME, 0},
        {"cancelled_at", "取消时间", COL_TIME, 0},
        {"uuid", "UUID", COL_STR, 36},
    };
    COLS(t, cols);
    SignupList l;
    int rc =
        a->activity ? store_signup_list(s, a->activity, a->all, &l) : store_signup_list_all(s, &l);
    if (rc < 0)
        return -1;
    for (size_t i = 0; i < l.count; i++) {
        const Signup *g = &l.items[i];
        if (!a->all && g->status == SIGNUP_CANCELLED)
            continue;
        cli_table_int(t, g->id);
        cli_table_str(t, g->receipt);
        cli_table_int(t, g->activity_id);
        cli_table_str(t, g->activity_title);
        cli_table_str(t, g->room);
        cli_table_str(t, g->name);
        cli_table_str(t, g->phone);
        cli_table_int(t, g->party_size);
        put_state(t, signup_status_name(g->status), signup_status_text(g->status));
        cli_table_int(t, g->waitlist_position);
        cli_table_time(t, g->created_at);
        cli_table_time(t, g->cancelled_at);
        cli_table_str(t, g->uuid);
    }
    signup_list_free(&l);
    return 0;
}

int fill_votes(Store *s, const CliListArgs *a, CliTable *t)
{
    static const CliCol cols[] = {
        {"id", "编号", COL_INT, 0},
        {"receipt", "回执码", COL_STR, 0},
        {"poll_id", "征询编号", COL_INT, 0},
        {"poll", "征询事项", COL_STR, 20},
        {"option_id", "选项编号", COL_INT, 0},
        {"option", "选择", COL_STR, 12},
        {"room", "房号", COL_STR, 0},
        {"current", "计入结果", COL_BOOL, 0},
        {"supersedes", "更改自", COL_STR, 36},
        {"created_at", "投票时间", COL_TIME, 0},
        {"uuid", "UUID", COL_STR, 36},
    };
    COLS(t, cols);
    VoteList l;
    if (store_vote_list(s, a->poll, &l) < 0)
        return -1;
    for (size_t i = 0; i < l.count; i++) {
        const Vote *v = &l.items[i];
        cli_table_int(t, v->id);
        cli_table_str(t, v->receipt);
        cli_table_int(t, v->poll_id);
        cli_table_str(t, v->poll_question);
        cli_table_int(t, v->option_id);
        cli_table_str(t, v->option_label);
        cli_table_str(t, v->room);
        cli_table_bool(t, v->current);
        cli_table_str(t, v->supersedes[0] ? v->supersedes : NULL);
        cli_table_time(t, v->created_at);
        cli_table_str(t, v->uuid);
    }
    vote_list_free(&l);
    return 0;
}

int fill_suggestions(Store *s, const CliListArgs *a, CliTable *t)
{
    static const CliCol cols[] = {
        {"id", "编号", COL_INT, 0},
        {"receipt", "回执码", COL_STR, 0},
        {"created_at", "提交时间", COL_TIME, 0},
        {"category", "类别", COL_STR, 0},
        {"text", "内容", COL_STR, 30},
        {"room", "房号", COL_STR, 0},
        {"contact", "联系电话", COL_STR, 0},
        {"state", "状态", COL_RAW, 0},
        {"reply", "回复", COL_STR, 24},
        {"replied_at", "回复时间", COL_TIME, 0},
        {"uuid", "UUID", COL_STR, 36},
    };
    COLS(t, cols);
    SuggestionQuery q = {.state = a->state};
    SuggestionList l;
    if (store_suggestion_list(s, &q, &l) < 0)
        return -1;
    for (size_t i = 0; i < l.count; i++) {
        const Suggestion *g = &l.items[i];
        cli_table_int(t, g->id);
        cli_table_str(t, g->receipt);
        cli_table_time(t, g->created_at);
        cli_table_str(t, g->category);
        cli_table_str(t, g->text);
        cli_table_str(t, g->room);
        cli_table_str(t, g->contact);
        put_state(t, suggestion_state_name(g->state), suggestion_state_label(g->state));
        cli_table_str(t, g->reply);
        cli_table_time(t, g->replied_at);
        cli_table_str(t, g->uuid);
    }
    suggestion_list_free(&l);
    return 0;
}

int fill_wishes(Store *s, const CliListArgs *a, CliTable *t)
{
    static const CliCol cols[] = {
        {"id", "编号", COL_INT, 0},
        {"receipt", "回执码", COL_STR, 0},
        {"created_at", "提交时间", COL_TIME, 0},
        {"text", "心愿", COL_STR, 30},
        {"room", "房号", COL_STR, 0},
        {"state", "状态", COL_RAW, 0},
        {"note", "审核备注", COL_STR, 16},
        {"decided_at", "审核时间", COL_TIME, 0},
        {"claim_room", "认领房号", COL_STR, 0},
        {"claim_name", "认领人", COL_STR, 10},
        {"claimed_at", "认领时间", COL_TIME, 0},
        {"uuid", "UUID", COL_STR, 36},
    };
    COLS(t, cols);
    WishQuery q = {.state = a->state};
    WishList l;
    if (store_wish_list(s, &q, &l) < 0)
        return -1;
    for (size_t i = 0; i < l.count; i++) {
        const Wish *w = &l.items[i];
        cli_table_int(t, w->id);
        cli_table_str(t, w->receipt);
        cli_table_time(t, w->created_at);
        cli_table_str(t, w->text);
        cli_table_str(t, w->room);
        put_state(t, wish_state_name(w->state), wish_state_label(w->state));
        cli_table_str(t, w->note);
        cli_table_time(t, w->decided_at);
        cli_table_str(t, w->claim_room);
        cli_table_str(t, w->claim_name);
        cli_table_time(t, w->claimed_at);
        cli_table_str(t, w->uuid);
    }
    wish_list_free(&l);
    return 0;
}

int fill_questions(Store *s, const CliListArgs *a, CliTable *t)
{
    static const CliCol cols[] = {
        {"id", "编号", COL_INT, 0},
        {"receipt", "回执码", COL_STR, 0},
        {"created_at", "提问时间", COL_TIME, 0},
        {"text", "问题", COL_STR, 30},
        {"room", "房号", COL_STR, 0},
        {"answer", "解答", COL_STR, 24},
        {"answered_by", "解答人", COL_STR, 10},
        {"answered_at", "解答时间", COL_TIME, 0},
        {"public", "公开", COL_BOOL, 0},
        {"uuid", "UUID", COL_STR, 36},
    };
    COLS(t, cols);
    QuestionList l;
    if (store_question_list(s, NULL, &l) < 0)
        return -1;
    for (size_t i = 0; i < l.count; i++) {
        const Question *q = &l.items[i];
        cli_table_int(t, q->id);
        cli_table_str(t, q->receipt);
        cli_table_time(t, q->created_at);
        cli_table_str(t, q->text);
        cli_table_str(t, q->room);
        cli_table_str(t, q->answer);
        cli_table_str(t, q->answered_by);
        cli_table_time(t, q->answered_at);
        cli_table_bool(t, q->is_public);
        cli_table_str(t, q->uuid);
    }
    question_list_free(&l);
    return 0;
}

int fill_outbox(Store *s, const CliListArgs *a, CliTable *t)
{
    static const CliCol cols[] = {
        {"seq", "序号", COL_INT, 0},      {"kind", "类型", COL_STR, 0},
        {"uuid", "UUID", COL_STR, 36},    {"created_at", "时间", COL_TIME, 0},
        {"payload", "内容", COL_RAW, 50},
    };
    COLS(t, cols);
    OutboxList l;
    if (store_outbox_list_pending(s, 0, 0, &l) < 0)
        return -1;
    for (size_t i = 0; i < l.count; i++) {
        const OutboxItem *o = &l.items[i];
        cli_table_int(t, o->seq);
        cli_table_str(t, o->kind);
        cli_table_str(t, o->uuid);
        cli_table_time(t, o->created_at);
        cli_table_raw(t, o->payload, o->payload);
    }
    outbox_list_free(&l);
    return 0;
}
