/* INI configuration through libinih, table-driven: one row per key. */
#include "core/config.h"

#include <errno.h>
#include <ini.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { KEY_STR, KEY_INT, KEY_BOOL, KEY_NIGHT, KEY_ROTATE } KeyType;

typedef struct {
    const char *section, *name;
    KeyType type;
    size_t offset, size; /* size: capacity for strings */
    int min, max;        /* for integers */
} Key;

#define STR(sec, key, field)                                                                       \
    {                                                                                              \
        sec, key, KEY_STR, offsetof(Config, field), sizeof(((Config *)0)->field), 0, 0             \
    }
#define INT(sec, key, field, lo, hi)                                                               \
    {                                                                                              \
        sec, key, KEY_INT, offsetof(Config, field), 0, lo, hi                                      \
    }
#define BOOL(sec, key, field)                                                                      \
    {                                                                                              \
        sec, key, KEY_BOOL, offsetof(Config, field), 0, 0, 1                                       \
    }

static const Key KEYS[] = {
    STR("kiosk", "name", kiosk_name),
    STR("kiosk", "building", building),
    STR("paths", "data_dir", data_dir),
    INT("display", "width", width, 320, 7680),
    INT("display", "height", height, 320, 7680),
    BOOL("display", "fullscreen", fullscreen),
    INT("display", "diagonal_inches", diagonal_inches, 7, 120),
    {"display", "rotate", KEY_ROTATE, offsetof(Config, rotate), 0, 0, 0},
    INT("idle", "form_reset_seconds", form_reset_seconds, 10, 3600),
    INT("idle", "attract_seconds", attract_seconds, 10, 86400),
    BOOL("ui", "large_text", large_text),
    STR("ui", "language", language),
    STR("admin", "pin_sha256", admin_pin_sha256),
    STR("sync", "hub", hub_conninfo),
    INT("sync", "interval_seconds", sync_interval_seconds, 5, 86400),
    INT("sync", "stuck_seconds", sync_stuck_seconds, 5, 3600),
    INT("images", "texture_cap_mb", texture_cap_mb, 16, 4096),
    INT("images", "stuck_seconds", image_stuck_seconds, 1, 3600),
    {"display", "night", KEY_NIGHT, offsetof(Config, night_mode), 0, 0, 0},
    INT("display", "wake_minutes", wake_minutes, 1, 120),
    INT("privacy", "keep_days", keep_days, 1, 3650),
    BOOL("privacy", "show_signup_rooms", show_signup_rooms),
    STR("console", "listen", console_listen),
    STR("console", "cert", console_cert),
    STR("console", "key", console_key),
    INT("console", "silent_minutes", console_silent_minutes, 1, 525600),
};

void config_defaults(Config *c)
{
    memset(c, 0, sizeof *c);
    snprintf(c->kiosk_name, sizeof c->kiosk_name, "lobby");
    snprintf(c->data_dir, sizeof c->data_dir, "data");
    c->width = 1080;
    c->height = 1920;
    c->fullscreen = 1;
    c->diagonal_inches = 22; /* the common 21.5-inch lobby panel */
    c->form_reset_seconds = 90;
    c->attract_seconds = 300;
    snprintf(c->language, sizeof c->language, "zh-CN");
    c->sync_interval_seconds = 60;
    c->sync_stuck_seconds = 120;
    c->texture_cap_mb = 32;
    c->image_stuck_seconds = 30;
    schedule_set_all(&c->awake, (ScheduleWindow){6 * 60 + 30, 22 * 60});
    c->night_mode = CONFIG_NIGHT_OFF;
    c->wake_minutes = 3;
    c->keep_days = 30;
    snprintf(c->console_listen, sizeof c->console_listen, "127.0.0.1:8080");
    c->console_silent_minutes = 15;
}

typedef struct {
    Config *c;
    const char *name;
    char *err; /* the caller's buffer, filled by finish() */
    size_t errlen;
    int failed;
    char msg[CONFIG_STR + 128]; /* the handler's complaint, without file and line */
    /* [display] awake applies to the days this file does not name with awake_mon ...,
     * whatever their order in the file: resolved in finish() */
    ScheduleWindow awake_all, awake_day[7];
    int awake_all_set;
    unsigned awake_day_set;
} Ctx;

static int parse_bool(const char *v, int *out)
{
    static const char *yes[] = {"1", "true", "yes", "on"}, *no[] = {"0", "false", "no", "off"};
    for (size_t i = 0; i < 4; i++) {
        if (strcasecmp(v, yes[i]) == 0) {
            *out = 1;
            return 0;
        }
        if (strcasecmp(v, no[i]) == 0) {
            *out = 0;
            return 0;
        }
    }
    return -1;
}

/* [display] awake (every day) and awake_mon ... awake_sun (one day each). */
static int on_awake(Ctx *ctx, const char *name, const char *value)
{
    int day = -1;
    if (strcmp(name, "awake") != 0) {
        for (int i = 0; i < 7; i++)
            if (name[5] == '_' && strcmp(name + 6, SCHEDULE_DAY_NAMES[i]) == 0)
                day = i;
        if (day < 0) {
            snprintf(ctx->msg, sizeof ctx->msg,
                     "unknown key [display] %s (awake, or awake_mon ... awake_sun)", name);
            ctx->failed = 1;
            return 0;
        }
    }
    ScheduleWindow w;
    char why[CONFIG_STR];
    if (schedule_parse_window(value, &w, why, sizeof why) < 0) {
        snprintf(ctx->msg, sizeof ctx->msg, "[display] %s: %s", name, why);
        ctx->failed = 1;
        return 0;
    }
    if (day < 0) {
        ctx->awake_all = w;
        ctx->awake_all_set = 1;
    } else {
        ctx->awake_day[day] = w;
        ctx->awake_day_set |= 1u << day;
    }
    return 1;
}

/* Debian's libinih passes no line number to handlers; ini_parse returns the line of
 * the first handler refusal, so messages get their "file:line:" prefix in finish(). */
static int on_key(void *user, const char *section, const char *name, const char *value)
{
    Ctx *ctx = user;
    if (ctx->failed)
        return 0;
    if (strcmp(section, "display") == 0 && strncmp(name, "awake", 5) == 0)
        return on_awake(ctx, name, value);
    if (strcmp(section, "display") == 0 && strcmp(name, "holidays") == 0) {
        char why[CONFIG_STR];
        if (schedule_parse_holidays(value, &ctx->c->awake, why, sizeof why) < 0) {
            snprintf(ctx->msg, sizeof ctx->msg, "[display] holidays: %s", why);
            ctx->failed = 1;
            return 0;
        }
        return 1;
    }
    for (size_t i = 0; i < sizeof KEYS / sizeof KEYS[0]; i++) {
        const Key *k = &KEYS[i];
        if (strcmp(k->section, section) != 0 || strcmp(k->name, name) != 0)
            continue;
        char *field = (char *)ctx->c + k->offset;
        if (k->type == KEY_STR) {
            if (strlen(value) >= k->size) {
                snprintf(ctx->msg, sizeof ctx->msg, "[%s] %s: longer than %zu bytes", section, name,
                         k->size - 1);
                ctx->failed = 1;
                return 0;
            }
            memcpy(field, value, strlen(value) + 1);
        } else if (k->type == KEY_INT) {
            char *end;
            errno = 0;
            long v = strtol(value, &end, 10);
            if (errno || end == value || *end != '\0' || v < k->min || v > k->max) {
                snprintf(ctx->msg, sizeof ctx->msg,
                         "[%s] %s: expected a whole number from %d to %d, got \"%s\"", section,
                         name, k->min, k->max, value);
                ctx->failed = 1;
                return 0;
            }
            *(int *)field = (int)v;
        } else if (k->type == KEY_NIGHT) {
            if (strcmp(value, "off") == 0) {
                *(int *)field = CONFIG_NIGHT_OFF;
            } else if (strcmp(value, "clock") == 0) {
                *(int *)field = CONFIG_NIGHT_CLOCK;
            } else {
                snprintf(ctx->msg, sizeof ctx->msg, "[%s] %s: expected off or clock, got \"%s\"",
                         section, name, value);
                ctx->failed = 1;
                return 0;
            }
        } else if (k->type == KEY_ROTATE) {
            /* quarter turns only: the frame is copied to the panel, never resampled */
            static const char *const turns[] = {"0", "90", "180", "270"};
            int found = -1;
            for (int t = 0; t < 4; t++)
                if (strcmp(value, turns[t]) == 0)
                    found = t * 90;
            if (found < 0) {
                snprintf(ctx->msg, sizeof ctx->msg,
                         "[%s] %s: expected 0, 90, 180 or 270 (degrees clockwise), got \"%s\"",
                         section, name, value);
                ctx->failed = 1;
                return 0;
            }
            *(int *)field = found;
        } else {
            if (parse_bool(value, (int *)field) < 0) {
                snprintf(ctx->msg, sizeof ctx->msg, "[%s] %s: expected true or false, got \"%s\"",
                         section, name, value);
                ctx->failed = 1;
                return 0;
            }
        }
        return 1;
    }
    snprintf(ctx->msg, sizeof ctx->msg, "unknown key [%s] %s", section, name);
    ctx->failed = 1;
    return 0;
}

static int finish(Ctx *ctx, int rc)
{
    if (ctx->failed) {
        snprintf(ctx->err, ctx->errlen, "%s:%d: %s", ctx->name, rc, ctx->msg);
        return -1;
    }
    if (rc > 0) {
        snprintf(ctx->err, ctx->errlen,
                 "%s:%d: not an INI line (expected [section] or key = value)", ctx->name, rc);
        return -1;
    }
    if (rc < 0) {
        snprintf(ctx->err, ctx->errlen, "%s: cannot read the file", ctx->name);
        return -1;
    }
    for (int i = 0; i < 7; i++) {
        if (ctx->awake_day_set & (1u << i))
            ctx->c->awake.day[i] = ctx->awake_day[i];
        else if (ctx->awake_all_set)
            ctx->c->awake.day[i] = ctx->awake_all;
    }
    const char *pin = ctx->c->admin_pin_sha256;
    if (pin[0] && strspn(pin, "0123456789abcdef") != 64) {
        snprintf(ctx->err, ctx->errlen, "%s: [admin] pin_sha256: expected 64 lower-case hex digits",
                 ctx->name);
        return -1;
    }
    return 0;
}

int config_load_file(Config *c, const char *path, char *err, size_t errlen)
{
    Ctx ctx = {.c = c, .name = path, .err = err, .errlen = errlen};
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    int rc = ini_parse_file(f, on_key, &ctx);
    fclose(f);
    return finish(&ctx, rc);
}

int config_load_string(Config *c, const char *text, const char *name, char *err, size_t errlen)
{
    Ctx ctx = {.c = c, .name = name, .err = err, .errlen = errlen};
    return finish(&ctx, ini_parse_string(text, on_key, &ctx));
}
