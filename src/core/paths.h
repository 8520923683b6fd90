/* Where Yanxia's files are: installed (Debian: /usr/bin, /usr/share/yanxia,
 * /etc/yanxia) or in the source tree it was built from (make run, the tests). A program
 * counts as installed when its executable sits in the install prefix's bin directory. */
#ifndef YX_CORE_PATHS_H
#define YX_CORE_PATHS_H

/* 1 when the running executable is in YANXIA_BINDIR (e.g. /usr/bin), 0 otherwise. */
int paths_installed(void);

/* The hub's SQL migrations: YANXIA_DATADIR/sql/hub when installed, else the source
 * tree's sql/hub. A static string. */
const char *paths_hub_sql_dir(void);

/* The configuration read when no --config is given: /etc/yanxia/yanxia.ini when
 * installed, NULL from a build tree (built-in defaults, as `make run` has them). */
const char *paths_default_config(void);

/* The state directory of an installed kiosk (/var/lib/yanxia). */
#define PATHS_STATE_DIR "/var/lib/yanxia"

#endif
