/* The duty roster (楼道值守排班): today and the next 13 days, one card per day with
 * its slots, today's card highlighted. Portrait is one column; landscape two. */
#include "screens/screens.h"
#include "screens/widgets.h"

#include "core/reason.h"
#include "core/timeutil.h"
#include "store/roster.h"
#include "ui/draw.h"

#include <stdio.h>
#include <string.h>

#define ROSTER_DAYS 14

typedef struct {
    RosterList list;
    int64_t today;
    int version;
    int loaded;
} Roster;

static void load(App *app, Roster *r)
{
    roster_list_free(&r->list);
    r->today = time_day_start(app_time_now(app));
    int64_t end = time_day_start(r->today + (int64_t)ROSTER_DAYS * 86400 + 43200);
    if (store_roster_list(app->store, r->today, end, &r->list) < 0)
        app_toast(app, reason_text(store_reason(app->store)));
    r->version = app->content_version;
    r->loaded = 1;
}

static void enter(App *app, void *state, int64_t param)
{
    (void)param;
    load(app, state);
}

static void leave(App *app, void *state)
{
    (void)app;
    roster_list_free(&((Roster *)state)->list);
}

/* The card of one day: entries [from, to) of the list, a heading band on top (the
 * primary colour for today). Returns the height it needs at width r.w; paints into r
 * (r.h: the row's height, so cards of one row line up) only when draw is set. */
static int day_card(App *app, const Roster *ro, size_t from, size_t to, SDL_Rect r, int draw)
{
    Ui *ui = &app->ui;
    SDL_Renderer *ren = gfx_renderer(app->gfx);
    int pad = ui_dp(ui, 28), gap = ui_dp(ui, 14);
    int64_t day = ro->list.items[from].day;
    int today = day == ro->today;
    char head[96], date[64];
    w_format_day(day, date, sizeof date);
    int64_t delta = (day - ro->today) / 86400;
    snprintf(head, sizeof head, "%s%s", date, today ? " · 今天" : delta == 1 ? " · 明天" : "");
    TextStyle hs = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_SUBTITLE,
                                    today ? THEME_ON_PRIMARY : THEME_TEXT);
    TextStyle ss = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT);
    TextStyle ps = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT);
    ps.face = FONT_SANS_BOLD;
    TextStyle ms = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_CAPTION, THEME_TEXT_MUTED);
    int iw = r.w - 2 * pad;
    int slot_w = iw * 45 / 100, who_w = iw - slot_w - gap;
    int hh = ui_text_height(ui, head, &hs, iw) + 2 * gap;
    if (draw) {
        int radius = theme_size_px(app->gfx, THEME_SIZE_RADIUS);
        ThemeColor band = today ? THEME_PRIMARY : THEME_SURFACE_ALT;
        draw_round_rect(ren, r, radius, theme_color(band));
        draw_round_rect(ren, (SDL_Rect){r.x, r.y + hh, r.w, r.h - hh}, radius,
                        theme_color(THEME_SURFACE));
        draw_rect(ren, (SDL_Rect){r.x, r.y + hh, r.w, radius}, theme_color(THEME_SURFACE));
        if (today)
            draw_round_rect_outline(ren, r, radius, theme_size_px(app->gfx, THEME_SIZE_BORDER),
                                    theme_color(THEME_PRIMARY));
        ui_text_style(ui, head, &hs, r.x + pad, r.y + gap, iw);
    }
    int y = r.y + hh + 2 * gap;
    for (size_t i = from; i < to; i++) {
        const RosterEntry *e = &ro->list.items[i];
        char who[96];
        if (e->room && *e->room)
            snprintf(who, sizeof who, "%s（%s室）", e->person, e->room);
        else
            snprintf(who, sizeof who, "%s", e->person);
        const char *slot = e->slot && *e->slot ? e->slot : "全天";
        int sh = ui_text_height(ui, slot, &ss, slot_w);
        int wh = ui_text_height(ui, who, &ps, who_w);
        int line = sh > wh ? sh : wh;
        int mh = e->place && *e->place ? ui_text_height(ui, e->place, &ms, iw) + ui_dp(ui, 4) : 0;
        if (draw) {
            if (i > from)
                draw_rect(ren, (SDL_Rect){r.x + pad, y - gap - 1, iw, ui_dp(ui, 2)},
                          theme_color(THEME_DIVIDER));
            ui_text_style(ui, slot, &ss, r.x + pad, y, slot_w);
            ui_text_style(ui, who, &ps, r.x + pad + slot_w + gap, y, who_w);
            if (mh)
                ui_text_style(ui, e->place, &ms, r.x + pad, y + line + ui_dp(ui, 4), iw);
        }
        y += line + mh + 2 * gap;
    }
    return y - r.y;
}

static void frame(App *app, void *state, SDL_Rect body)
{
    Roster *ro = state;
    if (!ro->loaded || ro->version != app->content_version)
        load(app, ro);
    Ui *ui = &app->ui;
    int pad = theme_size_px(app->gfx, THEME_SIZE_GAP_L);
    int gap = theme_size_px(app->gfx, THEME_SIZE_GAP_M);
    uint64_t id = ui_id("roster.scroll");
    UiScroll *prev = ui_scroll_state(ui, id);
    int off = ui_scroll_begin(ui, id, body, prev ? prev->content : body.h);
    Column c = column_make(app, (SDL_Rect){body.x, body.y - off, body.w, body.h}, pad);
    int top = c.y;
    w_paragraph(app, &c, "今天起两周的楼道值守安排。临时有事换班，请告诉楼组长。", THEME_TEXT_BODY,
                THEME_TEXT_MUTED);
    if (ro->list.count == 0)
        w_empty(app, &c, "最近两周还没有排班");
    int cols = body.w > body.h ? 2 : 1;
    int cw = (c.w - (cols - 1) * gap) / cols;
    size_t i = 0;
    while (i < ro->list.count) {
        /* one row of cols days; the row is as tall as its tallest card */
        size_t starts[2], ends[2];
        int n = 0, row_h = 0;
        while (n < cols && i < ro->list.count) {
            size_t j = i;
            while (j < ro->list.count && ro->list.items[j].day == ro->list.items[i].day)
                j++;
            starts[n] = i;
            ends[n] = j;
            int h = day_card(app, ro, i, j, (SDL_Rect){0, 0, cw, 0}, 0);
            if (h > row_h)
                row_h = h;
            n++;
            i = j;
        }
        SDL_Rect row = column_take(&c, row_h);
        if (row.y + row.h <= body.y || row.y >= body.y + body.h)
            continue; /* measured, not drawn */
        for (int k = 0; k < n; k++)
            day_card(app, ro, starts[k], ends[k],
                     (SDL_Rect){row.x + k * (cw + gap), row.y, cw, row_h}, 1);
    }
    ui_scroll_state(ui, id)->content = c.y - top + pad;
    ui_scroll_end(ui);
}

const Screen SCREEN_ROSTER = {"roster", "值守排班", sizeof(Roster), 0, enter, frame, leave};
