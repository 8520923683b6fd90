/* Immediate-mode controls: pressables, buttons, text and momentum scrolling. */
#include "ui/ui.h"

#include "ui/draw.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define SCROLL_FRICTION  0.0025f /* per ms: velocity halves in ~280 ms */
#define SCROLL_MIN_SPEED 0.02f   /* px/ms below which a fling stops */

void ui_init(Ui *ui, Gfx *gfx, TextCtx *text)
{
    memset(ui, 0, sizeof *ui);
    ui->gfx = gfx;
    ui->text = text;
    input_init(&ui->ptr, (float)gfx_dp(gfx, 24));
}

int ui_dp(const Ui *ui, float dp)
{
    return gfx_dp(ui->gfx, dp);
}

int ui_handle_event(Ui *ui, const SDL_Event *ev)
{
    SDL_Event e = *ev;
    gfx_event_to_frame(ui->gfx, &e); /* a turned panel: the touch where it was drawn */
    return input_handle_event(&ui->ptr, &e, gfx_width(ui->gfx), gfx_height(ui->gfx));
}

void ui_begin_frame(Ui *ui, uint32_t now_ms)
{
    ui->last_ms = ui->now_ms ? ui->now_ms : now_ms;
    ui->now_ms = now_ms;
    ui->frame++;
    ui->animating = 0;
    ui->clipped = 0;
    input_tick(&ui->ptr, now_ms);
    if (ui->ptr.pressed) {
        ui->active = 0;
        ui->scroll_active = 0;
        ui->fling_stopped = 0;
    }
    ui->ncontrols = ui->nviews = ui->nrequired = 0;
    ui->cur_view = -1;
    text_frame_begin(ui->text);
}

void ui_end_frame(Ui *ui)
{
    if (ui->ptr.released) {
        ui->active = 0;
        ui->scroll_active = 0;
    }
    input_frame_end(&ui->ptr);
    SDL_RenderSetClipRect(gfx_renderer(ui->gfx), NULL);
}

uint64_t ui_id(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ull;
    }
    return h;
}

uint64_t ui_id_n(const char *s, int64_t n)
{
    uint64_t h = ui_id(s) ^ (uint64_t)n;
    return h * 1099511628211ull + 0x9e3779b97f4a7c15ull;
}

void ui_clip(Ui *ui, const SDL_Rect *r)
{
    SDL_Renderer *ren = gfx_renderer(ui->gfx);
    if (r) {
        ui->clip = *r;
        ui->clipped = 1;
        SDL_RenderSetClipRect(ren, r);
    } else {
        ui->clipped = 0;
        SDL_RenderSetClipRect(ren, NULL);
    }
}

int ui_hit(const Ui *ui, SDL_Rect r, float x, float y)
{
    SDL_Point p = {(int)x, (int)y};
    if (!SDL_PointInRect(&p, &r))
        return 0;
    return !ui->clipped || SDL_PointInRect(&p, &ui->clip);
}

static void record_control(Ui *ui, uint64_t id, SDL_Rect r)
{
    if (ui->ncontrols == UI_CONTROLS_MAX)
        return;
    UiControl *c = &ui->controls[ui->ncontrols++];
    c->id = id;
    c->rect = r;
    c->clip = ui->clipped ? ui->clip : (SDL_Rect){0, 0, gfx_width(ui->gfx), gfx_height(ui->gfx)};
    c->view = ui->clipped ? ui->cur_view : -1;
    c->text_seq = text_frame_count(ui->text);
    c->label[0] = '\0';
}

void ui_require(Ui *ui, const char *label)
{
    if (ui->nrequired < UI_REQUIRED_MAX)
        snprintf(ui->required[ui->nrequired++], UI_LABEL_MAX, "%s", label);
}

void ui_set_display(Ui *ui, float diagonal_inches)
{
    ui->diagonal_inches = diagonal_inches;
}

float ui_mm_per_px(const Ui *ui)
{
    double w = gfx_width(ui->gfx), h = gfx_height(ui->gfx);
    double px = sqrt(w * w + h * h);
    return px > 0 ? (float)(ui->diagonal_inches * 25.4 / px) : 0.0f;
}

int ui_pressable(Ui *ui, uint64_t id, SDL_Rect r, int *held)
{
    Pointer *p = &ui->ptr;
    record_control(ui, id, r);
    if (p->pressed && ui->active == 0 && ui_hit(ui, r, p->press_x, p->press_y))
        ui->active = id;
    int mine = ui->active == id;
    int inside = ui_hit(ui, r, p->x, p->y);
    if (held)
        *held = mine && (p->down || p->released) && inside && !p->dragging;
    if (mine && p->tapped && inside && !ui->fling_stopped)
        return 1;
    return 0;
}

int ui_button(Ui *ui, uint64_t id, SDL_Rect r, const char *label, UiButtonKind kind)
{
    int held = 0;
    int clicked = ui_pressable(ui, id, r, &held);
    if (label && ui->ncontrols > 0 && ui->controls[ui->ncontrols - 1].id == id)
        snprintf(ui->controls[ui->ncontrols - 1].label, UI_LABEL_MAX, "%s", label);
    SDL_Renderer *ren = gfx_renderer(ui->gfx);
    int radius = theme_size_px(ui->gfx, THEME_SIZE_RADIUS);
    ThemeColor fg = THEME_TEXT;
    ThemeText role = THEME_TEXT_BUTTON;
    switch (kind) {
    case UI_BUTTON_PRIMARY:
        draw_round_rect(ren, r, radius, theme_color(THEME_PRIMARY));
        fg = THEME_ON_PRIMARY;
        break;
    case UI_BUTTON_DANGER:
        draw_round_rect(ren, r, radius, theme_color(THEME_URGENT));
        fg = THEME_ON_URGENT;
        break;
    case UI_BUTTON_SECONDARY:
        draw_round_rect(ren, r, radius, theme_color(THEME_SURFACE));
        draw_round_rect_outline(ren, r, radius, theme_size_px(ui->gfx, THEME_SIZE_BORDER),
                                theme_color(THEME_PRIMARY));
        fg = THEME_PRIMARY;
        break;
    case UI_BUTTON_TILE:
        draw_round_rect(ren, r, radius, theme_color(THEME_SURFACE));
        role = THEME_TEXT_SUBTITLE;
        break;
    case UI_BUTTON_QUIET:
        fg = THEME_ON_PRIMARY;
        break;
    case UI_BUTTON_QUIET_DARK:
        fg = THEME_PRIMARY;
        break;
    }
    if (held)
        draw_round_rect(ren, r, radius, theme_color(THEME_PRESSED));
    if (label && *label) {
        TextStyle st = theme_text_style(&ui->theme, ui->gfx, role, fg);
        st.align = TEXT_ALIGN_CENTER;
        st.max_lines = 2;
        st.whole = 1;
        int pad = ui_dp(ui, 12);
        int w = r.w - 2 * pad;
        int h = ui_text_height(ui, label, &st, w);
        text_draw(ui->text, label, &st, r.x + pad, r.y + (r.h - h) / 2, w, NULL);
    }
    return clicked;
}

int ui_text_style(Ui *ui, const char *s, const TextStyle *st, int x, int y, int max_w)
{
    SDL_Rect drawn = {0, 0, 0, 0};
    if (!s || !*s)
        return 0;
    text_draw(ui->text, s, st, x, y, max_w, &drawn);
    return drawn.h;
}

int ui_text(Ui *ui, const char *s, ThemeText role, ThemeColor color, int x, int y, int max_w)
{
    TextStyle st = theme_text_style(&ui->theme, ui->gfx, role, color);
    return ui_text_style(ui, s, &st, x, y, max_w);
}

int ui_text_height(Ui *ui, const char *s, const TextStyle *st, int max_w)
{
    TextLayout l;
    if (!s || !*s || text_layout(ui->text, s, st, max_w, &l) < 0)
        return 0;
    int h = l.height;
    text_layout_free(&l);
    return h;
}

UiScroll *ui_scroll_state(Ui *ui, uint64_t id)
{
    for (int i = 0; i < UI_SCROLL_POOL; i++)
        if (ui->scrolls[i].id == id)
            return &ui->scrolls[i];
    return NULL;
}

static UiScroll *scroll_slot(Ui *ui, uint64_t id)
{
    UiScroll *s = ui_scroll_state(ui, id);
    if (s)
        return s;
    /* reuse the least recently used slot */
    UiScroll *old = &ui->scrolls[0];
    for (int i = 0; i < UI_SCROLL_POOL; i++) {
        if (ui->scrolls[i].id == 0) {
            old = &ui->scrolls[i];
            break;
        }
        if (ui->scrolls[i].used_frame < old->used_frame)
            old = &ui->scrolls[i];
    }
    memset(old, 0, sizeof *old);
    old->id = id;
    return old;
}

int ui_scroll_begin(Ui *ui, uint64_t id, SDL_Rect view, int content_h)
{
    UiScroll *s = scroll_slot(ui, id);
    Pointer *p = &ui->ptr;
    s->used_frame = ui->frame;
    s->content = content_h;
    s->view = view.h;
    float max = content_h > view.h ? (float)(content_h - view.h) : 0.0f;
    uint32_t dt = ui->now_ms - ui->last_ms;
    if (dt > 100)
        dt = 100; /* after a pause, do not jump */

    if (p->pressed && ui_hit(ui, view, p->press_x, p->press_y)) {
        ui->scroll_active = id;
        /* a touch stops a fling, and only that: it opens nothing under the finger */
        if (fabsf(s->velocity) >= SCROLL_MIN_SPEED)
            ui->fling_stopped = 1;
        s->velocity = 0;
    }
    if (ui->scroll_active == id && p->dragging) {
        s->offset -= p->move_y;
        if (p->released)
            s->velocity = -p->vy;
    } else if (s->velocity != 0.0f) {
        s->offset += s->velocity * (float)dt;
        s->velocity *= expf(-SCROLL_FRICTION * (float)dt);
        if (fabsf(s->velocity) < SCROLL_MIN_SPEED)
            s->velocity = 0;
    }
    if (s->offset < 0) {
        s->offset = 0;
        s->velocity = 0;
    }
    if (s->offset > max) {
        s->offset = max;
        s->velocity = 0;
    }
    if (s->velocity != 0.0f)
        ui->animating = 1;
    ui_clip(ui, &view);
    if (ui->nviews < UI_VIEWS_MAX) {
        ui->views[ui->nviews] = (UiView){id, view, content_h, (int)lroundf(s->offset)};
        ui->cur_view = ui->nviews++;
    }
    return (int)lroundf(s->offset);
}

void ui_scroll_end(Ui *ui)
{
    ui->cur_view = -1;
    ui_clip(ui, NULL);
}
