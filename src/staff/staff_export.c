/* Exports of the staff library: residents' submissions read for an export through the
 * hub's scope-checked, audited staff_export (sql/hub/034_staff_export.sql) on the
 * member's own connection, in the rows the owner's export reads (hub_admin_submissions),
 * so `export --as` writes the owner's CSV from them; and one activity's sign-ups or one
 * poll's votes (staff_export_signups, staff_export_poll_votes), which the console's
 * downloads and `export --activity|--poll --as` both read. */
#include "staff/staff.h"
#include "staff/staff_hub.h"
#include "staff/staff_hub_read.h"

#include "core/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT_FIXED 4 /* kiosk, building, received_at, decision: as HUB_SUB_FIXED */
#define EXPORT_KEYS  16

/* The rows of res (columns: the fixed four, then one per key) copied into *out. */
static int copy_rows(PGresult *res, HubRows *out)
{
    size_t nrows = (size_t)PQntuples(res), ncols = (size_t)PQnfields(res);
    out->cells = calloc(nrows * ncols + 1, sizeof *out->cells);
    if (!out->cells)
        return -1;
    out->nrows = nrows;
    out->ncols = ncols;
    for (size_t i = 0; i < nrows; i++)
        for (size_t c = 0; c < ncols; c++) {
            if (PQgetisnull(res, (int)i, (int)c))
                continue;
            if (!(out->cells[i * ncols + c] = strdup(PQgetvalue(res, (int)i, (int)c))))
                return -1;
        }
    return 0;
}

int staff_submissions_export(const StaffActor *a, const char *kind, const char *scope,
                             const char *const *keys, size_t nkeys, HubRows *out)
{
    memset(out, 0, sizeof *out);
    if (!a->hub)
        return staff_hub_refuse_as(STAFF_REFUSAL_FAILED, "只有中心库能这样导出");
    if (nkeys > EXPORT_KEYS)
        return staff_hub_refuse_as(STAFF_REFUSAL_FAILED, "要导出的栏目太多");
    /* the payload's members are picked out here, by parameter, so the hub's function
     * stays one for every kind and the owner's column list is the only one */
    Buf sql;
    buf_init(&sql);
    buf_puts(&sql, "SELECT kiosk, building, received_at, decision");
    for (size_t i = 0; i < nkeys; i++)
        buf_printf(&sql, ", payload->>$%zu::text", i + 3);
    buf_puts(&sql, " FROM yanxia_hub.staff_export($1, $2)");
    char *text = buf_take(&sql);
    buf_deinit(&sql);
    if (!text)
        return staff_hub_refuse_as(STAFF_REFUSAL_FAILED, "内存不够");
    const char *params[2 + EXPORT_KEYS] = {kind, scope};
    for (size_t i = 0; i < nkeys; i++)
        params[2 + i] = keys[i];
    PGresult *res = staff_hub_read(a, text, (int)(2 + nkeys), params);
    free(text);
    if (!res) {
        if (strstr(staff_hub_error(), "staff_export") ||
            strstr(staff_hub_error(), "does not exist"))
            staff_hub_refuse_as(STAFF_REFUSAL_FAILED,
                                "中心库还不能让工作人员导出（需要先升级中心库，迁移34）");
        return -1;
    }
    int rc = (size_t)PQnfields(res) == EXPORT_FIXED + nkeys && copy_rows(res, out) == 0 ? 0 : -1;
    PQclear(res);
    if (rc < 0) {
        hub_rows_free(out);
        staff_hub_refuse_as(STAFF_REFUSAL_FAILED, "内存不够");
    }
    return rc;
}

/* One of 034's audited per-item exports (sql names its ncols columns, $1 the hub id)
 * into *out. */
static int export_item(const StaffActor *a, const char *sql, int64_t id, size_t ncols, HubRows *out)
{
    memset(out, 0, sizeof *out);
    if (!a->hub)
        return staff_hub_refuse_as(STAFF_REFUSAL_FAILED, "只有中心库能这样导出");
    char hid[24];
    snprintf(hid, sizeof hid, "%lld", (long long)id);
    const char *params[] = {hid};
    PGresult *res = staff_hub_read(a, sql, 1, params);
    if (!res)
        return -1;
    int rc = (size_t)PQnfields(res) == ncols && copy_rows(res, out) == 0 ? 0 : -1;
    PQclear(res);
    if (rc < 0) {
        hub_rows_free(out);
        staff_hub_refuse_as(STAFF_REFUSAL_FAILED, "内存不够");
    }
    return rc;
}

int staff_activity_signups_export(const StaffActor *a, int64_t activity_id, HubRows *out)
{
    return export_item(a,
                       "SELECT title, building, kiosk, room, name, phone, party_size, status,"
                       " receipt, created_at FROM yanxia_hub.staff_export_signups($1::bigint)",
                       activity_id, STAFF_SIGNUP_EXPORT_COLS, out);
}

int staff_poll_votes_export(const StaffActor *a, int64_t poll_id, HubRows *out)
{
    return export_item(a,
                       "SELECT question, building, room, option_label, receipt, kiosk, created_at"
                       " FROM yanxia_hub.staff_export_poll_votes($1::bigint)",
                       poll_id, STAFF_VOTE_EXPORT_COLS, out);
}
