/* QR codes for the contacts page (the building's group-chat join text), through
 * libqrencode: UTF-8 text in 8-bit mode at error-correction level M, drawn as crisp
 * black modules on white with the standard four-module quiet zone. Every module is a
 * whole number of pixels, so phone cameras see sharp edges. UI layer: no store.
 * UI thread only (drawing); qr_encode is thread-safe. */
#ifndef YX_UI_QR_H
#define YX_UI_QR_H

#include <SDL2/SDL.h>

#define QR_QUIET_MODULES 4 /* light border around the symbol, in modules */

typedef struct {
    int size;               /* modules per side (21 for version 1 ... 177 for 40) */
    unsigned char *modules; /* size*size bytes, row by row: 1 dark, 0 light */
} QrMatrix;

/* Where a matrix lands when drawn into an area: the white square (symbol plus quiet
 * zone) and the pixel size of one module. */
typedef struct {
    SDL_Rect box; /* white background including the quiet zone */
    int origin_x; /* top-left pixel of module (0, 0) */
    int origin_y;
    int module_px; /* >= 1 */
} QrLayout;

/* Encodes utf8 (8-bit mode, level M, smallest version that fits). On success fills
 * *out (free with qr_matrix_free) and returns 0. Returns -1 with *out empty when the
 * text is empty, too long for any QR version (about 2300 bytes at level M) or memory
 * runs out. */
int qr_encode(const char *utf8, QrMatrix *out);

/* Frees the modules and empties m. qr_matrix_free(NULL) does nothing. */
void qr_matrix_free(QrMatrix *m);

/* 1 when module (x, y) is dark; 0 for light or outside the matrix. */
int qr_module(const QrMatrix *m, int x, int y);

/* The largest whole-pixel layout of m (with its quiet zone) that fits in area,
 * centred. Returns 0, or -1 when area is too small for one pixel per module (*out is
 * then zeroed). */
int qr_layout(const QrMatrix *m, SDL_Rect area, QrLayout *out);

/* Draws m into area as qr_layout places it: a white square, then the dark modules in
 * black, merged into horizontal runs. Returns 0, or -1 (nothing drawn) when the
 * area is too small. *used (may be NULL) receives the layout. */
int qr_draw(SDL_Renderer *r, const QrMatrix *m, SDL_Rect area, QrLayout *used);

#endif
