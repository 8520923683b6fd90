/* The on-screen keyboard, the candidate bar and the handwriting pad. Layouts are data
 * (rows of keys with relative widths); keys are never narrower than the touch minimum
 * allows on a 1080-pixel side, and editing keys are tinted apart from letters. */
#include "ui/kbd.h"

#include "ui/draw.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *label; /* NULL: a spacer */
    float width;       /* in key units */
    KbdAction action;
    char ascii;
} KeyDef;

#define ROW_KEYS 12
typedef struct {
    KeyDef keys[ROW_KEYS];
} RowDef;

#define L(c)                                                                                       \
    {                                                                                              \
#c, 1, KBD_CHAR, (#c)[0]                                                                   \
    }
#define P(s)                                                                                       \
    {                                                                                              \
        s, 1, KBD_PUNCT, 0                                                                         \
    }

static const RowDef LETTERS[4] = {
    {{L(q), L(w), L(e), L(r), L(t), L(y), L(u), L(i), L(o), L(p)}},
    {{{NULL, 0.5f, KBD_NONE, 0}, L(a), L(s), L(d), L(f), L(g), L(h), L(j), L(k), L(l)}},
    {{L(z), L(x), L(c), L(v), L(b), L(n), L(m), P("，"), {KBD_DELETE, 2, KBD_DELETE_KEY, 0}}},
    /* 清空 at the far left, away from the punctuation a finger goes for ("？" beside it
     * wiped many a text) */
    {{{KBD_CLEAR, 2, KBD_CLEAR_KEY, 0},
      {KBD_SYMBOLS, 2, KBD_NONE, 0},
      P("。"),
      {KBD_SPACE, 3, KBD_SPACE_KEY, ' '},
      P("？"),
      P("！")}},
};

static const RowDef SYMBOLS[4] = {
    {{L(1), L(2), L(3), L(4), L(5), L(6), L(7), L(8), L(9), L(0)}},
    {{P("，"), P("。"), P("？"), P("！"), P("、"), P("："), P("；"), P("（"), P("）"), P("…")}},
    {{P("“"),
      P("”"),
      P("《"),
      P("》"),
      P("—"),
      P("·"),
      P("%"),
      P("+"),
      {KBD_DELETE, 2, KBD_DELETE_KEY, 0}}},
    {{{KBD_CLEAR, 2, KBD_CLEAR_KEY, 0},
      {KBD_LETTERS, 2, KBD_NONE, 0},
      {KBD_SPACE, 6, KBD_SPACE_KEY, ' '}}},
};

static const RowDef DIGITS[4] = {
    {{L(1), L(2), L(3)}},
    {{L(4), L(5), L(6)}},
    {{L(7), L(8), L(9)}},
    {{{KBD_CLEAR, 1, KBD_CLEAR_KEY, 0}, L(0), {KBD_DELETE, 1, KBD_DELETE_KEY, 0}}},
};

static const RowDef *layer_rows(KbdLayer layer)
{
    return layer == KBD_LAYER_SYMBOLS ? SYMBOLS : layer == KBD_LAYER_DIGITS ? DIGITS : LETTERS;
}

static int key_gap(Ui *ui)
{
    return theme_size_px(ui->gfx, THEME_SIZE_GAP_XS) + ui_dp(ui, 2);
}

int kbd_height(Ui *ui, KbdLayer layer, int w, int max_h)
{
    int touch = theme_size_px(ui->gfx, THEME_SIZE_TOUCH_MIN);
    int gap = key_gap(ui);
    /* letter keys a little taller than wide read as keys; digits get more room */
    int kh = layer == KBD_LAYER_DIGITS ? touch * 5 / 4 : touch + ui_dp(ui, 4);
    (void)w;
    if (max_h > 0 && 4 * kh + 3 * gap > max_h)
        kh = (max_h - 3 * gap) / 4;
    if (kh < touch)
        kh = touch;
    return 4 * kh + 3 * gap;
}

/* One key: a raised surface, the label centred. */
static int key_draw(Ui *ui, uint64_t id, SDL_Rect r, const char *label, int quiet)
{
    SDL_Renderer *ren = gfx_renderer(ui->gfx);
    int radius = theme_size_px(ui->gfx, THEME_SIZE_RADIUS) * 3 / 4;
    int held = 0;
    int tapped = ui_pressable(ui, id, r, &held);
    draw_round_rect(ren, (SDL_Rect){r.x, r.y + ui_dp(ui, 4), r.w, r.h}, radius,
                    theme_color(THEME_DIVIDER));
    draw_round_rect(ren, r, radius, theme_color(quiet ? THEME_SURFACE_ALT : THEME_SURFACE));
    if (held)
        draw_round_rect(ren, r, radius, theme_color(THEME_PRESSED));
    TextStyle st =
        theme_text_style(&ui->theme, ui->gfx, quiet ? THEME_TEXT_BUTTON : THEME_TEXT_TITLE,
                         quiet ? THEME_PRIMARY : THEME_TEXT);
    st.align = TEXT_ALIGN_CENTER;
    st.max_lines = 1;
    st.whole = 1;
    /* short keys (large text in landscape): smaller letters rather than spilling out */
    int room = r.h - ui_dp(ui, 8), lh = text_line_height(ui->text, &st);
    if (lh > room && lh > 0)
        st.px = st.px * room / lh;
    int h = text_line_height(ui->text, &st);
    ui_text_style(ui, label, &st, r.x, r.y + (r.h - h) / 2, r.w);
    return tapped;
}

KbdKey kbd_draw(Ui *ui, uint64_t id, SDL_Rect area, KbdLayer *layer)
{
    return kbd_draw_ex(ui, id, area, layer, NULL);
}

KbdKey kbd_draw_ex(Ui *ui, uint64_t id, SDL_Rect area, KbdLayer *layer, const char *clear_label)
{
    KbdKey out = {KBD_NONE, 0, NULL};
    const RowDef *rows = layer_rows(*layer);
    int gap = key_gap(ui);
    int kh = (area.h - 3 * gap) / 4;
    float units = 0;
    for (int i = 0; i < ROW_KEYS && (rows[0].keys[i].label || rows[0].keys[i].width > 0); i++)
        units += rows[0].keys[i].width;
    int row_keys = (int)(units + 0.5f);
    float unit = ((float)area.w - (float)(row_keys - 1) * (float)gap) / units;
    KbdLayer next = *layer;
    for (int row = 0; row < 4; row++) {
        float x = (float)area.x;
        int y = area.y + row * (kh + gap);
        for (int i = 0; i < ROW_KEYS; i++) {
            const KeyDef *k = &rows[row].keys[i];
            if (!k->label && k->width <= 0)
                break;
            float kw = k->width * unit + (k->width - 1) * (float)gap;
            if (!k->label) { /* a spacer: half a key, no gap of its own */
                x += k->width * (unit + (float)gap);
                continue;
            }
            SDL_Rect r = {(int)x, y, (int)(kw + 0.5f), kh};
            int quiet = strlen(k->label) > 1 && k->action != KBD_PUNCT;
            const char *label = k->action == KBD_CLEAR_KEY && clear_label ? clear_label : k->label;
            if (key_draw(ui, id ^ ui_id_n("kbd.key", row * 100 + i + *layer * 1000), r, label,
                         quiet)) {
                if (strcmp(k->label, KBD_SYMBOLS) == 0)
                    next = KBD_LAYER_SYMBOLS;
                else if (strcmp(k->label, KBD_LETTERS) == 0)
                    next = KBD_LAYER_LETTERS;
                else
                    out = (KbdKey){k->action, k->ascii, label};
            }
            x += kw + (float)gap;
        }
    }
    *layer = next;
    return out;
}

int cand_height(Ui *ui, int w)
{
    (void)w;
    int touch = theme_size_px(ui->gfx, THEME_SIZE_TOUCH_MIN);
    TextStyle ps = theme_text_style(&ui->theme, ui->gfx, THEME_TEXT_BODY, THEME_PRIMARY);
    return text_line_height(ui->text, &ps) + ui_dp(ui, 8) + 2 * touch + ui_dp(ui, 10);
}

int cand_draw(Ui *ui, uint64_t id, SDL_Rect area, const char *preedit, const char texts[][64],
              int n, int has_prev, int has_next, const char *hint, SDL_Rect *rects)
{
    SDL_Renderer *ren = gfx_renderer(ui->gfx);
    int touch = theme_size_px(ui->gfx, THEME_SIZE_TOUCH_MIN);
    int gap = ui_dp(ui, 10);
    int radius = theme_size_px(ui->gfx, THEME_SIZE_RADIUS) * 3 / 4;
    TextStyle ps = theme_text_style(&ui->theme, ui->gfx, THEME_TEXT_BODY, THEME_PRIMARY);
    ps.max_lines = 1;
    int ph = text_line_height(ui->text, &ps);
    draw_round_rect(ren, area, radius, theme_color(THEME_SURFACE_ALT));
    int pad = ui_dp(ui, 16);
    if (preedit && *preedit)
        ui_text_style(ui, preedit, &ps, area.x + pad, area.y + ui_dp(ui, 4), area.w - 2 * pad);
    int top = area.y + ph + ui_dp(ui, 8);
    int grid_h = area.y + area.h - top;
    int rh = (grid_h - gap) / 2;
    int arrow_w = touch;
    SDL_Rect prev = {area.x + ui_dp(ui, 4), top, arrow_w, grid_h};
    SDL_Rect next = {area.x + area.w - arrow_w - ui_dp(ui, 4), top, arrow_w, grid_h};
    int tapped = -1;
    if (n == 0) {
        TextStyle hs = theme_text_style(&ui->theme, ui->gfx, THEME_TEXT_BODY, THEME_TEXT_MUTED);
        hs.align = TEXT_ALIGN_CENTER;
        int w = area.w - 2 * pad;
        int h = ui_text_height(ui, hint ? hint : "", &hs, w);
        ui_text_style(ui, hint ? hint : "", &hs, area.x + pad, top + (grid_h - h) / 2, w);
        return -1;
    }
    int gx = prev.x + prev.w + gap, gw = next.x - gap - gx;
    int cw = (gw - 3 * gap) / 4;
    for (int i = 0; i < n && i < CAND_MAX; i++) {
        SDL_Rect r = {gx + (i % 4) * (cw + gap), top + (i / 4) * (rh + gap), cw, rh};
        if (rects)
            rects[i] = r;
        int held = 0;
        if (ui_pressable(ui, id ^ ui_id_n("cand", i), r, &held))
            tapped = i;
        draw_round_rect(ren, r, radius, theme_color(i == 0 ? THEME_PRIMARY : THEME_SURFACE));
        if (held)
            draw_round_rect(ren, r, radius, theme_color(THEME_PRESSED));
        TextStyle cs = theme_text_style(&ui->theme, ui->gfx, THEME_TEXT_TITLE,
                                        i == 0 ? THEME_ON_PRIMARY : THEME_TEXT);
        cs.align = TEXT_ALIGN_CENTER;
        cs.max_lines = 1;
        cs.whole = 1; /* a resident must see what they pick: a long word in smaller type */
        int avail = r.w - ui_dp(ui, 12),
            tw = text_measure(ui->text, texts[i], strlen(texts[i]), &cs);
        if (tw > avail && tw > 0)
            cs.px = cs.px * avail / tw;
        int h = text_line_height(ui->text, &cs);
        ui_text_style(ui, texts[i], &cs, r.x + ui_dp(ui, 6), r.y + (r.h - h) / 2,
                      r.w - ui_dp(ui, 12));
    }
    if (ui_button(ui, id ^ ui_id("cand.prev"), prev, "‹",
                  has_prev ? UI_BUTTON_SECONDARY : UI_BUTTON_TILE) &&
        has_prev)
        tapped = CAND_PREV;
    if (ui_button(ui, id ^ ui_id("cand.next"), next, "›",
                  has_next ? UI_BUTTON_SECONDARY : UI_BUTTON_TILE) &&
        has_next)
        tapped = CAND_NEXT;
    return tapped;
}

void ink_undo(Ink *ink)
{
    if (ink->n > 0)
        ink->n--;
    ink->drawing = 0;
}

void ink_clear(Ink *ink)
{
    ink->n = 0;
    ink->drawing = 0;
}

void ink_free(Ink *ink)
{
    for (int i = 0; i < ink->cap; i++)
        free(ink->strokes[i].pts);
    free(ink->strokes);
    memset(ink, 0, sizeof *ink);
}

static void ink_add_point(Ink *ink, int x, int y)
{
    InkStroke *s = &ink->strokes[ink->n - 1];
    if (s->n > 0 && abs(s->pts[s->n - 1].x - x) + abs(s->pts[s->n - 1].y - y) < 3)
        return; /* a resting finger adds nothing */
    if (s->n == s->cap) {
        int cap = s->cap ? s->cap * 2 : 64;
        if (cap > 4096)
            return;
        SDL_Point *p = realloc(s->pts, (size_t)cap * sizeof *p);
        if (!p)
            return;
        s->pts = p;
        s->cap = cap;
    }
    s->pts[s->n++] = (SDL_Point){x, y};
}

static int ink_begin(Ink *ink)
{
    if (ink->n == ink->cap) {
        int cap = ink->cap ? ink->cap * 2 : 16;
        if (cap > 64)
            return -1;
        InkStroke *s = realloc(ink->strokes, (size_t)cap * sizeof *s);
        if (!s)
            return -1;
        memset(s + ink->cap, 0, (size_t)(cap - ink->cap) * sizeof *s);
        ink->strokes = s;
        ink->cap = cap;
    }
    ink->strokes[ink->n++].n = 0;
    ink->drawing = 1;
    return 0;
}

int hwpad_draw(Ui *ui, uint64_t id, SDL_Rect r, Ink *ink, const char *hint)
{
    SDL_Renderer *ren = gfx_renderer(ui->gfx);
    Pointer *p = &ui->ptr;
    int ended = 0;
    if (p->pressed && ui->active == 0 && ui_hit(ui, r, p->press_x, p->press_y) &&
        ink_begin(ink) == 0) {
        ui->active = id; /* the pad owns this press: nothing else reacts to it */
        ink_add_point(ink, (int)p->press_x - r.x, (int)p->press_y - r.y);
    }
    if (ink->drawing && ui->active == id) {
        int x = (int)p->x - r.x, y = (int)p->y - r.y;
        x = x < 0 ? 0 : x >= r.w ? r.w - 1 : x;
        y = y < 0 ? 0 : y >= r.h ? r.h - 1 : y;
        ink_add_point(ink, x, y);
        if (p->released || !p->down) {
            ink->drawing = 0;
            ended = 1;
        }
        ui->animating = 1;
    }
    int radius = theme_size_px(ui->gfx, THEME_SIZE_RADIUS);
    draw_round_rect(ren, r, radius, theme_color(THEME_PAPER));
    draw_round_rect_outline(ren, r, radius, theme_size_px(ui->gfx, THEME_SIZE_BORDER),
                            theme_color(THEME_DIVIDER));
    /* a faint 米 grid, as on a calligraphy exercise sheet */
    SDL_Color grid = theme_color(THEME_DIVIDER);
    float t = (float)ui_dp(ui, 2), m = (float)ui_dp(ui, 16);
    float x0 = (float)r.x + m, y0 = (float)r.y + m, x1 = (float)(r.x + r.w) - m,
          y1 = (float)(r.y + r.h) - m, cx = (float)r.x + (float)r.w / 2,
          cy = (float)r.y + (float)r.h / 2;
    draw_line(ren, x0, cy, x1, cy, t, grid);
    draw_line(ren, cx, y0, cx, y1, t, grid);
    draw_line(ren, x0, y0, x1, y1, t * 0.6f, grid);
    draw_line(ren, x0, y1, x1, y0, t * 0.6f, grid);
    if (ink->n == 0 && hint && *hint) {
        TextStyle hs = theme_text_style(&ui->theme, ui->gfx, THEME_TEXT_BODY, THEME_TEXT_MUTED);
        hs.align = TEXT_ALIGN_CENTER;
        int hh = ui_text_height(ui, hint, &hs, r.w - 2 * (int)m);
        ui_text_style(ui, hint, &hs, r.x + (int)m, r.y + r.h - hh - 2 * (int)m, r.w - 2 * (int)m);
    }
    SDL_Color ink_c = theme_color(THEME_INK);
    float w = (float)ui_dp(ui, 12);
    for (int i = 0; i < ink->n; i++) {
        const InkStroke *s = &ink->strokes[i];
        for (int j = 0; j < s->n; j++) {
            float ax = (float)(r.x + s->pts[j].x), ay = (float)(r.y + s->pts[j].y);
            if (j > 0)
                draw_line(ren, (float)(r.x + s->pts[j - 1].x), (float)(r.y + s->pts[j - 1].y), ax,
                          ay, w, ink_c);
            /* a round join at every point (and round ends): the segments' square ends
             * left a notch at each bend, a seam at every joint */
            draw_circle(ren, ax, ay, w / 2, ink_c);
        }
    }
    return ended;
}
