/* `yanxiactl sync --once --config FILE`: one sync round from the command line, for
 * installers and tests; prints what moved. */
#include "tools/cmd_hub.h"

#include "core/config.h"
#include "sync/sync.h"

#include <stdio.h>
#include <string.h>

int cmd_sync(Cli *c, int argc, char **argv)
{
    const char *config = NULL, *conn = NULL;
    int once = 0;
    int64_t batch = 0, page = 0;
    CliOpt opts[] = {{"once", OPT_FLAG, &once, NULL, "只同步一轮（目前唯一的方式）", 0},
                     {"config", OPT_STR, &config, "FILE", "本机配置文件（含 [sync] hub）", 0},
                     {"conn", OPT_STR, &conn, "CONNINFO", "不用配置文件时的中心库连接串", 0},
                     {"batch", OPT_INT, &batch, "N", "每批上传条数（默认 500）", 0},
                     {"page", OPT_INT, &page, "N", "每页下载条数（默认 1000）", 0},
                     {NULL, 0, NULL, NULL, NULL, 0}};
    CliSpec spec = {"[--db PATH] sync --once --config FILE",
                    "与中心库同步一轮：上传提交、下载内容和照片、写心跳。", opts, 0, 0};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    if (!once)
        return cli_usage(c, "only --once is available (the kiosk runs the worker itself)");
    Config cfg;
    config_defaults(&cfg);
    char err[1024];
    if (config && config_load_file(&cfg, config, err, sizeof err) < 0)
        return cli_usage(c, "%s", err);
    if (conn)
        snprintf(cfg.hub_conninfo, sizeof cfg.hub_conninfo, "%s", conn);
    if (!cfg.hub_conninfo[0])
        return cli_usage(c, "no hub: the config has no [sync] hub (standalone kiosk)");
    Store *s = cli_store(c);
    if (!s)
        return c->status;
    SyncSession *ss = sync_session_create(cfg.hub_conninfo);
    if (!ss)
        return cli_fail(c, "out of memory");
    SyncLimits lim = {(size_t)(batch > 0 ? batch : 0), (int)(page > 0 ? page : 0), 0};
    sync_session_set_limits(ss, &lim);
    SyncStats st;
    int rc = sync_round(ss, s, &st, err, sizeof err);
    sync_session_destroy(ss);
    printf("pushed %zu, pulled %zu (%zu applied), photos %zu (%lld bytes), cursor %lld,"
           " pending %lld%s\n",
           st.pushed, st.pulled, st.applied, st.photos, (long long)st.photo_bytes,
           (long long)st.cursor, (long long)st.pending, st.resynced ? ", resynced" : "");
    if (rc < 0)
        return cli_fail(c, "%s", err);
    return CLI_EXIT_OK;
}
