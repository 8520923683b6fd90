/* Screenshots of kiosks for staff (hub_admin.h): the request and the latest picture,
 * through sql/hub/021_screenshot.sql's scope-checked functions. */
#include "sync/hub_admin_pg.h"

#include <stdlib.h>
#include <string.h>

int hub_admin_request_screenshot(HubAdmin *h, const char *name, char *err, size_t errlen)
{
    const char *params[] = {name};
    PGresult *r = hub_admin_exec(h, "SELECT yanxia_hub.staff_request_screenshot($1)", 1, params,
                                 PGRES_TUPLES_OK, "screenshot", err, errlen);
    if (!r)
        return -1;
    PQclear(r);
    return 0;
}

int hub_admin_get_screenshot(HubAdmin *h, const char *name, HubScreenshot *out, char *err,
                             size_t errlen)
{
    memset(out, 0, sizeof *out);
    const char *params[] = {name};
    PGresult *r = hub_admin_exec(h,
                                 "SELECT coalesce(requested_at, 0), coalesce(taken_at, 0),"
                                 " coalesce(width, 0), coalesce(height, 0), png"
                                 " FROM yanxia_hub.staff_kiosk_screenshot($1)",
                                 1, params, PGRES_TUPLES_OK, "screenshot", err, errlen);
    if (!r)
        return -1;
    int rc = 0;
    if (PQntuples(r) == 1) {
        out->requested_at = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
        out->taken_at = strtoll(PQgetvalue(r, 0, 1), NULL, 10);
        out->width = atoi(PQgetvalue(r, 0, 2));
        out->height = atoi(PQgetvalue(r, 0, 3));
        if (!PQgetisnull(r, 0, 4)) {
            size_t n = 0;
            unsigned char *raw = PQunescapeBytea((const unsigned char *)PQgetvalue(r, 0, 4), &n);
            out->png = raw ? malloc(n ? n : 1) : NULL;
            if (out->png) {
                memcpy(out->png, raw, n);
                out->len = n;
            } else {
                rc = hub_admin_fail(err, errlen, "screenshot", "out of memory");
            }
            PQfreemem(raw);
        }
    }
    PQclear(r);
    return rc;
}

void hub_screenshot_free(HubScreenshot *s)
{
    if (!s)
        return;
    free(s->png);
    memset(s, 0, sizeof *s);
}
