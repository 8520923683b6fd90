/* Photos from a phone's camera or gallery: several at once into an album, consent
 * recorded, checked before anything is kept (a file that is not a whole JPEG, PNG or
 * WebP, or is absurdly large, refuses the whole upload with its name; an iPhone's HEIC
 * is turned into a JPEG, heic.c), and a photo taken off every screen at once when a
 * resident asks. */
#include "console/console.h"
#include "console/heic.h"

#include "store/photo.h"
#include "ui/image_internal.h"

#include <fcntl.h>
#include <limits.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define PHOTO_MAX_SIDE 12000

static void upload_form(Buf *b, const Request *r, const AlbumList *albums, int64_t chosen)
{
    buf_puts(b, "<form method=\"post\" action=\"/photos/upload\" enctype=\"multipart/form-data\" "
                "class=\"card\"><h2>上传照片</h2>");
    html_csrf(b, r);
    buf_puts(b, "<label for=\"album\">放进哪个相册</label><select id=\"album\" name=\"album\">");
    for (size_t i = 0; i < albums->count; i++) {
        buf_printf(b, "<option value=\"%lld\"%s>", (long long)albums->items[i].id,
                   albums->items[i].id == chosen ? " selected" : "");
        html_esc(b, albums->items[i].name);
        buf_puts(b, "</option>");
    }
    buf_printf(b,
               "</select><label for=\"files\">照片（可以一次选多张，每张不超过%d MB）</label>"
               "<input type=\"file\" id=\"files\" name=\"files\" accept=\"image/jpeg,image/png,"
               "image/webp,image/heic,image/heif,.heic,.heif\" multiple required>"
               "<label for=\"person\">照片里的人（笑脸墙用，可不填）</label>"
               "<input type=\"text\" id=\"person\" name=\"person\" maxlength=\"20\">"
               "<label for=\"floor\">住在几楼（可不填）</label>"
               "<input type=\"text\" id=\"floor\" name=\"floor\" inputmode=\"numeric\" "
               "maxlength=\"2\"><label for=\"caption\">说明（可不填）</label>"
               "<input type=\"text\" id=\"caption\" name=\"caption\" maxlength=\"%d\">"
               "<label class=\"check\"><input type=\"checkbox\" name=\"consent\" value=\"1\"> "
               "照片里的人（或家属）已同意在楼道屏上展示</label>"
               "<p class=\"meta\">不勾选也可以先存着，但楼道屏上不会显示。</p>"
               "<div class=\"actions\"><button>上传</button></div></form>",
               UPLOAD_FILE_MAX / (1024 * 1024), STORE_SHORT_MAX);
}

void page_photos(Console *c, Request *r, Response *w)
{
    Buf *b = &w->body;
    page_begin(b, r, "照片与相册");
    html_flash(b, r);
    AlbumQuery aq = {.include_hidden = 1};
    AlbumList albums;
    if (store_album_list(c->store, &aq, &albums) < 0) {
        buf_puts(b, "<p class=\"error\">读取相册失败。</p>");
        page_end(b);
        return;
    }
    const char *arg = req_query(r, "album");
    int64_t chosen = arg ? strtoll(arg, NULL, 10) : (albums.count ? albums.items[0].id : 0);
    buf_puts(b, "<p class=\"actions\">");
    for (size_t i = 0; i < albums.count; i++) {
        const Album *a = &albums.items[i];
        buf_printf(b, "<a class=\"button%s\" href=\"/photos?album=%lld\">",
                   a->id == chosen ? "" : " quiet", (long long)a->id);
        html_esc(b, a->name);
        buf_printf(b, "（%lld）</a>", (long long)a->photo_count);
    }
    buf_puts(b, "</p>");
    if (!albums.count)
        buf_puts(b, "<p>还没有相册；先用 <code>yanxiactl add album</code> 建一个。</p>");
    size_t page = page_number(r);
    PhotoQuery pq = {.album_id = chosen,
                     .include_hidden = 1,
                     .limit = CONSOLE_PAGE_SIZE + 1,
                     .offset = (page - 1) * CONSOLE_PAGE_SIZE};
    PhotoList l = {0};
    if (chosen && store_photo_list(c->store, &pq, &l) == 0) {
        size_t shown = l.count < CONSOLE_PAGE_SIZE ? l.count : CONSOLE_PAGE_SIZE;
        buf_puts(b, "<div class=\"photos\">");
        for (size_t i = 0; i < shown; i++) {
            const Photo *p = &l.items[i];
            long long id = (long long)p->id;
            buf_printf(b,
                       "<figure id=\"photo-%lld\"><img src=\"/photos/%lld/file\" alt=\"\" "
                       "loading=\"lazy\"><figcaption>",
                       id, id);
            html_esc(b, p->person_name[0] ? p->person_name : p->caption);
            if (p->floor)
                buf_printf(b, " · %d楼", p->floor);
            buf_printf(b, "%s</figcaption><form method=\"post\" action=\"/photos/%lld/remove\">",
                       p->consent ? "" : " <span class=\"tag\">未同意展示</span>", id);
            html_csrf(b, r);
            buf_puts(b, "<button class=\"quiet\">撤下</button></form></figure>");
        }
        buf_puts(b, "</div>");
        char base[64];
        snprintf(base, sizeof base, "/photos?album=%lld", (long long)chosen);
        html_pager(b, base, page, l.count > CONSOLE_PAGE_SIZE);
        photo_list_free(&l);
    }
    if (albums.count)
        upload_form(b, r, &albums, chosen);
    album_list_free(&albums);
    page_end(b);
}

/* An iPhone's photo (HEIC) turned into a JPEG in place, which the kiosks can show.
 * 0 with its size, or -1 with why. */
static int heic_in_place(const Upload *u, int *width, int *height, const char **why)
{
    char jpg[PATH_MAX];
    snprintf(jpg, sizeof jpg, "%s.jpg", u->path);
    if (heic_to_jpeg(u->path, jpg, PHOTO_MAX_SIDE, width, height, why) < 0)
        return -1;
    if (rename(jpg, u->path) < 0) {
        unlink(jpg);
        *why = "照片转换后存不下（磁盘可能满了）";
        return -1;
    }
    return 0;
}

int photo_upload_check(const Upload *u, int *width, int *height, const char **why)
{
    int fd = open(u->path, O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0 || st.st_size <= 0) {
        if (fd >= 0)
            close(fd);
        *why = "文件是空的或读不出来";
        return -1;
    }
    unsigned char *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED) {
        *why = "文件读不出来";
        return -1;
    }
    if (heic_sniff(p, (size_t)st.st_size)) {
        munmap(p, (size_t)st.st_size);
        return heic_in_place(u, width, height, why);
    }
    ImageProbe pr;
    const char *probe_why = NULL;
    int rc = -1;
    if (image_probe(p, (size_t)st.st_size, &pr, &probe_why) < 0) {
        *why = "不是完整的照片文件（可能没传完，或者不是 JPEG/PNG/WebP）";
    } else if (pr.format != IMAGE_FMT_JPEG && pr.format != IMAGE_FMT_PNG &&
               pr.format != IMAGE_FMT_WEBP) {
        *why = "只收 JPEG、PNG 或 WebP 照片";
    } else if (pr.width <= 0 || pr.height <= 0 || pr.width > PHOTO_MAX_SIDE ||
               pr.height > PHOTO_MAX_SIDE) {
        *why = "照片太大了（每边最多12000像素）";
    } else {
        *width = pr.width;
        *height = pr.height;
        rc = 0;
    }
    munmap(p, (size_t)st.st_size);
    return rc;
}

void page_photo_upload(Console *c, Request *r, Response *w)
{
    const char *album = req_field(r, "album"), *floor_s = req_field(r, "floor");
    int64_t album_id = album ? strtoll(album, NULL, 10) : 0;
    Album a;
    if (album_id <= 0 || store_album_get(c->store, album_id, &a) < 0) {
        page_message(w, r, MHD_HTTP_UNPROCESSABLE_CONTENT, "照片没有收下", "请选一个相册。");
        return;
    }
    album_deinit(&a);
    int floor = 0;
    if (floor_s && *floor_s) {
        char *end;
        long f = strtol(floor_s, &end, 10);
        if (*end || f < 1 || f > 99) {
            page_message(w, r, MHD_HTTP_UNPROCESSABLE_CONTENT, "照片没有收下",
                         "楼层要写1到99之间的数字，或者不填。什么都没有保存。");
            return;
        }
        floor = (int)f;
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
    StaffPhotoMeta meta = {.caption = req_field(r, "caption"),
                           .person_name = req_field(r, "person"),
                           .floor = floor,
                           .consent = req_field(r, "consent") != NULL};
    size_t bad;
    if (staff_photos_add(&r->session->actor, album_id, files, n, &meta, &bad) < 0) {
        char msg[600];
        snprintf(msg, sizeof msg, "“%.120s”：%s。这一次的照片都没有保存。",
                 bad < n ? ups[bad]->filename : "照片", staff_error(&r->session->actor));
        page_message(w, r, MHD_HTTP_UNPROCESSABLE_CONTENT, "照片没有收下", msg);
        return;
    }
    resp_redirect(w, "/photos?album=%lld&ok=uploaded", (long long)album_id);
}

void page_photo_file(Console *c, Request *r, Response *w, int64_t id)
{
    Photo p;
    if (store_photo_get(c->store, id, &p) < 0) {
        page_message(w, r, MHD_HTTP_NOT_FOUND, "找不到这张照片", "它可能已经撤下了。");
        return;
    }
    resp_photo_file(c, r, w, p.sha256);
    photo_deinit(&p);
}

const char *image_mime(const unsigned char *head, size_t n)
{
    return n >= 4 && head[0] == 0xFF   ? "image/jpeg"
           : n >= 4 && head[0] == 0x89 ? "image/png"
           : n >= 4 && head[0] == 'R'  ? "image/webp"
                                       : "application/octet-stream";
}

void resp_photo_file(Console *c, Request *r, Response *w, const char *sha256)
{
    char *path = store_photo_path(c->store, sha256);
    int fd = path ? open(path, O_RDONLY) : -1;
    free(path);
    struct stat st;
    unsigned char head[4] = {0};
    if (fd < 0 || fstat(fd, &st) < 0 || pread(fd, head, sizeof head, 0) < 4) {
        if (fd >= 0)
            close(fd);
        page_message(w, r, MHD_HTTP_NOT_FOUND, "照片文件不在了", "请用 yanxiactl check 检查。");
        return;
    }
    w->fd = fd;
    w->fd_size = (size_t)st.st_size;
    w->content_type = image_mime(head, sizeof head);
}

void page_photo_remove(Console *c, Request *r, Response *w, int64_t id)
{
    Photo p;
    if (store_photo_get(c->store, id, &p) < 0) {
        page_message(w, r, MHD_HTTP_NOT_FOUND, "没有撤下", "找不到这张照片，它可能已经撤下了。");
        return;
    }
    int64_t album = p.album_id;
    photo_deinit(&p);
    if (staff_photo_remove(&r->session->actor, id) < 0) {
        page_message(w, r, MHD_HTTP_UNPROCESSABLE_CONTENT, "没有撤下",
                     staff_error(&r->session->actor));
        return;
    }
    resp_redirect(w, "/photos?album=%lld&ok=removed", (long long)album);
}
