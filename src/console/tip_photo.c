/* A health tip's photo of the doctor's handwritten page (tip_photo.h). A phone's photo
 * carries its GPS position, the camera and a thumbnail in EXIF, and is often stored
 * sideways with an orientation tag: the page goes to kiosks re-encoded upright with no
 * metadata at all, at a size a lobby screen needs, through the same photo storage and
 * transport as the photo walls (the kiosk's photo store by SHA-256; the hub's
 * photo_blobs and chunks). */
#include "console/tip_photo.h"
#include "console/heic.h"
#include "console/pages_hub.h"

#include "store/health.h"
#include "store/photo.h"
#include "ui/image_internal.h"

#include <stdio.h> /* before jpeglib.h, which uses FILE */

#include <fcntl.h>
#include <jpeglib.h>
#include <limits.h>
#include <microhttpd.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int tip_text_given(const char *s)
{
    for (; s && *s; s++) {
        if (strncmp(s, "\xe3\x80\x80", 3) == 0) /* U+3000 */
            s += 2;
        else if (!strchr(" \t\r\n\v\f", *s))
            return 1;
    }
    return 0;
}

/* The whole file at path in a new buffer (caller frees), or NULL. */
static unsigned char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    unsigned char *p = NULL;
    if (!f || fstat(fileno(f), &st) < 0 || st.st_size <= 0 || st.st_size > UPLOAD_FILE_MAX)
        goto done;
    p = malloc((size_t)st.st_size);
    if (p && fread(p, 1, (size_t)st.st_size, f) != (size_t)st.st_size) {
        free(p);
        p = NULL;
    }
    *len = (size_t)st.st_size;
done:
    if (f)
        fclose(f);
    return p;
}

typedef struct {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
} JpegErr;

static void jpeg_fail(j_common_ptr cinfo)
{
    longjmp(((JpegErr *)cinfo->err)->jump, 1);
}

/* Source pixel of destination (x, y) for EXIF orientation o of a sw x sh image. */
static void oriented_source(int o, int x, int y, int sw, int sh, int *sx, int *sy)
{
    switch (o) {
    case 2:
        *sx = sw - 1 - x, *sy = y;
        break;
    case 3:
        *sx = sw - 1 - x, *sy = sh - 1 - y;
        break;
    case 4:
        *sx = x, *sy = sh - 1 - y;
        break;
    case 5:
        *sx = y, *sy = x;
        break;
    case 6:
        *sx = y, *sy = sh - 1 - x;
        break;
    case 7:
        *sx = sw - 1 - y, *sy = sh - 1 - x;
        break;
    case 8:
        *sx = sw - 1 - y, *sy = x;
        break;
    default:
        *sx = x, *sy = y;
        break;
    }
}

/* Decodes JPEG data (scaled by libjpeg's DCT to at most TIP_PHOTO_MAX_SIDE where it can),
 * turns it upright and writes it to out with no metadata. 0 with the new size, or -1. */
static int jpeg_clean(const unsigned char *data, size_t len, int orientation, const char *out,
                      int *width, int *height)
{
    struct jpeg_decompress_struct d;
    JpegErr err;
    unsigned char *volatile rgb = NULL, *volatile up = NULL;
    d.err = jpeg_std_error(&err.pub);
    err.pub.error_exit = jpeg_fail;
    if (setjmp(err.jump)) {
        jpeg_destroy_decompress(&d);
        free(rgb);
        free(up);
        return -1;
    }
    jpeg_create_decompress(&d);
    jpeg_mem_src(&d, data, (unsigned long)len);
    jpeg_read_header(&d, TRUE);
    d.out_color_space = JCS_RGB;
    unsigned side = d.image_width > d.image_height ? d.image_width : d.image_height;
    d.scale_num = 1;
    d.scale_denom = 1;
    while (d.scale_denom < 8 && side / d.scale_denom > TIP_PHOTO_MAX_SIDE)
        d.scale_denom *= 2;
    jpeg_start_decompress(&d);
    int w = (int)d.output_width, h = (int)d.output_height;
    size_t stride = (size_t)w * 3;
    rgb = malloc(stride * (size_t)h);
    up = malloc(stride * (size_t)h);
    if (!rgb || !up || d.output_components != 3)
        longjmp(err.jump, 1);
    while (d.output_scanline < d.output_height) {
        JSAMPROW row = rgb + (size_t)d.output_scanline * stride;
        jpeg_read_scanlines(&d, &row, 1);
    }
    jpeg_finish_decompress(&d);
    jpeg_destroy_decompress(&d);
    int swap = orientation >= 5 && orientation <= 8;
    int ow = swap ? h : w, oh = swap ? w : h;
    for (int y = 0; y < oh; y++)
        for (int x = 0; x < ow; x++) {
            int sx, sy;
            oriented_source(orientation, x, y, w, h, &sx, &sy);
            memcpy(up + ((size_t)y * (size_t)ow + (size_t)x) * 3,
                   rgb + (size_t)sy * stride + (size_t)sx * 3, 3);
        }
    int rc = jpeg_write_rgb(out, up, ow * 3, ow, oh, 85);
    free(rgb);
    free(up);
    if (rc == 0) {
        *width = ow;
        *height = oh;
    }
    return rc;
}

static unsigned long be32(const unsigned char *p)
{
    return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

/* Copies a PNG (already probed whole) to out keeping only the chunks that draw the
 * picture: text, EXIF, times and anything unknown stay behind. 0, or -1. */
static int png_clean(const unsigned char *p, size_t len, const char *out)
{
    static const char keep[][5] = {"IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA",
                                   "cHRM", "sRGB", "iCCP", "sBIT", "bKGD", "pHYs"};
    FILE *f = fopen(out, "wb");
    if (!f)
        return -1;
    int ok = fwrite(p, 1, 8, f) == 8;
    for (size_t at = 8; ok && at + 12 <= len;) {
        unsigned long n = be32(p + at);
        if (n > len - at - 12) {
            ok = 0;
            break;
        }
        for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++)
            if (memcmp(p + at + 4, keep[i], 4) == 0) {
                ok = fwrite(p + at, 1, n + 12, f) == n + 12;
                break;
            }
        if (memcmp(p + at + 4, "IEND", 4) == 0)
            break;
        at += n + 12;
    }
    if (fclose(f) != 0 || !ok) {
        unlink(out);
        return -1;
    }
    return 0;
}

int tip_photo_clean(const Upload *u, int *width, int *height, const char **why)
{
    if (photo_upload_check(u, width, height, why) < 0)
        return -1;
    size_t len = 0;
    unsigned char *p = read_all(u->path, &len);
    ImageProbe pr;
    const char *probe_why;
    if (!p || image_probe(p, len, &pr, &probe_why) < 0) {
        free(p);
        *why = "文件读不出来";
        return -1;
    }
    char tmp[PATH_MAX];
    snprintf(tmp, sizeof tmp, "%s.clean", u->path);
    int rc = -1;
    if (pr.format == IMAGE_FMT_JPEG) {
        int o = pr.exif_len ? image_exif_orientation(p + pr.exif_off, pr.exif_len) : 1;
        rc = jpeg_clean(p, len, o, tmp, width, height);
        *why = "照片读不出来（可能是不常见的 JPEG，请用手机拍照后直接上传）";
    } else if (pr.format == IMAGE_FMT_PNG) {
        rc = png_clean(p, len, tmp);
        *why = "PNG 图片读不出来";
    } else {
        *why = "手写稿照片只收 JPEG、PNG 或 iPhone 的 HEIC 照片";
    }
    free(p);
    if (rc == 0 && rename(tmp, u->path) < 0) {
        unlink(tmp);
        *why = "照片存不下（磁盘可能满了）";
        rc = -1;
    }
    if (rc == 0)
        *why = NULL;
    return rc;
}

void tip_photo_field(Buf *b)
{
    buf_printf(b,
               "<label for=\"photo\">或者：医生手写稿的照片（JPEG、PNG 或 iPhone 照片，不超过%d "
               "MB，可不传）</label><input type=\"file\" id=\"photo\" name=\"photo\" "
               "accept=\"image/jpeg,image/png,image/heic,image/heif\" capture=\"environment\">"
               "<p class=\"meta\">照片会转正、缩小，去掉拍摄地点等信息后再发到楼道屏。有照片时"
               "内容可以不打。</p>",
               UPLOAD_FILE_MAX / (1024 * 1024));
}

void tip_photo_thumb(Buf *b, const char *id, int width, int height)
{
    buf_printf(b,
               "<p><a class=\"tip-photo\" href=\"/health/%s/photo\"><img src=\"/health/%s/photo\" "
               "alt=\"医生手写稿\" width=\"160\" height=\"%d\" loading=\"lazy\" "
               "style=\"object-fit:contain;border:1px solid #ccc\"></a><br>"
               "<span class=\"meta\">手写稿照片 %d×%d（点开看原图）</span></p>",
               id, id, width > 0 ? 160 * height / width : 160, width, height);
}

/* The content type of a file from its first bytes (the kinds a tip's page can be). */
void page_health_photo(Console *c, Request *r, Response *w, int64_t id)
{
    HealthTip t;
    if (store_tip_get(c->store, id, &t) < 0 || !t.photo_sha256[0]) {
        if (t.month)
            health_tip_deinit(&t);
        page_message(w, r, MHD_HTTP_NOT_FOUND, "找不到这张手写稿", "这条小贴士可能已经撤下了。");
        return;
    }
    resp_photo_file(c, r, w, t.photo_sha256);
    health_tip_deinit(&t);
}

void hub_page_health_photo(Console *c, Request *r, Response *w, int64_t id)
{
    (void)c;
    PGresult *res = hub_call_item(r, w, "SELECT yanxia_hub.staff_tip_photo($1::bigint)", id);
    if (!res)
        return;
    size_t n = 0;
    unsigned char *bytes = PQgetisnull(res, 0, 0)
                               ? NULL
                               : PQunescapeBytea((const unsigned char *)PQgetvalue(res, 0, 0), &n);
    PQclear(res);
    if (!bytes || n < 4) {
        PQfreemem(bytes);
        page_message(w, r, MHD_HTTP_NOT_FOUND, "照片文件不在了", "中心库里没有这张手写稿的文件。");
        return;
    }
    buf_reset(&w->body);
    buf_append(&w->body, (const char *)bytes, n);
    w->content_type = image_mime(bytes, n);
    PQfreemem(bytes);
}
