/* 问问医生: what the corner is for (health questions answered by the volunteer doctor),
 * the public answers, and 我要提问, which opens the writing form (text, optional room)
 * whose 提交 goes to store_question_add. A question shows here only once answered and
 * marked public. */
#include "screens/screens.h"

#include "screens/form.h"
#include "screens/writing.h"
#include "screens/widgets.h"

#include "store/phrase.h"
#include "store/question.h"
#include "ui/draw.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    QuestionList answers;
    int version, loaded;
    WritingCorner corner;
} Ask;

static void unload(Ask *st)
{
    question_list_free(&st->answers);
}

static void load(App *app, Ask *st)
{
    unload(st);
    QuestionQuery q = {.public_view = 1, .limit = 30};
    store_question_list(app->store, &q, &st->answers);
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
    Ask *st = state;
    writing_corner_close(app, &st->corner);
    unload(st);
}

static int submit(App *app, const Writing *f, StoreReceipt *r)
{
    return store_question_add(app->store, f->w.text, f->room[0] ? f->room : NULL, r);
}

static const WritingSpec SPEC = {
    .phrase_form = PHRASE_QUESTION,
    .max_chars = STORE_QUESTION_MAX,
    .text_label = "您想问医生什么",
    /* the emergency line sits in the box itself: the note below may not fit (large text) */
    .placeholder = "点常用语，或用手写、拼音来写。急病请直接打 120，不要在这里等答复。",
    .note = "医生回答后，问答会贴在“问问医生”里供大家参考，房号不会显示。急病请直接打 120。",
    .done_headline = "问题已经交给医生",
    .done_note = "医生回答后，问答会公开贴在这里。凭回执码随时可以在首页“查询回执”看进度。",
    .done_waits = 1,
    .intro_head = "健康问题由志愿医生解答",
    .intro_text = "血压、用药、饮食、睡眠……写下您想问的，志愿医生会认真回答。"
                  "回答后问答会贴在这里。急病请直接打 120。",
    .intro_button = "我要提问",
    .submit = submit,
};

/* 问 and 答, the answer in the doctor's hand-like face on paper. */
static void draw_answer(App *app, Column *c, const Question *q)
{
    Ui *ui = &app->ui;
    SDL_Renderer *ren = gfx_renderer(app->gfx);
    int pad = ui_dp(ui, 28);
    TextStyle qs = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT);
    qs.face = FONT_SANS_BOLD;
    TextStyle as = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_HANDWRITING, THEME_INK);
    TextStyle ms = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_CAPTION, THEME_TEXT_MUTED);
    int w = c->w - 2 * pad;
    char meta[160], day[64];
    w_format_day(q->answered_at, day, sizeof day);
    snprintf(meta, sizeof meta, "%s · %s",
             q->answered_by && *q->answered_by ? q->answered_by : "志愿医生", day);
    int qh = ui_text_height(ui, q->text, &qs, w), ah = ui_text_height(ui, q->answer, &as, w - pad);
    int mh = ui_text_height(ui, meta, &ms, w - pad);
    int gap = ui_dp(ui, 12);
    int band = pad / 2 + ah + gap + mh + pad / 2;
    SDL_Rect r = column_take(c, pad + qh + pad / 2 + band + pad);
    w_panel(app, r);
    ui_text_style(ui, q->text, &qs, r.x + pad, r.y + pad, w);
    SDL_Rect b = {r.x + pad, r.y + pad + qh + pad / 2, w, band};
    draw_round_rect(ren, b, theme_size_px(app->gfx, THEME_SIZE_RADIUS) / 2,
                    theme_color(THEME_PAPER));
    ui_text_style(ui, q->answer, &as, b.x + pad, b.y + pad / 2, w - pad);
    ui_text_style(ui, meta, &ms, b.x + pad, b.y + pad / 2 + ah + gap, w - pad);
}

static void frame(App *app, void *state, SDL_Rect body)
{
    Ask *st = state;
    SDL_Rect list;
    if (!writing_corner_frame(app, &st->corner, &SPEC, body, &list))
        return; /* the form is open */
    if (!st->loaded || st->version != app->content_version)
        load(app, st);
    uint64_t id = ui_id("question.scroll");
    Column c = form_fields_begin(app, id, list);
    w_section(app, &c, "医生的解答", NULL);
    if (st->answers.count == 0)
        w_empty(app, &c, "还没有公开的解答");
    for (size_t i = 0; i < st->answers.count; i++)
        draw_answer(app, &c, &st->answers.items[i]);
    form_fields_end(app, id, list, &c);
}

const Screen SCREEN_QUESTION = {"question", "问问医生", sizeof(Ask), 1, enter, frame, leave};
