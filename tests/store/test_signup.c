/* Sign-ups: capacity and the strict first-come waiting list, promotion on cancel,
 * refusals (full, twice, bad phone, deadline, party size, receipt) and the outbox:
 * every accepted submission adds exactly one row, every refused one adds none. */
#include "testutil.h"

#include "store/activity.h"
#include "store/signup.h"

#include <sqlite3.h>
#include <string.h>

#define NOW  1795399200 /* 2026-11-23 10:00 */
#define HOUR 3600
#define DAY  86400

#define T(state) ((TuStore *)*(state))

/* A count query run through a second connection on the file, like a sync worker:
 * it sees what was committed, not what the Store believes. */
static int64_t outbox_rows(void **state)
{
    return tu_sql_int(state, "SELECT count(*) FROM outbox");
}

static int64_t event(Store *s, int capacity, int no_waitlist, int64_t deadline)
{
    Activity a = {0};
    a.kind = ACTIVITY_EVENT;
    a.title = "重阳节包饺子";
    a.place = "一楼活动室";
    a.starts_at = NOW + 3 * DAY;
    a.ends_at = NOW + 3 * DAY + 2 * HOUR;
    a.capacity = capacity;
    a.no_waitlist = no_waitlist;
    a.signup_deadline = deadline;
    int64_t id = 0;
    if (store_activity_add(s, &a, &id) != 0)
        fail_msg("add activity: %s", store_errmsg(s));
    return id;
}

static SignupResult sign(Store *s, int64_t act, const char *room, int party)
{
    SignupResult r;
    memset(&r, 0, sizeof r);
    if (store_signup_add(s, act, room, NULL, NULL, party, &r) != 0)
        fail_msg("sign-up %s: %s", room, store_errmsg(s));
    return r;
}

/* Expects a refusal with reason and no new outbox row. */
#define assert_refused(state, call, reason)                                                        \
    do {                                                                                           \
        int64_t before_ = outbox_rows(state);                                                      \
        assert_int_equal((call), -1);                                                              \
        assert_string_equal(reason_name(store_reason(TU_STORE(state))), reason_name(reason));      \
        assert_int_equal(outbox_rows(state), before_);                                             \
    } while (0)

static void test_capacity_waitlist_and_promotion(void **state)
{
    Store *s = TU_STORE(state);
    int64_t act = event(s, 3, 0, 0);
    SignupResult a = sign(s, act, "1201", 2);
    SignupResult b = sign(s, act, "1202", 1);
    assert_int_equal(a.status, SIGNUP_CONFIRMED);
    assert_int_equal(b.status, SIGNUP_CONFIRMED);
    assert_int_equal(outbox_rows(state), 2);

    SignupResult c = sign(s, act, "1203", 1);
    assert_int_equal(c.status, SIGNUP_WAITLISTED);
    assert_int_equal(c.waitlist_position, 1);
    assert_int_equal(outbox_rows(state), 3);

    ActivityFill f;
    assert_int_equal(store_activity_fill(s, act, &f), 0);
    assert_int_equal(f.confirmed_people, 3);
    assert_int_equal(f.waiting_signups, 1);
    assert_int_equal(f.places_left, 0);

    /* the first household cancels: the waiting one moves up without any update */
    StoreReceipt cancel;
    assert_int_equal(store_signup_cancel(s, act, "1201", a.receipt.receipt, &cancel), 0);
    assert_string_not_equal(cancel.uuid, a.receipt.uuid);
    assert_int_equal(outbox_rows(state), 4);
    /* the cancellation names the sign-up it cancels, as JSON the hub can read */
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM outbox WHERE kind = 'signup_cancel' AND uuid = '%s'"
             " AND json_valid(payload) AND payload ->> '$.signup_uuid' = '%s'",
             cancel.uuid, a.receipt.uuid);
    assert_int_equal(tu_sql_int(state, sql), 1);

    SignupList l;
    assert_int_equal(store_signup_list(s, act, 0, &l), 0);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.items[1].room, "1203");
    assert_int_equal(l.items[1].status, SIGNUP_CONFIRMED);
    assert_int_equal(l.items[1].waitlist_position, 0);
    signup_list_free(&l);
    assert_int_equal(store_activity_fill(s, act, &f), 0);
    assert_int_equal(f.confirmed_people, 2);
    assert_int_equal(f.waiting_signups, 0);
    assert_int_equal(f.places_left, 1);

    /* the cancelled sign-up is still there for staff, marked cancelled */
    assert_int_equal(store_signup_list(s, act, 1, &l), 0);
    assert_int_equal(l.count, 3);
    assert_int_equal(l.items[0].status, SIGNUP_CANCELLED);
    assert_true(l.items[0].cancelled_at > 0);
    signup_list_free(&l);
}

static void test_waiting_household_is_never_overtaken(void **state)
{
    Store *s = TU_STORE(state);
    int64_t act = event(s, 4, 0, 0);
    assert_int_equal(sign(s, act, "501", 3).status, SIGNUP_CONFIRMED);
    SignupResult big = sign(s, act, "502", 2);
    assert_int_equal(big.status, SIGNUP_WAITLISTED);
    /* one place is free, but a party of one arrived after a waiting party of two */
    SignupResult small = sign(s, act, "503", 1);
    assert_int_equal(small.status, SIGNUP_WAITLISTED);
    assert_int_equal(small.waitlist_position, 2);
    ActivityFill f;
    assert_int_equal(store_activity_fill(s, act, &f), 0);
    assert_int_equal(f.places_left, 1);
    assert_int_equal(f.waiting_people, 3);
}

static void test_full_without_waitlist_is_refused(void **state)
{
    Store *s = TU_STORE(state);
    int64_t act = event(s, 2, 1, 0);
    sign(s, act, "301", 2);
    SignupResult r;
    assert_refused(state, store_signup_add(s, act, "302", NULL, NULL, 1, &r), REASON_ACTIVITY_FULL);
    /* no limit at all: everyone is confirmed */
    int64_t open = event(s, 0, 1, 0);
    for (int i = 1; i <= 5; i++) {
        char room[16];
        snprintf(room, sizeof room, "6%02d", i);
        assert_int_equal(sign(s, open, room, 4).status, SIGNUP_CONFIRMED);
    }
}

static void test_same_room_twice_is_refused_until_cancelled(void **state)
{
    Store *s = TU_STORE(state);
    int64_t act = event(s, 0, 0, 0);
    SignupResult first = sign(s, act, "1203", 1);
    SignupResult r;
    /* the same room typed another way is still the same household */
    assert_refused(state, store_signup_add(s, act, "1203室", "王阿姨", NULL, 2, &r),
                   REASON_ALREADY_SIGNED_UP);
    Signup mine;
    assert_int_equal(store_signup_find(s, act, "1203", &mine), 0);
    assert_string_equal(mine.receipt, first.receipt.receipt);
    signup_deinit(&mine);

    assert_int_equal(store_signup_cancel(s, act, "1203", first.receipt.receipt, NULL), 0);
    assert_int_equal(store_signup_find(s, act, "1203", &mine), -1);
    assert_int_equal(store_reason(s), REASON_NOT_FOUND);
    SignupResult again = sign(s, act, "1203", 2);
    assert_string_not_equal(again.receipt.receipt, first.receipt.receipt);
}

static void test_bad_input_is_refused(void **state)
{
    Store *s = TU_STORE(state);
    int64_t act = event(s, 10, 0, 0);
    SignupResult r;
    assert_refused(state, store_signup_add(s, act, "1203", NULL, "12345", 1, &r),
                   REASON_PHONE_INVALID);
    assert_refused(state, store_signup_add(s, act, "", NULL, NULL, 1, &r), REASON_ROOM_REQUIRED);
    assert_refused(state, store_signup_add(s, act, "9999", NULL, NULL, 1, &r), REASON_ROOM_INVALID);
    assert_refused(state, store_signup_add(s, act, "1203", NULL, NULL, 0, &r), REASON_PARTY_SIZE);
    assert_refused(state, store_signup_add(s, act, "1203", NULL, NULL, 5, &r), REASON_PARTY_SIZE);
    assert_refused(
        state,
        store_signup_add(s, act, "1203", "一二三四五六七八九十一二三四五六七八九十一", NULL, 1, &r),
        REASON_TEXT_TOO_LONG);
    assert_refused(state, store_signup_add(s, act + 100, "1203", NULL, NULL, 1, &r),
                   REASON_NOT_FOUND);

    /* a good phone is kept normalised */
    assert_int_equal(store_signup_add(s, act, "1203", " 李师傅 ", "138 1234 5678", 4, &r), 0);
    Signup g;
    assert_int_equal(store_signup_find(s, act, "1203", &g), 0);
    assert_string_equal(g.phone, "13812345678");
    assert_string_equal(g.name, "李师傅");
    assert_int_equal(g.party_size, 4);
    signup_deinit(&g);

    /* a removed activity takes no more sign-ups */
    assert_int_equal(store_activity_remove(s, act), 0);
    assert_refused(state, store_signup_add(s, act, "1204", NULL, NULL, 1, &r), REASON_NOT_FOUND);
}

static void test_deadline(void **state)
{
    Store *s = TU_STORE(state);
    int64_t act = event(s, 0, 0, NOW + HOUR);
    sign(s, act, "801", 1);
    store_set_now(s, NOW + HOUR);
    SignupResult r;
    assert_refused(state, store_signup_add(s, act, "802", NULL, NULL, 1, &r),
                   REASON_DEADLINE_PASSED);
    /* without a deadline an event closes when it starts */
    int64_t open = event(s, 0, 0, 0);
    sign(s, open, "802", 1);
    store_set_now(s, NOW + 3 * DAY);
    assert_refused(state, store_signup_add(s, open, "803", NULL, NULL, 1, &r),
                   REASON_DEADLINE_PASSED);
}

static void test_cancel_needs_matching_room_and_receipt(void **state)
{
    Store *s = TU_STORE(state);
    int64_t act = event(s, 0, 0, 0);
    SignupResult a = sign(s, act, "1001", 1);
    SignupResult b = sign(s, act, "1002", 1);
    StoreReceipt c;
    /* someone else's receipt, a made-up one, a malformed one */
    assert_refused(state, store_signup_cancel(s, act, "1001", b.receipt.receipt, &c),
                   REASON_RECEIPT_MISMATCH);
    assert_refused(state, store_signup_cancel(s, act, "1001", "ZZZZZZ", &c),
                   REASON_RECEIPT_MISMATCH);
    assert_refused(state, store_signup_cancel(s, act, "1001", "0O1", &c), REASON_RECEIPT_MISMATCH);
    assert_refused(state, store_signup_cancel(s, act + 1, "1001", a.receipt.receipt, &c),
                   REASON_RECEIPT_MISMATCH);

    /* typed in lower case: still the resident's receipt */
    char lower[8];
    for (int i = 0; i < 7; i++)
        lower[i] = (char)(a.receipt.receipt[i] >= 'A' && a.receipt.receipt[i] <= 'Z'
                              ? a.receipt.receipt[i] + 32
                              : a.receipt.receipt[i]);
    lower[7] = 0;
    int64_t before = outbox_rows(state);
    assert_int_equal(store_signup_cancel(s, act, "1001", lower, &c), 0);
    assert_int_equal(outbox_rows(state), before + 1);
    /* cancelling twice is refused */
    assert_refused(state, store_signup_cancel(s, act, "1001", a.receipt.receipt, &c),
                   REASON_RECEIPT_MISMATCH);
}

static void test_export_lists_every_signup(void **state)
{
    Store *s = TU_STORE(state);
    int64_t one = event(s, 1, 0, 0);
    int64_t two = event(s, 0, 0, 0);
    SignupResult a = sign(s, one, "201", 1);
    sign(s, one, "202", 1);
    sign(s, two, "203", 2);
    assert_int_equal(store_signup_cancel(s, one, "201", a.receipt.receipt, NULL), 0);
    SignupList l;
    assert_int_equal(store_signup_list_all(s, &l), 0);
    assert_int_equal(l.count, 3);
    assert_string_equal(l.items[0].activity_title, "重阳节包饺子");
    assert_int_equal(l.items[0].status, SIGNUP_CANCELLED);
    assert_string_equal(signup_status_name(l.items[0].status), "cancelled");
    assert_int_equal(l.items[1].status, SIGNUP_CONFIRMED); /* promoted */
    assert_int_equal(l.items[2].activity_id, two);
    assert_int_equal(l.items[2].party_size, 2);
    assert_int_equal(strlen(l.items[2].uuid), 36);
    assert_int_equal(l.items[2].created_at, NOW);
    signup_list_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_capacity_waitlist_and_promotion, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_waiting_household_is_never_overtaken, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_full_without_waitlist_is_refused, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_same_room_twice_is_refused_until_cancelled,
                                        tu_store_setup, tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_bad_input_is_refused, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_deadline, tu_store_setup, tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_cancel_needs_matching_room_and_receipt, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_export_lists_every_signup, tu_store_setup,
                                        tu_store_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
