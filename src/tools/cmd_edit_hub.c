/* `edit KIND HUB_ID ... --hub CONNINFO --as LOGIN`: a staff member changes a row of the
 * hub through the staff library, with the very options, checks and messages of the
 * local `edit KIND ID`. The member logs in, the row as the hub has it (staff_*_get, so
 * one outside the member's scope reads as missing) goes into a scratch store, the local
 * edit changes there only the fields given, and the result goes back up through the
 * library's update, which the hub checks and audits under the member's login, and
 * refuses when anyone changed the row since it was read (sql/hub/036: the row's
 * revision read with it goes back with the update; "这条内容刚被别人改过…"). A notice's
 * --author and --publish and an activity's --ends and --max-party go up only when given
 * (sql/hub/038's update; an older hub refuses them, saying so), and an album's --name
 * alone goes straight to staff_album_rename (sql/hub/035), the rest through
 * staff_album_get and staff_album_update (039; with the revision check 041's). The hub's
 * owner has no `edit --hub` (`hub publish KIND --id HUB_ID` replaces a row whole). */
#include "tools/cmd_hub.h"
#include "tools/commands.h"
#include "tools/import.h"

#include "core/timeutil.h"
#include "store/activity.h"
#include "store/notice.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The command line without --hub and --as: rest[0] is HUB_ID, then the local edit's
 * options in their order. */
typedef struct {
    const char *conn, *as;
    int help;
    char **rest;
    int nrest;
} EditArgs;

/* Which of --hub / --as arg is (0, 1; -1 neither), with the length of its name. */
static int edit_opt(const char *arg, size_t *len)
{
    static const char *const NAMES[] = {"--hub", "--as"};
    for (int k = 0; k < 2; k++) {
        size_t n = strlen(NAMES[k]);
        if (strncmp(arg, NAMES[k], n) == 0 && (arg[n] == '\0' || arg[n] == '=')) {
            *len = n;
            return k;
        }
    }
    return -1;
}

/* Splits argv into --hub, --as and the rest (e->rest, which the caller frees). 0, or -1
 * after a usage error. */
static int split_edit_args(Cli *c, int argc, char **argv, EditArgs *e)
{
    memset(e, 0, sizeof *e);
    if (!(e->rest = calloc((size_t)argc + 1, sizeof *e->rest)))
        return cli_fail(c, "out of memory"), -1;
    int only_pos = 0;
    for (int i = 0; i < argc; i++) {
        size_t len = 0;
        int k = only_pos ? -1 : edit_opt(argv[i], &len);
        if (!only_pos && (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0))
            e->help = 1;
        only_pos = only_pos || strcmp(argv[i], "--") == 0;
        if (k < 0) {
            e->rest[e->nrest++] = argv[i];
            continue;
        }
        const char *v = argv[i][len] == '=' ? argv[i] + len + 1 : i + 1 < argc ? argv[++i] : NULL;
        const char **dest = k == 0 ? &e->conn : &e->as;
        if (!v)
            return cli_usage(c, "%s needs a value", k == 0 ? "--hub" : "--as"), -1;
        if (*dest)
            return cli_usage(c, "%s given twice", k == 0 ? "--hub" : "--as"), -1;
        *dest = v;
    }
    return 0;
}

static int edit_has(const EditArgs *e, const char *name);

/* Notice hub_id from the hub into the scratch store s: 0 with *local its id there and
 * *rev its revision on the hub, -1 with the message printed and c->status set. */
static int notice_down(Cli *c, const StaffActor *a, Store *s, int64_t hub_id, int64_t *local,
                       int64_t *rev)
{
    Notice n;
    if (staff_notice_get(a, hub_id, &n, rev) < 0)
        return c->status = cli_fail_staff(c, a), -1;
    int rc = store_notice_add(s, &n, local);
    notice_deinit(&n);
    if (rc < 0) /* the hub holds what the kiosk store would refuse: say so, send nothing */
        return c->status = cli_fail(c, "the hub's notice %lld does not fit the kiosk's rules (%s)",
                                    (long long)hub_id, store_errmsg(s)),
               -1;
    return 0;
}

/* The edited notice local of s up to the hub as notice hub_id, read at revision rev
 * (the hub refuses it if anyone changed the notice since); its author and publish time
 * only when e gives them, so that an edit without them goes to a hub without
 * sql/hub/038 too (--author '' goes as "": the library signs it with the member's role,
 * as the console's emptied 署名). 0, -1 with the refusal kept in the library, or -2 when s could
 * not be read back (nothing was sent). */
static int notice_up(const StaffActor *a, Store *s, int64_t local, int64_t hub_id, int64_t rev,
                     const EditArgs *e)
{
    Notice n;
    if (store_notice_get(s, local, &n) < 0)
        return -2;
    StaffNotice sn = {.title = n.title,
                      .body = n.body,
                      .category = n.category,
                      .urgent = strcmp(n.category, NOTICE_URGENT) == 0,
                      .pinned = n.pinned,
                      .expires_at = n.expires_at,
                      .rev = rev,
                      .author = edit_has(e, "--author") ? n.author : NULL,
                      .publish_at = edit_has(e, "--publish") ? n.publish_at : 0};
    int rc = staff_notice_update(a, hub_id, &sn);
    notice_deinit(&n);
    return rc;
}

static int activity_down(Cli *c, const StaffActor *a, Store *s, int64_t hub_id, int64_t *local,
                         int64_t *rev)
{
    Activity ac;
    if (staff_activity_get(a, hub_id, &ac, rev) < 0)
        return c->status = cli_fail_staff(c, a), -1;
    int rc = store_activity_add(s, &ac, local);
    activity_deinit(&ac);
    if (rc < 0)
        return c->status =
                   cli_fail(c, "the hub's activity %lld does not fit the kiosk's rules (%s)",
                            (long long)hub_id, store_errmsg(s)),
               -1;
    return 0;
}

/* As notice_up: the end time and party size only when e gives either. */
static int activity_up(const StaffActor *a, Store *s, int64_t local, int64_t hub_id, int64_t rev,
                       const EditArgs *e)
{
    Activity ac;
    if (store_activity_get(s, local, &ac) < 0)
        return -2;
    int more = edit_has(e, "--ends") || edit_has(e, "--max-party");
    int rc = staff_activity_update(
        a, hub_id, &(StaffActivity){.activity = ac, .rev = rev, .ends_party = more});
    activity_deinit(&ac);
    return rc;
}

/* Album hub_id (sql/hub/041's staff_album_edit, 039's staff_album on an older hub, *rev
 * 0 there) into s, as notice_down. */
static int album_down(Cli *c, const StaffActor *a, Store *s, int64_t hub_id, int64_t *local,
                      int64_t *rev)
{
    Album al;
    if (staff_album_get(a, hub_id, &al, rev) < 0)
        return c->status = cli_fail_staff(c, a), -1;
    int rc = store_album_add(s, &al, local);
    album_deinit(&al);
    if (rc < 0)
        return c->status = cli_fail(c, "the hub's album %lld does not fit the kiosk's rules (%s)",
                                    (long long)hub_id, store_errmsg(s)),
               -1;
    return 0;
}

static int album_up(const StaffActor *a, Store *s, int64_t local, int64_t hub_id, int64_t rev,
                    const EditArgs *e)
{
    (void)e;
    Album al;
    if (store_album_get(s, local, &al) < 0)
        return -2;
    int rc = staff_album_update(a, hub_id, &(StaffAlbum){.album = al, .rev = rev});
    album_deinit(&al);
    return rc;
}

/* The kinds --as edits: those the staff library can read and update (down, then the
 * local edit, then up), and for albums one field the library changes alone (set, with
 * the value of option field), which a hub without sql/hub/039 still takes when it is
 * the only option given. Each names the options of its local edit that the hub's staff
 * functions have no field for, which --as refuses rather than drops, and why. */
static const struct {
    const char *kind;
    int (*down)(Cli *c, const StaffActor *a, Store *s, int64_t hub_id, int64_t *local,
                int64_t *rev);
    int (*up)(const StaffActor *a, Store *s, int64_t local, int64_t hub_id, int64_t rev,
              const EditArgs *e);
    const char *field;
    int (*set)(const StaffActor *a, int64_t hub_id, const char *value);
    const char *refused[5]; /* NULL-terminated */
    const char *why;
} STAFF_EDIT[] = {
    {"notice", notice_down, notice_up, NULL, NULL, {NULL}, NULL},
    {"activity",
     activity_down,
     activity_up,
     NULL,
     NULL,
     {"--kind"},
     "an activity's kind stays: an event stays an event, a team a team"},
    {"album", album_down, album_up, "--name", staff_album_rename, {NULL}, NULL},
};

static int staff_edit_find(const char *kind)
{
    for (size_t i = 0; i < sizeof STAFF_EDIT / sizeof STAFF_EDIT[0]; i++)
        if (strcmp(kind, STAFF_EDIT[i].kind) == 0)
            return (int)i;
    return -1;
}

/* True when e's options hold name ("--name" or "--name=..."). */
static int edit_has(const EditArgs *e, const char *name)
{
    size_t n = strlen(name);
    for (int i = 1; i < e->nrest && strcmp(e->rest[i], "--") != 0; i++)
        if (strncmp(e->rest[i], name, n) == 0 && (e->rest[i][n] == '\0' || e->rest[i][n] == '='))
            return 1;
    return 0;
}

/* The value of option name in e ("--name V" or "--name=V"; the last given), or NULL. */
static const char *edit_value(const EditArgs *e, const char *name)
{
    size_t n = strlen(name);
    const char *v = NULL;
    for (int i = 1; i < e->nrest && strcmp(e->rest[i], "--") != 0; i++)
        if (strncmp(e->rest[i], name, n) == 0 && e->rest[i][n] == '=')
            v = e->rest[i] + n + 1;
        else if (strcmp(e->rest[i], name) == 0 && i + 1 < e->nrest)
            v = e->rest[++i];
    return v;
}

/* True when e's options are name and its value, nothing else. */
static int edit_only(const EditArgs *e, const char *name)
{
    size_t n = strlen(name);
    if (e->nrest == 2)
        return strncmp(e->rest[1], name, n) == 0 && e->rest[1][n] == '=';
    return e->nrest == 3 && strcmp(e->rest[1], name) == 0;
}

/* The checks that need no password: the kind, HUB_ID, the options --as refuses, and the
 * local edit's own (Cli.check_only). 0 with
 * *x the STAFF_EDIT index and *hub_id, or the usage error's exit code. */
static int check_as(Cli *c, const CliKind *k, const EditArgs *e, int *x, int64_t *hub_id)
{
    if ((*x = staff_edit_find(k->single)) < 0)
        return cli_usage(
            c,
            "with --as, edit takes notice, activity or album, not %s (the staff library "
            "cannot edit it yet)",
            k->single);
    if (e->nrest < 1 || e->rest[0][0] == '-')
        return cli_usage(c, "edit %s HUB_ID ... --hub CONNINFO --as LOGIN: HUB_ID first",
                         k->single);
    if (cli_parse_id(c, e->rest[0], "HUB_ID", hub_id) < 0)
        return c->status;
    for (int i = 0; STAFF_EDIT[*x].refused[i]; i++)
        if (edit_has(e, STAFF_EDIT[*x].refused[i]))
            return cli_usage(c, "%s goes without --as (%s)", STAFF_EDIT[*x].refused[i],
                             STAFF_EDIT[*x].why);
    if (STAFF_EDIT[*x].field && e->nrest < 2)
        return cli_usage(c, "with --as, edit %s changes only the options given: give one",
                         k->single);
    for (int i = 1; i + 1 < e->nrest; i++)
        if (strcmp(e->rest[i], "--body-file") == 0 && strcmp(e->rest[i + 1], "-") == 0)
            return cli_usage(c, "--body-file - goes without --as (standard input holds the "
                                "password)");
    /* the local edit's own checks of its options, with no store, before the password */
    c->check_only = 1;
    int rc = k->edit(c, e->nrest, e->rest);
    c->check_only = 0;
    return rc;
}

/* `edit KIND HUB_ID ... --hub CONNINFO --as LOGIN`, the options checked (check_as). */
static int edit_as(Cli *c, const CliKind *k, EditArgs *e, int x, int64_t hub_id)
{
    StaffActor a;
    if (cli_hub_login(c, e->conn, e->as, &a) < 0)
        return c->status;
    /* the one field alone, straight to the library: no row to read first */
    if (STAFF_EDIT[x].set && edit_only(e, STAFF_EDIT[x].field)) {
        int rc = STAFF_EDIT[x].set(&a, hub_id, edit_value(e, STAFF_EDIT[x].field)) == 0
                     ? CLI_EXIT_OK
                     : cli_fail_staff(c, &a);
        staff_hub_logout(&a);
        if (rc == CLI_EXIT_OK)
            printf("updated %s %lld on the hub\n", k->single, (long long)hub_id);
        return rc;
    }
    char dir[1024], local_s[24];
    int64_t local = 0, rev = 0;
    Store *s = import_scratch_open(c, time_now(), dir, sizeof dir);
    int rc = s ? CLI_EXIT_OK : c->status;
    if (rc == CLI_EXIT_OK && STAFF_EDIT[x].down(c, &a, s, hub_id, &local, &rev) < 0)
        rc = c->status;
    if (rc == CLI_EXIT_OK) {
        /* the local edit of the scratch row: HUB_ID becomes the row's id there */
        snprintf(local_s, sizeof local_s, "%lld", (long long)local);
        e->rest[0] = local_s;
        Store *own = c->store;
        c->store = s;
        c->quiet = 1;
        rc = k->edit(c, e->nrest, e->rest);
        c->store = own;
        c->quiet = 0;
    }
    if (rc == CLI_EXIT_OK) {
        int urc = STAFF_EDIT[x].up(&a, s, local, hub_id, rev, e);
        if (urc == -2)
            rc = cli_fail(c, "scratch store: %s", store_errmsg(s));
        else if (urc < 0)
            rc = cli_fail_staff(c, &a);
        if (urc == -1 && staff_refusal(&a) == STAFF_REFUSAL_CHANGED) /* the read is stale */
            cli_fail(c, "nothing was saved: the same command again edits the %s as it is now",
                     k->single);
    }
    import_scratch_remove(s, dir);
    staff_hub_logout(&a);
    if (rc == CLI_EXIT_OK)
        printf("updated %s %lld on the hub\n", k->single, (long long)hub_id);
    return rc;
}

/* The part of `edit KIND --help` that the local edit's own help does not know. */
static void print_hub_help(const char *kind)
{
    int x = staff_edit_find(kind);
    if (x < 0)
        return;
    printf("\n在中心库修改: yanxiactl edit %s HUB_ID --hub CONNINFO --as LOGIN [以上选项]\n", kind);
    printf("  %-24s %s\n", "--hub CONNINFO",
           "修改中心库的这一条（不改本机），各楼道屏下次同步时更新");
    printf("  %-24s %s\n", "--as LOGIN",
           "与 --hub 同用（必需）：以这个工作人员的身份修改，密码从标准输入读一行；"
           "只能改自己负责的楼栋的，记入操作日志");
    if (!STAFF_EDIT[x].refused[0])
        return;
    printf("  %-24s 不与 --as 同用:", "");
    for (int i = 0; STAFF_EDIT[x].refused[i]; i++)
        printf(" %s", STAFF_EDIT[x].refused[i]);
    printf("\n");
}

int cmd_hub_edit(Cli *c, const CliKind *k, int argc, char **argv)
{
    EditArgs e;
    if (split_edit_args(c, argc, argv, &e) < 0) {
        free(e.rest);
        return c->status;
    }
    int rc, x = -1;
    int64_t hub_id = 0;
    if (e.help || (!e.conn && !e.as)) {
        rc = k->edit(c, e.nrest, e.rest); /* the local edit, or its --help */
        if (e.help && rc == CLI_EXIT_OK)
            print_hub_help(k->single);
    } else if (!e.as)
        rc = cli_usage(c, "edit --hub needs --as LOGIN (a staff member's edit, through the staff "
                          "library); the hub's owner replaces a row with `hub publish KIND --id "
                          "HUB_ID`");
    else if (!e.conn)
        rc = cli_usage(c, "--as goes with --hub");
    else if ((rc = check_as(c, k, &e, &x, &hub_id)) == CLI_EXIT_OK)
        rc = edit_as(c, k, &e, x, hub_id);
    free(e.rest);
    return rc;
}
