/* The kiosk's configuration: config/yanxia.ini documents every key. Defaults live in
 * config_defaults(); a file overrides them; command-line flags override the file.
 * A bad file stops start-up with a message naming the line and key. */
#ifndef YX_CORE_CONFIG_H
#define YX_CORE_CONFIG_H

#include <stddef.h>

#include "core/schedule.h"

#define CONFIG_STR 256

typedef struct {
    /* [kiosk] */
    char kiosk_name[CONFIG_STR]; /* e.g. "lobby-1" */
    char building[CONFIG_STR];   /* building code the hub knows, e.g. "kangle-12" */
    /* [paths] */
    char data_dir[CONFIG_STR]; /* holds yanxia.db, photos/, thumbs/, rime/ */
    /* [display] */
    int width, height;   /* window or headless size in pixels: the panel's, as it reports it */
    int rotate;          /* 0, 90, 180, 270: the frame turned clockwise on the panel */
    int fullscreen;      /* 1 on the lobby screen */
    Schedule awake;      /* awake, awake_mon ... awake_sun: when the screen is on */
    int night_mode;      /* CONFIG_NIGHT_OFF: black and asleep; CONFIG_NIGHT_CLOCK: a dim clock */
    int wake_minutes;    /* a tap at night wakes the screen for this long */
    int diagonal_inches; /* the panel's diagonal: turns pixels into millimetres (touch targets) */
    /* [idle] */
    int form_reset_seconds; /* half-filled form discarded after this */
    int attract_seconds;    /* slideshow after this */
    /* [ui] */
    int large_text;
    char language[16]; /* "zh-CN" */
    /* [admin] */
    char admin_pin_sha256[65]; /* hex SHA-256 of the admin PIN; empty = admin path off */
    /* [sync] */
    char hub_conninfo[CONFIG_STR * 2]; /* empty = standalone */
    int sync_interval_seconds;
    int sync_stuck_seconds; /* a hub call unanswered this long is cut (sync_worker_check) */
    /* [images] */
    int texture_cap_mb;
    int image_stuck_seconds; /* a loader on one file this long is replaced (image_cache_check) */
    /* [privacy] */
    int keep_days; /* an acknowledged submission's phone and text leave the kiosk after this */
    int show_signup_rooms; /* an activity lists who is coming by floor: "3**室、12**室" */
    /* [console]: the staff's web console (yanxia-console) beside the kiosk */
    char console_listen[64];       /* "127.0.0.1:8080" */
    char console_cert[CONFIG_STR]; /* PEM certificate: HTTPS; empty = HTTP */
    char console_key[CONFIG_STR];  /* its PEM private key */
    int console_silent_minutes;    /* over the hub: a kiosk this long without a heartbeat is red */
} Config;

enum { CONFIG_NIGHT_OFF, CONFIG_NIGHT_CLOCK };

/* Fills c with the built-in defaults (standalone, 1080x1920, ./data). */
void config_defaults(Config *c);

/* Reads an INI file over the values already in c. Returns 0, or -1 with a message
 * ("yanxia.ini:12: [display] width: not a number: abc") written into err. */
int config_load_file(Config *c, const char *path, char *err, size_t errlen);

/* The same for INI text already in memory (name is used in messages). */
int config_load_string(Config *c, const char *text, const char *name, char *err, size_t errlen);

#endif
