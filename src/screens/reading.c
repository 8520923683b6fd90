/* Line-by-line layout and drawing of long bodies (see reading.h). */
#include "screens/reading.h"

#include "core/log.h"
#include "ui/draw.h"
#include "ui/image.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void reading_free(ReadingText *rt)
{
    free(rt->lines);
    memset(rt, 0, sizeof *rt);
}

static int push_line(ReadingText *rt, int *cap, size_t start, size_t len, int y)
{
    if (rt->count == *cap) {
        int ncap = *cap ? *cap * 2 : 64;
        ReadingLine *n = realloc(rt->lines, (size_t)ncap * sizeof *n);
        if (!n)
            return -1;
        rt->lines = n;
        *cap = ncap;
    }
    rt->lines[rt->count++] = (ReadingLine){start, len, y};
    return 0;
}

int reading_layout(App *app, ReadingText *rt, const char *text, const TextStyle *st, int width,
                   int para_gap)
{
    if (rt->lines && rt->text == text && rt->width == width && rt->px == st->px &&
        rt->spacing == st->line_spacing && rt->face == st->face)
        return rt->height;
    reading_free(rt);
    rt->text = text;
    rt->width = width;
    rt->px = st->px;
    rt->spacing = st->line_spacing;
    rt->face = st->face;
    if (!text || !*text)
        return 0;
    int cap = 0, y = 0;
    const char *p = text;
    /* one paragraph at a time: each is laid out alone, so a newline adds para_gap */
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t plen = nl ? (size_t)(nl - p) : strlen(p);
        if (plen > 0) {
            char *para = strndup(p, plen);
            TextLayout l;
            if (!para || text_layout(app->text, para, st, width, &l) < 0) {
                free(para);
                log_warn("reading", "cannot lay out a paragraph of %zu bytes", plen);
                reading_free(rt);
                return 0;
            }
            rt->line_h = l.line_height;
            for (int i = 0; i < l.count; i++)
                if (push_line(rt, &cap, (size_t)(p - text) + l.lines[i].start, l.lines[i].len,
                              y + i * l.line_height) < 0) {
                    text_layout_free(&l);
                    free(para);
                    reading_free(rt);
                    return 0;
                }
            y += l.count * l.line_height + para_gap;
            text_layout_free(&l);
            free(para);
        }
        p += plen;
        if (*p == '\n')
            p++;
    }
    rt->height = y > para_gap ? y - para_gap : y;
    return rt->height;
}

void reading_draw(App *app, const ReadingText *rt, const TextStyle *st, int x, int y, SDL_Rect view,
                  int ruled)
{
    TextStyle one = *st;
    one.max_lines = 0;
    one.align = TEXT_ALIGN_LEFT;
    SDL_Color rule = theme_color(THEME_DIVIDER);
    for (int i = 0; i < rt->count; i++) {
        const ReadingLine *ln = &rt->lines[i];
        int top = y + ln->y;
        if (top + rt->line_h < view.y || top > view.y + view.h)
            continue;
        if (ruled)
            draw_rect(gfx_renderer(app->gfx),
                      (SDL_Rect){x, top + rt->line_h - 2, rt->width, ui_dp(&app->ui, 2)}, rule);
        char *s = strndup(rt->text + ln->start, ln->len);
        if (!s)
            return;
        /* width 0: the line was already broken; never wrap it again */
        ui_text_style(&app->ui, s, &one, x, top, 0);
        free(s);
    }
}

int reading_measure(App *app, const TextStyle *st, int chars, int avail)
{
    int w = text_measure(app->text, "中", strlen("中"), st);
    if (w <= 0)
        return avail;
    int m = w * chars;
    return m < avail ? m : avail;
}

/* Where a tip's page goes in a paper iw pixels wide: its whole width, the aspect kept,
 * never taller than twice that (a very long strip is fitted inside instead). */
static SDL_Rect page_rect(const HealthTip *t, int iw)
{
    if (!t->photo_sha256[0] || t->photo_width <= 0 || t->photo_height <= 0)
        return (SDL_Rect){0, 0, 0, 0};
    int w = iw, h = (int)((int64_t)iw * t->photo_height / t->photo_width);
    if (h > 2 * iw) {
        h = 2 * iw;
        w = (int)((int64_t)h * t->photo_width / t->photo_height);
    }
    return (SDL_Rect){(iw - w) / 2, 0, w, h};
}

/* The page itself, with a thin frame, and a hint to tap it; a tap opens the viewer
 * (the photo screen shows a tip's page for a negative id). Returns the height used. */
static int draw_page(App *app, const HealthTip *t, SDL_Rect pic, int hint_y, int iw, int x,
                     int draw)
{
    Ui *ui = &app->ui;
    TextStyle hs = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_CAPTION, THEME_TEXT_MUTED);
    hs.align = TEXT_ALIGN_CENTER;
    const char *hint = "医生的手写稿 · 点图片可以放大看";
    int hh = ui_text_height(ui, hint, &hs, iw);
    if (!draw)
        return hh;
    SDL_Renderer *r = gfx_renderer(app->gfx);
    int held = 0;
    SDL_Rect hit = {x, pic.y, iw, hint_y + hh - pic.y}; /* the picture and its hint */
    int tapped = ui_pressable(ui, ui_id_n("tip.page", t->id), hit, &held);
    SDL_Texture *tex = image_get(app->images, t->photo_sha256, pic.w, pic.h);
    if (tex)
        SDL_RenderCopy(r, tex, NULL, &pic);
    else
        draw_rect(r, pic, theme_color(THEME_SURFACE_ALT));
    int line = ui_dp(ui, 2); /* a thin frame: square, as a print on paper */
    SDL_Color fc = theme_color(THEME_DIVIDER);
    draw_rect(r, (SDL_Rect){pic.x, pic.y, pic.w, line}, fc);
    draw_rect(r, (SDL_Rect){pic.x, pic.y + pic.h - line, pic.w, line}, fc);
    draw_rect(r, (SDL_Rect){pic.x, pic.y, line, pic.h}, fc);
    draw_rect(r, (SDL_Rect){pic.x + pic.w - line, pic.y, line, pic.h}, fc);
    if (held)
        draw_rect(r, pic, theme_color(THEME_PRESSED));
    ui_text_style(ui, hint, &hs, x, hint_y, iw);
    if (tapped)
        app_open(app, "photo", -t->id);
    return hh;
}

int reading_paper_tip(App *app, ReadingText *rt, const HealthTip *t, int x, int y, int w,
                      SDL_Rect view, int draw)
{
    Ui *ui = &app->ui;
    int pad = ui_dp(ui, 48), gap = ui_dp(ui, 20);
    int iw = w - 2 * pad;
    char when[64] = "";
    int yy = 0, mm = 0;
    if (t->month && sscanf(t->month, "%d-%d", &yy, &mm) == 2)
        snprintf(when, sizeof when, "%d年%d月 · 健康小贴士", yy, mm);
    TextStyle ms = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_CAPTION, THEME_INK);
    ms.face = FONT_KAI;
    TextStyle ts = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_TITLE, THEME_INK);
    ts.face = FONT_KAI;
    TextStyle bs = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_HANDWRITING, THEME_INK);
    bs.line_spacing = 1.55f; /* room for the ruled lines */
    char sign[160];
    snprintf(sign, sizeof sign, "—— %s", t->author && *t->author ? t->author : "健康志愿者");
    TextStyle ss = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_SUBTITLE, THEME_INK);
    ss.face = FONT_KAI;
    ss.align = TEXT_ALIGN_RIGHT;

    const char *body = t->body ? t->body : "";
    int mh = when[0] ? ui_text_height(ui, when, &ms, iw) : 0;
    int th = ui_text_height(ui, t->title, &ts, iw);
    SDL_Rect page = page_rect(t, iw);
    int hh = page.h ? draw_page(app, t, page, 0, iw, x, 0) : 0;
    int ph = page.h ? page.h + gap / 2 + hh + 2 * gap : 0;
    int bh = *body ? reading_layout(app, rt, body, &bs, iw, 0) : 0;
    int sh = ui_text_height(ui, sign, &ss, iw);
    int h = pad + (mh ? mh + gap : 0) + th + 2 * gap + ph + (bh ? bh + 2 * gap : 0) + sh + pad;
    if (!draw)
        return h;
    SDL_Renderer *r = gfx_renderer(app->gfx);
    int radius = theme_size_px(app->gfx, THEME_SIZE_RADIUS);
    SDL_Rect card = {x, y, w, h};
    draw_round_rect(r, card, radius, theme_color(THEME_PAPER));
    draw_round_rect_outline(r, card, radius, ui_dp(ui, 2), theme_color(THEME_DIVIDER));
    /* a red margin line, as on Chinese letter paper */
    draw_rect(r, (SDL_Rect){x + pad / 2, y + radius, ui_dp(ui, 2), h - 2 * radius},
              theme_color(THEME_ACCENT));
    int cy = y + pad;
    if (mh) {
        ui_text_style(ui, when, &ms, x + pad, cy, iw);
        cy += mh + gap;
    }
    ui_text_style(ui, t->title, &ts, x + pad, cy, iw);
    cy += th + 2 * gap;
    if (page.h) {
        SDL_Rect pic = {x + pad + page.x, cy, page.w, page.h};
        if (reading_visible(pic, view) || reading_visible((SDL_Rect){x, cy + page.h, w, hh}, view))
            draw_page(app, t, pic, cy + page.h + gap / 2, iw, x + pad, 1);
        cy += ph;
    }
    if (bh) {
        reading_draw(app, rt, &bs, x + pad, cy, view, 1);
        cy += bh + 2 * gap;
    }
    ui_text_style(ui, sign, &ss, x + pad, cy, iw);
    return h;
}

int reading_row_height(App *app, int w, const char *chip, const char *title, const char *sub)
{
    Ui *ui = &app->ui;
    int pad = ui_dp(ui, 24);
    TextStyle ts = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT);
    ts.max_lines = 2;
    TextStyle ss = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_CAPTION, THEME_TEXT_MUTED);
    ss.max_lines = 1;
    int chip_w = 0;
    if (chip) {
        TextStyle cs = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_CAPTION, THEME_TEXT);
        chip_w = text_measure(app->text, chip, strlen(chip), &cs) + ui_dp(ui, 28) + pad / 2;
    }
    int tw = w - 2 * pad - chip_w;
    int th = ui_text_height(ui, title, &ts, tw);
    int sh = sub && *sub ? ui_text_height(ui, sub, &ss, tw) + ui_dp(ui, 6) : 0;
    int h = th + sh + 2 * ui_dp(ui, 20);
    int touch = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN);
    return h < touch ? touch : h;
}

int reading_visible(SDL_Rect r, SDL_Rect view)
{
    return r.y + r.h > view.y && r.y < view.y + view.h;
}
