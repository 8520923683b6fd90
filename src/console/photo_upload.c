/* Photos from a phone's camera or gallery, on both backends: the upload form, and its
 * post checked here (floor, files: whole JPEG, PNG or WebP, not absurdly large; an
 * iPhone's HEIC turned into a JPEG, heic.c) before the staff library adds the whole
 * upload (staff_photos_add: all of it or none). The pages of each backend say only
 * where the photos go: an album of the store, or an album and building of the hub. */
#include "console/console.h"
#include "console/heic.h"

#include "store/store.h"
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

void photo_upload_form_begin(Buf *b, const Request *r)
{
    buf_puts(b, "<form method=\"post\" action=\"/photos/upload\" enctype=\"multipart/form-data\" "
                "class=\"card\"><h2>上传照片</h2>");
    html_csrf(b, r);
}

void photo_upload_form_end(Buf *b, const char *note)
{
    buf_printf(b,
               "<label for=\"files\">照片（可以一次选多张，每张不超过%d MB）</label>"
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
               "<p class=\"meta\">不勾选也可以先存着，但楼道屏上不会显示。",
               UPLOAD_FILE_MAX / (1024 * 1024), STORE_NAME_MAX, STORE_SHORT_MAX);
    buf_puts(b, note);
    buf_puts(b, "</p><div class=\"actions\"><button>上传</button></div></form>");
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

/* The posted floor: 0 when not said, 1..99, or -1 when it is not a floor. */
static int posted_floor(const Request *r)
{
    const char *s = req_field(r, "floor");
    if (!s || !*s)
        return 0;
    char *end;
    long f = strtol(s, &end, 10);
    return *end || f < 1 || f > 99 ? -1 : (int)f;
}

static void refuse(Request *r, Response *w, int status, const char *sentence)
{
    page_message(w, r, status, "照片没有收下", sentence);
}

void photo_upload_receive(Request *r, Response *w, const PhotoUploadTarget *to)
{
    int floor = posted_floor(r);
    if (floor < 0) {
        refuse(r, w, MHD_HTTP_UNPROCESSABLE_CONTENT,
               "楼层要写1到99之间的数字，或者不填。什么都没有保存。");
        return;
    }
    const Upload *ups[UPLOAD_FILES_MAX];
    size_t n = req_uploads(r, "files", ups, UPLOAD_FILES_MAX);
    if (!n) {
        refuse(r, w, MHD_HTTP_UNPROCESSABLE_CONTENT, "没有选照片。");
        return;
    }
    char msg[600];
    StaffPhotoFile files[UPLOAD_FILES_MAX];
    for (size_t i = 0; i < n; i++) {
        const char *why = NULL;
        files[i] = (StaffPhotoFile){.path = ups[i]->path, .label = ups[i]->filename};
        if (photo_upload_check(ups[i], &files[i].width, &files[i].height, &why) < 0) {
            snprintf(msg, sizeof msg, "“%.120s”：%s。这一次的照片都没有保存，请去掉它再传。",
                     ups[i]->filename, why);
            refuse(r, w, MHD_HTTP_UNPROCESSABLE_CONTENT, msg);
            return;
        }
    }
    StaffPhotoMeta meta = {.building = to->building,
                           .album = to->album,
                           .caption = req_field(r, "caption"),
                           .person_name = req_field(r, "person"),
                           .floor = floor,
                           .consent = req_field(r, "consent") != NULL};
    size_t bad;
    if (staff_photos_add(&r->session->actor, to->album_id, files, n, &meta, &bad) < 0) {
        const char *why = staff_error(&r->session->actor);
        if (bad < n)
            snprintf(msg, sizeof msg, "“%.120s”：%s。这一次的照片都没有保存。", ups[bad]->filename,
                     why);
        else /* the batch as a whole failed (its commit, or the hub went away) */
            snprintf(msg, sizeof msg, "%s。这一次的照片都没有保存。", why);
        /* over the hub: a building outside the member's scope */
        refuse(r, w, strstr(why, "不能发布") ? MHD_HTTP_FORBIDDEN : MHD_HTTP_UNPROCESSABLE_CONTENT,
               msg);
        return;
    }
    resp_redirect(w, "%s", to->done);
}
