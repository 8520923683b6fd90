/* One health tip from the archive (param: tip id), on the same handwritten paper as
 * the health column's tip of the month; the page scrolls when the tip is long. */
#include "screens/reading.h"
#include "screens/screens.h"
#include "screens/widgets.h"

#include "store/health.h"

typedef struct {
    HealthTip tip;
    int found;
    int64_t id;
    ReadingText body;
    int version;
    int loaded;
} TipView;

static void unload(TipView *v)
{
    if (v->found)
        health_tip_deinit(&v->tip);
    reading_free(&v->body);
    v->found = 0;
}

static void load(App *app, TipView *v)
{
    unload(v);
    v->found = store_tip_get(app->store, v->id, &v->tip) == 0;
    v->version = app->content_version;
    v->loaded = 1;
}

static void enter(App *app, void *state, int64_t param)
{
    TipView *v = state;
    v->id = param;
    load(app, v);
}

static void leave(App *app, void *state)
{
    (void)app;
    unload(state);
}

static void frame(App *app, void *state, SDL_Rect body)
{
    TipView *v = state;
    if (!v->loaded || v->version != app->content_version)
        load(app, v);
    Ui *ui = &app->ui;
    int pad = theme_size_px(app->gfx, THEME_SIZE_GAP_L);
    if (!v->found) {
        Column c = column_make(app, body, pad);
        w_empty(app, &c, "这篇贴士已经撤下了");
        return;
    }
    int w = body.w - 2 * pad;
    int max_w = ui_dp(ui, 1240); /* a readable column in landscape */
    if (w > max_w)
        w = max_w;
    int x = body.x + (body.w - w) / 2;
    uint64_t id = ui_id_n("tip.scroll", v->id);
    UiScroll *prev = ui_scroll_state(ui, id);
    int off = ui_scroll_begin(ui, id, body, prev ? prev->content : body.h);
    const HealthTip *t = &v->tip;
    int h = reading_paper_tip(app, &v->body, t, x, body.y + pad - off, w, body, 1);
    ui_scroll_state(ui, id)->content = h + 2 * pad;
    ui_scroll_end(ui);
}

const Screen SCREEN_TIP = {"tip", "健康小贴士", sizeof(TipView), 0, enter, frame, leave};
