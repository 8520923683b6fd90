/* Receipt lookup: a code finds its submission in any case, says where it stands (the
 * reply once there is one, a private answer kept back), and an unknown code is
 * REASON_NOT_FOUND. */
#include "testutil.h"

#include "store/question.h"
#include "store/receipt.h"
#include "store/suggestion.h"

#include <ctype.h>
#include <string.h>

static void test_suggestion_and_its_reply(void **state)
{
    Store *s = TU_STORE(state);
    SuggestionInput in = {NULL, "楼道灯坏了", "301", NULL};
    StoreReceipt r;
    assert_int_equal(store_suggestion_add(s, &in, &r), 0);
    ReceiptInfo info;
    assert_int_equal(store_receipt_lookup(s, r.receipt, &info), 0);
    assert_int_equal(info.kind, RECEIPT_SUGGESTION);
    assert_int_equal(info.state, SUGGESTION_NEW);
    assert_string_equal(info.title, "楼道灯坏了");
    assert_string_equal(info.reply, "");
    receipt_info_deinit(&info);

    assert_int_equal(store_suggestion_reply(s, r.id, "已报物业"), 0);
    char lower[8];
    for (size_t i = 0; i <= strlen(r.receipt); i++)
        lower[i] = (char)tolower((unsigned char)r.receipt[i]);
    assert_int_equal(store_receipt_lookup(s, lower, &info), 0); /* any case */
    assert_int_equal(info.state, SUGGESTION_REPLIED);
    assert_string_equal(info.reply, "已报物业");
    receipt_info_deinit(&info);
}

static void test_private_answer_stays_private(void **state)
{
    Store *s = TU_STORE(state);
    StoreReceipt r;
    assert_int_equal(store_question_add(s, "晚上睡不好怎么办", "305", &r), 0);
    ReceiptInfo info;
    assert_int_equal(store_receipt_lookup(s, r.receipt, &info), 0);
    assert_int_equal(info.kind, RECEIPT_QUESTION);
    assert_int_equal(info.state, 0);
    receipt_info_deinit(&info);
    assert_int_equal(store_question_answer(s, r.id, "少喝浓茶", "张医生", 0), 0);
    assert_int_equal(store_receipt_lookup(s, r.receipt, &info), 0);
    assert_int_equal(info.state, 1);
    assert_string_equal(info.reply, ""); /* answered, but not for the screen */
    receipt_info_deinit(&info);
    assert_int_equal(store_question_answer(s, r.id, "少喝浓茶", "张医生", 1), 0);
    assert_int_equal(store_receipt_lookup(s, r.receipt, &info), 0);
    assert_string_equal(info.reply, "少喝浓茶");
    receipt_info_deinit(&info);
}

static void test_unknown_code(void **state)
{
    Store *s = TU_STORE(state);
    ReceiptInfo info;
    assert_int_equal(store_receipt_lookup(s, "ZZZZZZ", &info), -1);
    assert_int_equal(store_reason(s), REASON_NOT_FOUND);
    assert_int_equal(store_receipt_lookup(s, "", &info), -1);
    assert_int_equal(store_receipt_lookup(s, "ZZZZZZZZZZ", &info), -1);
    receipt_info_deinit(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_suggestion_and_its_reply, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_private_answer_stays_private, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_unknown_code, tu_store_setup, tu_store_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
