/* `import DIR --hub CONNINFO --building B`: a content folder published on the hub. The
 * folder is read by the local importer itself (import_folder) into a scratch store, so
 * it is checked exactly as a kiosk would check it and a mistake names file:line before
 * the hub is touched; the scratch rows then go to the hub in one transaction, each
 * found again by its source key (src/sync/hub_import.h). `add KIND --hub` sends its
 * scratch store's row with the same code, as a new row (import_publish_store). */
#define _GNU_SOURCE /* nftw */
#include "tools/commands.h"
#include "tools/import.h"

#include "core/buf.h"
#include "core/json.h"
#include "store/activity.h"
#include "store/contact.h"
#include "store/health.h"
#include "store/notice.h"
#include "store/photo.h"
#include "store/phrase.h"
#include "store/poll.h"
#include "store/roster.h"
#include "sync/hub_import.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define UNSET_TIME IMPORT_UNSET_TIME /* import.h says why */

typedef struct {
    Import im;
    HubImport *hub;     /* the one transaction the rows go in */
    HubAdmin *plain;    /* add: rows published as new ones (hub_publish), not by key */
    const char *scope;  /* for plain */
    int64_t unset_time; /* a notice's publish_at, a poll's opens_at: "not given" */
    int64_t last_id;    /* the hub id of the last row sent */
    int changed, unchanged;
    char err[1024];
} Publish;

/* ---- fields as the hub's columns (sql/hub/001_schema.sql) ------------------------ */

static void put_str(Buf *b, int *first, const char *key, const char *val)
{
    json_member_str(b, first, key, val ? val : "");
}

/* A time column: null for 0 (none). */
static void put_time(Buf *b, int *first, const char *key, int64_t v)
{
    if (v) {
        json_member_int(b, first, key, v);
        return;
    }
    buf_printf(b, "%s\"%s\":null", *first ? "" : ",", key);
    *first = 0;
}

/* Sends kind's fields (the object in b, closed here) as the row of key. */
static int send(Publish *p, const char *kind, const char *key, Buf *b, int64_t *hub_id)
{
    buf_putc(b, '}');
    int64_t id = 0;
    int changed = 0, rc;
    if (b->failed)
        rc = import_fail(&p->im, 0, "out of memory");
    else if (p->plain) {
        changed = 1;
        rc = hub_admin_publish(p->plain, kind, p->scope, buf_str(b), 0, &id, p->err, sizeof p->err);
        if (rc < 0) /* the hub's message alone, as `add notice --hub` always said it */
            cli_fail(p->im.c, "%s", p->err);
    } else if (hub_import_row(p->hub, kind, key, buf_str(b), &id, &changed, p->err, sizeof p->err) <
               0) {
        snprintf(p->im.rel, sizeof p->im.rel, "%s", key);
        rc = import_fail(&p->im, 0, "the hub refused it: %s", p->err);
    } else
        rc = 0;
    buf_deinit(b);
    if (rc == 0) {
        if (changed)
            p->changed++;
        else
            p->unchanged++;
        if (hub_id)
            *hub_id = id;
        p->last_id = id;
    }
    return rc;
}

static void open_fields(Buf *b, int *first)
{
    buf_init(b);
    buf_putc(b, '{');
    *first = 1;
}

static int send_notices(Publish *p)
{
    NoticeQuery q = {.include_hidden = 1};
    NoticeList l;
    if (store_notice_list(p->im.s, &q, &l) < 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < l.count && rc == 0; i++) {
        const Notice *n = &l.items[i];
        Buf b;
        int f;
        open_fields(&b, &f);
        put_str(&b, &f, "category", n->category);
        put_str(&b, &f, "title", n->title);
        put_str(&b, &f, "body", n->body);
        put_str(&b, &f, "author", n->author);
        json_member_int(&b, &f, "pinned", n->pinned);
        if (n->publish_at != p->unset_time)
            json_member_int(&b, &f, "publish_at", n->publish_at);
        put_time(&b, &f, "expires_at", n->expires_at);
        rc = send(p, "notice", n->source_key, &b, NULL);
    }
    notice_list_free(&l);
    return rc;
}

static int send_tips(Publish *p)
{
    HealthTipQuery q = {0};
    HealthTipList l;
    if (store_tip_list(p->im.s, &q, &l) < 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < l.count && rc == 0; i++) {
        const HealthTip *t = &l.items[i];
        Buf b;
        int f;
        open_fields(&b, &f);
        put_str(&b, &f, "month", t->month);
        put_str(&b, &f, "title", t->title);
        put_str(&b, &f, "body", t->body);
        put_str(&b, &f, "author", t->author);
        rc = send(p, "health_tip", t->source_key, &b, NULL);
    }
    health_tip_list_free(&l);
    return rc;
}

static int send_activities(Publish *p)
{
    ActivityQuery q = {.include_hidden = 1};
    ActivityList l;
    if (store_activity_list(p->im.s, &q, &l) < 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < l.count && rc == 0; i++) {
        const Activity *a = &l.items[i];
        Buf b;
        int f;
        open_fields(&b, &f);
        put_str(&b, &f, "kind", activity_kind_name(a->kind));
        put_str(&b, &f, "title", a->title);
        put_str(&b, &f, "description", a->description);
        put_str(&b, &f, "place", a->place);
        put_time(&b, &f, "starts_at", a->starts_at);
        put_time(&b, &f, "ends_at", a->ends_at);
        put_str(&b, &f, "schedule", a->schedule);
        put_time(&b, &f, "signup_deadline", a->signup_deadline);
        json_member_int(&b, &f, "capacity", a->capacity);
        json_member_int(&b, &f, "max_party", a->max_party);
        json_member_int(&b, &f, "waitlist", !a->no_waitlist);
        put_str(&b, &f, "organiser", a->organiser);
        rc = send(p, "activity", a->source_key, &b, NULL);
    }
    activity_list_free(&l);
    return rc;
}

static int send_polls(Publish *p)
{
    PollQuery q = {.include_closed = 1};
    PollList l;
    if (store_poll_list(p->im.s, &q, &l) < 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < l.count && rc == 0; i++) {
        const Poll *o = &l.items[i];
        Buf b;
        int f;
        open_fields(&b, &f);
        put_str(&b, &f, "question", o->question);
        put_str(&b, &f, "description", o->description);
        if (o->opens_at != p->unset_time)
            json_member_int(&b, &f, "opens_at", o->opens_at);
        json_member_int(&b, &f, "closes_at", o->closes_at);
        buf_puts(&b, ",\"options\":[");
        for (size_t k = 0; k < o->option_count; k++) {
            if (k)
                buf_putc(&b, ',');
            json_put_str(&b, o->options[k].label ? o->options[k].label : "");
        }
        buf_putc(&b, ']');
        rc = send(p, "poll", o->source_key, &b, NULL);
    }
    poll_list_free(&l);
    return rc;
}

/* Albums, then their photos with the albums' hub ids. */
static int send_albums(Publish *p)
{
    AlbumQuery aq = {.include_hidden = 1};
    AlbumList al;
    PhotoQuery pq = {.include_hidden = 1};
    PhotoList pl = {0};
    if (store_album_list(p->im.s, &aq, &al) < 0)
        return -1;
    int64_t *hub_ids = calloc(al.count + 1, sizeof *hub_ids);
    int rc = hub_ids ? 0 : import_fail(&p->im, 0, "out of memory");
    for (size_t i = 0; i < al.count && rc == 0; i++) {
        const Album *a = &al.items[i];
        Buf b;
        int f;
        open_fields(&b, &f);
        put_str(&b, &f, "name", a->name);
        put_str(&b, &f, "kind", a->kind);
        put_str(&b, &f, "description", a->description);
        put_time(&b, &f, "event_at", a->event_at);
        json_member_int(&b, &f, "sort", a->sort);
        rc = send(p, "album", a->source_key, &b, &hub_ids[i]);
    }
    if (rc == 0 && store_photo_list(p->im.s, &pq, &pl) < 0)
        rc = -1;
    for (size_t i = 0; i < pl.count && rc == 0; i++) {
        const Photo *ph = &pl.items[i];
        int64_t album = 0;
        for (size_t k = 0; k < al.count; k++)
            if (al.items[k].id == ph->album_id)
                album = hub_ids[k];
        Buf b;
        int f;
        open_fields(&b, &f);
        json_member_int(&b, &f, "album_hub_id", album);
        put_str(&b, &f, "sha256", ph->sha256);
        json_member_int(&b, &f, "bytes", ph->bytes);
        json_member_int(&b, &f, "width", ph->width);
        json_member_int(&b, &f, "height", ph->height);
        put_str(&b, &f, "caption", ph->caption);
        put_str(&b, &f, "person_name", ph->person_name);
        put_time(&b, &f, "floor", ph->floor);
        json_member_int(&b, &f, "consent", ph->consent);
        json_member_int(&b, &f, "sort", ph->sort);
        rc = send(p, "photo", ph->source_key, &b, NULL);
    }
    photo_list_free(&pl);
    album_list_free(&al);
    free(hub_ids);
    return rc;
}

static int send_lines(Publish *p)
{
    ContactList cl;
    if (store_contact_list(p->im.s, NULL, &cl) < 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < cl.count && rc == 0; i++) {
        const Contact *k = &cl.items[i];
        Buf b;
        int f;
        open_fields(&b, &f);
        put_str(&b, &f, "kind", k->kind);
        put_str(&b, &f, "name", k->name);
        put_str(&b, &f, "phone", k->phone);
        put_str(&b, &f, "note", k->note);
        put_str(&b, &f, "qr_text", k->qr_text);
        json_member_int(&b, &f, "sort", k->sort);
        rc = send(p, "contact", k->source_key, &b, NULL);
    }
    contact_list_free(&cl);
    RosterList rl;
    if (rc < 0 || store_roster_list(p->im.s, 0, 0, &rl) < 0)
        return -1;
    for (size_t i = 0; i < rl.count && rc == 0; i++) {
        const RosterEntry *e = &rl.items[i];
        Buf b;
        int f;
        open_fields(&b, &f);
        json_member_int(&b, &f, "day", e->day);
        put_str(&b, &f, "slot", e->slot);
        put_str(&b, &f, "place", e->place);
        put_str(&b, &f, "person", e->person);
        put_str(&b, &f, "room", e->room);
        rc = send(p, "roster", e->source_key, &b, NULL);
    }
    roster_list_free(&rl);
    PhraseList ql;
    if (rc < 0 || store_phrase_list(p->im.s, NULL, &ql) < 0)
        return -1;
    for (size_t i = 0; i < ql.count && rc == 0; i++) {
        const Phrase *q = &ql.items[i];
        Buf b;
        int f;
        open_fields(&b, &f);
        put_str(&b, &f, "form", q->form);
        put_str(&b, &f, "text", q->text);
        json_member_int(&b, &f, "sort", q->sort);
        rc = send(p, "quick_phrase", q->source_key, &b, NULL);
    }
    phrase_list_free(&ql);
    return rc;
}

/* Every photo file of the scratch store, uploaded where the hub lacks it. Each upload
 * commits on its own, before the rows: a file no row shows is never sent to a kiosk. */
static int upload_photos(Publish *p, HubAdmin *h, int *uploaded)
{
    PhotoQuery q = {.include_hidden = 1};
    PhotoList l;
    if (store_photo_list(p->im.s, &q, &l) < 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < l.count && rc == 0; i++) {
        char *path = store_photo_path(p->im.s, l.items[i].sha256);
        int sent = 0;
        snprintf(p->im.rel, sizeof p->im.rel, "%s", l.items[i].source_key);
        if (!path)
            rc = import_fail(&p->im, 0, "out of memory");
        else if (hub_import_put_photo(h, path, l.items[i].sha256, l.items[i].bytes, &sent, p->err,
                                      sizeof p->err) < 0)
            rc = import_fail(&p->im, 0, "upload to the hub: %s", p->err);
        *uploaded += sent;
        free(path);
    }
    photo_list_free(&l);
    return rc;
}

/* The scratch store's refusal (it is not c->store, which cli_fail_store reads). */
static int scratch_fail(Publish *p)
{
    cli_fail(p->im.c, "scratch store: %s (%s)", reason_text(store_reason(p->im.s)),
             store_errmsg(p->im.s));
    return -1;
}

/* Every row of the scratch store, kind after kind (albums before their photos). */
static int send_all(Publish *p)
{
    int rc = send_notices(p);
    if (rc == 0)
        rc = send_tips(p);
    if (rc == 0)
        rc = send_activities(p);
    if (rc == 0)
        rc = send_polls(p);
    if (rc == 0)
        rc = send_albums(p);
    if (rc == 0)
        rc = send_lines(p);
    if (rc < 0 && !p->im.c->status) /* a scratch-store read failed */
        rc = scratch_fail(p);
    return rc;
}

/* cli_fail for functions that return 0/-1. */
static int hub_fail(Publish *p, const char *suffix)
{
    cli_fail(p->im.c, "%s%s", p->err, suffix);
    return -1;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    remove(path);
    return 0;
}

Store *import_scratch_open(Cli *c, int64_t now, char *dir, size_t dirlen)
{
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp)
        tmp = "/tmp";
    snprintf(dir, dirlen, "%s/yanxia-import-XXXXXX", tmp);
    if (!mkdtemp(dir)) {
        *dir = '\0';
        cli_fail(c, "cannot make a scratch folder in %s", tmp);
        return NULL;
    }
    char path[1100], err[600];
    snprintf(path, sizeof path, "%s/scratch.db", dir);
    Store *s = store_open(path, err, sizeof err);
    if (!s)
        cli_fail(c, "%s (scratch store)", err);
    else
        store_set_now(s, now);
    return s;
}

void import_scratch_remove(Store *s, const char *dir)
{
    store_close(s);
    if (*dir)
        nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Reads the folder into a new scratch store in a new temporary folder (*dir, which
 * the caller removes). 0, or -1 with the message printed. */
static int read_folder(Publish *p, char *dir, size_t dirlen)
{
    if (!(p->im.s = import_scratch_open(p->im.c, UNSET_TIME, dir, dirlen)))
        return -1;
    if (store_batch_begin(p->im.s) < 0)
        return scratch_fail(p);
    int rc = import_folder(&p->im);
    if (store_batch_end(p->im.s, rc == 0) < 0 && rc == 0)
        rc = scratch_fail(p);
    return rc;
}

/* Publishes the scratch store's rows: checked scope, photo files, then one transaction. */
static int publish(Publish *p, const char *conn, const char *scope, int dry, int *uploaded)
{
    HubAdmin *h = hub_admin_open(conn, p->err, sizeof p->err);
    if (!h)
        return hub_fail(p, "");
    int rc = 0;
    /* the scope is checked before any upload: a typo in --building costs nothing */
    p->hub = hub_import_begin(h, scope, p->err, sizeof p->err);
    if (!p->hub)
        rc = hub_fail(p, "");
    if (rc == 0 && !dry) {
        hub_import_end(p->hub, 0, p->err, sizeof p->err);
        p->hub = NULL;
        rc = upload_photos(p, h, uploaded);
        if (rc == 0 && !(p->hub = hub_import_begin(h, scope, p->err, sizeof p->err)))
            rc = hub_fail(p, "");
        if (rc == 0)
            rc = send_all(p);
    }
    int end = p->hub ? hub_import_end(p->hub, rc == 0 && !dry, p->err, sizeof p->err) : 0;
    if (end == -2) /* COMMIT sent, answer lost: it may have gone through */
        rc = hub_fail(p, " (the outcome is unknown: the hub may or may not have published"
                         " it; running the same import again is safe)");
    else if (end < 0)
        rc = hub_fail(p, " (nothing was published)");
    p->hub = NULL;
    hub_admin_close(h);
    return rc;
}

int import_to_hub(Cli *c, const char *root, const char *conn, const char *scope, int dry)
{
    Publish p = {.im = {.c = c, .root = root}, .unset_time = UNSET_TIME};
    char dir[1024];
    int uploaded = 0;
    int rc = read_folder(&p, dir, sizeof dir);
    if (rc == 0)
        rc = publish(&p, conn, scope, dry, &uploaded);
    import_scratch_remove(p.im.s, dir);
    if (rc < 0)
        return c->status ? c->status : CLI_EXIT_FAIL;
    const Import *im = &p.im;
    if (dry)
        printf("checked (nothing published) %s for %s on the hub:", root, scope);
    else
        printf("published %s on the hub (%s): %d new or changed, %d unchanged;", root, scope,
               p.changed, p.unchanged);
    printf(" %d notices, %d tips, %d activities, %d polls, %d albums, %d photos, %d contacts,"
           " %d roster entries, %d phrases",
           im->notices, im->tips, im->activities, im->polls, im->albums, im->photos, im->contacts,
           im->roster, im->phrases);
    if (uploaded)
        printf("; %d photo file%s uploaded", uploaded, uploaded == 1 ? "" : "s");
    /* manifest.ini describes one kiosk: each kiosk keeps its own settings */
    printf("%s\n", im->kiosk ? " (manifest.ini only checked the roster's rooms here)" : "");
    return CLI_EXIT_OK;
}

int import_publish_store(Cli *c, Store *s, const char *conn, const char *scope, int64_t unset_time,
                         int64_t *hub_id)
{
    Publish p = {.im = {.c = c, .s = s}, .scope = scope, .unset_time = unset_time};
    *hub_id = 0;
    if (!(p.plain = hub_admin_open(conn, p.err, sizeof p.err)))
        return hub_fail(&p, "");
    /* the scope is checked in words first, and the rows go in one transaction */
    p.hub = hub_import_begin(p.plain, scope, p.err, sizeof p.err);
    int rc = p.hub ? send_all(&p) : hub_fail(&p, "");
    if (rc == 0 && !p.changed) {
        cli_fail(c, "nothing to publish");
        rc = -1;
    }
    int end = hub_import_end(p.hub, rc == 0, p.err, sizeof p.err);
    if (end < 0 && rc == 0) /* -2: the reply to COMMIT was lost, and an add has no key */
        rc = hub_fail(&p, end == -2 ? " (it may be on the hub: look before adding it again)"
                                    : " (nothing was published)");
    hub_admin_close(p.plain);
    if (rc == 0)
        *hub_id = p.last_id;
    return rc;
}
