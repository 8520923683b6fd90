/* yanxia: the lobby kiosk. To understand everything else, start reading main():
 * configuration, the store, the render target, the app, then either the event loop
 * (waiting for events, drawing only when something changed) or a script run headless. */
#include "core/config.h"
#include "core/fleet.h"
#include "core/log.h"
#include "core/paths.h"
#include "ime/ime.h"
#include "screens/app.h"
#include "screens/bench.h"
#include "store/maintain.h"
#include "store/store.h"
#include "sync/sync_worker.h"
#include "ui/font.h"
#include "ui/gfx.h"
#include "ui/image.h"
#include "ui/input.h"
#include "ui/audit.h"
#include "ui/script.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <systemd/sd-daemon.h>
#include <unistd.h>

typedef struct {
    const char *config_path, *db_path, *script_path, *shot_dir;
    int windowed, headless;
    int width, height; /* 0: from the config */
} Options;

static void usage(FILE *out)
{
    fputs("usage: yanxia [--config FILE] [--db PATH] [--windowed] [--size WxH] [--headless]\n"
          "              [--script FILE] [--screenshot-dir DIR]\n"
          "  --config FILE          kiosk configuration (see config/yanxia.ini; installed:\n"
          "                         /etc/yanxia/yanxia.ini by default)\n"
          "  --db PATH              the store (default: DATA_DIR/yanxia.db)\n"
          "  --windowed             a desktop window instead of fullscreen\n"
          "  --size WxH             window or headless size (the panel's), e.g. 1080x1920\n"
          "  --headless             render offscreen with the software renderer, no display\n"
          "  --script FILE          replay input from FILE (README: the script language)\n"
          "  --screenshot-dir DIR   where `shot NAME` writes NAME.png\n",
          out);
}

static int parse_args(int argc, char **argv, Options *o)
{
    memset(o, 0, sizeof *o);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            exit(0);
        } else if (strcmp(a, "--windowed") == 0) {
            o->windowed = 1;
        } else if (strcmp(a, "--headless") == 0) {
            o->headless = 1;
        } else if (next && strcmp(a, "--config") == 0) {
            o->config_path = argv[++i];
        } else if (next && strcmp(a, "--db") == 0) {
            o->db_path = argv[++i];
        } else if (next && strcmp(a, "--script") == 0) {
            o->script_path = argv[++i];
        } else if (next && strcmp(a, "--screenshot-dir") == 0) {
            o->shot_dir = argv[++i];
        } else if (next && strcmp(a, "--size") == 0) {
            if (sscanf(argv[++i], "%dx%d", &o->width, &o->height) != 2 || o->width < 320 ||
                o->height < 320 || o->width > 7680 || o->height > 7680) {
                fprintf(stderr, "yanxia: --size: expected WxH between 320 and 7680, got %s\n",
                        argv[i]);
                return -1;
            }
        } else {
            fprintf(stderr, "yanxia: unknown or incomplete option %s\n", a);
            usage(stderr);
            return -1;
        }
    }
    return 0;
}

typedef struct {
    App *app;
    uint32_t clock;      /* virtual milliseconds */
    uint32_t next_timer; /* virtual time of the app's next timer after the last frame */
    int pending_input;   /* an event arrived since the last frame */
} Host;

/* Like the real event loop, a script only draws when something happened: input, an
 * animation or a timer coming due. Waiting on an idle screen costs no rendering. */
static int host_frame(void *ctx, int ms)
{
    Host *h = ctx;
    h->clock += (uint32_t)(ms > 0 ? ms : 0);
    /* Rime starts in the background when a form opens; a finger takes longer to reach a
     * key than that start, so the next step waits for it as a resident would */
    ime_wait_engine(60000);
    app_sync_poll(h->app); /* content the hub sent draws a frame, as sync_wake does live */
    if (!h->pending_input && !app_animating(h->app) && (int32_t)(h->clock - h->next_timer) < 0)
        return 0;
    bench_app_frame(h->app, h->clock);
    h->pending_input = 0;
    h->next_timer = h->clock + app_next_timeout(h->app);
    return h->app->quit ? -1 : 0;
}

static void host_event(void *ctx, const SDL_Event *ev)
{
    Host *h = ctx;
    SDL_Event copy = *ev;
    copy.common.timestamp = h->clock; /* gestures see script time, not wall time */
    app_handle_event(h->app, &copy);
    h->pending_input = 1;
}

/* A script touches the glass: its coordinates, and the rectangles it is told, are
 * the panel's. On a turned panel ([display] rotate) the kiosk turns them back into
 * the frame as it does a finger's. */
static void host_size(void *ctx, int *w, int *h)
{
    Host *host = ctx;
    *w = gfx_panel_width(host->app->gfx);
    *h = gfx_panel_height(host->app->gfx);
}

static int host_go(void *ctx, const char *name, char *err, size_t errlen)
{
    Host *h = ctx;
    if (!screen_find(name)) {
        snprintf(err, errlen, "no screen called \"%s\"", name);
        return -1;
    }
    app_open(h->app, name, 0);
    h->pending_input = 1;
    return 0;
}

static int host_find(void *ctx, const char *text, SDL_Rect *where)
{
    Host *h = ctx;
    SDL_Rect r;
    if (!text_frame_find(h->app->text, text, &r))
        return 0;
    SDL_Rect screen = {0, 0, gfx_width(h->app->gfx), gfx_height(h->app->gfx)};
    SDL_Rect vis;
    if (!SDL_IntersectRect(&r, &screen, &vis))
        return 0;
    *where = gfx_frame_rect_to_panel(h->app->gfx, vis);
    return 1;
}

static int host_shot(void *ctx, const char *path, char *err, size_t errlen)
{
    Host *h = ctx;
    /* a picture of the screen shows the photos, not their placeholders */
    image_cache_wait_idle(h->app->images, gfx_renderer(h->app->gfx), 5000);
    app_frame(h->app, h->clock);
    if (gfx_screenshot(h->app->gfx, path) < 0) {
        snprintf(err, errlen, "%s: %s", path, SDL_GetError());
        return -1;
    }
    return 0;
}

static int host_candidate(void *ctx, int n, const char *text, SDL_Rect *where)
{
    Host *h = ctx;
    if (!h->app->entry_candidate || h->app->entry_candidate(h->app, n, text, where) != 0)
        return 0;
    *where = gfx_frame_rect_to_panel(h->app->gfx, *where);
    return 1;
}

static int host_audit(void *ctx, char *err, size_t errlen)
{
    Host *h = ctx;
    app_frame(h->app, h->clock); /* the audit reads the frame as it stands now */
    const char *screen = app_screen_name(h->app);
    int n = ui_audit(&h->app->ui, screen, stdout);
    fflush(stdout);
    if (n == 0)
        return 0;
    if (getenv("YANXIA_AUDIT_WARN")) /* surveying: report and go on */
        return 0;
    snprintf(err, errlen, "the layout audit found %d problem%s on %s (%dx%d%s)", n,
             n == 1 ? "" : "s", screen, gfx_width(h->app->gfx), gfx_height(h->app->gfx),
             h->app->ui.theme.large_text ? ", large text" : "");
    return -1;
}

/* A pointer event at frame coordinates x, y, as the panel reports it. */
static void host_pointer(Host *h, Uint32 type, int x, int y)
{
    float px, py;
    gfx_frame_to_panel(h->app->gfx, (float)x, (float)y, &px, &py);
    SDL_Event ev = script_pointer_event(type, (int)lroundf(px), (int)lroundf(py));
    host_event(h, &ev);
}

/* `write FILE`: the fixture's strokes drawn on the pad by the pointer, a point a frame,
 * as a finger would, so the pad's own touch handling is what gets tested. */
static int host_pad(void *ctx, SDL_Rect *where)
{
    Host *h = ctx;
    if (!h->app->entry_pad || h->app->entry_pad(h->app, where) != 0)
        return 0;
    *where = gfx_frame_rect_to_panel(h->app->gfx, *where);
    return 1;
}

/* For the soak: what the caches hold, which grow up to their caps (the glyph and string
 * textures, the photos' textures, with the software renderer both heap; SQLite's page
 * caches of every connection). */
static void host_stats(void *ctx, char *out, size_t n)
{
    Host *h = ctx;
    TextCacheStats ts;
    text_cache_stats(h->app->text, &ts);
    ImageStats is = image_cache_stats(h->app->images);
    snprintf(out, n, " text_kb=%zu images_kb=%zu sqlite_kb=%lld", ts.bytes / 1024, is.bytes / 1024,
             (long long)(store_memory_used() / 1024));
}

/* The kiosk's clock, which a pinned YANXIA_NOW turns into virtual time (for `until`): at
 * the script's time, which runs ahead of the last frame drawn on an idle screen. */
static int64_t host_clock(void *ctx)
{
    Host *h = ctx;
    return app_time_at(h->app, h->clock);
}

static int host_write(void *ctx, const char *path, char *err, size_t errlen)
{
    Host *h = ctx;
    SDL_Rect pad;
    if (!h->app->entry_pad || h->app->entry_pad(h->app, &pad) != 0) {
        snprintf(err, errlen, "no handwriting pad is visible (tap 手写 first)");
        return -1;
    }
    ImeStrokes strokes;
    if (ime_strokes_load(path, &strokes, err, errlen) != 0)
        return -1;
    int rc = 0;
    for (int i = 0; i < strokes.count && rc == 0; i++) {
        const ImeStroke *st = &strokes.strokes[i];
        for (int j = 0; j < st->count && rc == 0; j++) {
            int x = pad.x + st->points[j].x * pad.w / IME_HW_BOX;
            int y = pad.y + st->points[j].y * pad.h / IME_HW_BOX;
            host_pointer(h, SDL_MOUSEMOTION, x, y);
            if (j == 0)
                host_pointer(h, SDL_MOUSEBUTTONDOWN, x, y);
            if (j == st->count - 1)
                host_pointer(h, SDL_MOUSEBUTTONUP, x, y);
            rc = host_frame(h, 16);
        }
        if (rc == 0)
            rc = host_frame(h, 16);
    }
    ime_strokes_free(&strokes);
    if (rc != 0)
        snprintf(err, errlen, "the program stopped while writing");
    return rc;
}

/* Runs the script headless; returns the process exit code. */
static int run_script(App *app, const Options *o)
{
    char err[1024];
    Script *s = script_load(o->script_path, err, sizeof err);
    if (!s) {
        fprintf(stderr, "yanxia: %s\n", err);
        return 1;
    }
    if (o->shot_dir)
        mkdir(o->shot_dir, 0755);
    Host host = {app, 1000, 0, 1};
    ScriptHost sh = {&host,     host_frame,     host_event, host_go,    host_find,
                     host_shot, host_candidate, host_write, host_audit, host_size,
                     host_pad,  host_stats,     host_clock};
    bench_app_frame(app, host.clock);
    int rc = script_run(s, &sh, o->shot_dir, err, sizeof err);
    script_destroy(s);
    if (rc < 0 && app->quit) {
        /* the admin screen's 退出程序 ends the run: a clean exit, not a failed step */
        rc = 0;
    }
    if (rc < 0) {
        fprintf(stderr, "yanxia: %s\n", err);
        return 1;
    }
    TextCacheStats ts;
    text_cache_stats(app->text, &ts);
    if (ts.missing_glyphs > 0) {
        fprintf(stderr, "yanxia: %lu characters had no glyph in any font (shown as boxes)\n",
                ts.missing_glyphs);
        return 3;
    }
    return 0;
}

/* SDL 2.26 truly blocks in SDL_WaitEventTimeout only on drivers that can wait (x11,
 * wayland); on the others (KMSDRM on a lobby box without X, offscreen) it polls every
 * millisecond, about 5% of a core while nothing happens. There the loop polls in
 * 10 ms slices instead: a touch is still answered within a frame. */
static int wait_event(SDL_Event *ev, int timeout_ms)
{
    static int can_block = -1;
    if (can_block < 0) {
        const char *d = SDL_GetCurrentVideoDriver();
        can_block = d && (strcmp(d, "x11") == 0 || strcmp(d, "wayland") == 0);
    }
    if (timeout_ms <= 0)
        return SDL_PollEvent(ev);
    if (can_block)
        return SDL_WaitEventTimeout(ev, timeout_ms);
    uint32_t end = SDL_GetTicks() + (uint32_t)timeout_ms;
    for (;;) {
        if (SDL_PollEvent(ev))
            return 1;
        int32_t left = (int32_t)(end - SDL_GetTicks());
        if (left <= 0)
            return 0;
        SDL_Delay(left < 10 ? (uint32_t)left : 10);
    }
}

/* systemd (yanxia.service, Type=notify): READY=1 once the first frame is on the
 * screen, WATCHDOG=1 from the frame loop, so a hung UI thread is restarted. Under cage
 * the kiosk is the compositor's child: WATCHDOG_PID names cage (the unit's main
 * process) and sd_watchdog_enabled() would say no, so the kiosk reads WATCHDOG_USEC
 * itself and accepts its parent's pid too; the unit has NotifyAccess=all. Without
 * NOTIFY_SOCKET (a desktop, a test) every call does nothing. */
static uint32_t watchdog_ms; /* ping interval: half the watchdog time; 0: no watchdog */
static uint32_t watchdog_last;

static void service_init(void)
{
    const char *usec = getenv("WATCHDOG_USEC"), *pid = getenv("WATCHDOG_PID");
    if (!getenv("NOTIFY_SOCKET") || !usec)
        return;
    if (pid && *pid) {
        long p = strtol(pid, NULL, 10);
        if (p != (long)getpid() && p != (long)getppid())
            return;
    }
    unsigned long long u = strtoull(usec, NULL, 10);
    if (u == 0)
        return;
    watchdog_ms = u / 2000 > 0 ? (uint32_t)(u / 2000) : 1;
    log_info("service", "watchdog: a ping every %u ms", watchdog_ms);
}

static void service_ping(uint32_t now)
{
    if (watchdog_ms && now - watchdog_last >= watchdog_ms) {
        sd_notify(0, "WATCHDOG=1");
        watchdog_last = now;
    }
}

static void run_loop(App *app, Gfx *gfx)
{
    bench_app_frame(app, SDL_GetTicks());
    gfx_present(gfx);
    sd_notify(0, "READY=1\nSTATUS=showing the home screen");
    service_ping(SDL_GetTicks());
    int night = 0; /* a kiosk that starts at night says so after its first frame */
    while (!app->quit) {
        SDL_Event ev;
        int timeout = app_animating(app) ? 0 : (int)app_next_timeout(app);
        if (watchdog_ms && timeout > (int)watchdog_ms)
            timeout = (int)watchdog_ms; /* the watchdog hears from a loop that waits */
        int got = wait_event(&ev, timeout);
        if (got) {
            app_handle_event(app, &ev);
            while (SDL_PollEvent(&ev))
                app_handle_event(app, &ev);
        }
        uint32_t start = SDL_GetTicks();
        bench_app_frame(app, start);
        gfx_present(gfx);
        service_ping(SDL_GetTicks());
        if (app->night != night) {
            night = app->night;
            sd_notify(0,
                      night ? "STATUS=night: the screen sleeps" : "STATUS=showing the home screen");
        }
        if (!gfx_window(gfx))
            continue;
        /* without vsync, animations are paced to ~60 frames a second */
        uint32_t spent = SDL_GetTicks() - start;
        if (app_animating(app) && spent < 16)
            SDL_Delay(16 - spent);
    }
}

/* Called on the sync thread when its status changed: wakes the event loop, whose next
 * frame picks up new content (app_sync_poll) and redraws the status line. One wake
 * queued is enough, as the image loaders' is: the loop reads the news itself, and a
 * kiosk driven by a script, whose host never reads SDL's queue, kept one per round
 * (272 bytes each; about 15 KB a day of the soak's heap). */
static void sync_wake(void *ctx)
{
    uint32_t type = (uint32_t)(uintptr_t)ctx;
    if (SDL_HasEvent(type))
        return;
    SDL_Event ev;
    SDL_zero(ev);
    ev.type = type;
    SDL_PushEvent(&ev);
}

/* The nightly step, once per night window while the screen sleeps (app.c calls it):
 * a full integrity check, residents' personal data pruned after [privacy] keep_days,
 * unreferenced photo files and thumbnails removed, the pictures nobody saw since the
 * last night dropped from the image cache, every rendered string dropped from the text
 * cache, and the heap's free pages given back to the system (a day of decoding and
 * freeing leaves them with malloc, which on a kiosk that runs for months reads as
 * growth). The text cache holds the day's strings (a clock's strings replace each
 * other: TextStyle.transient), its textures of every size interleaved on the heap with
 * longer-lived blocks; emptied, they coalesce, go back to the system for the night, and
 * the next day refills the cache from there rather than around the holes the day before
 * left. A string costs milliseconds to
 * render again, a photo a decode: the photos seen today stay. Logs what it did; never
 * a resident's phone or text. */
static int nightly(App *app)
{
    MaintainOptions mo = {app->cfg.keep_days, 1};
    MaintainReport r;
    if (store_maintain(app->store, &mo, &r) < 0) {
        log_error("maintain", "%s", store_errmsg(app->store));
        return -1;
    }
    size_t pictures = image_cache_drop_unused(app->images);
    TextCacheStats ts;
    text_cache_stats(app->text, &ts);
    text_cache_clear(app->text);
    log_info("maintain",
             "integrity ok; personal data removed from %zu submissions (%zu outbox rows); "
             "%zu rows of withdrawn content deleted; "
             "%zu photo files and %zu thumbnails removed (%llu bytes)%s; "
             "%zu KB of pictures not shown today and %zu KB of rendered text let go",
             r.submissions, r.outbox_rows, r.tombstones, r.photo_files, r.thumb_files,
             (unsigned long long)r.bytes_freed, r.wal_busy ? "; WAL checkpoint partial" : "",
             pictures / 1024, ts.bytes / 1024);
#ifdef __GLIBC__
    malloc_trim(0);
#endif
    return 0;
}

/* With a [sync] hub, starts the worker on its own store connection; otherwise (or when
 * it cannot start) the kiosk runs standalone. The app only borrows the worker. */
static SyncWorker *start_sync(App *app, const Config *cfg, const char *db_path)
{
    if (!cfg->hub_conninfo[0])
        return NULL;
    char err[512];
    SyncWorker *w =
        sync_worker_start(db_path, cfg->hub_conninfo, cfg->sync_interval_seconds, err, sizeof err);
    if (!w) {
        log_warn("sync", "%s: running standalone", err);
        return NULL;
    }
    uint32_t type = SDL_RegisterEvents(1);
    if (type != (uint32_t)-1)
        sync_worker_set_notify(w, sync_wake, (void *)(uintptr_t)type);
    app->sync = w;
    return w;
}

/* A kiosk decodes and frees large images all day on three threads for months. glibc's
 * defaults suit a short process, not that: each thread gets its own arena (free chunks
 * stranded in each), and after the first large buffer is freed the mmap threshold rises
 * to its size, so later decode buffers come from the heap and leave holes in it. Two
 * arenas, and a fixed threshold that keeps every buffer of 256 KiB and more (a decoded
 * portrait, a frame) in its own mapping, which goes back to the system when freed. */
static void tune_malloc(void)
{
#ifdef __GLIBC__
    mallopt(M_ARENA_MAX, 2);
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
#endif
}

int main(int argc, char **argv)
{
    tune_malloc();
    Options o;
    if (parse_args(argc, argv, &o) < 0)
        return 2;
    Config cfg;
    char err[1024];
    config_defaults(&cfg);
    if (!o.config_path)
        o.config_path = paths_default_config(); /* installed: /etc/yanxia/yanxia.ini */
    if (o.config_path && config_load_file(&cfg, o.config_path, err, sizeof err) < 0) {
        fprintf(stderr, "yanxia: %s\n", err);
        return 2;
    }
    if (o.width) {
        cfg.width = o.width;
        cfg.height = o.height;
    }
    if (o.windowed || o.headless)
        cfg.fullscreen = 0;

    char db_path[CONFIG_STR + 32];
    if (o.db_path) {
        snprintf(db_path, sizeof db_path, "%s", o.db_path);
    } else {
        if (mkdir(cfg.data_dir, 0755) < 0 && errno != EEXIST) {
            fprintf(stderr, "yanxia: data directory %s: %s\n", cfg.data_dir, strerror(errno));
            return 1;
        }
        snprintf(db_path, sizeof db_path, "%s/yanxia.db", cfg.data_dir);
    }
    /* a damaged store does not keep the lobby screen dark: it is moved aside and the
     * kiosk starts on a fresh one (which a hub fills again) */
    StoreRecovery rec;
    Store *store = store_open_recover(db_path, &rec, err, sizeof err);
    if (!store) {
        fprintf(stderr, "yanxia: %s\n", err);
        return 1;
    }
    if (rec.recovered)
        log_error("store",
                  "%s was damaged (%s): moved aside as %s; started on a fresh store%s; read back "
                  "%s and %lld unsent submissions",
                  db_path, rec.why, rec.moved_to,
                  cfg.hub_conninfo[0] ? " that the hub fills again (resync)"
                                      : " (standalone: empty)",
                  rec.kiosk_kept ? "the kiosk's identity" : "no kiosk identity", rec.outbox_saved);

    fleet_start(store_dir(store)); /* uptime and restarts since boot, for the heartbeat */

    input_configure_sdl_hints();
    /* SDL would turn SIGTERM into a quit event, which fullscreen kiosk mode ignores:
     * without its handlers a service manager can stop the kiosk (every write is a
     * transaction, so stopping at any point loses nothing) */
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    GfxConfig gc = {o.headless       ? GFX_HEADLESS
                    : cfg.fullscreen ? GFX_FULLSCREEN
                                     : GFX_WINDOWED,
                    cfg.width,
                    cfg.height,
                    "檐下",
                    1,
                    cfg.rotate};
    Gfx *gfx = gfx_create(&gc, err, sizeof err);
    if (!gfx) {
        fprintf(stderr, "yanxia: %s\n", err);
        store_close(store);
        return 1;
    }
    App *app = app_create(&cfg, store, gfx, err, sizeof err);
    if (!app) {
        fprintf(stderr, "yanxia: %s\n", err);
        gfx_destroy(gfx);
        store_close(store);
        return 1;
    }

    app->nightly = nightly;
    fleet_set_night(!app_awake(app)); /* the first heartbeat may come before the first frame */
    service_init();
    SyncWorker *sync = start_sync(app, &cfg, db_path);
    int rc = 0;
    if (o.script_path) {
        rc = run_script(app, &o);
    } else if (o.headless && !getenv("YANXIA_HEADLESS_LOOP")) {
        bench_app_frame(app, 1000);
        image_cache_wait_idle(app->images, gfx_renderer(gfx), 5000);
        app_frame(app, 1000);
        if (o.shot_dir) {
            char path[1024];
            mkdir(o.shot_dir, 0755);
            snprintf(path, sizeof path, "%s/home.png", o.shot_dir);
            if (gfx_screenshot(gfx, path) < 0) {
                fprintf(stderr, "yanxia: %s: %s\n", path, SDL_GetError());
                rc = 1;
            }
        }
    } else {
        run_loop(app, gfx);
    }
    sd_notify(0, "STOPPING=1");
    app->sync = NULL;
    sync_worker_stop(sync); /* before SDL goes: its callback posts SDL events */
    bench_report();
    app_destroy(app);
    ime_shutdown(); /* after every form's Ime is gone */
    gfx_destroy(gfx);
    store_close(store);
    return rc;
}
