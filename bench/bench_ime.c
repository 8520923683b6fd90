/* Input-method latency on this machine: keystroke to updated candidates over a few
 * hundred pinyin syllables, and finger stroke to handwriting candidates, p50/p99; plus
 * Rime's deployment time, the zinnia model's load time and each process's peak RSS.
 * usage: bench_ime pinyin DATA_DIR | bench_ime hw STROKES_DIR
 * prints lines "bench: NAME VALUE UNIT" (run by bench/bench_ime.sh). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ime/ime.h"

/* Phrases a resident might write in a suggestion, as pinyin syllables. */
static const char *const PHRASES[] = {
    "lou dao deng huai le",   "dian ti you yi xiang",      "la ji wei ji shi qing yun",
    "ting che wei tai shao",  "xia shui dao du le",        "qing jia qiang guan li",
    "xiao qu lv hua hen hao", "wu ye fu wu tai du",        "jian yi zeng jia zuo yi",
    "men jin ka shua bu kai", "zao yin ying xiang xiu xi", "kuai di gui bu gou yong",
};

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double percentile(double *v, int n, double p)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    int i = (int)(p * (n - 1) + 0.5);
    return n ? v[i] : 0;
}

static long peak_rss_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "VmHWM: %ld", &kb) == 1)
            break;
    if (f)
        fclose(f);
    return kb;
}

static int bench_pinyin(const char *dir)
{
    char err[256];
    double t0 = now_ms();
    Ime *ime = ime_create(dir, IME_PINYIN, err, sizeof err);
    if (!ime) {
        fprintf(stderr, "ime_create: %s\n", err);
        return 1;
    }
    while (!ime_ready(ime)) {
        if (now_ms() - t0 > 120000) {
            fprintf(stderr, "rime did not deploy\n");
            return 1;
        }
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
    }
    printf("bench: ime_rime_deploy %.0f ms\n", now_ms() - t0);

    enum { ROUNDS = 10, MAX_KEYS = 4096 };
    static double lat[MAX_KEYS];
    int n = 0, syllables = 0;
    ImeCandidates c;
    for (int r = 0; r < ROUNDS; r++) {
        for (size_t p = 0; p < sizeof PHRASES / sizeof PHRASES[0]; p++) {
            for (const char *k = PHRASES[p]; *k && n < MAX_KEYS; k++) {
                if (*k == ' ') {
                    syllables++;
                    continue; /* syllables are typed run together, as residents do */
                }
                double a = now_ms();
                ime_key(ime, *k);
                ime_preedit(ime);
                ime_candidates(ime, &c);
                lat[n++] = now_ms() - a;
            }
            syllables++;
            ime_pick(ime, 0);
            free(ime_take_commit(ime));
            ime_clear(ime);
        }
    }
    printf("bench: ime_key_syllables %d count\n", syllables);
    printf("bench: ime_key_p50 %.2f ms\n", percentile(lat, n, 0.50));
    printf("bench: ime_key_p99 %.2f ms\n", percentile(lat, n, 0.99));
    ime_destroy(ime);
    ime_shutdown();
    printf("bench: ime_pinyin_peak_rss %ld kB\n", peak_rss_kb());
    return 0;
}

static int bench_hw(const char *strokes_dir)
{
    static const char *const chars[] = {"人", "大", "口", "电", "十", "小", "山", "水", "日", "中"};
    enum { NCHARS = sizeof chars / sizeof chars[0], ROUNDS = 20 };
    ImeStrokes fx[NCHARS];
    char path[600], err[256];
    for (int i = 0; i < NCHARS; i++) {
        snprintf(path, sizeof path, "%s/%s.txt", strokes_dir, chars[i]);
        if (ime_strokes_load(path, &fx[i], err, sizeof err) != 0) {
            fprintf(stderr, "%s\n", err);
            return 1;
        }
    }
    /* A data dir is needed for ime_create; handwriting alone never deploys into it. */
    char dir[] = "/tmp/yanxia-bench-hw-XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    long rss_before = peak_rss_kb();
    double t0 = now_ms();
    Ime *ime = ime_create(dir, IME_HANDWRITING, err, sizeof err);
    if (!ime) {
        fprintf(stderr, "ime_create: %s\n", err);
        return 1;
    }
    printf("bench: ime_hw_model_load %.0f ms\n", now_ms() - t0);

    static double lat[ROUNDS * NCHARS * 8];
    int n = 0, top1 = 0;
    ImeCandidates c;
    for (int r = 0; r < ROUNDS; r++) {
        for (int i = 0; i < NCHARS; i++) {
            ime_hw_clear(ime);
            for (int s = 0; s < fx[i].count; s++) {
                const ImeStroke *st = &fx[i].strokes[s];
                ime_stroke_begin(ime, st->points[0].x, st->points[0].y);
                for (int p = 1; p < st->count; p++)
                    ime_stroke_point(ime, st->points[p].x, st->points[p].y);
                double a = now_ms(); /* finger up: the stroke is classified now */
                ime_stroke_end(ime);
                ime_hw_candidates(ime, &c, 5);
                lat[n++] = now_ms() - a;
            }
            top1 += c.count > 0 && strcmp(c.text[0], chars[i]) == 0;
        }
    }
    printf("bench: ime_hw_stroke_p50 %.2f ms\n", percentile(lat, n, 0.50));
    printf("bench: ime_hw_stroke_p99 %.2f ms\n", percentile(lat, n, 0.99));
    printf("bench: ime_hw_top1 %d/%d count\n", top1 / ROUNDS, NCHARS);
    printf("bench: ime_hw_peak_rss %ld kB\n", peak_rss_kb());
    printf("bench: ime_hw_model_rss %ld kB\n", peak_rss_kb() - rss_before);
    ime_destroy(ime);
    ime_shutdown();
    for (int i = 0; i < NCHARS; i++)
        ime_strokes_free(&fx[i]);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "pinyin") == 0)
        return bench_pinyin(argv[2]);
    if (argc == 3 && strcmp(argv[1], "hw") == 0)
        return bench_hw(argv[2]);
    fprintf(stderr, "usage: bench_ime pinyin DATA_DIR | bench_ime hw STROKES_DIR\n");
    return 2;
}
