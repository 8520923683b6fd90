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
    int done_waits; /* the confirmation shows the waiting mark */
    /* Writes to the store; 0 and *r filled, or -1 (store_reason says why). */
    int (*submit)(App *app, const Writing *f, StoreReceipt *r);
} WritingSpec;

enum { WRITING_FOCUS_TEXT, WRITING_FOCUS_ROOM, WRITING_FOCUS_PHONE };

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

/* A writing corner's signboard (on top in portrait, left in landscape): headline, text
 * and the button that opens the form. *rest receives the area left. Returns 1 when the
 * button was tapped. */
int writing_intro(App *app, SDL_Rect body, const char *head, const char *text, const char *button,
                  SDL_Rect *rest);

/* The chosen category's name (SUGGESTION_DEFAULT_CATEGORY when none). */
const char *writing_category(const Writing *f);

#endif
