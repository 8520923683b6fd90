/* Micro-wishes: review before the board, claims that move the state in the same
 * transaction, the poster cannot claim their own wish, and illegal steps refuse. */
#include "testutil.h"

#include "store/outbox.h"
#include "store/wish.h"

#include <string.h>

#define NOW 1795399200 /* 2026-11-23 10:00 */

static int64_t pending(Store *s)
{
    int64_t n = -1;
    assert_int_equal(store_outbox_count_pending(s, &n), 0);
    return n;
}

static int64_t post(Store *s, const char *text, const char *room)
{
    StoreReceipt r;
    if (store_wish_add(s, text, room, &r) != 0)
        fail_msg("wish add: %s", store_errmsg(s));
    return r.id;
}

static WishState state_of(Store *s, int64_t id)
{
    Wish w;
    assert_int_equal(store_wish_get(s, id, &w), 0);
    WishState st = w.state;
    wish_deinit(&w);
    return st;
}

static void test_wish_waits_for_review_before_the_board(void **state)
{
    Store *s = TU_STORE(state);
    int64_t id = post(s, "想请人帮忙换一下厨房的灯泡", "1502室");
    assert_int_equal(state_of(s, id), WISH_REVIEW);
    assert_int_equal(pending(s), 1);

    WishQuery board = {.board = 1};
    WishList l;
    assert_int_equal(store_wish_list(s, &board, &l), 0);
    assert_int_equal(l.count, 0);
    wish_list_free(&l);

    assert_int_equal(store_wish_approve(s, id), 0);
    assert_int_equal(store_wish_list(s, &board, &l), 0);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].room_masked, "15**室");
    assert_string_equal(l.items[0].room, "");
    assert_int_equal(l.items[0].decided_at, NOW);
    wish_list_free(&l);
}

static void test_room_is_required_and_text_checked(void **state)
{
    Store *s = TU_STORE(state);
    StoreReceipt r;
    assert_int_equal(store_wish_add(s, "想学用智能手机", NULL, &r), -1);
    assert_int_equal(store_reason(s), REASON_ROOM_REQUIRED);
    assert_int_equal(store_wish_add(s, "想学用智能手机", "0503", &r), -1);
    assert_int_equal(store_reason(s), REASON_ROOM_INVALID);
    char text[3 * (STORE_WISH_MAX + 1) + 1] = "";
    for (int i = 0; i < STORE_WISH_MAX + 1; i++)
        strcat(text, "愿");
    assert_int_equal(store_wish_add(s, text, "503", &r), -1);
    assert_int_equal(store_reason(s), REASON_TEXT_TOO_LONG);
    assert_int_equal(store_wish_add(s, "", "503", &r), -1);
    assert_int_equal(store_reason(s), REASON_TEXT_EMPTY);

    WishList l;
    assert_int_equal(store_wish_list(s, NULL, &l), 0);
    assert_int_equal(l.count, 0);
    wish_list_free(&l);
    assert_int_equal(pending(s), 0);
}

static void test_daily_cap(void **state)
{
    Store *s = TU_STORE(state);
    for (int i = 0; i < STORE_WISHES_PER_ROOM_DAY; i++)
        post(s, "想要一副老花镜", "702");
    StoreReceipt r;
    assert_int_equal(store_wish_add(s, "再来一个", "702", &r), -1);
    assert_int_equal(store_reason(s), REASON_DAILY_CAP);
    post(s, "再来一个", "703");
}

static void test_claim_records_claim_and_moves_state(void **state)
{
    Store *s = TU_STORE(state);
    int64_t id = post(s, "想请人陪我去一趟社区医院", "1502");
    assert_int_equal(store_wish_approve(s, id), 0);

    /* the poster's own room cannot claim it */
    StoreReceipt r;
    assert_int_equal(store_wish_claim(s, id, "1502室", NULL, &r), -1);
    assert_int_equal(store_reason(s), REASON_OWN_WISH); /* said as such, not "invalid" */
    assert_int_equal(state_of(s, id), WISH_OPEN);

    store_set_now(s, NOW + 600);
    assert_int_equal(store_wish_claim(s, id, "302", "小陈", &r), 0);
    assert_true(r.id > 0);
    assert_int_equal(strlen(r.receipt), 6);

    Wish w;
    assert_int_equal(store_wish_get(s, id, &w), 0);
    assert_int_equal(w.state, WISH_CLAIMED);
    assert_string_equal(w.claim_room, "302");
    assert_string_equal(w.claim_name, "小陈");
    assert_int_equal(w.claimed_at, NOW + 600);
    char wish_uuid[37];
    memcpy(wish_uuid, w.uuid, sizeof wish_uuid);
    wish_deinit(&w);

    /* the claim is an event of its own, naming the wish */
    OutboxList ob;
    assert_int_equal(store_outbox_list_pending(s, 0, 0, &ob), 0);
    assert_int_equal(ob.count, 2);
    assert_string_equal(ob.items[1].kind, "wish_claim");
    assert_string_equal(ob.items[1].uuid, r.uuid);
    assert_non_null(strstr(ob.items[1].payload, wish_uuid));
    outbox_list_free(&ob);

    /* a second neighbour is too late */
    StoreReceipt r2;
    assert_int_equal(store_wish_claim(s, id, "303", NULL, &r2), -1);
    assert_int_equal(store_reason(s), REASON_WISH_NOT_OPEN);
    assert_int_equal(r2.id, 0);
    assert_int_equal(pending(s), 2);

    /* the board shows the claim with masked rooms and no names */
    WishQuery board = {.board = 1};
    WishList l;
    assert_int_equal(store_wish_list(s, &board, &l), 0);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].claim_room_masked, "3**室");
    assert_string_equal(l.items[0].claim_room, "");
    assert_string_equal(l.items[0].claim_name, "");
    wish_list_free(&l);

    assert_int_equal(store_wish_fulfil(s, id), 0);
    assert_int_equal(state_of(s, id), WISH_FULFILLED);
}

static void test_claim_refused_unless_open(void **state)
{
    Store *s = TU_STORE(state);
    int64_t review = post(s, "审核中的心愿", "101");
    int64_t declined = post(s, "不合适的心愿", "102");
    assert_int_equal(store_wish_decline(s, declined, "涉及金钱往来，请联系居委会"), 0);
    StoreReceipt r;
    assert_int_equal(store_wish_claim(s, review, "201", NULL, &r), -1);
    assert_int_equal(store_reason(s), REASON_WISH_NOT_OPEN);
    assert_int_equal(store_wish_claim(s, declined, "201", NULL, &r), -1);
    assert_int_equal(store_reason(s), REASON_WISH_NOT_OPEN);
    assert_int_equal(store_wish_claim(s, 777, "201", NULL, &r), -1);
    assert_int_equal(store_reason(s), REASON_NOT_FOUND);
    assert_int_equal(pending(s), 2); /* the two wishes, no claims */

    Wish w;
    assert_int_equal(store_wish_get(s, declined, &w), 0);
    assert_string_equal(w.note, "涉及金钱往来，请联系居委会");
    wish_deinit(&w);
}

static void test_illegal_transitions(void **state)
{
    Store *s = TU_STORE(state);
    int64_t id = post(s, "想要几本大字版的书", "901");
    assert_int_equal(store_wish_fulfil(s, id), -1); /* review -> fulfilled */
    assert_int_equal(store_reason(s), REASON_BAD_STATE);
    assert_int_equal(store_wish_approve(s, id), 0);
    assert_int_equal(store_wish_approve(s, id), -1); /* open -> open */
    assert_int_equal(store_reason(s), REASON_BAD_STATE);
    assert_int_equal(store_wish_decline(s, id, NULL), -1); /* open -> declined */
    assert_int_equal(store_reason(s), REASON_BAD_STATE);
    assert_int_equal(store_wish_fulfil(s, id), -1); /* open -> fulfilled */
    assert_int_equal(store_reason(s), REASON_BAD_STATE);
    assert_int_equal(state_of(s, id), WISH_OPEN);
    assert_int_equal(store_wish_approve(s, 555), -1);
    assert_int_equal(store_reason(s), REASON_NOT_FOUND);
}

static void test_board_hides_review_and_declined(void **state)
{
    Store *s = TU_STORE(state);
    int64_t a = post(s, "甲", "101");
    int64_t b = post(s, "乙", "102");
    int64_t c = post(s, "丙", "103");
    post(s, "丁", "104");
    int64_t e = post(s, "戊", "105");
    assert_int_equal(store_wish_approve(s, a), 0);
    assert_int_equal(store_wish_approve(s, b), 0);
    StoreReceipt r;
    assert_int_equal(store_wish_claim(s, b, "201", NULL, &r), 0);
    assert_int_equal(store_wish_approve(s, c), 0);
    assert_int_equal(store_wish_claim(s, c, "201", NULL, &r), 0);
    assert_int_equal(store_wish_fulfil(s, c), 0);
    assert_int_equal(store_wish_decline(s, e, NULL), 0);

    WishQuery board = {.board = 1};
    WishList l;
    assert_int_equal(store_wish_list(s, &board, &l), 0);
    assert_int_equal(l.count, 3);
    assert_int_equal(l.items[0].state, WISH_OPEN);
    assert_int_equal(l.items[1].state, WISH_CLAIMED);
    assert_int_equal(l.items[2].state, WISH_FULFILLED);
    wish_list_free(&l);

    assert_int_equal(store_wish_list(s, NULL, &l), 0);
    assert_int_equal(l.count, 5);
    wish_list_free(&l);
    WishQuery review = {.state = "review"};
    assert_int_equal(store_wish_list(s, &review, &l), 0);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].text, "丁");
    wish_list_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_wish_waits_for_review_before_the_board, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_room_is_required_and_text_checked, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_daily_cap, tu_store_setup, tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_claim_records_claim_and_moves_state, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_claim_refused_unless_open, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_illegal_transitions, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_board_hides_review_and_declined, tu_store_setup,
                                        tu_store_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
