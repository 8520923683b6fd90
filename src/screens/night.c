/* The night frame: nothing at all, or the time and the date in dim warm grey on black,
 * large enough to read across the lobby, and a line saying a touch wakes the screen. */
#include "screens/night.h"

#include "core/timeutil.h"
#include "screens/widgets.h"

#include <stdio.h>
#include <string.h>

/* Dim but readable on black: the time about 5:1, the date and the hint at least 3:1
 * (large text), none bright enough to light the lobby or mark the panel. */
static const SDL_Color NIGHT_TIME = {140, 131, 112, 255};
static const SDL_Color NIGHT_DATE = {118, 111, 96, 255};
static const SDL_Color NIGHT_HINT = {100, 95, 84, 255};

/* 0 .. span .. 0 over period minutes: a triangle wave, so the walk turns at the edges. */
static int tri(int64_t m, int period, int span)
{
    int64_t k = m % (2 * period);
    if (k < 0)
        k += 2 * period;
    int64_t v = k < period ? k : 2 * period - k;
    return (int)(v * span / period);
}

SDL_Point night_clock_place(int64_t m, int W, int H, int w, int h, int margin)
{
    int spanx = W - w - 2 * margin, spany = H - h - 2 * margin;
    if (spanx < 0)
        spanx = 0;
    if (spany < 0)
        spany = 0;
    /* coprime periods of several hours: the block visits the whole area over a few
     * nights, and moves about a pixel or two a minute */
    SDL_Point p = {margin + tri(m, 331, spanx), margin + tri(m, 257, spany)};
    if (W - w < 2 * margin)
        p.x = (W - w) / 2;
    if (H - h < 2 * margin)
        p.y = (H - h) / 2;
    return p;
}

void night_draw(App *app)
{
    gfx_clear(app->gfx, (SDL_Color){0, 0, 0, 255});
    if (app->cfg.night_mode != CONFIG_NIGHT_CLOCK)
        return;
    Ui *ui = &app->ui;
    int W = gfx_width(app->gfx), H = gfx_height(app->gfx);
    int64_t now = app_time_now(app);
    char hm[16], day[64];
    time_format(now, "%H:%M", hm, sizeof hm);
    w_format_day(now, day, sizeof day);
    const char *hint = "轻触屏幕 查看通知";

    TextStyle ts = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_DISPLAY, THEME_TEXT);
    ts.px = ui_dp(ui, 260);
    ts.color = NIGHT_TIME;
    ts.transient = 1; /* a large texture every minute of the night: only the current one stays */
    TextStyle ds = ts;
    ds.px = ui_dp(ui, 64);
    ds.color = NIGHT_DATE;
    TextStyle hs = ts;
    hs.px = ui_dp(ui, 44);
    hs.color = NIGHT_HINT;
    hs.transient = 0;
    /* the block's width is that of the widest time, so the layout does not jump */
    int tw = text_measure(app->text, "00:00", 5, &ts);
    int dw = text_measure(app->text, day, strlen(day), &ds);
    int hw = text_measure(app->text, hint, strlen(hint), &hs);
    int bw = tw;
    if (dw > bw)
        bw = dw;
    if (hw > bw)
        bw = hw;
    int th = ui_text_height(ui, hm, &ts, 0), dh = ui_text_height(ui, day, &ds, 0);
    int hh = ui_text_height(ui, hint, &hs, 0), gap = ui_dp(ui, 24);
    int bh = th + gap + dh + gap * 3 + hh;
    SDL_Point p = night_clock_place(now / 60, W, H, bw, bh, ui_dp(ui, 48));
    ts.align = ds.align = hs.align = TEXT_ALIGN_CENTER;
    ui_text_style(ui, hm, &ts, p.x, p.y, bw);
    ui_text_style(ui, day, &ds, p.x, p.y + th + gap, bw);
    ui_text_style(ui, hint, &hs, p.x, p.y + th + gap + dh + gap * 3, bw);
}
