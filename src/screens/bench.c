/* Benchmark hooks (bench.h): frame timing with CLOCK_MONOTONIC and the UI thread's
 * CPU clock, the first frame's wall-clock time for start-up latency, VmHWM at exit. */
#define _POSIX_C_SOURCE 200809L
#include "screens/bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
    int checked, on, first_done;
    double *wall, *cpu; /* ms per counted frame */
    size_t count, cap;
} Bench;

static Bench bench;

static double clock_ms(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int bench_on(void)
{
    if (!bench.checked) {
        const char *e = getenv("YANXIA_BENCH");
        bench.on = e && *e && strcmp(e, "0") != 0;
        bench.checked = 1;
    }
    return bench.on;
}

static void record(double wall, double cpu)
{
    if (bench.count == bench.cap) {
        size_t n = bench.cap ? 2 * bench.cap : 1024;
        double *w = realloc(bench.wall, n * sizeof *w);
        if (!w)
            return;
        bench.wall = w;
        double *c = realloc(bench.cpu, n * sizeof *c);
        if (!c)
            return;
        bench.cpu = c;
        bench.cap = n;
    }
    bench.wall[bench.count] = wall;
    bench.cpu[bench.count] = cpu;
    bench.count++;
}

void bench_app_frame(App *app, uint32_t now_ms)
{
    if (!bench_on()) {
        app_frame(app, now_ms);
        return;
    }
    int nav = app->open_next || app->back_next || app->home_next;
    const char *before = app_screen_name(app);
    double w0 = clock_ms(CLOCK_MONOTONIC), c0 = clock_ms(CLOCK_THREAD_CPUTIME_ID);
    app_frame(app, now_ms);
    if (gfx_is_headless(app->gfx))
        gfx_present(app->gfx); /* a turned panel's copy is part of a frame's cost */
    double w1 = clock_ms(CLOCK_MONOTONIC), c1 = clock_ms(CLOCK_THREAD_CPUTIME_ID);
    if (!bench.first_done) {
        /* the script compares this with the time it started the process */
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        fprintf(stderr, "yanxia-bench: first_frame_realtime_ns %lld\n",
                (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec);
        bench.first_done = 1;
    }
    if (!nav && before == app_screen_name(app) && strcmp(before, "photos") == 0)
        record(w1 - w0, c1 - c0);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double percentile(double *v, size_t n, double p)
{
    if (n == 0)
        return 0;
    qsort(v, n, sizeof *v, cmp_double);
    size_t i = (size_t)(p * (double)(n - 1) + 0.5);
    return v[i < n ? i : n - 1];
}

void bench_report(void)
{
    if (!bench_on())
        return;
    fprintf(stderr, "yanxia-bench: frames %zu\n", bench.count);
    if (bench.count) {
        fprintf(stderr, "yanxia-bench: frame_wall_p50_ms %.2f\n",
                percentile(bench.wall, bench.count, 0.50));
        fprintf(stderr, "yanxia-bench: frame_wall_p99_ms %.2f\n",
                percentile(bench.wall, bench.count, 0.99));
        fprintf(stderr, "yanxia-bench: frame_wall_max_ms %.2f\n",
                percentile(bench.wall, bench.count, 1.0));
        fprintf(stderr, "yanxia-bench: frame_cpu_p50_ms %.2f\n",
                percentile(bench.cpu, bench.count, 0.50));
        fprintf(stderr, "yanxia-bench: frame_cpu_p99_ms %.2f\n",
                percentile(bench.cpu, bench.count, 0.99));
    }
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "VmHWM:", 6) == 0)
            fprintf(stderr, "yanxia-bench: peak_rss_kb %ld\n", strtol(line + 6, NULL, 10));
    if (f)
        fclose(f);
    free(bench.wall);
    free(bench.cpu);
    memset(&bench, 0, sizeof bench);
}
