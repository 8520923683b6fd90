/* Shared pieces of the kiosk's forms: keypad placement per orientation, refusal lines,
 * the party-size stepper, choice buttons and the confirmation page with its receipt
 * code. Built on ui/ and keypad; no SQL. */
#include "screens/form.h"

#include "screens/keypad.h"

#include "core/reason.h"
#include "ui/draw.h"

#include <stdio.h>
#include <string.h>

void form_layout(App *app, SDL_Rect body, FormKeysHeight keys_h, const void *ctx, SDL_Rect *fields,
                 SDL_Rect *keys)
{
    int pad = theme_size_px(app->gfx, THEME_SIZE_GAP_L);
    if (body.h >= body.w) { /* portrait: the keypad along the bottom, within thumb reach */
        int w = body.w - 2 * pad;
        if (w > ui_dp(&app->ui, 860)) /* keys wider than a hand spans are slower, not easier */
            w = ui_dp(&app->ui, 860);
        /* the fields come first: large text needs their room more than big keys */
        int max_h = body.h * (app->ui.theme.large_text ? 30 : 38) / 100;
        int h = keys_h ? keys_h(app, w, max_h, ctx) : keypad_height(app, w, max_h);
        *keys = (SDL_Rect){body.x + (body.w - w) / 2, body.y + body.h - pad - h, w, h};
        *fields = (SDL_Rect){body.x, body.y, body.w, body.h - h - pad};
    } else { /* landscape: fields on the left, keypad on the right */
        int w = body.w * 42 / 100;
        int max_h = body.h - 2 * pad;
        int h = keys_h ? keys_h(app, w, max_h, ctx) : keypad_height(app, w, max_h);
        if (h > max_h)
            h = max_h;
        *keys = (SDL_Rect){body.x + body.w - pad - w, body.y + (body.h - h) / 2, w, h};
        *fields = (SDL_Rect){body.x, body.y, body.w - w - pad, body.h};
    }
}

void form_split_submit(App *app, SDL_Rect body, SDL_Rect fields, SDL_Rect *keys, SDL_Rect *scroll,
                       SDL_Rect *submit)
{
    int pad = theme_size_px(app->gfx, THEME_SIZE_GAP_L);
    int gap = theme_size_px(app->gfx, THEME_SIZE_GAP_M);
    int h = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN) + ui_dp(&app->ui, 16);
    if (keys && body.w > body.h) {
        *scroll = fields;
        *submit = (SDL_Rect){keys->x, body.y + body.h - pad - h, keys->w, h};
        int bottom = submit->y - gap;
        if (keys->y + keys->h > bottom) {
            keys->y = bottom - keys->h < body.y + pad ? body.y + pad : bottom - keys->h;
            if (keys->y + keys->h > bottom)
                keys->h = bottom - keys->y;
        }
        return;
    }
    *submit = (SDL_Rect){fields.x + pad, fields.y + fields.h - h - pad / 2, fields.w - 2 * pad, h};
    *scroll = (SDL_Rect){fields.x, fields.y, fields.w, fields.h - h - pad / 2};
}

int form_field_height(App *app)
{
    return app->ui.theme.large_text ? keypad_field_compact_height(app) : keypad_field_height(app);
}

int form_field(App *app, Column *c, uint64_t id, const char *label, const char *value,
               const char *placeholder, int masked, int focused)
{
    SDL_Rect r = column_take(c, form_field_height(app));
    if (app->ui.theme.large_text)
        return keypad_field_compact(app, id, r, label, value, placeholder, masked, focused);
    return keypad_field(app, id, r, label, value, placeholder, masked, focused);
}

int form_submit_button(App *app, uint64_t id, SDL_Rect r)
{
    ui_require(&app->ui, "提交");
    return ui_button(&app->ui, id, r, "提交", UI_BUTTON_PRIMARY);
}

Column form_fields_begin(App *app, uint64_t id, SDL_Rect area)
{
    Ui *ui = &app->ui;
    UiScroll *prev = ui_scroll_state(ui, id);
    int off = ui_scroll_begin(ui, id, area, prev ? prev->content : area.h);
    int pad = theme_size_px(app->gfx, THEME_SIZE_GAP_L);
    Column c = column_make(app, (SDL_Rect){area.x, area.y - off, area.w, area.h}, pad);
    return c;
}

void form_fields_end(App *app, uint64_t id, SDL_Rect area, const Column *c)
{
    Ui *ui = &app->ui;
    UiScroll *s = ui_scroll_state(ui, id);
    int pad = theme_size_px(app->gfx, THEME_SIZE_GAP_L);
    /* content height: from the view's top (the column started at top - offset) */
    if (s)
        s->content = c->y + (int)s->offset - area.y + pad;
    ui_scroll_end(ui);
}

void form_fields_fade(App *app, uint64_t id, SDL_Rect area, SDL_Color bg)
{
    Ui *ui = &app->ui;
    UiScroll *s = ui_scroll_state(ui, id);
    int fade = ui_dp(ui, 56), step = ui_dp(ui, 4) > 0 ? ui_dp(ui, 4) : 1;
    if (!s || s->content - (int)s->offset <= area.h + 1 || area.h <= 3 * fade)
        return;
    for (int y = 0; y < fade; y += step) {
        bg.a = (Uint8)(255 * (y + step) / (fade + step));
        draw_rect(gfx_renderer(app->gfx),
                  (SDL_Rect){area.x, area.y + area.h - fade + y, area.w, step}, bg);
    }
}

void form_error(App *app, Column *c, const char *msg)
{
    if (!msg || !*msg)
        return;
    Ui *ui = &app->ui;
    TextStyle st = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_URGENT);
    st.face = FONT_SANS_BOLD;
    int h = ui_text_height(ui, msg, &st, c->w - ui_dp(ui, 40));
    SDL_Rect r = column_take(c, h);
    /* a small bar marks the line as belonging to the field above */
    draw_rect(gfx_renderer(app->gfx), (SDL_Rect){r.x, r.y, ui_dp(ui, 8), h},
              theme_color(THEME_URGENT));
    ui_text_style(ui, msg, &st, r.x + ui_dp(ui, 24), r.y, r.w - ui_dp(ui, 40));
}

int form_stepper(App *app, Column *c, const char *label, int *value, int min, int max,
                 const char *unit)
{
    Ui *ui = &app->ui;
    int touch = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN);
    TextStyle ls = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT);
    int lh = text_line_height(app->text, &ls);
    SDL_Rect lr = column_take(c, lh);
    ui_text_style(ui, label, &ls, lr.x, lr.y, lr.w);
    SDL_Rect r = column_take(c, touch);
    int changed = 0;
    ui_require(ui, "−"); /* the stepper must be reachable */
    ui_require(ui, "+");
    SDL_Rect minus = {r.x, r.y, touch * 3 / 2, touch};
    if (ui_button(ui, ui_id_n("form.minus", (int64_t)(uintptr_t)value), minus, "−",
                  *value > min ? UI_BUTTON_SECONDARY : UI_BUTTON_TILE) &&
        *value > min) {
        (*value)--;
        changed = 1;
    }
    char num[48];
    snprintf(num, sizeof num, "%d %s", *value, unit ? unit : "");
    TextStyle vs = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_TITLE, THEME_TEXT);
    vs.align = TEXT_ALIGN_CENTER;
    int vw = ui_dp(ui, 200);
    int vh = ui_text_height(ui, num, &vs, vw);
    ui_text_style(ui, num, &vs, minus.x + minus.w, r.y + (touch - vh) / 2, vw);
    SDL_Rect plus = {minus.x + minus.w + vw, r.y, touch * 3 / 2, touch};
    if (ui_button(ui, ui_id_n("form.plus", (int64_t)(uintptr_t)value), plus, "+",
                  *value < max ? UI_BUTTON_SECONDARY : UI_BUTTON_TILE) &&
        *value < max) {
        (*value)++;
        changed = 1;
    }
    if (max > min) {
        char hint[64];
        snprintf(hint, sizeof hint, "每户最多 %d 人", max);
        TextStyle hs = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_CAPTION, THEME_TEXT_MUTED);
        int hx = plus.x + plus.w + ui_dp(ui, 24);
        int hh = ui_text_height(ui, hint, &hs, r.x + r.w - hx);
        if (r.x + r.w - hx > ui_dp(ui, 120))
            ui_text_style(ui, hint, &hs, hx, r.y + (touch - hh) / 2, r.x + r.w - hx);
    }
    return changed;
}

int form_choices(App *app, Column *c, uint64_t id, const char *const *labels, size_t n, int chosen)
{
    Ui *ui = &app->ui;
    int touch = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN);
    int tapped = -1;
    SDL_Renderer *ren = gfx_renderer(app->gfx);
    int radius = theme_size_px(app->gfx, THEME_SIZE_RADIUS);
    int gap = ui_dp(ui, 12), mark_x = ui_dp(ui, 44), text_x = ui_dp(ui, 84), right = ui_dp(ui, 20);
    /* short options (同意 / 不同意 / 暂不表态) side by side when each fits whole: the
     * three stay in sight above a keypad; otherwise one under the other */
    TextStyle probe = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_SUBTITLE, THEME_TEXT);
    int widest = 0;
    for (size_t i = 0; i < n; i++) {
        int w = text_measure(app->text, labels[i], strlen(labels[i]), &probe);
        if (w > widest)
            widest = w;
    }
    int row = n > 1 && n <= 3 && (int)n * (text_x + widest + right) + ((int)n - 1) * gap <= c->w;
    SDL_Rect line = row ? column_take(c, touch + ui_dp(ui, 8)) : (SDL_Rect){0, 0, 0, 0};
    int each = row ? (line.w - ((int)n - 1) * gap) / (int)n : 0;
    for (size_t i = 0; i < n; i++) {
        SDL_Rect r = row ? (SDL_Rect){line.x + (int)i * (each + gap), line.y, each, line.h}
                         : column_take(c, touch + ui_dp(ui, 8));
        if (!row) {
            mark_x = ui_dp(ui, 56);
            text_x = ui_dp(ui, 100);
            right = ui_dp(ui, 24);
        }
        int on = (int)i == chosen;
        int held = 0;
        if (ui_pressable(ui, id ^ ui_id_n("form.choice", (int64_t)i), r, &held))
            tapped = (int)i;
        draw_round_rect(ren, r, radius, theme_color(on ? THEME_PRIMARY : THEME_SURFACE));
        if (!on)
            draw_round_rect_outline(ren, r, radius, theme_size_px(app->gfx, THEME_SIZE_BORDER),
                                    theme_color(THEME_DIVIDER));
        if (held)
            draw_round_rect(ren, r, radius, theme_color(THEME_PRESSED));
        /* a radio mark: ring, filled when chosen */
        float cy = (float)r.y + (float)r.h / 2, cx = (float)r.x + (float)mark_x;
        float rad = (float)ui_dp(ui, 22);
        draw_circle_outline(ren, cx, cy, rad, (float)ui_dp(ui, 4),
                            theme_color(on ? THEME_ON_PRIMARY : THEME_PRIMARY));
        if (on)
            draw_circle(ren, cx, cy, rad / 2, theme_color(THEME_ON_PRIMARY));
        TextStyle st = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_SUBTITLE,
                                        on ? THEME_ON_PRIMARY : THEME_TEXT);
        st.max_lines = 1;
        st.whole = 1;
        int tx = r.x + text_x;
        int th = ui_text_height(ui, labels[i], &st, r.w - (tx - r.x) - right);
        ui_text_style(ui, labels[i], &st, tx, r.y + (r.h - th) / 2, r.w - (tx - r.x) - right);
    }
    return tapped;
}

/* The mark at the top of the confirmation: a tick for done, a clock face for waiting. */
static void done_mark(App *app, SDL_Rect r, FormDoneKind kind)
{
    SDL_Renderer *ren = gfx_renderer(app->gfx);
    float cx = (float)r.x + (float)r.w / 2, cy = (float)r.y + (float)r.h / 2;
    float rad = (float)r.h / 2;
    ThemeColor col = kind == FORM_DONE_OK ? THEME_SUCCESS : THEME_WARNING;
    draw_circle(ren, cx, cy, rad, theme_color(col));
    SDL_Color white = theme_color(THEME_ON_PRIMARY);
    float t = rad / 6;
    if (kind == FORM_DONE_OK) {
        draw_line(ren, cx - rad * 0.45f, cy + rad * 0.02f, cx - rad * 0.1f, cy + rad * 0.36f, t,
                  white);
        draw_line(ren, cx - rad * 0.1f, cy + rad * 0.36f, cx + rad * 0.5f, cy - rad * 0.34f, t,
                  white);
    } else {
        draw_circle_outline(ren, cx, cy, rad * 0.62f, t * 0.7f, white);
        draw_line(ren, cx, cy, cx, cy - rad * 0.42f, t * 0.7f, white);
        draw_line(ren, cx, cy, cx + rad * 0.3f, cy, t * 0.7f, white);
    }
}

int form_done(App *app, SDL_Rect body, FormDoneKind kind, const char *headline, const char *detail,
              const char *receipt, const char *note)
{
    Ui *ui = &app->ui;
    SDL_Renderer *ren = gfx_renderer(app->gfx);
    int pad = theme_size_px(app->gfx, THEME_SIZE_GAP_L);
    int landscape = body.w > body.h;
    /* landscape: the outcome on the left, the receipt and 完成 on the right */
    int colw = landscape ? (body.w - 3 * pad) / 2 : body.w - 2 * pad;
    int w = colw > ui_dp(ui, 960) ? ui_dp(ui, 960) : colw;
    int touch = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN);
    int gap = theme_size_px(app->gfx, THEME_SIZE_GAP_M);

    TextStyle hs = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_DISPLAY,
                                    kind == FORM_DONE_OK ? THEME_SUCCESS : THEME_WARNING);
    hs.align = TEXT_ALIGN_CENTER;
    TextStyle ds = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_SUBTITLE, THEME_TEXT);
    ds.align = TEXT_ALIGN_CENTER;
    ds.face = FONT_SANS;
    TextStyle ls = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT_MUTED);
    ls.align = TEXT_ALIGN_CENTER;
    TextStyle rs = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_DISPLAY, THEME_TEXT);
    rs.px = rs.px * 3 / 2;
    rs.align = TEXT_ALIGN_CENTER;
    rs.max_lines = 1;
    TextStyle ns = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT);
    ns.align = TEXT_ALIGN_CENTER;

    /* the code spaced letter by letter, for reading it aloud or copying it by hand */
    char spaced[64] = "";
    if (receipt) {
        size_t o = 0;
        for (const char *p = receipt; *p && o + 3 < sizeof spaced; p++) {
            if (p != receipt)
                spaced[o++] = ' ';
            spaced[o++] = *p;
        }
        spaced[o] = '\0';
    }
    int mark = ui_dp(ui, 160);
    int hh = ui_text_height(ui, headline, &hs, w);
    int dh = detail && *detail ? ui_text_height(ui, detail, &ds, w) : 0;
    int lh = receipt ? ui_text_height(ui, "您的回执码", &ls, w) : 0;
    int rh = receipt ? ui_text_height(ui, spaced, &rs, w) : 0;
    int box_pad = ui_dp(ui, 32);
    int box_h = receipt ? lh + rh + 2 * box_pad + ui_dp(ui, 8) : 0;
    int nh = note && *note ? ui_text_height(ui, note, &ns, w) : 0;
    int btn_h = touch + ui_dp(ui, 16);
    int first = mark + gap + hh + gap + dh;
    int second = (receipt ? box_h : 0) + (nh ? gap + nh : 0) + gap * 2 + btn_h;
    int total = landscape ? (first > second ? first : second) : first + gap * 2 + second;

    uint64_t sid = ui_id("form.done");
    int off = ui_scroll_begin(ui, sid, body, total + 2 * pad);
    int top = body.y + pad - off;
    if (total + 2 * pad < body.h) /* centred when it fits */
        top = body.y + (body.h - total) / 2;
    int x = landscape ? body.x + pad + (colw - w) / 2 : body.x + (body.w - w) / 2;
    int y = landscape ? top + (total - first) / 2 : top;

    done_mark(app, (SDL_Rect){x + (w - mark) / 2, y, mark, mark}, kind);
    y += mark + gap;
    ui_text_style(ui, headline, &hs, x, y, w);
    y += hh + gap;
    if (dh) {
        ui_text_style(ui, detail, &ds, x, y, w);
        y += dh;
    }
    if (landscape) {
        x = body.x + 2 * pad + colw + (colw - w) / 2;
        y = top + (total - second) / 2;
    } else {
        y += gap * 2;
    }
    if (receipt) {
        SDL_Rect box = {x, y, w, box_h};
        int radius = theme_size_px(app->gfx, THEME_SIZE_RADIUS);
        draw_round_rect(ren, box, radius, theme_color(THEME_SURFACE));
        draw_round_rect_outline(ren, box, radius, theme_size_px(app->gfx, THEME_SIZE_BORDER) * 2,
                                theme_color(THEME_ACCENT));
        ui_text_style(ui, "您的回执码", &ls, x, y + box_pad, w);
        ui_text_style(ui, spaced, &rs, x, y + box_pad + lh + ui_dp(ui, 8), w);
        y += box_h;
    }
    if (nh) {
        y += gap;
        ui_text_style(ui, note, &ns, x, y, w);
        y += nh;
    }
    y += gap * 2;
    int tapped;
    if (receipt) { /* 完成, and where to follow the receipt up later */
        int bw = (w - gap) / 2;
        tapped = ui_button(ui, ui_id("form.done.ok"), (SDL_Rect){x, y, bw, btn_h}, "完成",
                           UI_BUTTON_PRIMARY);
        if (ui_button(ui, ui_id("form.done.receipt"),
                      (SDL_Rect){x + bw + gap, y, w - bw - gap, btn_h}, "查询进度",
                      UI_BUTTON_SECONDARY)) {
            int64_t packed = 0; /* the code rides along as the screen's parameter */
            for (const char *p = receipt; *p && p - receipt < 7; p++)
                packed = packed * 256 + (unsigned char)*p;
            app_open(app, "receipt", packed);
        }
    } else {
        int bw = w / 2 > ui_dp(ui, 360) ? w / 2 : ui_dp(ui, 360);
        tapped = ui_button(ui, ui_id("form.done.ok"), (SDL_Rect){x + (w - bw) / 2, y, bw, btn_h},
                           "完成", UI_BUTTON_PRIMARY);
    }
    ui_scroll_end(ui);
    return tapped;
}

void form_refusal(App *app, char *out, size_t n)
{
    Reason r = store_reason(app->store);
    if (r != REASON_ROOM_INVALID) {
        snprintf(out, n, "%s", reason_text(r));
        return;
    }
    /* the building's own rule, with an example that exists in it: "例如 1203" is no
     * help in a six-storey walk-up */
    RoomRule rule = store_room_rule(app->store);
    int floor = rule.floor_min + (rule.floor_max - rule.floor_min) / 2;
    int unit = rule.unit_min < rule.unit_max ? rule.unit_min + 1 : rule.unit_min;
    snprintf(out, n, "房号不对：本楼%d至%d层，每层%02d至%02d室，例如 %d%02d", rule.floor_min,
             rule.floor_max, rule.unit_min, rule.unit_max, floor, unit);
}

void form_places_left(int places_left, int no_waitlist, char *out, size_t n)
{
    if (places_left < 0)
        snprintf(out, n, "名额不限");
    else if (places_left == 0)
        snprintf(out, n, "%s", no_waitlist ? "已满" : "已满，可候补");
    else
        snprintf(out, n, "还剩%d个名额", places_left);
}
