/* `moderate`: the committee's decisions on residents' writing. Wishes are approved,
 * declined or marked fulfilled; suggestions marked seen or replied to; health
 * questions answered (and published or not). The store checks every state step; with
 * --hub CONNINFO the hub does (ID is then the receipt code or UUID) and publishes the
 * outcome to the building's kiosks: as the hub's owner, or with --as LOGIN as that staff
 * member through the staff library (the hub checks the member's scope and audits). */
#include "tools/commands.h"

#include "core/ids.h"
#include "store/question.h"
#include "store/suggestion.h"
#include "store/wish.h"
#include "sync/hub_moderate.h"

#include <ctype.h>
#include <string.h>

#define OPT_END                                                                                    \
    {                                                                                              \
        NULL, 0, NULL, NULL, NULL, 0                                                               \
    }
#define OPT_HUB(dest)                                                                              \
    {                                                                                              \
        "hub", OPT_STR, dest, "CONNINFO",                                                          \
            "在中心库处理（ID 写回执码、楼道屏名/回执码或 UUID），各楼道屏随之更新", 0             \
    }
#define OPT_AS(dest)                                                                                         \
    {                                                                                                        \
        "as", OPT_STR, dest, "LOGIN",                                                                        \
            "和 --hub 一起：以这个工作人员的身份处理（密码从标准输入读一行），" \
            "只能处理自己负责的楼栋，记入操作日志",                                                          \
            0                                                                                                \
    }

/* What a moderation step asks of the hub: the submission's kind, the action, and what
 * goes with it. */
typedef struct {
    const char *what;   /* wish, suggestion, question */
    const char *action; /* as the hub's hub_moderate/staff_moderate read it */
    const char *text;   /* the decline note, the reply or the answer; NULL: none */
    const char *by;     /* the answerer; NULL: none */
    int public_;        /* an answer shown on the kiosks */
    const char *word;   /* what the success line says happened */
} ModStep;

static int done(Cli *c, const char *what, int64_t id, const char *action)
{
    printf("%s %lld: %s\n", what, (long long)id, action);
    return CLI_EXIT_OK;
}

static int is_uuid(const char *s)
{
    for (size_t i = 0; i < 36; i++) {
        int dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !isxdigit((unsigned char)s[i]))
            return 0;
    }
    return s[36] == '\0';
}

/* "KIOSK/CODE": a receipt code with the kiosk that issued it (sql/hub/010_receipts.sql);
 * normalised into out. 1 when s has that shape. */
static int kiosk_receipt(const char *s, char *out, size_t cap)
{
    const char *slash = strchr(s, '/');
    char code[IDS_RECEIPT_LEN + 1];
    size_t n = slash ? (size_t)(slash - s) : 0;
    if (!slash || n == 0 || n > 40 ||
        strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                  "0123456789_.-") != n ||
        !ids_receipt_normalize(slash + 1, code))
        return 0;
    snprintf(out, cap, "%.*s/%s", (int)n, s, code);
    return 1;
}

/* The step through the staff library as the member logged in as a (a hub actor). */
static int step_as(const StaffActor *a, StaffItem it, const ModStep *m)
{
    if (strcmp(m->action, "withdraw") == 0)
        return staff_submission_withdraw(a, m->what, it);
    if (strcmp(m->what, "wish") == 0)
        return strcmp(m->action, "approve") == 0   ? staff_wish_approve(a, it)
               : strcmp(m->action, "decline") == 0 ? staff_wish_decline(a, it, m->text)
                                                   : staff_wish_fulfil(a, it);
    if (strcmp(m->what, "suggestion") == 0)
        return strcmp(m->action, "seen") == 0 ? staff_suggestion_seen(a, it)
                                              : staff_suggestion_reply(a, it, m->text);
    return staff_question_answer(a, it, m->text, m->by, m->public_);
}

/* --as LOGIN: logs in as the member, finds ref among the submissions of the member's
 * scope (another area's reads as missing) and takes the step there; the hub audits it
 * under the member's login. Prints what on_hub() prints; a refusal is staff_error()'s
 * sentence on one line, with cli_fail_staff()'s exit code. */
static int on_hub_as(Cli *c, const char *conn, const char *as, const char *ref, const ModStep *m)
{
    StaffActor a;
    if (cli_hub_login(c, conn, as, &a) < 0)
        return c->status;
    StaffFound found;
    int rc = staff_submission_find(&a, m->what, ref, &found) == 0 &&
                     step_as(&a, STAFF_ITEM_UUID(found.uuid), m) == 0
                 ? CLI_EXIT_OK
                 : cli_fail_staff(c, &a);
    staff_hub_logout(&a);
    if (rc == CLI_EXIT_OK)
        printf("%s %s: %s (%s)\n", m->what, ref, m->word, found.about);
    return rc;
}

/* The step on the hub: c->pos[0] names the submission by receipt code (KIOSK/CODE when
 * several kiosks issued the code) or uuid. Prints like done() with that name, then the
 * kiosk it came from and its text's start; the hub's refusal is one line and exit code 1.
 * As the hub's owner, or as the staff member as (on_hub_as) when not NULL. */
static int on_hub(Cli *c, const char *conn, const char *as, const ModStep *m)
{
    const char *what = m->what, *action = m->action, *text = m->text, *by = m->by, *word = m->word;
    int public_ = m->public_;
    char ref[64];
    if (!ids_receipt_normalize(c->pos[0], ref) && !kiosk_receipt(c->pos[0], ref, sizeof ref)) {
        if (!is_uuid(c->pos[0]))
            return cli_usage(c,
                             "with --hub, ID is a receipt code (or KIOSK/CODE) or a UUID, not"
                             " \"%.40s\"",
                             c->pos[0]);
        snprintf(ref, sizeof ref, "%s", c->pos[0]);
        for (char *p = ref; *p; p++)
            *p = (char)tolower((unsigned char)*p);
    }
    if (!*conn)
        return cli_usage(c, "--hub needs the hub's connection string");
    if (as)
        return on_hub_as(c, conn, as, ref, m);
    char err[1024], state[32], about[160];
    HubAdmin *h = hub_admin_open(conn, err, sizeof err);
    if (!h)
        return cli_fail(c, "%s", err);
    HubModResult r = hub_moderate(h, ref, what, action, text, by, public_, state, sizeof state,
                                  about, sizeof about, err, sizeof err);
    hub_admin_close(h);
    if (r != HUB_MOD_OK)
        return cli_fail(c, "%s", err);
    /* which submission the code matched, so a mistyped receipt is noticed */
    printf("%s %s: %s%s%s%s\n", what, ref, word, *about ? " (" : "", about, *about ? ")" : "");
    return CLI_EXIT_OK;
}

static int moderate_wish(Cli *c, int argc, char **argv)
{
    const char *note = NULL, *conn = NULL, *as = NULL;
    CliOpt opts[] = {{"note", OPT_STR, &note, "TEXT", "decline: 不通过的原因（给工作人员看）", 0},
                     OPT_HUB(&conn),
                     OPT_AS(&as),
                     OPT_END};
    CliSpec spec = {"moderate wish ID approve|decline|fulfil [--note TEXT] [--hub CONNINFO "
                    "[--as LOGIN]]\n"
                    "      yanxiactl moderate wish ID withdraw --hub CONNINFO [--as LOGIN]",
                    "审核微心愿：approve 上墙，decline 不通过，fulfil 标记已完成，"
                    "withdraw 从各楼道屏撤下。",
                    opts, 2, 2};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    const char *act = c->pos[1];
    int approve = strcmp(act, "approve") == 0, decline = strcmp(act, "decline") == 0,
        fulfil = strcmp(act, "fulfil") == 0 || strcmp(act, "fulfill") == 0,
        withdraw = strcmp(act, "withdraw") == 0;
    if (!approve && !decline && !fulfil && !withdraw)
        return cli_usage(c, "action is approve, decline, fulfil or withdraw, not \"%.20s\"", act);
    if (note && !decline)
        return cli_usage(c, "--note goes with decline");
    const char *word = approve ? "已上墙" : decline ? "未通过" : fulfil ? "已完成" : "已撤下";
    if (as && !conn)
        return cli_usage(c, "--as goes with --hub");
    if (conn) {
        ModStep m = {
            "wish", approve ? "approve" : decline ? "decline" : fulfil ? "fulfil" : "withdraw",
            note,   NULL,
            0,      word};
        return on_hub(c, conn, as, &m);
    }
    if (withdraw)
        return cli_usage(c, "withdraw goes with --hub");
    int64_t id;
    if (cli_parse_id(c, c->pos[0], "ID", &id) < 0)
        return c->status;
    Store *s = cli_store(c);
    if (!s)
        return c->status;
    int rc = approve   ? store_wish_approve(s, id)
             : decline ? store_wish_decline(s, id, note)
                       : store_wish_fulfil(s, id);
    if (rc < 0)
        return cli_fail_store(c);
    return done(c, "wish", id, word);
}

static int moderate_suggestion(Cli *c, int argc, char **argv)
{
    const char *text = NULL, *conn = NULL, *as = NULL;
    CliOpt opts[] = {{"text", OPT_STR, &text, "TEXT", "reply: 公开回复的内容", 0},
                     OPT_HUB(&conn),
                     OPT_AS(&as),
                     OPT_END};
    CliSpec spec = {"moderate suggestion ID seen|reply --text TEXT [--hub CONNINFO [--as LOGIN]]\n"
                    "      yanxiactl moderate suggestion ID withdraw --hub CONNINFO [--as LOGIN]",
                    "处理意见建议：seen 标记已阅，reply 公开回复，withdraw 从各楼道屏撤下回复。",
                    opts, 2, 2};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    int seen = strcmp(c->pos[1], "seen") == 0, reply = strcmp(c->pos[1], "reply") == 0,
        withdraw = strcmp(c->pos[1], "withdraw") == 0;
    if (!seen && !reply && !withdraw)
        return cli_usage(c, "action is seen, reply or withdraw, not \"%.20s\"", c->pos[1]);
    if (reply && !text)
        return cli_usage(c, "reply needs --text");
    if (!reply && text)
        return cli_usage(c, "--text goes with reply");
    const char *word = seen ? "已阅" : reply ? "已回复" : "已撤下";
    if (as && !conn)
        return cli_usage(c, "--as goes with --hub");
    if (conn) {
        ModStep m = {"suggestion", c->pos[1], text, NULL, 0, word};
        return on_hub(c, conn, as, &m);
    }
    if (withdraw)
        return cli_usage(c, "withdraw goes with --hub");
    int64_t id;
    if (cli_parse_id(c, c->pos[0], "ID", &id) < 0)
        return c->status;
    Store *s = cli_store(c);
    if (!s)
        return c->status;
    if ((seen ? store_suggestion_mark_seen(s, id) : store_suggestion_reply(s, id, text)) < 0)
        return cli_fail_store(c);
    return done(c, "suggestion", id, word);
}

static int moderate_question(Cli *c, int argc, char **argv)
{
    const char *text = NULL, *by = NULL, *conn = NULL, *as = NULL;
    int public_ = 0;
    CliOpt opts[] = {{"text", OPT_STR, &text, "TEXT", "解答（必填）", 0},
                     {"by", OPT_STR, &by, "NAME", "解答人，例如 张医生", 0},
                     {"public", OPT_FLAG, &public_, NULL, "在健康答疑栏公开（房号隐去）", 0},
                     OPT_HUB(&conn),
                     OPT_AS(&as),
                     OPT_END};
    CliSpec spec = {"moderate question ID answer --text TEXT [--by NAME] [--public] "
                    "[--hub CONNINFO [--as LOGIN]]\n"
                    "      yanxiactl moderate question ID withdraw --hub CONNINFO [--as LOGIN]",
                    "解答健康问题；再次解答会替换上一次的解答。withdraw 从各楼道屏撤下。", opts, 2,
                    2};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    int withdraw = strcmp(c->pos[1], "withdraw") == 0;
    if (strcmp(c->pos[1], "answer") != 0 && !withdraw)
        return cli_usage(c, "action is answer or withdraw, not \"%.20s\"", c->pos[1]);
    if (!withdraw && !text)
        return cli_usage(c, "answer needs --text");
    if (withdraw && (text || by || public_))
        return cli_usage(c, "--text, --by and --public go with answer");
    const char *word = withdraw ? "已撤下" : public_ ? "已解答并公开" : "已解答（不公开）";
    if (as && !conn)
        return cli_usage(c, "--as goes with --hub");
    if (conn) {
        ModStep m = {"question", c->pos[1], text, by, public_, word};
        return on_hub(c, conn, as, &m);
    }
    if (withdraw)
        return cli_usage(c, "withdraw goes with --hub");
    int64_t id;
    if (cli_parse_id(c, c->pos[0], "ID", &id) < 0)
        return c->status;
    Store *s = cli_store(c);
    if (!s)
        return c->status;
    if (store_question_answer(s, id, text, by, public_) < 0)
        return cli_fail_store(c);
    return done(c, "question", id, word);
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
           "[--public]\n"
           "      在中心库处理：加 --hub CONNINFO，ID 写回执码（几台楼道屏都用过时写 "
           "楼道屏名/回执码）或 UUID；还可用 withdraw 撤下。\n"
           "      以工作人员身份：再加 --as LOGIN（密码从标准输入读一行），只能处理自己负责的"
           "楼栋，并记入中心库的操作日志。\n");
    return help ? CLI_EXIT_OK : CLI_EXIT_USAGE;
}
