/* Touch widgets for writing Chinese on a wall screen: a QWERTY keyboard with big keys
 * (a 123 layer for digits and punctuation, a 3x4 digit pad), a candidate bar (the
 * composed pinyin above two rows of big candidates, ‹ › to page), and a handwriting
 * pad that turns a finger into ink. They know nothing of input methods or the store:
 * the caller feeds them strings and reads back what was tapped or drawn. Every key
 * label is drawn as text, so a script's `type dianti` taps the keys "d", "i", ...
 * UI thread only. */
#ifndef YX_UI_KBD_H
#define YX_UI_KBD_H

#include "ui/ui.h"

/* Labels of the editing keys, shared with scripts. */
#define KBD_SPACE   "空格"
#define KBD_DELETE  "删除"
#define KBD_CLEAR   "清空"
#define KBD_SYMBOLS "123"
#define KBD_LETTERS "拼音"

typedef enum { KBD_LAYER_LETTERS, KBD_LAYER_SYMBOLS, KBD_LAYER_DIGITS } KbdLayer;

typedef enum {
    KBD_NONE,
    KBD_CHAR,  /* ascii holds a letter or digit */
    KBD_PUNCT, /* text holds a full-width punctuation mark (UTF-8) */
    KBD_SPACE_KEY,
    KBD_DELETE_KEY,
    KBD_CLEAR_KEY,
} KbdAction;

typedef struct {
    KbdAction action;
    char ascii;
    const char *text; /* static */
} KbdKey;

/* Height the keyboard of layer wants w pixels wide: four rows of keys at least
 * THEME_SIZE_TOUCH_MIN high, at most max_h when that still leaves touch-sized keys. */
int kbd_height(Ui *ui, KbdLayer layer, int w, int max_h);

/* Draws the keyboard filling area and returns the key tapped this frame (action
 * KBD_NONE if none). The 123 / 拼音 keys switch *layer themselves. Cannot fail. */
KbdKey kbd_draw(Ui *ui, uint64_t id, SDL_Rect area, KbdLayer *layer);
/* The same, with the 清空 key reading clear_label instead (NULL: 清空), e.g. "恢复"
 * while a cleared text can be brought back. */
KbdKey kbd_draw_ex(Ui *ui, uint64_t id, SDL_Rect area, KbdLayer *layer, const char *clear_label);

/* The candidate bar. */
#define CAND_MAX  8
#define CAND_PREV -2
#define CAND_NEXT -3

/* Height of the bar w pixels wide (a preedit line, two rows of four candidates). */
int cand_height(Ui *ui, int w);

/* Draws preedit (may be "") above up to CAND_MAX candidates texts[0..n-1], ‹ and ›
 * (greyed when has_prev/has_next is 0), or hint in muted text when n is 0. Returns
 * the index tapped, CAND_PREV, CAND_NEXT or -1. rects (may be NULL, CAND_MAX long)
 * receives each candidate's rectangle, for scripts. */
int cand_draw(Ui *ui, uint64_t id, SDL_Rect area, const char *preedit, const char texts[][64],
              int n, int has_prev, int has_next, const char *hint, SDL_Rect *rects);

/* Finger ink on the handwriting pad, in pad pixels (origin: the pad's corner). */
typedef struct {
    SDL_Point *pts;
    int n, cap;
} InkStroke;
typedef struct {
    InkStroke *strokes;
    int n, cap;
    int drawing; /* the last stroke is still under the finger */
} Ink;

/* Drops the last stroke, or all of them (memory is kept for reuse). */
void ink_undo(Ink *ink);
void ink_clear(Ink *ink);
/* Frees everything; the Ink is empty and reusable afterwards. */
void ink_free(Ink *ink);

/* Draws the pad in r (paper with a 米 grid and a hint when empty) with the ink, and
 * takes a stroke from a press that starts inside it: points are added while the
 * finger moves. Returns 1 on the frame a stroke ended (its points are the last of
 * ink), else 0. Out of memory: the stroke is cut short, never a crash. */
int hwpad_draw(Ui *ui, uint64_t id, SDL_Rect r, Ink *ink, const char *hint);

#endif
