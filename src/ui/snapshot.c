/* snapshot.h: the frame read back, shrunk with an area average (thin text strokes stay
 * grey instead of breaking up), and written as PNG into memory. */
#include "ui/snapshot.h"

#include <stdlib.h>

#include <SDL2/SDL_image.h>

SDL_Surface *snapshot_shrink(SDL_Surface *s, int max_side)
{
    int long_side = s->w > s->h ? s->w : s->h;
    int w = s->w, h = s->h;
    if (long_side > max_side) {
        w = (int)((long long)s->w * max_side / long_side);
        h = (int)((long long)s->h * max_side / long_side);
    }
    w = w > 0 ? w : 1;
    h = h > 0 ? h : 1;
    SDL_Surface *src = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGB888, 0);
    SDL_Surface *dst = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGB888);
    if (!src || !dst) {
        SDL_FreeSurface(src);
        SDL_FreeSurface(dst);
        return NULL;
    }
    for (int y = 0; y < h; y++) {
        int y0 = (int)((long long)y * src->h / h), y1 = (int)((long long)(y + 1) * src->h / h);
        y1 = y1 > y0 ? y1 : y0 + 1;
        Uint32 *out = (Uint32 *)((Uint8 *)dst->pixels + y * dst->pitch);
        for (int x = 0; x < w; x++) {
            int x0 = (int)((long long)x * src->w / w), x1 = (int)((long long)(x + 1) * src->w / w);
            x1 = x1 > x0 ? x1 : x0 + 1;
            unsigned r = 0, g = 0, b = 0, n = 0;
            for (int yy = y0; yy < y1; yy++) {
                const Uint32 *row = (const Uint32 *)((const Uint8 *)src->pixels + yy * src->pitch);
                for (int xx = x0; xx < x1; xx++, n++) {
                    r += row[xx] >> 16 & 0xff;
                    g += row[xx] >> 8 & 0xff;
                    b += row[xx] & 0xff;
                }
            }
            out[x] = (r / n) << 16 | (g / n) << 8 | (b / n);
        }
    }
    SDL_FreeSurface(src);
    return dst;
}

int snapshot_frame_png(Gfx *g, int max_side, unsigned char **png, size_t *len, int *w, int *h)
{
    *png = NULL;
    *len = 0;
    SDL_Surface *frame = gfx_read_frame_upright(g);
    SDL_Surface *small = frame ? snapshot_shrink(frame, max_side) : NULL;
    SDL_FreeSurface(frame);
    if (!small)
        return -1;
    /* room for the picture stored uncompressed (a filter byte a row, deflate's block
     * headers) and the chunks around it: the PNG never outgrows it */
    size_t raw = (size_t)small->h * (1 + (size_t)small->w * 3);
    size_t cap = raw + raw / 100 + 4096;
    unsigned char *buf = malloc(cap);
    SDL_RWops *rw = buf ? SDL_RWFromMem(buf, (int)cap) : NULL;
    int rc = -1;
    if (rw && IMG_SavePNG_RW(small, rw, 0) == 0) {
        Sint64 n = SDL_RWtell(rw);
        if (n > 0) {
            *png = buf;
            *len = (size_t)n;
            *w = small->w;
            *h = small->h;
            buf = NULL;
            rc = 0;
        }
    }
    if (rw)
        SDL_RWclose(rw);
    free(buf);
    SDL_FreeSurface(small);
    return rc;
}
