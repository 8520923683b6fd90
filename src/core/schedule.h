/* The display's day and night: when the screen is awake, per weekday, in local time
 * (UTC+8). "06:30-22:00" is awake from 06:30 to 22:00; "off" sleeps the whole day; a
 * window whose end is not after its start runs past midnight into the next day
 * ("18:00-02:00"); "00:00-24:00" never sleeps. Pure functions, no clock of their own. */
#ifndef YX_CORE_SCHEDULE_H
#define YX_CORE_SCHEDULE_H

#include <stddef.h>
#include <stdint.h>

#define SCHEDULE_DAY_MIN 1440

typedef struct {
    int from, to; /* minutes since local midnight; from < 0: asleep all day */
} ScheduleWindow;

#define SCHEDULE_HOLIDAYS_MAX 32

typedef struct {
    int64_t first, last; /* local day starts (time_day_start), first <= last */
} ScheduleDays;

typedef struct {
    ScheduleWindow day[7]; /* day[0] is Monday, day[6] Sunday */
    /* holidays: the screen sleeps these whole days (a window of the day before that
     * runs past midnight still ends as it would) */
    ScheduleDays holidays[SCHEDULE_HOLIDAYS_MAX];
    int holiday_count;
} Schedule;

/* Weekday names as the config keys spell them: "mon" ... "sun". */
extern const char *const SCHEDULE_DAY_NAMES[7];

/* Parses "HH:MM-HH:MM" (24-hour; the end may be 24:00) or "off". Returns 0, or -1 with
 * a message in err saying what is wrong ("25:00 is not a time of day (00:00 to 24:00)"). */
int schedule_parse_window(const char *text, ScheduleWindow *out, char *err, size_t errlen);

/* Parses a comma-separated list of "YYYY-MM-DD" days and "YYYY-MM-DD..YYYY-MM-DD"
 * ranges (empty: none) into s->holidays. Returns 0, or -1 with a message in err and s
 * unchanged. */
int schedule_parse_holidays(const char *text, Schedule *s, char *err, size_t errlen);

/* Writes w back as the config spells it ("06:30-22:00" or "off"). */
void schedule_format_window(ScheduleWindow w, char *out, size_t n);

/* Every day the same window (the holidays stay as they are). */
void schedule_set_all(Schedule *s, ScheduleWindow w);

/* Local weekday of t: 0 Monday ... 6 Sunday. */
int schedule_weekday(int64_t t);

/* 1 when the screen is awake at t by the schedule, 0 when it is night. */
int schedule_awake(const Schedule *s, int64_t t);

/* The first time after t at which schedule_awake changes, at most a week ahead;
 * t + 7 days when it never changes. */
int64_t schedule_next_change(const Schedule *s, int64_t t);

/* Start of the night that holds t (the moment the screen last went to sleep), or 0
 * when t is awake or no change happened within the week before. One night window is
 * one value, which the kiosk uses to run its nightly step once per night. */
int64_t schedule_night_start(const Schedule *s, int64_t t);

#endif
