/* Activities and teams: one-off events by date, then the standing teams, each a card
 * with its time or schedule, place and places left; a tap opens the detail. In
 * landscape the events and the teams stand in two columns side by side. */
#include "screens/screens.h"

#include "screens/form.h"
#include "screens/widgets.h"

#include "store/activity.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    ActivityList list;
    int version;
    int loaded;
} Activities;

static void load(App *app, Activities *st)
{
    activity_list_free(&st->list);
    store_activity_list(app->store, NULL, &st->list);
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
    activity_list_free(&((Activities *)state)->list);
}

static void draw_one(App *app, Column *c, const Activity *a)
{
    char when[96], left[48], sub[256];
    if (a->kind == ACTIVITY_EVENT && a->starts_at)
        w_format_day_time(a->starts_at, when, sizeof when);
    else
        snprintf(when, sizeof when, "%s", a->schedule ? a->schedule : "");
    form_places_left(a->fill.places_left, a->no_waitlist, left, sizeof left);
    snprintf(sub, sizeof sub, "%s · %s · %s", when, a->place ? a->place : "", left);
    ThemeColor chip = a->fill.places_left == 0 ? THEME_WARNING : THEME_SUCCESS;
    if (w_row(app, c, ui_id_n("activities.row", a->id), a->kind == ACTIVITY_TEAM ? "团队" : "活动",
              chip, a->title, sub))
        app_open(app, "activity", a->id);
}

/* One column of a kind: events or teams, with its heading. */
static void draw_kind(App *app, Activities *st, Column *c, ActivityKind kind)
{
    w_section(app, c, kind == ACTIVITY_EVENT ? "近期活动" : "长期团队", NULL);
    size_t shown = 0;
    for (size_t i = 0; i < st->list.count; i++)
        if (st->list.items[i].kind == kind) {
            draw_one(app, c, &st->list.items[i]);
            shown++;
        }
    if (!shown)
        w_empty(app, c, kind == ACTIVITY_EVENT ? "近期没有活动，过几天再来看看" : "还没有团队");
}

static void scrolled(App *app, Activities *st, SDL_Rect area, const char *key, int kinds)
{
    uint64_t id = ui_id(key);
    Column c = form_fields_begin(app, id, area);
    if (kinds & 1)
        draw_kind(app, st, &c, ACTIVITY_EVENT);
    if (kinds & 2)
        draw_kind(app, st, &c, ACTIVITY_TEAM);
    form_fields_end(app, id, area, &c);
}

static void frame(App *app, void *state, SDL_Rect body)
{
    Activities *st = state;
    if (!st->loaded || st->version != app->content_version)
        load(app, st);
    if (body.h >= body.w) {
        scrolled(app, st, body, "activities.scroll", 3);
    } else {
        int half = body.w / 2;
        scrolled(app, st, (SDL_Rect){body.x, body.y, half, body.h}, "activities.events", 1);
        scrolled(app, st, (SDL_Rect){body.x + half, body.y, body.w - half, body.h},
                 "activities.teams", 2);
    }
}

const Screen SCREEN_ACTIVITIES = {"activities", "活动报名", sizeof(Activities), 0, enter,
                                  frame,        leave};
