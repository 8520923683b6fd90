/* Text runs across the fallback chain, measuring, line breaking and ellipsis.
 * Breaking: libunibreak gives the break opportunities (UAX #14, language "zh", so
 * closing punctuation like 。，、）」 never starts a line); lines are filled greedily
 * using per-segment widths as an estimate, then checked by measuring the whole line,
 * because shaping is not exactly additive. */
#include "text_internal.h"

#include "core/log.h"
#include "core/utf8.h"

#include <linebreak.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_ELLIPSIS "\xE2\x80\xA6" /* U+2026 … */

/* Zero-width marks that belong to the character before them (variation selectors,
 * joiners): they never start a run of their own and are never "missing". */
static int text_is_ignorable(uint32_t cp)
{
    return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2060 && cp <= 0x2064) ||
           (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF || cp == 0xAD ||
           (cp >= 0xE0100 && cp <= 0xE01EF);
}

const char *text_scratch(TextCtx *t, const char *s, size_t len)
{
    if (len + 1 > t->scratch_cap) {
        size_t cap = len + 1 < 256 ? 256 : 2 * (len + 1);
        char *n = realloc(t->scratch, cap);
        if (!n)
            return NULL;
        t->scratch = n;
        t->scratch_cap = cap;
    }
    memcpy(t->scratch, s, len);
    t->scratch[len] = '\0';
    return t->scratch;
}

TTF_Font *text_main_font(TextCtx *t, const TextStyle *st)
{
    return font_get(t->fonts, st->face, 0, st->px);
}

int text_line_height(TextCtx *t, const TextStyle *st)
{
    TTF_Font *main = text_main_font(t, st);
    float spacing = st->line_spacing > 0 ? st->line_spacing : 1.0f;
    return main ? (int)lroundf((float)TTF_FontLineSkip(main) * spacing) : -1;
}

size_t text_run_next(TextCtx *t, FontFace face, const char *s, size_t len, size_t pos, int *link,
                     unsigned long *missing)
{
    int run = -1;
    size_t p = pos;
    while (p < len) {
        const char *c = s + p;
        int32_t cp = utf8_next(&c);
        int k;
        if (cp < 0 || text_is_ignorable((uint32_t)cp)) {
            k = run < 0 ? 0 : run;
        } else {
            k = font_find_glyph(t->fonts, face, (uint32_t)cp);
            if (k < 0) {
                if (missing)
                    (*missing)++;
                k = 0; /* drawn as the main face's box: visible, and counted */
            }
        }
        if (run >= 0 && k != run)
            break;
        run = k;
        p = (size_t)(c - s);
    }
    *link = run < 0 ? 0 : run;
    return p - pos;
}

int text_measure(TextCtx *t, const char *s, size_t len, const TextStyle *st)
{
    int total = 0;
    size_t pos = 0, n;
    int link;
    while ((n = text_run_next(t, st->face, s, len, pos, &link, NULL)) > 0) {
        TTF_Font *f = font_get(t->fonts, st->face, link, st->px);
        const char *run = text_scratch(t, s + pos, n);
        int w = 0;
        if (!f || !run || TTF_SizeUTF8(f, run, &w, NULL) != 0)
            return -1;
        total += w;
        pos += n;
    }
    return total;
}

int text_missing_glyphs(TextCtx *t, const char *utf8, FontFace face, uint32_t *first)
{
    int n = 0;
    const char *s = utf8;
    while (*s) {
        int32_t cp = utf8_next(&s);
        if (cp < 0x20 || text_is_ignorable((uint32_t)cp))
            continue;
        if (font_find_glyph(t->fonts, face, (uint32_t)cp) < 0) {
            if (n == 0 && first)
                *first = (uint32_t)cp;
            n++;
        }
    }
    return n;
}

static int text_is_space_at_end(const char *s, size_t start, size_t *end)
{
    size_t e = *end;
    if (e > start &&
        (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n' || s[e - 1] == '\r')) {
        *end = e - 1;
        return 1;
    }
    if (e >= start + 3 && memcmp(s + e - 3, "\xE3\x80\x80", 3) == 0) { /* U+3000 */
        *end = e - 3;
        return 1;
    }
    return 0;
}

/* End of s[start..end) without trailing white space. */
static size_t text_trim_end(const char *s, size_t start, size_t end)
{
    while (text_is_space_at_end(s, start, &end))
        ;
    return end;
}

/* Longest prefix (in bytes, whole characters) of s[0..len) that fits in max_width, with
 * "…" after it when ellipsis is set. At least one character when ellipsis is not set,
 * so a line always makes progress. *width receives the width including any ellipsis. */
static size_t text_fit_prefix(TextCtx *t, const char *s, size_t len, const TextStyle *st,
                              int max_width, int ellipsis, int *width)
{
    size_t ne = ellipsis ? strlen(TEXT_ELLIPSIS) : 0;
    char *buf = malloc(len + ne + 1);
    size_t *bounds = malloc((len + 1) * sizeof *bounds);
    size_t best = 0;
    int best_w = 0;
    if (!buf || !bounds)
        goto out;
    size_t nb = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || ((unsigned char)s[i] & 0xC0) != 0x80)
            bounds[nb++] = i; /* bounds[k] = byte length of the first k characters */
    }
    size_t lo = ellipsis ? 0 : 1, hi = nb - 1; /* number of characters kept */
    if (lo > hi)
        lo = hi;
    best = bounds[lo];
    while (lo <= hi) {
        size_t mid = (lo + hi) / 2;
        size_t b = text_trim_end(s, 0, bounds[mid]);
        memcpy(buf, s, b);
        memcpy(buf + b, TEXT_ELLIPSIS, ne);
        int w = text_measure(t, buf, b + ne, st);
        if (w >= 0 && (w <= max_width || (mid <= 1 && !ellipsis))) {
            best = bounds[mid];
            best_w = w;
            lo = mid + 1;
        } else {
            if (mid == 0)
                break;
            hi = mid - 1;
        }
    }
    if (best_w == 0) {
        size_t b = text_trim_end(s, 0, best);
        memcpy(buf, s, b);
        memcpy(buf + b, TEXT_ELLIPSIS, ne);
        best_w = text_measure(t, buf, b + ne, st);
    }
out:
    free(buf);
    free(bounds);
    if (width)
        *width = best_w;
    return best;
}

char *text_ellipsize(TextCtx *t, const char *utf8, const TextStyle *st, int max_width)
{
    size_t len = strlen(utf8);
    if (max_width <= 0 || text_measure(t, utf8, len, st) <= max_width)
        return strdup(utf8);
    size_t keep = text_trim_end(utf8, 0, text_fit_prefix(t, utf8, len, st, max_width, 1, NULL));
    char *out = malloc(keep + sizeof TEXT_ELLIPSIS);
    if (!out)
        return NULL;
    memcpy(out, utf8, keep);
    memcpy(out + keep, TEXT_ELLIPSIS, sizeof TEXT_ELLIPSIS); /* with its NUL */
    return out;
}

typedef struct {
    size_t *end; /* byte offset just after each break opportunity */
    char *must;  /* the break there is mandatory (newline, end of text) */
    int n;
} Breaks;

static int text_breaks(const char *s, size_t len, Breaks *b)
{
    static int initialised;
    if (!initialised) {
        init_linebreak();
        initialised = 1;
    }
    char *brks = malloc(len);
    b->end = malloc(len * sizeof *b->end);
    b->must = malloc(len);
    b->n = 0;
    if (!brks || !b->end || !b->must) {
        free(brks);
        return -1;
    }
    set_linebreaks_utf8((const utf8_t *)s, len, "zh", brks);
    for (size_t i = 0; i < len; i++) {
        if (brks[i] == LINEBREAK_MUSTBREAK || brks[i] == LINEBREAK_ALLOWBREAK) {
            b->end[b->n] = i + 1;
            b->must[b->n++] = brks[i] == LINEBREAK_MUSTBREAK;
        }
    }
    free(brks);
    return 0;
}

static int layout_push(TextLayout *l, int *cap, size_t start, size_t len, int width, int ellipsis)
{
    if (l->count == *cap) {
        int n = *cap ? 2 * *cap : 8;
        TextLine *nl = realloc(l->lines, (size_t)n * sizeof *nl);
        if (!nl)
            return -1;
        l->lines = nl;
        *cap = n;
    }
    l->lines[l->count++] = (TextLine){start, len, width, ellipsis};
    if (width > l->width)
        l->width = width;
    return 0;
}

/* Width of s[start..end) without its trailing white space. */
static int line_width(TextCtx *t, const char *s, size_t start, size_t end, const TextStyle *st)
{
    size_t e = text_trim_end(s, start, end);
    return text_measure(t, s + start, e - start, st);
}

/* A paragraph whose last line holds one or two characters ("长。") looks broken off:
 * move the last break opportunity of the line before down to it when both still fit
 * and the line before stays at least half full. */
static void layout_avoid_orphan(TextCtx *t, const char *s, const TextStyle *st, int max_width,
                                const Breaks *b, TextLayout *l)
{
    if (l->count < 2)
        return;
    TextLine *prev = &l->lines[l->count - 2], *last = &l->lines[l->count - 1];
    const char *p = s + last->start;
    size_t chars = 0;
    while (p < s + last->start + last->len)
        chars += (((unsigned char)*p++ & 0xC0) != 0x80);
    if (chars == 0 || chars > 2 || memchr(s + prev->start, '\n', last->start - prev->start))
        return;
    size_t o = 0;
    for (int i = 0; i < b->n && b->end[i] < prev->start + prev->len; i++)
        o = b->end[i]; /* the last opportunity inside the line before */
    if (o <= prev->start)
        return;
    size_t end = last->start + last->len;
    int wl = line_width(t, s, o, end, st), wp = line_width(t, s, prev->start, o, st);
    if (wl < 0 || wl > max_width || wp < max_width / 2)
        return;
    prev->len = text_trim_end(s, prev->start, o) - prev->start;
    prev->width = wp;
    last->start = o;
    last->len = end - o;
    last->width = wl;
    l->width = 0;
    for (int i = 0; i < l->count; i++)
        if (l->lines[i].width > l->width)
            l->width = l->lines[i].width;
}

int text_layout(TextCtx *t, const char *s, const TextStyle *st, int max_width, TextLayout *out)
{
    memset(out, 0, sizeof *out);
    size_t len = strlen(s);
    TTF_Font *main = text_main_font(t, st);
    if (!main || !utf8_valid(s, len))
        return -1;
    out->line_height = text_line_height(t, st);
    if (len == 0)
        return 0;
    Breaks b;
    int cap = 0;
    if (text_breaks(s, len, &b) != 0)
        goto err;
    size_t start = 0;
    int j = 0; /* first break opportunity after start */
    while (start < len && j < b.n) {
        int e = j;
        if (max_width <= 0) {
            while (!b.must[e] && e + 1 < b.n)
                e++;
        } else {
            /* estimate: add whole segments while their summed widths fit */
            int est = line_width(t, s, start, b.end[j], st);
            while (!b.must[e] && e + 1 < b.n) {
                int w = text_measure(t, s + b.end[e], b.end[e + 1] - b.end[e], st);
                if (est + w > max_width)
                    break;
                est += w;
                e++;
            }
            /* correct against the real width of the whole line */
            int w = line_width(t, s, start, b.end[e], st);
            while (w > max_width && e > j)
                w = line_width(t, s, start, b.end[--e], st);
            while (w <= max_width && !b.must[e] && e + 1 < b.n) {
                int w2 = line_width(t, s, start, b.end[e + 1], st);
                if (w2 > max_width)
                    break;
                w = w2;
                e++;
            }
        }
        size_t end = b.end[e];
        size_t trimmed = text_trim_end(s, start, end);
        int w = text_measure(t, s + start, trimmed - start, st);
        int last_allowed = st->max_lines > 0 && out->count + 1 == st->max_lines;
        int more = end < len;
        if (max_width > 0 && w > max_width && !(last_allowed && more)) {
            /* one word wider than the line: split it between characters */
            end = start + text_fit_prefix(t, s + start, trimmed - start, st, max_width, 0, &w);
            trimmed = end;
        }
        if (last_allowed && more) { /* cut here: "…" after what fits */
            size_t avail = (max_width > 0 ? len : trimmed) - start;
            int limit = max_width > 0 ? max_width : INT32_MAX / 2;
            size_t keep = text_fit_prefix(t, s + start, avail, st, limit, 1, &w);
            /* never let the ellipsized line run past a newline */
            const char *nl = memchr(s + start, '\n', keep);
            if (nl)
                keep = text_fit_prefix(t, s + start, (size_t)(nl - (s + start)), st, limit, 1, &w);
            keep = text_trim_end(s, start, start + keep) - start;
            if (layout_push(out, &cap, start, keep, w, 1) != 0)
                goto err;
            out->truncated = 1;
            break;
        }
        if (layout_push(out, &cap, start, trimmed - start, w, 0) != 0)
            goto err;
        start = end;
        while (j < b.n && b.end[j] <= start)
            j++;
    }
    if (max_width > 0 && !out->truncated)
        layout_avoid_orphan(t, s, st, max_width, &b, out);
    out->height = out->count * out->line_height;
    free(b.end);
    free(b.must);
    return 0;
err:
    free(b.end);
    free(b.must);
    text_layout_free(out);
    return -1;
}

void text_layout_free(TextLayout *l)
{
    if (!l)
        return;
    free(l->lines);
    memset(l, 0, sizeof *l);
}
