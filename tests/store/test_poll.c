/* Polls and votes: one voice per household, changes counted once, the open window,
 * options of other polls, the civil-code thresholds, and the outbox rule (one row per
 * accepted vote, none for a refused one). */
#include "testutil.h"

#include "store/vote.h"

#include <sqlite3.h>
#include <string.h>

#define NOW  1795399200 /* 2026-11-23 10:00 */
#define HOUR 3600
#define DAY  86400

#define T(state) ((TuStore *)*(state))

/* Runs one SQL statement on the store's file through a second connection (what was
 * committed, as a sync worker sees it); returns the first column of the first row. */
static int64_t sql_on_file(void **state, const char *sql)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(T(state)->path, &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 2000);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    int rc = sqlite3_step(st);
    assert_true(rc == SQLITE_ROW || rc == SQLITE_DONE);
    int64_t n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

#define OUTBOX(state) sql_on_file(state, "SELECT count(*) FROM outbox")

#define assert_refused(state, call, reason)                                                        \
    do {                                                                                           \
        int64_t before_ = OUTBOX(state);                                                           \
        assert_int_equal((call), -1);                                                              \
        assert_string_equal(reason_name(store_reason(TU_STORE(state))), reason_name(reason));      \
        assert_int_equal(OUTBOX(state), before_);                                                  \
    } while (0)

static const char *const LIFT[] = {"同意", "不同意", "弃权"};

static int64_t add_poll(Store *s, const char *q, int64_t opens, int64_t closes, Poll *out)
{
    Poll p = {0};
    p.question = (char *)q;
    p.description = "由业委会发起，费用按楼层分摊。";
    p.opens_at = opens;
    p.closes_at = closes;
    int64_t id = 0;
    if (store_poll_add(s, &p, LIFT, 3, &id) != 0)
        fail_msg("add poll: %s", store_errmsg(s));
    if (out && store_poll_get(s, id, out) != 0)
        fail_msg("get poll: %s", store_errmsg(s));
    return id;
}

static void test_options_and_lists(void **state)
{
    Store *s = TU_STORE(state);
    Poll p;
    int64_t id = add_poll(s, "是否同意本楼加装电梯？", NOW - DAY, NOW + 7 * DAY, &p);
    assert_int_equal(p.option_count, 3);
    assert_string_equal(p.options[0].label, "同意");
    assert_string_equal(p.options[2].label, "弃权");
    assert_true(poll_is_open(&p, NOW));
    assert_false(poll_is_open(&p, NOW + 7 * DAY));
    poll_deinit(&p);
    add_poll(s, "下个月才开始的征询", NOW + 30 * DAY, NOW + 40 * DAY, NULL);
    add_poll(s, "已经结束的征询", NOW - 30 * DAY, NOW - 20 * DAY, NULL);

    PollList l;
    assert_int_equal(store_poll_list(s, NULL, &l), 0);
    assert_int_equal(l.count, 1);
    assert_int_equal(l.items[0].id, id);
    assert_int_equal(l.items[0].option_count, 3);
    poll_list_free(&l);
    PollQuery staff = {.include_closed = 1};
    assert_int_equal(store_poll_list(s, &staff, &l), 0);
    assert_int_equal(l.count, 3);
    poll_list_free(&l);

    /* bad polls are refused whole */
    Poll bad = {.question = "只有一个选项", .closes_at = NOW + DAY};
    const char *one[] = {"同意"};
    assert_int_equal(store_poll_add(s, &bad, one, 1, NULL), -1);
    assert_int_equal(store_reason(s), REASON_INVALID_VALUE);
    const char *eleven[11] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"};
    assert_int_equal(store_poll_add(s, &bad, eleven, 11, NULL), -1);
    const char *twice[] = {"同意", "同意"};
    assert_int_equal(store_poll_add(s, &bad, twice, 2, NULL), -1);
    assert_int_equal(store_reason(s), REASON_INVALID_VALUE);
    bad.closes_at = NOW - DAY; /* closes before it opens (opens now) */
    assert_int_equal(store_poll_add(s, &bad, LIFT, 3, NULL), -1);
    assert_int_equal(sql_on_file(state, "SELECT count(*) FROM polls"), 3);
    assert_int_equal(sql_on_file(state, "SELECT count(*) FROM poll_options"), 9);

    assert_int_equal(store_poll_remove(s, id), 0);
    assert_int_equal(store_poll_list(s, NULL, &l), 0);
    assert_int_equal(l.count, 0);
    poll_list_free(&l);
    assert_int_equal(store_poll_remove(s, id), -1);
    assert_int_equal(store_reason(s), REASON_NOT_FOUND);
}

static void test_one_vote_per_household(void **state)
{
    Store *s = TU_STORE(state);
    Poll p;
    int64_t id = add_poll(s, "是否同意本楼加装电梯？", NOW - DAY, NOW + DAY, &p);
    StoreReceipt r;
    assert_int_equal(store_vote_cast(s, id, p.options[0].id, "1203", &r), 0);
    assert_int_equal(strlen(r.receipt), 6);
    assert_int_equal(OUTBOX(state), 1);
    assert_refused(state, store_vote_cast(s, id, p.options[1].id, "1203室", &r),
                   REASON_ALREADY_VOTED);
    assert_refused(state, store_vote_cast(s, id, p.options[0].id, "", &r), REASON_ROOM_REQUIRED);
    assert_refused(state, store_vote_cast(s, id + 99, p.options[0].id, "1204", &r),
                   REASON_NOT_FOUND);
    assert_int_equal(store_vote_cast(s, id, p.options[1].id, "1204", &r), 0);
    assert_int_equal(OUTBOX(state), 2);

    PollResults res;
    assert_int_equal(store_poll_results(s, id, &res), 0);
    assert_int_equal(res.voted, 2);
    assert_int_equal(res.tallies[0].households, 1);
    assert_int_equal(res.tallies[1].households, 1);
    assert_int_equal(res.tallies[2].households, 0);
    poll_results_deinit(&res);
    poll_deinit(&p);
}

static void test_changed_vote_counts_once(void **state)
{
    Store *s = TU_STORE(state);
    Poll p;
    int64_t id = add_poll(s, "是否同意本楼加装电梯？", NOW - DAY, NOW + DAY, &p);
    StoreReceipt first, second;
    assert_refused(state, store_vote_change(s, id, p.options[0].id, "801", &first),
                   REASON_NOT_VOTED);
    assert_int_equal(store_vote_cast(s, id, p.options[1].id, "801", &first), 0);
    assert_int_equal(store_vote_change(s, id, p.options[0].id, "801", &second), 0);
    assert_string_not_equal(first.uuid, second.uuid);
    assert_int_equal(OUTBOX(state), 2);
    /* the hub learns which vote the change replaces */
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM outbox WHERE kind = 'vote' AND uuid = '%s'"
             " AND json_valid(payload) AND payload ->> '$.supersedes' = '%s'",
             second.uuid, first.uuid);
    assert_int_equal(sql_on_file(state, sql), 1);

    PollResults res;
    assert_int_equal(store_poll_results(s, id, &res), 0);
    assert_int_equal(res.voted, 1);
    assert_int_equal(res.tallies[0].households, 1);
    assert_int_equal(res.tallies[1].households, 0);
    poll_results_deinit(&res);

    int64_t chosen = 0;
    StoreReceipt latest;
    assert_int_equal(store_vote_find(s, id, "801", &chosen, &latest), 0);
    assert_int_equal(chosen, p.options[0].id);
    assert_string_equal(latest.receipt, second.receipt);

    /* the old row is kept, and the new one names it */
    VoteList l;
    assert_int_equal(store_vote_list(s, id, &l), 0);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.items[0].supersedes, "");
    assert_false(l.items[0].current);
    assert_string_equal(l.items[1].supersedes, first.uuid);
    assert_true(l.items[1].current);
    assert_string_equal(l.items[1].option_label, "同意");
    assert_string_equal(l.items[1].poll_question, "是否同意本楼加装电梯？");
    vote_list_free(&l);
    poll_deinit(&p);
}

static void test_window_and_foreign_options(void **state)
{
    Store *s = TU_STORE(state);
    Poll open, later;
    int64_t id = add_poll(s, "是否同意更换单元门禁？", NOW - DAY, NOW + DAY, &open);
    int64_t other = add_poll(s, "下个月的征询", NOW + 10 * DAY, NOW + 20 * DAY, &later);
    StoreReceipt r;
    assert_refused(state, store_vote_cast(s, other, later.options[0].id, "501", &r),
                   REASON_POLL_NOT_OPEN);
    assert_refused(state, store_vote_cast(s, id, later.options[0].id, "501", &r),
                   REASON_INVALID_OPTION);
    assert_int_equal(store_vote_cast(s, id, open.options[0].id, "501", &r), 0);

    /* at the closing second it is over, for new votes and for changes */
    store_set_now(s, NOW + DAY);
    assert_refused(state, store_vote_cast(s, id, open.options[0].id, "502", &r),
                   REASON_POLL_NOT_OPEN);
    assert_refused(state, store_vote_change(s, id, open.options[1].id, "501", &r),
                   REASON_POLL_NOT_OPEN);
    poll_deinit(&open);
    poll_deinit(&later);
}

static void cast_many(Store *s, int64_t poll, int64_t option, int from, int n)
{
    for (int i = 0; i < n; i++) {
        char room[16];
        snprintf(room, sizeof room, "%d%02d", 2 + (from + i) / 6, 1 + (from + i) % 6);
        if (store_vote_cast(s, poll, option, room, NULL) != 0)
            fail_msg("vote %s: %s", room, store_errmsg(s));
    }
}

static void test_civil_code_thresholds(void **state)
{
    Store *s = TU_STORE(state);
    sql_on_file(state, "UPDATE kiosk SET households = 12");
    Poll p;
    int64_t id = add_poll(s, "是否同意本楼加装电梯？", NOW - DAY, NOW + DAY, &p);
    /* 7 of 12 households: not yet two thirds */
    cast_many(s, id, p.options[0].id, 0, 6);
    cast_many(s, id, p.options[1].id, 6, 1);
    PollResults res;
    assert_int_equal(store_poll_results(s, id, &res), 0);
    assert_int_equal(res.households, 12);
    assert_int_equal(res.voted, 7);
    assert_false(res.quorum_reached);
    assert_true(res.agreement_reached); /* 6 of 7 */
    assert_false(res.passed);
    poll_results_deinit(&res);

    /* 8 of 12 is exactly two thirds; 6 agree of 8 is exactly three quarters */
    cast_many(s, id, p.options[1].id, 7, 1);
    assert_int_equal(store_poll_results(s, id, &res), 0);
    assert_true(res.quorum_reached);
    assert_true(res.agreement_reached);
    assert_true(res.passed);
    assert_true(res.participation > 0.66 && res.participation < 0.67);
    assert_true(res.agreement > 0.74 && res.agreement < 0.76);
    poll_results_deinit(&res);

    /* one household changes its mind: 5 of 8 agree is short of three quarters */
    char room[16];
    snprintf(room, sizeof room, "%d%02d", 2, 1);
    assert_int_equal(store_vote_change(s, id, p.options[2].id, room, NULL), 0);
    assert_int_equal(store_poll_results(s, id, &res), 0);
    assert_int_equal(res.voted, 8);
    assert_int_equal(res.tallies[0].households, 5);
    assert_false(res.agreement_reached);
    assert_false(res.passed);
    poll_results_deinit(&res);

    /* without the number of households nobody can claim a quorum */
    sql_on_file(state, "UPDATE kiosk SET households = 0");
    assert_int_equal(store_poll_results(s, id, &res), 0);
    assert_false(res.quorum_reached);
    assert_true(res.participation == 0.0);
    poll_results_deinit(&res);
    poll_deinit(&p);
}

static void test_reimport_keeps_option_ids(void **state)
{
    Store *s = TU_STORE(state);
    Poll p = {.question = "是否同意加装电梯？", .opens_at = NOW - DAY, .closes_at = NOW + DAY};
    p.source_key = "polls/lift.txt";
    int64_t id1, id2;
    assert_int_equal(store_poll_add(s, &p, LIFT, 3, &id1), 0);
    Poll got;
    assert_int_equal(store_poll_get(s, id1, &got), 0);
    int64_t agree = got.options[0].id;
    poll_deinit(&got);
    assert_int_equal(store_vote_cast(s, id1, agree, "1501", NULL), 0);

    /* the same file again, with a corrected description: votes still point right */
    p.description = "补充说明：费用按楼层分摊。";
    assert_int_equal(store_poll_add(s, &p, LIFT, 3, &id2), 0);
    assert_int_equal(id1, id2);
    assert_int_equal(store_poll_get(s, id1, &got), 0);
    assert_int_equal(got.options[0].id, agree);
    assert_string_equal(got.description, "补充说明：费用按楼层分摊。");
    poll_deinit(&got);

    /* changing the options after people voted would change what they voted for */
    const char *other[] = {"赞成", "反对"};
    assert_int_equal(store_poll_add(s, &p, other, 2, &id2), -1);
    assert_int_equal(store_reason(s), REASON_INVALID_VALUE);
    assert_int_equal(store_poll_get(s, id1, &got), 0);
    assert_string_equal(got.options[0].label, "同意");
    assert_string_equal(got.description, "补充说明：费用按楼层分摊。");
    poll_deinit(&got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_options_and_lists, tu_store_setup, tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_one_vote_per_household, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_changed_vote_counts_once, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_window_and_foreign_options, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_civil_code_thresholds, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_reimport_keeps_option_ids, tu_store_setup,
                                        tu_store_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
