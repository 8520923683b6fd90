/* Compares a screenshot with a reference picture within a tolerance, as SDL's render
 * tests do. The shot is scaled to the reference's size (references are stored at half
 * size to keep the repository small), then pixels whose largest channel difference
 * exceeds CHANNEL (48 unless given) are counted.
 *   imgdiff SHOT.png REF.png MAX_PERCENT [CHANNEL]  exit 0 when at most MAX_PERCENT differ
 *   imgdiff --write SHOT.png REF.png W H      writes SHOT scaled to WxH as REF, compact
 *       (see write_compact: channels within 8 of the shot, a palette when it fits)
 *   imgdiff --stats SHOT.png                  prints "max=M mean=A box=X,Y,W,H": the
 *       brightest channel value, the mean luminance (0-255) and the box around every
 *       pixel brighter than 8 (0,0,0,0 when none)
 *   imgdiff --sheet OUT.png COLS W H IN.png...  a contact sheet: each IN scaled to WxH,
 *                                             COLS a row, on the kiosk's paper colour
 *   imgdiff --turn DEG IN.png OUT.png         writes IN turned DEG (90, 180, 270) degrees
 *       clockwise, pixel for pixel: what a turned panel should show of an upright frame
 *   imgdiff --size IN.png                     prints "WxH" */
#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static SDL_Surface *load_rgba(const char *path)
{
    SDL_Surface *s = IMG_Load(path);
    if (!s) {
        fprintf(stderr, "imgdiff: %s: %s\n", path, IMG_GetError());
        return NULL;
    }
    SDL_Surface *c = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGBA32, 0);
    SDL_FreeSurface(s);
    return c;
}

/* Area-average downscale so thin text strokes survive as grey, not as noise. */
static SDL_Surface *scale_to(SDL_Surface *src, int w, int h)
{
    SDL_Surface *dst = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
    if (!dst)
        return NULL;
    for (int y = 0; y < h; y++) {
        int y0 = y * src->h / h, y1 = (y + 1) * src->h / h;
        if (y1 <= y0)
            y1 = y0 + 1;
        for (int x = 0; x < w; x++) {
            int x0 = x * src->w / w, x1 = (x + 1) * src->w / w;
            if (x1 <= x0)
                x1 = x0 + 1;
            unsigned sum[4] = {0, 0, 0, 0}, n = 0;
            for (int yy = y0; yy < y1; yy++) {
                const Uint8 *row = (const Uint8 *)src->pixels + yy * src->pitch;
                for (int xx = x0; xx < x1; xx++) {
                    for (int k = 0; k < 4; k++)
                        sum[k] += row[xx * 4 + k];
                    n++;
                }
            }
            Uint8 *out = (Uint8 *)dst->pixels + y * dst->pitch + x * 4;
            for (int k = 0; k < 4; k++)
                out[k] = (Uint8)(sum[k] / n);
        }
    }
    return dst;
}

static int stats(const char *path)
{
    SDL_Surface *a = load_rgba(path);
    if (!a)
        return 2;
    int max = 0, x0 = a->w, y0 = a->h, x1 = -1, y1 = -1;
    double sum = 0;
    for (int y = 0; y < a->h; y++) {
        const Uint8 *row = (const Uint8 *)a->pixels + y * a->pitch;
        for (int x = 0; x < a->w; x++) {
            const Uint8 *px = row + x * 4;
            int m = px[0] > px[1] ? px[0] : px[1];
            m = m > px[2] ? m : px[2];
            if (m > max)
                max = m;
            sum += 0.2126 * px[0] + 0.7152 * px[1] + 0.0722 * px[2];
            if (m > 8) {
                x0 = x < x0 ? x : x0;
                y0 = y < y0 ? y : y0;
                x1 = x > x1 ? x : x1;
                y1 = y > y1 ? y : y1;
            }
        }
    }
    if (x1 < 0)
        x0 = y0 = 0, x1 = y1 = -1;
    printf("max=%d mean=%.2f box=%d,%d,%d,%d\n", max, sum / ((double)a->w * a->h), x0, y0,
           x1 - x0 + 1, y1 - y0 + 1);
    SDL_FreeSurface(a);
    return 0;
}

static int sheet(const char *out, int cols, int w, int h, int n, char **in)
{
    int gap = 16, rows = (n + cols - 1) / cols;
    SDL_Surface *page = SDL_CreateRGBSurfaceWithFormat(
        0, gap + cols * (w + gap), gap + rows * (h + gap), 32, SDL_PIXELFORMAT_RGBA32);
    if (!page)
        return 2;
    SDL_FillRect(page, NULL, SDL_MapRGBA(page->format, 224, 210, 190, 255));
    for (int i = 0; i < n; i++) {
        SDL_Surface *a = load_rgba(in[i]);
        if (!a) {
            SDL_FreeSurface(page);
            return 2;
        }
        SDL_Surface *s = scale_to(a, w, h);
        SDL_Rect dst = {gap + (i % cols) * (w + gap), gap + (i / cols) * (h + gap), w, h};
        if (s)
            SDL_BlitSurface(s, NULL, page, &dst);
        SDL_FreeSurface(s);
        SDL_FreeSurface(a);
    }
    int rc = IMG_SavePNG(page, out) == 0 ? 0 : 2;
    SDL_FreeSurface(page);
    return rc;
}

/* Rounds v to the grid {offset + 16k}: at most 8 away, and offset itself stays exact. */
static Uint8 quantize(int v, int offset)
{
    int q = offset + (v - offset + 8 + 256) / 16 * 16 - 256;
    return (Uint8)(q < 0 ? 0 : q > 255 ? 255 : q);
}

/* Writes s (RGBA32) as a small PNG for the repository. Each channel is rounded to a grid
 * of 16 through its most frequent value, so the paper colour stays exact and no channel
 * moves by more than 8 (the comparison ignores differences up to 48). A screen of text
 * then has few colours: when at most 256, the PNG is palettised (a third of the size);
 * otherwise (photos) RGB. Returns 0, or 2 when the file cannot be written. */
static int write_compact(SDL_Surface *s, const char *path)
{
    unsigned hist[3][256] = {{0}};
    int offset[3] = {0, 0, 0};
    for (int y = 0; y < s->h; y++) {
        const Uint8 *row = (const Uint8 *)s->pixels + y * s->pitch;
        for (int x = 0; x < s->w; x++)
            for (int k = 0; k < 3; k++)
                hist[k][row[x * 4 + k]]++;
    }
    for (int k = 0; k < 3; k++)
        for (int v = 1; v < 256; v++)
            if (hist[k][v] > hist[k][offset[k]])
                offset[k] = v;
    for (int k = 0; k < 3; k++)
        offset[k] %= 16;

    SDL_Surface *rgb = SDL_CreateRGBSurfaceWithFormat(0, s->w, s->h, 24, SDL_PIXELFORMAT_RGB24);
    SDL_Surface *ix = SDL_CreateRGBSurfaceWithFormat(0, s->w, s->h, 8, SDL_PIXELFORMAT_INDEX8);
    int rc = 2;
    if (!rgb || !ix)
        goto err;
    Uint32 colours[256];
    int n = 0; /* 257: more than a palette holds */
    for (int y = 0; y < s->h; y++) {
        const Uint8 *in = (const Uint8 *)s->pixels + y * s->pitch;
        Uint8 *out = (Uint8 *)rgb->pixels + y * rgb->pitch;
        Uint8 *idx = (Uint8 *)ix->pixels + y * ix->pitch;
        for (int x = 0; x < s->w; x++) {
            for (int k = 0; k < 3; k++)
                out[x * 3 + k] = quantize(in[x * 4 + k], offset[k]);
            if (n > 256)
                continue;
            Uint32 c = (Uint32)out[x * 3] << 16 | (Uint32)out[x * 3 + 1] << 8 | out[x * 3 + 2];
            int i = 0;
            while (i < n && colours[i] != c)
                i++;
            if (i == n && n < 256)
                colours[n++] = c;
            else if (i == n)
                n = 257;
            idx[x] = (Uint8)i;
        }
    }
    if (n <= 256) {
        SDL_Color pal[256];
        for (int i = 0; i < n; i++)
            pal[i] = (SDL_Color){(Uint8)(colours[i] >> 16), (Uint8)(colours[i] >> 8),
                                 (Uint8)colours[i], 255};
        if (SDL_SetPaletteColors(ix->format->palette, pal, 0, n) == 0 && IMG_SavePNG(ix, path) == 0)
            rc = 0;
    } else if (IMG_SavePNG(rgb, path) == 0) {
        rc = 0;
    }
err:
    SDL_FreeSurface(ix);
    SDL_FreeSurface(rgb);
    return rc;
}

/* Pixel (x, y) of the upright picture lands, turned clockwise by 90, at (h-1-y, x). */
static int turn(int deg, const char *in, const char *out)
{
    SDL_Surface *a = load_rgba(in);
    if (!a)
        return 2;
    int w = deg == 180 ? a->w : a->h, h = deg == 180 ? a->h : a->w;
    SDL_Surface *b = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
    if (!b || (deg != 90 && deg != 180 && deg != 270)) {
        SDL_FreeSurface(a);
        SDL_FreeSurface(b);
        return 2;
    }
    for (int y = 0; y < a->h; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)a->pixels + y * a->pitch);
        for (int x = 0; x < a->w; x++) {
            int tx = deg == 90 ? a->h - 1 - y : deg == 180 ? a->w - 1 - x : y;
            int ty = deg == 90 ? x : deg == 180 ? a->h - 1 - y : a->w - 1 - x;
            *(Uint32 *)((Uint8 *)b->pixels + ty * b->pitch + tx * 4) = row[x];
        }
    }
    int rc = IMG_SavePNG(b, out) == 0 ? 0 : 2;
    SDL_FreeSurface(b);
    SDL_FreeSurface(a);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc == 5 && strcmp(argv[1], "--turn") == 0)
        return turn(atoi(argv[2]), argv[3], argv[4]);
    if (argc == 3 && strcmp(argv[1], "--size") == 0) {
        SDL_Surface *a = load_rgba(argv[2]);
        if (!a)
            return 2;
        printf("%dx%d\n", a->w, a->h);
        SDL_FreeSurface(a);
        return 0;
    }
    if (argc == 3 && strcmp(argv[1], "--stats") == 0)
        return stats(argv[2]);
    if (argc >= 7 && strcmp(argv[1], "--sheet") == 0)
        return sheet(argv[2], atoi(argv[3]), atoi(argv[4]), atoi(argv[5]), argc - 6, argv + 6);
    if (argc == 6 && strcmp(argv[1], "--write") == 0) {
        SDL_Surface *a = load_rgba(argv[2]);
        if (!a)
            return 2;
        SDL_Surface *s = scale_to(a, atoi(argv[4]), atoi(argv[5]));
        int rc = s ? write_compact(s, argv[3]) : 2;
        SDL_FreeSurface(s);
        SDL_FreeSurface(a);
        return rc;
    }
    if (argc != 4 && argc != 5) {
        fprintf(stderr, "usage: imgdiff SHOT.png REF.png MAX_PERCENT [CHANNEL]\n"
                        "       imgdiff --write SHOT.png REF.png W H\n"
                        "       imgdiff --stats SHOT.png\n"
                        "       imgdiff --turn DEG IN.png OUT.png | --size IN.png\n");
        return 2;
    }
    SDL_Surface *a = load_rgba(argv[1]), *b = load_rgba(argv[2]);
    if (!a || !b)
        return 2;
    SDL_Surface *as = scale_to(a, b->w, b->h);
    if (!as)
        return 2;
    int channel = argc == 5 ? atoi(argv[4]) : 48;
    long differ = 0, total = (long)b->w * b->h;
    int largest = 0; /* the largest channel difference anywhere: how close a pass was */
    int x0 = b->w, y0 = b->h, x1 = -1, y1 = -1; /* the box around the differing pixels */
    for (int y = 0; y < b->h; y++) {
        const Uint8 *ra = (const Uint8 *)as->pixels + y * as->pitch;
        const Uint8 *rb = (const Uint8 *)b->pixels + y * b->pitch;
        for (int x = 0; x < b->w; x++) {
            int worst = 0;
            for (int k = 0; k < 3; k++) {
                int d = abs((int)ra[x * 4 + k] - (int)rb[x * 4 + k]);
                if (d > worst)
                    worst = d;
            }
            if (worst > channel) {
                differ++;
                x0 = x < x0 ? x : x0;
                y0 = y < y0 ? y : y0;
                x1 = x > x1 ? x : x1;
                y1 = y > y1 ? y : y1;
            }
            if (worst > largest)
                largest = worst;
        }
    }
    double pct = 100.0 * (double)differ / (double)total;
    double max = atof(argv[3]);
    printf("imgdiff: %s vs %s: %.3f%% of pixels differ (%ld; allowed %.3f%%), largest channel "
           "difference %d\n",
           argv[1], argv[2], pct, differ, max, largest);
    if (differ > 0) /* in the reference's pixels: where to look */
        printf("imgdiff: they differ within x=%d y=%d w=%d h=%d of %dx%d\n", x0, y0, x1 - x0 + 1,
               y1 - y0 + 1, b->w, b->h);
    SDL_FreeSurface(as);
    SDL_FreeSurface(a);
    SDL_FreeSurface(b);
    return pct <= max ? 0 : 1;
}
