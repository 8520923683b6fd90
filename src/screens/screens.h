/* Every screen of the kiosk (one file each in src/screens/) and the few services
 * screens share through the app: drawing a stored photo, the sync-state line. */
#ifndef YX_SCREENS_SCREENS_H
#define YX_SCREENS_SCREENS_H

#include "screens/app.h"

extern const Screen SCREEN_HOME;
extern const Screen SCREEN_ACTIVITIES, SCREEN_ACTIVITY, SCREEN_SIGNUP, SCREEN_CANCEL; /* forms */
extern const Screen SCREEN_POLLS, SCREEN_WISHES, SCREEN_CLAIM, SCREEN_SUGGEST, SCREEN_QUESTION;
/* info screens (notices.c notice.c health.c tip.c roster.c contacts.c attract.c admin.c) */
extern const Screen SCREEN_NOTICES, SCREEN_NOTICE, SCREEN_HEALTH, SCREEN_TIP, SCREEN_ROSTER,
    SCREEN_CONTACTS, SCREEN_ATTRACT, SCREEN_ADMIN;
extern const Screen SCREEN_PHOTOS, SCREEN_PHOTO; /* photo walls (photos.c photo.c) */
extern const Screen SCREEN_WISH;                 /* writing a micro-wish (wish.c) */
extern const Screen SCREEN_RECEIPT;              /* 查询回执 (receipt.c) */

/* Draws the photo with content hash sha256 scaled to cover r (cropped, centred), as a
 * circle when round; a soft placeholder while it loads or when it cannot be shown. */
void screens_draw_photo(App *app, const char *sha256, SDL_Rect r, int round);

/* "离线运行 · 本机保存" or "已同步 10:05" for the home screen's corner. */
void screens_sync_status(App *app, char *out, size_t n);

#endif
