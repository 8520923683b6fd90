/* Crash points (crashpoint.h): YANXIA_CRASH_AT is read once per process; the arrivals
 * at the chosen step are counted atomically, since the sync worker and the UI thread
 * may both pass crash points. */
#include "core/crashpoint.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char chosen[32];      /* the step to die at; empty: none */
static long target;          /* die at this arrival (1-based) */
static atomic_long arrivals; /* arrivals at the chosen step so far */

static void read_env(void)
{
    const char *v = getenv("YANXIA_CRASH_AT");
    if (!v || !*v)
        return;
    const char *colon = strrchr(v, ':');
    char *end = NULL;
    long n = colon ? strtol(colon + 1, &end, 10) : 0;
    size_t len = colon ? (size_t)(colon - v) : 0;
    if (!colon || len == 0 || len >= sizeof chosen || end == colon + 1 || *end || n < 1) {
        fprintf(stderr, "YANXIA_CRASH_AT=\"%s\" ignored: expected STEP:N with N >= 1\n", v);
        return;
    }
    memcpy(chosen, v, len);
    chosen[len] = '\0';
    target = n;
}

void crash_point(const char *step)
{
    pthread_once(&once, read_env);
    if (!chosen[0] || strcmp(step, chosen) != 0)
        return;
    if (atomic_fetch_add(&arrivals, 1) + 1 != target)
        return;
    char line[64];
    int len = snprintf(line, sizeof line, "crash point %s %ld\n", step, target);
    /* write(2), not stdio: nothing buffered may survive, as in a power cut */
    if (len > 0 && write(STDERR_FILENO, line, (size_t)len) < 0) {
        /* the kill below is the point; a closed stderr changes nothing */
    }
    raise(SIGKILL);
}
