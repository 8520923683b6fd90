/* The night schedule: what [display] awake accepts and refuses (with a message a
 * caretaker can act on), and when the screen is awake, across midnight and weekdays. */
#include "testutil.h"

#include "core/config.h"
#include "core/schedule.h"
#include "core/timeutil.h"

#include <string.h>

static int64_t at(const char *local)
{
    int64_t t;
    assert_int_equal(time_parse(local, &t), 0);
    return t;
}

static void test_parse_windows(void **state)
{
    (void)state;
    ScheduleWindow w;
    char err[256], back[32];
    assert_int_equal(schedule_parse_window("06:30-22:00", &w, err, sizeof err), 0);
    assert_int_equal(w.from, 6 * 60 + 30);
    assert_int_equal(w.to, 22 * 60);
    schedule_format_window(w, back, sizeof back);
    assert_string_equal(back, "06:30-22:00");
    assert_int_equal(schedule_parse_window(" 00:00 - 24:00", &w, err, sizeof err), 0);
    assert_int_equal(w.to, 1440);
    assert_int_equal(schedule_parse_window("off", &w, err, sizeof err), 0);
    assert_true(w.from < 0);
    schedule_format_window(w, back, sizeof back);
    assert_string_equal(back, "off");
    assert_int_equal(schedule_parse_window("18:00-02:00", &w, err, sizeof err), 0);
}

static void test_parse_refuses_with_reasons(void **state)
{
    (void)state;
    static const struct {
        const char *text, *says;
    } bad[] = {
        {"25:00-22:00", "\"25:00\" is not a time of day"},
        {"06:30-22:60", "\"22:60\" is not a time of day"},
        {"6:30-22:00", "expected HH:MM-HH:MM"},
        {"06:30", "expected HH:MM-HH:MM"},
        {"06:30-22:00x", "expected HH:MM-HH:MM"},
        {"06.30-22.00", "expected HH:MM-HH:MM"},
        {"", "expected HH:MM-HH:MM"},
        {"on", "expected HH:MM-HH:MM"},
        {"08:00-08:00", "starts and ends at the same time"},
        {"24:00-06:00", "cannot start at 24:00"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ScheduleWindow w = {1, 2};
        char err[256] = "";
        assert_int_equal(schedule_parse_window(bad[i].text, &w, err, sizeof err), -1);
        if (!strstr(err, bad[i].says))
            fail_msg("\"%s\": \"%s\" does not say \"%s\"", bad[i].text, err, bad[i].says);
        assert_int_equal(w.from, 1); /* nothing written */
    }
}

static void test_awake_by_day_and_night(void **state)
{
    (void)state;
    Schedule s = {0};
    schedule_set_all(&s, (ScheduleWindow){6 * 60 + 30, 22 * 60});
    assert_int_equal(schedule_weekday(at("2026-11-23 10:00")), 0); /* a Monday */
    assert_int_equal(schedule_weekday(at("2026-11-29 23:59")), 6);
    assert_true(schedule_awake(&s, at("2026-11-23 10:00")));
    assert_true(schedule_awake(&s, at("2026-11-23 06:30")));
    assert_false(schedule_awake(&s, at("2026-11-23 06:29:59")));
    assert_true(schedule_awake(&s, at("2026-11-23 21:59:59")));
    assert_false(schedule_awake(&s, at("2026-11-23 22:00")));
    assert_false(schedule_awake(&s, at("2026-11-24 03:00")));
    assert_int_equal(schedule_next_change(&s, at("2026-11-23 10:00")), at("2026-11-23 22:00"));
    assert_int_equal(schedule_next_change(&s, at("2026-11-23 23:10:30")), at("2026-11-24 06:30"));
    /* one night is one value from its start to the morning */
    assert_int_equal(schedule_night_start(&s, at("2026-11-23 10:00")), 0);
    assert_int_equal(schedule_night_start(&s, at("2026-11-23 22:00")), at("2026-11-23 22:00"));
    assert_int_equal(schedule_night_start(&s, at("2026-11-24 05:00")), at("2026-11-23 22:00"));
}

static void test_window_past_midnight_and_days_off(void **state)
{
    (void)state;
    Schedule s = {0};
    schedule_set_all(&s, (ScheduleWindow){6 * 60, 22 * 60});
    s.day[5] = (ScheduleWindow){8 * 60, 2 * 60};              /* Saturday until 02:00 on Sunday */
    s.day[6] = (ScheduleWindow){-1, -1};                      /* Sunday asleep all day */
    assert_true(schedule_awake(&s, at("2026-11-28 23:30")));  /* Saturday night */
    assert_true(schedule_awake(&s, at("2026-11-29 01:59")));  /* early Sunday */
    assert_false(schedule_awake(&s, at("2026-11-29 02:00"))); /* Sunday is off */
    assert_false(schedule_awake(&s, at("2026-11-29 12:00")));
    assert_false(schedule_awake(&s, at("2026-11-30 05:59"))); /* Monday morning */
    assert_true(schedule_awake(&s, at("2026-11-30 06:00")));
    assert_false(schedule_awake(&s, at("2026-11-28 07:59"))); /* Saturday starts at 08:00 */
    assert_int_equal(schedule_night_start(&s, at("2026-11-29 15:00")), at("2026-11-29 02:00"));
    Schedule always = {0};
    schedule_set_all(&always, (ScheduleWindow){0, 1440});
    assert_true(schedule_awake(&always, at("2026-11-24 03:00")));
    assert_true(schedule_awake(&always, at("2026-11-24 00:00")));
    assert_int_equal(schedule_next_change(&always, at("2026-11-24 03:00")),
                     at("2026-11-24 03:00") + 7 * 86400);
}

static void test_holidays(void **state)
{
    (void)state;
    Schedule s = {0};
    char err[256];
    schedule_set_all(&s, (ScheduleWindow){6 * 60, 22 * 60});
    s.day[3] = (ScheduleWindow){18 * 60, 1 * 60}; /* Thursday until 01:00 on Friday */
    s.holiday_count = 0;
    assert_int_equal(
        schedule_parse_holidays(" 2027-02-06..2027-02-12, 2026-11-27 ,", &s, err, sizeof err), 0);
    assert_int_equal(s.holiday_count, 2);
    assert_false(schedule_awake(&s, at("2027-02-06 10:00"))); /* Spring Festival */
    assert_false(schedule_awake(&s, at("2027-02-12 21:00")));
    assert_true(schedule_awake(&s, at("2027-02-13 10:00")));
    assert_true(schedule_awake(&s, at("2027-02-05 10:00")));
    /* a holiday Friday: Thursday's window still ends at 01:00, then the day sleeps */
    assert_true(schedule_awake(&s, at("2026-11-27 00:30")));
    assert_false(schedule_awake(&s, at("2026-11-27 01:00")));
    assert_false(schedule_awake(&s, at("2026-11-27 12:00")));
    assert_int_equal(schedule_next_change(&s, at("2026-11-27 12:00")), at("2026-11-28 06:00"));

    static const char *const bad[] = {
        "2027-02-30", "2027-2-6", "2027-02-12..2027-02-06", "2027-02-06..", "2027-02-06;2027-02-07",
        "春节"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        Schedule before = s;
        assert_int_equal(schedule_parse_holidays(bad[i], &s, err, sizeof err), -1);
        if (!strstr(err, "is not a day (YYYY-MM-DD) or a range"))
            fail_msg("\"%s\": %s", bad[i], err);
        assert_memory_equal(&before, &s, sizeof s);
    }
    char many[33 * 12 + 1] = "";
    for (int i = 1; i <= 33; i++)
        snprintf(many + strlen(many), sizeof many - strlen(many), "2027-01-%02d,", i % 28 + 1);
    assert_int_equal(schedule_parse_holidays(many, &s, err, sizeof err), -1);
    assert_non_null(strstr(err, "at most 32"));
    assert_int_equal(schedule_parse_holidays("", &s, err, sizeof err), 0);
    assert_int_equal(s.holiday_count, 0);
}

static void test_config_display_keys(void **state)
{
    (void)state;
    Config c;
    char err[512];
    config_defaults(&c);
    assert_int_equal(c.awake.day[0].from, 6 * 60 + 30);
    assert_int_equal(c.night_mode, CONFIG_NIGHT_OFF);
    assert_int_equal(c.wake_minutes, 3);
    assert_int_equal(c.keep_days, 30);
    /* a weekday's own key wins over awake, whatever the order in the file */
    const char *text = "[display]\nawake_sun = off\nawake = 07:00-21:00\nawake_sat = "
                       "08:00-23:30\nnight = clock\nwake_minutes = 5\nholidays = 2027-10-01\n"
                       "[privacy]\nkeep_days = 7\n";
    if (config_load_string(&c, text, "k.ini", err, sizeof err) != 0)
        fail_msg("%s", err);
    assert_int_equal(c.awake.day[0].from, 7 * 60);
    assert_int_equal(c.awake.day[4].to, 21 * 60);
    assert_int_equal(c.awake.day[5].to, 23 * 60 + 30);
    assert_true(c.awake.day[6].from < 0);
    assert_int_equal(c.night_mode, CONFIG_NIGHT_CLOCK);
    assert_int_equal(c.wake_minutes, 5);
    assert_int_equal(c.keep_days, 7);
    assert_int_equal(c.awake.holiday_count, 1);
    assert_false(schedule_awake(&c.awake, at("2027-10-01 12:00")));
}

static void test_config_display_errors(void **state)
{
    (void)state;
    static const struct {
        const char *text, *says;
    } bad[] = {
        {"[display]\nawake = 6:30-22:00\n", "k.ini:2: [display] awake: expected HH:MM-HH:MM"},
        {"[display]\n\nawake_tue = 06:30-25:00\n",
         "k.ini:3: [display] awake_tue: \"25:00\" is not a time of day"},
        {"[display]\nawake_holiday = off\n", "k.ini:2: unknown key [display] awake_holiday"},
        {"[display]\nnight = dim\n", "k.ini:2: [display] night: expected off or clock"},
        {"[display]\nwake_minutes = 0\n", "k.ini:2: [display] wake_minutes: expected a whole"},
        {"[privacy]\nkeep_days = -1\n", "k.ini:2: [privacy] keep_days: expected a whole"},
        {"[display]\nholidays = 2027-02-30\n",
         "k.ini:2: [display] holidays: \"2027-02-30\" is not"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        Config c, before;
        char err[512] = "";
        config_defaults(&c);
        before = c;
        assert_int_equal(config_load_string(&c, bad[i].text, "k.ini", err, sizeof err), -1);
        if (!strstr(err, bad[i].says))
            fail_msg("\"%s\" does not say \"%s\"", err, bad[i].says);
        assert_memory_equal(&c.awake, &before.awake, sizeof c.awake);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_windows),
        cmocka_unit_test(test_parse_refuses_with_reasons),
        cmocka_unit_test(test_awake_by_day_and_night),
        cmocka_unit_test(test_window_past_midnight_and_days_off),
        cmocka_unit_test(test_holidays),
        cmocka_unit_test(test_config_display_keys),
        cmocka_unit_test(test_config_display_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
