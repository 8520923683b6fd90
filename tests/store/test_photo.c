/* Photo walls: content-addressed files, idempotent adds, consent, albums. */
#include "testutil.h"

#include "core/sha256.h"
#include "store/photo.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Writes content to <store dir>/<name> and returns the path (static buffer: the next
 * call overwrites it). */
static const char *write_src(Store *s, const char *name, const char *content)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", store_dir(s), name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(content, f);
    fclose(f);
    return path;
}

static int64_t album(Store *s, const char *name, const char *kind)
{
    Album a = {.name = (char *)name, .kind = (char *)kind};
    int64_t id = 0;
    if (store_album_add(s, &a, &id) != 0)
        fail_msg("album: %s", store_errmsg(s));
    return id;
}

static int64_t add_photo(Store *s, const char *src, int64_t album_id, int consent, int sort)
{
    Photo p = {.album_id = album_id, .width = 600, .height = 800, .consent = consent, .sort = sort};
    if (store_photo_add_file(s, src, &p) != 0)
        fail_msg("photo: %s", store_errmsg(s));
    assert_true(p.id > 0);
    return p.id;
}

static int64_t count_rows(Store *s, int64_t album_id)
{
    PhotoQuery q = {.album_id = album_id, .include_hidden = 1};
    int64_t n = -1;
    assert_int_equal(store_photo_count(s, &q, &n), 0);
    return n;
}

static void test_file_lands_at_its_content_address(void **state)
{
    Store *s = TU_STORE(state);
    int64_t wall = album(s, "笑脸墙", ALBUM_PORTRAITS);
    static const char content[] = "not really a png, but the store does not decode";
    const char *src = write_src(s, "p1.png", content);
    Photo p = {.album_id = wall,
               .width = 600,
               .height = 800,
               .caption = " 张阿姨 ",
               .person_name = "张阿姨",
               .floor = 12,
               .consent = 1};
    assert_int_equal(store_photo_add_file(s, src, &p), 0);

    char want[SHA256_HEX_LEN + 1];
    assert_int_equal(sha256_hex(content, strlen(content), want), 0);
    assert_string_equal(p.sha256, want);
    assert_int_equal(p.bytes, (int64_t)strlen(content));

    char *path = store_photo_path(s, p.sha256);
    assert_non_null(path);
    char expect[600];
    snprintf(expect, sizeof expect, "%s/photos/%.2s/%s", store_dir(s), want, want);
    assert_string_equal(path, expect);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char got[128] = {0};
    size_t n = fread(got, 1, sizeof got, f);
    fclose(f);
    assert_int_equal(n, strlen(content));
    assert_memory_equal(got, content, n);
    free(path);

    /* no temp file is left beside it */
    char dir[600];
    snprintf(dir, sizeof dir, "%s/photos/%.2s", store_dir(s), want);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "test $(ls '%s' | wc -l) -eq 1", dir);
    assert_int_equal(system(cmd), 0);

    Photo got_row;
    assert_int_equal(store_photo_get(s, p.id, &got_row), 0);
    assert_string_equal(got_row.caption, "张阿姨"); /* trimmed */
    assert_int_equal(got_row.floor, 12);
    assert_int_equal(got_row.width, 600);
    photo_deinit(&got_row);

    assert_null(store_photo_path(s, "../../etc/passwd"));
    assert_null(store_photo_path(s, "ABCDEF"));
}

static void test_adding_the_same_file_again_is_idempotent(void **state)
{
    Store *s = TU_STORE(state);
    int64_t wall = album(s, "笑脸墙", ALBUM_PORTRAITS);
    int64_t party = album(s, "重阳节活动", ALBUM_EVENT);
    const char *src = write_src(s, "p.png", "same bytes");
    int64_t a = add_photo(s, src, wall, 1, 0);
    assert_int_equal(add_photo(s, src, wall, 1, 0), a);
    assert_int_equal(count_rows(s, wall), 1);

    /* the same picture in another album is another row over the same file */
    int64_t b = add_photo(s, src, party, 1, 0);
    assert_true(b != a);
    assert_int_equal(count_rows(s, party), 1);

    /* a removed photo added again comes back under its old id */
    assert_int_equal(store_photo_remove(s, a), 0);
    assert_int_equal(count_rows(s, wall), 0);
    assert_int_equal(add_photo(s, src, wall, 1, 0), a);
    assert_int_equal(count_rows(s, wall), 1);
}

static void test_no_consent_is_never_shown_to_residents(void **state)
{
    Store *s = TU_STORE(state);
    int64_t wall = album(s, "笑脸墙", ALBUM_PORTRAITS);
    int64_t yes2 = add_photo(s, write_src(s, "a.png", "aaa"), wall, 1, 2);
    int64_t no = add_photo(s, write_src(s, "b.png", "bbb"), wall, 0, 0);
    int64_t yes1 = add_photo(s, write_src(s, "c.png", "ccc"), wall, 1, 1);

    PhotoList l;
    PhotoQuery residents = {.album_id = wall};
    assert_int_equal(store_photo_list(s, &residents, &l), 0);
    assert_int_equal(l.count, 2);
    assert_int_equal(l.items[0].id, yes1); /* by sort, then id */
    assert_int_equal(l.items[1].id, yes2);
    photo_list_free(&l);
    int64_t n = 0;
    assert_int_equal(store_photo_count(s, &residents, &n), 0);
    assert_int_equal(n, 2);

    PhotoQuery staff = {.album_id = wall, .include_hidden = 1};
    assert_int_equal(store_photo_list(s, &staff, &l), 0);
    assert_int_equal(l.count, 3);
    assert_int_equal(l.items[0].id, no);
    photo_list_free(&l);

    AlbumList al;
    assert_int_equal(store_album_list(s, NULL, &al), 0);
    assert_int_equal(al.count, 1);
    assert_int_equal(al.items[0].photo_count, 2);
    album_list_free(&al);
    AlbumQuery aq = {.include_hidden = 1};
    assert_int_equal(store_album_list(s, &aq, &al), 0);
    assert_int_equal(al.items[0].photo_count, 3);
    album_list_free(&al);

    /* consent withdrawn: gone from the wall at once */
    Photo p;
    assert_int_equal(store_photo_get(s, yes1, &p), 0);
    p.consent = 0;
    assert_int_equal(store_photo_update(s, &p), 0);
    photo_deinit(&p);
    assert_int_equal(store_photo_list(s, &residents, &l), 0);
    assert_int_equal(l.count, 1);
    assert_int_equal(l.items[0].id, yes2);
    photo_list_free(&l);
}

static void test_bad_files_write_no_row(void **state)
{
    Store *s = TU_STORE(state);
    int64_t wall = album(s, "笑脸墙", ALBUM_PORTRAITS);
    char missing[512];
    snprintf(missing, sizeof missing, "%s/no-such-file.png", store_dir(s));
    Photo p = {.album_id = wall, .width = 10, .height = 10, .consent = 1};
    assert_int_equal(store_photo_add_file(s, missing, &p), -1);
    assert_true(store_reason(s) == REASON_NOT_FOUND || store_reason(s) == REASON_STORAGE);
    assert_int_equal(p.id, 0);

    /* the caller could not decode it: no size, no row, no file */
    char src[512];
    snprintf(src, sizeof src, "%s", write_src(s, "broken.png", "garbage"));
    Photo q = {.album_id = wall, .width = 0, .height = 10, .consent = 1};
    assert_int_equal(store_photo_add_file(s, src, &q), -1);
    assert_int_equal(store_reason(s), REASON_NOT_AN_IMAGE);
    char sha[SHA256_HEX_LEN + 1];
    assert_int_equal(sha256_hex("garbage", 7, sha), 0);
    char *path = store_photo_path(s, sha);
    struct stat sb;
    assert_int_equal(stat(path, &sb), -1);
    free(path);

    const char *empty = write_src(s, "empty.png", "");
    Photo e = {.album_id = wall, .width = 10, .height = 10};
    assert_int_equal(store_photo_add_file(s, empty, &e), -1);
    assert_int_equal(store_reason(s), REASON_NOT_AN_IMAGE);

    Photo r = {.album_id = 999, .width = 10, .height = 10};
    assert_int_equal(store_photo_add_file(s, src, &r), -1);
    assert_int_equal(store_reason(s), REASON_NOT_FOUND);

    Photo f = {.album_id = wall, .width = 10, .height = 10, .floor = 3407};
    assert_int_equal(store_photo_add_file(s, src, &f), -1);
    assert_int_equal(store_reason(s), REASON_INVALID_VALUE);

    assert_int_equal(count_rows(s, 0), 0);
}

static void test_album_names_are_unique_and_removal_hides_photos(void **state)
{
    Store *s = TU_STORE(state);
    int64_t wall = album(s, "笑脸墙", ALBUM_PORTRAITS);
    Album dup = {.name = " 笑脸墙 ", .kind = ALBUM_EVENT};
    assert_int_equal(store_album_add(s, &dup, NULL), -1);
    assert_int_equal(store_reason(s), REASON_DUPLICATE);
    Album bad = {.name = "新相册", .kind = "selfies"};
    assert_int_equal(store_album_add(s, &bad, NULL), -1);
    assert_int_equal(store_reason(s), REASON_INVALID_VALUE);

    /* an import key makes a second import update the same album */
    Album imp = {.name = "重阳节活动", .kind = ALBUM_EVENT, .source_key = "albums/chongyang"};
    int64_t ev = 0, ev2 = 0;
    assert_int_equal(store_album_add(s, &imp, &ev), 0);
    imp.description = "社区食堂包饺子";
    assert_int_equal(store_album_add(s, &imp, &ev2), 0);
    assert_int_equal(ev, ev2);

    Album a;
    assert_int_equal(store_album_find(s, "重阳节活动", &a), 0);
    assert_int_equal(a.id, ev);
    assert_string_equal(a.description, "社区食堂包饺子");
    free(a.name);
    a.name = strdup("笑脸墙");
    assert_int_equal(store_album_update(s, &a), -1); /* name taken */
    assert_int_equal(store_reason(s), REASON_DUPLICATE);
    album_deinit(&a);

    add_photo(s, write_src(s, "x.png", "xxx"), wall, 1, 0);
    assert_int_equal(store_album_remove(s, wall), 0);
    assert_int_equal(store_album_find(s, "笑脸墙", &a), -1);
    assert_int_equal(store_reason(s), REASON_NOT_FOUND);
    PhotoList l;
    assert_int_equal(store_photo_list(s, NULL, &l), 0);
    assert_int_equal(l.count, 0);
    photo_list_free(&l);

    /* the name is free again: adding it brings the album back */
    assert_int_equal(album(s, "笑脸墙", ALBUM_PORTRAITS), wall);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_file_lands_at_its_content_address, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_adding_the_same_file_again_is_idempotent,
                                        tu_store_setup, tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_no_consent_is_never_shown_to_residents, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_bad_files_write_no_row, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_album_names_are_unique_and_removal_hides_photos,
                                        tu_store_setup, tu_store_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
