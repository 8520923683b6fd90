/* `export KIND --csv --hub CONNINFO [--building B] [-o FILE] [--as LOGIN]`: residents'
 * submissions as the hub received them from every kiosk of a scope, in the local
 * export's CSV (BOM, CRLF, RFC 4180) with the columns the payload carries plus 楼组,
 * 楼道屏, 收到时间 (and the hub's decision: a sign-up's place, a wish's or suggestion's
 * moderation). As the hub's owner (hub_admin) it sees every kiosk; with --as LOGIN the
 * same rows come through the staff library (staff_submissions_export) on the member's
 * own connection, only from the member's scope and audited by the hub, into the very
 * same columns (one table below for both). Phones are whole in both, as in the
 * console's sign-up export. */
#include "tools/cmd_hub.h"

#include "store/signup.h"
#include "store/suggestion.h"
#include "store/wish.h"
#include "sync/hub_admin.h"
#include "tools/commands.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Where a column's value comes from: a payload member, or one of the hub's fixed
 * columns (hub_admin_submissions: kiosk, building, received_at, decision). */
enum { SRC_PAYLOAD = -1, SRC_KIOSK = 0, SRC_BUILDING, SRC_RECEIVED, SRC_DECISION };

typedef struct {
    CliCol col; /* col.key is the payload member when src is SRC_PAYLOAD */
    int src;
} HubCol;

typedef struct {
    const char *kind; /* the hub's submission kind */
    const HubCol *cols;
    size_t ncols;
} HubExport;

#define P(key, label, type, w)                                                                     \
    {                                                                                              \
        {key, label, type, w}, SRC_PAYLOAD                                                         \
    }
#define HUB_TAIL                                                                                   \
    {{"building", "楼组", COL_STR, 0}, SRC_BUILDING},                                              \
        {{"kiosk", "楼道屏", COL_STR, 0}, SRC_KIOSK},                                              \
    {                                                                                              \
        {"received_at", "收到时间", COL_TIME, 0}, SRC_RECEIVED                                     \
    }

/* The local export's columns (list_submit.c) that travel in the payload, same labels. */
static const HubCol SIGNUP_COLS[] = {P("receipt", "回执码", COL_STR, 0),
                                     P("activity_hub_id", "活动编号", COL_INT, 0),
                                     P("room", "房号", COL_STR, 0),
                                     P("name", "姓名", COL_STR, 10),
                                     P("phone", "电话", COL_STR, 0),
                                     P("party_size", "人数", COL_INT, 0),
                                     {{"status", "状态", COL_STR, 0}, SRC_DECISION},
                                     P("created_at", "报名时间", COL_TIME, 0),
                                     P("uuid", "UUID", COL_STR, 36),
                                     HUB_TAIL};
/* option_sort: the option's position in the poll, the same on every kiosk (option_id is
 * the sending kiosk's own row id) */
static const HubCol VOTE_COLS[] = {
    P("receipt", "回执码", COL_STR, 0),       P("poll_hub_id", "征询编号", COL_INT, 0),
    P("option_sort", "选项序号", COL_INT, 0), P("room", "房号", COL_STR, 0),
    P("supersedes", "更改自", COL_STR, 36),   P("created_at", "投票时间", COL_TIME, 0),
    P("uuid", "UUID", COL_STR, 36),           HUB_TAIL};
/* the hub's moderation state (what `moderate ... --hub` decided) */
#define HUB_STATE                                                                                  \
    {                                                                                              \
        {"state", "状态", COL_STR, 0}, SRC_DECISION                                                \
    }
static const HubCol SUGGESTION_COLS[] = {P("receipt", "回执码", COL_STR, 0),
                                         P("created_at", "提交时间", COL_TIME, 0),
                                         P("category", "类别", COL_STR, 0),
                                         P("text", "内容", COL_STR, 30),
                                         P("room", "房号", COL_STR, 0),
                                         P("contact", "联系电话", COL_STR, 0),
                                         HUB_STATE,
                                         P("uuid", "UUID", COL_STR, 36),
                                         HUB_TAIL};
static const HubCol WISH_COLS[] = {P("receipt", "回执码", COL_STR, 0),
                                   P("created_at", "提交时间", COL_TIME, 0),
                                   P("text", "心愿", COL_STR, 30),
                                   P("room", "房号", COL_STR, 0),
                                   HUB_STATE,
                                   P("uuid", "UUID", COL_STR, 36),
                                   HUB_TAIL};
static const HubCol QUESTION_COLS[] = {P("receipt", "回执码", COL_STR, 0),
                                       P("created_at", "提问时间", COL_TIME, 0),
                                       P("text", "问题", COL_STR, 30),
                                       P("room", "房号", COL_STR, 0),
                                       HUB_STATE,
                                       P("uuid", "UUID", COL_STR, 36),
                                       HUB_TAIL};

#define EXPORT(name, kind, cols)                                                                   \
    {                                                                                              \
        name,                                                                                      \
        {                                                                                          \
            kind, cols, sizeof cols / sizeof cols[0]                                               \
        }                                                                                          \
    }
static const struct {
    const char *name; /* as in `export KIND` */
    HubExport x;
} EXPORTS[] = {
    EXPORT("signups", "signup", SIGNUP_COLS),
    EXPORT("votes", "vote", VOTE_COLS),
    EXPORT("suggestions", "suggestion", SUGGESTION_COLS),
    EXPORT("wishes", "wish", WISH_COLS),
    EXPORT("questions", "question", QUESTION_COLS),
};

/* The hub's decisions in the words of the local export (state names do not overlap
 * between kinds): a sign-up's in the residents' words, as the console's pages and
 * downloads say them (signup_state_text). */
static const char *decision_text(const char *s)
{
    static const char *const words[][2] = {
        {"answered", "已解答"}, {"unanswered", "待解答"}, {"withdrawn", "已撤下"}};
    WishState w;
    SuggestionState g;
    if (s && wish_state_parse(s, &w) == 0)
        return wish_state_label(w);
    if (s && suggestion_state_parse(s, &g) == 0)
        return suggestion_state_label(g);
    for (size_t i = 0; s && i < sizeof words / sizeof words[0]; i++)
        if (strcmp(s, words[i][0]) == 0)
            return words[i][1];
    return s ? signup_state_text(s) : s;
}

/* libpq's messages run over several lines; a command's error is one line. */
static void one_line(char *s)
{
    for (char *p = s; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
}

static int fill(const HubExport *x, const HubRows *rows, CliCol *cols, const int *at, CliTable *t)
{
    cli_table_init(t, cols, x->ncols);
    for (size_t r = 0; r < rows->nrows; r++) {
        for (size_t c = 0; c < x->ncols; c++) {
            const char *v = rows->cells[r * rows->ncols + (size_t)at[c]];
            CliColType type = x->cols[c].col.type;
            if (x->cols[c].src == SRC_DECISION)
                cli_table_str(t, decision_text(v));
            else if (v && (type == COL_TIME || type == COL_INT))
                (type == COL_TIME ? cli_table_time : cli_table_int)(t, strtoll(v, NULL, 10));
            else
                cli_table_str(t, v);
        }
    }
    return t->failed ? -1 : 0;
}

/* The rows of export x into *rows: as the member login through the staff library (their
 * scope only; the hub audits the export), else as the hub's owner. The exit code, after
 * a message when it is not CLI_EXIT_OK. */
static int read_rows(Cli *c, const HubExport *x, const char *conn, const char *scope,
                     const char *login, const char *const *keys, size_t nkeys, HubRows *rows)
{
    if (login) {
        StaffActor a;
        if (cli_hub_login(c, conn, login, &a) < 0)
            return c->status ? c->status : CLI_EXIT_FAIL;
        int rc = staff_submissions_export(&a, x->kind, scope, keys, nkeys, rows);
        int status = rc < 0 ? cli_fail_staff(c, &a) : CLI_EXIT_OK;
        staff_hub_logout(&a);
        return status;
    }
    char err[1024];
    HubAdmin *h = hub_admin_open(conn, err, sizeof err);
    if (!h || hub_admin_submissions(h, x->kind, scope, keys, nkeys, rows, err, sizeof err) < 0) {
        hub_admin_close(h);
        one_line(err);
        return cli_fail(c, "%s", err);
    }
    hub_admin_close(h);
    return CLI_EXIT_OK;
}

/* One activity's sign-ups or one poll's votes as the staff library reads them for a
 * download (the console's 导出报名表 and 导出投票 read the same), in their columns. */
static const CliCol ACTIVITY_COLS[STAFF_SIGNUP_EXPORT_COLS] = {
    {"title", "活动", COL_STR, 20},     {"building", "楼组", COL_STR, 0},
    {"kiosk", "楼道屏", COL_STR, 0},    {"room", "房号", COL_STR, 0},
    {"name", "称呼", COL_STR, 10},      {"phone", "电话", COL_STR, 0},
    {"party_size", "人数", COL_INT, 0}, {"status", "状态", COL_STR, 0},
    {"receipt", "回执码", COL_STR, 0},  {"created_at", "报名时间", COL_TIME, 0}};
static const CliCol POLL_COLS[STAFF_VOTE_EXPORT_COLS] = {
    {"question", "征询", COL_STR, 20},  {"building", "楼组", COL_STR, 0},
    {"room", "房号", COL_STR, 0},       {"option", "选择", COL_STR, 0},
    {"receipt", "回执码", COL_STR, 0},  {"kiosk", "楼道屏", COL_STR, 0},
    {"created_at", "时间", COL_TIME, 0}};

/* `export signups --activity ID` / `export votes --poll ID`, as the member login: the
 * output made first (as for the whole export), then the library's audited read. */
static int export_one(Cli *c, const char *conn, const char *login, int64_t activity, int64_t poll,
                      const char *out)
{
    CliOut file, *dest = NULL;
    if (out) {
        if (cli_out_open(&file, out) < 0)
            return cli_fail_reason(c, REASON_STORAGE, "%s: %s (nothing was read from the hub)", out,
                                   strerror(errno));
        dest = &file;
    }
    StaffActor a;
    if (cli_hub_login(c, conn, login, &a) < 0) {
        if (dest)
            cli_out_abort(dest);
        return c->status ? c->status : CLI_EXIT_FAIL;
    }
    HubRows rows;
    int rc = activity ? staff_activity_signups_export(&a, activity, &rows)
                      : staff_poll_votes_export(&a, poll, &rows);
    int status = rc < 0 ? cli_fail_staff(c, &a) : CLI_EXIT_OK;
    staff_hub_logout(&a);
    if (rc < 0) {
        if (dest)
            cli_out_abort(dest);
        return status;
    }
    const CliCol *cols = activity ? ACTIVITY_COLS : POLL_COLS;
    CliTable t;
    cli_table_init(&t, cols, rows.ncols);
    for (size_t r = 0; r < rows.nrows; r++)
        for (size_t k = 0; k < rows.ncols; k++) {
            const char *v = rows.cells[r * rows.ncols + k];
            if (v && (cols[k].type == COL_TIME || cols[k].type == COL_INT))
                (cols[k].type == COL_TIME ? cli_table_time : cli_table_int)(&t,
                                                                            strtoll(v, NULL, 10));
            else
                cli_table_str(&t, activity && k == 7 ? decision_text(v) : v);
        }
    if (t.failed) {
        rc = cli_fail(c, "out of memory");
        if (dest)
            cli_out_abort(dest);
    } else
        rc = cli_emit_csv_to(c, &t, dest);
    cli_table_deinit(&t);
    hub_rows_free(&rows);
    return rc;
}

int cmd_hub_export(Cli *c, int argc, char **argv)
{
    int csv = 0;
    int64_t activity = 0, poll = 0;
    const char *out = NULL, *conn = NULL, *scope = NULL, *login = NULL;
    CliOpt opts[] = {
        {"csv", OPT_FLAG, &csv, NULL, "CSV（UTF-8 带 BOM，Excel 可直接打开）", 0},
        {"hub", OPT_STR, &conn, "CONNINFO", "从中心库导出（各楼道屏已上传的记录）", 0},
        {"building", OPT_STR, &scope, "CODE", "只导出这个楼组（或居民区）的；默认全部", 0},
        {"output", OPT_STR, &out, "FILE", "写入文件（也可写 -o FILE）；默认标准输出", 0},
        {"as", OPT_STR, &login, "LOGIN",
         "以这个工作人员的身份导出，密码从标准输入读一行；只有自己管理范围里的，记入操作日志", 0},
        {"activity", OPT_INT, &activity, "ID",
         "与 signups --as 同用：只导出这个活动的报名（和工作台的“导出报名表”相同）", 0},
        {"poll", OPT_INT, &poll, "ID", "与 votes --as 同用：只导出这个征询的投票（同工作台）", 0},
        {NULL, 0, NULL, NULL, NULL, 0}};
    CliSpec spec = {"export KIND --csv --hub CONNINFO [--building B] [-o FILE] [--as LOGIN]\n"
                    "export signups --activity ID | votes --poll ID --csv --hub CONNINFO "
                    "--as LOGIN [-o FILE]\n"
                    "KIND: signups, votes, suggestions, wishes, questions",
                    "导出中心库收到的居民提交（按楼组）。", opts, 1, 1};
    if (cli_parse_output(c, &spec, argc, argv) < 0)
        return c->status;
    const CliKind *k = cli_kind_find(c->pos[0]);
    const HubExport *x = NULL;
    for (size_t i = 0; k && i < sizeof EXPORTS / sizeof EXPORTS[0]; i++)
        if (strcmp(EXPORTS[i].name, k->name) == 0)
            x = &EXPORTS[i].x;
    if (!x)
        return cli_usage(c,
                         "cannot export \"%.40s\" from the hub (one of: signups, votes,"
                         " suggestions, wishes, questions)",
                         c->pos[0]);
    cli_set_cmd(c, "export", k->name);
    if (!csv)
        return cli_usage(c, "--csv is the only format");
    if (!conn || !*conn)
        return cli_usage(c, login ? "--as needs --hub and the hub's connection string"
                                  : "missing --hub (the hub's connection string)");
    if (activity || poll) {
        if (activity && poll)
            return cli_usage(c, "give --activity or --poll, not both");
        if (activity ? strcmp(x->kind, "signup") != 0 : strcmp(x->kind, "vote") != 0)
            return cli_usage(c,
                             activity ? "--activity goes with signups" : "--poll goes with votes");
        if (!login)
            return cli_usage(c, "--%s goes with --as (without it the export has every one's)",
                             activity ? "activity" : "poll");
        if (scope)
            return cli_usage(c, "--%s exports one item of every building: leave out --building",
                             activity ? "activity" : "poll");
        return export_one(c, conn, login, activity, poll, out);
    }
    /* the payload members to ask for, and where each column finds its value */
    const char *keys[16];
    CliCol cols[16];
    int at[16];
    size_t nkeys = 0;
    for (size_t i = 0; i < x->ncols; i++) {
        cols[i] = x->cols[i].col;
        if (x->cols[i].src == SRC_DECISION)
            cols[i].type = COL_STR; /* already in words */
        at[i] = x->cols[i].src;
        if (x->cols[i].src == SRC_PAYLOAD) {
            at[i] = 4 + (int)nkeys; /* after the hub's four fixed columns */
            keys[nkeys++] = x->cols[i].col.key;
        }
    }
    /* the file first: the rows hold residents' rooms and phones, and the hub audits an
     * export as done when it reads them, so a path that cannot be written must fail
     * before anything is read (or a password asked) */
    CliOut file, *dest = NULL;
    if (out) {
        if (cli_out_open(&file, out) < 0)
            return cli_fail_reason(c, REASON_STORAGE, "%s: %s (nothing was read from the hub)", out,
                                   strerror(errno));
        dest = &file;
    }
    HubRows rows = {0};
    int rc = read_rows(c, x, conn, scope, login, keys, nkeys, &rows);
    if (rc != CLI_EXIT_OK) {
        if (dest)
            cli_out_abort(dest);
        return rc;
    }
    CliTable t;
    if (fill(x, &rows, cols, at, &t) < 0) {
        rc = cli_fail(c, "out of memory");
        if (dest)
            cli_out_abort(dest);
    } else
        rc = cli_emit_csv_to(c, &t, dest);
    cli_table_deinit(&t);
    hub_rows_free(&rows);
    return rc;
}
