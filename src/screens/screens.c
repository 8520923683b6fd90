/* The screen registry (order = the home screen's tile order is separate; the first
 * entry is the home screen) and the services screens share. */
#include "screens/screens.h"

#include "ui/draw.h"

#include <stdio.h>

const Screen *const SCREENS[] = {
    &SCREEN_HOME,
    &SCREEN_ACTIVITIES, &SCREEN_ACTIVITY, &SCREEN_SIGNUP, &SCREEN_CANCEL, /* forms */
    &SCREEN_POLLS, &SCREEN_WISHES, &SCREEN_CLAIM, &SCREEN_SUGGEST, &SCREEN_QUESTION,
    &SCREEN_NOTICES, &SCREEN_NOTICE, &SCREEN_HEALTH, &SCREEN_TIP,
    &SCREEN_ROSTER, &SCREEN_CONTACTS, &SCREEN_ATTRACT, &SCREEN_ADMIN,
};
const size_t SCREEN_COUNT = sizeof SCREENS / sizeof SCREENS[0];

void screens_draw_photo(App *app, const char *sha256, SDL_Rect r, int round)
{
    (void)sha256;
    SDL_Renderer *ren = gfx_renderer(app->gfx);
    SDL_Color c = theme_color(THEME_SURFACE_ALT);
    if (round)
        draw_circle(ren, (float)r.x + (float)r.w / 2, (float)r.y + (float)r.h / 2,
                    (float)(r.w < r.h ? r.w : r.h) / 2, c);
    else
        draw_round_rect(ren, r, theme_size_px(app->gfx, THEME_SIZE_RADIUS) / 2, c);
}

void screens_sync_status(App *app, char *out, size_t n)
{
    if (!app->cfg.hub_conninfo[0])
        snprintf(out, n, "本机运行 · 资料保存在本机");
    else
        snprintf(out, n, "● 等待与居委会同步");
}
