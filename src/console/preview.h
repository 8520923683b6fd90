/* A notice preview between the post that starts its kiosks and the page that shows
 * their pictures: made and finished on the server's thread (preview.c), watched in
 * between by the waiter thread (preview_wait.c), which touches nothing else. */
#ifndef YX_CONSOLE_PREVIEW_H
#define YX_CONSOLE_PREVIEW_H

#include "console/console.h"

#include <limits.h>
#include <sys/types.h>

typedef enum {
    PREVIEW_STARTED, /* kiosks running, not yet handed to the waiter (server's thread) */
    PREVIEW_WATCHED, /* the waiter's until it sets DONE under its lock */
    PREVIEW_DONE,    /* every kiosk reaped: the server's thread's again */
} PreviewState;

struct Preview {
    PreviewState state;
    char dir[200];        /* the scratch folder: VARIANT/ per kiosk, then VARIANT.png */
    char kiosk[PATH_MAX]; /* the program */
    pid_t pids[PREVIEW_COUNT];
    int status[PREVIEW_COUNT]; /* waitpid's; -1 when it could not be had */
    int reaped[PREVIEW_COUNT];
    int64_t deadline_ms; /* CLOCK_MONOTONIC: kiosks still running then are killed */
    int timed_out;       /* killed at the deadline */
    int cancelled;       /* killed because the console is stopping */
    void *conn;          /* the suspended MHD connection to resume */
    Preview *next;       /* in the waiter's lists */
};

/* How many previews may draw at once (four kiosks each, some 30 MB apiece): staff who
 * ask beyond it are told to try again in a moment. */
#define PREVIEW_FLIGHTS_MAX 3

/* The previews handed to the waiter whose kiosks are still drawing. */
int preview_in_flight(Console *c);
/* Milliseconds of CLOCK_MONOTONIC. */
int64_t preview_now_ms(void);
/* Waits for every kiosk of p not yet reaped, killing each first when kill_them. From
 * whichever thread owns p (see PreviewState). */
void preview_reap(Preview *p, int kill_them);
/* Makes the waiter's last writes to p visible to the server's thread (takes the
 * waiter's lock once); p must be PREVIEW_DONE. */
void preview_settle(Console *c, Preview *p);

#endif
