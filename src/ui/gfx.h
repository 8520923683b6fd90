/* The render target: a real window (fullscreen or windowed) or a headless software
 * surface of any size, plus density-independent units and PNG screenshots.
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

/* Output size in pixels. */
int gfx_width(const Gfx *g);
int gfx_height(const Gfx *g);

/* Pixels per dp: min(width, height) / 1080, so portrait 1080x1920 and landscape
 * 1920x1080 are both 1.0, 720p is 0.667 and 4K is 2.0. */
float gfx_scale(const Gfx *g);

/* v density-independent units in pixels, rounded; never 0 for v > 0. */
int gfx_dp(const Gfx *g, float v);
float gfx_dpf(const Gfx *g, float v);

/* Re-reads the output size after a window resize (SDL_WINDOWEVENT_SIZE_CHANGED).
 * Returns 1 when the size changed, 0 otherwise. */
int gfx_update_size(Gfx *g);

/* Fills the whole frame with c. */
void gfx_clear(Gfx *g, SDL_Color c);

/* Shows the frame on a window; a no-op headless (the surface is the frame). */
void gfx_present(Gfx *g);

/* Copies the current frame into a new ARGB8888 surface. Caller frees with
 * SDL_FreeSurface. NULL on failure (SDL_GetError says why). */
SDL_Surface *gfx_read_frame(Gfx *g);

/* Writes the current frame to a PNG file at path. 0 on success, -1 on failure
 * (SDL_GetError says why). Call before gfx_present on accelerated renderers,
 * whose back buffer is undefined after presenting. */
int gfx_screenshot(Gfx *g, const char *path);

#endif
