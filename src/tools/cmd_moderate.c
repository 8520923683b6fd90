/* `moderate`: the committee's decisions on residents' writing. Wishes are approved,
 * declined or marked fulfilled; suggestions marked seen or replied to; health
 * questions answered (and published or not). The store checks every state step. */
#include "tools/commands.h"

#include "store/question.h"
#include "store/suggestion.h"
#include "store/wish.h"

#include <string.h>

#define OPT_END                                                                                    \
    {                                                                                              \
        NULL, 0, NULL, NULL, NULL, 0                                                               \
    }

static int done(Cli *c, const char *what, int64_t id, const char *action)
{
    printf("%s %lld: %s\n", what, (long long)id, action);
    return CLI_EXIT_OK;
}

static int moderate_wish(Cli *c, int argc, char **argv)
{
    const char *note = NULL;
    CliOpt opts[] = {{"note", OPT_STR, &note, "TEXT", "decline: 不通过的原因（给工作人员看）", 0},
                     OPT_END};
    CliSpec spec = {"moderate wish ID approve|decline|fulfil [--note TEXT]",
                    "审核微心愿：approve 上墙，decline 不通过，fulfil 标记已完成。", opts, 2, 2};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    int64_t id;
    if (cli_parse_id(c, c->pos[0], "ID", &id) < 0)
        return c->status;
    const char *act = c->pos[1];
    int approve = strcmp(act, "approve") == 0, decline = strcmp(act, "decline") == 0,
        fulfil = strcmp(act, "fulfil") == 0 || strcmp(act, "fulfill") == 0;
    if (!approve && !decline && !fulfil)
        return cli_usage(c, "action is approve, decline or fulfil, not \"%.20s\"", act);
    if (note && !decline)
        return cli_usage(c, "--note goes with decline");
    Store *s = cli_store(c);
    if (!s)
        return c->status;
    int rc = approve   ? store_wish_approve(s, id)
             : decline ? store_wish_decline(s, id, note)
                       : store_wish_fulfil(s, id);
    if (rc < 0)
        return cli_fail_store(c);
    return done(c, "wish", id, approve ? "已上墙" : decline ? "未通过" : "已完成");
}

static int moderate_suggestion(Cli *c, int argc, char **argv)
{
    const char *text = NULL;
    CliOpt opts[] = {{"text", OPT_STR, &text, "TEXT", "reply: 公开回复的内容", 0}, OPT_END};
    CliSpec spec = {"moderate suggestion ID seen|reply --text TEXT",
                    "处理意见建议：seen 标记已阅，reply 公开回复。", opts, 2, 2};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    int64_t id;
    if (cli_parse_id(c, c->pos[0], "ID", &id) < 0)
        return c->status;
    int seen = strcmp(c->pos[1], "seen") == 0, reply = strcmp(c->pos[1], "reply") == 0;
    if (!seen && !reply)
        return cli_usage(c, "action is seen or reply, not \"%.20s\"", c->pos[1]);
    if (reply && !text)
        return cli_usage(c, "reply needs --text");
    if (seen && text)
        return cli_usage(c, "--text goes with reply");
    Store *s = cli_store(c);
    if (!s)
        return c->status;
    if ((seen ? store_suggestion_mark_seen(s, id) : store_suggestion_reply(s, id, text)) < 0)
        return cli_fail_store(c);
    return done(c, "suggestion", id, seen ? "已阅" : "已回复");
}

static int moderate_question(Cli *c, int argc, char **argv)
{
    const char *text = NULL, *by = NULL;
    int public_ = 0;
    CliOpt opts[] = {{"text", OPT_STR, &text, "TEXT", "解答（必填）", 0},
                     {"by", OPT_STR, &by, "NAME", "解答人，例如 张医生", 0},
                     {"public", OPT_FLAG, &public_, NULL, "在健康答疑栏公开（房号隐去）", 0},
                     OPT_END};
    CliSpec spec = {"moderate question ID answer --text TEXT [--by NAME] [--public]",
                    "解答健康问题；再次解答会替换上一次的解答。", opts, 2, 2};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    int64_t id;
    if (cli_parse_id(c, c->pos[0], "ID", &id) < 0)
        return c->status;
    if (strcmp(c->pos[1], "answer") != 0)
        return cli_usage(c, "action is answer, not \"%.20s\"", c->pos[1]);
    if (!text)
        return cli_usage(c, "answer needs --text");
    Store *s = cli_store(c);
    if (!s)
        return c->status;
    if (store_question_answer(s, id, text, by, public_) < 0)
        return cli_fail_store(c);
    return done(c, "question", id, public_ ? "已解答并公开" : "已解答（不公开）");
}

int cmd_moderate(Cli *c, int argc, char **argv)
{
    static const struct {
        const char *kind;
        int (*fn)(Cli *, int, char **);
    } KINDS[] = {
        {"wish", moderate_wish},
        {"suggestion", moderate_suggestion},
        {"question", moderate_question},
    };
    for (size_t i = 0; argc >= 1 && i < sizeof KINDS / sizeof KINDS[0]; i++)
        if (strcmp(argv[0], KINDS[i].kind) == 0) {
            cli_set_cmd(c, "moderate", KINDS[i].kind);
            return KINDS[i].fn(c, argc - 1, argv + 1);
        }
    int help = argc >= 1 && (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0);
    if (!help && argc >= 1)
        return cli_usage(c, "unknown kind \"%.40s\" (wish, suggestion, question)", argv[0]);
    printf("用法: yanxiactl [--db PATH] moderate wish ID approve|decline|fulfil [--note TEXT]\n"
           "      yanxiactl [--db PATH] moderate suggestion ID seen|reply --text TEXT\n"
           "      yanxiactl [--db PATH] moderate question ID answer --text TEXT [--by NAME] "
           "[--public]\n");
    return help ? CLI_EXIT_OK : CLI_EXIT_USAGE;
}
