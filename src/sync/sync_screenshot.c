/* A screenshot on request: whether the hub wants one of this kiosk, and sending it
 * (sql/hub/021_screenshot.sql). The sync worker calls these after its round; the UI
 * thread makes the picture (sync_worker.h). */
#include "sync/sync_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SHOT_MAX_BYTES (1024 * 1024) /* the hub's cap */

int sync_screenshot_wanted(SyncSession *ss, int *wanted, char *err, size_t errlen)
{
    *wanted = 0;
    PGresult *r = sync_call(ss, "SELECT yanxia_hub.kiosk_screenshot_wanted()", 0, NULL, 0,
                            PGRES_TUPLES_OK, err, errlen);
    if (!r && strcmp(ss->sqlstate, "42883") == 0) {
        err[0] = '\0'; /* undefined_function: a hub before 020 asks for none */
        return 0;
    }
    if (!r)
        return -1;
    *wanted = PQntuples(r) == 1 && strcmp(PQgetvalue(r, 0, 0), "t") == 0;
    PQclear(r);
    return 0;
}

int sync_screenshot_put(SyncSession *ss, const unsigned char *png, size_t len, int w, int h,
                        int *taken, char *err, size_t errlen)
{
    if (taken)
        *taken = 0;
    if (len == 0 || len > SHOT_MAX_BYTES)
        return sync_fail(err, errlen, "screenshot: %s bytes is not 1 to 1 MiB%s",
                         len ? "too many" : "no", "");
    /* bytea's hex input form as a text parameter: "\x" and two digits a byte */
    char *hex = malloc(2 * len + 3);
    if (!hex)
        return sync_fail(err, errlen, "screenshot: out of memory%s%s", "", "");
    static const char digits[] = "0123456789abcdef";
    hex[0] = '\\';
    hex[1] = 'x';
    for (size_t i = 0; i < len; i++) {
        hex[2 + 2 * i] = digits[png[i] >> 4];
        hex[3 + 2 * i] = digits[png[i] & 15];
    }
    hex[2 + 2 * len] = '\0';
    char ws[16], hs[16];
    snprintf(ws, sizeof ws, "%d", w);
    snprintf(hs, sizeof hs, "%d", h);
    const char *params[] = {hex, ws, hs};
    PGresult *r =
        sync_call(ss, "SELECT yanxia_hub.kiosk_put_screenshot($1::bytea, $2::int, $3::int)", 3,
                  params, 0, PGRES_TUPLES_OK, err, errlen);
    free(hex);
    if (!r)
        return -1;
    if (taken)
        *taken = PQntuples(r) == 1 && strcmp(PQgetvalue(r, 0, 0), "t") == 0;
    PQclear(r);
    return 0;
}
