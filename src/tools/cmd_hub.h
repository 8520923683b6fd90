/* yanxiactl's hub commands (cmd_hub.c) and `sync` (cmd_sync.c). */
#ifndef YX_TOOLS_CMD_HUB_H
#define YX_TOOLS_CMD_HUB_H

#include "tools/cli.h"

/* `hub init|add-kiosk|add-scope|status|publish|rm ...` */
int cmd_hub(Cli *c, int argc, char **argv);

/* `sync --once --config FILE`: one round against the hub in the config. */
int cmd_sync(Cli *c, int argc, char **argv);

/* True when argv[0..argc) holds --hub (the content command then goes to the hub). */
int cli_wants_hub(int argc, char **argv);

/* `add KIND --hub CONNINFO --building B ...` and `rm KIND ID --hub CONNINFO`: the
 * content commands authored on the hub. kind is the singular name. */
int cmd_hub_add(Cli *c, const char *kind, int argc, char **argv);
int cmd_hub_rm(Cli *c, int argc, char **argv);

#endif
