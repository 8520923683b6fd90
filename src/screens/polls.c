/* Polls (意向征询): the open question with its options as big buttons, the room number
 * on the keypad, 提交 → store_vote_cast, or store_vote_change when the household voted
 * before: while the poll is open a household may change its mind, the latest vote
 * counts, and the screen says the earlier one was replaced. After voting, or once a
 * poll has closed, the
 * results: a bar per option with households and percentages, turnout against the
 * building's households, and in plain words whether the two-thirds and three-quarters
 * thresholds are met. Results are not shown before a household votes, so nobody is
 * swayed by the count. */
#include "screens/screens.h"

#include "screens/form.h"
#include "screens/keypad.h"
#include "screens/widgets.h"

#include "core/reason.h"
#include "core/room.h"
#include "core/timeutil.h"
#include "store/poll.h"
#include "store/vote.h"
#include "ui/draw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    PollList polls;
    size_t cur; /* the poll on screen */
    int chosen; /* option index, -1 none */
    char room[ROOM_MAX_LEN + 1];
    char room_err[256], err[256];
    int voted;    /* this visit's vote went in: show results with the receipt */
    int replaced; /* ... and it replaced the household's earlier vote */
    StoreReceipt receipt;
    PollResults res;
    int have_res;
    int version, loaded;
} Polls;

static void drop_results(Polls *st)
{
    if (st->have_res)
        poll_results_deinit(&st->res);
    st->have_res = 0;
}

static void load(App *app, Polls *st)
{
    poll_list_free(&st->polls);
    drop_results(st);
    PollQuery q = {.include_closed = 1};
    PollList all = {0};
    store_poll_list(app->store, &q, &all);
    /* residents see open polls, then closed ones (their results); not the future ones */
    int64_t now = app_time_now(app);
    st->polls.items = all.items;
    st->polls.count = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = st->polls.count; i < all.count; i++) {
            Poll *p = &all.items[i];
            int keep = pass == 0 ? poll_is_open(p, now) : p->closes_at <= now;
            if (keep) {
                Poll t = all.items[st->polls.count];
                all.items[st->polls.count] = *p;
                *p = t;
                st->polls.count++;
            }
        }
    /* the not-yet-open ones stay at the end of the array: free them now */
    for (size_t i = st->polls.count; i < all.count; i++)
        poll_deinit(&all.items[i]);
    if (st->polls.count == 0) {
        free(all.items);
        st->polls.items = NULL;
    }
    if (st->cur >= st->polls.count)
        st->cur = 0;
    st->version = app->content_version;
    st->loaded = 1;
}

static void enter(App *app, void *state, int64_t param)
{
    Polls *st = state;
    st->chosen = -1;
    load(app, st);
    for (size_t i = 0; i < st->polls.count; i++)
        if (st->polls.items[i].id == param)
            st->cur = i;
}

static void leave(App *app, void *state)
{
    (void)app;
    Polls *st = state;
    drop_results(st);
    poll_list_free(&st->polls);
}

static void ensure_results(App *app, Polls *st, const Poll *p)
{
    if (st->have_res && st->res.poll_id == p->id)
        return;
    drop_results(st);
    st->have_res = store_poll_results(app->store, p->id, &st->res) == 0;
}

static void submit(App *app, Polls *st, const Poll *p)
{
    st->room_err[0] = st->err[0] = '\0';
    if (st->chosen < 0) {
        snprintf(st->err, sizeof st->err, "请先点选一个意见");
        return;
    }
    int64_t opt = p->options[st->chosen].id;
    int rc = store_vote_cast(app->store, p->id, opt, st->room, &st->receipt);
    st->replaced = rc < 0 && store_reason(app->store) == REASON_ALREADY_VOTED;
    if (st->replaced)
        rc = store_vote_change(app->store, p->id, opt, st->room, &st->receipt);
    if (rc == 0) {
        st->voted = 1;
        app_submitted(app);
        drop_results(st);
        return;
    }
    st->replaced = 0;
    Reason r = store_reason(app->store);
    int room = r == REASON_ROOM_REQUIRED || r == REASON_ROOM_INVALID;
    form_refusal(app, room ? st->room_err : st->err, sizeof st->err);
}

/* Tabs between polls when more than one is up. */
static void draw_tabs(App *app, Polls *st, Column *c)
{
    if (st->polls.count < 2)
        return;
    Ui *ui = &app->ui;
    int touch = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN);
    SDL_Rect row = column_take(c, touch);
    int n = (int)st->polls.count, gap = ui_dp(ui, 12);
    int w = (row.w - (n - 1) * gap) / n;
    for (int i = 0; i < n; i++) {
        SDL_Rect r = {row.x + i * (w + gap), row.y, w, touch};
        if (ui_button(ui, ui_id_n("polls.tab", i), r, st->polls.items[i].question,
                      (size_t)i == st->cur ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY) &&
            (size_t)i != st->cur) {
            st->cur = (size_t)i;
            st->chosen = -1;
            st->voted = 0;
            st->room_err[0] = st->err[0] = '\0';
        }
    }
}

static void draw_question(App *app, const Poll *p, Column *c, int open, int with_description)
{
    w_paragraph(app, c, p->question, THEME_TEXT_TITLE, THEME_TEXT);
    char when[96], line[160];
    w_format_day(p->closes_at - 1, when, sizeof when);
    snprintf(line, sizeof line, open ? "每户一票 · %s截止" : "已于%s截止", when);
    w_paragraph(app, c, line, THEME_TEXT_CAPTION, THEME_TEXT_MUTED);
    if (with_description && p->description && *p->description)
        w_paragraph(app, c, p->description, THEME_TEXT_BODY, THEME_TEXT);
}

/* The vote: the question, then the options straight under it (the explanation follows
 * them: in large text it pushed the options out of sight), the room number and 提交
 * fixed in view. Portrait: room and 提交 above the keypad. Landscape: 提交 under the
 * options, the room number heading the keypad's column. */
static void draw_vote(App *app, Polls *st, const Poll *p, SDL_Rect body)
{
    SDL_Rect fields, keys;
    form_layout(app, body, NULL, NULL, &fields, &keys);
    Ui *ui = &app->ui;
    int landscape = body.w > body.h;
    int pad = theme_size_px(app->gfx, THEME_SIZE_GAP_L);
    int touch = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN);
    int errs = (st->room_err[0] || st->err[0]) ? ui_dp(ui, ui->theme.large_text ? 110 : 80) : 0;
    int field_h = form_field_height(app);
    SDL_Rect scroll, fixed, sub;
    if (!landscape) {
        int fixed_h =
            field_h + errs + touch + ui_dp(ui, 16) + 2 * theme_size_px(app->gfx, THEME_SIZE_GAP_M);
        scroll = (SDL_Rect){fields.x, fields.y, fields.w, fields.h - fixed_h};
        fixed = (SDL_Rect){fields.x, fields.y + fields.h - fixed_h, fields.w, fixed_h};
        sub = (SDL_Rect){0, 0, 0, 0};
    } else {
        form_split_submit(app, body, fields, NULL, &scroll, &sub);
        int fixed_h = field_h + errs + theme_size_px(app->gfx, THEME_SIZE_GAP_M);
        fixed = (SDL_Rect){keys.x - pad, body.y, keys.w + 2 * pad, fixed_h + pad};
        int top = fixed.y + fixed.h, h = body.y + body.h - pad - top;
        int kh = keypad_height(app, keys.w, h);
        keys = (SDL_Rect){keys.x, top, keys.w, kh > h ? h : kh};
    }
    uint64_t id = ui_id("polls.vote");
    Column c = form_fields_begin(app, id, scroll);
    draw_tabs(app, st, &c);
    draw_question(app, p, &c, 1, 0);
    w_section(app, &c, "您的意见", NULL);
    const char *labels[POLL_OPTIONS_MAX];
    size_t n = p->option_count < POLL_OPTIONS_MAX ? p->option_count : POLL_OPTIONS_MAX;
    for (size_t i = 0; i < n; i++)
        labels[i] = p->options[i].label;
    int t = form_choices(app, &c, ui_id_n("polls.options", p->id), labels, n, st->chosen);
    if (t >= 0) {
        st->chosen = t;
        st->err[0] = '\0';
    }
    for (size_t i = 0; i < n; i++)
        ui_require(ui, labels[i]); /* a household must see every choice it has */
    if (p->description && *p->description) {
        w_section(app, &c, "说明", NULL);
        w_paragraph(app, &c, p->description, THEME_TEXT_BODY, THEME_TEXT);
    }
    form_fields_end(app, id, scroll, &c);
    form_fields_fade(app, id, scroll, theme_color(THEME_BG));
    /* the room (and in portrait 提交) stay put, however long the question is */
    Column f = column_make(app, fixed, pad);
    if (!landscape)
        f.y = fixed.y;
    form_field(app, &f, ui_id("polls.room"), "房间号（每户一票）", st->room, "例如 302", 0, 1);
    form_error(app, &f, st->room_err);
    form_error(app, &f, st->err);
    if (!landscape)
        sub = column_take(&f, touch + ui_dp(ui, 16));
    if (form_submit_button(app, ui_id("polls.submit"), sub))
        submit(app, st, p);
    if (keypad_draw(app, ui_id("polls.keys"), keys, st->room, ROOM_MAX_LEN))
        st->room_err[0] = '\0';
}

/* One option's bar: label and "18户 · 86%" above, the bar below. */
static void draw_bar(App *app, Column *c, const char *label, int64_t n, int64_t voted, int first)
{
    Ui *ui = &app->ui;
    SDL_Renderer *ren = gfx_renderer(app->gfx);
    TextStyle ls = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_SUBTITLE, THEME_TEXT);
    ls.max_lines = 1;
    int pct = voted > 0 ? (int)((n * 100 + voted / 2) / voted) : 0;
    char num[64];
    snprintf(num, sizeof num, "%lld户 · %d%%", (long long)n, pct);
    TextStyle ns = ls;
    ns.align = TEXT_ALIGN_RIGHT;
    int lh = text_line_height(app->text, &ls);
    SDL_Rect r = column_take(c, lh);
    ui_text_style(ui, label, &ls, r.x, r.y, r.w * 6 / 10);
    ui_text_style(ui, num, &ns, r.x + r.w * 6 / 10, r.y, r.w * 4 / 10);
    SDL_Rect track = column_take(c, ui_dp(ui, 44));
    int radius = track.h / 2;
    draw_round_rect(ren, track, radius, theme_color(THEME_SURFACE_ALT));
    int w = voted > 0 ? (int)((int64_t)track.w * n / voted) : 0;
    if (w > 0) {
        if (w < track.h)
            w = track.h;
        draw_round_rect(ren, (SDL_Rect){track.x, track.y, w, track.h}, radius,
                        theme_color(first ? THEME_SUCCESS : THEME_PRIMARY));
    }
}

/* A threshold line: a filled or hollow mark and the sentence. */
static void draw_check(App *app, Column *c, int met, const char *text)
{
    Ui *ui = &app->ui;
    SDL_Renderer *ren = gfx_renderer(app->gfx);
    TextStyle st = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT);
    int mark = ui_dp(ui, 36), gap = ui_dp(ui, 20);
    int h = ui_text_height(ui, text, &st, c->w - mark - gap);
    SDL_Rect r = column_take(c, h > mark ? h : mark);
    float cx = (float)r.x + (float)mark / 2, cy = (float)r.y + (float)mark / 2 + 2;
    ThemeColor col = met ? THEME_SUCCESS : THEME_TEXT_MUTED;
    if (met) {
        draw_circle(ren, cx, cy, (float)mark / 2, theme_color(col));
        draw_line(ren, cx - mark * 0.22f, cy, cx - mark * 0.04f, cy + mark * 0.18f, mark / 9.0f,
                  theme_color(THEME_ON_PRIMARY));
        draw_line(ren, cx - mark * 0.04f, cy + mark * 0.18f, cx + mark * 0.25f, cy - mark * 0.16f,
                  mark / 9.0f, theme_color(THEME_ON_PRIMARY));
    } else {
        draw_circle_outline(ren, cx, cy, (float)mark / 2, mark / 10.0f, theme_color(col));
    }
    ui_text_style(ui, text, &st, r.x + mark + gap, r.y, r.w - mark - gap);
}

static void draw_summary(App *app, const PollResults *r, Column *c)
{
    char line[320];
    int part = (int)(r->participation * 100 + 0.5), agree = (int)(r->agreement * 100 + 0.5);
    if (r->households > 0)
        snprintf(line, sizeof line, "已有 %d%% 的住户参与（%lld / %lld 户），其中 %d%% 同意", part,
                 (long long)r->voted, (long long)r->households, agree);
    else
        snprintf(line, sizeof line, "已有 %lld 户参与，其中 %d%% 同意", (long long)r->voted, agree);
    w_paragraph(app, c, line, THEME_TEXT_SUBTITLE, THEME_TEXT);
    if (r->households > 0) {
        int64_t need = (2 * r->households + 2) / 3 - r->voted;
        if (r->quorum_reached)
            snprintf(line, sizeof line, "参与的住户已超过三分之二");
        else
            snprintf(line, sizeof line, "参与的住户还没到三分之二，还差 %lld 户",
                     (long long)(need > 0 ? need : 0));
        draw_check(app, c, r->quorum_reached, line);
    }
    snprintf(line, sizeof line,
             r->agreement_reached ? "同意的住户已超过参与户数的四分之三"
                                  : "同意的住户还没到参与户数的四分之三");
    draw_check(app, c, r->agreement_reached, line);
    w_paragraph(app, c,
                r->passed ? "按现在的票数，这件事可以办。" : "按现在的票数，还没有达到通过的条件。",
                THEME_TEXT_BODY, r->passed ? THEME_SUCCESS : THEME_TEXT_MUTED);
}

static void draw_results(App *app, Polls *st, const Poll *p, SDL_Rect body, int open)
{
    ensure_results(app, st, p);
    int landscape = body.w > body.h;
    /* landscape: the question and bars on the left, what they mean on the right */
    SDL_Rect left = body, right = body;
    if (landscape) {
        left.w = body.w * 55 / 100;
        right.x = body.x + left.w;
        right.w = body.w - left.w;
    }
    uint64_t id = ui_id("polls.results");
    Column c = form_fields_begin(app, id, left);
    draw_tabs(app, st, &c);
    if (st->voted) {
        char line[160];
        snprintf(line, sizeof line, "投票成功，回执码 %s", st->receipt.receipt);
        int x = c.x, y = column_take(&c, ui_dp(&app->ui, 56)).y;
        w_chip(app, x, y, line, THEME_SUCCESS, THEME_ON_PRIMARY);
        if (st->replaced) {
            y = column_take(&c, ui_dp(&app->ui, 56)).y;
            w_chip(app, x, y, "您家之前的投票已作废，以这次为准", THEME_SUCCESS, THEME_ON_PRIMARY);
        }
    }
    draw_question(app, p, &c, open, 1);
    w_section(app, &c, open ? "目前的结果" : "最终结果", NULL);
    if (!st->have_res)
        w_empty(app, &c, "结果暂时读不出来，请稍后再看");
    else
        for (size_t i = 0; i < st->res.count; i++)
            draw_bar(app, &c, st->res.tallies[i].label, st->res.tallies[i].households,
                     st->res.voted, i == 0);
    uint64_t id2 = ui_id("polls.results.right");
    Column r;
    if (landscape) {
        form_fields_end(app, id, left, &c);
        r = form_fields_begin(app, id2, right);
        w_section(app, &r, "参与情况", NULL);
    } else {
        r = c;
        r.y += r.gap;
    }
    if (st->have_res)
        draw_summary(app, &st->res, &r);
    if (st->voted) {
        Ui *ui = &app->ui;
        int touch = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN);
        SDL_Rect b = column_take(&r, touch + ui_dp(ui, 16));
        b.w = b.w / 2;
        if (ui_button(ui, ui_id("polls.done"), b, "完成", UI_BUTTON_PRIMARY))
            app_home(app);
    }
    form_fields_end(app, landscape ? id2 : id, landscape ? right : left, &r);
}

static void frame(App *app, void *state, SDL_Rect body)
{
    Polls *st = state;
    if (!st->loaded || st->version != app->content_version)
        load(app, st);
    if (st->polls.count == 0) {
        Column c = column_make(app, body, theme_size_px(app->gfx, THEME_SIZE_GAP_L));
        w_empty(app, &c, "眼下没有正在征询的事项");
        return;
    }
    const Poll *p = &st->polls.items[st->cur];
    int open = poll_is_open(p, app_time_now(app));
    if (open && !st->voted)
        draw_vote(app, st, p, body);
    else
        draw_results(app, st, p, body, open);
}

const Screen SCREEN_POLLS = {"polls", "意向征询", sizeof(Polls), 1, enter, frame, leave};
