/* Health tips: month order, the this-month fallback, bad months, import keys, tombstones. */
#include "testutil.h"

#include "store/health.h"
#include "store/photo.h"

#include <string.h>

#define NOW 1795399200 /* 2026-11-23 10:00 */

static int64_t add(Store *s, const char *month, const char *title, const char *key)
{
    HealthTip t = {0};
    t.month = (char *)month;
    t.title = (char *)title;
    t.body = "每天喝够八杯水，少吃咸菜。";
    t.author = "王医生";
    t.source_key = (char *)key;
    int64_t id = 0;
    if (store_tip_add(s, &t, &id) != 0)
        fail_msg("add: %s", store_errmsg(s));
    assert_true(id > 0);
    return id;
}

static void test_list_is_newest_month_first(void **state)
{
    Store *s = TU_STORE(state);
    add(s, "2026-09", "秋季防燥", NULL);
    add(s, "2026-11", "冬季防跌倒", NULL);
    add(s, "2026-10", "流感疫苗", NULL);
    add(s, "2026-11", "暖气房多通风", NULL);
    HealthTipList l;
    assert_int_equal(store_tip_list(s, NULL, &l), 0);
    assert_int_equal(l.count, 4);
    assert_string_equal(l.items[0].title, "冬季防跌倒");
    assert_string_equal(l.items[1].title, "暖气房多通风");
    assert_string_equal(l.items[2].title, "流感疫苗");
    assert_string_equal(l.items[3].title, "秋季防燥");
    assert_string_equal(l.items[3].author, "王医生");
    health_tip_list_free(&l);

    HealthTipQuery q = {.month = "2026-10"};
    assert_int_equal(store_tip_list(s, &q, &l), 0);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].title, "流感疫苗");
    health_tip_list_free(&l);
}

static void test_month_without_tips_shows_the_latest_earlier_month(void **state)
{
    Store *s = TU_STORE(state);
    add(s, "2026-08", "防暑降温", NULL);
    add(s, "2026-09", "秋季防燥", NULL);
    add(s, "2026-09", "早睡早起", NULL);

    /* the pinned clock is in 2026-11, which has no tips: September's show */
    HealthTipList l;
    assert_int_equal(store_tip_for_month(s, NULL, &l), 0);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.items[0].title, "秋季防燥");
    assert_string_equal(l.items[1].title, "早睡早起");
    health_tip_list_free(&l);

    assert_int_equal(store_tip_for_month(s, "2026-08", &l), 0);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].title, "防暑降温");
    health_tip_list_free(&l);

    /* before any tip: an empty column, not an error */
    assert_int_equal(store_tip_for_month(s, "2025-01", &l), 0);
    assert_int_equal(l.count, 0);
    health_tip_list_free(&l);

    /* once November has one, it alone shows */
    add(s, "2026-11", "冬季防跌倒", NULL);
    assert_int_equal(store_tip_for_month(s, NULL, &l), 0);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].title, "冬季防跌倒");
    health_tip_list_free(&l);
}

static void test_bad_month_and_text_are_refused(void **state)
{
    Store *s = TU_STORE(state);
    static const char *const bad[] = {"2026-13", "2026-1", "26-11", "2026- 1", "2026/11", "", NULL};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        HealthTip t = {.month = (char *)bad[i], .title = "标题", .body = "正文"};
        assert_int_equal(store_tip_add(s, &t, NULL), -1);
        assert_int_equal(store_reason(s), REASON_INVALID_VALUE);
    }
    HealthTip t = {.month = "2026-11", .title = "  ", .body = "正文"};
    assert_int_equal(store_tip_add(s, &t, NULL), -1);
    assert_int_equal(store_reason(s), REASON_TEXT_EMPTY);
    t.title = "标题";
    t.body = "\xc3\x28";
    assert_int_equal(store_tip_add(s, &t, NULL), -1);
    assert_int_equal(store_reason(s), REASON_TEXT_BAD_UTF8);

    HealthTipList l;
    HealthTipQuery q = {.month = "2026-13"};
    assert_int_equal(store_tip_list(s, &q, &l), -1);
    assert_int_equal(store_reason(s), REASON_INVALID_VALUE);
    assert_int_equal(store_tip_list(s, NULL, &l), 0);
    assert_int_equal(l.count, 0); /* nothing was written by the refused adds */
    health_tip_list_free(&l);
}

static void test_source_key_update_and_remove(void **state)
{
    Store *s = TU_STORE(state);
    int64_t a = add(s, "2026-11", "冬季防跌倒", "tips/2026-11.txt");
    HealthTip got;
    assert_int_equal(store_tip_get(s, a, &got), 0);
    int64_t stamp = got.updated_at;
    health_tip_deinit(&got);

    /* importing the same file again: same row, untouched */
    store_set_now(s, NOW + 60);
    assert_int_equal(add(s, "2026-11", "冬季防跌倒", "tips/2026-11.txt"), a);
    assert_int_equal(store_tip_get(s, a, &got), 0);
    assert_int_equal(got.updated_at, stamp);
    assert_string_equal(got.source_key, "tips/2026-11.txt");
    health_tip_deinit(&got);

    /* an edited file updates the same row */
    assert_int_equal(add(s, "2026-11", "冬季防跌倒（修订）", "tips/2026-11.txt"), a);
    assert_int_equal(store_tip_get(s, a, &got), 0);
    assert_string_equal(got.title, "冬季防跌倒（修订）");
    health_tip_deinit(&got);

    HealthTip t = {.id = a, .month = "2026-12", .title = "新标题", .body = "新正文"};
    assert_int_equal(store_tip_update(s, &t), 0);
    assert_int_equal(store_tip_get(s, a, &got), 0);
    assert_string_equal(got.month, "2026-12");
    assert_string_equal(got.author, "");
    health_tip_deinit(&got);

    assert_int_equal(store_tip_remove(s, a), 0);
    assert_int_equal(store_tip_get(s, a, &got), -1);
    assert_int_equal(store_reason(s), REASON_NOT_FOUND);
    assert_int_equal(store_tip_remove(s, a), -1);
    assert_int_equal(store_reason(s), REASON_NOT_FOUND);
    assert_int_equal(store_tip_update(s, &t), -1);
    assert_int_equal(store_reason(s), REASON_NOT_FOUND);
    HealthTipList l;
    assert_int_equal(store_tip_for_month(s, "2026-12", &l), 0);
    assert_int_equal(l.count, 0);
    health_tip_list_free(&l);

    /* re-importing the file brings a removed tip back */
    assert_int_equal(add(s, "2026-11", "冬季防跌倒", "tips/2026-11.txt"), a);
    assert_int_equal(store_tip_get(s, a, &got), 0);
    health_tip_deinit(&got);
}

/* A tip may be only a photo of the doctor's page with a title: the body is optional
 * then, but the file must be in the photo store already (a row never names a missing
 * file), and a tip with neither body nor photo is refused. */
static void test_a_page_photo_makes_the_body_optional(void **state)
{
    TuStore *t = *state;
    Store *s = t->store;
    HealthTip tip = {.month = "2026-11", .title = "冬季血压", .body = ""};
    assert_int_equal(store_tip_add(s, &tip, NULL), -1);
    assert_int_equal(store_reason(s), REASON_TEXT_EMPTY);
    snprintf(tip.photo_sha256, sizeof tip.photo_sha256, "%064d", 0);
    tip.photo_width = 600;
    tip.photo_height = 800;
    tip.photo_bytes = 5;
    assert_int_equal(store_tip_add(s, &tip, NULL), -1);
    assert_int_equal(store_reason(s), REASON_NOT_FOUND);

    char src[320];
    snprintf(src, sizeof src, "%s/page.jpg", t->dir);
    FILE *f = fopen(src, "wb");
    assert_non_null(f);
    fputs("page", f);
    fclose(f);
    assert_int_equal(store_photo_put_file(s, src, tip.photo_sha256, &tip.photo_bytes), 0);
    assert_int_equal(tip.photo_bytes, 4);
    int64_t id;
    assert_int_equal(store_tip_add(s, &tip, &id), 0);
    HealthTip got;
    assert_int_equal(store_tip_get(s, id, &got), 0);
    assert_string_equal(got.body, "");
    assert_string_equal(got.photo_sha256, tip.photo_sha256);
    assert_int_equal(got.photo_height, 800);
    health_tip_deinit(&got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_list_is_newest_month_first, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_month_without_tips_shows_the_latest_earlier_month,
                                        tu_store_setup, tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_bad_month_and_text_are_refused, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_a_page_photo_makes_the_body_optional, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_source_key_update_and_remove, tu_store_setup,
                                        tu_store_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
