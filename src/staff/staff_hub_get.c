/* The hub side of staff_notice_get and staff_activity_get: the one row an edit changes,
 * read through the hub's scope-checked staff_notice / staff_activity (sql/hub/029, 026;
 * a notice's author by 038's staff_notice_author)
 * on the member's own connection, into the store's structs so a face edits it as it
 * edits a local row, with its revision (sql/hub/036) for the update to give back. */
#include "staff/staff_hub.h"
#include "staff/staff_hub_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A copy of column col of the one row of res; NULL when memory runs out. */
static char *text_at(const PGresult *res, int col)
{
    return strdup(PQgetvalue(res, 0, col));
}

static int64_t int_at(const PGresult *res, int col)
{
    return strtoll(PQgetvalue(res, 0, col), NULL, 10);
}

/* The rows of a one-item read by hub id: exactly one, or NULL with the refusal kept
 * (the hub says "not found" itself; an empty answer is treated the same). */
static PGresult *read_item(const StaffActor *a, const char *sql, int64_t id)
{
    char hid[24];
    snprintf(hid, sizeof hid, "%lld", (long long)id);
    const char *params[] = {hid};
    PGresult *res = staff_hub_read(a, sql, 1, params);
    if (res && PQntuples(res) != 1) {
        PQclear(res);
        staff_hub_refuse_as(STAFF_REFUSAL_NOT_FOUND, "没有找到这一项，可能已被撤下");
        return NULL;
    }
    return res;
}

/* read_item() of "SELECT x.*, yanxia_hub.staff_edit_rev(kind, $1)[, yanxia_hub.more($1)]
 * FROM fn($1) x": the row and its revision (sql/hub/036), and the column more gives
 * (NULL: none; sql/hub/038's staff_notice_author), in one statement, so in one snapshot,
 * the revision after the row's columns and more's last. A hub without more's function:
 * the rest, *with_more 0; a hub without 036: the row alone, *with_rev 0 too. */
static PGresult *read_for_edit(const StaffActor *a, const char *kind, const char *fn,
                               const char *more, int64_t id, int *with_rev, int *with_more)
{
    char sql[300];
    *with_rev = 1;
    *with_more = more != NULL;
    if (more) {
        snprintf(
            sql, sizeof sql,
            "SELECT x.*, yanxia_hub.staff_edit_rev('%s', $1::bigint), yanxia_hub.%s($1::bigint)"
            " FROM %s($1::bigint) x",
            kind, more, fn);
        PGresult *res = read_item(a, sql, id);
        if (res ||
            (!strstr(staff_hub_error(), more) && !strstr(staff_hub_error(), "staff_edit_rev")))
            return res;
        *with_more = 0; /* a hub without sql/hub/038 (or 036) */
    }
    snprintf(sql, sizeof sql,
             "SELECT x.*, yanxia_hub.staff_edit_rev('%s', $1::bigint) FROM %s($1::bigint) x", kind,
             fn);
    PGresult *res = read_item(a, sql, id);
    if (res || !strstr(staff_hub_error(), "staff_edit_rev"))
        return res;
    *with_rev = 0; /* an older hub: its edits replace whatever is there */
    snprintf(sql, sizeof sql, "SELECT * FROM %s($1::bigint)", fn);
    return read_item(a, sql, id);
}

int staff_hub_notice_get(const StaffActor *a, int64_t id, Notice *out, int64_t *rev)
{
    memset(out, 0, sizeof *out);
    int with_rev, with_author;
    PGresult *res = read_for_edit(a, "notice", "yanxia_hub.staff_notice", "staff_notice_author", id,
                                  &with_rev, &with_author);
    if (!res)
        return -1;
    if (rev)
        *rev = with_rev ? int_at(res, 9) : 0;
    /* hub_id, building, building_name, category, title, body, pinned, publish_at, expires_at */
    *out = (Notice){.id = id,
                    .category = text_at(res, 3),
                    .title = text_at(res, 4),
                    .body = text_at(res, 5),
                    /* an older hub does not say who signed it */
                    .author = with_author ? text_at(res, 10) : NULL,
                    .pinned = (int)int_at(res, 6),
                    .publish_at = int_at(res, 7),
                    .expires_at = int_at(res, 8)};
    PQclear(res);
    if (out->category && out->title && out->body && (out->author || !with_author))
        return 0;
    notice_deinit(out);
    memset(out, 0, sizeof *out);
    return staff_hub_refuse_as(STAFF_REFUSAL_FAILED, "内存不够，没有读出来");
}

int staff_hub_activity_get(const StaffActor *a, int64_t id, Activity *out, int64_t *rev)
{
    memset(out, 0, sizeof *out);
    int with_rev, with_more;
    PGresult *res =
        read_for_edit(a, "activity", "yanxia_hub.staff_activity", NULL, id, &with_rev, &with_more);
    if (!res)
        return -1;
    if (rev)
        *rev = with_rev ? int_at(res, 18) : 0;
    /* title, building, building_name, kind, description, place, starts_at, ends_at,
     * schedule, signup_deadline, capacity, max_party, waitlist, organiser, confirmed
     * people and households, waiting people and households */
    *out = (Activity){.id = id,
                      .kind = strcmp(PQgetvalue(res, 0, 3), "team") == 0 ? ACTIVITY_TEAM
                                                                         : ACTIVITY_EVENT,
                      .title = text_at(res, 0),
                      .description = text_at(res, 4),
                      .place = text_at(res, 5),
                      .starts_at = int_at(res, 6),
                      .ends_at = int_at(res, 7),
                      .schedule = text_at(res, 8),
                      .signup_deadline = int_at(res, 9),
                      .capacity = (int)int_at(res, 10),
                      .max_party = (int)int_at(res, 11),
                      .no_waitlist = int_at(res, 12) == 0,
                      .organiser = text_at(res, 13),
                      .fill = {.confirmed_people = (int)int_at(res, 14),
                               .confirmed_signups = (int)int_at(res, 15),
                               .waiting_people = (int)int_at(res, 16),
                               .waiting_signups = (int)int_at(res, 17)}};
    out->fill.places_left = out->capacity > 0 ? out->capacity - out->fill.confirmed_people : -1;
    PQclear(res);
    if (out->title && out->description && out->place && out->schedule && out->organiser)
        return 0;
    activity_deinit(out);
    memset(out, 0, sizeof *out);
    return staff_hub_refuse_as(STAFF_REFUSAL_FAILED, "内存不够，没有读出来");
}
