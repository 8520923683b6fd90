/* Render target setup (window or headless surface), dp scaling and screenshots.
 * Headless uses the same SDL_Renderer API as a window, so every screen draws the
 * same way in tests, benchmarks and on the lobby display. */
#include "ui/gfx.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <SDL2/SDL_image.h>

struct Gfx {
    GfxMode mode;
    SDL_Window *window;
    SDL_Surface *surface; /* headless frame buffer */
    SDL_Renderer *renderer;
    Uint32 subsystems; /* what we started, to stop exactly that */
    int width, height;
    float scale;
};

#define GFX_REFERENCE_SIDE 1080.0f /* the short side at which 1 dp = 1 px */

static void gfx_set_size(Gfx *g, int w, int h)
{
    g->width = w;
    g->height = h;
    g->scale = (float)(w < h ? w : h) / GFX_REFERENCE_SIDE;
}

static int gfx_open_headless(Gfx *g, int w, int h, char *err, size_t errlen)
{
    /* The offscreen driver lets SDL_Init(VIDEO) succeed with no display; a surface
     * renderer needs no video at all, so failing here is not fatal. */
    if (!getenv("SDL_VIDEODRIVER"))
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) == 0)
        g->subsystems |= SDL_INIT_VIDEO;
    g->surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGB888);
    if (!g->surface) {
        snprintf(err, errlen, "headless surface %dx%d: %s", w, h, SDL_GetError());
        return -1;
    }
    g->renderer = SDL_CreateSoftwareRenderer(g->surface);
    if (!g->renderer) {
        snprintf(err, errlen, "software renderer: %s", SDL_GetError());
        return -1;
    }
    gfx_set_size(g, w, h);
    return 0;
}

static int gfx_open_window(Gfx *g, const GfxConfig *cfg, char *err, size_t errlen)
{
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
        snprintf(err, errlen, "SDL video: %s", SDL_GetError());
        return -1;
    }
    g->subsystems |= SDL_INIT_VIDEO;
    /* A touch already arrives as SDL_FINGER*; without these hints it would arrive a
     * second time as a synthetic mouse click (and a mouse click as a touch). */
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");

    int w = cfg->width > 0 ? cfg->width : 1080, h = cfg->height > 0 ? cfg->height : 1920;
    Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI;
    if (cfg->mode == GFX_FULLSCREEN)
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
    else
        flags |= SDL_WINDOW_RESIZABLE;
    g->window = SDL_CreateWindow(cfg->title ? cfg->title : "Yanxia", SDL_WINDOWPOS_CENTERED,
                                 SDL_WINDOWPOS_CENTERED, w, h, flags);
    if (!g->window) {
        snprintf(err, errlen, "window %dx%d: %s", w, h, SDL_GetError());
        return -1;
    }
    Uint32 rflags = SDL_RENDERER_ACCELERATED | (cfg->vsync ? SDL_RENDERER_PRESENTVSYNC : 0);
    g->renderer = SDL_CreateRenderer(g->window, -1, rflags);
    if (!g->renderer) /* no GPU driver on this box: the software renderer still works */
        g->renderer = SDL_CreateRenderer(g->window, -1, SDL_RENDERER_SOFTWARE);
    if (!g->renderer) {
        snprintf(err, errlen, "renderer: %s", SDL_GetError());
        return -1;
    }
    gfx_update_size(g);
    return 0;
}

Gfx *gfx_create(const GfxConfig *cfg, char *err, size_t errlen)
{
    Gfx *g = calloc(1, sizeof *g);
    if (!g) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    g->mode = cfg->mode;
    /* Events (timers, the queue) work with or without a display. */
    if (SDL_InitSubSystem(SDL_INIT_EVENTS) == 0)
        g->subsystems |= SDL_INIT_EVENTS;
    int rc;
    if (cfg->mode == GFX_HEADLESS) {
        int w = cfg->width > 0 ? cfg->width : 1080, h = cfg->height > 0 ? cfg->height : 1920;
        rc = gfx_open_headless(g, w, h, err, errlen);
    } else {
        rc = gfx_open_window(g, cfg, err, errlen);
    }
    if (rc != 0)
        goto err;
    SDL_SetRenderDrawBlendMode(g->renderer, SDL_BLENDMODE_BLEND);
    return g;
err:
    gfx_destroy(g);
    return NULL;
}

void gfx_destroy(Gfx *g)
{
    if (!g)
        return;
    if (g->renderer)
        SDL_DestroyRenderer(g->renderer);
    if (g->window)
        SDL_DestroyWindow(g->window);
    if (g->surface)
        SDL_FreeSurface(g->surface);
    if (g->subsystems)
        SDL_QuitSubSystem(g->subsystems);
    free(g);
}

SDL_Renderer *gfx_renderer(const Gfx *g)
{
    return g->renderer;
}

SDL_Window *gfx_window(const Gfx *g)
{
    return g->window;
}

int gfx_is_headless(const Gfx *g)
{
    return g->mode == GFX_HEADLESS;
}

int gfx_width(const Gfx *g)
{
    return g->width;
}

int gfx_height(const Gfx *g)
{
    return g->height;
}

float gfx_scale(const Gfx *g)
{
    return g->scale;
}

float gfx_dpf(const Gfx *g, float v)
{
    return v * g->scale;
}

int gfx_dp(const Gfx *g, float v)
{
    int px = (int)lroundf(v * g->scale);
    if (px == 0 && v > 0)
        px = 1; /* a hairline must not vanish on a small screen */
    return px;
}

int gfx_update_size(Gfx *g)
{
    int w = g->width, h = g->height;
    if (g->renderer && SDL_GetRendererOutputSize(g->renderer, &w, &h) != 0)
        return 0;
    if (w == g->width && h == g->height)
        return 0;
    gfx_set_size(g, w, h);
    return 1;
}

void gfx_clear(Gfx *g, SDL_Color c)
{
    SDL_SetRenderDrawColor(g->renderer, c.r, c.g, c.b, 255);
    SDL_RenderClear(g->renderer);
}

void gfx_present(Gfx *g)
{
    if (g->window)
        SDL_RenderPresent(g->renderer);
}

SDL_Surface *gfx_read_frame(Gfx *g)
{
    SDL_Surface *s =
        SDL_CreateRGBSurfaceWithFormat(0, g->width, g->height, 32, SDL_PIXELFORMAT_RGB888);
    if (!s)
        return NULL;
    if (SDL_RenderReadPixels(g->renderer, NULL, SDL_PIXELFORMAT_RGB888, s->pixels, s->pitch) != 0) {
        SDL_FreeSurface(s);
        return NULL;
    }
    return s;
}

int gfx_screenshot(Gfx *g, const char *path)
{
    SDL_Surface *s = gfx_read_frame(g);
    if (!s)
        return -1;
    int rc = IMG_SavePNG(s, path);
    SDL_FreeSurface(s);
    return rc == 0 ? 0 : -1;
}
