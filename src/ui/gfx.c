/* Render target setup (window or headless surface), dp scaling and screenshots.
 * Headless uses the same SDL_Renderer API as a window, so every screen draws the
 * same way in tests, benchmarks and on the lobby display. */
#include "ui/gfx.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include <SDL2/SDL_image.h>

struct Gfx {
    GfxMode mode;
    SDL_Window *window;
    SDL_Surface *surface;       /* headless: the panel's pixels */
    SDL_Surface *frame_surface; /* headless and rotated: what screens draw into */
    SDL_Renderer *renderer;
    SDL_Texture *frame; /* rotated on a window: the target screens draw into; else NULL */
    Uint32 subsystems;  /* what we started, to stop exactly that */
    int rotate;         /* 0, 90, 180, 270 degrees clockwise */
    int panel_w, panel_h;
    int width, height; /* the frame: the panel's size, swapped for a quarter turn */
    float scale;
};

#define GFX_REFERENCE_SIDE 1080.0f /* the short side at which 1 dp = 1 px */

static void gfx_set_size(Gfx *g, int w, int h)
{
    g->panel_w = w;
    g->panel_h = h;
    if (g->rotate == 90 || g->rotate == 270) {
        int t = w;
        w = h;
        h = t;
    }
    g->width = w;
    g->height = h;
    g->scale = (float)(w < h ? w : h) / GFX_REFERENCE_SIDE;
}

/* The texture a rotated frame is drawn into on a window, at the frame's size, made the
 * render target. Without rotation screens draw straight onto the panel; headless they
 * draw into a surface of their own (gfx_open_headless). */
static int gfx_make_frame(Gfx *g)
{
    if (g->rotate == 0 || g->frame_surface)
        return 0;
    SDL_Texture *t = SDL_CreateTexture(g->renderer, SDL_PIXELFORMAT_RGB888,
                                       SDL_TEXTUREACCESS_TARGET, g->width, g->height);
    if (!t) /* a renderer without RGB888 targets has ARGB8888 ones */
        t = SDL_CreateTexture(g->renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET,
                              g->width, g->height);
    if (!t)
        return -1;
    /* a quarter turn moves whole pixels: no blending with the panel, no filtering */
    SDL_SetTextureBlendMode(t, SDL_BLENDMODE_NONE);
    SDL_SetTextureScaleMode(t, SDL_ScaleModeNearest);
    if (SDL_SetRenderTarget(g->renderer, t) != 0) {
        SDL_DestroyTexture(t);
        return -1;
    }
    if (g->frame)
        SDL_DestroyTexture(g->frame);
    g->frame = t;
    return 0;
}

/* Headless: the frame surface turned into the panel surface, pixel for pixel, in
 * 64x64 tiles so that the column writes of a quarter turn stay in the cache. Frame
 * pixel (x, y) lands at (W-1-y, x) for 90, (W-1-x, H-1-y) for 180 and (y, H-1-x) for
 * 270, W x H being the panel's size. */
static void turn_pixels(Gfx *g)
{
    SDL_RenderFlush(g->renderer); /* draws SDL may still hold in its batch */
    const SDL_Surface *src = g->frame_surface;
    SDL_Surface *dst = g->surface;
    const int T = 64, pw = g->panel_w, ph = g->panel_h;
    const ptrdiff_t P = dst->pitch / 4; /* RGB888: a pixel is a Uint32 */
    /* where frame pixel (0, y) lands, and the step to (x + 1, y) */
    ptrdiff_t step = g->rotate == 90 ? P : g->rotate == 180 ? -1 : -P;
    Uint32 *out = dst->pixels;
    for (int ty = 0; ty < src->h; ty += T)
        for (int tx = 0; tx < src->w; tx += T) {
            int ey = ty + T < src->h ? ty + T : src->h, ex = tx + T < src->w ? tx + T : src->w;
            for (int y = ty; y < ey; y++) {
                const Uint32 *row = (const Uint32 *)((const Uint8 *)src->pixels + y * src->pitch);
                ptrdiff_t at = g->rotate == 90    ? (ptrdiff_t)(pw - 1 - y)
                               : g->rotate == 180 ? (ptrdiff_t)(ph - 1 - y) * P + pw - 1
                                                  : (ptrdiff_t)(ph - 1) * P + y;
                at += step * tx;
                for (int x = tx; x < ex; x++, at += step)
                    out[at] = row[x];
            }
        }
}

/* Draws the frame turned onto the panel and, on a window, leaves the panel (the
 * renderer's default target) as the target: the caller reads or presents it, then
 * gfx_unturn. */
static int gfx_turn_onto_panel(Gfx *g)
{
    if (g->frame_surface) {
        turn_pixels(g);
        return 0;
    }
    if (SDL_SetRenderTarget(g->renderer, NULL) != 0)
        return -1;
    SDL_SetRenderDrawColor(g->renderer, 0, 0, 0, 255);
    SDL_RenderClear(g->renderer);
    /* SDL turns the destination rectangle about its centre: centred on the panel, the
     * turned frame covers it exactly */
    SDL_Rect dst = {(g->panel_w - g->width) / 2, (g->panel_h - g->height) / 2, g->width, g->height};
    return SDL_RenderCopyEx(g->renderer, g->frame, NULL, &dst, (double)g->rotate, NULL,
                            SDL_FLIP_NONE);
}

static void gfx_unturn(Gfx *g)
{
    if (g->frame)
        SDL_SetRenderTarget(g->renderer, g->frame);
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
    gfx_set_size(g, w, h);
    if (g->rotate) {
        /* the screens draw upright into a surface of the frame's size; presenting
         * turns it into the panel's in one pass (turn_pixels) */
        g->frame_surface =
            SDL_CreateRGBSurfaceWithFormat(0, g->width, g->height, 32, SDL_PIXELFORMAT_RGB888);
        if (!g->frame_surface) {
            snprintf(err, errlen, "headless frame %dx%d: %s", g->width, g->height, SDL_GetError());
            return -1;
        }
    }
    g->renderer = SDL_CreateSoftwareRenderer(g->frame_surface ? g->frame_surface : g->surface);
    if (!g->renderer) {
        snprintf(err, errlen, "software renderer: %s", SDL_GetError());
        return -1;
    }
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
    g->rotate = cfg->rotate == 90 || cfg->rotate == 180 || cfg->rotate == 270 ? cfg->rotate : 0;
    if (cfg->mode == GFX_HEADLESS) {
        int w = cfg->width > 0 ? cfg->width : 1080, h = cfg->height > 0 ? cfg->height : 1920;
        rc = gfx_open_headless(g, w, h, err, errlen);
    } else {
        rc = gfx_open_window(g, cfg, err, errlen);
    }
    if (rc != 0)
        goto err;
    if (gfx_make_frame(g) != 0) {
        snprintf(err, errlen, "a %dx%d frame to turn by %d degrees: %s", g->width, g->height,
                 g->rotate, SDL_GetError());
        goto err;
    }
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
    if (g->frame)
        SDL_DestroyTexture(g->frame);
    if (g->renderer)
        SDL_DestroyRenderer(g->renderer);
    if (g->window)
        SDL_DestroyWindow(g->window);
    if (g->surface)
        SDL_FreeSurface(g->surface);
    if (g->frame_surface)
        SDL_FreeSurface(g->frame_surface);
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

int gfx_panel_width(const Gfx *g)
{
    return g->panel_w;
}

int gfx_panel_height(const Gfx *g)
{
    return g->panel_h;
}

int gfx_rotation(const Gfx *g)
{
    return g->rotate;
}

/* Turned clockwise by 90, the frame's top-left corner lands at the panel's top-right:
 * frame (x, y) is panel (W - y, x) with W the panel's width (the frame's height). */
void gfx_frame_to_panel(const Gfx *g, float fx, float fy, float *px, float *py)
{
    float pw = (float)g->panel_w, ph = (float)g->panel_h;
    switch (g->rotate) {
    case 90:
        *px = pw - fy, *py = fx;
        break;
    case 180:
        *px = pw - fx, *py = ph - fy;
        break;
    case 270:
        *px = fy, *py = ph - fx;
        break;
    default:
        *px = fx, *py = fy;
        break;
    }
}

void gfx_panel_to_frame(const Gfx *g, float px, float py, float *fx, float *fy)
{
    float pw = (float)g->panel_w, ph = (float)g->panel_h;
    switch (g->rotate) {
    case 90:
        *fx = py, *fy = pw - px;
        break;
    case 180:
        *fx = pw - px, *fy = ph - py;
        break;
    case 270:
        *fx = ph - py, *fy = px;
        break;
    default:
        *fx = px, *fy = py;
        break;
    }
}

SDL_Rect gfx_frame_rect_to_panel(const Gfx *g, SDL_Rect r)
{
    float x1, y1, x2, y2;
    gfx_frame_to_panel(g, (float)r.x, (float)r.y, &x1, &y1);
    gfx_frame_to_panel(g, (float)(r.x + r.w), (float)(r.y + r.h), &x2, &y2);
    int l = (int)(x1 < x2 ? x1 : x2), t = (int)(y1 < y2 ? y1 : y2);
    return (SDL_Rect){l, t, abs((int)x2 - (int)x1), abs((int)y2 - (int)y1)};
}

/* A move (dx, dy) on the panel as a move in the frame: the turn without the shift. */
static void turn_back_delta(int rotate, float dx, float dy, float *fx, float *fy)
{
    switch (rotate) {
    case 90:
        *fx = dy, *fy = -dx;
        break;
    case 180:
        *fx = -dx, *fy = -dy;
        break;
    case 270:
        *fx = -dy, *fy = dx;
        break;
    default:
        *fx = dx, *fy = dy;
        break;
    }
}

void gfx_event_to_frame(const Gfx *g, SDL_Event *ev)
{
    if (g->rotate == 0)
        return;
    float x, y, dx, dy;
    switch (ev->type) {
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        gfx_panel_to_frame(g, (float)ev->button.x, (float)ev->button.y, &x, &y);
        ev->button.x = (Sint32)lroundf(x);
        ev->button.y = (Sint32)lroundf(y);
        break;
    case SDL_MOUSEMOTION:
        gfx_panel_to_frame(g, (float)ev->motion.x, (float)ev->motion.y, &x, &y);
        turn_back_delta(g->rotate, (float)ev->motion.xrel, (float)ev->motion.yrel, &dx, &dy);
        ev->motion.x = (Sint32)lroundf(x);
        ev->motion.y = (Sint32)lroundf(y);
        ev->motion.xrel = (Sint32)lroundf(dx);
        ev->motion.yrel = (Sint32)lroundf(dy);
        break;
    case SDL_FINGERDOWN:
    case SDL_FINGERUP:
    case SDL_FINGERMOTION:
        /* touches come in fractions of the panel; leave them in fractions of the frame */
        gfx_panel_to_frame(g, ev->tfinger.x * (float)g->panel_w, ev->tfinger.y * (float)g->panel_h,
                           &x, &y);
        turn_back_delta(g->rotate, ev->tfinger.dx * (float)g->panel_w,
                        ev->tfinger.dy * (float)g->panel_h, &dx, &dy);
        ev->tfinger.x = x / (float)g->width;
        ev->tfinger.y = y / (float)g->height;
        ev->tfinger.dx = dx / (float)g->width;
        ev->tfinger.dy = dy / (float)g->height;
        break;
    default:
        break;
    }
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
    if (g->mode == GFX_HEADLESS)
        return 0; /* a surface never changes size */
    int w = g->panel_w, h = g->panel_h;
    /* the software renderer answers with the current target's size: ask the panel */
    if (g->frame)
        SDL_SetRenderTarget(g->renderer, NULL);
    int rc = g->renderer ? SDL_GetRendererOutputSize(g->renderer, &w, &h) : 0;
    if (g->frame)
        gfx_unturn(g);
    if (rc != 0)
        return 0;
    if (w == g->panel_w && h == g->panel_h)
        return 0;
    int old_w = g->panel_w, old_h = g->panel_h;
    gfx_set_size(g, w, h);
    if (gfx_make_frame(g) != 0) {
        SDL_Log("gfx: no %dx%d frame to turn: %s; keeping the old size", g->width, g->height,
                SDL_GetError());
        gfx_set_size(g, old_w, old_h);
        return 0;
    }
    return 1;
}

void gfx_clear(Gfx *g, SDL_Color c)
{
    SDL_SetRenderDrawColor(g->renderer, c.r, c.g, c.b, 255);
    SDL_RenderClear(g->renderer);
}

void gfx_present(Gfx *g)
{
    if (g->rotate) {
        /* the one extra full-screen copy a turned panel costs per frame (headless: into
         * the panel's surface, so benchmarks pay it too) */
        gfx_turn_onto_panel(g);
        if (g->window)
            SDL_RenderPresent(g->renderer);
        gfx_unturn(g);
        return;
    }
    if (g->window)
        SDL_RenderPresent(g->renderer);
}

/* The current render target's w x h pixels into a new surface. */
static SDL_Surface *read_target(Gfx *g, int w, int h)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGB888);
    if (!s)
        return NULL;
    if (SDL_RenderReadPixels(g->renderer, NULL, SDL_PIXELFORMAT_RGB888, s->pixels, s->pitch) != 0) {
        SDL_FreeSurface(s);
        return NULL;
    }
    return s;
}

SDL_Surface *gfx_read_frame(Gfx *g)
{
    if (!g->rotate)
        return read_target(g, g->width, g->height);
    if (g->frame_surface) {
        turn_pixels(g);
        return SDL_ConvertSurfaceFormat(g->surface, SDL_PIXELFORMAT_RGB888, 0);
    }
    SDL_Surface *s = NULL;
    if (gfx_turn_onto_panel(g) == 0)
        s = read_target(g, g->panel_w, g->panel_h);
    gfx_unturn(g);
    return s;
}

SDL_Surface *gfx_read_frame_upright(Gfx *g)
{
    return read_target(g, g->width, g->height);
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
