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

/* How a preview's kiosks ended: each by itself, or killed by the waiter, and why. */
typedef enum {
    PREVIEW_DRAWN,      /* not killed: each kiosk ended by itself */
    PREVIEW_TIMED_OUT,  /* still drawing at the deadline */
    PREVIEW_STOPPING,   /* the console is stopping */
    PREVIEW_ABANDONED,  /* the browser closed its connection meanwhile */
    PREVIEW_SUPERSEDED, /* the same session asked for a newer preview */
} PreviewEnd;

struct Preview {
    PreviewState state;
    char dir[200];        /* the scratch folder: VARIANT/ per kiosk, then VARIANT.png */
    char kiosk[PATH_MAX]; /* the program */
    pid_t pids[PREVIEW_COUNT];
    int pidfds[PREVIEW_COUNT]; /* readable once the kiosk has ended; -1 none (closed when
                                  reaped, or no pidfd_open: the waiter then ticks) */
    int status[PREVIEW_COUNT]; /* waitpid's; -1 when it could not be had */
    int reaped[PREVIEW_COUNT];
    int64_t deadline_ms; /* CLOCK_MONOTONIC: kiosks still running then are killed */
    PreviewEnd end;      /* the waiter's while WATCHED */
    int client_fd;       /* the suspended connection's socket, watched for the browser
                            hanging up (MHD does not look while it is suspended); -1 none */
    int supersede;       /* set by the server's thread under the waiter's lock */
    Session *session;    /* whose drawing it is (Session.drawing); server's thread only */
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
/* Waits for every kiosk of p not yet reaped, killing each first when kill_them, and
 * closes their pidfds. From whichever thread owns p (see PreviewState). */
void preview_reap(Preview *p, int kill_them);
/* Asks the waiter to kill p's kiosks and give it back, its page saying a newer preview
 * of the same session replaced it (p DONE already: only the page says so); also how a
 * session ended (logout, a disabled account) stops its preview at once. 1 when p was
 * still drawing, so still counted in preview_in_flight for a moment. Server's thread. */
int preview_supersede(Console *c, Preview *p);
/* Makes the waiter's last writes to p visible to the server's thread (takes the
 * waiter's lock once); p must be PREVIEW_DONE. */
void preview_settle(Console *c, Preview *p);

#endif
