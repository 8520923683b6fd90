/* Content pulled from the hub, applied as pages (sync_apply.c): what the residents of
 * this kiosk see after the hub changed a row. */
#include "testutil.h"

#include "store/health.h"
#include "store/maintain.h"
#include "store/notice.h"
#include "store/photo.h"
#include "store/poll.h"
#include "store/sync_apply.h"
#include "store/vote.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

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

/* Applies hub tip 40 at rev: with a photo (sha of bytes bytes) or typed only (sha NULL). */
static void tip_page(Store *s, int64_t rev, const char *sha, long long bytes, int del)
{
    char p[512];
    if (sha)
        snprintf(p, sizeof p,
                 "{\"hub_id\":40,\"month\":\"2026-11\",\"title\":\"冬季量血压\",\"body\":\"\","
                 "\"author\":\"王医生\",\"photo_sha256\":\"%s\",\"photo_width\":600,"
                 "\"photo_height\":800,\"photo_bytes\":%lld}",
                 sha, bytes);
    else
        snprintf(p, sizeof p,
                 "{\"hub_id\":40,\"month\":\"2026-11\",\"title\":\"冬季量血压\","
                 "\"body\":\"早晚各量一次。\",\"author\":\"王医生\"}");
    SyncChange c = {rev, "health_tip", 40, rev, del, del ? NULL : p};
    if (store_sync_apply_page(s, &c, 1, rev, NULL) != 0)
        fail_msg("apply: %s", store_errmsg(s));
}

static size_t tips_shown(Store *s, HealthTip *first)
{
    HealthTipList l;
    assert_int_equal(store_tip_list(s, NULL, &l), 0);
    size_t n = l.count;
    if (first && n)
        memcpy(first->photo_sha256, l.items[0].photo_sha256, sizeof first->photo_sha256);
    if (first && n) {
        first->photo_width = l.items[0].photo_width;
        first->photo_bytes = l.items[0].photo_bytes;
    }
    health_tip_list_free(&l);
    return n;
}

/* A tip with a photo of the handwritten page waits, like a photo, until its file is
 * whole; then it shows with its page; taken down on the hub, it goes, and the night's
 * sweep removes its file. A typed tip (an old hub sends no photo fields) never waits. */
static void test_tip_with_a_page_waits_for_its_file(void **state)
{
    TuStore *t = *state;
    Store *s = t->store;
    char src[320], sha[SHA256_HEX_LEN + 1];
    snprintf(src, sizeof src, "%s/page.jpg", t->dir);
    FILE *f = fopen(src, "wb");
    assert_non_null(f);
    fputs("not really a jpeg, but a file with a hash", f);
    fclose(f);
    long long bytes;
    assert_int_equal(sha256_file_hex(src, sha, &bytes), 0);

    tip_page(s, 1, sha, bytes, 0);
    assert_int_equal(tips_shown(s, NULL), 0);
    SyncWantedPhoto *w;
    size_t n;
    assert_int_equal(store_sync_wanted_photos(s, 0, &w, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(w[0].sha256, sha);
    free(w);

    char got[SHA256_HEX_LEN + 1];
    int64_t got_bytes;
    assert_int_equal(store_photo_put_file(s, src, got, &got_bytes), 0);
    size_t applied = 0;
    assert_int_equal(store_sync_apply_ready_photos(s, &applied), 0);
    assert_int_equal(applied, 1);
    HealthTip first = {0};
    assert_int_equal(tips_shown(s, &first), 1);
    assert_string_equal(first.photo_sha256, sha);
    assert_int_equal(first.photo_width, 600);
    assert_int_equal(first.photo_bytes, bytes);

    MaintainOptions mo = {.keep_days = 30};
    MaintainReport mr;
    assert_int_equal(store_maintain(s, &mo, &mr), 0);
    assert_int_equal(mr.photo_files, 0); /* a live tip's page stays */
    tip_page(s, 2, NULL, 0, 1);
    assert_int_equal(tips_shown(s, NULL), 0);
    assert_int_equal(store_maintain(s, &mo, &mr), 0);
    assert_int_equal(mr.photo_files, 1);
    char *path = store_photo_path(s, sha);
    assert_int_equal(access(path, F_OK), -1);
    free(path);

    tip_page(s, 3, NULL, 0, 0); /* typed, as a hub without 024 sends it */
    assert_int_equal(tips_shown(s, &first), 1);
    assert_string_equal(first.photo_sha256, "");
}

static void notice_page(Store *s, int64_t rev, int deleted)
{
    char p[320];
    snprintf(p, sizeof p,
             "{\"hub_id\":9,\"category\":\"通知\",\"title\":\"周六上午停水\","
             "\"body\":\"管道检修，九点到十一点停水。\",\"author\":\"物业\",\"pinned\":0,"
             "\"publish_at\":%d,\"expires_at\":null}",
             NOW - 3600);
    SyncChange c = {rev, "notice", 9, rev, deleted, deleted ? NULL : p};
    if (store_sync_apply_page(s, &c, 1, rev, NULL) != 0)
        fail_msg("apply notice: %s", store_errmsg(s));
}

/* A notice the hub withdrew stays a week as a tombstone, then the night deletes the
 * row and its search entry; published again later, it is a new row. A standalone
 * kiosk's own withdrawn notice keeps its row. */
static void test_withdrawn_content_leaves_the_store_after_a_week(void **state)
{
    Store *s = TU_STORE(state);
    Notice own = {.category = "通知", .title = "本楼自己的旧通知", .body = "已撤下。"};
    int64_t own_id;
    assert_int_equal(store_notice_add(s, &own, &own_id), 0);
    assert_int_equal(store_notice_remove(s, own_id), 0);

    notice_page(s, 1, 0);
    notice_page(s, 2, 1);
    assert_int_equal(
        tu_sql_int(state, "SELECT count(*) FROM notices WHERE hub_id = 9 AND deleted = 1"), 1);

    MaintainOptions mo = {.keep_days = 30};
    MaintainReport mr;
    store_set_now(s, NOW + 6 * 86400);
    assert_int_equal(store_maintain(s, &mo, &mr), 0);
    assert_int_equal(mr.tombstones, 0);
    assert_int_equal(tu_sql_int(state, "SELECT count(*) FROM notices WHERE hub_id = 9"), 1);

    store_set_now(s, NOW + 8 * 86400);
    assert_int_equal(store_maintain(s, &mo, &mr), 0);
    assert_int_equal(mr.tombstones, 1);
    assert_int_equal(tu_sql_int(state, "SELECT count(*) FROM notices WHERE hub_id = 9"), 0);
    assert_int_equal(
        tu_sql_int(state, "SELECT count(*) FROM search_fts WHERE title = '周六上午停水'"), 0);
    assert_int_equal(
        tu_sql_int(state, "SELECT count(*) FROM notices WHERE hub_id IS NULL AND deleted = 1"), 1);

    notice_page(s, 3, 0);
    assert_int_equal(
        tu_sql_int(state, "SELECT count(*) FROM notices WHERE hub_id = 9 AND deleted = 0"), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_album_name_taken_here_gets_a_suffix, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_tip_with_a_page_waits_for_its_file, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_poll_options_dropped_on_the_hub_leave_the_kiosk,
                                        tu_store_setup, tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_withdrawn_content_leaves_the_store_after_a_week,
                                        tu_store_setup, tu_store_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
