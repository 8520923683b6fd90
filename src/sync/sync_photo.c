/* Photo files from the hub, by SHA-256, many files a call (kiosk_photo_batch), the
 * reply streamed row by row: each piece is appended to <path>.part (so an interrupted
 * fetch resumes where it stopped) and hashed as it is written; a whole file whose hash
 * matches is flushed and renamed, and only then does its held-back photo row appear.
 * Also the heartbeat and the round that runs every step. */
#define _GNU_SOURCE /* syncfs, sync_file_range */
#include "sync/sync_internal.h"

#include "core/buf.h"
#include "core/crashpoint.h"
#include "core/fleet.h"
#include "core/log.h"
#include "core/sha256.h"
#include "store/outbox.h"
#include "store/kiosk.h"
#include "store/photo.h"
#include "store/sync_apply.h"
#include "store/sync_state.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <openssl/evp.h>
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

/* Files fetched between two flushes: a flush (two file-system barriers) per group, so
 * a large gallery shows up in steps and a small one costs one barrier pair. */
#define GROUP_FILES 1024
#define GROUP_BYTES (64LL << 20)

typedef enum {
    F_FETCH, /* pieces still to come */
    F_WHOLE, /* all bytes in the .part file and the hash matches: to rename */
    F_DONE,  /* nothing to do (already at its final path, or failed this round) */
} FetchState;

typedef struct {
    const SyncWantedPhoto *w;
    char *path; /* final; the temporary file is path + ".part" */
    char *part;
    int fd;         /* open while pieces arrive */
    int64_t have;   /* bytes in the .part file */
    EVP_MD_CTX *md; /* hash of those bytes, kept up to date as they are written */
    FetchState state;
} Fetch;

typedef struct {
    Fetch *f;
    size_t n, next; /* replies come in the order asked: next is where to look first */
    int64_t got;
    char *err;
    size_t errlen;
    int failed; /* a local error: stop (err filled) */
    int bad;    /* files whose content did not match their hash (err filled) */
} Group;

static int64_t be64(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | u[i];
    return (int64_t)v;
}

/* Feeds the first x->have bytes of the .part file (left by an interrupted round) to the
 * hash; a file that cannot be read is started again. */
static void fetch_resume(Fetch *x)
{
    int fd = open(x->part, O_RDONLY);
    int64_t left = x->have;
    char buf[65536];
    while (fd >= 0 && left > 0) {
        ssize_t k = read(fd, buf, left < (int64_t)sizeof buf ? (size_t)left : sizeof buf);
        if (k <= 0)
            break;
        EVP_DigestUpdate(x->md, buf, (size_t)k);
        left -= k;
    }
    if (fd >= 0)
        close(fd);
    if (left > 0) {
        unlink(x->part);
        x->have = 0;
        EVP_DigestInit_ex(x->md, EVP_sha256(), NULL);
    }
}

/* The file's bytes are all there: whole when they hash to its name, else the .part
 * file goes (the next round fetches it again) and err says why. */
static int fetch_finish(Fetch *x, char *err, size_t errlen)
{
    /* start writing it out now, so the flush before the rename has little left to do */
    if (x->fd >= 0)
        sync_file_range(x->fd, 0, 0, SYNC_FILE_RANGE_WRITE);
    if (x->fd >= 0)
        close(x->fd);
    x->fd = -1;
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    char hex[SHA256_HEX_LEN + 1];
    int ok = EVP_DigestFinal_ex(x->md, md, &len) && len == 32;
    for (unsigned int i = 0; ok && i < len; i++)
        snprintf(hex + 2 * i, 3, "%02x", md[i]);
    if (ok && strcmp(hex, x->w->sha256) == 0) {
        x->state = F_WHOLE;
        return 0;
    }
    unlink(x->part);
    x->state = F_DONE;
    return sync_fail(err, errlen, "photo %s: content does not match its hash%s", x->w->sha256, "");
}

/* One row of a kiosk_photo_batch reply: appended to its file when it is the piece that
 * file needs next (anything else is ignored and asked for again). */
static int fetch_row(void *ctx, const PGresult *r, int row)
{
    Group *g = ctx;
    const char *sha = PQgetvalue(r, row, 0);
    int64_t off = PQgetlength(r, row, 1) == 8 ? be64(PQgetvalue(r, row, 1)) : -1;
    int len = PQgetlength(r, row, 2);
    Fetch *x = NULL;
    for (size_t k = 0; k < g->n && !x; k++) {
        Fetch *c = &g->f[(g->next + k) % g->n];
        if (c->state == F_FETCH && strcmp(c->w->sha256, sha) == 0)
            x = c;
    }
    if (!x || off != x->have || x->have + len > x->w->bytes)
        return 0;
    g->next = (size_t)(x - g->f);
    if (x->fd < 0) {
        x->fd = open(x->part, O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (x->fd < 0 && errno == ENOENT && mkdir_parent(x->path) == 0)
            x->fd = open(x->part, O_WRONLY | O_CREAT | O_APPEND, 0644);
    }
    const char *data = PQgetvalue(r, row, 2);
    if (x->fd < 0 || write(x->fd, data, (size_t)len) != len) {
        g->failed = 1;
        return sync_fail(g->err, g->errlen, "photo %s: %s", x->part, strerror(errno));
    }
    EVP_DigestUpdate(x->md, data, (size_t)len);
    x->have += len;
    g->got += len;
    crash_point(CRASH_PHOTO_CHUNK);
    if (x->have == x->w->bytes && fetch_finish(x, g->err, g->errlen) < 0)
        g->bad++; /* the other files go on */
    return 0;
}

/* Asks the hub for the rest of every file still fetching, chunk_bytes a call, until
 * none is left; 0, or -1 with err filled (what arrived stays in the .part files). */
static int fetch_pieces(SyncSession *ss, Group *g, SyncStats *st)
{
    for (;;) {
        Buf shas, offs;
        buf_init(&shas);
        buf_init(&offs);
        buf_putc(&shas, '{');
        buf_putc(&offs, '{');
        size_t asked = 0;
        int64_t want = 0;
        /* only the files that fit in one reply: the hub's work is then proportional to
         * what it sends, not to everything still missing */
        for (size_t i = 0; i < g->n && want < ss->lim.chunk_bytes; i++) {
            if (g->f[i].state != F_FETCH)
                continue;
            buf_printf(&shas, "%s%s", asked ? "," : "", g->f[i].w->sha256);
            buf_printf(&offs, "%s%lld", asked ? "," : "", (long long)g->f[i].have);
            want += g->f[i].w->bytes - g->f[i].have;
            asked++;
        }
        buf_putc(&shas, '}');
        buf_putc(&offs, '}');
        char max[16];
        snprintf(max, sizeof max, "%d", ss->lim.chunk_bytes);
        const char *params[] = {buf_str(&shas), buf_str(&offs), max};
        int rc = 0;
        g->got = 0;
        g->next = 0;
        if (asked && (shas.failed || offs.failed))
            rc = sync_fail(g->err, g->errlen, "photos: out of memory%s%s", "", "");
        else if (asked)
            rc = sync_stream(ss,
                             "SELECT o_sha256, o_offset, o_data FROM"
                             " yanxia_hub.kiosk_photo_batch($1::text[], $2::bigint[], $3::int)",
                             3, params, 1, fetch_row, g, g->err, g->errlen);
        buf_deinit(&shas);
        buf_deinit(&offs);
        st->photo_bytes += g->got;
        if (!asked || rc < 0 || g->failed)
            return asked ? -1 : 0;
        if (g->got == 0)
            return sync_fail(g->err, g->errlen, "photos: the hub has only part of a file%s%s", "",
                             "");
    }
}

/* Flushes the file system holding dir: one barrier for a whole group of files instead
 * of an fsync per file (falls back to fsyncing each whole file when syncfs fails). */
static int flush_group(const char *dir, const Fetch *f, size_t n)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    int rc = fd >= 0 ? syncfs(fd) : -1;
    if (fd >= 0)
        close(fd);
    for (size_t i = 0; rc < 0 && i < n; i++) {
        if (f[i].state != F_WHOLE)
            continue;
        int pf = open(f[i].part, O_RDONLY);
        if (pf < 0 || fsync(pf) < 0) {
            if (pf >= 0)
                close(pf);
            return -1;
        }
        close(pf);
    }
    return 0;
}

/* Sets up x for w: where its file goes, how much of it an earlier round left (a
 * damaged whole .part file counts in g->bad). Returns -1 only when memory runs out. */
static int fetch_open(Store *s, const SyncWantedPhoto *w, Fetch *x, Group *g)
{
    char *err = g->err;
    size_t errlen = g->errlen;
    x->w = w;
    x->fd = -1;
    x->state = F_DONE;
    x->path = store_photo_path(s, w->sha256);
    if (!x->path)
        return sync_fail(err, errlen, "photo %s: bad hash%s", w->sha256, "");
    size_t len = strlen(x->path) + sizeof ".part";
    x->part = malloc(len);
    x->md = EVP_MD_CTX_new();
    if (!x->part || !x->md || !EVP_DigestInit_ex(x->md, EVP_sha256(), NULL))
        return sync_fail(err, errlen, "photos: out of memory%s%s", "", "");
    snprintf(x->part, len, "%s.part", x->path);
    if (access(x->path, F_OK) == 0) {
        unlink(x->part); /* whole already (checked before it was renamed) */
        return 0;
    }
    struct stat sb;
    x->have = stat(x->part, &sb) == 0 ? (int64_t)sb.st_size : 0;
    if (x->have > w->bytes) {
        unlink(x->part);
        x->have = 0;
    }
    if (x->have > 0)
        fetch_resume(x);
    x->state = F_FETCH;
    if (x->have == w->bytes && fetch_finish(x, err, errlen) < 0)
        g->bad++;
    return 0;
}

/* Fetches the files w[0..n) together; 0 when every one is whole at its final path.
 * Files that arrived whole are renamed even when another one failed; the others stay
 * as .part files to resume, or are removed when they were bad. */
static int fetch_group(SyncSession *ss, Store *s, const SyncWantedPhoto *w, size_t n, SyncStats *st,
                       char *err, size_t errlen)
{
    Fetch *f = calloc(n, sizeof *f);
    if (!f)
        return sync_fail(err, errlen, "photos: out of memory%s%s", "", "");
    int rc = 0;
    Group g = {.f = f, .n = n, .err = err, .errlen = errlen};
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = fetch_open(s, &w[i], &f[i], &g);
    if (rc == 0)
        rc = fetch_pieces(ss, &g, st);
    if (g.bad)
        rc = -1; /* err says which */
    size_t whole = 0;
    for (size_t i = 0; i < n; i++) {
        if (f[i].fd >= 0)
            close(f[i].fd);
        whole += f[i].state == F_WHOLE;
    }
    /* the bytes are durable before the name says the file is whole, and the names are
     * durable before any row can point at them */
    if (whole && flush_group(store_dir(s), f, n) < 0) {
        if (rc == 0)
            rc = sync_fail(err, errlen, "photos: cannot flush: %s%s", strerror(errno), "");
        whole = 0;
    }
    size_t renamed = 0;
    for (size_t i = 0; i < n && whole; i++) {
        if (f[i].state != F_WHOLE)
            continue;
        if (rename(f[i].part, f[i].path) < 0) {
            if (rc == 0)
                rc = sync_fail(err, errlen, "photo %s: %s", f[i].path, strerror(errno));
            continue;
        }
        renamed++;
        st->photos++;
    }
    if (renamed && flush_group(store_dir(s), NULL, 0) < 0 && rc == 0)
        rc = sync_fail(err, errlen, "photos: cannot flush: %s%s", strerror(errno), "");
    if (renamed)
        crash_point(CRASH_PHOTO_RENAME);
    for (size_t i = 0; i < n; i++) {
        free(f[i].path);
        free(f[i].part);
        EVP_MD_CTX_free(f[i].md);
    }
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
        while (i + k < n && k < GROUP_FILES && (k == 0 || bytes + w[i + k].bytes <= GROUP_BYTES))
            bytes += w[i + k++].bytes;
        rc = fetch_group(ss, s, w + i, k, st, err, errlen);
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
    char q[24], l[24], f[24], c[24], up[24], rs[24], mem[24];
    snprintf(q, sizeof q, "%lld", (long long)queue);
    snprintf(l, sizeof l, "%lld", (long long)last);
    snprintf(f, sizeof f, "%lld", free_bytes);
    snprintf(c, sizeof c, "%lld", (long long)cursor);
    /* the kiosk's own facts (sql/hub/009_fleet.sql); NULL when unknown, and all NULL
     * from yanxiactl sync, which is not the kiosk */
    FleetFacts ff;
    fleet_snapshot(&ff);
    snprintf(up, sizeof up, "%lld", (long long)ff.uptime_s);
    snprintf(rs, sizeof rs, "%d", ff.restarts);
    snprintf(mem, sizeof mem, "%lld", (long long)ff.rss);
    const char *params[] = {YANXIA_VERSION,
                            l,
                            q,
                            f,
                            c,
                            ff.started ? up : NULL,
                            ff.started && ff.restarts >= 0 ? rs : NULL,
                            ff.started && ff.rss >= 0 ? mem : NULL,
                            !ff.started || ff.night < 0 ? NULL
                            : ff.night                  ? "true"
                                                        : "false",
                            ff.started ? ff.last_error : NULL};
    PGresult *r = sync_call(ss,
                            "SELECT yanxia_hub.kiosk_heartbeat($1, $2::bigint, $3::bigint,"
                            " $4::bigint, $5::bigint, $6::bigint, $7::int, $8::bigint,"
                            " $9::boolean, $10)",
                            10, params, 0, PGRES_TUPLES_OK, err, errlen);
    if (!r && strcmp(ss->sqlstate, "42883") == 0) {
        /* undefined_function: a hub not yet migrated to 009 (kiosks may be upgraded
         * before it); the five facts it knows still say the kiosk is alive */
        if (!ss->old_heartbeat)
            log_warn("sync", "the hub is older than this kiosk (no fleet heartbeat):"
                             " run yanxiactl hub init on it");
        ss->old_heartbeat = 1;
        r = sync_call(ss,
                      "SELECT yanxia_hub.kiosk_heartbeat($1, $2::bigint, $3::bigint,"
                      " $4::bigint, $5::bigint)",
                      5, params, 0, PGRES_TUPLES_OK, err, errlen);
    }
    if (!r)
        return -1;
    PQclear(r);
    return 0;
}

/* The kiosk's building as the hub has it (sql/hub/016_room_rule.sql): its room rule and
 * its household count each replace the store's when the hub has one, so the screen's
 * forms and the hub refuse the same rooms and count the same households. A hub without
 * kiosk_building() (older than 016) leaves the store's own. A count the rule cannot
 * hold is the hub's mistake: it is logged and the store keeps its own. */
static int sync_building(SyncSession *ss, Store *s, char *err, size_t errlen)
{
    PGresult *r = sync_call(ss,
                            "SELECT code, floor_min, floor_max, unit_min, unit_max, households"
                            " FROM yanxia_hub.kiosk_building()",
                            0, NULL, 0, PGRES_TUPLES_OK, err, errlen);
    if (!r && strcmp(ss->sqlstate, "42883") == 0) {
        err[0] = '\0'; /* undefined_function: a hub older than 016 */
        return 0;
    }
    if (!r)
        return -1;
    KioskInfo k;
    if (PQntuples(r) != 1 || store_kiosk_get(s, &k) < 0) {
        PQclear(r);
        return 0;
    }
    KioskInfo want = k;
    if (!PQgetisnull(r, 0, 1)) {
        want.floor_min = atoi(PQgetvalue(r, 0, 1));
        want.floor_max = atoi(PQgetvalue(r, 0, 2));
        want.unit_min = atoi(PQgetvalue(r, 0, 3));
        want.unit_max = atoi(PQgetvalue(r, 0, 4));
    }
    if (!PQgetisnull(r, 0, 5))
        want.households = atoi(PQgetvalue(r, 0, 5));
    int rooms = (want.floor_max - want.floor_min + 1) * (want.unit_max - want.unit_min + 1);
    if (want.households > rooms) {
        log_warn("sync",
                 "the hub counts %d households in building %s, more than its %d rooms:"
                 " the kiosk keeps %d",
                 want.households, PQgetvalue(r, 0, 0), rooms, k.households);
        want.households = k.households;
    }
    int rc = 0;
    if (want.floor_min != k.floor_min || want.floor_max != k.floor_max ||
        want.unit_min != k.unit_min || want.unit_max != k.unit_max ||
        want.households != k.households) {
        if (store_kiosk_set(s, &want) < 0)
            rc = sync_store_err(s, err, errlen, "take the building's room rule");
        else
            log_info("sync", "building %s: floors %d-%d, units %d-%d, %d households (from the hub)",
                     PQgetvalue(r, 0, 0), want.floor_min, want.floor_max, want.unit_min,
                     want.unit_max, want.households);
    }
    kiosk_info_deinit(&k);
    PQclear(r);
    return rc;
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
        rc = sync_building(ss, s, err, errlen);
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
