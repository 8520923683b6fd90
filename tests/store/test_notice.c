/* Notices: validation, publish/expiry windows, pinned order, tombstones, import keys. */
#include "testutil.h"

#include "store/notice.h"

#include <string.h>

#define NOW 1795399200 /* 2026-11-23 10:00 */
#define DAY 86400

static int64_t add(Store *s, const char *cat, const char *title, int pinned, int64_t publish,
                   int64_t expires)
{
    Notice n = {0};
    n.category = (char *)cat;
    n.title = (char *)title;
    n.body = "正文";
    n.pinned = pinned;
    n.publish_at = publish;
    n.expires_at = expires;
    int64_t id = 0;
    if (store_notice_add(s, &n, &id) != 0)
        fail_msg("add: %s", store_errmsg(s));
    assert_true(id > 0);
    return id;
}

static void test_expired_and_future_notices_are_hidden(void **state)
{
    Store *s = TU_STORE(state);
    add(s, "通知", "停水通知", 0, NOW - DAY, NOW + DAY);
    add(s, "通知", "已过期", 0, NOW - 3 * DAY, NOW - DAY);
    add(s, "通知", "明天发布", 0, NOW + DAY, 0);
    NoticeList l;
    assert_int_equal(store_notice_list(s, NULL, &l), 0);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].title, "停水通知");
    notice_list_free(&l);

    NoticeQuery staff = {.include_hidden = 1};
    assert_int_equal(store_notice_list(s, &staff, &l), 0);
    assert_int_equal(l.count, 3);
    notice_list_free(&l);

    /* a day later the first one has expired by itself */
    store_set_now(s, NOW + DAY + 1);
    assert_int_equal(store_notice_list(s, NULL, &l), 0);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].title, "明天发布");
    notice_list_free(&l);
}

static void test_pinned_first_then_newest(void **state)
{
    Store *s = TU_STORE(state);
    add(s, "通知", "旧的", 0, NOW - 5 * DAY, 0);
    add(s, "公约", "楼组公约", 1, NOW - 30 * DAY, 0);
    add(s, "通知", "新的", 0, NOW - DAY, 0);
    NoticeList l;
    assert_int_equal(store_notice_list(s, NULL, &l), 0);
    assert_int_equal(l.count, 3);
    assert_string_equal(l.items[0].title, "楼组公约");
    assert_string_equal(l.items[1].title, "新的");
    assert_string_equal(l.items[2].title, "旧的");
    notice_list_free(&l);

    NoticeQuery q = {.category = "公约"};
    assert_int_equal(store_notice_list(s, &q, &l), 0);
    assert_int_equal(l.count, 1);
    notice_list_free(&l);
}

static void test_bad_input_is_refused_and_nothing_written(void **state)
{
    Store *s = TU_STORE(state);
    Notice n = {0};
    n.title = "标题";
    n.body = "\xff\xfe not utf-8";
    assert_int_equal(store_notice_add(s, &n, NULL), -1);
    assert_int_equal(store_reason(s), REASON_TEXT_BAD_UTF8);

    n.body = "   ";
    assert_int_equal(store_notice_add(s, &n, NULL), -1);
    assert_int_equal(store_reason(s), REASON_TEXT_EMPTY);

    size_t big = 1024 * 1024;
    char *body = malloc(big + 1);
    memset(body, 'a', big);
    body[big] = '\0';
    n.body = body;
    assert_int_equal(store_notice_add(s, &n, NULL), -1);
    assert_int_equal(store_reason(s), REASON_TEXT_TOO_LONG);
    free(body);

    n.body = "正文";
    n.category = "八卦";
    assert_int_equal(store_notice_add(s, &n, NULL), -1);
    assert_int_equal(store_reason(s), REASON_INVALID_VALUE);

    NoticeList l;
    NoticeQuery staff = {.include_hidden = 1};
    assert_int_equal(store_notice_list(s, &staff, &l), 0);
    assert_int_equal(l.count, 0);
    notice_list_free(&l);
}

static void test_remove_tombstones_and_update(void **state)
{
    Store *s = TU_STORE(state);
    int64_t id = add(s, "通知", "电梯保养", 0, NOW - DAY, 0);
    Notice n;
    assert_int_equal(store_notice_get(s, id, &n), 0);
    free(n.title);
    n.title = strdup("电梯保养（改期）");
    assert_int_equal(store_notice_update(s, &n), 0);
    notice_deinit(&n);
    assert_int_equal(store_notice_get(s, id, &n), 0);
    assert_string_equal(n.title, "电梯保养（改期）");
    notice_deinit(&n);

    assert_int_equal(store_notice_remove(s, id), 0);
    assert_int_equal(store_notice_get(s, id, &n), -1);
    assert_int_equal(store_reason(s), REASON_NOT_FOUND);
    assert_int_equal(store_notice_remove(s, id), -1);
    assert_int_equal(store_reason(s), REASON_NOT_FOUND);
}

static void test_source_key_makes_add_idempotent(void **state)
{
    Store *s = TU_STORE(state);
    Notice n = {0};
    n.title = "楼道堆物清理倡议";
    n.body = "请各位邻居……";
    n.category = "倡议书";
    n.publish_at = NOW - DAY;
    n.source_key = "notices/clean.txt";
    int64_t a = 0, b = 0;
    assert_int_equal(store_notice_add(s, &n, &a), 0);
    Notice got;
    assert_int_equal(store_notice_get(s, a, &got), 0);
    int64_t stamp = got.updated_at;
    notice_deinit(&got);

    store_set_now(s, NOW + 60);
    assert_int_equal(store_notice_add(s, &n, &b), 0);
    assert_int_equal(a, b);
    assert_int_equal(store_notice_get(s, a, &got), 0);
    assert_int_equal(got.updated_at, stamp); /* unchanged: not touched */
    notice_deinit(&got);

    n.body = "修改后的正文";
    assert_int_equal(store_notice_add(s, &n, &b), 0);
    assert_int_equal(a, b);
    assert_int_equal(store_notice_get(s, a, &got), 0);
    assert_string_equal(got.body, "修改后的正文");
    notice_deinit(&got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_expired_and_future_notices_are_hidden, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_pinned_first_then_newest, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_bad_input_is_refused_and_nothing_written,
                                        tu_store_setup, tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_remove_tombstones_and_update, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_source_key_makes_add_idempotent, tu_store_setup,
                                        tu_store_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
