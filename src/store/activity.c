/* Activities and teams: validation, the residents' list (events not yet over, then
 * teams), import upserts and tombstones. How full one is (store_activity_fill) is
 * worked out in signup.c, next to the sign-up rules it shares. */
#include "store/activity.h"
#include "store/store_internal.h"

#include <stdlib.h>
#include <string.h>

/* Largest capacity accepted: a building event, not a stadium. */
#define ACTIVITY_CAPACITY_MAX 10000

static const char *const KIND_NAMES[] = {[ACTIVITY_EVENT] = "event", [ACTIVITY_TEAM] = "team"};
#define KIND_COUNT (sizeof KIND_NAMES / sizeof KIND_NAMES[0])

#define ACTIVITY_COLUMNS                                                                           \
    "id, kind, title, description, place, coalesce(starts_at, 0), coalesce(ends_at, 0),"           \
    " schedule, coalesce(signup_deadline, 0), capacity, max_party, waitlist, organiser,"           \
    " source_key, updated_at"

/* When an event stops being listed: its end, or without one the end of its start day
 * (local time), so a morning event with no end time stays on screen while it runs. */
#define EVENT_OVER_AT "coalesce(ends_at, ((starts_at + 28800) / 86400 + 1) * 86400 - 28800)"

const char *activity_kind_name(ActivityKind k)
{
    return (unsigned)k < KIND_COUNT ? KIND_NAMES[k] : "event";
}

int activity_kind_parse(const char *name, ActivityKind *out)
{
    for (size_t i = 0; i < KIND_COUNT; i++)
        if (name && strcmp(name, KIND_NAMES[i]) == 0) {
            *out = (ActivityKind)i;
            return 0;
        }
    return -1;
}

int activity_signup_open(const Activity *a, int64_t now)
{
    if (a->signup_deadline)
        return now < a->signup_deadline;
    if (a->kind == ACTIVITY_EVENT && a->starts_at)
        return now < a->starts_at;
    return 1;
}

void activity_deinit(Activity *a)
{
    if (!a)
        return;
    free(a->title);
    free(a->description);
    free(a->place);
    free(a->schedule);
    free(a->organiser);
    free(a->source_key);
    memset(a, 0, sizeof *a);
}

void activity_list_free(ActivityList *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->count; i++)
        activity_deinit(&l->items[i]);
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

static int read_row(sqlite3_stmt *st, Activity *a)
{
    memset(a, 0, sizeof *a);
    a->id = sqlite3_column_int64(st, 0);
    const char *kind = (const char *)sqlite3_column_text(st, 1);
    if (activity_kind_parse(kind, &a->kind) < 0)
        a->kind = ACTIVITY_EVENT;
    a->title = store_col_dup(st, 2);
    a->description = store_col_dup(st, 3);
    a->place = store_col_dup(st, 4);
    a->starts_at = sqlite3_column_int64(st, 5);
    a->ends_at = sqlite3_column_int64(st, 6);
    a->schedule = store_col_dup(st, 7);
    a->signup_deadline = sqlite3_column_int64(st, 8);
    a->capacity = sqlite3_column_int(st, 9);
    a->max_party = sqlite3_column_int(st, 10);
    a->no_waitlist = !sqlite3_column_int(st, 11);
    a->organiser = store_col_dup(st, 12);
    a->source_key = sqlite3_column_type(st, 13) == SQLITE_NULL ? NULL : store_col_dup(st, 13);
    a->updated_at = sqlite3_column_int64(st, 14);
    if (!a->title || !a->description || !a->place || !a->schedule || !a->organiser)
        return -1;
    return 0;
}

int store_activity_list(Store *s, const ActivityQuery *q, ActivityList *out)
{
    static const ActivityQuery all = {0};
    if (!q)
        q = &all;
    store_clear_error(s);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = store_prepare(
        s, "SELECT " ACTIVITY_COLUMNS " FROM activities WHERE deleted = 0"
           " AND (?1 OR kind = 'team' OR " EVENT_OVER_AT " > ?2)"
           " AND (NOT ?3 OR kind = 'team') AND (NOT ?4 OR kind = 'event')"
           " ORDER BY kind = 'team', CASE kind WHEN 'event' THEN starts_at ELSE 0 END,"
           " title, id LIMIT ?5");
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, q->include_hidden ? 1 : 0);
    sqlite3_bind_int64(st, 2, store_now(s));
    sqlite3_bind_int(st, 3, q->teams_only ? 1 : 0);
    sqlite3_bind_int(st, 4, q->events_only ? 1 : 0);
    sqlite3_bind_int64(st, 5, q->limit ? (int64_t)q->limit : -1);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->count == cap) {
            cap = cap ? cap * 2 : 16;
            Activity *p = realloc(out->items, cap * sizeof *p);
            if (!p)
                goto oom;
            out->items = p;
        }
        if (read_row(st, &out->items[out->count++]) < 0)
            goto oom;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        activity_list_free(out);
        return store_fail_sql(s, rc, "list activities");
    }
    for (size_t i = 0; i < out->count; i++)
        if (store_activity_fill(s, out->items[i].id, &out->items[i].fill) < 0) {
            activity_list_free(out);
            return -1;
        }
    return 0;
oom:
    sqlite3_finalize(st);
    activity_list_free(out);
    return store_fail(s, REASON_STORAGE, "list activities: out of memory");
}

int store_activity_get(Store *s, int64_t id, Activity *out)
{
    store_clear_error(s);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = store_prepare(s, "SELECT " ACTIVITY_COLUMNS
                                        " FROM activities WHERE id = ? AND deleted = 0");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(st);
        if (rc == SQLITE_DONE)
            return store_fail(s, REASON_NOT_FOUND, "no activity %lld", (long long)id);
        return store_fail_sql(s, rc, "get activity");
    }
    int r = read_row(st, out);
    sqlite3_finalize(st);
    if (r < 0) {
        activity_deinit(out);
        return store_fail(s, REASON_STORAGE, "get activity: out of memory");
    }
    if (store_activity_fill(s, id, &out->fill) < 0) {
        activity_deinit(out);
        return -1;
    }
    return 0;
}

/* The checked, trimmed copy of an Activity that add and update write. */
typedef struct {
    char *title, *description, *place, *schedule, *organiser;
    int max_party;
} Clean;

static void clean_deinit(Clean *c)
{
    free(c->title);
    free(c->description);
    free(c->place);
    free(c->schedule);
    free(c->organiser);
}

static int validate(Store *s, const Activity *in, Clean *c)
{
    memset(c, 0, sizeof *c);
    if ((unsigned)in->kind >= KIND_COUNT)
        return store_fail(s, REASON_INVALID_VALUE, "unknown activity kind %d", (int)in->kind);
    c->max_party = in->max_party ? in->max_party : ACTIVITY_MAX_PARTY_DEFAULT;
    if (c->max_party < 1 || c->max_party > ACTIVITY_MAX_PARTY_LIMIT)
        return store_fail(s, REASON_INVALID_VALUE, "max_party %d is not 1-%d", in->max_party,
                          ACTIVITY_MAX_PARTY_LIMIT);
    if (in->capacity < 0 || in->capacity > ACTIVITY_CAPACITY_MAX)
        return store_fail(s, REASON_INVALID_VALUE, "capacity %d is not 0-%d", in->capacity,
                          ACTIVITY_CAPACITY_MAX);
    if (in->kind == ACTIVITY_EVENT && in->starts_at <= 0)
        return store_fail(s, REASON_INVALID_VALUE, "an event needs a start time");
    if (in->ends_at && in->ends_at < in->starts_at)
        return store_fail(s, REASON_INVALID_VALUE, "activity ends before it starts");
    if (store_check_text(s, in->title, STORE_TITLE_MAX, 1, "title", &c->title) < 0 ||
        store_check_text(s, in->description, STORE_BODY_MAX, 0, "description", &c->description) <
            0 ||
        store_check_text(s, in->place, STORE_SHORT_MAX, 0, "place", &c->place) < 0 ||
        store_check_text(s, in->schedule, STORE_SHORT_MAX, 0, "schedule", &c->schedule) < 0 ||
        store_check_text(s, in->organiser, STORE_SHORT_MAX, 0, "organiser", &c->organiser) < 0) {
        clean_deinit(c);
        return -1;
    }
    return 0;
}

/* Binds the activity fields as ?1..?12 and the time as ?13. */
static void bind_fields(Store *s, sqlite3_stmt *st, const Activity *in, const Clean *c)
{
    sqlite3_bind_text(st, 1, activity_kind_name(in->kind), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, c->title, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, c->description ? c->description : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, c->place ? c->place : "", -1, SQLITE_TRANSIENT);
    store_bind_time_or_null(st, 5, in->starts_at);
    store_bind_time_or_null(st, 6, in->ends_at);
    sqlite3_bind_text(st, 7, c->schedule ? c->schedule : "", -1, SQLITE_TRANSIENT);
    store_bind_time_or_null(st, 8, in->signup_deadline);
    sqlite3_bind_int(st, 9, in->capacity);
    sqlite3_bind_int(st, 10, c->max_party);
    sqlite3_bind_int(st, 11, in->no_waitlist ? 0 : 1);
    sqlite3_bind_text(st, 12, c->organiser ? c->organiser : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 13, store_now(s));
}

int store_activity_add(Store *s, const Activity *in, int64_t *id_out)
{
    store_clear_error(s);
    Clean c;
    if (validate(s, in, &c) < 0)
        return -1;
    /* A re-import of the same file updates in place; an identical row is left alone
     * so its updated_at (what sync compares) does not move. */
    sqlite3_stmt *st = store_prepare(
        s, "INSERT INTO activities(kind, title, description, place, starts_at, ends_at,"
           " schedule, signup_deadline, capacity, max_party, waitlist, organiser, source_key,"
           " created_at, updated_at)"
           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?14, ?13, ?13)"
           " ON CONFLICT(source_key) DO UPDATE SET kind = ?1, title = ?2, description = ?3,"
           " place = ?4, starts_at = ?5, ends_at = ?6, schedule = ?7, signup_deadline = ?8,"
           " capacity = ?9, max_party = ?10, waitlist = ?11, organiser = ?12, deleted = 0,"
           " updated_at = ?13 WHERE (kind, title, description, place, coalesce(starts_at, 0),"
           " coalesce(ends_at, 0), schedule, coalesce(signup_deadline, 0), capacity,"
           " max_party, waitlist, organiser, deleted) IS NOT (?1, ?2, ?3, ?4,"
           " coalesce(?5, 0), coalesce(?6, 0), ?7, coalesce(?8, 0), ?9, ?10, ?11, ?12, 0)"
           " RETURNING id");
    if (!st) {
        clean_deinit(&c);
        return -1;
    }
    bind_fields(s, st, in, &c);
    store_bind_text_or_null(st, 14, in->source_key);
    int rc = sqlite3_step(st);
    int64_t id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    clean_deinit(&c);
    if (rc == SQLITE_DONE && in->source_key && *in->source_key) {
        st = store_prepare(s, "SELECT id FROM activities WHERE source_key = ?");
        if (!st)
            return -1;
        sqlite3_bind_text(st, 1, in->source_key, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        sqlite3_finalize(st);
    }
    if (rc != SQLITE_ROW)
        return store_fail_sql(s, rc, "add activity");
    if (id_out)
        *id_out = id;
    return 0;
}

int store_activity_update(Store *s, const Activity *in)
{
    store_clear_error(s);
    Clean c;
    if (validate(s, in, &c) < 0)
        return -1;
    sqlite3_stmt *st = store_prepare(
        s, "UPDATE activities SET kind = ?1, title = ?2, description = ?3, place = ?4,"
           " starts_at = ?5, ends_at = ?6, schedule = ?7, signup_deadline = ?8, capacity = ?9,"
           " max_party = ?10, waitlist = ?11, organiser = ?12, updated_at = ?13"
           " WHERE id = ?14 AND deleted = 0");
    if (!st) {
        clean_deinit(&c);
        return -1;
    }
    bind_fields(s, st, in, &c);
    sqlite3_bind_int64(st, 14, in->id);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    clean_deinit(&c);
    if (rc != SQLITE_DONE)
        return store_fail_sql(s, rc, "update activity");
    if (sqlite3_changes(s->db) == 0)
        return store_fail(s, REASON_NOT_FOUND, "no activity %lld", (long long)in->id);
    return 0;
}

int store_activity_remove(Store *s, int64_t id)
{
    return store_tombstone(s, "activities", "activity", id);
}
