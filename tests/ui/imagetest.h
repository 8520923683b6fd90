/* Shared set-up for the image pipeline tests: a headless software renderer, a temporary
 * data directory, and helpers that write test pictures into it as content-addressed
 * photos (<dir>/photos/<2 hex>/<sha256>). */
#ifndef YX_TESTS_IMAGETEST_H
#define YX_TESTS_IMAGETEST_H

#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

#include "testutil.h"

#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>

#include "core/sha256.h"
#include "ui/image.h"

typedef struct {
    char dir[256];
    SDL_Surface *target; /* what the software renderer draws into */
    SDL_Renderer *r;
} ImgEnv;

static inline int it_setup(void **state)
{
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0)
        return -1;
    ImgEnv *e = calloc(1, sizeof *e);
    snprintf(e->dir, sizeof e->dir, "%s", tu_tempdir());
    e->target = SDL_CreateRGBSurfaceWithFormat(0, 512, 512, 32, SDL_PIXELFORMAT_ARGB8888);
    e->r = e->target ? SDL_CreateSoftwareRenderer(e->target) : NULL;
    if (!e->r)
        return -1;
    *state = e;
    return 0;
}

static inline int it_teardown(void **state)
{
    ImgEnv *e = *state;
    SDL_DestroyRenderer(e->r);
    SDL_FreeSurface(e->target);
    tu_rmtree(e->dir);
    free(e);
    SDL_Quit();
    return 0;
}

static inline ImageCache *it_cache(ImgEnv *e, size_t max_bytes)
{
    char err[256];
    ImageCacheConfig cfg = {.data_dir = e->dir, .max_bytes = max_bytes};
    ImageCache *c = image_cache_create(&cfg, err, sizeof err);
    if (!c)
        fail_msg("image_cache_create: %s", err);
    return c;
}

static inline void it_mkdirs(const char *path)
{
    char tmp[512];
    snprintf(tmp, sizeof tmp, "%s", path);
    for (char *p = tmp + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            mkdir(tmp, 0755);
            *p = '/';
        }
    }
    mkdir(tmp, 0755);
}

/* Moves file into the photo store under its SHA-256, which goes into sha[65]. */
static inline void it_store_file(ImgEnv *e, const char *file, char sha[65])
{
    assert_int_equal(sha256_file_hex(file, sha, NULL), 0);
    char dir[300], dst[400];
    snprintf(dir, sizeof dir, "%s/photos/%.2s", e->dir, sha);
    it_mkdirs(dir);
    snprintf(dst, sizeof dst, "%s/%.64s", dir, sha);
    assert_int_equal(rename(file, dst), 0);
}

/* Writes bytes as a stored photo. */
static inline void it_store_bytes(ImgEnv *e, const void *data, size_t len, char sha[65])
{
    char tmp[400];
    snprintf(tmp, sizeof tmp, "%s/incoming.bin", e->dir);
    FILE *f = fopen(tmp, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
    it_store_file(e, tmp, sha);
}

/* Saves s as a PNG (jpeg = 0) or JPEG (quality 95) photo in the store. */
static inline void it_store_surface(ImgEnv *e, SDL_Surface *s, int jpeg, char sha[65])
{
    char tmp[400];
    snprintf(tmp, sizeof tmp, "%s/incoming.img", e->dir);
    assert_int_equal(jpeg ? IMG_SaveJPG(s, tmp, 95) : IMG_SavePNG(s, tmp), 0);
    it_store_file(e, tmp, sha);
}

/* Reads a whole file into a malloc'd buffer. */
static inline unsigned char *it_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc((size_t)n + 1);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* Encodes s as a JPEG in memory (malloc'd). */
static inline unsigned char *it_jpeg_bytes(ImgEnv *e, SDL_Surface *s, size_t *len)
{
    char tmp[400];
    snprintf(tmp, sizeof tmp, "%s/encode.jpg", e->dir);
    assert_int_equal(IMG_SaveJPG(s, tmp, 95), 0);
    unsigned char *buf = it_read(tmp, len);
    remove(tmp);
    return buf;
}

static inline SDL_Surface *it_surface(int w, int h, Uint32 argb)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(s);
    SDL_FillRect(s, NULL, argb);
    return s;
}

static inline void it_fill(SDL_Surface *s, int x, int y, int w, int h, Uint32 argb)
{
    SDL_Rect rc = {x, y, w, h};
    SDL_FillRect(s, &rc, argb);
}

/* Draws texture t at its own size at the target's origin; returns its size. */
static inline void it_draw(ImgEnv *e, SDL_Texture *t, int *w, int *h)
{
    assert_non_null(t);
    assert_int_equal(SDL_QueryTexture(t, NULL, NULL, w, h), 0);
    SDL_SetRenderDrawColor(e->r, 0, 0, 0, 255);
    SDL_RenderClear(e->r);
    SDL_Rect dst = {0, 0, *w, *h};
    SDL_RenderCopy(e->r, t, NULL, &dst);
    SDL_RenderFlush(e->r);
}

/* Pixel (x, y) of the target as 0xRRGGBB. */
static inline uint32_t it_pixel(ImgEnv *e, int x, int y)
{
    const Uint8 *row = (const Uint8 *)e->target->pixels + (size_t)y * e->target->pitch;
    uint32_t v;
    memcpy(&v, row + 4 * x, 4);
    return v & 0xFFFFFF;
}

/* True when two colours differ by at most tol in every channel. */
static inline int it_near(uint32_t a, uint32_t b, int tol)
{
    for (int sh = 0; sh <= 16; sh += 8) {
        int d = (int)((a >> sh) & 255) - (int)((b >> sh) & 255);
        if (d > tol || d < -tol)
            return 0;
    }
    return 1;
}

#define assert_color(e, x, y, rgb, tol)                                                            \
    do {                                                                                           \
        uint32_t got_ = it_pixel(e, x, y);                                                         \
        if (!it_near(got_, rgb, tol))                                                              \
            fail_msg("pixel (%d,%d) is %06x, expected %06x", x, y, got_, (uint32_t)(rgb));         \
    } while (0)

/* Requests key until it is ready (or fails the test after 10 s). */
static inline SDL_Texture *it_get_ready(ImgEnv *e, ImageCache *c, const char *key, int w, int h,
                                        ImageFit fit)
{
    SDL_Texture *t = image_get_ex(c, key, w, h, fit, 0);
    if (t)
        return t;
    assert_int_equal(image_cache_wait_idle(c, e->r, 10000), 0);
    t = image_get_ex(c, key, w, h, fit, 0);
    if (!t)
        fail_msg("image %s not ready (state %d)", key, image_state(c, key, w, h, fit));
    return t;
}

#endif
