/* One photo full size: the picture fitted inside the body like a print, the person's
 * name, floor and caption, where it sits in its album, and big 上一张 / 下一张 buttons.
 * A swipe moves to the next or previous photo of the same album; while the finger
 * drags, the picture follows it, and the new one slides in. A double tap zooms in on
 * the spot tapped (a face in a group picture) and a drag then moves around the picture;
 * another double tap zooms out. Residents' view only. A negative param is the health
 * tip of that id: its photo of the doctor's handwritten page, alone, to read close up,
 * under the tip's title; an album's photo is under the album's name. A photo alone (a
 * tip's page, an album of one) has no buttons: there is nowhere to turn to. */
#include "screens/screens.h"
#include "screens/widgets.h"

#include "store/health.h"
#include "store/photo.h"
#include "ui/draw.h"
#include "ui/image.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#define SLIDE_MS      220u
#define DOUBLE_TAP_MS 400u
#define ZOOM          2.5f /* a double tap */
#define ZOOM_MAX      4.0f /* two fingers spread */

typedef struct {
    int64_t id;     /* the photo shown */
    PhotoList list; /* its album in the residents' view, for next/previous */
    size_t index;   /* of id in list */
    int found;
    char album[128];
    int version;
    int loaded;
    uint32_t slide_start; /* the new photo slides in from slide_from pixels */
    float slide_from;
    float zoom;           /* 1: the whole print; ZOOM after a double tap */
    float pan_x, pan_y;   /* the zoomed picture's shift from centred, pixels */
    uint32_t last_tap_ms; /* the first tap of a double tap, 0 none */
    float last_tap_x, last_tap_y;
} PhotoView;

static void unload(PhotoView *v)
{
    photo_list_free(&v->list);
    v->found = 0;
    v->loaded = 0;
}

/* The page of tip id as a list of one photo (the viewer's model); the header reads the
 * tip's title, or the tip screen's own where it does not fit. */
static void load_tip_page(App *app, PhotoView *v, int64_t id)
{
    HealthTip t;
    if (store_tip_get(app->store, id, &t) < 0) {
        app_set_title(app, SCREEN_TIP.title);
        return;
    }
    app_set_title_or(app, t.title, SCREEN_TIP.title);
    Photo *p = calloc(1, sizeof *p);
    if (p && t.photo_sha256[0] && t.photo_width > 0 && t.photo_height > 0) {
        p->id = -id;
        memcpy(p->sha256, t.photo_sha256, sizeof p->sha256);
        p->width = t.photo_width;
        p->height = t.photo_height;
        p->caption = t.title; /* taken over: freed with the list */
        t.title = NULL;
        p->consent = 1;
        v->list = (PhotoList){p, 1};
        v->index = 0;
        v->found = 1;
        snprintf(v->album, sizeof v->album, "%s", "医生的手写稿");
    } else {
        free(p);
    }
    health_tip_deinit(&t);
}

static void load(App *app, PhotoView *v)
{
    unload(v);
    v->album[0] = 0;
    if (v->id < 0) {
        load_tip_page(app, v, -v->id);
        v->version = app->content_version;
        v->loaded = 1;
        return;
    }
    Photo ph;
    if (store_photo_get(app->store, v->id, &ph) == 0) {
        PhotoQuery q = {.album_id = ph.album_id}; /* without consent: not listed */
        if (ph.consent && store_photo_list(app->store, &q, &v->list) == 0)
            for (size_t i = 0; i < v->list.count; i++)
                if (v->list.items[i].id == v->id) {
                    v->index = i;
                    v->found = 1;
                }
        Album a;
        if (store_album_get(app->store, ph.album_id, &a) == 0) {
            snprintf(v->album, sizeof v->album, "%s", a.name);
            album_deinit(&a);
        }
        photo_deinit(&ph);
    }
    /* the header names the album ("中秋游园会"), as the album's grid did, or 照片 where
     * the name does not fit */
    app_set_title_or(app, v->album, SCREEN_PHOTO.title);
    v->version = app->content_version;
    v->loaded = 1;
}

static void enter(App *app, void *state, int64_t param)
{
    PhotoView *v = state;
    v->id = param;
    v->zoom = 1.0f;
    load(app, v);
}

static void leave(App *app, void *state)
{
    (void)app;
    unload(state);
}

/* Moves by step (+1 next, -1 previous) if there is a photo there; from is where the
 * new one starts its slide (pixels, the side it comes in from). */
static void move(App *app, PhotoView *v, int step, float from)
{
    if ((step < 0 && v->index == 0) || (step > 0 && v->index + 1 >= v->list.count))
        return;
    v->index = step < 0 ? v->index - 1 : v->index + 1;
    v->id = v->list.items[v->index].id;
    v->slide_start = app->now_ms ? app->now_ms : 1;
    v->slide_from = from;
    v->zoom = 1.0f; /* the next photo starts whole */
    v->pan_x = v->pan_y = 0;
    app->dirty = 1;
}

/* Keeps a zoomed picture covering its print: no empty mat shows while panning. */
static void clamp_pan(PhotoView *v, SDL_Rect pic)
{
    float mx = (float)pic.w * (v->zoom - 1.0f) / 2, my = (float)pic.h * (v->zoom - 1.0f) / 2;
    v->pan_x = v->pan_x < -mx ? -mx : v->pan_x > mx ? mx : v->pan_x;
    v->pan_y = v->pan_y < -my ? -my : v->pan_y > my ? my : v->pan_y;
}

/* The picture's rectangle: fitted inside area, keeping the stored aspect ratio. */
static SDL_Rect fit_rect(const Photo *ph, SDL_Rect area)
{
    double sx = (double)area.w / ph->width, sy = (double)area.h / ph->height;
    double s = sx < sy ? sx : sy;
    int w = (int)(ph->width * s), h = (int)(ph->height * s);
    return (SDL_Rect){area.x + (area.w - w) / 2, area.y + (area.h - h) / 2, w, h};
}

/* Where the picture itself goes in area: inside a white mat, aspect kept. */
static SDL_Rect print_rect(Ui *ui, const Photo *ph, SDL_Rect area)
{
    int mat = ui_dp(ui, 18);
    return fit_rect(ph, (SDL_Rect){area.x + mat, area.y + mat, area.w - 2 * mat, area.h - 2 * mat});
}

/* The print: a white mat around the picture, the picture itself (or a placeholder);
 * zoomed, the enlarged picture within the print, shifted by the pan. */
static void draw_print(App *app, const PhotoView *v, const Photo *ph, SDL_Rect area, int dx)
{
    Ui *ui = &app->ui;
    SDL_Renderer *ren = gfx_renderer(app->gfx);
    int mat = ui_dp(ui, 18);
    SDL_Rect pic = print_rect(ui, ph, area);
    pic.x += dx;
    SDL_Rect card = {pic.x - mat, pic.y - mat, pic.w + 2 * mat, pic.h + 2 * mat};
    /* square fills: a sliding print is redrawn every frame (see photos.c) */
    draw_rect(ren, (SDL_Rect){card.x + ui_dp(ui, 3), card.y + card.h, card.w, ui_dp(ui, 6)},
              theme_color(THEME_DIVIDER));
    draw_rect(ren, card, theme_color(THEME_SURFACE));
    SDL_Texture *t = image_get(app->images, ph->sha256, pic.w, pic.h);
    if (!t) {
        draw_rect(ren, pic, theme_color(THEME_SURFACE_ALT));
        return;
    }
    if (v->zoom > 1.0f) {
        int zw = (int)((float)pic.w * v->zoom), zh = (int)((float)pic.h * v->zoom);
        SDL_Texture *big = image_get(app->images, ph->sha256, zw, zh);
        SDL_Rect dst = {pic.x + (pic.w - zw) / 2 + (int)v->pan_x,
                        pic.y + (pic.h - zh) / 2 + (int)v->pan_y, zw, zh};
        SDL_Rect was;
        int clipped = SDL_RenderIsClipEnabled(ren);
        SDL_RenderGetClipRect(ren, &was);
        SDL_RenderSetClipRect(ren, &pic);
        SDL_RenderCopy(ren, big ? big : t, NULL, &dst);
        SDL_RenderSetClipRect(ren, clipped ? &was : NULL);
        return;
    }
    /* a source smaller than the print is enlarged: full size means the whole mat */
    SDL_RenderCopy(ren, t, NULL, &pic);
}

/* Name, floor, caption and "笑脸墙 · 第3张，共62张" in a column. */
static void draw_info(App *app, const PhotoView *v, const Photo *ph, Column *c)
{
    Ui *ui = &app->ui;
    if (ph->person_name && *ph->person_name) {
        TextStyle ns = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_TITLE, THEME_TEXT);
        ns.max_lines = 1;
        int nh = text_line_height(app->text, &ns);
        SDL_Rect r = column_take(c, nh);
        ui_text_style(ui, ph->person_name, &ns, r.x, r.y, r.w / 2);
        if (ph->floor > 0) {
            char floor[32];
            snprintf(floor, sizeof floor, "住%d楼", ph->floor);
            int nw = text_measure(app->text, ph->person_name, strlen(ph->person_name), &ns);
            TextStyle cs =
                theme_text_style(&ui->theme, app->gfx, THEME_TEXT_CAPTION, THEME_ON_PRIMARY);
            int chip_h = text_line_height(app->text, &cs) + 2 * ui_dp(ui, 4);
            if (nw > r.w / 2)
                nw = r.w / 2;
            w_chip(app, r.x + nw + ui_dp(ui, 20), r.y + (nh - chip_h) / 2, floor, THEME_PRIMARY,
                   THEME_ON_PRIMARY);
        }
    }
    const char *caption = ph->caption ? ph->caption : "";
    char prefix[24]; /* "5楼 · " is said by the chip already */
    snprintf(prefix, sizeof prefix, "%d楼 · ", ph->floor);
    if (ph->floor > 0 && ph->person_name && strncmp(caption, prefix, strlen(prefix)) == 0)
        caption += strlen(prefix);
    if (*caption)
        w_paragraph(app, c, caption, THEME_TEXT_SUBTITLE, THEME_TEXT);
    char where[200];
    if (v->id < 0) /* a tip's page stands alone */
        snprintf(where, sizeof where, "%s", v->album);
    else
        snprintf(where, sizeof where, "%s · 第%zu张，共%zu张", v->album, v->index + 1,
                 v->list.count);
    w_paragraph(app, c, where, THEME_TEXT_BODY, THEME_TEXT_MUTED);
    if (v->zoom > 1.0f)
        w_paragraph(app, c, "已放大：手指拖动看别处，双击恢复", THEME_TEXT_CAPTION,
                    THEME_TEXT_MUTED);
    else if (v->list.count > 1)
        w_paragraph(app, c, "手指左右滑动也能翻看，双击放大", THEME_TEXT_CAPTION, THEME_TEXT_MUTED);
    else if (v->id < 0)
        w_paragraph(app, c, "双击或两指张开，可以放大看", THEME_TEXT_CAPTION, THEME_TEXT_MUTED);
}

/* 上一张 / 下一张 side by side in r, for an album of more than one photo; a button with
 * nowhere to go is drawn faded. */
static void draw_buttons(App *app, PhotoView *v, SDL_Rect r)
{
    Ui *ui = &app->ui;
    int gap = theme_size_px(app->gfx, THEME_SIZE_GAP_M);
    int w = (r.w - gap) / 2;
    SDL_Rect prev = {r.x, r.y, w, r.h}, next = {r.x + w + gap, r.y, w, r.h};
    int has_prev = v->index > 0, has_next = v->index + 1 < v->list.count;
    if (ui_button(ui, ui_id("photo.prev"), prev, "‹ 上一张",
                  has_prev ? UI_BUTTON_SECONDARY : UI_BUTTON_QUIET_DARK))
        move(app, v, -1, -(float)r.w / 3);
    if (ui_button(ui, ui_id("photo.next"), next, "下一张 ›",
                  has_next ? UI_BUTTON_PRIMARY : UI_BUTTON_QUIET_DARK))
        move(app, v, +1, (float)r.w / 3);
    SDL_Color fade = theme_color(THEME_BG);
    fade.a = 170;
    if (!has_prev)
        draw_rect(gfx_renderer(app->gfx), prev, fade);
    if (!has_next)
        draw_rect(gfx_renderer(app->gfx), next, fade);
}

/* How far the picture is pushed sideways: following a horizontal drag, or easing in
 * after a change of photo. */
static int picture_shift(App *app, PhotoView *v, SDL_Rect body)
{
    Pointer *p = &app->ui.ptr;
    SDL_Point press = {(int)p->press_x, (int)p->press_y};
    float dx = p->x - p->press_x, dy = p->y - p->press_y;
    if (v->zoom > 1.0f)
        return 0; /* a drag moves around the zoomed picture instead */
    if (p->down && p->dragging && SDL_PointInRect(&press, &body) && fabsf(dx) > fabsf(dy))
        return (int)(dx * 0.6f);
    if (!v->slide_start)
        return 0;
    uint32_t t = app->now_ms - v->slide_start;
    if (t >= SLIDE_MS) {
        v->slide_start = 0;
        return 0;
    }
    float k = 1.0f - (float)t / (float)SLIDE_MS;
    app->ui.animating = 1;
    return (int)(v->slide_from * k * k * k); /* ease out */
}

static void frame(App *app, void *state, SDL_Rect body)
{
    PhotoView *v = state;
    if (!v->loaded || v->version != app->content_version)
        load(app, v);
    Ui *ui = &app->ui;
    int pad = theme_size_px(app->gfx, THEME_SIZE_GAP_L);
    if (!v->found) {
        Column c = column_make(app, body, pad);
        c.y += pad;
        w_empty(app, &c, "这张照片暂不展示");
        return;
    }
    Pointer *p = &ui->ptr;
    SDL_Point press = {(int)p->press_x, (int)p->press_y};
    if (v->zoom < 1.0f)
        v->zoom = 1.0f;
    if (p->released && p->swipe && v->zoom <= 1.0f && SDL_PointInRect(&press, &body)) {
        /* finger moved left: the next photo comes in from the right */
        float from = p->x - p->press_x;
        move(app, v, p->swipe < 0 ? +1 : -1, p->swipe < 0 ? from + body.w / 2 : from - body.w / 2);
    }
    const Photo *ph = &v->list.items[v->index];
    int dx = picture_shift(app, v, body);
    int paged = v->list.count > 1; /* a photo alone gets the buttons' room */
    int bh = paged ? theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN) + ui_dp(ui, 24) : 0;
    SDL_Rect inner = {body.x + pad, body.y + pad / 2, body.w - 2 * pad, body.h - pad};
    SDL_Rect pic, info, buttons;
    if (body.w > body.h) { /* landscape: the print on the left, words on the right */
        int info_w = inner.w * 36 / 100;
        pic = (SDL_Rect){inner.x, inner.y, inner.w - info_w - pad, inner.h};
        info = (SDL_Rect){pic.x + pic.w + pad, inner.y + pad, info_w, 0};
        buttons = (SDL_Rect){info.x, inner.y + inner.h - bh, info.w, bh};
    } else { /* portrait: the print above, words and buttons below */
        int info_h = ui_dp(ui, ui->theme.large_text ? 400 : 300);
        pic = (SDL_Rect){inner.x, inner.y, inner.w, inner.h - info_h - bh - 2 * pad};
        info = (SDL_Rect){inner.x, pic.y + pic.h + pad / 2, inner.w, 0};
        buttons = (SDL_Rect){inner.x, inner.y + inner.h - bh, inner.w, bh};
    }
    /* a double tap on the picture zooms in on that spot, or back out; zoomed, a drag
     * moves around it */
    SDL_Rect print = print_rect(ui, ph, pic);
    if (p->tapped && SDL_PointInRect(&press, &print)) {
        float near = (float)ui_dp(ui, 60);
        if (v->last_tap_ms && app->now_ms - v->last_tap_ms <= DOUBLE_TAP_MS &&
            fabsf(p->press_x - v->last_tap_x) < near && fabsf(p->press_y - v->last_tap_y) < near) {
            if (v->zoom > 1.0f) {
                v->zoom = 1.0f;
                v->pan_x = v->pan_y = 0;
            } else { /* the spot tapped stays under the finger */
                v->zoom = ZOOM;
                v->pan_x = ((float)print.x + (float)print.w / 2 - p->press_x) * (ZOOM - 1.0f);
                v->pan_y = ((float)print.y + (float)print.h / 2 - p->press_y) * (ZOOM - 1.0f);
            }
            v->last_tap_ms = 0;
            app->dirty = 1;
        } else {
            v->last_tap_ms = app->now_ms ? app->now_ms : 1;
            v->last_tap_x = p->press_x;
            v->last_tap_y = p->press_y;
        }
    }
    /* two fingers spread or pinched on the picture: the spot between them stays there */
    SDL_Point between = {(int)p->pinch_x, (int)p->pinch_y};
    if (p->pinch != 1.0f && SDL_PointInRect(&between, &print)) {
        float z = v->zoom * p->pinch;
        z = z < 1.0f ? 1.0f : z > ZOOM_MAX ? ZOOM_MAX : z;
        float k = z / v->zoom;
        float cx = (float)print.x + (float)print.w / 2, cy = (float)print.y + (float)print.h / 2;
        v->pan_x = p->pinch_x - cx - (p->pinch_x - cx - v->pan_x) * k;
        v->pan_y = p->pinch_y - cy - (p->pinch_y - cy - v->pan_y) * k;
        v->zoom = z;
        if (z <= 1.0f)
            v->pan_x = v->pan_y = 0;
        v->last_tap_ms = 0;
        app->dirty = 1;
    }
    if (v->zoom > 1.0f && p->down && p->dragging && SDL_PointInRect(&press, &print)) {
        v->pan_x += p->move_x;
        v->pan_y += p->move_y;
    }
    clamp_pan(v, print);
    /* a print sliding sideways stays off the words beside it */
    ui_clip(ui, &(SDL_Rect){body.x, body.y, pic.x + pic.w + pad / 2 - body.x, pic.h + pad});
    draw_print(app, v, ph, pic, dx);
    ui_clip(ui, NULL);
    Column c = column_make(app, info, 0);
    draw_info(app, v, ph, &c);
    if (paged)
        draw_buttons(app, v, buttons);
    /* the neighbours are decoded while the resident looks at this one */
    for (int step = -1; step <= 1; step += 2) {
        size_t i = v->index + (size_t)step;
        if (i < v->list.count) {
            SDL_Rect r = print_rect(ui, &v->list.items[i], pic);
            image_get_ex(app->images, v->list.items[i].sha256, r.w, r.h, IMAGE_FIT_CONTAIN, 1);
        }
    }
}

const Screen SCREEN_PHOTO = {"photo", "照片", sizeof(PhotoView), 0, enter, frame, leave};
