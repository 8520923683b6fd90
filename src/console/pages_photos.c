/* Photos of a standalone building: the albums with their photos (the chosen one with
 * its 改名 and 撤下, album_actions.c), the upload form (photo_upload.c, both backends)
 * with the store's albums to pick from, and a photo taken off every screen at once when
 * a resident asks. */
#include "console/console.h"

#include "store/photo.h"

#include <fcntl.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void upload_form(Buf *b, const Request *r, const AlbumList *albums, int64_t chosen)
{
    photo_upload_form_begin(b, r);
    buf_puts(b, "<label for=\"album\">放进哪个相册</label><select id=\"album\" name=\"album\">");
    for (size_t i = 0; i < albums->count; i++) {
        buf_printf(b, "<option value=\"%lld\"%s>", (long long)albums->items[i].id,
                   albums->items[i].id == chosen ? " selected" : "");
        html_esc(b, albums->items[i].name);
        buf_puts(b, "</option>");
    }
    buf_puts(b, "</select>");
    photo_upload_form_end(b, "");
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
    for (size_t i = 0; i < albums.count; i++) {
        if (albums.items[i].id != chosen)
            continue;
        /* the button counts every photo staff see here; 撤下 says how many are shown */
        int64_t shown = -1;
        PhotoQuery sq = {.album_id = chosen};
        if (store_photo_count(c->store, &sq, &shown) < 0)
            shown = -1; /* then it says how many go, as over the hub */
        album_forms(b, r, (long long)chosen, albums.items[i].name, (long long)shown,
                    (long long)albums.items[i].photo_count);
    }
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
            buf_printf(b, "%s</figcaption>",
                       p->consent ? "" : " <span class=\"tag\">未同意展示</span>");
            char action[48];
            snprintf(action, sizeof action, "/photos/%lld/remove", id);
            html_confirm(b, r,
                         &(HtmlConfirm){.action = action,
                                        .label = "撤下",
                                        .what = "这张照片会从楼道屏上消失。",
                                        .button = "确定撤下"});
            buf_puts(b, "</figure>");
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

void page_photo_upload(Console *c, Request *r, Response *w)
{
    const char *album = req_field(r, "album");
    int64_t album_id = album ? strtoll(album, NULL, 10) : 0;
    Album a;
    if (album_id <= 0 || store_album_get(c->store, album_id, &a) < 0) {
        page_message(w, r, MHD_HTTP_UNPROCESSABLE_CONTENT, "照片没有收下", "请选一个相册。");
        return;
    }
    album_deinit(&a);
    char done[64];
    snprintf(done, sizeof done, "/photos?album=%lld&ok=uploaded", (long long)album_id);
    PhotoUploadTarget to = {.album_id = album_id, .done = done};
    photo_upload_receive(r, w, &to);
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
