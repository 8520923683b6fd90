/* The micro-wish board (微心愿): open wishes first, then claimed and fulfilled ones,
 * each a card with its state and the poster's masked room. Tapping an open wish opens
 * "claim"; 我要许愿 opens the writing screen once it exists (it needs Chinese entry). */
#include "screens/screens.h"

#include "screens/form.h"
#include "screens/widgets.h"

#include "store/wish.h"
#include "ui/draw.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    WishList list;
    int version, loaded;
} Wishes;

static void load(App *app, Wishes *st)
{
    wish_list_free(&st->list);
    WishQuery q = {.board = 1};
    store_wish_list(app->store, &q, &st->list);
    st->version = app->content_version;
    st->loaded = 1;
}

static void enter(App *app, void *state, int64_t param)
{
    (void)param;
    load(app, state);
}

static void leave(App *app, void *state)
{
    (void)app;
    wish_list_free(&((Wishes *)state)->list);
}

static ThemeColor state_color(WishState s)
{
    return s == WISH_OPEN ? THEME_WARNING : s == WISH_CLAIMED ? THEME_PRIMARY : THEME_SUCCESS;
}

/* One wish: state chip, the wish in the resident's words, who and when. Open wishes
 * carry a "我来帮忙 ›" hint; the whole card is the button. */
static void draw_card(App *app, Column *c, const Wish *w)
{
    Ui *ui = &app->ui;
    int pad = ui_dp(ui, 28);
    TextStyle ts = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT);
    TextStyle ms = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_CAPTION, THEME_TEXT_MUTED);
    int chip_h = ui_dp(ui, 48);
    int tw = c->w - 2 * pad;
    int th = ui_text_height(ui, w->text, &ts, tw);
    char meta[160], day[64];
    w_format_day(w->created_at, day, sizeof day);
    if (w->state == WISH_OPEN)
        snprintf(meta, sizeof meta, "%s的邻居 · %s", w->room_masked, day);
    else
        snprintf(meta, sizeof meta, "%s的邻居 · %s认领", w->room_masked,
                 w->claim_room_masked[0] ? w->claim_room_masked : "邻居");
    int mh = ui_text_height(ui, meta, &ms, tw);
    int h = pad + chip_h + ui_dp(ui, 12) + th + ui_dp(ui, 12) + mh + pad;
    SDL_Rect r = column_take(c, h);
    int open = w->state == WISH_OPEN;
    int tapped = w_card(app, ui_id_n("wishes.card", w->id), r);
    if (open) /* an accent edge marks the ones that still need a hand */
        draw_rect(gfx_renderer(app->gfx), (SDL_Rect){r.x, r.y + pad, ui_dp(ui, 8), r.h - 2 * pad},
                  theme_color(THEME_ACCENT));
    w_chip(app, r.x + pad, r.y + pad, wish_state_label(w->state), state_color(w->state),
           THEME_ON_PRIMARY);
    if (open) {
        TextStyle hs = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BUTTON, THEME_PRIMARY);
        hs.align = TEXT_ALIGN_RIGHT;
        ui_text_style(ui, "我来帮忙 ›", &hs, r.x + pad, r.y + pad, tw);
    }
    int y = r.y + pad + chip_h + ui_dp(ui, 12);
    ui_text_style(ui, w->text, &ts, r.x + pad, y, tw);
    ui_text_style(ui, meta, &ms, r.x + pad, y + th + ui_dp(ui, 12), tw);
    if (tapped && open)
        app_open(app, "claim", w->id);
}

static void draw_list(App *app, Wishes *st, SDL_Rect area, uint64_t id, int from, int step)
{
    Column c = form_fields_begin(app, id, area);
    if (st->list.count == 0 && from == 0)
        w_empty(app, &c, "心愿墙上还空着");
    for (size_t i = (size_t)from; i < st->list.count; i += (size_t)step)
        draw_card(app, &c, &st->list.items[i]);
    form_fields_end(app, id, area, &c);
}

static void frame(App *app, void *state, SDL_Rect body)
{
    Wishes *st = state;
    if (!st->loaded || st->version != app->content_version)
        load(app, st);
    Ui *ui = &app->ui;
    int pad = theme_size_px(app->gfx, THEME_SIZE_GAP_L);
    int touch = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN);
    /* the intro and the 我要许愿 button across the top */
    TextStyle is = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT_MUTED);
    const char *intro = "邻居们的小心愿。看到能帮上的，点一下认领。";
    int bw = ui_dp(ui, 300);
    int ih = ui_text_height(ui, intro, &is, body.w - 3 * pad - bw);
    int top_h = (ih > touch ? ih : touch) + pad;
    SDL_Rect top = {body.x + pad, body.y + pad, body.w - 2 * pad, top_h - pad};
    ui_text_style(ui, intro, &is, top.x, top.y + (top.h - ih) / 2, top.w - bw - pad);
    if (ui_button(ui, ui_id("wishes.new"), (SDL_Rect){top.x + top.w - bw, top.y, bw, touch},
                  "我要许愿", UI_BUTTON_PRIMARY)) {
        if (screen_find("wish"))
            app_open(app, "wish", 0);
        else
            app_toast(app, "写心愿要用手写或拼音输入，马上就来。现在可以请楼组长代为登记。");
    }
    SDL_Rect list = {body.x, body.y + top_h, body.w, body.h - top_h};
    if (body.h >= body.w) {
        draw_list(app, st, list, ui_id("wishes.scroll"), 0, 1);
    } else { /* two columns of cards, alternating, so the newest stay at the top */
        int half = list.w / 2;
        draw_list(app, st, (SDL_Rect){list.x, list.y, half, list.h}, ui_id("wishes.left"), 0, 2);
        draw_list(app, st, (SDL_Rect){list.x + half - pad, list.y, list.w - half + pad, list.h},
                  ui_id("wishes.right"), 1, 2);
    }
}

const Screen SCREEN_WISHES = {"wishes", "微心愿", sizeof(Wishes), 0, enter, frame, leave};
