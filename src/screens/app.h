/* The kiosk application: owns the store, the render target, the UI context and the
 * navigation stack of screens. A screen never calls another screen: it asks the app
 * to open one by name (app_open), and the app switches at the end of the frame.
 * UI thread only. */
#ifndef YX_SCREENS_APP_H
#define YX_SCREENS_APP_H

#include <stddef.h>
#include <stdint.h>

#include "core/config.h"
#include "store/store.h"
#include "ui/ui.h"

typedef struct App App;

/* One screen: a stable name for scripts, a title for the header, and four callbacks
 * (raylib's init/update/draw/unload, with update and draw folded into the immediate-
 * mode frame). The app allocates state_size zeroed bytes on entry and frees them
 * after leave. */
typedef struct {
    const char *name;  /* "home", "notices", ...: used by `goto` and app_open */
    const char *title; /* shown in the header; NULL for none (home) */
    size_t state_size;
    int is_form; /* holds what a resident typed: discarded on idle */
    void (*enter)(App *app, void *state, int64_t param);
    void (*frame)(App *app, void *state, SDL_Rect body);
    void (*leave)(App *app, void *state); /* frees what state owns; may be NULL */
} Screen;

/* Every screen, in the order of the home screen's tiles (screens.c). */
extern const Screen *const SCREENS[];
extern const size_t SCREEN_COUNT;
const Screen *screen_find(const char *name);

#define APP_STACK_MAX 8

struct App {
    Config cfg;
    Store *store;
    Gfx *gfx;
    FontSet *fonts;
    TextCtx *text;
    Ui ui;
    struct ImageCache *images; /* decoded photos as textures (ui/image.h) */
    uint32_t image_wake_event; /* posted by the loader when photos are ready */

    struct {
        const Screen *screen;
        void *state;
        int64_t param;
        char title[96];    /* app_set_title's, "" for the screen's own */
        char title_or[48]; /* app_set_title_or's fallback, "" for none */
    } stack[APP_STACK_MAX];
    int depth;

    /* navigation requested during a frame, applied after it */
    const Screen *open_next;
    int64_t open_param;
    int back_next, home_next;

    uint32_t now_ms;        /* the frame clock (virtual when scripted) */
    uint32_t last_input_ms; /* for the idle timers */
    int attract;            /* the slideshow is showing */
    /* Night (core/schedule.h, [display] in the config): outside the awake hours, with no
     * urgent notice and no touch for wake_minutes, the app draws the night frame only. */
    int night;
    int touched;             /* a resident touched the screen since start */
    uint32_t last_touch_ms;  /* of that touch: a tap at night keeps it awake a while */
    int pinned_clock;        /* YANXIA_NOW is set: wall time moves with the frame clock */
    uint32_t first_frame_ms; /* the frame clock at the first frame */
    int64_t night_done;      /* start of the last night whose nightly step ran */
    /* The nightly step (main.c sets it; NULL: none), run once per night window while
     * the screen sleeps. Returns 0, or -1 after logging what failed. */
    int (*nightly)(App *app);
    uint32_t wake_at_ms; /* a screen's next timed change (0: none); reset each frame */
    int dirty;           /* something changed: draw a frame */
    int idle_warning;    /* "还在使用吗？" is showing (idle past form_reset_seconds) */
    int swallow_release; /* the touch that answered it: its release is not a tap */
    int quit;
    int content_version;     /* bumped when the store's content changed (sync) */
    struct SyncWorker *sync; /* the hub sync worker (main.c owns it); NULL: standalone */
    int64_t sync_serial;     /* the worker's content_serial last seen */
    int screenshot_wanted;   /* staff asked the hub for a screenshot (app.c send_screenshot) */
    int screenshot_deferred; /* ... and it waits for the home screen (said once in the log) */
    char building_name[128];
    char toast[256]; /* a short message shown over the screen */
    uint32_t toast_until;
    /* Set while a form shows text entry (screens/writer.c), NULL otherwise: where its
     * handwriting pad and its candidates were drawn, for the script steps write and
     * pick. Each returns 0, or -1 when there is no such thing on screen. */
    int (*entry_pad)(App *app, SDL_Rect *pad);
    int (*entry_candidate)(App *app, int n, const char *text, SDL_Rect *where);
    void *entry; /* what the two act on */
};

/* Creates the app on an open store and render target (both stay the caller's).
 * NULL with a message in err on failure. Opens the home screen. */
App *app_create(const Config *cfg, Store *store, Gfx *gfx, char *err, size_t errlen);
void app_destroy(App *app);

/* Requests navigation; applied after the current frame. */
void app_open(App *app, const char *name, int64_t param);
void app_back(App *app);
void app_home(App *app);

/* Feeds an SDL event (pointer, key, window). */
void app_handle_event(App *app, const SDL_Event *ev);

/* Draws one frame at time now_ms (and applies pending navigation). */
void app_frame(App *app, uint32_t now_ms);

/* True when the app wants another frame soon (animation, momentum, timers). */
int app_animating(const App *app);

/* Milliseconds until the next timer the app needs (clock tick, idle reset,
 * attract mode); the event loop waits at most this long. */
uint32_t app_next_timeout(const App *app);

/* Local wall time as Unix seconds for what the app shows and decides: time_now(),
 * plus the frame clock's progress since the first frame when YANXIA_NOW pins the
 * clock (a script's `wait 3600000` passes an hour of night). */
int64_t app_time_now(const App *app);
/* The same at frame-clock time ms (app_time_now is at the last frame's). */
int64_t app_time_at(const App *app, uint32_t ms);

/* Burn-in care for what stays on the glass for hours (the slideshow's invitation, the
 * building line, the urgent banner): an offset that walks one pixel a minute of the
 * wall clock back and forth within ±amp_x and ±amp_y, on two periods (4·amp_x and 4·amp_y
 * minutes), so no edge holds its place. */
void app_drift(const App *app, int amp_x, int amp_y, int *dx, int *dy);

/* 1 when the schedule, an urgent notice or a recent touch keeps the screen awake at
 * the current frame's time; 0 when it is night. */
int app_awake(const App *app);

/* The current screen's name. */
const char *app_screen_name(const App *app);

/* Gives the current screen a title of its own in the header (an album's name), "" or
 * NULL for the screen's fixed one. */
void app_set_title(App *app, const char *title);
/* As app_set_title, but where title is empty or too wide for the header's one line the
 * header shows fallback instead of cutting title short (a health tip's title, else
 * 健康小贴士). fallback is copied; NULL or "" is app_set_title. */
void app_set_title_or(App *app, const char *title, const char *fallback);

/* Shows a short message over the screen for a few seconds. */
void app_toast(App *app, const char *msg);

/* A resident's submission was just saved: asks the sync worker (if any) to push it
 * now rather than at the next interval. Never waits on the network. */
void app_submitted(App *app);

/* Picks up the sync worker's news: content it pulled bumps content_version so screens
 * reload. Called at the start of every frame; a mutex and a copy, nothing slower. */
void app_sync_poll(App *app);

/* The content area of the current frame (below the header and any urgent banner). */

#endif
