/* QR encoding through libqrencode and pixel-exact drawing: the module size is rounded
 * down to whole pixels so no module is blurred across two pixel columns. */
#include "ui/qr.h"

#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

int qr_encode(const char *utf8, QrMatrix *out)
{
    memset(out, 0, sizeof *out);
    if (!utf8 || !*utf8)
        return -1;
    /* 8-bit mode (casesensitive, hint QR_MODE_8) keeps UTF-8 bytes as they are;
     * Kanji mode would expect Shift-JIS. */
    QRcode *q = QRcode_encodeString(utf8, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!q)
        return -1; /* ERANGE when too long, ENOMEM */
    size_t n = (size_t)q->width * (size_t)q->width;
    out->modules = malloc(n);
    if (!out->modules) {
        QRcode_free(q);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        out->modules[i] = q->data[i] & 1; /* bit 0: dark; the rest are encoder flags */
    out->size = q->width;
    QRcode_free(q);
    return 0;
}

void qr_matrix_free(QrMatrix *m)
{
    if (!m)
        return;
    free(m->modules);
    memset(m, 0, sizeof *m);
}

int qr_module(const QrMatrix *m, int x, int y)
{
    if (!m || !m->modules || x < 0 || y < 0 || x >= m->size || y >= m->size)
        return 0;
    return m->modules[(size_t)y * (size_t)m->size + (size_t)x];
}

int qr_layout(const QrMatrix *m, SDL_Rect area, QrLayout *out)
{
    memset(out, 0, sizeof *out);
    if (!m || m->size <= 0)
        return -1;
    int total = m->size + 2 * QR_QUIET_MODULES;
    int side = area.w < area.h ? area.w : area.h;
    int px = side / total;
    if (px < 1)
        return -1;
    int box = px * total;
    out->box = (SDL_Rect){area.x + (area.w - box) / 2, area.y + (area.h - box) / 2, box, box};
    out->module_px = px;
    out->origin_x = out->box.x + QR_QUIET_MODULES * px;
    out->origin_y = out->box.y + QR_QUIET_MODULES * px;
    return 0;
}

int qr_draw(SDL_Renderer *r, const QrMatrix *m, SDL_Rect area, QrLayout *used)
{
    QrLayout l;
    if (qr_layout(m, area, &l) < 0) {
        if (used)
            *used = l;
        return -1;
    }
    SDL_BlendMode old;
    SDL_GetRenderDrawBlendMode(r, &old);
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(r, 255, 255, 255, 255);
    SDL_RenderFillRect(r, &l.box);
    SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
    for (int y = 0; y < m->size; y++) {
        int x = 0;
        while (x < m->size) {
            if (!qr_module(m, x, y)) {
                x++;
                continue;
            }
            int run = x;
            while (run < m->size && qr_module(m, run, y))
                run++;
            SDL_Rect cell = {l.origin_x + x * l.module_px, l.origin_y + y * l.module_px,
                             (run - x) * l.module_px, l.module_px};
            SDL_RenderFillRect(r, &cell);
            x = run;
        }
    }
    SDL_SetRenderDrawBlendMode(r, old);
    if (used)
        *used = l;
    return 0;
}
