/* Theme: readable contrast for every text colour, big type, big touch targets, and
 * large-text mode that really enlarges. */
#include "uitest.h"

#include <math.h>

static void test_text_colours_meet_aaa_contrast(void **state)
{
    (void)state;
    struct {
        ThemeColor fg, bg;
        double min;
    } pairs[] = {
        {THEME_TEXT, THEME_BG, 12.0},           {THEME_TEXT, THEME_SURFACE, 12.0},
        {THEME_TEXT, THEME_SURFACE_ALT, 7.0},   {THEME_TEXT_MUTED, THEME_BG, 7.0},
        {THEME_TEXT_MUTED, THEME_SURFACE, 7.0}, {THEME_ON_PRIMARY, THEME_PRIMARY, 7.0},
        {THEME_ON_URGENT, THEME_URGENT, 7.0},   {THEME_URGENT, THEME_URGENT_BG, 4.5},
        {THEME_SUCCESS, THEME_SURFACE, 7.0},    {THEME_WARNING, THEME_SURFACE, 7.0},
        {THEME_INK, THEME_PAPER, 12.0},         {THEME_PRIMARY, THEME_SURFACE, 7.0},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        double c = theme_contrast(theme_color(pairs[i].fg), theme_color(pairs[i].bg));
        if (c < pairs[i].min)
            fail_msg("%s on %s: %.2f:1 < %.1f:1", theme_color_name(pairs[i].fg),
                     theme_color_name(pairs[i].bg), c, pairs[i].min);
    }
    /* the formula itself: black on white is 21:1 */
    assert_true(fabs(theme_contrast((SDL_Color){0, 0, 0, 255}, (SDL_Color){255, 255, 255, 255}) -
                     21.0) < 0.01);
}

static void test_sizes_for_elderly_readers(void **state)
{
    Ui *u = *state;
    Theme normal = {0}, large = {.large_text = 1};
    assert_true(theme_text_dp(&normal, THEME_TEXT_BODY) >= 32);
    assert_true(theme_text_dp(&normal, THEME_TEXT_TITLE) >= 44);
    assert_true(theme_text_dp(&normal, THEME_TEXT_CAPTION) >= 24); /* nothing small */
    for (int t = 0; t < THEME_TEXT_COUNT; t++) {
        float n = theme_text_dp(&normal, (ThemeText)t), l = theme_text_dp(&large, (ThemeText)t);
        assert_true(fabsf(l / n - THEME_LARGE_TEXT_FACTOR) < 0.01f);
    }
    assert_true(THEME_LARGE_TEXT_FACTOR >= 1.3f);
    /* 96 dp on the 1080-wide portrait screen is 96 px: 23.8 mm on a 21.5-inch panel */
    assert_true(theme_size_dp(THEME_SIZE_TOUCH_MIN) >= 96);
    assert_int_equal(theme_size_px(u->gfx, THEME_SIZE_TOUCH_MIN), 96);
    TextStyle st = theme_text_style(&large, u->gfx, THEME_TEXT_BODY, THEME_TEXT);
    assert_int_equal(st.px, 46);
    assert_int_equal(st.face, FONT_SANS);
    assert_int_equal(theme_text_style(&normal, u->gfx, THEME_TEXT_HANDWRITING, THEME_INK).face,
                     FONT_KAI);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_colours_meet_aaa_contrast),
        cmocka_unit_test_setup_teardown(test_sizes_for_elderly_readers, ui_setup, ui_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
