/* The input method a form talks to: routes keys and strokes to the engine of the current
 * mode (pinyin.c, handwriting.c, or plain pass-through for digits and Latin letters),
 * keeps the candidate page and collects committed text for the form to take. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "ime/ime_internal.h"

/* What the resident reads when a key or stroke is refused. */
static const char MSG_NOT_READY[] = "拼音输入法正在准备，请稍等几秒，或先用手写输入";
static const char MSG_PINYIN_FAILED[] = "拼音输入法暂时不能用，请改用手写输入";
static const char MSG_DIGITS_ONLY[] = "这里只能输入数字";
static const char MSG_HW_FAILED[] = "手写输入暂时不能用，请改用拼音输入";
static const char MSG_HW_FULL[] = "笔画太多了，请清除后重写";
static const char MSG_WRONG_MODE[] = "请先切换到手写输入";

/* A key typed while Rime is still starting waits this long for it rather than being
 * refused: the start takes 0.05-0.25 s, so on a lobby box a key never waits in practice. */
#define KEY_WAIT_MS 1500

struct Ime {
    ImeMode mode;
    uintptr_t py; /* Rime session; 0 until deployment has finished */
    int page;     /* pinyin candidate page */
    char preedit[256];
    Handwriting *hw; /* loaded on first use of the pad, freed with the Ime */
    int pad_w, pad_h;
    Buf commit;
    const char *msg;
    char data_dir[512]; /* to start Rime if the form switches to pinyin later */
    bool rime;          /* holds the engine (pinyin_engine_acquire) */
};

/* Takes the engine for ime (starting Rime in the background if it is off). */
static int take_rime(Ime *ime, char *err, size_t errlen)
{
    if (ime->rime)
        return 0;
    if (pinyin_engine_acquire(ime->data_dir, err, errlen) != 0)
        return -1;
    ime->rime = true;
    return 0;
}

int ime_prepare_pinyin(Ime *ime)
{
    char err[256];
    if (take_rime(ime, err, sizeof err) != 0) {
        log_error("ime", "%s", err);
        return -1;
    }
    return 0;
}

bool ime_wait_engine(int timeout_ms)
{
    return pinyin_engine_wait(timeout_ms) != 0;
}

Ime *ime_create(const char *data_dir, ImeMode mode, char *err, size_t errlen)
{
    char tmp[1];
    if (!err) {
        err = tmp;
        errlen = sizeof tmp;
    }
    Ime *ime = calloc(1, sizeof *ime);
    if (!ime) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    buf_init(&ime->commit);
    ime->mode = IME_PINYIN;
    ime->pad_w = ime->pad_h = IME_HW_BOX;
    ime->msg = "";
    snprintf(ime->data_dir, sizeof ime->data_dir, "%s", data_dir);
    /* Handwriting and digits never need Rime: only a pinyin form starts it here. */
    if (mode == IME_PINYIN && take_rime(ime, err, errlen) != 0) {
        ime_destroy(ime);
        return NULL;
    }
    if (mode == IME_HANDWRITING) {
        ime->hw = hw_create(err, errlen);
        if (!ime->hw) {
            ime_destroy(ime);
            return NULL;
        }
    }
    ime->mode = mode;
    return ime;
}

void ime_destroy(Ime *ime)
{
    if (!ime)
        return;
    pinyin_session_close(ime->py);
    /* the last user stops Rime and drops what it learnt. Forms don't overlap on the
     * kiosk (one resident at a time, and an idle reset closes them all); if they did,
     * the dropping waits for the last, as a restart would break the other's session. */
    if (ime->rime)
        pinyin_engine_release();
    hw_destroy(ime->hw);
    buf_deinit(&ime->commit);
    free(ime);
}

void ime_shutdown(void)
{
    pinyin_engine_stop();
}

bool ime_ready(Ime *ime)
{
    if (!ime->py && ime->rime && pinyin_engine_state() == PINYIN_READY)
        ime->py = pinyin_session_open();
    return ime->py != 0;
}

const char *ime_errmsg(const Ime *ime)
{
    return ime->msg;
}

ImeMode ime_mode(const Ime *ime)
{
    return ime->mode;
}

/* Drops composition in every engine, keeping commits the form hasn't taken. */
static void drop_composition(Ime *ime)
{
    if (ime->py) {
        pinyin_session_clear(ime->py);
        Buf junk; /* a clear can leave nothing to commit, but never keep stale text */
        buf_init(&junk);
        pinyin_session_take_commit(ime->py, &junk);
        buf_deinit(&junk);
    }
    if (ime->hw)
        hw_clear(ime->hw);
    ime->page = 0;
}

int ime_set_mode(Ime *ime, ImeMode mode)
{
    if (mode == ime->mode)
        return 0;
    if (mode == IME_HANDWRITING && !ime->hw) {
        char err[256];
        ime->hw = hw_create(err, sizeof err);
        if (!ime->hw) {
            log_error("ime", "%s", err);
            ime->msg = MSG_HW_FAILED;
            return -1;
        }
        hw_set_pad(ime->hw, ime->pad_w, ime->pad_h);
    }
    if (mode == IME_PINYIN) {
        char err[256];
        if (take_rime(ime, err, sizeof err) != 0) {
            log_error("ime", "%s", err);
            ime->msg = MSG_PINYIN_FAILED;
            return -1;
        }
    }
    drop_composition(ime);
    ime->mode = mode;
    ime->msg = "";
    return 0;
}

static int refuse(Ime *ime, const char *msg)
{
    ime->msg = msg;
    return -1;
}

static int pass_through(Ime *ime, char key)
{
    buf_putc(&ime->commit, key);
    return 1;
}

static int key_pinyin(Ime *ime, char key)
{
    if (!ime_ready(ime) && pinyin_engine_wait(KEY_WAIT_MS))
        ime_ready(ime); /* the key waited for the engine instead of being lost */
    if (!ime_ready(ime)) {
        if (key == IME_KEY_BACKSPACE || key == IME_KEY_ENTER)
            return 0; /* nothing composed: the form edits its own text */
        return refuse(ime,
                      pinyin_engine_state() == PINYIN_FAILED ? MSG_PINYIN_FAILED : MSG_NOT_READY);
    }
    bool composing = ime_composing(ime);
    /* Rime would read a digit as "take candidate N"; on this keyboard digits are digits,
     * so take the first candidate, then type the digit. */
    if (composing && key >= '0' && key <= '9')
        pinyin_session_key(ime->py, ' ');
    int used = pinyin_session_key(ime->py, key);
    pinyin_session_take_commit(ime->py, &ime->commit);
    ime->page = 0;
    if (used)
        return 1;
    if (key == IME_KEY_BACKSPACE || key == IME_KEY_ENTER)
        return 0;
    return pass_through(ime, key); /* a space or digit with nothing composed */
}

static int key_handwriting(Ime *ime, char key)
{
    if (key == IME_KEY_BACKSPACE) {
        if (!ime->hw || hw_stroke_count(ime->hw) == 0)
            return 0;
        hw_undo(ime->hw);
        return 1;
    }
    if (key == ' ' && ime->hw && hw_result(ime->hw)->count > 0)
        return ime_pick(ime, 0) == 0 ? 1 : -1;
    if (key == IME_KEY_ENTER)
        return 0;
    return pass_through(ime, key);
}

int ime_key(Ime *ime, char key)
{
    ime->msg = "";
    unsigned char c = (unsigned char)key;
    if (c >= 0x80 || (c < 0x20 && key != IME_KEY_BACKSPACE && key != IME_KEY_ENTER))
        return -1; /* not a key on any of our keyboards */
    switch (ime->mode) {
    case IME_PINYIN:
        return key_pinyin(ime, key);
    case IME_HANDWRITING:
        return key_handwriting(ime, key);
    case IME_DIGITS:
        if (key == IME_KEY_BACKSPACE || key == IME_KEY_ENTER)
            return 0;
        if (key < '0' || key > '9')
            return refuse(ime, MSG_DIGITS_ONLY);
        return pass_through(ime, key);
    case IME_LATIN:
        if (key == IME_KEY_BACKSPACE || key == IME_KEY_ENTER)
            return 0;
        return pass_through(ime, key);
    }
    return -1;
}

const char *ime_preedit(Ime *ime)
{
    ime->preedit[0] = '\0';
    if (ime->mode == IME_PINYIN && ime->py)
        pinyin_session_preedit(ime->py, ime->preedit, sizeof ime->preedit);
    return ime->preedit;
}

bool ime_composing(Ime *ime)
{
    if (ime->mode == IME_HANDWRITING)
        return ime->hw && hw_stroke_count(ime->hw) > 0;
    return ime_preedit(ime)[0] != '\0';
}

int ime_candidates(Ime *ime, ImeCandidates *out)
{
    memset(out, 0, sizeof *out);
    if (ime->mode == IME_HANDWRITING)
        return ime_hw_candidates(ime, out, IME_PAGE_SIZE);
    if (ime->mode != IME_PINYIN || !ime->py)
        return 0;
    pinyin_session_candidates(ime->py, ime->page * IME_PAGE_SIZE, out);
    out->page = ime->page;
    out->has_prev = ime->page > 0;
    return out->count;
}

int ime_page(Ime *ime, int delta)
{
    if (ime->mode != IME_PINYIN || !ime->py || delta == 0)
        return -1;
    if (delta < 0) {
        if (ime->page == 0)
            return -1;
        ime->page--;
        return 0;
    }
    ImeCandidates c;
    ime_candidates(ime, &c);
    if (!c.has_next)
        return -1;
    ime->page++;
    return 0;
}

int ime_pick(Ime *ime, int index)
{
    ImeCandidates c;
    if (index < 0 || index >= ime_candidates(ime, &c))
        return -1;
    if (ime->mode == IME_HANDWRITING) {
        buf_puts(&ime->commit, c.text[index]);
        hw_clear(ime->hw);
        return 0;
    }
    if (pinyin_session_select(ime->py, ime->page * IME_PAGE_SIZE + index) != 0)
        return -1;
    pinyin_session_take_commit(ime->py, &ime->commit);
    ime->page = 0;
    return 0;
}

char *ime_take_commit(Ime *ime)
{
    if (ime->commit.len == 0)
        return NULL;
    return buf_take(&ime->commit);
}

void ime_clear(Ime *ime)
{
    drop_composition(ime);
    buf_reset(&ime->commit);
    ime->msg = "";
}

void ime_hw_set_pad(Ime *ime, int width, int height)
{
    ime->pad_w = width > 0 ? width : IME_HW_BOX;
    ime->pad_h = height > 0 ? height : IME_HW_BOX;
    if (ime->hw)
        hw_set_pad(ime->hw, ime->pad_w, ime->pad_h);
}

static int hw_usable(Ime *ime)
{
    if (ime->mode != IME_HANDWRITING || !ime->hw)
        return refuse(ime, MSG_WRONG_MODE);
    return 0;
}

int ime_stroke_begin(Ime *ime, int x, int y)
{
    if (hw_usable(ime) != 0)
        return -1;
    if (hw_stroke_begin(ime->hw, x, y) != 0)
        return refuse(ime, MSG_HW_FULL);
    return 0;
}

int ime_stroke_point(Ime *ime, int x, int y)
{
    if (hw_usable(ime) != 0)
        return -1;
    return hw_stroke_point(ime->hw, x, y);
}

int ime_stroke_end(Ime *ime)
{
    if (hw_usable(ime) != 0)
        return -1;
    return hw_stroke_end(ime->hw);
}

int ime_hw_stroke_count(const Ime *ime)
{
    return ime->hw ? hw_stroke_count(ime->hw) : 0;
}

int ime_hw_candidates(Ime *ime, ImeCandidates *out, int n)
{
    memset(out, 0, sizeof *out);
    if (!ime->hw)
        return 0;
    *out = *hw_result(ime->hw);
    if (n < out->count)
        out->count = n < 0 ? 0 : n;
    return out->count;
}

void ime_hw_undo(Ime *ime)
{
    if (ime->hw)
        hw_undo(ime->hw);
}

void ime_hw_clear(Ime *ime)
{
    if (ime->hw)
        hw_clear(ime->hw);
}

int ime_hw_write(Ime *ime, const ImeStrokes *strokes)
{
    for (int i = 0; i < strokes->count; i++) {
        const ImeStroke *st = &strokes->strokes[i];
        for (int j = 0; j < st->count; j++) {
            int x = st->points[j].x * ime->pad_w / IME_HW_BOX;
            int y = st->points[j].y * ime->pad_h / IME_HW_BOX;
            int rc = j == 0 ? ime_stroke_begin(ime, x, y) : ime_stroke_point(ime, x, y);
            if (rc != 0)
                return -1;
        }
        if (st->count > 0 && ime_stroke_end(ime) != 0)
            return -1;
    }
    return 0;
}
