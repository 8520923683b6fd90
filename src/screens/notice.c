/* One notice: category chip, title, date and author, then the body set for elderly
 * readers: larger type, generous line spacing, a reading measure of about 30
 * characters, space between paragraphs. The body scrolls with momentum; only its
 * visible lines are drawn (reading.h), so a body of thousands of characters is cheap. */
#include "screens/reading.h"
#include "screens/screens.h"
#include "screens/widgets.h"

#include "core/reason.h"
#include "core/timeutil.h"
#include "store/notice.h"
#include "ui/draw.h"

#include <stdio.h>
#include <string.h>

#define BODY_SCALE    1.18f /* body type a little larger than list text */
#define BODY_SPACING  1.4f
#define MEASURE_CHARS 30
#define MEASURE_LAND  36

typedef struct {
    Notice n;
    int found;
    int64_t id;
    ReadingText body;
    int version;
    int loaded;
} NoticeView;

static void unload(NoticeView *v)
{
    if (v->found)
        notice_deinit(&v->n);
    reading_free(&v->body);
    v->found = 0;
}

static void load(App *app, NoticeView *v)
{
    unload(v);
    if (store_notice_get(app->store, v->id, &v->n) == 0)
        v->found = 1;
    v->version = app->content_version;
    v->loaded = 1;
}

static void enter(App *app, void *state, int64_t param)
{
    NoticeView *v = state;
    v->id = param;
    load(app, v);
}

static void leave(App *app, void *state)
{
    (void)app;
    unload(state);
}

static void frame(App *app, void *state, SDL_Rect body)
{
    NoticeView *v = state;
    if (!v->loaded || v->version != app->content_version)
        load(app, v);
    Ui *ui = &app->ui;
    int pad = theme_size_px(app->gfx, THEME_SIZE_GAP_L);
    if (!v->found) {
        Column c = column_make(app, body, pad);
        c.y += pad;
        w_empty(app, &c, "这条通知已经撤下了");
        return;
    }
    const Notice *n = &v->n;
    TextStyle bs = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT);
    bs.px = (int)((float)bs.px * BODY_SCALE + 0.5f);
    bs.line_spacing = BODY_SPACING;
    int landscape = body.w > body.h;
    int avail = body.w - 2 * pad;
    int w = reading_measure(app, &bs, landscape ? MEASURE_LAND : MEASURE_CHARS, avail);
    int x = body.x + (body.w - w) / 2;

    uint64_t id = ui_id_n("notice.scroll", n->id);
    UiScroll *prev = ui_scroll_state(ui, id);
    int off = ui_scroll_begin(ui, id, body, prev ? prev->content : body.h);
    Column c = {x, body.y + pad - off, w, theme_size_px(app->gfx, THEME_SIZE_GAP_M)};
    int top = c.y;

    int urgent = strcmp(n->category, NOTICE_URGENT) == 0;
    TextStyle cs = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_CAPTION, THEME_ON_PRIMARY);
    SDL_Rect chip = column_take(&c, ui_text_height(ui, n->category, &cs, 0) + ui_dp(ui, 8));
    int cw = w_chip(app, chip.x, chip.y, n->category, urgent ? THEME_URGENT : THEME_PRIMARY,
                    THEME_ON_PRIMARY);
    if (n->pinned)
        w_chip(app, chip.x + cw + ui_dp(ui, 12), chip.y, "置顶", THEME_SURFACE_ALT, THEME_TEXT);

    w_paragraph(app, &c, n->title, THEME_TEXT_TITLE, urgent ? THEME_URGENT : THEME_TEXT);

    char meta[256], day[64], hm[16];
    w_format_day(n->publish_at, day, sizeof day);
    time_format(n->publish_at, "%H:%M", hm, sizeof hm);
    int year_now = 0, year_pub = 0;
    char y1[8], y2[8];
    time_format(app_time_now(app), "%Y", y1, sizeof y1);
    time_format(n->publish_at, "%Y", y2, sizeof y2);
    sscanf(y1, "%d", &year_now);
    sscanf(y2, "%d", &year_pub);
    snprintf(meta, sizeof meta, "%s%s%s %s · %s", year_pub != year_now ? y2 : "",
             year_pub != year_now ? "年" : "", day, hm,
             n->author && *n->author ? n->author : "楼组");
    w_paragraph(app, &c, meta, THEME_TEXT_CAPTION, THEME_TEXT_MUTED);
    if (n->expires_at) {
        char until[96], when[64];
        w_format_day_time(n->expires_at, when, sizeof when);
        snprintf(until, sizeof until, "有效期至 %s", when);
        w_paragraph(app, &c, until, THEME_TEXT_CAPTION, THEME_TEXT_MUTED);
    }
    SDL_Rect rule = column_take(&c, ui_dp(ui, 3));
    draw_rect(gfx_renderer(app->gfx), rule, theme_color(urgent ? THEME_URGENT : THEME_ACCENT));

    int bh = reading_layout(app, &v->body, n->body, &bs, w, bs.px * 3 / 4);
    SDL_Rect br = column_take(&c, bh);
    reading_draw(app, &v->body, &bs, br.x, br.y, body, 0);

    c.y += pad;
    ui_scroll_state(ui, id)->content = c.y - top + 2 * pad;
    ui_scroll_end(ui);
}

const Screen SCREEN_NOTICE = {"notice", "通知详情", sizeof(NoticeView), 0, enter, frame, leave};
