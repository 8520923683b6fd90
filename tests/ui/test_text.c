/* Text: Chinese line breaking, lines that fit, no tofu, ellipsis, and the texture cache
 * (its cap, its nightly emptying, a clock's strings replacing each other). */
#include "uitest.h"

#include <string.h>

/* An original notice with every kind of punctuation that must not start a line. */
static const char *PARAGRAPH =
    "各位邻居：因二次供水设备检修，本楼将于十一月二十五日（星期三）上午九点至下午四点停水。"
    "请大家提前储水，关好水龙头，以免来水时跑水、漏水。「停水期间，电梯照常运行。」"
    "如有老人或行动不便的住户需要帮忙送水，请联系楼组长（电话见一楼公告栏），志愿者会送到家门口。"
    "检修完成后，水可能略有浑浊，放水一两分钟即可恢复正常。给大家带来不便，敬请谅解，谢谢配合！";

static const char *NO_LINE_START[] = {"。", "，", "、", "）", "」", "：", "！", "；", "？"};
static const char *NO_LINE_END[] = {"（", "「"};

static TextStyle body(Ui *u)
{
    Theme th = {0};
    return theme_text_style(&th, u->gfx, THEME_TEXT_BODY, THEME_TEXT);
}

static int starts_with(const char *s, size_t len, const char *p)
{
    size_t n = strlen(p);
    return len >= n && memcmp(s, p, n) == 0;
}

static void test_no_line_starts_with_closing_punctuation(void **state)
{
    Ui *u = *state;
    TextStyle st = body(u);
    int widths[] = {180, 237, 300, 333, 420, 517, 640, 777, 900, 1000};
    int broke_near_punct = 0;
    for (size_t wi = 0; wi < sizeof widths / sizeof *widths; wi++) {
        TextLayout l;
        assert_int_equal(text_layout(u->text, PARAGRAPH, &st, widths[wi], &l), 0);
        assert_true(l.count > 1);
        size_t covered = 0;
        for (int i = 0; i < l.count; i++) {
            const TextLine *ln = &l.lines[i];
            const char *s = PARAGRAPH + ln->start;
            for (size_t k = 0; k < sizeof NO_LINE_START / sizeof *NO_LINE_START; k++) {
                if (starts_with(s, ln->len, NO_LINE_START[k]))
                    fail_msg("width %d line %d starts with %s: %.*s", widths[wi], i,
                             NO_LINE_START[k], (int)ln->len, s);
            }
            for (size_t k = 0; k < sizeof NO_LINE_END / sizeof *NO_LINE_END; k++) {
                size_t n = strlen(NO_LINE_END[k]);
                if (ln->len >= n && memcmp(s + ln->len - n, NO_LINE_END[k], n) == 0)
                    fail_msg("width %d line %d ends with %s", widths[wi], i, NO_LINE_END[k]);
            }
            /* each line fits, measured independently of the layout */
            int w = text_measure(u->text, s, ln->len, &st);
            assert_int_equal(w, ln->width);
            if (w > widths[wi])
                fail_msg("width %d line %d is %d px", widths[wi], i, w);
            /* lines follow each other without losing or repeating text */
            assert_int_equal(ln->start, covered);
            covered = ln->start + ln->len;
            /* the rule actually moved a break: a line ends in punctuation it pulled up */
            if (ln->len >= 3 &&
                (memcmp(s + ln->len - 3, "。", 3) == 0 || memcmp(s + ln->len - 3, "，", 3) == 0))
                broke_near_punct++;
        }
        assert_int_equal(covered, strlen(PARAGRAPH));
        assert_false(l.truncated);
        assert_int_equal(l.height, l.count * l.line_height);
        text_layout_free(&l);
    }
    assert_true(broke_near_punct > 0);
}

static void test_lines_fill_the_width(void **state)
{
    Ui *u = *state;
    TextStyle st = body(u);
    TextLayout l;
    assert_int_equal(text_layout(u->text, PARAGRAPH, &st, 600, &l), 0);
    /* greedy filling: every line but the last is at least 80% of the width (a half-empty
     * line in the middle of a paragraph would look broken to a reader) */
    for (int i = 0; i + 1 < l.count; i++)
        assert_true(l.lines[i].width >= 480);
    text_layout_free(&l);
}

static void test_no_lonely_last_line(void **state)
{
    Ui *u = *state;
    TextStyle st = body(u);
    const char *text = "春夏秋冬东南西北上下。";
    /* room for exactly nine characters: plain greedy filling would leave "下。" alone */
    int w9 = text_measure(u->text, text, 9 * 3, &st);
    TextLayout l;
    assert_int_equal(text_layout(u->text, text, &st, w9, &l), 0);
    assert_int_equal(l.count, 2);
    assert_string_equal(text + l.lines[1].start, "上下。");
    assert_true(l.lines[0].width <= w9 && l.lines[1].width <= w9);
    assert_int_equal(l.width, l.lines[0].width);
    text_layout_free(&l);
}

static void test_newlines_and_long_words(void **state)
{
    Ui *u = *state;
    TextStyle st = body(u);
    TextLayout l;
    assert_int_equal(text_layout(u->text, "第一行\n\n第三行\n", &st, 0, &l), 0);
    assert_int_equal(l.count, 3);
    assert_int_equal(l.lines[1].len, 0);
    text_layout_free(&l);

    /* a URL longer than the line is split between characters, and every piece fits */
    const char *url = "https://example.org/building/notices/2026/water-maintenance-schedule";
    assert_int_equal(text_layout(u->text, url, &st, 300, &l), 0);
    assert_true(l.count >= 3);
    for (int i = 0; i < l.count; i++)
        assert_true(l.lines[i].width <= 300 && l.lines[i].len > 0);
    text_layout_free(&l);

    /* invalid UTF-8 is refused, not drawn as garbage */
    assert_int_equal(text_layout(u->text, "\xE5\xBC", &st, 300, &l), -1);
}

static void test_mixed_text_has_no_missing_glyphs(void **state)
{
    Ui *u = *state;
    const char *mixed = "物业电话 ☎ 021-5555 0199，报名成功 ✓ Room 302 · 温度 18℃ ★ 😀";
    uint32_t first = 0;
    for (int face = 0; face < FONT_FACE_COUNT; face++)
        assert_int_equal(text_missing_glyphs(u->text, mixed, (FontFace)face, &first), 0);
    /* a private-use code point has no glyph in any face: it is reported */
    assert_int_equal(text_missing_glyphs(u->text, "停水\xEE\x80\x80通知", FONT_SANS, &first), 1);
    assert_int_equal(first, 0xE000);

    /* rendering the mixed string counts no missing glyph either */
    TextStyle st = body(u);
    TextCacheStats s;
    text_cache_stats(u->text, &s);
    unsigned long before = s.missing_glyphs;
    assert_non_null(text_texture(u->text, mixed, &st, 0, NULL, NULL));
    text_cache_stats(u->text, &s);
    assert_int_equal(s.missing_glyphs, before);
    assert_non_null(text_texture(u->text, "\xEE\x80\x80", &st, 0, NULL, NULL));
    text_cache_stats(u->text, &s);
    assert_int_equal(s.missing_glyphs, before + 1);
}

static void test_symbols_come_from_a_fallback_face(void **state)
{
    Ui *u = *state;
    /* the smiley is not in Noto Sans CJK: the chain must reach further for it */
    int link = font_find_glyph(u->fonts, FONT_SANS, 0x1F600);
    assert_true(link > 0);
    assert_int_equal(font_find_glyph(u->fonts, FONT_SANS, 0x6C34 /* 水 */), 0);
    assert_int_equal(font_find_glyph(u->fonts, FONT_KAI, 0x6C34), 0);
    assert_non_null(strstr(font_link_name(u->fonts, FONT_KAI, 0), "gkai00mp"));
    assert_non_null(strstr(font_link_name(u->fonts, FONT_KAI, 1), "ukai"));
    assert_non_null(strstr(font_link_name(u->fonts, FONT_SANS, 0), "NotoSansCJK-Regular"));
}

static void test_ellipsis_shortens_a_long_title(void **state)
{
    Ui *u = *state;
    Theme th = {0};
    TextStyle st = theme_text_style(&th, u->gfx, THEME_TEXT_TITLE, THEME_TEXT);
    const char *title = "关于本楼加装电梯意向征询的说明及第二次业主座谈会时间安排";
    int full = text_measure(u->text, title, strlen(title), &st);
    assert_true(full > 500);
    char *cut = text_ellipsize(u->text, title, &st, 500);
    assert_non_null(cut);
    size_t n = strlen(cut);
    assert_true(n < strlen(title));
    assert_string_equal(cut + n - 3, "…");
    assert_true(strncmp(cut, title, n - 3) == 0); /* a prefix of the title */
    assert_true(text_measure(u->text, cut, n, &st) <= 500);
    assert_true(text_measure(u->text, cut, n, &st) > 400); /* and not needlessly short */
    free(cut);

    char *same = text_ellipsize(u->text, "停水通知", &st, 500);
    assert_string_equal(same, "停水通知");
    free(same);

    /* a layout limited to two lines ends in "…" and still fits */
    TextStyle two = body(u);
    two.max_lines = 2;
    TextLayout l;
    assert_int_equal(text_layout(u->text, PARAGRAPH, &two, 500, &l), 0);
    assert_int_equal(l.count, 2);
    assert_true(l.truncated);
    assert_true(l.lines[1].ellipsis);
    assert_true(l.lines[1].width <= 500 && l.lines[1].width > 350);
    text_layout_free(&l);
}

static void test_cache_reuses_and_evicts(void **state)
{
    (void)state;
    /* a small cap: about a dozen one-line textures */
    Ui *u = ui_open(1080, 1920, 400 * 1024);
    TextStyle st = body(u);
    TextCacheStats s;
    int w, h;
    SDL_Texture *a = text_texture(u->text, "今日值班：3号楼 王阿姨", &st, 0, &w, &h);
    assert_non_null(a);
    assert_true(w > 100 && h >= st.px);
    SDL_Texture *b = text_texture(u->text, "今日值班：3号楼 王阿姨", &st, 0, NULL, NULL);
    assert_ptr_equal(a, b);
    text_cache_stats(u->text, &s);
    assert_int_equal(s.hits, 1);
    assert_int_equal(s.misses, 1);

    /* another colour or wrap width is another texture */
    TextStyle red = st;
    red.color = theme_color(THEME_URGENT);
    assert_ptr_not_equal(text_texture(u->text, "今日值班：3号楼 王阿姨", &red, 0, NULL, NULL), a);
    text_cache_stats(u->text, &s);
    assert_int_equal(s.misses, 2);

    /* fill well past the cap, touching the first string every time so it stays */
    char buf[128];
    for (int i = 0; i < 60; i++) {
        snprintf(buf, sizeof buf, "第%d条通知：请注意楼道消防通道畅通", i);
        assert_non_null(text_texture(u->text, buf, &st, 0, NULL, NULL));
        assert_ptr_equal(text_texture(u->text, "今日值班：3号楼 王阿姨", &st, 0, NULL, NULL), a);
        text_cache_stats(u->text, &s);
        assert_true(s.bytes <= 400 * 1024);
    }
    assert_true(s.evictions > 0);
    assert_true(s.entries < 62);
    /* the oldest of the rest was evicted: drawing it again renders it again */
    unsigned long misses = s.misses;
    assert_non_null(text_texture(u->text, "第0条通知：请注意楼道消防通道畅通", &st, 0, NULL, NULL));
    text_cache_stats(u->text, &s);
    assert_int_equal(s.misses, misses + 1);
    ui_close(u);
}

/* The nightly step empties the cache (src/main.c): nothing of the day's textures stays,
 * and the morning's first frame renders its strings again, the same size as before. */
static void test_cache_clear_lets_go_of_everything(void **state)
{
    Ui *u = *state;
    TextStyle st = body(u);
    TextCacheStats s;
    int w, h, w2, h2;
    char buf[128];
    for (int i = 0; i < 20; i++) {
        snprintf(buf, sizeof buf, "第%d条通知：电梯年检", i);
        assert_non_null(text_texture(u->text, buf, &st, 0, NULL, NULL));
    }
    assert_non_null(text_texture(u->text, "今日值班：3号楼 王阿姨", &st, 0, &w, &h));
    text_cache_stats(u->text, &s);
    assert_int_equal(s.entries, 21);
    assert_true(s.bytes > 0);
    unsigned long misses = s.misses;

    text_cache_clear(u->text);
    text_cache_stats(u->text, &s);
    assert_int_equal(s.entries, 0);
    assert_int_equal(s.bytes, 0);
    assert_non_null(text_texture(u->text, "今日值班：3号楼 王阿姨", &st, 0, &w2, &h2));
    text_cache_stats(u->text, &s);
    assert_int_equal(s.misses, misses + 1); /* rendered again, not found */
    assert_int_equal(s.entries, 1);
    assert_int_equal(w2, w);
    assert_int_equal(h2, h);
    text_cache_clear(u->text);
    text_cache_clear(u->text); /* an empty cache: nothing to do */
}

/* A clock's strings (transient): a day of minutes leaves the current one in the cache,
 * not 960 of them; the same style not transient, another width and a clock drawn twice
 * in one frame keep theirs. */
static void test_transient_strings_replace_each_other(void **state)
{
    Ui *u = *state;
    TextStyle clock = body(u);
    clock.transient = 1;
    TextStyle plain = body(u);
    TextCacheStats s;
    char hm[16];
    text_frame_begin(u->text);
    assert_non_null(text_texture(u->text, "06:29", &plain, 0, NULL, NULL));
    assert_non_null(text_texture(u->text, "今日值班：3号楼 王阿姨", &plain, 0, NULL, NULL));
    assert_non_null(text_texture(u->text, "康乐小区12号楼", &clock, 400, NULL, NULL));
    for (int m = 6 * 60 + 30; m < 22 * 60; m++) { /* a frame a minute, 06:30 to 21:59 */
        text_frame_begin(u->text);
        snprintf(hm, sizeof hm, "%02d:%02d", m / 60, m % 60);
        assert_non_null(text_texture(u->text, hm, &clock, 0, NULL, NULL));
        assert_non_null(text_texture(u->text, "今日值班：3号楼 王阿姨", &plain, 0, NULL, NULL));
    }
    text_cache_stats(u->text, &s);
    /* 21:59, the plain "06:29" and the duty line, and the clock of another width */
    assert_int_equal(s.entries, 4);
    assert_int_equal(s.replaced, 22 * 60 - (6 * 60 + 30) - 1);
    assert_int_equal(s.evictions, 0);
    unsigned long misses = s.misses;
    assert_non_null(text_texture(u->text, "21:59", &clock, 0, NULL, NULL));
    assert_non_null(text_texture(u->text, "06:29", &plain, 0, NULL, NULL));
    assert_non_null(text_texture(u->text, "康乐小区12号楼", &clock, 400, NULL, NULL));
    text_cache_stats(u->text, &s);
    assert_int_equal(s.misses, misses); /* all found */

    /* two strings of one transient style in the same frame both stay */
    text_frame_begin(u->text);
    assert_non_null(text_texture(u->text, "22:00", &clock, 0, NULL, NULL));
    assert_non_null(text_texture(u->text, "23:00", &clock, 0, NULL, NULL));
    text_cache_stats(u->text, &s);
    assert_int_equal(s.entries, 5); /* 21:59 went, 22:00 and 23:00 came */
    misses = s.misses;
    assert_non_null(text_texture(u->text, "22:00", &clock, 0, NULL, NULL));
    text_cache_stats(u->text, &s);
    assert_int_equal(s.misses, misses);
}

static void test_layout_needs_no_renderer(void **state)
{
    Ui *u = *state;
    TextCtx *t = text_create(u->fonts, NULL, 0);
    TextStyle st = body(u);
    TextLayout l;
    assert_int_equal(text_layout(t, PARAGRAPH, &st, 700, &l), 0);
    assert_true(l.count > 2);
    text_layout_free(&l);
    assert_null(text_texture(t, "水", &st, 0, NULL, NULL));
    text_destroy(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_no_line_starts_with_closing_punctuation, ui_setup,
                                        ui_teardown),
        cmocka_unit_test_setup_teardown(test_lines_fill_the_width, ui_setup, ui_teardown),
        cmocka_unit_test_setup_teardown(test_no_lonely_last_line, ui_setup, ui_teardown),
        cmocka_unit_test_setup_teardown(test_newlines_and_long_words, ui_setup, ui_teardown),
        cmocka_unit_test_setup_teardown(test_mixed_text_has_no_missing_glyphs, ui_setup,
                                        ui_teardown),
        cmocka_unit_test_setup_teardown(test_symbols_come_from_a_fallback_face, ui_setup,
                                        ui_teardown),
        cmocka_unit_test_setup_teardown(test_ellipsis_shortens_a_long_title, ui_setup, ui_teardown),
        cmocka_unit_test(test_cache_reuses_and_evicts),
        cmocka_unit_test_setup_teardown(test_cache_clear_lets_go_of_everything, ui_setup,
                                        ui_teardown),
        cmocka_unit_test_setup_teardown(test_transient_strings_replace_each_other, ui_setup,
                                        ui_teardown),
        cmocka_unit_test_setup_teardown(test_layout_needs_no_renderer, ui_setup, ui_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
