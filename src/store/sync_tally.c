/* Applying the hub's tallies: one row per hub activity in sync_tallies, newest hub rev
 * wins. A tally only replaces numbers; which sign-ups the hub decided is sync_decisions. */
#include "store/sync_tally.h"
#include "store/store_internal.h"

#include <string.h>

/* The counts a tally must carry, each a whole number >= 0. */
static const char *const TALLY_FIELDS[] = {"confirmed_people", "confirmed_signups",
                                           "waiting_signups", "waiting_people"};
#define FIELD_COUNT (sizeof TALLY_FIELDS / sizeof TALLY_FIELDS[0])

static int tally_valid(Store *s, const char *payload, int *valid)
{
    sqlite3_stmt *st = store_prepare(
        s, "SELECT json_type(?1, '$.' || ?2) = 'integer' AND json_extract(?1, '$.' || ?2) >= 0");
    if (!st)
        return -1;
    *valid = 1;
    for (size_t i = 0; i < FIELD_COUNT && *valid; i++) {
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, payload, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, TALLY_FIELDS[i], -1, SQLITE_STATIC);
        int rc = sqlite3_step(st);
        if (rc != SQLITE_ROW) {
            sqlite3_finalize(st);
            return store_fail_sql(s, rc, "read tally");
        }
        *valid = sqlite3_column_int(st, 0) == 1;
    }
    sqlite3_finalize(st);
    return 0;
}

int store_sync_apply_tally(Store *s, const SyncChange *c, size_t *changed)
{
    const char *sql =
        c->is_delete
            ? "DELETE FROM sync_tallies WHERE activity_hub_id = ?1 AND hub_rev <= ?2"
            : "INSERT INTO sync_tallies(activity_hub_id, confirmed_people, confirmed_signups,"
              " waiting_signups, waiting_people, hub_rev, updated_at) VALUES (?1,"
              " json_extract(?4, '$.confirmed_people'), json_extract(?4, '$.confirmed_signups'),"
              " json_extract(?4, '$.waiting_signups'), json_extract(?4, '$.waiting_people'),"
              " ?2, ?3) ON CONFLICT(activity_hub_id) DO UPDATE SET"
              " confirmed_people = excluded.confirmed_people,"
              " confirmed_signups = excluded.confirmed_signups,"
              " waiting_signups = excluded.waiting_signups,"
              " waiting_people = excluded.waiting_people, hub_rev = excluded.hub_rev,"
              " updated_at = excluded.updated_at WHERE excluded.hub_rev > sync_tallies.hub_rev";
    if (!c->is_delete) {
        int valid = 0;
        if (c->payload && tally_valid(s, c->payload, &valid) < 0)
            return -1;
        if (!valid) /* a hub bug: stop here rather than show made-up places */
            return store_fail(s, REASON_INVALID_VALUE, "sync: tally %lld without its counts",
                              (long long)c->hub_id);
    }
    sqlite3_stmt *st = store_prepare(s, sql);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, c->hub_id);
    sqlite3_bind_int64(st, 2, c->rev);
    sqlite3_bind_int64(st, 3, store_now(s));
    store_bind_text_or_null(st, 4, c->payload);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_fail_sql(s, rc, "apply tally");
    if (changed)
        *changed += (size_t)sqlite3_changes(s->db);
    return 0;
}
