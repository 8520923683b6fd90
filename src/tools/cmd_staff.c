/* `staff`: accounts for the web console (yanxia-console) of a standalone building.
 * The password is read from standard input, one line, never from the command line
 * (where `ps` and the shell history would keep it). Whoever runs yanxiactl on the
 * box acts as an administrator; the audit log records them as "shell:$USER". With
 * `--hub CONNINFO --as LOGIN` the accounts are the hub's and an administrator of the
 * hub acts through the staff library (their own password first on standard input). */
#include "tools/commands.h"

#include "staff/staff.h"
#include "sync/hub_admin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OPT_END                                                                                    \
    {                                                                                              \
        NULL, 0, NULL, NULL, NULL, 0                                                               \
    }

void cli_shell_actor(Cli *c, StaffActor *a)
{
    memset(a, 0, sizeof *a);
    a->store = c->store;
    const char *user = getenv("USER");
    snprintf(a->login, sizeof a->login, "shell:%.24s", user && *user ? user : "?");
    snprintf(a->role, sizeof a->role, "admin");
    snprintf(a->address, sizeof a->address, "cli");
}

/* The shell user as an administrator acting on c's store (opened here). */
static int shell_actor(Cli *c, StaffActor *a)
{
    if (!cli_store(c))
        return -1;
    cli_shell_actor(c, a);
    return 0;
}

/* On the hub: a login role of the member's own, scope-checked there (sql/hub/008). */
static int staff_add_hub(Cli *c, const char *conn, const char *role, const char *scope)
{
    char pw[STAFF_PASSWORD_MAX + 2], err[1024];
    if (cli_read_password(c, NULL, pw, sizeof pw) < 0)
        return CLI_EXIT_FAIL;
    HubAdmin *h = hub_admin_open(conn, err, sizeof err);
    if (!h) {
        memset(pw, 0, sizeof pw);
        return cli_fail(c, "%s", err);
    }
    int rc = hub_admin_add_staff(h, c->pos[0], pw, role, scope, err, sizeof err);
    memset(pw, 0, sizeof pw);
    hub_admin_close(h);
    if (rc < 0)
        return cli_fail(c, "%s", err);
    printf("added staff %s (%s) on the hub\n", c->pos[0], role);
    return CLI_EXIT_OK;
}

/* The actor of an account command: the shell user over the store, or, with --hub and
 * --as, that administrator logged in to the hub (their password read first). 0 with *a
 * (staff_hub_logout it), or -1 with the message printed and c->status set. */
static int account_actor(Cli *c, const char *hub, const char *as, StaffActor *a)
{
    if (hub && !as) { /* the hub's owner has no step for this one: an administrator does */
        c->status = cli_usage(c, "--hub goes with --as (an administrator of the hub)");
        return -1;
    }
    if (as)
        return cli_hub_login(c, hub, as, a) < 0 ? -1 : 0;
    if (shell_actor(c, a) < 0) {
        c->status = cli_fail_store(c);
        return -1;
    }
    return 0;
}

static int staff_add(Cli *c, int argc, char **argv)
{
    const char *role = NULL, *building = NULL, *area = NULL, *hub = NULL, *as = NULL;
    CliOpt opts[] = {
        {"role", OPT_STR, &role, "ROLE", "lead（楼组长）| committee（居委会）| admin", 0},
        {"building", OPT_STR, &building, "B", "楼组长管理的楼栋", 0},
        {"area", OPT_STR, &area, "A", "居委会工作人员负责的片区", 0},
        {"hub", OPT_STR, &hub, "CONNINFO", "在中心库建账号（以中心库所有者的身份，或用 --as）", 0},
        {"as", OPT_STR, &as, "LOGIN",
         "与 --hub 同用：以中心库的这个管理员的身份建账号，标准输入先读一行他的密码，"
         "再读一行新账号的密码；记入操作日志",
         0},
        OPT_END};
    CliSpec spec = {"staff add LOGIN --role lead|committee|admin [--building B | --area A] "
                    "[--hub CONNINFO [--as ADMIN]]",
                    "添加一个管理后台账号；密码从标准输入读一行", opts, 1, 1};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    if (!role)
        return cli_usage(c, "--role is required (lead, committee or admin)");
    if (building && area)
        return cli_usage(c, "give --building or --area, not both");
    if (hub && !as)
        return staff_add_hub(c, hub, role, building ? building : area);
    StaffActor a;
    if (account_actor(c, hub, as, &a) < 0)
        return c->status;
    char pw[STAFF_PASSWORD_MAX + 2], err[256];
    int rc = cli_read_password(c, NULL, pw, sizeof pw) < 0
                 ? -2
                 : staff_account_create(&a, c->pos[0], role,
                                        building ? building
                                        : area   ? area
                                                 : "",
                                        pw, err, sizeof err);
    memset(pw, 0, sizeof pw);
    staff_hub_logout(&a);
    if (rc == -2)
        return CLI_EXIT_FAIL;
    if (rc < 0)
        return cli_fail(c, "%s", err);
    printf("added staff %s (%s)%s\n", c->pos[0], role, as ? " on the hub" : "");
    return CLI_EXIT_OK;
}

static int staff_list(Cli *c, int argc, char **argv)
{
    int json = 0;
    CliOpt opts[] = {{"json", OPT_FLAG, &json, NULL, "输出一个 JSON 数组", 0}, OPT_END};
    CliSpec spec = {"staff list [--json]", "列出管理后台账号（不显示密码）", opts, 0, 0};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    Store *s = cli_store(c);
    StaffAccountList l;
    if (!s || store_staff_list(s, &l) < 0)
        return cli_fail_store(c);
    static const CliCol cols[] = {{"login", "账号", COL_STR, 0},
                                  {"role", "角色", COL_STR, 0},
                                  {"scope", "范围", COL_STR, 0},
                                  {"disabled", "已停用", COL_BOOL, 0},
                                  {"created_at", "创建时间", COL_TIME, 0}};
    CliTable t;
    cli_table_init(&t, cols, sizeof cols / sizeof cols[0]);
    for (size_t i = 0; i < l.count; i++) {
        cli_table_str(&t, l.items[i].login);
        cli_table_str(&t, l.items[i].role);
        cli_table_str(&t, l.items[i].scope);
        cli_table_bool(&t, l.items[i].disabled);
        cli_table_time(&t, l.items[i].created_at);
    }
    staff_account_list_free(&l);
    int rc = cli_table_print(&t, stdout, json);
    cli_table_deinit(&t);
    return rc < 0 ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}

static int staff_passwd(Cli *c, int argc, char **argv)
{
    const char *hub = NULL, *as = NULL;
    CliOpt opts[] = {{"hub", OPT_STR, &hub, "CONNINFO", "改中心库的账号（与 --as 同用）", 0},
                     {"as", OPT_STR, &as, "LOGIN",
                      "以中心库的这个管理员的身份（先从标准输入读一行他的密码），记入操作日志", 0},
                     OPT_END};
    CliSpec spec = {"staff passwd LOGIN [--hub CONNINFO --as ADMIN]",
                    "重设一个账号的密码；新密码从标准输入读一行（用 --as 时在管理员的密码之后）",
                    opts, 1, 1};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    StaffActor a;
    if (account_actor(c, hub, as, &a) < 0)
        return c->status;
    char pw[STAFF_PASSWORD_MAX + 2], err[256];
    int rc = cli_read_password(c, NULL, pw, sizeof pw) < 0
                 ? -2
                 : staff_account_passwd(&a, c->pos[0], pw, err, sizeof err);
    memset(pw, 0, sizeof pw);
    staff_hub_logout(&a);
    if (rc == -2)
        return CLI_EXIT_FAIL;
    if (rc < 0)
        return cli_fail(c, "%s", err);
    printf("password of %s changed\n", c->pos[0]);
    return CLI_EXIT_OK;
}

/* `staff disable LOGIN` (enable 0) and `staff enable LOGIN` (enable 1). */
static int staff_switch(Cli *c, int argc, char **argv, int enable)
{
    const char *hub = NULL, *as = NULL;
    CliOpt opts[] = {{"hub", OPT_STR, &hub, "CONNINFO", "改中心库的账号（与 --as 同用）", 0},
                     {"as", OPT_STR, &as, "LOGIN",
                      "以中心库的这个管理员的身份（先从标准输入读一行他的密码），记入操作日志", 0},
                     OPT_END};
    CliSpec spec = {enable ? "staff enable LOGIN [--hub CONNINFO --as ADMIN]"
                           : "staff disable LOGIN [--hub CONNINFO --as ADMIN]",
                    enable ? "恢复一个停用的账号（用原来的密码登录）"
                           : "停用一个账号（记录保留，不能再登录）",
                    opts, 1, 1};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    StaffActor a;
    if (account_actor(c, hub, as, &a) < 0)
        return c->status;
    char err[256];
    int rc =
        (enable ? staff_account_enable : staff_account_disable)(&a, c->pos[0], err, sizeof err);
    staff_hub_logout(&a);
    if (rc < 0)
        return cli_fail(c, "%s", err);
    printf("staff %s %s\n", c->pos[0], enable ? "enabled" : "disabled");
    return CLI_EXIT_OK;
}

static int staff_disable(Cli *c, int argc, char **argv)
{
    return staff_switch(c, argc, argv, 0);
}

static int staff_enable(Cli *c, int argc, char **argv)
{
    return staff_switch(c, argc, argv, 1);
}

int cmd_staff(Cli *c, int argc, char **argv)
{
    static const struct {
        const char *name;
        CliCmdFn fn;
    } subs[] = {{"add", staff_add},
                {"list", staff_list},
                {"passwd", staff_passwd},
                {"disable", staff_disable},
                {"enable", staff_enable}};
    if (argc < 1)
        return cli_usage(c, "staff add|list|passwd|disable|enable ...");
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
        if (strcmp(argv[0], subs[i].name) == 0) {
            cli_set_cmd(c, "staff", subs[i].name);
            return subs[i].fn(c, argc - 1, argv + 1);
        }
    return cli_usage(c, "unknown: staff %.40s (add, list, passwd, disable, enable)", argv[0]);
}
