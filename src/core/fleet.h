/* What a kiosk tells the hub about itself in each heartbeat (sql/hub/009_fleet.sql):
 * how long it has run, how often it started since the machine booted, its memory, its
 * night state and its last error line. Process-wide: main() calls fleet_start once;
 * the UI thread sets the night state; the sync worker reads a snapshot. */
#ifndef YX_CORE_FLEET_H
#define YX_CORE_FLEET_H

#include <stddef.h>
#include <stdint.h>

/* Where the boot id is read; YANXIA_BOOT_ID_PATH overrides it (tests). */
#define FLEET_BOOT_ID_PATH "/proc/sys/kernel/random/boot_id"
/* The counter file in the data directory: "BOOT_ID COUNT\n". */
#define FLEET_STARTS_FILE "boot-starts"

typedef struct {
    int started;          /* 0: this process is not a kiosk (yanxiactl): nothing below set */
    int64_t uptime_s;     /* seconds since fleet_start */
    int restarts;         /* starts since boot minus one; -1: unknown (no boot id, no file) */
    int64_t rss;          /* resident bytes; -1: unknown */
    int night;            /* 1 asleep, 0 awake, -1 not decided yet (before the first frame) */
    char last_error[160]; /* the last error line logged ("module: text"), "" if none */
} FleetFacts;

/* Records the start: the time, and one more start in data_dir/boot-starts for this
 * boot (the count starts again at 1 when the boot id changed). Returns the starts
 * counted since boot, or -1 when the boot id or the file cannot be read or written
 * (then restarts reports -1; the kiosk runs on). Call once, from main(), before
 * any thread starts. */
int fleet_start(const char *data_dir);

/* The night state the screen shows: 1 asleep, 0 awake. Any thread. */
void fleet_set_night(int night);

/* Fills *out. Any thread. */
void fleet_snapshot(FleetFacts *out);

/* Adds one start for boot id boot to the counter file at path; returns the starts
 * counted for that boot (1 when the file held another boot or none), -1 when the
 * file cannot be written. For fleet_start and tests. */
int fleet_count_start(const char *path, const char *boot);

#endif
