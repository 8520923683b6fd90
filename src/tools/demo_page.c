/* The demo's photo of a handwritten page: the retired doctor's notes on lined letter
 * paper, in a Kai (brush-like) face, a little uneven as a hand writes, saved as the
 * JPEG a phone would send. Deterministic: the same lines give the same file. */
#include "tools/demo.h"

#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>
#include <SDL2/SDL_ttf.h>
#include <stdio.h>

#define PAGE_W   720
#define PAGE_H   960
#define MARGIN   84 /* left, after the red margin line */
#define LINE_H   64
#define FIRST_Y  110
#define KAI_FONT "/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf"

static void fill(SDL_Surface *s, int x, int y, int w, int h, Uint32 c)
{
    SDL_Rect r = {x, y, w, h};
    SDL_FillRect(s, &r, c);
}

int demo_page_render(const char *const *lines, size_t n, const char *path, int *width, int *height,
                     char *err, size_t errlen)
{
    int ttf_was = TTF_WasInit(), rc = -1;
    SDL_Surface *page = NULL;
    TTF_Font *font = NULL;
    if (!ttf_was && TTF_Init() < 0) {
        snprintf(err, errlen, "SDL_ttf: %s", TTF_GetError());
        return -1;
    }
    font = TTF_OpenFont(KAI_FONT, 34);
    page = SDL_CreateRGBSurfaceWithFormat(0, PAGE_W, PAGE_H, 32, SDL_PIXELFORMAT_RGBA32);
    if (!font || !page) {
        snprintf(err, errlen, "%s: %s", KAI_FONT, font ? SDL_GetError() : TTF_GetError());
        goto done;
    }
    const SDL_PixelFormat *f = page->format;
    fill(page, 0, 0, PAGE_W, PAGE_H, SDL_MapRGB(f, 0xF7, 0xF1, 0xE1)); /* aged paper */
    for (int y = FIRST_Y + 6; y < PAGE_H - 40; y += LINE_H)
        fill(page, 28, y, PAGE_W - 56, 2, SDL_MapRGB(f, 0xB9, 0xC7, 0xD9));       /* ruled lines */
    fill(page, MARGIN - 20, 30, 2, PAGE_H - 60, SDL_MapRGB(f, 0xD9, 0x8A, 0x7E)); /* margin */
    SDL_Color ink = {0x1D, 0x2F, 0x6B, 0xFF}; /* blue-black ballpoint */
    for (size_t i = 0; i < n; i++) {
        if (!*lines[i])
            continue;
        SDL_Surface *t = TTF_RenderUTF8_Blended(font, lines[i], ink);
        if (!t) {
            snprintf(err, errlen, "render: %s", TTF_GetError());
            goto done;
        }
        /* a hand does not keep to the margin: each line starts a little off */
        int dx = (int)((i * 7) % 5) * 3 - 6, dy = (int)((i * 3) % 4) - 2;
        SDL_Rect at = {MARGIN + dx, FIRST_Y + (int)i * LINE_H - t->h + 2 + dy, t->w, t->h};
        SDL_BlitSurface(t, NULL, page, &at);
        SDL_FreeSurface(t);
    }
    if (IMG_SaveJPG(page, path, 82) < 0) {
        snprintf(err, errlen, "%s: %s", path, IMG_GetError());
        goto done;
    }
    *width = PAGE_W;
    *height = PAGE_H;
    rc = 0;
done:
    SDL_FreeSurface(page);
    if (font)
        TTF_CloseFont(font);
    if (!ttf_was)
        TTF_Quit();
    return rc;
}
