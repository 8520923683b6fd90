/* One activity or team (param: its id): what it is, when and where, who organises it,
 * how full it is, and the two things a resident can do: 我要报名 and 取消报名. */
#include "screens/screens.h"

#include "screens/form.h"
#include "screens/widgets.h"

#include "core/timeutil.h"
#include "store/activity.h"
#include "store/signup.h"
#include "ui/draw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int64_t id;
    Activity a;
    int found;
    int version;
    int loaded;
    char rooms[512]; /* who is coming, masked ([privacy] show_signup_rooms); "" if not shown */
} ActivityView;

static void unload(ActivityView *st)
{
    if (st->found)
        activity_deinit(&st->a);
    st->found = 0;
}

static int by_floor(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

/* "3**室、5**室（2户）、12**室": the floors of the confirmed households, when the building
 * shows them ([privacy] show_signup_rooms) and this kiosk knows every one of them (a hub
 * activity's other kiosks' sign-ups are only counted here). */
static void who_is_coming(App *app, ActivityView *st)
{
    st->rooms[0] = '\0';
    SignupList l;
    if (!app->cfg.show_signup_rooms || st->a.fill.confirmed_signups <= 0 ||
        store_signup_list(app->store, st->id, 0, &l) < 0)
        return;
    int floors[64];
    size_t n = 0;
    for (size_t i = 0; i < l.count; i++)
        if (l.items[i].status == SIGNUP_CONFIRMED && n < sizeof floors / sizeof floors[0])
            floors[n++] = atoi(l.items[i].room) / 100;
    signup_list_free(&l);
    if (n != (size_t)st->a.fill.confirmed_signups)
        return;
    qsort(floors, n, sizeof floors[0], by_floor);
    size_t at = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && floors[j] == floors[i])
            j++;
        char one[48];
        if (j - i > 1)
            snprintf(one, sizeof one, "%s%d**室（%zu户）", i ? "、" : "", floors[i], j - i);
        else
            snprintf(one, sizeof one, "%s%d**室", i ? "、" : "", floors[i]);
        if (at + strlen(one) >= sizeof st->rooms)
            break;
        memcpy(st->rooms + at, one, strlen(one) + 1);
        at += strlen(one);
        i = j;
    }
}

static void load(App *app, ActivityView *st)
{
    unload(st);
    st->found = store_activity_get(app->store, st->id, &st->a) == 0;
    if (st->found)
        who_is_coming(app, st);
    st->version = app->content_version;
    st->loaded = 1;
}

static void enter(App *app, void *state, int64_t param)
{
    ActivityView *st = state;
    st->id = param;
    load(app, st);
}

static void leave(App *app, void *state)
{
    (void)app;
    unload(state);
}

/* "时间  11月27日 周五 09:30 – 11:00": a muted label column and the value. */
static void info_line(App *app, Column *c, const char *label, const char *value)
{
    if (!value || !*value)
        return;
    Ui *ui = &app->ui;
    TextStyle ls = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT_MUTED);
    TextStyle vs = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT);
    vs.face = FONT_SANS_BOLD;
    int lw = ui_dp(ui, ui->theme.large_text ? 150 : 112);
    int h = ui_text_height(ui, value, &vs, c->w - lw);
    SDL_Rect r = column_take(c, h);
    ui_text_style(ui, label, &ls, r.x, r.y, lw);
    ui_text_style(ui, value, &vs, r.x + lw, r.y, r.w - lw);
}

static void draw_info(App *app, ActivityView *st, Column *c)
{
    const Activity *a = &st->a;
    Ui *ui = &app->ui;
    int chip_y = column_take(c, ui_dp(ui, 48)).y;
    int x = c->x;
    x += w_chip(app, x, chip_y, a->kind == ACTIVITY_TEAM ? "长期团队" : "活动", THEME_PRIMARY,
                THEME_ON_PRIMARY) +
         ui_dp(ui, 12);
    char left[48];
    form_places_left(a->fill.places_left, a->no_waitlist, left, sizeof left);
    w_chip(app, x, chip_y, left, a->fill.places_left == 0 ? THEME_WARNING : THEME_SUCCESS,
           THEME_ON_PRIMARY);
    w_paragraph(app, c, a->title, THEME_TEXT_TITLE, THEME_TEXT);

    char when[160];
    if (a->kind == ACTIVITY_EVENT && a->starts_at) {
        w_format_day_time(a->starts_at, when, sizeof when);
        if (a->ends_at > a->starts_at) {
            char hm[16];
            time_format(a->ends_at, "%H:%M", hm, sizeof hm);
            snprintf(when + strlen(when), sizeof when - strlen(when), " – %s", hm);
        }
    } else {
        snprintf(when, sizeof when, "%s", a->schedule ? a->schedule : "");
    }
    info_line(app, c, "时间", when);
    if (a->signup_deadline) { /* right under the time: it decides whether to sign up now */
        char dl[96];
        w_format_deadline(a->signup_deadline, dl, sizeof dl);
        info_line(app, c, "截止", dl);
    }
    info_line(app, c, "地点", a->place);
    info_line(app, c, "组织", a->organiser);
    char fill[200];
    if (a->capacity > 0)
        snprintf(fill, sizeof fill, "共%d人，已报%d人，%s", a->capacity, a->fill.confirmed_people,
                 left);
    else
        snprintf(fill, sizeof fill, "名额不限，已报%d人", a->fill.confirmed_people);
    /* who is coming, in the way neighbours count: households */
    if (a->fill.confirmed_signups > 0) {
        char who[600];
        snprintf(who, sizeof who, "已有%d户%s%s", a->fill.confirmed_signups, *st->rooms ? "：" : "",
                 st->rooms);
        info_line(app, c, "报名", who);
    }
    if (a->fill.waiting_signups > 0)
        snprintf(fill + strlen(fill), sizeof fill - strlen(fill), "，%d户在候补",
                 a->fill.waiting_signups);
    info_line(app, c, "名额", fill);
    char party[64];
    snprintf(party, sizeof party, "每户最多报%d人", a->max_party);
    info_line(app, c, "每户", party);
}

static void draw_description(App *app, ActivityView *st, Column *c)
{
    if (!st->a.description || !*st->a.description)
        return;
    w_section(app, c, "活动介绍", NULL);
    w_paragraph(app, c, st->a.description, THEME_TEXT_BODY, THEME_TEXT);
}

/* The two buttons, side by side; signing up is refused here already when the list has
 * closed, so nobody fills a form for nothing. */
static void draw_actions(App *app, ActivityView *st, SDL_Rect r)
{
    Ui *ui = &app->ui;
    int gap = theme_size_px(app->gfx, THEME_SIZE_GAP_M);
    int w = (r.w - gap) * 3 / 5;
    const Activity *a = &st->a;
    int open = activity_signup_open(a, app_time_now(app));
    int full = a->fill.places_left == 0 && a->no_waitlist;
    SDL_Rect sign = {r.x, r.y, w, r.h};
    if (!open || full) {
        const char *why = !open ? "报名已截止" : "名额已满";
        draw_round_rect(gfx_renderer(app->gfx), sign, theme_size_px(app->gfx, THEME_SIZE_RADIUS),
                        theme_color(THEME_SURFACE_ALT));
        TextStyle st2 = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BUTTON, THEME_TEXT_MUTED);
        st2.align = TEXT_ALIGN_CENTER;
        int h = ui_text_height(ui, why, &st2, sign.w);
        ui_text_style(ui, why, &st2, sign.x, sign.y + (sign.h - h) / 2, sign.w);
    } else if (ui_button(ui, ui_id("activity.signup"), sign,
                         a->fill.places_left == 0 ? "我要报名（候补）" : "我要报名",
                         UI_BUTTON_PRIMARY)) {
        app_open(app, "signup", a->id);
    }
    if (ui_button(ui, ui_id("activity.cancel"), (SDL_Rect){r.x + w + gap, r.y, r.w - w - gap, r.h},
                  "取消报名", UI_BUTTON_SECONDARY))
        app_open(app, "cancel", a->id);
}

static void frame(App *app, void *state, SDL_Rect body)
{
    ActivityView *st = state;
    if (!st->loaded || st->version != app->content_version)
        load(app, st);
    Ui *ui = &app->ui;
    int pad = theme_size_px(app->gfx, THEME_SIZE_GAP_L);
    if (!st->found) {
        Column c = column_make(app, body, pad);
        w_empty(app, &c, "这个活动已经撤下了");
        return;
    }
    int bar = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN) + ui_dp(ui, 24);
    SDL_Rect bar_r = {body.x + pad, body.y + body.h - pad - bar, body.w - 2 * pad, bar};
    SDL_Rect content = {body.x, body.y, body.w, body.h - bar - pad};
    uint64_t id = ui_id("activity.scroll");
    if (body.h >= body.w) {
        Column c = form_fields_begin(app, id, content);
        draw_info(app, st, &c);
        draw_description(app, st, &c);
        form_fields_end(app, id, content, &c);
    } else { /* facts on the left, whole height; the description and the buttons right */
        int half = body.w * 45 / 100;
        SDL_Rect l = {body.x, body.y, half, body.h};
        Column c = form_fields_begin(app, id, l);
        draw_info(app, st, &c);
        form_fields_end(app, id, l, &c);
        bar_r.x = body.x + half + pad / 2;
        bar_r.w = body.x + body.w - pad - bar_r.x;
        SDL_Rect rr = {content.x + half, content.y, content.w - half, content.h};
        uint64_t id2 = ui_id("activity.desc");
        Column d = form_fields_begin(app, id2, rr);
        draw_description(app, st, &d);
        form_fields_end(app, id2, rr, &d);
    }
    draw_actions(app, st, bar_r);
}

const Screen SCREEN_ACTIVITY = {"activity", "活动详情", sizeof(ActivityView), 0, enter,
                                frame,      leave};
