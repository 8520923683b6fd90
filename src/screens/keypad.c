/* The numeric and letter keypads and the display field of the kiosk's forms. Keys are
 * generous (never below THEME_SIZE_TOUCH_MIN), digits are drawn large, and the two
 * editing keys are tinted apart so nobody deletes by accident. */
#include "screens/keypad.h"

#include "ui/draw.h"

#include <string.h>

/* The numeric pad, row by row: phone-style order, editing keys beside the 0. */
static const char *const NUM_KEYS[12] = {
    "1", "2", "3", "4", "5", "6", "7", "8", "9", KEYPAD_CLEAR, "0", KEYPAD_DELETE,
};

static int key_gap(App *app)
{
    return theme_size_px(app->gfx, THEME_SIZE_GAP_S);
}

/* Height of one key for keys kw wide: a comfortable press, never below the touch minimum. */
static int key_h(App *app, int kw)
{
    int touch = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN);
    int h = kw * 11 / 20;
    if (h > touch * 3 / 2)
        h = touch * 3 / 2;
    return h < touch ? touch : h;
}

/* Applies one key to buf. Returns 1 when buf changed. */
static int key_apply(const char *label, char *buf, size_t max_len)
{
    size_t n = strlen(buf);
    if (strcmp(label, KEYPAD_DELETE) == 0) {
        if (n == 0)
            return 0;
        buf[n - 1] = '\0';
        return 1;
    }
    if (strcmp(label, KEYPAD_CLEAR) == 0) {
        if (n == 0)
            return 0;
        buf[0] = '\0';
        return 1;
    }
    if (n >= max_len)
        return 0;
    buf[n] = label[0];
    buf[n + 1] = '\0';
    return 1;
}

/* One key: a raised surface with the label centred; editing keys are quieter. */
static int key_draw(App *app, uint64_t id, SDL_Rect r, const char *label, int enabled)
{
    Ui *ui = &app->ui;
    SDL_Renderer *ren = gfx_renderer(app->gfx);
    int radius = theme_size_px(app->gfx, THEME_SIZE_RADIUS);
    int editing = strlen(label) > 1;
    int held = 0;
    int tapped = ui_pressable(ui, id, r, &held);
    /* a soft shadow under the key gives it the look of something to press */
    SDL_Color shadow = theme_color(THEME_DIVIDER);
    draw_round_rect(ren, (SDL_Rect){r.x, r.y + ui_dp(ui, 4), r.w, r.h}, radius, shadow);
    draw_round_rect(ren, r, radius, theme_color(editing ? THEME_SURFACE_ALT : THEME_SURFACE));
    if (held)
        draw_round_rect(ren, r, radius, theme_color(THEME_PRESSED));
    TextStyle st =
        theme_text_style(&ui->theme, app->gfx, editing ? THEME_TEXT_BUTTON : THEME_TEXT_TITLE,
                         enabled ? (editing ? THEME_PRIMARY : THEME_TEXT) : THEME_TEXT_MUTED);
    st.align = TEXT_ALIGN_CENTER;
    st.max_lines = 1;
    st.whole = 1;
    /* a key at its smallest (large text, a short landscape screen): figures a little
     * smaller rather than running out of the key */
    int room = r.h - ui_dp(ui, 8), lh = text_line_height(app->text, &st);
    if (lh > room && lh > 0)
        st.px = st.px * room / lh;
    int h = ui_text_height(ui, label, &st, r.w);
    ui_text_style(ui, label, &st, r.x, r.y + (r.h - h) / 2, r.w);
    return tapped;
}

int keypad_height(App *app, int w, int max_h)
{
    int gap = key_gap(app);
    int touch = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN);
    int kh = key_h(app, (w - 2 * gap) / 3);
    if (max_h > 0 && 4 * kh + 3 * gap > max_h) {
        kh = (max_h - 3 * gap) / 4;
        if (kh < touch)
            kh = touch;
    }
    return 4 * kh + 3 * gap;
}

int keypad_draw(App *app, uint64_t id, SDL_Rect area, char *buf, size_t max_len)
{
    int gap = key_gap(app);
    int kw = (area.w - 2 * gap) / 3;
    int kh = (area.h - 3 * gap) / 4;
    int changed = 0;
    int full = strlen(buf) >= max_len;
    for (int i = 0; i < 12; i++) {
        int row = i / 3, col = i % 3;
        SDL_Rect r = {area.x + col * (kw + gap), area.y + row * (kh + gap), kw, kh};
        int digit = strlen(NUM_KEYS[i]) == 1;
        if (key_draw(app, id ^ ui_id_n("keypad.key", i), r, NUM_KEYS[i], !(digit && full)))
            changed |= key_apply(NUM_KEYS[i], buf, max_len);
    }
    return changed;
}

/* Rows of the letter pad: the letters, then one row for the editing keys. */
static int alpha_rows(const char *keys, int cols)
{
    int n = (int)strlen(keys);
    return (n + cols - 1) / cols + 1;
}

int keypad_alpha_height(App *app, const char *keys, int cols, int w)
{
    int gap = key_gap(app);
    int touch = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN);
    int kw = (w - (cols - 1) * gap) / cols;
    int kh = kw < touch ? touch : kw * 4 / 5;
    if (kh < touch)
        kh = touch;
    int rows = alpha_rows(keys, cols);
    return rows * kh + (rows - 1) * gap;
}

int keypad_draw_alpha(App *app, uint64_t id, SDL_Rect area, const char *keys, int cols, char *buf,
                      size_t max_len)
{
    int gap = key_gap(app);
    int n = (int)strlen(keys);
    int rows = alpha_rows(keys, cols);
    int kw = (area.w - (cols - 1) * gap) / cols;
    int kh = (area.h - (rows - 1) * gap) / rows;
    int full = strlen(buf) >= max_len;
    int changed = 0;
    for (int i = 0; i < n; i++) {
        char label[2] = {keys[i], '\0'};
        int row = i / cols, col = i % cols;
        SDL_Rect r = {area.x + col * (kw + gap), area.y + row * (kh + gap), kw, kh};
        if (key_draw(app, id ^ ui_id_n("keypad.alpha", i), r, label, !full) && !full) {
            size_t len = strlen(buf); /* a letter appends (no editing-key label to compare) */
            buf[len] = keys[i];
            buf[len + 1] = '\0';
            changed = 1;
        }
    }
    /* the editing keys share the last row, each half of it */
    int y = area.y + (rows - 1) * (kh + gap);
    int half = (area.w - gap) / 2;
    if (key_draw(app, id ^ ui_id("keypad.alpha.clear"), (SDL_Rect){area.x, y, half, kh},
                 KEYPAD_CLEAR, 1))
        changed |= key_apply(KEYPAD_CLEAR, buf, max_len);
    if (key_draw(app, id ^ ui_id("keypad.alpha.delete"),
                 (SDL_Rect){area.x + half + gap, y, area.w - half - gap, kh}, KEYPAD_DELETE, 1))
        changed |= key_apply(KEYPAD_DELETE, buf, max_len);
    return changed;
}

int keypad_field_height(App *app)
{
    Ui *ui = &app->ui;
    TextStyle ls = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT);
    TextStyle vs = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_TITLE, THEME_TEXT);
    int box = text_line_height(app->text, &vs) + 2 * ui_dp(ui, 20);
    int touch = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN);
    if (box < touch)
        box = touch;
    return text_line_height(app->text, &ls) + ui_dp(ui, 10) + box;
}

/* The value box of a field: what was typed (or the placeholder) centred in the part
 * of box below top pixels, the caret when focused. hit is what a finger may touch (the
 * box, or the box with its label). Returns 1 when tapped. */
static int field_box(App *app, uint64_t id, SDL_Rect hit, SDL_Rect frame, int top,
                     const char *value, const char *placeholder, int masked, int focused)
{
    Ui *ui = &app->ui;
    SDL_Renderer *ren = gfx_renderer(app->gfx);
    int held = 0;
    int tapped = ui_pressable(ui, id, hit, &held);
    int radius = theme_size_px(app->gfx, THEME_SIZE_RADIUS);
    draw_round_rect(ren, frame, radius, theme_color(THEME_SURFACE));
    int border = theme_size_px(app->gfx, THEME_SIZE_BORDER);
    draw_round_rect_outline(ren, frame, radius, focused ? border * 2 : border,
                            theme_color(focused ? THEME_PRIMARY : THEME_DIVIDER));
    if (held)
        draw_round_rect(ren, frame, radius, theme_color(THEME_PRESSED));
    SDL_Rect box = {frame.x, frame.y + top, frame.w, frame.h - top};
    int pad = ui_dp(ui, 28);
    int caret_x = box.x + pad;
    if (value && *value) {
        char shown[128];
        size_t o = 0;
        for (const char *p = value; *p && o + 4 < sizeof shown; p++) {
            if (masked) {
                memcpy(shown + o, "●", strlen("●"));
                o += strlen("●");
            } else {
                shown[o++] = *p;
            }
        }
        shown[o] = '\0';
        TextStyle vs = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_TITLE, THEME_TEXT);
        vs.max_lines = 1;
        /* a phone number in a narrow box (large text): smaller figures, never cut */
        int tw = text_measure(app->text, shown, strlen(shown), &vs);
        if (tw > box.w - 2 * pad - ui_dp(ui, 12) && tw > 0)
            vs.px = vs.px * (box.w - 2 * pad - ui_dp(ui, 12)) / tw;
        int vh = ui_text_height(ui, shown, &vs, box.w - 2 * pad);
        ui_text_style(ui, shown, &vs, box.x + pad, box.y + (box.h - vh) / 2, box.w - 2 * pad);
        caret_x += text_measure(app->text, shown, strlen(shown), &vs) + ui_dp(ui, 6);
    } else if (placeholder && *placeholder && !focused) {
        TextStyle ps = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT_MUTED);
        ps.max_lines = 1;
        int ph = ui_text_height(ui, placeholder, &ps, box.w - 2 * pad);
        ui_text_style(ui, placeholder, &ps, box.x + pad, box.y + (box.h - ph) / 2, box.w - 2 * pad);
    } else if (placeholder && *placeholder) {
        /* focused and empty: the hint moves right of the caret, quieter */
        TextStyle ps = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_CAPTION, THEME_TEXT_MUTED);
        ps.max_lines = 1;
        int ph = ui_text_height(ui, placeholder, &ps, box.w - 3 * pad);
        ui_text_style(ui, placeholder, &ps, box.x + 2 * pad, box.y + (box.h - ph) / 2,
                      box.w - 3 * pad);
    }
    if (focused && caret_x < box.x + box.w - pad) /* where the next figure goes */
        draw_rect(ren, (SDL_Rect){caret_x, box.y + box.h / 4, ui_dp(ui, 5), box.h / 2},
                  theme_color(THEME_PRIMARY));
    return tapped;
}

int keypad_field(App *app, uint64_t id, SDL_Rect r, const char *label, const char *value,
                 const char *placeholder, int masked, int focused)
{
    Ui *ui = &app->ui;
    TextStyle ls = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT);
    ls.max_lines = 1;
    int lh = text_line_height(app->text, &ls);
    SDL_Rect box = {r.x, r.y + lh + ui_dp(ui, 10), r.w, r.h - lh - ui_dp(ui, 10)};
    /* the whole field, label included, takes the focus: a bigger target. The label is
     * drawn after the target, as on any button: it lies on it, not under it */
    int tapped = field_box(app, id, r, box, 0, value, placeholder, masked, focused);
    ui_text_style(ui, label, &ls, r.x, r.y, r.w);
    return tapped;
}

/* The compact field's label: a caption, inside the box's top edge. */
static TextStyle compact_label_style(App *app)
{
    TextStyle ls = theme_text_style(&app->ui.theme, app->gfx, THEME_TEXT_CAPTION, THEME_TEXT_MUTED);
    ls.max_lines = 1;
    return ls;
}

int keypad_field_compact_height(App *app)
{
    Ui *ui = &app->ui;
    TextStyle ls = compact_label_style(app);
    TextStyle vs = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_TITLE, THEME_TEXT);
    int h = ui_dp(ui, 10) + text_line_height(app->text, &ls) + text_line_height(app->text, &vs) +
            ui_dp(ui, 6);
    int touch = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN);
    return h < touch ? touch : h;
}

int keypad_field_compact_label_width(App *app, const char *label)
{
    TextStyle ls = compact_label_style(app);
    return text_measure(app->text, label, strlen(label), &ls) + 2 * ui_dp(&app->ui, 28);
}

int keypad_field_compact(App *app, uint64_t id, SDL_Rect r, const char *label, const char *value,
                         const char *placeholder, int masked, int focused)
{
    Ui *ui = &app->ui;
    TextStyle ls = compact_label_style(app);
    int lh = text_line_height(app->text, &ls);
    int top = ui_dp(ui, 10) + lh;
    int tapped = field_box(app, id, r, r, top, value, placeholder, masked, focused);
    /* drawn after the box, or the box's surface would cover it */
    ui_text_style(ui, label, &ls, r.x + ui_dp(ui, 28), r.y + ui_dp(ui, 10),
                  r.w - 2 * ui_dp(ui, 28));
    return tapped;
}
