/* The demo pictures' canvas: signed-distance shapes filled with a one-pixel coverage
 * ramp, which gives clean anti-aliased edges without supersampling, and libpng output. */
#include "tools/canvas.h"

#include <math.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int canvas_init(Canvas *c, int width, int height, Rgb bg)
{
    memset(c, 0, sizeof *c);
    if (width <= 0 || height <= 0)
        return -1;
    c->px = malloc((size_t)width * (size_t)height * 3);
    if (!c->px)
        return -1;
    c->width = width;
    c->height = height;
    c->k = 1.0f;
    for (size_t i = 0; i < (size_t)width * (size_t)height; i++) {
        c->px[i * 3] = bg.r;
        c->px[i * 3 + 1] = bg.g;
        c->px[i * 3 + 2] = bg.b;
    }
    return 0;
}

void canvas_deinit(Canvas *c)
{
    if (!c)
        return;
    free(c->px);
    memset(c, 0, sizeof *c);
}

void canvas_place(Canvas *c, float ox, float oy, float k)
{
    c->ox = ox;
    c->oy = oy;
    c->k = k;
}

static Shape shape_zero(ShapeKind kind)
{
    Shape s;
    memset(&s, 0, sizeof s);
    s.kind = kind;
    return s;
}

Shape shape_circle(float x, float y, float r)
{
    Shape s = shape_zero(SHAPE_CIRCLE);
    s.x = x;
    s.y = y;
    s.rx = s.ry = r;
    return s;
}

Shape shape_ellipse(float x, float y, float rx, float ry, float angle)
{
    Shape s = shape_zero(SHAPE_ELLIPSE);
    s.x = x;
    s.y = y;
    s.rx = rx;
    s.ry = ry;
    s.angle = angle;
    return s;
}

Shape shape_box(float x, float y, float hw, float hh, float round, float angle)
{
    Shape s = shape_zero(SHAPE_BOX);
    s.x = x;
    s.y = y;
    s.rx = hw;
    s.ry = hh;
    s.round = round;
    s.angle = angle;
    return s;
}

Shape shape_seg(float x0, float y0, float x1, float y1, float half_width)
{
    const float xy[4] = {x0, y0, x1, y1};
    return shape_line(2, xy, half_width);
}

Shape shape_arc(float x, float y, float r, float a0, float a1, float half_width)
{
    Shape s = shape_zero(SHAPE_LINE);
    s.n = SHAPE_MAX_POINTS;
    s.round = half_width;
    for (int i = 0; i < s.n; i++) {
        float a = a0 + (a1 - a0) * (float)i / (float)(s.n - 1);
        s.pts[i][0] = x + r * cosf(a);
        s.pts[i][1] = y + r * sinf(a);
    }
    return s;
}

Shape shape_poly(int n, const float *xy)
{
    Shape s = shape_zero(SHAPE_POLY);
    s.n = n > SHAPE_MAX_POINTS ? SHAPE_MAX_POINTS : n;
    for (int i = 0; i < s.n; i++) {
        s.pts[i][0] = xy[2 * i];
        s.pts[i][1] = xy[2 * i + 1];
    }
    return s;
}

Shape shape_line(int n, const float *xy, float half_width)
{
    Shape s = shape_poly(n, xy);
    s.kind = SHAPE_LINE;
    s.round = half_width;
    return s;
}

Shape shape_half(float x, float y, float nx, float ny)
{
    Shape s = shape_zero(SHAPE_HALF);
    float len = sqrtf(nx * nx + ny * ny);
    s.x = x;
    s.y = y;
    s.rx = len > 0 ? nx / len : 0;
    s.ry = len > 0 ? ny / len : -1;
    return s;
}

static float clampf(float v, float lo, float hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static float seg_dist2(float px, float py, const float a[2], const float b[2])
{
    float ex = b[0] - a[0], ey = b[1] - a[1];
    float wx = px - a[0], wy = py - a[1];
    float ee = ex * ex + ey * ey;
    float t = ee > 0 ? clampf((wx * ex + wy * ey) / ee, 0, 1) : 0;
    float dx = wx - ex * t, dy = wy - ey * t;
    return dx * dx + dy * dy;
}

/* Exact distance to a polygon with the sign from the crossing count (after I. Quilez). */
static float poly_dist(const Shape *s, float px, float py)
{
    float d = 1e30f, sign = 1;
    for (int i = 0, j = s->n - 1; i < s->n; j = i, i++) {
        const float *vi = s->pts[i], *vj = s->pts[j];
        d = fminf(d, seg_dist2(px, py, vi, vj));
        float ex = vj[0] - vi[0], ey = vj[1] - vi[1];
        float wx = px - vi[0], wy = py - vi[1];
        int c1 = py >= vi[1], c2 = py<vj[1], c3 = ex * wy> ey * wx;
        if ((c1 && c2 && c3) || (!c1 && !c2 && !c3))
            sign = -sign;
    }
    return sign * sqrtf(d);
}

float shape_dist(const Shape *s, float x, float y)
{
    float px = x - s->x, py = y - s->y;
    if (s->angle != 0 && (s->kind == SHAPE_ELLIPSE || s->kind == SHAPE_BOX)) {
        float ca = cosf(s->angle), sa = sinf(s->angle);
        float rx = px * ca + py * sa, ry = -px * sa + py * ca;
        px = rx;
        py = ry;
    }
    switch (s->kind) {
    case SHAPE_CIRCLE:
        return sqrtf(px * px + py * py) - s->rx;
    case SHAPE_ELLIPSE: {
        /* first-order distance: f / |grad f|, exact enough within a few pixels of the
         * edge, which is all the coverage ramp needs */
        float ux = px / s->rx, uy = py / s->ry;
        float f = sqrtf(ux * ux + uy * uy);
        if (f < 1e-6f)
            return -fminf(s->rx, s->ry);
        float gx = ux / s->rx, gy = uy / s->ry;
        float g = sqrtf(gx * gx + gy * gy) / f;
        return (f - 1) / g;
    }
    case SHAPE_BOX: {
        float qx = fabsf(px) - s->rx + s->round, qy = fabsf(py) - s->ry + s->round;
        float ox = fmaxf(qx, 0), oy = fmaxf(qy, 0);
        return sqrtf(ox * ox + oy * oy) + fminf(fmaxf(qx, qy), 0) - s->round;
    }
    case SHAPE_LINE: {
        float d = 1e30f;
        for (int i = 0; i + 1 < s->n; i++)
            d = fminf(d, seg_dist2(x, y, s->pts[i], s->pts[i + 1]));
        return sqrtf(d) - s->round;
    }
    case SHAPE_POLY:
        return poly_dist(s, x, y);
    case SHAPE_HALF:
        return px * s->rx + py * s->ry;
    }
    return 1e30f;
}

/* Bounding box in design units; returns 0 for shapes without one (half planes). */
static int shape_bounds(const Shape *s, float b[4])
{
    switch (s->kind) {
    case SHAPE_CIRCLE:
    case SHAPE_ELLIPSE:
    case SHAPE_BOX: {
        float r = s->angle != 0 ? sqrtf(s->rx * s->rx + s->ry * s->ry) : 0;
        float hx = s->angle != 0 ? r : s->rx, hy = s->angle != 0 ? r : s->ry;
        b[0] = s->x - hx;
        b[1] = s->y - hy;
        b[2] = s->x + hx;
        b[3] = s->y + hy;
        return 1;
    }
    case SHAPE_LINE:
    case SHAPE_POLY: {
        float pad = s->kind == SHAPE_LINE ? s->round : 0;
        b[0] = b[1] = 1e30f;
        b[2] = b[3] = -1e30f;
        for (int i = 0; i < s->n; i++) {
            b[0] = fminf(b[0], s->pts[i][0] - pad);
            b[1] = fminf(b[1], s->pts[i][1] - pad);
            b[2] = fmaxf(b[2], s->pts[i][0] + pad);
            b[3] = fmaxf(b[3], s->pts[i][1] + pad);
        }
        return s->n > 0;
    }
    case SHAPE_HALF:
        return 0;
    }
    return 0;
}

/* Signed distance of the painted region (design units) at (x, y). */
static float paint_dist(const Shape *s, float w, const Shape *clip, int clip_out, float x, float y)
{
    float d = shape_dist(s, x, y);
    if (w > 0)
        d = fabsf(d) - w;
    if (clip) {
        float dc = shape_dist(clip, x, y);
        d = fmaxf(d, clip_out ? -dc : dc);
    }
    return d;
}

/* True when shape_dist is a true distance (never more than the real one), so a whole
 * tile can be judged from its centre. The ellipse's estimate is not. */
static int dist_is_exact(const Shape *s)
{
    return !s || s->kind != SHAPE_ELLIPSE;
}

static void blend(unsigned char *p, Rgb col, float cover)
{
    p[0] = (unsigned char)(p[0] + (col.r - p[0]) * cover + 0.5f);
    p[1] = (unsigned char)(p[1] + (col.g - p[1]) * cover + 0.5f);
    p[2] = (unsigned char)(p[2] + (col.b - p[2]) * cover + 0.5f);
}

#define TILE 8

void canvas_paint(Canvas *c, const Shape *s, float w, const Shape *clip, int clip_out, Rgb col,
                  float alpha)
{
    float b[4];
    int x0 = 0, y0 = 0, x1 = c->width, y1 = c->height;
    if (shape_bounds(s, b)) {
        float pad = w + 2 / c->k;
        x0 = (int)floorf(c->ox + (b[0] - pad) * c->k);
        y0 = (int)floorf(c->oy + (b[1] - pad) * c->k);
        x1 = (int)ceilf(c->ox + (b[2] + pad) * c->k);
        y1 = (int)ceilf(c->oy + (b[3] + pad) * c->k);
    }
    x0 = x0 < 0 ? 0 : x0;
    y0 = y0 < 0 ? 0 : y0;
    x1 = x1 > c->width ? c->width : x1;
    y1 = y1 > c->height ? c->height : y1;
    float inv = 1.0f / c->k;
    /* Large shapes are mostly far from their edge: with an exact distance, a tile whose
     * centre is further from the edge than the tile's half diagonal is wholly in or out. */
    int exact = dist_is_exact(s) && dist_is_exact(clip);
    const float reach = TILE * 0.7072f + 1.0f; /* half diagonal plus the coverage ramp */
    for (int ty = y0; ty < y1; ty += TILE)
        for (int tx = x0; tx < x1; tx += TILE) {
            int ex = tx + TILE < x1 ? tx + TILE : x1, ey = ty + TILE < y1 ? ty + TILE : y1;
            int uniform = 0; /* 1: fully covered, -1: untouched */
            if (exact && ex - tx == TILE && ey - ty == TILE) {
                float cx = ((float)tx + TILE / 2.0f - c->ox) * inv;
                float cy = ((float)ty + TILE / 2.0f - c->oy) * inv;
                float d = paint_dist(s, w, clip, clip_out, cx, cy) * c->k;
                uniform = d > reach ? -1 : d < -reach ? 1 : 0;
            }
            if (uniform < 0)
                continue;
            for (int py = ty; py < ey; py++) {
                float y = ((float)py + 0.5f - c->oy) * inv;
                unsigned char *row = c->px + ((size_t)py * (size_t)c->width) * 3;
                for (int px = tx; px < ex; px++) {
                    float cover = alpha;
                    if (!uniform) {
                        float x = ((float)px + 0.5f - c->ox) * inv;
                        float d = paint_dist(s, w, clip, clip_out, x, y);
                        cover = clampf(0.5f - d * c->k, 0, 1) * alpha;
                    }
                    if (cover > 0)
                        blend(row + (size_t)px * 3, col, cover);
                }
            }
        }
}

void canvas_fill(Canvas *c, const Shape *s, Rgb col, float alpha)
{
    canvas_paint(c, s, 0, NULL, 0, col, alpha);
}

void canvas_fill_clip(Canvas *c, const Shape *s, const Shape *clip, int clip_out, Rgb col,
                      float alpha)
{
    canvas_paint(c, s, 0, clip, clip_out, col, alpha);
}

void canvas_stroke(Canvas *c, const Shape *s, float w, Rgb col, float alpha)
{
    canvas_paint(c, s, w, NULL, 0, col, alpha);
}

void canvas_gradient(Canvas *c, Rgb top, Rgb bottom)
{
    for (int y = 0; y < c->height; y++) {
        Rgb k = rgb_mix(top, bottom, c->height > 1 ? (float)y / (float)(c->height - 1) : 0);
        unsigned char *row = c->px + (size_t)y * (size_t)c->width * 3;
        for (int x = 0; x < c->width; x++) {
            row[x * 3] = k.r;
            row[x * 3 + 1] = k.g;
            row[x * 3 + 2] = k.b;
        }
    }
}

int canvas_write_png(const Canvas *c, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        snprintf(err, errlen, "cannot create %s", path);
        return -1;
    }
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!png || !info) {
        png_destroy_write_struct(&png, NULL);
        fclose(f);
        unlink(path);
        snprintf(err, errlen, "out of memory writing %s", path);
        return -1;
    }
    /* volatile: f is read after a longjmp back into this frame */
    FILE *volatile vf = f;
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        fclose(vf);
        unlink(path);
        snprintf(err, errlen, "cannot write PNG %s", path);
        return -1;
    }
    png_init_io(png, f);
    /* flat illustrations compress well even at a fast level; seeding stays quick */
    png_set_compression_level(png, 3);
    png_set_IHDR(png, info, (png_uint_32)c->width, (png_uint_32)c->height, 8, PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (int y = 0; y < c->height; y++)
        png_write_row(png, c->px + (size_t)y * (size_t)c->width * 3);
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    if (fclose(vf) != 0) {
        unlink(path);
        snprintf(err, errlen, "cannot write PNG %s", path);
        return -1;
    }
    return 0;
}

Rgb rgb_mix(Rgb a, Rgb b, float t)
{
    Rgb r;
    r.r = (unsigned char)(a.r + (b.r - a.r) * t + 0.5f);
    r.g = (unsigned char)(a.g + (b.g - a.g) * t + 0.5f);
    r.b = (unsigned char)(a.b + (b.b - a.b) * t + 0.5f);
    return r;
}

Rgb rgb_hex(uint32_t hex)
{
    Rgb r = {(unsigned char)(hex >> 16), (unsigned char)(hex >> 8), (unsigned char)hex};
    return r;
}

void rng_init(Rng *r, uint32_t seed)
{
    /* spread nearby seeds apart; xorshift must never hold 0 */
    uint32_t x = seed * 2654435761u + 0x9E3779B9u;
    x ^= x >> 16;
    x *= 0x85EBCA6Bu;
    x ^= x >> 13;
    r->s = x ? x : 1;
}

uint32_t rng_next(Rng *r)
{
    uint32_t x = r->s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    r->s = x;
    return x;
}

float rng_range(Rng *r, float lo, float hi)
{
    return lo + (hi - lo) * (float)(rng_next(r) >> 8) / 16777216.0f;
}

int rng_pick(Rng *r, int n)
{
    return n > 0 ? (int)(rng_next(r) % (uint32_t)n) : 0;
}
