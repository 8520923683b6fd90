/* `import DIR --hub CONNINFO --building B --as LOGIN`: a content folder published on the
 * hub by a staff member, through the staff library. The folder is read by the local
 * importer into a scratch store, as the owner's import --hub does (so a mistake names
 * file:line before the hub is touched); the photo files go up first (staff_photo_upload,
 * so the batch does not hold the hub's publishing lock through the uploads, as the
 * owner's import does not); then each row goes up through the library's publish
 * function of its kind, all of them in one batch (staff_batch_begin): the hub checks the
 * member's scope and writes each audit line under their login, and a refusal anywhere
 * publishes nothing. Albums are made with their album.txt settings ahead of their photos;
 * an album the building has already is used as it is (its settings stay the hub's, and
 * the output says so). A notice's author and date, an activity's end and party size and
 * a contact's QR code go up with them (sql/hub/037; an older hub refuses the batch). On a
 * hub with sql/hub/040 each item's call goes with its source key (StaffKeyed: the scratch
 * store's, which is the owner's import's key), so an edited folder updates its items in
 * place, writes nothing for the unchanged ones and leaves those whose files went, as the
 * owner's import --hub does. The batch also writes the folder's fingerprint (the SHA-256
 * of its files) in the audit log: the same folder again is "没有变化", nothing sent
 * (--again looks at every item anyway). A hub without 040 cannot find the items: a
 * changed folder for a building that had one imported is refused there (--again
 * publishes all its items anew). */
#include "tools/commands.h"
#include "tools/import.h"

#include "core/buf.h"
#include "core/sha256.h"
#include "core/timeutil.h"
#include "store/activity.h"
#include "store/contact.h"
#include "store/health.h"
#include "store/notice.h"
#include "store/photo.h"
#include "store/poll.h"
#include "store/roster.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct {
    Import im;
    const StaffActor *a;
    const char *building;
    StaffKeyed keyed;        /* the item being published, when the hub keys them (keys) */
    int keys;                /* the hub updates the folder's items in place (sql/hub/040) */
    int unkeyed_before;      /* the building's last folder went up without keys (before 040) */
    int made, changed, same; /* the items published, updated in place, left as they were */
    int albums_made;         /* albums the batch made; the others were on the hub already */
    int unchanged;           /* nothing to publish: the same folder again, or no item changed */
    char seen[32], seen_by[STAFF_LOGIN_MAX + 40]; /* the same folder: when, by whom */
    Buf kept; /* "albums/NAME/album.txt" of each album found on the hub whose
               * folder had settings, which stay the hub's album's */
} StaffImport;

/* ---- the folder's fingerprint: how the hub knows it was published ----------------- */

typedef struct {
    char **lines; /* "relative path\tSHA-256", one per file */
    size_t n, cap;
} FileList;

static int by_text(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Adds every file under root/rel (names starting with "." skipped, as import_folder
 * skips them; symbolic links not followed) to l. 0, or -1 (unreadable, out of memory). */
static int list_files(const char *root, const char *rel, FileList *l, int depth)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s%s%s", root, *rel ? "/" : "", rel);
    if (depth > 8) /* deeper than any content folder's layout: a loop of bind mounts? */
        return -1;
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char sub[2048], path[4096];
        if ((size_t)snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", e->d_name) >=
                sizeof sub ||
            (size_t)snprintf(path, sizeof path, "%s/%s", root, sub) >= sizeof path) {
            rc = -1;
            break;
        }
        struct stat st;
        if (lstat(path, &st) < 0)
            rc = -1;
        else if (S_ISDIR(st.st_mode))
            rc = list_files(root, sub, l, depth + 1);
        else if (S_ISREG(st.st_mode)) {
            char sha[SHA256_HEX_LEN + 1];
            if (sha256_file_hex(path, sha, NULL) < 0)
                rc = -1;
            else if (l->n == l->cap) {
                size_t cap = l->cap ? 2 * l->cap : 64;
                char **more = realloc(l->lines, cap * sizeof *more);
                if (!more)
                    rc = -1;
                else {
                    l->lines = more;
                    l->cap = cap;
                }
            }
            if (rc == 0) {
                size_t len = strlen(sub) + 1 + SHA256_HEX_LEN + 1;
                if (!(l->lines[l->n] = malloc(len)))
                    rc = -1;
                else
                    snprintf(l->lines[l->n++], len, "%s\t%s", sub, sha);
            }
        }
    }
    closedir(d);
    return rc;
}

/* The SHA-256 of the folder's files, their paths and contents (sorted by path), into
 * fp: the same folder has the same fingerprint on any computer. 0, or -1. */
static int folder_fingerprint(const char *root, char fp[SHA256_HEX_LEN + 1])
{
    FileList l = {0};
    int rc = list_files(root, "", &l, 0);
    Buf all;
    buf_init(&all);
    if (rc == 0) {
        qsort(l.lines, l.n, sizeof *l.lines, by_text);
        for (size_t i = 0; i < l.n; i++)
            buf_printf(&all, "%s\n", l.lines[i]);
        rc = all.failed || sha256_hex(all.len ? buf_str(&all) : "", all.len, fp) < 0 ? -1 : 0;
    }
    buf_deinit(&all);
    for (size_t i = 0; i < l.n; i++)
        free(l.lines[i]);
    free(l.lines);
    return rc;
}

/* ---- publishing, kind after kind, inside the batch ---------------------------------- */

/* The library's refusal of the item from file key: "import: KEY: the hub refused it: …".
 * The batch it was in rolls back whole: nothing of the folder is published. */
static int refused(StaffImport *p, const char *key)
{
    snprintf(p->im.rel, sizeof p->im.rel, "%s", key ? key : "");
    /* FAILED: out of reach, an older hub; not something about this file */
    return import_fail(&p->im, 0, "the hub %s it: %s (nothing was published)",
                       staff_refusal(p->a) == STAFF_REFUSAL_FAILED ? "failed on" : "refused",
                       staff_error(p->a));
}

/* Before an item's publishing call: over a hub that keys them, the call is the item of
 * the folder's key (its path, as the owner's import keys it). */
static void item(StaffImport *p, const char *key)
{
    p->keyed.key = p->keys ? key : NULL;
    p->keyed.outcome = 0;
}

/* After it: rc counted by its outcome, or the refusal reported (refused()). */
static int item_done(StaffImport *p, int rc, const char *key)
{
    StaffKeyedOutcome o = p->keyed.key ? p->keyed.outcome : STAFF_KEYED_NEW;
    p->keyed.key = NULL;
    if (rc < 0)
        return refused(p, key);
    p->made += o == STAFF_KEYED_NEW;
    p->changed += o == STAFF_KEYED_CHANGED;
    p->same += o == STAFF_KEYED_SAME || o == STAFF_KEYED_KEPT;
    return 0;
}

static int put_notices(StaffImport *p)
{
    NoticeList l;
    if (store_notice_list(p->im.s, &(NoticeQuery){.include_hidden = 1}, &l) < 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < l.count && rc == 0; i++) {
        const Notice *n = &l.items[i];
        StaffNotice sn = {.building = p->building,
                          .title = n->title,
                          .body = n->body,
                          .category = n->category,
                          .urgent = strcmp(n->category, NOTICE_URGENT) == 0,
                          .pinned = n->pinned,
                          .expires_at = n->expires_at,
                          .author = n->author,
                          .publish_at = n->publish_at != IMPORT_UNSET_TIME ? n->publish_at : 0};
        item(p, n->source_key);
        rc = item_done(p, staff_notice_publish(p->a, &sn, NULL), n->source_key);
    }
    notice_list_free(&l);
    return rc;
}

static int put_tips(StaffImport *p)
{
    HealthTipList l;
    if (store_tip_list(p->im.s, NULL, &l) < 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < l.count && rc == 0; i++) {
        const HealthTip *h = &l.items[i];
        StaffTip st = {.building = p->building,
                       .month = h->month,
                       .title = h->title,
                       .body = h->body,
                       .author = h->author};
        item(p, h->source_key);
        rc = item_done(p, staff_tip_publish(p->a, &st, NULL), h->source_key);
    }
    health_tip_list_free(&l);
    return rc;
}

static int put_activities(StaffImport *p)
{
    ActivityList l;
    if (store_activity_list(p->im.s, &(ActivityQuery){.include_hidden = 1}, &l) < 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < l.count && rc == 0; i++) {
        StaffActivity sa = {.building = p->building, .activity = l.items[i]};
        item(p, l.items[i].source_key);
        rc = item_done(p, staff_activity_create(p->a, &sa, NULL), l.items[i].source_key);
    }
    activity_list_free(&l);
    return rc;
}

static int put_polls(StaffImport *p)
{
    PollList l;
    if (store_poll_list(p->im.s, &(PollQuery){.include_closed = 1}, &l) < 0)
        return -1;
    int rc = 0;
    const char *labels[POLL_OPTIONS_MAX];
    for (size_t i = 0; i < l.count && rc == 0; i++) {
        const Poll *o = &l.items[i];
        size_t n = o->option_count < POLL_OPTIONS_MAX ? o->option_count : POLL_OPTIONS_MAX;
        for (size_t k = 0; k < n; k++)
            labels[k] = o->options[k].label;
        /* no 开始 in the file: the hub opens it at its own now, as for the owner's import */
        StaffPoll sp = {.building = p->building,
                        .question = o->question,
                        .description = o->description,
                        .opens_at = o->opens_at == IMPORT_UNSET_TIME ? 0 : o->opens_at,
                        .closes_at = o->closes_at,
                        .options = labels,
                        .option_count = n};
        item(p, o->source_key);
        rc = item_done(p, staff_poll_create(p->a, &sp, NULL), o->source_key);
    }
    poll_list_free(&l);
    return rc;
}

/* True when album.txt said anything beyond the album's name. */
static int album_has_settings(const Album *x)
{
    return strcmp(x->kind, ALBUM_EVENT) != 0 || (x->description && *x->description) ||
           x->event_at || x->sort;
}

/* Each album of the folder made with its settings (type, description, date, sort), ahead
 * of its photos, which find it by name; one the building has already is used as it is
 * (an edited folder imported again, or photos added to an album the console made): its
 * photos go into it, and album.txt's settings, if any, are named in p->kept: an import
 * does not change an album someone may have edited since (`edit album --as` does). A hub
 * with sql/hub/041 gives such an album the folder's key, so the next import finds it by
 * key and applies album.txt's changes. */
static int put_albums(StaffImport *p)
{
    AlbumList l;
    if (store_album_list(p->im.s, &(AlbumQuery){.include_hidden = 1}, &l) < 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < l.count && rc == 0; i++) {
        const Album *x = &l.items[i];
        char where[1100];
        snprintf(where, sizeof where, "%s/album.txt", x->source_key ? x->source_key : x->name);
        if (p->keys) { /* the hub finds it by its key, or by its name without one */
            StaffAlbum sa = {.building = p->building, .album = *x};
            item(p, x->source_key);
            rc = item_done(p, staff_album_create(p->a, &sa, NULL), where);
            if (rc == 0 && p->keyed.outcome == STAFF_KEYED_KEPT && album_has_settings(x))
                buf_printf(&p->kept, "%s%s", p->kept.len ? ", " : "", where);
            p->albums_made += rc == 0 && p->keyed.outcome == STAFF_KEYED_NEW;
            continue;
        }
        int found = staff_album_find(p->a, p->building, x->name, NULL);
        if (found < 0)
            rc = refused(p, where);
        else if (found) {
            if (album_has_settings(x))
                buf_printf(&p->kept, "%s%s", p->kept.len ? ", " : "", where);
        } else {
            StaffAlbum sa = {.building = p->building, .album = *x};
            if (staff_album_create(p->a, &sa, NULL) < 0)
                rc = refused(p, where);
            else
                p->albums_made++;
        }
    }
    album_list_free(&l);
    return rc;
}

/* Each photo with its own caption, name, floor and consent, into the album of its
 * folder's name (the hub makes the album with the first). */
static int put_photos(StaffImport *p)
{
    AlbumList al;
    PhotoList pl = {0};
    if (store_album_list(p->im.s, &(AlbumQuery){.include_hidden = 1}, &al) < 0)
        return -1;
    int rc = store_photo_list(p->im.s, &(PhotoQuery){.include_hidden = 1}, &pl);
    for (size_t i = 0; i < pl.count && rc == 0; i++) {
        const Photo *ph = &pl.items[i];
        const char *album = NULL;
        for (size_t k = 0; k < al.count; k++)
            if (al.items[k].id == ph->album_id)
                album = al.items[k].name;
        char *path = store_photo_path(p->im.s, ph->sha256);
        if (!path || !album) {
            free(path);
            rc = -1;
            break;
        }
        StaffPhotoFile f = {
            .path = path, .label = ph->source_key, .width = ph->width, .height = ph->height};
        StaffPhotoMeta meta = {.building = p->building,
                               .album = album,
                               .caption = ph->caption,
                               .person_name = ph->person_name,
                               .floor = ph->floor,
                               .consent = ph->consent};
        item(p, ph->source_key);
        rc = item_done(p, staff_photos_add(p->a, 0, &f, 1, &meta, NULL), ph->source_key);
        free(path);
    }
    photo_list_free(&pl);
    album_list_free(&al);
    return rc;
}

static int put_lines(StaffImport *p)
{
    ContactList cl;
    if (store_contact_list(p->im.s, NULL, &cl) < 0)
        return -1;
    int rc = 0;
    /* in the file's order: the hub puts each new contact last */
    for (size_t i = 0; i < cl.count && rc == 0; i++) {
        StaffContact sc = {.building = p->building, .contact = cl.items[i]};
        sc.contact.sort = 0; /* the line's number locally: last on the hub keeps the order */
        item(p, cl.items[i].source_key);
        rc = item_done(p, staff_contact_add(p->a, &sc, NULL), cl.items[i].source_key);
    }
    contact_list_free(&cl);
    RosterList rl;
    if (rc < 0 || store_roster_list(p->im.s, 0, 0, &rl) < 0)
        return -1;
    for (size_t i = 0; i < rl.count && rc == 0; i++) {
        StaffRoster sr = {.building = p->building, .entry = rl.items[i]};
        item(p, rl.items[i].source_key);
        rc = item_done(p, staff_roster_add(p->a, &sr, NULL), rl.items[i].source_key);
    }
    roster_list_free(&rl);
    return rc;
}

/* phrases.txt's quick phrases, in the file's order; one the building has for that form
 * already is kept as it is (the hub writes nothing then, as the kiosk store does). */
static int put_phrases(StaffImport *p)
{
    PhraseList l;
    if (store_phrase_list(p->im.s, NULL, &l) < 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < l.count && rc == 0; i++) {
        StaffPhrase sp = {.building = p->building, .phrase = l.items[i]};
        item(p, l.items[i].source_key);
        rc = item_done(p, staff_phrase_add(p->a, &sp, NULL), l.items[i].source_key);
    }
    phrase_list_free(&l);
    return rc;
}

/* Every photo file of the scratch store sent to the hub ahead of the batch (each in its
 * own transaction; a file the hub has is not sent again), so the batch holds the hub's
 * publishing lock for its statements only, not through the uploads. A file uploaded
 * here stays on the hub, unshown, when the batch is then refused. */
static int upload_photos(StaffImport *p)
{
    PhotoList l;
    if (store_photo_list(p->im.s, &(PhotoQuery){.include_hidden = 1}, &l) < 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < l.count && rc == 0; i++) {
        char *path = store_photo_path(p->im.s, l.items[i].sha256);
        if (!path)
            rc = -1;
        else if (staff_photo_upload(p->a, path) < 0)
            rc = refused(p, l.items[i].source_key);
        free(path);
    }
    photo_list_free(&l);
    return rc;
}

/* Every row of the scratch store through the library, kind after kind. -1 with the
 * message printed (a scratch-store read failure says so). */
static int put_all(StaffImport *p)
{
    int (*const kinds[])(StaffImport *) = {put_notices, put_tips,   put_activities, put_polls,
                                           put_albums,  put_photos, put_lines,      put_phrases};
    int rc = 0;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0] && rc == 0; i++)
        rc = kinds[i](p);
    if (rc < 0 && !p->im.c->status)
        cli_fail(p->im.c, "scratch store: %s (%s)", reason_text(store_reason(p->im.s)),
                 store_errmsg(p->im.s));
    return rc;
}

/* Whether folder fp goes to the hub, before anything is sent: 0 to go on (keyed when
 * p->keys); 0 with p->unchanged set when the same folder (every file the same) was
 * imported to the building already and not again: nothing to do; else the exit code
 * after a message: the library's refusal, or a changed folder whose items would go up
 * again beside those of a folder imported before (only with again): a hub without keys
 * (sql/hub/040), or a hub with keys whose last folder for the building went up without
 * (imported before the hub had 040). */
static int check_folder(StaffImport *p, const StaffActor *a, const char *fp, int again)
{
    Cli *c = p->im.c;
    char who[STAFF_LOGIN_MAX + 40], when[32];
    int64_t at;
    if ((p->keys = staff_folder_keys(a)) < 0)
        return cli_fail_staff(c, a);
    int seen = staff_folder_seen(a, p->building, fp, who, sizeof who, &at);
    if (seen < 0)
        return cli_fail_staff(c, a);
    if (seen && !again) {
        p->unchanged = 1;
        time_format(at, "%Y-%m-%d %H:%M", p->seen, sizeof p->seen);
        snprintf(p->seen_by, sizeof p->seen_by, "%s", who);
        return 0;
    }
    if (p->keys) {
        int by_key, last = staff_folder_last(a, p->building, who, sizeof who, &at, &by_key);
        if (last < 0)
            return cli_fail_staff(c, a);
        p->unkeyed_before = last && !by_key;
        if (!p->unkeyed_before || again)
            return 0;
        time_format(at, "%Y-%m-%d %H:%M", when, sizeof when);
        return cli_fail(c,
                        "%s imported a folder to %s at %s, before the hub could find its items "
                        "by their files (sql/hub/040): those items carry no keys, and this "
                        "import would publish each of them again beside it, so nothing was "
                        "published (take the old items down with rm … --as and import again, "
                        "or give --again to import it anyway: from then on the items are found)",
                        who, p->building, when);
    }
    if (again)
        return 0;
    int any = staff_folder_any(a, p->building, who, sizeof who, &at);
    if (any < 0)
        return cli_fail_staff(c, a);
    if (!any)
        return 0; /* the building's first folder: nothing to double */
    time_format(at, "%Y-%m-%d %H:%M", when, sizeof when);
    return cli_fail(c,
                    "中心库需要升级（sql/hub/040）才能按文件更新导入过的内容: %s imported a "
                    "folder to %s at %s, and this one is not the same; this hub would publish "
                    "every item of it again beside the ones there, so nothing was published "
                    "(upgrade the hub, or give --again to publish all of it anew)",
                    who, p->building, when);
}

/* The scratch store's rows published as the member logged in as a: not twice by
 * accident, the files first, then one batch with every item, its audit line and the
 * folder's, or none (dry: the batch rolled back). Over a hub with keys each item is
 * found by its key: only what changed is written, and the folder's line only with it.
 * 0, or the exit code after a message. */
static int publish(StaffImport *p, StaffActor *a, const char *fp, int dry, int again)
{
    Cli *c = p->im.c;
    const Import *im = &p->im;
    int rc = check_folder(p, a, fp, again);
    if (rc != 0 || p->unchanged)
        return rc;
    if (!dry && upload_photos(p) < 0)
        return c->status ? c->status : cli_fail(c, "scratch store: %s", store_errmsg(im->s));
    if (staff_batch_begin(a) < 0)
        return cli_fail_staff(c, a);
    a->keyed = &p->keyed;
    rc = put_all(p) < 0 ? (c->status ? c->status : CLI_EXIT_FAIL) : 0;
    a->keyed = NULL;
    int items = im->notices + im->tips + im->activities + im->polls + p->albums_made + im->photos +
                im->contacts + im->roster + im->phrases;
    if (rc == 0 && p->keys && !p->made && !p->changed && !p->unkeyed_before)
        p->unchanged = 1; /* an edit that changed no item: no line either, nothing written */
    else if (rc == 0 && staff_folder_mark(a, p->building, fp, items, p->keys) < 0)
        rc = cli_fail_staff(c, a);
    int end = staff_batch_end(a, rc == 0 && !dry);
    if (end == -2) /* the folder's line went with the items: a second run tells */
        return cli_fail(c,
                        "%s (the outcome is unknown: the hub may or may not have published "
                        "the folder; importing it again is safe: %s)",
                        staff_error(a),
                        p->keys ? "it finds the items it published by their files"
                                : "it is not published twice if it went through");
    if (end < 0 && rc == 0)
        return cli_fail(c, "%s (nothing was published)", staff_error(a));
    return rc;
}

int import_to_hub_as(Cli *c, const char *root, const char *conn, const char *building,
                     const char *login, int dry, int again)
{
    StaffImport p = {.im = {.c = c, .root = root}, .building = building};
    char dir[1024];
    int rc = 0;
    buf_init(&p.kept);
    if (!(p.im.s = import_scratch_open(c, IMPORT_UNSET_TIME, dir, sizeof dir)))
        rc = -1;
    else if (store_batch_begin(p.im.s) < 0)
        rc = cli_fail(c, "scratch store: %s", store_errmsg(p.im.s));
    else {
        rc = import_folder(&p.im);
        if (store_batch_end(p.im.s, rc == 0) < 0 && rc == 0)
            rc = cli_fail(c, "scratch store: %s", store_errmsg(p.im.s));
    }
    char fp[SHA256_HEX_LEN + 1];
    if (rc == 0 && folder_fingerprint(root, fp) < 0)
        rc = cli_fail(c, "%s: cannot read every file of the folder", root);
    StaffActor a;
    if (rc == 0 && cli_hub_login(c, conn, login, &a) < 0)
        rc = -1;
    else if (rc == 0) {
        p.a = &a;
        rc = publish(&p, &a, fp, dry, again);
        staff_hub_logout(&a);
    }
    import_scratch_remove(p.im.s, dir);
    if (rc != 0) {
        buf_deinit(&p.kept);
        return c->status ? c->status : CLI_EXIT_FAIL;
    }
    const Import *im = &p.im;
    if (p.unchanged && *p.seen) { /* the same folder: nothing was sent */
        printf("没有变化 (nothing changed): %s imported this folder (every file the same) to %s "
               "at %s; nothing was published (--again %s)\n",
               p.seen_by, building, p.seen,
               p.keys ? "looks at every item again, and brings back one withdrawn since"
                      : "publishes every item a second time");
        buf_deinit(&p.kept);
        return CLI_EXIT_OK;
    }
    if (p.unchanged) /* keyed: every item as the hub has it */
        printf("没有变化 (nothing changed): every item of %s is on the hub (%s) as the folder "
               "says; nothing was published:",
               root, building);
    else if (p.keys)
        printf("%s %s on the hub (%s) as %s: %d new, %d changed, %d unchanged;",
               dry ? "checked (nothing published)" : "published", root, building, login, p.made,
               p.changed, p.same);
    else
        printf("%s %s on the hub (%s) as %s:", dry ? "checked (nothing published)" : "published",
               root, building, login);
    printf(" %d notices, %d tips, %d activities, %d polls, %d albums, %d photos, %d contacts, "
           "%d roster entries, %d phrases%s\n",
           im->notices, im->tips, im->activities, im->polls, im->albums, im->photos, im->contacts,
           im->roster, im->phrases,
           im->kiosk ? " (manifest.ini only checked the roster's rooms here)" : "");
    if (p.kept.len)
        printf("%s: the hub has these albums already: their photos %s into them, and their "
               "settings (类型, 说明, 日期, 排序) stay the hub's (`edit album HUB_ID --as` "
               "changes them)%s\n",
               p.kept.failed ? "(out of memory)" : buf_str(&p.kept), dry ? "would go" : "went",
               p.keys && !dry ? "; a hub with sql/hub/041 gave them this folder's keys: the "
                                "next import applies album.txt's changes to them"
                              : "");
    buf_deinit(&p.kept);
    return CLI_EXIT_OK;
}
