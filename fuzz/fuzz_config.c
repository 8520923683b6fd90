/* libFuzzer target for the INI reader (config_load_string): any bytes must be either
 * refused with a message or accepted with every integer inside its documented range;
 * never a crash, a leak or an unterminated string. */
#include "core/config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define IN_RANGE(v, lo, hi) ((v) >= (lo) && (v) <= (hi))

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0'; /* the reader takes a C string: stop at the first NUL */
    Config c;
    config_defaults(&c);
    char err[512];
    err[0] = '\0';
    int rc = config_load_string(&c, text, "fuzz.ini", err, sizeof err);
    free(text);
    if (rc != 0) {
        if (err[0] == '\0' || memchr(err, '\0', sizeof err) == NULL)
            abort(); /* a refusal always says why */
        return 0;
    }
    if (!IN_RANGE(c.width, 320, 7680) || !IN_RANGE(c.height, 320, 7680) ||
        !IN_RANGE(c.fullscreen, 0, 1) || !IN_RANGE(c.large_text, 0, 1) ||
        !IN_RANGE(c.form_reset_seconds, 10, 3600) || !IN_RANGE(c.attract_seconds, 10, 86400) ||
        !IN_RANGE(c.sync_interval_seconds, 5, 86400) || !IN_RANGE(c.texture_cap_mb, 16, 4096) ||
        !IN_RANGE(c.wake_minutes, 1, 120) || !IN_RANGE(c.keep_days, 1, 3650) ||
        !IN_RANGE(c.night_mode, CONFIG_NIGHT_OFF, CONFIG_NIGHT_CLOCK))
        abort();
    /* each day's window is "off" or two distinct times of day */
    for (int d = 0; d < 7; d++) {
        ScheduleWindow w = c.awake.day[d];
        if (w.from < 0 ? w.to != -1 || w.from != -1
                       : !IN_RANGE(w.from, 0, 1439) || !IN_RANGE(w.to, 0, 1440) || w.from == w.to)
            abort();
    }
    if (!IN_RANGE(c.awake.holiday_count, 0, SCHEDULE_HOLIDAYS_MAX))
        abort();
    for (int i = 0; i < c.awake.holiday_count; i++)
        if (c.awake.holidays[i].first > c.awake.holidays[i].last)
            abort();
    /* every string field stays terminated inside its buffer */
    if (!memchr(c.kiosk_name, '\0', sizeof c.kiosk_name) ||
        !memchr(c.building, '\0', sizeof c.building) ||
        !memchr(c.data_dir, '\0', sizeof c.data_dir) ||
        !memchr(c.language, '\0', sizeof c.language) ||
        !memchr(c.admin_pin_sha256, '\0', sizeof c.admin_pin_sha256) ||
        !memchr(c.hub_conninfo, '\0', sizeof c.hub_conninfo))
        abort();
    return 0;
}
