/* The app: navigation stack, the header bar with back / large text / home, the
 * urgent-notice banner on every screen, idle reset and attract mode, the admin corner. */
#include "screens/app.h"

#include "core/fleet.h"
#include "core/log.h"
#include "core/schedule.h"
#include "core/timeutil.h"
#include "screens/night.h"
#include "store/kiosk.h"
#include "store/notice.h"
#include "sync/sync_worker.h"
#include "ui/draw.h"
#include "ui/font.h"
#include "ui/image.h"
#include "ui/snapshot.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define URGENT_REFRESH_MS 60000u
#define TOAST_MS          4000u
#define IDLE_WARN_MS      20000u /* "还在使用吗？" counts down this long before going home */

typedef struct {
    NoticeList list;
    uint32_t loaded_ms;
    int version;
    int loaded;
} UrgentCache;

static UrgentCache urgent; /* one app per process */

const Screen *screen_find(const char *name)
{
    for (size_t i = 0; i < SCREEN_COUNT; i++)
        if (strcmp(SCREENS[i]->name, name) == 0)
            return SCREENS[i];
    return NULL;
}

static void leave_top(App *app)
{
    if (app->depth == 0)
        return;
    app->depth--;
    const Screen *s = app->stack[app->depth].screen;
    if (s->leave)
        s->leave(app, app->stack[app->depth].state);
    free(app->stack[app->depth].state);
    app->stack[app->depth].state = NULL;
}

static void push(App *app, const Screen *s, int64_t param)
{
    if (app->depth == APP_STACK_MAX)
        leave_top(app); /* deep chains replace their top rather than fail */
    void *state = s->state_size ? calloc(1, s->state_size) : NULL;
    if (s->state_size && !state) {
        log_error("app", "out of memory opening %s", s->name);
        return;
    }
    app->stack[app->depth].screen = s;
    app->stack[app->depth].state = state;
    app->stack[app->depth].param = param;
    app->stack[app->depth].title[0] = '\0';
    app->stack[app->depth].title_or[0] = '\0';
    app->depth++;
    if (s->enter)
        s->enter(app, state, param);
    app->dirty = 1;
}

static void go_home(App *app)
{
    while (app->depth > 1)
        leave_top(app);
    if (app->depth == 0)
        push(app, SCREENS[0], 0);
}

App *app_create(const Config *cfg, Store *store, Gfx *gfx, char *err, size_t errlen)
{
    App *app = calloc(1, sizeof *app);
    if (!app) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    app->cfg = *cfg;
    app->store = store;
    app->gfx = gfx;
    app->fonts = font_set_create(err, errlen);
    if (!app->fonts)
        goto fail;
    app->text = text_create(app->fonts, gfx_renderer(gfx), 0);
    if (!app->text) {
        snprintf(err, errlen, "out of memory for the text cache");
        goto fail;
    }
    ui_init(&app->ui, gfx, app->text);
    ui_set_display(&app->ui, (float)cfg->diagonal_inches);
    app->image_wake_event = SDL_RegisterEvents(1);
    ImageCacheConfig icfg = {.data_dir = store_dir(store),
                             .max_bytes = (size_t)cfg->texture_cap_mb << 20,
                             .wake_event = app->image_wake_event};
    app->images = image_cache_create(&icfg, err, errlen);
    if (!app->images)
        goto fail;
    app->ui.theme.large_text = cfg->large_text;
    const char *pinned = getenv("YANXIA_NOW");
    app->pinned_clock = pinned && *pinned;
    KioskInfo k;
    if (store_kiosk_get(store, &k) == 0) {
        snprintf(app->building_name, sizeof app->building_name, "%s",
                 k.display_name && *k.display_name ? k.display_name : "檐下");
        kiosk_info_deinit(&k);
    } else {
        snprintf(app->building_name, sizeof app->building_name, "檐下");
    }
    push(app, SCREENS[0], 0);
    return app;
fail:
    app_destroy(app);
    return NULL;
}

void app_destroy(App *app)
{
    if (!app)
        return;
    while (app->depth > 0)
        leave_top(app);
    notice_list_free(&urgent.list);
    memset(&urgent, 0, sizeof urgent);
    image_cache_destroy(app->images); /* before the renderer goes: it owns textures */
    text_destroy(app->text);
    font_set_destroy(app->fonts);
    free(app);
}

void app_open(App *app, const char *name, int64_t param)
{
    const Screen *s = screen_find(name);
    if (!s) {
        log_warn("app", "no screen called %s", name);
        return;
    }
    app->open_next = s;
    app->open_param = param;
    app->dirty = 1;
}

void app_back(App *app)
{
    app->back_next = 1;
    app->dirty = 1;
}

void app_home(App *app)
{
    app->home_next = 1;
    app->dirty = 1;
}

const char *app_screen_name(const App *app)
{
    return app->depth ? app->stack[app->depth - 1].screen->name : "";
}

void app_set_title(App *app, const char *title)
{
    app_set_title_or(app, title, NULL);
}

void app_set_title_or(App *app, const char *title, const char *fallback)
{
    if (app->depth == 0)
        return;
    char *own = app->stack[app->depth - 1].title, *alt = app->stack[app->depth - 1].title_or;
    title = title ? title : "";
    fallback = fallback ? fallback : "";
    if (*fallback && strlen(title) >= sizeof app->stack[0].title)
        title = fallback; /* longer than any header holds: not cut inside a character */
    snprintf(own, sizeof app->stack[0].title, "%s", *title ? title : fallback);
    snprintf(alt, sizeof app->stack[0].title_or, "%s", fallback);
    app->dirty = 1;
}

void app_toast(App *app, const char *msg)
{
    snprintf(app->toast, sizeof app->toast, "%s", msg);
    app->toast_until = app->now_ms + TOAST_MS;
    app->dirty = 1;
}

void app_handle_event(App *app, const SDL_Event *ev)
{
    if (app->idle_warning && (ev->type == SDL_MOUSEBUTTONDOWN || ev->type == SDL_FINGERDOWN)) {
        /* a touch anywhere while "还在使用吗？" shows is 继续: everything stays, and the
         * touch is not passed on to what lies under the question */
        app->idle_warning = 0;
        app->last_input_ms = app->now_ms;
        app->dirty = 1;
        input_init(&app->ui.ptr, app->ui.ptr.drag_threshold);
        app->swallow_release = 1;
        return;
    }
    if (app->swallow_release && (ev->type == SDL_MOUSEBUTTONUP || ev->type == SDL_FINGERUP ||
                                 ev->type == SDL_MOUSEMOTION || ev->type == SDL_FINGERMOTION)) {
        if (ev->type == SDL_MOUSEBUTTONUP || ev->type == SDL_FINGERUP)
            app->swallow_release = 0;
        return;
    }
    if (ui_handle_event(&app->ui, ev)) {
        app->last_input_ms = app->now_ms;
        app->dirty = 1;
        if (ev->type != SDL_MOUSEMOTION) {
            /* the event's own time: at night the last frame may be a minute old */
            app->touched = 1;
            app->last_touch_ms = ev->common.timestamp ? ev->common.timestamp : app->now_ms;
        }
        if (app->night && ev->type != SDL_MOUSEMOTION) {
            /* a tap at night wakes the home screen; it is not passed on as a tap */
            log_info("night", "woken by a touch for %d minutes", app->cfg.wake_minutes);
            app->night = 0;
            SDL_DisableScreenSaver();
            app->attract = 0;
            app->home_next = 1;
            input_init(&app->ui.ptr, app->ui.ptr.drag_threshold);
            return;
        }
        if (app->attract && ev->type != SDL_MOUSEMOTION) {
            /* a touch wakes the kiosk and is not passed on as a tap */
            app->attract = 0;
            app->home_next = 1;
            input_init(&app->ui.ptr, app->ui.ptr.drag_threshold);
        }
        return;
    }
    switch (ev->type) {
    case SDL_QUIT:
        if (!app->cfg.fullscreen)
            app->quit = 1; /* fullscreen: only the admin screen exits */
        break;
    case SDL_KEYDOWN:
        if (ev->key.keysym.sym == SDLK_ESCAPE && !app->cfg.fullscreen)
            app->quit = 1;
        app->last_input_ms = app->now_ms;
        app->dirty = 1;
        break;
    case SDL_WINDOWEVENT:
        if (gfx_update_size(app->gfx))
            text_cache_clear(app->text);
        app->dirty = 1;
        break;
    default:
        break;
    }
}

static void apply_navigation(App *app)
{
    if (app->home_next) {
        go_home(app);
    } else if (app->back_next) {
        if (app->depth > 1)
            leave_top(app);
    }
    if (app->open_next) {
        if (app->open_next == SCREENS[0])
            go_home(app);
        else
            push(app, app->open_next, app->open_param);
    }
    app->open_next = NULL;
    app->back_next = app->home_next = 0;
}

static void refresh_urgent(App *app)
{
    if (urgent.loaded && urgent.version == app->content_version &&
        app->now_ms - urgent.loaded_ms < URGENT_REFRESH_MS)
        return;
    notice_list_free(&urgent.list);
    NoticeQuery q = {.urgent_only = 1, .limit = 3};
    if (store_notice_list(app->store, &q, &urgent.list) < 0)
        log_warn("app", "urgent notices: %s", store_errmsg(app->store));
    urgent.loaded = 1;
    urgent.loaded_ms = app->now_ms;
    urgent.version = app->content_version;
}

/* A triangle wave of the minute: 0, 1, ... amp, ... 0, ... -amp, ... 0 (period 4·amp). */
static int drift_wave(int64_t minute, int amp)
{
    if (amp <= 0)
        return 0;
    int64_t p = 4 * (int64_t)amp, t = ((minute % p) + p) % p;
    return (int)(t <= amp ? t : t <= 3 * amp ? 2 * amp - t : t - 4 * amp);
}

void app_drift(const App *app, int amp_x, int amp_y, int *dx, int *dy)
{
    int64_t minute = app_time_now(app) / 60;
    *dx = drift_wave(minute, amp_x);
    *dy = drift_wave(minute, amp_y);
}

/* The top bar: back (or the building's name), the title, large text and home. */
static void draw_header(App *app, SDL_Rect bar)
{
    Ui *ui = &app->ui;
    SDL_Renderer *r = gfx_renderer(app->gfx);
    draw_rect(r, bar, theme_color(THEME_PRIMARY));
    const Screen *s = app->stack[app->depth - 1].screen;
    int pad = ui_dp(ui, 24), gap = ui_dp(ui, 16);
    int bw = ui_dp(ui, 168), bh = bar.h - ui_dp(ui, 24);
    int by = bar.y + (bar.h - bh) / 2;

    int left = bar.x + pad;
    if (app->depth > 1) {
        SDL_Rect back = {left, by, bw, bh};
        if (ui_button(ui, ui_id("header.back"), back, "‹ 返回", UI_BUTTON_QUIET))
            app_back(app);
        left += bw + gap;
    }
    const char *big_label = ui->theme.large_text ? "标准字" : "大字";
    /* buttons grow with their label: large text must not clip "标准字" */
    TextStyle bst = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BUTTON, THEME_PRIMARY);
    int big_w = text_measure(app->text, big_label, strlen(big_label), &bst) + ui_dp(ui, 56);
    if (big_w < bw)
        big_w = bw;
    SDL_Rect home = {bar.x + bar.w - pad - bw, by, bw, bh};
    SDL_Rect big = {home.x - gap - big_w, by, big_w, bh};
    if (app->depth > 1 && ui_button(ui, ui_id("header.home"), home, "首页", UI_BUTTON_QUIET))
        app_home(app);
    if (app->depth <= 1)
        big.x = bar.x + bar.w - pad - big_w;
    if (ui_button(ui, ui_id("header.bigtext"), big, big_label, UI_BUTTON_SECONDARY)) {
        ui->theme.large_text = !ui->theme.large_text;
        app->dirty = 1;
    }
    const char *own = app->stack[app->depth - 1].title;
    const char *title = own[0] ? own : s->title ? s->title : app->building_name;
    TextStyle st = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_TITLE, THEME_ON_PRIMARY);
    st.max_lines = 1;
    int tw = big.x - gap - left;
    const char *alt = app->stack[app->depth - 1].title_or;
    if (own[0] && alt[0] && text_measure(app->text, own, strlen(own), &st) > tw)
        title = alt; /* a title cut short reads worse than the general one */
    int th = ui_text_height(ui, title, &st, tw);
    ui_text_style(ui, title, &st, left, bar.y + (bar.h - th) / 2, tw);
}

/* Urgent notices stand out on every screen, the slideshow too, until they expire.
 * Returns its height. */
static int draw_urgent_banner(App *app, SDL_Rect area)
{
    if (urgent.list.count == 0)
        return 0;
    Ui *ui = &app->ui;
    const Notice *n = &urgent.list.items[0];
    int pad = ui_dp(ui, 24);
    TextStyle st = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_SUBTITLE, THEME_ON_URGENT);
    st.max_lines = 2;
    char line[512];
    snprintf(line, sizeof line, "【紧急】%s", n->title);
    int w = area.w - 2 * pad - ui_dp(ui, 140);
    int h = ui_text_height(ui, line, &st, w) + 2 * ui_dp(ui, 18);
    if (h < theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN))
        h = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN);
    /* over the slideshow it stays for hours: it drifts down and sideways (burn-in) */
    int dx = 0, dy = 0;
    if (strcmp(app->stack[app->depth - 1].screen->name, "attract") == 0) {
        app_drift(app, ui_dp(ui, 12), ui_dp(ui, 8), &dx, &dy);
        dy += ui_dp(ui, 8);
        area.x += dx;
    }
    SDL_Rect band = {0, area.y + dy, gfx_width(app->gfx), h};
    int held = 0;
    int tapped = ui_pressable(ui, ui_id_n("urgent", n->id), band, &held);
    draw_rect(gfx_renderer(app->gfx), band, theme_color(THEME_URGENT));
    if (held)
        draw_rect(gfx_renderer(app->gfx), band, theme_color(THEME_PRESSED));
    int th = ui_text_height(ui, line, &st, w);
    ui_text_style(ui, line, &st, area.x + pad, band.y + (h - th) / 2, w);
    TextStyle more = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_ON_URGENT);
    ui_text_style(ui, "查看 ›", &more, area.x + area.w - pad - ui_dp(ui, 120),
                  band.y + (h - ui_text_height(ui, "查看 ›", &more, 0)) / 2, 0);
    if (tapped)
        app_open(app, "notice", n->id);
    return dy + h;
}

/* "还在使用吗？" over the dimmed screen: the seconds left and a big 继续 (any touch
 * continues: app_handle_event). */
static void draw_idle_warning(App *app)
{
    if (!app->idle_warning)
        return;
    Ui *ui = &app->ui;
    SDL_Renderer *ren = gfx_renderer(app->gfx);
    int W = gfx_width(app->gfx), H = gfx_height(app->gfx);
    SDL_Color dim = theme_color(THEME_TEXT);
    dim.a = 150;
    draw_rect(ren, (SDL_Rect){0, 0, W, H}, dim);
    uint32_t idle = app->now_ms - app->last_input_ms;
    uint32_t left_ms = (uint32_t)app->cfg.form_reset_seconds * 1000u + IDLE_WARN_MS - idle;
    char line[160];
    snprintf(line, sizeof line, "%u秒后回到首页，没有提交的内容不会保存", (left_ms + 999) / 1000);
    int pad = theme_size_px(app->gfx, THEME_SIZE_GAP_L);
    int touch = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN);
    int w = W - 2 * pad > ui_dp(ui, 900) ? ui_dp(ui, 900) : W - 2 * pad;
    TextStyle ts = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_DISPLAY, THEME_TEXT);
    ts.align = TEXT_ALIGN_CENTER;
    TextStyle bs = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_SUBTITLE, THEME_TEXT);
    bs.align = TEXT_ALIGN_CENTER;
    bs.face = FONT_SANS;
    int th = ui_text_height(ui, "还在使用吗？", &ts, w - 2 * pad);
    int bh = ui_text_height(ui, line, &bs, w - 2 * pad);
    int btn = touch * 3 / 2;
    int h = pad + th + pad + bh + pad + btn + pad;
    SDL_Rect card = {(W - w) / 2, (H - h) / 2, w, h};
    draw_round_rect(ren, card, theme_size_px(app->gfx, THEME_SIZE_RADIUS),
                    theme_color(THEME_SURFACE));
    int y = card.y + pad;
    ui_text_style(ui, "还在使用吗？", &ts, card.x + pad, y, w - 2 * pad);
    y += th + pad;
    ui_text_style(ui, line, &bs, card.x + pad, y, w - 2 * pad);
    y += bh + pad;
    ui_button(ui, ui_id("idle.continue"), (SDL_Rect){card.x + pad, y, w - 2 * pad, btn}, "继续",
              UI_BUTTON_PRIMARY);
    app->wake_at_ms = app->now_ms + (left_ms % 1000 ? left_ms % 1000 : 1000); /* the countdown */
}

static void draw_toast(App *app)
{
    if (!app->toast[0] || app->now_ms >= app->toast_until)
        return;
    Ui *ui = &app->ui;
    int W = gfx_width(app->gfx), H = gfx_height(app->gfx);
    TextStyle st = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_ON_PRIMARY);
    st.align = TEXT_ALIGN_CENTER;
    int w = W - 2 * ui_dp(ui, 80);
    int h = ui_text_height(ui, app->toast, &st, w - 2 * ui_dp(ui, 32)) + 2 * ui_dp(ui, 28);
    SDL_Rect box = {(W - w) / 2, H - h - ui_dp(ui, 80), w, h};
    SDL_Color c = theme_color(THEME_TEXT);
    c.a = 235;
    draw_round_rect(gfx_renderer(app->gfx), box, theme_size_px(app->gfx, THEME_SIZE_RADIUS), c);
    ui_text_style(ui, app->toast, &st, box.x + ui_dp(ui, 32), box.y + ui_dp(ui, 28),
                  w - 2 * ui_dp(ui, 32));
}

/* Idle: after form_reset_seconds "还在使用吗？" asks for a touch; IDLE_WARN_MS later a
 * half-filled form is dropped and the kiosk goes home; later still the slideshow. */
static void check_idle(App *app)
{
    /* a page still gliding after a fling is being read: that is use, not absence */
    for (int i = 0; i < UI_SCROLL_POOL; i++)
        if (app->ui.scrolls[i].id && app->ui.scrolls[i].velocity != 0.0f)
            app->last_input_ms = app->now_ms;
    uint32_t idle = app->now_ms - app->last_input_ms;
    uint32_t reset = (uint32_t)app->cfg.form_reset_seconds * 1000u;
    int away = app->depth > 1 && strcmp(app_screen_name(app), "attract") != 0 &&
               strcmp(app_screen_name(app), "admin") != 0;
    app->idle_warning = away && idle >= reset && idle < reset + IDLE_WARN_MS;
    if (away && idle >= reset + IDLE_WARN_MS) {
        log_info("app", "idle for %us: back to the home screen", idle / 1000);
        app->home_next = 1;
    }
    if (!app->attract && idle >= (uint32_t)app->cfg.attract_seconds * 1000u &&
        screen_find("attract")) {
        app->attract = 1;
        app->open_next = screen_find("attract");
        app->open_param = 0;
    }
}

/* A long press in the top-left corner opens the admin screen (it asks for the PIN). */
static void check_admin_corner(App *app)
{
    Pointer *p = &app->ui.ptr;
    int corner = ui_dp(&app->ui, 140);
    if (p->long_pressed && p->press_x < corner && p->press_y < corner &&
        app->cfg.admin_pin_sha256[0])
        app_open(app, "admin", 0);
}

int64_t app_time_at(const App *app, uint32_t ms)
{
    int64_t t = time_now();
    if (app->pinned_clock)
        t += (int64_t)(uint32_t)(ms - app->first_frame_ms) / 1000;
    return t;
}

int64_t app_time_now(const App *app)
{
    return app_time_at(app, app->now_ms);
}

int app_awake(const App *app)
{
    int32_t wake_ms = app->cfg.wake_minutes * 60000;
    int32_t since = (int32_t)(app->now_ms - app->last_touch_ms); /* < 0: after this frame */
    return schedule_awake(&app->cfg.awake, app_time_now(app)) || urgent.list.count > 0 ||
           (app->touched && since < wake_ms);
}

/* The kiosk's time for a log line (under a pinned clock, a soak's virtual time). */
static const char *clock_text(const App *app, char *out, size_t n)
{
    time_format(app_time_now(app), "%m-%d %H:%M", out, n);
    return out;
}

/* Night falls (the home screen is kept under it: a half-filled form is dropped, the
 * slideshow ends) or the day comes back; the display may sleep only at night. Once per
 * night window the nightly step runs: while the screen is dark, or, when an urgent
 * notice or a late touch keeps it lit through the night, while nobody is using it (the
 * home screen or the slideshow, no touch for a minute): a week-long urgent notice must
 * not put off a week of maintenance. */
static void update_night(App *app)
{
    int awake = app_awake(app);
    char when[32];
    if (!awake && !app->night) {
        log_info("night", "the screen sleeps (%s) at %s",
                 app->cfg.night_mode == CONFIG_NIGHT_CLOCK ? "a dim clock" : "black",
                 clock_text(app, when, sizeof when));
        app->night = 1;
        app->attract = 0;
        app->home_next = 1;
        SDL_EnableScreenSaver(); /* lets the compositor or DPMS blank the display */
    } else if (awake && app->night) {
        log_info("night", "the screen wakes at %s (%s)", clock_text(app, when, sizeof when),
                 schedule_awake(&app->cfg.awake, app_time_now(app)) ? "the morning"
                 : urgent.list.count > 0                            ? "an urgent notice"
                                                                    : "a touch");
        app->night = 0;
        app->last_input_ms = app->now_ms; /* home first, the slideshow after its idle time */
        SDL_DisableScreenSaver();
    }
    if (!app->nightly)
        return;
    int unused = (app->depth <= 1 || strcmp(app_screen_name(app), "attract") == 0) &&
                 app->now_ms - app->last_input_ms >= 60000u;
    if (!app->night && !unused)
        return;
    int64_t night = schedule_night_start(&app->cfg.awake, app_time_now(app));
    if (night && night != app->night_done) {
        app->night_done = night;
        log_info("night", "the nightly step at %s (the screen %s)",
                 clock_text(app, when, sizeof when), app->night ? "dark" : "lit");
        app->nightly(app);
    }
}

#define SCREENSHOT_MAX_SIDE 720 /* px: enough to see the screen, small to send */

/* Staff asked for a screenshot (sql/hub/021_screenshot.sql): the frame just drawn goes
 * to the sync worker when it is the home screen, the slideshow or the night screen,
 * which show what every passer-by sees. A form a resident is filling, a receipt or
 * the admin screen never does: the request waits until the kiosk is home again (the
 * idle timers take it there). */
static void send_screenshot(App *app)
{
    if (!app->screenshot_wanted || !app->sync)
        return;
    const char *name = app_screen_name(app);
    if (!app->night &&
        (app->idle_warning || (strcmp(name, "home") != 0 && strcmp(name, "attract") != 0))) {
        if (!app->screenshot_deferred)
            log_info("screenshot", "asked for: waiting for the home screen (now %s)", name);
        app->screenshot_deferred = 1;
        return;
    }
    unsigned char *png = NULL;
    size_t len = 0;
    int w = 0, h = 0;
    app->screenshot_wanted = 0;
    app->screenshot_deferred = 0;
    if (snapshot_frame_png(app->gfx, SCREENSHOT_MAX_SIDE, &png, &len, &w, &h) < 0) {
        log_error("screenshot", "cannot make one: %s", SDL_GetError());
        return;
    }
    log_info("screenshot", "of the %s screen, %dx%d, for the hub", app->night ? "night" : name, w,
             h);
    sync_worker_put_screenshot(app->sync, png, len, w, h);
}

void app_frame(App *app, uint32_t now_ms)
{
    if (!app->last_input_ms)
        app->last_input_ms = now_ms;
    if (!app->first_frame_ms)
        app->first_frame_ms = now_ms;
    app->now_ms = now_ms;
    if (app->pinned_clock) /* the store's "now" (expiries, today's caps) follows too */
        store_set_now(app->store, app_time_now(app));
    app_sync_poll(app);
    refresh_urgent(app);
    update_night(app);
    fleet_set_night(app->night); /* what the heartbeat reports */
    if (!app->night)
        check_idle(app);
    apply_navigation(app);
    if (app->night) {
        app->dirty = 0;
        ui_begin_frame(&app->ui, now_ms);
        night_draw(app);
        ui_end_frame(&app->ui);
        send_screenshot(app);
        return;
    }

    /* cleared before drawing: a control that changes state during this frame marks
     * the app dirty again, so the next frame shows the change */
    app->dirty = 0;
    Ui *ui = &app->ui;
    image_cache_next_generation(app->images);
    image_cache_check(app->images, (uint32_t)app->cfg.image_stuck_seconds * 1000u);
    if (image_cache_pump(app->images, gfx_renderer(app->gfx), 2.0) > 0)
        app->dirty = 1;
    ui_begin_frame(ui, now_ms);
    check_admin_corner(app);
    gfx_clear(app->gfx, theme_color(THEME_BG));
    int W = gfx_width(app->gfx), H = gfx_height(app->gfx);
    const Screen *s = app->stack[app->depth - 1].screen;
    /* the slideshow has no header, but the urgent banner stays */
    int top = strcmp(s->name, "attract") != 0 ? theme_size_px(app->gfx, THEME_SIZE_HEADER) : 0;
    if (top)
        draw_header(app, (SDL_Rect){0, 0, W, top});
    top += draw_urgent_banner(app, (SDL_Rect){0, top, W, H - top});
    SDL_Rect body = {0, top, W, H - top};
    s = app->stack[app->depth - 1].screen; /* the header may have asked to navigate */
    app->wake_at_ms = 0;                   /* the screen sets it again if it has a timed change */
    s->frame(app, app->stack[app->depth - 1].state, body);
    draw_idle_warning(app);
    draw_toast(app);
    /* immediate mode: a control reacts to a tap while the frame is drawn, after the
     * parts above it were; one more frame shows the whole screen in the new state */
    if (ui->ptr.pressed || ui->ptr.released || ui->ptr.long_pressed)
        app->dirty = 1;
    ui_end_frame(ui);
    send_screenshot(app);
}

int app_animating(const App *app)
{
    return app->dirty || app->ui.animating || app->ui.ptr.down || app->open_next ||
           app->back_next || app->home_next;
}

uint32_t app_next_timeout(const App *app)
{
    uint32_t idle = app->now_ms - app->last_input_ms;
    /* the clock's minute; at night also when the schedule changes (under a pinned clock
     * the frame clock's milliseconds count too: the morning's wake comes at 06:30:00, not
     * up to a second after, when a script's tap at 06:30 would find the screen asleep) */
    uint32_t ms = app->pinned_clock ? (uint32_t)(app->now_ms - app->first_frame_ms) % 1000u : 0;
    uint32_t next = 60000u - (uint32_t)(app_time_now(app) % 60) * 1000u - ms;
    if (app->night)
        return next;
    uint32_t reset = (uint32_t)app->cfg.form_reset_seconds * 1000u;
    uint32_t attract = (uint32_t)app->cfg.attract_seconds * 1000u;
    if (app->depth > 1 && idle < reset && reset - idle < next)
        next = reset - idle; /* "还在使用吗？" appears */
    if (app->depth > 1 && idle >= reset && idle < reset + IDLE_WARN_MS &&
        reset + IDLE_WARN_MS - idle < next)
        next = reset + IDLE_WARN_MS - idle; /* and goes home */
    if (!app->attract && idle < attract && attract - idle < next)
        next = attract - idle;
    if (app->toast[0] && app->now_ms < app->toast_until && app->toast_until - app->now_ms < next)
        next = app->toast_until - app->now_ms;
    if (app->wake_at_ms) {
        int32_t until = (int32_t)(app->wake_at_ms - app->now_ms);
        if (until <= 0)
            next = 1;
        else if ((uint32_t)until < next)
            next = (uint32_t)until;
    }
    if (app->touched) { /* a tap's wake at night ends on time */
        int32_t wake = app->cfg.wake_minutes * 60000;
        int32_t since = (int32_t)(app->now_ms - app->last_touch_ms);
        if (since < 0)
            since = 0;
        if (since < wake && (uint32_t)(wake - since) < next)
            next = (uint32_t)(wake - since);
    }
    if (app->ui.ptr.down && next > 100)
        next = 100; /* long presses need ticks */
    return next ? next : 1;
}

void app_submitted(App *app)
{
    sync_worker_kick(app->sync);
}

void app_sync_poll(App *app)
{
    if (!app->sync)
        return;
    sync_worker_check(app->sync, app->cfg.sync_stuck_seconds);
    SyncStatus st;
    sync_worker_status(app->sync, &st);
    if (st.content_serial != app->sync_serial) {
        app->sync_serial = st.content_serial;
        app->content_version++;
        app->dirty = 1;
    }
    if (st.screenshot_wanted && !app->screenshot_wanted)
        app->dirty = 1; /* a frame to send (send_screenshot) */
    app->screenshot_wanted = st.screenshot_wanted;
}
