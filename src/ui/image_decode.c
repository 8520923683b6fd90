/* Loader-thread work: read a file, refuse what the header says is broken or too big,
 * decode with SDL_image, honour the EXIF orientation (libexif), and shrink with an
 * area-averaging box filter so a portrait scaled to a grid cell stays smooth. */
#include "ui/image_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL2/SDL_image.h>
#include <libexif/exif-data.h>

SDL_Surface *image_orient(SDL_Surface *s, int o)
{
    int w = s->w, h = s->h, swap = o >= 5 && o <= 8;
    SDL_Surface *d =
        SDL_CreateRGBSurfaceWithFormat(0, swap ? h : w, swap ? w : h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!d)
        return NULL;
    for (int y = 0; y < h; y++) {
        const Uint32 *src = (const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * s->pitch);
        for (int x = 0; x < w; x++) {
            int dx, dy; /* where stored pixel (x, y) is seen, per the EXIF table */
            switch (o) {
            case 2:
                dx = w - 1 - x, dy = y;
                break;
            case 3:
                dx = w - 1 - x, dy = h - 1 - y;
                break;
            case 4:
                dx = x, dy = h - 1 - y;
                break;
            case 5:
                dx = y, dy = x;
                break;
            case 6:
                dx = h - 1 - y, dy = x;
                break;
            case 7:
                dx = h - 1 - y, dy = w - 1 - x;
                break;
            case 8:
                dx = y, dy = w - 1 - x;
                break;
            default:
                dx = x, dy = y;
                break;
            }
            ((Uint32 *)((Uint8 *)d->pixels + (size_t)dy * d->pitch))[dx] = src[x];
        }
    }
    return d;
}

void image_fit(int sw, int sh, int bw, int bh, ImageFit fit, SDL_Rect *crop, int *ow, int *oh)
{
    *crop = (SDL_Rect){0, 0, sw, sh};
    if (fit == IMAGE_FIT_COVER) {
        if ((long long)sw * bh > (long long)sh * bw) { /* wider than the box: trim sides */
            crop->w = (int)(((long long)sh * bw + bh / 2) / bh);
            if (crop->w < 1)
                crop->w = 1;
            crop->x = (sw - crop->w) / 2;
        } else {
            crop->h = (int)(((long long)sw * bh + bw / 2) / bw);
            if (crop->h < 1)
                crop->h = 1;
            crop->y = (sh - crop->h) / 2;
        }
        *ow = crop->w < bw ? crop->w : bw;
        *oh = crop->w < bw ? crop->h : bh;
        return;
    }
    double sx = (double)bw / sw, sy = (double)bh / sh, s = sx < sy ? sx : sy;
    if (s >= 1.0) {
        *ow = sw;
        *oh = sh;
        return;
    }
    *ow = (int)(sw * s + 0.5);
    *oh = (int)(sh * s + 0.5);
    *ow = *ow < 1 ? 1 : *ow;
    *oh = *oh < 1 ? 1 : *oh;
}

/* Box-filter weights for n_out outputs covering n_in inputs: output o averages input
 * cells [o*k, (o+1)*k) with partial cells weighted by their covered fraction. */
typedef struct {
    int *start, *count, max;
    float *w; /* n_out x max */
} Spans;

static int spans_build(Spans *sp, int n_in, int n_out)
{
    double k = (double)n_in / n_out;
    sp->max = (int)k + 2;
    sp->start = malloc(sizeof(int) * (size_t)n_out);
    sp->count = malloc(sizeof(int) * (size_t)n_out);
    sp->w = malloc(sizeof(float) * (size_t)n_out * (size_t)sp->max);
    if (!sp->start || !sp->count || !sp->w)
        return -1;
    for (int o = 0; o < n_out; o++) {
        double a = o * k, b = (o + 1) * k;
        int i0 = (int)a, i1 = (int)b;
        if (i1 < b)
            i1++;
        if (i1 > n_in)
            i1 = n_in;
        if (i1 - i0 > sp->max)
            i1 = i0 + sp->max;
        sp->start[o] = i0;
        sp->count[o] = i1 - i0;
        for (int i = i0; i < i1; i++) {
            double lo = a > i ? a : i, hi = b < i + 1 ? b : i + 1;
            sp->w[(size_t)o * sp->max + (i - i0)] = (float)((hi - lo) / k);
        }
    }
    return 0;
}

static void spans_free(Spans *sp)
{
    free(sp->start);
    free(sp->count);
    free(sp->w);
}

/* One row of a 24- or 32-bit surface as ARGB8888, from its channel masks: a whole-image
 * SDL_ConvertSurfaceFormat of a 12-megapixel JPEG costs ~400 ms and 48 MB, this a row. */
static void row_to_argb(const SDL_Surface *s, int y, int x0, int n, Uint32 *out)
{
    const SDL_PixelFormat *f = s->format;
    const Uint8 *p = (const Uint8 *)s->pixels + (size_t)y * s->pitch;
    if (f->format == SDL_PIXELFORMAT_ARGB8888) {
        memcpy(out, (const Uint32 *)p + x0, sizeof(Uint32) * (size_t)n);
        return;
    }
    Uint32 amask = f->Amask;
    if (f->BytesPerPixel == 4) {
        const Uint32 *q = (const Uint32 *)p + x0;
        for (int i = 0; i < n; i++) {
            Uint32 v = q[i];
            Uint32 a = amask ? (v & amask) >> f->Ashift : 255;
            out[i] = a << 24 | ((v & f->Rmask) >> f->Rshift) << 16 |
                     ((v & f->Gmask) >> f->Gshift) << 8 | (v & f->Bmask) >> f->Bshift;
        }
        return;
    }
    const Uint8 *q = p + 3 * (size_t)x0; /* 24-bit: masks apply to the bytes read LSB first */
    for (int i = 0; i < n; i++, q += 3) {
        Uint32 v = (Uint32)q[0] | (Uint32)q[1] << 8 | (Uint32)q[2] << 16;
        out[i] = 0xFF000000u | ((v & f->Rmask) >> f->Rshift) << 16 |
                 ((v & f->Gmask) >> f->Gshift) << 8 | (v & f->Bmask) >> f->Bshift;
    }
}

/* One ARGB row through the horizontal filter into ow premultiplied RGBA floats. */
static void filter_row(const Uint32 *row, const Spans *sx, int ow, float *out)
{
    for (int o = 0; o < ow; o++) {
        float r = 0, g = 0, b = 0, a = 0;
        const float *w = sx->w + (size_t)o * sx->max;
        const Uint32 *p = row + sx->start[o];
        for (int i = 0; i < sx->count[o]; i++) {
            Uint32 px = p[i];
            float pa = (float)(px >> 24) * w[i];
            r += (float)((px >> 16) & 255) * pa;
            g += (float)((px >> 8) & 255) * pa;
            b += (float)(px & 255) * pa;
            a += pa;
        }
        out[4 * o] = r, out[4 * o + 1] = g, out[4 * o + 2] = b, out[4 * o + 3] = a;
    }
}

static Uint32 channel(float premul, float a)
{
    float v = premul / a + 0.5f;
    return v >= 255.f ? 255u : (Uint32)v;
}

SDL_Surface *image_scale_box(SDL_Surface *s, const SDL_Rect *crop, int ow, int oh, int *opaque)
{
    SDL_Surface *d = NULL;
    Spans sx = {0}, sy = {0};
    float *hrow = NULL, *acc = NULL;
    Uint32 *argb = NULL;
    int hrow_y = -1;
    *opaque = 1;
    if (spans_build(&sx, crop->w, ow) != 0 || spans_build(&sy, crop->h, oh) != 0)
        goto done;
    hrow = malloc(sizeof(float) * 4 * (size_t)ow);
    acc = malloc(sizeof(float) * 4 * (size_t)ow);
    argb = malloc(sizeof(Uint32) * (size_t)crop->w);
    d = SDL_CreateRGBSurfaceWithFormat(0, ow, oh, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!hrow || !acc || !argb || !d) {
        SDL_FreeSurface(d);
        d = NULL;
        goto done;
    }
    for (int oy = 0; oy < oh; oy++) {
        memset(acc, 0, sizeof(float) * 4 * (size_t)ow);
        for (int i = 0; i < sy.count[oy]; i++) {
            int y = crop->y + sy.start[oy] + i;
            if (y != hrow_y) { /* adjacent outputs share a boundary row: filter it once */
                row_to_argb(s, y, crop->x, crop->w, argb);
                filter_row(argb, &sx, ow, hrow);
                hrow_y = y;
            }
            float wy = sy.w[(size_t)oy * sy.max + i];
            for (int k = 0; k < 4 * ow; k++)
                acc[k] += hrow[k] * wy;
        }
        Uint32 *out = (Uint32 *)((Uint8 *)d->pixels + (size_t)oy * d->pitch);
        for (int o = 0; o < ow; o++) {
            const float *c = acc + 4 * o;
            Uint32 a = c[3] >= 254.5f ? 255u : (Uint32)(c[3] + 0.5f);
            if (a != 255)
                *opaque = 0;
            out[o] = a == 0 ? 0
                            : a << 24 | channel(c[0], c[3]) << 16 | channel(c[1], c[3]) << 8 |
                                  channel(c[2], c[3]);
        }
    }
done:
    spans_free(&sx);
    spans_free(&sy);
    free(hrow);
    free(acc);
    free(argb);
    return d;
}

/* The whole file in memory (malloc'd), refusing sizes over the cap. */
static unsigned char *read_file(const char *path, size_t *len, char *why, size_t whylen)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    unsigned char *buf = NULL;
    if (!f) {
        snprintf(why, whylen, "cannot open: %s", strerror(errno));
        return NULL;
    }
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(why, whylen, "not a regular file");
    } else if (st.st_size > IMAGE_MAX_FILE_BYTES) {
        snprintf(why, whylen, "file too large (%lld bytes)", (long long)st.st_size);
    } else if (!(buf = malloc((size_t)st.st_size + 1))) {
        snprintf(why, whylen, "out of memory");
    } else if (fread(buf, 1, (size_t)st.st_size, f) != (size_t)st.st_size) {
        snprintf(why, whylen, "read error");
        free(buf);
        buf = NULL;
    } else {
        *len = (size_t)st.st_size;
    }
    fclose(f);
    return buf;
}

void image_decode_file(const char *path, const ImageDecodeSpec *spec, ImageDecoded *out)
{
    memset(out, 0, sizeof *out);
    size_t len = 0;
    const char *why = NULL;
    ImageProbe pr;
    SDL_Surface *raw = NULL, *img = NULL, *scaled = NULL;
    unsigned char *buf = read_file(path, &len, out->why, sizeof out->why);
    if (!buf)
        return;
    if (image_probe(buf, len, &pr, &why) != 0) {
        snprintf(out->why, sizeof out->why, "%s", why);
        goto done;
    }
    /* The cap is checked on the header's word, before any decoder allocates. */
    if ((long long)pr.width * pr.height > spec->max_pixels) {
        snprintf(out->why, sizeof out->why, "too large: %dx%d exceeds %d pixels", pr.width,
                 pr.height, spec->max_pixels);
        goto done;
    }
    int orient = pr.exif_len ? image_exif_orientation(buf + pr.exif_off, pr.exif_len) : 1;
    int swap = orient >= 5, bw = swap ? spec->h : spec->w, bh = swap ? spec->w : spec->h;
    SDL_Rect crop;
    int ow, oh;
    if (pr.format == IMAGE_FMT_JPEG) {
        /* How much of the whole image the output needs: crop scaled to ow x oh. */
        image_fit(pr.width, pr.height, bw, bh, spec->fit, &crop, &ow, &oh);
        int need_w = (int)(((long long)ow * pr.width + crop.w - 1) / crop.w);
        int need_h = (int)(((long long)oh * pr.height + crop.h - 1) / crop.h);
        raw = image_jpeg_decode(buf, len, need_w, need_h);
    }
    if (!raw) /* other formats, and JPEGs libjpeg would not take (e.g. CMYK) */
        raw = IMG_Load_RW(SDL_RWFromConstMem(buf, (int)len), 1);
    if (!raw) {
        snprintf(out->why, sizeof out->why, "decode failed: %s", IMG_GetError());
        goto done;
    }
    if ((long long)raw->w * raw->h > spec->max_pixels) {
        snprintf(out->why, sizeof out->why, "decoded size %dx%d over the cap", raw->w, raw->h);
        goto done;
    }
    /* The scaler reads 24- and 32-bit pixels itself; only palettes and odd depths (GIF,
     * 8-bit PNG, 16-bit BMP) are converted whole. */
    if (raw->format->palette || raw->format->BytesPerPixel < 3) {
        img = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0);
        SDL_FreeSurface(raw);
        raw = NULL;
    } else {
        img = raw;
        raw = NULL;
    }
    if (!img) {
        snprintf(out->why, sizeof out->why, "out of memory converting");
        goto done;
    }
    /* Scale first, in stored orientation (the box turned with it), then turn the small
     * result: rotating a 24-megapixel original would cost another copy of it. */
    image_fit(img->w, img->h, bw, bh, spec->fit, &crop, &ow, &oh);
    scaled = image_scale_box(img, &crop, ow, oh, &out->opaque);
    if (!scaled) {
        snprintf(out->why, sizeof out->why, "out of memory scaling");
        goto done;
    }
    out->transformed = ow != pr.width || oh != pr.height || orient != 1;
    if (orient != 1) {
        out->surface = image_orient(scaled, orient);
        if (!out->surface)
            snprintf(out->why, sizeof out->why, "out of memory rotating");
    } else {
        out->surface = scaled;
        scaled = NULL;
    }
done:
    SDL_FreeSurface(scaled);
    SDL_FreeSurface(img);
    SDL_FreeSurface(raw);
    free(buf);
}

static int mkdir_parents(char *path)
{
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        int rc = mkdir(path, 0755);
        *p = '/';
        if (rc != 0 && errno != EEXIST)
            return -1;
    }
    return 0;
}

int image_thumb_write(const char *base, SDL_Surface *s, int opaque)
{
    char path[1200], tmp[1300];
    snprintf(path, sizeof path, "%s.%s", base, opaque ? "jpg" : "png");
    /* Unique per process and thread so two writers never share a temporary file. */
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld.%lu", path, (long)getpid(),
             (unsigned long)SDL_ThreadID());
    if (mkdir_parents(tmp) != 0)
        return -1;
    int rc = opaque ? IMG_SaveJPG(s, tmp, 90) : IMG_SavePNG(s, tmp);
    if (rc != 0 || rename(tmp, path) != 0) {
        unlink(tmp);
        return -1;
    }
    return 0;
}
