/* Text: fallback runs across faces, UAX #14 line breaking with Chinese rules
 * (libunibreak, language "zh": no line starts with 。，、）」), ellipsis for cut
 * titles, and an LRU cache of rendered text textures under a byte cap so a frame never
 * re-renders a string it already drew. Layout needs fonts only (no renderer), so it
 * can be tested and used for hit-testing alone. UI thread only. */
#ifndef YX_UI_TEXT_H
#define YX_UI_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include <SDL2/SDL.h>

#include "ui/font.h"

typedef enum { TEXT_ALIGN_LEFT, TEXT_ALIGN_CENTER, TEXT_ALIGN_RIGHT } TextAlign;

typedef struct {
    FontFace face;
    int px; /* font size in pixels (see theme_text_px) */
    SDL_Color color;
    float line_spacing; /* multiple of the main font's line skip; 0 means 1.0 */
    int max_lines;      /* 0: unlimited; otherwise the last kept line ends in "…" */
    TextAlign align;    /* of each line within the block */
    int whole;          /* a label that must show whole (a button, an option, a tile): the
                           layout audit reports it when "…" or a clip cuts it */
    int transient;      /* a string that the clock replaces (the time, today's date): the
                           cache keeps the newest of its style and width only, so a day's
                           minutes do not fill it */
} TextStyle;

typedef struct {
    size_t start, len; /* bytes of the source string, without the space or newline at the break */
    int width;         /* pixels, including the ellipsis when there is one */
    int ellipsis;      /* the text was cut after this line: "…" is drawn after it */
} TextLine;

typedef struct {
    TextLine *lines;
    int count;
    int width;       /* widest line */
    int height;      /* count * line_height */
    int line_height; /* pixels from one line's top to the next */
    int truncated;   /* max_lines cut the text */
} TextLayout;

typedef struct {
    unsigned long hits, misses, evictions;
    unsigned long replaced;       /* transient strings dropped for a newer one of their style */
    unsigned long missing_glyphs; /* code points no face had, in text rendered so far */
    size_t bytes, entries;        /* texture memory held by the cache */
} TextCacheStats;

typedef struct TextCtx TextCtx;

#define TEXT_CACHE_DEFAULT_BYTES (24u << 20)

/* A text context drawing with fonts onto renderer r. r may be NULL for a context that
 * only measures and lays out. cache_bytes caps the texture cache (0: the default).
 * NULL on allocation failure. fonts and r stay owned by the caller and must outlive
 * the context. Free with text_destroy. */
TextCtx *text_create(FontSet *fonts, SDL_Renderer *r, size_t cache_bytes);

/* Frees every cached texture and the context. text_destroy(NULL) does nothing. */
void text_destroy(TextCtx *t);

/* Width in pixels of the first len bytes of s on one line. -1 on failure. */
int text_measure(TextCtx *t, const char *s, size_t len, const TextStyle *st);

/* Height of one line of st (the main font's line skip times the spacing): what a
 * one-line label occupies, for centring it in a button. -1 on failure. */
int text_line_height(TextCtx *t, const TextStyle *st);

/* Breaks utf8 into lines no wider than max_width (<= 0: break only at newlines).
 * Breaks only where UAX #14 with Chinese rules allows; a word wider than max_width is
 * split between characters; a last line of one or two characters takes a piece of
 * the line before when that fits. On success fills out (free with text_layout_free) and
 * returns 0; -1 on allocation failure or invalid UTF-8 (out is then empty). */
int text_layout(TextCtx *t, const char *utf8, const TextStyle *st, int max_width, TextLayout *out);
void text_layout_free(TextLayout *l);

/* utf8 itself when it fits in max_width on one line, otherwise its longest prefix that
 * fits with "…" after it. Newly allocated (caller frees); NULL on allocation failure. */
char *text_ellipsize(TextCtx *t, const char *utf8, const TextStyle *st, int max_width);

/* Number of code points in utf8 that no font of face's fallback chain can draw (they
 * would show as boxes). *first (may be NULL) receives the first such code point. */
int text_missing_glyphs(TextCtx *t, const char *utf8, FontFace face, uint32_t *first);

/* The texture for utf8 laid out with st and max_width, from the cache or rendered now.
 * Owned by the cache: valid until the next text_texture/text_draw call that evicts it.
 * *w and *h (may be NULL) receive its size. NULL for "" or on failure (logged). */
SDL_Texture *text_texture(TextCtx *t, const char *utf8, const TextStyle *st, int max_width, int *w,
                          int *h);

/* Draws utf8 with its top-left corner at (x, y), wrapped to max_width; with a centred or
 * right alignment and max_width > 0 the block is placed within [x, x + max_width).
 * Records the string for text_frame_find. *drawn (may be NULL) receives the rectangle
 * covered. 0 on success (also for ""), -1 on failure. */
int text_draw(TextCtx *t, const char *utf8, const TextStyle *st, int x, int y, int max_width,
              SDL_Rect *drawn);

void text_cache_stats(const TextCtx *t, TextCacheStats *out);

/* Drops every cached texture (e.g. after the renderer was reset). Transient strings
 * (TextStyle.transient) not drawn in the current frame (since text_frame_begin) are
 * dropped when a new one of the same style and width is rendered. */
void text_cache_clear(TextCtx *t);

/* One string drawn in the current frame, as a resident can read it. */
typedef struct {
    char *text;    /* the string given to text_draw */
    char *shown;   /* what can be read of it: cut with "…" by max_lines, lines or characters
                      outside the clip rectangle (or the screen) left out; "" when none */
    SDL_Rect rect; /* the visible part of the block */
    SDL_Rect full; /* where the whole block was laid out */
    SDL_Rect clip; /* the clip rectangle it was drawn under (the output when none) */
    int truncated; /* the layout cut it with "…" */
    int whole;     /* its style's whole flag */
} TextDrawn;

/* Starts a new frame's list of drawn strings (used by scripted `tap "LABEL"` and
 * `expect "TEXT"`, and by the layout audit). */
void text_frame_begin(TextCtx *t);

/* 1 and *where (may be NULL) set to its visible rectangle when a string drawn since
 * text_frame_begin reads needle as drawn (after "…" and clipping: "通知…" does not read
 * 通知公告); 0 otherwise. Exact matches win over partial ones. */
int text_frame_find(const TextCtx *t, const char *needle, SDL_Rect *where);

/* The strings drawn since text_frame_begin, in drawing order (owned by t, valid until the
 * next text_frame_begin). */
int text_frame_count(const TextCtx *t);
const TextDrawn *text_frame_get(const TextCtx *t, int i);

#endif
