/* Sign-ups for a hub activity: the hub's decision is what a household sees, the places
 * left are the hub's tally plus this kiosk's undecided sign-ups, a cancellation and the
 * hub's promotion flow through, a resync drops tallies the hub no longer has, and a
 * kiosk-local activity ignores all of it. Hub pages are fed as the sync worker does. */
#include "testutil.h"

#include "store/activity.h"
#include "store/signup.h"
#include "store/sync_apply.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#define NOW    1795399200 /* 2026-11-23 10:00 */
#define DAY    86400
#define ACT_ID 7001 /* the activity's hub_id */

static int64_t rev = 100; /* hub revisions, increasing across a test */
static int64_t decision_id = 500;

static void apply(Store *s, const char *kind, int64_t hub_id, const char *payload)
{
    SyncChange c = {++rev, kind, hub_id, rev, 0, payload};
    if (store_sync_apply_page(s, &c, 1, rev, NULL) != 0)
        fail_msg("apply %s: %s", kind, store_errmsg(s));
}

/* Publishes the hub activity (capacity, waitlist on/off) and returns its local id. */
static int64_t hub_activity(void **state, int capacity, int waitlist)
{
    char p[512];
    snprintf(p, sizeof p,
             "{\"kind\":\"event\",\"title\":\"包饺子\",\"description\":\"\",\"place\":\"活动室\","
             "\"starts_at\":%d,\"ends_at\":%d,\"schedule\":\"\",\"signup_deadline\":null,"
             "\"capacity\":%d,\"max_party\":4,\"waitlist\":%d,\"organiser\":\"\"}",
             NOW + 3 * DAY, NOW + 3 * DAY + 7200, capacity, waitlist);
    apply(TU_STORE(state), "activity", ACT_ID, p);
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT id FROM activities WHERE hub_id = %d", ACT_ID);
    return tu_sql_int(state, sql);
}

static void decide(Store *s, const char *uuid, const char *st)
{
    char p[256];
    snprintf(p, sizeof p,
             "{\"uuid\":\"%s\",\"subject\":\"signup\",\"state\":\"%s\",\"activity_hub_id\":%d}",
             uuid, st, ACT_ID);
    apply(s, "decision", ++decision_id, p);
}

static void tally(Store *s, int cp, int cs, int ws, int wp)
{
    char p[256];
    snprintf(p, sizeof p,
             "{\"activity_hub_id\":%d,\"confirmed_people\":%d,\"confirmed_signups\":%d,"
             "\"waiting_signups\":%d,\"waiting_people\":%d}",
             ACT_ID, cp, cs, ws, wp);
    apply(s, "tally", ACT_ID, p);
}

static SignupResult sign(Store *s, int64_t act, const char *room, int party)
{
    SignupResult r;
    memset(&r, 0, sizeof r);
    if (store_signup_add(s, act, room, NULL, NULL, party, &r) != 0)
        fail_msg("sign-up %s: %s", room, store_errmsg(s));
    return r;
}

/* The room's sign-up as a list shows it (cancelled and full ones included). */
static Signup shown(Store *s, int64_t act, const char *room)
{
    SignupList l;
    assert_int_equal(store_signup_list(s, act, 1, &l), 0);
    Signup g = {0};
    for (size_t i = 0; i < l.count; i++)
        if (strcmp(l.items[i].room, room) == 0) {
            g = l.items[i];
            g.name = g.activity_title = NULL; /* only the numbers are compared */
        }
    signup_list_free(&l);
    if (!g.id)
        fail_msg("room %s has no sign-up", room);
    return g;
}

static ActivityFill fill_of(Store *s, int64_t act)
{
    ActivityFill f;
    assert_int_equal(store_activity_fill(s, act, &f), 0);
    return f;
}

static void test_hub_waitlisted_household_sees_waitlisted(void **state)
{
    Store *s = TU_STORE(state);
    int64_t act = hub_activity(state, 2, 1);
    /* alone, this kiosk thinks the places are free: an estimate, said to be one */
    SignupResult r = sign(s, act, "301", 2);
    assert_int_equal(r.status, SIGNUP_CONFIRMED);
    assert_int_equal(r.pending, 1);
    assert_int_equal(shown(s, act, "301").pending, 1);

    /* another kiosk's household got there first on the hub */
    decide(s, r.receipt.uuid, "waitlisted");
    tally(s, 2, 1, 1, 2);
    Signup g = shown(s, act, "301");
    assert_int_equal(g.status, SIGNUP_WAITLISTED);
    assert_int_equal(g.pending, 0);
    assert_int_equal(g.waitlist_position, 1); /* the only household waiting is ours */
    Signup mine;
    assert_int_equal(store_signup_find(s, act, "301", &mine), 0);
    assert_int_equal(mine.status, SIGNUP_WAITLISTED);
    signup_deinit(&mine);
    ActivityFill f = fill_of(s, act);
    assert_int_equal(f.confirmed_people, 2);
    assert_int_equal(f.places_left, 0);
    assert_int_equal(f.waiting_signups, 1);

    /* someone elsewhere waits too: the order on the hub is unknown here, so no number */
    tally(s, 2, 1, 2, 3);
    g = shown(s, act, "301");
    assert_int_equal(g.status, SIGNUP_WAITLISTED);
    assert_int_equal(g.waitlist_position, 0);
    assert_int_equal(fill_of(s, act).waiting_signups, 2);
}

static void test_hub_tally_fills_places_for_new_signups(void **state)
{
    Store *s = TU_STORE(state);
    int64_t act = hub_activity(state, 4, 1);
    assert_int_equal(fill_of(s, act).places_left, 4);
    tally(s, 3, 2, 0, 0); /* three people from other kiosks */
    ActivityFill f = fill_of(s, act);
    assert_int_equal(f.places_left, 1);
    assert_int_equal(f.confirmed_people, 3);

    SignupResult r = sign(s, act, "302", 2);
    assert_int_equal(r.status, SIGNUP_WAITLISTED);
    assert_int_equal(r.waitlist_position, 1);
    assert_int_equal(r.pending, 1);
    f = fill_of(s, act);
    assert_int_equal(f.waiting_signups, 1);
    assert_int_equal(f.places_left, 1);
    /* strict order: a party of one that would fit still waits behind it */
    SignupResult small = sign(s, act, "303", 1);
    assert_int_equal(small.status, SIGNUP_WAITLISTED);
    assert_int_equal(small.waitlist_position, 2);

    /* a tally replayed from an older hub revision changes nothing */
    SyncChange old = {1,
                      "tally",
                      ACT_ID,
                      1,
                      0,
                      "{\"activity_hub_id\":7001,\"confirmed_people\":0,\"confirmed_signups\":0,"
                      "\"waiting_signups\":0,\"waiting_people\":0}"};
    assert_int_equal(store_sync_apply_page(s, &old, 1, rev, NULL), 0);
    assert_int_equal(fill_of(s, act).confirmed_people, 3);
}

static void test_hub_full_refuses_without_waitlist(void **state)
{
    Store *s = TU_STORE(state);
    int64_t act = hub_activity(state, 4, 0);
    tally(s, 3, 2, 0, 0);
    int64_t before = tu_sql_int(state, "SELECT count(*) FROM outbox");
    SignupResult r;
    assert_int_equal(store_signup_add(s, act, "302", NULL, NULL, 2, &r), -1);
    assert_int_equal(store_reason(s), REASON_ACTIVITY_FULL);
    assert_int_equal(tu_sql_int(state, "SELECT count(*) FROM outbox"), before);
    SignupResult one = sign(s, act, "303", 1);
    assert_int_equal(one.status, SIGNUP_CONFIRMED);
    assert_int_equal(fill_of(s, act).places_left, 0);

    /* the hub gave the last place elsewhere first: this household is not signed up */
    decide(s, one.receipt.uuid, "full");
    tally(s, 4, 3, 0, 0);
    Signup g = shown(s, act, "303");
    assert_int_equal(g.status, SIGNUP_FULL);
    assert_string_equal(signup_status_name(g.status), "full");
    assert_true(strstr(signup_status_text(g.status), "未报上") != NULL);
    SignupList active;
    assert_int_equal(store_signup_list(s, act, 0, &active), 0);
    assert_int_equal(active.count, 0);
    signup_list_free(&active);
    Signup mine;
    assert_int_equal(store_signup_find(s, act, "303", &mine), -1);
    /* nothing to cancel: the receipt names no sign-up that holds a place */
    assert_int_equal(store_signup_cancel(s, act, "303", one.receipt.receipt, NULL), -1);
    assert_int_equal(store_reason(s), REASON_RECEIPT_MISMATCH);
    assert_int_equal(fill_of(s, act).places_left, 0);
}

static void test_hub_cancel_and_promotion_flow(void **state)
{
    Store *s = TU_STORE(state);
    int64_t act = hub_activity(state, 2, 1);
    SignupResult a = sign(s, act, "301", 2);
    SignupResult b = sign(s, act, "302", 2);
    assert_int_equal(b.status, SIGNUP_WAITLISTED);
    decide(s, a.receipt.uuid, "confirmed");
    decide(s, b.receipt.uuid, "waitlisted");
    tally(s, 2, 1, 1, 2);
    assert_int_equal(shown(s, act, "301").status, SIGNUP_CONFIRMED);
    assert_int_equal(shown(s, act, "302").status, SIGNUP_WAITLISTED);

    /* cancelled here, the hub not told yet: the place is no longer counted as taken,
     * and the waiting household keeps the hub's word until the hub promotes it */
    assert_int_equal(store_signup_cancel(s, act, "301", a.receipt.receipt, NULL), 0);
    assert_int_equal(shown(s, act, "301").status, SIGNUP_CANCELLED);
    ActivityFill f = fill_of(s, act);
    assert_int_equal(f.confirmed_people, 0);
    assert_int_equal(f.waiting_signups, 1);
    assert_int_equal(shown(s, act, "302").status, SIGNUP_WAITLISTED);
    /* a newcomer still queues behind the waiting household */
    assert_int_equal(sign(s, act, "303", 1).status, SIGNUP_WAITLISTED);

    /* the hub took the cancellation and promoted the waiting household */
    decide(s, a.receipt.uuid, "cancelled");
    decide(s, b.receipt.uuid, "confirmed");
    tally(s, 2, 1, 0, 0);
    Signup g = shown(s, act, "302");
    assert_int_equal(g.status, SIGNUP_CONFIRMED);
    assert_int_equal(g.waitlist_position, 0);
    assert_int_equal(shown(s, act, "301").status, SIGNUP_CANCELLED);
    f = fill_of(s, act);
    assert_int_equal(f.confirmed_people, 2);
    assert_int_equal(f.places_left, 0);
    /* 303, not decided yet, waits first in line behind nobody */
    g = shown(s, act, "303");
    assert_int_equal(g.status, SIGNUP_WAITLISTED);
    assert_int_equal(g.pending, 1);
    assert_int_equal(g.waitlist_position, 1);
}

static void test_resync_drops_tallies_the_hub_no_longer_has(void **state)
{
    Store *s = TU_STORE(state);
    int64_t act = hub_activity(state, 4, 1);
    tally(s, 4, 2, 0, 0);
    assert_int_equal(fill_of(s, act).places_left, 0);
    const char *kinds[] = {"activity", "tally"};
    const int64_t ids[] = {ACT_ID, ACT_ID};
    /* still live on the hub: kept until the replay brings the same or a newer one */
    assert_int_equal(store_sync_begin_resync(s, kinds, ids, 2), 0);
    assert_int_equal(fill_of(s, act).places_left, 0);
    SyncCheck chk;
    assert_int_equal(store_sync_check(s, &chk), 0);
    assert_int_equal(chk.resync, 1);
    /* the hub has no tally for it any more: a stale count must not keep places taken */
    assert_int_equal(store_sync_begin_resync(s, kinds, ids, 1), 0);
    assert_int_equal(tu_sql_int(state, "SELECT count(*) FROM sync_tallies"), 0);
}

static void test_local_activity_ignores_the_hub(void **state)
{
    Store *s = TU_STORE(state);
    Activity a = {0};
    a.kind = ACTIVITY_EVENT;
    a.title = "楼道清洁日";
    a.starts_at = NOW + DAY;
    a.capacity = 2;
    int64_t act = 0;
    assert_int_equal(store_activity_add(s, &a, &act), 0);
    SignupResult first = sign(s, act, "301", 2);
    SignupResult second = sign(s, act, "302", 1);
    assert_int_equal(first.pending, 0);
    assert_int_equal(second.status, SIGNUP_WAITLISTED);
    assert_int_equal(second.waitlist_position, 1);
    /* a stray decision and tally cannot touch a kiosk-local activity */
    decide(s, second.receipt.uuid, "confirmed");
    decide(s, first.receipt.uuid, "full");
    tally(s, 0, 0, 0, 0);
    Signup g = shown(s, act, "302");
    assert_int_equal(g.status, SIGNUP_WAITLISTED);
    assert_int_equal(g.waitlist_position, 1);
    assert_int_equal(g.pending, 0);
    assert_int_equal(shown(s, act, "301").status, SIGNUP_CONFIRMED);
    ActivityFill f = fill_of(s, act);
    assert_int_equal(f.confirmed_people, 2);
    assert_int_equal(f.places_left, 0);
    assert_int_equal(f.waiting_signups, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_hub_waitlisted_household_sees_waitlisted,
                                        tu_store_setup, tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_hub_tally_fills_places_for_new_signups, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_hub_full_refuses_without_waitlist, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_hub_cancel_and_promotion_flow, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_resync_drops_tallies_the_hub_no_longer_has,
                                        tu_store_setup, tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_local_activity_ignores_the_hub, tu_store_setup,
                                        tu_store_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
