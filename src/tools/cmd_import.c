#include "tools/commands.h"
int cmd_import(Cli *c, int argc, char **argv)
{
    return cli_fail(c, "todo");
}
