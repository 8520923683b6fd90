/* The night frame (app.c draws it instead of every screen while the kiosk sleeps):
 * black with [display] night = off, or a dim large clock that drifts a few pixels a
 * minute so no pixel holds the same light all night (burn-in care). UI thread only. */
#ifndef YX_SCREENS_NIGHT_H
#define YX_SCREENS_NIGHT_H

#include "screens/app.h"

/* Draws the night frame for the app's current time (app_time_now). */
void night_draw(App *app);

/* Where the clock's block of size w x h sits on a W x H screen at local minute m
 * (minutes since the epoch): a slow Lissajous walk inside a margin, a few pixels a
 * minute, the same place for the same minute. */
SDL_Point night_clock_place(int64_t m, int W, int H, int w, int h, int margin);

#endif
