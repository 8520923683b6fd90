/* stderr logger with local timestamps; under systemd (stderr is the journal) each line
 * starts with its syslog priority instead ("<3>" for errors), which journald reads. */
#include "core/log.h"
#include "core/timeutil.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

static LogLevel min_level = LOG_INFO;

void log_set_level(LogLevel min)
{
    min_level = min;
}

/* 1 when stderr is the journal stream systemd gave the service: JOURNAL_STREAM holds
 * its device and inode (a redirected stderr keeps the variable but not the stream). */
static int stderr_is_journal(void)
{
    /* not cached: log lines are rare, and a static would be shared by threads */
    const char *js = getenv("JOURNAL_STREAM");
    unsigned long long dev, ino;
    struct stat st;
    if (js && sscanf(js, "%llu:%llu", &dev, &ino) == 2 && fstat(2, &st) == 0 &&
        (unsigned long long)st.st_dev == dev && (unsigned long long)st.st_ino == ino)
        return 1;
    return 0;
}

void log_msg(LogLevel level, const char *module, const char *fmt, ...)
{
    static const char *names[] = {"debug", "info", "warn", "error"};
    static const int priorities[] = {7, 6, 4, 3}; /* syslog: debug, info, warning, err */
    if (level < min_level)
        return;
    char when[32], msg[1024];
    time_format((int64_t)time(NULL), "%Y-%m-%d %H:%M:%S", when, sizeof when);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (stderr_is_journal()) /* the journal keeps its own time */
        fprintf(stderr, "<%d>%s %s: %s\n", priorities[level], names[level], module, msg);
    else
        fprintf(stderr, "%s %s %s: %s\n", when, names[level], module, msg);
}
