/* Times in the kiosk's zone. Chinese cities keep UTC+8 all year (no daylight saving),
 * so local time is a fixed offset and needs no tz database. Times are stored as Unix
 * seconds (int64) everywhere. */
#ifndef YX_CORE_TIMEUTIL_H
#define YX_CORE_TIMEUTIL_H

#include <stdint.h>

#define TIME_UTC_OFFSET (8 * 3600)

/* Parses local "YYYY-MM-DD", "YYYY-MM-DD HH:MM", "YYYY-MM-DD HH:MM:SS" (a 'T' may
 * separate) into Unix seconds. Returns 0, or -1 when the text is not such a time. */
int time_parse(const char *s, int64_t *out);

/* Parses "YYYY-MM" into year/month. Returns 0 or -1. */
int time_parse_month(const char *s, int *year, int *month);

/* Formats t as local time with a strftime format into out (at most n bytes). */
void time_format(int64_t t, const char *fmt, char *out, int n);

/* Start (00:00 local) of the day holding t. */
int64_t time_day_start(int64_t t);

/* Current Unix time, or the value of YANXIA_NOW (a local time as accepted by
 * time_parse) when that environment variable is set: lets tests and demos pin "now".
 * The test harness sets YANXIA_CLOCK_GUARD: then reading the real clock, or a
 * YANXIA_NOW that does not parse, prints why on stderr and aborts, unless
 * YANXIA_REAL_CLOCK says why the test needs the real clock. A test that passes today
 * must pass next year. */
int64_t time_now(void);

#endif
