/* Pinyin through librime, deployed once into a temp data dir for this binary: typing
 * "dianti" and picking gives 电梯, paging and backspace work, digits pass through, and
 * the kiosk refuses keys cleanly while Rime is still deploying. No SDL. */
#include "testutil.h"

#include <string.h>
#include <time.h>

#include "ime/ime.h"

static char g_dir[256];

/* Deployment normally takes milliseconds to seconds; sanitizers and a cold disk are
 * slow, so allow a minute before calling it broken. */
static bool wait_ready(Ime *ime)
{
    for (int i = 0; i < 6000; i++) {
        if (ime_ready(ime))
            return true;
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    return false;
}

static Ime *open_ime(ImeMode mode)
{
    char err[256];
    Ime *ime = ime_create(g_dir, mode, err, sizeof err);
    if (!ime)
        fail_msg("ime_create: %s", err);
    if (mode == IME_PINYIN && !wait_ready(ime))
        fail_msg("rime did not deploy within 60 s");
    return ime;
}

static void type(Ime *ime, const char *keys)
{
    for (const char *p = keys; *p; p++)
        assert_int_equal(ime_key(ime, *p), 1);
}

/* Takes the pending commit as a string for comparison ("" if none). */
static void expect_commit(Ime *ime, const char *want)
{
    char *got = ime_take_commit(ime);
    assert_string_equal(got ? got : "", want);
    free(got);
}

static int group_setup(void **state)
{
    snprintf(g_dir, sizeof g_dir, "%s", tu_tempdir());
    return 0;
}

static int group_teardown(void **state)
{
    ime_shutdown();
    tu_rmtree(g_dir);
    return 0;
}

/* Runs first: the engine starts here, held so the not-ready state is visible. */
static void test_keys_wait_for_background_deployment(void **state)
{
    ime_debug_hold_deploy(true);
    char err[256];
    Ime *ime = ime_create(g_dir, IME_PINYIN, err, sizeof err);
    assert_non_null(ime);
    assert_false(ime_ready(ime));
    assert_int_equal(ime_key(ime, 'd'), -1);
    assert_non_null(strstr(ime_errmsg(ime), "准备")); /* tells the resident to wait */
    assert_string_equal(ime_preedit(ime), "");
    assert_int_equal(ime_key(ime, IME_KEY_BACKSPACE), 0); /* the form edits its own text */
    assert_null(ime_take_commit(ime));
    /* the rest of the kiosk keeps working meanwhile: digits and handwriting */
    assert_int_equal(ime_set_mode(ime, IME_DIGITS), 0);
    type(ime, "12");
    expect_commit(ime, "12");
    assert_int_equal(ime_set_mode(ime, IME_PINYIN), 0);

    ime_debug_hold_deploy(false);
    assert_true(wait_ready(ime));
    assert_int_equal(ime_key(ime, 'd'), 1);
    assert_string_equal(ime_preedit(ime), "d");
    ime_destroy(ime);

    char path[300];
    snprintf(path, sizeof path, "%s/rime/default.custom.yaml", g_dir);
    FILE *f = fopen(path, "r");
    assert_non_null(f); /* only luna_pinyin_simp is deployed */
    fclose(f);
}

static void test_dianti_gives_dianti(void **state)
{
    Ime *ime = open_ime(IME_PINYIN);
    type(ime, "dianti");
    assert_string_equal(ime_preedit(ime), "dian ti");
    ImeCandidates c;
    assert_true(ime_candidates(ime, &c) > 1);
    assert_string_equal(c.text[0], "电梯");
    assert_false(c.has_prev);
    assert_int_equal(ime_pick(ime, 0), 0);
    expect_commit(ime, "电梯");
    assert_string_equal(ime_preedit(ime), "");
    assert_false(ime_composing(ime));
    assert_int_equal(ime_candidates(ime, &c), 0);

    type(ime, "dianti "); /* space takes the first candidate */
    expect_commit(ime, "电梯");
    ime_destroy(ime);
}

static int index_of(const ImeCandidates *c, int n, const char *text)
{
    for (int i = 0; i < n; i++)
        if (strcmp(c->text[i], text) == 0)
            return i;
    return -1;
}

/* A lobby kiosk must not learn one resident's words for the next. Within a form Rime
 * learns (a rare pick moves up: proof this test can fail); once the form closes the
 * next resident sees the original order again. */
static void test_next_form_does_not_learn_the_last_residents_words(void **state)
{
    Ime *ime = open_ime(IME_PINYIN);
    ImeCandidates c;
    type(ime, "dian");
    int n0 = ime_candidates(ime, &c);
    assert_true(n0 >= 7);
    ImeCandidates fresh = c;
    char rare[64];
    snprintf(rare, sizeof rare, "%s", c.text[6]);
    ime_clear(ime);
    for (int round = 0; round < 3; round++) {
        type(ime, "dian");
        assert_int_equal(ime_candidates(ime, &c) >= 7, 1);
        int at = index_of(&c, 8, rare);
        assert_true(at >= 0);
        assert_int_equal(ime_pick(ime, at), 0);
        expect_commit(ime, rare);
    }
    type(ime, "dian");
    int n1 = ime_candidates(ime, &c);
    int learnt = index_of(&c, n1, rare);
    assert_true(learnt >= 0 && learnt < 6); /* Rime learnt within the form */
    ime_destroy(ime);

    ime = open_ime(IME_PINYIN);
    type(ime, "dian");
    int n2 = ime_candidates(ime, &c);
    assert_int_equal(n2, n0);
    for (int i = 0; i < n0; i++)
        assert_string_equal(c.text[i], fresh.text[i]);
    ime_destroy(ime);
}

static void test_picking_part_of_a_phrase_keeps_the_rest(void **state)
{
    Ime *ime = open_ime(IME_PINYIN);
    type(ime, "dianti");
    ImeCandidates c;
    ime_candidates(ime, &c);
    int single = -1; /* a one-character candidate covering only "dian" */
    for (int i = 0; i < c.count && single < 0; i++)
        if (strlen(c.text[i]) == 3)
            single = i;
    assert_true(single >= 0);
    char first[IME_CAND_MAX];
    snprintf(first, sizeof first, "%s", c.text[single]);
    assert_int_equal(ime_pick(ime, single), 0);
    assert_null(ime_take_commit(ime)); /* "ti" is still being composed */
    assert_true(ime_composing(ime));
    assert_int_equal(ime_pick(ime, 0), 0);
    char *text = ime_take_commit(ime);
    assert_non_null(text);
    assert_int_equal(strncmp(text, first, strlen(first)), 0);
    assert_int_equal(strlen(text), 6); /* two characters */
    free(text);
    ime_destroy(ime);
}

static void test_paging_shows_new_candidates(void **state)
{
    Ime *ime = open_ime(IME_PINYIN);
    type(ime, "shi");
    ImeCandidates p0, p1, back;
    assert_int_equal(ime_candidates(ime, &p0), IME_PAGE_SIZE);
    assert_true(p0.has_next);
    assert_int_equal(ime_page(ime, -1), -1); /* already on the first page */
    assert_int_equal(ime_page(ime, +1), 0);
    assert_int_equal(ime_candidates(ime, &p1), IME_PAGE_SIZE);
    assert_int_equal(p1.page, 1);
    assert_true(p1.has_prev);
    for (int i = 0; i < p0.count; i++)
        for (int j = 0; j < p1.count; j++)
            assert_string_not_equal(p0.text[i], p1.text[j]);
    char want[IME_CAND_MAX];
    snprintf(want, sizeof want, "%s", p1.text[2]);
    assert_int_equal(ime_page(ime, -1), 0);
    ime_candidates(ime, &back);
    assert_string_equal(back.text[0], p0.text[0]);
    assert_int_equal(ime_page(ime, +1), 0);
    assert_int_equal(ime_pick(ime, 2), 0); /* index is on the page shown */
    expect_commit(ime, want);
    assert_int_equal(ime_pick(ime, IME_PAGE_SIZE), -1);
    ime_destroy(ime);
}

static void test_backspace_edits_the_letters(void **state)
{
    Ime *ime = open_ime(IME_PINYIN);
    type(ime, "diant");
    assert_int_equal(ime_key(ime, IME_KEY_BACKSPACE), 1);
    assert_string_equal(ime_preedit(ime), "dian");
    ImeCandidates c;
    ime_candidates(ime, &c);
    assert_string_equal(c.text[0], "点"); /* candidates follow the shorter letters */
    for (int i = 0; i < 4; i++)
        assert_int_equal(ime_key(ime, IME_KEY_BACKSPACE), 1);
    assert_string_equal(ime_preedit(ime), "");
    assert_int_equal(ime_key(ime, IME_KEY_BACKSPACE), 0); /* nothing left: the form's turn */
    assert_null(ime_take_commit(ime));
    ime_destroy(ime);
}

static void test_punctuation_digits_enter_and_clear(void **state)
{
    Ime *ime = open_ime(IME_PINYIN);
    type(ime, "dianti,");
    expect_commit(ime, "电梯，"); /* Chinese comma, the phrase taken first */
    type(ime, "dianti5");
    expect_commit(ime, "电梯5"); /* a digit is a digit, not "candidate 5" */
    type(ime, "abc");
    assert_int_equal(ime_key(ime, IME_KEY_ENTER), 1);
    expect_commit(ime, "abc"); /* enter keeps the letters as typed */
    type(ime, "dian");
    ime_clear(ime);
    assert_false(ime_composing(ime));
    assert_null(ime_take_commit(ime));
    ime_destroy(ime);
}

static void test_digits_mode_passes_digits(void **state)
{
    Ime *ime = open_ime(IME_DIGITS);
    type(ime, "1208");
    expect_commit(ime, "1208");
    assert_int_equal(ime_key(ime, 'a'), -1);
    assert_non_null(strstr(ime_errmsg(ime), "数字"));
    assert_int_equal(ime_key(ime, IME_KEY_BACKSPACE), 0);
    assert_string_equal(ime_preedit(ime), "");
    ImeCandidates c;
    assert_int_equal(ime_candidates(ime, &c), 0);
    /* one tap to pinyin and back; what was composed is dropped, not committed */
    assert_int_equal(ime_set_mode(ime, IME_PINYIN), 0);
    assert_true(wait_ready(ime));
    type(ime, "lou");
    assert_int_equal(ime_set_mode(ime, IME_LATIN), 0);
    assert_null(ime_take_commit(ime));
    type(ime, "B2");
    expect_commit(ime, "B2");
    ime_destroy(ime);
}

/* An idle kiosk holds no Rime: the last Ime to close stops it, so the next form's
 * engine starts again (held here, so the restart is visible); while two Imes are open,
 * closing one leaves the other typing. */
static void test_the_last_form_lets_rime_go(void **state)
{
    Ime *a = open_ime(IME_PINYIN);
    Ime *b = open_ime(IME_HANDWRITING);
    assert_int_equal(ime_prepare_pinyin(b), 0);
    assert_true(wait_ready(b));
    ime_destroy(a);
    assert_true(ime_ready(b)); /* still one user: the engine stays */
    assert_int_equal(ime_set_mode(b, IME_PINYIN), 0);
    type(b, "lou");
    assert_string_equal(ime_preedit(b), "lou");
    ime_destroy(b);

    ime_debug_hold_deploy(true);
    char err[256];
    Ime *c = ime_create(g_dir, IME_PINYIN, err, sizeof err);
    assert_non_null(c);
    assert_false(ime_ready(c)); /* stopped with the last form, starting again */
    ime_debug_hold_deploy(false);
    assert_true(wait_ready(c));
    ime_destroy(c);
}

/* Rime starts with a form, so a resident (or a script) may type before it is ready:
 * the first key waits for it instead of being lost. */
static void test_first_key_waits_for_a_starting_engine(void **state)
{
    char err[256];
    Ime *ime = ime_create(g_dir, IME_PINYIN, err, sizeof err); /* the engine was off */
    assert_non_null(ime);
    type(ime, "dianti");
    assert_string_equal(ime_preedit(ime), "dian ti");
    ime_destroy(ime);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keys_wait_for_background_deployment),
        cmocka_unit_test(test_dianti_gives_dianti),
        cmocka_unit_test(test_picking_part_of_a_phrase_keeps_the_rest),
        cmocka_unit_test(test_next_form_does_not_learn_the_last_residents_words),
        cmocka_unit_test(test_paging_shows_new_candidates),
        cmocka_unit_test(test_backspace_edits_the_letters),
        cmocka_unit_test(test_punctuation_digits_enter_and_clear),
        cmocka_unit_test(test_digits_mode_passes_digits),
        cmocka_unit_test(test_the_last_form_lets_rime_go),
        cmocka_unit_test(test_first_key_waits_for_a_starting_engine),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
