/* Scripted input for headless runs, tests, demos and benchmarks. One step per line:
 *   goto NAME            open a screen by its stable name
 *   tap "LABEL"          tap the centre of the visible text or control with that label
 *   tap X Y              tap at pixel coordinates
 *   drag X1 Y1 X2 Y2 MS  press, move over MS milliseconds, release
 *   pinch X Y D1 D2 MS   two fingers on the glass side by side around X Y, D1 pixels
 *                        apart, moved to D2 apart over MS milliseconds, lifted
 *   wait MS              let MS milliseconds of (virtual) time pass
 *   until HH:MM          let (virtual) time pass until the host's clock next reads HH:MM
 *                        (at once within that minute; at most a day)
 *   key NAME             press and release a key (SDL key name: Escape, Return, ...)
 *   type TEXT            tap the visible keys labelled with each character in turn
 *                        (a space taps 空格): pinyin letters, digits, punctuation
 *   pick N               tap the Nth visible input-method candidate (1-based)
 *   pick "词"            tap the visible candidate that reads 词
 *   write FILE           draw the strokes of a recorded fixture (tests/ime/strokes/,
 *                        format in its README) on the visible handwriting pad with the
 *                        pointer, one stroke after another; a relative FILE is taken
 *                        from the script's own directory
 *   expect "TEXT"        fail unless TEXT is visible
 *   expect-not "TEXT"    fail if TEXT is visible
 *   where "TEXT"         print `where "TEXT" X Y W H`, where TEXT is drawn, on standard
 *                        output (fail unless it is visible): for tests of positions
 *   where-pad            print `where-pad X Y W H`, the visible handwriting pad (fail
 *                        when none is)
 *   stats LABEL          print `stats LABEL rss_kb=N fds=N heap_kb=N anon_kb=N
 *                        file_kb=N free_kb=N ...` (this process's resident memory,
 *                        open file descriptors, malloc's live bytes, RSS's anonymous
 *                        and file parts, the free chunks malloc holds, Linux and
 *                        glibc; then the host's own figures) on standard output: for
 *                        soaks
 *   wait-for "TEXT" S    keep drawing until TEXT is visible; fail after S seconds
 *   wait-gone "TEXT" S   keep drawing until TEXT is no longer visible; fail after S
 *                        seconds. Both wait in wall-clock time (the kiosk's clock
 *                        follows it): for what comes from outside, such as the hub
 *   shot NAME            write NAME.png into the screenshot directory
 *   audit                fail unless the current screen passes the layout audit
 *                        (ui/audit.h); each finding is printed on a line of its own
 * Blank lines and lines starting with # are ignored. A failing step stops the script
 * with "FILE:LINE: message". The runner does not know the app: a ScriptHost supplies
 * frames, lookups and navigation. UI thread only. */
#ifndef YX_UI_SCRIPT_H
#define YX_UI_SCRIPT_H

#include <stddef.h>
#include <stdint.h>

#include <SDL2/SDL.h>

typedef enum {
    STEP_GOTO,
    STEP_TAP_LABEL,
    STEP_TAP_XY,
    STEP_DRAG,
    STEP_WAIT,
    STEP_KEY,
    STEP_TYPE,
    STEP_EXPECT,
    STEP_EXPECT_NOT,
    STEP_WHERE,
    STEP_STATS,
    STEP_PINCH,
    STEP_WHERE_PAD,
    STEP_SHOT,
    STEP_PICK,      /* v[0] = N, or arg = the candidate's text */
    STEP_WRITE,     /* arg = the stroke file */
    STEP_WAIT_FOR,  /* arg = TEXT, v[0] = seconds */
    STEP_WAIT_GONE, /* arg = TEXT, v[0] = seconds */
    STEP_AUDIT,
    STEP_UNTIL, /* v[0] = minutes after midnight */
} ScriptOp;

typedef struct {
    ScriptOp op;
    int line;
    char *arg; /* NAME, LABEL, TEXT (owned) */
    int v[5];  /* numbers: X Y, X1 Y1 X2 Y2 MS, MS */
} ScriptStep;

typedef struct {
    ScriptStep *steps;
    int count;
    char *path;
} Script;

/* What the runner needs from the program it drives. Every callback returns 0 on
 * success or -1 (with a message in err) to fail the step. */
typedef struct {
    void *ctx;
    /* Runs one frame after advancing virtual time by ms. */
    int (*frame)(void *ctx, int ms);
    /* Feeds an SDL event (pointer or key) to the program. */
    void (*event)(void *ctx, const SDL_Event *ev);
    /* Opens the screen called name. */
    int (*go)(void *ctx, const char *name, char *err, size_t errlen);
    /* Finds visible text in the last frame: 1 and its rectangle, or 0. */
    int (*find)(void *ctx, const char *text, SDL_Rect *where);
    /* Writes the last frame to path. */
    int (*shot)(void *ctx, const char *path, char *err, size_t errlen);
    /* Finds the Nth visible input-method candidate (1-based), or the one reading text
     * when text is not NULL: 1 and its rectangle, or 0. NULL: `pick` always fails. */
    int (*candidate)(void *ctx, int n, const char *text, SDL_Rect *where);
    /* Draws the strokes in the file at path on the visible handwriting pad (feeding
     * pointer events and frames). NULL: `write` always fails. */
    int (*write)(void *ctx, const char *path, char *err, size_t errlen);
    /* Audits the current screen's layout, printing each finding: 0 when it passes, -1
     * with a summary in err otherwise. NULL: `audit` always fails. */
    int (*audit)(void *ctx, char *err, size_t errlen);
    /* The screen's size in pixels (touch events are in fractions of it). NULL: `pinch`
     * always fails. */
    void (*size)(void *ctx, int *w, int *h);
    /* The visible handwriting pad: 1 and its rectangle, or 0. NULL: `where-pad` always
     * fails. */
    int (*pad)(void *ctx, SDL_Rect *where);
    /* The program's own figures for `stats` (" name=N" pairs, e.g. its caches' sizes),
     * written into out. NULL: none. */
    void (*stats)(void *ctx, char *out, size_t n);
    /* The program's clock (seconds since the epoch, virtual time under a pinned clock),
     * for `until HH:MM`. NULL: `until` always fails. */
    int64_t (*clock)(void *ctx);
} ScriptHost;

/* Parses the file at path. NULL and a "FILE:LINE: message" in err on failure. Free
 * with script_destroy. */
Script *script_load(const char *path, char *err, size_t errlen);
/* Parses text already in memory (name appears in messages). */
Script *script_parse(const char *text, const char *name, char *err, size_t errlen);
void script_destroy(Script *s);

/* Runs every step. Returns 0 when all passed, -1 with "FILE:LINE: message" in err. */
/* A left-button mouse event of type (motion with the button held, down or up) at x, y:
 * what the script's tap, drag and write steps feed the host. */
SDL_Event script_pointer_event(Uint32 type, int x, int y);

int script_run(const Script *s, const ScriptHost *host, const char *shot_dir, char *err,
               size_t errlen);

#endif
