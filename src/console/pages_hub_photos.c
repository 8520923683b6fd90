/* Photos over the hub: the live photos of the member's scope with 撤下 (sql/hub/015),
 * and several photos at once from a phone's camera or gallery into an album of a
 * building of the scope (sql/hub/020_staff_photo_upload.sql). Every file is checked here
 * first (photo_upload_check, as standalone); then the staff library (staff_photos_add)
 * sends the whole upload to the hub in one transaction, each file in chunks that the hub
 * checks against the file's SHA-256 before the photo exists: a refusal keeps every photo
 * of the upload off the hub. The building's kiosks fetch the files and show the photos at their
 * next pull. */
#include "console/pages_hub.h"

#include "store/store.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void upload_form(Buf *b, Request *r)
{
    buf_puts(b, "<form method=\"post\" action=\"/photos/upload\" enctype=\"multipart/form-data\" "
                "class=\"card\"><h2>上传照片</h2>");
    html_csrf(b, r);
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
    buf_printf(b,
               "</datalist><label for=\"files\">照片（可以一次选多张，每张不超过%d MB）</label>"
               "<input type=\"file\" id=\"files\" name=\"files\" accept=\"image/jpeg,image/png,"
               "image/webp,image/heic,image/heif,.heic,.heif\" multiple required>"
               "<label for=\"person\">照片里的人（笑脸墙用，可不填）</label>"
               "<input type=\"text\" id=\"person\" name=\"person\" maxlength=\"%d\">"
               "<label for=\"floor\">住在几楼（可不填）</label>"
               "<input type=\"text\" id=\"floor\" name=\"floor\" inputmode=\"numeric\" "
               "maxlength=\"2\"><label for=\"caption\">说明（可不填）</label>"
               "<input type=\"text\" id=\"caption\" name=\"caption\" maxlength=\"%d\">"
               "<label class=\"check\"><input type=\"checkbox\" name=\"consent\" value=\"1\"> "
               "照片里的人（或家属）已同意在楼道屏上展示</label>"
               "<p class=\"meta\">不勾选也可以先存着，但楼道屏上不会显示。发布到中心库，这栋楼的"
               "楼道屏下次同步后显示。</p>"
               "<div class=\"actions\"><button>上传</button></div></form>",
               UPLOAD_FILE_MAX / (1024 * 1024), STORE_NAME_MAX, STORE_SHORT_MAX);
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
        buf_printf(b, "<form method=\"post\" action=\"/photos/%s/remove\">", id);
        html_csrf(b, r);
        buf_puts(b, "<button class=\"quiet\">撤下</button></form></article>");
    }
    if (!shown)
        buf_puts(b, "<p>管理范围里还没有照片。</p>");
    html_pager(b, "/photos", page, n > CONSOLE_PAGE_SIZE);
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
    const char *floor_s = req_field(r, "floor");
    int floor = 0;
    if (floor_s && *floor_s) {
        char *end;
        long f = strtol(floor_s, &end, 10);
        floor = (int)f;
        if (*end || f < 1 || f > 99) {
            page_message(w, r, MHD_HTTP_UNPROCESSABLE_CONTENT, "照片没有收下",
                         "楼层要写1到99之间的数字，或者不填。什么都没有保存。");
            return;
        }
    }
    const Upload *ups[UPLOAD_FILES_MAX];
    size_t n = req_uploads(r, "files", ups, UPLOAD_FILES_MAX);
    if (!n) {
        page_message(w, r, MHD_HTTP_UNPROCESSABLE_CONTENT, "照片没有收下", "没有选照片。");
        return;
    }
    StaffPhotoFile files[UPLOAD_FILES_MAX];
    for (size_t i = 0; i < n; i++) {
        const char *why = NULL;
        files[i] = (StaffPhotoFile){.path = ups[i]->path, .label = ups[i]->filename};
        if (photo_upload_check(ups[i], &files[i].width, &files[i].height, &why) < 0) {
            char msg[600];
            snprintf(msg, sizeof msg, "“%.120s”：%s。这一次的照片都没有保存，请去掉它再传。",
                     ups[i]->filename, why);
            page_message(w, r, MHD_HTTP_UNPROCESSABLE_CONTENT, "照片没有收下", msg);
            return;
        }
    }
    /* the staff library sends them in one transaction: all of the upload or none */
    StaffPhotoMeta meta = {.building = req_field(r, "building"),
                           .album = req_field(r, "album"),
                           .caption = req_field(r, "caption"),
                           .person_name = req_field(r, "person"),
                           .floor = floor,
                           .consent = req_field(r, "consent") != NULL};
    size_t bad;
    if (staff_photos_add(&r->session->actor, 0, files, n, &meta, &bad) < 0) {
        const char *why = staff_error(&r->session->actor);
        char msg[600];
        if (bad < n)
            snprintf(msg, sizeof msg, "“%.120s”：%s。这一次的照片都没有保存。", ups[bad]->filename,
                     why);
        else
            snprintf(msg, sizeof msg, "%s。这一次的照片都没有保存。", why);
        page_message(w, r,
                     strstr(why, "不能发布") ? MHD_HTTP_FORBIDDEN : MHD_HTTP_UNPROCESSABLE_CONTENT,
                     "照片没有收下", msg);
        return;
    }
    resp_redirect(w, "/photos?ok=hub_uploaded");
}
