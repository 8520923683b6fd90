/* The texture cache and its loader threads. The UI thread owns the entry table, the LRU
 * list and every texture; the loader threads see only requests, through a queue guarded
 * by one mutex, and hand back surfaces through a done list that image_cache_pump drains. */
#include "ui/image_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <SDL2/SDL_image.h>

#include "core/log.h"

#define MAX_THREADS 4
/* loaders started to take over from stuck ones (image_cache_check), at most */
#define MAX_SPARES  4
#define MAX_LOADERS (MAX_THREADS + MAX_SPARES)
#define QUEUE_MAX   512 /* more waiting than this: image_get retries next frame */

typedef struct Entry Entry;

typedef enum { REQ_OK, REQ_FAILED } ReqStatus;

typedef struct Request {
    struct Request *next; /* in the queue or the done list */
    Entry *entry;         /* UI thread only; an entry with a request is never evicted */
    char *src;            /* file to decode */
    char *thumb;          /* thumbnail path without extension, or NULL */
    ImageDecodeSpec spec;
    int priority; /* guarded by mu */
    uint32_t gen; /* guarded by mu: last generation that asked for it */
    uint64_t seq;
    /* written by the loader before the request moves to the done list */
    ImageDecoded out;
    ReqStatus status;
    int from_thumb;
} Request;

struct Entry {
    Entry *hnext;       /* hash chain */
    Entry *prev, *next; /* LRU list of READY entries, head = most recently used */
    char *id;           /* "<w>x<h><c|f>:<key>" */
    uint32_t hash;
    ImageState state;
    SDL_Texture *tex;
    size_t bytes;
    uint32_t epoch; /* the cache's epoch when last drawn (READY) */
    Request *req;   /* while PENDING */
};

struct ImageCache {
    char *data_dir;
    size_t max_bytes;
    int max_pixels, no_thumbs;
    Uint32 wake_event;
    /* UI thread only */
    Entry **buckets;
    size_t nbuckets, nentries;
    Entry *lru_head, *lru_tail;
    uint32_t epoch; /* image_cache_drop_unused's count */
    ImageStats st;
    uint64_t seq;
    /* guarded by mu */
    SDL_mutex *mu;
    SDL_cond *cv;
    Request *queue;
    size_t queued;
    Request *done_head, *done_tail;
    int working, paused, quit, wake_posted;
    uint32_t gen;
    SDL_Thread *threads[MAX_LOADERS];
    int nthreads;
    /* each loader's current request, for image_cache_check: since when (SDL ticks, 0
     * idle), whether it was reported stuck, and its file */
    Uint64 busy_since[MAX_LOADERS];
    int stuck[MAX_LOADERS];
    char busy_src[MAX_LOADERS][96];
    /* what loader i is started with: the cache and its slot i */
    struct LoaderArg {
        struct ImageCache *c;
        int slot;
    } args[MAX_LOADERS];
};

/* Caches whose destroy left a stuck loader behind: the loader still uses its cache
 * when its read returns, so the cache stays allocated (and reachable) until exit. */
static ImageCache *left_behind[4];

/* ---- loader side ---------------------------------------------------------------- */

static int is_sha256(const char *key)
{
    size_t n = 0;
    for (; key[n]; n++)
        if (!((key[n] >= '0' && key[n] <= '9') || (key[n] >= 'a' && key[n] <= 'f')))
            return 0;
    return n == 64;
}

/* Newest generation first (what is on screen now), then priority, then oldest. */
static Request *queue_take(ImageCache *c)
{
    Request **best = NULL;
    for (Request **pp = &c->queue; *pp; pp = &(*pp)->next) {
        Request *r = *pp, *b = best ? *best : NULL;
        if (!b || r->gen > b->gen ||
            (r->gen == b->gen &&
             (r->priority < b->priority || (r->priority == b->priority && r->seq < b->seq))))
            best = pp;
    }
    Request *r = *best;
    *best = r->next;
    r->next = NULL;
    c->queued--;
    return r;
}

static void request_run(ImageCache *c, Request *r)
{
    if (r->thumb) {
        static const char *const exts[] = {"jpg", "png"};
        for (size_t i = 0; i < 2; i++) {
            char path[1200];
            snprintf(path, sizeof path, "%s.%s", r->thumb, exts[i]);
            if (access(path, R_OK) != 0)
                continue;
            image_decode_file(path, &r->spec, &r->out);
            if (r->out.surface) {
                r->from_thumb = 1;
                r->status = REQ_OK;
                return;
            }
            /* A torn or foreign thumbnail: remove it and make a new one from the source. */
            log_warn("image", "thumbnail %s unusable (%s), rebuilding", path, r->out.why);
            unlink(path);
        }
    }
    image_decode_file(r->src, &r->spec, &r->out);
    if (!r->out.surface) {
        log_warn("image", "%s: %s", r->src, r->out.why);
        r->status = REQ_FAILED;
        return;
    }
    r->status = REQ_OK;
    if (r->thumb && r->out.transformed &&
        image_thumb_write(r->thumb, r->out.surface, r->out.opaque) != 0)
        log_warn("image", "cannot write thumbnail %s: %s", r->thumb, SDL_GetError());
}

static int loader_main(void *arg)
{
    ImageCache *c = ((struct LoaderArg *)arg)->c;
    int slot = ((struct LoaderArg *)arg)->slot;
    SDL_LockMutex(c->mu);
    for (;;) {
        while (!c->quit && (c->paused || !c->queue))
            SDL_CondWait(c->cv, c->mu);
        if (c->quit)
            break;
        Request *r = queue_take(c);
        c->working++;
        c->busy_since[slot] = SDL_GetTicks64() + 1;
        c->stuck[slot] = 0;
        const char *name = strrchr(r->src, '/'); /* the file's name says which photo */
        snprintf(c->busy_src[slot], sizeof c->busy_src[slot], "%s", name ? name + 1 : r->src);
        SDL_UnlockMutex(c->mu);

        request_run(c, r);

        SDL_LockMutex(c->mu);
        c->busy_since[slot] = 0;
        if (c->stuck[slot])
            log_warn("image", "the loader stuck on %s is free again", c->busy_src[slot]);
        c->working--;
        if (c->done_tail)
            c->done_tail->next = r;
        else
            c->done_head = r;
        c->done_tail = r;
        int wake = c->wake_event && !c->wake_posted;
        c->wake_posted = 1;
        SDL_UnlockMutex(c->mu);
        if (wake) { /* one event until the next pump: the UI wakes, pumps and redraws */
            SDL_Event ev;
            SDL_zero(ev);
            ev.type = c->wake_event;
            SDL_PushEvent(&ev);
        }
        SDL_LockMutex(c->mu);
    }
    SDL_UnlockMutex(c->mu);
    return 0;
}

static void request_free(Request *r)
{
    if (!r)
        return;
    SDL_FreeSurface(r->out.surface);
    free(r->src);
    free(r->thumb);
    free(r);
}

/* ---- entry table and LRU (UI thread) -------------------------------------------- */

static uint32_t hash_str(const char *s)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static int make_id(char *buf, size_t n, const char *key, int w, int h, ImageFit fit)
{
    int len = snprintf(buf, n, "%dx%d%c:%s", w, h, fit == IMAGE_FIT_COVER ? 'c' : 'f', key);
    return len > 0 && (size_t)len < n ? 0 : -1;
}

static Entry *entry_find(ImageCache *c, const char *id, uint32_t h)
{
    for (Entry *e = c->buckets[h & (c->nbuckets - 1)]; e; e = e->hnext)
        if (e->hash == h && strcmp(e->id, id) == 0)
            return e;
    return NULL;
}

static void table_grow(ImageCache *c)
{
    size_t n = c->nbuckets * 2;
    Entry **b = calloc(n, sizeof *b);
    if (!b)
        return; /* chains just get longer */
    for (size_t i = 0; i < c->nbuckets; i++) {
        for (Entry *e = c->buckets[i], *next; e; e = next) {
            next = e->hnext;
            e->hnext = b[e->hash & (n - 1)];
            b[e->hash & (n - 1)] = e;
        }
    }
    free(c->buckets);
    c->buckets = b;
    c->nbuckets = n;
}

static void lru_unlink(ImageCache *c, Entry *e)
{
    if (e->prev)
        e->prev->next = e->next;
    else
        c->lru_head = e->next;
    if (e->next)
        e->next->prev = e->prev;
    else
        c->lru_tail = e->prev;
    e->prev = e->next = NULL;
}

static void lru_push_front(ImageCache *c, Entry *e)
{
    e->prev = NULL;
    e->next = c->lru_head;
    if (c->lru_head)
        c->lru_head->prev = e;
    c->lru_head = e;
    if (!c->lru_tail)
        c->lru_tail = e;
}

/* Unlinks e from the table (and LRU), destroys its texture and frees it. */
static void entry_remove(ImageCache *c, Entry *e)
{
    Entry **pp = &c->buckets[e->hash & (c->nbuckets - 1)];
    while (*pp != e)
        pp = &(*pp)->hnext;
    *pp = e->hnext;
    if (e->state == IMAGE_READY) {
        lru_unlink(c, e);
        c->st.bytes -= e->bytes;
        c->st.textures--;
        SDL_DestroyTexture(e->tex);
    }
    c->nentries--;
    free(e->id);
    free(e);
}

static void evict(ImageCache *c, Entry *keep)
{
    while (c->st.bytes > c->max_bytes && c->lru_tail && c->lru_tail != keep) {
        entry_remove(c, c->lru_tail);
        c->st.evictions++;
    }
}

/* ---- public API ------------------------------------------------------------------ */

ImageCache *image_cache_create(const ImageCacheConfig *cfg, char *err, size_t errlen)
{
    ImageCache *c = calloc(1, sizeof *c);
    if (!c || !cfg->data_dir || !(c->data_dir = strdup(cfg->data_dir))) {
        snprintf(err, errlen, "image cache: %s", c ? "no data directory" : "out of memory");
        goto fail;
    }
    c->max_bytes = cfg->max_bytes ? cfg->max_bytes : IMAGE_DEFAULT_MAX_BYTES;
    c->max_pixels = cfg->max_pixels > 0 ? cfg->max_pixels : IMAGE_DEFAULT_MAX_PIXELS;
    c->no_thumbs = cfg->no_thumbs;
    c->wake_event = cfg->wake_event;
    c->nbuckets = 256;
    c->buckets = calloc(c->nbuckets, sizeof *c->buckets);
    c->mu = SDL_CreateMutex();
    c->cv = SDL_CreateCond();
    if (!c->buckets || !c->mu || !c->cv) {
        snprintf(err, errlen, "image cache: out of memory");
        goto fail;
    }
    /* Initialise the decoders once here, not racing from several loader threads. */
    IMG_Init(IMG_INIT_JPG | IMG_INIT_PNG | IMG_INIT_WEBP);
    int n = cfg->threads <= 0 ? 1 : cfg->threads > MAX_THREADS ? MAX_THREADS : cfg->threads;
    for (int i = 0; i < n; i++) {
        c->args[i] = (struct LoaderArg){c, i};
        c->threads[i] = SDL_CreateThread(loader_main, "image-loader", &c->args[i]);
        if (!c->threads[i]) {
            snprintf(err, errlen, "image cache: cannot start loader: %s", SDL_GetError());
            goto fail;
        }
        c->nthreads++;
    }
    return c;
fail:
    image_cache_destroy(c);
    return NULL;
}

int image_cache_check(ImageCache *c, uint32_t stuck_ms)
{
    if (!c)
        return 0;
    int cut = 0;
    char what[96] = "";
    Uint64 now = SDL_GetTicks64() + 1, busy = 0;
    SDL_LockMutex(c->mu);
    for (int i = 0; i < c->nthreads && !cut; i++) {
        if (!c->busy_since[i] || c->stuck[i] || now - c->busy_since[i] < stuck_ms)
            continue;
        c->stuck[i] = 1;
        cut = 1;
        busy = now - c->busy_since[i];
        snprintf(what, sizeof what, "%s", c->busy_src[i]);
        if (c->nthreads < MAX_LOADERS) {
            c->args[c->nthreads] = (struct LoaderArg){c, c->nthreads};
            SDL_Thread *t = SDL_CreateThread(loader_main, "image-loader", &c->args[c->nthreads]);
            if (t)
                c->threads[c->nthreads++] = t;
        }
    }
    int loaders = c->nthreads;
    SDL_UnlockMutex(c->mu);
    if (cut)
        log_error("image", "a loader has been reading %s for %llu s: %s", what,
                  (unsigned long long)(busy / 1000),
                  loaders <= MAX_LOADERS ? "another loader takes over the queue"
                                         : "no loader is left to take over");
    return cut;
}

void image_cache_destroy(ImageCache *c)
{
    if (!c)
        return;
    if (c->mu) {
        SDL_LockMutex(c->mu);
        c->quit = 1;
        SDL_CondBroadcast(c->cv);
        SDL_UnlockMutex(c->mu);
    }
    /* A decode in progress may finish (two seconds); a loader still in its read after
     * that is stuck on a file that does not answer (a dead mount) and would hold the
     * kiosk's exit, and its restart, for ever: it is left behind, with the cache it
     * still uses. */
    int busy[MAX_LOADERS] = {0}, left = 0;
    for (int waited = 0; c->mu; waited += 10) {
        int any = 0;
        SDL_LockMutex(c->mu);
        for (int i = 0; i < c->nthreads; i++)
            any |= busy[i] = c->busy_since[i] != 0;
        SDL_UnlockMutex(c->mu);
        if (!any || waited >= 2000)
            break;
        SDL_Delay(10);
    }
    for (int i = 0; i < c->nthreads; i++) {
        if (busy[i]) {
            SDL_DetachThread(c->threads[i]);
            left++;
        } else {
            SDL_WaitThread(c->threads[i], NULL);
        }
    }
    if (left) {
        log_error("image", "%d loader%s still stuck at shutdown, left behind", left,
                  left == 1 ? " is" : "s are");
        for (size_t i = 0; i < sizeof left_behind / sizeof left_behind[0]; i++)
            if (!left_behind[i]) {
                left_behind[i] = c;
                break;
            }
        return; /* the cache stays: a loader left behind still uses it */
    }
    for (Request *r = c->queue, *next; r; r = next) {
        next = r->next;
        request_free(r);
    }
    for (Request *r = c->done_head, *next; r; r = next) {
        next = r->next;
        request_free(r);
    }
    for (size_t i = 0; c->buckets && i < c->nbuckets; i++) {
        for (Entry *e = c->buckets[i], *next; e; e = next) {
            next = e->hnext;
            if (e->tex)
                SDL_DestroyTexture(e->tex);
            free(e->id);
            free(e);
        }
    }
    free(c->buckets);
    SDL_DestroyCond(c->cv);
    SDL_DestroyMutex(c->mu);
    free(c->data_dir);
    free(c);
}

uint32_t image_cache_next_generation(ImageCache *c)
{
    Request *stale = NULL;
    SDL_LockMutex(c->mu);
    uint32_t gen = ++c->gen;
    for (Request **pp = &c->queue; *pp;) {
        Request *r = *pp;
        if (r->gen + 1 < gen) { /* not asked for during the whole previous generation */
            *pp = r->next;
            r->next = stale;
            stale = r;
            c->queued--;
        } else {
            pp = &r->next;
        }
    }
    SDL_UnlockMutex(c->mu);
    for (Request *r = stale, *next; r; r = next) {
        next = r->next;
        entry_remove(c, r->entry);
        request_free(r);
        c->st.dropped++;
    }
    return gen;
}

static Request *request_new(ImageCache *c, const char *key, int w, int h, ImageFit fit,
                            int priority)
{
    Request *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->spec = (ImageDecodeSpec){.w = w, .h = h, .fit = fit, .max_pixels = c->max_pixels};
    r->priority = priority;
    r->seq = ++c->seq;
    size_t n = strlen(c->data_dir) + 100;
    if (is_sha256(key)) {
        r->src = malloc(n + 64);
        if (r->src)
            snprintf(r->src, n + 64, "%s/photos/%.2s/%s", c->data_dir, key, key);
        if (!c->no_thumbs && (r->thumb = malloc(n + 64)))
            snprintf(r->thumb, n + 64, "%s/thumbs/%dx%d%s/%s", c->data_dir, w, h,
                     fit == IMAGE_FIT_COVER ? "c" : "", key);
        if (!c->no_thumbs && !r->thumb) {
            request_free(r);
            return NULL;
        }
    } else {
        r->src = strdup(key); /* a plain path (assets): no content hash, no thumbnail */
    }
    if (!r->src) {
        request_free(r);
        return NULL;
    }
    return r;
}

SDL_Texture *image_get_ex(ImageCache *c, const char *key, int w, int h, ImageFit fit, int priority)
{
    char id[1200];
    if (!c || !key || !*key || w <= 0 || h <= 0 || w > IMAGE_MAX_BOX || h > IMAGE_MAX_BOX ||
        make_id(id, sizeof id, key, w, h, fit) != 0)
        return NULL;
    uint32_t hash = hash_str(id);
    Entry *e = entry_find(c, id, hash);
    if (e) {
        switch (e->state) {
        case IMAGE_READY:
            c->st.hits++;
            e->epoch = c->epoch;
            if (c->lru_head != e) {
                lru_unlink(c, e);
                lru_push_front(c, e);
            }
            return e->tex;
        case IMAGE_PENDING: /* still wanted: keep it from being dropped as stale */
            SDL_LockMutex(c->mu);
            e->req->gen = c->gen;
            if (priority < e->req->priority)
                e->req->priority = priority;
            SDL_UnlockMutex(c->mu);
            return NULL;
        default:
            return NULL;
        }
    }
    SDL_LockMutex(c->mu);
    size_t queued = c->queued;
    SDL_UnlockMutex(c->mu);
    if (queued >= QUEUE_MAX)
        return NULL;
    e = calloc(1, sizeof *e);
    Request *r = e ? request_new(c, key, w, h, fit, priority) : NULL;
    if (!r || !(e->id = strdup(id))) {
        request_free(r);
        free(e);
        return NULL;
    }
    e->hash = hash;
    e->state = IMAGE_PENDING;
    e->req = r;
    r->entry = e;
    e->hnext = c->buckets[hash & (c->nbuckets - 1)];
    c->buckets[hash & (c->nbuckets - 1)] = e;
    if (++c->nentries > c->nbuckets)
        table_grow(c);
    c->st.misses++;
    SDL_LockMutex(c->mu);
    r->gen = c->gen;
    r->next = c->queue;
    c->queue = r;
    c->queued++;
    SDL_CondSignal(c->cv);
    SDL_UnlockMutex(c->mu);
    return NULL;
}

SDL_Texture *image_get(ImageCache *c, const char *key, int w, int h)
{
    return image_get_ex(c, key, w, h, IMAGE_FIT_CONTAIN, 0);
}

SDL_Texture *image_get_cover(ImageCache *c, const char *key, int w, int h)
{
    return image_get_ex(c, key, w, h, IMAGE_FIT_COVER, 0);
}

ImageState image_state(ImageCache *c, const char *key, int w, int h, ImageFit fit)
{
    char id[1200];
    if (!c || !key || make_id(id, sizeof id, key, w, h, fit) != 0)
        return IMAGE_ABSENT;
    Entry *e = entry_find(c, id, hash_str(id));
    return e ? e->state : IMAGE_ABSENT;
}

/* Turns one finished request into a texture or a failure. */
static void request_finish(ImageCache *c, SDL_Renderer *rend, Request *r)
{
    Entry *e = r->entry;
    e->req = NULL;
    SDL_Texture *t = NULL;
    if (r->status == REQ_OK) {
        t = SDL_CreateTextureFromSurface(rend, r->out.surface);
        if (!t)
            log_warn("image", "%s: cannot create texture: %s", r->src, SDL_GetError());
    }
    if (!t) {
        e->state = IMAGE_FAILED; /* remembered: not retried every frame */
        c->st.failed++;
        return;
    }
    /* Opaque photos skip blending: on the software renderer that halves the copy cost. */
    SDL_SetTextureBlendMode(t, r->out.opaque ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetTextureScaleMode(t, SDL_ScaleModeLinear);
    e->tex = t;
    e->state = IMAGE_READY;
    e->bytes = (size_t)r->out.surface->w * (size_t)r->out.surface->h * 4;
    c->st.bytes += e->bytes;
    c->st.textures++;
    c->st.uploads++;
    c->st.from_thumb += (uint64_t)r->from_thumb;
    e->epoch = c->epoch;
    lru_push_front(c, e);
    evict(c, e);
}

int image_cache_pump(ImageCache *c, SDL_Renderer *rend, double budget_ms)
{
    if (!c)
        return 0;
    Uint64 t0 = SDL_GetPerformanceCounter(), freq = SDL_GetPerformanceFrequency();
    int changed = 0;
    for (;;) {
        SDL_LockMutex(c->mu);
        Request *r = c->done_head;
        if (r) {
            c->done_head = r->next;
            if (!c->done_head)
                c->done_tail = NULL;
        } else {
            c->wake_posted = 0;
        }
        SDL_UnlockMutex(c->mu);
        if (!r)
            break;
        request_finish(c, rend, r);
        request_free(r);
        changed++;
        if ((double)(SDL_GetPerformanceCounter() - t0) * 1000.0 / (double)freq >= budget_ms)
            break;
    }
    return changed;
}

void image_cache_forget_failed(ImageCache *c)
{
    for (size_t i = 0; c && i < c->nbuckets; i++) {
        for (Entry *e = c->buckets[i], *next; e; e = next) {
            next = e->hnext;
            if (e->state == IMAGE_FAILED)
                entry_remove(c, e);
        }
    }
}

void image_cache_set_paused(ImageCache *c, int paused)
{
    SDL_LockMutex(c->mu);
    c->paused = paused;
    SDL_CondBroadcast(c->cv);
    SDL_UnlockMutex(c->mu);
}

int image_cache_wait_idle(ImageCache *c, SDL_Renderer *r, int timeout_ms)
{
    Uint64 end = SDL_GetTicks64() + (Uint64)(timeout_ms > 0 ? timeout_ms : 0);
    for (;;) {
        image_cache_pump(c, r, 1e9);
        SDL_LockMutex(c->mu);
        int idle = !c->queue && !c->working && !c->done_head;
        SDL_UnlockMutex(c->mu);
        if (idle)
            return 0;
        if (SDL_GetTicks64() >= end)
            return -1;
        SDL_Delay(1);
    }
}

size_t image_cache_drop_unused(ImageCache *c)
{
    size_t freed = 0;
    /* the LRU list is in order of last use, so the unused ones are its tail */
    while (c->lru_tail && c->lru_tail->epoch != c->epoch) {
        freed += c->lru_tail->bytes;
        entry_remove(c, c->lru_tail);
        c->st.evictions++;
    }
    c->epoch++;
    return freed;
}

ImageStats image_cache_stats(const ImageCache *c)
{
    ImageStats s = c->st;
    SDL_LockMutex(c->mu);
    s.pending = c->queued + (size_t)c->working;
    for (Request *r = c->done_head; r; r = r->next)
        s.pending++;
    SDL_UnlockMutex(c->mu);
    return s;
}
