/* Rendering laid-out text into textures, and the cache that keeps them: keyed by
 * (string, face, size, colour, spacing, line limit, alignment, wrap width), evicted
 * least-recently-used first once the textures' bytes pass the cap. */
#include "text_internal.h"

#include "core/log.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_BUCKETS 1024 /* power of two */

struct TextEntry {
    uint64_t hash;
    char *key; /* string, NUL, then the packed style */
    size_t keylen;
    SDL_Texture *tex;
    int w, h;
    size_t bytes;
    TextEntry *prev, *next; /* MRU list */
    TextEntry *chain;       /* bucket */
    unsigned long used;     /* the frame (TextCtx.frame) it was last drawn in */
    int transient;
    /* the layout, kept for telling what of the text a clip leaves readable */
    TextLine *lines;
    int nlines, line_height, truncated;
};

typedef struct {
    int32_t face, px, max_width, max_lines, align, transient;
    uint8_t rgba[4];
    float spacing;
} PackedStyle;

TextCtx *text_create(FontSet *fonts, SDL_Renderer *r, size_t cache_bytes)
{
    TextCtx *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->fonts = fonts;
    t->renderer = r;
    t->cap_bytes = cache_bytes ? cache_bytes : TEXT_CACHE_DEFAULT_BYTES;
    t->nbuckets = TEXT_BUCKETS;
    t->buckets = calloc(t->nbuckets, sizeof *t->buckets);
    if (!t->buckets) {
        free(t);
        return NULL;
    }
    return t;
}

static void text_frame_clear(TextCtx *t)
{
    for (int i = 0; i < t->ndrawn; i++) {
        free(t->drawn[i].text);
        free(t->drawn[i].shown);
    }
    t->ndrawn = 0;
}

void text_destroy(TextCtx *t)
{
    if (!t)
        return;
    text_cache_clear(t);
    text_frame_clear(t);
    free(t->drawn);
    free(t->buckets);
    free(t->scratch);
    free(t);
}

static uint64_t text_hash(const char *k, size_t n)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)k[i];
        h *= 1099511628211ull;
    }
    return h;
}

static void entry_unlink(TextCtx *t, TextEntry *e)
{
    if (e->prev)
        e->prev->next = e->next;
    else
        t->mru = e->next;
    if (e->next)
        e->next->prev = e->prev;
    else
        t->lru = e->prev;
    e->prev = e->next = NULL;
}

static void entry_push_front(TextCtx *t, TextEntry *e)
{
    e->next = t->mru;
    e->prev = NULL;
    if (t->mru)
        t->mru->prev = e;
    t->mru = e;
    if (!t->lru)
        t->lru = e;
}

static void entry_free(TextCtx *t, TextEntry *e)
{
    TextEntry **pp = &t->buckets[e->hash & (t->nbuckets - 1)];
    while (*pp && *pp != e)
        pp = &(*pp)->chain;
    if (*pp)
        *pp = e->chain;
    entry_unlink(t, e);
    t->stats.bytes -= e->bytes;
    t->stats.entries--;
    if (e->tex)
        SDL_DestroyTexture(e->tex);
    free(e->lines);
    free(e->key);
    free(e);
}

void text_cache_clear(TextCtx *t)
{
    while (t->lru)
        entry_free(t, t->lru);
}

void text_cache_stats(const TextCtx *t, TextCacheStats *out)
{
    *out = t->stats;
}

/* Renders the laid-out lines into one transparent ARGB surface. Runs are copied
 * (not blended) onto the transparent surface so their edges keep straight alpha. */
static SDL_Surface *text_render_surface(TextCtx *t, const char *s, const TextStyle *st,
                                        const TextLayout *l)
{
    TTF_Font *main = text_main_font(t, st);
    if (!main || l->count == 0 || l->width <= 0)
        return NULL;
    int h = l->height;
    int font_h = TTF_FontHeight(main);
    if (h < font_h)
        h = font_h;
    SDL_Surface *surf =
        SDL_CreateRGBSurfaceWithFormat(0, l->width, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!surf)
        return NULL;
    SDL_FillRect(surf, NULL, 0);
    int ascent = TTF_FontAscent(main);
    int pad = (l->line_height - font_h) / 2; /* extra spacing shared above and below */
    if (pad < 0)
        pad = 0;
    for (int i = 0; i < l->count; i++) {
        const TextLine *ln = &l->lines[i];
        int x = st->align == TEXT_ALIGN_CENTER  ? (l->width - ln->width) / 2
                : st->align == TEXT_ALIGN_RIGHT ? l->width - ln->width
                                                : 0;
        int y = i * l->line_height + pad;
        /* the line's text, plus "…" when the layout cut it here */
        size_t n = ln->len + (ln->ellipsis ? 3 : 0);
        char *line = malloc(n + 1);
        if (!line)
            goto err;
        memcpy(line, s + ln->start, ln->len);
        memcpy(line + ln->len, "\xE2\x80\xA6", ln->ellipsis ? 3 : 0);
        line[n] = '\0';
        size_t pos = 0, rn;
        int link;
        while ((rn = text_run_next(t, st->face, line, n, pos, &link, &t->stats.missing_glyphs)) >
               0) {
            TTF_Font *f = font_get(t->fonts, st->face, link, st->px);
            const char *run = f ? text_scratch(t, line + pos, rn) : NULL;
            SDL_Surface *rs = run ? TTF_RenderUTF8_Blended(f, run, st->color) : NULL;
            if (rs) {
                /* align the run's baseline with the main font's */
                SDL_Rect dst = {x, y + ascent - TTF_FontAscent(f), rs->w, rs->h};
                SDL_SetSurfaceBlendMode(rs, SDL_BLENDMODE_NONE);
                SDL_BlitSurface(rs, NULL, surf, &dst);
                x += rs->w;
                SDL_FreeSurface(rs);
            } else if (run && *run && strspn(run, " ") != rn) {
                log_warn("text", "cannot render \"%s\": %s", run, TTF_GetError());
            }
            pos += rn;
        }
        free(line);
    }
    return surf;
err:
    SDL_FreeSurface(surf);
    return NULL;
}

static TextEntry *text_cache_lookup(TextCtx *t, const char *key, size_t keylen, uint64_t h)
{
    for (TextEntry *e = t->buckets[h & (t->nbuckets - 1)]; e; e = e->chain) {
        if (e->hash == h && e->keylen == keylen && memcmp(e->key, key, keylen) == 0)
            return e;
    }
    return NULL;
}

/* A new transient entry e replaces the others of its style and width (the packed style
 * after the string in the key) that this frame has not drawn: the last minute's time. */
static void drop_replaced(TextCtx *t, const TextEntry *e)
{
    const char *style = e->key + strlen(e->key) + 1;
    for (TextEntry *x = t->mru, *next; x; x = next) {
        next = x->next;
        if (x == e || !x->transient || x->used == t->frame)
            continue;
        size_t n = strlen(x->key) + 1;
        if (x->keylen - n == sizeof(PackedStyle) &&
            memcmp(x->key + n, style, sizeof(PackedStyle)) == 0) {
            entry_free(t, x);
            t->stats.replaced++;
        }
    }
}

static TextEntry *text_entry(TextCtx *t, const char *utf8, const TextStyle *st, int max_width)
{
    if (!t->renderer || !utf8 || !*utf8)
        return NULL;
    PackedStyle ps;
    memset(&ps, 0, sizeof ps); /* padding too: the struct's bytes are the key */
    ps.face = st->face;
    ps.px = st->px;
    ps.max_width = max_width > 0 ? max_width : 0;
    ps.max_lines = st->max_lines;
    ps.align = st->align;
    ps.rgba[0] = st->color.r;
    ps.rgba[1] = st->color.g;
    ps.rgba[2] = st->color.b;
    ps.rgba[3] = st->color.a;
    ps.spacing = st->line_spacing > 0 ? st->line_spacing : 1.0f;
    ps.transient = st->transient != 0;
    size_t slen = strlen(utf8), keylen = slen + 1 + sizeof ps;
    char *key = malloc(keylen);
    if (!key)
        return NULL;
    memcpy(key, utf8, slen + 1);
    memcpy(key + slen + 1, &ps, sizeof ps);
    uint64_t hash = text_hash(key, keylen);
    TextEntry *e = text_cache_lookup(t, key, keylen, hash);
    if (e) {
        free(key);
        t->stats.hits++;
        e->used = t->frame;
        entry_unlink(t, e);
        entry_push_front(t, e);
        return e;
    }
    t->stats.misses++;
    TextLayout l;
    if (text_layout(t, utf8, st, max_width, &l) != 0) {
        log_warn("text", "cannot lay out a %zu-byte string", slen);
        free(key);
        return NULL;
    }
    SDL_Surface *surf = text_render_surface(t, utf8, st, &l);
    SDL_Texture *tex = surf ? SDL_CreateTextureFromSurface(t->renderer, surf) : NULL;
    if (!tex) {
        log_warn("text", "cannot make a texture for \"%.40s\": %s", utf8, SDL_GetError());
        text_layout_free(&l);
        SDL_FreeSurface(surf);
        free(key);
        return NULL;
    }
    SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
    e = calloc(1, sizeof *e);
    if (!e) {
        text_layout_free(&l);
        SDL_DestroyTexture(tex);
        SDL_FreeSurface(surf);
        free(key);
        return NULL;
    }
    e->lines = l.lines; /* the entry keeps the lines */
    e->nlines = l.count;
    e->line_height = l.line_height;
    e->truncated = l.truncated;
    e->hash = hash;
    e->key = key;
    e->keylen = keylen;
    e->tex = tex;
    e->used = t->frame;
    e->transient = ps.transient;
    e->w = surf->w;
    e->h = surf->h;
    e->bytes = (size_t)surf->w * (size_t)surf->h * 4;
    SDL_FreeSurface(surf);
    size_t b = hash & (t->nbuckets - 1);
    e->chain = t->buckets[b];
    t->buckets[b] = e;
    entry_push_front(t, e);
    t->stats.bytes += e->bytes;
    t->stats.entries++;
    if (e->transient)
        drop_replaced(t, e);
    /* evict the least recently used, never the texture the caller is about to draw */
    while (t->stats.bytes > t->cap_bytes && t->lru && t->lru != e) {
        entry_free(t, t->lru);
        t->stats.evictions++;
    }
    return e;
}

SDL_Texture *text_texture(TextCtx *t, const char *utf8, const TextStyle *st, int max_width, int *w,
                          int *h)
{
    TextEntry *e = text_entry(t, utf8, st, max_width);
    if (!e)
        return NULL;
    if (w)
        *w = e->w;
    if (h)
        *h = e->h;
    return e->tex;
}

/* Appends s[0..n) to the growing string *out (length *len). -1 on allocation failure. */
static int shown_append(char **out, size_t *len, const char *s, size_t n)
{
    char *o = realloc(*out, *len + n + 1);
    if (!o)
        return -1;
    memcpy(o + *len, s, n);
    *len += n;
    o[*len] = '\0';
    *out = o;
    return 0;
}

/* What of the block e drawn at dst a resident can read inside clip: the lines whose middle
 * lies inside it, and of a line cut at the side the characters wholly inside it, "…"
 * where the layout cut the text. Newly allocated; NULL on allocation failure. */
static char *text_shown(TextCtx *t, const char *utf8, const TextStyle *st, const TextEntry *e,
                        SDL_Rect dst, SDL_Rect clip)
{
    char *out = calloc(1, 1);
    size_t len = 0;
    size_t next = (size_t)-1; /* where the last kept piece ended in utf8 */
    if (!out)
        return NULL;
    for (int i = 0; i < e->nlines; i++) {
        const TextLine *ln = &e->lines[i];
        int lh = e->line_height;
        int top = dst.y + i * lh + lh / 5, bottom = dst.y + i * lh + lh - lh / 5;
        if (top < clip.y || bottom > clip.y + clip.h)
            continue;
        int x = dst.x + (st->align == TEXT_ALIGN_CENTER  ? (dst.w - ln->width) / 2
                         : st->align == TEXT_ALIGN_RIGHT ? dst.w - ln->width
                                                         : 0);
        size_t a = ln->start, b = ln->start + ln->len;
        int ell = ln->ellipsis;
        if (x < clip.x || x + ln->width > clip.x + clip.w) {
            /* cut at a side: keep the characters that lie wholly inside */
            const char *p = utf8 + a;
            size_t first = b, last = a;
            int ok = 1;
            while (p < utf8 + b) {
                const char *c0 = p;
                p++;
                while (p < utf8 + b && ((unsigned char)*p & 0xC0) == 0x80)
                    p++;
                int x0 = x + text_measure(t, utf8 + a, (size_t)(c0 - (utf8 + a)), st);
                int x1 = x + text_measure(t, utf8 + a, (size_t)(p - (utf8 + a)), st);
                if (x0 >= clip.x - 1 && x1 <= clip.x + clip.w + 1) {
                    if (first == b)
                        first = (size_t)(c0 - utf8);
                    if (ok)
                        last = (size_t)(p - utf8);
                } else if (first != b) {
                    ok = 0; /* past the right edge */
                }
            }
            if (first >= last)
                continue;
            ell = ell && last == b && x + ln->width <= clip.x + clip.w + 1;
            a = first;
            b = last;
        }
        /* consecutive lines read as the source did (the spaces and newlines at their
         * breaks kept); pieces with something cut between them on lines of their own */
        if (next != (size_t)-1 && a > next && strspn(utf8 + next, " \n") >= a - next) {
            if (shown_append(&out, &len, utf8 + next, a - next) < 0)
                goto err;
        } else if (next != (size_t)-1 && a != next) {
            if (shown_append(&out, &len, "\n", 1) < 0)
                goto err;
        }
        if (shown_append(&out, &len, utf8 + a, b - a) < 0)
            goto err;
        if (ell && shown_append(&out, &len, "\xE2\x80\xA6", 3) < 0)
            goto err;
        next = b;
    }
    return out;
err:
    free(out);
    return NULL;
}

static void text_frame_record(TextCtx *t, const char *utf8, const TextStyle *st, const TextEntry *e,
                              SDL_Rect r)
{
    /* only what can be seen counts: text scrolled out of its view or off the screen is
     * clipped away, and a script must not find (or tap) it */
    SDL_Rect clip = {0, 0, 0, 0}, vis = {r.x, r.y, 0, 0};
    SDL_GetRendererOutputSize(t->renderer, &clip.w, &clip.h);
    if (SDL_RenderIsClipEnabled(t->renderer)) {
        SDL_Rect c;
        SDL_RenderGetClipRect(t->renderer, &c);
        if (!SDL_IntersectRect(&c, &clip, &clip))
            clip = (SDL_Rect){c.x, c.y, 0, 0};
    }
    SDL_IntersectRect(&r, &clip, &vis);
    if (t->ndrawn == t->capdrawn) {
        int n = t->capdrawn ? 2 * t->capdrawn : 64;
        TextDrawn *nd = realloc(t->drawn, (size_t)n * sizeof *nd);
        if (!nd)
            return; /* only scripted lookups and the audit lose this string */
        t->drawn = nd;
        t->capdrawn = n;
    }
    TextDrawn d = {strdup(utf8), text_shown(t, utf8, st, e, r, clip), vis, r, clip, e->truncated,
                   st->whole};
    if (!d.text || !d.shown) {
        free(d.text);
        free(d.shown);
        return;
    }
    t->drawn[t->ndrawn++] = d;
}

int text_draw(TextCtx *t, const char *utf8, const TextStyle *st, int x, int y, int max_width,
              SDL_Rect *drawn)
{
    SDL_Rect dst = {x, y, 0, 0};
    if (drawn)
        *drawn = dst;
    if (!utf8 || !*utf8)
        return 0;
    TextEntry *e = text_entry(t, utf8, st, max_width);
    if (!e)
        return -1;
    SDL_Texture *tex = e->tex;
    int w = e->w, h = e->h;
    dst.w = w;
    dst.h = h;
    if (max_width > 0 && st->align == TEXT_ALIGN_CENTER)
        dst.x = x + (max_width - w) / 2;
    else if (max_width > 0 && st->align == TEXT_ALIGN_RIGHT)
        dst.x = x + max_width - w;
    SDL_SetTextureAlphaMod(tex, 255);
    if (SDL_RenderCopy(t->renderer, tex, NULL, &dst) != 0)
        return -1;
    text_frame_record(t, utf8, st, e, dst);
    if (drawn)
        *drawn = dst;
    return 0;
}

void text_frame_begin(TextCtx *t)
{
    t->frame++;
    text_frame_clear(t);
}

int text_frame_find(const TextCtx *t, const char *needle, SDL_Rect *where)
{
    int partial = -1;
    for (int i = t->ndrawn - 1; i >= 0; i--) { /* the last drawn is on top */
        if (!t->drawn[i].shown[0])
            continue;
        if (strcmp(t->drawn[i].shown, needle) == 0) {
            if (where)
                *where = t->drawn[i].rect;
            return 1;
        }
        if (partial < 0 && strstr(t->drawn[i].shown, needle))
            partial = i;
    }
    if (partial < 0)
        return 0;
    if (where)
        *where = t->drawn[partial].rect;
    return 1;
}

int text_frame_count(const TextCtx *t)
{
    return t->ndrawn;
}

const TextDrawn *text_frame_get(const TextCtx *t, int i)
{
    return i >= 0 && i < t->ndrawn ? &t->drawn[i] : NULL;
}
