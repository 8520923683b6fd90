/* The admin screen, opened by a long press in the top-left corner (app.c). It asks
 * for the PIN on the big keypad and compares the SHA-256 of what was typed with the
 * config's admin_pin_sha256 (the PIN itself is never stored, and the typed digits are
 * wiped as soon as they were checked). Three wrong tries lock it for a minute. Once
 * in: the kiosk's identity, store, outbox and content counts, the sync state, the
 * version, the staff console's address as a QR code for the 楼组长's phone, and the
 * only way out of the fullscreen kiosk: 退出程序. */
#include "screens/keypad.h"
#include "screens/screens.h"
#include "screens/widgets.h"

#include "core/sha256.h"
#include "store/notice.h"
#include "store/outbox.h"
#include "store/photo.h"
#include "ui/draw.h"
#include "ui/qr.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>

#define PIN_MAX       8
#define TRIES         3
#define LOCK_MS       60000u
#define ADMIN_IDLE_MS 120000u /* an unattended admin screen closes itself */

/* The lock outlives the screen: leaving and reopening must not reset it. */
static struct {
    int fails;
    uint32_t locked_until; /* app clock */
    int locked;
} admin_lock;

typedef struct {
    char pin[PIN_MAX + 1];
    int authed;
    int wrong;             /* the last try was wrong: say so */
    int64_t pending;       /* outbox rows waiting for the hub */
    size_t notices;        /* shown to residents now */
    int64_t photos;        /* residents' view */
    char console_url[160]; /* where staff open the console; "" when only this machine can */
    QrMatrix console_qr;   /* of console_url; size 0 when there is none */
} Admin;

static void wipe(char *pin)
{
    volatile char *p = pin;
    for (size_t i = 0; i <= PIN_MAX; i++)
        p[i] = 0;
}

/* 1 when the digits hash to the configured digest (hex, any case). Compares every
 * character, so the time taken does not depend on where they differ. */
static int pin_matches(const App *app, const char *pin)
{
    char hex[SHA256_HEX_LEN + 1];
    if (!app->cfg.admin_pin_sha256[0] || sha256_hex(pin, strlen(pin), hex) < 0)
        return 0;
    if (strlen(app->cfg.admin_pin_sha256) != SHA256_HEX_LEN)
        return 0;
    unsigned diff = 0;
    for (int i = 0; i < SHA256_HEX_LEN; i++)
        diff |= (unsigned)(tolower((unsigned char)app->cfg.admin_pin_sha256[i]) ^ hex[i]);
    return diff == 0;
}

static void load_counts(App *app, Admin *a)
{
    if (store_outbox_count_pending(app->store, &a->pending) < 0)
        a->pending = -1;
    NoticeList nl = {0};
    NoticeQuery nq = {0};
    a->notices = store_notice_list(app->store, &nq, &nl) == 0 ? nl.count : 0;
    notice_list_free(&nl);
    PhotoQuery pq = {0};
    if (store_photo_count(app->store, &pq, &a->photos) < 0)
        a->photos = -1;
}

/* The first IPv4 address of an interface that is up and not loopback: the lobby PC on
 * the building's Wi-Fi or LAN. 0, or -1 when there is none. */
static int lan_address(char *out, size_t cap)
{
    struct ifaddrs *all;
    if (getifaddrs(&all) < 0)
        return -1;
    int rc = -1;
    for (struct ifaddrs *i = all; i && rc < 0; i = i->ifa_next)
        if (i->ifa_addr && i->ifa_addr->sa_family == AF_INET && (i->ifa_flags & IFF_UP) &&
            !(i->ifa_flags & IFF_LOOPBACK) &&
            inet_ntop(AF_INET, &((struct sockaddr_in *)i->ifa_addr)->sin_addr, out, (socklen_t)cap))
            rc = 0;
    freeifaddrs(all);
    return rc;
}

/* The console's address from [console] listen: its host (0.0.0.0: this machine's LAN
 * address) and port, https when a certificate is configured. "" for 127.0.0.1: then
 * only a browser on the lobby PC itself reaches it. */
static void console_address(const App *app, char *out, size_t cap)
{
    out[0] = '\0';
    char host[64];
    const char *colon = strrchr(app->cfg.console_listen, ':');
    if (!colon || (size_t)(colon - app->cfg.console_listen) >= sizeof host)
        return;
    snprintf(host, sizeof host, "%.*s", (int)(colon - app->cfg.console_listen),
             app->cfg.console_listen);
    if (strcmp(host, "127.0.0.1") == 0 || strcmp(host, "localhost") == 0)
        return;
    if (strcmp(host, "0.0.0.0") == 0 && lan_address(host, sizeof host) < 0)
        return;
    snprintf(out, cap, "%s://%s:%s/", app->cfg.console_cert[0] ? "https" : "http", host, colon + 1);
}

static void enter(App *app, void *state, int64_t param)
{
    (void)param;
    Admin *a = state;
    console_address(app, a->console_url, sizeof a->console_url);
    if (a->console_url[0] && qr_encode(a->console_url, &a->console_qr) < 0)
        a->console_qr.size = 0;
}

static void leave(App *app, void *state)
{
    (void)app;
    Admin *a = state;
    wipe(a->pin);
    qr_matrix_free(&a->console_qr);
}

static int is_locked(App *app)
{
    if (admin_lock.locked && (int32_t)(admin_lock.locked_until - app->now_ms) <= 0) {
        admin_lock.locked = 0;
        admin_lock.fails = 0;
    }
    return admin_lock.locked;
}

static void try_pin(App *app, Admin *a, int final)
{
    if (pin_matches(app, a->pin)) {
        wipe(a->pin);
        a->authed = 1;
        a->wrong = 0;
        admin_lock.fails = 0;
        load_counts(app, a);
        return;
    }
    if (!final)
        return; /* still typing: only 确定 (or a full field) counts as a try */
    wipe(a->pin);
    a->wrong = 1;
    if (++admin_lock.fails >= TRIES) {
        admin_lock.locked = 1;
        admin_lock.locked_until = app->now_ms + LOCK_MS;
    }
}

static void draw_login(App *app, Admin *a, SDL_Rect body)
{
    Ui *ui = &app->ui;
    int pad = theme_size_px(app->gfx, THEME_SIZE_GAP_L);
    int landscape = body.w > body.h;
    int col_w = landscape ? (body.w - 3 * pad) / 2 : body.w - 2 * pad;
    if (col_w > ui_dp(ui, 760))
        col_w = ui_dp(ui, 760);
    int left_x = landscape ? body.x + body.w / 2 - pad / 2 - col_w : body.x + (body.w - col_w) / 2;
    Column c = {left_x, body.y + pad, col_w, theme_size_px(app->gfx, THEME_SIZE_GAP_M)};
    w_paragraph(app, &c, "管理员登录", THEME_TEXT_TITLE, THEME_TEXT);
    w_paragraph(app, &c, "请输入管理密码。这里只供楼组和居委会的管理员使用。", THEME_TEXT_BODY,
                THEME_TEXT_MUTED);
    int locked = is_locked(app);
    SDL_Rect field = column_take(&c, keypad_field_height(app));
    keypad_field(app, ui_id("admin.pin"), field, "管理密码", a->pin, "", 1, !locked);
    char msg[128] = "";
    if (locked) {
        uint32_t left = (admin_lock.locked_until - app->now_ms + 999) / 1000;
        snprintf(msg, sizeof msg, "密码连续输错%d次，请%u秒后再试", TRIES, left);
        app->wake_at_ms = app->now_ms + 1000; /* the countdown */
    } else if (a->wrong) {
        snprintf(msg, sizeof msg, "密码不对，还可以再试%d次", TRIES - admin_lock.fails);
    }
    TextStyle ms = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_URGENT);
    SDL_Rect mr = column_take(&c, ui_text_height(ui, "字", &ms, 0));
    if (msg[0])
        ui_text_style(ui, msg, &ms, mr.x, mr.y, mr.w);

    int touch = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN);
    SDL_Rect ok, pad_area;
    if (landscape) {
        ok = column_take(&c, touch);
        int kx = body.x + body.w / 2 + pad / 2;
        int kh = keypad_height(app, col_w, body.h - 2 * pad);
        pad_area = (SDL_Rect){kx, body.y + (body.h - kh) / 2, col_w, kh};
    } else {
        int kh = keypad_height(app, col_w, body.y + body.h - c.y - touch - 3 * pad);
        pad_area = column_take(&c, kh);
        ok = column_take(&c, touch);
    }
    if (!locked && ui_button(ui, ui_id("admin.ok"), ok, "确定", UI_BUTTON_PRIMARY) && a->pin[0])
        try_pin(app, a, 1);
    if (locked)
        return; /* no keypad while locked */
    if (keypad_draw(app, ui_id("admin.keypad"), pad_area, a->pin, PIN_MAX)) {
        a->wrong = 0;
        try_pin(app, a, strlen(a->pin) == PIN_MAX);
    }
}

static void info_row(App *app, Column *c, const char *label, const char *value)
{
    Ui *ui = &app->ui;
    TextStyle ls = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT_MUTED);
    TextStyle vs = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT);
    vs.face = FONT_SANS_BOLD;
    int lw = c->w * 30 / 100, vw = c->w - lw;
    int h = ui_text_height(ui, value, &vs, vw);
    int lh = ui_text_height(ui, label, &ls, lw);
    SDL_Rect r = column_take(c, h > lh ? h : lh);
    ui_text_style(ui, label, &ls, r.x, r.y, lw);
    ui_text_style(ui, value, &vs, r.x + lw, r.y, vw);
}

static void draw_panel(App *app, Admin *a, SDL_Rect body)
{
    Ui *ui = &app->ui;
    if (app->now_ms - app->last_input_ms >= ADMIN_IDLE_MS) {
        app_home(app);
        return;
    }
    app->wake_at_ms = app->last_input_ms + ADMIN_IDLE_MS;
    int pad = theme_size_px(app->gfx, THEME_SIZE_GAP_L);
    int w = body.w - 2 * pad;
    if (w > ui_dp(ui, 1100))
        w = ui_dp(ui, 1100);
    /* the two buttons stay at the bottom, whatever the size; the status scrolls above
     * them (landscape cut them off when they followed the rows) */
    int touch = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN);
    int gap = theme_size_px(app->gfx, THEME_SIZE_GAP_M);
    SDL_Rect row = {body.x + (body.w - w) / 2, body.y + body.h - pad - touch, w, touch};
    SDL_Rect view = {body.x, body.y, body.w, row.y - pad / 2 - body.y};
    uint64_t sid = ui_id("admin.scroll");
    UiScroll *prev = ui_scroll_state(ui, sid);
    int off = ui_scroll_begin(ui, sid, view, prev ? prev->content : view.h);
    Column c = {body.x + (body.w - w) / 2, body.y + pad - off, w, gap};
    int top = c.y;
    w_paragraph(app, &c, "终端状态", THEME_TEXT_TITLE, THEME_TEXT);
    char v[512];
    info_row(app, &c, "终端名称", app->cfg.kiosk_name[0] ? app->cfg.kiosk_name : "未设置");
    info_row(app, &c, "楼栋", app->cfg.building[0] ? app->cfg.building : "未设置");
    info_row(app, &c, "显示名称", app->building_name);
    info_row(app, &c, "数据目录", store_dir(app->store));
    if (a->pending < 0)
        snprintf(v, sizeof v, "读取失败");
    else
        snprintf(v, sizeof v, "%lld 条待上传", (long long)a->pending);
    info_row(app, &c, "待同步", v);
    snprintf(v, sizeof v, "通知 %zu 条 · 照片 %lld 张", a->notices, (long long)a->photos);
    info_row(app, &c, "内容", v);
    screens_sync_status(app, v, sizeof v);
    info_row(app, &c, "同步状态", v);
    info_row(app, &c, "版本", YANXIA_VERSION);
    /* the staff console: the 楼组长 scans it with the phone on the building's Wi-Fi */
    info_row(app, &c, "管理后台",
             a->console_url[0]
                 ? a->console_url
                 : "只能在本机打开（配置 [console] listen 设为 0.0.0.0:8080 后可用手机扫码）");
    if (a->console_qr.size) {
        int side = ui_dp(ui, 260);
        SDL_Rect code = column_take(&c, side);
        code.x += (code.w - side) / 2;
        code.w = side;
        qr_draw(gfx_renderer(app->gfx), &a->console_qr, code, NULL);
    }
    ui_scroll_state(ui, sid)->content = c.y - top + pad;
    ui_scroll_end(ui);

    int bw = (row.w - gap) / 2;
    if (ui_button(ui, ui_id("admin.home"), (SDL_Rect){row.x, row.y, bw, row.h}, "返回首页",
                  UI_BUTTON_SECONDARY))
        app_home(app);
    if (ui_button(ui, ui_id("admin.quit"), (SDL_Rect){row.x + bw + gap, row.y, bw, row.h},
                  "退出程序", UI_BUTTON_DANGER))
        app->quit = 1;
    ui_require(ui, "返回首页");
    ui_require(ui, "退出程序");
}

static void frame(App *app, void *state, SDL_Rect body)
{
    Admin *a = state;
    if (a->authed)
        draw_panel(app, a, body);
    else
        draw_login(app, a, body);
}

const Screen SCREEN_ADMIN = {"admin", "管理", sizeof(Admin), 1, enter, frame, leave};
