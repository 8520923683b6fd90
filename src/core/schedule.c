/* Day and night windows of the display, evaluated in fixed UTC+8 local time. */
#include "core/schedule.h"

#include "core/timeutil.h"

#include <stdio.h>
#include <string.h>

const char *const SCHEDULE_DAY_NAMES[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

/* "HH:MM" at *p (exactly two digits each); advances *p. -1 when malformed. */
static int parse_hhmm(const char **p, int *minutes)
{
    const char *s = *p;
    for (int i = 0; i < 5; i++) {
        if (i == 2 ? s[i] != ':' : (s[i] < '0' || s[i] > '9'))
            return -1;
    }
    int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    if (h > 24 || m > 59 || (h == 24 && m != 0))
        return -2;
    *minutes = h * 60 + m;
    *p = s + 5;
    return 0;
}

int schedule_parse_window(const char *text, ScheduleWindow *out, char *err, size_t errlen)
{
    const char *p = text;
    while (*p == ' ' || *p == '\t')
        p++;
    if (strcmp(p, "off") == 0) {
        out->from = out->to = -1;
        return 0;
    }
    int from, to, rc;
    const char *start = p;
    if ((rc = parse_hhmm(&p, &from)) < 0)
        goto bad_time;
    while (*p == ' ')
        p++;
    if (*p != '-')
        goto bad_form;
    p++;
    while (*p == ' ')
        p++;
    start = p;
    if ((rc = parse_hhmm(&p, &to)) < 0)
        goto bad_time;
    while (*p == ' ')
        p++;
    if (*p != '\0')
        goto bad_form;
    if (from == SCHEDULE_DAY_MIN) {
        snprintf(err, errlen, "\"%s\": a window cannot start at 24:00 (write 00:00)", text);
        return -1;
    }
    if (from == to) {
        snprintf(err, errlen, "\"%s\": the window starts and ends at the same time", text);
        return -1;
    }
    out->from = from;
    out->to = to;
    return 0;
bad_time:
    if (rc == -2) {
        snprintf(err, errlen, "\"%.5s\" is not a time of day (00:00 to 24:00)", start);
        return -1;
    }
bad_form:
    snprintf(err, errlen, "expected HH:MM-HH:MM (e.g. 06:30-22:00) or off, got \"%s\"", text);
    return -1;
}

void schedule_format_window(ScheduleWindow w, char *out, size_t n)
{
    if (w.from < 0)
        snprintf(out, n, "off");
    else
        snprintf(out, n, "%02d:%02d-%02d:%02d", w.from / 60, w.from % 60, w.to / 60, w.to % 60);
}

void schedule_set_all(Schedule *s, ScheduleWindow w)
{
    for (int i = 0; i < 7; i++)
        s->day[i] = w;
}

int schedule_weekday(int64_t t)
{
    int64_t days = (time_day_start(t) + TIME_UTC_OFFSET) / 86400; /* 1970-01-01 was a Thursday */
    int w = (int)((days + 3) % 7);
    return w < 0 ? w + 7 : w;
}

/* One day or range of the holiday list; advances *p past it. */
static int parse_days(const char **p, ScheduleDays *out)
{
    char day[11];
    int64_t first, last;
    const char *q = *p;
    while (*q == ' ' || *q == '\t')
        q++;
    if (strlen(q) < 10)
        return -1;
    memcpy(day, q, 10);
    day[10] = '\0';
    if (time_parse(day, &first) < 0)
        return -1;
    q += 10;
    last = first;
    if (q[0] == '.' && q[1] == '.') {
        if (strlen(q + 2) < 10)
            return -1;
        memcpy(day, q + 2, 10);
        if (time_parse(day, &last) < 0 || last < first)
            return -1;
        q += 12;
    }
    while (*q == ' ' || *q == '\t')
        q++;
    if (*q != ',' && *q != '\0')
        return -1;
    out->first = first;
    out->last = last;
    *p = *q == ',' ? q + 1 : q;
    return 0;
}

int schedule_parse_holidays(const char *text, Schedule *s, char *err, size_t errlen)
{
    ScheduleDays days[SCHEDULE_HOLIDAYS_MAX];
    int n = 0;
    const char *p = text;
    while (*p == ' ' || *p == '\t')
        p++;
    while (*p) {
        const char *at = p;
        if (n == SCHEDULE_HOLIDAYS_MAX) {
            snprintf(err, errlen,
                     "at most %d days or ranges (a range such as "
                     "2027-02-06..2027-02-12 counts once)",
                     SCHEDULE_HOLIDAYS_MAX);
            return -1;
        }
        if (parse_days(&p, &days[n]) < 0) {
            snprintf(err, errlen,
                     "\"%.24s\" is not a day (YYYY-MM-DD) or a range "
                     "(YYYY-MM-DD..YYYY-MM-DD, the first day not after the last)",
                     at);
            return -1;
        }
        n++;
    }
    memcpy(s->holidays, days, sizeof days[0] * (size_t)n);
    s->holiday_count = n;
    return 0;
}

/* The window of the local day starting at day_start: "off" on a holiday. */
static ScheduleWindow window_of(const Schedule *s, int64_t day_start)
{
    for (int i = 0; i < s->holiday_count; i++)
        if (day_start >= s->holidays[i].first && day_start <= s->holidays[i].last)
            return (ScheduleWindow){-1, -1};
    return s->day[schedule_weekday(day_start)];
}

int schedule_awake(const Schedule *s, int64_t t)
{
    int64_t start = time_day_start(t);
    int m = (int)((t - start) / 60);
    ScheduleWindow today = window_of(s, start), yesterday = window_of(s, start - 86400);
    if (today.from >= 0) {
        if (today.from < today.to ? (m >= today.from && m < today.to) : m >= today.from)
            return 1;
    }
    /* yesterday's window may run past midnight into today */
    if (yesterday.from >= 0 && yesterday.to <= yesterday.from && m < yesterday.to)
        return 1;
    return 0;
}

int64_t schedule_next_change(const Schedule *s, int64_t t)
{
    /* windows change on whole minutes: step minute by minute from the next one */
    int awake = schedule_awake(s, t);
    int64_t m = t - (t - time_day_start(t)) % 60 + 60;
    for (int i = 0; i < 7 * SCHEDULE_DAY_MIN; i++, m += 60)
        if (schedule_awake(s, m) != awake)
            return m;
    return t + 7 * 86400;
}

int64_t schedule_night_start(const Schedule *s, int64_t t)
{
    if (schedule_awake(s, t))
        return 0;
    int64_t m = t - (t - time_day_start(t)) % 60;
    for (int i = 0; i < 7 * SCHEDULE_DAY_MIN; i++, m -= 60)
        if (schedule_awake(s, m - 60))
            return m;
    return 0;
}
