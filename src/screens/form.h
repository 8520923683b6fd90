/* What the kiosk's forms share: where the keypad goes in each orientation, the field
 * refusal line, the small − / + stepper, and the page that confirms a submission with
 * its receipt code in letters large enough to read aloud. UI thread only. */
#ifndef YX_SCREENS_FORM_H
#define YX_SCREENS_FORM_H

#include "screens/app.h"
#include "screens/widgets.h"

/* Splits body into the fields (scrolling, top or left) and the keypad (bottom in
 * portrait, right in landscape). keys_h is the height the keypad wants for a given
 * width: pass NULL for the numeric keypad. */
typedef int (*FormKeysHeight)(App *app, int w, int max_h, const void *ctx);
void form_layout(App *app, SDL_Rect body, FormKeysHeight keys_h, const void *ctx, SDL_Rect *fields,
                 SDL_Rect *keys);

/* Finds 提交 a place that stays in sight (keypad and large text made it scroll out of
 * view): in portrait a bar along the bottom of the fields, which scroll above it; in
 * landscape (keys not NULL) under the keypad, which moves up for it, leaving the fields'
 * column whole. body is the form_layout's body, fields and keys its results. */
void form_split_submit(App *app, SDL_Rect body, SDL_Rect fields, SDL_Rect *keys, SDL_Rect *scroll,
                       SDL_Rect *submit);

/* The height of a form's number field and the field itself, taken from the column: in
 * large text the compact kind (label inside the box), which leaves the fields' column
 * room for the party-size stepper and the poll's options above the keypad. Arguments
 * and result as keypad_field. */
int form_field_height(App *app);
int form_field(App *app, Column *c, uint64_t id, const char *label, const char *value,
               const char *placeholder, int masked, int focused);

/* Draws 提交 in r (declared required for the layout audit); 1 when tapped. */
int form_submit_button(App *app, uint64_t id, SDL_Rect r);

/* Starts and ends the scrolling column of fields inside area (content height measured
 * from the previous frame). form_fields_end needs the column form_fields_begin gave. */
Column form_fields_begin(App *app, uint64_t id, SDL_Rect area);
void form_fields_end(App *app, uint64_t id, SDL_Rect area, const Column *c);
/* After form_fields_end: when the fields go on below the view, the view's last lines
 * fade into bg (the page colour under the view), so a line cut at the edge reads as
 * "more below" rather than as a broken line. */
void form_fields_fade(App *app, uint64_t id, SDL_Rect area, SDL_Color bg);

/* A refusal in the urgent colour under a field ("" or NULL: nothing drawn). */
void form_error(App *app, Column *c, const char *msg);

/* A labelled stepper: "label  [−]  value  [+]" with touch-sized buttons; keeps
 * *value in [min, max]. Returns 1 when it changed. */
int form_stepper(App *app, Column *c, const char *label, int *value, int min, int max,
                 const char *unit);

/* A row of big choice buttons (options of a poll): returns the index tapped or -1.
 * chosen is highlighted. */
int form_choices(App *app, Column *c, uint64_t id, const char *const *labels, size_t n, int chosen);

/* The whole-body confirmation after a submission: a coloured mark, the headline
 * (报名成功, 已进入候补, 已取消 ...), detail lines, the receipt code (NULL: none) spaced
 * out in very large letters with note under it, and a single 完成 button. Returns 1
 * when 完成 was tapped. */
typedef enum { FORM_DONE_OK, FORM_DONE_WAIT } FormDoneKind;
int form_done(App *app, SDL_Rect body, FormDoneKind kind, const char *headline, const char *detail,
              const char *receipt, const char *note);

/* "名额不限", "还剩3个名额", "已满，可候补" or "已满" for an activity's places_left (-1: no
 * limit) and whether it keeps a waiting list. */
void form_places_left(int places_left, int no_waitlist, char *out, size_t n);

/* Copies the store's refusal as Chinese text into out (for showing under a field). */
void form_refusal(App *app, char *out, size_t n);

#endif
