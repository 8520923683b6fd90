/* An album edited or withdrawn (with its photos) from the 照片 page, on both backends:
 * /albums/ID/edit (its name, kind, description, date and sort), POST /albums/ID/rename
 * (field name) and /albums/ID/withdraw, through the staff library (staff_album_rename,
 * staff_album_update, staff_album_withdraw), which audits them; over the hub an album
 * of another scope reads as missing (404). */
#include "console/console.h"

#include "core/timeutil.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What 撤下 of an album takes off the screens (album_forms): only the photos shown
 * count, so that a 笑脸墙 with portraits still waiting for consent is not overstated;
 * over the hub the same words (with sql/hub/041's count), said to take effect at each
 * kiosk's next sync. shown -1: not known (an older hub), every photo counted. */
static void album_withdraw_what(char *what, size_t cap, const Request *r, long long shown,
                                long long all)
{
    long long hidden = all - shown;
    if (shown < 0) /* not known: a count of every photo, consented or not */
        snprintf(what, cap,
                 "相册会从%s楼道屏上消失%s，其中的%lld张照片一起撤下（没有同意展示的本来就不在"
                 "屏上）。",
                 r->session && r->session->actor.hub ? "管理范围里所有" : "",
                 r->session && r->session->actor.hub ? "（各屏下次同步后）" : "", all);
    else if (shown > 0 && hidden == 0)
        snprintf(what, cap, "相册里的%lld张照片会和相册一起，从楼道屏上消失。", shown);
    else if (shown > 0)
        snprintf(what, cap,
                 "相册里在屏上显示的%lld张照片会和相册一起，从楼道屏上消失；另有%lld张没有同意"
                 "展示、本来就不显示的，也一起撤下。",
                 shown, hidden);
    else if (hidden > 0)
        snprintf(what, cap,
                 "相册会从楼道屏上消失；里面没有在屏上显示的照片，%lld张没有同意展示的也一起撤下。",
                 hidden);
    else
        snprintf(what, cap, "相册会从楼道屏上消失；里面还没有照片。");
    size_t n = strlen(what);
    if (shown >= 0 && r->session && r->session->actor.hub && n < cap)
        snprintf(what + n, cap - n, "各楼道屏下次同步后生效。");
}

void album_forms(Buf *b, const Request *r, long long id, const char *name, long long shown,
                 long long all)
{
    /* one row on a phone: 修改 (the album's own page) and 撤下 beside it */
    buf_printf(b,
               "<div class=\"album-actions\"><a class=\"button quiet\" href=\"/albums/%lld/edit\" "
               "aria-label=\"修改相册 ",
               id);
    html_attr(b, name);
    buf_puts(b, "\">修改相册</a>");
    /* the count is what a mistaken tap costs: a 笑脸墙 of 72 portraits off every screen */
    char action[48], what[400];
    snprintf(action, sizeof action, "/albums/%lld/withdraw", id);
    album_withdraw_what(what, sizeof what, r, shown, all);
    html_confirm(b, r,
                 &(HtmlConfirm){.action = action,
                                .label = "撤下相册（连同其中的照片）",
                                .what = what,
                                .button = "确定撤下"});
    buf_puts(b, "</div>");
}

/* The album as it stands now, above the form of an edit that someone else's save
 * overtook: what the staff member compares their draft with. */
static void album_current(Buf *b, const Album *al)
{
    buf_puts(b, "<section class=\"card\" id=\"current\"><h2>现在的内容</h2><h3>");
    html_esc(b, al->name);
    buf_printf(b, "</h3><p class=\"meta\">%s",
               al->kind && strcmp(al->kind, ALBUM_PORTRAITS) == 0 ? "笑脸墙" : "活动相册");
    if (al->event_at) {
        char date[16];
        time_format(al->event_at, "%Y-%m-%d", date, sizeof date);
        buf_printf(b, " · 活动日期 %s", date);
    }
    buf_printf(b, " · 排序 %d</p>", al->sort);
    if (al->description && *al->description)
        html_long_text(b, al->description);
    buf_puts(b, "</section><h2>您填写的内容</h2>");
}

/* The album edit form of album id: filled from `from` (as read) where nothing was
 * posted; each field but the name goes with its value as read (html_was), so that a
 * save that changes the name only is a rename where the album has no revision, and with
 * the revision it was read at (rev; -1: the posted one), which the save gives back.
 * current, when not NULL, is the album as someone else's save left it, shown above the
 * posted draft. name_only: a hub without sql/hub/039, where the album cannot be read for
 * an edit: the name alone, said why. */
static void album_edit_form(Request *r, Response *w, int64_t id, const Album *from,
                            const char *error, int name_only, int64_t rev, const Album *current)
{
    Buf *b = &w->body;
    buf_reset(b);
    page_begin(b, r, "修改相册");
    html_error(b, error);
    if (current)
        album_current(b, current);
    if (name_only)
        buf_puts(b, "<p class=\"meta\">中心库还不能修改相册的类型、说明、日期或顺序"
                    "（需要先升级中心库）；现在只能改名。</p>");
    buf_printf(b, "<form method=\"post\" action=\"/albums/%lld/edit\" class=\"card\">",
               (long long)id);
    html_csrf(b, r);
    if (!name_only)
        html_rev(b, r, rev);
    char label[64], date[16] = "", sort[16] = "";
    snprintf(label, sizeof label, "名称（最多%d字，同一栋楼里不能重名）", STORE_TITLE_MAX);
    html_text_input(b, r, "name", label, "text", from ? from->name : NULL, 1);
    if (!name_only) {
        if (from && from->event_at)
            time_format(from->event_at, "%Y-%m-%d", date, sizeof date);
        if (from)
            snprintf(sort, sizeof sort, "%d", from->sort);
        const char *kind = req_field(r, "kind");
        if (!kind)
            kind = from && from->kind ? from->kind : ALBUM_EVENT;
        int portraits = strcmp(kind, ALBUM_PORTRAITS) == 0;
        buf_printf(b,
                   "<label for=\"kind\">类型</label><select id=\"kind\" name=\"kind\">"
                   "<option value=\"event\"%s>活动相册</option>"
                   "<option value=\"portraits\"%s>笑脸墙（居民的笑脸照）</option></select>",
                   portraits ? "" : " selected", portraits ? " selected" : "");
        const char *desc = req_field(r, "description");
        if (!desc && from)
            desc = from->description;
        buf_puts(b, "<label for=\"description\">说明（最多500字）</label>"
                    "<textarea id=\"description\" name=\"description\" rows=\"3\" "
                    "maxlength=\"500\">");
        html_esc(b, desc ? desc : "");
        buf_puts(b, "</textarea>");
        html_text_input(b, r, "date", "活动日期（可不填）", "date", date, 0);
        html_text_input(b, r, "sort", "排序（数字，小的在前）", "text", sort, 0);
        html_was(b, r, "kind", from && from->kind ? from->kind : NULL);
        html_was(b, r, "description", from ? from->description : NULL);
        html_was(b, r, "date", date);
        html_was(b, r, "sort", sort);
    }
    buf_printf(b,
               "<p class=\"meta\">%s</p><div class=\"actions\"><button>保存修改</button>"
               "<a class=\"button quiet\" href=\"/photos\">取消</a></div></form>",
               r->session->actor.hub ? "保存到中心库，这栋楼的楼道屏下次同步后更新。"
                                     : "保存后楼道屏上马上更新；相册里的照片不变。");
    page_end(b);
}

/* The status of a refused album save: 404 for one not found, 502 for the hub failing or
 * too old, 422 for a value refused. */
static int save_status(const StaffActor *a)
{
    StaffRefusal why = staff_refusal(a);
    return why == STAFF_REFUSAL_NOT_FOUND          ? MHD_HTTP_NOT_FOUND
           : why == STAFF_REFUSAL_FAILED && a->hub ? MHD_HTTP_BAD_GATEWAY
           : why == STAFF_REFUSAL_FAILED           ? MHD_HTTP_INTERNAL_SERVER_ERROR
                                                   : MHD_HTTP_UNPROCESSABLE_CONTENT;
}

/* Saves the posted album form: a rename when only the name changed, else the album as
 * read with the fields changed replaced. 0, or -1 with the error's sentence in err and
 * the page's status in *status. */
static int album_save(Request *r, int64_t id, int *renamed, char *err, size_t cap, int *status)
{
    const StaffActor *a = &r->session->actor;
    const char *name = req_field(r, "name");
    int64_t rev = posted_rev(r);
    *renamed = !form_changed(r, "kind") && !form_changed(r, "description") &&
               !form_changed(r, "date") && !form_changed(r, "sort");
    /* without a revision (a hub without sql/hub/041) a new name alone is a rename, which
     * a hub without 039 takes too; with one it goes through the update, which checks it */
    if (*renamed && !rev) {
        if (staff_album_rename(a, id, name ? name : "") == 0)
            return 0;
        snprintf(err, cap, "相册没有改名：%s", staff_error(a));
        *status = save_status(a);
        return -1;
    }
    const char *date = req_field(r, "date"), *sort = req_field(r, "sort");
    int64_t at = 0;
    char *end = NULL;
    *status = MHD_HTTP_UNPROCESSABLE_CONTENT;
    long n = sort && *sort ? strtol(sort, &end, 10) : 0;
    if (date && *date && (strlen(date) != 10 || time_parse(date, &at) < 0)) {
        snprintf(err, cap, "活动日期要写成 年-月-日，例如 2026-10-06。");
        return -1;
    }
    if (end && (*end || n < -100000 || n > 100000)) {
        snprintf(err, cap, "排序要写一个数字，小的在前。");
        return -1;
    }
    Album al;
    if (staff_album_get(a, id, &al, NULL) < 0) {
        snprintf(err, cap, "没有保存：%s", staff_error(a));
        *status = save_status(a);
        return -1;
    }
    Album want = al; /* what was not changed stays as it is now */
    want.name = (char *)(name ? name : "");
    if (form_changed(r, "kind"))
        want.kind = (char *)req_field(r, "kind");
    if (form_changed(r, "description"))
        want.description = (char *)req_field(r, "description");
    if (form_changed(r, "date"))
        want.event_at = at ? time_day_start(at) : 0;
    if (form_changed(r, "sort"))
        want.sort = (int)n;
    int rc = staff_album_update(a, id, &(StaffAlbum){.album = want, .rev = rev});
    album_deinit(&al);
    if (rc < 0) {
        snprintf(err, cap, "没有保存：%s", staff_error(a));
        *status = save_status(a);
    }
    return rc;
}

void page_album_edit(Console *c, Request *r, Response *w, int64_t id)
{
    (void)c;
    const StaffActor *a = &r->session->actor;
    if (strcmp(r->method, "POST") == 0) {
        char err[400];
        int renamed = 0, status = MHD_HTTP_UNPROCESSABLE_CONTENT;
        if (album_save(r, id, &renamed, err, sizeof err, &status) < 0) {
            if (staff_refusal(a) == STAFF_REFUSAL_CHANGED) {
                /* someone saved it since this form was read: their album and this draft */
                Album now;
                int64_t rev;
                if (staff_album_get(a, id, &now, &rev) == 0) {
                    w->status = MHD_HTTP_CONFLICT;
                    album_edit_form(r, w, id, NULL, EDIT_OVERTAKEN_HELP, 0, rev, &now);
                    album_deinit(&now);
                    return;
                }
                snprintf(err, sizeof err, "没有保存：%s", staff_error(a)); /* withdrawn since */
                status = save_status(a);
            }
            w->status = status;
            album_edit_form(r, w, id, NULL, err, req_field(r, "was_kind") == NULL, -1, NULL);
            return;
        }
        if (a->hub)
            resp_redirect(w, "/photos?ok=%s", renamed ? "hub_album_renamed" : "hub_album_saved");
        else
            resp_redirect(w, "/photos?album=%lld&ok=%s", (long long)id,
                          renamed ? "album_renamed" : "album_saved");
        return;
    }
    Album al;
    int64_t rev;
    if (staff_album_get(a, id, &al, &rev) < 0) {
        if (a->hub && staff_refusal(a) == STAFF_REFUSAL_FAILED &&
            strstr(staff_error(a), "sql/hub/039")) {
            album_edit_form(r, w, id, NULL, NULL, 1, 0, NULL); /* an older hub: the name only */
            return;
        }
        edit_read_refused(r, w, "找不到这个相册");
        return;
    }
    album_edit_form(r, w, id, &al, NULL, 0, rev, NULL);
    album_deinit(&al);
}

/* The refusal of the library's last call as a page: 404 for an album not found. */
static void refused(Request *r, Response *w, const char *title)
{
    const StaffActor *a = &r->session->actor;
    page_message(w, r,
                 staff_refusal(a) == STAFF_REFUSAL_NOT_FOUND ? MHD_HTTP_NOT_FOUND
                                                             : MHD_HTTP_UNPROCESSABLE_CONTENT,
                 title, staff_error(a));
}

void page_album_rename(Console *c, Request *r, Response *w, int64_t id)
{
    (void)c;
    const StaffActor *a = &r->session->actor;
    const char *name = req_field(r, "name");
    if (staff_album_rename(a, id, name ? name : "") < 0) {
        refused(r, w, "相册没有改名");
        return;
    }
    if (a->hub)
        resp_redirect(w, "/photos?ok=hub_album_renamed");
    else
        resp_redirect(w, "/photos?album=%lld&ok=album_renamed", (long long)id);
}

void page_album_withdraw(Console *c, Request *r, Response *w, int64_t id)
{
    (void)c;
    const StaffActor *a = &r->session->actor;
    if (staff_album_withdraw(a, id) < 0) {
        refused(r, w, "相册没有撤下");
        return;
    }
    resp_redirect(w, "/photos?ok=%s", a->hub ? "hub_album_withdrawn" : "album_withdrawn");
}
