/* Claiming a micro-wish (param: the wish's id): the wish as the board shows it, the
 * helper's room number on the keypad, 提交 → store_wish_claim, and a thank-you page
 * with the receipt code. Read from the public board, so no unmasked room is ever on
 * this screen. */
#include "screens/screens.h"

#include "screens/form.h"
#include "screens/keypad.h"
#include "screens/widgets.h"

#include "core/room.h"
#include "store/wish.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    int64_t id;
    WishList board;
    const Wish *wish; /* in board, or NULL */
    char room[ROOM_MAX_LEN + 1];
    char room_err[256];
    int done;
    StoreReceipt receipt;
} ClaimForm;

static void enter(App *app, void *state, int64_t param)
{
    ClaimForm *st = state;
    st->id = param;
    WishQuery q = {.board = 1};
    store_wish_list(app->store, &q, &st->board);
    for (size_t i = 0; i < st->board.count; i++)
        if (st->board.items[i].id == param)
            st->wish = &st->board.items[i];
}

static void leave(App *app, void *state)
{
    (void)app;
    ClaimForm *st = state;
    wish_list_free(&st->board);
}

static void draw_wish(App *app, const Wish *w, Column *c)
{
    Ui *ui = &app->ui;
    int pad = ui_dp(ui, 28);
    TextStyle ts = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_SUBTITLE, THEME_INK);
    ts.face = FONT_KAI;
    char who[64];
    snprintf(who, sizeof who, "—— %s的邻居", w->room_masked);
    TextStyle ws = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_INK);
    ws.face = FONT_KAI;
    ws.align = TEXT_ALIGN_RIGHT;
    int th = ui_text_height(ui, w->text, &ts, c->w - 2 * pad);
    int wh = ui_text_height(ui, who, &ws, c->w - 2 * pad);
    SDL_Rect r = column_take(c, pad + th + ui_dp(ui, 16) + wh + pad);
    /* the wish on a slip of paper, in a hand-like face */
    w_panel(app, r);
    ui_text_style(ui, w->text, &ts, r.x + pad, r.y + pad, r.w - 2 * pad);
    ui_text_style(ui, who, &ws, r.x + pad, r.y + pad + th + ui_dp(ui, 16), r.w - 2 * pad);
}

static void frame(App *app, void *state, SDL_Rect body)
{
    ClaimForm *st = state;
    if (!st->wish) {
        Column c = column_make(app, body, theme_size_px(app->gfx, THEME_SIZE_GAP_L));
        w_empty(app, &c, "这个心愿已经不在墙上了");
        return;
    }
    if (st->done) {
        char detail[600];
        snprintf(detail, sizeof detail,
                 "谢谢您！%s室认领了这个心愿。\n居委会会联系您，约好时间一起去办。", st->room);
        if (form_done(app, body, FORM_DONE_OK, "认领成功", detail, st->receipt.receipt,
                      "请记下回执码，和居委会联系时报给工作人员"))
            app_back(app);
        return;
    }
    SDL_Rect fields, keys;
    form_layout(app, body, NULL, NULL, &fields, &keys);
    uint64_t id = ui_id("claim.scroll");
    int open = st->wish->state == WISH_OPEN;
    SDL_Rect scroll = fields, sub = {0, 0, 0, 0};
    if (open)
        form_split_submit(app, body, fields, &keys, &scroll, &sub);
    Column c = form_fields_begin(app, id, scroll);
    draw_wish(app, st->wish, &c);
    if (st->wish->state != WISH_OPEN) {
        w_paragraph(app, &c, "这个心愿已经有人认领了，去看看别的吧。", THEME_TEXT_BODY,
                    THEME_TEXT_MUTED);
    } else {
        form_field(app, &c, ui_id("claim.room"), "您的房间号", st->room, "例如 302", 0, 1);
        form_error(app, &c, st->room_err);
        w_paragraph(app, &c, "留下房间号，居委会帮您和许愿的邻居约时间。", THEME_TEXT_CAPTION,
                    THEME_TEXT_MUTED);
    }
    form_fields_end(app, id, scroll, &c);
    if (open && form_submit_button(app, ui_id("claim.submit"), sub)) {
        st->room_err[0] = '\0';
        if (store_wish_claim(app->store, st->id, st->room, NULL, &st->receipt) == 0) {
            st->done = 1;
            app_submitted(app);
            app->content_version++;
        } else {
            form_refusal(app, st->room_err, sizeof st->room_err);
        }
    }
    if (st->wish->state == WISH_OPEN &&
        keypad_draw(app, ui_id("claim.keys"), keys, st->room, ROOM_MAX_LEN))
        st->room_err[0] = '\0';
}

const Screen SCREEN_CLAIM = {"claim", "认领心愿", sizeof(ClaimForm), 1, enter, frame, leave};
