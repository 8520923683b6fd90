/* A tiny RGB canvas for the demo pictures: shapes given as signed distance functions,
 * filled with anti-aliased edges (coverage from the distance to the edge), and a PNG
 * writer over libpng. Used only by yanxiactl's demo generator; not a UI toolkit. */
#ifndef YX_TOOLS_CANVAS_H
#define YX_TOOLS_CANVAS_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    unsigned char r, g, b;
} Rgb;

/* Pixels are RGB, row after row. Shapes are given in "design units": a point (x, y)
 * lands on pixel (ox + x * k, oy + y * k), so one drawing can be placed at any size. */
typedef struct {
    int width, height;
    unsigned char *px;
    float ox, oy, k;
} Canvas;

typedef enum {
    SHAPE_CIRCLE,  /* x, y, rx */
    SHAPE_ELLIPSE, /* x, y, rx, ry, angle */
    SHAPE_BOX,     /* x, y, half sizes rx, ry, corner radius round, angle */
    SHAPE_LINE,    /* polyline pts[0..n) with half thickness round (round caps) */
    SHAPE_POLY,    /* polygon pts[0..n) */
    SHAPE_HALF     /* half plane: outside where (p - (x, y)) . (rx, ry) > 0 */
} ShapeKind;

#define SHAPE_MAX_POINTS 24

typedef struct {
    ShapeKind kind;
    float x, y, rx, ry, angle, round;
    int n;
    float pts[SHAPE_MAX_POINTS][2];
} Shape;

/* Allocates a width x height canvas filled with bg, identity placement.
 * Returns 0, or -1 when memory runs out (c is then zeroed). Free with canvas_deinit. */
int canvas_init(Canvas *c, int width, int height, Rgb bg);
void canvas_deinit(Canvas *c);

/* Sets the placement of design units (see Canvas). */
void canvas_place(Canvas *c, float ox, float oy, float k);

Shape shape_circle(float x, float y, float r);
Shape shape_ellipse(float x, float y, float rx, float ry, float angle);
Shape shape_box(float x, float y, float hw, float hh, float round, float angle);
Shape shape_seg(float x0, float y0, float x1, float y1, float half_width);
/* An arc of radius r around (x, y) from angle a0 to a1 (radians, y grows downwards),
 * as a polyline with half thickness half_width. */
Shape shape_arc(float x, float y, float r, float a0, float a1, float half_width);
/* A polygon or polyline from n points given as x0, y0, x1, y1, ... (n <= SHAPE_MAX_POINTS). */
Shape shape_poly(int n, const float *xy);
Shape shape_line(int n, const float *xy, float half_width);
/* Half plane through (x, y): points on the side the normal (nx, ny) points to are out. */
Shape shape_half(float x, float y, float nx, float ny);

/* Signed distance (design units) from (x, y) to the shape's edge: negative inside. */
float shape_dist(const Shape *s, float x, float y);

/* Blends col with opacity alpha over every pixel the shape covers. With a clip, only
 * inside the clip (or outside it when clip_out) is painted. */
void canvas_fill(Canvas *c, const Shape *s, Rgb col, float alpha);
void canvas_fill_clip(Canvas *c, const Shape *s, const Shape *clip, int clip_out, Rgb col,
                      float alpha);
/* Paints a band of half width w (design units) along the shape's edge. */
void canvas_stroke(Canvas *c, const Shape *s, float w, Rgb col, float alpha);
/* The general form: a fill (w = 0) or an edge band of half width w, optionally clipped. */
void canvas_paint(Canvas *c, const Shape *s, float w, const Shape *clip, int clip_out, Rgb col,
                  float alpha);
/* Fills the whole canvas with a vertical gradient from top to bottom. */
void canvas_gradient(Canvas *c, Rgb top, Rgb bottom);

/* Writes the canvas as an 8-bit RGB PNG. Returns 0, or -1 with a one-line message in
 * err (a partly written file is removed). */
int canvas_write_png(const Canvas *c, const char *path, char *err, size_t errlen);

/* Colour helpers: mix a toward b by t (0..1); lighten/darken by t. */
Rgb rgb_mix(Rgb a, Rgb b, float t);
Rgb rgb_hex(uint32_t hex);

/* A small deterministic random source (xorshift): the same seed draws the same picture. */
typedef struct {
    uint32_t s;
} Rng;
void rng_init(Rng *r, uint32_t seed);
uint32_t rng_next(Rng *r);
/* Uniform in [lo, hi). */
float rng_range(Rng *r, float lo, float hi);
/* Uniform integer in [0, n). */
int rng_pick(Rng *r, int n);

#endif
