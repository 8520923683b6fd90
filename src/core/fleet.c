/* Fleet facts of this kiosk process (fleet.h): a start time, a per-boot start counter
 * kept in the data directory, the night state, /proc/self/statm for memory, and the
 * logger's last error line. */
#include "core/fleet.h"
#include "core/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int fleet_started;
static struct timespec start_time; /* CLOCK_MONOTONIC: uptime is unmoved by clock changes */
static int start_count = -1;
static int night_state = -1; /* read and written with __atomic builtins */

/* The boot id (a UUID) from path into out, without its newline; 0 or -1. */
static int read_boot_id(char *out, size_t cap)
{
    const char *path = getenv("YANXIA_BOOT_ID_PATH");
    FILE *f = fopen(path && *path ? path : FLEET_BOOT_ID_PATH, "r");
    if (!f)
        return -1;
    int ok = fgets(out, (int)cap, f) != NULL;
    fclose(f);
    if (!ok)
        return -1;
    out[strcspn(out, " \r\n")] = '\0';
    return out[0] ? 0 : -1;
}

int fleet_count_start(const char *path, const char *boot)
{
    char seen[64] = "";
    int count = 0;
    FILE *f = fopen(path, "r");
    if (f) {
        if (fscanf(f, "%63s %d", seen, &count) != 2 || count < 0)
            count = 0;
        fclose(f);
    }
    count = strcmp(seen, boot) == 0 ? count + 1 : 1;
    /* written aside and renamed: a crash leaves the old count or the new one */
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp)
        return -1;
    f = fopen(tmp, "w");
    if (!f)
        return -1;
    int bad = fprintf(f, "%s %d\n", boot, count) < 0;
    bad |= fclose(f) != 0;
    if (bad || rename(tmp, path) != 0) {
        unlink(tmp);
        return -1;
    }
    return count;
}

int fleet_start(const char *data_dir)
{
    clock_gettime(CLOCK_MONOTONIC, &start_time);
    fleet_started = 1;
    char boot[64], path[4096];
    start_count = -1;
    if (read_boot_id(boot, sizeof boot) < 0) {
        log_warn("fleet", "no boot id: restarts are not counted");
        return -1;
    }
    if (snprintf(path, sizeof path, "%s/%s", data_dir, FLEET_STARTS_FILE) >= (int)sizeof path)
        return -1;
    start_count = fleet_count_start(path, boot);
    if (start_count < 0)
        log_warn("fleet", "cannot write %s: restarts are not counted", path);
    else if (start_count > 1)
        log_info("fleet", "start %d since the machine booted", start_count);
    return start_count;
}

void fleet_set_night(int night)
{
    __atomic_store_n(&night_state, night ? 1 : 0, __ATOMIC_RELAXED);
}

/* Resident bytes of this process from /proc/self/statm (its second field, in pages). */
static int64_t rss_bytes(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f)
        return -1;
    long long size = 0, resident = -1;
    if (fscanf(f, "%lld %lld", &size, &resident) != 2)
        resident = -1;
    fclose(f);
    long page = sysconf(_SC_PAGESIZE);
    return resident < 0 || page <= 0 ? -1 : (int64_t)resident * page;
}

void fleet_snapshot(FleetFacts *out)
{
    memset(out, 0, sizeof *out);
    out->started = fleet_started;
    if (!fleet_started)
        return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    out->uptime_s = (int64_t)(now.tv_sec - start_time.tv_sec);
    out->restarts = start_count > 0 ? start_count - 1 : -1;
    out->rss = rss_bytes();
    out->night = __atomic_load_n(&night_state, __ATOMIC_RELAXED);
    log_last_error(out->last_error, sizeof out->last_error);
}
