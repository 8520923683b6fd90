/* Colours, type sizes and spacing as data. A warm, high-contrast palette and big type
 * for elderly readers standing in a lobby; large-text mode scales type by 1.35.
 *
 * Touch targets: THEME_SIZE_TOUCH_MIN is 96 dp. One dp is 1/1080 of the screen's short
 * side, and a 16:9 panel of diagonal D inches has a short side of 12.45*D mm, so
 * 96 dp = 1.107*D mm: 23.8 mm on a 21.5-inch lobby screen (twice the 12 mm minimum,
 * for unsteady fingers), 35 mm on a 32-inch one, and still 12 mm on a panel as small
 * as 10.8 inches. Pixel density (1080p or 4K) does not change these figures. */
#ifndef YX_UI_THEME_H
#define YX_UI_THEME_H

#include "ui/gfx.h"
#include "ui/text.h"

typedef enum {
    THEME_BG,          /* page background: warm paper */
    THEME_SURFACE,     /* cards and tiles */
    THEME_SURFACE_ALT, /* bands, secondary tiles */
    THEME_TEXT,        /* body text */
    THEME_TEXT_MUTED,  /* dates, captions (still >= 7:1 on the background) */
    THEME_PRIMARY,     /* buttons, the header band */
    THEME_ON_PRIMARY,  /* text on THEME_PRIMARY */
    THEME_ACCENT,      /* decoration only, never text */
    THEME_URGENT,      /* 紧急 notices */
    THEME_ON_URGENT,
    THEME_URGENT_BG, /* tint behind an urgent banner's body */
    THEME_SUCCESS,   /* confirmed */
    THEME_WARNING,   /* waitlisted, few places left */
    THEME_DIVIDER,
    THEME_PRESSED, /* overlay on a pressed control */
    THEME_PAPER,   /* health column page */
    THEME_INK,     /* health column handwriting */
    THEME_COLOR_COUNT
} ThemeColor;

typedef enum {
    THEME_TEXT_CAPTION,
    THEME_TEXT_BODY,
    THEME_TEXT_BUTTON,
    THEME_TEXT_SUBTITLE,
    THEME_TEXT_TITLE,
    THEME_TEXT_DISPLAY, /* the clock, big numbers */
    THEME_TEXT_HANDWRITING,
    THEME_TEXT_COUNT
} ThemeText;

typedef enum {
    THEME_SIZE_TOUCH_MIN, /* smallest side of anything a finger must hit */
    THEME_SIZE_GAP_XS,
    THEME_SIZE_GAP_S,
    THEME_SIZE_GAP_M,
    THEME_SIZE_GAP_L,
    THEME_SIZE_GAP_XL,
    THEME_SIZE_RADIUS, /* corner radius of cards and buttons */
    THEME_SIZE_HEADER, /* height of the top bar */
    THEME_SIZE_BORDER, /* outline width */
    THEME_SIZE_TILE,   /* a home-screen section tile's short side */
    THEME_SIZE_COUNT
} ThemeSize;

#define THEME_LARGE_TEXT_FACTOR 1.35f

typedef struct {
    int large_text; /* the resident switched to large text */
} Theme;

SDL_Color theme_color(ThemeColor c);
const char *theme_color_name(ThemeColor c);

/* Size of a text role in dp, multiplied by THEME_LARGE_TEXT_FACTOR in large-text mode. */
float theme_text_dp(const Theme *th, ThemeText t);

/* The same in pixels for g's screen. */
int theme_text_px(const Theme *th, const Gfx *g, ThemeText t);

/* A ready TextStyle for a role and a colour (face, size, line spacing from the table). */
TextStyle theme_text_style(const Theme *th, const Gfx *g, ThemeText t, ThemeColor color);

/* A spacing/size constant in dp and in pixels. Touch targets do not shrink in any mode. */
float theme_size_dp(ThemeSize s);
int theme_size_px(const Gfx *g, ThemeSize s);

/* WCAG 2 contrast ratio of two opaque colours (1..21). */
double theme_contrast(SDL_Color a, SDL_Color b);

#endif
