/* A health tip's photo of the volunteer doctor's handwritten page (issue 13), for both
 * backends (pages_plan.c over the kiosk's store, pages_hub_plan.c over the hub): the
 * upload cleaned before anything is kept, the form's file field, the list's thumbnail,
 * and the routes that serve the page. Private to src/console/. */
#ifndef YX_CONSOLE_TIP_PHOTO_H
#define YX_CONSOLE_TIP_PHOTO_H

#include "console/console.h"

#define TIP_PHOTO_MAX_SIDE 2400 /* pixels: the page stays readable full screen, and small */

/* Said when a tip has neither a typed body nor a photo. */
#define TIP_NEED_BODY_OR_PHOTO                                                                     \
    "内容和手写稿照片至少要有一样：把医生的稿子打进来，或者拍一张照片传上来。"

/* True when s has something besides spaces (ASCII or the ideographic U+3000). */
int tip_text_given(const char *s);

/* Checks the upload as any photo (photo_upload_check: whole, JPEG/PNG/HEIC, size; a HEIC
 * becomes a JPEG) and rewrites it in place for kiosks: a JPEG decoded, turned upright
 * by its EXIF orientation, scaled to at most TIP_PHOTO_MAX_SIDE and encoded again with
 * no metadata (no GPS, no camera, no thumbnail); a PNG keeps only its image chunks.
 * 0 with the size as stored now, or -1 with why (a sentence for staff; the file is
 * then left as it was, and nothing has been kept anywhere). */
int tip_photo_clean(const Upload *u, int *width, int *height, const char **why);

/* The tip form's optional file field "photo" (the form must be multipart). */
void tip_photo_field(Buf *b);

/* A thumbnail of tip id's page linking to the page full size. */
void tip_photo_thumb(Buf *b, const char *id, int width, int height);

/* GET /health/<id>/photo: the page of a live tip (standalone: from the kiosk's store). */
void page_health_photo(Console *c, Request *r, Response *w, int64_t id);

/* GET /health/<id>/photo over the hub (staff_tip_photo, the member's scope). */
void hub_page_health_photo(Console *c, Request *r, Response *w, int64_t id);

#endif
