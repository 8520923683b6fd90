/* `yanxiactl maintain`: the kiosk's nightly step, now (store/maintain.h). */
#include "tools/commands.h"

#include "core/config.h"
#include "core/paths.h"
#include "store/maintain.h"

#include <stdio.h>
#include <unistd.h>

static void maintain_report_print(const MaintainReport *r, int full, FILE *f)
{
    fprintf(f, "%s: %s\n", full ? "integrity_check" : "quick_check",
            r->check_ok ? "ok" : r->check_msg);
    fprintf(f, "personal data removed from %zu submissions, %zu acknowledged outbox rows deleted\n",
            r->submissions, r->outbox_rows);
    fprintf(f, "withdrawn content: %zu rows deleted (withdrawn by the hub a week or more ago)\n",
            r->tombstones);
    fprintf(f, "files removed: %zu photos, %zu thumbnails (%llu bytes)\n", r->photo_files,
            r->thumb_files, (unsigned long long)r->bytes_freed);
    fprintf(f, "WAL: %s\n",
            r->wal_busy ? "in use by another connection, checkpoint partial" : "checkpointed");
}

int cmd_maintain(Cli *c, int argc, char **argv)
{
    const char *config = NULL;
    int quick = 0;
    int64_t keep = 0;
    CliOpt opts[] = {
        {"config", OPT_STR, &config, "FILE", "本机配置文件（读 [privacy] keep_days）", 0},
        {"keep-days", OPT_INT, &keep, "N", "个人信息在中心库确认后保留的天数", 0},
        {"quick", OPT_FLAG, &quick, NULL, "只做快速检查（quick_check）", 0},
        {NULL, 0, NULL, NULL, NULL, 0}};
    CliSpec spec = {"[--db PATH] maintain [--config FILE] [--keep-days N] [--quick]",
                    "立即执行夜间维护：WAL 检查点、完整性检查（默认完整检查）、"
                    "删除中心库确认超过保留天数的提交中的电话和文字、删除不再使用的照片和缩略图。",
                    opts, 0, 0};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    Config cfg;
    config_defaults(&cfg);
    const char *installed = paths_default_config(); /* installed: keep_days from /etc */
    if (!config && installed && access(installed, R_OK) == 0)
        config = installed;
    char err[1024];
    if (config && config_load_file(&cfg, config, err, sizeof err) < 0)
        return cli_usage(c, "%s", err);
    if (opts[1].given && (keep < 1 || keep > 3650))
        return cli_usage(c, "--keep-days: expected a whole number from 1 to 3650");
    MaintainOptions mo = {opts[1].given ? (int)keep : cfg.keep_days, !quick};
    Store *s = cli_store(c);
    if (!s)
        return c->status;
    MaintainReport r;
    int rc = store_maintain(s, &mo, &r);
    maintain_report_print(&r, mo.full_check, stdout);
    if (rc < 0)
        return cli_fail_store(c);
    return CLI_EXIT_OK;
}
