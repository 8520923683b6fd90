/* Recorded finger strokes as text (tests/ime/strokes/README.md): one stroke per line,
 * points "x,y" separated by spaces, '#' comments. Used by the tests, the bench and the
 * UI script's `write FILE` step. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ime/ime.h"

#define STROKES_MAX        64
#define STROKE_POINTS_MAX  4096
#define STROKES_FILE_LIMIT (1 << 20) /* a fixture is a few KB; refuse anything huge */

void ime_strokes_free(ImeStrokes *strokes)
{
    if (!strokes)
        return;
    for (int i = 0; i < strokes->count; i++)
        free(strokes->strokes[i].points);
    free(strokes->strokes);
    strokes->strokes = NULL;
    strokes->count = 0;
}

/* Parses one stroke line [p, end) into st. Returns 0, or -1 with err. */
static int parse_line(const char *p, const char *end, int lineno, ImeStroke *st, char *err,
                      size_t errlen)
{
    int cap = 0;
    st->points = NULL;
    st->count = 0;
    while (p < end) {
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
            p++;
        if (p == end)
            break;
        int x, y, used = 0;
        char tmp[32];
        size_t tok = 0;
        while (p + tok < end && p[tok] != ' ' && p[tok] != '\t' && p[tok] != '\r')
            tok++;
        if (tok >= sizeof tmp)
            goto bad;
        memcpy(tmp, p, tok);
        tmp[tok] = '\0';
        if (sscanf(tmp, "%d,%d%n", &x, &y, &used) != 2 || (size_t)used != tok)
            goto bad;
        if (x < 0 || y < 0 || x > IME_HW_BOX || y > IME_HW_BOX) {
            snprintf(err, errlen, "line %d: point %s outside 0..%d", lineno, tmp, IME_HW_BOX);
            return -1;
        }
        if (st->count == cap) {
            if (cap == STROKE_POINTS_MAX) {
                snprintf(err, errlen, "line %d: more than %d points", lineno, STROKE_POINTS_MAX);
                return -1;
            }
            cap = cap ? cap * 2 : 16;
            ImePoint *np = realloc(st->points, (size_t)cap * sizeof *np);
            if (!np) {
                snprintf(err, errlen, "out of memory");
                return -1;
            }
            st->points = np;
        }
        st->points[st->count].x = x;
        st->points[st->count].y = y;
        st->count++;
        p += tok;
        continue;
    bad:
        snprintf(err, errlen, "line %d: expected points like 12,34", lineno);
        return -1;
    }
    return 0;
}

int ime_strokes_parse(const char *text, ImeStrokes *out, char *err, size_t errlen)
{
    out->strokes = NULL;
    out->count = 0;
    int lineno = 0;
    const char *p = text;
    while (*p) {
        const char *end = strchr(p, '\n');
        if (!end)
            end = p + strlen(p);
        lineno++;
        const char *q = p;
        while (q < end && (*q == ' ' || *q == '\t' || *q == '\r'))
            q++;
        if (q < end && *q != '#') {
            if (out->count == STROKES_MAX) {
                snprintf(err, errlen, "line %d: more than %d strokes", lineno, STROKES_MAX);
                goto fail;
            }
            ImeStroke *ns = realloc(out->strokes, (size_t)(out->count + 1) * sizeof *ns);
            if (!ns) {
                snprintf(err, errlen, "out of memory");
                goto fail;
            }
            out->strokes = ns;
            ImeStroke *st = &out->strokes[out->count];
            if (parse_line(q, end, lineno, st, err, errlen) != 0) {
                free(st->points);
                goto fail;
            }
            out->count++;
        }
        p = *end ? end + 1 : end;
    }
    if (out->count == 0) {
        snprintf(err, errlen, "no strokes");
        goto fail;
    }
    return 0;
fail:
    ime_strokes_free(out);
    return -1;
}

int ime_strokes_load(const char *path, ImeStrokes *out, char *err, size_t errlen)
{
    out->strokes = NULL;
    out->count = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    char *text = malloc(STROKES_FILE_LIMIT + 1);
    size_t n = text ? fread(text, 1, STROKES_FILE_LIMIT + 1, f) : 0;
    fclose(f);
    if (!text || n > STROKES_FILE_LIMIT) {
        snprintf(err, errlen, "%s: %s", path, text ? "file too large" : "out of memory");
        free(text);
        return -1;
    }
    text[n] = '\0';
    if (memchr(text, '\0', n)) {
        snprintf(err, errlen, "%s: not a text file", path);
        free(text);
        return -1;
    }
    char msg[160];
    int rc = ime_strokes_parse(text, out, msg, sizeof msg);
    if (rc != 0)
        snprintf(err, errlen, "%s: %s", path, msg);
    free(text);
    return rc;
}
