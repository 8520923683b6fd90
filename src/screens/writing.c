/* The writing forms' common flow: fields on one side, the entry panel or the numeric
 * keypad on the other, 提交 pinned where it is always visible, and the confirmation.
 * Each frame plans the fields to fit whole (large text included): compacter shapes
 * of the category and number fields before a text box too small to read. The phone
 * number is shown only while it is being typed. */
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

/* How the fields share the height beside the keys: decided each frame from the sizes
 * alone, so both orientations, large text and 720p to 4K each get what fits. */
typedef enum {
    NUMBERS_SIDE,            /* labels above the boxes, side by side */
    NUMBERS_COMPACT,         /* labels inside the boxes' top edge, side by side */
    NUMBERS_COMPACT_STACKED, /* the same, one above the other */
} NumbersShape;

typedef struct {
    int cat_rows; /* rows of inline chips; 0: the one-row 类别 field (chips in the panel) */
    int text_h;   /* the text box with its label and counter, in pixels */
    int note;     /* the note fits whole */
    NumbersShape numbers;
    int numbers_h; /* the room/phone block */
} Plan;

#define PHONE_LABEL "手机号（可不填）"

static const char *room_label(const WritingSpec *sp)
{
    return sp->room_required ? "房间号（必填）" : "房间号（可不填）";
}

/* Chips per row and rows for the category chips inline in a column w wide. */
static int chips_per_row(App *app, int w, int *rows)
{
    Ui *ui = &app->ui;
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
    int per_row = (w + gap) / (chip + gap);
    per_row = per_row < 2 ? 2 : per_row > 4 ? 4 : per_row;
    *rows = (n + per_row - 1) / per_row;
    return per_row;
}

static int chips_height(App *app, int rows)
{
    int touch = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN);
    return rows * touch + (rows - 1) * ui_dp(&app->ui, 12);
}

/* The room/phone block's height in shape s for a width w, or -1 when a label would be
 * cut short in that shape. */
static int numbers_height(App *app, const WritingSpec *sp, NumbersShape s, int w)
{
    Ui *ui = &app->ui;
    int gap = theme_size_px(app->gfx, THEME_SIZE_GAP_M);
    int each = sp->phone ? (w - gap) / 2 : w;
    const char *rl = room_label(sp);
    if (s == NUMBERS_SIDE) {
        TextStyle ls = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT);
        int lw = text_measure(app->text, rl, strlen(rl), &ls);
        if (sp->phone) {
            int pw = text_measure(app->text, PHONE_LABEL, strlen(PHONE_LABEL), &ls);
            lw = pw > lw ? pw : lw;
        }
        return lw <= each ? keypad_field_height(app) : -1;
    }
    int ch = keypad_field_compact_height(app);
    if (s == NUMBERS_COMPACT_STACKED)
        return sp->phone ? 2 * ch + theme_size_px(app->gfx, THEME_SIZE_GAP_S) : ch;
    int lw = keypad_field_compact_label_width(app, rl);
    if (sp->phone) {
        int pw = keypad_field_compact_label_width(app, PHONE_LABEL);
        lw = pw > lw ? pw : lw;
    }
    return lw <= each ? ch : -1;
}

/* Lines the text box must keep to show a sentence or two at once: large text holds
 * fewer characters a line, so it needs a line more. */
static int min_lines(App *app)
{
    return app->ui.theme.large_text ? 3 : 2;
}

/* Lines of text box that fit in avail after base pixels, from max down to min; 0 if
 * not even min fit. */
static int lines_fitting(App *app, const Writing *f, int w, int avail, int base, int min, int max)
{
    for (int l = max; l >= min; l--)
        if (base + writer_text_box_height(app, &f->w, f->spec->text_label, w, l) <= avail)
            return l;
    return 0;
}

/* Picks the first arrangement, from the roomiest to the most compact, under which the
 * text box still shows a sentence or two: the category chips inline before the
 * one-row 类别 field; within each, the note (when it fits whole) before none; within
 * each, room and phone under their labels before the labels go inside the boxes.
 * The box then takes all the height left, up to six lines. fields_h: the height of
 * the fields' side, shared by the column and the pinned room/phone/提交 foot. */
static void plan_form(App *app, const Writing *f, int w, int fields_h, Plan *p)
{
    const WritingSpec *sp = f->spec;
    Ui *ui = &app->ui;
    int gap = theme_size_px(app->gfx, THEME_SIZE_GAP_M);
    int touch = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN);
    int submit_h = touch + ui_dp(ui, 16) + ui_dp(ui, 8);
    int errs = 0;
    const char *msgs[] = {f->err, f->room_err, f->phone_err};
    TextStyle es = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_URGENT);
    es.face = FONT_SANS_BOLD;
    for (int i = 0; i < 3; i++)
        if (msgs[i][0])
            errs += ui_text_height(ui, msgs[i], &es, w - ui_dp(ui, 40)) + gap;
    TextStyle ns = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_CAPTION, THEME_TEXT_MUTED);
    int note = sp->note ? ui_text_height(ui, sp->note, &ns, w) + gap : 0;
    int rows = 0;
    chips_per_row(app, w, &rows);
    int need = min_lines(app);
    for (int cat = 0; cat < 2; cat++) {
        if (cat == 1 && !sp->categories)
            break;
        int top = !sp->categories ? 0 : cat == 0 ? chips_height(app, rows) + gap : touch + gap;
        for (int with_note = note > 0; with_note >= 0; with_note--) {
            for (int s = NUMBERS_SIDE; s <= NUMBERS_COMPACT_STACKED; s++) {
                int nh = numbers_height(app, sp, (NumbersShape)s, w);
                if (nh < 0)
                    continue;
                /* the column: a gap above it, half of one between it and the pinned foot */
                int avail = fields_h - (nh + gap + submit_h) - gap / 2 - gap;
                int base = top + errs + (with_note ? note : 0);
                p->cat_rows = sp->categories && cat == 0 ? rows : 0;
                p->numbers = (NumbersShape)s;
                p->numbers_h = nh;
                p->note = with_note;
                int l = lines_fitting(app, f, w, avail, base, need, 6);
                /* what is left over goes to the box too: no gap above the foot */
                p->text_h = avail - base;
                if (l == 6)
                    p->text_h = writer_text_box_height(app, &f->w, sp->text_label, w, 6);
                if (l)
                    return;
            }
        }
    }
    /* nothing fits (large text at 800x1280, a refusal on a small screen): the shortest
     * arrangement (room and phone side by side when their labels fit, no note, the
     * one-row 类别 field), the box taking what is left and at least two lines; the
     * column scrolls. The stacked numbers the loop ended on left the text box out of
     * sight. */
    int side = numbers_height(app, sp, NUMBERS_COMPACT, w);
    p->numbers = side >= 0 ? NUMBERS_COMPACT : NUMBERS_COMPACT_STACKED;
    p->numbers_h = side >= 0 ? side : numbers_height(app, sp, NUMBERS_COMPACT_STACKED, w);
    p->note = 0;
    p->cat_rows = 0;
    int least = writer_text_box_height(app, &f->w, sp->text_label, w, 2);
    int left = fields_h - (p->numbers_h + gap + submit_h) - gap / 2 - gap -
               (sp->categories ? touch + gap : 0) - errs;
    p->text_h = left > least ? left : least;
}

/* Category chips in rows; the chosen one filled. */
static void draw_categories(App *app, Writing *f, Column *c, int rows)
{
    Ui *ui = &app->ui;
    int touch = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN);
    int gap = ui_dp(ui, 12);
    int n = (int)SUGGESTION_CATEGORY_COUNT;
    int r0 = 0;
    int per_row = chips_per_row(app, c->w, &r0);
    SDL_Rect area = column_take(c, chips_height(app, rows));
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

/* The one-row category field: "类别  其他   换一个 ›". Tapping it puts the chips where
 * the keyboard was, as the room field puts the keypad there. */
static void draw_category_field(App *app, Writing *f, Column *c, int keys_right)
{
    Ui *ui = &app->ui;
    SDL_Renderer *ren = gfx_renderer(app->gfx);
    int touch = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN);
    SDL_Rect r = column_take(c, touch);
    int held = 0;
    if (ui_pressable(ui, ui_id("writing.catfield"), r, &held))
        f->focus = f->focus == WRITING_FOCUS_CATEGORY ? WRITING_FOCUS_TEXT : WRITING_FOCUS_CATEGORY;
    int focused = f->focus == WRITING_FOCUS_CATEGORY;
    int radius = theme_size_px(app->gfx, THEME_SIZE_RADIUS);
    int border = theme_size_px(app->gfx, THEME_SIZE_BORDER);
    draw_round_rect(ren, r, radius, theme_color(THEME_SURFACE));
    draw_round_rect_outline(ren, r, radius, focused ? 2 * border : border,
                            theme_color(focused ? THEME_PRIMARY : THEME_DIVIDER));
    if (held)
        draw_round_rect(ren, r, radius, theme_color(THEME_PRESSED));
    int pad = ui_dp(ui, 28);
    TextStyle ls = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT);
    TextStyle vs = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_SUBTITLE, THEME_PRIMARY);
    TextStyle hs = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_CAPTION, THEME_TEXT_MUTED);
    ls.max_lines = vs.max_lines = hs.max_lines = 1;
    hs.align = TEXT_ALIGN_RIGHT;
    const char *hint = !focused ? "换一个 ›" : keys_right ? "在右边选" : "在下面选";
    const char *label = "类别";
    const char *value = writing_category(f);
    int lw = text_measure(app->text, label, strlen(label), &ls);
    int vw = text_measure(app->text, value, strlen(value), &vs);
    int lh = text_line_height(app->text, &ls), vh = text_line_height(app->text, &vs);
    int hh = text_line_height(app->text, &hs);
    ui_text_style(ui, label, &ls, r.x + pad, r.y + (r.h - lh) / 2, lw);
    int vx = r.x + pad + lw + ui_dp(ui, 24);
    ui_text_style(ui, value, &vs, vx, r.y + (r.h - vh) / 2, vw);
    int hx = vx + vw + ui_dp(ui, 24);
    if (r.x + r.w - pad - hx > 0)
        ui_text_style(ui, hint, &hs, hx, r.y + (r.h - hh) / 2, r.x + r.w - pad - hx);
}

/* The category chips in the keys panel, big and in a few columns; a tap chooses and
 * goes back to the text, where the resident was heading. */
static void draw_category_panel(App *app, Writing *f, SDL_Rect keys)
{
    Ui *ui = &app->ui;
    int touch = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN);
    int gap = theme_size_px(app->gfx, THEME_SIZE_GAP_S);
    TextStyle hs = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_SUBTITLE, THEME_TEXT);
    TextStyle ns = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_CAPTION, THEME_TEXT_MUTED);
    const char *head = "请选一个类别";
    const char *note = "不选就算“其他”。选好了接着写内容。";
    int hh = ui_text_height(ui, head, &hs, keys.w), nh = ui_text_height(ui, note, &ns, keys.w);
    int n = (int)SUGGESTION_CATEGORY_COUNT;
    int rows = 0;
    int per_row = chips_per_row(app, keys.w, &rows);
    per_row = per_row > 3 ? 3 : per_row; /* wide chips read as choices, not as a keyboard */
    rows = (n + per_row - 1) / per_row;
    int bh = touch * 5 / 4;
    int total = hh + gap + nh + 2 * gap + rows * bh + (rows - 1) * gap;
    int y = keys.y + (keys.h > total ? (keys.h - total) / 3 : 0);
    ui_text_style(ui, head, &hs, keys.x, y, keys.w);
    y += hh + gap;
    ui_text_style(ui, note, &ns, keys.x, y, keys.w);
    y += nh + 2 * gap;
    int bw = (keys.w - (per_row - 1) * gap) / per_row;
    for (int i = 0; i < n; i++) {
        SDL_Rect b = {keys.x + (i % per_row) * (bw + gap), y + (i / per_row) * (bh + gap), bw, bh};
        int on =
            f->category == i || (f->category < 0 && strcmp(SUGGESTION_CATEGORIES[i], "其他") == 0);
        if (ui_button(ui, ui_id_n("writing.catpanel", i), b, SUGGESTION_CATEGORIES[i],
                      on ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY)) {
            f->category = i;
            f->focus = WRITING_FOCUS_TEXT;
        }
    }
}

/* The column: the categories (chips or the one-row field), the text box, refusals and
 * the note, as the plan says. */
static void draw_fields(App *app, Writing *f, Column *c, const Plan *p, int keys_right,
                        int *box_top, int *box_bottom)
{
    const WritingSpec *sp = f->spec;
    if (sp->categories && p->cat_rows > 0)
        draw_categories(app, f, c, p->cat_rows);
    else if (sp->categories)
        draw_category_field(app, f, c, keys_right);
    *box_top = c->y;
    if (writer_text_box(app, &f->w, c, sp->text_label, sp->placeholder, p->text_h,
                        f->focus == WRITING_FOCUS_TEXT))
        f->focus = WRITING_FOCUS_TEXT;
    *box_bottom = c->y - c->gap;
    form_error(app, c, f->err);
    form_error(app, c, f->room_err);
    form_error(app, c, f->phone_err);
    /* the note only where it fits whole: the signboard and the fields' own labels
     * already say the same, and a line cut in half at the foot looks broken */
    if (sp->note && p->note)
        w_paragraph(app, c, sp->note, THEME_TEXT_CAPTION, THEME_TEXT_MUTED);
}

/* Room (and phone) in the pinned footer so they never scroll away, shaped by plan. */
static void draw_numbers(App *app, Writing *f, SDL_Rect row, const Plan *p)
{
    const WritingSpec *sp = f->spec;
    int gap = theme_size_px(app->gfx, THEME_SIZE_GAP_M);
    int sgap = theme_size_px(app->gfx, THEME_SIZE_GAP_S);
    SDL_Rect room = row, phone = row;
    if (sp->phone && p->numbers != NUMBERS_COMPACT_STACKED) { /* short numbers, one row */
        room.w = (row.w - gap) / 2;
        phone.x = room.x + room.w + gap;
        phone.w = row.w - room.w - gap;
    } else if (sp->phone) {
        room.h = phone.h = (row.h - sgap) / 2;
        phone.y = room.y + room.h + sgap;
    }
    /* the whole field, label included, takes the focus (keypad_field's hit area) */
    int (*field)(App *, uint64_t, SDL_Rect, const char *, const char *, const char *, int, int) =
        p->numbers == NUMBERS_SIDE ? keypad_field : keypad_field_compact;
    int room_on = f->focus == WRITING_FOCUS_ROOM, phone_on = f->focus == WRITING_FOCUS_PHONE;
    if (field(app, ui_id("writing.room"), room, room_label(sp), f->room, "例如 301", 0, room_on))
        f->focus = WRITING_FOCUS_ROOM;
    /* the number is shown only while it is typed: the next person in the lobby must
     * not read it off the screen */
    if (sp->phone && field(app, ui_id("writing.phone"), phone, PHONE_LABEL, f->phone, "方便回访",
                           !phone_on, phone_on))
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
    int pad = theme_size_px(app->gfx, THEME_SIZE_GAP_M);
    int bh = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN) + ui_dp(ui, 16);
    Plan plan;
    memset(&plan, 0, sizeof plan);
    int cw = fields.w - 2 * pad;
    plan_form(app, f, cw, fields.h, &plan);
    int foot = plan.numbers_h + pad + bh + ui_dp(ui, 8);
    SDL_Rect list = {fields.x, fields.y, fields.w, fields.h - foot - pad / 2};
    if (plan.cat_rows > 0 && f->focus == WRITING_FOCUS_CATEGORY)
        f->focus = WRITING_FOCUS_TEXT; /* the chips are inline again (e.g. normal text) */
    uint64_t id = ui_id("writing.scroll");
    Column c = form_fields_begin(app, id, list);
    c.y -= theme_size_px(app->gfx, THEME_SIZE_GAP_L) - pad; /* the fields start near the top */
    c.x = list.x + pad;
    c.w = cw;
    int box_top = 0, box_bottom = 0;
    draw_fields(app, f, &c, &plan, keys.x >= fields.x + fields.w, &box_top, &box_bottom);
    form_fields_end(app, id, list, &c);
    /* while writing, the text box stays in sight: where the column must scroll (large
     * text at 800x1280) it scrolls to the box, not leave it cut at the foot */
    UiScroll *s = ui_scroll_state(ui, id);
    if (s && f->focus == WRITING_FOCUS_TEXT && ui->scroll_active != id && s->velocity == 0.0f) {
        float want = s->offset;
        if (box_bottom > list.y + list.h)
            want += (float)(box_bottom - (list.y + list.h));
        if (box_top - (int)(want - s->offset) < list.y)
            want -= (float)(list.y - (box_top - (int)(want - s->offset)));
        float max = s->content > list.h ? (float)(s->content - list.h) : 0.0f;
        want = want < 0 ? 0 : want > max ? max : want;
        if ((int)want != (int)s->offset) {
            s->offset = want;
            app->dirty = 1;
        }
    }
    draw_numbers(app, f, (SDL_Rect){fields.x + pad, fields.y + fields.h - foot, cw, plan.numbers_h},
                 &plan);
    SDL_Rect b = {fields.x + pad, fields.y + fields.h - bh - ui_dp(ui, 8), cw, bh};
    ui_require(ui, "提交");
    if (ui_button(ui, ui_id("writing.submit"), b, "提交", UI_BUTTON_PRIMARY))
        submit(app, f);
    /* drawn last: a script's `type 301` finds these keys before any other "3" */
    if (f->focus == WRITING_FOCUS_TEXT) {
        writer_keys(app, &f->w, keys);
        return 0;
    }
    f->w.pad.w = 0;
    f->w.cand_n = 0;
    if (f->focus == WRITING_FOCUS_CATEGORY) {
        draw_category_panel(app, f, keys);
        return 0;
    }
    int kw = keys.w > ui_dp(ui, 760) ? ui_dp(ui, 760) : keys.w;
    int kh = keypad_height(app, kw, keys.h);
    SDL_Rect kr = {keys.x + (keys.w - kw) / 2, keys.y + (keys.h - kh) / 2, kw, kh};
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
