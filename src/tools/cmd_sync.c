/* `yanxiactl sync --once --config FILE`: one sync round from the command line, for
 * installers and tests; prints what moved. `sync --watch` runs the kiosk's own worker
 * thread until stopped (benchmarks, a hub without a screen). `check` verifies a store:
 * SQLite's integrity check and the sync invariants. */
#include "tools/cmd_hub.h"

#include "core/config.h"
#include "core/timeutil.h"
#include "store/outbox.h"
#include "store/sync_apply.h"
#include "sync/sync.h"
#include "sync/sync_worker.h"

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

/* Runs the worker until SIGINT/SIGTERM or for seconds (> 0); one line per round. */
static int sync_watch(Cli *c, const Config *cfg, int64_t seconds)
{
    if (!cli_store(c)) /* creates and migrates the file before the thread opens it */
        return c->status;
    char err[512];
    SyncWorker *w = sync_worker_start(c->db_path, cfg->hub_conninfo, cfg->sync_interval_seconds,
                                      err, sizeof err);
    if (!w)
        return cli_fail(c, "%s", err);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    time_t end = seconds > 0 ? time(NULL) + seconds : 0;
    int64_t seen = 0;
    while (!stop_requested && (!end || time(NULL) < end)) {
        struct timespec tick = {0, 20 * 1000 * 1000};
        nanosleep(&tick, NULL);
        SyncStatus st;
        sync_worker_status(w, &st);
        if (st.last_attempt == 0 || st.running ||
            st.last_attempt * 1000 + st.content_serial == seen)
            continue;
        seen = st.last_attempt * 1000 + st.content_serial;
        printf("round %s: content serial %lld, pending %lld%s%s\n", st.failures ? "failed" : "ok",
               (long long)st.content_serial, (long long)st.pending, st.failures ? ": " : "",
               st.last_error);
        fflush(stdout);
    }
    sync_worker_stop(w);
    return CLI_EXIT_OK;
}

int cmd_sync(Cli *c, int argc, char **argv)
{
    const char *config = NULL, *conn = NULL;
    int once = 0, watch = 0;
    int64_t batch = 0, page = 0, chunk = 0, interval = 0, seconds = 0;
    CliOpt opts[] = {{"once", OPT_FLAG, &once, NULL, "只同步一轮", 0},
                     {"watch", OPT_FLAG, &watch, NULL, "像楼道屏一样持续同步，直到被停止", 0},
                     {"config", OPT_STR, &config, "FILE", "本机配置文件（含 [sync] hub）", 0},
                     {"conn", OPT_STR, &conn, "CONNINFO", "不用配置文件时的中心库连接串", 0},
                     {"batch", OPT_INT, &batch, "N", "每批上传条数（默认和上限 200）", 0},
                     {"page", OPT_INT, &page, "N", "每页下载条数（默认 1000）", 0},
                     {"chunk", OPT_INT, &chunk, "BYTES", "照片每次请求的字节数（默认 4 MiB）", 0},
                     {"interval", OPT_INT, &interval, "SECONDS", "--watch: 同步间隔", 0},
                     {"seconds", OPT_INT, &seconds, "N", "--watch: N 秒后停止", 0},
                     {NULL, 0, NULL, NULL, NULL, 0}};
    CliSpec spec = {"[--db PATH] sync --once|--watch --config FILE",
                    "与中心库同步：上传提交、下载内容和照片、写心跳。", opts, 0, 0};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    if (once == watch)
        return cli_usage(c, "say --once (one round) or --watch (until stopped)");
    Config cfg;
    config_defaults(&cfg);
    char err[1024];
    if (config && config_load_file(&cfg, config, err, sizeof err) < 0)
        return cli_usage(c, "%s", err);
    if (conn)
        snprintf(cfg.hub_conninfo, sizeof cfg.hub_conninfo, "%s", conn);
    if (!cfg.hub_conninfo[0])
        return cli_usage(c, "no hub: the config has no [sync] hub (standalone kiosk)");
    if (interval > 0)
        cfg.sync_interval_seconds = (int)interval;
    if (watch)
        return sync_watch(c, &cfg, seconds);
    Store *s = cli_store(c);
    if (!s)
        return c->status;
    SyncSession *ss = sync_session_create(cfg.hub_conninfo);
    if (!ss)
        return cli_fail(c, "out of memory");
    SyncLimits lim = {(size_t)(batch > 0 ? batch : 0), (int)(page > 0 ? page : 0),
                      (int)(chunk > 0 && chunk <= (16 << 20) ? chunk : 0)};
    sync_session_set_limits(ss, &lim);
    SyncStats st;
    int rc = sync_round(ss, s, &st, err, sizeof err);
    sync_session_destroy(ss);
    char refused[48] = "";
    if (st.rejected)
        snprintf(refused, sizeof refused, " (%zu refused by the hub)", st.rejected);
    printf("pushed %zu%s, pulled %zu (%zu applied), photos %zu (%lld bytes), cursor %lld,"
           " pending %lld%s\n",
           st.pushed, refused, st.pulled, st.applied, st.photos, (long long)st.photo_bytes,
           (long long)st.cursor, (long long)st.pending, st.resynced ? ", resynced" : "");
    if (rc < 0)
        return cli_fail(c, "%s", err);
    return CLI_EXIT_OK;
}

int cmd_check(Cli *c, int argc, char **argv)
{
    CliSpec spec = {"[--db PATH] check",
                    "检查数据库文件：完整性，以及同步游标与内容、照片文件是否一致。", NULL, 0, 0};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    Store *s = cli_store(c);
    if (!s)
        return c->status;
    int bad = 0;
    if (store_check_integrity(s) < 0) {
        printf("integrity: FAILED (%s)\n", store_errmsg(s));
        bad = 1;
    } else {
        printf("integrity: ok\n");
    }
    SyncCheck k;
    if (store_sync_check(s, &k) < 0)
        return cli_fail_store(c);
    printf("cursor %lld%s, outbox pending %lld, photos waiting for their file %lld\n",
           (long long)k.cursor, k.resync ? " (resync under way)" : "", (long long)k.pending,
           (long long)k.photos_waiting);
    if (k.ahead && !k.resync) {
        printf("sync: FAILED: %lld rows newer than the cursor\n", (long long)k.ahead);
        bad = 1;
    }
    if (k.photos_missing) {
        printf("photos: FAILED: %lld shown photos lack their file\n", (long long)k.photos_missing);
        bad = 1;
    }
    /* not a fault of the store: what residents sent that the hub would not take */
    OutboxRejections rj;
    if (store_outbox_list_rejected(s, 0, &rj) < 0)
        return cli_fail_store(c);
    if (rj.count)
        printf("refused by the hub: %zu\n", rj.count);
    for (size_t i = 0; i < rj.count; i++) {
        char when[32];
        time_format(rj.items[i].created_at, "%Y-%m-%d %H:%M", when, sizeof when);
        printf("  %s %s %s: %s\n", when, rj.items[i].kind, rj.items[i].receipt, rj.items[i].reason);
    }
    outbox_rejections_free(&rj);
    return bad ? cli_fail(c, "the store is not consistent") : CLI_EXIT_OK;
}
