/* The screen registry (order = the home screen's tile order is separate; the first
 * entry is the home screen) and the services screens share. */
#include "screens/screens.h"

#include "core/timeutil.h"
#include "sync/sync_worker.h"
#include "ui/draw.h"
#include "ui/image.h"

#include <stdio.h>

const Screen *const SCREENS[] = {
    &SCREEN_HOME,     &SCREEN_ACTIVITIES, &SCREEN_ACTIVITY, &SCREEN_SIGNUP,
    &SCREEN_CANCEL, /* forms */
    &SCREEN_POLLS,    &SCREEN_WISHES,     &SCREEN_CLAIM,    &SCREEN_SUGGEST,
    &SCREEN_QUESTION, &SCREEN_NOTICES,    &SCREEN_NOTICE,   &SCREEN_HEALTH,
    &SCREEN_TIP,      &SCREEN_ROSTER,     &SCREEN_CONTACTS, &SCREEN_ATTRACT,
    &SCREEN_ADMIN,    &SCREEN_PHOTOS,     &SCREEN_PHOTO,    &SCREEN_WISH,
    &SCREEN_RECEIPT,
};
const size_t SCREEN_COUNT = sizeof SCREENS / sizeof SCREENS[0];

void screens_draw_photo(App *app, const char *sha256, SDL_Rect r, int round)
{
    SDL_Renderer *ren = gfx_renderer(app->gfx);
    SDL_Texture *t = image_get_cover(app->images, sha256, r.w, r.h);
    float cx = (float)r.x + (float)r.w / 2, cy = (float)r.y + (float)r.h / 2;
    float radius = (float)(r.w < r.h ? r.w : r.h) / 2;
    if (!t) {
        /* loading or unreadable: a soft placeholder in the photo's place */
        SDL_Color c = theme_color(THEME_SURFACE_ALT);
        if (round)
            draw_circle(ren, cx, cy, radius, c);
        else
            draw_round_rect(ren, r, theme_size_px(app->gfx, THEME_SIZE_RADIUS) / 2, c);
        return;
    }
    int tw, th;
    SDL_QueryTexture(t, NULL, NULL, &tw, &th);
    SDL_Rect dst = {r.x + (r.w - tw) / 2, r.y + (r.h - th) / 2, tw, th};
    SDL_RenderCopy(ren, t, NULL, &dst);
    if (round) {
        /* the renderer has no masks: a ring in the page colour trims the corners */
        float outer = radius * 1.5f;
        draw_circle_outline(ren, cx, cy, outer, outer - radius, theme_color(THEME_BG));
    }
}

void screens_sync_status(App *app, char *out, size_t n)
{
    if (!app->cfg.hub_conninfo[0]) {
        snprintf(out, n, "本机运行 · 资料保存在本机");
        return;
    }
    SyncStatus st; /* all zero when no worker runs */
    sync_worker_status(app->sync, &st);
    char hm[16] = "";
    if (st.last_success)
        time_format(st.last_success, "%H:%M", hm, sizeof hm);
    long long pending = (long long)st.pending;
    if (st.running)
        snprintf(out, n, "● 正在同步");
    else if (!st.last_attempt)
        snprintf(out, n, "● 等待与居委会同步");
    else if (st.failures > 0 && pending > 0)
        snprintf(out, n, "离线，%lld 条待上传", pending);
    else if (st.failures > 0 && hm[0])
        snprintf(out, n, "离线 · 上次同步 %s", hm);
    else if (st.failures > 0)
        snprintf(out, n, "离线");
    else if (pending > 0)
        snprintf(out, n, "已同步 %s，%lld 条待上传", hm, pending);
    else
        snprintf(out, n, "已同步 %s", hm);
}
