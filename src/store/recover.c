/* A damaged store at start: moved aside, a fresh one made, and what can be read back
 * from the damaged file copied in (store.h: store_open_recover). */
#include "store/store_internal.h"

#include "core/log.h"
#include "core/timeutil.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Renames from to to when from exists; 0, or -1 with errno set. */
static int move_if_there(const char *from, const char *to)
{
    if (access(from, F_OK) != 0)
        return 0;
    return rename(from, to);
}

/* Runs one salvage statement; returns the rows it changed, or -1 when the damaged
 * file would not give them (a damaged page: that part is lost, the rest goes on). */
static long long salvage(Store *s, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        log_warn("store", "reading back from the damaged file: %s", msg ? msg : "failed");
        sqlite3_free(msg);
        return -1;
    }
    return sqlite3_changes(s->db);
}

static void read_back(Store *s, const char *old_path, StoreRecovery *rec)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, "ATTACH ?1 AS old", -1, &st, NULL) != SQLITE_OK)
        return;
    sqlite3_bind_text(st, 1, old_path, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return;
    rec->kiosk_kept =
        salvage(s, "UPDATE main.kiosk SET (kiosk_uuid, building, display_name, theme, address,"
                   " floor_min, floor_max, unit_min, unit_max, households) = (SELECT kiosk_uuid,"
                   " building, display_name, theme, address, floor_min, floor_max, unit_min,"
                   " unit_max, households FROM old.kiosk WHERE id = 1)"
                   " WHERE id = 1 AND EXISTS (SELECT 1 FROM old.kiosk WHERE id = 1)") == 1;
    /* one transaction: all the pending rows or none, with the sequence after them */
    if (store_tx_begin(s) == 0) {
        long long n = salvage(s, "INSERT INTO main.outbox(seq, uuid, kind, payload, created_at)"
                                 " SELECT seq, uuid, kind, payload, created_at FROM old.outbox"
                                 " WHERE acked_at IS NULL ORDER BY seq");
        /* the hub never sees a sequence number twice: continue after the old last one */
        long long q = n < 0 ? -1
                            : salvage(s, "INSERT INTO main.sqlite_sequence(name, seq)"
                                         " SELECT 'outbox', seq FROM old.sqlite_sequence"
                                         " WHERE name = 'outbox' AND seq > coalesce((SELECT"
                                         " max(seq) FROM main.outbox), 0)");
        if (store_tx_end(s, n >= 0 && q >= 0) == 0)
            rec->outbox_saved = n;
    }
    sqlite3_exec(s->db, "DETACH old", NULL, NULL, NULL);
}

Store *store_open_recover(const char *path, StoreRecovery *rec, char *err, size_t errlen)
{
    memset(rec, 0, sizeof *rec);
    int damaged = 0;
    Store *s = store_open_checked(path, 1, &damaged, err, errlen);
    if (s || !damaged)
        return s;
    snprintf(rec->why, sizeof rec->why, "%s", err);
    for (char *p = rec->why; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' '; /* one log line per event */
    char when[32], from[4096 + 8], to[sizeof rec->moved_to + 8];
    time_format(time_now(), "%Y%m%d-%H%M%S", when, sizeof when);
    snprintf(rec->moved_to, sizeof rec->moved_to, "%s.corrupt-%s", path, when);
    if (access(rec->moved_to, F_OK) == 0) {
        snprintf(err, errlen, "%s: damaged, and %s is taken: move it away first", path,
                 rec->moved_to);
        return NULL;
    }
    if (rename(path, rec->moved_to) < 0) {
        snprintf(err, errlen, "%s: damaged, and it cannot be moved aside: %s", path,
                 strerror(errno));
        return NULL;
    }
    snprintf(from, sizeof from, "%s-wal", path);
    snprintf(to, sizeof to, "%s-wal", rec->moved_to);
    if (move_if_there(from, to) < 0)
        log_warn("store", "%s: cannot move aside: %s", from, strerror(errno));
    snprintf(from, sizeof from, "%s-shm", path);
    unlink(from); /* the index of the old WAL: rebuilt from it when the moved file is opened */
    rec->recovered = 1;
    s = store_open(path, err, errlen);
    if (s)
        read_back(s, rec->moved_to, rec);
    return s;
}
