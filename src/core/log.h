/* One-line log messages to stderr: "2026-11-23 08:00:01 warn photo: ...".
 * Log once, where the decision is taken. Thread-safe (one fprintf per line). */
#ifndef YX_CORE_LOG_H
#define YX_CORE_LOG_H

#include <stddef.h>

typedef enum { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR } LogLevel;

void log_set_level(LogLevel min);
void log_msg(LogLevel level, const char *module, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define log_info(mod, ...)  log_msg(LOG_INFO, mod, __VA_ARGS__)
#define log_warn(mod, ...)  log_msg(LOG_WARN, mod, __VA_ARGS__)
#define log_error(mod, ...) log_msg(LOG_ERROR, mod, __VA_ARGS__)

/* The last error line logged by this process as "module: text", cut to fit cap bytes
 * (at a UTF-8 character boundary), a run of 7 or more digits (with single spaces or
 * hyphens between them: 138 1234 5678) shown as "#" (log lines never hold a phone
 * number; this keeps one that slipped in off the hub), control characters as spaces,
 * bytes that are not UTF-8 as "?"; "" when no error was logged. Any thread. For the
 * heartbeat (core/fleet.h). */
void log_last_error(char *out, size_t cap);

#endif
