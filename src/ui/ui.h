/* The immediate-mode UI context (after microui): each frame the screen is declared
 * again from the model; transient widget state (which control holds the press, scroll
 * offsets and their momentum) lives in a small pool keyed by widget id. Drawing and
 * hit-testing use the same rectangles, so what a finger hits is what was drawn.
 * UI thread only. */
#ifndef YX_UI_UI_H
#define YX_UI_UI_H

#include <stdint.h>

#include "ui/gfx.h"
#include "ui/input.h"
#include "ui/text.h"
#include "ui/theme.h"

#define UI_SCROLL_POOL  32
#define UI_CONTROLS_MAX 640 /* pressables recorded per frame for the layout audit */
#define UI_VIEWS_MAX    16  /* scroll views per frame */
#define UI_REQUIRED_MAX 16  /* controls a screen declares it cannot do without */
#define UI_LABEL_MAX    64

typedef struct {
    uint64_t id;
    float offset;   /* pixels scrolled from the top (or left) */
    float velocity; /* px/ms, momentum after a fling */
    int content;    /* content length last frame */
    int view;       /* view length last frame */
    uint32_t used_frame;
} UiScroll;

/* What the frame drew, as the layout audit (ui/audit.h) and scripts see it. */
typedef struct {
    uint64_t id;
    SDL_Rect rect;            /* the hit area as laid out */
    SDL_Rect clip;            /* the clip it was hit-tested under (the screen when none) */
    int view;                 /* the scroll view it lies in (index in views), -1: none */
    int text_seq;             /* strings drawn before it this frame: later ones lie on it */
    char label[UI_LABEL_MAX]; /* a button's label; "" for other pressables */
} UiControl;

typedef struct {
    uint64_t id;
    SDL_Rect view;
    int content; /* content height the view scrolls over */
    int offset;
} UiView;

typedef struct {
    Gfx *gfx;
    TextCtx *text;
    Theme theme;
    Pointer ptr;
    uint32_t now_ms, last_ms;
    uint32_t frame;
    uint64_t active;        /* the control that took the current press */
    uint64_t scroll_active; /* the scroll view that took the current press */
    int animating;          /* something asked for another frame */
    SDL_Rect clip;          /* current clip rectangle (hit-testing honours it) */
    int clipped;
    UiScroll scrolls[UI_SCROLL_POOL];
    int fling_stopped; /* the current press stopped a fling: it is no tap */

    /* the frame's layout, recorded while drawing (reset by ui_begin_frame) */
    UiControl controls[UI_CONTROLS_MAX];
    int ncontrols;
    UiView views[UI_VIEWS_MAX];
    int nviews, cur_view;
    char required[UI_REQUIRED_MAX][UI_LABEL_MAX];
    int nrequired;
    float diagonal_inches; /* the panel's (ui_set_display); 0: unknown */
} Ui;

typedef enum {
    UI_BUTTON_PRIMARY,    /* filled, the main action */
    UI_BUTTON_SECONDARY,  /* outlined */
    UI_BUTTON_TILE,       /* big surface tile (home screen) */
    UI_BUTTON_QUIET,      /* text only, light: for the header */
    UI_BUTTON_QUIET_DARK, /* text only, primary colour: links on the page */
    UI_BUTTON_DANGER,
} UiButtonKind;

/* Sets up the context; gfx and text stay owned by the caller. */
void ui_init(Ui *ui, Gfx *gfx, TextCtx *text);

/* Feeds an SDL event to the pointer. Returns 1 when it was a pointer event. */
int ui_handle_event(Ui *ui, const SDL_Event *ev);

/* Frame bracket: begin takes the frame's time in ms; end clears per-frame input. */
void ui_begin_frame(Ui *ui, uint32_t now_ms);
void ui_end_frame(Ui *ui);

/* Stable ids from strings (FNV-1a), optionally mixed with a number. */
uint64_t ui_id(const char *s);
uint64_t ui_id_n(const char *s, int64_t n);

/* The core of every control: returns 1 on the frame a tap completes on r (pressed and
 * released inside r, not dragged). *held (may be NULL) is 1 while the press is on r,
 * for pressed feedback. Honours the clip rectangle. */
int ui_pressable(Ui *ui, uint64_t id, SDL_Rect r, int *held);

/* A labelled button: draws, and returns 1 when tapped. The label is drawn centred and
 * ellipsized to fit. */
int ui_button(Ui *ui, uint64_t id, SDL_Rect r, const char *label, UiButtonKind kind);

/* Text helpers using the theme: returns the height drawn. */
int ui_text(Ui *ui, const char *s, ThemeText role, ThemeColor color, int x, int y, int max_w);
int ui_text_style(Ui *ui, const char *s, const TextStyle *st, int x, int y, int max_w);
/* Height s would take (no drawing). */
int ui_text_height(Ui *ui, const char *s, const TextStyle *st, int max_w);

/* A vertical scroll view: returns the offset to subtract from content y coordinates.
 * Drag scrolls; a fling keeps going with momentum; the offset is clamped to the
 * content. Sets the clip to view until ui_scroll_end. */
int ui_scroll_begin(Ui *ui, uint64_t id, SDL_Rect view, int content_h);
void ui_scroll_end(Ui *ui);
/* The scroll state of id (NULL if never used), e.g. to jump to the top. */
UiScroll *ui_scroll_state(Ui *ui, uint64_t id);

/* Sets/clears the clip rectangle (drawing and hit-testing). */
void ui_clip(Ui *ui, const SDL_Rect *r);

/* Declares that the control labelled label (a button's label, or the text drawn on a
 * pressable) must be on this frame and reachable, by scrolling if need be: the layout
 * audit reports it otherwise. Call during the frame. */
void ui_require(Ui *ui, const char *label);

/* The display's diagonal, for the audit's millimetres (the pixels fill the panel). */
void ui_set_display(Ui *ui, float diagonal_inches);

/* Millimetres per pixel on the configured panel at the current size; 0 when unknown. */
float ui_mm_per_px(const Ui *ui);

/* Convenience: px of dp. */
int ui_dp(const Ui *ui, float dp);

/* True when the point lies in r and inside the current clip. */
int ui_hit(const Ui *ui, SDL_Rect r, float x, float y);

#endif
