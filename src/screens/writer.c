/* The writing forms' text-entry panel: routes the keyboard and the pad to the input
 * method, appends what it commits to the form's text, and draws the mode switch,
 * candidates, phrase chips and the text box. See writer.h. */
#include "screens/writer.h"

#include "core/log.h"
#include "core/utf8.h"
#include "ui/draw.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *label;
    ImeMode mode;
} MODES[] = {{"手写", IME_HANDWRITING}, {"拼音", IME_PINYIN}, {"数字", IME_DIGITS}};

static Writer *top_writer(App *app)
{
    Writer *w = app->entry;
    /* only what was drawn in the last frame can be aimed at */
    return w && w->app == app ? w : NULL;
}

static int hook_pad(App *app, SDL_Rect *pad)
{
    Writer *w = top_writer(app);
    if (!w || w->pad.w == 0)
        return -1;
    *pad = w->pad;
    return 0;
}

static int hook_candidate(App *app, int n, const char *text, SDL_Rect *where)
{
    Writer *w = top_writer(app);
    if (!w)
        return -1;
    int i = n - 1;
    if (text) {
        for (i = 0; i < w->cand_n && strcmp(w->cand[i], text) != 0; i++)
            ;
    }
    if (i < 0 || i >= w->cand_n)
        return -1;
    *where = w->cand_rect[i];
    return 0;
}

int writer_open(App *app, Writer *w, const char *phrase_form, size_t max_chars)
{
    w->app = app;
    w->max_chars = max_chars;
    w->mode = IME_HANDWRITING; /* many residents never learned pinyin */
    w->msg = "";
    store_phrase_list(app->store, phrase_form, &w->phrases);
    app->entry = w;
    app->entry_pad = hook_pad;
    app->entry_candidate = hook_candidate;
    char err[256];
    w->ime = ime_create(store_dir(app->store), w->mode, err, sizeof err);
    if (!w->ime) {
        log_error("writer", "input method: %s", err);
        w->msg = "输入法暂时不能用，可以点下面的常用语";
        return -1;
    }
    /* Rime starts with the form, not with the kiosk: ready long before a finger reaches
     * 拼音, and gone again (with what it learnt) when the form closes */
    ime_prepare_pinyin(w->ime);
    return 0;
}

void writer_close(App *app, Writer *w)
{
    if (app->entry == w) {
        app->entry = NULL;
        app->entry_pad = NULL;
        app->entry_candidate = NULL;
    }
    ime_destroy(w->ime); /* gives back the handwriting model and the Rime session */
    w->ime = NULL;
    phrase_list_free(&w->phrases);
    ink_free(&w->ink);
    /* what a resident wrote must not outlive the form */
    memset(w->text, 0, sizeof w->text);
    memset(w->cand, 0, sizeof w->cand);
    w->cand_n = 0;
}

void writer_reset(Writer *w)
{
    memset(w->text, 0, sizeof w->text);
    if (w->ime)
        ime_clear(w->ime);
    ink_clear(&w->ink);
}

static size_t utf8_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* Appends what still fits under the store's limit (max_chars characters): typing stops
 * at the limit with a word why, rather than a refusal at 提交 of a text typed past it. */
static void append(Writer *w, const char *s)
{
    size_t n = strlen(w->text), k = strlen(s);
    size_t have = utf8_chars(w->text, n), room = w->max_chars > have ? w->max_chars - have : 0;
    if (w->max_chars > 0 && utf8_chars(s, k) > room) {
        size_t keep = 0, chars = 0;
        while (keep < k && chars < room) { /* whole characters only */
            keep++;
            while (keep < k && ((unsigned char)s[keep] & 0xC0) == 0x80)
                keep++;
            chars++;
        }
        k = keep;
        snprintf(w->full_msg, sizeof w->full_msg, "最多%zu字，已经写满了", w->max_chars);
        w->msg = w->full_msg;
    }
    if (k > 0)
        w->cleared[0] = '\0'; /* something new written: 清空 no longer brings the old back */
    if (n + k < sizeof w->text) {
        memcpy(w->text + n, s, k);
        w->text[n + k] = '\0';
    }
}

static void take_commit(Writer *w)
{
    char *c = w->ime ? ime_take_commit(w->ime) : NULL;
    if (c)
        append(w, c);
    free(c);
}

/* Removes the last character of the text (not a byte). */
static void delete_char(Writer *w)
{
    if (w->msg == w->full_msg)
        w->msg = ""; /* room again under the limit */
    size_t n = strlen(w->text);
    while (n > 0 && ((unsigned char)w->text[n - 1] & 0xC0) == 0x80)
        n--;
    if (n > 0)
        n--;
    w->text[n] = '\0';
}

/* Takes what is being composed as its first candidate before plain text goes in. */
static void settle(Writer *w)
{
    if (w->ime && w->mode == IME_PINYIN && ime_composing(w->ime))
        ime_key(w->ime, ' ');
    take_commit(w);
}

static void on_key(Writer *w, KbdKey k)
{
    Ime *ime = w->ime;
    int composing = ime && w->mode == IME_PINYIN && ime_composing(ime);
    switch (k.action) {
    case KBD_NONE:
        return;
    case KBD_CHAR:
        if (w->mode == IME_PINYIN && k.ascii >= 'a' && k.ascii <= 'z' && ime) {
            if (ime_key(ime, k.ascii) < 0)
                w->msg = ime_errmsg(ime);
        } else {
            settle(w);
            char s[2] = {k.ascii, '\0'};
            append(w, s);
        }
        break;
    case KBD_PUNCT:
        settle(w);
        append(w, k.text);
        break;
    case KBD_SPACE_KEY:
        if (composing)
            ime_key(ime, ' ');
        else
            append(w, " ");
        break;
    case KBD_DELETE_KEY:
        if (composing)
            ime_key(ime, IME_KEY_BACKSPACE);
        else
            delete_char(w);
        break;
    case KBD_CLEAR_KEY:
        if (composing) {
            ime_clear(ime);
        } else if (w->text[0]) { /* kept, and the key reads 恢复 until something is written */
            snprintf(w->cleared, sizeof w->cleared, "%s", w->text);
            w->text[0] = '\0';
        } else if (w->cleared[0]) {
            snprintf(w->text, sizeof w->text, "%s", w->cleared);
            w->cleared[0] = '\0';
        }
        break;
    }
    take_commit(w);
}

void writer_layout(App *app, SDL_Rect body, SDL_Rect *fields, SDL_Rect *keys)
{
    Ui *ui = &app->ui;
    int pad = theme_size_px(app->gfx, THEME_SIZE_GAP_M);
    int touch = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN);
    int gap = theme_size_px(app->gfx, THEME_SIZE_GAP_S);
    if (body.h >= body.w) { /* portrait: the whole width, keys of a hand's size */
        int w = body.w - 2 * ui_dp(ui, 16);
        /* large text: keys of exactly the touch size, so the fields above keep room
         * for a text box of a few large lines; but the writing pad, which takes the
         * keys' place, is never smaller than in standard text */
        const Writer *wr = top_writer(app);
        int on_pad = wr && wr->mode == IME_HANDWRITING;
        int kmax = ui->theme.large_text && !on_pad ? 1 : body.h * 30 / 100;
        int h = touch + gap + cand_height(ui, w) + gap + kbd_height(ui, KBD_LAYER_LETTERS, w, kmax);
        *keys = (SDL_Rect){body.x + (body.w - w) / 2, body.y + body.h - h - ui_dp(ui, 16), w, h};
        *fields = (SDL_Rect){body.x, body.y, body.w, keys->y - body.y - ui_dp(ui, 8)};
    } else { /* landscape: fields left, keys right and wide enough for ten keys a row */
        /* no wider than ten touch-sized keys a row need: the rest goes to the fields,
         * which hold the category chips four to a row */
        int w = body.w * 55 / 100, need = 10 * touch + 9 * ui_dp(ui, 10) + 2 * pad;
        if (w < need)
            w = need;
        /* large text's taller candidate line comes out of the margins above and below,
         * not out of the writing pad */
        const Writer *wr = top_writer(app);
        int m = ui->theme.large_text && wr && wr->mode == IME_HANDWRITING ? 0 : pad;
        *keys = (SDL_Rect){body.x + body.w - w - pad, body.y + m, w, body.h - 2 * m};
        *fields = (SDL_Rect){body.x, body.y, keys->x - body.x, body.h};
    }
}

/* The text box's measures for a column w pixels wide showing lines lines: shared by
 * the drawing and by writer_text_box_height, so a form's budget is what gets drawn. */
typedef struct {
    TextStyle ls, ts, ms;
    int pad, vpad, inner, lh, line, ch, bh, beside;
    char count[128];
    int over;
} BoxGeom;

static void box_geom(App *app, const Writer *w, const char *label, int width, int lines, BoxGeom *g)
{
    Ui *ui = &app->ui;
    g->ls = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT);
    g->ts = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_SUBTITLE, THEME_TEXT);
    g->ms = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_CAPTION, THEME_TEXT_MUTED);
    g->pad = ui_dp(ui, 24);
    g->vpad = ui_dp(ui, 16); /* above and below the lines: less than beside them */
    g->inner = width - 2 * g->pad;
    size_t chars = utf8_count(w->text);
    g->over = w->max_chars && chars > w->max_chars;
    g->lh = text_line_height(app->text, &g->ls);
    g->line = text_line_height(app->text, &g->ts);
    g->bh = (lines < 1 ? 1 : lines) * g->line + 2 * g->vpad;
    g->ch = text_line_height(app->text, &g->ms);
    /* the counter sits at the right end of the label's line when it fits there, in
     * words or else in figures (large text): a line under the box costs height a short
     * screen does not have. Measured with the widest count the limit allows, so it
     * does not jump while one writes */
    int room = width - text_measure(app->text, label, strlen(label), &g->ls) - ui_dp(ui, 32);
    char widest[128];
    snprintf(widest, sizeof widest, "已写 %d 字，超过 %zu 字的上限", WRITER_TEXT_MAX, w->max_chars);
    int words = text_measure(app->text, widest, strlen(widest), &g->ms) <= room;
    snprintf(widest, sizeof widest, "超过上限 %d/%zu 字", WRITER_TEXT_MAX, w->max_chars);
    int figures = !words && text_measure(app->text, widest, strlen(widest), &g->ms) <= room;
    g->beside = words || figures;
    if (figures)
        snprintf(g->count, sizeof g->count, g->over ? "超过上限 %zu/%zu 字" : "已写 %zu/%zu 字",
                 chars, w->max_chars);
    else if (g->over)
        snprintf(g->count, sizeof g->count, "已写 %zu 字，超过 %zu 字的上限", chars, w->max_chars);
    else
        snprintf(g->count, sizeof g->count, "已写 %zu 字，最多 %zu 字", chars, w->max_chars);
}

int writer_text_box_height(App *app, const Writer *w, const char *label, int width, int lines)
{
    BoxGeom g;
    box_geom(app, w, label, width, lines, &g);
    return g.lh + ui_dp(&app->ui, 10) + g.bh + (g.beside ? 0 : ui_dp(&app->ui, 6) + g.ch);
}

int writer_text_box(App *app, Writer *w, Column *c, const char *label, const char *placeholder,
                    int height, int focused)
{
    Ui *ui = &app->ui;
    SDL_Renderer *ren = gfx_renderer(app->gfx);
    BoxGeom g;
    box_geom(app, w, label, c->w, 1, &g);
    /* the box takes what the label and counter leave of height, one line at least */
    int rest = height - (writer_text_box_height(app, w, label, c->w, 1) - g.bh);
    if (rest > g.bh)
        g.bh = rest;
    TextStyle ls = g.ls, ts = g.ts, ms = g.ms;
    int pad = g.pad, vpad = g.vpad, inner = g.inner, lh = g.lh, line = g.line, ch = g.ch, bh = g.bh;
    int beside = g.beside, over = g.over;
    const char *count = g.count;
    int th = w->text[0] ? ui_text_height(ui, w->text, &ts, inner) : line;
    /* the box keeps its height while one writes (nothing below it jumps); a longer
     * text shows its end, where one writes */
    int shown = bh - 2 * vpad;
    int hidden = th - shown > 0 ? th - shown : 0;
    SDL_Rect r = column_take(c, lh + ui_dp(ui, 10) + bh + (beside ? 0 : ui_dp(ui, 6) + ch));
    ui_text_style(ui, label, &ls, r.x, r.y, r.w);
    SDL_Rect box = {r.x, r.y + lh + ui_dp(ui, 10), r.w, bh};
    int held = 0;
    int tapped = ui_pressable(ui, ui_id_n("writer.box", (int64_t)(uintptr_t)w), box, &held);
    int radius = theme_size_px(app->gfx, THEME_SIZE_RADIUS);
    int border = theme_size_px(app->gfx, THEME_SIZE_BORDER);
    draw_round_rect(ren, box, radius, theme_color(THEME_SURFACE));
    draw_round_rect_outline(ren, box, radius, focused ? 2 * border : border,
                            theme_color(focused ? THEME_PRIMARY : THEME_DIVIDER));
    if (held)
        draw_round_rect(ren, box, radius, theme_color(THEME_PRESSED));
    int cx = box.x + pad, cy = box.y + vpad - hidden;
    if (w->text[0]) {
        SDL_Rect clip = {box.x, box.y + vpad / 2, box.w, box.h - vpad};
        SDL_Rect old_clip = ui->clip;
        int was_clipped = ui->clipped;
        SDL_Rect view = clip;
        if (was_clipped)
            SDL_IntersectRect(&old_clip, &clip, &view);
        ui_clip(ui, &view);
        ui_text_style(ui, w->text, &ts, box.x + pad, box.y + vpad - hidden, inner);
        ui_clip(ui, was_clipped ? &old_clip : NULL);
        TextLayout tl;
        if (text_layout(app->text, w->text, &ts, inner, &tl) == 0) {
            if (tl.count > 0) {
                cx += tl.lines[tl.count - 1].width + ui_dp(ui, 4);
                cy += (tl.count - 1) * line;
            }
            text_layout_free(&tl);
        }
    } else if (placeholder) {
        TextStyle ps = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT_MUTED);
        ui_text_style(ui, placeholder, &ps, box.x + pad + ui_dp(ui, 16), box.y + vpad,
                      inner - ui_dp(ui, 16));
    }
    if (focused) /* where the next character goes */
        draw_rect(ren, (SDL_Rect){cx, cy + line / 8, ui_dp(ui, 5), line * 3 / 4},
                  theme_color(THEME_PRIMARY));
    TextStyle cs =
        over ? theme_text_style(&ui->theme, app->gfx, THEME_TEXT_CAPTION, THEME_URGENT) : ms;
    cs.align = TEXT_ALIGN_RIGHT;
    if (beside) /* on the label's baseline, roughly: the two share a line */
        ui_text_style(ui, count, &cs, r.x, r.y + lh - ch - (lh - ch) / 4, r.w);
    else
        ui_text_style(ui, count, &cs, r.x, box.y + bh + ui_dp(ui, 6), r.w);
    return tapped;
}

/* The quick phrases as chips flowing through area, as many rows as fit (the first
 * phrases are the commonest); a tap appends the phrase to the text. */
/* Lays the chips of phrases first.. out in area's rows from (x0, y0): how many fit, and
 * with more_w > 0 the room for a 更多 chip of that width kept after them. Fills rects. */
static size_t lay_phrases(App *app, const Writer *w, size_t first, int x0, int y0, int right,
                          int bottom, int more_w, SDL_Rect *rects, SDL_Rect *more)
{
    Ui *ui = &app->ui;
    TextStyle st = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT);
    int touch = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN);
    int gap = ui_dp(ui, 10), px = ui_dp(ui, 24);
    int cx = x0, cy = y0;
    size_t n = 0;
    for (size_t i = first; i < w->phrases.count; i++) {
        const char *t = w->phrases.items[i].text;
        int tw = text_measure(app->text, t, strlen(t), &st) + 2 * px;
        tw = tw > right - x0 ? right - x0 : tw;
        int nx = cx, ny = cy;
        if (nx > x0 && nx + tw > right) {
            nx = x0;
            ny += touch + gap;
        }
        if (ny + touch > bottom)
            break;
        /* the 更多 chip must still fit after this one, on its row or the next */
        if (more_w > 0) {
            int mx = nx + tw + gap, my = ny;
            if (mx + more_w > right) {
                mx = x0;
                my += touch + gap;
            }
            if (my + touch > bottom)
                break;
        }
        rects[n++] = (SDL_Rect){nx, ny, tw, touch};
        cx = nx + tw + gap;
        cy = ny;
    }
    if (more && more_w > 0) {
        if (cx > x0 && cx + more_w > right) {
            cx = x0;
            cy += touch + gap;
        }
        *more = (SDL_Rect){cx, cy, more_w, touch};
    }
    return n;
}

/* The quick phrases as chips; where they do not all fit, a 更多 chip pages through them
 * (one phrase used to drop off the end without a word). */
static void draw_phrases(App *app, Writer *w, SDL_Rect area)
{
    Ui *ui = &app->ui;
    SDL_Renderer *ren = gfx_renderer(app->gfx);
    TextStyle cap = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_CAPTION, THEME_TEXT_MUTED);
    TextStyle st = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT);
    st.max_lines = 1;
    int pad = ui_dp(ui, 12);
    draw_round_rect(ren, area, theme_size_px(app->gfx, THEME_SIZE_RADIUS) * 3 / 4,
                    theme_color(THEME_SURFACE_ALT));
    int caph = text_line_height(app->text, &cap);
    ui_text_style(ui, "常用语，点一下就写进去：", &cap, area.x + pad, area.y + ui_dp(ui, 4),
                  area.w - 2 * pad);
    int touch = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN);
    int px = ui_dp(ui, 24);
    int x0 = area.x + pad, right = area.x + area.w - pad, bottom = area.y + area.h - pad / 2;
    int y0 = area.y + caph + ui_dp(ui, 8);
    if (w->phrase_first >= w->phrases.count)
        w->phrase_first = 0;
    SDL_Rect rects[64], more = {0, 0, 0, 0};
    size_t first = w->phrase_first, left = w->phrases.count - first;
    size_t n = lay_phrases(app, w, first, x0, y0, right, bottom, 0, rects, NULL);
    const char *more_label = "更多 ›";
    if (n < left || first > 0) { /* not all on one page: keep room for 更多 */
        int mw = text_measure(app->text, more_label, strlen(more_label), &st) + 2 * px;
        n = lay_phrases(app, w, first, x0, y0, right, bottom, mw, rects, &more);
    }
    for (size_t k = 0; k < n && k < 64; k++) {
        size_t i = first + k;
        const char *t = w->phrases.items[i].text;
        SDL_Rect r = rects[k];
        int held = 0;
        if (ui_pressable(ui, ui_id_n("writer.phrase", (int64_t)i), r, &held)) {
            settle(w);
            append(w, t);
        }
        draw_round_rect(ren, r, touch / 2, theme_color(THEME_SURFACE));
        draw_round_rect_outline(ren, r, touch / 2, theme_size_px(app->gfx, THEME_SIZE_BORDER),
                                theme_color(THEME_ACCENT));
        if (held)
            draw_round_rect(ren, r, touch / 2, theme_color(THEME_PRESSED));
        int th = text_line_height(app->text, &st);
        ui_text_style(ui, t, &st, r.x + px, r.y + (touch - th) / 2, r.w - 2 * px);
    }
    if (more.w > 0 &&
        ui_button(ui, ui_id("writer.phrase.more"), more, more_label, UI_BUTTON_SECONDARY))
        w->phrase_first = first + n < w->phrases.count && n > 0 ? first + n : 0;
}

/* 手写 | 拼音 | 数字: one tap switches, the current one filled. */
static void draw_modes(App *app, Writer *w, SDL_Rect r)
{
    Ui *ui = &app->ui;
    int gap = ui_dp(ui, 10);
    int n = (int)(sizeof MODES / sizeof MODES[0]);
    int bw = (r.w - (n - 1) * gap) / n;
    for (int i = 0; i < n; i++) {
        SDL_Rect b = {r.x + i * (bw + gap), r.y, bw, r.h};
        int on = MODES[i].mode == w->mode;
        if (ui_button(ui, ui_id_n("writer.mode", i), b, MODES[i].label,
                      on ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY) &&
            !on && w->ime) {
            settle(w);
            if (ime_set_mode(w->ime, MODES[i].mode) == 0) {
                w->mode = MODES[i].mode;
                w->layer = KBD_LAYER_LETTERS;
                w->msg = "";
                ink_clear(&w->ink);
            } else {
                w->msg = ime_errmsg(w->ime);
            }
        }
    }
}

/* The candidate bar over the current page of the input method. */
static void draw_candidates(App *app, Writer *w, SDL_Rect r)
{
    Ime *ime = w->ime;
    ImeCandidates c;
    memset(&c, 0, sizeof c);
    if (ime)
        ime_candidates(ime, &c);
    /* a candidate with a character no font can draw (Rime knows rare ones beyond the
     * fonts' coverage) would show as boxes: it is left off the bar */
    TextStyle cs = theme_text_style(&app->ui.theme, app->gfx, THEME_TEXT_TITLE, THEME_TEXT);
    w->cand_n = 0;
    for (int i = 0; i < c.count && w->cand_n < CAND_MAX; i++) {
        if (text_missing_glyphs(app->text, c.text[i], cs.face, NULL) > 0)
            continue;
        w->cand_ix[w->cand_n] = i;
        snprintf(w->cand[w->cand_n], sizeof w->cand[0], "%s", c.text[i]);
        w->cand_n++;
    }
    const char *pre = ime && w->mode == IME_PINYIN ? ime_preedit(ime) : "";
    const char *hint = w->msg && *w->msg ? w->msg
                       : w->mode == IME_HANDWRITING ? "在下面的方框里写一个字，候选字会出现在这里"
                                                    : "按字母拼写，候选词会出现在这里";
    if (w->mode == IME_PINYIN && ime && !ime_ready(ime) && !*w->msg)
        hint = "拼音输入法正在准备，请稍等几秒";
    /* nothing composed: the bar offers the form's quick phrases instead */
    if (w->cand_n == 0 && !*pre && !(w->msg && *w->msg) && w->phrases.count > 0 &&
        (!ime || ime_hw_stroke_count(ime) == 0)) {
        draw_phrases(app, w, r);
        return;
    }
    int t = cand_draw(&app->ui, ui_id("writer.cand"), r, pre, (const char(*)[64])w->cand, w->cand_n,
                      c.has_prev, c.has_next, hint, w->cand_rect);
    if (!ime)
        return;
    if (t == CAND_PREV || t == CAND_NEXT) {
        ime_page(ime, t == CAND_NEXT ? 1 : -1);
    } else if (t >= 0) {
        if (ime_pick(ime, w->cand_ix[t]) == 0 && w->mode == IME_HANDWRITING)
            ink_clear(&w->ink);
        take_commit(w);
        w->msg = "";
    }
}

/* The pad with 退一笔, 重写 and 删除 beside it (below it when narrow). */
static void draw_pad(App *app, Writer *w, SDL_Rect r)
{
    Ui *ui = &app->ui;
    int touch = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN);
    int gap = theme_size_px(app->gfx, THEME_SIZE_GAP_S);
    int bw = ui_dp(ui, 240);
    int side = r.h < r.w - bw - gap ? r.h : r.w - bw - gap;
    SDL_Rect pad = {r.x + (r.w - side - gap - bw) / 2, r.y, side, side};
    w->pad = pad;
    if (hwpad_draw(ui, ui_id("writer.pad"), pad, &w->ink, "用手指写，一次写一个字") && w->ime) {
        const InkStroke *s = &w->ink.strokes[w->ink.n - 1];
        ime_hw_set_pad(w->ime, pad.w, pad.h);
        int rc = ime_stroke_begin(w->ime, s->pts[0].x, s->pts[0].y);
        for (int i = 1; rc == 0 && i < s->n; i++)
            rc = ime_stroke_point(w->ime, s->pts[i].x, s->pts[i].y);
        if (rc == 0)
            rc = ime_stroke_end(w->ime);
        w->msg = rc == 0 ? "" : ime_errmsg(w->ime);
        if (rc != 0)
            ink_undo(&w->ink);
    }
    static const char *const BUTTONS[] = {"退一笔", "重写", KBD_DELETE};
    int bx = pad.x + pad.w + gap;
    int bh = (side - 2 * gap) / 3;
    if (bh < touch)
        bh = touch;
    for (int i = 0; i < 3; i++) {
        SDL_Rect b = {bx, r.y + i * (bh + gap), bw, bh};
        if (!ui_button(ui, ui_id_n("writer.padbtn", i), b, BUTTONS[i],
                       i == 2 ? UI_BUTTON_TILE : UI_BUTTON_SECONDARY))
            continue;
        if (i == 0) {
            ink_undo(&w->ink);
            if (w->ime)
                ime_hw_undo(w->ime);
        } else if (i == 1) {
            ink_clear(&w->ink);
            if (w->ime)
                ime_hw_clear(w->ime);
        } else {
            delete_char(w);
        }
    }
}

void writer_keys(App *app, Writer *w, SDL_Rect keys)
{
    Ui *ui = &app->ui;
    int touch = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN);
    int gap = theme_size_px(app->gfx, THEME_SIZE_GAP_S);
    w->pad = (SDL_Rect){0, 0, 0, 0};
    w->cand_n = 0;
    /* after 清空 the same key brings the text back, until something new is written */
    const char *clear_label = !w->text[0] && w->cleared[0] ? "恢复" : NULL;
    draw_modes(app, w, (SDL_Rect){keys.x, keys.y, keys.w, touch});
    int y = keys.y + touch + gap;
    if (w->mode == IME_DIGITS) {
        int dw = keys.w > ui_dp(ui, 720) ? ui_dp(ui, 720) : keys.w;
        int h = kbd_height(ui, KBD_LAYER_DIGITS, dw, keys.y + keys.h - y);
        KbdLayer l = KBD_LAYER_DIGITS;
        on_key(w, kbd_draw_ex(ui, ui_id("writer.digits"),
                              (SDL_Rect){keys.x + (keys.w - dw) / 2, y, dw, h}, &l, clear_label));
        return;
    }
    int ch = cand_height(ui, keys.w);
    draw_candidates(app, w, (SDL_Rect){keys.x, y, keys.w, ch});
    y += ch + gap;
    SDL_Rect rest = {keys.x, y, keys.w, keys.y + keys.h - y};
    if (w->mode == IME_HANDWRITING) {
        draw_pad(app, w, rest);
        return;
    }
    int kh = kbd_height(ui, w->layer, rest.w, rest.h);
    if (kh > rest.h)
        kh = rest.h;
    on_key(w, kbd_draw_ex(ui, ui_id("writer.kbd"), (SDL_Rect){rest.x, rest.y, rest.w, kh},
                          &w->layer, clear_label));
}
