/* A member's content folder on the hub (yanxiactl's `import --as`): the audit line that
 * says a folder, known by its fingerprint, was published to a building, and the question
 * whether it was, through sql/hub/034_staff_export.sql's staff_folder_imported and
 * staff_folder_import_seen on the member's own connection; whether the hub updates a
 * folder's items in place by their keys (sql/hub/040), and, for a hub that does not,
 * whether the building had a folder imported at all (the audit log, sql/hub/013). */
#include "staff/staff.h"
#include "staff/staff_hub.h"
#include "staff/staff_hub_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A hub without migration 34 names the function it lacks: say what to do instead. */
static int older_hub(void)
{
    if (strstr(staff_hub_error(), "staff_folder"))
        staff_hub_refuse_as(STAFF_REFUSAL_FAILED,
                            "中心库还不能记下导入的文件夹（需要先升级中心库，迁移34）");
    return -1;
}

int staff_folder_mark(const StaffActor *a, const char *building, const char *fingerprint, int items,
                      int by_key)
{
    if (!a->hub)
        return 0;
    char n[16];
    snprintf(n, sizeof n, "%d", items);
    const char *params[] = {building, fingerprint, n};
    PGresult *res =
        staff_hub_read(a,
                       by_key ? "SELECT yanxia_hub.staff_folder_imported($1, $2, $3::int, true)"
                              : "SELECT yanxia_hub.staff_folder_imported($1, $2, $3::int)",
                       3, params);
    if (!res)
        return older_hub();
    PQclear(res);
    return 0;
}

int staff_folder_seen(const StaffActor *a, const char *building, const char *fingerprint,
                      char *login, size_t cap, int64_t *at)
{
    *at = 0;
    if (cap)
        *login = '\0';
    if (!a->hub)
        return 0;
    const char *params[] = {building, fingerprint};
    PGresult *res = staff_hub_read(
        a, "SELECT login, at FROM yanxia_hub.staff_folder_import_seen($1, $2)", 2, params);
    if (!res)
        return older_hub();
    int seen = PQntuples(res) == 1;
    if (seen) {
        snprintf(login, cap, "%s", PQgetvalue(res, 0, 0));
        *at = strtoll(PQgetvalue(res, 0, 1), NULL, 10);
    }
    PQclear(res);
    return seen;
}

int staff_folder_last(const StaffActor *a, const char *building, char *login, size_t cap,
                      int64_t *at, int *by_key)
{
    *at = 0;
    *by_key = 0;
    if (cap)
        *login = '\0';
    if (!a->hub)
        return 0;
    const char *params[] = {building};
    PGresult *res = staff_hub_read(
        a, "SELECT login, at, by_key FROM yanxia_hub.staff_folder_last($1)", 1, params);
    if (!res)
        return -1;
    int found = PQntuples(res) == 1;
    if (found) {
        snprintf(login, cap, "%s", PQgetvalue(res, 0, 0));
        *at = strtoll(PQgetvalue(res, 0, 1), NULL, 10);
        *by_key = strcmp(PQgetvalue(res, 0, 2), "t") == 0;
    }
    PQclear(res);
    return found;
}

int staff_folder_keys(const StaffActor *a)
{
    if (!a->hub)
        return 0;
    PGresult *res = staff_hub_read(
        a, "SELECT to_regprocedure('yanxia_hub.staff_import_item(text, text, text[])') IS NOT NULL",
        0, NULL);
    if (!res)
        return -1;
    int keys = PQntuples(res) == 1 && strcmp(PQgetvalue(res, 0, 0), "t") == 0;
    PQclear(res);
    return keys;
}

#define AUDIT_PAGE 500 /* staff_audit_list's most lines at once (sql/hub/013) */

int staff_folder_any(const StaffActor *a, const char *building, char *login, size_t cap,
                     int64_t *at)
{
    *at = 0;
    if (cap)
        *login = '\0';
    if (!a->hub)
        return 0;
    char off[24];
    /* newest first: the first line found is the last import */
    for (long offset = 0;; offset += AUDIT_PAGE) {
        snprintf(off, sizeof off, "%ld", offset);
        const char *params[] = {off, building};
        PGresult *res =
            staff_hub_read(a,
                           "SELECT login, at, action = 'folder.import'"
                           " AND target = 'folder ' || substr(target, 8, 64) || ' building ' || $2"
                           " FROM yanxia_hub.staff_audit_list(500, $1::int)",
                           2, params);
        if (!res)
            return -1;
        int rows = PQntuples(res);
        for (int i = 0; i < rows; i++)
            if (strcmp(PQgetvalue(res, i, 2), "t") == 0) {
                snprintf(login, cap, "%s", PQgetvalue(res, i, 0));
                *at = strtoll(PQgetvalue(res, i, 1), NULL, 10);
                PQclear(res);
                return 1;
            }
        PQclear(res);
        if (rows < AUDIT_PAGE)
            return 0;
    }
}
