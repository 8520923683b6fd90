/* Photo walls: the 笑脸墙 as a grid of portraits pinned up like prints (name and floor
 * under each), and the event albums the same way, chosen from a row of album chips.
 * The grid scrolls with momentum; only the rows in view are drawn, plus one row ahead
 * whose pictures are requested at low priority, so a wall of a thousand stays cheap.
 * Residents' view only: a photo without the person's consent is never listed. */
#include "screens/screens.h"
#include "screens/widgets.h"

#include "store/photo.h"
#include "ui/draw.h"
#include "ui/image.h"

#include <stdio.h>
#include <string.h>

#define WALL_NAME "笑脸墙"

typedef struct {
    AlbumList albums;
    PhotoList photos;
    int64_t album_id; /* the album shown; 0 before the first load */
    int version;
    int loaded;
} Photos;

/* Columns and cell proportions per orientation and album kind. Data, not branches. */
static const struct {
    int portraits;        /* 1: the 笑脸墙 kind */
    int cols_tall;        /* portrait screen */
    int cols_wide;        /* landscape screen */
    int ratio_w, ratio_h; /* picture box */
} GRID_KINDS[] = {
    {1, 3, 6, 4, 5}, /* portraits are drawn 480x600 */
    {0, 2, 4, 3, 2}, /* event pictures 1200x800 */
};

typedef struct {
    int cols, cell_w, pic_w, pic_h, inset, gap, text_h, row_h;
    int portraits;
} Grid;

static const Album *current_album(const Photos *p)
{
    for (size_t i = 0; i < p->albums.count; i++)
        if (p->albums.items[i].id == p->album_id)
            return &p->albums.items[i];
    return NULL;
}

static void load_photos(App *app, Photos *p)
{
    photo_list_free(&p->photos);
    PhotoQuery q = {.album_id = p->album_id}; /* residents' view: consent only */
    if (p->album_id && store_photo_list(app->store, &q, &p->photos) < 0)
        memset(&p->photos, 0, sizeof p->photos);
    /* the header names the album on show ("中秋游园会"), not "笑脸墙 · 相册" */
    const Album *a = current_album(p);
    app_set_title(app, a ? a->name : NULL);
}

static void unload(Photos *p)
{
    album_list_free(&p->albums);
    photo_list_free(&p->photos);
    p->loaded = 0;
}

/* Keeps the album shown if it still exists, else the 笑脸墙, else the first album. */
static void load(App *app, Photos *p)
{
    unload(p);
    if (store_album_list(app->store, NULL, &p->albums) < 0)
        memset(&p->albums, 0, sizeof p->albums);
    if (!current_album(p)) {
        p->album_id = 0;
        for (size_t i = 0; i < p->albums.count && !p->album_id; i++)
            if (strcmp(p->albums.items[i].name, WALL_NAME) == 0)
                p->album_id = p->albums.items[i].id;
        if (!p->album_id && p->albums.count)
            p->album_id = p->albums.items[0].id;
    }
    load_photos(app, p);
    p->version = app->content_version;
    p->loaded = 1;
}

static uint64_t grid_id(const Photos *p)
{
    return ui_id_n("photos.grid", p->album_id);
}

/* param: an album id to open (0: the 笑脸墙). A fresh visit starts at the top. */
static void enter(App *app, void *state, int64_t param)
{
    Photos *p = state;
    p->album_id = param;
    load(app, p);
    UiScroll *s = ui_scroll_state(&app->ui, grid_id(p));
    if (s)
        s->offset = s->velocity = 0;
}

static void leave(App *app, void *state)
{
    (void)app;
    unload(state);
}

static TextStyle name_style(App *app)
{
    TextStyle st = theme_text_style(&app->ui.theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT);
    st.face = FONT_SANS_BOLD;
    st.max_lines = 1;
    return st;
}

static TextStyle caption_style(App *app)
{
    TextStyle st = theme_text_style(&app->ui.theme, app->gfx, THEME_TEXT_CAPTION, THEME_TEXT_MUTED);
    st.max_lines = 2;
    return st;
}

static Grid grid_cells(App *app, const Album *a, int width, int cols);

/* In landscape the wall shows whole rows: as many more columns as it takes for one row
 * of prints (picture, name, caption) to fit the view's height, portraits kept upright
 * (4:5, never cropped to wide tiles that cut off heads). */
static Grid grid_make(App *app, const Album *a, int width, int height, int landscape)
{
    int portraits = !a || strcmp(a->kind, ALBUM_PORTRAITS) == 0;
    size_t k = portraits ? 0 : 1;
    int cols = landscape ? GRID_KINDS[k].cols_wide : GRID_KINDS[k].cols_tall;
    if (landscape && app->ui.theme.large_text)
        cols--; /* bigger names need wider prints */
    Grid g = grid_cells(app, a, width, cols);
    while (landscape && g.row_h > height && cols < 10)
        g = grid_cells(app, a, width, ++cols);
    return g;
}

static Grid grid_cells(App *app, const Album *a, int width, int cols)
{
    Grid g;
    memset(&g, 0, sizeof g);
    g.portraits = !a || strcmp(a->kind, ALBUM_PORTRAITS) == 0;
    size_t k = g.portraits ? 0 : 1;
    g.cols = cols;
    g.gap = theme_size_px(app->gfx, THEME_SIZE_GAP_M);
    g.inset = ui_dp(&app->ui, 14);
    g.cell_w = (width - (g.cols - 1) * g.gap) / g.cols;
    g.pic_w = g.cell_w - 2 * g.inset;
    g.pic_h = g.pic_w * GRID_KINDS[k].ratio_h / GRID_KINDS[k].ratio_w;
    TextStyle ns = name_style(app), cs = caption_style(app);
    g.text_h = text_line_height(app->text, &cs) * 2 + ui_dp(&app->ui, 10);
    if (g.portraits)
        g.text_h += text_line_height(app->text, &ns) + ui_dp(&app->ui, 4);
    g.row_h = g.inset + g.pic_h + g.text_h + g.inset + g.gap;
    return g;
}

/* The caption without a leading "5楼 · " when the floor is shown beside the name. */
static const char *caption_rest(const Photo *ph)
{
    const char *c = ph->caption ? ph->caption : "";
    char prefix[24];
    snprintf(prefix, sizeof prefix, "%d楼 · ", ph->floor);
    if (ph->floor > 0 && strncmp(c, prefix, strlen(prefix)) == 0)
        return c + strlen(prefix);
    return c;
}

/* One print on the wall: white card, the picture inset, name and floor, caption. */
static void draw_cell(App *app, const Grid *g, const Photo *ph, SDL_Rect cell)
{
    Ui *ui = &app->ui;
    SDL_Renderer *ren = gfx_renderer(app->gfx);
    int held = 0;
    int tapped = ui_pressable(ui, ui_id_n("photos.cell", ph->id), cell, &held);
    /* square prints with a shadow line under them: plain fills, because rounded shapes
     * are triangle meshes the software renderer blends pixel by pixel, and a wall in
     * motion redraws a dozen of these every frame */
    draw_rect(ren, (SDL_Rect){cell.x + ui_dp(ui, 2), cell.y + cell.h, cell.w, ui_dp(ui, 4)},
              theme_color(THEME_DIVIDER));
    draw_rect(ren, cell, theme_color(THEME_SURFACE));
    SDL_Rect pic = {cell.x + g->inset, cell.y + g->inset, g->pic_w, g->pic_h};
    screens_draw_photo(app, ph->sha256, pic, 0);
    int x = pic.x, w = pic.w, y = pic.y + pic.h + ui_dp(ui, 10);
    if (g->portraits) {
        TextStyle ns = name_style(app);
        TextStyle fs = caption_style(app);
        fs.color = theme_color(THEME_PRIMARY);
        fs.face = FONT_SANS_BOLD;
        char floor[16] = "";
        int fw = 0;
        if (ph->floor > 0) {
            snprintf(floor, sizeof floor, "%d楼", ph->floor);
            fw = text_measure(app->text, floor, strlen(floor), &fs);
            int nh = text_line_height(app->text, &ns), fh = text_line_height(app->text, &fs);
            ui_text_style(ui, floor, &fs, x + w - fw, y + (nh - fh) / 2 + ui_dp(ui, 2), 0);
        }
        const char *name = ph->person_name && *ph->person_name ? ph->person_name : "邻居";
        y += ui_text_style(ui, name, &ns, x, y, w - fw - ui_dp(ui, 8)) + ui_dp(ui, 4);
    }
    TextStyle cs = caption_style(app);
    ui_text_style(ui, g->portraits ? caption_rest(ph) : ph->caption, &cs, x, y, w);
    if (held)
        draw_rect(ren, cell, theme_color(THEME_PRESSED));
    if (tapped)
        app_open(app, "photo", ph->id);
}

/* The chips of every album, flowing onto a second line when they do not fit (large
 * text). Returns the height taken from the top of area. */
static int draw_albums(App *app, Photos *p, SDL_Rect area)
{
    Ui *ui = &app->ui;
    int gap = theme_size_px(app->gfx, THEME_SIZE_GAP_S);
    int h = theme_size_px(app->gfx, THEME_SIZE_TOUCH_MIN);
    TextStyle bs = theme_text_style(&ui->theme, app->gfx, THEME_TEXT_BUTTON, THEME_TEXT);
    /* the albums themselves, no heading: "全部相册" beside them looked like a tab that
     * did nothing */
    int x = area.x, y = area.y;
    for (size_t i = 0; i < p->albums.count; i++) {
        const Album *a = &p->albums.items[i];
        int w = text_measure(app->text, a->name, strlen(a->name), &bs) + 2 * ui_dp(ui, 36);
        if (w > area.w)
            w = area.w;
        if (x + w > area.x + area.w) { /* wrap onto the next line */
            x = area.x;
            y += h + gap;
        }
        SDL_Rect r = {x, y, w, h};
        UiButtonKind kind = a->id == p->album_id ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY;
        if (ui_button(ui, ui_id_n("photos.album", a->id), r, a->name, kind) &&
            a->id != p->album_id) {
            p->album_id = a->id;
            load_photos(app, p);
            UiScroll *s = ui_scroll_state(ui, grid_id(p));
            if (s)
                s->offset = s->velocity = 0;
        }
        x += w + gap;
    }
    return y + h - area.y;
}

/* "共62位邻居 · 住在12号楼的邻居们……" under the chips. Returns the height taken. */
static int draw_about(App *app, const Photos *p, const Album *a, SDL_Rect area)
{
    char line[700];
    int portraits = strcmp(a->kind, ALBUM_PORTRAITS) == 0;
    int n = snprintf(line, sizeof line, portraits ? "共%zu位邻居" : "共%zu张照片", p->photos.count);
    if (a->event_at && n > 0 && (size_t)n < sizeof line) {
        char day[64];
        w_format_day(a->event_at, day, sizeof day);
        n += snprintf(line + n, sizeof line - (size_t)n, " · %s", day);
    }
    if (a->description && *a->description && n > 0 && (size_t)n < sizeof line)
        snprintf(line + n, sizeof line - (size_t)n, " · %s", a->description);
    TextStyle st = theme_text_style(&app->ui.theme, app->gfx, THEME_TEXT_BODY, THEME_TEXT_MUTED);
    st.max_lines = 1;
    return ui_text_style(&app->ui, line, &st, area.x, area.y, area.w);
}

/* The grid: rows in view are drawn; the row beyond the edge we are moving towards is
 * only requested (priority 1), so it is usually ready when it scrolls in. */
static void draw_grid(App *app, Photos *p, const Grid *g, SDL_Rect view, int pad)
{
    Ui *ui = &app->ui;
    size_t n = p->photos.count;
    int rows = (int)((n + (size_t)g->cols - 1) / (size_t)g->cols);
    int content = pad + rows * g->row_h + pad;
    uint64_t id = grid_id(p);
    int off = ui_scroll_begin(ui, id, view, content);
    int top = view.y + pad - off; /* y of row 0 */
    int first = (view.y - top) / g->row_h;
    if (first < 0)
        first = 0;
    int last = (view.y + view.h - top) / g->row_h;
    if (last > rows - 1)
        last = rows - 1;
    for (int row = first; row <= last; row++)
        for (int c = 0; c < g->cols; c++) {
            size_t i = (size_t)row * (size_t)g->cols + (size_t)c;
            if (i >= n)
                break;
            SDL_Rect cell = {view.x + pad + c * (g->cell_w + g->gap), top + row * g->row_h,
                             g->cell_w, g->row_h - g->gap};
            draw_cell(app, g, &p->photos.items[i], cell);
        }
    UiScroll *s = ui_scroll_state(ui, id);
    int ahead = s && s->velocity < 0 ? first - 1 : last + 1;
    if (ahead >= 0 && ahead < rows)
        for (int c = 0; c < g->cols; c++) {
            size_t i = (size_t)ahead * (size_t)g->cols + (size_t)c;
            if (i < n)
                image_get_ex(app->images, p->photos.items[i].sha256, g->pic_w, g->pic_h,
                             IMAGE_FIT_COVER, 1);
        }
    ui_scroll_end(ui);
}

static void frame(App *app, void *state, SDL_Rect body)
{
    Photos *p = state;
    if (!p->loaded || p->version != app->content_version)
        load(app, p);
    Ui *ui = &app->ui;
    int pad = theme_size_px(app->gfx, THEME_SIZE_GAP_L);
    int landscape = body.w > body.h;
    SDL_Rect top = {body.x + pad, body.y + pad / 2, body.w - 2 * pad, body.h};
    int used = draw_albums(app, p, top);
    const Album *a = current_album(p);
    if (a) {
        top.y += used + theme_size_px(app->gfx, THEME_SIZE_GAP_S);
        used = draw_about(app, p, a, top);
    }
    int grid_y = top.y + used + pad / 2;
    draw_rect(gfx_renderer(app->gfx),
              (SDL_Rect){body.x, grid_y - ui_dp(ui, 2), body.w, ui_dp(ui, 2)},
              theme_color(THEME_DIVIDER));
    SDL_Rect view = {body.x, grid_y, body.w, body.y + body.h - grid_y};
    if (!a || p->photos.count == 0) {
        Column c = column_make(app, view, pad);
        w_empty(app, &c, a ? "这个相册里还没有照片" : "还没有相册");
        return;
    }
    Grid g = grid_make(app, a, view.w - 2 * pad, view.h - pad, landscape);
    draw_grid(app, p, &g, view, pad);
}

const Screen SCREEN_PHOTOS = {"photos", "相册", sizeof(Photos), 0, enter, frame, leave};
