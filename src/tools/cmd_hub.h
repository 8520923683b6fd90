/* yanxiactl's hub commands (cmd_hub.c) and `sync` (cmd_sync.c). */
#ifndef YX_TOOLS_CMD_HUB_H
#define YX_TOOLS_CMD_HUB_H

#include "tools/cli.h"
#include "tools/commands.h"

/* `hub init|add-kiosk|add-scope|status|publish|rm ...` */
int cmd_hub(Cli *c, int argc, char **argv);

/* `hub guard --conn CONNINFO [--every N]` (cmd_hub_guard.c): ends kiosk sessions past
 * their role's bounds, once or every N seconds. */
int cmd_hub_guard(Cli *c, int argc, char **argv);

/* `sync --once --config FILE`: one round against the hub in the config. */
int cmd_sync(Cli *c, int argc, char **argv);

/* `check`: PRAGMA integrity_check and the sync invariants; exit 1 when not ok. */
int cmd_check(Cli *c, int argc, char **argv);

/* `add KIND ...` (cmd_add_hub.c), for kind k (it has an add): with --hub CONNINFO and
 * --building B (or --scope CODE) the local add's options, checks and messages, and
 * its row published on the hub ("published KIND on the hub: id N"); without them the
 * local add itself, whose --help then also lists the hub options. Returns the exit
 * code; nothing reaches the hub when the local add refuses. */
int cmd_hub_add(Cli *c, const CliKind *k, int argc, char **argv);

/* `edit KIND ...` (cmd_edit_hub.c), for kind k (it has an edit): with --hub CONNINFO
 * --as LOGIN (notices and activities) the local edit's options, checks and messages
 * applied to the hub's row as that staff member sees it, and the result sent back
 * through the staff library ("updated KIND HUB_ID on the hub"); --hub without --as is a
 * usage error (the owner has `hub publish KIND --id`). Without them the local edit
 * itself, whose --help then also lists the hub options. Returns the exit code. */
int cmd_hub_edit(Cli *c, const CliKind *k, int argc, char **argv);

/* `rm KIND ID --hub CONNINFO`: the row taken back on the hub (and so on its kiosks). */
int cmd_hub_rm(Cli *c, int argc, char **argv);

/* `photo add FILE... --hub CONNINFO --building B --album NAME [...]`: each file is
 * checked like a local photo, stored on the hub in 256 KiB chunks and published into
 * the album of that name in scope B (created when new). */
int cmd_hub_photo_add(Cli *c, int argc, char **argv);

/* `export KIND --csv --hub CONNINFO [--building B] [-o FILE]` (cmd_hub_export.c):
 * the hub's submissions of KIND as the local export's CSV, plus building, kiosk and
 * received time. */
int cmd_hub_export(Cli *c, int argc, char **argv);

#endif
