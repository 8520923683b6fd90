/* Duty roster by date range, contacts in screen order with phone shapes, quick phrases. */
#include "testutil.h"

#include "store/contact.h"
#include "store/phrase.h"
#include "store/roster.h"

#include <string.h>

#define NOW   1795399200 /* 2026-11-23 10:00 */
#define TODAY 1795363200 /* 2026-11-23 00:00 +08:00 */
#define DAY   86400

static int64_t duty(Store *s, int64_t day, const char *slot, const char *person, const char *room)
{
    RosterEntry e = {.day = day,
                     .slot = (char *)slot,
                     .place = "一楼大厅",
                     .person = (char *)person,
                     .room = (char *)room};
    int64_t id = 0;
    if (store_roster_add(s, &e, &id) != 0)
        fail_msg("roster: %s", store_errmsg(s));
    return id;
}

static void test_roster_lists_a_date_range_by_local_day(void **state)
{
    Store *s = TU_STORE(state);
    /* 2026-11-23 23:30 local is still the 23rd; 2026-11-24 00:10 is the 24th */
    duty(s, TODAY + 23 * 3600 + 1800, "晚上 20:00-24:00", "李师傅", "1203");
    duty(s, NOW, "上午 8:00-12:00", "张阿姨", "503室");
    duty(s, TODAY + DAY + 600, "上午 8:00-12:00", "王老师", "");
    duty(s, TODAY - DAY, "上午 8:00-12:00", "赵大伯", "");

    RosterList l;
    assert_int_equal(store_roster_list(s, TODAY, TODAY + DAY, &l), 0);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.items[0].person, "李师傅");
    assert_int_equal(l.items[0].day, TODAY);
    assert_string_equal(l.items[1].person, "张阿姨");
    assert_string_equal(l.items[1].room, "503"); /* canonical room number */
    roster_list_free(&l);

    assert_int_equal(store_roster_list(s, TODAY, 0, &l), 0);
    assert_int_equal(l.count, 3);
    assert_string_equal(l.items[2].person, "王老师");
    assert_int_equal(l.items[2].day, TODAY + DAY);
    roster_list_free(&l);

    assert_int_equal(store_roster_list(s, 0, 0, &l), 0);
    assert_int_equal(l.count, 4);
    assert_string_equal(l.items[0].person, "赵大伯");
    int64_t first = l.items[0].id;
    roster_list_free(&l);

    assert_int_equal(store_roster_remove(s, first), 0);
    assert_int_equal(store_roster_list(s, 0, 0, &l), 0);
    assert_int_equal(l.count, 3);
    roster_list_free(&l);
}

static void test_roster_refuses_bad_entries(void **state)
{
    Store *s = TU_STORE(state);
    RosterEntry e = {.day = NOW, .person = "张阿姨", .room = "12A3"};
    assert_int_equal(store_roster_add(s, &e, NULL), -1);
    assert_int_equal(store_reason(s), REASON_ROOM_INVALID);
    e.room = NULL;
    e.person = "";
    assert_int_equal(store_roster_add(s, &e, NULL), -1);
    assert_int_equal(store_reason(s), REASON_TEXT_EMPTY);
    e.person = "张阿姨";
    e.day = 0;
    assert_int_equal(store_roster_add(s, &e, NULL), -1);
    assert_int_equal(store_reason(s), REASON_INVALID_VALUE);
    RosterList l;
    assert_int_equal(store_roster_list(s, 0, 0, &l), 0);
    assert_int_equal(l.count, 0);
    roster_list_free(&l);
}

static int64_t contact(Store *s, const char *kind, const char *name, const char *phone, int sort)
{
    Contact c = {.kind = (char *)kind, .name = (char *)name, .phone = (char *)phone, .sort = sort};
    int64_t id = 0;
    if (store_contact_add(s, &c, &id) != 0)
        fail_msg("contact: %s", store_errmsg(s));
    return id;
}

static void test_contacts_in_screen_order_with_real_phone_shapes(void **state)
{
    Store *s = TU_STORE(state);
    contact(s, "hotline", "市民服务热线", "12345", 0);
    contact(s, "property", "物业客服", "021-6234 5678 转 8012", 0);
    contact(s, "committee", "居委会值班", "021-62345678", 2);
    contact(s, "committee", "居委会书记", "13812345678", 1);
    Contact g = {
        .kind = "groupchat", .name = "12号楼邻里群", .qr_text = "https://example.org/j/12"};
    assert_int_equal(store_contact_add(s, &g, NULL), 0);
    contact(s, "emergency", "急救", "120", 0); /* added last, listed first */

    ContactList l;
    assert_int_equal(store_contact_list(s, NULL, &l), 0);
    assert_int_equal(l.count, 6);
    assert_string_equal(l.items[0].phone, "120");
    assert_string_equal(l.items[1].name, "居委会书记");
    assert_string_equal(l.items[2].name, "居委会值班");
    assert_string_equal(l.items[3].name, "物业客服");
    assert_string_equal(l.items[4].name, "市民服务热线");
    assert_string_equal(l.items[5].qr_text, "https://example.org/j/12");
    contact_list_free(&l);
    assert_int_equal(store_contact_list(s, "committee", &l), 0);
    assert_int_equal(l.count, 2);
    contact_list_free(&l);

    Contact bad = {.kind = "committee", .name = "居委会", .phone = "请拨打前台"};
    assert_int_equal(store_contact_add(s, &bad, NULL), -1);
    assert_int_equal(store_reason(s), REASON_PHONE_INVALID);
    bad.phone = "12";
    assert_int_equal(store_contact_add(s, &bad, NULL), -1);
    assert_int_equal(store_reason(s), REASON_PHONE_INVALID);
    bad.phone = NULL;
    bad.kind = "police";
    assert_int_equal(store_contact_add(s, &bad, NULL), -1);
    assert_int_equal(store_reason(s), REASON_INVALID_VALUE);
    /* a QR code holds bytes: 200 Chinese characters (600 bytes) do not fit */
    char qr[700] = {0};
    for (int i = 0; i < 200; i++)
        strcat(qr, "群");
    Contact big = {.kind = "groupchat", .name = "群", .qr_text = qr};
    assert_int_equal(store_contact_add(s, &big, NULL), -1);
    assert_int_equal(store_reason(s), REASON_TEXT_TOO_LONG);
    assert_int_equal(store_contact_list(s, NULL, &l), 0);
    assert_int_equal(l.count, 6); /* nothing refused was added */
    contact_list_free(&l);
}

static void test_contact_import_key_update_and_remove(void **state)
{
    Store *s = TU_STORE(state);
    Contact c = {.kind = "property",
                 .name = "物业",
                 .phone = "021-62345678",
                 .source_key = "contacts.txt#1"};
    int64_t a = 0, b = 0;
    assert_int_equal(store_contact_add(s, &c, &a), 0);
    c.phone = "021-62345679";
    assert_int_equal(store_contact_add(s, &c, &b), 0);
    assert_int_equal(a, b);
    Contact got;
    assert_int_equal(store_contact_get(s, a, &got), 0);
    assert_string_equal(got.phone, "021-62345679");
    free(got.note);
    got.note = strdup("24小时");
    assert_int_equal(store_contact_update(s, &got), 0);
    contact_deinit(&got);
    assert_int_equal(store_contact_get(s, a, &got), 0);
    assert_string_equal(got.note, "24小时");
    contact_deinit(&got);
    assert_int_equal(store_contact_remove(s, a), 0);
    assert_int_equal(store_contact_get(s, a, &got), -1);
    assert_int_equal(store_reason(s), REASON_NOT_FOUND);
}

static void test_quick_phrases_per_form_without_doubles(void **state)
{
    Store *s = TU_STORE(state);
    Phrase p = {.form = PHRASE_SUGGESTION, .text = "楼道灯坏了", .sort = 1};
    int64_t a = 0, b = 0;
    assert_int_equal(store_phrase_add(s, &p, &a), 0);
    assert_int_equal(store_phrase_add(s, &p, &b), 0); /* seeding twice */
    assert_int_equal(a, b);
    Phrase w = {.form = PHRASE_WISH, .text = "想请人陪我去医院配药"};
    assert_int_equal(store_phrase_add(s, &w, NULL), 0);
    Phrase first = {.form = PHRASE_SUGGESTION, .text = "电梯有异响", .sort = 0};
    assert_int_equal(store_phrase_add(s, &first, NULL), 0);

    PhraseList l;
    assert_int_equal(store_phrase_list(s, PHRASE_SUGGESTION, &l), 0);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.items[0].text, "电梯有异响");
    assert_string_equal(l.items[1].text, "楼道灯坏了");
    phrase_list_free(&l);

    Phrase bad = {.form = "complaint", .text = "x"};
    assert_int_equal(store_phrase_add(s, &bad, NULL), -1);
    assert_int_equal(store_reason(s), REASON_INVALID_VALUE);

    assert_int_equal(store_phrase_remove(s, a), 0);
    assert_int_equal(store_phrase_list(s, PHRASE_SUGGESTION, &l), 0);
    assert_int_equal(l.count, 1);
    phrase_list_free(&l);
    assert_int_equal(store_phrase_remove(s, a), -1);
    assert_int_equal(store_reason(s), REASON_NOT_FOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_roster_lists_a_date_range_by_local_day, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_roster_refuses_bad_entries, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_contacts_in_screen_order_with_real_phone_shapes,
                                        tu_store_setup, tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_contact_import_key_update_and_remove, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_quick_phrases_per_form_without_doubles, tu_store_setup,
                                        tu_store_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
