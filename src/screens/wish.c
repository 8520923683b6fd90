/* Writing a micro-wish (微心愿), opened from the board's 我要许愿: the wish in the
 * resident's words (handwriting, pinyin or a quick phrase) and the room, required.
 * store_wish_add files it for review; it reaches the board only once approved, and
 * the form says so before and after 提交. */
#include "screens/screens.h"

#include "screens/writing.h"

#include "store/wish.h"

typedef struct {
    Writing form;
} WishForm;

static int submit(App *app, const Writing *f, StoreReceipt *r)
{
    return store_wish_add(app->store, f->w.text, f->room, r);
}

static const WritingSpec SPEC = {
    .phrase_form = PHRASE_WISH,
    .max_chars = STORE_WISH_MAX,
    .room_required = 1,
    .text_label = "您的小心愿",
    .placeholder = "想请邻居帮什么忙？点常用语，或手写、拼音来写",
    .note = "心愿要等居委会看过才会贴上心愿墙，墙上房号只显示一半。",
    .done_headline = "心愿已提交，等待审核",
    .done_note = "居委会看过后，心愿就会出现在心愿墙上。请记下回执码。",
    .done_waits = 1,
    .submit = submit,
};

static void enter(App *app, void *state, int64_t param)
{
    (void)param;
    WishForm *st = state;
    writing_open(app, &st->form, &SPEC);
}

static void leave(App *app, void *state)
{
    writing_close(app, &((WishForm *)state)->form);
}

static void frame(App *app, void *state, SDL_Rect body)
{
    WishForm *st = state;
    if (writing_frame(app, &st->form, body))
        app_back(app); /* 完成: back to the board */
}

const Screen SCREEN_WISH = {"wish", "我要许愿", sizeof(WishForm), 1, enter, frame, leave};
