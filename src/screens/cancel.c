/* Cancelling a sign-up (param: the activity's id): the room number on the numeric
 * keypad and the receipt code on a letter pad of the receipt alphabet (no 0/O or 1/I
 * to confuse), then 提交 → store_signup_cancel. The first waiting household moves up
 * by itself; the page says so. */
#include "screens/screens.h"

#include "screens/form.h"
#include "screens/keypad.h"
#include "screens/widgets.h"

#include "core/ids.h"
#include "core/reason.h"
#include "core/room.h"
#include "store/activity.h"
#include "store/signup.h"

#include <stdio.h>
#include <string.h>

enum { FOCUS_ROOM, FOCUS_RECEIPT };

typedef struct {
    int64_t id;
    Activity a;
    int found;
    char room[ROOM_MAX_LEN + 1];
    char receipt[IDS_RECEIPT_LEN + 1];
    int focus;
    char room_err[256], receipt_err[256];
    int done;
} CancelForm;

static void enter(App *app, void *state, int64_t param)
{
    CancelForm *st = state;
    st->id = param;
    st->found = store_activity_get(app->store, param, &st->a) == 0;
}

static void leave(App *app, void *state)
{
    (void)app;
    CancelForm *st = state;
    if (st->found)
        activity_deinit(&st->a);
}

/* As many letter keys per row as fit at the touch minimum, at most 8. */
static int alpha_cols(App *app, int w)
{
    int touch = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN);
    int gap = theme_size_px(app->gfx, THEME_SIZE_GAP_S);
    int cols = (w + gap) / (touch + ui_dp(&app->ui, 12) + gap);
    return cols > 8 ? 8 : cols < 4 ? 4 : cols;
}

static int keys_height(App *app, int w, int max_h, const void *ctx)
{
    const CancelForm *st = ctx;
    if (st->focus == FOCUS_ROOM)
        return keypad_height(app, w, max_h);
    int h = keypad_alpha_height(app, IDS_RECEIPT_ALPHABET, alpha_cols(app, w), w);
    return h > max_h && max_h > 0 ? max_h : h;
}

static void submit(App *app, CancelForm *st)
{
    st->room_err[0] = st->receipt_err[0] = '\0';
    if (store_signup_cancel(app->store, st->id, st->room, st->receipt, NULL) == 0) {
        st->done = 1;
        app_submitted(app); /* an early push to the hub, when there is one */
        app->content_version++;
        return;
    }
    Reason r = store_reason(app->store);
    int room = r == REASON_ROOM_REQUIRED || r == REASON_ROOM_INVALID;
    form_refusal(app, room ? st->room_err : st->receipt_err, sizeof st->room_err);
    st->focus = room ? FOCUS_ROOM : FOCUS_RECEIPT;
}

static void draw_fields(App *app, CancelForm *st, Column *c)
{
    w_paragraph(app, c, st->a.title, THEME_TEXT_SUBTITLE, THEME_PRIMARY);
    w_paragraph(app, c, "填上报名时的房间号和回执码，就能取消这次报名。", THEME_TEXT_BODY,
                THEME_TEXT_MUTED);
    if (form_field(app, c, ui_id("cancel.room"), "房间号", st->room, "例如 302", 0,
                   st->focus == FOCUS_ROOM))
        st->focus = FOCUS_ROOM;
    form_error(app, c, st->room_err);
    if (form_field(app, c, ui_id("cancel.receipt"), "回执码（6位）", st->receipt,
                   "点这里输入回执码", 0, st->focus == FOCUS_RECEIPT))
        st->focus = FOCUS_RECEIPT;
    form_error(app, c, st->receipt_err);
}

static void frame(App *app, void *state, SDL_Rect body)
{
    CancelForm *st = state;
    if (!st->found) {
        Column c = column_make(app, body, theme_size_px(app->gfx, THEME_SIZE_GAP_L));
        w_empty(app, &c, "这个活动已经撤下了");
        return;
    }
    if (st->done) {
        char detail[400];
        snprintf(detail, sizeof detail, "%s\n%s室的报名已经取消，空出的名额会留给候补的邻居",
                 st->a.title, st->room);
        if (form_done(app, body, FORM_DONE_OK, "已取消", detail, NULL, "想去的时候，欢迎再来报名"))
            app_back(app);
        return;
    }
    SDL_Rect fields, keys;
    form_layout(app, body, keys_height, st, &fields, &keys);
    uint64_t id = ui_id("cancel.scroll");
    SDL_Rect scroll, sub;
    form_split_submit(app, body, fields, &keys, &scroll, &sub);
    Column c = form_fields_begin(app, id, scroll);
    draw_fields(app, st, &c);
    form_fields_end(app, id, scroll, &c);
    if (form_submit_button(app, ui_id("cancel.submit"), sub))
        submit(app, st);
    if (st->focus == FOCUS_RECEIPT) {
        if (keypad_draw_alpha(app, ui_id("cancel.keys.receipt"), keys, IDS_RECEIPT_ALPHABET,
                              alpha_cols(app, keys.w), st->receipt, IDS_RECEIPT_LEN))
            st->receipt_err[0] = '\0';
    } else if (keypad_draw(app, ui_id("cancel.keys.room"), keys, st->room, ROOM_MAX_LEN)) {
        st->room_err[0] = '\0';
    }
}

const Screen SCREEN_CANCEL = {"cancel", "取消报名", sizeof(CancelForm), 1, enter, frame, leave};
