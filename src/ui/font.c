/* Font files, fallback chains and lazily opened sizes. The files come from Debian
 * packages (see fonts/README.md for names and licences); nothing is copied into the
 * repository. Coverage is asked of any open size of a file (TTF_GlyphIsProvided32).
 * Every open (file, size) costs about 1 MB of heap for a CJK face, so no face is opened
 * only to ask about coverage while the file has a size open anyway, and a fallback file
 * is opened only when a character reaches it. */
#include "ui/font.h"

#include "core/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

typedef enum {
    F_NOTO,
    F_NOTO_BOLD,
    F_GKAI,
    F_UKAI,
    F_DEJAVU,
    F_DEJAVU_BOLD,
    F_SYMBOLA,
    F_COUNT
} FileId;

typedef struct {
    const char *package;
    const char *path;
    long index; /* face inside a .ttc collection */
} FontFile;

/* Index 2 of the Noto CJK collection is "Noto Sans CJK SC" (Simplified Chinese glyph
 * forms); index 0 of ukai.ttc is "AR PL UKai CN". */
static const FontFile font_files[F_COUNT] = {
    [F_NOTO] = {"fonts-noto-cjk", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2},
    [F_NOTO_BOLD] = {"fonts-noto-cjk", "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2},
    [F_GKAI] = {"fonts-arphic-gkai00mp", "/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf",
                0},
    [F_UKAI] = {"fonts-arphic-ukai", "/usr/share/fonts/truetype/arphic/ukai.ttc", 0},
    [F_DEJAVU] = {"fonts-dejavu-core", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 0},
    [F_DEJAVU_BOLD] = {"fonts-dejavu-core", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
                       0},
    [F_SYMBOLA] = {"fonts-symbola", "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf",
                   0},
};

/* Each chain: the face's own font, then Latin/symbols (DejaVu), then pictographs and
 * emoji in monochrome (Symbola). Kai: AR PL KaitiM GB first because it sets ，。 low
 * and left as Simplified Chinese expects (UKai centres them, Taiwan style), then UKai
 * for hanzi outside GB2312, then the sans CJK face. -1 ends a chain. */
static const int font_chains[FONT_FACE_COUNT][FONT_CHAIN_MAX] = {
    [FONT_SANS] = {F_NOTO, F_DEJAVU, F_SYMBOLA, -1, -1},
    [FONT_SANS_BOLD] = {F_NOTO_BOLD, F_DEJAVU_BOLD, F_SYMBOLA, -1, -1},
    [FONT_KAI] = {F_GKAI, F_UKAI, F_NOTO, F_DEJAVU, F_SYMBOLA},
};

#define FONT_PROBE_PX    24
#define FONT_GLYPH_CACHE 512 /* direct-mapped code point -> chain link, per face */

typedef struct {
    int file, px;
    TTF_Font *font;
} OpenFont;

struct FontSet {
    char paths[F_COUNT][512]; /* "" when the file is not installed */
    /* each file mapped once: every size opens from memory, with no read or seek per
     * open (the CJK collection is 19 MB; only the pages FreeType touches are loaded) */
    void *map[F_COUNT];
    size_t map_len[F_COUNT];
    /* what coverage is asked of: one of the file's open sizes, or a face of its own
     * (probe_own) until the file's first size opens; NULL until first needed */
    TTF_Font *probe[F_COUNT];
    unsigned char probe_own[F_COUNT];
    unsigned char broken[F_COUNT];              /* installed but would not open: skipped */
    int chain[FONT_FACE_COUNT][FONT_CHAIN_MAX]; /* file ids of installed links */
    int chain_len[FONT_FACE_COUNT];
    OpenFont *open;
    int nopen, capopen;
    uint32_t cache_cp[FONT_FACE_COUNT][FONT_GLYPH_CACHE];
    signed char cache_link[FONT_FACE_COUNT][FONT_GLYPH_CACHE];
};

static int font_resolve(const FontFile *f, char *out, size_t outlen)
{
    const char *dir = getenv("YANXIA_FONT_DIR");
    if (dir && *dir) {
        const char *base = strrchr(f->path, '/');
        snprintf(out, outlen, "%s/%s", dir, base ? base + 1 : f->path);
        if (access(out, R_OK) == 0)
            return 0;
    }
    snprintf(out, outlen, "%s", f->path);
    return access(out, R_OK) == 0 ? 0 : -1;
}

static int font_map(FontSet *fs, int file)
{
    if (fs->map[file])
        return 0;
    int fd = open(fs->paths[file], O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct stat st;
    void *p = MAP_FAILED;
    if (fstat(fd, &st) == 0 && st.st_size > 0)
        p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0);
    close(fd);
    if (p == MAP_FAILED)
        return -1;
    fs->map[file] = p;
    fs->map_len[file] = (size_t)st.st_size;
    return 0;
}

static TTF_Font *font_open_file(FontSet *fs, int file, int px)
{
    TTF_Font *f;
    if (font_map(fs, file) == 0) {
        SDL_RWops *rw = SDL_RWFromConstMem(fs->map[file], (int)fs->map_len[file]);
        f = rw ? TTF_OpenFontIndexRW(rw, 1, px, font_files[file].index) : NULL;
    } else {
        f = TTF_OpenFontIndex(fs->paths[file], px, font_files[file].index);
    }
    if (!f) {
        log_warn("font", "cannot open %s at %d px: %s", fs->paths[file], px, TTF_GetError());
        return NULL;
    }
    TTF_SetFontHinting(f, TTF_HINTING_LIGHT); /* keeps hanzi strokes even at large sizes */
    TTF_SetFontDirection(f, TTF_DIRECTION_LTR);
    return f;
}

/* A file that is installed but won't open leaves every chain, as a missing one would
 * (the main face excepted: font_set_create fails without it). */
static void drop_file(FontSet *fs, int file)
{
    fs->broken[file] = 1;
    for (int face = 0; face < FONT_FACE_COUNT; face++) {
        int n = 0;
        for (int k = 0; k < fs->chain_len[face]; k++)
            if (fs->chain[face][k] != file)
                fs->chain[face][n++] = fs->chain[face][k];
        if (n == 0 && file != F_NOTO)
            fs->chain[face][n++] = F_NOTO;
        fs->chain_len[face] = n;
        memset(fs->cache_link[face], -1, sizeof fs->cache_link[face]); /* links moved */
    }
}

/* The face coverage is asked of for file: opened at FONT_PROBE_PX on first need unless
 * a size of the file is open. NULL (logged once) when the file won't open. */
static TTF_Font *probe_font(FontSet *fs, int file)
{
    if (fs->probe[file] || fs->broken[file])
        return fs->probe[file];
    fs->probe[file] = font_open_file(fs, file, FONT_PROBE_PX);
    if (!fs->probe[file]) {
        drop_file(fs, file);
        return NULL;
    }
    fs->probe_own[file] = 1;
    return fs->probe[file];
}

FontSet *font_set_create(char *err, size_t errlen)
{
    if (TTF_Init() != 0) {
        snprintf(err, errlen, "SDL_ttf: %s", TTF_GetError());
        return NULL;
    }
    FontSet *fs = calloc(1, sizeof *fs);
    if (!fs) {
        snprintf(err, errlen, "out of memory");
        TTF_Quit();
        return NULL;
    }
    for (int i = 0; i < F_COUNT; i++) {
        if (font_resolve(&font_files[i], fs->paths[i], sizeof fs->paths[i]) != 0) {
            fs->paths[i][0] = '\0';
            log_warn("font", "%s not usable (install the %s package)", font_files[i].path,
                     font_files[i].package);
        }
    }
    for (int face = 0; face < FONT_FACE_COUNT; face++) {
        for (int k = 0; k < FONT_CHAIN_MAX && font_chains[face][k] >= 0; k++) {
            int file = font_chains[face][k];
            if (fs->paths[file][0])
                fs->chain[face][fs->chain_len[face]++] = file;
        }
        memset(fs->cache_link[face], -1, sizeof fs->cache_link[face]);
    }
    /* the main face must open now: the kiosk can't draw a word without it */
    if (!fs->paths[F_NOTO][0] || !probe_font(fs, F_NOTO)) {
        snprintf(err, errlen, "main font %s missing (install fonts-noto-cjk)",
                 font_files[F_NOTO].path);
        font_set_destroy(fs);
        return NULL;
    }
    for (int face = 0; face < FONT_FACE_COUNT; face++) {
        if (fs->chain_len[face] == 0) /* e.g. no UKai: the sans face stands in */
            fs->chain[face][fs->chain_len[face]++] = F_NOTO;
    }
    return fs;
}

void font_set_destroy(FontSet *fs)
{
    if (!fs)
        return;
    for (int i = 0; i < fs->nopen; i++)
        TTF_CloseFont(fs->open[i].font);
    free(fs->open);
    for (int i = 0; i < F_COUNT; i++) {
        if (fs->probe_own[i])
            TTF_CloseFont(fs->probe[i]);
    }
    for (int i = 0; i < F_COUNT; i++) /* after every font that reads from them */
        if (fs->map[i])
            munmap(fs->map[i], fs->map_len[i]);
    free(fs);
    TTF_Quit();
}

int font_chain_len(const FontSet *fs, FontFace face)
{
    return fs->chain_len[face];
}

const char *font_link_name(const FontSet *fs, FontFace face, int link)
{
    static char name[600];
    if (link < 0 || link >= fs->chain_len[face])
        return NULL;
    int file = fs->chain[face][link];
    const char *base = strrchr(fs->paths[file], '/');
    snprintf(name, sizeof name, "%s#%ld", base ? base + 1 : fs->paths[file],
             font_files[file].index);
    return name;
}

TTF_Font *font_get(FontSet *fs, FontFace face, int link, int px)
{
    if (link < 0 || link >= fs->chain_len[face] || px <= 0)
        return NULL;
    int file = fs->chain[face][link];
    if (fs->broken[file])
        return NULL;
    for (int i = 0; i < fs->nopen; i++) {
        if (fs->open[i].file == file && fs->open[i].px == px)
            return fs->open[i].font;
    }
    if (fs->nopen == fs->capopen) {
        int cap = fs->capopen ? 2 * fs->capopen : 16;
        OpenFont *n = realloc(fs->open, (size_t)cap * sizeof *n);
        if (!n)
            return NULL;
        fs->open = n;
        fs->capopen = cap;
    }
    TTF_Font *f;
    if (fs->probe_own[file] && px == FONT_PROBE_PX) {
        f = fs->probe[file]; /* the probe's size is wanted: it becomes an open size */
    } else {
        f = font_open_file(fs, file, px);
        if (!f) {
            if (!fs->probe[file]) /* no size of it ever opened: the file is unusable */
                drop_file(fs, file);
            return NULL;
        }
        if (fs->probe_own[file]) /* never handed out: nobody holds it */
            TTF_CloseFont(fs->probe[file]);
        fs->probe[file] = f;
    }
    fs->probe_own[file] = 0;
    fs->open[fs->nopen++] = (OpenFont){file, px, f};
    return f;
}

int font_find_glyph(FontSet *fs, FontFace face, uint32_t cp)
{
    if (cp < 0x20 || cp == 0x7f)
        return 0; /* control characters are never drawn */
    unsigned slot = (cp * 2654435761u) % FONT_GLYPH_CACHE;
    if (fs->cache_link[face][slot] >= 0 && fs->cache_cp[face][slot] == cp)
        return fs->cache_link[face][slot];
    int found = -1;
    for (int k = 0; k < fs->chain_len[face]; k++) {
        TTF_Font *probe = probe_font(fs, fs->chain[face][k]);
        if (probe && TTF_GlyphIsProvided32(probe, cp)) {
            found = k;
            break;
        }
    }
    if (found >= 0) { /* only hits are cached: a miss is rare and logged by the caller */
        fs->cache_cp[face][slot] = cp;
        fs->cache_link[face][slot] = (signed char)found;
    }
    return found;
}
