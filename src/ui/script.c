/* The script language: parsing and running steps against a ScriptHost. */
#include "ui/script.h"

#include "core/timeutil.h"
#include "core/utf8.h"

#include <ctype.h>
#include <dirent.h>
#include <malloc.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FRAME_MS    16
#define TAP_HOLD_MS 60
#define POLL_MS     50 /* wait-for / wait-gone look again this often (wall clock) */
#define WAIT_MAX_S  3600

static const struct {
    const char *word;
    ScriptOp op;
    int numbers; /* how many integers follow; -1: a string argument */
} OPS[] = {
    {"goto", STEP_GOTO, -1},
    {"wait", STEP_WAIT, 1},
    {"drag", STEP_DRAG, 5},
    {"pinch", STEP_PINCH, 5},
    {"key", STEP_KEY, -1},
    {"type", STEP_TYPE, -1},
    {"expect", STEP_EXPECT, -1},
    {"expect-not", STEP_EXPECT_NOT, -1},
    {"where", STEP_WHERE, -1},
    {"stats", STEP_STATS, -1},
    {"shot", STEP_SHOT, -1},
    {"write", STEP_WRITE, -1},
    {"where-pad", STEP_WHERE_PAD, 0},
};

void script_destroy(Script *s)
{
    if (!s)
        return;
    for (int i = 0; i < s->count; i++)
        free(s->steps[i].arg);
    free(s->steps);
    free(s->path);
    free(s);
}

/* Prints this process's resident memory (VmRSS) and open descriptors, for soaks. */
static int run_stats(const ScriptHost *h, const char *label, char *err, size_t errlen)
{
    long rss = -1, anon = -1, file = -1, fds = 0, v;
    char line[256];
    FILE *f = fopen("/proc/self/status", "r");
    while (f && fgets(line, sizeof line, f)) {
        if (sscanf(line, "VmRSS: %ld kB", &v) == 1)
            rss = v;
        else if (sscanf(line, "RssAnon: %ld kB", &v) == 1)
            anon = v;
        else if (sscanf(line, "RssFile: %ld kB", &v) == 1)
            file = v;
    }
    if (f)
        fclose(f);
    DIR *d = opendir("/proc/self/fd");
    for (struct dirent *e; d && (e = readdir(d));)
        fds += e->d_name[0] != '.';
    if (d)
        closedir(d);
    if (rss < 0 || !d) {
        snprintf(err, errlen, "stats: cannot read /proc/self");
        return -1;
    }
    /* RSS in two parts: anonymous memory (the heap, stacks: where a leak shows) and
     * file pages (the fonts' glyphs as they are first drawn, libraries: clean, shared,
     * bounded by the files' sizes); and what malloc holds for live allocations, small
     * and mmapped (glibc): anonymous growth without it is the allocator's free space */
    struct mallinfo2 mi = mallinfo2();
    char own[256] = "";
    if (h->stats)
        h->stats(h->ctx, own, sizeof own);
    printf("stats %s rss_kb=%ld fds=%ld heap_kb=%zu anon_kb=%ld file_kb=%ld free_kb=%zu%s\n", label,
           rss, fds - 1 /* less opendir's own */, (mi.uordblks + mi.hblkhd) / 1024, anon, file,
           mi.fordblks / 1024 /* free chunks malloc holds: fragmentation */, own);
    fflush(stdout);
    return 0;
}

/* Reads a string argument: "quoted with \" escapes" or the rest of the line. */
static char *parse_string(const char *p, int *ok)
{
    while (*p == ' ' || *p == '\t')
        p++;
    size_t n = strlen(p);
    while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
        n--;
    *ok = n > 0;
    if (n == 0)
        return NULL;
    if (p[0] != '"')
        return strndup(p, n);
    if (n < 2 || p[n - 1] != '"') {
        *ok = 0;
        return NULL;
    }
    char *out = malloc(n);
    if (!out) {
        *ok = 0;
        return NULL;
    }
    size_t k = 0;
    for (size_t i = 1; i + 1 < n; i++) {
        if (p[i] == '\\' && i + 2 < n)
            i++;
        out[k++] = p[i];
    }
    out[k] = '\0';
    return out;
}

static int parse_numbers(const char *p, int *v, int want)
{
    for (int i = 0; i < want; i++) {
        char *end;
        errno = 0;
        long x = strtol(p, &end, 10);
        if (end == p || errno || x < -100000 || x > 1000000)
            return -1;
        v[i] = (int)x;
        p = end;
    }
    while (*p == ' ' || *p == '\t' || *p == '\r')
        p++;
    return *p ? -1 : 0;
}

/* Reads `"TEXT" SECONDS` (wait-for, wait-gone) into st->arg and st->v[0]. */
static int parse_text_seconds(const char *p, ScriptStep *st)
{
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p != '"')
        return -1;
    size_t i = 1;
    while (p[i] && p[i] != '"')
        i += p[i] == '\\' && p[i + 1] ? 2 : 1;
    if (p[i] != '"')
        return -1;
    char *quoted = strndup(p, i + 1);
    int ok = 0;
    if (quoted)
        st->arg = parse_string(quoted, &ok);
    free(quoted);
    if (!ok || parse_numbers(p + i + 1, st->v, 1) < 0 || st->v[0] < 1 || st->v[0] > WAIT_MAX_S)
        return -1;
    return 0;
}

Script *script_parse(const char *text, const char *name, char *err, size_t errlen)
{
    Script *s = calloc(1, sizeof *s);
    if (!s || !(s->path = strdup(name))) {
        snprintf(err, errlen, "%s: out of memory", name);
        free(s);
        return NULL;
    }
    if (!utf8_valid(text, strlen(text))) {
        snprintf(err, errlen, "%s: not valid UTF-8", name);
        script_destroy(s);
        return NULL;
    }
    int cap = 0, line = 0;
    const char *p = text;
    while (*p) {
        line++;
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        char *ln = strndup(p, len);
        p += len + (eol ? 1 : 0);
        if (!ln)
            goto oom;
        char *q = ln;
        while (*q == ' ' || *q == '\t')
            q++;
        if (*q == '\0' || *q == '#' || *q == '\r') {
            free(ln);
            continue;
        }
        char word[16];
        size_t wl = strcspn(q, " \t\r");
        if (wl >= sizeof word) {
            snprintf(err, errlen, "%s:%d: unknown step \"%.20s\"", name, line, q);
            free(ln);
            goto fail;
        }
        memcpy(word, q, wl);
        word[wl] = '\0';
        const char *rest = q + wl;
        ScriptStep st;
        memset(&st, 0, sizeof st);
        st.line = line;
        int found = 0, bad = 0;
        if (strcmp(word, "tap") == 0) {
            found = 1;
            const char *r = rest;
            while (*r == ' ')
                r++;
            if (*r == '"') {
                st.op = STEP_TAP_LABEL;
                int ok;
                st.arg = parse_string(rest, &ok);
                bad = !ok;
            } else {
                st.op = STEP_TAP_XY;
                bad = parse_numbers(rest, st.v, 2) < 0;
            }
        }
        if (strcmp(word, "pick") == 0) { /* pick N or pick "词" */
            found = 1;
            st.op = STEP_PICK;
            const char *r = rest;
            while (*r == ' ')
                r++;
            if (*r == '"') {
                int ok;
                st.arg = parse_string(rest, &ok);
                bad = !ok;
            } else {
                bad = parse_numbers(rest, st.v, 1) < 0 || st.v[0] < 1;
            }
        }
        if (strcmp(word, "audit") == 0) {
            found = 1;
            st.op = STEP_AUDIT;
            bad = rest[strspn(rest, " \t\r")] != '\0';
        }
        if (strcmp(word, "until") == 0) { /* until HH:MM */
            found = 1;
            st.op = STEP_UNTIL;
            int hh, mm, end = 0;
            bad = sscanf(rest, " %2d:%2d %n", &hh, &mm, &end) != 2 || rest[end] != '\0' || hh < 0 ||
                  hh > 23 || mm < 0 || mm > 59;
            st.v[0] = bad ? 0 : hh * 60 + mm;
        }
        if (strcmp(word, "wait-for") == 0 || strcmp(word, "wait-gone") == 0) {
            found = 1;
            st.op = strcmp(word, "wait-for") == 0 ? STEP_WAIT_FOR : STEP_WAIT_GONE;
            bad = parse_text_seconds(rest, &st) < 0;
        }
        for (size_t i = 0; !found && i < sizeof OPS / sizeof OPS[0]; i++) {
            if (strcmp(word, OPS[i].word) != 0)
                continue;
            found = 1;
            st.op = OPS[i].op;
            if (OPS[i].numbers < 0) {
                int ok;
                st.arg = parse_string(rest, &ok);
                bad = !ok;
            } else {
                bad = parse_numbers(rest, st.v, OPS[i].numbers) < 0;
            }
        }
        if (!found || bad) {
            snprintf(err, errlen, "%s:%d: %s \"%s\"", name, line,
                     found ? "bad arguments for" : "unknown step", word);
            free(st.arg);
            free(ln);
            goto fail;
        }
        free(ln);
        if (s->count == cap) {
            cap = cap ? cap * 2 : 32;
            ScriptStep *n = realloc(s->steps, (size_t)cap * sizeof *n);
            if (!n) {
                free(st.arg);
                goto oom;
            }
            s->steps = n;
        }
        s->steps[s->count++] = st;
    }
    return s;
oom:
    snprintf(err, errlen, "%s: out of memory", name);
fail:
    script_destroy(s);
    return NULL;
}

Script *script_load(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    char *text = NULL;
    size_t len = 0, cap = 0;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (len + n + 1 > cap) {
            cap = (len + n + 1) * 2;
            char *t = realloc(text, cap);
            if (!t) {
                free(text);
                fclose(f);
                snprintf(err, errlen, "%s: out of memory", path);
                return NULL;
            }
            text = t;
        }
        memcpy(text + len, chunk, n);
        len += n;
    }
    fclose(f);
    if (!text) {
        text = calloc(1, 1);
        if (!text)
            return NULL;
    }
    text[len] = '\0';
    Script *s = script_parse(text, path, err, errlen);
    free(text);
    return s;
}

SDL_Event script_pointer_event(Uint32 type, int x, int y)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = type;
    if (type == SDL_MOUSEMOTION) {
        ev.motion.x = x;
        ev.motion.y = y;
        ev.motion.state = SDL_BUTTON_LMASK;
    } else {
        ev.button.button = SDL_BUTTON_LEFT;
        ev.button.x = x;
        ev.button.y = y;
        ev.button.clicks = 1;
        ev.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
    }
    return ev;
}

static void pointer_event(const ScriptHost *h, Uint32 type, int x, int y)
{
    SDL_Event ev = script_pointer_event(type, x, y);
    ev.common.timestamp = SDL_GetTicks();
    h->event(h->ctx, &ev);
}

static int tap_at(const ScriptHost *h, int x, int y)
{
    pointer_event(h, SDL_MOUSEMOTION, x, y);
    pointer_event(h, SDL_MOUSEBUTTONDOWN, x, y);
    if (h->frame(h->ctx, TAP_HOLD_MS) < 0)
        return -1;
    pointer_event(h, SDL_MOUSEBUTTONUP, x, y);
    if (h->frame(h->ctx, FRAME_MS) < 0)
        return -1;
    return h->frame(h->ctx, FRAME_MS); /* let the screen react to the tap */
}

static int tap_label(const ScriptHost *h, const char *label, char *err, size_t errlen)
{
    SDL_Rect r;
    if (!h->find(h->ctx, label, &r)) {
        snprintf(err, errlen, "nothing labelled \"%s\" is visible", label);
        return -1;
    }
    return tap_at(h, r.x + r.w / 2, r.y + r.h / 2);
}

static int run_drag(const ScriptHost *h, const int *v)
{
    int x1 = v[0], y1 = v[1], x2 = v[2], y2 = v[3], ms = v[4] > 0 ? v[4] : FRAME_MS;
    pointer_event(h, SDL_MOUSEMOTION, x1, y1);
    pointer_event(h, SDL_MOUSEBUTTONDOWN, x1, y1);
    if (h->frame(h->ctx, FRAME_MS) < 0)
        return -1;
    int steps = ms / FRAME_MS > 0 ? ms / FRAME_MS : 1;
    for (int i = 1; i <= steps; i++) {
        int x = x1 + (x2 - x1) * i / steps, y = y1 + (y2 - y1) * i / steps;
        pointer_event(h, SDL_MOUSEMOTION, x, y);
        if (h->frame(h->ctx, FRAME_MS) < 0)
            return -1;
    }
    pointer_event(h, SDL_MOUSEBUTTONUP, x2, y2);
    return h->frame(h->ctx, FRAME_MS);
}

/* One touch event of finger id at x, y (pixels) on a w x h screen. */
static void finger_event(const ScriptHost *h, Uint32 type, SDL_FingerID id, int x, int y, int w,
                         int hgt)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = type;
    ev.tfinger.touchId = 1;
    ev.tfinger.fingerId = id;
    ev.tfinger.x = (float)x / (float)w;
    ev.tfinger.y = (float)y / (float)hgt;
    ev.tfinger.pressure = 1.0f;
    h->event(h->ctx, &ev);
}

/* Two fingers around x, y, d1 apart horizontally, spread or pinched to d2 over ms. */
static int run_pinch(const ScriptHost *h, const int *v, char *err, size_t errlen)
{
    int w = 0, hgt = 0;
    if (h->size)
        h->size(h->ctx, &w, &hgt);
    if (w <= 0 || hgt <= 0) {
        snprintf(err, errlen, "this program takes no touch events");
        return -1;
    }
    int x = v[0], y = v[1], d1 = v[2], d2 = v[3], ms = v[4] > 0 ? v[4] : FRAME_MS;
    finger_event(h, SDL_FINGERDOWN, 1, x - d1 / 2, y, w, hgt);
    if (h->frame(h->ctx, FRAME_MS) < 0)
        return -1;
    finger_event(h, SDL_FINGERDOWN, 2, x + d1 / 2, y, w, hgt);
    if (h->frame(h->ctx, FRAME_MS) < 0)
        return -1;
    int steps = ms / FRAME_MS > 0 ? ms / FRAME_MS : 1;
    for (int i = 1; i <= steps; i++) {
        int d = d1 + (d2 - d1) * i / steps;
        finger_event(h, SDL_FINGERMOTION, 1, x - d / 2, y, w, hgt);
        finger_event(h, SDL_FINGERMOTION, 2, x + d / 2, y, w, hgt);
        if (h->frame(h->ctx, FRAME_MS) < 0)
            return -1;
    }
    finger_event(h, SDL_FINGERUP, 2, x + d2 / 2, y, w, hgt);
    finger_event(h, SDL_FINGERUP, 1, x - d2 / 2, y, w, hgt);
    return h->frame(h->ctx, FRAME_MS);
}

static int run_key(const ScriptHost *h, const char *name, char *err, size_t errlen)
{
    SDL_Keycode k = SDL_GetKeyFromName(name);
    if (k == SDLK_UNKNOWN) {
        snprintf(err, errlen, "unknown key \"%s\"", name);
        return -1;
    }
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_KEYDOWN;
    ev.key.keysym.sym = k;
    ev.key.state = SDL_PRESSED;
    h->event(h->ctx, &ev);
    ev.type = SDL_KEYUP;
    ev.key.state = SDL_RELEASED;
    h->event(h->ctx, &ev);
    return h->frame(h->ctx, FRAME_MS);
}

/* Taps the key labelled with each character of text in turn (the on-screen keypad
 * or keyboard); a space taps the key labelled "空格". */
static int run_type(const ScriptHost *h, const char *text, char *err, size_t errlen)
{
    const char *p = text;
    while (*p) {
        const char *start = p;
        if (utf8_next(&p) < 0) {
            snprintf(err, errlen, "not UTF-8");
            return -1;
        }
        char ch[8] = {0};
        memcpy(ch, start, (size_t)(p - start));
        const char *label = strcmp(ch, " ") == 0 ? "空格" : ch;
        if (tap_label(h, label, err, errlen) < 0)
            return -1;
    }
    return 0;
}

/* Taps a candidate of the input method by position or by its text. */
static int run_pick(const ScriptHost *h, const ScriptStep *st, char *err, size_t errlen)
{
    SDL_Rect r;
    if (!h->candidate || !h->candidate(h->ctx, st->v[0], st->arg, &r)) {
        if (st->arg)
            snprintf(err, errlen, "no candidate \"%s\" is visible", st->arg);
        else
            snprintf(err, errlen, "no candidate %d is visible", st->v[0]);
        return -1;
    }
    return tap_at(h, r.x + r.w / 2, r.y + r.h / 2);
}

/* Resolves FILE against the script's directory unless it is absolute. */
static int run_write(const Script *s, const ScriptHost *h, const char *file, char *err,
                     size_t errlen)
{
    if (!h->write) {
        snprintf(err, errlen, "this program has no handwriting pad");
        return -1;
    }
    char path[1024];
    const char *slash = strrchr(s->path, '/');
    if (file[0] == '/' || !slash)
        snprintf(path, sizeof path, "%s", file);
    else
        snprintf(path, sizeof path, "%.*s/%s", (int)(slash - s->path), s->path, file);
    return h->write(h->ctx, path, err, errlen);
}

/* wait-for / wait-gone: frames keep coming, the kiosk's clock following the wall clock,
 * until the text shows (or goes) or the time is up. Real time, because what is awaited
 * happens outside the kiosk (the sync thread talking to the hub). */
static int run_wait_text(const ScriptHost *h, const ScriptStep *st, char *err, size_t errlen)
{
    int want = st->op == STEP_WAIT_FOR;
    Uint64 start = SDL_GetTicks64(), last = start;
    SDL_Rect r;
    for (;;) {
        if (!!h->find(h->ctx, st->arg, &r) == want)
            return 0;
        if (SDL_GetTicks64() - start >= (Uint64)st->v[0] * 1000u) {
            snprintf(err, errlen, "waited %d s for \"%s\" to %s", st->v[0], st->arg,
                     want ? "become visible, it did not" : "go away, it is still visible");
            return -1;
        }
        SDL_Delay(POLL_MS);
        Uint64 now = SDL_GetTicks64();
        if (h->frame(h->ctx, (int)(now - last)) < 0)
            return -1;
        last = now;
    }
}

/* Frames of virtual time, as `wait` does, for ms. */
static int run_wait(const ScriptHost *h, int64_t ms)
{
    for (int64_t left = ms; left > 0; left -= FRAME_MS * 4)
        if (h->frame(h->ctx, left < FRAME_MS * 4 ? (int)left : FRAME_MS * 4) < 0)
            return -1;
    return h->frame(h->ctx, 0);
}

/* until HH:MM: virtual time runs on to the next HH:MM of the program's local clock (at
 * most a day; at once when it reads HH:MM now), so that a long script's days stay on
 * the clock however long their steps take. */
static int run_until(const ScriptHost *h, int minute, char *err, size_t errlen)
{
    if (!h->clock) {
        snprintf(err, errlen, "this program has no clock for until");
        return -1;
    }
    int64_t now = h->clock(h->ctx);
    int64_t day = time_day_start(now);
    int64_t at = day + (int64_t)minute * 60;
    if (at < now - 59)
        at = time_day_start(day + 86400 + 3600) + (int64_t)minute * 60;
    if (at > now && run_wait(h, (at - now) * 1000) < 0)
        return -1;
    /* the clock reads whole seconds of a time that ran on in milliseconds: a last few
     * frames until it reads HH:MM, not a moment before (the schedule wakes at 06:30) */
    for (int i = 0; i < 1000 / FRAME_MS + 1 && h->clock(h->ctx) < at; i++)
        if (h->frame(h->ctx, FRAME_MS) < 0)
            return -1;
    return 0;
}

static int run_step(const Script *s, const ScriptStep *st, const ScriptHost *h,
                    const char *shot_dir, char *err, size_t errlen)
{
    SDL_Rect r;
    switch (st->op) {
    case STEP_GOTO:
        if (h->go(h->ctx, st->arg, err, errlen) < 0)
            return -1;
        return h->frame(h->ctx, FRAME_MS);
    case STEP_TAP_LABEL:
        return tap_label(h, st->arg, err, errlen);
    case STEP_TAP_XY:
        return tap_at(h, st->v[0], st->v[1]);
    case STEP_DRAG:
        return run_drag(h, st->v);
    case STEP_PINCH:
        return run_pinch(h, st->v, err, errlen);
    case STEP_WAIT:
        return run_wait(h, st->v[0]);
    case STEP_UNTIL:
        return run_until(h, st->v[0], err, errlen);
    case STEP_KEY:
        return run_key(h, st->arg, err, errlen);
    case STEP_TYPE:
        return run_type(h, st->arg, err, errlen);
    case STEP_EXPECT:
        if (!h->find(h->ctx, st->arg, &r)) {
            snprintf(err, errlen, "expected \"%s\" to be visible, it is not", st->arg);
            return -1;
        }
        return 0;
    case STEP_EXPECT_NOT:
        if (h->find(h->ctx, st->arg, &r)) {
            snprintf(err, errlen, "expected \"%s\" not to be visible, it is", st->arg);
            return -1;
        }
        return 0;
    case STEP_WHERE:
        if (!h->find(h->ctx, st->arg, &r)) {
            snprintf(err, errlen, "\"%s\" is not visible", st->arg);
            return -1;
        }
        printf("where \"%s\" %d %d %d %d\n", st->arg, r.x, r.y, r.w, r.h);
        fflush(stdout);
        return 0;
    case STEP_STATS:
        return run_stats(h, st->arg, err, errlen);
    case STEP_WHERE_PAD:
        if (!h->pad || !h->pad(h->ctx, &r)) {
            snprintf(err, errlen, "no handwriting pad is visible");
            return -1;
        }
        printf("where-pad %d %d %d %d\n", r.x, r.y, r.w, r.h);
        fflush(stdout);
        return 0;
    case STEP_WAIT_FOR:
    case STEP_WAIT_GONE:
        return run_wait_text(h, st, err, errlen);
    case STEP_PICK:
        return run_pick(h, st, err, errlen);
    case STEP_WRITE:
        return run_write(s, h, st->arg, err, errlen);
    case STEP_AUDIT:
        if (!h->audit) {
            snprintf(err, errlen, "this program has no layout audit");
            return -1;
        }
        return h->audit(h->ctx, err, errlen);
    case STEP_SHOT: {
        char path[1024];
        if (!shot_dir) {
            snprintf(err, errlen, "shot needs --screenshot-dir");
            return -1;
        }
        snprintf(path, sizeof path, "%s/%s.png", shot_dir, st->arg);
        return h->shot(h->ctx, path, err, errlen);
    }
    }
    return 0;
}

int script_run(const Script *s, const ScriptHost *h, const char *shot_dir, char *err, size_t errlen)
{
    for (int i = 0; i < s->count; i++) {
        char msg[512] = "";
        if (run_step(s, &s->steps[i], h, shot_dir, msg, sizeof msg) < 0) {
            snprintf(err, errlen, "%s:%d: %s", s->path, s->steps[i].line,
                     msg[0] ? msg : "step failed");
            return -1;
        }
    }
    return 0;
}
