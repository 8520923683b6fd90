/* Headless rendering: dp scaling, shapes with smooth edges, Chinese text where it was
 * drawn, and screenshots that decode back, in portrait and landscape. Set
 * YANXIA_UI_SAMPLE=/path.png to keep a sample page for looking at. */
#include "uitest.h"

#include "ui/draw.h"

#include <SDL2/SDL_image.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

static void test_dp_scales_with_the_short_side(void **state)
{
    (void)state;
    struct {
        int w, h;
        float scale;
    } sizes[] = {{1080, 1920, 1.0f},
                 {1920, 1080, 1.0f},
                 {1280, 720, 0.6667f},
                 {720, 1280, 0.6667f},
                 {3840, 2160, 2.0f}};
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        char err[256];
        GfxConfig cfg = {.mode = GFX_HEADLESS, .width = sizes[i].w, .height = sizes[i].h};
        Gfx *g = gfx_create(&cfg, err, sizeof err);
        assert_non_null(g);
        assert_int_equal(gfx_width(g), sizes[i].w);
        assert_int_equal(gfx_height(g), sizes[i].h);
        assert_true(fabsf(gfx_scale(g) - sizes[i].scale) < 0.001f);
        assert_int_equal(gfx_dp(g, 96), (int)lroundf(96 * sizes[i].scale));
        assert_int_equal(gfx_dp(g, 0.2f), 1); /* a hairline never vanishes */
        assert_true(gfx_is_headless(g));
        gfx_destroy(g);
    }
    gfx_destroy(NULL);
}

static int near(uint32_t px, SDL_Color c, int tol)
{
    int r = (int)(px >> 16 & 255), g = (int)(px >> 8 & 255), b = (int)(px & 255);
    return abs(r - c.r) <= tol && abs(g - c.g) <= tol && abs(b - c.b) <= tol;
}

static void test_shapes_have_smooth_edges(void **state)
{
    Ui *u = *state;
    SDL_Renderer *r = gfx_renderer(u->gfx);
    SDL_Color bg = theme_color(THEME_BG), fill = theme_color(THEME_PRIMARY);
    gfx_clear(u->gfx, bg);
    draw_round_rect(r, (SDL_Rect){100, 100, 400, 200}, 40, fill);
    draw_circle(r, 800, 200, 80, fill);
    draw_line(r, 100, 500, 900, 560, 6, fill);
    SDL_Surface *s = gfx_read_frame(u->gfx);
    assert_non_null(s);
    /* inside is filled, the very corner is rounded away */
    assert_true(near(ui_pixel(s, 300, 200), fill, 2));
    assert_true(near(ui_pixel(s, 101, 101), bg, 2));
    assert_true(near(ui_pixel(s, 140, 102), fill, 40)); /* the straight edge starts after the arc */
    assert_true(near(ui_pixel(s, 800, 200), fill, 2));
    assert_true(near(ui_pixel(s, 800 - 75, 200 - 75), bg, 2)); /* outside the disc */
    assert_true(near(ui_pixel(s, 500, 530), fill, 30));        /* on the line */
    /* anti-aliasing: along the corner arc some pixels are between the two colours */
    int between = 0;
    for (int y = 100; y < 140; y++) {
        for (int x = 100; x < 140; x++) {
            uint32_t p = ui_pixel(s, x, y);
            if (!near(p, bg, 8) && !near(p, fill, 8))
                between++;
        }
    }
    assert_true(between >= 20);
    SDL_FreeSurface(s);
}

/* Share of pixels in rect differing clearly from bg. */
static double ink_in(SDL_Surface *s, SDL_Rect rect, SDL_Color bg)
{
    long ink = 0, all = 0;
    for (int y = rect.y; y < rect.y + rect.h; y++) {
        for (int x = rect.x; x < rect.x + rect.w; x++) {
            all++;
            if (!near(ui_pixel(s, x, y), bg, 40))
                ink++;
        }
    }
    return all ? (double)ink / (double)all : 0;
}

static const char *LINES = "本周六上午九点，楼组在小花园举办理发义剪活动。"
                           "行动不便的老人可以预约上门服务，请在屏幕上报名，或联系楼组长。";

static void render_text_page(int w, int h)
{
    Ui *u = ui_open(w, h, 0);
    Theme th = {0};
    SDL_Color bg = theme_color(THEME_BG);
    gfx_clear(u->gfx, bg);
    TextStyle st = theme_text_style(&th, u->gfx, THEME_TEXT_BODY, THEME_TEXT);
    int margin = gfx_dp(u->gfx, 48), width = w - 2 * margin;
    SDL_Rect where;
    text_frame_begin(u->text);
    assert_int_equal(text_draw(u->text, LINES, &st, margin, margin, width, &where), 0);
    assert_true(where.w <= width && where.w > width / 2);
    assert_true(where.h >= 2 * st.px);
    assert_true(text_frame_find(u->text, "理发义剪", NULL));
    assert_false(text_frame_find(u->text, "停水", NULL));

    char dir[] = "/tmp/yanxia-ui-XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/page.png", dir);
    assert_int_equal(gfx_screenshot(u->gfx, path), 0);

    SDL_Surface *png = IMG_Load(path);
    assert_non_null(png);
    assert_int_equal(png->w, w);
    assert_int_equal(png->h, h);
    SDL_Surface *s = SDL_ConvertSurfaceFormat(png, SDL_PIXELFORMAT_RGB888, 0);
    assert_non_null(s);
    /* text is where it was drawn (a Chinese line is dense: >5% ink), nowhere else */
    double inside = ink_in(s, where, bg);
    SDL_Rect below = {0, where.y + where.h + 4, w, h - where.y - where.h - 4};
    SDL_Rect left = {0, 0, margin - 4, h};
    assert_true(inside > 0.05);
    assert_true(ink_in(s, below, bg) == 0);
    assert_true(ink_in(s, left, bg) == 0);
    SDL_FreeSurface(s);
    SDL_FreeSurface(png);
    unlink(path);
    rmdir(dir);
    ui_close(u);
}

static void test_text_page_portrait(void **state)
{
    (void)state;
    render_text_page(1080, 1920);
}

static void test_text_page_landscape(void **state)
{
    (void)state;
    render_text_page(1920, 1080);
}

/* A page as a resident would see it: header, urgent banner, a card with an ellipsized
 * title and wrapped body, the health column in Kai, buttons. */
static void draw_sample(Ui *u, int large)
{
    Theme th = {.large_text = large};
    Gfx *g = u->gfx;
    SDL_Renderer *r = gfx_renderer(g);
    int W = gfx_width(g), m = theme_size_px(g, THEME_SIZE_GAP_L);
    int gap = theme_size_px(g, THEME_SIZE_GAP_M), rad = theme_size_px(g, THEME_SIZE_RADIUS);
    gfx_clear(g, theme_color(THEME_BG));
    int hh = theme_size_px(g, THEME_SIZE_HEADER);
    draw_rect(r, (SDL_Rect){0, 0, W, hh}, theme_color(THEME_PRIMARY));
    TextStyle title = theme_text_style(&th, g, THEME_TEXT_TITLE, THEME_ON_PRIMARY);
    TextStyle clock = theme_text_style(&th, g, THEME_TEXT_SUBTITLE, THEME_ON_PRIMARY);
    const char *now = "11月23日 周一 10:00";
    int clock_w = text_measure(u->text, now, strlen(now), &clock);
    text_draw(u->text, now, &clock, W - m - clock_w, (hh - text_line_height(u->text, &clock)) / 2,
              0, NULL);
    /* the building name gets what the clock leaves */
    char *name = text_ellipsize(u->text, "檐下 · 幸福里小区3号楼", &title, W - 3 * m - clock_w);
    SDL_Rect at;
    text_draw(u->text, name, &title, m, (hh - text_line_height(u->text, &title)) / 2, 0, &at);
    free(name);
    assert_true(at.x + at.w <= W - m - clock_w);

    int y = hh + gap;
    TextStyle urgent = theme_text_style(&th, g, THEME_TEXT_BUTTON, THEME_ON_URGENT);
    int uh = theme_size_px(g, THEME_SIZE_TOUCH_MIN);
    draw_round_rect(r, (SDL_Rect){m, y, W - 2 * m, uh}, rad, theme_color(THEME_URGENT));
    char *cut = text_ellipsize(u->text, "紧急 ⚠ 11月25日 9:00–16:00 全楼停水，请提前储水", &urgent,
                               W - 4 * m);
    text_draw(u->text, cut, &urgent, 2 * m, y + (uh - text_line_height(u->text, &urgent)) / 2, 0,
              NULL);
    free(cut);
    y += uh + gap;

    int cw = W - 2 * m, pad = theme_size_px(g, THEME_SIZE_GAP_M);
    TextStyle ct = theme_text_style(&th, g, THEME_TEXT_SUBTITLE, THEME_TEXT);
    TextStyle body = theme_text_style(&th, g, THEME_TEXT_BODY, THEME_TEXT);
    body.max_lines = 4;
    TextLayout l;
    text_layout(u->text, LINES, &body, cw - 2 * pad, &l);
    int card_h = pad * 2 + pad / 2 + text_line_height(u->text, &ct) + l.height;
    text_layout_free(&l);
    draw_round_rect(r, (SDL_Rect){m, y, cw, card_h}, rad, theme_color(THEME_SURFACE));
    draw_round_rect_outline(r, (SDL_Rect){m, y, cw, card_h}, rad, 2, theme_color(THEME_DIVIDER));
    char *t2 = text_ellipsize(u->text, "理发义剪：关于本周六小花园志愿服务活动的详细安排和报名须知",
                              &ct, cw - 2 * pad);
    text_draw(u->text, t2, &ct, m + pad, y + pad, 0, &at);
    free(t2);
    text_draw(u->text, LINES, &body, m + pad, at.y + at.h + pad / 2, cw - 2 * pad, NULL);
    y += card_h + gap;

    TextStyle kai = theme_text_style(&th, g, THEME_TEXT_HANDWRITING, THEME_INK);
    const char *tip = "健康小贴士：天冷了，早晨起床先在床上坐一会儿，再慢慢下床，"
                      "可以预防头晕跌倒。每天喝温水，少吃腌制食品。——社区王医生";
    text_layout(u->text, tip, &kai, cw - 2 * pad, &l);
    int kh = l.height + 2 * pad;
    text_layout_free(&l);
    draw_round_rect(r, (SDL_Rect){m, y, cw, kh}, rad, theme_color(THEME_PAPER));
    draw_line(r, (float)(m + pad), (float)(y + kh - pad / 2), (float)(m + cw - pad),
              (float)(y + kh - pad / 2), 2, theme_color(THEME_ACCENT));
    text_draw(u->text, tip, &kai, m + pad, y + pad, cw - 2 * pad, NULL);
    y += kh + gap;

    int bw = (cw - gap) / 2, bh = theme_size_px(g, THEME_SIZE_TOUCH_MIN);
    TextStyle bt = theme_text_style(&th, g, THEME_TEXT_BUTTON, THEME_ON_PRIMARY);
    bt.align = TEXT_ALIGN_CENTER;
    draw_round_rect(r, (SDL_Rect){m, y, bw, bh}, bh / 2, theme_color(THEME_PRIMARY));
    text_draw(u->text, "✓ 我要报名", &bt, m, y + (bh - text_line_height(u->text, &bt)) / 2, bw,
              NULL);
    TextStyle bt2 = bt;
    bt2.color = theme_color(THEME_PRIMARY);
    draw_round_rect_outline(r, (SDL_Rect){m + bw + gap, y, bw, bh}, bh / 2,
                            theme_size_px(g, THEME_SIZE_BORDER), theme_color(THEME_PRIMARY));
    text_draw(u->text, "返回首页", &bt2, m + bw + gap,
              y + (bh - text_line_height(u->text, &bt)) / 2, bw, NULL);
    y += bh + gap;

    for (int i = 0; i < 6; i++) {
        float rr = (float)gfx_dp(g, 48);
        float cx = (float)m + rr + (float)i * (2 * rr + (float)gap);
        draw_circle(r, cx, (float)y + rr, rr, theme_color(THEME_SURFACE_ALT));
        draw_circle_outline(r, cx, (float)y + rr, rr, 3, theme_color(THEME_ACCENT));
    }
    TextStyle cap = theme_text_style(&th, g, THEME_TEXT_CAPTION, THEME_TEXT_MUTED);
    text_draw(u->text, "物业电话 ☎ 021-5555 0199 · 室温 18℃ · 😀 笑脸墙已更新", &cap, m,
              y + gfx_dp(g, 96) + gap, 0, NULL);
}

static void test_sample_page_has_no_missing_glyphs(void **state)
{
    (void)state;
    int sizes[][2] = {{1080, 1920}, {1920, 1080}, {720, 1280}};
    for (int i = 0; i < 3; i++) {
        Ui *u = ui_open(sizes[i][0], sizes[i][1], 0);
        draw_sample(u, i == 2);
        TextCacheStats s;
        text_cache_stats(u->text, &s);
        assert_int_equal(s.missing_glyphs, 0);
        /* a second identical frame renders no text at all */
        unsigned long misses = s.misses;
        draw_sample(u, i == 2);
        text_cache_stats(u->text, &s);
        assert_int_equal(s.misses, misses);
        const char *out = getenv("YANXIA_UI_SAMPLE");
        if (out && *out) {
            char path[512];
            snprintf(path, sizeof path, "%s-%dx%d.png", out, sizes[i][0], sizes[i][1]);
            assert_int_equal(gfx_screenshot(u->gfx, path), 0);
        }
        ui_close(u);
    }
}

/* Scripts read what a resident can: a label cut with "…" or by a clip is found only as
 * far as it shows. */
static void test_found_only_as_drawn(void **state)
{
    Ui *u = *state;
    Theme th = {0};
    TextStyle st = theme_text_style(&th, u->gfx, THEME_TEXT_SUBTITLE, THEME_TEXT);
    st.max_lines = 1;
    st.whole = 1;
    int two = text_measure(u->text, "通知", strlen("通知"), &st);
    text_frame_begin(u->text);
    /* room for two characters and the ellipsis: "通知…" */
    assert_int_equal(text_draw(u->text, "通知公告", &st, 10, 10, two + st.px, NULL), 0);
    assert_false(text_frame_find(u->text, "通知公告", NULL));
    assert_true(text_frame_find(u->text, "通知…", NULL));
    const TextDrawn *d = text_frame_get(u->text, 0);
    assert_non_null(d);
    assert_string_equal(d->text, "通知公告");
    assert_string_equal(d->shown, "通知…");
    assert_true(d->truncated && d->whole);

    /* three lines under a clip that shows only the first: the rest cannot be read */
    TextStyle body = theme_text_style(&th, u->gfx, THEME_TEXT_BODY, THEME_TEXT);
    int lh = text_line_height(u->text, &body);
    SDL_Rect clip = {0, 200, 1080, lh};
    SDL_RenderSetClipRect(gfx_renderer(u->gfx), &clip);
    assert_int_equal(text_draw(u->text, "第一行\n第二行\n第三行", &body, 10, 200, 0, NULL), 0);
    SDL_RenderSetClipRect(gfx_renderer(u->gfx), NULL);
    assert_true(text_frame_find(u->text, "第一行", NULL));
    assert_false(text_frame_find(u->text, "第二行", NULL));
    /* cut at the right edge of the screen: the characters wholly on it */
    int one = text_measure(u->text, "甲", strlen("甲"), &body);
    assert_int_equal(text_draw(u->text, "甲乙丙丁", &body, 1080 - 2 * one - 2, 400, 0, NULL), 0);
    assert_true(text_frame_find(u->text, "甲乙", NULL));
    assert_false(text_frame_find(u->text, "甲乙丙", NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dp_scales_with_the_short_side),
        cmocka_unit_test_setup_teardown(test_shapes_have_smooth_edges, ui_setup, ui_teardown),
        cmocka_unit_test(test_text_page_portrait),
        cmocka_unit_test(test_text_page_landscape),
        cmocka_unit_test(test_sample_page_has_no_missing_glyphs),
        cmocka_unit_test_setup_teardown(test_found_only_as_drawn, ui_setup, ui_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
