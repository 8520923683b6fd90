/* Signing up for an activity (param: its id): the room number on the big keypad, an
 * optional phone number digit by digit, the party size with − / +, then 提交. The
 * store decides (store_signup_add) and the page that follows says plainly whether the
 * household is in or on the waiting list, with the receipt code to keep. */
#include "screens/screens.h"

#include "screens/form.h"
#include "screens/keypad.h"
#include "screens/widgets.h"

#include "core/reason.h"
#include "core/room.h"
#include "store/activity.h"
#include "store/signup.h"

#include <stdio.h>
#include <string.h>

enum { FOCUS_ROOM, FOCUS_PHONE };

typedef struct {
    int64_t id;
    Activity a;
    int found;
    char room[ROOM_MAX_LEN + 1];
    char phone[PHONE_MAX_LEN + 1];
    int party;
    int focus;
    char room_err[256], phone_err[256], err[256];
    int done;
    SignupResult res;
} SignupForm;

static void enter(App *app, void *state, int64_t param)
{
    SignupForm *st = state;
    st->id = param;
    st->party = 1;
    st->found = store_activity_get(app->store, param, &st->a) == 0;
}

static void leave(App *app, void *state)
{
    (void)app;
    SignupForm *st = state;
    if (st->found)
        activity_deinit(&st->a);
}

static void submit(App *app, SignupForm *st)
{
    st->room_err[0] = st->phone_err[0] = st->err[0] = '\0';
    if (store_signup_add(app->store, st->id, st->room, NULL, st->phone[0] ? st->phone : NULL,
                         st->party, &st->res) == 0) {
        st->done = 1;
        app_submitted(app);
        app->content_version++; /* the activity's fill changed: lists reload */
        return;
    }
    Reason r = store_reason(app->store);
    char *to = st->err;
    if (r == REASON_ROOM_REQUIRED || r == REASON_ROOM_INVALID || r == REASON_ALREADY_SIGNED_UP)
        to = st->room_err;
    else if (r == REASON_PHONE_INVALID)
        to = st->phone_err;
    form_refusal(app, to, sizeof st->room_err);
    st->focus = to == st->phone_err ? FOCUS_PHONE : FOCUS_ROOM;
}

static void draw_fields(App *app, SignupForm *st, Column *c)
{
    /* one line of title (the detail page before showed it whole): the fields and the
     * stepper need the height above the keypad */
    TextStyle ts = theme_text_style(&app->ui.theme, app->gfx, THEME_TEXT_SUBTITLE, THEME_PRIMARY);
    ts.max_lines = 1;
    SDL_Rect tr = column_take(c, text_line_height(app->text, &ts));
    ui_text_style(&app->ui, st->a.title, &ts, tr.x, tr.y, tr.w);
    if (form_field(app, c, ui_id("signup.room"), "房间号（必填）", st->room, "例如 302", 0,
                   st->focus == FOCUS_ROOM))
        st->focus = FOCUS_ROOM;
    form_error(app, c, st->room_err);
    if (form_field(app, c, ui_id("signup.phone"), "手机号（可不填）", st->phone,
                   "点这里，用键盘输入", 0, st->focus == FOCUS_PHONE))
        st->focus = FOCUS_PHONE;
    form_error(app, c, st->phone_err);
    int max = st->a.max_party > 0 ? st->a.max_party : 1;
    form_stepper(app, c, "报名人数", &st->party, 1, max, "人");
    form_error(app, c, st->err);
}

static void draw_done(App *app, SignupForm *st, SDL_Rect body)
{
    char detail[512];
    int wait = st->res.status == SIGNUP_WAITLISTED;
    int n = snprintf(detail, sizeof detail, "%s\n%s室 · %d人", st->a.title, st->room, st->party);
    if (wait && n > 0 && (size_t)n < sizeof detail)
        snprintf(detail + n, sizeof detail - (size_t)n,
                 "\n您排在候补第 %d 位，前面有人取消就按顺序递补", st->res.waitlist_position);
    n = (int)strlen(detail);
    if (st->res.pending) /* other kiosks sell the same places; the hub has the last word */
        snprintf(detail + n, sizeof detail - (size_t)n,
                 "\n这个活动几处同时报名，名额以社区汇总为准");
    if (form_done(app, body, wait ? FORM_DONE_WAIT : FORM_DONE_OK, wait ? "已进入候补" : "报名成功",
                  detail, st->res.receipt.receipt, "请记下或拍下这个回执码，取消报名时要用到"))
        app_back(app);
}

static void frame(App *app, void *state, SDL_Rect body)
{
    SignupForm *st = state;
    if (!st->found) {
        Column c = column_make(app, body, theme_size_px(app->gfx, THEME_SIZE_GAP_L));
        w_empty(app, &c, "这个活动已经撤下了");
        return;
    }
    if (st->done) {
        draw_done(app, st, body);
        return;
    }
    SDL_Rect fields, keys;
    form_layout(app, body, NULL, NULL, &fields, &keys);
    uint64_t id = ui_id("signup.scroll");
    SDL_Rect scroll, sub;
    form_split_submit(app, body, fields, &keys, &scroll, &sub);
    Column c = form_fields_begin(app, id, scroll);
    draw_fields(app, st, &c);
    form_fields_end(app, id, scroll, &c);
    if (form_submit_button(app, ui_id("signup.submit"), sub))
        submit(app, st);
    /* last, so a script's `type 302` taps keys and not the party size "1" */
    if (st->focus == FOCUS_PHONE) {
        if (keypad_draw(app, ui_id("signup.keys.phone"), keys, st->phone, PHONE_MAX_LEN))
            st->phone_err[0] = '\0';
    } else if (keypad_draw(app, ui_id("signup.keys.room"), keys, st->room, ROOM_MAX_LEN)) {
        st->room_err[0] = '\0';
    }
}

const Screen SCREEN_SIGNUP = {"signup", "我要报名", sizeof(SignupForm), 1, enter, frame, leave};
