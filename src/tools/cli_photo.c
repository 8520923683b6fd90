/* cli_photo_probe: a photo file checked before anything is written, for `photo add`
 * (local and --hub) and `import`. */
#include "tools/commands.h"

#include <SDL.h>
#include <SDL_image.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#define PHOTO_MAX_BYTES (60LL * 1024 * 1024)
#define PHOTO_MAX_SIDE  12000

static unsigned be16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

static unsigned long be32(const unsigned char *p)
{
    return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

/* Reads the size from a PNG, JPEG or GIF header without decoding, so a small file
 * that claims 50000 x 50000 pixels is refused before it can take the memory. Returns
 * 0 with the size, or -1 when the format is not one of these (decode decides then). */
static int header_size(const char *path, unsigned long *w, unsigned long *h)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    unsigned char b[64 * 1024];
    size_t n = fread(b, 1, sizeof b, f);
    fclose(f);
    if (n >= 24 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0) {
        *w = be32(b + 16);
        *h = be32(b + 20);
        return 0;
    }
    if (n >= 10 && (memcmp(b, "GIF87a", 6) == 0 || memcmp(b, "GIF89a", 6) == 0)) {
        *w = b[6] | (unsigned long)b[7] << 8;
        *h = b[8] | (unsigned long)b[9] << 8;
        return 0;
    }
    if (n >= 4 && b[0] == 0xFF && b[1] == 0xD8) {
        size_t i = 2;
        while (i + 9 < n && b[i] == 0xFF) {
            unsigned m = b[i + 1];
            if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
                *h = be16(b + i + 5);
                *w = be16(b + i + 7);
                return 0;
            }
            i += 2 + be16(b + i + 2);
        }
    }
    return -1;
}

int cli_photo_probe(Cli *c, const char *path, int *width, int *height)
{
    struct stat st;
    if (stat(path, &st) < 0)
        return cli_fail_reason(c, REASON_NOT_FOUND, "%s: %s", path, strerror(errno)), -1;
    if (!S_ISREG(st.st_mode))
        return cli_fail_reason(c, REASON_NOT_AN_IMAGE, "%s: not a regular file", path), -1;
    if (st.st_size > PHOTO_MAX_BYTES)
        return cli_fail_reason(c, REASON_NOT_AN_IMAGE,
                               "%s: %lld MB, photos may be at most 60 MB (resize it first)", path,
                               (long long)(st.st_size >> 20)),
               -1;
    unsigned long hw, hh;
    if (header_size(path, &hw, &hh) == 0 && (hw > PHOTO_MAX_SIDE || hh > PHOTO_MAX_SIDE))
        return cli_fail_reason(c, REASON_NOT_AN_IMAGE,
                               "%s: %lu x %lu pixels, at most %d on a side (resize it first)", path,
                               hw, hh, PHOTO_MAX_SIDE),
               -1;
    SDL_Surface *img = IMG_Load(path);
    if (!img)
        return cli_fail_reason(c, REASON_NOT_AN_IMAGE, "%s: does not decode as an image: %s", path,
                               IMG_GetError()),
               -1;
    *width = img->w;
    *height = img->h;
    SDL_FreeSurface(img);
    if (*width <= 0 || *height <= 0 || *width > PHOTO_MAX_SIDE || *height > PHOTO_MAX_SIDE)
        return cli_fail_reason(c, REASON_NOT_AN_IMAGE,
                               "%s: %d x %d pixels, at most %d on a side (resize it first)", path,
                               *width, *height, PHOTO_MAX_SIDE),
               -1;
    return 0;
}
