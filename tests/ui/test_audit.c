/* The layout audit over hand-made frames: a clean frame passes, and each kind of
 * finding (overlap, cut label, off the screen, small target, required control missing
 * or cut by its scroll view) is reported on a line naming the control. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ui/audit.h"
#include "ui/font.h"
#include "ui/gfx.h"
#include "ui/text.h"
#include "ui/theme.h"
#include "ui/ui.h"

typedef struct {
    Gfx *gfx;
    FontSet *fonts;
    TextCtx *text;
    Ui ui;
    char out[8192];
} Fixture;

static int setup(void **state)
{
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    char err[256];
    Fixture *f = calloc(1, sizeof *f);
    GfxConfig cfg = {.mode = GFX_HEADLESS, .width = 1080, .height = 1920};
    f->gfx = gfx_create(&cfg, err, sizeof err);
    assert_non_null(f->gfx);
    f->fonts = font_set_create(err, sizeof err);
    assert_non_null(f->fonts);
    f->text = text_create(f->fonts, gfx_renderer(f->gfx), 0);
    assert_non_null(f->text);
    ui_init(&f->ui, f->gfx, f->text);
    ui_set_display(&f->ui, 22.0f);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    text_destroy(f->text);
    font_set_destroy(f->fonts);
    gfx_destroy(f->gfx);
    free(f);
    return 0;
}

/* Audits the frame drawn since ui_begin_frame; the report lands in f->out. */
static int audit(Fixture *f)
{
    FILE *m = fmemopen(f->out, sizeof f->out - 1, "w");
    assert_non_null(m);
    int n = ui_audit(&f->ui, "test", m);
    fclose(m);
    ui_end_frame(&f->ui);
    return n;
}

static void test_clean_frame_passes(void **state)
{
    Fixture *f = *state;
    ui_begin_frame(&f->ui, 1000);
    ui_button(&f->ui, 1, (SDL_Rect){40, 200, 400, 120}, "提交", UI_BUTTON_PRIMARY);
    ui_button(&f->ui, 2, (SDL_Rect){500, 200, 400, 120}, "返回", UI_BUTTON_SECONDARY);
    ui_require(&f->ui, "提交");
    assert_int_equal(audit(f), 0);
    /* 12 mm on a 22-inch 1080x1920 panel is about 48 pixels */
    assert_true(ui_mm_per_px(&f->ui) > 0.24f && ui_mm_per_px(&f->ui) < 0.26f);
}

static void test_overlapping_hit_areas(void **state)
{
    Fixture *f = *state;
    ui_begin_frame(&f->ui, 1000);
    ui_button(&f->ui, 1, (SDL_Rect){40, 200, 400, 120}, "提交", UI_BUTTON_PRIMARY);
    ui_button(&f->ui, 2, (SDL_Rect){300, 260, 400, 120}, "清空", UI_BUTTON_SECONDARY);
    assert_int_equal(audit(f), 1);
    assert_non_null(strstr(
        f->out, "audit: test: 「提交」 overlaps the hit area of 「清空」 at 300,260 140x60"));
}

static void test_cut_label(void **state)
{
    Fixture *f = *state;
    ui_begin_frame(&f->ui, 1000);
    ui_button(&f->ui, 1, (SDL_Rect){40, 200, 150, 120}, "我要报名（候补）", UI_BUTTON_PRIMARY);
    assert_true(audit(f) >= 1);
    assert_non_null(strstr(f->out, "「我要报名（候补）」 is cut to 「"));
}

static void test_off_the_screen_and_small(void **state)
{
    Fixture *f = *state;
    ui_begin_frame(&f->ui, 1000);
    ui_button(&f->ui, 1, (SDL_Rect){900, 1850, 300, 120}, "提交", UI_BUTTON_PRIMARY);
    ui_button(&f->ui, 2, (SDL_Rect){40, 200, 30, 30}, "×", UI_BUTTON_QUIET_DARK);
    assert_true(audit(f) >= 2);
    assert_non_null(strstr(f->out, "「提交」 lies outside the screen at 900,1850 300x120"));
    assert_non_null(strstr(f->out, "「×」 is a 7.6 x 7.6 mm touch target, under 12 mm"));
}

static void test_required_missing_or_cut(void **state)
{
    Fixture *f = *state;
    ui_begin_frame(&f->ui, 1000);
    ui_require(&f->ui, "暂不表态");
    assert_int_equal(audit(f), 1);
    assert_non_null(strstr(f->out, "「暂不表态」 is required and is not on the screen"));

    /* in a scroll view: half of it shows at the bottom edge */
    ui_begin_frame(&f->ui, 1000);
    SDL_Rect view = {0, 200, 1080, 400};
    ui_scroll_begin(&f->ui, 7, view, 800);
    ui_button(&f->ui, 1, (SDL_Rect){40, 540, 400, 120}, "暂不表态", UI_BUTTON_SECONDARY);
    ui_scroll_end(&f->ui);
    ui_require(&f->ui, "暂不表态");
    assert_int_equal(audit(f), 1);
    assert_non_null(
        strstr(f->out, "「暂不表态」 is required and is cut by the edge of its scrolling view"));

    /* below the end of what the view scrolls over: never reachable */
    ui_begin_frame(&f->ui, 1000);
    ui_scroll_begin(&f->ui, 7, view, 400);
    ui_button(&f->ui, 1, (SDL_Rect){40, 700, 400, 120}, "提交", UI_BUTTON_PRIMARY);
    ui_scroll_end(&f->ui);
    assert_int_equal(audit(f), 1);
    assert_non_null(strstr(f->out, "「提交」 lies below the end of its scrolling view's content"));
}

static void test_text_under_a_later_control(void **state)
{
    Fixture *f = *state;
    ui_begin_frame(&f->ui, 1000);
    TextStyle st = theme_text_style(&f->ui.theme, f->gfx, THEME_TEXT_CAPTION, THEME_TEXT_MUTED);
    ui_text_style(&f->ui, "姓名可以不填，凭回执码查询", &st, 40, 520, 1000);
    /* a keypad key drawn after it, over it */
    ui_button(&f->ui, 1, (SDL_Rect){30, 500, 600, 120}, "1", UI_BUTTON_SECONDARY);
    assert_int_equal(audit(f), 1);
    assert_non_null(
        strstr(f->out, "「姓名可以不填，凭回执码查询」 lies under 「1」, drawn over it"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_clean_frame_passes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_overlapping_hit_areas, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cut_label, setup, teardown),
        cmocka_unit_test_setup_teardown(test_off_the_screen_and_small, setup, teardown),
        cmocka_unit_test_setup_teardown(test_required_missing_or_cut, setup, teardown),
        cmocka_unit_test_setup_teardown(test_text_under_a_later_control, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
