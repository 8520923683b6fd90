/* Bad photos never hurt the kiosk: broken, truncated, non-image and enormous files end
 * "failed" quickly (a placeholder is drawn), are not retried every frame, the UI thread
 * never waits on a decode, and shutting down with work in flight is clean. */
#include "imagetest.h"

#include "ui/image_internal.h"

static uint32_t crc32_of(const unsigned char *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return ~c;
}

static size_t put_chunk(unsigned char *out, const char *type, const unsigned char *data, size_t n)
{
    out[0] = (unsigned char)(n >> 24), out[1] = (unsigned char)(n >> 16);
    out[2] = (unsigned char)(n >> 8), out[3] = (unsigned char)n;
    memcpy(out + 4, type, 4);
    if (n)
        memcpy(out + 8, data, n);
    uint32_t crc = crc32_of(out + 4, n + 4);
    out[8 + n] = (unsigned char)(crc >> 24), out[9 + n] = (unsigned char)(crc >> 16);
    out[10 + n] = (unsigned char)(crc >> 8), out[11 + n] = (unsigned char)crc;
    return 12 + n;
}

/* A well-formed PNG whose IHDR claims w x h, with a few bytes of IDAT (never decoded if the
 * header check does its job: decoding would need w*h*4 bytes). */
static size_t png_claiming(unsigned char *out, unsigned w, unsigned h)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    unsigned char ihdr[13] = {(unsigned char)(w >> 24),
                              (unsigned char)(w >> 16),
                              (unsigned char)(w >> 8),
                              (unsigned char)w,
                              (unsigned char)(h >> 24),
                              (unsigned char)(h >> 16),
                              (unsigned char)(h >> 8),
                              (unsigned char)h,
                              8,
                              2,
                              0,
                              0,
                              0};
    static const unsigned char idat[] = {0x78, 0x9C, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00};
    size_t n = 0;
    memcpy(out, sig, 8);
    n = 8;
    n += put_chunk(out + n, "IHDR", ihdr, sizeof ihdr);
    n += put_chunk(out + n, "IDAT", idat, sizeof idat);
    n += put_chunk(out + n, "IEND", NULL, 0);
    return n;
}

typedef struct {
    const char *what;
    char sha[65];
} Bad;

static void test_bad_files_fail_fast_and_stay_failed(void **state)
{
    ImgEnv *e = *state;
    enum { NBAD = 9 };
    static const char *const what[NBAD] = {
        "random bytes",     "truncated PNG",    "truncated JPEG", "empty file",  "20000x20000 PNG",
        "30000x30000 JPEG", "corrupt PNG data", "text file",      "missing file"};
    Bad bad[NBAD];
    for (int i = 0; i < NBAD; i++)
        bad[i].what = what[i];
    SDL_Surface *s = it_surface(300, 300, 0xFF336699u);
    it_fill(s, 50, 50, 100, 100, 0xFFFFCC00u);
    char tmp[400];
    size_t plen, jlen, n;
    snprintf(tmp, sizeof tmp, "%s/good.png", e->dir);
    assert_int_equal(IMG_SavePNG(s, tmp), 0);
    unsigned char *png = it_read(tmp, &plen);
    unsigned char *jpg = it_jpeg_bytes(e, s, &jlen);
    SDL_FreeSurface(s);

    unsigned char noise[4096];
    srand(7);
    for (size_t i = 0; i < sizeof noise; i++)
        noise[i] = (unsigned char)rand();
    it_store_bytes(e, noise, sizeof noise, bad[0].sha);
    it_store_bytes(e, png, plen / 2, bad[1].sha);
    it_store_bytes(e, jpg, jlen * 6 / 10, bad[2].sha);
    it_store_bytes(e, "", 0, bad[3].sha);
    unsigned char huge[128];
    n = png_claiming(huge, 20000, 20000);
    it_store_bytes(e, huge, n, bad[4].sha);
    /* The JPEG's frame header rewritten to 30000x30000 (SOF0 found by its marker). */
    for (size_t i = 2; i + 9 < jlen; i++) {
        if (jpg[i] == 0xFF && jpg[i + 1] == 0xC0) {
            jpg[i + 5] = 30000 >> 8, jpg[i + 6] = 30000 & 255;
            jpg[i + 7] = 30000 >> 8, jpg[i + 8] = 30000 & 255;
            break;
        }
    }
    it_store_bytes(e, jpg, jlen, bad[5].sha);
    /* A header that tells the truth about a small size, with garbage pixel data. */
    n = png_claiming(huge, 64, 64);
    memcpy(huge + 8 + 25 + 8, "\x78\x9C\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 9);
    it_store_bytes(e, huge, n, bad[6].sha);
    const char *text = "这不是图片 / not a picture\n";
    it_store_bytes(e, text, strlen(text), bad[7].sha);
    memset(bad[8].sha, 'e', 64);
    bad[8].sha[64] = '\0';

    ImageCache *c = it_cache(e, 0);
    Uint64 t0 = SDL_GetTicks64();
    for (int i = 0; i < NBAD; i++)
        assert_null(image_get(c, bad[i].sha, 200, 200));
    assert_int_equal(image_cache_wait_idle(c, e->r, 5000), 0);
    assert_true(SDL_GetTicks64() - t0 < 3000); /* refused by the header, not by exhaustion */
    for (int i = 0; i < NBAD; i++) {
        if (image_state(c, bad[i].sha, 200, 200, IMAGE_FIT_CONTAIN) != IMAGE_FAILED)
            fail_msg("%s did not fail", bad[i].what);
    }
    ImageStats st = image_cache_stats(c);
    assert_int_equal(st.failed, NBAD);
    assert_int_equal(st.textures, 0);

    /* Asking again every frame does not queue them again. */
    for (int frame = 0; frame < 5; frame++) {
        image_cache_next_generation(c);
        for (int i = 0; i < NBAD; i++)
            assert_null(image_get(c, bad[i].sha, 200, 200));
        image_cache_pump(c, e->r, 2);
    }
    assert_int_equal(image_cache_stats(c).misses, NBAD);
    assert_int_equal(image_cache_stats(c).pending, 0);

    /* The kiosk is fine: a good photo still loads, and failures can be retried on demand. */
    char good[65];
    it_store_bytes(e, png, plen, good);
    int w, h;
    it_draw(e, it_get_ready(e, c, good, 150, 150, IMAGE_FIT_CONTAIN), &w, &h);
    assert_int_equal(w, 150);
    assert_color(e, 50, 50, 0xFFCC00u, 3);
    image_cache_forget_failed(c);
    assert_null(image_get(c, bad[0].sha, 200, 200));
    assert_int_equal(image_state(c, bad[0].sha, 200, 200, IMAGE_FIT_CONTAIN), IMAGE_PENDING);
    image_cache_destroy(c);
    free(png);
    free(jpg);
}

/* Header checks on their own: dimensions come from the header, truncation is seen. */
static void test_probe_reads_headers(void **state)
{
    (void)state;
    unsigned char buf[128];
    ImageProbe pr;
    const char *why = NULL;
    size_t n = png_claiming(buf, 20000, 20000);
    assert_int_equal(image_probe(buf, n, &pr, &why), 0);
    assert_int_equal(pr.format, IMAGE_FMT_PNG);
    assert_int_equal(pr.width, 20000);
    assert_int_equal(pr.height, 20000);
    assert_int_equal(image_probe(buf, n - 12, &pr, &why), -1); /* IEND cut off */
    assert_non_null(strstr(why, "truncated"));
    n = png_claiming(buf, 0, 10);
    assert_int_equal(image_probe(buf, n, &pr, &why), -1);
    assert_int_equal(image_probe(buf, 0, &pr, &why), -1);
    static const unsigned char jpeg_no_sos[] = {0xFF, 0xD8, 0xFF, 0xC0, 0, 11, 8,    0,   10,
                                                0,    20,   1,    1,    0, 0,  0xFF, 0xD9};
    assert_int_equal(image_probe(jpeg_no_sos, sizeof jpeg_no_sos, &pr, &why), -1);
    /* A segment length running past the end of the file. */
    static const unsigned char jpeg_long[] = {0xFF, 0xD8, 0xFF, 0xE0, 0x7F, 0xFF, 0, 0};
    assert_int_equal(image_probe(jpeg_long, sizeof jpeg_long, &pr, &why), -1);
}

/* While a large photo decodes, every frame's calls into the cache return at once. */
static void test_ui_thread_never_waits_for_a_decode(void **state)
{
    ImgEnv *e = *state;
    char big[65], small[65];
    /* A PNG with busy content: no shortcut decoder, tens of milliseconds even optimised. */
    SDL_Surface *s = it_surface(2400, 1600, 0xFF808080u);
    Uint32 *px = s->pixels;
    for (int y = 0; y < s->h; y++)
        for (int x = 0; x < s->w; x++)
            px[(size_t)y * (s->pitch / 4) + x] = 0xFF000000u | (Uint32)(x * y * 2654435761u >> 8);
    it_fill(s, 0, 0, 1200, 800, 0xFF2040C0u);
    it_fill(s, 1200, 800, 1200, 800, 0xFF808080u);
    it_store_surface(e, s, 0, big);
    SDL_FreeSurface(s);
    s = it_surface(100, 100, 0xFF00AA00u);
    it_store_surface(e, s, 0, small);
    SDL_FreeSurface(s);

    char err[256];
    ImageCacheConfig cfg = {.data_dir = e->dir, .no_thumbs = 1};
    ImageCache *c = image_cache_create(&cfg, err, sizeof err);
    assert_non_null(c);
    double worst_ms = 0;
    int frames = 0;
    Uint64 start = SDL_GetPerformanceCounter();
    Uint64 freq = SDL_GetPerformanceFrequency();
    while (image_state(c, big, 300, 200, IMAGE_FIT_CONTAIN) != IMAGE_READY && frames < 2000) {
        Uint64 t0 = SDL_GetPerformanceCounter();
        image_cache_next_generation(c);
        image_cache_pump(c, e->r, 2.0);
        image_get(c, big, 300, 200);
        image_get(c, small, 80, 80);
        double ms = (double)(SDL_GetPerformanceCounter() - t0) * 1000.0 / (double)freq;
        worst_ms = ms > worst_ms ? ms : worst_ms;
        frames++;
        SDL_Delay(2);
    }
    assert_int_equal(image_state(c, big, 300, 200, IMAGE_FIT_CONTAIN), IMAGE_READY);
    double total_ms = (double)(SDL_GetPerformanceCounter() - start) * 1000.0 / (double)freq;
    assert_true(frames > 3); /* the decode really overlapped several frames */
    /* A frame that waited for the decode would take about as long as the decode itself;
     * the margin leaves room for a busy machine descheduling the test now and then. */
    if (worst_ms > 50.0 || worst_ms * 4 > total_ms)
        fail_msg("a frame spent %.1f ms in the image cache (decode took %.1f ms)", worst_ms,
                 total_ms);
    int w, h;
    it_draw(e, image_get(c, big, 300, 200), &w, &h);
    assert_int_equal(w, 300);
    assert_color(e, 10, 10, 0x2040C0u, 12);
    assert_color(e, 290, 190, 0x808080u, 12);
    image_cache_destroy(c);
}

/* Destroying the cache with requests queued and decoding stops the threads and frees
 * everything (ASan reports leaks and use-after-free). */
static void test_destroy_with_work_in_flight(void **state)
{
    ImgEnv *e = *state;
    char shas[40][65];
    for (int i = 0; i < 40; i++) {
        SDL_Surface *s = it_surface(400, 300, 0xFF000000u | (Uint32)i * 5000);
        it_store_surface(e, s, 1, shas[i]);
        SDL_FreeSurface(s);
    }
    char err[256];
    ImageCacheConfig cfg = {.data_dir = e->dir, .threads = 2};
    ImageCache *c = image_cache_create(&cfg, err, sizeof err);
    assert_non_null(c);
    for (int i = 0; i < 40; i++)
        image_get(c, shas[i], 100, 100);
    SDL_Delay(20); /* some decoded (waiting for a pump), some decoding, most queued */
    assert_true(image_cache_stats(c).pending > 0);
    image_cache_destroy(c);
    image_cache_destroy(NULL);
}

/* A kiosk asleep in SDL_WaitEvent is woken once when decodes finish, not once per image. */
static void test_wake_event_once_per_pump(void **state)
{
    ImgEnv *e = *state;
    Uint32 wake = SDL_RegisterEvents(1);
    char shas[5][65];
    for (int i = 0; i < 5; i++) {
        SDL_Surface *s = it_surface(40, 40, 0xFF000000u | (Uint32)i * 40);
        it_store_surface(e, s, 0, shas[i]);
        SDL_FreeSurface(s);
    }
    char err[256];
    ImageCacheConfig cfg = {.data_dir = e->dir, .wake_event = wake};
    ImageCache *c = image_cache_create(&cfg, err, sizeof err);
    assert_non_null(c);
    for (int i = 0; i < 5; i++)
        image_get(c, shas[i], 20, 20);
    SDL_Event ev;
    Uint64 t0 = SDL_GetTicks64();
    while (SDL_GetTicks64() - t0 < 5000 && !(SDL_WaitEventTimeout(&ev, 100) && ev.type == wake))
        ;
    assert_int_equal(ev.type, wake);
    SDL_Delay(300); /* the other four finish meanwhile */
    SDL_PumpEvents();
    assert_int_equal(SDL_PeepEvents(NULL, 0, SDL_PEEKEVENT, wake, wake), 0);
    assert_int_equal(image_cache_wait_idle(c, e->r, 5000), 0);
    for (int i = 0; i < 5; i++)
        assert_non_null(image_get(c, shas[i], 20, 20));
    /* After a pump the next finished decode wakes the kiosk again. */
    image_get(c, shas[0], 10, 10);
    t0 = SDL_GetTicks64();
    while (SDL_GetTicks64() - t0 < 5000 && !(SDL_WaitEventTimeout(&ev, 100) && ev.type == wake))
        ;
    assert_int_equal(ev.type, wake);
    image_cache_destroy(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_bad_files_fail_fast_and_stay_failed, it_setup,
                                        it_teardown),
        cmocka_unit_test(test_probe_reads_headers),
        cmocka_unit_test_setup_teardown(test_ui_thread_never_waits_for_a_decode, it_setup,
                                        it_teardown),
        cmocka_unit_test_setup_teardown(test_destroy_with_work_in_flight, it_setup, it_teardown),
        cmocka_unit_test_setup_teardown(test_wake_event_once_per_pump, it_setup, it_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
