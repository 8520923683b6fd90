/* yanxiactl: the staff and installer command line. main() reads the global options
 * and dispatches through COMMANDS; CLI_KINDS (cli_kinds.c) is the one table of what
 * exists (notices ... kiosk) and how `list`, `add`, `edit`, `rm` and `export` reach it. */
#include "tools/commands.h"
#include "tools/cmd_hub.h"

#include "core/paths.h"

#include "tools/demo.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_DB "./data/yanxia.db"

/* "notices, tips, ..." (offset 0), or the singular names of the kinds whose CliCmdFn
 * member at offset is set. */
static void kinds_with(char *out, size_t n, size_t offset)
{
    out[0] = '\0';
    for (size_t i = 0; i < CLI_KIND_COUNT; i++) {
        const char *k = (const char *)&CLI_KINDS[i];
        if (offset && !*(const CliCmdFn *)(k + offset))
            continue;
        size_t len = strlen(out);
        snprintf(out + len, n - len, "%s%s", len ? ", " : "",
                 offset ? CLI_KINDS[i].single : CLI_KINDS[i].name);
    }
}

static int cmd_init(Cli *c, int argc, char **argv)
{
    CliSpec spec = {"init", "创建（或升级）数据库文件；已有的内容不受影响。", NULL, 0, 0};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    Store *s = cli_store(c);
    if (!s)
        return c->status;
    printf("%s: schema %d\n", c->db_path, store_schema_version(s));
    return CLI_EXIT_OK;
}

static int cmd_seed(Cli *c, int argc, char **argv)
{
    int demo = 0;
    int64_t portraits = -1, submissions = -1;
    const char *album = DEMO_ALBUM_PORTRAITS;
    CliOpt opts[] = {{"demo", OPT_FLAG, &demo, NULL, "写入演示内容（上海一栋居民楼）", 0},
                     {"portraits", OPT_INT, &portraits, "N", "再加N张生成的画像（基准测试用）", 0},
                     {"album", OPT_STR, &album, "NAME", "--portraits 写入的相册（默认笑脸墙）", 0},
                     {"submissions", OPT_INT, &submissions, "N",
                      "再加N条居民提交（建议、心愿、问题，分摊到过去的日子；基准测试用）", 0},
                     {NULL, 0, NULL, NULL, NULL, 0}};
    CliSpec spec = {"seed --demo | --portraits N [--album NAME] | --submissions N",
                    "向数据库写入演示内容；全部成功或全部不写。", opts, 0, 0};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    if (!demo && portraits < 0 && submissions < 0)
        return cli_usage(c, "--demo, --portraits N or --submissions N is needed");
    if (submissions > 1000000)
        return cli_usage(c, "--submissions: at most 1000000");
    if (portraits > 100000)
        return cli_usage(c, "--portraits: at most 100000");
    Store *s = cli_store(c);
    if (!s)
        return c->status;
    char err[512] = "";
    if (demo && demo_seed(s, err, sizeof err) < 0)
        return cli_fail(c, "%s", err[0] ? err : store_errmsg(s));
    if (portraits >= 0 && demo_seed_portraits(s, album, (int)portraits, 1u, err, sizeof err) < 0)
        return cli_fail(c, "%s", err[0] ? err : store_errmsg(s));
    if (submissions >= 0 && demo_seed_submissions(s, (int)submissions, err, sizeof err) < 0)
        return cli_fail(c, "%s", err[0] ? err : store_errmsg(s));
    printf("demo content written to %s\n", c->db_path);
    return CLI_EXIT_OK;
}

static int cmd_list(Cli *c, int argc, char **argv)
{
    int json = 0;
    CliListArgs a = {0};
    CliOpt opts[] = {{"json", OPT_FLAG, &json, NULL, "输出一个 JSON 数组", 0},
                     {"all", OPT_FLAG, &a.all, NULL, "也列出已过期、已关闭、未同意展示的条目", 0},
                     {"album", OPT_STR, &a.album, "NAME", "photos: 只列这个相册", 0},
                     {"activity", OPT_INT, &a.activity, "ID", "signups: 只列这个活动", 0},
                     {"poll", OPT_INT, &a.poll, "ID", "votes: 只列这个征询", 0},
                     {"state", OPT_STR, &a.state, "STATE", "suggestions/wishes: 只列这个状态", 0},
                     {"month", OPT_STR, &a.month, "YYYY-MM", "tips: 只列这个月", 0},
                     {NULL, 0, NULL, NULL, NULL, 0}};
    static const unsigned filter_bits[] = {0,
                                           0,
                                           CLI_FILTER_ALBUM,
                                           CLI_FILTER_ACTIVITY,
                                           CLI_FILTER_POLL,
                                           CLI_FILTER_STATE,
                                           CLI_FILTER_MONTH};
    char kinds[512], usage[600];
    kinds_with(kinds, sizeof kinds, 0);
    snprintf(usage, sizeof usage, "list KIND [--json] [--all] [filters]\nKIND: %s", kinds);
    CliSpec spec = {usage, "列出一类内容：默认为对齐的表格，--json 输出 JSON 数组。", opts, 1, 1};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    const CliKind *k = cli_kind_find(c->pos[0]);
    if (!k)
        return cli_usage(c, "unknown kind \"%.40s\" (one of: %s)", c->pos[0], kinds);
    cli_set_cmd(c, "list", k->name);
    for (size_t i = 2; opts[i].name; i++)
        if (opts[i].given && !(k->filters & filter_bits[i]))
            return cli_usage(c, "--%s does not apply to %s", opts[i].name, k->name);
    Store *s = cli_store(c);
    if (!s)
        return c->status;
    CliTable t;
    cli_table_init(&t, NULL, 0);
    int rc = CLI_EXIT_OK;
    if (k->fill(s, &a, &t) < 0)
        rc = cli_fail_store(c);
    else if (cli_table_print(&t, stdout, json) < 0)
        rc = cli_fail(c, "out of memory or cannot write the output");
    cli_table_deinit(&t);
    return rc;
}

/* `add KIND ...` and `edit KIND ...`: the kind's own function parses the rest. */
static int dispatch_kind(Cli *c, int argc, char **argv, const char *verb, size_t offset)
{
    char kinds[512];
    kinds_with(kinds, sizeof kinds, offset);
    if (argc < 1 || strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0) {
        printf("用法: yanxiactl [--db PATH] %s KIND ... (yanxiactl %s KIND --help)\nKIND: %s\n",
               verb, verb, kinds);
        return argc < 1 ? CLI_EXIT_USAGE : CLI_EXIT_OK;
    }
    const CliKind *k = cli_kind_find(argv[0]);
    if (k && k->add && strcmp(verb, "add") == 0) {
        cli_set_cmd(c, verb, k->single);
        return cmd_hub_add(c, k, argc - 1, argv + 1); /* local, or with --hub */
    }
    if (k && k->edit && strcmp(verb, "edit") == 0) {
        cli_set_cmd(c, verb, k->single);
        return cmd_hub_edit(c, k, argc - 1, argv + 1); /* local, or with --hub --as */
    }
    CliCmdFn fn = k ? *(const CliCmdFn *)((const char *)k + offset) : NULL;
    if (!fn)
        return cli_usage(c, "cannot %s \"%.40s\" (one of: %s)", verb, argv[0], kinds);
    cli_set_cmd(c, verb, k->single);
    return fn(c, argc - 1, argv + 1);
}

static int cmd_add(Cli *c, int argc, char **argv)
{
    return dispatch_kind(c, argc, argv, "add", offsetof(CliKind, add));
}

static int cmd_edit(Cli *c, int argc, char **argv)
{
    return dispatch_kind(c, argc, argv, "edit", offsetof(CliKind, edit));
}

static int cmd_rm(Cli *c, int argc, char **argv)
{
    char kinds[512] = "", usage[600];
    for (size_t i = 0; i < CLI_KIND_COUNT; i++) {
        if (!CLI_KINDS[i].remove)
            continue;
        size_t n = strlen(kinds);
        snprintf(kinds + n, sizeof kinds - n, "%s%s", n ? ", " : "", CLI_KINDS[i].single);
    }
    if (cli_wants_hub(argc, argv))
        return cmd_hub_rm(c, argc, argv); /* removed on the hub */
    snprintf(usage, sizeof usage, "rm KIND ID\nKIND: %s", kinds);
    CliSpec spec = {usage, "撤下一条内容（保留删除记录，便于同步）。", NULL, 2, 2};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    const CliKind *k = cli_kind_find(c->pos[0]);
    if (!k || !k->remove)
        return cli_usage(c, "cannot remove \"%.40s\" (one of: %s)", c->pos[0], kinds);
    cli_set_cmd(c, "rm", k->single);
    int64_t id;
    if (cli_parse_id(c, c->pos[1], "ID", &id) < 0)
        return c->status;
    Store *s = cli_store(c);
    if (!s)
        return c->status;
    if (k->remove(s, id) < 0)
        return cli_fail_store(c);
    printf("removed %s %lld\n", k->single, (long long)id);
    return CLI_EXIT_OK;
}

typedef struct {
    const char *name;
    CliCmdFn fn;
    const char *about;
} Command;

static const Command COMMANDS[] = {
    {"init", cmd_init, "创建或升级数据库"},
    {"seed", cmd_seed, "seed --demo：写入演示内容"},
    {"list", cmd_list, "list KIND [--json]：列出内容或提交"},
    {"add", cmd_add, "add KIND ...：添加内容，或录入纸质表格（建议、心愿、报名、投票……）"},
    {"edit", cmd_edit, "edit KIND ID ...：修改内容"},
    {"rm", cmd_rm, "rm KIND ID：撤下内容"},
    {"photo", cmd_photo, "photo add FILE... --album NAME：添加照片"},
    {"cancel", cmd_cancel, "cancel signup：取消报名"},
    {"claim", cmd_claim, "claim wish ID --room R：认领微心愿"},
    {"moderate", cmd_moderate, "审核心愿、回复建议、解答健康问题"},
    {"export", cmd_export, "export KIND --csv [-o FILE]：导出为 Excel 可读的 CSV"},
    {"import", cmd_import, "import DIR：导入内容文件夹（见 docs/content-folder.md）"},
    {"hub", cmd_hub, "hub init|add-kiosk|status|publish ...：中心库与楼道屏"},
    {"sync", cmd_sync, "sync --once --config FILE：与中心库同步一轮"},
    {"check", cmd_check, "check：检查数据库完整性与同步状态"},
    {"staff", cmd_staff, "staff add|list|passwd|disable|enable：管理后台（yanxia-console）的账号"},
    {"maintain", cmd_maintain, "maintain：立即执行夜间维护（检查、清理个人信息和无用照片）"},
    {"kiosk", cmd_kiosk, "kiosk set ...：本机的楼栋、名称、房号规则"},
};

/* installed (Debian), the kiosk's store in its state directory; from a build tree,
 * ./data/yanxia.db as `make run` seeds it */
static const char *default_db(void)
{
    return paths_installed() ? PATHS_STATE_DIR "/yanxia.db" : DEFAULT_DB;
}

static void print_usage(FILE *f)
{
    fprintf(f, "用法: yanxiactl [--db PATH] COMMAND ...   (默认数据库 %s)\n\n命令:\n",
            default_db());
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        fprintf(f, "  %-10s %s\n", COMMANDS[i].name, COMMANDS[i].about);
    fprintf(f, "\n每个命令都有 --help，例如 yanxiactl add notice --help\n");
}

int main(int argc, char **argv)
{
    Cli c = {.db_path = default_db()};
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
            c.db_path = argv[++i];
        } else if (strncmp(argv[i], "--db=", 5) == 0) {
            c.db_path = argv[i] + 5;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            print_usage(stdout);
            return CLI_EXIT_OK;
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("yanxiactl %s\n", YANXIA_VERSION);
            return CLI_EXIT_OK;
        } else {
            return cli_usage(&c, "unknown option %.40s", argv[i]);
        }
    }
    if (i == argc) {
        print_usage(stderr);
        return CLI_EXIT_USAGE;
    }
    const Command *cmd = NULL;
    for (size_t k = 0; k < sizeof COMMANDS / sizeof COMMANDS[0]; k++)
        if (strcmp(argv[i], COMMANDS[k].name) == 0)
            cmd = &COMMANDS[k];
    if (strcmp(argv[i], "help") == 0) {
        print_usage(stdout);
        return CLI_EXIT_OK;
    }
    if (!cmd)
        return cli_usage(&c, "unknown command \"%.40s\"", argv[i]);
    cli_set_cmd(&c, cmd->name, NULL);
    int rc = cmd->fn(&c, argc - i - 1, argv + i + 1);
    store_close(c.store);
    free(c.pos_heap);
    return rc;
}
