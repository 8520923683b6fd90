/* Flat, friendly head-and-shoulders illustrations for the 笑脸墙. A person is built
 * from a few dozen shapes in a 480 x 600 design box; palettes and hair styles are
 * tables, and the seed picks among them so each neighbour looks different. */
#include "tools/portrait.h"

#include <math.h>

#define PI 3.14159265f

static const uint32_t SKINS[] = {0xF8DCC8, 0xF3CFB3, 0xEFC6A6, 0xE9BC98, 0xE2AF89, 0xFAE3D3};
static const uint32_t BACKGROUNDS[] = {0xFCE3CF, 0xDDEFE3, 0xDDE8F6, 0xF7DFE8,
                                       0xF4EDD3, 0xE6E0F4, 0xFFF0C2, 0xD8EDEE};
static const uint32_t CLOTHES[] = {0xD9534F, 0xE8836B, 0x34495E, 0x2A9D8F, 0xE0A93B, 0x8E5A8B,
                                   0x6F8F4E, 0x4A7FC1, 0x9B3D3D, 0xC39A72, 0x6C7A89, 0x4FA36A};
static const uint32_t HAIR_YOUNG[] = {0x231A17, 0x33251E, 0x4A3326, 0x5E3D2A};
static const uint32_t HAIR_MIDDLE[] = {0x231F1E, 0x2F2826, 0x4A3A32, 0x5A5552};
static const uint32_t HAIR_ELDER[] = {0x8F8E93, 0xB8B7BC, 0xDCDAD6, 0x6F6C6E, 0xEDEBE6};
static const uint32_t FRAMES[] = {0x2E2A2A, 0x7A4E2D, 0xB08D57, 0x8A1F2B};

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

typedef enum { HAIR_SHORT, HAIR_BUN, HAIR_BALD, HAIR_LONG, HAIR_CURLY, HAIR_BOB } HairStyle;
typedef enum { TOP_ROUND, TOP_SHIRT, TOP_VNECK, TOP_CARDIGAN } TopStyle;

/* Which hair styles suit whom; the seed picks one from the row. */
static const HairStyle STYLES_FEMALE[4][4] = {
    {HAIR_BOB, HAIR_LONG, HAIR_BUN, HAIR_BOB},       /* child */
    {HAIR_LONG, HAIR_BOB, HAIR_BUN, HAIR_LONG},      /* young */
    {HAIR_CURLY, HAIR_BOB, HAIR_SHORT, HAIR_BUN},    /* middle */
    {HAIR_CURLY, HAIR_BUN, HAIR_CURLY, HAIR_SHORT}}; /* elder */
static const HairStyle STYLES_MALE[4][4] = {{HAIR_SHORT, HAIR_SHORT, HAIR_SHORT, HAIR_SHORT},
                                            {HAIR_SHORT, HAIR_SHORT, HAIR_SHORT, HAIR_SHORT},
                                            {HAIR_SHORT, HAIR_SHORT, HAIR_BALD, HAIR_SHORT},
                                            {HAIR_BALD, HAIR_SHORT, HAIR_BALD, HAIR_SHORT}};

typedef struct {
    Rgb skin, skin_shade, hair, hair_dark, clothes, clothes_dark, frame;
    HairStyle hair_style;
    TopStyle top;
    int glasses, happy_eyes, open_mouth, wrinkles, child;
    float head_rx, head_ry, head_y, part; /* part: where the fringe parts, -1..1 */
} Look;

static Look look_make(const PortraitSpec *spec)
{
    Rng r;
    rng_init(&r, spec->seed);
    Look k;
    Rgb black = {0, 0, 0}, white = {255, 255, 255};
    k.skin = rgb_hex(SKINS[rng_pick(&r, COUNT(SKINS))]);
    k.skin_shade = rgb_mix(k.skin, rgb_hex(0xA0583C), 0.22f);
    switch (spec->age) {
    case PORTRAIT_ELDER:
        k.hair = rgb_hex(HAIR_ELDER[rng_pick(&r, COUNT(HAIR_ELDER))]);
        break;
    case PORTRAIT_MIDDLE:
        k.hair = rgb_hex(HAIR_MIDDLE[rng_pick(&r, COUNT(HAIR_MIDDLE))]);
        break;
    default:
        k.hair = rgb_hex(HAIR_YOUNG[rng_pick(&r, COUNT(HAIR_YOUNG))]);
        break;
    }
    k.hair_dark = rgb_mix(k.hair, black, 0.25f);
    k.clothes = rgb_hex(CLOTHES[rng_pick(&r, COUNT(CLOTHES))]);
    k.clothes_dark = rgb_mix(k.clothes, black, 0.2f);
    k.frame = rgb_hex(FRAMES[rng_pick(&r, COUNT(FRAMES))]);
    int age = (int)spec->age;
    k.hair_style = spec->sex == PORTRAIT_FEMALE ? STYLES_FEMALE[age][rng_pick(&r, 4)]
                                                : STYLES_MALE[age][rng_pick(&r, 4)];
    if (k.hair_style == HAIR_BALD) { /* what is left is greying */
        k.hair = rgb_mix(k.hair, rgb_hex(0xA9A8AC), 0.6f);
        k.hair_dark = rgb_mix(k.hair, black, 0.25f);
    }
    k.top = (TopStyle)rng_pick(&r, 4);
    if (spec->age == PORTRAIT_ELDER && k.top == TOP_VNECK)
        k.top = TOP_CARDIGAN;
    k.child = spec->age == PORTRAIT_CHILD;
    int glasses_odds[] = {10, 20, 35, 45}; /* percent, by age */
    k.glasses = rng_pick(&r, 100) < glasses_odds[age];
    k.happy_eyes = rng_pick(&r, 100) < (spec->age == PORTRAIT_ELDER ? 50 : 25);
    k.open_mouth = rng_pick(&r, 100) < 45;
    k.wrinkles = spec->age == PORTRAIT_ELDER;
    k.head_rx = k.child ? 118 : rng_range(&r, 106, 116);
    k.head_ry = k.child ? 124 : rng_range(&r, 130, 140);
    k.head_y = k.child ? 305 : 292;
    k.part = rng_range(&r, -1, 1);
    (void)white;
    return k;
}

/* Hair that sits behind the head and shoulders (drawn first). */
static void hair_back(Canvas *c, const Look *k)
{
    float hy = k->head_y;
    Shape s;
    switch (k->hair_style) {
    case HAIR_LONG:
        /* behind the shoulders: the body covers its lower end */
        s = shape_box(240, hy + 110, k->head_rx + 30, 210, 100, 0);
        canvas_fill(c, &s, k->hair, 1);
        break;
    case HAIR_BOB:
        s = shape_box(240, hy + 10, k->head_rx + 26, 110, 80, 0);
        canvas_fill(c, &s, k->hair, 1);
        break;
    case HAIR_BUN:
        s = shape_circle(240 + k->part * 10, hy - k->head_ry - 8, 50);
        canvas_fill(c, &s, k->hair, 1);
        s = shape_arc(240 + k->part * 10, hy - k->head_ry - 8, 34, -2.6f, -1.2f, 5);
        canvas_fill(c, &s, rgb_mix(k->hair, rgb_hex(0xFFFFFF), 0.25f), 0.6f);
        break;
    case HAIR_CURLY:
        /* a perm: a ring of curls around the crown and sides */
        for (int i = 0; i <= 12; i++) {
            float a = PI * (0.95f + 1.1f * (float)i / 12.0f);
            s = shape_circle(240 + (k->head_rx + 6) * cosf(a), hy - 20 + (k->head_ry) * sinf(a),
                             34);
            canvas_fill(c, &s, k->hair, 1);
            canvas_stroke(c, &s, 2, k->hair_dark, 0.35f);
        }
        break;
    case HAIR_BALD:
        /* a grey fringe wrapping round the back of the head */
        s = shape_ellipse(240, hy - 10, k->head_rx + 14, 86, 0);
        {
            Shape top = shape_half(0, hy - 40, 0, -1);
            canvas_fill_clip(c, &s, &top, 0, k->hair, 1);
        }
        break;
    case HAIR_SHORT:
        break;
    }
}

/* Neck, shoulders and clothes. */
static void body(Canvas *c, const Look *k)
{
    float top = k->child ? 492 : k->head_y + 172;
    Shape neck = shape_box(240, top - 50, k->child ? 40 : 46, 70, 22, 0);
    canvas_fill(c, &neck, k->skin_shade, 1);
    Shape torso = shape_box(240, top + 140, k->child ? 170 : 200, 140, 120, 0);
    canvas_fill(c, &torso, k->clothes, 1);
    Rgb light = rgb_mix(k->clothes, rgb_hex(0xFFFFFF), 0.75f);
    Shape s;
    switch (k->top) {
    case TOP_ROUND:
        s = shape_ellipse(240, top + 2, 56, 30, 0);
        canvas_fill_clip(c, &s, &torso, 0, k->skin_shade, 1);
        canvas_paint(c, &s, 5, &torso, 0, k->clothes_dark, 1);
        break;
    case TOP_VNECK: {
        const float v[] = {184, top - 2, 296, top - 2, 240, top + 70};
        s = shape_poly(3, v);
        canvas_fill_clip(c, &s, &torso, 0, k->skin_shade, 1);
        const float edge[] = {184, top, 240, top + 70, 296, top};
        s = shape_line(3, edge, 5);
        canvas_fill_clip(c, &s, &torso, 0, k->clothes_dark, 1);
        break;
    }
    case TOP_SHIRT: {
        const float v[] = {196, top - 4, 284, top - 4, 240, top + 44};
        s = shape_poly(3, v);
        canvas_fill_clip(c, &s, &torso, 0, k->skin_shade, 1);
        const float l[] = {190, top - 10, 240, top + 46, 178, top + 52};
        const float r[] = {290, top - 10, 240, top + 46, 302, top + 52};
        s = shape_poly(3, l);
        canvas_fill(c, &s, light, 1);
        canvas_stroke(c, &s, 1.5f, k->clothes_dark, 0.5f);
        s = shape_poly(3, r);
        canvas_fill(c, &s, light, 1);
        canvas_stroke(c, &s, 1.5f, k->clothes_dark, 0.5f);
        for (int i = 0; i < 3; i++) {
            s = shape_circle(240, top + 70 + 34 * (float)i, 5);
            canvas_fill(c, &s, light, 1);
        }
        break;
    }
    case TOP_CARDIGAN: {
        /* a shirt underneath, the cardigan's open front over it */
        const float v[] = {170, top - 6, 310, top - 6, 266, 600, 214, 600};
        s = shape_poly(4, v);
        canvas_fill_clip(c, &s, &torso, 0, light, 1);
        s = shape_ellipse(240, top + 2, 40, 22, 0);
        canvas_fill(c, &s, k->skin_shade, 1);
        const float el[] = {180, top - 4, 222, top + 120, 222, 620};
        const float er[] = {300, top - 4, 258, top + 120, 258, 620};
        s = shape_line(3, el, 5);
        canvas_fill_clip(c, &s, &torso, 0, k->clothes_dark, 1);
        s = shape_line(3, er, 5);
        canvas_fill_clip(c, &s, &torso, 0, k->clothes_dark, 1);
        for (int i = 0; i < 2; i++) {
            s = shape_circle(212, top + 140 + 40 * (float)i, 6);
            canvas_fill(c, &s, k->clothes_dark, 1);
        }
        break;
    }
    }
}

static void face(Canvas *c, const Look *k)
{
    float hy = k->head_y, rx = k->head_rx;
    Rgb ink = rgb_hex(0x2B2630);
    Rgb white = rgb_hex(0xFFFFFF);
    /* ears, then the head over their inner half */
    for (int side = -1; side <= 1; side += 2) {
        Shape ear = shape_ellipse(240 + (float)side * (rx - 2), hy + 14, 19, 28, 0);
        canvas_fill(c, &ear, k->skin, 1);
        Shape in = shape_ellipse(240 + (float)side * (rx + 2), hy + 14, 8, 15, 0);
        canvas_fill(c, &in, k->skin_shade, 0.6f);
    }
    Shape head = shape_ellipse(240, hy, rx, k->head_ry, 0);
    canvas_fill(c, &head, k->skin, 1);

    float ey = hy + (k->child ? 22 : 16), ex = k->child ? 48 : 44;
    float er = k->child ? 1.25f : 1.0f;
    for (int side = -1; side <= 1; side += 2) {
        float x = 240 + (float)side * ex;
        Shape s;
        if (k->happy_eyes) {
            s = shape_arc(x, ey + 8, 14 * er, PI * 1.2f, PI * 1.8f, 4);
            canvas_fill(c, &s, ink, 1);
        } else {
            s = shape_ellipse(x, ey, 10 * er, 13 * er, 0);
            canvas_fill(c, &s, ink, 1);
            s = shape_circle(x + 3.5f * er, ey - 4.5f * er, 3.6f * er);
            canvas_fill(c, &s, white, 1);
        }
        /* brows */
        Rgb brow = k->wrinkles ? rgb_mix(k->hair_dark, ink, 0.3f) : k->hair_dark;
        s = shape_arc(x, ey - 4, 34, PI * (side < 0 ? 1.32f : 1.40f),
                      PI * (side < 0 ? 1.60f : 1.68f), 4.5f);
        canvas_fill(c, &s, brow, 1);
        /* cheeks */
        s = shape_ellipse(240 + (float)side * (ex + 24), ey + 44, 24, 13, 0);
        canvas_fill(c, &s, rgb_hex(0xF08A8A), 0.3f);
        if (k->wrinkles) {
            s = shape_arc(x + (float)side * 6, ey, 26, side < 0 ? PI * 0.92f : -PI * 0.08f,
                          side < 0 ? PI * 1.08f : PI * 0.08f, 1.8f);
            canvas_fill(c, &s, k->skin_shade, 0.8f);
        }
    }
    Shape nose = shape_arc(240, hy + 38, 9, PI * 0.15f, PI * 0.85f, 3);
    canvas_fill(c, &nose, k->skin_shade, 1);

    float my = hy + 62;
    if (k->open_mouth) {
        Shape mouth = shape_ellipse(240, my, 30, 24, 0);
        Shape upper = shape_half(240, my, 0, -1);
        canvas_fill_clip(c, &mouth, &upper, 0, rgb_hex(0x8E2F35), 1);
        Shape teeth = shape_box(240, my + 4, 26, 5, 2, 0);
        canvas_fill_clip(c, &teeth, &mouth, 0, white, 1);
        Shape tongue = shape_ellipse(240, my + 22, 15, 9, 0);
        canvas_fill_clip(c, &tongue, &mouth, 0, rgb_hex(0xE0707A), 1);
    } else {
        Shape smile = shape_arc(240, my - 18, 30, PI * 0.22f, PI * 0.78f, 4);
        canvas_fill(c, &smile, rgb_hex(0x9C3B3B), 1);
    }
    if (k->wrinkles) {
        for (int side = -1; side <= 1; side += 2) {
            Shape fold =
                shape_arc(240 + (float)side * 10, my - 10, 40, side < 0 ? PI * 0.72f : PI * 0.12f,
                          side < 0 ? PI * 0.88f : PI * 0.28f, 2);
            canvas_fill(c, &fold, k->skin_shade, 0.7f);
        }
    }
    if (k->glasses) {
        for (int side = -1; side <= 1; side += 2) {
            Shape lens = shape_box(240 + (float)side * ex, ey, 31, 25, 12, 0);
            canvas_fill(c, &lens, white, 0.18f);
            canvas_stroke(c, &lens, 3.5f, k->frame, 1);
            Shape arm = shape_seg(240 + (float)side * (ex + 31), ey - 6, 240 + (float)side * rx,
                                  ey - 10, 3);
            canvas_fill(c, &arm, k->frame, 1);
        }
        Shape bridge = shape_arc(240, ey + 4, 14, PI * 1.2f, PI * 1.8f, 3);
        canvas_fill(c, &bridge, k->frame, 1);
    }
}

/* Hair over the top of the head: a cap whose inner edge is the hairline. */
static void hair_front(Canvas *c, const Look *k)
{
    float hy = k->head_y, rx = k->head_rx, ry = k->head_ry;
    Shape cap, hole, s;
    Rgb shine = rgb_mix(k->hair, rgb_hex(0xFFFFFF), 0.3f);
    switch (k->hair_style) {
    case HAIR_BALD:
        s = shape_ellipse(240 - 30, hy - ry + 34, 34, 14, -0.25f);
        canvas_fill(c, &s, rgb_hex(0xFFFFFF), 0.3f);
        for (int side = -1; side <= 1; side += 2) {
            s = shape_ellipse(240 + (float)side * (rx - 2), hy - 4, 13, 34, (float)side * 0.15f);
            Shape head = shape_ellipse(240, hy, rx, ry, 0);
            canvas_fill_clip(c, &s, &head, 0, k->hair, 1);
        }
        return;
    case HAIR_CURLY: {
        cap = shape_ellipse(240, hy - 28, rx + 6, ry - 8, 0);
        hole = shape_ellipse(240, hy + 50, rx - 2, ry - 6, 0);
        canvas_fill_clip(c, &cap, &hole, 1, k->hair, 1);
        /* curls along the hairline */
        for (int i = 0; i < 7; i++) {
            float a = PI * (1.12f + 0.76f * (float)i / 6.0f);
            s = shape_circle(240 + (rx - 14) * cosf(a), hy - 22 + (ry - 30) * sinf(a), 26);
            canvas_fill(c, &s, k->hair, 1);
            canvas_stroke(c, &s, 2, k->hair_dark, 0.35f);
        }
        return;
    }
    case HAIR_SHORT:
        cap = shape_ellipse(240, hy - 24, rx + 8, ry - 4, 0);
        hole = shape_ellipse(240 + k->part * 18, hy + 44, rx + 2, ry - 2, k->part * 0.12f);
        break;
    case HAIR_BUN:
        cap = shape_ellipse(240, hy - 20, rx + 6, ry - 6, 0);
        hole = shape_ellipse(240 + k->part * 14, hy + 56, rx + 4, ry + 4, k->part * 0.1f);
        break;
    case HAIR_LONG:
    case HAIR_BOB:
        cap = shape_ellipse(240, hy - 18, rx + 12, ry, 0);
        hole = shape_ellipse(240 + k->part * 30, hy + 50, rx - 6, ry, k->part * 0.22f);
        break;
    }
    Shape below = shape_half(240, hy + 30, 0, 1);
    /* cap minus the face hole, and nothing below the temples */
    canvas_fill_clip(c, &cap, &hole, 1, k->hair, 1);
    (void)below;
    s = shape_arc(240, hy + 10, ry - 10, PI * 1.3f, PI * 1.5f, 6);
    canvas_fill_clip(c, &s, &hole, 1, shine, 0.35f);
}

void portrait_draw_person(Canvas *c, const PortraitSpec *spec)
{
    Look k = look_make(spec);
    hair_back(c, &k);
    body(c, &k);
    face(c, &k);
    hair_front(c, &k);
}

int portrait_render(const PortraitSpec *spec, Canvas *out)
{
    Rng r;
    rng_init(&r, spec->seed ^ 0x5bd1e995u);
    Rgb bg = rgb_hex(BACKGROUNDS[rng_pick(&r, COUNT(BACKGROUNDS))]);
    Rgb white = rgb_hex(0xFFFFFF);
    if (canvas_init(out, PORTRAIT_WIDTH, PORTRAIT_HEIGHT, bg) < 0)
        return -1;
    canvas_gradient(out, rgb_mix(bg, white, 0.45f), bg);
    /* a few soft discs, like out-of-focus lights behind the sitter */
    for (int i = 0; i < 5; i++) {
        Shape s = shape_circle(rng_range(&r, 0, PORTRAIT_WIDTH), rng_range(&r, 0, 420),
                               rng_range(&r, 30, 90));
        canvas_fill(out, &s, white, rng_range(&r, 0.15f, 0.35f));
    }
    Shape halo = shape_circle(240, 300, 205);
    canvas_fill(out, &halo, white, 0.35f);
    portrait_draw_person(out, spec);
    return 0;
}
