/* Photos over the hub: the live photos of the member's scope with 撤下 (sql/hub/015),
 * the scope's albums with 改名 and 撤下 (sql/hub/035, album_actions.c),
 * and the upload form (photo_upload.c, both backends) into an album of a building of
 * the scope (sql/hub/020_staff_photo_upload.sql). Every file is checked in the console
 * first; then the staff library (staff_photos_add) sends the whole upload to the hub in
 * one transaction, each file in chunks that the hub checks against the file's SHA-256
 * before the photo exists: a refusal keeps every photo of the upload off the hub. The
 * building's kiosks fetch the files and show the photos at their next pull. */
#include "console/pages_hub.h"

#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>

static void upload_form(Buf *b, Request *r)
{
    photo_upload_form_begin(b, r);
    hub_building_select(b, r, "哪栋楼的照片");
    /* the scope's albums to pick from (sql/hub/027_staff_albums.sql); a new name makes one */
    buf_puts(b, "<label for=\"album\">放进哪个相册（可以选，也可以写个新名字）</label>"
                "<input type=\"text\" id=\"album\" name=\"album\" list=\"albums\" required "
                "value=\"笑脸墙\"><datalist id=\"albums\">");
    char err[300];
    PGresult *al = hub_call(r, "SELECT * FROM yanxia_hub.staff_albums()", 0, NULL, err, sizeof err);
    for (int i = 0; al && i < PQntuples(al); i++) {
        buf_puts(b, "<option value=\"");
        html_attr(b, PQgetvalue(al, i, 1));
        buf_puts(b, "\">");
        html_esc(b, PQgetvalue(al, i, 0));
        buf_printf(b, " · %s张%s</option>", PQgetvalue(al, i, 3),
                   strcmp(PQgetvalue(al, i, 2), "portraits") == 0 ? " · 笑脸墙" : "");
    }
    PQclear(al);
    buf_puts(b, "</datalist>");
    photo_upload_form_end(b, "发布到中心库，这栋楼的楼道屏下次同步后显示。");
}

/* The scope's albums (sql/hub/035's staff_album_rows), each with 修改 and 撤下, whose
 * confirmation counts the photos the screens show (041's staff_album_shown; a hub without
 * it: every photo, said so). */
static void album_list(Buf *b, Request *r)
{
    char err[300];
    int with_shown = 1;
    PGresult *al = hub_call(r,
                            "SELECT r.hub_id, r.building, r.name, r.kind, r.photos,"
                            " coalesce(s.shown, 0) FROM yanxia_hub.staff_album_rows()"
                            " WITH ORDINALITY r(hub_id, building, name, kind, photos, ord)"
                            " LEFT JOIN yanxia_hub.staff_album_shown() s USING (hub_id)"
                            " ORDER BY r.ord",
                            0, NULL, err, sizeof err);
    if (!al) {
        with_shown = 0; /* a hub without sql/hub/041 */
        al = hub_call(r, "SELECT * FROM yanxia_hub.staff_album_rows()", 0, NULL, err, sizeof err);
    }
    if (!al || PQntuples(al) == 0) {
        PQclear(al);
        return; /* none yet, or an older hub: the upload form still makes one */
    }
    buf_puts(b, "<h2>相册</h2>");
    for (int i = 0; i < PQntuples(al); i++) {
        buf_printf(b, "<article class=\"card\" id=\"album-%s\"><h3>", PQgetvalue(al, i, 0));
        html_esc(b, PQgetvalue(al, i, 2));
        buf_puts(b, "</h3><p class=\"meta\">");
        html_esc(b, PQgetvalue(al, i, 1));
        buf_printf(b, " · %s张%s</p>", PQgetvalue(al, i, 4),
                   strcmp(PQgetvalue(al, i, 3), "portraits") == 0 ? " · 笑脸墙" : "");
        /* the count shows photos without consent too (sql/hub/035); 撤下 says how many
         * of them the screens show */
        album_forms(b, r, strtoll(PQgetvalue(al, i, 0), NULL, 10), PQgetvalue(al, i, 2),
                    with_shown ? strtoll(PQgetvalue(al, i, 5), NULL, 10) : -1,
                    strtoll(PQgetvalue(al, i, 4), NULL, 10));
        buf_puts(b, "</article>");
    }
    PQclear(al);
}

/* 照片 over the hub: the live photos of the member's scope, newest first, each with
 * 撤下 (a resident asked for their portrait to go: off every kiosk at its next pull). */
void hub_page_photos(Console *c, Request *r, Response *w)
{
    (void)c;
    size_t page = page_number(r);
    PGresult *res =
        hub_call_page(r, w, "SELECT * FROM yanxia_hub.staff_photos($1::int, $2::int)", page);
    if (!res)
        return;
    Buf *b = &w->body;
    page_begin(b, r, "照片");
    html_flash(b, r);
    buf_puts(b, "<p class=\"meta\">居民要求撤下自己的照片时，在这里点“撤下”，各楼道屏下次同步后"
                "就不再显示。</p>");
    int n = PQntuples(res), shown = n < CONSOLE_PAGE_SIZE ? n : CONSOLE_PAGE_SIZE;
    for (int i = 0; i < shown; i++) {
        const char *id = PQgetvalue(res, i, 0);
        buf_printf(b, "<article class=\"card\" id=\"photo-%s\"><h3>", id);
        html_esc(b, *PQgetvalue(res, i, 4) ? PQgetvalue(res, i, 4) : PQgetvalue(res, i, 3));
        buf_puts(b, "</h3><p class=\"meta\">");
        html_esc(b, PQgetvalue(res, i, 3));
        buf_puts(b, " · ");
        html_esc(b, *PQgetvalue(res, i, 2) ? PQgetvalue(res, i, 2) : PQgetvalue(res, i, 1));
        if (*PQgetvalue(res, i, 6))
            buf_printf(b, " · %s楼", PQgetvalue(res, i, 6));
        buf_printf(b, " · %s×%s%s</p>", PQgetvalue(res, i, 8), PQgetvalue(res, i, 9),
                   strcmp(PQgetvalue(res, i, 7), "0") ? "" : " · <b>未同意展示</b>");
        if (*PQgetvalue(res, i, 5)) {
            buf_puts(b, "<p class=\"text\">");
            html_esc(b, PQgetvalue(res, i, 5));
            buf_puts(b, "</p>");
        }
        char action[48];
        snprintf(action, sizeof action, "/photos/%s/remove", id);
        html_confirm(b, r,
                     &(HtmlConfirm){.action = action,
                                    .label = "撤下",
                                    .what = "这张照片会从所有楼道屏上消失（各屏下次同步后）。",
                                    .button = "确定撤下"});
        buf_puts(b, "</article>");
    }
    if (!shown)
        buf_puts(b, "<p>管理范围里还没有照片。</p>");
    html_pager(b, "/photos", page, n > CONSOLE_PAGE_SIZE);
    album_list(b, r);
    upload_form(b, r);
    page_end(b);
    PQclear(res);
}

void hub_page_photo_remove(Console *c, Request *r, Response *w, int64_t id)
{
    (void)c;
    if (staff_photo_remove(&r->session->actor, id) < 0) {
        hub_refused(r, w, MHD_HTTP_NOT_FOUND);
        return;
    }
    resp_redirect(w, "/photos?ok=removed");
}

void hub_page_photo_upload(Console *c, Request *r, Response *w)
{
    (void)c;
    PhotoUploadTarget to = {.building = req_field(r, "building"),
                            .album = req_field(r, "album"),
                            .done = "/photos?ok=hub_uploaded"};
    photo_upload_receive(r, w, &to);
}
