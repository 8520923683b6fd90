/* The nightly step on a real SQLite file with a pinned clock: an acknowledged
 * submission's phone, name and private text leave the kiosk after keep_days, and
 * nothing else does (not yet acknowledged, acknowledged recently, text a board shows). */
#define _GNU_SOURCE /* memmem */
#include "testutil.h"

#include "store/activity.h"
#include "store/maintain.h"
#include "store/outbox.h"
#include "store/question.h"
#include "store/signup.h"
#include "store/suggestion.h"
#include "store/wish.h"

#include <sqlite3.h>
#include <string.h>

#define NOW 1795399200 /* 2026-11-23 10:00 */
#define DAY 86400

static char *sql_text(void **state, const char *sql, const char *uuid)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(((TuStore *)*state)->path, &db, SQLITE_OPEN_READONLY, NULL),
                     SQLITE_OK);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
    char *out = NULL;
    if (sqlite3_step(st) == SQLITE_ROW)
        out = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}

static void expect_text(void **state, const char *sql, const char *uuid, const char *want)
{
    char *got = sql_text(state, sql, uuid);
    if (!got || strcmp(got, want) != 0)
        fail_msg("%s [%s]: got \"%s\", want \"%s\"", sql, uuid, got ? got : "(no row)", want);
    free(got);
}

static void ack(Store *s, const char *uuid, int64_t when)
{
    const char *one[] = {uuid};
    size_t n = 0;
    store_set_now(s, when);
    assert_int_equal(store_outbox_ack(s, one, NULL, 1, &n), 0);
    assert_int_equal(n, 1);
    store_set_now(s, NOW);
}

static void suggest(Store *s, const char *room, const char *text, StoreReceipt *r)
{
    SuggestionInput in = {NULL, text, room, "13812345678"};
    if (store_suggestion_add(s, &in, r) != 0)
        fail_msg("suggestion: %s", store_errmsg(s));
}

static int64_t id_of(void **state, const char *table, const char *uuid)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE uuid = ?", table);
    char *v = sql_text(state, sql, uuid);
    assert_non_null(v);
    int64_t id = atoll(v);
    free(v);
    return id;
}

static void test_personal_data_leaves_after_keep_days(void **state)
{
    Store *s = TU_STORE(state);
    store_set_now(s, NOW - 40 * DAY);
    StoreReceipt old_plain, old_replied, recent, unacked, q_private, q_public, w_review, w_open,
        claim;
    suggest(s, "301", "三楼楼道灯坏了，晚上看不见", &old_plain);
    suggest(s, "302", "希望加装扶手", &old_replied);
    suggest(s, "303", "垃圾厢房门坏了", &recent);
    suggest(s, "304", "电梯征询什么时候结束", &unacked);
    assert_int_equal(store_question_add(s, "血压高能不能吃咸菜", "302", &q_private), 0);
    assert_int_equal(store_question_add(s, "冬天怎么预防感冒", "303", &q_public), 0);
    assert_int_equal(store_wish_add(s, "想请人帮忙换灯泡", "401", &w_review), 0);
    assert_int_equal(store_wish_add(s, "想学用智能手机", "402", &w_open), 0);
    int64_t open_id = id_of(state, "wishes", w_open.uuid);
    assert_int_equal(store_wish_approve(s, open_id), 0);
    assert_int_equal(store_wish_claim(s, open_id, "502", "小王", &claim), 0);
    Activity a = {0};
    a.kind = ACTIVITY_EVENT;
    a.title = "重阳节包饺子";
    a.place = "一楼活动室";
    a.starts_at = NOW - 30 * DAY;
    a.ends_at = a.starts_at + 7200;
    a.capacity = 20;
    int64_t act = 0;
    assert_int_equal(store_activity_add(s, &a, &act), 0);
    SignupResult sr;
    assert_int_equal(store_signup_add(s, act, "601", "李阿姨", "13900001111", 1, &sr), 0);
    assert_int_equal(
        store_suggestion_reply(s, id_of(state, "suggestions", old_replied.uuid), "扶手下月装好"),
        0);
    assert_int_equal(
        store_question_answer(s, id_of(state, "questions", q_public.uuid), "勤洗手", "张医生", 1),
        0);
    assert_int_equal(store_question_answer(s, id_of(state, "questions", q_private.uuid), "少吃为好",
                                           "张医生", 0),
                     0);

    const char *old[] = {old_plain.uuid, old_replied.uuid, q_private.uuid, q_public.uuid,
                         w_review.uuid,  w_open.uuid,      claim.uuid,     sr.receipt.uuid};
    for (size_t i = 0; i < sizeof old / sizeof old[0]; i++)
        ack(s, old[i], NOW - 31 * DAY);
    ack(s, recent.uuid, NOW - 29 * DAY);

    MaintainOptions mo = {30, 1};
    MaintainReport r;
    if (store_maintain(s, &mo, &r) != 0)
        fail_msg("maintain: %s", store_errmsg(s));
    assert_true(r.check_ok);
    assert_string_equal(r.check_msg, "ok");
    assert_int_equal(r.outbox_rows, 8);

    const char *sugg = "SELECT contact || '|' || text FROM suggestions WHERE uuid = ?";
    expect_text(state, sugg, old_plain.uuid, "|");               /* all gone */
    expect_text(state, sugg, old_replied.uuid, "|希望加装扶手"); /* the board shows it */
    expect_text(state, sugg, recent.uuid, "13812345678|垃圾厢房门坏了");
    expect_text(state, sugg, unacked.uuid, "13812345678|电梯征询什么时候结束");
    const char *q = "SELECT text || '|' || answer FROM questions WHERE uuid = ?";
    expect_text(state, q, q_private.uuid, "|少吃为好");
    expect_text(state, q, q_public.uuid, "冬天怎么预防感冒|勤洗手");
    const char *w = "SELECT text || '|' || room FROM wishes WHERE uuid = ?";
    expect_text(state, w, w_review.uuid, "|401");
    expect_text(state, w, w_open.uuid, "想学用智能手机|402"); /* claimed: on the board */
    expect_text(state, "SELECT 'name=' || name FROM wish_claims WHERE uuid = ?", claim.uuid,
                "name=");
    expect_text(state, "SELECT name || phone || '|' || room FROM signups WHERE uuid = ?",
                sr.receipt.uuid, "|601");

    /* the outbox keeps what the hub has not had, and what it had recently */
    expect_text(state, "SELECT 'kept' FROM outbox WHERE uuid = ?", unacked.uuid, "kept");
    expect_text(state, "SELECT 'kept' FROM outbox WHERE uuid = ?", recent.uuid, "kept");
    char *gone = sql_text(state, "SELECT payload FROM outbox WHERE uuid = ?", old_plain.uuid);
    assert_null(gone);
    int64_t pending = -1;
    assert_int_equal(store_outbox_count_pending(s, &pending), 0);
    assert_int_equal(pending, 1);

    /* the phone is nowhere in the file any more, the recent one still is */
    FILE *f = fopen(((TuStore *)*state)->path, "rb");
    assert_non_null(f);
    static char buf[1 << 22];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    assert_null(memmem(buf, n, "13900001111", 11));
    assert_null(memmem(buf, n, "三楼楼道灯坏了", strlen("三楼楼道灯坏了")));
    assert_non_null(memmem(buf, n, "垃圾厢房门坏了", strlen("垃圾厢房门坏了")));

    /* a second night finds nothing more to do */
    assert_int_equal(store_maintain(s, &mo, &r), 0);
    assert_int_equal(r.submissions, 0);
    assert_int_equal(r.outbox_rows, 0);
    /* ... until the recent one is old enough */
    store_set_now(s, NOW + 2 * DAY);
    assert_int_equal(store_maintain(s, &mo, &r), 0);
    assert_int_equal(r.submissions, 1);
    expect_text(state, sugg, recent.uuid, "|");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_personal_data_leaves_after_keep_days, tu_store_setup,
                                        tu_store_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
