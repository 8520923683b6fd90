/* The writing forms' common flow: fields on one side, the entry panel or the numeric
 * keypad on the other, 提交 pinned where it is always visible, and the confirmation.
 * The phone number is shown only while it is being typed. */
#include "screens/writing.h"

#include "screens/form.h"
#include "screens/keypad.h"

#include "core/reason.h"
#include "store/suggestion.h"
#include "ui/draw.h"

#include <stdio.h>
#include <string.h>

void writing_open(App *app, Writing *f, const WritingSpec *spec)
{
    f->spec = spec;
    f->category = -1;
    f->focus = WRITING_FOCUS_TEXT;
    writer_open(app, &f->w, spec->phrase_form, spec->max_chars);
}

void writing_close(App *app, Writing *f)
{
    writer_close(app, &f->w);
    memset(f->room, 0, sizeof f->room);
    memset(f->phone, 0, sizeof f->phone);
}

const char *writing_category(const Writing *f)
{
    return f->category >= 0 ? SUGGESTION_CATEGORIES[f->category] : SUGGESTION_DEFAULT_CATEGORY;
}

static void submit(App *app, Writing *f)
{
    f->err[0] = f->room_err[0] = f->phone_err[0] = '\0';
    if (f->spec->submit(app, f, &f->receipt) == 0) {
        f->done = 1;
        app_submitted(app);
        app->content_version++;
        writer_reset(&f->w); /* the text has gone to the store: none of it stays here */
        return;
    }
    Reason r = store_reason(app->store);
    char *to = f->err;
    if (r == REASON_ROOM_REQUIRED || r == REASON_ROOM_INVALID || r == REASON_DAILY_CAP)
        to = f->room_err;
    else if (r == REASON_PHONE_INVALID)
        to = f->phone_err;
    form_refusal(app, to, sizeof f->err);
}

/* Category chips in rows; the chosen one filled. */
static void draw_categories(App *app, Writing *f, Column *c)
{
    Ui *ui = &app->ui;
    int touch = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN);
    int gap = ui_dp(ui, 12);
    int n = (int)SUGGESTION_CATEGORY_COUNT;
    /* as many to a row as the longest name allows on one line (large text: fewer) */
    TextStyle bs = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BUTTON, THEME_PRIMARY);
    int widest = 0;
    for (int i = 0; i < n; i++) {
        const char *t = SUGGESTION_CATEGORIES[i];
        int tw = text_measure(app->text, t, strlen(t), &bs);
        widest = tw > widest ? tw : widest;
    }
    int chip = widest + 2 * ui_dp(ui, 12) + ui_dp(ui, 8); /* ui_button's padding, and air */
    int per_row = (c->w + gap) / (chip + gap);
    per_row = per_row < 2 ? 2 : per_row > 4 ? 4 : per_row;
    int rows = (n + per_row - 1) / per_row;
    SDL_Rect area = column_take(c, rows * touch + (rows - 1) * gap);
    int bw = (area.w - (per_row - 1) * gap) / per_row;
    for (int i = 0; i < n; i++) {
        SDL_Rect b = {area.x + (i % per_row) * (bw + gap), area.y + (i / per_row) * (touch + gap),
                      bw, touch};
        int on =
            f->category == i || (f->category < 0 && strcmp(SUGGESTION_CATEGORIES[i], "其他") == 0);
        if (ui_button(ui, ui_id_n("writing.cat", i), b, SUGGESTION_CATEGORIES[i],
                      on ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY))
            f->category = i;
    }
}

/* limit: where the view ends at rest, in the column's coordinates. */
static void draw_fields(App *app, Writing *f, Column *c, int limit)
{
    const WritingSpec *sp = f->spec;
    if (sp->categories)
        draw_categories(app, f, c);
    if (writer_text_box(app, &f->w, c, sp->text_label, sp->placeholder,
                        f->focus == WRITING_FOCUS_TEXT))
        f->focus = WRITING_FOCUS_TEXT;
    form_error(app, c, f->err);
    form_error(app, c, f->room_err);
    form_error(app, c, f->phone_err);
    /* the note only where it fits whole without scrolling: the signboard and the
     * fields' own labels already say the same, and a line cut in half at the foot of
     * the view looks broken */
    Ui *ui = &app->ui;
    TextStyle ns = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_CAPTION, THEME_TEXT_MUTED);
    if (sp->note && c->y + ui_text_height(ui, sp->note, &ns, c->w) <= limit)
        w_paragraph(app, c, sp->note, THEME_TEXT_CAPTION, THEME_TEXT_MUTED);
}

/* Room (and phone) side by side, in the pinned footer so they never scroll away. */
static void draw_numbers(App *app, Writing *f, SDL_Rect row)
{
    const WritingSpec *sp = f->spec;
    int gap = theme_size_px(app->gfx, THEME_SIZE_GAP_M);
    SDL_Rect room = row, phone = row;
    if (sp->phone) { /* side by side: short numbers, one row */
        room.w = (row.w - gap) / 2;
        phone.x = room.x + room.w + gap;
        phone.w = row.w - room.w - gap;
    }
    /* the whole field, label included, takes the focus: a bigger target */
    if (ui_pressable(&app->ui, ui_id("writing.room.all"), room, NULL))
        f->focus = WRITING_FOCUS_ROOM;
    if (sp->phone && ui_pressable(&app->ui, ui_id("writing.phone.all"), phone, NULL))
        f->focus = WRITING_FOCUS_PHONE;
    if (keypad_field(app, ui_id("writing.room"), room,
                     sp->room_required ? "房间号（必填）" : "房间号（可不填）", f->room, "例如 301",
                     0, f->focus == WRITING_FOCUS_ROOM))
        f->focus = WRITING_FOCUS_ROOM;
    /* the number is shown only while it is typed: the next person in the lobby must
     * not read it off the screen */
    if (sp->phone &&
        keypad_field(app, ui_id("writing.phone"), phone, "手机号（可不填）", f->phone, "方便回访",
                     f->focus != WRITING_FOCUS_PHONE, f->focus == WRITING_FOCUS_PHONE))
        f->focus = WRITING_FOCUS_PHONE;
}

static int draw_done(App *app, Writing *f, SDL_Rect body)
{
    char detail[256] = "";
    if (f->spec->categories)
        snprintf(detail, sizeof detail, "类别：%s", writing_category(f));
    return form_done(app, body, f->spec->done_waits ? FORM_DONE_WAIT : FORM_DONE_OK,
                     f->spec->done_headline, detail, f->receipt.receipt, f->spec->done_note);
}

int writing_frame(App *app, Writing *f, SDL_Rect body)
{
    if (f->done)
        return draw_done(app, f, body);
    Ui *ui = &app->ui;
    SDL_Rect fields, keys;
    writer_layout(app, body, &fields, &keys);
    /* 提交 stays at the foot of the fields, never scrolled out of reach */
    int touch = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN);
    int pad = theme_size_px(app->gfx, THEME_SIZE_GAP_M);
    int bh = touch + ui_dp(ui, 16);
    int fh = keypad_field_height(app);
    int foot = fh + pad + bh + ui_dp(ui, 8);
    SDL_Rect list = {fields.x, fields.y, fields.w, fields.h - foot - pad / 2};
    uint64_t id = ui_id("writing.scroll");
    Column c = form_fields_begin(app, id, list);
    c.y -= theme_size_px(app->gfx, THEME_SIZE_GAP_L) - pad; /* the chips start near the top */
    c.x = list.x + pad;
    c.w = list.w - 2 * pad;
    UiScroll *sc = ui_scroll_state(ui, id);
    draw_fields(app, f, &c, list.y + list.h - (sc ? (int)sc->offset : 0));
    form_fields_end(app, id, list, &c);
    draw_numbers(app, f,
                 (SDL_Rect){fields.x + pad, fields.y + fields.h - foot, fields.w - 2 * pad, fh});
    SDL_Rect b = {fields.x + pad, fields.y + fields.h - bh - ui_dp(ui, 8), fields.w - 2 * pad, bh};
    if (ui_button(ui, ui_id("writing.submit"), b, "提交", UI_BUTTON_PRIMARY))
        submit(app, f);
    /* drawn last: a script's `type 301` finds these keys before any other "3" */
    if (f->focus == WRITING_FOCUS_TEXT) {
        writer_keys(app, &f->w, keys);
        return 0;
    }
    int kw = keys.w > ui_dp(ui, 760) ? ui_dp(ui, 760) : keys.w;
    int kh = keypad_height(app, kw, keys.h);
    SDL_Rect kr = {keys.x + (keys.w - kw) / 2, keys.y + (keys.h - kh) / 2, kw, kh};
    f->w.pad.w = 0;
    f->w.cand_n = 0;
    if (f->focus == WRITING_FOCUS_PHONE) {
        if (keypad_draw(app, ui_id("writing.keys.phone"), kr, f->phone, PHONE_MAX_LEN))
            f->phone_err[0] = '\0';
    } else if (keypad_draw(app, ui_id("writing.keys.room"), kr, f->room, ROOM_MAX_LEN)) {
        f->room_err[0] = '\0';
    }
    return 0;
}

/* The signboard: headline, text and the button that opens the form. *rest receives
 * the area left. Returns 1 when the button was tapped. */
static int draw_intro(App *app, SDL_Rect body, const char *head, const char *text,
                      const char *button, SDL_Rect *rest)
{
    Ui *ui = &app->ui;
    int pad = theme_size_px(app->gfx, THEME_SIZE_GAP_L);
    int gap = theme_size_px(app->gfx, THEME_SIZE_GAP_M);
    int touch = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN);
    int portrait = body.h >= body.w;
    SDL_Rect panel = portrait ? body : (SDL_Rect){body.x, body.y, body.w * 40 / 100, body.h};
    int w = panel.w - 2 * pad;
    TextStyle hs = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_TITLE, THEME_PRIMARY);
    TextStyle ts = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT);
    int hh = ui_text_height(ui, head, &hs, w), th = ui_text_height(ui, text, &ts, w);
    int btn = touch + ui_dp(ui, 24);
    int total = hh + gap + th + gap + btn;
    if (portrait)
        panel.h = total + 2 * pad;
    draw_rect(gfx_renderer(app->gfx), panel, theme_color(THEME_SURFACE_ALT));
    int y = portrait ? panel.y + pad : panel.y + (panel.h - total) / 2;
    ui_text_style(ui, head, &hs, panel.x + pad, y, w);
    y += hh + gap;
    ui_text_style(ui, text, &ts, panel.x + pad, y, w);
    y += th + gap;
    int tapped = ui_button(ui, ui_id_n("writing.intro", (int64_t)(uintptr_t)head),
                           (SDL_Rect){panel.x + pad, y, w, btn}, button, UI_BUTTON_PRIMARY);
    *rest = portrait ? (SDL_Rect){body.x, panel.y + panel.h, body.w, body.h - panel.h}
                     : (SDL_Rect){panel.x + panel.w, body.y, body.w - panel.w, body.h};
    return tapped;
}

int writing_corner_frame(App *app, WritingCorner *c, const WritingSpec *spec, SDL_Rect body,
                         SDL_Rect *list)
{
    if (c->open) {
        if (writing_frame(app, &c->form, body)) /* 完成: back to the answers */
            writing_corner_close(app, c);
        return 0;
    }
    if (draw_intro(app, body, spec->intro_head, spec->intro_text, spec->intro_button, list)) {
        memset(&c->form, 0, sizeof c->form);
        writing_open(app, &c->form, spec);
        c->open = 1;
    }
    return 1;
}

void writing_corner_close(App *app, WritingCorner *c)
{
    writing_close(app, &c->form);
    c->open = 0;
}
