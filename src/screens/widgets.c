/* Shared screen pieces: headings, cards, chips, rows, paragraphs, dates. */
#include "screens/widgets.h"

#include "core/timeutil.h"
#include "ui/draw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const WEEKDAYS[] = {"周日", "周一", "周二", "周三", "周四", "周五", "周六"};

Column column_make(App *app, SDL_Rect area, int pad)
{
    Column c = {area.x + pad, area.y + pad, area.w - 2 * pad,
                theme_size_px(app->gfx, THEME_SIZE_GAP_M)};
    return c;
}

SDL_Rect column_take(Column *c, int h)
{
    SDL_Rect r = {c->x, c->y, c->w, h};
    c->y += h + c->gap;
    return r;
}

int w_section(App *app, Column *c, const char *title, const char *more_label)
{
    Ui *ui = &app->ui;
    TextStyle st = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_SUBTITLE, THEME_TEXT);
    int h = ui_text_height(ui, title, &st, c->w);
    int touch = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN);
    int row = h > touch * 3 / 4 ? h : touch * 3 / 4;
    SDL_Rect r = column_take(c, row);
    draw_rect(gfx_renderer(app->gfx), (SDL_Rect){r.x, r.y + (row - h) / 2, ui_dp(ui, 8), h},
              theme_color(THEME_ACCENT));
    ui_text_style(ui, title, &st, r.x + ui_dp(ui, 24), r.y + (row - h) / 2, r.w / 2);
    if (!more_label)
        return 0;
    /* the link grows with its label: "健康专栏 ›" in large text must stay on one line */
    TextStyle ms = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BUTTON, THEME_PRIMARY);
    int mw = text_measure(app->text, more_label, strlen(more_label), &ms) + ui_dp(ui, 40);
    if (mw < ui_dp(ui, 220))
        mw = ui_dp(ui, 220);
    SDL_Rect more = {r.x + r.w - mw, r.y + (row - touch) / 2, mw, touch};
    return ui_button(ui, ui_id_n(more_label, (int64_t)(uintptr_t)title), more, more_label,
                     UI_BUTTON_QUIET_DARK);
}

int w_card(App *app, uint64_t id, SDL_Rect r)
{
    int held = 0;
    int tapped = ui_pressable(&app->ui, id, r, &held);
    SDL_Renderer *ren = gfx_renderer(app->gfx);
    int radius = theme_size_px(app->gfx, THEME_SIZE_RADIUS);
    draw_round_rect(ren, r, radius, theme_color(THEME_SURFACE));
    if (held)
        draw_round_rect(ren, r, radius, theme_color(THEME_PRESSED));
    return tapped;
}

void w_panel(App *app, SDL_Rect r)
{
    draw_round_rect(gfx_renderer(app->gfx), r, theme_size_px(app->gfx, THEME_SIZE_RADIUS),
                    theme_color(THEME_SURFACE));
}

int w_chip(App *app, int x, int y, const char *label, ThemeColor bg, ThemeColor fg)
{
    Ui *ui = &app->ui;
    TextStyle st = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_CAPTION, fg);
    int tw = text_measure(app->text, label, strlen(label), &st);
    int th = ui_text_height(ui, label, &st, 0);
    int px = ui_dp(ui, 14), py = ui_dp(ui, 4);
    SDL_Rect r = {x, y, tw + 2 * px, th + 2 * py};
    draw_round_rect(gfx_renderer(app->gfx), r, r.h / 2, theme_color(bg));
    ui_text_style(ui, label, &st, x + px, y + py, 0);
    return r.w;
}

int w_row(App *app, Column *c, uint64_t id, const char *chip, ThemeColor chip_bg, const char *title,
          const char *sub)
{
    Ui *ui = &app->ui;
    int pad = ui_dp(ui, 24);
    TextStyle ts = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT);
    ts.max_lines = 2;
    TextStyle ss = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_CAPTION, THEME_TEXT_MUTED);
    ss.max_lines = 2; /* "… · 还剩26个名额": the end of the line matters, one line cut it */
    int chip_w = 0;
    if (chip) {
        TextStyle cs = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_CAPTION, THEME_TEXT);
        chip_w = text_measure(app->text, chip, strlen(chip), &cs) + ui_dp(ui, 28) + pad / 2;
    }
    int tw = c->w - 2 * pad - chip_w;
    int th = ui_text_height(ui, title, &ts, tw);
    int sh = sub && *sub ? ui_text_height(ui, sub, &ss, tw) + ui_dp(ui, 6) : 0;
    int h = th + sh + 2 * ui_dp(ui, 20);
    int touch = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN);
    if (h < touch)
        h = touch;
    SDL_Rect r = column_take(c, h);
    int tapped = w_card(app, id, r);
    int y = r.y + (h - th - sh) / 2;
    if (chip)
        w_chip(app, r.x + pad, y + ui_dp(ui, 4), chip, chip_bg, THEME_ON_PRIMARY);
    ui_text_style(ui, title, &ts, r.x + pad + chip_w, y, tw);
    if (sh)
        ui_text_style(ui, sub, &ss, r.x + pad + chip_w, y + th + ui_dp(ui, 6), tw);
    return tapped;
}

void w_empty(App *app, Column *c, const char *text)
{
    TextStyle st = theme_text_style(&app->ui.theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT_MUTED);
    st.align = TEXT_ALIGN_CENTER;
    int h = ui_text_height(&app->ui, text, &st, c->w);
    SDL_Rect r = column_take(c, h + ui_dp(&app->ui, 32));
    ui_text_style(&app->ui, text, &st, r.x, r.y + ui_dp(&app->ui, 16), r.w);
}

void w_paragraph(App *app, Column *c, const char *text, ThemeText role, ThemeColor color)
{
    TextStyle st = theme_text_style(&app->ui.theme, app->gfx, role, color);
    int h = ui_text_height(&app->ui, text, &st, c->w);
    SDL_Rect r = column_take(c, h);
    ui_text_style(&app->ui, text, &st, r.x, r.y, r.w);
}

void w_format_day(int64_t t, char *out, int n)
{
    char md[32];
    time_format(t, "%-m月%-d日", md, sizeof md);
    char wd[4];
    time_format(t, "%w", wd, sizeof wd);
    int w = wd[0] >= '0' && wd[0] <= '6' ? wd[0] - '0' : 0;
    snprintf(out, (size_t)n, "%s %s", md, WEEKDAYS[w]);
}

void w_format_deadline(int64_t t, char *out, int n)
{
    char hh[8], mm[8];
    time_format(t, "%H", hh, sizeof hh);
    time_format(t, "%M", mm, sizeof mm);
    int h = atoi(hh), m = atoi(mm);
    char day[64];
    if (h == 0 && m == 0) { /* midnight ends the day before */
        w_format_day(t - 1, day, sizeof day);
        snprintf(out, (size_t)n, "%s 晚上12点前", day);
        return;
    }
    w_format_day(t, day, sizeof day);
    const char *part = h < 5    ? "凌晨"
                       : h < 12 ? "上午"
                       : h < 13 ? "中午"
                       : h < 18 ? "下午"
                                : "晚上";
    int h12 = h > 12 ? h - 12 : h;
    char mins[16] = "";
    if (m == 30)
        snprintf(mins, sizeof mins, "半");
    else if (m != 0)
        snprintf(mins, sizeof mins, "%d分", m);
    snprintf(out, (size_t)n, "%s %s%d点%s前", day, part, h12, mins);
}

void w_format_day_time(int64_t t, char *out, int n)
{
    char day[64], hm[16];
    w_format_day(t, day, sizeof day);
    time_format(t, "%H:%M", hm, sizeof hm);
    snprintf(out, (size_t)n, "%s %s", day, hm);
}
