/* The text-entry panel of the writing forms (意见建议, 微心愿, 问问医生): the form's text,
 * the input method behind it (src/ime: pinyin, handwriting, digits), the mode switch
 * (拼音 / 手写 / 数字, remembered while the form is open), the candidate bar (which
 * offers the form's quick phrases as chips while nothing is composed), the keyboard
 * or the handwriting pad. The engines
 * live only between writer_open and writer_close; the text is wiped on close, so idle
 * and leaving discard what was written. UI thread only. */
#ifndef YX_SCREENS_WRITER_H
#define YX_SCREENS_WRITER_H

#include "screens/app.h"
#include "screens/widgets.h"

#include "ime/ime.h"
#include "store/phrase.h"
#include "ui/kbd.h"

#define WRITER_TEXT_MAX 4096 /* bytes: beyond any store limit, so overlong text is refused */

typedef struct {
    Ime *ime;       /* NULL when the engines could not start (msg says why) */
    ImeMode mode;   /* IME_PINYIN, IME_HANDWRITING or IME_DIGITS */
    KbdLayer layer; /* letters or the 123 layer, in pinyin mode */
    char text[WRITER_TEXT_MAX];
    char cleared[WRITER_TEXT_MAX]; /* what 清空 took, until 恢复 or the next key */
    char full_msg[96];             /* "最多500字，已经写满了" when typing hit the limit */
    size_t max_chars;              /* the store's limit, for the counter */
    PhraseList phrases;
    size_t phrase_first; /* the first quick phrase on the bar (更多 pages through them) */
    Ink ink;
    char cand[CAND_MAX][64];
    int cand_n;
    SDL_Rect cand_rect[CAND_MAX]; /* as drawn in the last frame */
    int cand_ix[CAND_MAX];        /* each shown candidate's index on the engine's page */
    SDL_Rect pad;                 /* w 0: no pad on screen */
    const char *msg;              /* the input method's refusal, "" if none */
    App *app;
} Writer;

/* Opens the engines and loads the quick phrases of phrase_form (PHRASE_SUGGESTION ...)
 * into w, which must be zeroed; max_chars is the store's length limit. Registers the
 * script hooks on app. Returns 0, or -1 when the input method could not start (the
 * panel then shows why; w must still be closed). */
int writer_open(App *app, Writer *w, const char *phrase_form, size_t max_chars);
/* Frees the engines and phrases, wipes the text and removes the hooks. Harmless on a
 * zeroed or closed Writer. */
void writer_close(App *app, Writer *w);

/* Splits body: fields (top, or left in landscape) and the keys area (bottom, or right),
 * big enough for the full keyboard with touch-sized keys. */
void writer_layout(App *app, SDL_Rect body, SDL_Rect *fields, SDL_Rect *keys);

/* The text box: label, the text written so far with a caret, and a counter (beside
 * the label when it fits, else under the box), height pixels tall in all (see
 * writer_text_box_height); the box keeps that height whatever the text's length (a
 * longer text shows its end). Returns 1 when it was tapped (to give it the focus). */
int writer_text_box(App *app, Writer *w, Column *c, const char *label, const char *placeholder,
                    int height, int focused);
/* The height writer_text_box needs in a column width pixels wide to show lines lines
 * of text. Cannot fail. */
int writer_text_box_height(App *app, const Writer *w, const char *label, int width, int lines);

/* The mode switch, candidate bar and keyboard or pad, filling keys. */
void writer_keys(App *app, Writer *w, SDL_Rect keys);

/* Empties the text (the panel's own 清空 does this too). */
void writer_reset(Writer *w);

#endif
