/* Long text for reading: a notice body or a health tip laid out once into lines (kept
 * until the width or size changes) and drawn line by line, only the lines inside the
 * visible view, so a body of thousands of characters costs no more per frame than a
 * screenful and never becomes one giant text texture. Paragraphs (split at newlines)
 * get extra space between them. Also the health column's "paper" look shared by the
 * health screen and the tip detail. UI thread only. */
#ifndef YX_SCREENS_READING_H
#define YX_SCREENS_READING_H

#include "screens/app.h"
#include "store/health.h"

typedef struct {
    size_t start, len; /* bytes of the source text */
    int y;             /* top of the line, from the top of the block */
} ReadingLine;

typedef struct {
    const char *text; /* the caller's string; must stay alive while the layout is used */
    int width, px;    /* what the layout was made for */
    float spacing;
    FontFace face;
    ReadingLine *lines;
    int count;
    int line_h;
    int height; /* of the whole block, in pixels */
} ReadingText;

/* Lays text out for style st at width (pixels), reusing the previous layout when
 * nothing changed; para_gap is the extra space after each paragraph. Returns the
 * block's height; on allocation failure or invalid UTF-8 the block is empty (0) and
 * the failure is logged. */
int reading_layout(App *app, ReadingText *rt, const char *text, const TextStyle *st, int width,
                   int para_gap);

/* Draws the laid-out block with its top at (x, y), skipping lines outside view.
 * ruled draws a faint rule under each line (the paper's lines). */
void reading_draw(App *app, const ReadingText *rt, const TextStyle *st, int x, int y, SDL_Rect view,
                  int ruled);

/* Frees the lines (not the text) and empties rt. */
void reading_free(ReadingText *rt);

/* Reading measure: the width of a text column for comfortable reading, at most chars
 * characters of st per line, and never more than avail. */
int reading_measure(App *app, const TextStyle *st, int chars, int avail);

/* The health column's paper: a tip set like a doctor's handwritten column (FONT_KAI,
 * ink on THEME_PAPER, ruled lines), month above, the author's name signed at the end;
 * a tip with a photo of the doctor's handwritten page shows it fitted to the paper's
 * width under the title, above the typed body (if any), and a tap on it opens the
 * photo viewer on it. Lays out (rt caches the body) and draws in a card w pixels wide
 * with its top-left at (x, y); lines outside view are skipped. draw = 0 only measures.
 * Returns the card's height. */
int reading_paper_tip(App *app, ReadingText *rt, const HealthTip *t, int x, int y, int w,
                      SDL_Rect view, int draw);

/* The height w_row (widgets.h) takes for these texts in a column w pixels wide, so a
 * long list can skip drawing rows outside its scroll view (clipped text still counts
 * as drawn for scripts and costs time). Must follow w_row's layout. */
int reading_row_height(App *app, int w, const char *chip, const char *title, const char *sub);

/* 1 when r overlaps view vertically. */
int reading_visible(SDL_Rect r, SDL_Rect view);

#endif
