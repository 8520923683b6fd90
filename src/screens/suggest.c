/* 意见建议: what this corner is for and the committee's public replies (rooms masked);
 * 开始书写 opens the writing form (category, text by handwriting, pinyin or quick
 * phrases, optional room and phone) whose 提交 goes to store_suggestion_add. The input
 * methods load only while the form is open. */
#include "screens/screens.h"

#include "screens/form.h"
#include "screens/writing.h"
#include "screens/widgets.h"

#include "store/phrase.h"
#include "store/suggestion.h"
#include "ui/draw.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    SuggestionList replies;
    int version, loaded;
    WritingCorner corner;
} Suggest;

static void unload(Suggest *st)
{
    suggestion_list_free(&st->replies);
}

static void load(App *app, Suggest *st)
{
    unload(st);
    SuggestionQuery q = {.public_view = 1, .limit = 30};
    store_suggestion_list(app->store, &q, &st->replies);
    st->version = app->content_version;
    st->loaded = 1;
}

static void enter(App *app, void *state, int64_t param)
{
    (void)param;
    load(app, state);
}

static void leave(App *app, void *state)
{
    Suggest *st = state;
    writing_corner_close(app, &st->corner);
    unload(st);
}

static int submit(App *app, const Writing *f, StoreReceipt *r)
{
    SuggestionInput in = {writing_category(f), f->w.text, f->room[0] ? f->room : NULL,
                          f->phone[0] ? f->phone : NULL};
    return store_suggestion_add(app->store, &in, r);
}

static const WritingSpec SPEC = {
    .phrase_form = PHRASE_SUGGESTION,
    .max_chars = STORE_SUGGESTION_MAX,
    .categories = 1,
    .phone = 1,
    .text_label = "您的意见或建议",
    .placeholder = "点常用语，或用手写、拼音来写",
    .note = "房号和手机号都可以不填。答复公开时房号只显示一半，手机号不会公开。",
    .done_headline = "已经交给居委会",
    .done_note = "答复后会贴在“意见建议”里。凭回执码随时可以在首页“查询回执”看进度。",
    .intro_head = "写给居委会的话，我们会公开答复",
    .intro_text = "楼道、环境、安全、邻里之间，有什么想法都可以写下来。可以手写，也可以用拼音，"
                  "还可以直接点常用语。答复后会贴在这里，房号只显示一半。",
    .intro_button = "开始书写",
    .submit = submit,
};

/* One suggestion and the committee's reply under it, set apart by a tinted band. */
static void draw_reply(App *app, Column *c, const Suggestion *s)
{
    Ui *ui = &app->ui;
    SDL_Renderer *ren = gfx_renderer(app->gfx);
    int pad = ui_dp(ui, 28);
    TextStyle qs = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT);
    TextStyle ms = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_CAPTION, THEME_TEXT_MUTED);
    TextStyle as = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT);
    int w = c->w - 2 * pad;
    char meta[160], day[64];
    w_format_day(s->created_at, day, sizeof day);
    snprintf(meta, sizeof meta, "%s · %s%s", s->category, s->room_masked[0] ? s->room_masked : "",
             s->room_masked[0] ? "的邻居" : "一位邻居");
    char reply[128];
    w_format_day(s->replied_at, day, sizeof day);
    snprintf(reply, sizeof reply, "居委会答复 · %s", day);
    int mh = ui_text_height(ui, meta, &ms, w), qh = ui_text_height(ui, s->text, &qs, w);
    int rh = ui_text_height(ui, reply, &ms, w - pad),
        ah = ui_text_height(ui, s->reply, &as, w - pad);
    int gap = ui_dp(ui, 12);
    int band = pad / 2 + rh + gap + ah + pad / 2;
    SDL_Rect r = column_take(c, pad + mh + gap + qh + pad / 2 + band + pad);
    w_panel(app, r);
    int y = r.y + pad;
    ui_text_style(ui, meta, &ms, r.x + pad, y, w);
    y += mh + gap;
    ui_text_style(ui, s->text, &qs, r.x + pad, y, w);
    y += qh + pad / 2;
    SDL_Rect b = {r.x + pad, y, w, band};
    draw_round_rect(ren, b, theme_size_px(app->gfx, THEME_SIZE_RADIUS) / 2,
                    theme_color(THEME_SURFACE_ALT));
    draw_rect(ren, (SDL_Rect){b.x, b.y, ui_dp(ui, 6), b.h}, theme_color(THEME_PRIMARY));
    ui_text_style(ui, reply, &ms, b.x + pad, b.y + pad / 2, w - pad);
    ui_text_style(ui, s->reply, &as, b.x + pad, b.y + pad / 2 + rh + gap, w - pad);
}

static void frame(App *app, void *state, SDL_Rect body)
{
    Suggest *st = state;
    SDL_Rect list;
    if (!writing_corner_frame(app, &st->corner, &SPEC, body, &list))
        return; /* the form is open */
    if (!st->loaded || st->version != app->content_version)
        load(app, st);
    uint64_t id = ui_id("suggest.scroll");
    Column c = form_fields_begin(app, id, list);
    w_section(app, &c, "居委会的答复", NULL);
    if (st->replies.count == 0)
        w_empty(app, &c, "还没有公开的答复");
    for (size_t i = 0; i < st->replies.count; i++)
        draw_reply(app, &c, &st->replies.items[i]);
    form_fields_end(app, id, list, &c);
}

const Screen SCREEN_SUGGEST = {"suggest", "意见建议", sizeof(Suggest), 1, enter, frame, leave};
