/* The image pipeline as the photo wall sees it: portraits shrink smoothly to the right
 * size, thumbnails land on disk and serve the next start, EXIF orientation is honoured,
 * textures stay under the byte cap with LRU eviction, and stale requests are dropped. */
#include "imagetest.h"
#include <unistd.h>
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>

#include "ui/image_internal.h"

#define RED   0xFF0000u
#define GREEN 0x00FF00u
#define BLUE  0x0000FFu
#define WHITE 0xFFFFFFu

/* A 480x600 portrait in four coloured quadrants. */
static void store_quadrants(ImgEnv *e, char sha[65])
{
    SDL_Surface *s = it_surface(480, 600, 0xFF000000u | RED);
    it_fill(s, 240, 0, 240, 300, 0xFF000000u | GREEN);
    it_fill(s, 0, 300, 240, 300, 0xFF000000u | BLUE);
    it_fill(s, 240, 300, 240, 300, 0xFF000000u | WHITE);
    it_store_surface(e, s, 0, sha);
    SDL_FreeSurface(s);
}

static void assert_quadrants(ImgEnv *e, int w, int h)
{
    assert_color(e, w / 4, h / 4, RED, 4);
    assert_color(e, 3 * w / 4, h / 4, GREEN, 4);
    assert_color(e, w / 4, 3 * h / 4, BLUE, 4);
    assert_color(e, 3 * w / 4, 3 * h / 4, WHITE, 4);
}

static void test_portrait_shrinks_to_the_box(void **state)
{
    ImgEnv *e = *state;
    char sha[65];
    store_quadrants(e, sha);
    ImageCache *c = it_cache(e, 0);
    assert_null(image_get(c, sha, 200, 250)); /* first ask: a placeholder this frame */
    assert_int_equal(image_state(c, sha, 200, 250, IMAGE_FIT_CONTAIN), IMAGE_PENDING);
    int w, h;
    it_draw(e, it_get_ready(e, c, sha, 200, 250, IMAGE_FIT_CONTAIN), &w, &h);
    assert_int_equal(w, 200);
    assert_int_equal(h, 250);
    assert_quadrants(e, w, h);

    /* A square grid cell: filled exactly, the portrait's top and bottom trimmed. */
    it_draw(e, it_get_ready(e, c, sha, 160, 160, IMAGE_FIT_COVER), &w, &h);
    assert_int_equal(w, 160);
    assert_int_equal(h, 160);
    assert_quadrants(e, w, h);

    /* A box larger than the photo never enlarges it. */
    it_draw(e, it_get_ready(e, c, sha, 1000, 1000, IMAGE_FIT_CONTAIN), &w, &h);
    assert_int_equal(w, 480);
    assert_int_equal(h, 600);
    ImageStats st = image_cache_stats(c);
    assert_int_equal(st.misses, 3);
    assert_int_equal(st.uploads, 3);
    assert_int_equal(st.failed, 0);
    image_cache_destroy(c);
}

/* Fine detail (a one-pixel checkerboard) must average to grey when shrunk, not turn into
 * the moire or solid black/white that point sampling gives. */
static void test_downscale_is_smooth(void **state)
{
    ImgEnv *e = *state;
    SDL_Surface *s = it_surface(480, 600, 0xFF000000u);
    Uint32 *px = s->pixels;
    for (int y = 0; y < s->h; y++)
        for (int x = 0; x < s->w; x++)
            px[(size_t)y * (s->pitch / 4) + x] = (x + y) % 2 ? 0xFFFFFFFFu : 0xFF000000u;
    char sha[65];
    it_store_surface(e, s, 0, sha);
    SDL_FreeSurface(s);
    ImageCache *c = it_cache(e, 0);
    int w, h;
    it_draw(e, it_get_ready(e, c, sha, 200, 250, IMAGE_FIT_CONTAIN), &w, &h);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            assert_color(e, x, y, 0x808080u, 16);
    image_cache_destroy(c);
}

static void test_thumbnail_serves_the_next_start(void **state)
{
    ImgEnv *e = *state;
    char sha[65], path[600];
    store_quadrants(e, sha);
    ImageCache *c = it_cache(e, 0);
    int w, h;
    it_draw(e, it_get_ready(e, c, sha, 200, 250, IMAGE_FIT_CONTAIN), &w, &h);
    image_cache_destroy(c);
    snprintf(path, sizeof path, "%s/thumbs/200x250/%s.jpg", e->dir, sha);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(st.st_size > 0);

    /* Remove the original: only the thumbnail can answer now. */
    snprintf(path, sizeof path, "%s/photos/%.2s/%s", e->dir, sha, sha);
    assert_int_equal(remove(path), 0);
    c = it_cache(e, 0);
    it_draw(e, it_get_ready(e, c, sha, 200, 250, IMAGE_FIT_CONTAIN), &w, &h);
    assert_int_equal(w, 200);
    assert_int_equal(h, 250);
    assert_quadrants(e, w, h);
    assert_int_equal(image_cache_stats(c).from_thumb, 1);
    /* Another size has no thumbnail and no original: it fails, the first stays. */
    assert_null(image_get(c, sha, 100, 125));
    assert_int_equal(image_cache_wait_idle(c, e->r, 5000), 0);
    assert_int_equal(image_state(c, sha, 100, 125, IMAGE_FIT_CONTAIN), IMAGE_FAILED);
    image_cache_destroy(c);
}

/* A JPEG with a hand-made APP1 segment carrying only the Orientation tag. */
static unsigned char *jpeg_with_orientation(const unsigned char *jpg, size_t len, int o,
                                            int big_endian, size_t *out_len)
{
    static const unsigned char mm[] = {'M', 'M', 0, 0x2A, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0,
                                       3,   0,   0, 0,    1, 0, 0, 0, 0, 0, 0,    0,    0};
    static const unsigned char ii[] = {'I', 'I', 0x2A, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3,
                                       0,   1,   0,    0, 0, 0, 0, 0, 0, 0, 0,    0,    0};
    unsigned char tiff[sizeof mm];
    memcpy(tiff, big_endian ? mm : ii, sizeof tiff);
    tiff[big_endian ? 19 : 18] = (unsigned char)o;
    size_t seg = 2 + 6 + sizeof tiff; /* length field counts itself */
    unsigned char *out = malloc(len + 2 + seg);
    size_t n = 0;
    out[n++] = 0xFF, out[n++] = 0xD8;
    out[n++] = 0xFF, out[n++] = 0xE1;
    out[n++] = (unsigned char)(seg >> 8), out[n++] = (unsigned char)seg;
    memcpy(out + n, "Exif\0\0", 6);
    n += 6;
    memcpy(out + n, tiff, sizeof tiff);
    n += sizeof tiff;
    memcpy(out + n, jpg + 2, len - 2);
    *out_len = n + len - 2;
    return out;
}

/* Where stored pixel (x, y) of a w x h image is seen under orientation o, composed from
 * the EXIF specification's words: mirror horizontally, then rotate clockwise. */
static void shown_at(int o, int w, int h, int x, int y, int *dx, int *dy)
{
    static const struct {
        int mirror, quarter_turns;
    } spec[9] = {{0, 0}, {0, 0}, {1, 0}, {0, 2}, {1, 2}, {1, 3}, {0, 1}, {1, 1}, {0, 3}};
    if (spec[o].mirror)
        x = w - 1 - x;
    for (int t = 0; t < spec[o].quarter_turns; t++) {
        int nx = h - 1 - y, ny = x; /* 90 degrees clockwise; the image turns h x w */
        x = nx, y = ny;
        int tmp = w;
        w = h, h = tmp;
    }
    *dx = x;
    *dy = y;
}

static void test_exif_orientation_all_eight(void **state)
{
    ImgEnv *e = *state;
    /* Stored 60x40: blue, with a red block top-left and a green block top-right. */
    SDL_Surface *s = it_surface(60, 40, 0xFF000000u | BLUE);
    it_fill(s, 0, 0, 14, 14, 0xFF000000u | RED);
    it_fill(s, 46, 0, 14, 14, 0xFF000000u | GREEN);
    size_t jlen;
    unsigned char *jpg = it_jpeg_bytes(e, s, &jlen);
    SDL_FreeSurface(s);
    ImageCache *c = it_cache(e, 0);
    for (int o = 1; o <= 8; o++) {
        size_t len;
        unsigned char *buf = jpeg_with_orientation(jpg, jlen, o, o % 2, &len);
        char sha[65];
        it_store_bytes(e, buf, len, sha);
        free(buf);
        int w, h, x, y;
        it_draw(e, it_get_ready(e, c, sha, 200, 200, IMAGE_FIT_CONTAIN), &w, &h);
        assert_int_equal(w, o >= 5 ? 40 : 60);
        assert_int_equal(h, o >= 5 ? 60 : 40);
        shown_at(o, 60, 40, 6, 6, &x, &y);
        assert_color(e, x, y, RED, 40);
        shown_at(o, 60, 40, 53, 6, &x, &y);
        assert_color(e, x, y, GREEN, 40);
        shown_at(o, 60, 40, 30, 30, &x, &y);
        assert_color(e, x, y, BLUE, 40);
    }
    /* Orientation 6 (a phone held upright): the stored top-left shows top-right. */
    char sha6[65];
    size_t len;
    unsigned char *buf = jpeg_with_orientation(jpg, jlen, 6, 1, &len);
    it_store_bytes(e, buf, len, sha6);
    free(buf);
    int w, h;
    it_draw(e, it_get_ready(e, c, sha6, 20, 30, IMAGE_FIT_CONTAIN), &w, &h);
    assert_int_equal(w, 20);
    assert_int_equal(h, 30);
    assert_color(e, w - 2, 1, RED, 40);
    assert_color(e, w - 2, h - 2, GREEN, 40);
    free(jpg);
    image_cache_destroy(c);
}

static Uint32 color_of(int i)
{
    return 0xFF000000u | (Uint32)(i * 37 % 256) << 16 | (Uint32)(i * 91 % 256) << 8 |
           (Uint32)(255 - i);
}

static void test_cap_holds_over_200_images_lru_first(void **state)
{
    ImgEnv *e = *state;
    enum { N = 200, SIDE = 32, KEEP = 10 };
    static char shas[N][65];
    for (int i = 0; i < N; i++) {
        SDL_Surface *s = it_surface(64, 64, color_of(i));
        it_store_surface(e, s, 0, shas[i]);
        SDL_FreeSurface(s);
    }
    size_t cap = KEEP * SIDE * SIDE * 4;
    ImageCache *c = it_cache(e, cap);
    for (int i = 0; i < KEEP; i++)
        it_get_ready(e, c, shas[i], SIDE, SIDE, IMAGE_FIT_CONTAIN);
    assert_int_equal(image_cache_stats(c).bytes, cap);
    /* Image 0 is looked at again, so image 1 is now the least recently used. */
    assert_non_null(image_get(c, shas[0], SIDE, SIDE));
    it_get_ready(e, c, shas[KEEP], SIDE, SIDE, IMAGE_FIT_CONTAIN);
    assert_int_equal(image_state(c, shas[1], SIDE, SIDE, IMAGE_FIT_CONTAIN), IMAGE_ABSENT);
    assert_int_equal(image_state(c, shas[0], SIDE, SIDE, IMAGE_FIT_CONTAIN), IMAGE_READY);
    assert_int_equal(image_cache_stats(c).evictions, 1);

    for (int i = KEEP + 1; i < N; i++) {
        int w, h;
        it_draw(e, it_get_ready(e, c, shas[i], SIDE, SIDE, IMAGE_FIT_CONTAIN), &w, &h);
        assert_color(e, SIDE / 2, SIDE / 2, color_of(i) & 0xFFFFFF, 2);
        ImageStats st = image_cache_stats(c);
        assert_true(st.bytes <= cap);
        assert_true(st.textures <= KEEP);
    }
    ImageStats st = image_cache_stats(c);
    assert_int_equal(st.textures, KEEP);
    assert_int_equal(st.evictions, N - KEEP);
    /* An evicted image comes back when asked for again (from its thumbnail). */
    it_get_ready(e, c, shas[1], SIDE, SIDE, IMAGE_FIT_CONTAIN);
    assert_true(image_cache_stats(c).from_thumb >= 1);
    image_cache_destroy(c);
}

/* The nightly drop: what was drawn since the last one stays, the rest goes, and the
 * cache's bytes say so; far under its cap, nothing else would ever push it out. */
static void test_nightly_drop_keeps_what_was_shown(void **state)
{
    ImgEnv *e = *state;
    enum { SIDE = 32 };
    char a[65], b[65], k[65];
    char *shas[] = {a, b, k};
    for (int i = 0; i < 3; i++) {
        SDL_Surface *s = it_surface(64, 64, color_of(i));
        it_store_surface(e, s, 0, shas[i]);
        SDL_FreeSurface(s);
    }
    ImageCache *c = it_cache(e, 64u << 20);
    it_get_ready(e, c, a, SIDE, SIDE, IMAGE_FIT_CONTAIN);
    it_get_ready(e, c, b, SIDE, SIDE, IMAGE_FIT_CONTAIN);
    assert_int_equal(image_cache_drop_unused(c), 0); /* the first night: both seen that day */
    /* the next day: a is drawn again, b is not; k is new */
    assert_non_null(image_get(c, a, SIDE, SIDE));
    it_get_ready(e, c, k, SIDE, SIDE, IMAGE_FIT_CONTAIN);
    assert_int_equal(image_cache_drop_unused(c), SIDE * SIDE * 4);
    assert_int_equal(image_state(c, b, SIDE, SIDE, IMAGE_FIT_CONTAIN), IMAGE_ABSENT);
    assert_int_equal(image_state(c, a, SIDE, SIDE, IMAGE_FIT_CONTAIN), IMAGE_READY);
    assert_int_equal(image_state(c, k, SIDE, SIDE, IMAGE_FIT_CONTAIN), IMAGE_READY);
    assert_int_equal(image_cache_stats(c).bytes, 2 * SIDE * SIDE * 4);
    /* a night after a day nobody came: everything goes */
    assert_int_equal(image_cache_drop_unused(c), 2 * SIDE * SIDE * 4);
    assert_int_equal(image_cache_stats(c).bytes, 0);
    image_cache_destroy(c);
}

static void test_stale_generation_is_dropped(void **state)
{
    ImgEnv *e = *state;
    char a[65], b[65], k[65];
    SDL_Surface *s = it_surface(50, 50, 0xFF000000u | RED);
    it_store_surface(e, s, 0, a);
    it_fill(s, 0, 0, 10, 10, 0xFF000000u | GREEN);
    it_store_surface(e, s, 0, b);
    it_fill(s, 0, 0, 10, 10, 0xFF000000u | BLUE);
    it_store_surface(e, s, 0, k);
    SDL_FreeSurface(s);
    ImageCache *c = it_cache(e, 0);
    image_cache_set_paused(c, 1);

    /* Frame 1 shows a and k; the wall is flung; frames 2 and 3 show b and k. */
    image_cache_next_generation(c);
    assert_null(image_get(c, a, 40, 40));
    assert_null(image_get(c, k, 40, 40));
    for (int frame = 2; frame <= 3; frame++) {
        image_cache_next_generation(c);
        assert_null(image_get(c, b, 40, 40));
        assert_null(image_get(c, k, 40, 40));
    }
    image_cache_next_generation(c);
    assert_int_equal(image_state(c, a, 40, 40, IMAGE_FIT_CONTAIN), IMAGE_ABSENT);
    assert_int_equal(image_state(c, b, 40, 40, IMAGE_FIT_CONTAIN), IMAGE_PENDING);
    assert_int_equal(image_state(c, k, 40, 40, IMAGE_FIT_CONTAIN), IMAGE_PENDING);
    assert_int_equal(image_cache_stats(c).dropped, 1);

    image_cache_set_paused(c, 0);
    assert_int_equal(image_cache_wait_idle(c, e->r, 5000), 0);
    assert_int_equal(image_state(c, b, 40, 40, IMAGE_FIT_CONTAIN), IMAGE_READY);
    assert_int_equal(image_state(c, k, 40, 40, IMAGE_FIT_CONTAIN), IMAGE_READY);
    ImageStats st = image_cache_stats(c);
    assert_int_equal(st.uploads, 2); /* a was never decoded */
    assert_int_equal(st.pending, 0);
    image_cache_destroy(c);
}

/* The box filter on its own: a 4x1 row of two black and two white pixels halves to
 * black and white, and a 3-to-2 shrink splits the middle pixel between both outputs. */
static void test_box_filter_weights(void **state)
{
    (void)state;
    SDL_Surface *s = it_surface(3, 1, 0xFF000000u);
    ((Uint32 *)s->pixels)[1] = 0xFFFFFFFFu;
    SDL_Rect crop = {0, 0, 3, 1};
    int opaque;
    SDL_Surface *d = image_scale_box(s, &crop, 2, 1, &opaque);
    assert_non_null(d);
    assert_true(opaque);
    Uint32 *p = d->pixels;
    /* each output covers 1.5 inputs: black + half of white = 1/3 white */
    assert_true(it_near(p[0] & 0xFFFFFF, 0x555555, 2));
    assert_true(it_near(p[1] & 0xFFFFFF, 0x555555, 2));
    SDL_FreeSurface(d);
    /* A transparent pixel does not darken its opaque neighbour's colour. */
    ((Uint32 *)s->pixels)[0] = 0x00000000u;
    ((Uint32 *)s->pixels)[1] = 0xFFFF0000u;
    crop.w = 2;
    d = image_scale_box(s, &crop, 1, 1, &opaque);
    assert_false(opaque);
    p = d->pixels;
    assert_true(it_near(p[0] & 0xFFFFFF, RED, 1));
    assert_true((p[0] >> 24) >= 127 && (p[0] >> 24) <= 128);
    SDL_FreeSurface(d);
    SDL_FreeSurface(s);
}

/* A cache of one loader, stuck on photo `stuck` (64 hex digits): a FIFO nobody writes
 * to, whose open blocks as on a dead mount. Returns once image_cache_check has reported
 * it; fifo gets the FIFO's path. */
static ImageCache *stuck_cache(ImgEnv *e, const char *stuck, char fifo[500])
{
    char dir[400];
    snprintf(dir, sizeof dir, "%s/photos/%.2s", e->dir, stuck);
    it_mkdirs(dir);
    snprintf(fifo, 500, "%s/%s", dir, stuck);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    ImageCache *c = it_cache(e, 0); /* one loader */
    assert_null(image_get(c, stuck, 100, 125));
    int cut = 0;
    for (int i = 0; i < 2000 && !cut; i++) { /* until the loader is in the FIFO's open */
        SDL_Delay(5);
        cut = image_cache_check(c, 50);
    }
    assert_true(cut);
    return c;
}

/* A loader stuck on a file that never answers (a FIFO nobody writes to: its open blocks,
 * as on a dead mount) is reported once, and another loader takes over the queue: the
 * next portrait arrives while the first loader is still stuck. Writing to the FIFO frees
 * it, and the cache then shuts down as usual. */
static void test_stuck_loader_is_replaced(void **state)
{
    ImgEnv *e = *state;
    char good[65], fifo[500];
    store_quadrants(e, good);
    const char *stuck = "5555555555555555555555555555555555555555555555555555555555555555";
    ImageCache *c = stuck_cache(e, stuck, fifo);
    assert_int_equal(image_cache_check(c, 50), 0); /* reported once */
    SDL_Texture *t = NULL;
    for (int i = 0; i < 2000 && !t; i++) {
        image_cache_pump(c, e->r, 5.0);
        t = image_get_ex(c, good, 200, 250, IMAGE_FIT_CONTAIN, 0);
        if (!t)
            SDL_Delay(5);
    }
    assert_non_null(t);
    assert_int_equal(image_state(c, stuck, 100, 125, IMAGE_FIT_CONTAIN), IMAGE_PENDING);
    /* the stuck open returns; the decoder may read junk or may have given up already
     * (a write then finds no reader: EPIPE, not a signal) */
    signal(SIGPIPE, SIG_IGN);
    int fd = open(fifo, O_WRONLY);
    assert_true(fd >= 0);
    ssize_t n = write(fd, "no image", 8);
    (void)n;
    close(fd);
    assert_int_equal(image_cache_wait_idle(c, e->r, 10000), 0);
    assert_int_equal(image_state(c, stuck, 100, 125, IMAGE_FIT_CONTAIN), IMAGE_FAILED);
    image_cache_destroy(c);
}

/* A loader stuck at shutdown does not hold the kiosk's exit (and so its restart by
 * systemd): destroy returns with the loader left behind, and the loader, freed later,
 * ends on its own without touching freed memory (ASan would say so). */
static void test_shutdown_leaves_a_stuck_loader(void **state)
{
    ImgEnv *e = *state;
    char fifo[500];
    ImageCache *c =
        stuck_cache(e, "6666666666666666666666666666666666666666666666666666666666666666", fifo);
    alarm(60); /* a destroy that waits for the FIFO fails the test instead of hanging it */
    image_cache_destroy(c);
    alarm(0);
    signal(SIGPIPE, SIG_IGN);
    int fd = open(fifo, O_WRONLY); /* frees the loader left behind */
    assert_true(fd >= 0);
    ssize_t n = write(fd, "no image", 8);
    (void)n;
    close(fd);
    /* until the loader has let go of the FIFO (no reader: ENXIO), before teardown */
    for (int i = 0; i < 2000; i++) {
        fd = open(fifo, O_WRONLY | O_NONBLOCK);
        if (fd < 0 && errno == ENXIO)
            break;
        if (fd >= 0)
            close(fd);
        SDL_Delay(5);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_portrait_shrinks_to_the_box, it_setup, it_teardown),
        cmocka_unit_test_setup_teardown(test_downscale_is_smooth, it_setup, it_teardown),
        cmocka_unit_test_setup_teardown(test_thumbnail_serves_the_next_start, it_setup,
                                        it_teardown),
        cmocka_unit_test_setup_teardown(test_exif_orientation_all_eight, it_setup, it_teardown),
        cmocka_unit_test_setup_teardown(test_cap_holds_over_200_images_lru_first, it_setup,
                                        it_teardown),
        cmocka_unit_test_setup_teardown(test_nightly_drop_keeps_what_was_shown, it_setup,
                                        it_teardown),
        cmocka_unit_test_setup_teardown(test_stale_generation_is_dropped, it_setup, it_teardown),
        cmocka_unit_test(test_box_filter_weights),
        cmocka_unit_test_setup_teardown(test_stuck_loader_is_replaced, it_setup, it_teardown),
        cmocka_unit_test_setup_teardown(test_shutdown_leaves_a_stuck_loader, it_setup, it_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
