/* Fixed-offset local time for mainland China. */
#include "core/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int days_in_month(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return d[m - 1];
}

int time_parse(const char *s, int64_t *out)
{
    int y, mo, d, h = 0, mi = 0, sec = 0, used = 0;
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &used) != 3)
        return -1;
    const char *p = s + used;
    if (*p == ' ' || *p == 'T') {
        int used2 = 0;
        if (sscanf(p + 1, "%2d:%2d%n", &h, &mi, &used2) != 2)
            return -1;
        p += 1 + used2;
        if (*p == ':') {
            int used3 = 0;
            if (sscanf(p + 1, "%2d%n", &sec, &used3) != 1)
                return -1;
            p += 1 + used3;
        }
    }
    if (*p != '\0')
        return -1;
    if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h < 0 ||
        h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59)
        return -1;
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = sec;
    *out = (int64_t)timegm(&tm) - TIME_UTC_OFFSET;
    return 0;
}

int time_parse_month(const char *s, int *year, int *month)
{
    int y, m, used = 0;
    if (sscanf(s, "%4d-%2d%n", &y, &m, &used) != 2 || s[used] != '\0')
        return -1;
    if (y < 1970 || y > 9999 || m < 1 || m > 12)
        return -1;
    *year = y;
    *month = m;
    return 0;
}

void time_format(int64_t t, const char *fmt, char *out, int n)
{
    time_t local = (time_t)(t + TIME_UTC_OFFSET);
    struct tm tm;
    gmtime_r(&local, &tm);
    if (strftime(out, (size_t)n, fmt, &tm) == 0 && n > 0)
        out[0] = '\0';
}

int64_t time_day_start(int64_t t)
{
    int64_t local = t + TIME_UTC_OFFSET;
    int64_t day = local / 86400;
    if (local < 0 && local % 86400)
        day--;
    return day * 86400 - TIME_UTC_OFFSET;
}

int64_t time_now(void)
{
    const char *fixed = getenv("YANXIA_NOW");
    int64_t t;
    if (fixed && *fixed && time_parse(fixed, &t) == 0)
        return t;
    const char *guard = getenv("YANXIA_CLOCK_GUARD"), *why = getenv("YANXIA_REAL_CLOCK");
    if (guard && *guard && !(why && *why)) {
        if (fixed && *fixed)
            fprintf(stderr, "YANXIA_NOW=\"%s\" is not a time (YYYY-MM-DD HH:MM)\n", fixed);
        else
            fprintf(stderr, "a test read the real clock: pin it with YANXIA_NOW, or say in "
                            "YANXIA_REAL_CLOCK why the test needs the real one\n");
        abort();
    }
    return (int64_t)time(NULL);
}
