/* add/edit for activities and teams, add for polls (options with --option, repeated),
 * and `kiosk set`: the building, its display name and the room-number rule. */
#include "tools/commands.h"

#include "store/activity.h"
#include "store/kiosk.h"
#include "store/poll.h"

#include <stdlib.h>
#include <string.h>

#define OPT_END                                                                                    \
    {                                                                                              \
        NULL, 0, NULL, NULL, NULL, 0                                                               \
    }

static int take(char **field, const char *value)
{
    if (!value)
        return 0;
    char *copy = strdup(value);
    if (!copy)
        return -1;
    free(*field);
    *field = copy;
    return 0;
}

/* "event"/"活动" and "team"/"团队" to an ActivityKind. */
static int kind_parse(const char *s, ActivityKind *out)
{
    if (strcmp(s, "活动") == 0) {
        *out = ACTIVITY_EVENT;
        return 0;
    }
    if (strcmp(s, "团队") == 0 || strcmp(s, "队伍") == 0) {
        *out = ACTIVITY_TEAM;
        return 0;
    }
    return activity_kind_parse(s, out);
}

static int activity_run(Cli *c, int argc, char **argv, int edit)
{
    const char *kind = NULL, *title = NULL, *desc = NULL, *place = NULL, *schedule = NULL,
               *organiser = NULL;
    int64_t starts = 0, ends = 0, deadline = 0, capacity = 0, max_party = 0;
    int no_waitlist = 0, waitlist = 0;
    CliOpt opts[] = {
        {"title", OPT_STR, &title, "TEXT", "名称（必填）", 0},
        {"kind", OPT_STR, &kind, "KIND", "event（活动，默认）或 team（志愿团队）", 0},
        {"description", OPT_STR, &desc, "TEXT", "介绍", 0},
        {"place", OPT_STR, &place, "TEXT", "地点", 0},
        {"starts", OPT_TIME, &starts, "DATE", "开始时间（活动）", 0},
        {"ends", OPT_TIME, &ends, "DATE", "结束时间（活动）", 0},
        {"schedule", OPT_STR, &schedule, "TEXT", "时间安排（团队），例如 每周二、四 早上7点", 0},
        {"deadline", OPT_TIME, &deadline, "DATE", "报名截止", 0},
        {"capacity", OPT_INT, &capacity, "N", "名额（人数），0 为不限", 0},
        {"max-party", OPT_INT, &max_party, "N", "每户一次最多报几人（默认 4）", 0},
        {"no-waitlist", OPT_FLAG, &no_waitlist, NULL, "满员后不设候补", 0},
        {"waitlist", OPT_FLAG, &waitlist, NULL, "满员后可以候补（默认）", 0},
        {"organiser", OPT_STR, &organiser, "NAME", "组织者", 0},
        OPT_END};
    CliSpec spec = {edit ? "edit activity ID [options]" : "add activity --title T [options]",
                    "活动（一次性）或志愿团队（长期）。", opts, edit, edit};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    int64_t id = 0;
    if (edit && cli_parse_id(c, c->pos[0], "ID", &id) < 0)
        return c->status;
    if (!edit && !title)
        return cli_usage(c, "missing --title");
    if (no_waitlist && waitlist)
        return cli_usage(c, "give --waitlist or --no-waitlist, not both");
    ActivityKind k = ACTIVITY_EVENT;
    if (kind && kind_parse(kind, &k) < 0)
        return cli_usage(c, "--kind: event or team, not \"%.40s\"", kind);
    if (capacity < 0 || capacity > 100000)
        return cli_usage(c, "--capacity: 0 (no limit) to 100000");
    if (c->check_only)
        return CLI_EXIT_OK;
    Store *s = cli_store(c);
    Activity a = {0};
    if (!s || (edit && store_activity_get(s, id, &a) < 0))
        return s ? cli_fail_store(c) : c->status;
    int rc;
    if (take(&a.title, title) < 0 || take(&a.description, desc) < 0 || take(&a.place, place) < 0 ||
        take(&a.schedule, schedule) < 0 || take(&a.organiser, organiser) < 0) {
        rc = cli_fail(c, "out of memory");
        goto out;
    }
    if (kind)
        a.kind = k;
    if (cli_given(opts, "starts"))
        a.starts_at = starts;
    if (cli_given(opts, "ends"))
        a.ends_at = ends;
    if (cli_given(opts, "deadline"))
        a.signup_deadline = deadline;
    if (cli_given(opts, "capacity"))
        a.capacity = (int)capacity;
    if (cli_given(opts, "max-party"))
        a.max_party = max_party > 0 && max_party <= 1000 ? (int)max_party : -1;
    if (no_waitlist || waitlist)
        a.no_waitlist = no_waitlist;
    if (edit ? store_activity_update(s, &a) : store_activity_add(s, &a, &id))
        rc = cli_fail_store(c);
    else {
        if (!c->quiet)
            printf("%s activity %lld\n", edit ? "updated" : "added", (long long)id);
        rc = CLI_EXIT_OK;
    }
out:
    activity_deinit(&a);
    return rc;
}

int cmd_add_activity(Cli *c, int argc, char **argv)
{
    return activity_run(c, argc, argv, 0);
}

int cmd_edit_activity(Cli *c, int argc, char **argv)
{
    return activity_run(c, argc, argv, 1);
}

int cmd_add_poll(Cli *c, int argc, char **argv)
{
    const char *question = NULL, *desc = NULL;
    int64_t opens = 0, closes = 0;
    CliStrList options = {0};
    CliOpt opts[] = {
        {"question", OPT_STR, &question, "TEXT", "征询事项（必填），例如 是否同意加装电梯", 0},
        {"description", OPT_STR, &desc, "TEXT", "说明", 0},
        {"option", OPT_LIST, &options, "LABEL", "选项，重复 2-10 次；第一项视为“同意”", 0},
        {"opens", OPT_TIME, &opens, "DATE", "开始（默认现在）", 0},
        {"closes", OPT_TIME, &closes, "DATE", "截止（必填）", 0},
        OPT_END};
    CliSpec spec = {"add poll --question Q --option A --option B ... --closes DATE [options]",
                    "意向征询：每户一票。", opts, 0, 0};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    if (!question || !closes)
        return cli_usage(c, "missing --%s", question ? "closes" : "question");
    if (options.n < POLL_OPTIONS_MIN)
        return cli_usage(c, "give at least %d --option", POLL_OPTIONS_MIN);
    Store *s = cli_store(c);
    if (!s)
        return c->status;
    Poll p = {.question = (char *)question,
              .description = (char *)desc,
              .opens_at = opens,
              .closes_at = closes};
    int64_t id;
    if (store_poll_add(s, &p, options.v, (size_t)options.n, &id) < 0)
        return cli_fail_store(c);
    if (!c->quiet)
        printf("added poll %lld\n", (long long)id);
    return CLI_EXIT_OK;
}

static int kiosk_set(Cli *c, int argc, char **argv)
{
    const char *building = NULL, *name = NULL, *theme = NULL, *address = NULL, *floors = NULL,
               *units = NULL;
    int64_t households = -1;
    CliOpt opts[] = {{"building", OPT_STR, &building, "CODE", "楼栋代码，例如 kangle-12", 0},
                     {"name", OPT_STR, &name, "TEXT", "显示名称，例如 康乐小区12号楼", 0},
                     {"theme", OPT_STR, &theme, "TEXT", "美丽楼组主题，例如 敬老楼", 0},
                     {"address", OPT_STR, &address, "TEXT", "地址", 0},
                     {"floors", OPT_STR, &floors, "A-B", "楼层范围，例如 1-33", 0},
                     {"units", OPT_STR, &units, "A-B", "每层房号范围，例如 1-6", 0},
                     {"households", OPT_INT, &households, "N", "总户数（用于征询的参与率）", 0},
                     OPT_END};
    CliSpec spec = {"kiosk set [--building B] [--name N] [--floors 1-33] [--units 1-6] ...",
                    "设置本机：只改给出的项。", opts, 0, 0};
    cli_set_cmd(c, "kiosk", "set");
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    Store *s = cli_store(c);
    KioskInfo k;
    if (!s || store_kiosk_get(s, &k) < 0)
        return s ? cli_fail_store(c) : c->status;
    int rc = CLI_EXIT_OK;
    if ((floors && cli_parse_range(floors, &k.floor_min, &k.floor_max) < 0) ||
        (units && cli_parse_range(units, &k.unit_min, &k.unit_max) < 0)) {
        rc = cli_usage(c, "--%s: a range like 1-33", floors ? "floors" : "units");
        goto out;
    }
    if (take(&k.building, building) < 0 || take(&k.display_name, name) < 0 ||
        take(&k.theme, theme) < 0 || take(&k.address, address) < 0) {
        rc = cli_fail(c, "out of memory");
        goto out;
    }
    if (households >= 0)
        k.households = households > 1000000 ? -1 : (int)households;
    if (store_kiosk_set(s, &k) < 0)
        rc = cli_fail_store(c);
    else
        printf("kiosk updated\n");
out:
    kiosk_info_deinit(&k);
    return rc;
}

int cmd_kiosk(Cli *c, int argc, char **argv)
{
    if (argc >= 1 && strcmp(argv[0], "set") == 0)
        return kiosk_set(c, argc - 1, argv + 1);
    if (argc >= 1 && strcmp(argv[0], "show") == 0) {
        CliListArgs a = {0};
        CliTable t;
        Store *s = cli_store(c);
        if (!s)
            return c->status;
        int rc = fill_kiosk(s, &a, &t) < 0 ? cli_fail_store(c) : CLI_EXIT_OK;
        if (rc == CLI_EXIT_OK && cli_table_print(&t, stdout, 0) < 0)
            rc = cli_fail(c, "cannot write the output");
        cli_table_deinit(&t);
        return rc;
    }
    int help = argc >= 1 && (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0);
    printf("用法: yanxiactl [--db PATH] kiosk set [options]   (yanxiactl kiosk set --help)\n"
           "      yanxiactl [--db PATH] kiosk show\n");
    return help ? CLI_EXIT_OK : CLI_EXIT_USAGE;
}
