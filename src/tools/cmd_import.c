/* `import DIR [--hub CONNINFO --building B [--as LOGIN]]`: a content folder into this
 * kiosk's store (import_folder.c) or, checked the same way, onto the hub as its owner
 * (cmd_import_hub.c) or as a staff member through the staff library (cmd_import_staff.c). */
#include "tools/commands.h"
#include "tools/import.h"

#include <stdio.h>
#include <sys/stat.h>

int cmd_import(Cli *c, int argc, char **argv)
{
    int dry = 0, again = 0;
    const char *hub = NULL, *building = NULL, *scope = NULL, *login = NULL;
    CliOpt opts[] = {
        {"dry-run", OPT_FLAG, &dry, NULL, "只检查，不写入", 0},
        {"hub", OPT_STR, &hub, "CONNINFO", "发布到中心库（不写本机）", 0},
        {"building", OPT_STR, &building, "CODE", "中心库：楼组（或更大的范围）代码", 0},
        {"scope", OPT_STR, &scope, "CODE", "中心库：居民区、街道等范围（同 --building）", 0},
        {"as", OPT_STR, &login, "LOGIN",
         "与 --hub --building 同用：以这个工作人员的身份发布，密码从标准输入读一行；"
         "只能发布到自己负责的楼栋，每一项记入操作日志；同一个文件夹再导入没有变化；"
         "改过的文件夹再导入只更新改了的内容（中心库要升级到 sql/hub/040）；"
         "通知的作者、发布，活动的结束、每户最多，联系电话的二维码内容要中心库升级到 "
         "sql/hub/037",
         0},
        {"again", OPT_FLAG, &again, NULL,
         "与 --as 同用：这个文件夹导入过，仍要逐项再看一遍（撤下的会回来）；"
         "中心库没有 sql/hub/040 时：全部再发布一次",
         0},
        {NULL, 0, NULL, NULL, NULL, 0}};
    CliSpec spec = {"import DIR [--dry-run] [--hub CONNINFO --building B [--as LOGIN [--again]]]",
                    "导入内容文件夹（格式见 docs/content-folder.md）：全部成功才写入；"
                    "同一文件夹导入两次不会重复。",
                    opts, 1, 1};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    struct stat st;
    if (stat(c->pos[0], &st) < 0 || !S_ISDIR(st.st_mode))
        return cli_fail_reason(c, REASON_NOT_FOUND, "%s: not a folder", c->pos[0]);
    if (again && !login)
        return cli_usage(c, "--again goes with --as (the owner's import finds its items by path)");
    if (hub || building || scope || login) {
        if (!hub)
            return cli_usage(c, "--%s goes with --hub",
                             building ? "building"
                             : scope  ? "scope"
                                      : "as");
        if (building && scope)
            return cli_usage(c, "give --building or --scope, not both");
        if (!building && !scope)
            return cli_usage(c, "missing --building (or --scope for a wider area)");
        if (login && !building)
            return cli_usage(c, "--as publishes to a building: give --building, not --scope");
        if (login)
            return import_to_hub_as(c, c->pos[0], hub, building, login, dry, again);
        return import_to_hub(c, c->pos[0], hub, building ? building : scope, dry);
    }
    Import im = {.c = c, .root = c->pos[0]};
    if (!(im.s = cli_store(c)))
        return c->status;
    if (store_batch_begin(im.s) < 0)
        return cli_fail_store(c);
    int rc = import_folder(&im);
    if (store_batch_end(im.s, rc == 0 && !dry) < 0 && rc == 0 && !dry)
        return cli_fail_store(c);
    if (rc < 0)
        return c->status ? c->status : CLI_EXIT_FAIL;
    printf("%s%s: %d notices, %d tips, %d activities, %d polls, %d albums, %d photos, "
           "%d contacts, %d roster entries, %d phrases%s\n",
           dry ? "checked (nothing written) " : "imported ", im.root, im.notices, im.tips,
           im.activities, im.polls, im.albums, im.photos, im.contacts, im.roster, im.phrases,
           im.kiosk ? ", kiosk settings" : "");
    return CLI_EXIT_OK;
}
