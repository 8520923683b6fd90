/* Upgrading a store in place: a file left by the first release (schema 1) is brought
 * to the current schema by store_open and keeps the residents' data. */
#include "testutil.h"

#include "store/outbox.h"
#include "store/store_internal.h"
#include "store/wish.h"

#include <sqlite3.h>
#include <string.h>

/* Writes a schema-1 store at path holding one approved wish and its outbox row. */
static void make_v1_store(const char *path)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char *err = NULL;
    if (sqlite3_exec(db, STORE_MIGRATIONS[0], NULL, NULL, &err) != SQLITE_OK)
        fail_msg("v1 schema: %s", err);
    const char *data =
        "INSERT INTO kiosk(id, kiosk_uuid) VALUES (1, '0b8e7f52-3c1d-4a9e-8f00-0000000000aa');"
        "INSERT INTO wishes(uuid, receipt, created_at, text, room, state, decided_at)"
        " VALUES ('0b8e7f52-3c1d-4a9e-8f00-000000000001', 'H4J5K6', 1795390000,"
        " '想请人教我用微信视频', '1502', 'open', 1795395000);"
        "INSERT INTO outbox(uuid, kind, payload, created_at)"
        " VALUES ('0b8e7f52-3c1d-4a9e-8f00-000000000001', 'wish', '{}', 1795390000);"
        "PRAGMA user_version = 1;";
    if (sqlite3_exec(db, data, NULL, NULL, &err) != SQLITE_OK)
        fail_msg("v1 data: %s", err);
    sqlite3_close(db);
}

static void test_v1_store_is_upgraded_with_its_data(void **state)
{
    (void)state;
    char dir[256], path[300], err[512];
    snprintf(dir, sizeof dir, "%s", tu_tempdir());
    snprintf(path, sizeof path, "%s/yanxia.db", dir);
    make_v1_store(path);

    Store *s = store_open(path, err, sizeof err);
    if (!s)
        fail_msg("store_open: %s", err);
    store_set_now(s, 1795399200); /* 2026-11-23 10:00 +08:00, after the wish was posted */
    assert_int_equal(store_schema_version(s), STORE_MIGRATION_COUNT);
    assert_true(STORE_MIGRATION_COUNT >= 2);
    assert_int_equal(store_check_integrity(s), 0);

    WishQuery q = {.board = 1};
    WishList l;
    assert_int_equal(store_wish_list(s, &q, &l), 0);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].text, "想请人教我用微信视频");
    assert_string_equal(l.items[0].receipt, "H4J5K6");
    assert_string_equal(l.items[0].room_masked, "15**室");
    assert_int_equal(l.items[0].from_hub, 0); /* it was posted here */
    int64_t id = l.items[0].id;
    wish_list_free(&l);
    assert_int_equal(store_wish_list(s, NULL, &l), 0);
    assert_int_equal(l.count, 1); /* still listed as this kiosk's own */
    wish_list_free(&l);
    int64_t pending = 0;
    assert_int_equal(store_outbox_count_pending(s, &pending), 0);
    assert_int_equal(pending, 1);

    /* the upgraded store works: a neighbour claims the old wish */
    StoreReceipt r;
    assert_int_equal(store_wish_claim(s, id, "1801", NULL, &r), 0);
    store_close(s);

    /* opening again does not migrate twice */
    s = store_open(path, err, sizeof err);
    if (!s)
        fail_msg("reopen: %s", err);
    assert_int_equal(store_schema_version(s), STORE_MIGRATION_COUNT);
    store_close(s);
    tu_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_v1_store_is_upgraded_with_its_data),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
