/* HEIC photos from iPhones, turned into JPEG on upload: the kiosk's decoders (SDL_image)
 * read JPEG, PNG and WebP, and an iPhone sends HEIC unless told otherwise. libheif
 * decodes it upright (its rotation and mirroring applied), libjpeg writes quality 90.
 * Only the primary image is kept: no depth map, no live-photo video, no metadata, so a
 * portrait's GPS position never reaches a kiosk. */
#include "console/heic.h"

#include <stdio.h> /* before jpeglib.h, which uses FILE */

#include <jpeglib.h>
#include <libheif/heif.h>
#include <setjmp.h>
#include <string.h>
#include <unistd.h>

int heic_sniff(const unsigned char *p, size_t n)
{
    static const char *const brands[] = {"heic", "heix", "heim", "heis",
                                         "hevc", "hevx", "mif1", "msf1"};
    if (n < 12 || memcmp(p + 4, "ftyp", 4) != 0)
        return 0;
    for (size_t i = 0; i < sizeof brands / sizeof brands[0]; i++)
        if (memcmp(p + 8, brands[i], 4) == 0)
            return 1;
    return 0;
}

typedef struct {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
} JpegErr;

static void jpeg_fail(j_common_ptr cinfo)
{
    longjmp(((JpegErr *)cinfo->err)->jump, 1);
}

int jpeg_write_rgb(const char *path, const unsigned char *rgb, int stride, int w, int h,
                   int quality)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    struct jpeg_compress_struct cinfo;
    JpegErr err;
    cinfo.err = jpeg_std_error(&err.pub);
    err.pub.error_exit = jpeg_fail;
    if (setjmp(err.jump)) {
        jpeg_destroy_compress(&cinfo);
        fclose(f);
        unlink(path);
        return -1;
    }
    jpeg_create_compress(&cinfo);
    jpeg_stdio_dest(&cinfo, f);
    cinfo.image_width = (JDIMENSION)w;
    cinfo.image_height = (JDIMENSION)h;
    cinfo.input_components = 3;
    cinfo.in_color_space = JCS_RGB;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = (JSAMPROW)(rgb + (size_t)cinfo.next_scanline * (size_t)stride);
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    int bad = ferror(f);
    if (fclose(f) != 0 || bad) {
        unlink(path);
        return -1;
    }
    return 0;
}

int heic_to_jpeg(const char *in, const char *out, int max_side, int *width, int *height,
                 const char **why)
{
    struct heif_context *ctx = heif_context_alloc();
    struct heif_image_handle *handle = NULL;
    struct heif_image *img = NULL;
    int rc = -1;
    *why = "HEIC 照片读不出来（可能没传完）";
    if (!ctx || heif_context_read_from_file(ctx, in, NULL).code != heif_error_Ok ||
        heif_context_get_primary_image_handle(ctx, &handle).code != heif_error_Ok)
        goto out;
    /* the size as shown (after rotation), checked before anything is decoded */
    int w = heif_image_handle_get_width(handle), h = heif_image_handle_get_height(handle);
    if (w <= 0 || h <= 0 || w > max_side || h > max_side) {
        *why = "照片太大了（每边最多12000像素）";
        goto out;
    }
    if (heif_decode_image(handle, &img, heif_colorspace_RGB, heif_chroma_interleaved_RGB, NULL)
            .code != heif_error_Ok)
        goto out;
    int stride = 0;
    const uint8_t *rgb = heif_image_get_plane_readonly(img, heif_channel_interleaved, &stride);
    w = heif_image_get_width(img, heif_channel_interleaved);
    h = heif_image_get_height(img, heif_channel_interleaved);
    if (!rgb || w <= 0 || h <= 0 || stride < 3 * w)
        goto out;
    if (jpeg_write_rgb(out, rgb, stride, w, h, 90) < 0) {
        *why = "照片转换后存不下（磁盘可能满了）";
        goto out;
    }
    *width = w;
    *height = h;
    *why = NULL;
    rc = 0;
out:
    heif_image_release(img);
    heif_image_handle_release(handle);
    heif_context_free(ctx);
    return rc;
}
