/* stderr logger with local timestamps. */
#include "core/log.h"
#include "core/timeutil.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

static LogLevel min_level = LOG_INFO;

void log_set_level(LogLevel min)
{
    min_level = min;
}

void log_msg(LogLevel level, const char *module, const char *fmt, ...)
{
    static const char *names[] = {"debug", "info", "warn", "error"};
    if (level < min_level)
        return;
    char when[32], msg[1024];
    time_format((int64_t)time(NULL), "%Y-%m-%d %H:%M:%S", when, sizeof when);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s %s %s: %s\n", when, names[level], module, msg);
}
