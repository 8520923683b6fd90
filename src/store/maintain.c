/* The nightly maintenance step (maintain.h): checkpoint, check, prune, sweep. */
#include "store/maintain.h"

#include "store/outbox.h"
#include "store/store_internal.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int checkpoint(Store *s, const char *mode, MaintainReport *r)
{
    int log = 0, done = 0;
    int rc = sqlite3_wal_checkpoint_v2(s->db, NULL,
                                       strcmp(mode, "TRUNCATE") == 0 ? SQLITE_CHECKPOINT_TRUNCATE
                                                                     : SQLITE_CHECKPOINT_PASSIVE,
                                       &log, &done);
    if (rc == SQLITE_BUSY || (rc == SQLITE_OK && done < log)) {
        r->wal_busy = 1; /* a reader (the sync worker) holds old pages: next night */
        return 0;
    }
    if (rc != SQLITE_OK)
        return store_fail_sql(s, rc, "WAL checkpoint");
    return 0;
}

static int check(Store *s, int full, MaintainReport *r)
{
    sqlite3_stmt *st =
        store_prepare(s, full ? "PRAGMA integrity_check(1)" : "PRAGMA quick_check(1)");
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    const unsigned char *v = rc == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
    snprintf(r->check_msg, sizeof r->check_msg, "%s", v ? (const char *)v : sqlite3_errmsg(s->db));
    r->check_ok = v && strcmp((const char *)v, "ok") == 0;
    sqlite3_finalize(st);
    if (!r->check_ok)
        return store_fail(s, REASON_STORAGE, "%s failed: %s",
                          full ? "integrity_check" : "quick_check", r->check_msg);
    return 0;
}

/* The submissions whose data may go: own rows acknowledged before ?1. */
#define ACKED_BEFORE "(SELECT uuid FROM outbox WHERE acked_at IS NOT NULL AND acked_at < ?1)"

static const char *const PRUNE_SQL[] = {
    "UPDATE signups SET phone = '', name = '' WHERE (phone != '' OR name != '') AND uuid "
    "IN " ACKED_BEFORE,
    "UPDATE wish_claims SET name = '' WHERE name != '' AND uuid IN " ACKED_BEFORE,
    "UPDATE suggestions SET contact = '',"
    " text = CASE WHEN state = 'replied' THEN text ELSE '' END"
    " WHERE from_hub = 0 AND (contact != '' OR (text != '' AND state != 'replied'))"
    " AND uuid IN " ACKED_BEFORE,
    "UPDATE questions SET text = '' WHERE from_hub = 0 AND text != ''"
    " AND NOT (public = 1 AND answered_at IS NOT NULL) AND uuid IN " ACKED_BEFORE,
    "UPDATE wishes SET text = '' WHERE from_hub = 0 AND text != '' AND state IN ('review', "
    "'declined')"
    " AND uuid IN " ACKED_BEFORE,
};

/* Runs one statement with ?1 = before, adding the rows it changed to *changed. */
static int run_before(Store *s, const char *sql, int64_t before, const char *what, size_t *changed)
{
    sqlite3_stmt *st = store_prepare(s, sql);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, before);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_fail_sql(s, rc, what);
    *changed += (size_t)sqlite3_changes(s->db);
    return 0;
}

static int prune(Store *s, int64_t before, MaintainReport *r)
{
    /* deleted pages are overwritten, not left readable in the file */
    if (sqlite3_exec(s->db, "PRAGMA secure_delete = ON", NULL, NULL, NULL) != SQLITE_OK)
        return store_fail_sql(s, sqlite3_errcode(s->db), "secure_delete");
    if (store_tx_begin(s) < 0)
        return -1;
    size_t changed = 0;
    for (size_t i = 0; i < sizeof PRUNE_SQL / sizeof PRUNE_SQL[0]; i++)
        if (run_before(s, PRUNE_SQL[i], before, "prune personal data", &changed) < 0)
            goto fail;
    size_t removed = 0;
    if (store_outbox_prune_acked(s, before, &removed) < 0)
        goto fail;
    if (store_tx_end(s, 1) < 0)
        return -1;
    r->submissions = changed;
    r->outbox_rows = removed;
    return 0;
fail:
    store_tx_end(s, 0);
    return -1;
}

/* Content the hub withdrew stays as a row with deleted = 1 (a tombstone), never shown.
 * Nothing needs it for long: a screen that still holds its id does for minutes, and
 * content the hub publishes again (or a resync) makes the row anew. Under a hub that
 * churns, tombstones were most of a kiosk's store after a month, so after
 * TOMBSTONE_DAYS the row goes. Only the kinds no other row refers to, and only the
 * hub's rows (a standalone kiosk's own rows keep their history). */
#define TOMBSTONE_DAYS 7
#define PURGE(table)                                                                               \
    "DELETE FROM " table " WHERE deleted = 1 AND hub_id IS NOT NULL AND updated_at < ?1"
static const char *const TOMBSTONE_SQL[] = {PURGE("notices"),       PURGE("health_tips"),
                                            PURGE("roster"),        PURGE("contacts"),
                                            PURGE("quick_phrases"), PURGE("photos")};

static int purge_tombstones(Store *s, MaintainReport *r)
{
    int64_t before = store_now(s) - (int64_t)TOMBSTONE_DAYS * 86400;
    if (store_tx_begin(s) < 0)
        return -1;
    size_t removed = 0;
    for (size_t i = 0; i < sizeof TOMBSTONE_SQL / sizeof TOMBSTONE_SQL[0]; i++)
        if (run_before(s, TOMBSTONE_SQL[i], before, "purge withdrawn content", &removed) < 0) {
            store_tx_end(s, 0);
            return -1;
        }
    if (store_tx_end(s, 1) < 0)
        return -1;
    r->tombstones = removed;
    return 0;
}

static int is_hash(const char *name, size_t len)
{
    if (len != 64)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (!((name[i] >= '0' && name[i] <= '9') || (name[i] >= 'a' && name[i] <= 'f')))
            return 0;
    return 1;
}

/* 1 when a live photo row, a live health tip's page or a photo in transfer has this
 * content hash; -1 on error. */
static int referenced(Store *s, sqlite3_stmt *st, const char *sha)
{
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, sha, 64, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc == SQLITE_DONE)
        return 0;
    return store_fail_sql(s, rc, "photo references");
}

/* Removes unreferenced hash-named files in dir (not recursive). A name is the hash,
 * optionally followed by an extension (thumbnails are "<sha>.jpg"); ".part" files of
 * transfers under way are left alone. */
static int sweep_dir(Store *s, sqlite3_stmt *st, const char *dir, size_t *count, uint64_t *bytes)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0; /* no such folder: nothing to sweep */
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d)) != NULL) {
        const char *dot = strchr(e->d_name, '.');
        size_t len = dot ? (size_t)(dot - e->d_name) : strlen(e->d_name);
        if (!is_hash(e->d_name, len) || (dot && strcmp(dot, ".part") == 0))
            continue;
        char sha[65];
        memcpy(sha, e->d_name, 64);
        sha[64] = '\0';
        int ref = referenced(s, st, sha);
        if (ref < 0) {
            rc = -1;
            break;
        }
        if (ref)
            continue;
        char path[4096 + 512];
        if (snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= (int)sizeof path)
            continue; /* not a path this store made */
        struct stat sb;
        if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && unlink(path) == 0) {
            (*count)++;
            *bytes += (uint64_t)sb.st_size;
        }
    }
    closedir(d);
    return rc;
}

/* photos/<2 hex>/<sha> and thumbs/<WxH[c]>/<sha>.<ext>: every subfolder one level down. */
static int sweep(Store *s, const char *top, size_t *count, uint64_t *bytes)
{
    char root[4096];
    snprintf(root, sizeof root, "%s/%s", s->dir, top);
    DIR *d = opendir(root);
    if (!d)
        return 0;
    sqlite3_stmt *st =
        store_prepare(s, "SELECT 1 FROM photos WHERE sha256 = ?1 AND deleted = 0"
                         " UNION ALL SELECT 1 FROM health_tips WHERE photo_sha256 = ?1"
                         " AND deleted = 0"
                         " UNION ALL SELECT 1 FROM sync_pending_photos WHERE sha256 = ?1");
    if (!st) {
        closedir(d);
        return -1;
    }
    struct dirent *e;
    int rc = 0;
    while (rc == 0 && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char sub[4096 + 256];
        snprintf(sub, sizeof sub, "%s/%s", root, e->d_name);
        struct stat sb;
        if (stat(sub, &sb) == 0 && S_ISDIR(sb.st_mode))
            rc = sweep_dir(s, st, sub, count, bytes);
    }
    sqlite3_finalize(st);
    closedir(d);
    return rc;
}

int store_maintain(Store *s, const MaintainOptions *o, MaintainReport *r)
{
    store_clear_error(s);
    memset(r, 0, sizeof *r);
    if (checkpoint(s, "PASSIVE", r) < 0 || check(s, o->full_check, r) < 0)
        return -1;
    int64_t before = store_now(s) - (int64_t)o->keep_days * 86400;
    if (prune(s, before, r) < 0 || purge_tombstones(s, r) < 0)
        return -1;
    if (sweep(s, "photos", &r->photo_files, &r->bytes_freed) < 0 ||
        sweep(s, "thumbs", &r->thumb_files, &r->bytes_freed) < 0)
        return -1;
    r->wal_busy = 0;
    if (checkpoint(s, "TRUNCATE", r) < 0)
        return -1;
    /* the integrity check read every page: the cache keeps none it does not need now */
    store_release_memory(s);
    return 0;
}
