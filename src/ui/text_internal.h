/* Shared between text.c (runs, measuring, layout) and text_render.c (texture cache,
 * drawing, the frame's list of drawn strings). Not for use outside src/ui/text*.c. */
#ifndef YX_UI_TEXT_INTERNAL_H
#define YX_UI_TEXT_INTERNAL_H

#include "ui/text.h"

typedef struct TextEntry TextEntry;

struct TextCtx {
    FontSet *fonts;
    SDL_Renderer *renderer;
    char *scratch; /* NUL-terminated copies of runs for SDL_ttf */
    size_t scratch_cap;

    /* texture cache: hash buckets plus a most-recently-used list */
    TextEntry **buckets;
    size_t nbuckets;
    TextEntry *mru, *lru;
    size_t cap_bytes;
    TextCacheStats stats;

    unsigned long frame; /* counts text_frame_begin calls */
    TextDrawn *drawn;    /* strings drawn since text_frame_begin */
    int ndrawn, capdrawn;
};

/* Length in bytes of the run starting at pos in s[0..len) drawn by one font of face's
 * chain; *link receives the chain position. Code points no face has are counted in
 * *missing (may be NULL) and drawn by link 0. 0 at the end of the text. */
size_t text_run_next(TextCtx *t, FontFace face, const char *s, size_t len, size_t pos, int *link,
                     unsigned long *missing);

/* s[0..len) copied into the context's scratch buffer with a NUL. NULL on allocation failure. */
const char *text_scratch(TextCtx *t, const char *s, size_t len);

/* The main font of st (link 0 of its face at its size). */
TTF_Font *text_main_font(TextCtx *t, const TextStyle *st);

#endif
