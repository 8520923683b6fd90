/* Photos on screen: decoded, EXIF-oriented and box-filtered on a loader thread, kept as
 * thumbnails on disk by content hash, and held as textures under a byte cap with LRU
 * eviction. The UI thread asks every frame and draws a placeholder until a texture is ready.
 *
 * Per frame, on the UI thread:
 *     image_cache_next_generation(c);           // requests not asked for since are dropped
 *     image_cache_pump(c, renderer, 2.0);       // upload finished decodes, ~2 ms at most
 *     ... for each visible cell: t = image_get_cover(c, photo->sha256, w, h);
 *         t ? draw t : draw placeholder (image_state() tells "loading" from "broken") ...
 * When the loader finishes something it posts cfg.wake_event (if set), so a kiosk that
 * sleeps in SDL_WaitEvent wakes up, pumps and redraws. */
#ifndef YX_UI_IMAGE_H
#define YX_UI_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include <SDL2/SDL.h>

#define IMAGE_DEFAULT_MAX_BYTES  (64u * 1024u * 1024u) /* textures, counted w*h*4 */
#define IMAGE_DEFAULT_MAX_PIXELS (40 * 1000 * 1000)    /* source images above are refused */
#define IMAGE_MAX_FILE_BYTES     (64 * 1024 * 1024)    /* source files above are refused */
#define IMAGE_MAX_BOX            4096                  /* largest w or h one may ask for */

typedef struct {
    const char *data_dir; /* photos under <data_dir>/photos/, thumbnails under /thumbs/ */
    size_t max_bytes;     /* texture cap; 0: IMAGE_DEFAULT_MAX_BYTES */
    int max_pixels;       /* 0: IMAGE_DEFAULT_MAX_PIXELS */
    int threads;          /* loader threads, 1..4; 0: 1 */
    int no_thumbs;        /* 1: neither read nor write thumbnails on disk */
    Uint32 wake_event;    /* SDL event type posted when results wait for a pump; 0: none */
} ImageCacheConfig;

typedef enum {
    IMAGE_FIT_CONTAIN, /* whole image inside w x h, aspect kept */
    IMAGE_FIT_COVER,   /* fills w x h exactly, centre cropped (grid cells) */
} ImageFit;

typedef enum {
    IMAGE_ABSENT,  /* never asked for, evicted, or dropped as stale */
    IMAGE_PENDING, /* queued or decoding */
    IMAGE_READY,   /* texture available */
    IMAGE_FAILED,  /* broken, truncated, too big, not an image, missing: draw a placeholder */
} ImageState;

typedef struct {
    uint64_t hits;       /* image_get found a texture */
    uint64_t misses;     /* image_get queued a new request */
    uint64_t evictions;  /* textures destroyed to stay under the cap */
    uint64_t failed;     /* requests that ended failed */
    uint64_t uploads;    /* textures created */
    uint64_t dropped;    /* stale requests dropped before decoding */
    uint64_t from_thumb; /* decodes served by a thumbnail on disk */
    size_t bytes;        /* texture bytes held now */
    size_t textures;     /* textures held now */
    size_t pending;      /* requests queued, decoding or waiting for a pump */
} ImageStats;

typedef struct ImageCache ImageCache;

/* Starts the loader thread(s). data_dir is copied. Returns NULL with a message in err on
 * failure (no thread left running). Free with image_cache_destroy. UI thread. */
ImageCache *image_cache_create(const ImageCacheConfig *cfg, char *err, size_t errlen);

/* The loaders' liveness, from the UI thread now and then: when one has been on one
 * file for stuck_ms or more (a disk or a network mount that stopped answering), logs it
 * and starts another loader so the queue moves on (up to four such); once per stuck
 * request. Returns 1 when it found one. */
int image_cache_check(ImageCache *c, uint32_t stuck_ms);

/* Stops and joins the loader threads (waiting up to two seconds for a decode in
 * progress), frees queued requests and their surfaces, destroys every texture. A loader
 * still busy after that is stuck on a file that does not answer: it is detached and
 * logged, and the cache is left allocated for it (the process is ending). Call it
 * before destroying the renderer the textures belong to. image_cache_destroy(NULL)
 * does nothing. UI thread. */
void image_cache_destroy(ImageCache *c);

/* Starts a new frame's generation and drops queued requests that were not asked for
 * (image_get) during the previous generation: scrolled-past cells of a flung wall are
 * never decoded. Returns the new generation. UI thread. */
uint32_t image_cache_next_generation(ImageCache *c);

/* Turns finished decodes into textures on renderer r, stopping once budget_ms has passed
 * (at least one is uploaded when any waits), then evicts least-recently-used textures
 * while over the cap. Textures returned by image_get stay valid until the next pump.
 * Returns how many images changed state (ready, failed or dropped): redraw when > 0.
 * UI thread. */
int image_cache_pump(ImageCache *c, SDL_Renderer *r, double budget_ms);

/* The texture of key (a 64-hex SHA-256 of a stored photo, or a file path) scaled to fit
 * w x h pixels (never enlarged: it may be smaller; draw it into your rect). Returns NULL
 * when it is not ready, after queuing a request unless one is pending or the key failed
 * before (failed keys are not retried until image_cache_forget_failed). The texture is
 * owned by the cache. UI thread. */
SDL_Texture *image_get(ImageCache *c, const char *key, int w, int h);

/* Like image_get, but the texture fills w x h exactly (centre crop), unless the source is
 * smaller than that. */
SDL_Texture *image_get_cover(ImageCache *c, const char *key, int w, int h);

/* Both of the above: priority 0 is decoded first (visible), larger numbers later
 * (prefetch). Within one generation the lowest priority, then the oldest, goes first. */
SDL_Texture *image_get_ex(ImageCache *c, const char *key, int w, int h, ImageFit fit, int priority);

/* Where key at this size stands, without queuing anything. UI thread. */
ImageState image_state(ImageCache *c, const char *key, int w, int h, ImageFit fit);

/* Forgets failed keys so they are tried again (e.g. after a sync delivered files). */
void image_cache_forget_failed(ImageCache *c);

/* Holds (1) or releases (0) the loader threads between decodes. Tests use it to make
 * queue order observable; a kiosk may hold it while asleep. UI thread. */
void image_cache_set_paused(ImageCache *c, int paused);

/* Pumps until nothing is queued or decoding, or timeout_ms passes. Returns 0 when idle,
 * -1 on timeout. For headless screenshots and tests; a kiosk frame never waits. */
int image_cache_wait_idle(ImageCache *c, SDL_Renderer *r, int timeout_ms);

/* Drops every picture not drawn since the previous call (the first call: since the
 * cache was made), and returns the bytes that freed. The kiosk calls it each night:
 * a portrait taken off the wall, or a page nobody opened that day, stops holding memory
 * until the cache's cap would push it out, which on a quiet wall is never. UI thread. */
size_t image_cache_drop_unused(ImageCache *c);

/* Counters and current usage. */
ImageStats image_cache_stats(const ImageCache *c);

#endif
