/* `add KIND ... --hub CONNINFO --building B`: content authored on the hub with the very
 * options, checks and messages of the local `add KIND`. The local add runs against a
 * scratch store (a temporary folder, removed after); its one row then goes to the hub
 * by import --hub's sending code (import_publish_store), so the two never disagree on
 * what a field means. Without --hub, `add KIND` is the local add. With --as LOGIN (the
 * kinds of STAFF_ADD, to a building) the row goes up through the staff library instead,
 * as that staff member: the hub checks the member's scope and writes the audit line. */
#include "tools/cmd_hub.h"
#include "tools/commands.h"
#include "tools/import.h"

#include "core/timeutil.h"
#include "store/activity.h"
#include "store/contact.h"
#include "store/health.h"
#include "store/kiosk.h"
#include "store/notice.h"
#include "store/photo.h"
#include "store/phrase.h"
#include "store/poll.h"
#include "store/roster.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The options this file takes out of the command line before the local add sees it. */
enum { HUB_CONN, HUB_BUILDING, HUB_SCOPE, HUB_AS, HUB_OPT_COUNT };

static const struct {
    const char *name, *arg, *help;
} HUB_OPTS[HUB_OPT_COUNT] = {
    {"hub", "CONNINFO", "发布到中心库（不写本机），楼组内的楼道屏下次同步时显示"},
    {"building", "CODE", "与 --hub 同用：楼组代码，例如 kangle-12"},
    {"scope", "CODE", "与 --hub 同用：居民区、街道等更大的范围（代替 --building）"},
    {"as", "LOGIN",
     "与 --hub --building 同用：以这个工作人员的身份发布，密码从标准输入读一行；"
     "只能发布到自己负责的楼栋，记入操作日志"},
};

typedef struct {
    const char *val[HUB_OPT_COUNT];
    int help;
    char **rest; /* the other arguments, in their order */
    int nrest;
} HubArgs;

/* Which of HUB_OPTS a starts with ("--hub" or "--hub=..."), or -1. */
static int hub_opt(const char *a, size_t *len)
{
    if (strncmp(a, "--", 2) != 0)
        return -1;
    for (int k = 0; k < HUB_OPT_COUNT; k++) {
        size_t n = strlen(HUB_OPTS[k].name);
        if (strncmp(a + 2, HUB_OPTS[k].name, n) == 0 && (a[2 + n] == '\0' || a[2 + n] == '=')) {
            *len = 2 + n;
            return k;
        }
    }
    return -1;
}

/* Splits argv into the hub options and the rest (a->rest, which the caller frees).
 * 0, or -1 after a usage error. */
static int split_args(Cli *c, int argc, char **argv, HubArgs *a)
{
    memset(a, 0, sizeof *a);
    if (!(a->rest = calloc((size_t)argc + 1, sizeof *a->rest)))
        return cli_fail(c, "out of memory"), -1;
    int only_pos = 0;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        size_t len = 0;
        int k = only_pos ? -1 : hub_opt(arg, &len);
        if (!only_pos && (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0))
            a->help = 1;
        only_pos = only_pos || strcmp(arg, "--") == 0;
        if (k < 0) {
            a->rest[a->nrest++] = argv[i];
            continue;
        }
        const char *v = arg[len] == '=' ? arg + len + 1 : i + 1 < argc ? argv[++i] : NULL;
        if (!v)
            return cli_usage(c, "--%s needs a value (%s)", HUB_OPTS[k].name, HUB_OPTS[k].arg), -1;
        if (a->val[k])
            return cli_usage(c, "--%s given twice", HUB_OPTS[k].name), -1;
        a->val[k] = v;
    }
    return 0;
}

/* The room rule is each kiosk's own (`kiosk set --floors --units`) and the hub knows
 * none: a roster's room is held to the widest rule (floors and units 1-99), not to a
 * fresh store's default, which would refuse a 35th floor. */
static int wide_rooms(Cli *c, Store *s)
{
    KioskInfo k;
    if (store_kiosk_get(s, &k) < 0)
        return cli_fail(c, "scratch store: %s", store_errmsg(s));
    k.floor_min = k.unit_min = 1;
    k.floor_max = k.unit_max = 99;
    int rc = store_kiosk_set(s, &k) < 0 ? cli_fail(c, "scratch store: %s", store_errmsg(s))
                                        : CLI_EXIT_OK;
    kiosk_info_deinit(&k);
    return rc;
}

/* The local add into a scratch store, then its row published on the hub. */
static int add_on_hub(Cli *c, const CliKind *k, const HubArgs *a, const char *scope)
{
    char dir[1024];
    /* the scratch store's clock is the local add's: a time it checks against "now"
     * (a poll's close, an expiry) is judged as on a kiosk. A notice's publish_at or a
     * poll's opens_at still at this now was not given: the hub then sets its own. */
    int64_t now = time_now();
    Store *s = import_scratch_open(c, now, dir, sizeof dir);
    int rc = s ? wide_rooms(c, s) : c->status;
    if (rc == CLI_EXIT_OK) {
        Store *own = c->store;
        c->store = s;
        c->quiet = 1;
        rc = k->add(c, a->nrest, a->rest);
        c->store = own;
        c->quiet = 0;
    }
    int64_t id = 0;
    if (rc == CLI_EXIT_OK && import_publish_store(c, s, a->val[HUB_CONN], scope, now, &id) < 0)
        rc = c->status ? c->status : CLI_EXIT_FAIL;
    import_scratch_remove(s, dir);
    if (rc == CLI_EXIT_OK)
        printf("published %s on the hub: id %lld\n", k->single, (long long)id);
    return rc;
}

/* The one row of its kind in the scratch store s, published through the staff library
 * as the member logged in as a, to building. 0 with *id, -1 with the refusal kept in
 * the library, or -2 when the scratch store could not be read back (nothing was sent). */
static int as_notice(const StaffActor *a, Store *s, const char *building, int64_t *id)
{
    int rc = -2;
    NoticeList l = {0};
    if (store_notice_list(s, &(NoticeQuery){.include_hidden = 1}, &l) == 0 && l.count == 1) {
        const Notice *n = &l.items[0];
        StaffNotice sn = {.building = building,
                          .title = n->title,
                          .body = n->body,
                          .category = n->category,
                          .urgent = strcmp(n->category, NOTICE_URGENT) == 0,
                          .pinned = n->pinned,
                          .expires_at = n->expires_at,
                          .author = n->author,
                          /* still the scratch store's now: --publish was not given */
                          .publish_at = n->publish_at != store_now(s) ? n->publish_at : 0};
        rc = staff_notice_publish(a, &sn, id);
    }
    notice_list_free(&l);
    return rc;
}

static int as_tip(const StaffActor *a, Store *s, const char *building, int64_t *id)
{
    int rc = -2;
    HealthTipList l = {0};
    if (store_tip_list(s, NULL, &l) == 0 && l.count == 1) {
        const HealthTip *h = &l.items[0];
        StaffTip st = {.building = building,
                       .month = h->month,
                       .title = h->title,
                       .body = h->body,
                       .author = h->author};
        rc = staff_tip_publish(a, &st, id);
    }
    health_tip_list_free(&l);
    return rc;
}

static int as_activity(const StaffActor *a, Store *s, const char *building, int64_t *id)
{
    int rc = -2;
    ActivityList l = {0};
    if (store_activity_list(s, &(ActivityQuery){.include_hidden = 1}, &l) == 0 && l.count == 1)
        rc = staff_activity_create(
            a, &(StaffActivity){.building = building, .activity = l.items[0]}, id);
    activity_list_free(&l);
    return rc;
}

static int as_roster(const StaffActor *a, Store *s, const char *building, int64_t *id)
{
    int rc = -2;
    RosterList l = {0};
    if (store_roster_list(s, 0, 0, &l) == 0 && l.count == 1)
        rc = staff_roster_add(a, &(StaffRoster){.building = building, .entry = l.items[0]}, id);
    roster_list_free(&l);
    return rc;
}

static int as_contact(const StaffActor *a, Store *s, const char *building, int64_t *id)
{
    int rc = -2;
    ContactList l = {0};
    if (store_contact_list(s, NULL, &l) == 0 && l.count == 1)
        rc = staff_contact_add(a, &(StaffContact){.building = building, .contact = l.items[0]}, id);
    contact_list_free(&l);
    return rc;
}

static int as_poll(const StaffActor *a, Store *s, const char *building, int64_t *id)
{
    int rc = -2;
    PollList l = {0};
    const char *labels[POLL_OPTIONS_MAX];
    if (store_poll_list(s, &(PollQuery){.include_closed = 1}, &l) == 0 && l.count == 1 &&
        l.items[0].option_count <= POLL_OPTIONS_MAX) {
        const Poll *p = &l.items[0];
        for (size_t i = 0; i < p->option_count; i++)
            labels[i] = p->options[i].label;
        /* no --opens: the scratch store opened it at its (pinned) now, the row's time;
         * the hub then opens it at its own now, as for the owner's add */
        StaffPoll sp = {.building = building,
                        .question = p->question,
                        .description = p->description,
                        .opens_at = p->opens_at == p->updated_at ? 0 : p->opens_at,
                        .closes_at = p->closes_at,
                        .options = labels,
                        .option_count = p->option_count};
        rc = staff_poll_create(a, &sp, id);
    }
    poll_list_free(&l);
    return rc;
}

static int as_album(const StaffActor *a, Store *s, const char *building, int64_t *id)
{
    int rc = -2;
    AlbumList l = {0};
    if (store_album_list(s, &(AlbumQuery){.include_hidden = 1}, &l) == 0 && l.count == 1)
        rc = staff_album_create(a, &(StaffAlbum){.building = building, .album = l.items[0]}, id);
    album_list_free(&l);
    return rc;
}

static int as_phrase(const StaffActor *a, Store *s, const char *building, int64_t *id)
{
    int rc = -2;
    PhraseList l = {0};
    if (store_phrase_list(s, NULL, &l) == 0 && l.count == 1)
        rc = staff_phrase_add(a, &(StaffPhrase){.building = building, .phrase = l.items[0]}, id);
    phrase_list_free(&l);
    return rc;
}

/* The kinds --as publishes: those the staff library (staff.h) has a function for. Each
 * names the options of its local add that the hub's staff function has no field for,
 * which --as refuses rather than drops, and why. */
static const struct {
    const char *kind;
    int (*publish)(const StaffActor *a, Store *s, const char *building, int64_t *id);
    const char *refused[3]; /* NULL-terminated */
    const char *why;
} STAFF_ADD[] = {
    {"notice", as_notice, {NULL}, NULL},     {"tip", as_tip, {NULL}, NULL},
    {"activity", as_activity, {NULL}, NULL}, {"roster", as_roster, {NULL}, NULL},
    {"poll", as_poll, {NULL}, NULL},         {"contact", as_contact, {NULL}, NULL},
    {"album", as_album, {NULL}, NULL},       {"phrase", as_phrase, {NULL}, NULL},
};

/* The STAFF_ADD index of kind, or -1. */
static int staff_add_find(const char *kind)
{
    for (size_t i = 0; i < sizeof STAFF_ADD / sizeof STAFF_ADD[0]; i++)
        if (strcmp(kind, STAFF_ADD[i].kind) == 0)
            return (int)i;
    return -1;
}

/* True when args hold option name ("--name" or "--name=..."). */
static int has_opt(const HubArgs *a, const char *name)
{
    size_t n = strlen(name);
    for (int i = 0; i < a->nrest; i++) {
        if (strcmp(a->rest[i], "--") == 0)
            break;
        if (strncmp(a->rest[i], name, n) == 0 && (a->rest[i][n] == '\0' || a->rest[i][n] == '='))
            return 1;
    }
    return 0;
}

/* `add KIND --hub CONNINFO --building B --as LOGIN` for a kind of STAFF_ADD: the local
 * add into a scratch store checks the options as always; then the member logs in
 * (password on standard input) and the row goes up through the staff library. */
static int add_as(Cli *c, const CliKind *k, const HubArgs *a, const char *building)
{
    int x = staff_add_find(k->single);
    if (x < 0)
        return cli_usage(c,
                         "--as publishes notices, tips, activities, polls, roster entries, "
                         "contacts, albums and phrases, not %s (the staff library cannot "
                         "publish them yet)",
                         k->name);
    for (int i = 0; STAFF_ADD[x].refused[i]; i++)
        if (has_opt(a, STAFF_ADD[x].refused[i]))
            return cli_usage(c, "%s goes without --as (%s)", STAFF_ADD[x].refused[i],
                             STAFF_ADD[x].why);
    for (int i = 0; i + 1 < a->nrest; i++)
        if (strcmp(a->rest[i], "--body-file") == 0 && strcmp(a->rest[i + 1], "-") == 0)
            return cli_usage(c, "--body-file - goes without --as (standard input holds the "
                                "password)");
    char dir[1024];
    Store *s = import_scratch_open(c, time_now(), dir, sizeof dir);
    int rc = s ? wide_rooms(c, s) : c->status; /* the hub holds a room to its building's rule */
    if (rc == CLI_EXIT_OK) {
        Store *own = c->store;
        c->store = s;
        c->quiet = 1;
        rc = k->add(c, a->nrest, a->rest);
        c->store = own;
        c->quiet = 0;
    }
    int64_t id = 0;
    StaffActor actor;
    if (rc == CLI_EXIT_OK && cli_hub_login(c, a->val[HUB_CONN], a->val[HUB_AS], &actor) < 0)
        rc = c->status;
    else if (rc == CLI_EXIT_OK) {
        int prc = STAFF_ADD[x].publish(&actor, s, building, &id);
        if (prc == -2)
            rc = cli_fail(c, "scratch store: %s", store_errmsg(s));
        else if (prc < 0)
            rc = cli_fail_staff(c, &actor);
        staff_hub_logout(&actor);
    }
    import_scratch_remove(s, dir);
    if (rc == CLI_EXIT_OK)
        printf("published %s on the hub: id %lld\n", k->single, (long long)id);
    return rc;
}

/* The part of `add KIND --help` that the local add's own help does not know: --as only
 * for the kinds of STAFF_ADD, with the options it refuses. */
static void print_hub_help(const char *kind)
{
    int x = staff_add_find(kind);
    printf("\n在中心库发布: yanxiactl add %s --hub CONNINFO --building B [以上选项]\n", kind);
    for (int k = 0; k < HUB_OPT_COUNT; k++) {
        if (k == HUB_AS && x < 0)
            continue;
        char left[64];
        snprintf(left, sizeof left, "--%s %s", HUB_OPTS[k].name, HUB_OPTS[k].arg);
        printf("  %-24s %s\n", left, HUB_OPTS[k].help);
    }
    if (x >= 0 && STAFF_ADD[x].refused[0]) {
        printf("  %-24s 不与 --as 同用:", "");
        for (int i = 0; STAFF_ADD[x].refused[i]; i++)
            printf(" %s", STAFF_ADD[x].refused[i]);
        printf("\n");
    }
}

int cmd_hub_add(Cli *c, const CliKind *k, int argc, char **argv)
{
    if (!k->add)
        return cli_usage(c, "cannot add \"%.40s\"", k->single);
    /* authored content is what `rm` takes back; the other kinds are residents' paper
     * forms, which are typed in on their kiosk and reach the hub as its submissions */
    int content = k->remove != NULL;
    HubArgs a;
    if (split_args(c, argc, argv, &a) < 0) {
        free(a.rest);
        return c->status;
    }
    const char *conn = a.val[HUB_CONN], *building = a.val[HUB_BUILDING];
    const char *scope = a.val[HUB_SCOPE];
    int rc;
    if (a.help || (!conn && !building && !scope && !a.val[HUB_AS])) {
        rc = k->add(c, a.nrest, a.rest); /* the local add, or its --help */
        if (a.help && rc == CLI_EXIT_OK && content)
            print_hub_help(k->single);
    } else if (!content)
        rc = cli_usage(c, "--hub publishes content; a %s is typed in on its kiosk", k->single);
    else if (!conn)
        rc = cli_usage(c, "--%s goes with --hub", building ? "building" : scope ? "scope" : "as");
    else if (building && scope)
        rc = cli_usage(c, "give --building or --scope, not both");
    else if (!building && !scope)
        rc = cli_usage(c, "missing --building (or --scope for a wider area)");
    else if (a.val[HUB_AS] && !building)
        rc = cli_usage(c, "--as publishes to a building: give --building, not --scope");
    else if (a.val[HUB_AS])
        rc = add_as(c, k, &a, building);
    else
        rc = add_on_hub(c, k, &a, building ? building : scope);
    free(a.rest);
    return rc;
}
