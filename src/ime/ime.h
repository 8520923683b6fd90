/* Chinese text entry for the kiosk's forms: pinyin through librime, handwriting through
 * zinnia, plain digits and Latin letters, behind one small interface. No SDL here: the
 * UI draws the keyboard, the pad and the candidate bar from what these functions return.
 *
 * Threads: every function is for the UI thread only. The one exception is internal:
 * an Ime that may type pinyin starts librime's deployment on a background thread so
 * the kiosk stays usable; ime_ready() tells the UI when pinyin typing works. Rime runs
 * only while such an Ime exists: the last one to go stops it (about 4 MB back, and
 * its user dictionary dropped). Handwriting, digits and Latin letters work at once.
 * Call ime_shutdown() once at exit. */
#ifndef YX_IME_IME_H
#define YX_IME_IME_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    IME_PINYIN,      /* a-z build pinyin, the candidate bar shows words */
    IME_HANDWRITING, /* finger strokes on the pad, the bar shows characters */
    IME_DIGITS,      /* 0-9 pass straight through (phone, room numbers) */
    IME_LATIN,       /* a-z and digits pass straight through */
} ImeMode;

#define IME_PAGE_SIZE 8  /* candidates on one page of the bar */
#define IME_CAND_MAX  64 /* bytes per candidate text, NUL included (longer ones cut) */

/* Keys ime_key() understands besides printable ASCII. */
#define IME_KEY_BACKSPACE '\b'
#define IME_KEY_ENTER     '\n'

/* The handwriting model's box: fixtures and ime_hw_write() use these coordinates. */
#define IME_HW_BOX 300

typedef struct Ime Ime;

/* One page of the candidate bar, copied out so the UI owns nothing. */
typedef struct {
    int count;                              /* 0..IME_PAGE_SIZE */
    int page;                               /* 0-based page number */
    bool has_prev, has_next;                /* whether ime_page(-1/+1) would move */
    char text[IME_PAGE_SIZE][IME_CAND_MAX]; /* UTF-8 */
    float score[IME_PAGE_SIZE];             /* handwriting: zinnia score; pinyin: 0 */
} ImeCandidates;

/* Recorded finger strokes (see tests/ime/strokes/README.md), coordinates in the
 * IME_HW_BOX square. */
typedef struct {
    int x, y;
} ImePoint;
typedef struct {
    ImePoint *points;
    int count;
} ImeStroke;
typedef struct {
    ImeStroke *strokes;
    int count;
} ImeStrokes;

/* Creates an input method for one open form. data_dir is the kiosk's data directory;
 * Rime's user data lives in <data_dir>/rime/ (created if missing). IME_PINYIN (or the
 * first switch to it, or ime_prepare_pinyin) makes this Ime a user of Rime, starting its
 * deployment in the background if Rime is not running; Imes alive at the same time share
 * the engine (the first data_dir wins). IME_HANDWRITING loads the zinnia model now
 * (~30 MB): destroy the Ime when the form closes to give it back.
 * Returns NULL and a message in err (may be NULL) on failure. Free with ime_destroy(). */
Ime *ime_create(const char *data_dir, ImeMode mode, char *err, size_t errlen);
/* Frees the Ime, its Rime session and its handwriting model; the last Rime user stops
 * Rime. NULL is harmless. */
void ime_destroy(Ime *ime);
/* For a form that opens in another mode but offers pinyin: starts Rime in the
 * background now, so it is ready by the time the resident switches to pinyin. Returns
 * 0, or -1 (logged) if Rime's user-data directory can't be prepared; the form still
 * works, and switching to pinyin reports the failure. */
int ime_prepare_pinyin(Ime *ime);
/* Blocks until a Rime deployment that is running has finished, at most timeout_ms;
 * returns at once when none runs (or a test holds it). Returns true if Rime is ready.
 * For the headless script host, whose steps come faster than any finger. */
bool ime_wait_engine(int timeout_ms);
/* Stops Rime (joins the deployment thread, finalizes). Call once at exit, after every
 * ime_destroy(); it is also registered with atexit() because exiting while deployment
 * runs would crash inside librime. Harmless if Rime was never started. */
void ime_shutdown(void);

/* Switches mode; what was being composed is dropped. Entering IME_HANDWRITING loads
 * the model if needed: returns -1 (message in ime_errmsg, mode unchanged) if it can't. */
int ime_set_mode(Ime *ime, ImeMode mode);
ImeMode ime_mode(const Ime *ime);

/* Whether pinyin typing works yet (Rime deployed and a session open). Also creates the
 * session once deployment has finished, so the UI may call it every frame. */
bool ime_ready(Ime *ime);
/* The last refusal or status, in Chinese for the resident (never NULL; "" if none). */
const char *ime_errmsg(const Ime *ime);

/* Feeds one key: 'a'-'z', ' ' (takes the first candidate), IME_KEY_BACKSPACE,
 * IME_KEY_ENTER (commits the letters as typed), digits and punctuation (pinyin turns
 * ",." into "，。"). Returns 1 if the key was used (commit text may be waiting, see
 * ime_take_commit), 0 if not (e.g. backspace with nothing composed: the form should
 * delete a character of its own text), -1 if refused (pinyin not ready yet, or a key
 * the mode doesn't take): ime_errmsg says why and nothing changed. A pinyin key typed
 * while Rime is still starting waits for it (at most 1.5 s) rather than being refused. */
int ime_key(Ime *ime, char key);
/* The letters being composed, e.g. "dian ti" (owned by ime, valid until the next call
 * on it; "" when nothing is composed or in other modes). */
const char *ime_preedit(Ime *ime);
/* Whether anything is composed (pinyin letters or handwriting strokes). */
bool ime_composing(Ime *ime);

/* Copies the current page of candidates (pinyin words, or handwriting characters) into
 * out. Returns out->count (0 if none). */
int ime_candidates(Ime *ime, ImeCandidates *out);
/* Moves the candidate page by delta (+1/-1). Returns 0 if it moved, -1 at either end. */
int ime_page(Ime *ime, int delta);
/* Takes candidate index (0-based, on the current page). A pinyin word that covers only
 * part of the letters leaves the rest composed; otherwise the text becomes the commit.
 * Returns 0, or -1 if there is no such candidate. */
int ime_pick(Ime *ime, int index);
/* Returns the text committed since the last call (caller frees), or NULL if none. */
char *ime_take_commit(Ime *ime);
/* Drops what is composed (letters, strokes) and any commit not yet taken. */
void ime_clear(Ime *ime);

/* Handwriting. The pad is width x height pixels (default IME_HW_BOX square); points are
 * in pad pixels and scaled to the model's box. A stroke runs begin, point..., end;
 * ime_stroke_end() classifies all strokes so far. They return -1 if the mode is not
 * IME_HANDWRITING (or the model failed to load), else 0. */
void ime_hw_set_pad(Ime *ime, int width, int height);
int ime_stroke_begin(Ime *ime, int x, int y);
int ime_stroke_point(Ime *ime, int x, int y);
int ime_stroke_end(Ime *ime);
/* Number of strokes on the pad. */
int ime_hw_stroke_count(const Ime *ime);
/* Copies the top n (<= IME_PAGE_SIZE) characters after the last stroke into out, best
 * first. Returns the count, 0 if the pad is empty or nothing scored. */
int ime_hw_candidates(Ime *ime, ImeCandidates *out, int n);
/* Removes the last stroke (and reclassifies), or every stroke. */
void ime_hw_undo(Ime *ime);
void ime_hw_clear(Ime *ime);
/* Draws recorded strokes (IME_HW_BOX coordinates, scaled to the pad) as if by finger.
 * Returns 0, -1 as ime_stroke_begin. For the script step `write FILE`. */
int ime_hw_write(Ime *ime, const ImeStrokes *strokes);

/* Reads a stroke file (format in tests/ime/strokes/README.md) into out. Returns 0, or
 * -1 with a message naming the line in err. Free with ime_strokes_free(). */
int ime_strokes_load(const char *path, ImeStrokes *out, char *err, size_t errlen);
/* Parses the same format from a string (for fuzzing and scripts). */
int ime_strokes_parse(const char *text, ImeStrokes *out, char *err, size_t errlen);
void ime_strokes_free(ImeStrokes *strokes);

/* Tests only: while held, the background deployment waits before it starts, so a test
 * can see the not-ready state. Releasing lets it run. */
void ime_debug_hold_deploy(bool hold);

#endif
