/* Health questions: asked with a receipt and an outbox event; the board shows only
 * answered questions the volunteer marked public, newest answer first. */
#include "testutil.h"

#include "store/outbox.h"
#include "store/question.h"

#include <string.h>

#define NOW 1795399200 /* 2026-11-23 10:00 */
#define DAY 86400

static int64_t ask(Store *s, const char *text, const char *room)
{
    StoreReceipt r;
    if (store_question_add(s, text, room, &r) != 0)
        fail_msg("ask: %s", store_errmsg(s));
    return r.id;
}

static void test_question_is_kept_with_outbox_event(void **state)
{
    Store *s = TU_STORE(state);
    StoreReceipt r;
    assert_int_equal(store_question_add(s, "血压早上高晚上低，正常吗？", "2201", &r), 0);
    Question q;
    assert_int_equal(store_question_get(s, r.id, &q), 0);
    assert_string_equal(q.text, "血压早上高晚上低，正常吗？");
    assert_string_equal(q.room, "2201");
    assert_string_equal(q.answer, "");
    assert_int_equal(q.answered_at, 0);
    assert_string_equal(q.receipt, r.receipt);
    question_deinit(&q);

    OutboxList ob;
    assert_int_equal(store_outbox_list_pending(s, 0, 0, &ob), 0);
    assert_int_equal(ob.count, 1);
    assert_string_equal(ob.items[0].kind, "question");
    assert_non_null(strstr(ob.items[0].payload, "\"room\":\"2201\""));
    outbox_list_free(&ob);
}

static void test_bad_questions_refused(void **state)
{
    Store *s = TU_STORE(state);
    StoreReceipt r;
    assert_int_equal(store_question_add(s, "", NULL, &r), -1);
    assert_int_equal(store_reason(s), REASON_TEXT_EMPTY);
    assert_int_equal(store_question_add(s, "问题", "9999", &r), -1);
    assert_int_equal(store_reason(s), REASON_ROOM_INVALID);
    assert_int_equal(store_question_add(s, "\xc0\xaf", NULL, &r), -1); /* overlong '/' */
    assert_int_equal(store_reason(s), REASON_TEXT_BAD_UTF8);
    for (int i = 0; i < STORE_QUESTIONS_PER_ROOM_DAY; i++)
        ask(s, "问题", "601");
    assert_int_equal(store_question_add(s, "问题", "601", &r), -1);
    assert_int_equal(store_reason(s), REASON_DAILY_CAP);
    int64_t n;
    assert_int_equal(store_outbox_count_pending(s, &n), 0);
    assert_int_equal(n, STORE_QUESTIONS_PER_ROOM_DAY);
}

static void test_public_board_only_answered_and_public(void **state)
{
    Store *s = TU_STORE(state);
    int64_t a = ask(s, "冬天怎么预防流感？", "1203");
    int64_t b = ask(s, "膝盖疼能爬楼梯吗？", NULL);
    int64_t c = ask(s, "私人的用药问题", "1204");
    ask(s, "还没人回答的问题", NULL);

    assert_int_equal(store_question_answer(s, a, "接种流感疫苗，勤洗手，多通风。", "王医生", 1), 0);
    store_set_now(s, NOW + DAY);
    assert_int_equal(store_question_answer(s, b, "尽量乘电梯，可做平地散步。", "王医生", 1), 0);
    assert_int_equal(store_question_answer(s, c, "请带上药盒来卫生站面谈。", "王医生", 0), 0);

    QuestionQuery pub = {.public_view = 1};
    QuestionList l;
    assert_int_equal(store_question_list(s, &pub, &l), 0);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.items[0].text, "膝盖疼能爬楼梯吗？"); /* newest answer first */
    assert_string_equal(l.items[1].text, "冬天怎么预防流感？");
    assert_string_equal(l.items[1].room, "");
    assert_string_equal(l.items[1].room_masked, "12**室");
    assert_string_equal(l.items[1].answered_by, "王医生");
    question_list_free(&l);

    QuestionQuery todo = {.unanswered_only = 1};
    assert_int_equal(store_question_list(s, &todo, &l), 0);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].text, "还没人回答的问题");
    question_list_free(&l);

    /* re-answering as public puts the private one on the board */
    assert_int_equal(store_question_answer(s, c, "多喝水，按时服药。", "王医生", 1), 0);
    assert_int_equal(store_question_list(s, &pub, &l), 0);
    assert_int_equal(l.count, 3);
    question_list_free(&l);
}

static void test_answer_errors(void **state)
{
    Store *s = TU_STORE(state);
    int64_t id = ask(s, "问题", NULL);
    assert_int_equal(store_question_answer(s, id, "  ", "王医生", 1), -1);
    assert_int_equal(store_reason(s), REASON_TEXT_EMPTY);
    assert_int_equal(store_question_answer(s, 31337, "答", NULL, 1), -1);
    assert_int_equal(store_reason(s), REASON_NOT_FOUND);
    QuestionQuery pub = {.public_view = 1};
    QuestionList l;
    assert_int_equal(store_question_list(s, &pub, &l), 0);
    assert_int_equal(l.count, 0);
    question_list_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_question_is_kept_with_outbox_event, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_bad_questions_refused, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_public_board_only_answered_and_public, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_answer_errors, tu_store_setup, tu_store_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
