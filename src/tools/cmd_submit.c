/* Paper forms from the lobby box, typed in by staff: suggestions, wishes, questions,
 * sign-ups and their cancellation, votes, claims. Each goes through the same store
 * call as the touch screen, so the same rules apply, and prints the receipt code. */
#include "tools/commands.h"

#include "store/poll.h"
#include "store/question.h"
#include "store/signup.h"
#include "store/suggestion.h"
#include "store/vote.h"
#include "store/wish.h"

#include <stdlib.h>
#include <string.h>

#define OPT_END                                                                                    \
    {                                                                                              \
        NULL, 0, NULL, NULL, NULL, 0                                                               \
    }

static int receipt(const StoreReceipt *r, const char *kind, const char *extra)
{
    printf("回执码 %s（%s %lld%s%s）\n", r->receipt, kind, (long long)r->id, extra ? "，" : "",
           extra ? extra : "");
    return CLI_EXIT_OK;
}

int cmd_add_suggestion(Cli *c, int argc, char **argv)
{
    SuggestionInput in = {0};
    CliOpt opts[] = {{"text", OPT_STR, &in.text, "TEXT", "内容（必填，最多 500 字）", 0},
                     {"category", OPT_STR, &in.category, "CAT",
                      "环境卫生 安全隐患 设施维修 邻里关系 活动建议 物业服务 其他", 0},
                     {"room", OPT_STR, &in.room, "ROOM", "房号", 0},
                     {"contact", OPT_STR, &in.contact, "PHONE", "联系电话", 0},
                     OPT_END};
    CliSpec spec = {"add suggestion --text T [--category C] [--room R] [--contact P]",
                    "录入一条意见建议（来自意见箱的纸条）。", opts, 0, 0};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    if (!in.text)
        return cli_usage(c, "missing --text");
    Store *s = cli_store(c);
    StoreReceipt r;
    if (!s)
        return c->status;
    if (store_suggestion_add(s, &in, &r) < 0)
        return cli_fail_store(c);
    return receipt(&r, "suggestion", NULL);
}

int cmd_add_wish(Cli *c, int argc, char **argv)
{
    const char *text = NULL, *room = NULL;
    CliOpt opts[] = {{"text", OPT_STR, &text, "TEXT", "心愿（必填，最多 200 字）", 0},
                     {"room", OPT_STR, &room, "ROOM", "房号（必填）", 0},
                     OPT_END};
    CliSpec spec = {"add wish --text T --room R", "录入一个微心愿；审核通过后才上墙。", opts, 0, 0};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    if (!text || !room)
        return cli_usage(c, "missing --%s", text ? "room" : "text");
    Store *s = cli_store(c);
    StoreReceipt r;
    if (!s)
        return c->status;
    if (store_wish_add(s, text, room, &r) < 0)
        return cli_fail_store(c);
    return receipt(&r, "wish", "待审核");
}

int cmd_add_question(Cli *c, int argc, char **argv)
{
    const char *text = NULL, *room = NULL;
    CliOpt opts[] = {{"text", OPT_STR, &text, "TEXT", "问题（必填，最多 500 字）", 0},
                     {"room", OPT_STR, &room, "ROOM", "房号", 0},
                     OPT_END};
    CliSpec spec = {"add question --text T [--room R]", "录入一个健康问题。", opts, 0, 0};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    if (!text)
        return cli_usage(c, "missing --text");
    Store *s = cli_store(c);
    StoreReceipt r;
    if (!s)
        return c->status;
    if (store_question_add(s, text, room, &r) < 0)
        return cli_fail_store(c);
    return receipt(&r, "question", NULL);
}

int cmd_add_signup(Cli *c, int argc, char **argv)
{
    const char *room = NULL, *name = NULL, *phone = NULL;
    int64_t activity = 0, party = 1;
    CliOpt opts[] = {
        {"activity", OPT_INT, &activity, "ID", "活动编号（必填，见 list activities）", 0},
        {"room", OPT_STR, &room, "ROOM", "房号（必填）", 0},
        {"name", OPT_STR, &name, "NAME", "姓名", 0},
        {"phone", OPT_STR, &phone, "PHONE", "电话", 0},
        {"party", OPT_INT, &party, "N", "人数（默认 1）", 0},
        OPT_END};
    CliSpec spec = {"add signup --activity ID --room R [--name N] [--phone P] [--party N]",
                    "录入一份报名；满员时按先后进入候补（若活动允许）。", opts, 0, 0};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    if (!activity || !room)
        return cli_usage(c, "missing --%s", activity ? "room" : "activity");
    if (party < 0 || party > 1000)
        party = -1; /* out of any range: the store refuses it with its own words */
    Store *s = cli_store(c);
    SignupResult res;
    if (!s)
        return c->status;
    if (store_signup_add(s, activity, room, name, phone, (int)party, &res) < 0)
        return cli_fail_store(c);
    char extra[64];
    if (res.status == SIGNUP_WAITLISTED)
        snprintf(extra, sizeof extra, "%s，第 %d 位", signup_status_text(res.status),
                 res.waitlist_position);
    else
        snprintf(extra, sizeof extra, "%s", signup_status_text(res.status));
    return receipt(&res.receipt, "signup", extra);
}

/* --option N (1-based position) or the option's label, to the option's id. */
static int option_id(Cli *c, Store *s, int64_t poll_id, const char *option, int64_t *out)
{
    Poll p;
    if (store_poll_get(s, poll_id, &p) < 0)
        return cli_fail_store(c), -1;
    char *end;
    long n = strtol(option, &end, 10);
    *out = 0;
    for (size_t i = 0; i < p.option_count; i++)
        if ((!*end && n == (long)i + 1) || strcmp(option, p.options[i].label) == 0)
            *out = p.options[i].id;
    size_t count = p.option_count;
    poll_deinit(&p);
    if (!*out)
        return cli_fail_reason(c, REASON_INVALID_OPTION,
                               "poll %lld has options 1-%zu; \"%.40s\" is none of them",
                               (long long)poll_id, count, option),
               -1;
    return 0;
}

int cmd_add_vote(Cli *c, int argc, char **argv)
{
    const char *room = NULL, *option = NULL;
    int64_t poll = 0;
    int change = 0;
    CliOpt opts[] = {{"poll", OPT_INT, &poll, "ID", "征询编号（必填）", 0},
                     {"option", OPT_STR, &option, "N", "选项序号（1 起）或选项文字（必填）", 0},
                     {"room", OPT_STR, &room, "ROOM", "房号（必填）", 0},
                     {"change", OPT_FLAG, &change, NULL, "更改这户已投的票", 0},
                     OPT_END};
    CliSpec spec = {"add vote --poll ID --option N --room R [--change]",
                    "录入一户的投票（纸质征询表）；每户一票。", opts, 0, 0};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    if (!poll || !option || !room)
        return cli_usage(c, "missing --%s", !poll ? "poll" : !option ? "option" : "room");
    Store *s = cli_store(c);
    if (!s)
        return c->status;
    int64_t opt;
    if (option_id(c, s, poll, option, &opt) < 0)
        return c->status;
    StoreReceipt r;
    if ((change ? store_vote_change : store_vote_cast)(s, poll, opt, room, &r) < 0)
        return cli_fail_store(c);
    return receipt(&r, "vote", change ? "已更改" : NULL);
}

int cmd_cancel(Cli *c, int argc, char **argv)
{
    const char *room = NULL, *code = NULL;
    int64_t activity = 0;
    CliOpt opts[] = {{"activity", OPT_INT, &activity, "ID", "活动编号（必填）", 0},
                     {"room", OPT_STR, &room, "ROOM", "房号（必填）", 0},
                     {"receipt", OPT_STR, &code, "CODE", "报名时的回执码（必填）", 0},
                     OPT_END};
    CliSpec spec = {"cancel signup --activity ID --room R --receipt CODE",
                    "取消一份报名；候补第一位自动递补。", opts, 1, 1};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    if (strcmp(c->pos[0], "signup") != 0)
        return cli_usage(c, "only `cancel signup` exists");
    cli_set_cmd(c, "cancel", "signup");
    if (!activity || !room || !code)
        return cli_usage(c, "missing --%s", !activity ? "activity" : !room ? "room" : "receipt");
    Store *s = cli_store(c);
    StoreReceipt r;
    if (!s)
        return c->status;
    if (store_signup_cancel(s, activity, room, code, &r) < 0)
        return cli_fail_store(c);
    return receipt(&r, "cancel", "已取消");
}

int cmd_claim(Cli *c, int argc, char **argv)
{
    const char *room = NULL, *name = NULL;
    CliOpt opts[] = {{"room", OPT_STR, &room, "ROOM", "认领人的房号（必填）", 0},
                     {"name", OPT_STR, &name, "NAME", "认领人姓名", 0},
                     OPT_END};
    CliSpec spec = {"claim wish ID --room R [--name N]", "认领一个已上墙的微心愿。", opts, 2, 2};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    if (strcmp(c->pos[0], "wish") != 0)
        return cli_usage(c, "only `claim wish` exists");
    cli_set_cmd(c, "claim", "wish");
    int64_t id;
    if (cli_parse_id(c, c->pos[1], "ID", &id) < 0)
        return c->status;
    if (!room)
        return cli_usage(c, "missing --room");
    Store *s = cli_store(c);
    StoreReceipt r;
    if (!s)
        return c->status;
    if (store_wish_claim(s, id, room, name, &r) < 0)
        return cli_fail_store(c);
    return receipt(&r, "claim", "已认领");
}
