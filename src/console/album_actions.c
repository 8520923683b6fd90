/* An album renamed or withdrawn (with its photos) from the 照片 page, on both backends:
 * POST /albums/ID/rename (field name) and /albums/ID/withdraw, through the staff library
 * (staff_album_rename, staff_album_withdraw), which audits them; over the hub an album
 * of another scope reads as missing (404). */
#include "console/console.h"

#include <microhttpd.h>
#include <stdio.h>

/* What 撤下 of an album takes off the screens (album_forms): only the photos shown
 * count, so that a 笑脸墙 with portraits still waiting for consent is not overstated. */
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
}

void album_forms(Buf *b, const Request *r, long long id, const char *name, long long shown,
                 long long all)
{
    /* one row on a phone: the name field and 改名 beside it, 撤下 under them */
    buf_printf(b,
               "<div class=\"album-actions\"><form method=\"post\" "
               "action=\"/albums/%lld/rename\" class=\"rename\">"
               "<input type=\"text\" name=\"name\" required maxlength=\"80\" "
               "aria-label=\"相册的新名字\" value=\"",
               id);
    html_attr(b, name);
    buf_puts(b, "\">");
    html_csrf(b, r);
    buf_puts(b, "<button class=\"quiet\">改名</button></form>");
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
