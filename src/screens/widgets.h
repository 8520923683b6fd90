/* Pieces every screen draws the same way: section headings, cards, category chips,
 * list rows that open something, the empty-state line, and a vertical layout cursor.
 * Built on ui/ (no SQL); UI thread only. */
#ifndef YX_SCREENS_WIDGETS_H
#define YX_SCREENS_WIDGETS_H

#include "screens/app.h"

/* A top-to-bottom layout cursor inside a column. */
typedef struct {
    int x, y, w; /* left, next free y, width */
    int gap;     /* space between blocks */
} Column;

Column column_make(App *app, SDL_Rect area, int pad);
/* Reserves h pixels and returns the rectangle (then adds the gap). */
SDL_Rect column_take(Column *c, int h);

/* A section heading ("近期活动") with an optional "更多 ›" link on the right that returns
 * 1 when tapped. Advances the column. */
int w_section(App *app, Column *c, const char *title, const char *more_label);

/* A card background; pressed feedback when tapped (returns 1 on tap). */
int w_card(App *app, uint64_t id, SDL_Rect r);

/* The same card's background for what is only read (an answer, a wish): nothing to
 * press, so nothing a finger or the layout audit takes for a control. */
void w_panel(App *app, SDL_Rect r);

/* A small coloured label (category, status). Returns its width. */
int w_chip(App *app, int x, int y, const char *label, ThemeColor bg, ThemeColor fg);

/* A row with a chip, a one-line title and a muted second line; returns 1 when tapped.
 * height is computed from the text; the row is taken from the column. */
int w_row(App *app, Column *c, uint64_t id, const char *chip, ThemeColor chip_bg, const char *title,
          const char *sub);

/* A muted centred line such as "暂时没有通知". */
void w_empty(App *app, Column *c, const char *text);

/* Body text block (wrapped) taken from the column. */
void w_paragraph(App *app, Column *c, const char *text, ThemeText role, ThemeColor color);

/* "11月23日 周一" style dates, and "11月23日 14:00". out holds at least 64 bytes. */
void w_format_day(int64_t t, char *out, int n);
void w_format_day_time(int64_t t, char *out, int n);
/* A deadline as residents say it: "11月26日 周四 晚上12点前" for midnight (not "11月27日
 * 00:00", which reads as the night before the wrong day), "11月27日 周五 上午9点半前". */
void w_format_deadline(int64_t t, char *out, int n);

#endif
