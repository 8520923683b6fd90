/* Suggestions: what a resident submits is kept with a receipt and an outbox event,
 * bad input is refused with nothing written, caps hold, and only replied ones show. */
#include "testutil.h"

#include "core/ids.h"
#include "store/outbox.h"
#include "store/suggestion.h"

#include <string.h>

#define NOW 1795399200 /* 2026-11-23 10:00 */
#define DAY 86400

static int64_t pending(Store *s)
{
    int64_t n = -1;
    assert_int_equal(store_outbox_count_pending(s, &n), 0);
    return n;
}

static size_t count_all(Store *s)
{
    SuggestionList l;
    assert_int_equal(store_suggestion_list(s, NULL, &l), 0);
    size_t n = l.count;
    suggestion_list_free(&l);
    return n;
}

static int64_t add_ok(Store *s, const char *cat, const char *text, const char *room,
                      const char *contact)
{
    SuggestionInput in = {cat, text, room, contact};
    StoreReceipt r;
    if (store_suggestion_add(s, &in, &r) != 0)
        fail_msg("add: %s", store_errmsg(s));
    return r.id;
}

static void test_submission_gets_receipt_and_outbox_event(void **state)
{
    Store *s = TU_STORE(state);
    SuggestionInput in = {NULL, "  楼道灯坏了，晚上很黑　", "1203室", "138 1234 5678"};
    StoreReceipt r;
    assert_int_equal(store_suggestion_add(s, &in, &r), 0);
    assert_true(r.id > 0);
    assert_int_equal(strlen(r.uuid), IDS_UUID_LEN);
    assert_int_equal(strlen(r.receipt), IDS_RECEIPT_LEN);
    assert_int_equal(strspn(r.receipt, IDS_RECEIPT_ALPHABET), IDS_RECEIPT_LEN);

    Suggestion sg;
    assert_int_equal(store_suggestion_get(s, r.id, &sg), 0);
    assert_string_equal(sg.category, SUGGESTION_DEFAULT_CATEGORY);
    assert_string_equal(sg.text, "楼道灯坏了，晚上很黑"); /* trimmed, also U+3000 */
    assert_string_equal(sg.room, "1203");
    assert_string_equal(sg.contact, "13812345678");
    assert_string_equal(sg.receipt, r.receipt);
    assert_int_equal(sg.state, SUGGESTION_NEW);
    assert_int_equal(sg.created_at, NOW);
    suggestion_deinit(&sg);

    OutboxList ob;
    assert_int_equal(store_outbox_list_pending(s, 0, 0, &ob), 0);
    assert_int_equal(ob.count, 1);
    assert_string_equal(ob.items[0].kind, "suggestion");
    assert_string_equal(ob.items[0].uuid, r.uuid);
    assert_non_null(strstr(ob.items[0].payload, "\"text\":\"楼道灯坏了，晚上很黑\""));
    assert_non_null(strstr(ob.items[0].payload, r.receipt));
    outbox_list_free(&ob);
}

static void test_bad_input_is_refused_and_nothing_written(void **state)
{
    Store *s = TU_STORE(state);
    static const struct {
        SuggestionInput in;
        Reason why;
    } cases[] = {
        {{"乱七八糟", "内容", NULL, NULL}, REASON_INVALID_VALUE},
        {{NULL, " \t　", NULL, NULL}, REASON_TEXT_EMPTY},
        {{NULL, NULL, NULL, NULL}, REASON_TEXT_EMPTY},
        {{NULL, "\xe6\xa5", NULL, NULL}, REASON_TEXT_BAD_UTF8},
        {{NULL, "内容", "3407", NULL}, REASON_ROOM_INVALID},
        {{NULL, "内容", "12a3", NULL}, REASON_ROOM_INVALID},
        {{NULL, "内容", NULL, "12345"}, REASON_PHONE_INVALID},
        {{NULL, "内容", NULL, "电话"}, REASON_PHONE_INVALID},
    };
    /* this building has 33 floors */
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        StoreReceipt r = {.id = 99};
        assert_int_equal(store_suggestion_add(s, &cases[i].in, &r), -1);
        assert_int_equal(store_reason(s), cases[i].why);
        assert_int_equal(r.id, 0);
        assert_int_equal(r.receipt[0], '\0');
    }
    assert_int_equal(count_all(s), 0);
    assert_int_equal(pending(s), 0);
}

static void test_length_limit_is_in_characters(void **state)
{
    Store *s = TU_STORE(state);
    /* 500 Chinese characters (1500 bytes) fit; 501 do not */
    char text[3 * (STORE_SUGGESTION_MAX + 1) + 1] = "";
    for (int i = 0; i < STORE_SUGGESTION_MAX; i++)
        strcat(text, "建");
    add_ok(s, "设施维修", text, NULL, NULL);
    strcat(text, "议");
    SuggestionInput in = {"设施维修", text, NULL, NULL};
    StoreReceipt r;
    assert_int_equal(store_suggestion_add(s, &in, &r), -1);
    assert_int_equal(store_reason(s), REASON_TEXT_TOO_LONG);
    assert_int_equal(count_all(s), 1);
}

static void test_daily_cap_per_room(void **state)
{
    Store *s = TU_STORE(state);
    for (int i = 0; i < STORE_SUGGESTIONS_PER_ROOM_DAY; i++)
        add_ok(s, NULL, "电梯按钮不灵", "503", NULL);
    SuggestionInput in = {NULL, "又一条", "503室", NULL};
    StoreReceipt r;
    assert_int_equal(store_suggestion_add(s, &in, &r), -1);
    assert_int_equal(store_reason(s), REASON_DAILY_CAP);
    /* another room, and residents who leave no room, are not held back */
    add_ok(s, NULL, "又一条", "504", NULL);
    for (int i = 0; i < STORE_SUGGESTIONS_PER_ROOM_DAY + 1; i++)
        add_ok(s, NULL, "匿名建议", NULL, NULL);
    /* the next morning the room may write again */
    store_set_now(s, NOW + DAY - 10 * 3600 + 60); /* 00:01 the next day */
    assert_int_equal(store_suggestion_add(s, &in, &r), 0);
    assert_int_equal(count_all(s), (size_t)STORE_SUGGESTIONS_PER_ROOM_DAY + 1 +
                                       STORE_SUGGESTIONS_PER_ROOM_DAY + 1 + 1);
}

static void test_moderation_states(void **state)
{
    Store *s = TU_STORE(state);
    int64_t id = add_ok(s, "环境卫生", "垃圾房门口有积水", "801", NULL);
    int64_t before = pending(s);

    assert_int_equal(store_suggestion_mark_seen(s, id), 0);
    assert_int_equal(store_suggestion_mark_seen(s, id), 0); /* twice: no harm */
    Suggestion sg;
    assert_int_equal(store_suggestion_get(s, id, &sg), 0);
    assert_int_equal(sg.state, SUGGESTION_SEEN);
    suggestion_deinit(&sg);

    assert_int_equal(store_suggestion_reply(s, id, "已请物业处理"), 0);
    store_set_now(s, NOW + 3600);
    assert_int_equal(store_suggestion_reply(s, id, "物业已疏通排水沟，谢谢提醒"), 0);
    assert_int_equal(store_suggestion_get(s, id, &sg), 0);
    assert_int_equal(sg.state, SUGGESTION_REPLIED);
    assert_string_equal(sg.reply, "物业已疏通排水沟，谢谢提醒");
    assert_int_equal(sg.replied_at, NOW + 3600);
    suggestion_deinit(&sg);

    /* a replied suggestion cannot go back to "seen" */
    assert_int_equal(store_suggestion_mark_seen(s, id), -1);
    assert_int_equal(store_reason(s), REASON_BAD_STATE);
    assert_int_equal(store_suggestion_reply(s, id, "   "), -1);
    assert_int_equal(store_reason(s), REASON_TEXT_EMPTY);
    assert_int_equal(store_suggestion_reply(s, 4242, "回复"), -1);
    assert_int_equal(store_reason(s), REASON_NOT_FOUND);
    assert_int_equal(store_suggestion_mark_seen(s, 4242), -1);
    assert_int_equal(store_reason(s), REASON_NOT_FOUND);
    /* moderation is not a resident's submission */
    assert_int_equal(pending(s), before);
}

static void test_public_list_shows_replied_only_with_masked_room(void **state)
{
    Store *s = TU_STORE(state);
    int64_t a = add_ok(s, "安全隐患", "楼道堆放杂物", "1203", "13812345678");
    add_ok(s, NULL, "没有回复的", "1204", NULL);
    store_set_now(s, NOW + 60);
    int64_t c = add_ok(s, "活动建议", "希望办一次义诊", NULL, NULL);
    assert_int_equal(store_suggestion_reply(s, c, "下月初请社区医生来"), 0);
    store_set_now(s, NOW + 120);
    assert_int_equal(store_suggestion_reply(s, a, "已通知清理"), 0);

    SuggestionQuery pub = {.public_view = 1};
    SuggestionList l;
    assert_int_equal(store_suggestion_list(s, &pub, &l), 0);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.items[0].text, "楼道堆放杂物"); /* newest reply first */
    assert_string_equal(l.items[0].room_masked, "12**室");
    assert_string_equal(l.items[0].room, "");
    assert_string_equal(l.items[0].contact, "");
    assert_string_equal(l.items[0].reply, "已通知清理");
    assert_string_equal(l.items[1].room_masked, "");
    suggestion_list_free(&l);

    SuggestionQuery fresh = {.state = "new"};
    assert_int_equal(store_suggestion_list(s, &fresh, &l), 0);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].room, "1204");
    suggestion_list_free(&l);
}

static void test_categories_and_state_names(void **state)
{
    (void)state;
    assert_true(suggestion_category_valid("环境卫生"));
    assert_true(suggestion_category_valid(SUGGESTION_DEFAULT_CATEGORY));
    assert_false(suggestion_category_valid("通知"));
    assert_false(suggestion_category_valid(NULL));
    SuggestionState st;
    assert_int_equal(suggestion_state_parse("replied", &st), 0);
    assert_int_equal(st, SUGGESTION_REPLIED);
    assert_int_equal(suggestion_state_parse("done", &st), -1);
    assert_string_equal(suggestion_state_name(SUGGESTION_SEEN), "seen");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_submission_gets_receipt_and_outbox_event,
                                        tu_store_setup, tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_bad_input_is_refused_and_nothing_written,
                                        tu_store_setup, tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_length_limit_is_in_characters, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_daily_cap_per_room, tu_store_setup, tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_moderation_states, tu_store_setup, tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_public_list_shows_replied_only_with_masked_room,
                                        tu_store_setup, tu_store_teardown),
        cmocka_unit_test(test_categories_and_state_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
