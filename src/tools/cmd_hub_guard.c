/* `yanxiactl hub guard`: holds every kiosk session to its role's bounds, which a
 * session can otherwise set away (sql/hub/022_kiosk_guard.sql). Once, or every N
 * seconds as the yanxia-hub-guard service, reconnecting after a lost hub. */
#include "tools/cmd_hub.h"

#include "core/log.h"
#include "sync/hub_admin.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static void report(void *ctx, const char *kiosk, int pid, const char *state, long long seconds)
{
    (void)ctx;
    /* a warning in the journal: a kiosk's credential may be in a stranger's hands */
    log_warn("guard", "ended kiosk %s's session (pid %d): %s for %lld s", kiosk, pid,
             strcmp(state, "active") == 0 ? "one statement" : state, seconds);
    printf("ended %s pid %d (%s, %lld s)\n", kiosk, pid, state, seconds);
    fflush(stdout);
}

/* One pass on *h, connecting first when it is NULL. -1 (and *h closed) on failure. */
static int guard_pass(HubAdmin **h, const char *conn, int statement_s, int idle_s, char *err,
                      size_t errlen)
{
    if (!*h && !(*h = hub_admin_open(conn, err, errlen)))
        return -1;
    int n = hub_admin_guard(*h, statement_s, idle_s, report, NULL, err, errlen);
    if (n < 0) {
        hub_admin_close(*h);
        *h = NULL;
    }
    return n;
}

int cmd_hub_guard(Cli *c, int argc, char **argv)
{
    const char *conn = NULL;
    int64_t statement_s = 60, idle_s = 30, every = 0;
    CliOpt opts[] = {
        {"conn", OPT_STR, &conn, "CONNINFO", "中心库的连接串（需能结束其他会话）", 0},
        {"statement-seconds", OPT_INT, &statement_s, "N", "一条语句最长运行秒数（默认 60）", 0},
        {"idle-seconds", OPT_INT, &idle_s, "N", "事务中空闲最长秒数（默认 30）", 0},
        {"every", OPT_INT, &every, "N", "每 N 秒检查一次，直到收到 SIGTERM（默认只查一次）", 0},
        {NULL, 0, NULL, NULL, NULL, 0}};
    CliSpec spec = {"hub guard --conn CONNINFO [--statement-seconds 60] [--idle-seconds 30]"
                    " [--every N]",
                    "结束超出限度的楼道屏会话（语句太久、事务中空闲太久）。", opts, 0, 0};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    if (!conn || !*conn)
        return cli_usage(c, "missing --conn (the hub's connection string)");
    if (statement_s < 1 || statement_s > 86400 || idle_s < 1 || idle_s > 86400)
        return cli_usage(c, "--statement-seconds and --idle-seconds: 1 to 86400");
    if (every < 0 || every > 3600)
        return cli_usage(c, "--every: 1 to 3600 seconds");
    HubAdmin *h = NULL;
    char err[1024];
    if (every == 0) {
        int n = guard_pass(&h, conn, (int)statement_s, (int)idle_s, err, sizeof err);
        hub_admin_close(h);
        return n < 0 ? cli_fail(c, "%s", err) : CLI_EXIT_OK;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    int failing = 0;
    while (!stop_requested) {
        if (guard_pass(&h, conn, (int)statement_s, (int)idle_s, err, sizeof err) < 0) {
            if (!failing) /* once per outage, not every pass */
                log_error("guard", "%s", err);
            failing = 1;
        } else if (failing) {
            log_info("guard", "the hub answers again");
            failing = 0;
        }
        struct timespec tick = {(time_t)every, 0};
        nanosleep(&tick, NULL); /* a signal cuts it short */
    }
    hub_admin_close(h);
    return CLI_EXIT_OK;
}
