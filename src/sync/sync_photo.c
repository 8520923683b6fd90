/* Photo files from the hub, by SHA-256, in chunks: appended to <path>.part (so an
 * interrupted fetch resumes where it stopped), checked against the hash, fsynced and
 * renamed; only then does the held-back photo row appear. Also the heartbeat and the
 * round that runs every step. */
#include "sync/sync_internal.h"

#include "core/sha256.h"
#include "store/outbox.h"
#include "store/photo.h"
#include "store/sync_apply.h"
#include "store/sync_state.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

static int fsync_dir_of(const char *path)
{
    char *copy = strdup(path);
    if (!copy)
        return -1;
    int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
    free(copy);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

static int mkdir_parent(const char *path)
{
    char *copy = strdup(path);
    if (!copy)
        return -1;
    char *dir = dirname(copy);
    char *parent = strdup(dir);
    int rc = 0;
    if (parent) {
        char *pp = dirname(parent);
        if (mkdir(pp, 0755) < 0 && errno != EEXIST)
            rc = -1;
        free(parent);
    }
    if (rc == 0 && mkdir(dir, 0755) < 0 && errno != EEXIST)
        rc = -1;
    free(copy);
    return rc;
}

/* Fetches one file; 0 when it is whole at its final path. */
static int fetch_one(SyncSession *ss, Store *s, const SyncWantedPhoto *w, SyncStats *st, char *err,
                     size_t errlen)
{
    char *path = store_photo_path(s, w->sha256);
    if (!path)
        return sync_fail(err, errlen, "photo %s: bad hash%s", w->sha256, "");
    char part[4200];
    snprintf(part, sizeof part, "%s.part", path);
    int rc = -1, fd = -1;
    if (mkdir_parent(path) < 0 || (fd = open(part, O_WRONLY | O_CREAT | O_APPEND, 0644)) < 0) {
        sync_fail(err, errlen, "photo %s: %s", part, strerror(errno));
        goto out;
    }
    struct stat sb;
    if (fstat(fd, &sb) < 0) {
        sync_fail(err, errlen, "photo %s: %s", part, strerror(errno));
        goto out;
    }
    int64_t have = sb.st_size; /* resume after an interrupted fetch */
    while (have < w->bytes) {
        char off[24], len[16];
        snprintf(off, sizeof off, "%lld", (long long)have);
        snprintf(len, sizeof len, "%d", ss->lim.chunk_bytes);
        const char *params[] = {w->sha256, off, len};
        PGresult *r = sync_call(ss, "SELECT yanxia_hub.kiosk_photo_chunk($1, $2::bigint, $3::int)",
                                3, params, 1, PGRES_TUPLES_OK, err, errlen);
        if (!r)
            goto out;
        int n = PQntuples(r) == 1 ? PQgetlength(r, 0, 0) : 0;
        ssize_t wrote = n > 0 ? write(fd, PQgetvalue(r, 0, 0), (size_t)n) : 0;
        PQclear(r);
        if (n == 0) {
            sync_fail(err, errlen, "photo %s: the hub has only part of it%s", w->sha256, "");
            goto out;
        }
        if (wrote != n) {
            sync_fail(err, errlen, "photo %s: %s", part, strerror(errno));
            goto out;
        }
        have += n;
        st->photo_bytes += n;
    }
    if (fsync(fd) < 0) {
        sync_fail(err, errlen, "photo %s: %s", part, strerror(errno));
        goto out;
    }
    close(fd);
    fd = -1;
    char got[SHA256_HEX_LEN + 1];
    long long size = 0;
    if (sha256_file_hex(part, got, &size) < 0 || strcmp(got, w->sha256) != 0 || size != w->bytes) {
        unlink(part); /* start again next round rather than keep a bad file */
        sync_fail(err, errlen, "photo %s: content does not match its hash%s", w->sha256, "");
        goto out;
    }
    if (rename(part, path) < 0 || fsync_dir_of(path) < 0) {
        sync_fail(err, errlen, "photo %s: %s", path, strerror(errno));
        goto out;
    }
    st->photos++;
    rc = 0;
out:
    if (fd >= 0)
        close(fd);
    free(path);
    return rc;
}

int sync_fetch_photos(SyncSession *ss, Store *s, SyncStats *st, char *err, size_t errlen)
{
    SyncWantedPhoto *w = NULL;
    size_t n = 0;
    if (store_sync_wanted_photos(s, 0, &w, &n) < 0)
        return sync_store_err(s, err, errlen, "list wanted photos");
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = fetch_one(ss, s, &w[i], st, err, errlen);
    free(w);
    /* rows whose files are whole appear even when a later file failed */
    size_t shown = 0;
    if (store_sync_apply_ready_photos(s, &shown) < 0 && rc == 0)
        return sync_store_err(s, err, errlen, "show photos");
    st->applied += shown;
    return rc;
}

int sync_heartbeat(SyncSession *ss, Store *s, char *err, size_t errlen)
{
    int64_t queue = 0, last = 0, cursor = 0;
    if (store_outbox_count_pending(s, &queue) < 0 ||
        store_sync_get(s, SYNC_KEY_LAST_SUCCESS, &last) < 0 || store_sync_cursor(s, &cursor) < 0)
        return sync_store_err(s, err, errlen, "heartbeat");
    struct statvfs vfs;
    long long free_bytes = 0;
    if (statvfs(store_dir(s), &vfs) == 0)
        free_bytes = (long long)vfs.f_bavail * (long long)vfs.f_frsize;
    char q[24], l[24], f[24], c[24];
    snprintf(q, sizeof q, "%lld", (long long)queue);
    snprintf(l, sizeof l, "%lld", (long long)last);
    snprintf(f, sizeof f, "%lld", free_bytes);
    snprintf(c, sizeof c, "%lld", (long long)cursor);
    const char *params[] = {YANXIA_VERSION, l, q, f, c};
    PGresult *r = sync_call(ss,
                            "SELECT yanxia_hub.kiosk_heartbeat($1, $2::bigint, $3::bigint,"
                            " $4::bigint, $5::bigint)",
                            5, params, 0, PGRES_TUPLES_OK, err, errlen);
    if (!r)
        return -1;
    PQclear(r);
    return 0;
}

int sync_round(SyncSession *ss, Store *s, SyncStats *st, char *err, size_t errlen)
{
    SyncStats local;
    if (!st)
        st = &local;
    memset(st, 0, sizeof *st);
    st->contiguous = -1;
    err[0] = '\0';
    /* push first: a resident's submission matters more than fresh content */
    int rc = sync_push(ss, s, st, err, errlen);
    if (rc == 0)
        rc = sync_pull(ss, s, st, err, errlen);
    if (rc == 0)
        rc = sync_fetch_photos(ss, s, st, err, errlen);
    if (rc == 0 && store_sync_set(s, SYNC_KEY_LAST_SUCCESS, store_now(s)) < 0)
        rc = sync_store_err(s, err, errlen, "record success");
    if (rc == 0)
        rc = sync_heartbeat(ss, s, err, errlen);
    if (store_outbox_count_pending(s, &st->pending) < 0)
        st->pending = -1;
    return rc;
}
