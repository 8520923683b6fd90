/* The kiosk row: validation, and the room rule every form checks follows it. */
#include "testutil.h"

#include "store/kiosk.h"
#include "store/store_internal.h"

#include <string.h>

static KioskInfo sample(void)
{
    KioskInfo k = {.building = "kangle-12",
                   .display_name = "康乐小区12号楼",
                   .theme = "敬老楼",
                   .address = "上海市某区康乐路12号",
                   .floor_min = 1,
                   .floor_max = 33,
                   .unit_min = 1,
                   .unit_max = 6,
                   .households = 190};
    return k;
}

static void test_room_rule_follows_the_kiosk_row(void **state)
{
    Store *s = TU_STORE(state);
    KioskInfo k = sample();
    assert_int_equal(store_kiosk_set(s, &k), 0);

    char room[ROOM_MAX_LEN + 1];
    assert_int_equal(store_check_room(s, "3306", 1, room), 0);
    assert_string_equal(room, "3306");
    assert_int_equal(store_check_room(s, "3407", 1, room), -1);
    assert_int_equal(store_reason(s), REASON_ROOM_INVALID);
    assert_int_equal(store_check_room(s, "1207", 1, room), -1); /* unit 07 of 01-06 */

    k.floor_max = 34;
    k.unit_max = 8;
    assert_int_equal(store_kiosk_set(s, &k), 0);
    assert_int_equal(store_check_room(s, "3407", 1, room), 0);
}

static void test_values_round_trip(void **state)
{
    Store *s = TU_STORE(state);
    KioskInfo before;
    assert_int_equal(store_kiosk_get(s, &before), 0);
    assert_int_equal(strlen(before.kiosk_uuid), 36);
    KioskInfo k = sample();
    assert_int_equal(store_kiosk_set(s, &k), 0);
    KioskInfo got;
    assert_int_equal(store_kiosk_get(s, &got), 0);
    assert_string_equal(got.kiosk_uuid, before.kiosk_uuid); /* identity never changes */
    assert_string_equal(got.display_name, "康乐小区12号楼");
    assert_string_equal(got.theme, "敬老楼");
    assert_string_equal(got.building, "kangle-12");
    assert_int_equal(got.floor_max, 33);
    assert_int_equal(got.households, 190);
    kiosk_info_deinit(&got);
    kiosk_info_deinit(&before);
}

static void test_bad_settings_change_nothing(void **state)
{
    Store *s = TU_STORE(state);
    KioskInfo k = sample();
    assert_int_equal(store_kiosk_set(s, &k), 0);

    KioskInfo bad = sample();
    bad.floor_min = 20;
    bad.floor_max = 10;
    assert_int_equal(store_kiosk_set(s, &bad), -1);
    assert_int_equal(store_reason(s), REASON_INVALID_VALUE);
    bad = sample();
    bad.unit_min = 0;
    assert_int_equal(store_kiosk_set(s, &bad), -1);
    bad = sample();
    bad.floor_max = 100;
    assert_int_equal(store_kiosk_set(s, &bad), -1);
    bad = sample();
    bad.households = 33 * 6 + 1;
    assert_int_equal(store_kiosk_set(s, &bad), -1);
    bad = sample();
    bad.building = "康乐 12";
    assert_int_equal(store_kiosk_set(s, &bad), -1);
    bad = sample();
    bad.theme = "\xe6\x95";
    assert_int_equal(store_kiosk_set(s, &bad), -1);
    assert_int_equal(store_reason(s), REASON_TEXT_BAD_UTF8);

    KioskInfo got;
    assert_int_equal(store_kiosk_get(s, &got), 0);
    assert_int_equal(got.floor_min, 1);
    assert_int_equal(got.floor_max, 33);
    assert_int_equal(got.unit_min, 1);
    assert_string_equal(got.theme, "敬老楼");
    kiosk_info_deinit(&got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_room_rule_follows_the_kiosk_row, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_values_round_trip, tu_store_setup, tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_bad_settings_change_nothing, tu_store_setup,
                                        tu_store_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
