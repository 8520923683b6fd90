/* Shared set-up for the UI tests: a headless render target, the real fonts and a text
 * context, all without a display (SDL's offscreen video driver). */
#ifndef YX_TESTS_UITEST_H
#define YX_TESTS_UITEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ui/font.h"
#include "ui/gfx.h"
#include "ui/text.h"
#include "ui/theme.h"

typedef struct {
    Gfx *gfx;
    FontSet *fonts;
    TextCtx *text;
} Ui;

static inline Ui *ui_open(int w, int h, size_t cache_bytes)
{
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    char err[256];
    Ui *u = calloc(1, sizeof *u);
    GfxConfig cfg = {.mode = GFX_HEADLESS, .width = w, .height = h};
    u->gfx = gfx_create(&cfg, err, sizeof err);
    if (!u->gfx)
        fail_msg("gfx_create: %s", err);
    u->fonts = font_set_create(err, sizeof err);
    if (!u->fonts)
        fail_msg("font_set_create: %s", err);
    u->text = text_create(u->fonts, gfx_renderer(u->gfx), cache_bytes);
    assert_non_null(u->text);
    return u;
}

static inline void ui_close(Ui *u)
{
    text_destroy(u->text);
    font_set_destroy(u->fonts);
    gfx_destroy(u->gfx);
    free(u);
}

static inline int ui_setup(void **state)
{
    *state = ui_open(1080, 1920, 0);
    return 0;
}

static inline int ui_teardown(void **state)
{
    ui_close(*state);
    return 0;
}

/* Pixel (x, y) of an RGB888 surface as 0xRRGGBB. */
static inline uint32_t ui_pixel(const SDL_Surface *s, int x, int y)
{
    const uint8_t *row = (const uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch;
    uint32_t v;
    memcpy(&v, row + 4 * x, 4);
    return v & 0xFFFFFF;
}

static inline uint32_t ui_rgb(SDL_Color c)
{
    return ((uint32_t)c.r << 16) | ((uint32_t)c.g << 8) | c.b;
}

#endif
