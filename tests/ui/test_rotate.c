/* A turned panel (gfx.h, [display] rotate): the frame's size is the panel's turned,
 * panel and frame coordinates are exact inverses, a touch is turned back into the frame,
 * what is drawn at a frame pixel shows at the turned panel pixel, and the fleet's
 * screenshot (snapshot.h) is the upright frame, shrunk to fit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <SDL2/SDL_image.h>

#include "ui/gfx.h"
#include "ui/snapshot.h"

static Gfx *open_turned(int w, int h, int rotate)
{
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    char err[256];
    GfxConfig cfg = {.mode = GFX_HEADLESS, .width = w, .height = h, .rotate = rotate};
    Gfx *g = gfx_create(&cfg, err, sizeof err);
    if (!g)
        fail_msg("gfx_create: %s", err);
    return g;
}

static Uint32 pixel(SDL_Surface *s, int x, int y)
{
    return *(Uint32 *)((Uint8 *)s->pixels + y * s->pitch + x * 4) & 0xffffff;
}

static void test_sizes_and_points(void **state)
{
    (void)state;
    for (int rot = 0; rot < 360; rot += 90) {
        Gfx *g = open_turned(640, 360, rot);
        int quarter = rot == 90 || rot == 270;
        assert_int_equal(gfx_width(g), quarter ? 360 : 640);
        assert_int_equal(gfx_height(g), quarter ? 640 : 360);
        assert_int_equal(gfx_panel_width(g), 640);
        assert_int_equal(gfx_rotation(g), rot);
        for (int x = 0; x <= gfx_width(g); x += 37)
            for (int y = 0; y <= gfx_height(g); y += 41) {
                float px, py, fx, fy;
                gfx_frame_to_panel(g, (float)x, (float)y, &px, &py);
                assert_true(px >= 0 && px <= 640 && py >= 0 && py <= 360);
                gfx_panel_to_frame(g, px, py, &fx, &fy);
                assert_true(fx == (float)x && fy == (float)y);
            }
        gfx_destroy(g);
    }
}

static void test_touch_turned_back(void **state)
{
    (void)state;
    /* turned 90 clockwise, the frame's top-left corner is at the panel's top-right */
    Gfx *g = open_turned(640, 360, 90);
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_FINGERDOWN;
    ev.tfinger.x = 0.75f; /* panel (480, 90) */
    ev.tfinger.y = 0.25f;
    gfx_event_to_frame(g, &ev);
    assert_float_equal(ev.tfinger.x, 0.25f, 1e-6); /* frame (90, 160) of 360x640 */
    assert_float_equal(ev.tfinger.y, 0.25f, 1e-6);
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_MOUSEBUTTONDOWN;
    ev.button.x = 630;
    ev.button.y = 5;
    gfx_event_to_frame(g, &ev);
    assert_int_equal(ev.button.x, 5);
    assert_int_equal(ev.button.y, 10);
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_MOUSEMOTION;
    ev.motion.x = 600;
    ev.motion.y = 100;
    ev.motion.xrel = -10; /* leftwards on the panel is downwards in the frame */
    gfx_event_to_frame(g, &ev);
    assert_int_equal(ev.motion.x, 100);
    assert_int_equal(ev.motion.y, 40);
    assert_int_equal(ev.motion.xrel, 0);
    assert_int_equal(ev.motion.yrel, 10);
    gfx_destroy(g);
}

static void test_drawn_pixel_lands_turned(void **state)
{
    (void)state;
    for (int rot = 90; rot < 360; rot += 90) {
        Gfx *g = open_turned(64, 48, rot);
        SDL_Renderer *r = gfx_renderer(g);
        gfx_clear(g, (SDL_Color){0, 0, 0, 255});
        SDL_SetRenderDrawColor(r, 255, 0, 0, 255);
        SDL_RenderDrawPoint(r, 3, 5); /* frame pixel (3, 5) */
        SDL_Surface *panel = gfx_read_frame(g);
        assert_non_null(panel);
        assert_int_equal(panel->w, 64);
        assert_int_equal(panel->h, 48);
        int fw = gfx_width(g), fh = gfx_height(g);
        int px = rot == 90 ? fh - 1 - 5 : rot == 180 ? fw - 1 - 3 : 5;
        int py = rot == 90 ? 3 : rot == 180 ? fh - 1 - 5 : fw - 1 - 3;
        assert_int_equal(pixel(panel, px, py), 0xff0000);
        SDL_FreeSurface(panel);
        SDL_Surface *up = gfx_read_frame_upright(g);
        assert_int_equal(up->w, fw);
        assert_int_equal(pixel(up, 3, 5), 0xff0000);
        SDL_FreeSurface(up);
        gfx_destroy(g);
    }
}

static void test_snapshot_upright_and_small(void **state)
{
    (void)state;
    Gfx *g = open_turned(1920, 1080, 270);
    gfx_clear(g, (SDL_Color){255, 255, 255, 255});
    SDL_SetRenderDrawColor(gfx_renderer(g), 0, 0, 255, 255);
    SDL_RenderFillRect(gfx_renderer(g), &(SDL_Rect){0, 0, 1080, 192}); /* the top tenth */
    unsigned char *png = NULL;
    size_t len = 0;
    int w = 0, h = 0;
    assert_int_equal(snapshot_frame_png(g, 720, &png, &len, &w, &h), 0);
    assert_int_equal(w, 405);
    assert_int_equal(h, 720);
    assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
    SDL_Surface *decoded = IMG_LoadTyped_RW(SDL_RWFromConstMem(png, (int)len), 1, "PNG");
    assert_non_null(decoded);
    assert_int_equal(decoded->w, 405);
    assert_int_equal(decoded->h, 720);
    SDL_FreeSurface(decoded);
    free(png);
    /* shrinking averages: blue above, white below, never enlarged */
    SDL_Surface *up = gfx_read_frame_upright(g);
    SDL_Surface *small = snapshot_shrink(up, 720);
    assert_int_equal(pixel(small, 200, 10), 0x0000ff);
    assert_int_equal(pixel(small, 200, 700), 0xffffff);
    SDL_Surface *same = snapshot_shrink(small, 720);
    assert_int_equal(same->w, 405);
    SDL_FreeSurface(same);
    SDL_FreeSurface(small);
    SDL_FreeSurface(up);
    gfx_destroy(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sizes_and_points),
        cmocka_unit_test(test_touch_turned_back),
        cmocka_unit_test(test_drawn_pixel_lands_turned),
        cmocka_unit_test(test_snapshot_upright_and_small),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
