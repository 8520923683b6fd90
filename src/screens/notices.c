/* Notices: category tabs (全部 and every category) as big chips, and the list, pinned
 * first and then newest, that scrolls with momentum; a tap opens the notice. The tabs
 * run across the top and wrap to a second row in portrait. */
#include "screens/reading.h"
#include "screens/screens.h"
#include "screens/widgets.h"

#include "core/reason.h"
#include "store/notice.h"
#include "ui/draw.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    NoticeList list;
    int tab; /* 0: 全部; i + 1: NOTICE_CATEGORIES[i] */
    int loaded_tab;
    int version;
    int loaded;
} Notices;

static const char *tab_label(int tab)
{
    return tab == 0 ? "全部" : NOTICE_CATEGORIES[tab - 1];
}

static void load(App *app, Notices *n)
{
    notice_list_free(&n->list);
    NoticeQuery q = {.category = n->tab ? NOTICE_CATEGORIES[n->tab - 1] : NULL};
    if (store_notice_list(app->store, &q, &n->list) < 0)
        app_toast(app, reason_text(store_reason(app->store)));
    n->loaded_tab = n->tab;
    n->version = app->content_version;
    n->loaded = 1;
}

static void enter(App *app, void *state, int64_t param)
{
    (void)param;
    load(app, state);
}

static void leave(App *app, void *state)
{
    (void)app;
    notice_list_free(&((Notices *)state)->list);
}

/* One tab chip: filled when selected, outlined otherwise. */
static int draw_tab(App *app, int tab, int selected, SDL_Rect r)
{
    Ui *ui = &app->ui;
    int held = 0;
    int tapped = ui_pressable(ui, ui_id_n("notices.tab", tab), r, &held);
    SDL_Renderer *ren = gfx_renderer(app->gfx);
    ThemeColor fg = THEME_PRIMARY;
    if (selected) {
        draw_round_rect(ren, r, r.h / 2, theme_color(THEME_PRIMARY));
        fg = THEME_ON_PRIMARY;
    } else {
        draw_round_rect(ren, r, r.h / 2, theme_color(THEME_SURFACE));
        draw_round_rect_outline(ren, r, r.h / 2, theme_size_px(app->gfx, THEME_SIZE_BORDER),
                                theme_color(tab == 1 ? THEME_URGENT : THEME_DIVIDER));
        if (tab == 1)
            fg = THEME_URGENT;
    }
    if (held)
        draw_round_rect(ren, r, r.h / 2, theme_color(THEME_PRESSED));
    TextStyle st = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BUTTON, fg);
    st.align = TEXT_ALIGN_CENTER;
    st.max_lines = 1;
    const char *label = tab_label(tab);
    int th = ui_text_height(ui, label, &st, r.w);
    ui_text_style(ui, label, &st, r.x, r.y + (r.h - th) / 2, r.w);
    return tapped;
}

static int tab_width(App *app, int tab)
{
    TextStyle st = theme_text_style(&app->ui.theme, app->gfx, THEME_TEXT_BUTTON, THEME_TEXT);
    const char *label = tab_label(tab);
    return text_measure(app->text, label, strlen(label), &st) + 2 * ui_dp(&app->ui, 36);
}

/* Lays the tabs out in area, flowing left to right and wrapping (vertical: one per
 * row). Draws them when draw is set. Returns the height used. */
static int layout_tabs(App *app, Notices *n, SDL_Rect area, int vertical, int draw)
{
    int gap = theme_size_px(app->gfx, THEME_SIZE_GAP_S);
    int h = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN);
    int x = area.x, y = area.y;
    for (int t = 0; t <= (int)NOTICE_CATEGORY_COUNT; t++) {
        int w = vertical ? area.w : tab_width(app, t);
        if (w > area.w)
            w = area.w;
        if (x > area.x && x + w > area.x + area.w) {
            x = area.x;
            y += h + gap;
        }
        if (draw && draw_tab(app, t, t == n->tab, (SDL_Rect){x, y, w, h})) {
            n->tab = t;
            UiScroll *s = ui_scroll_state(&app->ui, ui_id("notices.scroll"));
            if (s) {
                s->offset = 0;
                s->velocity = 0;
            }
        }
        if (vertical)
            y += h + gap;
        else
            x += w + gap;
    }
    return vertical ? y - gap - area.y : y + h - area.y;
}

static void draw_list(App *app, Notices *n, SDL_Rect view, int pad)
{
    Ui *ui = &app->ui;
    uint64_t id = ui_id("notices.scroll");
    UiScroll *prev = ui_scroll_state(ui, id);
    int off = ui_scroll_begin(ui, id, view, prev ? prev->content : view.h);
    Column c = column_make(app, (SDL_Rect){view.x, view.y - off, view.w, view.h}, pad);
    int top = c.y;
    if (n->list.count == 0) {
        char line[128];
        snprintf(line, sizeof line, n->tab ? "“%s”分类下暂时没有通知" : "暂时没有通知",
                 tab_label(n->tab));
        w_empty(app, &c, line);
    }
    for (size_t i = 0; i < n->list.count; i++) {
        const Notice *it = &n->list.items[i];
        char sub[256], day[64];
        w_format_day(it->publish_at, day, sizeof day);
        snprintf(sub, sizeof sub, "%s%s · %s", it->pinned ? "置顶 · " : "", day,
                 it->author && *it->author ? it->author : "楼组");
        int urgent = strcmp(it->category, NOTICE_URGENT) == 0;
        SDL_Rect r = {c.x, c.y, c.w, reading_row_height(app, c.w, it->category, it->title, sub)};
        if (!reading_visible(r, view)) {
            column_take(&c, r.h); /* measured, not drawn */
            continue;
        }
        if (w_row(app, &c, ui_id_n("notices.row", it->id), it->category,
                  urgent ? THEME_URGENT : THEME_PRIMARY, it->title, sub))
            app_open(app, "notice", it->id);
    }
    ui_scroll_state(ui, id)->content = c.y - top + pad;
    ui_scroll_end(ui);
}

static void frame(App *app, void *state, SDL_Rect body)
{
    Notices *n = state;
    if (!n->loaded || n->version != app->content_version || n->loaded_tab != n->tab)
        load(app, n);
    int pad = theme_size_px(app->gfx, THEME_SIZE_GAP_L);
    /* the tabs are drawn after the list: a script's tap "公约" finds the last drawn
     * label, which must be the tab, not a row's chip. Landscape has the same tabs across the top
     * (one row) and the list in a readable width. */
    int max_w = ui_dp(&app->ui, 1560);
    int w = body.w > max_w ? max_w : body.w;
    int x = body.x + (body.w - w) / 2;
    SDL_Rect tabs = {x + pad, body.y + pad / 2 + pad / 4, w - 2 * pad, 0};
    int th = layout_tabs(app, n, tabs, 0, 0);
    int top = tabs.y + th + pad / 4;
    draw_list(app, n, (SDL_Rect){x, top, w, body.y + body.h - top}, pad);
    draw_rect(gfx_renderer(app->gfx), (SDL_Rect){body.x, body.y, body.w, top - body.y},
              theme_color(THEME_BG));
    draw_rect(gfx_renderer(app->gfx), (SDL_Rect){body.x, top, body.w, ui_dp(&app->ui, 2)},
              theme_color(THEME_DIVIDER));
    layout_tabs(app, n, tabs, 0, 1);
}

const Screen SCREEN_NOTICES = {"notices", "通知公告", sizeof(Notices), 0, enter, frame, leave};
