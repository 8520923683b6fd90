/* Photo files from the hub, by SHA-256, several files a call (kiosk_photo_batch):
 * appended to <path>.part (so an interrupted fetch resumes where it stopped), flushed
 * once per batch, checked against the hash and renamed; only then does the held-back
 * photo row appear. Also the heartbeat and the round that runs every step. */
#define _GNU_SOURCE /* syncfs */
#include "sync/sync_internal.h"

#include "core/buf.h"
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

#define BATCH_FILES 64
#define BATCH_BYTES (32LL << 20)

typedef struct {
    const SyncWantedPhoto *w;
    char *path; /* final */
    char part[4200];
    int fd;
    int64_t have;
} Fetch;

static int64_t be64(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | u[i];
    return (int64_t)v;
}

/* Flushes the file system holding dir: one barrier for a whole batch of files instead
 * of an fsync per file (falls back to fsyncing each when syncfs fails). */
static int flush_batch(const char *dir, Fetch *f, size_t n)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    int rc = fd >= 0 ? syncfs(fd) : -1;
    if (fd >= 0)
        close(fd);
    for (size_t i = 0; rc < 0 && i < n; i++)
        if (f[i].fd >= 0 && fsync(f[i].fd) < 0)
            return -1;
    return 0;
}

/* Asks the hub for the rest of every incomplete file of f[0..n), p_max bytes a call,
 * appending each piece where it belongs, until all are complete. */
static int fetch_pieces(SyncSession *ss, Fetch *f, size_t n, SyncStats *st, char *err,
                        size_t errlen)
{
    for (;;) {
        Buf shas, offs;
        buf_init(&shas);
        buf_init(&offs);
        buf_putc(&shas, '{');
        buf_putc(&offs, '{');
        size_t asked = 0;
        for (size_t i = 0; i < n; i++) {
            if (f[i].fd < 0 || f[i].have >= f[i].w->bytes)
                continue;
            buf_printf(&shas, "%s%s", asked ? "," : "", f[i].w->sha256);
            buf_printf(&offs, "%s%lld", asked ? "," : "", (long long)f[i].have);
            asked++;
        }
        buf_putc(&shas, '}');
        buf_putc(&offs, '}');
        char max[16];
        snprintf(max, sizeof max, "%d", ss->lim.chunk_bytes);
        const char *params[] = {buf_str(&shas), buf_str(&offs), max};
        PGresult *r = NULL;
        if (asked && !shas.failed && !offs.failed)
            r = sync_call(ss,
                          "SELECT o_sha256, o_offset, o_data FROM"
                          " yanxia_hub.kiosk_photo_batch($1::text[], $2::bigint[], $3::int)",
                          3, params, 1, PGRES_TUPLES_OK, err, errlen);
        int failed = asked && (shas.failed || offs.failed);
        buf_deinit(&shas);
        buf_deinit(&offs);
        if (!asked)
            return 0;
        if (failed)
            return sync_fail(err, errlen, "photos: out of memory%s%s", "", "");
        if (!r)
            return -1;
        int64_t got = 0;
        for (int row = 0; row < PQntuples(r); row++) {
            const char *sha = PQgetvalue(r, row, 0);
            int64_t off = PQgetlength(r, row, 1) == 8 ? be64(PQgetvalue(r, row, 1)) : -1;
            int len = PQgetlength(r, row, 2);
            Fetch *x = NULL;
            for (size_t i = 0; i < n && !x; i++)
                if (f[i].fd >= 0 && strcmp(f[i].w->sha256, sha) == 0)
                    x = &f[i];
            if (!x || off != x->have || x->have + len > x->w->bytes)
                continue; /* not what was asked: ask again next time */
            if (write(x->fd, PQgetvalue(r, row, 2), (size_t)len) != len) {
                PQclear(r);
                return sync_fail(err, errlen, "photo %s: %s", x->part, strerror(errno));
            }
            x->have += len;
            got += len;
        }
        PQclear(r);
        st->photo_bytes += got;
        if (got == 0)
            return sync_fail(err, errlen, "photos: the hub has only part of a file%s%s", "", "");
    }
}

/* Fetches the files w[0..n) together; 0 when every one is whole at its final path
 * (the others stay as .part files to resume, or are removed when they were bad). */
static int fetch_batch(SyncSession *ss, Store *s, const SyncWantedPhoto *w, size_t n, SyncStats *st,
                       char *err, size_t errlen)
{
    Fetch *f = calloc(n, sizeof *f);
    if (!f)
        return sync_fail(err, errlen, "photos: out of memory%s%s", "", "");
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        f[i].w = &w[i];
        f[i].fd = -1;
        f[i].path = store_photo_path(s, w[i].sha256);
        if (!f[i].path) {
            rc = sync_fail(err, errlen, "photo %s: bad hash%s", w[i].sha256, "");
            continue;
        }
        snprintf(f[i].part, sizeof f[i].part, "%s.part", f[i].path);
        struct stat sb;
        if (mkdir_parent(f[i].path) < 0 ||
            (f[i].fd = open(f[i].part, O_WRONLY | O_CREAT | O_APPEND, 0644)) < 0 ||
            fstat(f[i].fd, &sb) < 0) {
            rc = sync_fail(err, errlen, "photo %s: %s", f[i].part, strerror(errno));
            continue;
        }
        f[i].have = sb.st_size; /* resume after an interrupted fetch */
    }
    if (rc == 0)
        rc = fetch_pieces(ss, f, n, st, err, errlen);
    /* what arrived is kept for the next round even when this one failed */
    if (flush_batch(store_dir(s), f, n) < 0 && rc == 0)
        rc = sync_fail(err, errlen, "photos: cannot flush: %s%s", strerror(errno), "");
    int renamed = 0;
    for (size_t i = 0; i < n; i++) {
        if (f[i].fd >= 0)
            close(f[i].fd);
        if (rc < 0 || f[i].fd < 0 || f[i].have < f[i].w->bytes) {
            free(f[i].path);
            continue;
        }
        char got[SHA256_HEX_LEN + 1];
        long long size = 0;
        if (sha256_file_hex(f[i].part, got, &size) < 0 || strcmp(got, w[i].sha256) != 0 ||
            size != w[i].bytes) {
            unlink(f[i].part); /* start again next round rather than keep a bad file */
            rc = sync_fail(err, errlen, "photo %s: content does not match its hash%s", w[i].sha256,
                           "");
        } else if (rename(f[i].part, f[i].path) < 0) {
            rc = sync_fail(err, errlen, "photo %s: %s", f[i].path, strerror(errno));
        } else {
            renamed++;
            st->photos++;
        }
        free(f[i].path);
    }
    /* the renames are durable before any row can point at the files */
    if (renamed && flush_batch(store_dir(s), NULL, 0) < 0 && rc == 0)
        rc = sync_fail(err, errlen, "photos: cannot flush: %s%s", strerror(errno), "");
    free(f);
    return rc;
}

int sync_fetch_photos(SyncSession *ss, Store *s, SyncStats *st, char *err, size_t errlen)
{
    SyncWantedPhoto *w = NULL;
    size_t n = 0;
    if (store_sync_wanted_photos(s, 0, &w, &n) < 0)
        return sync_store_err(s, err, errlen, "list wanted photos");
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0;) {
        size_t k = 0;
        int64_t bytes = 0;
        while (i + k < n && k < BATCH_FILES && (k == 0 || bytes + w[i + k].bytes <= BATCH_BYTES))
            bytes += w[i + k++].bytes;
        rc = fetch_batch(ss, s, w + i, k, st, err, errlen);
        i += k;
    }
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
