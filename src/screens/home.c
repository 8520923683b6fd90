/* Home: the building's name and theme, date and time, pinned and urgent notices,
 * this month's health tip, the next activities with places left, a strip of smiling
 * faces and big tiles into every section. Portrait stacks everything in one column;
 * landscape puts the news on the left and the tiles on the right. */
#include "screens/screens.h"
#include "screens/widgets.h"

#include "core/timeutil.h"
#include "store/activity.h"
#include "store/health.h"
#include "store/kiosk.h"
#include "store/notice.h"
#include "store/photo.h"
#include "ui/draw.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    NoticeList notices;
    HealthTipList tips;
    ActivityList activities;
    PhotoList faces;
    char theme[64];
    int version;
    int loaded;
} Home;

/* The tiles: label, screen, a one-line hint. Data, not branches. */
static const struct {
    const char *label, *screen, *hint;
} TILES[] = {
    {"通知公告", "notices", "公约 · 倡议"}, {"健康专栏", "health", "贴士 · 答疑"},
    {"笑脸墙", "photos", "认识邻居"},       {"活动报名", "activities", "活动 · 团队"},
    {"意向征询", "polls", "每户一票"},      {"微心愿", "wishes", "邻里互助"},
    {"意见建议", "suggest", "写给居委会"},  {"问问医生", "question", "健康问题"},
    {"值守排班", "roster", "楼道值班"},     {"联系我们", "contacts", "居委 · 物业"},
    {"查询回执", "receipt", "办得怎么样"},
};
#define TILE_COUNT (sizeof TILES / sizeof TILES[0])

static void unload(Home *h)
{
    notice_list_free(&h->notices);
    health_tip_list_free(&h->tips);
    activity_list_free(&h->activities);
    photo_list_free(&h->faces);
    h->loaded = 0;
}

static void load(App *app, Home *h)
{
    unload(h);
    NoticeQuery nq = {.limit = 4};
    store_notice_list(app->store, &nq, &h->notices);
    store_tip_for_month(app->store, NULL, &h->tips);
    ActivityQuery aq = {.limit = 3};
    store_activity_list(app->store, &aq, &h->activities);
    Album wall;
    if (store_album_find(app->store, "笑脸墙", &wall) == 0) {
        PhotoQuery pq = {.album_id = wall.id, .limit = 12};
        store_photo_list(app->store, &pq, &h->faces);
        album_deinit(&wall);
    }
    KioskInfo k;
    if (store_kiosk_get(app->store, &k) == 0) {
        snprintf(h->theme, sizeof h->theme, "%s", k.theme ? k.theme : "");
        kiosk_info_deinit(&k);
    }
    h->version = app->content_version;
    h->loaded = 1;
}

static void enter(App *app, void *state, int64_t param)
{
    (void)param;
    load(app, state);
}

static void leave(App *app, void *state)
{
    (void)app;
    unload(state);
}

static void draw_clock(App *app, Home *h, Column *c)
{
    Ui *ui = &app->ui;
    int64_t now = app_time_now(app);
    char hm[16], day[64], line[160];
    time_format(now, "%H:%M", hm, sizeof hm);
    w_format_day(now, day, sizeof day);
    TextStyle big = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_DISPLAY, THEME_TEXT);
    big.transient = 1; /* a new string every minute: the cache keeps the current one */
    int bh = ui_text_height(ui, hm, &big, 0);
    SDL_Rect r = column_take(c, bh);
    int bw = text_measure(app->text, hm, strlen(hm), &big);
    ui_text_style(ui, hm, &big, r.x, r.y, 0);
    snprintf(line, sizeof line, "%s", day);
    int x = r.x + bw + ui_dp(ui, 32);
    TextStyle sub = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_SUBTITLE, THEME_TEXT);
    sub.transient = 1; /* today's date */
    int sh = ui_text_height(ui, line, &sub, 0);
    ui_text_style(ui, line, &sub, x, r.y + bh / 2 - sh, r.w - (x - r.x));
    if (h->theme[0]) {
        snprintf(line, sizeof line, "美丽楼组 · %s", h->theme);
        TextStyle th = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT_MUTED);
        ui_text_style(ui, line, &th, x, r.y + bh / 2 + ui_dp(ui, 4), r.w - (x - r.x));
    }
}

static void draw_notices(App *app, Home *h, Column *c)
{
    if (w_section(app, c, "最新通知", "全部 ›"))
        app_open(app, "notices", 0);
    if (h->notices.count == 0)
        w_empty(app, c, "暂时没有通知");
    for (size_t i = 0; i < h->notices.count && i < 2; i++) {
        const Notice *n = &h->notices.items[i];
        char sub[96];
        w_format_day(n->publish_at, sub, sizeof sub);
        ThemeColor chip = strcmp(n->category, NOTICE_URGENT) == 0 ? THEME_URGENT : THEME_PRIMARY;
        if (n->pinned && chip != THEME_URGENT)
            snprintf(sub + strlen(sub), sizeof sub - strlen(sub), " · 置顶");
        if (w_row(app, c, ui_id_n("home.notice", n->id), n->category, chip, n->title, sub))
            app_open(app, "notice", n->id);
    }
}

static void draw_tip(App *app, Home *h, Column *c)
{
    if (w_section(app, c, "本月健康小贴士", "健康专栏 ›"))
        app_open(app, "health", 0);
    if (h->tips.count == 0) {
        w_empty(app, c, "本月的小贴士还没写好");
        return;
    }
    const HealthTip *t = &h->tips.items[0];
    Ui *ui = &app->ui;
    int pad = ui_dp(ui, 28);
    TextStyle ts = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_SUBTITLE, THEME_INK);
    ts.face = FONT_KAI;
    TextStyle bs = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_INK);
    bs.face = FONT_KAI;
    bs.max_lines = 2;
    int w = c->w - 2 * pad;
    /* a tip that is only a photo of the doctor's page says so instead of an empty line */
    const char *body = *t->body || !t->photo_sha256[0] ? t->body : "医生的手写稿，点开看照片";
    int th = ui_text_height(ui, t->title, &ts, w), bh = ui_text_height(ui, body, &bs, w);
    SDL_Rect r = column_take(c, th + bh + 3 * pad / 2 + pad / 2);
    int held = 0;
    int tapped = ui_pressable(ui, ui_id("home.tip"), r, &held);
    int radius = theme_size_px(app->gfx, THEME_SIZE_RADIUS);
    draw_round_rect(gfx_renderer(app->gfx), r, radius, theme_color(THEME_PAPER));
    if (held)
        draw_round_rect(gfx_renderer(app->gfx), r, radius, theme_color(THEME_PRESSED));
    ui_text_style(ui, t->title, &ts, r.x + pad, r.y + pad, w);
    ui_text_style(ui, body, &bs, r.x + pad, r.y + pad + th + pad / 2, w);
    if (tapped)
        app_open(app, "health", 0);
}

static void draw_activities(App *app, Home *h, Column *c)
{
    if (w_section(app, c, "近期活动", "去报名 ›"))
        app_open(app, "activities", 0);
    if (h->activities.count == 0)
        w_empty(app, c, "近期没有活动");
    for (size_t i = 0; i < h->activities.count; i++) {
        const Activity *a = &h->activities.items[i];
        char sub[160], when[64], left[48];
        if (a->starts_at)
            w_format_day_time(a->starts_at, when, sizeof when);
        else
            snprintf(when, sizeof when, "%s", a->schedule);
        if (a->fill.places_left < 0)
            snprintf(left, sizeof left, "名额不限");
        else if (a->fill.places_left == 0)
            snprintf(left, sizeof left, a->no_waitlist ? "已满" : "已满，可候补");
        else
            snprintf(left, sizeof left, "还剩%d个名额", a->fill.places_left);
        snprintf(sub, sizeof sub, "%s · %s · %s", when, a->place, left);
        ThemeColor chip = a->fill.places_left == 0 ? THEME_WARNING : THEME_SUCCESS;
        if (w_row(app, c, ui_id_n("home.activity", a->id),
                  a->kind == ACTIVITY_TEAM ? "团队" : "活动", chip, a->title, sub))
            app_open(app, "activity", a->id);
    }
}

/* A strip of smiling faces: initials in coloured circles until the photo layer draws
 * the portraits themselves (screens_draw_photo). */
static void draw_faces(App *app, Home *h, Column *c)
{
    if (w_section(app, c, "笑脸墙", "看看邻居 ›"))
        app_open(app, "photos", 0);
    if (h->faces.count == 0)
        return;
    Ui *ui = &app->ui;
    int size = ui_dp(ui, 132), gap = ui_dp(ui, 18);
    SDL_Rect strip = column_take(c, size);
    int n = (strip.w + gap) / (size + gap);
    for (int i = 0; i < n && (size_t)i < h->faces.count; i++) {
        const Photo *p = &h->faces.items[i];
        SDL_Rect r = {strip.x + i * (size + gap), strip.y, size, size};
        screens_draw_photo(app, p->sha256, r, 1);
        if (ui_pressable(ui, ui_id_n("home.face", p->id), r, NULL))
            app_open(app, "photo", p->id);
    }
}

static TextStyle tile_label_style(App *app)
{
    TextStyle label =
        theme_text_style(&app->ui.theme, app->gfx, THEME_TEXT_SUBTITLE, THEME_PRIMARY);
    label.align = TEXT_ALIGN_CENTER;
    label.max_lines = 1;
    label.whole = 1;
    return label;
}

/* Tiles per row in a band w pixels wide: as many as max_cols, as long as every label
 * still fits whole on one line (large text: "通知公告" must never read "通知…"). */
static int tile_columns(App *app, int w, int max_cols)
{
    TextStyle label = tile_label_style(app);
    int gap = theme_size_px(app->gfx, THEME_SIZE_GAP_M), pad = ui_dp(&app->ui, 8);
    int widest = 0;
    for (size_t i = 0; i < TILE_COUNT; i++) {
        int lw = text_measure(app->text, TILES[i].label, strlen(TILES[i].label), &label);
        if (lw > widest)
            widest = lw;
    }
    int cols = max_cols;
    while (cols > 2 && (w - (cols - 1) * gap) / cols < widest + 2 * pad)
        cols--;
    return cols;
}

static void draw_tiles(App *app, SDL_Rect area, int cols)
{
    Ui *ui = &app->ui;
    int gap = theme_size_px(app->gfx, THEME_SIZE_GAP_M);
    int rows = (int)((TILE_COUNT + (size_t)cols - 1) / (size_t)cols);
    int tw = (area.w - (cols - 1) * gap) / cols;
    int th = (area.h - (rows - 1) * gap) / rows;
    TextStyle hint = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_CAPTION, THEME_TEXT_MUTED);
    hint.align = TEXT_ALIGN_CENTER;
    hint.max_lines = 1;
    TextStyle label = tile_label_style(app);
    for (size_t i = 0; i < TILE_COUNT; i++) {
        int col = (int)i % cols, row = (int)i / cols;
        /* a last row that is not full sits in the middle */
        int in_row = (int)TILE_COUNT - row * cols < cols ? (int)TILE_COUNT - row * cols : cols;
        int x0 = area.x + (area.w - (in_row * tw + (in_row - 1) * gap)) / 2;
        SDL_Rect r = {x0 + col * (tw + gap), area.y + row * (th + gap), tw, th};
        if (w_card(app, ui_id(TILES[i].screen), r))
            app_open(app, TILES[i].screen, 0);
        int lh = ui_text_height(ui, TILES[i].label, &label, r.w);
        int hh = ui_text_height(ui, TILES[i].hint, &hint, r.w);
        int bar = ui_dp(ui, 6), pad = ui_dp(ui, 8);
        /* a short tile drops its accent bar, then its hint (large text): never overlap */
        int hinted = lh + hh + 3 * pad <= r.h;
        int barred = hinted && lh + hh + bar + 5 * pad <= r.h;
        int block = lh + (hinted ? hh + pad : 0);
        int y = r.y + (r.h - block) / 2;
        if (barred) {
            draw_rect(
                gfx_renderer(app->gfx),
                (SDL_Rect){r.x + r.w / 2 - ui_dp(ui, 30), r.y + pad + bar, ui_dp(ui, 60), bar},
                theme_color(THEME_ACCENT));
            y += bar;
        }
        ui_text_style(ui, TILES[i].label, &label, r.x + pad, y, r.w - 2 * pad);
        if (hinted)
            ui_text_style(ui, TILES[i].hint, &hint, r.x + pad, y + lh + pad, r.w - 2 * pad);
    }
}

static void draw_status(App *app, SDL_Rect r)
{
    char line[160];
    screens_sync_status(app, line, sizeof line);
    TextStyle st = theme_text_style(&app->ui.theme, app->gfx, THEME_TEXT_CAPTION, THEME_TEXT_MUTED);
    st.align = TEXT_ALIGN_RIGHT;
    st.transient = 1; /* its time of the last sync changes */
    ui_text_style(&app->ui, line, &st, r.x, r.y, r.w);
}

/* The news column (clock, notices, tip, activities, faces), scrolling when it does
 * not fit: in large-text mode it never does. */
static void draw_news(App *app, Home *h, SDL_Rect area, int pad)
{
    Ui *ui = &app->ui;
    uint64_t id = ui_id("home.scroll");
    UiScroll *prev = ui_scroll_state(ui, id);
    int off = ui_scroll_begin(ui, id, area, prev ? prev->content : area.h);
    Column c = column_make(app, (SDL_Rect){area.x, area.y - off, area.w, area.h}, pad);
    int top = c.y;
    draw_clock(app, h, &c);
    draw_notices(app, h, &c);
    draw_tip(app, h, &c);
    draw_activities(app, h, &c);
    draw_faces(app, h, &c);
    ui_scroll_state(ui, id)->content = c.y - top + pad;
    ui_scroll_end(ui);
}

static void frame(App *app, void *state, SDL_Rect body)
{
    Home *h = state;
    if (!h->loaded || h->version != app->content_version)
        load(app, h);
    Ui *ui = &app->ui;
    int pad = theme_size_px(app->gfx, THEME_SIZE_GAP_L);
    TextStyle cap = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_CAPTION, THEME_TEXT_MUTED);
    int status_h = text_line_height(app->text, &cap) + ui_dp(ui, 8);
    if (body.h >= body.w) { /* portrait: news above, rows of tiles (two of five) below */
        int cols = tile_columns(app, body.w - 2 * pad, 5);
        int rows = (int)((TILE_COUNT + (size_t)cols - 1) / (size_t)cols);
        int tiles_h =
            rows * ui_dp(ui, 176) + (rows - 1) * theme_size_px(app->gfx, THEME_SIZE_GAP_M);
        SDL_Rect news = {body.x, body.y, body.w, body.h - tiles_h - pad - status_h};
        draw_news(app, h, news, pad);
        /* a hairline under the scrolling news says there is more above the tiles */
        draw_rect(gfx_renderer(app->gfx), (SDL_Rect){body.x, news.y + news.h, body.w, ui_dp(ui, 2)},
                  theme_color(THEME_DIVIDER));
        draw_tiles(app,
                   (SDL_Rect){body.x + pad, news.y + news.h + pad / 2, body.w - 2 * pad, tiles_h},
                   cols);
        draw_status(
            app, (SDL_Rect){body.x + pad, body.y + body.h - status_h, body.w - 2 * pad, status_h});
    } else { /* landscape: news on the left, rows of three tiles (two in large text) right */
        int left_w = body.w * 58 / 100;
        draw_news(app, h, (SDL_Rect){body.x, body.y, left_w, body.h}, pad);
        SDL_Rect tiles = {body.x + left_w, body.y + pad, body.w - left_w - pad,
                          body.h - 2 * pad - status_h};
        draw_tiles(app, tiles, tile_columns(app, tiles.w, 3));
        draw_status(app,
                    (SDL_Rect){tiles.x, body.y + body.h - status_h - pad / 2, tiles.w, status_h});
    }
}

const Screen SCREEN_HOME = {"home", NULL, sizeof(Home), 0, enter, frame, leave};
