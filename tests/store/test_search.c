/* Search: Chinese queries of two and four characters, hidden notices, tips, and
 * queries full of FTS5 syntax that must be taken literally. */
#include "testutil.h"

#include "store/health.h"
#include "store/notice.h"
#include "store/search.h"

#include <string.h>

#define NOW 1795399200 /* 2026-11-23 10:00 */
#define DAY 86400

static int64_t notice(Store *s, const char *title, const char *body, int64_t publish,
                      int64_t expires)
{
    Notice n = {.category = "通知",
                .title = (char *)title,
                .body = (char *)body,
                .publish_at = publish,
                .expires_at = expires};
    int64_t id = 0;
    if (store_notice_add(s, &n, &id) != 0)
        fail_msg("notice: %s", store_errmsg(s));
    return id;
}

static int64_t tip(Store *s, const char *title, const char *body)
{
    HealthTip t = {.month = "2026-11", .title = (char *)title, .body = (char *)body};
    int64_t id = 0;
    if (store_tip_add(s, &t, &id) != 0)
        fail_msg("tip: %s", store_errmsg(s));
    return id;
}

/* Index of the hit (kind, id) in l, or -1. */
static int find(const SearchHitList *l, const char *kind, int64_t id)
{
    for (size_t i = 0; i < l->count; i++)
        if (strcmp(l->items[i].kind, kind) == 0 && l->items[i].ref_id == id)
            return (int)i;
    return -1;
}

static void test_two_and_four_character_queries(void **state)
{
    Store *s = TU_STORE(state);
    int64_t lift =
        notice(s, "加装电梯意向征询", "本楼拟加装电梯，请各户于月底前表态。", NOW - DAY, 0);
    int64_t water = notice(s, "停水通知", "周三上午九点至十二点停水，电梯照常运行。", NOW - DAY, 0);
    int64_t other = notice(s, "垃圾分类", "湿垃圾请破袋投放。", NOW - DAY, 0);
    int64_t knee = tip(s, "膝盖保养", "爬楼梯伤膝盖，有电梯尽量坐电梯。");
    int64_t flu = tip(s, "流感疫苗", "六十岁以上老人可免费接种流感疫苗。");

    SearchHitList l;
    assert_int_equal(store_search(s, "电梯", 0, &l), 0); /* 2 characters: LIKE */
    assert_int_equal(l.count, 3);
    assert_int_equal(find(&l, SEARCH_KIND_NOTICE, lift), 0); /* title match first */
    assert_true(find(&l, SEARCH_KIND_NOTICE, water) > 0);
    assert_true(find(&l, SEARCH_KIND_TIP, knee) > 0);
    assert_int_equal(find(&l, SEARCH_KIND_NOTICE, other), -1);
    int w = find(&l, SEARCH_KIND_NOTICE, water);
    assert_non_null(strstr(l.items[w].snippet, "电梯"));
    search_hit_list_free(&l);

    assert_int_equal(store_search(s, "流感疫苗", 0, &l), 0); /* 4 characters: MATCH */
    assert_int_equal(l.count, 1);
    assert_int_equal(find(&l, SEARCH_KIND_TIP, flu), 0);
    assert_string_equal(l.items[0].title, "流感疫苗");
    search_hit_list_free(&l);

    assert_int_equal(store_search(s, "加装电梯", 0, &l), 0);
    assert_int_equal(l.count, 1); /* in title and body, still one hit */
    assert_int_equal(find(&l, SEARCH_KIND_NOTICE, lift), 0);
    search_hit_list_free(&l);

    assert_int_equal(store_search(s, "  ", 0, &l), 0);
    assert_int_equal(l.count, 0);
    search_hit_list_free(&l);
}

static void test_hidden_notices_are_not_found(void **state)
{
    Store *s = TU_STORE(state);
    notice(s, "电梯维修公告", "旧的维修已经结束。", NOW - 10 * DAY, NOW - DAY);
    notice(s, "电梯保养预告", "下周一保养。", NOW + DAY, 0);
    int64_t gone = notice(s, "电梯停运", "已撤回。", NOW - DAY, 0);
    assert_int_equal(store_notice_remove(s, gone), 0);
    int64_t live = notice(s, "电梯年检", "年检合格。", NOW - DAY, 0);

    SearchHitList l;
    assert_int_equal(store_search(s, "电梯", 0, &l), 0);
    assert_int_equal(l.count, 1);
    assert_int_equal(l.items[0].ref_id, live);
    search_hit_list_free(&l);
    assert_int_equal(store_search(s, "维修公告", 0, &l), 0);
    assert_int_equal(l.count, 0); /* expired */
    search_hit_list_free(&l);
    assert_int_equal(store_search(s, "保养预告", 0, &l), 0);
    assert_int_equal(l.count, 0); /* not yet published */
    search_hit_list_free(&l);

    /* a removed tip is gone too, an edited one is found by its new words */
    int64_t t = tip(s, "冬季进补", "羊肉汤暖身。");
    HealthTip e = {.id = t, .month = "2026-11", .title = "冬季养生", .body = "萝卜炖排骨。"};
    assert_int_equal(store_tip_update(s, &e), 0);
    assert_int_equal(store_search(s, "羊肉汤", 0, &l), 0);
    assert_int_equal(l.count, 0);
    search_hit_list_free(&l);
    assert_int_equal(store_search(s, "萝卜炖", 0, &l), 0);
    assert_int_equal(l.count, 1);
    search_hit_list_free(&l);
    assert_int_equal(store_tip_remove(s, t), 0);
    assert_int_equal(store_search(s, "萝卜炖", 0, &l), 0);
    assert_int_equal(l.count, 0);
    search_hit_list_free(&l);
}

static void test_fts_syntax_is_taken_literally(void **state)
{
    Store *s = TU_STORE(state);
    int64_t q = notice(s, "关于\"文明养犬\"的倡议", "遛狗请牵绳 * 100% 做到。", NOW - DAY, 0);
    static const char *const nasty[] = {"\"",
                                        "\"\"\"",
                                        "*",
                                        "养犬*",
                                        "\"文明养犬\"",
                                        "NEAR(a b)",
                                        "a OR b AND",
                                        "^电梯",
                                        "(电",
                                        "title:电梯",
                                        "100%",
                                        "_",
                                        "\\",
                                        "'; DROP TABLE notices; --"};
    for (size_t i = 0; i < sizeof nasty / sizeof nasty[0]; i++) {
        SearchHitList l;
        if (store_search(s, nasty[i], 0, &l) != 0)
            fail_msg("query %s: %s", nasty[i], store_errmsg(s));
        search_hit_list_free(&l);
    }
    SearchHitList l;
    assert_int_equal(store_search(s, "\"文明养犬\"", 0, &l), 0);
    assert_int_equal(l.count, 1);
    assert_int_equal(l.items[0].ref_id, q);
    search_hit_list_free(&l);
    assert_int_equal(store_search(s, "100%", 0, &l), 0);
    assert_int_equal(l.count, 1);
    search_hit_list_free(&l);
    /* % and _ are not wildcards in a short query either */
    assert_int_equal(store_search(s, "_", 0, &l), 0);
    assert_int_equal(l.count, 0);
    search_hit_list_free(&l);

    assert_int_equal(store_search(s, "\xff\xfe", 0, &l), -1);
    assert_int_equal(store_reason(s), REASON_TEXT_BAD_UTF8);
}

static void test_snippet_is_one_line_around_the_match(void **state)
{
    Store *s = TU_STORE(state);
    notice(s, "楼组公约",
           "第一条：爱护公共设施。\n第二条：楼道内不堆放杂物，保持消防通道畅通。\n"
           "第三条：高空不抛物，阳台花盆要放稳。\n第四条：邻里互助，有事找楼组长。",
           NOW - DAY, 0);
    SearchHitList l;
    assert_int_equal(store_search(s, "高空不抛物", 0, &l), 0);
    assert_int_equal(l.count, 1);
    const char *sn = l.items[0].snippet;
    assert_non_null(strstr(sn, "高空不抛物"));
    assert_null(strchr(sn, '\n'));
    assert_int_equal(strncmp(sn, "…", strlen("…")), 0); /* cut at the front */
    search_hit_list_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_two_and_four_character_queries, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_hidden_notices_are_not_found, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_fts_syntax_is_taken_literally, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_snippet_is_one_line_around_the_match, tu_store_setup,
                                        tu_store_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
