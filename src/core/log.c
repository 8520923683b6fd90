/* stderr logger with local timestamps; under systemd (stderr is the journal) each line
 * starts with its syslog priority instead ("<3>" for errors), which journald reads. */
#include "core/log.h"
#include "core/timeutil.h"
#include "core/utf8.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static LogLevel min_level = LOG_INFO;

static pthread_mutex_t last_mu = PTHREAD_MUTEX_INITIALIZER;
static char last_error[256]; /* "module: text" of the last error line */

/* Bytes of the run of digits at p (single spaces or hyphens between digits belong to it:
 * 138 1234 5678, 021-6123-4567); its count of digits in *digits. */
static size_t digit_run(const char *p, int *digits)
{
    size_t n = 0;
    int d = 0;
    while (p[n] >= '0' && p[n] <= '9') {
        d++;
        n++;
        if ((p[n] == ' ' || p[n] == '-') && p[n + 1] >= '0' && p[n + 1] <= '9')
            n++;
    }
    *digits = d;
    return n;
}

/* Keeps the error line for log_last_error: a digit run (digit_run) of 7 or more digits
 * becomes one '#', control characters a space, bytes that are not UTF-8 a '?'; cut at a
 * whole character, so the hub (which takes UTF-8 only) never refuses the heartbeat. */
static void keep_error(const char *module, const char *msg)
{
    char line[sizeof last_error];
    size_t n = (size_t)snprintf(line, sizeof line, "%s: ", module);
    if (n >= sizeof line)
        n = 0;
    for (const char *p = msg; *p;) {
        int digits;
        size_t run = digit_run(p, &digits);
        const char *start = p;
        char one = 0;
        if (digits >= 7) {
            one = '#';
            p += run;
        } else if ((unsigned char)*p < 0x20 || *p == 0x7f) {
            one = ' ';
            p++;
        } else if (utf8_next(&p) < 0 || !utf8_valid(start, (size_t)(p - start))) {
            one = '?';
        }
        size_t k = one ? 1 : (size_t)(p - start);
        if (n + k >= sizeof line)
            break;
        if (one)
            line[n] = one;
        else
            memcpy(line + n, start, k);
        n += k;
    }
    line[n] = '\0';
    pthread_mutex_lock(&last_mu);
    memcpy(last_error, line, n + 1);
    pthread_mutex_unlock(&last_mu);
}

void log_last_error(char *out, size_t cap)
{
    if (!cap)
        return;
    pthread_mutex_lock(&last_mu);
    size_t n = strlen(last_error);
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)last_error[n] & 0xC0) == 0x80)
            n--; /* not in the middle of a character */
    }
    memcpy(out, last_error, n);
    out[n] = '\0';
    pthread_mutex_unlock(&last_mu);
}

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
    if (level < min_level && level != LOG_ERROR)
        return;
    char when[32], msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (level == LOG_ERROR)
        keep_error(module, msg); /* for the heartbeat, even when not printed */
    if (level < min_level)
        return;
    time_format((int64_t)time(NULL), "%Y-%m-%d %H:%M:%S", when, sizeof when);
    if (stderr_is_journal()) /* the journal keeps its own time */
        fprintf(stderr, "<%d>%s %s: %s\n", priorities[level], names[level], module, msg);
    else
        fprintf(stderr, "%s %s %s: %s\n", when, names[level], module, msg);
}
