/* The sync worker's memory in the meta table: cursor, resync flag, last success. */
#include "store/sync_state.h"
#include "store/store_internal.h"

#include <stdlib.h>

int store_sync_get(Store *s, const char *key, int64_t *value)
{
    store_clear_error(s);
    *value = 0;
    sqlite3_stmt *st = store_prepare(s, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = ?");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *value = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail_sql(s, rc, "read sync state");
    return 0;
}

int store_sync_set(Store *s, const char *key, int64_t value)
{
    store_clear_error(s);
    sqlite3_stmt *st = store_prepare(s, "INSERT INTO meta(key, value) VALUES (?1, ?2)"
                                        " ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, value);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail_sql(s, rc, "write sync state");
}

int store_sync_cursor(Store *s, int64_t *cursor)
{
    return store_sync_get(s, SYNC_KEY_CURSOR, cursor);
}
