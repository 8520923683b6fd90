/* `add KIND ... --hub CONNINFO --building B`: content authored on the hub with the very
 * options, checks and messages of the local `add KIND`. The local add runs against a
 * scratch store (a temporary folder, removed after); its one row then goes to the hub
 * by import --hub's sending code (import_publish_store), so the two never disagree on
 * what a field means. Without --hub, `add KIND` is the local add. */
#include "tools/cmd_hub.h"
#include "tools/commands.h"
#include "tools/import.h"

#include "core/timeutil.h"
#include "store/kiosk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The options this file takes out of the command line before the local add sees it. */
enum { HUB_CONN, HUB_BUILDING, HUB_SCOPE, HUB_OPT_COUNT };

static const struct {
    const char *name, *arg, *help;
} HUB_OPTS[HUB_OPT_COUNT] = {
    {"hub", "CONNINFO", "发布到中心库（不写本机），楼组内的楼道屏下次同步时显示"},
    {"building", "CODE", "与 --hub 同用：楼组代码，例如 kangle-12"},
    {"scope", "CODE", "与 --hub 同用：居民区、街道等更大的范围（代替 --building）"},
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

/* The part of `add KIND --help` that the local add's own help does not know. */
static void print_hub_help(const char *kind)
{
    printf("\n在中心库发布: yanxiactl add %s --hub CONNINFO --building B [以上选项]\n", kind);
    for (int k = 0; k < HUB_OPT_COUNT; k++) {
        char left[64];
        snprintf(left, sizeof left, "--%s %s", HUB_OPTS[k].name, HUB_OPTS[k].arg);
        printf("  %-24s %s\n", left, HUB_OPTS[k].help);
    }
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
    if (a.help || (!conn && !building && !scope)) {
        rc = k->add(c, a.nrest, a.rest); /* the local add, or its --help */
        if (a.help && rc == CLI_EXIT_OK && content)
            print_hub_help(k->single);
    } else if (!content)
        rc = cli_usage(c, "--hub publishes content; a %s is typed in on its kiosk", k->single);
    else if (!conn)
        rc = cli_usage(c, "--%s goes with --hub", building ? "building" : "scope");
    else if (building && scope)
        rc = cli_usage(c, "give --building or --scope, not both");
    else if (!building && !scope)
        rc = cli_usage(c, "missing --building (or --scope for a wider area)");
    else
        rc = add_on_hub(c, k, &a, building ? building : scope);
    free(a.rest);
    return rc;
}
