/* JPEG decoding through libjpeg-turbo's DCT scaling: a 12-megapixel phone photo wanted
 * at grid size decodes at 1/8 of its size in a tenth of the time and memory SDL_image
 * (always full size) would take. The box filter finishes the job. Loader thread. */
#include "ui/image_internal.h"

#include <setjmp.h>
#include <stdio.h>

#include <jpeglib.h>

typedef struct {
    struct jpeg_error_mgr mgr;
    jmp_buf jump;
} JpegErr;

static void on_error(j_common_ptr cinfo)
{
    longjmp(((JpegErr *)cinfo->err)->jump, 1);
}

static void on_message(j_common_ptr cinfo, int level)
{
    (void)cinfo; /* corrupt-data warnings: the probe refused truncated files already */
    (void)level;
}

SDL_Surface *image_jpeg_decode(const unsigned char *buf, size_t len, int need_w, int need_h)
{
    struct jpeg_decompress_struct cinfo;
    JpegErr err;
    SDL_Surface *volatile s = NULL;
    cinfo.err = jpeg_std_error(&err.mgr);
    err.mgr.error_exit = on_error;
    err.mgr.emit_message = on_message;
    if (setjmp(err.jump)) {
        jpeg_destroy_decompress(&cinfo);
        SDL_FreeSurface(s);
        return NULL;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, buf, (unsigned long)len);
    jpeg_read_header(&cinfo, TRUE);
    /* Smallest M/8 that still leaves at least need_w x need_h pixels. */
    unsigned m = 1;
    while (m < 8 && ((unsigned long)cinfo.image_width * m < 8ul * (unsigned)need_w ||
                     (unsigned long)cinfo.image_height * m < 8ul * (unsigned)need_h))
        m++;
    cinfo.scale_num = m;
    cinfo.scale_denom = 8;
    cinfo.out_color_space = JCS_EXT_BGRA; /* SDL's ARGB8888 in memory, alpha filled 0xFF */
    cinfo.dct_method = JDCT_ISLOW;
    jpeg_start_decompress(&cinfo);
    s = SDL_CreateRGBSurfaceWithFormat(0, (int)cinfo.output_width, (int)cinfo.output_height, 32,
                                       SDL_PIXELFORMAT_ARGB8888);
    if (!s || cinfo.output_components != 4)
        longjmp(err.jump, 1);
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW row = (JSAMPROW)((Uint8 *)s->pixels + (size_t)cinfo.output_scanline * s->pitch);
        jpeg_read_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    return s;
}
