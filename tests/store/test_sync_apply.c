/* Content pulled from the hub, applied as pages (sync_apply.c): what the residents of
 * this kiosk see after the hub changed a row. */
#include "testutil.h"

#include "store/photo.h"
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

static void album_page(Store *s, int64_t hub_id, int64_t rev, const char *name)
{
    char p[256];
    snprintf(p, sizeof p,
             "{\"hub_id\":%lld,\"name\":\"%s\",\"kind\":\"event\",\"description\":\"\",\"sort\":0}",
             (long long)hub_id, name);
    SyncChange c = {rev, "album", hub_id, rev, 0, p};
    if (store_sync_apply_page(s, &c, 1, rev, NULL) != 0)
        fail_msg("apply album %s: %s", name, store_errmsg(s));
}

static void album_name(Store *s, const char *want_old, const char *want)
{
    Album a;
    if (store_album_find(s, want, &a) != 0)
        fail_msg("no album %s: %s", want, store_errmsg(s));
    album_deinit(&a);
    if (want_old)
        assert_int_not_equal(store_album_find(s, want_old, &a), 0);
}

/* Two albums of one name on the hub (an area's and a building's) and one this kiosk
 * imported itself: all three show, the pulled ones with " · N", and sync goes on. */
static void test_album_name_taken_here_gets_a_suffix(void **state)
{
    Store *s = TU_STORE(state);
    Album mine = {
        .name = (char *)"重阳节登高", .kind = (char *)ALBUM_EVENT, .description = (char *)""};
    assert_int_equal(store_album_add(s, &mine, NULL), 0);
    album_page(s, 7, 1, "重阳节登高");
    album_page(s, 8, 2, "重阳节登高");
    album_name(s, NULL, "重阳节登高 · 2");
    album_name(s, NULL, "重阳节登高 · 3");
    /* an update of the same album keeps its name; a rename on the hub is taken */
    album_page(s, 7, 3, "重阳节登高");
    album_name(s, NULL, "重阳节登高 · 2");
    album_page(s, 8, 4, "敬老午餐");
    album_name(s, "重阳节登高 · 3", "敬老午餐");
    AlbumList l;
    assert_int_equal(store_album_list(s, NULL, &l), 0);
    assert_int_equal(l.count, 3);
    album_list_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_album_name_taken_here_gets_a_suffix, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_poll_options_dropped_on_the_hub_leave_the_kiosk,
                                        tu_store_setup, tu_store_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
