/* Anti-aliased shapes as triangle meshes. A shape's outline is a "contour" (a rounded
 * rectangle grown or shrunk by d pixels); filling the contour at -0.5 px solid and
 * fading to transparent at +0.5 px gives a one-pixel soft edge, like nanovg does. */
#include "ui/draw.h"

#include <math.h>

#define DRAW_MAX_SEGS 48                        /* arc segments per corner */
#define DRAW_MAX_PTS  (4 * (DRAW_MAX_SEGS + 1)) /* points on one contour */

typedef struct {
    SDL_Vertex v[4 * DRAW_MAX_PTS + 4];
    int idx[6 * 3 * DRAW_MAX_PTS + 3 * DRAW_MAX_PTS + 12];
    int nv, ni;
} Mesh;

static int draw_corner_segs(float radius)
{
    int n = (int)ceilf(radius / 1.5f) + 2; /* facets stay under a pixel long */
    if (n > DRAW_MAX_SEGS)
        n = DRAW_MAX_SEGS;
    return n;
}

/* Appends the contour of rect (x,y,w,h) with corner radius rad, grown by d, as npts
 * vertices of colour c. Returns the index of the first vertex. */
static int mesh_contour(Mesh *m, float x, float y, float w, float h, float rad, float d, int segs,
                        SDL_Color c)
{
    int first = m->nv;
    float rr = rad + d;
    if (rr < 0)
        rr = 0;
    /* corner centres of the grown rectangle; clockwise from the top-right corner */
    float cx[4] = {x + w + d - rr, x + w + d - rr, x - d + rr, x - d + rr};
    float cy[4] = {y - d + rr, y + h + d - rr, y + h + d - rr, y - d + rr};
    float start[4] = {-(float)M_PI / 2, 0, (float)M_PI / 2, (float)M_PI};
    /* where each arc starts and ends, exactly: cosf/sinf of a multiple of pi/2 are off by
     * 1e-7, and SDL truncates positions to whole pixels, so 31.9999 would become 31 and
     * leave a one-pixel wedge between the corner fan and the cross rects (a seam in the
     * fill where the arc meets the straight edge) */
    static const float ends[5][2] = {{0, -1}, {1, 0}, {0, 1}, {-1, 0}, {0, -1}};
    for (int k = 0; k < 4; k++) {
        for (int i = 0; i <= segs; i++) {
            float a = start[k] + (float)M_PI / 2 * (float)i / (float)segs;
            float ca = cosf(a), sa = sinf(a);
            if (i == 0 || i == segs) {
                ca = ends[k + (i == segs)][0];
                sa = ends[k + (i == segs)][1];
            }
            SDL_Vertex *v = &m->v[m->nv++];
            v->position.x = cx[k] + rr * ca;
            v->position.y = cy[k] + rr * sa;
            v->color = c;
            v->tex_coord.x = v->tex_coord.y = 0;
        }
    }
    return first;
}

/* Joins two contours of npts points with a closed strip of triangles. */
static void mesh_strip(Mesh *m, int a, int b, int npts)
{
    for (int i = 0; i < npts; i++) {
        int j = (i + 1) % npts;
        int q[6] = {a + i, b + i, b + j, a + i, b + j, a + j};
        for (int k = 0; k < 6; k++)
            m->idx[m->ni++] = q[k];
    }
}

static void mesh_draw(SDL_Renderer *r, const Mesh *m)
{
    SDL_BlendMode old;
    SDL_GetRenderDrawBlendMode(r, &old);
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    SDL_RenderGeometry(r, NULL, m->v, m->nv, m->idx, m->ni);
    SDL_SetRenderDrawBlendMode(r, old);
}

static SDL_Color draw_clear(SDL_Color c)
{
    c.a = 0;
    return c;
}

/* Fills the inside of a filled shape without big triangles: SDL's software renderer
 * blends each triangle through a temporary surface of its bounding box, so a fan from
 * the centre costs the whole area many times over. Plain rectangles fill the cross,
 * and each corner gets a small fan from its arc centre. */
static void fill_inside(SDL_Renderer *r, Mesh *m, int rim, int segs, float x, float y, float w,
                        float h, float rad, SDL_Color c)
{
    float cx[4] = {x + w - rad, x + w - rad, x + rad, x + rad};
    float cy[4] = {y + rad, y + h - rad, y + h - rad, y + rad};
    for (int k = 0; k < 4; k++) {
        int centre = m->nv++;
        m->v[centre] = (SDL_Vertex){{cx[k], cy[k]}, c, {0, 0}};
        for (int i = 0; i < segs; i++) {
            int q[3] = {centre, rim + k * (segs + 1) + i, rim + k * (segs + 1) + i + 1};
            for (int j = 0; j < 3; j++)
                m->idx[m->ni++] = q[j];
        }
    }
    /* whole pixels, cut where SDL's rasteriser cuts the fans: it truncates every vertex
     * position to an int, so each band edge is the truncated arc centre line and the
     * bands meet the fans (and each other) with neither a gap nor an overlap, also for
     * circles at fractional positions */
    int left = (int)x, top = (int)y, right = (int)(x + w), bottom = (int)(y + h);
    int il = (int)cx[3], ir = (int)cx[0], it = (int)cy[0], ib = (int)cy[1];
    SDL_Rect cross[3] = {
        {il, top, ir - il, it - top},
        {left, it, right - left, ib - it},
        {il, ib, ir - il, bottom - ib},
    };
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
    SDL_BlendMode old;
    SDL_GetRenderDrawBlendMode(r, &old);
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    for (int i = 0; i < 3; i++)
        if (cross[i].w > 0 && cross[i].h > 0)
            SDL_RenderFillRect(r, &cross[i]);
    SDL_SetRenderDrawBlendMode(r, old);
}

static void draw_round_shape(SDL_Renderer *r, float x, float y, float w, float h, float rad,
                             float thickness, SDL_Color c)
{
    if (w <= 0 || h <= 0 || c.a == 0)
        return;
    float half = (w < h ? w : h) / 2;
    if (rad > half)
        rad = half;
    if (rad < 1)
        rad = 1;
    static Mesh m; /* UI thread only; too big for the stack of a deep call chain */
    m.nv = m.ni = 0;
    int segs = draw_corner_segs(rad);
    int npts = 4 * (segs + 1);
    SDL_Color clear = draw_clear(c);
    int outer = mesh_contour(&m, x, y, w, h, rad, 0.5f, segs, clear);
    int rim = mesh_contour(&m, x, y, w, h, rad, -0.5f, segs, c);
    mesh_strip(&m, outer, rim, npts);
    if (thickness <= 0 || thickness >= half) {
        fill_inside(r, &m, rim, segs, x, y, w, h, rad, c);
    } else {
        int inner = mesh_contour(&m, x, y, w, h, rad, -thickness + 0.5f, segs, c);
        int hole = mesh_contour(&m, x, y, w, h, rad, -thickness - 0.5f, segs, clear);
        mesh_strip(&m, rim, inner, npts);
        mesh_strip(&m, inner, hole, npts);
    }
    mesh_draw(r, &m);
}

void draw_rect(SDL_Renderer *r, SDL_Rect rect, SDL_Color c)
{
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
    SDL_RenderFillRect(r, &rect);
}

void draw_round_rect(SDL_Renderer *r, SDL_Rect rect, int radius, SDL_Color c)
{
    if (radius <= 0) {
        draw_rect(r, rect, c);
        return;
    }
    draw_round_shape(r, (float)rect.x, (float)rect.y, (float)rect.w, (float)rect.h, (float)radius,
                     0, c);
}

void draw_round_rect_outline(SDL_Renderer *r, SDL_Rect rect, int radius, int thickness, SDL_Color c)
{
    draw_round_shape(r, (float)rect.x, (float)rect.y, (float)rect.w, (float)rect.h, (float)radius,
                     (float)(thickness > 0 ? thickness : 1), c);
}

void draw_circle(SDL_Renderer *r, float cx, float cy, float radius, SDL_Color c)
{
    draw_round_shape(r, cx - radius, cy - radius, 2 * radius, 2 * radius, radius, 0, c);
}

void draw_circle_outline(SDL_Renderer *r, float cx, float cy, float radius, float thickness,
                         SDL_Color c)
{
    draw_round_shape(r, cx - radius, cy - radius, 2 * radius, 2 * radius, radius,
                     thickness > 0 ? thickness : 1, c);
}

void draw_line(SDL_Renderer *r, float x1, float y1, float x2, float y2, float thickness,
               SDL_Color c)
{
    float dx = x2 - x1, dy = y2 - y1, len = sqrtf(dx * dx + dy * dy);
    if (len < 1e-3f || c.a == 0)
        return;
    float nx = -dy / len, ny = dx / len; /* unit normal */
    float hw = thickness / 2;
    float core = hw - 0.5f, edge = hw + 0.5f;
    SDL_Color solid = c;
    if (core < 0) { /* thinner than a pixel: fade instead of vanishing */
        solid.a = (Uint8)(c.a * thickness);
        core = 0;
    }
    SDL_Color clear = draw_clear(c);
    float off[4] = {-edge, -core, core, edge};
    SDL_Color col[4] = {clear, solid, solid, clear};
    SDL_Vertex v[8];
    for (int i = 0; i < 4; i++) {
        v[2 * i] = (SDL_Vertex){{x1 + nx * off[i], y1 + ny * off[i]}, col[i], {0, 0}};
        v[2 * i + 1] = (SDL_Vertex){{x2 + nx * off[i], y2 + ny * off[i]}, col[i], {0, 0}};
    }
    int idx[18];
    int n = 0;
    for (int i = 0; i < 3; i++) {
        int a = 2 * i, b = 2 * i + 1, c2 = 2 * i + 2, d = 2 * i + 3;
        int q[6] = {a, b, d, a, d, c2};
        for (int k = 0; k < 6; k++)
            idx[n++] = q[k];
    }
    SDL_BlendMode old;
    SDL_GetRenderDrawBlendMode(r, &old);
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    SDL_RenderGeometry(r, NULL, v, 8, idx, n);
    SDL_SetRenderDrawBlendMode(r, old);
}
