/* HEIC (iPhone) photos turned into JPEG on upload (heic.c, libheif and libjpeg). */
#ifndef YX_CONSOLE_HEIC_H
#define YX_CONSOLE_HEIC_H

#include <stddef.h>

/* True when the file's first bytes (n of them) are an HEIF/HEIC container. */
int heic_sniff(const unsigned char *p, size_t n);

/* Decodes the HEIC file in (its primary image, upright) and writes it to out as a
 * JPEG. Refuses an image wider or taller than max_side before decoding it. 0 with its
 * size; -1 with why (a sentence for staff) and no file at out. */
int heic_to_jpeg(const char *in, const char *out, int max_side, int *width, int *height,
                 const char **why);

/* Writes h rows of interleaved RGB (stride bytes apart) to path as a JPEG of the given
 * quality, with no metadata. 0, or -1 (the file removed). */
int jpeg_write_rgb(const char *path, const unsigned char *rgb, int stride, int w, int h,
                   int quality);

#endif
