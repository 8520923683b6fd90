/* QR codes as a phone camera sees them: drawn at a given size, the three finder
 * patterns sit in the top-left, top-right and bottom-left corners at the expected
 * pixels, surrounded by a white quiet zone, modules are whole pixels; an overlong
 * text fails cleanly and draws nothing. */
#include "uitest.h"

#include "ui/qr.h"

#define GROUP_TEXT                                                                                       \
    "康乐小区12号楼邻里群：请添加楼组长顾美华的微信（微信号 kangle12-gu），" \
    "验证消息写“房号+姓名”，核实后拉您进群。"

static SDL_Color grey(void)
{
    return (SDL_Color){128, 128, 128, 255};
}

/* Colour of module (mx, my) read from the frame at the module's centre pixel. */
static int dark_at(const SDL_Surface *s, const QrLayout *l, int mx, int my)
{
    int x = l->origin_x + mx * l->module_px + l->module_px / 2;
    int y = l->origin_y + my * l->module_px + l->module_px / 2;
    uint32_t px = ui_pixel(s, x, y);
    if (px == 0x000000)
        return 1;
    assert_int_equal(px, 0xFFFFFF); /* crisp: black or white, nothing in between */
    return 0;
}

/* A finder pattern at module (x0, y0): 7x7 dark ring, light ring, 3x3 dark core. */
static int finder_at(const SDL_Surface *s, const QrLayout *l, int x0, int y0)
{
    for (int y = 0; y < 7; y++)
        for (int x = 0; x < 7; x++) {
            int ring = x == 0 || y == 0 || x == 6 || y == 6;
            int core = x >= 2 && x <= 4 && y >= 2 && y <= 4;
            if (dark_at(s, l, x0 + x, y0 + y) != (ring || core))
                return 0;
        }
    return 1;
}

static void test_finder_patterns_sit_in_three_corners(void **state)
{
    Ui *u = *state;
    QrMatrix m;
    assert_int_equal(qr_encode(GROUP_TEXT, &m), 0);
    assert_true(m.size >= 21 && (m.size - 17) % 4 == 0);

    gfx_clear(u->gfx, grey());
    SDL_Rect area = {100, 300, 400, 400};
    QrLayout l;
    assert_int_equal(qr_draw(gfx_renderer(u->gfx), &m, area, &l), 0);
    int total = m.size + 2 * QR_QUIET_MODULES;
    assert_int_equal(l.module_px, 400 / total);
    assert_int_equal(l.box.w, l.module_px * total);
    assert_true(l.box.x >= area.x && l.box.x + l.box.w <= area.x + area.w);
    assert_int_equal(l.origin_x, l.box.x + QR_QUIET_MODULES * l.module_px);

    SDL_Surface *s = gfx_read_frame(u->gfx);
    assert_non_null(s);
    int last = m.size - 7;
    assert_true(finder_at(s, &l, 0, 0));
    assert_true(finder_at(s, &l, last, 0));
    assert_true(finder_at(s, &l, 0, last));
    assert_false(finder_at(s, &l, last, last)); /* the fourth corner has none */

    /* the outermost pixels of the modules: the finder's corner is black exactly there */
    assert_int_equal(ui_pixel(s, l.origin_x, l.origin_y), 0x000000);
    assert_int_equal(ui_pixel(s, l.origin_x - 1, l.origin_y), 0xFFFFFF);
    int right = l.origin_x + m.size * l.module_px - 1;
    assert_int_equal(ui_pixel(s, right, l.origin_y), 0x000000);
    assert_int_equal(ui_pixel(s, right + 1, l.origin_y), 0xFFFFFF);

    /* the quiet zone is white all round, and nothing is drawn outside the box */
    for (int i = 0; i < l.box.w; i += 3) {
        assert_int_equal(ui_pixel(s, l.box.x + i, l.box.y + 1), 0xFFFFFF);
        assert_int_equal(ui_pixel(s, l.box.x + 1, l.box.y + i), 0xFFFFFF);
        assert_int_equal(ui_pixel(s, l.box.x + l.box.w - 2, l.box.y + i), 0xFFFFFF);
        assert_int_equal(ui_pixel(s, l.box.x + i, l.box.y + l.box.h - 2), 0xFFFFFF);
    }
    assert_int_equal(ui_pixel(s, l.box.x - 1, l.box.y), ui_rgb(grey()));
    assert_int_equal(ui_pixel(s, l.box.x + l.box.w, l.box.y + l.box.h - 1), ui_rgb(grey()));
    SDL_FreeSurface(s);
    qr_matrix_free(&m);
}

static void test_bigger_area_gives_bigger_modules(void **state)
{
    (void)state;
    QrMatrix m;
    assert_int_equal(qr_encode("https://example.org/12", &m), 0);
    QrLayout small, big;
    assert_int_equal(qr_layout(&m, (SDL_Rect){0, 0, 200, 200}, &small), 0);
    assert_int_equal(qr_layout(&m, (SDL_Rect){0, 0, 720, 500}, &big), 0);
    assert_true(big.module_px > small.module_px);
    assert_int_equal(big.box.y, (500 - big.box.h) / 2); /* centred in a wide area */
    assert_int_equal(big.box.x, (720 - big.box.w) / 2);
    /* too small for one pixel per module */
    QrLayout none;
    assert_int_equal(qr_layout(&m, (SDL_Rect){0, 0, 10, 10}, &none), -1);
    assert_int_equal(none.module_px, 0);
    qr_matrix_free(&m);
}

static void test_overlong_text_fails_cleanly(void **state)
{
    Ui *u = *state;
    size_t n = 3000 * 3;
    char *text = malloc(n + 1);
    assert_non_null(text);
    for (size_t i = 0; i < n; i += 3)
        memcpy(text + i, "群", 3); /* 9000 bytes: beyond version 40 at level M */
    text[n] = 0;
    QrMatrix m = {7, (unsigned char *)text}; /* garbage in: must be reset */
    assert_int_equal(qr_encode(text, &m), -1);
    assert_int_equal(m.size, 0);
    assert_null(m.modules);
    assert_int_equal(qr_encode("", &m), -1);

    gfx_clear(u->gfx, grey());
    QrLayout l;
    assert_int_equal(qr_draw(gfx_renderer(u->gfx), &m, (SDL_Rect){0, 0, 400, 400}, &l), -1);
    SDL_Surface *s = gfx_read_frame(u->gfx);
    assert_int_equal(ui_pixel(s, 200, 200), ui_rgb(grey())); /* nothing drawn */
    SDL_FreeSurface(s);
    qr_matrix_free(&m);
    qr_matrix_free(NULL);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_finder_patterns_sit_in_three_corners),
        cmocka_unit_test(test_bigger_area_gives_bigger_modules),
        cmocka_unit_test(test_overlong_text_fails_cleanly),
    };
    return cmocka_run_group_tests(tests, ui_setup, ui_teardown);
}
