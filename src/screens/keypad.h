/* Big on-screen keypads for forms: the numeric pad (1-9, 0, 删除, 清空) residents use for
 * room numbers, phone numbers and PINs, a letter pad for receipt codes, and the display
 * field that shows what was typed. Immediate mode: the caller owns the text buffer and
 * the widgets edit it in place. Keys draw their labels as text, so a script's
 * `type 1203` taps the keys "1", "2", "0", "3". Draw the keypad after the other text
 * of the screen: when a label such as "1" appears twice, scripts tap the last drawn.
 * UI thread only. */
#ifndef YX_SCREENS_KEYPAD_H
#define YX_SCREENS_KEYPAD_H

#include "screens/app.h"

/* The label of the two editing keys, for scripts and for screens that explain them. */
#define KEYPAD_DELETE "删除"
#define KEYPAD_CLEAR  "清空"

/* Pixel height of the numeric keypad drawn w pixels wide: four rows of keys, each at
 * least THEME_SIZE_TOUCH_MIN high, at most max_h when that still leaves touch-sized keys
 * (max_h <= 0: no limit). */
int keypad_height(App *app, int w, int max_h);

/* Draws the numeric keypad filling area (rows 1 2 3 / 4 5 6 / 7 8 9 / 清空 0 删除). A
 * digit key appends to buf unless it already holds max_len characters; 删除 removes the
 * last character, 清空 empties it. buf is the caller's and has room for max_len + 1
 * bytes; it always stays NUL-terminated. id keeps two keypads on one screen apart.
 * Returns 1 on the frame buf changed, 0 otherwise. Cannot fail. */
int keypad_draw(App *app, uint64_t id, SDL_Rect area, char *buf, size_t max_len);

/* Pixel height of a letter pad of the characters in keys (ASCII, one key each), laid
 * out cols keys wide in w pixels, plus a row for 删除 and 清空. */
int keypad_alpha_height(App *app, const char *keys, int cols, int w);

/* Draws a letter pad of the ASCII characters in keys (e.g. IDS_RECEIPT_ALPHABET), cols
 * keys per row, with a last row holding 清空 and 删除; edits buf like keypad_draw.
 * Returns 1 on the frame buf changed. Cannot fail. */
int keypad_draw_alpha(App *app, uint64_t id, SDL_Rect area, const char *keys, int cols, char *buf,
                      size_t max_len);

/* Pixel height of a display field (a label line above a large value box). */
int keypad_field_height(App *app);

/* Draws a display field in r (the whole of it, label included, is the target): label above (e.g.
 * "房间号"), the value in large figures in a box below, or placeholder in muted text when value is
 * empty. masked shows one "●" per character (PINs). focused outlines the box in the primary colour
 * (the field the keypad is typing into). Screens draw a refusal under the field themselves. Returns
 * 1 when the box was tapped (to move the focus). */
int keypad_field(App *app, uint64_t id, SDL_Rect r, const char *label, const char *value,
                 const char *placeholder, int masked, int focused);

/* The same field for short screens (large text): the label as a caption inside the
 * box's top edge, the value under it; side by side where keypad_field's labels would
 * be cut. Height in pixels, and the width the label needs to show whole. */
int keypad_field_compact_height(App *app);
int keypad_field_compact_label_width(App *app, const char *label);
/* Draws it filling r; arguments and result as keypad_field. */
int keypad_field_compact(App *app, uint64_t id, SDL_Rect r, const char *label, const char *value,
                         const char *placeholder, int masked, int focused);

#endif
