/* What a kiosk says about itself in its heartbeat (core/fleet.h): starts counted per
 * boot id across restarts, the last error line without a phone number and cut at a
 * whole character, memory and night state. */
#include "testutil.h"

#include "core/fleet.h"
#include "core/log.h"

#include <string.h>

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_starts_counted_per_boot(void **state)
{
    (void)state;
    const char *dir = tu_tempdir();
    char path[512], text[128] = "";
    snprintf(path, sizeof path, "%s/%s", dir, FLEET_STARTS_FILE);
    assert_int_equal(fleet_count_start(path, "boot-a"), 1);
    assert_int_equal(fleet_count_start(path, "boot-a"), 2);
    assert_int_equal(fleet_count_start(path, "boot-a"), 3);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    assert_non_null(fgets(text, sizeof text, f));
    fclose(f);
    assert_string_equal(text, "boot-a 3\n");
    /* the machine rebooted: the count starts again */
    assert_int_equal(fleet_count_start(path, "boot-b"), 1);
    /* a damaged file counts as no file */
    write_file(path, "garbage");
    assert_int_equal(fleet_count_start(path, "boot-b"), 1);
    /* an unwritable place: -1, nothing else */
    char bad[600];
    snprintf(bad, sizeof bad, "%s/no/such/dir/%s", dir, FLEET_STARTS_FILE);
    assert_int_equal(fleet_count_start(bad, "boot-b"), -1);
    tu_rmtree(dir);
}

static void test_start_and_snapshot(void **state)
{
    (void)state;
    FleetFacts ff;
    fleet_snapshot(&ff);
    assert_int_equal(ff.started, 0); /* not a kiosk yet: nothing to report */
    const char *dir = tu_tempdir();
    char boot[512];
    snprintf(boot, sizeof boot, "%s/boot_id", dir);
    write_file(boot, "0e6c1f1a-8a4e-4f39-9d4f-3b2f6f7d1c2e\n");
    setenv("YANXIA_BOOT_ID_PATH", boot, 1);
    assert_int_equal(fleet_start(dir), 1);
    fleet_snapshot(&ff);
    assert_int_equal(ff.started, 1);
    assert_int_equal(ff.restarts, 0);
    assert_true(ff.uptime_s >= 0 && ff.uptime_s < 60);
    assert_true(ff.rss > 1024 * 1024); /* a process with libc and cmocka mapped */
    assert_int_equal(ff.night, -1);    /* no frame has decided yet */
    fleet_set_night(1);
    fleet_snapshot(&ff);
    assert_int_equal(ff.night, 1);
    fleet_set_night(0);
    fleet_snapshot(&ff);
    assert_int_equal(ff.night, 0);
    assert_int_equal(fleet_start(dir), 2); /* the kiosk started again, same boot */
    fleet_snapshot(&ff);
    assert_int_equal(ff.restarts, 1);
    write_file(boot, "5a1d7d3e-0000-4000-8000-000000000001\n");
    assert_int_equal(fleet_start(dir), 1);
    fleet_snapshot(&ff);
    assert_int_equal(ff.restarts, 0);
    /* no boot id: restarts unknown, the kiosk runs on */
    setenv("YANXIA_BOOT_ID_PATH", "/nonexistent/boot_id", 1);
    assert_int_equal(fleet_start(dir), -1);
    fleet_snapshot(&ff);
    assert_int_equal(ff.restarts, -1);
    unsetenv("YANXIA_BOOT_ID_PATH");
    tu_rmtree(dir);
}

static void test_last_error_line(void **state)
{
    (void)state;
    char line[160];
    log_last_error(line, sizeof line);
    assert_string_equal(line, "");
    log_set_level(LOG_ERROR + 1); /* kept even when not printed */
    log_warn("sync", "a warning is not an error");
    log_last_error(line, sizeof line);
    assert_string_equal(line, "");
    /* a phone number that slipped into a line never leaves the kiosk */
    log_error("store", "signup 13812345678 room 1203: disk full\n(errno 28)");
    log_last_error(line, sizeof line);
    assert_string_equal(line, "store: signup # room 1203: disk full (errno 28)");
    /* written with spaces or hyphens, it is one number all the same; a date or a room
     * number is not one */
    log_error("store", "call 138 1234 5678 or 021-6123-4567, not 2026-11 or room 1203");
    log_last_error(line, sizeof line);
    assert_string_equal(line, "store: call # or #, not 2026-11 or room 1203");
    /* bytes that are not UTF-8 become '?' (the hub takes UTF-8 only) */
    log_error("photo", "bad name \xff\xfe.jpg");
    log_last_error(line, sizeof line);
    assert_string_equal(line, "photo: bad name ??.jpg");
    /* a long line is cut at a whole character, for any buffer */
    char big[1200] = "";
    for (int i = 0; i < 300; i++)
        strcat(big, "错");
    log_error("ui", "%s", big);
    for (size_t cap = 1; cap <= sizeof line; cap++) {
        log_last_error(line, cap);
        size_t n = strlen(line);
        assert_true(n < cap);
        assert_true(n < 4 || (n - 4) % 3 == 0); /* "ui: " then whole 3-byte characters */
    }
    log_last_error(line, sizeof line);
    assert_true(strncmp(line, "ui: 错错", 10) == 0);
    log_set_level(LOG_INFO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_starts_counted_per_boot),
        cmocka_unit_test(test_start_and_snapshot),
        cmocka_unit_test(test_last_error_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
