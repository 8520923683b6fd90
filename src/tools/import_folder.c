/* import_folder: a content folder prepared on a USB stick (docs/content-folder.md),
 * read through a store. Everything is read and checked inside the caller's store batch:
 * one bad file and nothing is imported. Relative paths are the source keys, so
 * importing twice changes nothing. The command itself is cmd_import.c. */
#include "tools/commands.h"
#include "tools/import.h"

#include "core/timeutil.h"
#include "store/contact.h"
#include "store/kiosk.h"
#include "store/photo.h"
#include "store/phrase.h"
#include "store/roster.h"

#include <dirent.h>
#include <ini.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define TEXT_MAX (FRONTMATTER_MAX_SIZE)

static int ends_with(const char *name, const char *const *exts)
{
    size_t n = strlen(name);
    for (; *exts; exts++) {
        size_t e = strlen(*exts);
        if (n > e && strcasecmp(name + n - e, *exts) == 0)
            return 1;
    }
    return 0;
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Sorted entries of root/sub that are files (want_dirs 0) or folders (1), hidden ones
 * (".DS_Store", "._x" from a Mac) left out. Returns the count (0 when the folder is
 * missing) and *out (free with free_names), or -1 on failure. */
static int list_dir(Import *im, const char *sub, int want_dirs, char ***out)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", im->root, sub);
    *out = NULL;
    if (!is_dir(path))
        return 0;
    struct dirent **ents;
    int n = scandir(path, &ents, NULL, alphasort);
    if (n < 0) {
        snprintf(im->rel, sizeof im->rel, "%s", sub);
        return import_fail(im, 0, "cannot read the folder");
    }
    char **names = calloc((size_t)n + 1, sizeof *names);
    int k = 0;
    for (int i = 0; i < n; i++) {
        char full[2560];
        snprintf(full, sizeof full, "%s/%s", path, ents[i]->d_name);
        if (names && ents[i]->d_name[0] != '.' && is_dir(full) == want_dirs)
            names[k++] = strdup(ents[i]->d_name);
        free(ents[i]);
    }
    free(ents);
    *out = names;
    return names ? k : -1;
}

static void free_names(char **names, int n)
{
    for (int i = 0; names && i < n; i++)
        free(names[i]);
    free(names);
}

/* Reads root/rel into a new buffer; -1 after a message naming the file. */
static char *read_rel(Import *im, size_t *len)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", im->root, im->rel);
    FILE *f = fopen(path, "rb");
    if (!f) {
        import_fail(im, 0, "cannot open");
        return NULL;
    }
    char *data = malloc(TEXT_MAX + 1);
    size_t n = data ? fread(data, 1, TEXT_MAX + 1, f) : 0;
    int bad = ferror(f);
    fclose(f);
    if (!data || bad || n > TEXT_MAX) {
        free(data);
        import_fail(im, 0, !data ? "out of memory" : bad ? "read error" : "larger than 4 MB");
        return NULL;
    }
    *len = n;
    return data;
}

/* Imports every *.txt in sub with fn. */
static int import_texts(Import *im, const char *sub, int (*fn)(Import *, const char *, size_t))
{
    static const char *const txt[] = {".txt", NULL};
    char **names;
    int n = list_dir(im, sub, 0, &names), rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        if (!ends_with(names[i], txt))
            continue;
        snprintf(im->rel, sizeof im->rel, "%s/%s", sub, names[i]);
        size_t len;
        char *text = read_rel(im, &len);
        rc = text ? fn(im, text, len) : -1;
        free(text);
    }
    free_names(names, n);
    return n < 0 ? -1 : rc;
}

/* The store's refusal, at a line of the current file (0: none). */
static int fail_store(Import *im, int line)
{
    return import_fail(im, line, "%s (%s)", reason_text(store_reason(im->s)), store_errmsg(im->s));
}

/* ---- manifest.ini: [kiosk] ------------------------------------------------------ */

typedef struct {
    Import *im;
    KioskInfo k;
    int bad_line;
    char err[200];
} Manifest;

static int manifest_set(char **field, const char *value)
{
    char *copy = strdup(value);
    if (!copy)
        return 0;
    free(*field);
    *field = copy;
    return 1;
}

static int manifest_key(void *user, const char *section, const char *name, const char *value)
{
    Manifest *m = user;
    if (strcmp(section, "kiosk") != 0) {
        snprintf(m->err, sizeof m->err, "unknown section [%.40s] (only [kiosk])", section);
        return 0;
    }
    KioskInfo *k = &m->k;
    if (strcmp(name, "building") == 0)
        return manifest_set(&k->building, value);
    if (strcmp(name, "name") == 0)
        return manifest_set(&k->display_name, value);
    if (strcmp(name, "theme") == 0)
        return manifest_set(&k->theme, value);
    if (strcmp(name, "address") == 0)
        return manifest_set(&k->address, value);
    if (strcmp(name, "floors") == 0 || strcmp(name, "units") == 0) {
        int *lo = name[0] == 'f' ? &k->floor_min : &k->unit_min;
        int *hi = name[0] == 'f' ? &k->floor_max : &k->unit_max;
        if (cli_parse_range(value, lo, hi) == 0)
            return 1;
        snprintf(m->err, sizeof m->err, "%s: a range like 1-33, not \"%.40s\"", name, value);
        return 0;
    }
    if (strcmp(name, "households") == 0) {
        char *end;
        long v = strtol(value, &end, 10);
        if (*value && !*end && v >= 0 && v <= 9999) {
            k->households = (int)v;
            return 1;
        }
        snprintf(m->err, sizeof m->err, "households: a whole number, not \"%.40s\"", value);
        return 0;
    }
    snprintf(m->err, sizeof m->err,
             "unknown key \"%.40s\" (building name theme address floors units households)", name);
    return 0;
}

static int str_eq(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

static int import_manifest(Import *im)
{
    snprintf(im->rel, sizeof im->rel, "manifest.ini");
    char path[2048];
    snprintf(path, sizeof path, "%s/manifest.ini", im->root);
    struct stat st;
    if (stat(path, &st) < 0)
        return 0; /* optional */
    Manifest m = {.im = im};
    KioskInfo old;
    if (store_kiosk_get(im->s, &m.k) < 0 || store_kiosk_get(im->s, &old) < 0)
        return fail_store(im, 0);
    int rc = 0;
    int line = ini_parse(path, manifest_key, &m);
    if (line != 0)
        rc = import_fail(im, line > 0 ? line : 0, "%s",
                         m.err[0]   ? m.err
                         : line < 0 ? "cannot open"
                                    : "not an INI line");
    int same = str_eq(m.k.building, old.building) && str_eq(m.k.display_name, old.display_name) &&
               str_eq(m.k.theme, old.theme) && str_eq(m.k.address, old.address) &&
               m.k.floor_min == old.floor_min && m.k.floor_max == old.floor_max &&
               m.k.unit_min == old.unit_min && m.k.unit_max == old.unit_max &&
               m.k.households == old.households;
    if (rc == 0 && !same && store_kiosk_set(im->s, &m.k) < 0)
        rc = fail_store(im, 0);
    if (rc == 0)
        im->kiosk = !same;
    kiosk_info_deinit(&m.k);
    kiosk_info_deinit(&old);
    return rc;
}

/* ---- line files: contacts.txt, roster.txt, phrases.txt ------------------------- */

/* Calls fn for each line of root/name split at '|' into at least min fields. */
static int import_lines(Import *im, const char *name, int min,
                        int (*fn)(Import *, char **f, int n, int line))
{
    snprintf(im->rel, sizeof im->rel, "%s", name);
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", im->root, name);
    struct stat st;
    if (stat(path, &st) < 0)
        return 0; /* optional */
    size_t len;
    char *text = read_rel(im, &len);
    if (!text)
        return -1;
    char **lines, err[200];
    int *numbers, line, rc = 0;
    size_t count;
    if (frontmatter_lines(text, len, &lines, &numbers, &count, &line, err, sizeof err) < 0) {
        free(text);
        return import_fail(im, line, "%s", err);
    }
    free(text);
    for (size_t i = 0; i < count && rc == 0; i++) {
        char *f[FRONTMATTER_MAX_SPLIT];
        int n = frontmatter_split(lines[i], f, FRONTMATTER_MAX_SPLIT);
        if (n < min)
            rc = import_fail(im, numbers[i], "expected at least %d fields separated by |", min);
        else
            rc = fn(im, f, n, numbers[i]);
    }
    frontmatter_lines_free(lines, numbers, count);
    return rc;
}

/* 居委会 | 康乐居委会 | 021-12345678 | 工作日 8:30-17:00 | 二维码文字 */
static int contact_line(Import *im, char **f, int n, int line)
{
    static const char *const kinds[][2] = {
        {"急救", "emergency"}, {"紧急", "emergency"}, {"居委会", "committee"}, {"物业", "property"},
        {"热线", "hotline"},   {"群聊", "groupchat"}, {"其他", "other"},
    };
    const char *kind = f[0];
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(f[0], kinds[i][0]) == 0)
            kind = kinds[i][1];
    if (!contact_kind_valid(kind))
        return import_fail(im, line, "类别 \"%.40s\": 居委会 物业 热线 群聊 其他", f[0]);
    /* the key is the contact's name, so lines can be reordered or inserted freely */
    char key[1200];
    snprintf(key, sizeof key, "%s:%s:%s", im->rel, kind, f[1]);
    Contact c = {.kind = (char *)kind,
                 .name = f[1],
                 .phone = n > 2 ? f[2] : "",
                 .note = n > 3 ? f[3] : "",
                 .qr_text = n > 4 ? f[4] : "",
                 .sort = line,
                 .source_key = key};
    if (store_contact_add(im->s, &c, NULL) < 0)
        return fail_store(im, line);
    im->contacts++;
    return 0;
}

/* 2026-11-24 | 上午 8:00-12:00 | 一楼大厅 | 王建国 | 1203 */
static int roster_line(Import *im, char **f, int n, int line)
{
    RosterEntry e = {.slot = f[1], .place = f[2], .person = f[3], .room = n > 4 ? f[4] : ""};
    if (time_parse(f[0], &e.day) < 0)
        return import_fail(im, line, "日期 \"%.40s\": write it like 2026-11-24", f[0]);
    char key[1200];
    snprintf(key, sizeof key, "%s:%s:%s:%s", im->rel, f[0], f[1], f[3]);
    e.source_key = key;
    if (store_roster_add(im->s, &e, NULL) < 0)
        return fail_store(im, line);
    im->roster++;
    return 0;
}

/* 意见建议 | 楼道灯坏了 */
static int phrase_line(Import *im, char **f, int n, int line)
{
    static const char *const forms[][2] = {
        {"意见建议", PHRASE_SUGGESTION}, {"建议", PHRASE_SUGGESTION},   {"微心愿", PHRASE_WISH},
        {"心愿", PHRASE_WISH},           {"健康答疑", PHRASE_QUESTION}, {"问题", PHRASE_QUESTION},
    };
    const char *form = f[0];
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        if (strcmp(f[0], forms[i][0]) == 0)
            form = forms[i][1];
    if (!phrase_form_valid(form))
        return import_fail(im, line, "表单 \"%.40s\": 意见建议 微心愿 健康答疑", f[0]);
    char key[1200];
    snprintf(key, sizeof key, "%s:%s:%s", im->rel, form, f[1]);
    Phrase p = {.form = (char *)form, .text = f[1], .sort = line, .source_key = key};
    if (store_phrase_add(im->s, &p, NULL) < 0)
        return fail_store(im, line);
    im->phrases++;
    return 0;
}

/* ---- albums/<name>/ ------------------------------------------------------------ */

enum { AL_KIND, AL_DESC, AL_DATE, AL_SORT, AL_CONSENT };
static const ImportKey ALBUM_KEYS[] = {
    [AL_KIND] = {{"类型", "kind"}, NULL, 0},
    [AL_DESC] = {{"说明", "description"}, "description", 0},
    [AL_DATE] = {{"日期", "date"}, NULL, 0},
    [AL_SORT] = {{"排序", "sort"}, NULL, 0},
    [AL_CONSENT] = {{"同意展示", "consent"}, NULL, 0},
    {{NULL}, NULL, 0},
};

typedef struct {
    char *file;
    char *caption, *name;
    int floor, consent; /* consent -1: the album's default */
} Caption;

typedef struct {
    char **lines;
    int *numbers;
    size_t count;
    Caption *items;
} Captions;

static void captions_free(Captions *c)
{
    frontmatter_lines_free(c->lines, c->numbers, c->count);
    free(c->items);
}

/* captions.txt: "文件名 | 说明 | 姓名 | 楼层 | 同意展示", every file named must exist. */
static int read_captions(Import *im, const char *album, char **files, int nfiles, Captions *out)
{
    memset(out, 0, sizeof *out);
    snprintf(im->rel, sizeof im->rel, "albums/%s/captions.txt", album);
    char path[2048], err[200];
    snprintf(path, sizeof path, "%s/%s", im->root, im->rel);
    struct stat st;
    if (stat(path, &st) < 0)
        return 0;
    size_t len;
    int line;
    char *text = read_rel(im, &len);
    if (!text)
        return -1;
    int rc = frontmatter_lines(text, len, &out->lines, &out->numbers, &out->count, &line, err,
                               sizeof err);
    free(text);
    if (rc < 0)
        return import_fail(im, line, "%s", err);
    out->items = calloc(out->count + 1, sizeof *out->items);
    if (!out->items)
        return import_fail(im, 0, "out of memory");
    for (size_t i = 0; i < out->count; i++) {
        char *f[FRONTMATTER_MAX_SPLIT];
        int n = frontmatter_split(out->lines[i], f, FRONTMATTER_MAX_SPLIT), found = 0;
        Caption *c = &out->items[i];
        line = out->numbers[i];
        if (n < 1 || n > 5)
            return import_fail(im, line, "expected 文件名 | 说明 | 姓名 | 楼层 | 同意展示");
        for (int k = 0; k < nfiles; k++)
            found |= strcmp(files[k], f[0]) == 0;
        if (!found)
            return import_fail(im, line, "no image \"%.60s\" in this album's folder", f[0]);
        c->file = f[0];
        c->caption = n > 1 ? f[1] : "";
        c->name = n > 2 ? f[2] : "";
        c->consent = -1;
        char *end;
        if (n > 3 && *f[3] &&
            ((c->floor = (int)strtol(f[3], &end, 10)) < 1 || c->floor > 99 ||
             (*end && strcmp(end, "楼") != 0)))
            return import_fail(im, line, "楼层 \"%.20s\": a floor from 1 to 99", f[3]);
        if (n > 4 && *f[4] && (c->consent = frontmatter_bool(f[4])) < 0)
            return import_fail(im, line, "同意展示: write 是 or 否, not \"%.20s\"", f[4]);
    }
    return 0;
}

/* The album row from album.txt (optional). *consent gets the photos' default. */
static int album_row(Import *im, const char *name, int64_t *id, int *consent)
{
    FrontMatter fm = {0};
    Album a = {.name = (char *)name, .kind = ALBUM_EVENT};
    char key[1100];
    snprintf(key, sizeof key, "albums/%s", name);
    a.source_key = key;
    snprintf(im->rel, sizeof im->rel, "albums/%s/album.txt", name);
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", im->root, im->rel);
    struct stat st;
    int rc = -1, line;
    if (stat(path, &st) == 0) {
        size_t len;
        char *text = read_rel(im, &len), err[200];
        if (!text)
            return -1;
        int bad = frontmatter_parse(text, len, &fm, &line, err, sizeof err);
        free(text);
        if (bad < 0)
            return import_fail(im, line, "%s", err);
        if (import_check_keys(im, &fm, ALBUM_KEYS) < 0)
            goto out;
        const char *kind = import_value(&fm, &ALBUM_KEYS[AL_KIND], &line);
        if (kind && (strcmp(kind, "笑脸墙") == 0 || strcmp(kind, ALBUM_PORTRAITS) == 0))
            a.kind = ALBUM_PORTRAITS;
        else if (kind && *kind && strcmp(kind, "活动") != 0 && strcmp(kind, ALBUM_EVENT) != 0) {
            import_fail(im, line, "类型: 笑脸墙 or 活动, not \"%.40s\"", kind);
            goto out;
        }
        a.description = (char *)import_value(&fm, &ALBUM_KEYS[AL_DESC], NULL);
        if (!a.description || !*a.description)
            a.description = fm.body;
        if (import_time(im, &fm, &ALBUM_KEYS[AL_DATE], &a.event_at) < 0 ||
            import_int(im, &fm, &ALBUM_KEYS[AL_SORT], -1000, 1000, &a.sort) < 0 ||
            import_bool(im, &fm, &ALBUM_KEYS[AL_CONSENT], consent) < 0)
            goto out;
    }
    if (store_album_add(im->s, &a, id) < 0) {
        import_fail_store(im, &fm, ALBUM_KEYS);
        goto out;
    }
    im->albums++;
    rc = 0;
out:
    frontmatter_deinit(&fm);
    return rc;
}

/* Adds one image; on a re-import the row exists and only changed captions are written. */
static int album_photo(Import *im, const char *album, int64_t album_id, const char *file,
                       const Caption *cap, int consent, int sort, int64_t *id_out)
{
    snprintf(im->rel, sizeof im->rel, "albums/%s/%s", album, file);
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", im->root, im->rel);
    Photo p = {.album_id = album_id,
               .caption = cap ? cap->caption : "",
               .person_name = cap ? cap->name : "",
               .floor = cap ? cap->floor : 0,
               .consent = cap && cap->consent >= 0 ? cap->consent : consent,
               .sort = sort,
               .source_key = im->rel};
    if (cli_photo_probe(im->c, path, &p.width, &p.height) < 0)
        return -1;
    if (store_photo_add_file(im->s, path, &p) < 0)
        return fail_store(im, 0);
    *id_out = p.id;
    Photo old;
    if (store_photo_get(im->s, p.id, &old) < 0)
        return fail_store(im, 0);
    int same = str_eq(old.caption, p.caption) && str_eq(old.person_name, p.person_name) &&
               old.floor == p.floor && old.consent == p.consent && old.sort == p.sort;
    photo_deinit(&old);
    if (!same && store_photo_update(im->s, &p) < 0)
        return fail_store(im, 0);
    im->photos++;
    return 0;
}

static int import_album(Import *im, const char *name)
{
    static const char *const images[] = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", NULL};
    char sub[1100], **files;
    snprintf(sub, sizeof sub, "albums/%s", name);
    int n = list_dir(im, sub, 0, &files), k = 0, consent = 0, rc = 0;
    if (n < 0)
        return -1;
    for (int i = 0; i < n; i++) /* keep the images only */
        if (ends_with(files[i], images))
            files[k++] = files[i];
        else
            free(files[i]);
    int64_t id, *ids = calloc((size_t)k + 1, sizeof *ids);
    Captions caps = {0};
    if (!ids || album_row(im, name, &id, &consent) < 0 ||
        read_captions(im, name, files, k, &caps) < 0)
        rc = -1;
    for (int i = 0; i < k && rc == 0; i++) {
        const Caption *cap = NULL;
        for (size_t j = 0; j < caps.count; j++)
            if (strcmp(caps.items[j].file, files[i]) == 0)
                cap = &caps.items[j];
        rc = album_photo(im, name, id, files[i], cap, consent, i + 1, &ids[i]);
        /* two files, one picture: the store keeps one row, and their captions would
         * overwrite each other on every import */
        for (int j = 0; j < i && rc == 0; j++)
            if (ids[j] == ids[i])
                rc = import_fail(im, 0, "the same picture as %s", files[j]);
    }
    free(ids);
    captions_free(&caps);
    free_names(files, k);
    return rc;
}

static int import_albums(Import *im)
{
    char **names;
    int n = list_dir(im, "albums", 1, &names), rc = n < 0 ? -1 : 0;
    for (int i = 0; i < n && rc == 0; i++)
        rc = import_album(im, names[i]);
    free_names(names, n);
    return rc;
}

int import_folder(Import *im)
{
    /* the manifest first: its room rule decides which rooms the roster may name */
    int rc = import_manifest(im);
    if (rc == 0)
        rc = import_texts(im, "notices", import_notice);
    if (rc == 0)
        rc = import_texts(im, "health", import_tip);
    if (rc == 0)
        rc = import_texts(im, "activities", import_activity);
    if (rc == 0)
        rc = import_texts(im, "polls", import_poll);
    if (rc == 0)
        rc = import_albums(im);
    if (rc == 0)
        rc = import_lines(im, "contacts.txt", 2, contact_line);
    if (rc == 0)
        rc = import_lines(im, "roster.txt", 4, roster_line);
    if (rc == 0)
        rc = import_lines(im, "phrases.txt", 2, phrase_line);
    return rc;
}
