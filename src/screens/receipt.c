/* 查询回执: a resident types the receipt code every confirmation gave them on a letter
 * pad of the receipt alphabet, taps 查询, and reads where that sign-up, wish, suggestion,
 * question or vote stands (store_receipt_lookup), with the public reply or answer. */
#include "screens/screens.h"

#include "screens/form.h"
#include "screens/keypad.h"
#include "screens/widgets.h"

#include "core/ids.h"
#include "store/receipt.h"
#include "store/signup.h"
#include "store/suggestion.h"
#include "store/wish.h"
#include "ui/draw.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    char code[IDS_RECEIPT_LEN + 1];
    char looked[IDS_RECEIPT_LEN + 1]; /* the code of the result shown */
    ReceiptInfo info;
    int found; /* 1: info holds a result; -1: no such code */
} ReceiptForm;

static void look_up(App *app, ReceiptForm *st);

/* param: a code packed a byte a character (a confirmation's 查询进度), 0 for none */
static void enter(App *app, void *state, int64_t param)
{
    ReceiptForm *st = state;
    char code[IDS_RECEIPT_LEN + 1] = "";
    int n = 0;
    for (int64_t p = param; p > 0 && n < IDS_RECEIPT_LEN; p /= 256)
        n++;
    for (int i = n - 1, k = 0; i >= 0; i--, k++)
        code[k] = (char)((param >> (8 * i)) & 0xFF);
    code[n] = '\0';
    if (code[0]) {
        snprintf(st->code, sizeof st->code, "%s", code);
        look_up(app, st);
    }
}

static void leave(App *app, void *state)
{
    (void)app;
    ReceiptForm *st = state;
    if (st->found == 1)
        receipt_info_deinit(&st->info);
}

static int alpha_cols(App *app, int w)
{
    int touch = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN);
    int gap = theme_size_px(app->gfx, THEME_SIZE_GAP_S);
    int cols = (w + gap) / (touch + ui_dp(&app->ui, 12) + gap);
    return cols > 8 ? 8 : cols < 4 ? 4 : cols;
}

static int keys_height(App *app, int w, int max_h, const void *ctx)
{
    (void)ctx;
    int h = keypad_alpha_height(app, IDS_RECEIPT_ALPHABET, alpha_cols(app, w), w);
    return max_h > 0 && h > max_h ? max_h : h;
}

static void look_up(App *app, ReceiptForm *st)
{
    if (st->found == 1)
        receipt_info_deinit(&st->info);
    st->found = store_receipt_lookup(app->store, st->code, &st->info) == 0 ? 1 : -1;
    snprintf(st->looked, sizeof st->looked, "%s", st->code);
}

/* What the submission was, in a word, and where it stands, in a sentence. */
static void describe(const ReceiptInfo *r, const char **kind, char *state, size_t n)
{
    static const char *const WISH[] = {"居委会正在看，通过后会贴上心愿墙",
                                       "已贴上心愿墙，等邻居认领", "已有邻居认领", "心愿已经实现",
                                       "没有贴上心愿墙"};
    switch (r->kind) {
    case RECEIPT_SIGNUP:
        *kind = "活动报名";
        if (r->state == SIGNUP_CONFIRMED)
            snprintf(state, n, "已报上%s", r->pending ? "（名额以社区汇总为准）" : "");
        else if (r->state == SIGNUP_WAITLISTED && r->waitlist_position > 0)
            snprintf(state, n, "在候补名单上，排第 %d 位", r->waitlist_position);
        else if (r->state == SIGNUP_WAITLISTED)
            snprintf(state, n, "在候补名单上");
        else if (r->state == SIGNUP_FULL)
            snprintf(state, n, "名额已满，没有报上");
        else
            snprintf(state, n, "这次报名已经取消");
        return;
    case RECEIPT_CANCEL:
        *kind = "取消报名";
        snprintf(state, n, "报名已经取消");
        return;
    case RECEIPT_SUGGESTION:
        *kind = "意见建议";
        snprintf(state, n, "%s",
                 r->state == SUGGESTION_REPLIED ? "居委会已经回复"
                 : r->state == SUGGESTION_SEEN  ? "居委会已经看过，正在处理"
                                                : "已交给居委会，还没有处理");
        return;
    case RECEIPT_WISH:
        *kind = "微心愿";
        snprintf(state, n, "%s", WISH[r->state >= 0 && r->state < 5 ? r->state : 0]);
        return;
    case RECEIPT_CLAIM:
        *kind = "认领心愿";
        snprintf(state, n, "%s",
                 r->state == WISH_FULFILLED ? "心愿已经实现，谢谢您"
                                            : "已认领，居委会会联系您约时间");
        return;
    case RECEIPT_QUESTION:
        *kind = "问问医生";
        snprintf(state, n, "%s",
                 !r->state     ? "医生还没有回复，请过几天再来看"
                 : r->reply[0] ? "医生已经回复"
                               : "医生已经回复，答复不公开，请向居委会询问");
        return;
    case RECEIPT_VOTE:
        *kind = "意向征询";
        snprintf(state, n,
                 r->state ? "您家投了“%s”，这一票有效" : "您家投过“%s”，已被您家后来的一票代替",
                 r->detail);
        return;
    }
    *kind = "";
    state[0] = '\0';
}

static void draw_result(App *app, ReceiptForm *st, Column *c)
{
    if (!st->found)
        return;
    if (st->found < 0) {
        char msg[160];
        snprintf(msg, sizeof msg, "没有找到回执码 %s，请核对一下字母和数字", st->looked);
        form_error(app, c, msg);
        return;
    }
    Ui *ui = &app->ui;
    const ReceiptInfo *r = &st->info;
    const char *kind;
    char state[256], when[96];
    describe(r, &kind, state, sizeof state);
    w_format_day_time(r->created_at, when, sizeof when);
    int pad = ui_dp(ui, 28);
    TextStyle ks = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_CAPTION, THEME_TEXT_MUTED);
    TextStyle ts = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT);
    ts.max_lines = 3;
    TextStyle ss = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_SUBTITLE, THEME_SUCCESS);
    TextStyle rs = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT);
    char head[200];
    snprintf(head, sizeof head, "%s · %s", kind, when);
    int w = c->w - 2 * pad;
    int hh = ui_text_height(ui, head, &ks, w), th = ui_text_height(ui, r->title, &ts, w);
    int sh = ui_text_height(ui, state, &ss, w);
    char reply[2200] = "";
    if (r->reply[0])
        snprintf(reply, sizeof reply, "%s：%s",
                 r->kind == RECEIPT_QUESTION ? "医生的回答"
                 : r->kind == RECEIPT_WISH   ? "居委会的说明"
                                             : "居委会的回复",
                 r->reply);
    int gh = reply[0] ? ui_text_height(ui, reply, &rs, w) + pad / 2 : 0;
    SDL_Rect card = column_take(c, pad + hh + pad / 3 + th + pad / 2 + sh + gh + pad);
    w_panel(app, card);
    int y = card.y + pad;
    ui_text_style(ui, head, &ks, card.x + pad, y, w);
    y += hh + pad / 3;
    ui_text_style(ui, r->title, &ts, card.x + pad, y, w);
    y += th + pad / 2;
    ui_text_style(ui, state, &ss, card.x + pad, y, w);
    y += sh + pad / 2;
    if (reply[0])
        ui_text_style(ui, reply, &rs, card.x + pad, y, w);
}

static void frame(App *app, void *state, SDL_Rect body)
{
    ReceiptForm *st = state;
    SDL_Rect fields, keys, scroll, sub;
    form_layout(app, body, keys_height, st, &fields, &keys);
    form_split_submit(app, body, fields, &keys, &scroll, &sub);
    uint64_t id = ui_id("receipt.scroll");
    Column c = form_fields_begin(app, id, scroll);
    w_paragraph(app, &c,
                "每次报名、许愿、提意见、提问或投票后，屏幕上都给了一个6位回执码。输入它，就能看到"
                "办得怎么样了。",
                THEME_TEXT_BODY, THEME_TEXT_MUTED);
    form_field(app, &c, ui_id("receipt.code"), "回执码（6位）", st->code, "用下面的字母和数字输入",
               0, 1);
    draw_result(app, st, &c);
    form_fields_end(app, id, scroll, &c);
    ui_require(&app->ui, "查询");
    if (ui_button(&app->ui, ui_id("receipt.go"), sub, "查询", UI_BUTTON_PRIMARY) && st->code[0])
        look_up(app, st);
    if (keypad_draw_alpha(app, ui_id("receipt.keys"), keys, IDS_RECEIPT_ALPHABET,
                          alpha_cols(app, keys.w), st->code, IDS_RECEIPT_LEN) &&
        st->found < 0)
        st->found = 0; /* typing again clears "没有找到" */
}

const Screen SCREEN_RECEIPT = {"receipt", "查询回执", sizeof(ReceiptForm), 1, enter, frame, leave};
