/* The script steps wait-for and wait-gone: what they accept, that they keep drawing
 * until the text shows (or goes), and that they fail the script when time runs out;
 * until HH:MM, which keeps a soak's days on the clock; and stats, the soak's measure of
 * memory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/timeutil.h"
#include "ui/script.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A fake program: the text is visible from frame `from` to frame `until` (exclusive);
 * its clock reads clock0 plus the virtual time. */
typedef struct {
    int frames, from, until;
    long virtual_ms;
    int64_t clock0;
} Fake;

static int64_t fake_clock(void *ctx)
{
    Fake *f = ctx;
    return f->clock0 + f->virtual_ms / 1000;
}

static int fake_frame(void *ctx, int ms)
{
    Fake *f = ctx;
    f->frames++;
    f->virtual_ms += ms;
    return 0;
}

static void fake_event(void *ctx, const SDL_Event *ev)
{
    (void)ctx;
    (void)ev;
}

static int fake_go(void *ctx, const char *name, char *err, size_t errlen)
{
    (void)ctx;
    (void)name;
    (void)err;
    (void)errlen;
    return 0;
}

static int fake_find(void *ctx, const char *text, SDL_Rect *where)
{
    Fake *f = ctx;
    *where = (SDL_Rect){0, 0, 10, 10};
    return strcmp(text, "到了") == 0 && f->frames >= f->from && f->frames < f->until;
}

static int fake_shot(void *ctx, const char *path, char *err, size_t errlen)
{
    (void)ctx;
    (void)path;
    (void)err;
    (void)errlen;
    return 0;
}

static int run(const char *text, Fake *f, char *err, size_t errlen)
{
    Script *s = script_parse(text, "t.script", err, errlen);
    assert_non_null(s);
    ScriptHost h = {.ctx = f,
                    .frame = fake_frame,
                    .event = fake_event,
                    .go = fake_go,
                    .find = fake_find,
                    .shot = fake_shot,
                    .clock = fake_clock};
    int rc = script_run(s, &h, NULL, err, errlen);
    script_destroy(s);
    return rc;
}

static void test_parses_text_and_seconds(void **state)
{
    (void)state;
    char err[256];
    Script *s = script_parse("wait-for \"电梯 \\\"停运\\\"\" 15\nwait-gone \"到了\" 3\n", "t", err,
                             sizeof err);
    assert_non_null(s);
    assert_int_equal(s->count, 2);
    assert_int_equal(s->steps[0].op, STEP_WAIT_FOR);
    assert_string_equal(s->steps[0].arg, "电梯 \"停运\"");
    assert_int_equal(s->steps[0].v[0], 15);
    assert_int_equal(s->steps[1].op, STEP_WAIT_GONE);
    assert_int_equal(s->steps[1].v[0], 3);
    script_destroy(s);
    /* the seconds are required, the text must be quoted, the time bounded */
    const char *bad[] = {"wait-for \"到了\"",      "wait-for 到了 5",       "wait-for \"到了\" 0",
                         "wait-gone \"到了\" x",   "wait-for \"到了\" 5 6", "wait-for \"到了 5",
                         "wait-for \"到了\" 99999"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        s = script_parse(bad[i], "t", err, sizeof err);
        if (s)
            fail_msg("accepted: %s", bad[i]);
        assert_non_null(strstr(err, "t:1: bad arguments for"));
    }
}

static void test_wait_for_draws_until_the_text_shows(void **state)
{
    (void)state;
    Fake f = {0, 4, 1 << 30, 0, 0};
    char err[256] = "";
    assert_int_equal(run("wait-for \"到了\" 30\n", &f, err, sizeof err), 0);
    assert_int_equal(f.frames, 4);
    assert_true(f.virtual_ms >= 4 * 40); /* the kiosk's clock followed the wall clock */
}

static void test_wait_for_fails_when_time_runs_out(void **state)
{
    (void)state;
    Fake f = {0, 1 << 30, 1 << 30, 0, 0};
    char err[256] = "";
    uint64_t start = SDL_GetTicks64();
    assert_int_equal(run("wait-for \"到了\" 1\nwait 10\n", &f, err, sizeof err), -1);
    assert_true(SDL_GetTicks64() - start >= 1000);
    assert_string_equal(err, "t.script:1: waited 1 s for \"到了\" to become visible, it did not");
}

static void test_wait_gone(void **state)
{
    (void)state;
    Fake f = {0, 0, 3, 0, 0};
    char err[256] = "";
    assert_int_equal(run("wait-gone \"到了\" 30\n", &f, err, sizeof err), 0);
    assert_int_equal(f.frames, 3);
    Fake stays = {0, 0, 1 << 30, 0, 0};
    assert_int_equal(run("wait-gone \"到了\" 1\n", &stays, err, sizeof err), -1);
    assert_non_null(strstr(err, "t.script:1: waited 1 s for \"到了\" to go away"));
}

/* until HH:MM runs virtual time on to the next HH:MM, today's or tomorrow's, and at
 * once within that minute; a malformed time is refused. */
static void test_until_keeps_to_the_clock(void **state)
{
    (void)state;
    char err[256] = "";
    int64_t day = time_day_start(1795384800);             /* 2026-11-23 06:00 in Shanghai */
    Fake f = {0, 0, 0, 0, day + 5 * 3600 + 58 * 60 + 30}; /* 05:58:30 */
    assert_int_equal(run("until 06:00\n", &f, err, sizeof err), 0);
    assert_int_equal(f.virtual_ms, 90 * 1000);
    assert_int_equal(run("until 06:00\n", &f, err, sizeof err), 0); /* already 06:00 */
    assert_int_equal(f.virtual_ms, 90 * 1000);
    /* 06:00 plus a session's 7 minutes and 20 s: the next 06:30 is 22:40 on */
    f.virtual_ms += 440 * 1000;
    assert_int_equal(run("until 06:30\n", &f, err, sizeof err), 0);
    assert_int_equal(fake_clock(&f), day + 6 * 3600 + 30 * 60);
    /* 05:59 has passed today: tomorrow's */
    assert_int_equal(run("until 05:59\n", &f, err, sizeof err), 0);
    assert_int_equal(fake_clock(&f), time_day_start(day + 86400 + 3600) + 5 * 3600 + 59 * 60);
    /* the clock reads whole seconds of a time that runs in milliseconds: until waits
     * until it reads 06:00, not 05:59:59.5 */
    Fake g = {0, 0, 0, 500, day + 5 * 3600 + 59 * 60}; /* 05:59:00.5 */
    assert_int_equal(run("until 06:00\n", &g, err, sizeof err), 0);
    assert_int_equal(fake_clock(&g), day + 6 * 3600);
    assert_true(g.virtual_ms >= 60 * 1000 && g.virtual_ms < 61 * 1000);
    const char *bad[] = {"until 24:00", "until 6", "until 06:60", "until 06:00 x", "until"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        Script *s = script_parse(bad[i], "t", err, sizeof err);
        if (s)
            fail_msg("accepted: %s", bad[i]);
        assert_non_null(strstr(err, "t:1: bad arguments for"));
    }
}

/* `stats` prints this process's memory in parts that add up, and 16 MB more of live
 * allocation shows in the anonymous part (and in malloc's count, without ASan's own
 * allocator in the way). */
static void test_stats_sees_an_allocation(void **state)
{
    (void)state;
    fflush(stdout);
    int saved = dup(1);
    FILE *out = tmpfile();
    assert_non_null(out);
    dup2(fileno(out), 1);
    Fake f = {0, 0, 0, 0, 0};
    char err[256] = "";
    assert_int_equal(run("stats before\n", &f, err, sizeof err), 0);
    size_t n = 16u << 20;
    char *big = malloc(n);
    assert_non_null(big);
    memset(big, 1, n);
    assert_int_equal(run("stats after\n", &f, err, sizeof err), 0);
    fflush(stdout);
    dup2(saved, 1);
    close(saved);
    rewind(out);
    long v[2][6];
    for (int i = 0; i < 2; i++)
        assert_int_equal(fscanf(out,
                                " stats %*s rss_kb=%ld fds=%ld heap_kb=%ld anon_kb=%ld file_kb=%ld"
                                " free_kb=%ld",
                                &v[i][0], &v[i][1], &v[i][2], &v[i][3], &v[i][4], &v[i][5]),
                         6);
    fclose(out);
    for (int i = 0; i < 2; i++) {
        assert_true(v[i][0] > 0 && v[i][1] >= 3 && v[i][3] > 0 && v[i][4] > 0 && v[i][5] >= 0);
        long parts = v[i][3] + v[i][4]; /* RSS is anon + file + shmem (none here) */
        assert_true(v[i][0] - parts >= 0 && v[i][0] - parts <= 1024);
    }
    assert_true(v[1][3] - v[0][3] >= 15 * 1024);
#ifndef __SANITIZE_ADDRESS__
    assert_true(v[1][2] - v[0][2] >= 16 * 1024);
#endif
    assert_true(big[n - 1] == 1);
    free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parses_text_and_seconds),
        cmocka_unit_test(test_wait_for_draws_until_the_text_shows),
        cmocka_unit_test(test_wait_for_fails_when_time_runs_out),
        cmocka_unit_test(test_wait_gone),
        cmocka_unit_test(test_until_keeps_to_the_clock),
        cmocka_unit_test(test_stats_sees_an_allocation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
