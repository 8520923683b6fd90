/* Core helpers residents' input runs through: UTF-8 checks, room and phone numbers,
 * receipts and UUIDs, local times and the INI configuration. */
#include "testutil.h"

#include "core/config.h"
#include "core/ids.h"
#include "core/room.h"
#include "core/timeutil.h"
#include "core/utf8.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int valid(const char *s)
{
    return utf8_valid(s, strlen(s));
}

static void test_utf8_valid(void **state)
{
    (void)state;
    assert_true(valid(""));
    assert_true(valid("楼组公约 A-1"));
    assert_true(valid("\xf0\x9f\x98\x80"));  /* U+1F600 */
    assert_true(valid("\xf4\x8f\xbf\xbf"));  /* U+10FFFF, the last one */
    assert_false(valid("\xc0\xaf"));         /* overlong '/' */
    assert_false(valid("\xc1\xbf"));         /* overlong */
    assert_false(valid("\xe0\x80\xaf"));     /* overlong, 3 bytes */
    assert_false(valid("\xf0\x80\x80\xaf")); /* overlong, 4 bytes */
    assert_false(valid("\xed\xa0\x80"));     /* U+D800 surrogate */
    assert_false(valid("\xed\xbf\xbf"));     /* U+DFFF surrogate */
    assert_false(valid("\xf4\x90\x80\x80")); /* above U+10FFFF */
    assert_false(valid("\xe6\xa5"));         /* 楼 cut short */
    assert_false(valid("ab\xe6"));           /* cut at the very end */
    assert_false(valid("\xe6\x41\xbc"));     /* ASCII inside a sequence */
    assert_false(valid("\x80"));             /* lone continuation byte */
    assert_false(valid("\xff"));
    /* a length shorter than the string cuts a character in half */
    assert_false(utf8_valid("楼", 2));
    assert_true(utf8_valid("楼", 3));
    assert_int_equal(utf8_count("楼组ab"), 4);
}

static void test_utf8_trim(void **state)
{
    (void)state;
    char *t = utf8_trim_dup("\u3000 电梯　\t\n");
    assert_string_equal(t, "电梯");
    free(t);
}

static void test_room_normalize(void **state)
{
    (void)state;
    RoomRule rule = {1, 33, 1, 6};
    char out[ROOM_MAX_LEN + 1];
    assert_int_equal(room_normalize(&rule, "1203", out), REASON_NONE);
    assert_string_equal(out, "1203");
    assert_int_equal(room_normalize(&rule, " 1203室 ", out), REASON_NONE);
    assert_string_equal(out, "1203");
    assert_int_equal(room_normalize(&rule, "503", out), REASON_NONE);
    assert_string_equal(out, "503");
    assert_int_equal(room_normalize(&rule, "0503", out), REASON_ROOM_INVALID);
    assert_int_equal(room_normalize(&rule, "3407", out), REASON_ROOM_INVALID); /* floor 34 */
    assert_int_equal(room_normalize(&rule, "1207", out), REASON_ROOM_INVALID); /* unit 07 */
    assert_int_equal(room_normalize(&rule, "1200", out), REASON_ROOM_INVALID);
    assert_int_equal(room_normalize(&rule, "12a3", out), REASON_ROOM_INVALID);
    assert_int_equal(room_normalize(&rule, "", out), REASON_ROOM_INVALID);
    assert_int_equal(room_normalize(&rule, "12", out), REASON_ROOM_INVALID);
    assert_int_equal(room_normalize(&rule, "120345678", out), REASON_ROOM_INVALID);
    RoomRule any = room_rule_default();
    assert_int_equal(room_normalize(&any, "9999", out), REASON_NONE);
}

static void test_room_mask(void **state)
{
    (void)state;
    char out[16];
    room_mask("1203", out);
    assert_string_equal(out, "12**室");
    room_mask("503", out);
    assert_string_equal(out, "5**室");
    room_mask("", out);
    assert_string_equal(out, "**室");
}

static void test_phone_normalize(void **state)
{
    (void)state;
    char out[PHONE_MAX_LEN + 1];
    assert_int_equal(phone_normalize("13812345678", out), REASON_NONE);
    assert_string_equal(out, "13812345678");
    assert_int_equal(phone_normalize("138 1234-5678", out), REASON_NONE);
    assert_string_equal(out, "13812345678");
    assert_int_equal(phone_normalize("021-62345678", out), REASON_NONE);
    assert_string_equal(out, "021-62345678");
    assert_int_equal(phone_normalize("02162345678", out), REASON_NONE);
    assert_string_equal(out, "021-62345678");
    assert_int_equal(phone_normalize("62345678", out), REASON_NONE);
    assert_string_equal(out, "62345678");
    assert_int_equal(phone_normalize("12812345678", out), REASON_PHONE_INVALID); /* 12x */
    assert_int_equal(phone_normalize("1381234567", out), REASON_PHONE_INVALID);  /* 10 digits */
    assert_int_equal(phone_normalize("call me", out), REASON_PHONE_INVALID);
    assert_int_equal(phone_normalize("", out), REASON_PHONE_INVALID);
    assert_int_equal(phone_normalize("021-0234567", out), REASON_PHONE_INVALID);
    assert_int_equal(phone_normalize("12345678901234567890", out), REASON_PHONE_INVALID);
    char mask[16];
    phone_mask("13812345678", mask);
    assert_string_equal(mask, "138****5678");
}

static void test_receipt_codes_cannot_be_misread(void **state)
{
    (void)state;
    assert_null(strpbrk(IDS_RECEIPT_ALPHABET, "0O1IL"));
    char code[IDS_RECEIPT_LEN + 1], norm[IDS_RECEIPT_LEN + 1];
    for (int i = 0; i < 200; i++) {
        assert_int_equal(ids_receipt(code), 0);
        assert_int_equal(strlen(code), IDS_RECEIPT_LEN);
        assert_int_equal(strspn(code, IDS_RECEIPT_ALPHABET), IDS_RECEIPT_LEN);
        assert_true(ids_receipt_normalize(code, norm));
        assert_string_equal(norm, code);
    }
    /* a resident reads it out in lower case with a separator */
    assert_true(ids_receipt_normalize("k7m-q2x", norm));
    assert_string_equal(norm, "K7MQ2X");
    assert_false(ids_receipt_normalize("K7MQ0X", norm)); /* 0 is never issued */
    assert_false(ids_receipt_normalize("K7MQ2", norm));
    assert_false(ids_receipt_normalize("K7MQ2XY", norm));
}

static void test_uuid_format(void **state)
{
    (void)state;
    char a[IDS_UUID_LEN + 1], b[IDS_UUID_LEN + 1];
    assert_int_equal(ids_uuid_v4(a), 0);
    assert_int_equal(ids_uuid_v4(b), 0);
    assert_int_equal(strlen(a), IDS_UUID_LEN);
    assert_string_not_equal(a, b);
    for (int i = 0; i < IDS_UUID_LEN; i++) {
        if (i == 8 || i == 13 || i == 18 || i == 23)
            assert_int_equal(a[i], '-');
        else
            assert_non_null(strchr("0123456789abcdef", a[i]));
    }
    assert_int_equal(a[14], '4');           /* version */
    assert_non_null(strchr("89ab", a[19])); /* variant */
}

/* time_now() in a child with the given clock variables (NULL: unset); returns the
 * child's exit code (0: time_now returned `want`, 1: it returned something else), or
 * -SIG when a signal ended it. */
static int clock_child(const char *now, const char *guard, const char *why, int64_t want)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        const char *names[] = {"YANXIA_NOW", "YANXIA_CLOCK_GUARD", "YANXIA_REAL_CLOCK"};
        const char *vals[] = {now, guard, why};
        for (int i = 0; i < 3; i++)
            vals[i] ? setenv(names[i], vals[i], 1) : unsetenv(names[i]);
        int64_t t = time_now();
        _exit(want ? t != want : t < 1700000000);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return WIFSIGNALED(status) ? -WTERMSIG(status) : WEXITSTATUS(status);
}

/* Under the test harness's guard, reading the real clock unpinned aborts; a pinned
 * clock, or a reason for the real one, does not. */
static void test_clock_guard(void **state)
{
    (void)state;
    assert_int_equal(clock_child("2026-11-23 10:00", "1", NULL, 1795399200), 0);
    assert_int_equal(clock_child(NULL, "1", NULL, 0), -SIGABRT);
    assert_int_equal(clock_child("next tuesday", "1", NULL, 0), -SIGABRT);
    assert_int_equal(clock_child(NULL, "1", "the test waits on the wall clock", 0), 0);
    assert_int_equal(clock_child(NULL, NULL, NULL, 0), 0); /* outside tests: the real clock */
}

static void test_time_parse_round_trips(void **state)
{
    (void)state;
    int64_t t;
    assert_int_equal(time_parse("2026-11-23 10:00", &t), 0);
    assert_int_equal(t, 1795399200);
    static const char *texts[] = {"2026-11-23 10:00:00", "1970-01-01 08:00:00",
                                  "2028-02-29 23:59:59", "2026-01-01 00:00:00"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        char back[32];
        assert_int_equal(time_parse(texts[i], &t), 0);
        time_format(t, "%Y-%m-%d %H:%M:%S", back, sizeof back);
        assert_string_equal(back, texts[i]);
    }
    assert_int_equal(time_parse("2026-11-23T10:00", &t), 0);
    assert_int_equal(time_parse("2026-11-23", &t), 0);
    assert_int_equal(t, time_day_start(1795399200));
    assert_int_equal(time_parse("2027-02-29", &t), -1);
    assert_int_equal(time_parse("2026-13-01", &t), -1);
    assert_int_equal(time_parse("2026-11-23 24:00", &t), -1);
    assert_int_equal(time_parse("2026-11-23 10:00 extra", &t), -1);
    assert_int_equal(time_parse("yesterday", &t), -1);
}

static void test_config_good_file(void **state)
{
    (void)state;
    Config c;
    config_defaults(&c);
    char err[512] = "";
    const char *ini = "; lobby of building 12\n"
                      "[kiosk]\nname = lobby-2\nbuilding = kangle-12\n"
                      "[display]\nwidth = 1920\nheight = 1080\nfullscreen = no\n"
                      "[sync]\ninterval_seconds = 30\n";
    assert_int_equal(config_load_string(&c, ini, "yanxia.ini", err, sizeof err), 0);
    assert_string_equal(c.kiosk_name, "lobby-2");
    assert_string_equal(c.building, "kangle-12");
    assert_int_equal(c.width, 1920);
    assert_int_equal(c.fullscreen, 0);
    assert_int_equal(c.sync_interval_seconds, 30);
    assert_int_equal(c.attract_seconds, 300); /* untouched default */
}

static void test_config_errors_name_key_and_line(void **state)
{
    (void)state;
    Config c;
    config_defaults(&c);
    char err[512] = "";
    assert_int_equal(
        config_load_string(&c, "[display]\nwidth = 1080\nwdith = 720\n", "a.ini", err, sizeof err),
        -1);
    assert_non_null(strstr(err, "a.ini:3"));
    assert_non_null(strstr(err, "wdith"));

    err[0] = '\0';
    assert_int_equal(
        config_load_string(&c, "[idle]\nattract_seconds = soon\n", "b.ini", err, sizeof err), -1);
    assert_non_null(strstr(err, "attract_seconds"));
    assert_non_null(strstr(err, "b.ini:2"));

    err[0] = '\0';
    assert_int_equal(
        config_load_string(&c, "[display]\nwidth = 99999999999\n", "c.ini", err, sizeof err), -1);
    assert_non_null(strstr(err, "width"));
}

static void test_config_rotate_quarter_turns_only(void **state)
{
    (void)state;
    Config c;
    config_defaults(&c);
    char err[512] = "";
    assert_int_equal(c.rotate, 0);
    const char *turns[] = {"0", "90", "180", "270"};
    for (int i = 0; i < 4; i++) {
        char ini[64];
        snprintf(ini, sizeof ini, "[display]\nrotate = %s\n", turns[i]);
        assert_int_equal(config_load_string(&c, ini, "r.ini", err, sizeof err), 0);
        assert_int_equal(c.rotate, i * 90);
    }
    const char *bad[] = {"45", "-90", "360", "90deg", "portrait", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char ini[64];
        snprintf(ini, sizeof ini, "[display]\nrotate = %s\n", bad[i]);
        err[0] = '\0';
        assert_int_equal(config_load_string(&c, ini, "r.ini", err, sizeof err), -1);
        assert_non_null(strstr(err, "r.ini:2: [display] rotate: expected 0, 90, 180 or 270"));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_valid),
        cmocka_unit_test(test_utf8_trim),
        cmocka_unit_test(test_room_normalize),
        cmocka_unit_test(test_room_mask),
        cmocka_unit_test(test_phone_normalize),
        cmocka_unit_test(test_receipt_codes_cannot_be_misread),
        cmocka_unit_test(test_uuid_format),
        cmocka_unit_test(test_time_parse_round_trips),
        cmocka_unit_test(test_clock_guard),
        cmocka_unit_test(test_config_good_file),
        cmocka_unit_test(test_config_errors_name_key_and_line),
        cmocka_unit_test(test_config_rotate_quarter_turns_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
