/* Event pictures for the demo albums: the Mid-Autumn garden party (moon, lanterns,
 * mooncakes, neighbours at a table) and the stairwell clean-up day (stairs, plants,
 * framed pictures, volunteers). Each variant is one composition; the seed moves and
 * recolours its parts. Everything is drawn in pixels of the 1200 x 800 picture. */
#include "tools/portrait.h"

#include <math.h>

#define PI 3.14159265f

static const Rgb WHITE = {255, 255, 255};
static const Rgb BLACK = {0, 0, 0};

static void place_identity(Canvas *c)
{
    canvas_place(c, 0, 0, 1);
}

/* A neighbour from the waist up, head top-left at (x, y), s times portrait size. */
static void person(Canvas *c, float x, float y, float s, uint32_t seed)
{
    static const PortraitAge ages[] = {PORTRAIT_ELDER, PORTRAIT_MIDDLE, PORTRAIT_YOUNG,
                                       PORTRAIT_CHILD, PORTRAIT_ELDER};
    PortraitSpec spec = {seed, ages[seed % 5], (PortraitSex)((seed / 5) % 2)};
    canvas_place(c, x, y, s);
    portrait_draw_person(c, &spec);
    place_identity(c);
}

static void moon(Canvas *c, float x, float y, float r)
{
    Rgb glow = rgb_hex(0xFFF3C4);
    for (int i = 4; i >= 1; i--) {
        Shape g = shape_circle(x, y, r * (1 + 0.35f * (float)i));
        canvas_fill(c, &g, glow, 0.06f);
    }
    Shape disc = shape_circle(x, y, r);
    canvas_fill(c, &disc, rgb_hex(0xFFF1B8), 1);
    const float spots[][3] = {{-0.3f, -0.2f, 0.18f}, {0.25f, 0.15f, 0.22f}, {-0.1f, 0.4f, 0.12f}};
    for (int i = 0; i < 3; i++) {
        Shape s = shape_circle(x + spots[i][0] * r, y + spots[i][1] * r, spots[i][2] * r);
        canvas_fill(c, &s, rgb_hex(0xF2DC94), 0.6f);
    }
}

static void stars(Canvas *c, Rng *r, int n, float max_y)
{
    for (int i = 0; i < n; i++) {
        Shape s = shape_circle(rng_range(r, 0, SCENE_WIDTH), rng_range(r, 0, max_y),
                               rng_range(r, 1.2f, 2.6f));
        canvas_fill(c, &s, WHITE, rng_range(r, 0.4f, 0.9f));
    }
}

/* A red palace lantern hanging from a string at (x, top), body centred at (x, y). */
static void lantern(Canvas *c, float x, float top, float y, float size, Rgb body)
{
    Rgb gold = rgb_hex(0xE8B44C);
    Shape s = shape_seg(x, top, x, y - size * 0.8f, 1.5f);
    canvas_fill(c, &s, rgb_hex(0x3A2A22), 0.8f);
    s = shape_circle(x, y, size * 1.9f);
    canvas_fill(c, &s, rgb_hex(0xFFB060), 0.12f);
    Shape lamp = shape_ellipse(x, y, size, size * 0.78f, 0);
    canvas_fill(c, &lamp, body, 1);
    for (int i = 1; i <= 2; i++) {
        s = shape_ellipse(x, y, size * 0.33f * (float)i, size * 0.78f, 0);
        canvas_paint(c, &s, 1.6f, &lamp, 0, rgb_mix(body, BLACK, 0.25f), 0.7f);
    }
    s = shape_ellipse(x - size * 0.35f, y - size * 0.3f, size * 0.2f, size * 0.12f, -0.5f);
    canvas_fill(c, &s, WHITE, 0.25f);
    s = shape_box(x, y - size * 0.78f, size * 0.42f, size * 0.1f, 2, 0);
    canvas_fill(c, &s, gold, 1);
    s = shape_box(x, y + size * 0.78f, size * 0.42f, size * 0.1f, 2, 0);
    canvas_fill(c, &s, gold, 1);
    for (int i = -2; i <= 2; i++) {
        float tx = x + (float)i * size * 0.08f;
        s = shape_seg(tx, y + size * 0.85f, tx, y + size * 1.45f, 1.4f);
        canvas_fill(c, &s, body, 1);
    }
}

static void mooncake(Canvas *c, float x, float y, float r)
{
    Rgb crust = rgb_hex(0xC98A3E), dark = rgb_hex(0x9A6126);
    for (int i = 0; i < 12; i++) {
        float a = 2 * PI * (float)i / 12;
        Shape s = shape_circle(x + r * cosf(a), y + r * 0.55f * sinf(a), r * 0.22f);
        canvas_fill(c, &s, crust, 1);
    }
    Shape top = shape_ellipse(x, y, r, r * 0.55f, 0);
    canvas_fill(c, &top, rgb_hex(0xD99A4B), 1);
    Shape ring = shape_ellipse(x, y, r * 0.62f, r * 0.34f, 0);
    canvas_stroke(c, &ring, r * 0.05f, dark, 0.8f);
    Shape mark = shape_ellipse(x, y, r * 0.25f, r * 0.12f, 0);
    canvas_fill(c, &mark, dark, 0.7f);
}

/* Buildings of the estate against the night sky, some windows lit. */
static void skyline(Canvas *c, Rng *r, float base)
{
    Rgb wall = rgb_hex(0x2C3157);
    float x = -20;
    while (x < SCENE_WIDTH) {
        float w = rng_range(r, 140, 220), h = rng_range(r, 180, 320);
        Shape b = shape_box(x + w / 2, base - h / 2, w / 2, h / 2, 0, 0);
        canvas_fill(c, &b, wall, 1);
        for (float wy = base - h + 24; wy < base - 20; wy += 34)
            for (float wx = x + 18; wx < x + w - 18; wx += 30) {
                int lit = rng_pick(r, 100) < 35;
                Shape win = shape_box(wx + 6, wy, 7, 9, 1.5f, 0);
                canvas_fill(c, &win, lit ? rgb_hex(0xFFD77A) : rgb_hex(0x3C4270), 1);
            }
        x += w + rng_range(r, 6, 30);
    }
}

static void tree(Canvas *c, float x, float base, float size, Rgb leaf)
{
    Shape trunk = shape_box(x, base - size * 0.4f, size * 0.08f, size * 0.4f, 3, 0);
    canvas_fill(c, &trunk, rgb_hex(0x5B4332), 1);
    const float blobs[][3] = {{0, -1.0f, 0.5f}, {-0.35f, -0.8f, 0.38f}, {0.35f, -0.78f, 0.4f}};
    for (int i = 0; i < 3; i++) {
        Shape s =
            shape_circle(x + blobs[i][0] * size, base + blobs[i][1] * size, blobs[i][2] * size);
        canvas_fill(c, &s, leaf, 1);
    }
}

static void string_of_lanterns(Canvas *c, Rng *r, float y, int n, float size)
{
    Shape wire = shape_arc(SCENE_WIDTH / 2.0f, y - 900, 900, PI * 0.22f, PI * 0.78f, 2);
    canvas_fill(c, &wire, rgb_hex(0x3A2A22), 0.7f);
    for (int i = 0; i < n; i++) {
        float x = 80 + (SCENE_WIDTH - 160) * ((float)i + 0.5f) / (float)n;
        float dx = x - SCENE_WIDTH / 2.0f;
        float wy = y - 900 + sqrtf(900 * 900 - dx * dx);
        Rgb body = rng_pick(r, 5) == 0 ? rgb_hex(0xF08A24) : rgb_hex(0xD8352A);
        lantern(c, x, wy, wy + size * 1.6f + rng_range(r, 0, 30), size, body);
    }
}

static void table(Canvas *c, float top, Rgb cloth)
{
    Shape t = shape_box(SCENE_WIDTH / 2.0f, top + 200, 560, 200, 12, 0);
    canvas_fill(c, &t, cloth, 1);
    Shape edge = shape_box(SCENE_WIDTH / 2.0f, top + 6, 560, 6, 3, 0);
    canvas_fill(c, &edge, rgb_mix(cloth, WHITE, 0.25f), 1);
    for (int i = 0; i < 8; i++) {
        Shape fold = shape_seg(120 + 140 * (float)i, top + 40, 110 + 140 * (float)i, 800, 2);
        canvas_fill(c, &fold, rgb_mix(cloth, BLACK, 0.2f), 0.35f);
    }
}

/* A blue-and-white teacup of half width w standing on y. */
static void tea(Canvas *c, float x, float y, float w)
{
    Rgb cup = rgb_hex(0xF4F1EA), blue = rgb_hex(0x3B6EA8);
    Shape s = shape_box(x, y - w * 0.9f, w, w * 0.9f, w * 0.35f, 0);
    canvas_fill(c, &s, cup, 1);
    s = shape_seg(x - w * 0.8f, y - w * 1.2f, x + w * 0.8f, y - w * 1.2f, w * 0.12f);
    canvas_fill(c, &s, blue, 1);
    s = shape_circle(x, y - w * 0.65f, w * 0.22f);
    canvas_fill(c, &s, blue, 0.8f);
    s = shape_ellipse(x, y - w * 1.8f, w, w * 0.25f, 0);
    canvas_fill(c, &s, rgb_hex(0xB9893D), 1);
}

static void mid_autumn(Canvas *c, int variant, Rng *r)
{
    Rgb sky_top = rgb_hex(0x141A3F), sky_low = rgb_hex(0x4A3A7A);
    canvas_gradient(c, sky_top, sky_low);
    stars(c, r, 60, 400);
    float mx = rng_range(r, 160, 1040), my = rng_range(r, 110, 180);
    switch (variant % 4) {
    case 0: /* the estate under the full moon, lanterns strung across */
        moon(c, mx, my, 90);
        skyline(c, r, 640);
        for (int i = 0; i < 6; i++)
            tree(c, 100 + 200 * (float)i + rng_range(r, -30, 30), 690, rng_range(r, 110, 150),
                 rgb_hex(0x24523F));
        {
            Shape ground = shape_box(600, 740, 640, 80, 0, 0);
            canvas_fill(c, &ground, rgb_hex(0x2E3A45), 1);
        }
        string_of_lanterns(c, r, 40, 7, 34);
        break;
    case 1: { /* the table: mooncakes, tea, lanterns above */
        moon(c, mx, 120, 70);
        string_of_lanterns(c, r, 10, 5, 40);
        table(c, 470, rgb_hex(0xB3262E));
        Shape plate = shape_ellipse(600, 600, 330, 110, 0);
        canvas_fill(c, &plate, rgb_hex(0xF6F2E8), 1);
        canvas_stroke(c, &plate, 4, rgb_hex(0x3B6EA8), 0.8f);
        const float cakes[][2] = {{490, 560}, {710, 560}, {600, 630}, {380, 620}, {820, 620}};
        for (int i = 0; i < 5; i++)
            mooncake(c, cakes[i][0], cakes[i][1], 80);
        tea(c, 150, 700, 50);
        tea(c, 1060, 710, 50);
        break;
    }
    case 2: { /* neighbours round the table */
        moon(c, mx, my, 70);
        string_of_lanterns(c, r, 10, 6, 30);
        int n = 4 + rng_pick(r, 2);
        for (int i = 0; i < n; i++) {
            float x = 150 + (900.0f / (float)(n - 1)) * (float)i - 216 * 0.5f * 0.9f;
            person(c, x - 20, rng_range(r, 230, 280), 0.5f, rng_next(r));
        }
        table(c, 560, rgb_hex(0xB3262E));
        for (int i = 0; i < 4; i++)
            mooncake(c, 260 + 230 * (float)i, 620 + rng_range(r, -10, 10), 38);
        tea(c, 380, 680, 24);
        tea(c, 840, 690, 24);
        break;
    }
    default: { /* lantern riddles: rows of lanterns with paper slips */
        moon(c, mx, my, 60);
        for (int row = 0; row < 2; row++) {
            float wy = 250 + 260 * (float)row;
            Shape wire = shape_seg(0, wy - 70, SCENE_WIDTH, wy - 70, 2);
            canvas_fill(c, &wire, rgb_hex(0x3A2A22), 0.8f);
            for (int i = 0; i < 6; i++) {
                float x = 110 + 196 * (float)i + (float)row * 60;
                Rgb body = rng_pick(r, 3) == 0 ? rgb_hex(0xF08A24) : rgb_hex(0xD8352A);
                lantern(c, x, wy - 70, wy, 36, body);
                Shape slip = shape_box(x + 3, wy + 95, 16, 36, 2, rng_range(r, -0.08f, 0.08f));
                canvas_fill(c, &slip, rgb_hex(0xFFF3C4), 1);
                for (int l = 0; l < 3; l++) {
                    Shape line = shape_seg(x - 6 + 9 * (float)l, wy + 72, x - 6 + 9 * (float)l,
                                           wy + 118, 1.5f);
                    canvas_fill(c, &line, rgb_hex(0x333333), 0.6f);
                }
            }
        }
        break;
    }
    }
}

/* A potted plant standing on y = base. */
static void plant(Canvas *c, Rng *r, float x, float base, float size)
{
    static const uint32_t greens[] = {0x3F8F4F, 0x5BAA5E, 0x2F7A50, 0x7CB85B};
    int leaves = 5 + rng_pick(r, 4);
    for (int i = 0; i < leaves; i++) {
        float a = -PI / 2 + rng_range(r, -0.9f, 0.9f);
        float len = size * rng_range(r, 0.45f, 0.75f);
        float cx = x + cosf(a) * len * 0.5f, cy = base - size * 0.45f + sinf(a) * len * 0.5f;
        Shape leaf = shape_ellipse(cx, cy, len * 0.5f, size * 0.1f, a);
        canvas_fill(c, &leaf, rgb_hex(greens[rng_pick(r, 4)]), 1);
    }
    const float pot[] = {x - size * 0.3f,  base - size * 0.45f,
                         x + size * 0.3f,  base - size * 0.45f,
                         x + size * 0.22f, base,
                         x - size * 0.22f, base};
    Shape p = shape_poly(4, pot);
    static const uint32_t pots[] = {0xC0643A, 0xD9A066, 0x4F7CAC, 0xE9E4DA};
    canvas_fill(c, &p, rgb_hex(pots[rng_pick(r, 4)]), 1);
    Shape rim = shape_box(x, base - size * 0.45f, size * 0.33f, size * 0.05f, 2, 0);
    canvas_fill(c, &rim, rgb_hex(0x8A4A2A), 0.6f);
}

/* A framed picture: a little landscape of hills and sun. */
static void picture(Canvas *c, Rng *r, float x, float y, float w, float h)
{
    Shape frame = shape_box(x, y, w, h, 3, 0);
    canvas_fill(c, &frame, rgb_hex(0x8A5A34), 1);
    Shape in = shape_box(x, y, w - 10, h - 10, 1, 0);
    canvas_fill(c, &in, rgb_hex(0xDDEFF7), 1);
    Shape sun = shape_circle(x + rng_range(r, -w * 0.4f, w * 0.4f), y - h * 0.3f, h * 0.16f);
    canvas_fill_clip(c, &sun, &in, 0, rgb_hex(0xF5B041), 1);
    for (int i = 0; i < 2; i++) {
        Shape hill =
            shape_ellipse(x + (i ? w * 0.35f : -w * 0.3f), y + h * 0.6f, w * 0.7f, h * 0.7f, 0);
        canvas_fill_clip(c, &hill, &in, 0, rgb_hex(i ? 0x5BAA5E : 0x3F8F4F), 1);
    }
}

static void stairs(Canvas *c, float x0, float y0, int steps, float run, float rise, Rgb tread)
{
    for (int i = 0; i < steps; i++) {
        float x = x0 + run * (float)i, y = y0 - rise * (float)i;
        Shape s = shape_box(x + 300, y + 300, 300, 300, 0, 0);
        canvas_fill(c, &s, i % 2 ? tread : rgb_mix(tread, BLACK, 0.06f), 1);
        Shape nose = shape_box(x + 300, y, 300, 3, 1, 0);
        canvas_fill(c, &nose, rgb_mix(tread, BLACK, 0.3f), 1);
    }
    Shape rail = shape_seg(x0 + 20, y0 - 120, x0 + run * (float)steps + 40,
                           y0 - rise * (float)steps - 120, 6);
    canvas_fill(c, &rail, rgb_hex(0x7A4B2A), 1);
    for (int i = 0; i < steps; i += 2) {
        float x = x0 + 30 + run * (float)i, y = y0 - rise * (float)i;
        Shape post = shape_seg(x, y, x, y - 120 - rise * 30 / run, 3);
        canvas_fill(c, &post, rgb_hex(0x4A4A4A), 1);
    }
}

static void stairwell(Canvas *c, int variant, Rng *r)
{
    /* the classic Shanghai stairwell: pale upper wall over a painted dado */
    Rgb wall = rgb_hex(0xF4EEDF), dado = rgb_hex(0x8FBF9F), floor = rgb_hex(0xC9B79C);
    canvas_gradient(c, wall, rgb_mix(wall, BLACK, 0.05f));
    Shape lower = shape_box(600, 640, 600, 160, 0, 0);
    canvas_fill(c, &lower, dado, 1);
    Shape band = shape_box(600, 480, 600, 5, 0, 0);
    canvas_fill(c, &band, rgb_mix(dado, BLACK, 0.25f), 1);
    Shape ground = shape_box(600, 760, 600, 40, 0, 0);
    canvas_fill(c, &ground, floor, 1);
    switch (variant % 4) {
    case 0: /* stairs going up, plants on the landing */
        stairs(c, 620, 720, 8, 70, 60, rgb_hex(0xD8CBB3));
        picture(c, r, 200, 260, 110, 80);
        for (int i = 0; i < 4; i++)
            plant(c, r, 90 + 120 * (float)i, 740, rng_range(r, 120, 170));
        break;
    case 1: { /* a sunny window with plants on the sill, a book-swap shelf */
        Shape win = shape_box(380, 300, 200, 170, 6, 0);
        canvas_fill(c, &win, rgb_hex(0xFFFFFF), 1);
        Shape glass = shape_box(380, 300, 186, 156, 2, 0);
        canvas_fill(c, &glass, rgb_hex(0xBFE3F5), 1);
        tree(c, 300, 470, 220, rgb_hex(0x7CB85B));
        Shape bar = shape_box(380, 300, 4, 156, 0, 0);
        canvas_fill(c, &bar, WHITE, 1);
        Shape sill = shape_box(380, 474, 220, 10, 3, 0);
        canvas_fill(c, &sill, rgb_hex(0xE3DACB), 1);
        for (int i = 0; i < 3; i++)
            plant(c, r, 250 + 130 * (float)i, 466, 100);
        Shape shelf = shape_box(900, 560, 170, 200, 6, 0);
        canvas_fill(c, &shelf, rgb_hex(0xA8754A), 1);
        static const uint32_t books[] = {0xC0392B, 0x2E86C1, 0xF1C40F, 0x27AE60,
                                         0x8E44AD, 0xE67E22, 0x16A085};
        for (int row = 0; row < 3; row++) {
            float by = 420 + 130 * (float)row;
            Shape board = shape_box(900, by + 50, 156, 6, 0, 0);
            canvas_fill(c, &board, rgb_hex(0x7A5232), 1);
            float bx = 752;
            while (bx < 1040) {
                float bw = rng_range(r, 12, 24), bh = rng_range(r, 70, 100);
                Shape book = shape_box(bx + bw / 2, by + 44 - bh / 2, bw / 2, bh / 2, 2, 0);
                canvas_fill(c, &book, rgb_hex(books[rng_pick(r, 7)]), 1);
                bx += bw + 3;
            }
        }
        break;
    }
    case 2: { /* volunteers freshening up the wall */
        /* a fresh stripe of paint on the right, the roller still on it */
        Shape fresh = shape_box(1010, 560, 150, 160, 0, 0);
        canvas_fill(c, &fresh, rgb_mix(dado, WHITE, 0.25f), 1);
        Shape roller = shape_seg(980, 470, 1040, 700, 6);
        canvas_fill(c, &roller, rgb_hex(0x555555), 1);
        Shape head = shape_box(980, 460, 60, 18, 8, 0);
        canvas_fill(c, &head, rgb_mix(dado, WHITE, 0.25f), 1);
        canvas_stroke(c, &head, 2, rgb_mix(dado, BLACK, 0.3f), 0.6f);
        picture(c, r, 980, 250, 100, 75);
        for (int i = 0; i < 3; i++)
            person(c, 40 + 280 * (float)i, 320, 0.6f, rng_next(r));
        Shape bucket = shape_box(870, 730, 44, 50, 6, 0);
        canvas_fill(c, &bucket, rgb_hex(0x4F7CAC), 1);
        Shape paint = shape_ellipse(870, 684, 40, 9, 0);
        canvas_fill(c, &paint, rgb_mix(dado, WHITE, 0.25f), 1);
        break;
    }
    default: { /* the landing's notice board with residents' drawings, plants below */
        Shape board = shape_box(600, 280, 330, 190, 8, 0);
        canvas_fill(c, &board, rgb_hex(0xB98A5E), 1);
        Shape cork = shape_box(600, 280, 310, 170, 4, 0);
        canvas_fill(c, &cork, rgb_hex(0xE7C9A0), 1);
        static const uint32_t papers[] = {0xFFFFFF, 0xFFF3C4, 0xFADBD8, 0xD6EAF8, 0xD5F5E3};
        for (int i = 0; i < 6; i++) {
            float px = 370 + 150 * (float)(i % 4) + rng_range(r, -10, 10);
            float py = 190 + 170 * (float)(i / 4) + rng_range(r, -10, 10);
            Shape sheet = shape_box(px, py, 58, 70, 2, rng_range(r, -0.08f, 0.08f));
            canvas_fill(c, &sheet, rgb_hex(papers[rng_pick(r, 5)]), 1);
            Shape pin = shape_circle(px, py - 60, 6);
            canvas_fill(c, &pin, rgb_hex(0xD8352A), 1);
            Shape sun = shape_circle(px - 18, py - 20, 14);
            canvas_fill(c, &sun, rgb_hex(0xF5B041), 0.9f);
            Shape house = shape_box(px + 10, py + 26, 26, 22, 2, 0);
            canvas_fill(c, &house, rgb_hex(0x5DADE2), 0.9f);
        }
        for (int i = 0; i < 6; i++)
            plant(c, r, 130 + 190 * (float)i, 740, rng_range(r, 110, 150));
        break;
    }
    }
}

int scene_render(SceneKind kind, int variant, uint32_t seed, Canvas *out)
{
    if (canvas_init(out, SCENE_WIDTH, SCENE_HEIGHT, WHITE) < 0)
        return -1;
    Rng r;
    rng_init(&r, seed);
    if (variant < 0)
        variant = -variant;
    if (kind == SCENE_MID_AUTUMN)
        mid_autumn(out, variant, &r);
    else
        stairwell(out, variant, &r);
    return 0;
}
