/* The shape the three writing forms share (意见建议, 微心愿, 问问医生): optional category
 * chips, the text with its entry panel and quick phrases, a room and optionally a
 * phone number on the numeric keypad, 提交, the store's refusal in Chinese, and the
 * confirmation with the receipt code. Each screen supplies a WritingSpec and a submit
 * function that calls the store. UI thread only. */
#ifndef YX_SCREENS_WRITING_H
#define YX_SCREENS_WRITING_H

#include "core/room.h"
#include "screens/writer.h"

typedef struct Writing Writing;

typedef struct {
    const char *phrase_form; /* PHRASE_SUGGESTION ... */
    size_t max_chars;        /* the store's limit */
    int categories;          /* show SUGGESTION_CATEGORIES chips */
    int phone;               /* offer an optional phone number */
    int room_required;
    const char *text_label, *placeholder;
    const char *note; /* a line under the fields (who sees it, when) */
    const char *done_headline, *done_note;
    /* the corner's signboard before the form opens (see writing_corner_frame) */
    const char *intro_head, *intro_text, *intro_button;
    int done_waits; /* the confirmation shows the waiting mark */
    /* Writes to the store; 0 and *r filled, or -1 (store_reason says why). */
    int (*submit)(App *app, const Writing *f, StoreReceipt *r);
} WritingSpec;

/* Which field the panel beside (or under) the fields serves: the keyboard or pad for
 * the text, the numeric keypad for room and phone, the category chips when the form
 * is too short to show them inline (large text). */
enum { WRITING_FOCUS_TEXT, WRITING_FOCUS_ROOM, WRITING_FOCUS_PHONE, WRITING_FOCUS_CATEGORY };

struct Writing {
    const WritingSpec *spec;
    Writer w;
    int focus;
    int category; /* index into SUGGESTION_CATEGORIES, -1: none chosen (其他) */
    char room[ROOM_MAX_LEN + 1];
    char phone[PHONE_MAX_LEN + 1];
    char err[256], room_err[256], phone_err[256];
    int done;
    StoreReceipt receipt;
};

/* Opens the entry panel for spec (the input methods load now). f must be zeroed. */
void writing_open(App *app, Writing *f, const WritingSpec *spec);
/* Closes it: engines freed, everything typed wiped. Harmless twice. */
void writing_close(App *app, Writing *f);
/* Draws the form (or its confirmation) in body. Returns 1 when the confirmation's
 * 完成 was tapped: the screen decides where to go. */
int writing_frame(App *app, Writing *f, SDL_Rect body);

/* A writing corner (意见建议, 问问医生): a signboard that says what the corner is for, with
 * the public answers beside or under it, and the form in place of both while it is open.
 * Zeroed state is a closed corner. */
typedef struct {
    int open;
    Writing form;
} WritingCorner;

/* Draws the form when it is open (完成 on its confirmation closes it) and returns 0;
 * otherwise draws the signboard from spec->intro_* (on top in portrait, left in
 * landscape; its button opens the form), sets *list to the area left for the public
 * answers and returns 1. */
int writing_corner_frame(App *app, WritingCorner *c, const WritingSpec *spec, SDL_Rect body,
                         SDL_Rect *list);
/* Closes the form (everything typed is wiped). Harmless when closed. */
void writing_corner_close(App *app, WritingCorner *c);

/* The chosen category's name (SUGGESTION_DEFAULT_CATEGORY when none). */
const char *writing_category(const Writing *f);

#endif
