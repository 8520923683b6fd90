/* Attract mode: after the idle time, a slow slideshow that alternates notices (urgent
 * ones first, then the pinned; big title and the first lines) with portraits from the
 * 笑脸墙, one slide every
 * SLIDE_MS with a gentle fade through the page colour. Between fades nothing moves:
 * the screen asks the app to wake it for the next fade (app->wake_at_ms) and the kiosk
 * sleeps. A touch anywhere wakes the kiosk (app.c) and goes home. */
#include "screens/screens.h"
#include "screens/widgets.h"

#include "core/timeutil.h"
#include "store/notice.h"
#include "store/photo.h"
#include "ui/draw.h"

#include <stdio.h>
#include <string.h>

#define SLIDE_MS      8000u
#define FADE_MS       1200u /* half fading out, half fading in */
#define NOTICES_MAX   6
#define PORTRAITS_MAX 30

typedef struct {
    NoticeList notices; /* urgent, then pinned ones (or the newest when neither) */
    PhotoList faces;
    uint32_t start_ms;
    int started;
} Attract;

static void enter(App *app, void *state, int64_t param)
{
    (void)param;
    Attract *a = state;
    NoticeList all = {0};
    NoticeQuery q = {.limit = 40};
    if (store_notice_list(app->store, &q, &all) == 0) {
        /* an urgent notice (a water cut) leads, then the pinned ones (the list has them
         * first), or the newest few when nothing is either */
        size_t n = 0;
        for (int pass = 0; pass < 2; pass++)
            for (size_t i = n; i < all.count && n < NOTICES_MAX; i++) {
                int urgent = strcmp(all.items[i].category, NOTICE_URGENT) == 0;
                if (pass == 0 ? !urgent : !all.items[i].pinned)
                    continue;
                Notice t = all.items[n];
                all.items[n++] = all.items[i];
                all.items[i] = t;
            }
        if (n == 0)
            n = all.count < 3 ? all.count : 3;
        for (size_t i = n; i < all.count; i++)
            notice_deinit(&all.items[i]);
        all.count = n;
        a->notices = all;
    }
    Album wall;
    if (store_album_find(app->store, "笑脸墙", &wall) == 0) {
        PhotoQuery pq = {.album_id = wall.id, .limit = PORTRAITS_MAX};
        store_photo_list(app->store, &pq, &a->faces);
        album_deinit(&wall);
    }
}

static void leave(App *app, void *state)
{
    (void)app;
    Attract *a = state;
    notice_list_free(&a->notices);
    photo_list_free(&a->faces);
}

static void draw_top(App *app, SDL_Rect r)
{
    Ui *ui = &app->ui;
    char hm[16], day[64], line[256];
    int64_t now = app_time_now(app);
    time_format(now, "%H:%M", hm, sizeof hm);
    w_format_day(now, day, sizeof day);
    snprintf(line, sizeof line, "%s    %s %s", app->building_name, day, hm);
    TextStyle st = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_SUBTITLE, THEME_TEXT_MUTED);
    st.align = TEXT_ALIGN_CENTER;
    st.max_lines = 1;
    st.transient = 1; /* the time: a new string every minute */
    ui_text_style(ui, line, &st, r.x, r.y, r.w);
}

static void draw_notice(App *app, const Notice *n, SDL_Rect r)
{
    Ui *ui = &app->ui;
    int landscape = r.w > r.h;
    int w = r.w - 2 * ui_dp(ui, 96);
    if (w > ui_dp(ui, 1400))
        w = ui_dp(ui, 1400);
    int x = r.x + (r.w - w) / 2;
    int urgent = strcmp(n->category, NOTICE_URGENT) == 0;
    TextStyle ts = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_DISPLAY,
                                    urgent ? THEME_URGENT : THEME_TEXT);
    ts.px = ts.px * 9 / 10;
    ts.max_lines = 3;
    ts.line_spacing = 1.15f;
    TextStyle bs = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_SUBTITLE, THEME_TEXT);
    bs.face = FONT_SANS;
    bs.line_spacing = 1.45f;
    bs.max_lines = landscape ? 4 : 7;
    TextStyle ms = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT_MUTED);
    char meta[192], day[64];
    w_format_day(n->publish_at, day, sizeof day);
    snprintf(meta, sizeof meta, "%s · %s", day, n->author && *n->author ? n->author : "楼组");
    TextStyle cs = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_CAPTION, THEME_ON_PRIMARY);
    int gap = ui_dp(ui, 40);
    int ch = ui_text_height(ui, n->category, &cs, 0) + ui_dp(ui, 8);
    int th = ui_text_height(ui, n->title, &ts, w);
    int bh = ui_text_height(ui, n->body, &bs, w);
    int mh = ui_text_height(ui, meta, &ms, w);
    int total = ch + gap / 2 + th + gap + bh + gap + mh;
    int y = r.y + (r.h - total) / 2;
    w_chip(app, x, y, n->category, urgent ? THEME_URGENT : THEME_PRIMARY, THEME_ON_PRIMARY);
    y += ch + gap / 2;
    ui_text_style(ui, n->title, &ts, x, y, w);
    y += th + gap / 2;
    draw_rect(gfx_renderer(app->gfx), (SDL_Rect){x, y, ui_dp(ui, 120), ui_dp(ui, 6)},
              theme_color(THEME_ACCENT));
    y += gap / 2;
    ui_text_style(ui, n->body, &bs, x, y, w);
    y += bh + gap;
    ui_text_style(ui, meta, &ms, x, y, w);
}

static void draw_face(App *app, const Photo *p, SDL_Rect r)
{
    Ui *ui = &app->ui;
    int landscape = r.w > r.h;
    int side = landscape ? r.h - ui_dp(ui, 120) : r.w - 2 * ui_dp(ui, 140);
    if (side > ui_dp(ui, 820))
        side = ui_dp(ui, 820);
    /* the caption already says the floor ("5楼 · ..."): the name stands alone */
    const char *who = p->person_name && *p->person_name ? p->person_name : "我们的邻居";
    const char *caption = p->caption && *p->caption ? p->caption : "";
    TextStyle ks = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_SUBTITLE, THEME_TEXT_MUTED);
    TextStyle ns = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_DISPLAY, THEME_TEXT);
    ns.px = ns.px * 3 / 4;
    TextStyle cs = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_SUBTITLE, THEME_TEXT);
    cs.face = FONT_SANS;
    const char *kicker = "笑脸墙 · 认识一下我们的邻居";
    int gap = ui_dp(ui, 32);
    if (landscape) {
        int tw = r.w - side - 3 * ui_dp(ui, 120);
        int x = r.x + (r.w - side - ui_dp(ui, 120) - tw) / 2;
        SDL_Rect photo = {x, r.y + (r.h - side) / 2, side, side};
        screens_draw_photo(app, p->sha256, photo, 0);
        int tx = x + side + ui_dp(ui, 120);
        int kh = ui_text_height(ui, kicker, &ks, tw), nh = ui_text_height(ui, who, &ns, tw);
        int chh = ui_text_height(ui, caption, &cs, tw);
        int y = r.y + (r.h - kh - nh - chh - 2 * gap) / 2;
        ui_text_style(ui, kicker, &ks, tx, y, tw);
        ui_text_style(ui, who, &ns, tx, y + kh + gap, tw);
        ui_text_style(ui, caption, &cs, tx, y + kh + nh + 2 * gap, tw);
        return;
    }
    ks.align = ns.align = cs.align = TEXT_ALIGN_CENTER;
    int tw = r.w - 2 * ui_dp(ui, 96);
    int kh = ui_text_height(ui, kicker, &ks, tw), nh = ui_text_height(ui, who, &ns, tw);
    int chh = ui_text_height(ui, caption, &cs, tw);
    int total = kh + gap + side + 2 * gap + nh + gap + chh;
    int y = r.y + (r.h - total) / 2;
    int tx = r.x + (r.w - tw) / 2;
    ui_text_style(ui, kicker, &ks, tx, y, tw);
    y += kh + gap;
    screens_draw_photo(app, p->sha256, (SDL_Rect){r.x + (r.w - side) / 2, y, side, side}, 0);
    y += side + 2 * gap;
    ui_text_style(ui, who, &ns, tx, y, tw);
    ui_text_style(ui, caption, &cs, tx, y + nh + gap, tw);
}

/* Slide k: notices and portraits alternate; when one kind is missing, the other runs. */
static void draw_slide(App *app, Attract *a, uint32_t k, SDL_Rect r)
{
    size_t nn = a->notices.count, np = a->faces.count;
    int face = nn == 0 || (np > 0 && k % 2 == 1);
    if (face && np)
        draw_face(app, &a->faces.items[(nn ? k / 2 : k) % np], r);
    else if (nn)
        draw_notice(app, &a->notices.items[(np ? k / 2 : k) % nn], r);
}

static void frame(App *app, void *state, SDL_Rect body)
{
    Attract *a = state;
    Ui *ui = &app->ui;
    if (!a->started) {
        a->start_ms = app->now_ms;
        a->started = 1;
    }
    uint32_t t = app->now_ms - a->start_ms;
    uint32_t k = t / SLIDE_MS, phase = t % SLIDE_MS;
    SDL_Renderer *ren = gfx_renderer(app->gfx);
    draw_rect(ren, body, theme_color(THEME_BG));

    /* nothing stands still for the hours the slideshow runs (burn-in): the building
     * line, the slides and the invitation drift together a pixel a minute */
    int dx, dy;
    app_drift(app, ui_dp(ui, 24), ui_dp(ui, 16), &dx, &dy);
    int top_h = ui_dp(ui, 120), bottom_h = ui_dp(ui, 200);
    draw_top(app, (SDL_Rect){body.x + dx, body.y + ui_dp(ui, 48) + dy, body.w, top_h});
    SDL_Rect stage = {body.x + dx, body.y + top_h + dy, body.w, body.h - top_h - bottom_h};
    draw_slide(app, a, k, stage);

    /* fade: the page colour rises over the end of a slide and falls over the start of
     * the next, so one slide dissolves into the other without a hard cut */
    uint32_t half = FADE_MS / 2;
    int alpha = 0;
    if (phase < half && t >= half)
        alpha = (int)(255u * (half - phase) / half);
    else if (phase >= SLIDE_MS - half)
        alpha = (int)(255u * (phase - (SLIDE_MS - half)) / half);
    if (alpha > 0) {
        SDL_Color c = theme_color(THEME_BG);
        c.a = (Uint8)alpha;
        draw_rect(ren, stage, c);
        ui->animating = 1;
    } else {
        app->wake_at_ms = a->start_ms + k * SLIDE_MS + SLIDE_MS - half;
    }

    /* the invitation, in a band across the bottom */
    SDL_Rect band = {body.x, body.y + body.h - bottom_h + dy, body.w, bottom_h + ui_dp(ui, 16)};
    draw_rect(ren, band, theme_color(THEME_PRIMARY));
    TextStyle st = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_TITLE, THEME_ON_PRIMARY);
    st.align = TEXT_ALIGN_CENTER;
    const char *hint = "轻触屏幕开始使用";
    int h = ui_text_height(ui, hint, &st, band.w);
    ui_text_style(ui, hint, &st, band.x + dx, band.y + (bottom_h - h) / 2, band.w);
}

const Screen SCREEN_ATTRACT = {"attract", NULL, sizeof(Attract), 0, enter, frame, leave};
