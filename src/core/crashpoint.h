/* Crash points: named places in a sync round where a test may cut the power. A process
 * started with YANXIA_CRASH_AT="STEP:N" writes "crash point STEP N" to stderr and kills
 * itself with SIGKILL the Nth time it reaches crash_point("STEP"), so a kill test stops
 * a round at the step it chose instead of after a timer that a fast or a loaded machine
 * outruns. Without the variable a crash point returns at once. */
#ifndef YX_CORE_CRASHPOINT_H
#define YX_CORE_CRASHPOINT_H

/* The steps of a sync round, in the order a round reaches them. */
#define CRASH_PUSH_BATCH   "push-batch"   /* the hub holds a batch; the kiosk has not marked it */
#define CRASH_ACK          "ack"          /* acknowledgements written, not yet committed */
#define CRASH_PULL_PAGE    "pull-page"    /* a page of changes received, nothing applied */
#define CRASH_APPLY        "apply"        /* a page applied, its transaction not committed */
#define CRASH_PHOTO_CHUNK  "photo-chunk"  /* a chunk appended to a photo's .part file */
#define CRASH_PHOTO_RENAME "photo-rename" /* whole files renamed, their rows not yet shown */

/* Dies here when YANXIA_CRASH_AT names this step and this is its Nth arrival; returns
 * otherwise. Any thread; a malformed YANXIA_CRASH_AT is reported once and ignored. */
void crash_point(const char *step);

#endif
