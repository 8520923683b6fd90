/* Activities and teams: what residents see listed and in which order, validation,
 * idempotent import, update/remove, and the fill shown on each card. */
#include "testutil.h"

#include "store/activity.h"
#include "store/signup.h"

#include <string.h>

#define NOW  1795399200 /* 2026-11-23 10:00 */
#define HOUR 3600
#define DAY  86400

static int64_t add_event(Store *s, const char *title, int64_t starts, int64_t ends)
{
    Activity a = {0};
    a.kind = ACTIVITY_EVENT;
    a.title = (char *)title;
    a.starts_at = starts;
    a.ends_at = ends;
    int64_t id = 0;
    if (store_activity_add(s, &a, &id) != 0)
        fail_msg("add %s: %s", title, store_errmsg(s));
    return id;
}

static int64_t add_team(Store *s, const char *title)
{
    Activity a = {0};
    a.kind = ACTIVITY_TEAM;
    a.title = (char *)title;
    a.schedule = "每周二、四 早上7点";
    a.place = "小区中心花园";
    int64_t id = 0;
    if (store_activity_add(s, &a, &id) != 0)
        fail_msg("add %s: %s", title, store_errmsg(s));
    return id;
}

static void test_list_shows_coming_events_then_teams(void **state)
{
    Store *s = TU_STORE(state);
    add_team(s, "拳操队");
    add_event(s, "周六清洁日", NOW + 5 * DAY, 0);
    add_event(s, "上周的讲座", NOW - 7 * DAY, NOW - 7 * DAY + 2 * HOUR);
    add_event(s, "今天上午的义诊", NOW - HOUR, 0); /* no end: stays for the day */
    add_event(s, "明天的包饺子", NOW + DAY, NOW + DAY + 3 * HOUR);
    int64_t gone = add_team(s, "已解散的队");
    assert_int_equal(store_activity_remove(s, gone), 0);

    ActivityList l;
    assert_int_equal(store_activity_list(s, NULL, &l), 0);
    assert_int_equal(l.count, 4);
    assert_string_equal(l.items[0].title, "今天上午的义诊");
    assert_string_equal(l.items[1].title, "明天的包饺子");
    assert_string_equal(l.items[2].title, "周六清洁日");
    assert_string_equal(l.items[3].title, "拳操队");
    assert_int_equal(l.items[3].kind, ACTIVITY_TEAM);
    assert_string_equal(l.items[3].schedule, "每周二、四 早上7点");
    activity_list_free(&l);

    /* the next morning the one-day event without an end time is gone by itself */
    store_set_now(s, NOW + DAY - 9 * HOUR);
    assert_int_equal(store_activity_list(s, NULL, &l), 0);
    assert_int_equal(l.count, 3);
    activity_list_free(&l);

    ActivityQuery staff = {.include_hidden = 1};
    assert_int_equal(store_activity_list(s, &staff, &l), 0);
    assert_int_equal(l.count, 5); /* the tombstoned team never comes back */
    activity_list_free(&l);

    ActivityQuery teams = {.teams_only = 1};
    assert_int_equal(store_activity_list(s, &teams, &l), 0);
    assert_int_equal(l.count, 1);
    activity_list_free(&l);
}

static void test_validation(void **state)
{
    Store *s = TU_STORE(state);
    Activity a = {0};
    a.kind = ACTIVITY_EVENT;
    a.title = "没有时间的活动";
    int64_t id;
    assert_int_equal(store_activity_add(s, &a, &id), -1); /* events need a start */
    assert_int_equal(store_reason(s), REASON_INVALID_VALUE);
    a.starts_at = NOW + DAY;
    a.ends_at = NOW;
    assert_int_equal(store_activity_add(s, &a, &id), -1);
    assert_int_equal(store_reason(s), REASON_INVALID_VALUE);
    a.ends_at = 0;
    a.max_party = 21;
    assert_int_equal(store_activity_add(s, &a, &id), -1);
    assert_int_equal(store_reason(s), REASON_INVALID_VALUE);
    a.max_party = 0;
    a.capacity = -1;
    assert_int_equal(store_activity_add(s, &a, &id), -1);
    a.capacity = 0;
    a.title = "   ";
    assert_int_equal(store_activity_add(s, &a, &id), -1);
    assert_int_equal(store_reason(s), REASON_TEXT_EMPTY);
    a.title = "有效的活动";
    a.kind = (ActivityKind)7;
    assert_int_equal(store_activity_add(s, &a, &id), -1);
    assert_int_equal(store_reason(s), REASON_INVALID_VALUE);

    ActivityList l;
    assert_int_equal(store_activity_list(s, NULL, &l), 0);
    assert_int_equal(l.count, 0);
    activity_list_free(&l);

    a.kind = ACTIVITY_EVENT;
    assert_int_equal(store_activity_add(s, &a, &id), 0);
    Activity got;
    assert_int_equal(store_activity_get(s, id, &got), 0);
    assert_int_equal(got.max_party, ACTIVITY_MAX_PARTY_DEFAULT);
    assert_int_equal(got.no_waitlist, 0); /* waiting list on unless asked */
    assert_int_equal(got.fill.places_left, -1);
    activity_deinit(&got);

    ActivityKind k;
    assert_int_equal(activity_kind_parse("team", &k), 0);
    assert_int_equal(k, ACTIVITY_TEAM);
    assert_string_equal(activity_kind_name(k), "team");
    assert_int_equal(activity_kind_parse("party", &k), -1);
}

static void test_import_key_is_idempotent(void **state)
{
    Store *s = TU_STORE(state);
    Activity a = {0};
    a.kind = ACTIVITY_TEAM;
    a.title = "合唱队";
    a.schedule = "每周三 下午2点";
    a.source_key = "activities/choir.txt";
    int64_t id1, id2;
    assert_int_equal(store_activity_add(s, &a, &id1), 0);
    Activity got;
    assert_int_equal(store_activity_get(s, id1, &got), 0);
    int64_t stamp = got.updated_at;
    activity_deinit(&got);

    store_set_now(s, NOW + HOUR);
    assert_int_equal(store_activity_add(s, &a, &id2), 0);
    assert_int_equal(id1, id2);
    assert_int_equal(store_activity_get(s, id1, &got), 0);
    assert_int_equal(got.updated_at, stamp); /* nothing changed, nothing to sync */
    activity_deinit(&got);

    a.schedule = "每周三 下午3点";
    assert_int_equal(store_activity_add(s, &a, &id2), 0);
    assert_int_equal(id1, id2);
    assert_int_equal(store_activity_get(s, id1, &got), 0);
    assert_string_equal(got.schedule, "每周三 下午3点");
    assert_true(got.updated_at > stamp);
    activity_deinit(&got);

    ActivityList l;
    assert_int_equal(store_activity_list(s, NULL, &l), 0);
    assert_int_equal(l.count, 1);
    activity_list_free(&l);
}

static void test_update_remove_and_fill(void **state)
{
    Store *s = TU_STORE(state);
    int64_t id = add_event(s, "亲子手工课", NOW + 2 * DAY, 0);
    Activity a;
    assert_int_equal(store_activity_get(s, id, &a), 0);
    a.capacity = 5;
    a.max_party = 3;
    free(a.place);
    a.place = strdup("三楼会议室");
    assert_int_equal(store_activity_update(s, &a), 0);
    activity_deinit(&a);

    SignupResult r;
    assert_int_equal(store_signup_add(s, id, "101", NULL, NULL, 3, &r), 0);
    assert_int_equal(store_signup_add(s, id, "102", NULL, NULL, 3, &r), 0);
    assert_int_equal(r.status, SIGNUP_WAITLISTED);
    assert_int_equal(store_activity_get(s, id, &a), 0);
    assert_string_equal(a.place, "三楼会议室");
    assert_int_equal(a.fill.confirmed_people, 3);
    assert_int_equal(a.fill.confirmed_signups, 1);
    assert_int_equal(a.fill.waiting_signups, 1);
    assert_int_equal(a.fill.places_left, 2);
    assert_true(activity_signup_open(&a, NOW));
    assert_false(activity_signup_open(&a, NOW + 2 * DAY));
    activity_deinit(&a);

    /* raising the capacity lets the waiting household in without touching sign-ups */
    assert_int_equal(store_activity_get(s, id, &a), 0);
    a.capacity = 6;
    assert_int_equal(store_activity_update(s, &a), 0);
    activity_deinit(&a);
    ActivityFill f;
    assert_int_equal(store_activity_fill(s, id, &f), 0);
    assert_int_equal(f.confirmed_signups, 2);
    assert_int_equal(f.places_left, 0);

    assert_int_equal(store_activity_remove(s, id), 0);
    assert_int_equal(store_activity_get(s, id, &a), -1);
    assert_int_equal(store_reason(s), REASON_NOT_FOUND);
    assert_int_equal(store_activity_remove(s, id), -1);
    assert_int_equal(store_reason(s), REASON_NOT_FOUND);
    Activity ghost = {.id = id, .kind = ACTIVITY_TEAM, .title = "x"};
    assert_int_equal(store_activity_update(s, &ghost), -1);
    assert_int_equal(store_reason(s), REASON_NOT_FOUND);

    /* its sign-ups stay for the export */
    SignupList l;
    assert_int_equal(store_signup_list_all(s, &l), 0);
    assert_int_equal(l.count, 2);
    signup_list_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_list_shows_coming_events_then_teams, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_validation, tu_store_setup, tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_import_key_is_idempotent, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_update_remove_and_fill, tu_store_setup,
                                        tu_store_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
