/* A small PNG of the frame on the screen, for the committee's screenshot on request
 * (the fleet's /kiosks page): the frame as laid out, upright whatever the panel's
 * rotation, shrunk to fit a box and encoded in memory. UI thread only. */
#ifndef YX_UI_SNAPSHOT_H
#define YX_UI_SNAPSHOT_H

#include <stddef.h>

#include "ui/gfx.h"

/* Shrinks s (any 32-bit RGB format) by area averaging so that its long side is at most
 * max_side (never enlarges), into a new RGB888 surface. Caller frees with
 * SDL_FreeSurface. NULL when out of memory. */
SDL_Surface *snapshot_shrink(SDL_Surface *s, int max_side);

/* The current frame (call after drawing, before gfx_present) as a PNG whose long side
 * is at most max_side: *png (malloc'd; the caller frees it) of *len bytes, *w x *h
 * pixels. 0, or -1 (SDL_GetError says why) with *png NULL. */
int snapshot_frame_png(Gfx *g, int max_side, unsigned char **png, size_t *len, int *w, int *h);

#endif
