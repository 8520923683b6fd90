/* Contacts (联系我们): large cards with the name, the phone number in big digits and a
 * note; a contact with qr_text (the building's group chat) gets a QR code of at least
 * 360 dp, crisp black modules on white, with its caption. Portrait is one column;
 * landscape puts the QR cards on the right, beside the scrolling phone cards. */
#include "screens/screens.h"
#include "screens/widgets.h"

#include "core/log.h"
#include "core/reason.h"
#include "store/contact.h"
#include "ui/draw.h"
#include "ui/qr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QR_MIN_DP 360
#define QR_MAX_DP 520

typedef struct {
    ContactList list;
    QrMatrix *qr; /* one per contact; size 0 when it has no (encodable) qr_text */
    int version;
    int loaded;
} Contacts;

/* Kind -> the word on the card's chip. */
static const struct {
    const char *kind, *label;
} KIND_LABELS[] = {{"emergency", "紧急"}, {"committee", "居委会"}, {"property", "物业"},
                   {"hotline", "热线"},   {"groupchat", "微信群"}, {"other", "其他"}};

static const char *kind_label(const char *kind)
{
    for (size_t i = 0; i < sizeof KIND_LABELS / sizeof KIND_LABELS[0]; i++)
        if (strcmp(KIND_LABELS[i].kind, kind) == 0)
            return KIND_LABELS[i].label;
    return "其他";
}

static void unload(Contacts *c)
{
    for (size_t i = 0; c->qr && i < c->list.count; i++)
        qr_matrix_free(&c->qr[i]);
    free(c->qr);
    c->qr = NULL;
    contact_list_free(&c->list);
    c->loaded = 0;
}

static void load(App *app, Contacts *c)
{
    unload(c);
    if (store_contact_list(app->store, NULL, &c->list) < 0)
        app_toast(app, reason_text(store_reason(app->store)));
    c->qr = calloc(c->list.count ? c->list.count : 1, sizeof *c->qr);
    for (size_t i = 0; c->qr && i < c->list.count; i++) {
        const char *t = c->list.items[i].qr_text;
        if (t && *t && qr_encode(t, &c->qr[i]) < 0)
            log_warn("contacts", "QR code for contact %lld cannot be made",
                     (long long)c->list.items[i].id);
    }
    c->version = app->content_version;
    c->loaded = 1;
}

static void enter(App *app, void *state, int64_t param)
{
    (void)param;
    load(app, state);
}

static void leave(App *app, void *state)
{
    (void)app;
    unload(state);
}

static int has_qr(const Contacts *c, size_t i)
{
    return c->qr && c->qr[i].size > 0;
}

/* A phone card: chip and name, the number in big digits, the note. Returns its height;
 * paints only when draw is set. */
static int phone_card(App *app, const Contact *ct, SDL_Rect r, int draw)
{
    Ui *ui = &app->ui;
    int pad = ui_dp(ui, 32), gap = ui_dp(ui, 12);
    int iw = r.w - 2 * pad;
    const char *chip = kind_label(ct->kind);
    TextStyle cs = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_CAPTION, THEME_ON_PRIMARY);
    int chip_w = text_measure(app->text, chip, strlen(chip), &cs) + ui_dp(ui, 28) + gap;
    TextStyle ns = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_SUBTITLE, THEME_TEXT);
    /* emergency numbers (120 first) in red and larger still: what an older resident
     * must find at a glance */
    int emergency = strcmp(ct->kind, "emergency") == 0;
    TextStyle ps = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_TITLE,
                                    emergency ? THEME_URGENT : THEME_PRIMARY);
    ps.px = ps.px * (emergency ? 8 : 5) / 4; /* digits a resident copies onto paper or dials */
    TextStyle os = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT_MUTED);
    int nh = ui_text_height(ui, ct->name, &ns, iw - chip_w);
    int ph = ct->phone && *ct->phone ? ui_text_height(ui, ct->phone, &ps, iw) : 0;
    int oh = ct->note && *ct->note ? ui_text_height(ui, ct->note, &os, iw) : 0;
    int h = pad + nh + (ph ? gap + ph : 0) + (oh ? gap + oh : 0) + pad;
    if (!draw)
        return h;
    draw_round_rect(gfx_renderer(app->gfx), r, theme_size_px(app->gfx, THEME_SIZE_RADIUS),
                    theme_color(THEME_SURFACE));
    int y = r.y + pad;
    int chip_h = ui_text_height(ui, chip, &cs, 0) + ui_dp(ui, 8);
    ThemeColor bg = emergency ? THEME_URGENT : THEME_PRIMARY;
    w_chip(app, r.x + pad, y + (ui_text_height(ui, "字", &ns, 0) - chip_h) / 2, chip, bg,
           THEME_ON_PRIMARY);
    ui_text_style(ui, ct->name, &ns, r.x + pad + chip_w, y, iw - chip_w);
    y += nh;
    if (ph) {
        ui_text_style(ui, ct->phone, &ps, r.x + pad, y + gap, iw);
        y += gap + ph;
    }
    if (oh)
        ui_text_style(ui, ct->note, &os, r.x + pad, y + gap, iw);
    return h;
}

/* A QR card: the code (side qr_side) and, beside it (wide) or below it, the name
 * and the caption. Returns its height; paints only when draw is set. */
static int qr_card(App *app, const Contact *ct, const QrMatrix *m, SDL_Rect r, int wide, int draw)
{
    Ui *ui = &app->ui;
    int pad = ui_dp(ui, 32), gap = ui_dp(ui, 16);
    int side = wide ? (r.w - 2 * pad) * 45 / 100 : r.w - 2 * pad;
    if (side > ui_dp(ui, QR_MAX_DP))
        side = ui_dp(ui, QR_MAX_DP);
    if (side < ui_dp(ui, QR_MIN_DP))
        side = ui_dp(ui, QR_MIN_DP);
    TextStyle ns = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_SUBTITLE, THEME_TEXT);
    TextStyle os = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT_MUTED);
    if (!wide)
        ns.align = os.align = TEXT_ALIGN_CENTER;
    int tw = wide ? r.w - 3 * pad - side : r.w - 2 * pad;
    const char *note = ct->note && *ct->note ? ct->note : "用手机扫一扫";
    int nh = ui_text_height(ui, ct->name, &ns, tw), oh = ui_text_height(ui, note, &os, tw);
    int text_h = nh + gap + oh;
    int h = wide ? 2 * pad + (side > text_h ? side : text_h) : 2 * pad + side + gap + text_h;
    if (!draw)
        return h;
    draw_round_rect(gfx_renderer(app->gfx), r, theme_size_px(app->gfx, THEME_SIZE_RADIUS),
                    theme_color(THEME_SURFACE));
    SDL_Rect code = {wide ? r.x + pad : r.x + (r.w - side) / 2, r.y + pad, side, side};
    qr_draw(gfx_renderer(app->gfx), m, code, NULL);
    int tx = wide ? code.x + side + pad : r.x + pad;
    int ty = wide ? r.y + pad + (side - text_h) / 2 : code.y + side + gap;
    ui_text_style(ui, ct->name, &ns, tx, ty, tw);
    ui_text_style(ui, note, &os, tx, ty + nh + gap, tw);
    return h;
}

/* Cards of the contacts selected by want_qr (-1: all) in one scrolling column. */
static void draw_cards(App *app, Contacts *cs, const char *name, SDL_Rect view, int pad,
                       int want_qr, int wide_qr)
{
    Ui *ui = &app->ui;
    uint64_t id = ui_id(name);
    UiScroll *prev = ui_scroll_state(ui, id);
    int off = ui_scroll_begin(ui, id, view, prev ? prev->content : view.h);
    Column c = column_make(app, (SDL_Rect){view.x, view.y - off, view.w, view.h}, pad);
    int top = c.y;
    if (cs->list.count == 0)
        w_empty(app, &c, "还没有登记联系方式");
    for (size_t i = 0; i < cs->list.count; i++) {
        const Contact *ct = &cs->list.items[i];
        int q = has_qr(cs, i);
        if (want_qr >= 0 && q != want_qr)
            continue;
        SDL_Rect probe = {c.x, c.y, c.w, 0};
        int h = q ? qr_card(app, ct, &cs->qr[i], probe, wide_qr, 0) : phone_card(app, ct, probe, 0);
        SDL_Rect r = column_take(&c, h);
        if (r.y + r.h < view.y || r.y > view.y + view.h)
            continue; /* off screen: measured, not drawn */
        if (q)
            qr_card(app, ct, &cs->qr[i], r, wide_qr, 1);
        else
            phone_card(app, ct, r, 1);
    }
    ui_scroll_state(ui, id)->content = c.y - top + pad;
    ui_scroll_end(ui);
}

static void frame(App *app, void *state, SDL_Rect body)
{
    Contacts *cs = state;
    if (!cs->loaded || cs->version != app->content_version)
        load(app, cs);
    int pad = theme_size_px(app->gfx, THEME_SIZE_GAP_L);
    int any_qr = 0;
    for (size_t i = 0; i < cs->list.count; i++)
        any_qr |= has_qr(cs, i);
    if (body.h >= body.w || !any_qr) {
        draw_cards(app, cs, "contacts.scroll", body, pad, -1, 1);
    } else {
        int right_w = body.w * 38 / 100;
        int left_w = body.w - right_w;
        draw_cards(app, cs, "contacts.left", (SDL_Rect){body.x, body.y, left_w, body.h}, pad, 0, 0);
        draw_cards(app, cs, "contacts.right",
                   (SDL_Rect){body.x + left_w - pad / 2, body.y, right_w + pad / 2, body.h}, pad, 1,
                   0);
    }
}

const Screen SCREEN_CONTACTS = {"contacts", "联系我们", sizeof(Contacts), 0, enter, frame, leave};
