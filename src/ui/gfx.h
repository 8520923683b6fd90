/* The render target: a real window (fullscreen or windowed) or a headless software
 * surface of any size, plus density-independent units and PNG screenshots.
 * A panel mounted turned ([display] rotate) gets its frame drawn at the turned size
 * into a target texture, turned onto the panel when presented; pointer events are
 * turned back, so what a finger hits is what was drawn. The "frame" is what screens
 * lay out (gfx_width x gfx_height); the "panel" is the output as the hardware has it.
 * Everything here runs on the UI thread only. */
#ifndef YX_UI_GFX_H
#define YX_UI_GFX_H

#include <stddef.h>

#include <SDL2/SDL.h>

typedef enum {
    GFX_WINDOWED,   /* a desktop window of the requested size */
    GFX_FULLSCREEN, /* the lobby display: desktop-fullscreen, size taken from the display */
    GFX_HEADLESS,   /* no display: software renderer on an offscreen RGB surface */
} GfxMode;

typedef struct {
    GfxMode mode;
    int width, height; /* pixels; ignored for GFX_FULLSCREEN (0 means 1080x1920) */
    const char *title; /* window title; NULL gives "Yanxia" */
    int vsync;         /* ask for a vsync'd accelerated renderer */
    int rotate;        /* 0, 90, 180, 270: the frame turned clockwise onto the panel */
} GfxConfig;

typedef struct Gfx Gfx;

/* Opens the render target. A window first tries SDL_RENDERER_ACCELERATED, then the
 * software renderer. Headless asks for SDL's "offscreen" video driver unless
 * SDL_VIDEODRIVER is set, and carries on without any video subsystem if that fails.
 * Returns NULL and writes a message into err on failure. Free with gfx_destroy. */
Gfx *gfx_create(const GfxConfig *cfg, char *err, size_t errlen);

/* Releases the renderer, window/surface and the SDL subsystems gfx_create started.
 * gfx_destroy(NULL) does nothing. */
void gfx_destroy(Gfx *g);

/* The renderer and (NULL when headless) window. Owned by g. */
SDL_Renderer *gfx_renderer(const Gfx *g);
SDL_Window *gfx_window(const Gfx *g);
int gfx_is_headless(const Gfx *g);

/* The frame's size in pixels: what screens lay out (the panel's size, swapped for a
 * quarter turn). */
int gfx_width(const Gfx *g);
int gfx_height(const Gfx *g);

/* The panel's size in pixels and the turn (degrees clockwise) of the frame on it. */
int gfx_panel_width(const Gfx *g);
int gfx_panel_height(const Gfx *g);
int gfx_rotation(const Gfx *g);

/* A point on the panel (pixels) in frame coordinates, and the reverse. Exact inverses
 * of each other for whole pixels. */
void gfx_panel_to_frame(const Gfx *g, float px, float py, float *fx, float *fy);
void gfx_frame_to_panel(const Gfx *g, float fx, float fy, float *px, float *py);

/* The panel rectangle that frame rectangle r covers. */
SDL_Rect gfx_frame_rect_to_panel(const Gfx *g, SDL_Rect r);

/* Rewrites a pointer event (mouse button and motion in panel pixels, touch in
 * fractions of the panel) into frame coordinates; other events are left alone. A
 * no-op without rotation. */
void gfx_event_to_frame(const Gfx *g, SDL_Event *ev);

/* Pixels per dp: min(width, height) / 1080, so portrait 1080x1920 and landscape
 * 1920x1080 are both 1.0, 720p is 0.667 and 4K is 2.0. */
float gfx_scale(const Gfx *g);

/* v density-independent units in pixels, rounded; never 0 for v > 0. */
int gfx_dp(const Gfx *g, float v);
float gfx_dpf(const Gfx *g, float v);

/* Re-reads the output size after a window resize (SDL_WINDOWEVENT_SIZE_CHANGED), and
 * remakes the turned frame's texture to match. Returns 1 when the size changed, 0
 * otherwise (also when the new texture cannot be made: the old one stays, logged). */
int gfx_update_size(Gfx *g);

/* Fills the whole frame with c. */
void gfx_clear(Gfx *g, SDL_Color c);

/* Shows the frame on a window, turned onto the panel first when rotated. Headless the
 * surface is the panel: unrotated a no-op, rotated the frame is turned into it. */
void gfx_present(Gfx *g);

/* Copies what the panel shows (the frame turned by the rotation) into a new RGB888
 * surface of the panel's size. Caller frees with SDL_FreeSurface. NULL on failure
 * (SDL_GetError says why). */
SDL_Surface *gfx_read_frame(Gfx *g);

/* Copies the frame as laid out, upright (gfx_width x gfx_height), into a new RGB888
 * surface. Caller frees with SDL_FreeSurface. NULL on failure. Unrotated on an
 * accelerated renderer, call it before gfx_present (the back buffer is undefined
 * after presenting); a turned frame's texture keeps its pixels. */
SDL_Surface *gfx_read_frame_upright(Gfx *g);

/* Writes what the panel shows (gfx_read_frame) to a PNG file at path. 0 on success,
 * -1 on failure (SDL_GetError says why). Call before gfx_present on accelerated
 * renderers, whose back buffer is undefined after presenting. */
int gfx_screenshot(Gfx *g, const char *path);

#endif
