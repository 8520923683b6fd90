/* The layout audit over the frame's records: controls, scroll views, drawn strings. */
#include "ui/audit.h"

#include <string.h>

#define SLACK 2 /* pixels of rounding forgiven at every edge */

typedef struct {
    const Ui *ui;
    const char *screen;
    FILE *out;
    int found;
    SDL_Rect screen_rect;
} Audit;

static void finding(Audit *a, const char *name, SDL_Rect r, const char *what)
{
    a->found++;
    if (a->out)
        fprintf(a->out, "audit: %s: 「%s」 %s at %d,%d %dx%d\n", a->screen, name, what, r.x, r.y,
                r.w, r.h);
}

static int inside(SDL_Rect in, SDL_Rect out)
{
    return in.x >= out.x - SLACK && in.y >= out.y - SLACK && in.x + in.w <= out.x + out.w + SLACK &&
           in.y + in.h <= out.y + out.h + SLACK;
}

static int inside_x(SDL_Rect in, SDL_Rect out)
{
    return in.x >= out.x - SLACK && in.x + in.w <= out.x + out.w + SLACK;
}

static int same_rect(SDL_Rect a, SDL_Rect b)
{
    return a.x == b.x && a.y == b.y && a.w == b.w && a.h == b.h;
}

static SDL_Point centre(SDL_Rect r)
{
    return (SDL_Point){r.x + r.w / 2, r.y + r.h / 2};
}

/* The view a clip rectangle belongs to, -1 when it is no scroll view's. */
static int view_of_clip(const Ui *ui, SDL_Rect clip)
{
    for (int i = 0; i < ui->nviews; i++) {
        SDL_Rect v = ui->views[i].view, vis;
        SDL_Rect screen = {0, 0, gfx_width(ui->gfx), gfx_height(ui->gfx)};
        if (!SDL_IntersectRect(&v, &screen, &vis))
            vis = v;
        if (same_rect(v, clip) || same_rect(vis, clip))
            return i;
    }
    return -1;
}

/* The content height of view i as the screen last measured it. */
static int view_content(const Ui *ui, int i)
{
    for (int k = 0; k < UI_SCROLL_POOL; k++)
        if (ui->scrolls[k].id == ui->views[i].id)
            return ui->scrolls[k].content;
    return ui->views[i].content;
}

/* What the part of c a finger can hit: its rectangle within its clip and the screen. */
static SDL_Rect hit_area(const Audit *a, const UiControl *c)
{
    SDL_Rect r = {c->rect.x, c->rect.y, 0, 0}, t;
    if (SDL_IntersectRect(&c->rect, &c->clip, &t))
        SDL_IntersectRect(&t, &a->screen_rect, &r);
    return r;
}

/* A control's name: its label, else the first string drawn on it, else its id. */
static void control_name(const Ui *ui, const UiControl *c, char *out, size_t n)
{
    if (c->label[0]) {
        snprintf(out, n, "%s", c->label);
        return;
    }
    for (int i = 0; i < text_frame_count(ui->text); i++) {
        const TextDrawn *d = text_frame_get(ui->text, i);
        SDL_Point p = centre(d->full);
        if (SDL_PointInRect(&p, &c->rect)) {
            snprintf(out, n, "%s", d->text);
            /* a long body is no name: its first characters are */
            if (strlen(out) > 36) {
                size_t k = 33;
                while (k > 0 && ((unsigned char)out[k] & 0xC0) == 0x80)
                    k--;
                snprintf(out + k, n - k, "…");
            }
            return;
        }
    }
    snprintf(out, n, "#%016llx", (unsigned long long)c->id);
}

static void audit_controls(Audit *a)
{
    const Ui *ui = a->ui;
    char name[UI_LABEL_MAX], other[UI_LABEL_MAX], what[256];
    for (int i = 0; i < ui->ncontrols; i++) {
        const UiControl *c = &ui->controls[i];
        SDL_Rect hit = hit_area(a, c);
        int hidden = hit.w <= 0 || hit.h <= 0; /* scrolled out of sight, or clipped away */
        control_name(ui, c, name, sizeof name);
        if (c->view >= 0) {
            const UiView *v = &ui->views[c->view];
            int top = v->view.y - v->offset, content = view_content(ui, c->view);
            if (!inside_x(c->rect, v->view))
                finding(a, name, c->rect, "runs out of its scrolling view at the side");
            else if (c->rect.y + c->rect.h >
                     top + (content > v->view.h ? content : v->view.h) + SLACK)
                finding(a, name, c->rect,
                        "lies below the end of its scrolling view's content: no scrolling "
                        "brings it into view");
            else if (c->rect.h > v->view.h + SLACK)
                finding(a, name, c->rect, "is taller than its scrolling view");
        } else if (!inside(c->rect, a->screen_rect)) {
            finding(a, name, c->rect, "lies outside the screen");
        } else if (!inside(c->rect, c->clip) && !hidden) {
            finding(a, name, c->rect, "is cut by its container");
        }
        if (hidden)
            continue; /* what cannot be seen neither overlaps nor needs a size */
        float mm = ui_mm_per_px(ui);
        if (mm > 0) {
            float w = (float)c->rect.w * mm, h = (float)c->rect.h * mm;
            if (w < UI_AUDIT_TOUCH_MM || h < UI_AUDIT_TOUCH_MM) {
                snprintf(what, sizeof what, "is a %.1f x %.1f mm touch target, under %.0f mm", w, h,
                         UI_AUDIT_TOUCH_MM);
                finding(a, name, c->rect, what);
            }
        }
        for (int j = i + 1; j < ui->ncontrols; j++) {
            SDL_Rect h2 = hit_area(a, &ui->controls[j]), both;
            if (SDL_IntersectRect(&hit, &h2, &both) && both.w > SLACK && both.h > SLACK) {
                control_name(ui, &ui->controls[j], other, sizeof other);
                snprintf(what, sizeof what, "overlaps the hit area of 「%s」", other);
                finding(a, name, both, what);
            }
        }
    }
}

/* The smallest control holding point p in the same scroll view (or none), -1 if none. */
static int control_at(const Ui *ui, SDL_Point p, int view)
{
    int best = -1;
    for (int i = 0; i < ui->ncontrols; i++) {
        const UiControl *c = &ui->controls[i];
        if (c->view != view || !SDL_PointInRect(&p, &c->rect))
            continue;
        if (best < 0 ||
            c->rect.w * c->rect.h < ui->controls[best].rect.w * ui->controls[best].rect.h)
            best = i;
    }
    return best;
}

static void audit_texts(Audit *a)
{
    const Ui *ui = a->ui;
    char what[512];
    for (int i = 0; i < text_frame_count(ui->text); i++) {
        const TextDrawn *d = text_frame_get(ui->text, i);
        int view = view_of_clip(ui, d->clip);
        if (d->whole && d->truncated) {
            snprintf(what, sizeof what, "is cut to 「%s」", d->shown);
            finding(a, d->text, d->full, what);
            continue;
        }
        if (d->whole) {
            int c = control_at(ui, centre(d->full), view);
            if (c >= 0 && !inside(d->full, ui->controls[c].rect)) {
                char name[UI_LABEL_MAX];
                control_name(ui, &ui->controls[c], name, sizeof name);
                snprintf(what, sizeof what, "runs out of its control 「%s」", name);
                finding(a, d->text, d->full, what);
                continue;
            }
        }
        if (view >= 0) {
            if (!inside_x(d->full, ui->views[view].view))
                finding(a, d->text, d->full, "runs out of its scrolling view at the side");
            continue;
        }
        if (!inside(d->full, a->screen_rect)) {
            snprintf(what, sizeof what, "runs off the screen (reads 「%s」)", d->shown);
            finding(a, d->text, d->full, what);
            continue;
        }
        if (!inside(d->full, d->clip) && d->shown[0]) {
            snprintf(what, sizeof what, "is cut by its container (reads 「%s」)", d->shown);
            finding(a, d->text, d->full, what);
        }
    }
}

/* Text a control drawn after it lies over: what the resident sees there is the control
 * (a keypad over a hint, a panel over an option), not the words. */
static void audit_covered(Audit *a)
{
    const Ui *ui = a->ui;
    char name[UI_LABEL_MAX], what[512];
    for (int i = 0; i < text_frame_count(ui->text); i++) {
        const TextDrawn *d = text_frame_get(ui->text, i);
        if (!d->shown[0] || d->rect.w <= 0 || d->rect.h <= 0)
            continue;
        for (int k = 0; k < ui->ncontrols; k++) {
            const UiControl *c = &ui->controls[k];
            if (c->text_seq <= i)
                continue; /* drawn before the text: the text lies on it */
            SDL_Rect hit = hit_area(a, c), both;
            if (!SDL_IntersectRect(&hit, &d->rect, &both))
                continue;
            if ((long)both.w * both.h * 4 < (long)d->rect.w * d->rect.h)
                continue; /* a corner grazed */
            control_name(ui, c, name, sizeof name);
            snprintf(what, sizeof what, "lies under 「%s」, drawn over it", name);
            finding(a, d->text, d->rect, what);
            break;
        }
    }
}

static void audit_required(Audit *a)
{
    const Ui *ui = a->ui;
    for (int r = 0; r < ui->nrequired; r++) {
        const char *want = ui->required[r];
        int found = -1;
        for (int i = 0; i < ui->ncontrols && found < 0; i++)
            if (strcmp(ui->controls[i].label, want) == 0)
                found = i;
        for (int i = 0; i < text_frame_count(ui->text) && found < 0; i++) {
            const TextDrawn *d = text_frame_get(ui->text, i);
            if (strcmp(d->text, want) == 0)
                found = control_at(ui, centre(d->full), view_of_clip(ui, d->clip));
        }
        SDL_Rect none = {0, 0, 0, 0};
        if (found < 0) {
            finding(a, want, none, "is required and is not on the screen");
            continue;
        }
        /* in a scroll view the general checks say whether scrolling reaches it, but a sliver
         * of it at the view's edge looks like all there is; outside one it must be wholly
         * on the screen and within its container */
        const UiControl *c = &ui->controls[found];
        SDL_Rect vis;
        if (c->view < 0 && (!inside(c->rect, a->screen_rect) || !inside(c->rect, c->clip)))
            finding(a, want, c->rect, "is required and is not wholly on the screen");
        else if (c->view >= 0 && SDL_IntersectRect(&c->rect, &c->clip, &vis) &&
                 !inside(c->rect, c->clip))
            finding(a, want, c->rect, "is required and is cut by the edge of its scrolling view");
    }
}

int ui_audit(const Ui *ui, const char *screen, FILE *out)
{
    Audit a = {ui, screen, out, 0, {0, 0, gfx_width(ui->gfx), gfx_height(ui->gfx)}};
    audit_controls(&a);
    audit_texts(&a);
    audit_covered(&a);
    audit_required(&a);
    return a.found;
}
