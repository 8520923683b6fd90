/* The health column: this month's tip set like a doctor's handwritten column, the
 * public questions and answers (answered and marked public only; rooms masked), a big
 * "我要提问" button when the question screen exists, and the archive of past months
 * (a tap opens the tip). Portrait is one scrolling column; landscape puts the tip and
 * the archive on the left and the questions on the right. */
#include "screens/reading.h"
#include "screens/screens.h"
#include "screens/widgets.h"

#include "core/reason.h"
#include "store/health.h"
#include "store/question.h"
#include "ui/draw.h"

#include <stdio.h>
#include <string.h>

#define CURRENT_MAX 3 /* tips of this month shown on paper */

typedef struct {
    HealthTipList current; /* this month's (or the latest month's) tips */
    HealthTipList all;
    QuestionList qa;
    ReadingText paper[CURRENT_MAX];
    int version;
    int loaded;
} Health;

static void unload(Health *h)
{
    health_tip_list_free(&h->current);
    health_tip_list_free(&h->all);
    question_list_free(&h->qa);
    for (int i = 0; i < CURRENT_MAX; i++)
        reading_free(&h->paper[i]);
    h->loaded = 0;
}

static void load(App *app, Health *h)
{
    unload(h);
    QuestionQuery qq = {.public_view = 1, .limit = 30};
    if (store_tip_for_month(app->store, NULL, &h->current) < 0 ||
        store_tip_list(app->store, NULL, &h->all) < 0 ||
        store_question_list(app->store, &qq, &h->qa) < 0)
        app_toast(app, reason_text(store_reason(app->store)));
    h->version = app->content_version;
    h->loaded = 1;
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

static void draw_current(App *app, Health *h, Column *c, SDL_Rect view)
{
    if (h->current.count == 0) {
        w_empty(app, c, "本月的小贴士还没写好");
        return;
    }
    for (size_t i = 0; i < h->current.count && i < CURRENT_MAX; i++) {
        const HealthTip *t = &h->current.items[i];
        int ch = reading_paper_tip(app, &h->paper[i], t, c->x, c->y, c->w, view, 0);
        SDL_Rect r = column_take(c, ch);
        if (reading_visible(r, view))
            reading_paper_tip(app, &h->paper[i], t, r.x, r.y, r.w, view, 1);
    }
}

static int is_current(const Health *h, int64_t id)
{
    for (size_t i = 0; i < h->current.count && i < CURRENT_MAX; i++)
        if (h->current.items[i].id == id)
            return 1;
    return 0;
}

static void draw_archive(App *app, Health *h, Column *c, SDL_Rect view)
{
    w_section(app, c, "往期贴士", NULL);
    int any = 0;
    for (size_t i = 0; i < h->all.count; i++) {
        const HealthTip *t = &h->all.items[i];
        if (is_current(h, t->id))
            continue;
        int yy = 0, mm = 0;
        char chip[32], sub[160];
        sscanf(t->month, "%d-%d", &yy, &mm);
        snprintf(chip, sizeof chip, "%d月", mm);
        snprintf(sub, sizeof sub, "%d年%d月 · %s", yy, mm, t->author ? t->author : "");
        SDL_Rect r = {c->x, c->y, c->w, reading_row_height(app, c->w, chip, t->title, sub)};
        if (!reading_visible(r, view))
            column_take(c, r.h); /* measured, not drawn */
        else if (w_row(app, c, ui_id_n("health.tip", t->id), chip, THEME_SUCCESS, t->title, sub))
            app_open(app, "tip", t->id);
        any = 1;
    }
    if (!any)
        w_empty(app, c, "还没有往期贴士");
}

/* One question and its answer on a card. */
static void draw_qa_item(App *app, const Question *q, Column *c, SDL_Rect view)
{
    Ui *ui = &app->ui;
    int pad = ui_dp(ui, 28), badge = ui_dp(ui, 56), gap = ui_dp(ui, 16);
    int tw = c->w - 2 * pad - badge - gap;
    TextStyle qs = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT);
    TextStyle as = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BODY, THEME_INK);
    as.face = FONT_KAI;
    as.line_spacing = 1.25f;
    TextStyle ms = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_CAPTION, THEME_TEXT_MUTED);
    char meta[160], day[64];
    w_format_day(q->answered_at ? q->answered_at : q->created_at, day, sizeof day);
    snprintf(meta, sizeof meta, "%s%s%s答 · %s", q->room_masked[0] ? q->room_masked : "",
             q->room_masked[0] ? "居民问 · " : "居民问 · ",
             q->answered_by && *q->answered_by ? q->answered_by : "健康志愿者", day);
    int qh = ui_text_height(ui, q->text, &qs, tw);
    int mh = ui_text_height(ui, meta, &ms, tw);
    int ah = ui_text_height(ui, q->answer, &as, tw);
    int qrow = qh > badge ? qh : badge, arow = ah > badge ? ah : badge;
    SDL_Rect r = column_take(c, pad + qrow + gap / 2 + mh + gap + arow + pad);
    if (!reading_visible(r, view))
        return; /* measured, not drawn */
    SDL_Renderer *ren = gfx_renderer(app->gfx);
    draw_round_rect(ren, r, theme_size_px(app->gfx, THEME_SIZE_RADIUS), theme_color(THEME_SURFACE));
    TextStyle bst = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_SUBTITLE, THEME_ON_PRIMARY);
    bst.align = TEXT_ALIGN_CENTER;
    struct {
        const char *label;
        ThemeColor bg;
        int y;
    } badges[] = {{"问", THEME_PRIMARY, r.y + pad},
                  {"答", THEME_SUCCESS, r.y + pad + qrow + gap / 2 + mh + gap}};
    for (int i = 0; i < 2; i++) {
        SDL_Rect b = {r.x + pad, badges[i].y, badge, badge};
        draw_round_rect(ren, b, badge / 2, theme_color(badges[i].bg));
        int bh = ui_text_height(ui, badges[i].label, &bst, badge);
        ui_text_style(ui, badges[i].label, &bst, b.x, b.y + (badge - bh) / 2, badge);
    }
    int tx = r.x + pad + badge + gap;
    ui_text_style(ui, q->text, &qs, tx, r.y + pad + (qrow - qh) / 2, tw);
    ui_text_style(ui, meta, &ms, tx, r.y + pad + qrow + gap / 2, tw);
    ui_text_style(ui, q->answer, &as, tx, badges[1].y + (arow - ah) / 2, tw);
}

static void draw_qa(App *app, Health *h, Column *c, SDL_Rect view)
{
    if (screen_find("question")) {
        int bh = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN) * 5 / 4;
        SDL_Rect b = column_take(c, bh);
        if (ui_button(&app->ui, ui_id("health.ask"), b, "我要提问", UI_BUTTON_PRIMARY))
            app_open(app, "question", 0);
    }
    w_section(app, c, "邻居问 · 医生答", NULL);
    if (h->qa.count == 0)
        w_empty(app, c, "还没有公开的答疑");
    for (size_t i = 0; i < h->qa.count; i++)
        draw_qa_item(app, &h->qa.items[i], c, view);
}

typedef enum { PART_TIP = 1, PART_ARCHIVE = 2, PART_QA = 4 } Part;

/* One scrolling column holding the given parts. */
static void draw_column(App *app, Health *h, const char *name, SDL_Rect view, int pad, int parts)
{
    Ui *ui = &app->ui;
    uint64_t id = ui_id(name);
    UiScroll *prev = ui_scroll_state(ui, id);
    int off = ui_scroll_begin(ui, id, view, prev ? prev->content : view.h);
    Column c = column_make(app, (SDL_Rect){view.x, view.y - off, view.w, view.h}, pad);
    int top = c.y;
    if (parts & PART_TIP)
        draw_current(app, h, &c, view);
    if (parts & PART_QA)
        draw_qa(app, h, &c, view);
    if (parts & PART_ARCHIVE)
        draw_archive(app, h, &c, view);
    ui_scroll_state(ui, id)->content = c.y - top + pad;
    ui_scroll_end(ui);
}

static void frame(App *app, void *state, SDL_Rect body)
{
    Health *h = state;
    if (!h->loaded || h->version != app->content_version)
        load(app, h);
    int pad = theme_size_px(app->gfx, THEME_SIZE_GAP_L);
    if (body.h >= body.w) {
        draw_column(app, h, "health.scroll", body, pad, PART_TIP | PART_QA | PART_ARCHIVE);
    } else {
        int left_w = body.w * 55 / 100;
        draw_column(app, h, "health.left", (SDL_Rect){body.x, body.y, left_w, body.h}, pad,
                    PART_TIP | PART_ARCHIVE);
        draw_column(
            app, h, "health.right",
            (SDL_Rect){body.x + left_w - pad / 2, body.y, body.w - left_w + pad / 2, body.h}, pad,
            PART_QA);
    }
}

const Screen SCREEN_HEALTH = {"health", "健康专栏", sizeof(Health), 0, enter, frame, leave};
