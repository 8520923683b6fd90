/* The duty roster: entries per local day, checked rooms, upsert by source_key,
 * tombstones. */
#include "store/roster.h"
#include "store/store_internal.h"

#include "core/timeutil.h"

#include <stdlib.h>
#include <string.h>

#define ROSTER_COLUMNS "id, day, slot, place, person, room, source_key, updated_at"

void roster_entry_deinit(RosterEntry *e)
{
    if (!e)
        return;
    free(e->slot);
    free(e->place);
    free(e->person);
    free(e->room);
    free(e->source_key);
    memset(e, 0, sizeof *e);
}

void roster_list_free(RosterList *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->count; i++)
        roster_entry_deinit(&l->items[i]);
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

static int read_row(sqlite3_stmt *st, RosterEntry *e)
{
    memset(e, 0, sizeof *e);
    e->id = sqlite3_column_int64(st, 0);
    e->day = sqlite3_column_int64(st, 1);
    e->slot = store_col_dup(st, 2);
    e->place = store_col_dup(st, 3);
    e->person = store_col_dup(st, 4);
    e->room = store_col_dup(st, 5);
    e->source_key = sqlite3_column_type(st, 6) == SQLITE_NULL ? NULL : store_col_dup(st, 6);
    e->updated_at = sqlite3_column_int64(st, 7);
    return e->slot && e->place && e->person && e->room ? 0 : -1;
}

int store_roster_list(Store *s, int64_t from, int64_t to, RosterList *out)
{
    store_clear_error(s);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = store_prepare(s, "SELECT " ROSTER_COLUMNS " FROM roster WHERE deleted = 0"
                                        " AND (?1 = 0 OR day >= ?1) AND (?2 = 0 OR day < ?2)"
                                        " ORDER BY day, id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, from);
    sqlite3_bind_int64(st, 2, to);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->count == cap) {
            cap = cap ? cap * 2 : 16;
            RosterEntry *p = realloc(out->items, cap * sizeof *p);
            if (!p)
                goto oom;
            out->items = p;
        }
        if (read_row(st, &out->items[out->count++]) < 0)
            goto oom;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        roster_list_free(out);
        return store_fail_sql(s, rc, "list roster");
    }
    return 0;
oom:
    sqlite3_finalize(st);
    roster_list_free(out);
    return store_fail(s, REASON_STORAGE, "list roster: out of memory");
}

int store_roster_get(Store *s, int64_t id, RosterEntry *out)
{
    store_clear_error(s);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st =
        store_prepare(s, "SELECT " ROSTER_COLUMNS " FROM roster WHERE id = ? AND deleted = 0");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    if (store_step_one(s, st, "roster entry", id) < 1)
        return -1;
    int r = read_row(st, out);
    sqlite3_finalize(st);
    if (r < 0) {
        roster_entry_deinit(out);
        return store_fail(s, REASON_STORAGE, "get roster entry: out of memory");
    }
    return 0;
}

/* The checked copy of an entry that add and update write. */
typedef struct {
    char *slot, *place, *person;
    char room[ROOM_MAX_LEN + 1];
    int64_t day;
} Clean;

static void clean_deinit(Clean *c)
{
    free(c->slot);
    free(c->place);
    free(c->person);
}

static int validate(Store *s, const RosterEntry *in, Clean *c)
{
    memset(c, 0, sizeof *c);
    if (in->day <= 0)
        return store_fail(s, REASON_INVALID_VALUE, "roster entry without a day");
    c->day = time_day_start(in->day);
    if (store_check_text(s, in->slot, STORE_SHORT_MAX, 0, "slot", &c->slot) < 0 ||
        store_check_text(s, in->place, STORE_SHORT_MAX, 0, "place", &c->place) < 0 ||
        store_check_text(s, in->person, STORE_NAME_MAX, 1, "person", &c->person) < 0 ||
        store_check_room(s, in->room, 0, c->room) < 0) {
        clean_deinit(c);
        return -1;
    }
    return 0;
}

/* Binds day, slot, place, person, room as ?1..?5 and now as ?6. */
static void bind_fields(Store *s, sqlite3_stmt *st, const Clean *c)
{
    sqlite3_bind_int64(st, 1, c->day);
    sqlite3_bind_text(st, 2, c->slot ? c->slot : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, c->place ? c->place : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, c->person, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, c->room, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 6, store_now(s));
}

int store_roster_add(Store *s, const RosterEntry *in, int64_t *id_out)
{
    store_clear_error(s);
    Clean c;
    if (validate(s, in, &c) < 0)
        return -1;
    sqlite3_stmt *st = store_prepare(
        s, "INSERT INTO roster(day, slot, place, person, room, source_key, created_at, updated_at)"
           " VALUES (?1, ?2, ?3, ?4, ?5, ?7, ?6, ?6)"
           " ON CONFLICT(source_key) DO UPDATE SET day = ?1, slot = ?2, place = ?3, person = ?4,"
           " room = ?5, deleted = 0, updated_at = ?6"
           " WHERE (day, slot, place, person, room, deleted) IS NOT (?1, ?2, ?3, ?4, ?5, 0)"
           " RETURNING id");
    if (!st) {
        clean_deinit(&c);
        return -1;
    }
    bind_fields(s, st, &c);
    store_bind_text_or_null(st, 7, in->source_key);
    int rc = sqlite3_step(st);
    int64_t id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    clean_deinit(&c);
    if (rc == SQLITE_DONE && in->source_key && *in->source_key) {
        st = store_prepare(s, "SELECT id FROM roster WHERE source_key = ?");
        if (!st)
            return -1;
        sqlite3_bind_text(st, 1, in->source_key, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        sqlite3_finalize(st);
    }
    if (rc != SQLITE_ROW)
        return store_fail_sql(s, rc, "add roster entry");
    if (id_out)
        *id_out = id;
    return 0;
}

int store_roster_update(Store *s, const RosterEntry *in)
{
    store_clear_error(s);
    Clean c;
    if (validate(s, in, &c) < 0)
        return -1;
    sqlite3_stmt *st =
        store_prepare(s, "UPDATE roster SET day = ?1, slot = ?2, place = ?3, person = ?4,"
                         " room = ?5, updated_at = ?6 WHERE id = ?7 AND deleted = 0");
    if (!st) {
        clean_deinit(&c);
        return -1;
    }
    bind_fields(s, st, &c);
    sqlite3_bind_int64(st, 7, in->id);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    clean_deinit(&c);
    if (rc != SQLITE_DONE)
        return store_fail_sql(s, rc, "update roster entry");
    if (sqlite3_changes(s->db) == 0)
        return store_fail(s, REASON_NOT_FOUND, "no roster entry %lld", (long long)in->id);
    return 0;
}

int store_roster_remove(Store *s, int64_t id)
{
    return store_tombstone(s, "roster", "roster entry", id);
}
