/* `export KIND --csv [-o FILE]`: sign-ups, votes, suggestions, wishes and questions as
 * CSV that Excel opens with the Chinese intact (BOM, CRLF, RFC 4180 quoting). The rows
 * are the same as `list KIND --all`; with -o the file appears whole or not at all. */
#include "tools/cmd_hub.h"
#include "tools/commands.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int cmd_export(Cli *c, int argc, char **argv)
{
    /* what the hub received; --as alone goes there too, to be told it needs --hub */
    int as = 0;
    for (int i = 0; i < argc && !as; i++)
        as = strcmp(argv[i], "--as") == 0 || strncmp(argv[i], "--as=", 5) == 0;
    if (as || cli_wants_hub(argc, argv))
        return cmd_hub_export(c, argc, argv);
    int csv = 0;
    const char *out = NULL;
    CliOpt opts[] = {
        {"csv", OPT_FLAG, &csv, NULL, "CSV（UTF-8 带 BOM，Excel 可直接打开）", 0},
        {"output", OPT_STR, &out, "FILE", "写入文件（也可写 -o FILE）；默认标准输出", 0},
        {NULL, 0, NULL, NULL, NULL, 0}};
    char kinds[256] = "";
    for (size_t i = 0; i < CLI_KIND_COUNT; i++) {
        if (!CLI_KINDS[i].exportable)
            continue;
        size_t n = strlen(kinds);
        snprintf(kinds + n, sizeof kinds - n, "%s%s", n ? ", " : "", CLI_KINDS[i].name);
    }
    char usage[400];
    snprintf(usage, sizeof usage, "export KIND --csv [-o FILE]\nKIND: %s", kinds);
    CliSpec spec = {usage, "导出居民提交的内容（含已取消、已更改的记录）。", opts, 1, 1};
    if (cli_parse_output(c, &spec, argc, argv) < 0)
        return c->status;
    const CliKind *k = cli_kind_find(c->pos[0]);
    if (!k || !k->exportable)
        return cli_usage(c, "cannot export \"%.40s\" (one of: %s)", c->pos[0], kinds);
    cli_set_cmd(c, "export", k->name);
    if (!csv)
        return cli_usage(c, "--csv is the only format");
    Store *s = cli_store(c);
    if (!s)
        return c->status;
    CliListArgs a = {.all = 1};
    CliTable t;
    if (k->fill(s, &a, &t) < 0)
        return cli_fail_store(c);
    int rc = cli_emit_csv(c, &t, out);
    cli_table_deinit(&t);
    return rc;
}
