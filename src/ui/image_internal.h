/* Internals of the image pipeline shared by image_cache.c (queue, textures), image_decode.c
 * (loader-thread work) and image_probe.c (header checks), and reachable by tests. */
#ifndef YX_UI_IMAGE_INTERNAL_H
#define YX_UI_IMAGE_INTERNAL_H

#include <stddef.h>

#include "ui/image.h"

typedef enum {
    IMAGE_FMT_UNKNOWN,
    IMAGE_FMT_PNG,
    IMAGE_FMT_JPEG,
    IMAGE_FMT_GIF,
    IMAGE_FMT_BMP,
    IMAGE_FMT_WEBP,
} ImageFormat;

typedef struct {
    ImageFormat format;
    int width, height; /* as stored, before EXIF orientation */
    size_t exif_off;   /* JPEG APP1 payload starting with "Exif\0\0"; exif_len 0: none */
    size_t exif_len;
} ImageProbe;

/* Reads the format and dimensions from the first bytes of a whole file, and checks that
 * the file is complete (PNG IEND, JPEG EOI, GIF trailer, RIFF size) so a truncated file is
 * refused before any decoder sees it. Returns 0, or -1 with *why set to a static reason.
 * Never reads outside data[0..len). Pure C; any thread. */
int image_probe(const unsigned char *data, size_t len, ImageProbe *out, const char **why);

/* The EXIF Orientation (1..8) in an APP1 payload ("Exif\0\0" + TIFF), 1 when absent or
 * unreadable. Any thread. */
int image_exif_orientation(const unsigned char *app1, size_t len);

/* A new ARGB8888 surface showing s as EXIF orientation o asks (2-8 flip and/or rotate;
 * 5-8 swap width and height). NULL when out of memory. s is not freed. Any thread. */
SDL_Surface *image_orient(SDL_Surface *s, int orientation);

/* Where a sw x sh source goes for a box bw x bh: the source rectangle to use (*crop, the
 * whole image for CONTAIN, a centred one of the box's aspect for COVER) and the output
 * size (never larger than the crop). */
void image_fit(int sw, int sh, int bw, int bh, ImageFit fit, SDL_Rect *crop, int *ow, int *oh);

/* Area-averaging (box filter) downscale of crop of s (any 24- or 32-bit format without a
 * palette) to ow x oh, weighting
 * colour by alpha so transparent edges do not darken. Returns a new ARGB8888 surface, or
 * NULL when out of memory. *opaque gets 1 when every output pixel is fully opaque. */
SDL_Surface *image_scale_box(SDL_Surface *s, const SDL_Rect *crop, int ow, int oh, int *opaque);

/* Decodes a JPEG with libjpeg-turbo's DCT scaling at the smallest M/8 of its size that is
 * still at least need_w x need_h (as stored). ARGB8888 (little-endian hosts), or NULL when
 * libjpeg refuses it (the caller falls back to SDL_image). Any thread. */
SDL_Surface *image_jpeg_decode(const unsigned char *buf, size_t len, int need_w, int need_h);

typedef struct {
    int w, h;
    ImageFit fit;
    int max_pixels;
} ImageDecodeSpec;

typedef struct {
    SDL_Surface *surface; /* ARGB8888, oriented and scaled; NULL on failure */
    int opaque;
    int transformed; /* scaled or rotated: worth a thumbnail */
    char why[160];   /* failure reason */
} ImageDecoded;

/* Reads path whole, probes it, decodes it with SDL_image, orients and scales it. Fills
 * *out; on failure out->surface is NULL and out->why says why. Loader thread. */
void image_decode_file(const char *path, const ImageDecodeSpec *spec, ImageDecoded *out);

/* Writes s to path (JPEG when opaque, else PNG) through a temporary file and a rename,
 * creating the folder. Returns 0 or -1 (nothing left behind). Loader thread. */
int image_thumb_write(const char *path, SDL_Surface *s, int opaque);

#endif
