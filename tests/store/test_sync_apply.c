/* Content pulled from the hub, applied as pages (sync_apply.c): what the residents of
 * this kiosk see after the hub changed a row. */
#include "testutil.h"

#include "store/poll.h"
#include "store/sync_apply.h"
#include "store/vote.h"

#include <stdio.h>
#include <string.h>

#define NOW 1795399200 /* 2026-11-23 10:00 */

/* Publishes hub poll 5 at rev with the given options (a JSON array). */
static void poll_page(Store *s, int64_t rev, const char *options)
{
    char p[512];
    snprintf(p, sizeof p,
             "{\"hub_id\":5,\"question\":\"楼道加装扶手，您的意见\",\"description\":\"\","
             "\"opens_at\":%d,\"closes_at\":%d,\"options\":%s}",
             NOW - 3600, NOW + 7 * 86400, options);
    SyncChange c = {rev, "poll", 5, rev, 0, p};
    if (store_sync_apply_page(s, &c, 1, rev, NULL) != 0)
        fail_msg("apply: %s", store_errmsg(s));
}

/* The labels of the one poll, joined by '|'. */
static void labels(Store *s, char *out, size_t n)
{
    PollList l;
    assert_int_equal(store_poll_list(s, NULL, &l), 0);
    assert_int_equal(l.count, 1);
    out[0] = 0;
    for (size_t i = 0; i < l.items[0].option_count; i++)
        snprintf(out + strlen(out), n - strlen(out), "%s%s", i ? "|" : "",
                 l.items[0].options[i].label);
    poll_list_free(&l);
}

/* The hub edits a poll down to fewer options: the dropped ones leave the kiosk, except
 * one a household here has voted for (the vote is kept, and so is its option). */
static void test_poll_options_dropped_on_the_hub_leave_the_kiosk(void **state)
{
    Store *s = TU_STORE(state);
    char got[256];
    poll_page(s, 1, "[\"同意\",\"不同意\",\"再看看\"]");
    labels(s, got, sizeof got);
    assert_string_equal(got, "同意|不同意|再看看");

    poll_page(s, 2, "[\"同意\",\"不同意\"]");
    labels(s, got, sizeof got);
    assert_string_equal(got, "同意|不同意");

    PollList l;
    assert_int_equal(store_poll_list(s, NULL, &l), 0);
    StoreReceipt r;
    assert_int_equal(store_vote_cast(s, l.items[0].id, l.items[0].options[1].id, "301", &r), 0);
    poll_page(s, 3, "[\"赞成\"]");
    labels(s, got, sizeof got);
    assert_string_equal(got, "赞成|不同意");
    poll_list_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_poll_options_dropped_on_the_hub_leave_the_kiosk,
                                        tu_store_setup, tu_store_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
