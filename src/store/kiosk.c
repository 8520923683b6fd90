/* The kiosk row: read it, and write it only whole and valid, because every room
 * number a resident types is checked against its floor and unit range. */
#include "store/kiosk.h"
#include "store/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const KIOSK_THEMES[] = {"爱心楼", "敬老楼", "环保楼", "乐帮楼",
                                    "学习楼", "书香楼", "健康楼", "和睦楼"};
const size_t KIOSK_THEME_COUNT = sizeof KIOSK_THEMES / sizeof KIOSK_THEMES[0];

void kiosk_info_deinit(KioskInfo *k)
{
    if (!k)
        return;
    free(k->building);
    free(k->display_name);
    free(k->theme);
    free(k->address);
    memset(k, 0, sizeof *k);
}

int store_kiosk_get(Store *s, KioskInfo *out)
{
    store_clear_error(s);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = store_prepare(
        s, "SELECT kiosk_uuid, building, display_name, theme, address, floor_min, floor_max,"
           " unit_min, unit_max, households FROM kiosk WHERE id = 1");
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(st);
        return rc == SQLITE_DONE ? store_fail(s, REASON_NOT_FOUND, "no kiosk row")
                                 : store_fail_sql(s, rc, "get kiosk");
    }
    const unsigned char *uuid = sqlite3_column_text(st, 0);
    snprintf(out->kiosk_uuid, sizeof out->kiosk_uuid, "%s", uuid ? (const char *)uuid : "");
    out->building = store_col_dup(st, 1);
    out->display_name = store_col_dup(st, 2);
    out->theme = store_col_dup(st, 3);
    out->address = store_col_dup(st, 4);
    out->floor_min = sqlite3_column_int(st, 5);
    out->floor_max = sqlite3_column_int(st, 6);
    out->unit_min = sqlite3_column_int(st, 7);
    out->unit_max = sqlite3_column_int(st, 8);
    out->households = sqlite3_column_int(st, 9);
    sqlite3_finalize(st);
    if (!out->building || !out->display_name || !out->theme || !out->address) {
        kiosk_info_deinit(out);
        return store_fail(s, REASON_STORAGE, "get kiosk: out of memory");
    }
    return 0;
}

/* The hub knows a building by a short ASCII code; keep it safe for URLs and file names. */
static int building_ok(const char *b)
{
    if (!b || !*b)
        return 1; /* not configured yet */
    if (strlen(b) > KIOSK_BUILDING_MAX)
        return 0;
    for (; *b; b++)
        if (!((*b >= 'a' && *b <= 'z') || (*b >= '0' && *b <= '9') || strchr("._-", *b)))
            return 0;
    return 1;
}

static int range_ok(int lo, int hi)
{
    return lo >= 1 && hi <= 99 && lo <= hi;
}

int store_kiosk_set(Store *s, const KioskInfo *in)
{
    store_clear_error(s);
    if (!building_ok(in->building))
        return store_fail(s, REASON_INVALID_VALUE,
                          "building code \"%.40s\" must be at most %d of a-z 0-9 . _ -",
                          in->building, KIOSK_BUILDING_MAX);
    if (!range_ok(in->floor_min, in->floor_max))
        return store_fail(s, REASON_INVALID_VALUE, "floors %d-%d: need 1 <= first <= last <= 99",
                          in->floor_min, in->floor_max);
    if (!range_ok(in->unit_min, in->unit_max))
        return store_fail(s, REASON_INVALID_VALUE, "units %d-%d: need 1 <= first <= last <= 99",
                          in->unit_min, in->unit_max);
    int rooms = (in->floor_max - in->floor_min + 1) * (in->unit_max - in->unit_min + 1);
    if (in->households < 0 || in->households > rooms)
        return store_fail(s, REASON_INVALID_VALUE, "households %d: the room rule allows 0-%d",
                          in->households, rooms);
    char *name = NULL, *theme = NULL, *address = NULL;
    int r = -1;
    if (store_check_text(s, in->display_name, STORE_TITLE_MAX, 0, "display name", &name) < 0 ||
        store_check_text(s, in->theme, STORE_NAME_MAX, 0, "theme", &theme) < 0 ||
        store_check_text(s, in->address, STORE_SHORT_MAX, 0, "address", &address) < 0)
        goto done;
    sqlite3_stmt *st =
        store_prepare(s, "UPDATE kiosk SET building = ?, display_name = ?, theme = ?, address = ?,"
                         " floor_min = ?, floor_max = ?, unit_min = ?, unit_max = ?, households = ?"
                         " WHERE id = 1");
    if (!st)
        goto done;
    sqlite3_bind_text(st, 1, in->building ? in->building : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, name ? name : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, theme ? theme : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, address ? address : "", -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 5, in->floor_min);
    sqlite3_bind_int(st, 6, in->floor_max);
    sqlite3_bind_int(st, 7, in->unit_min);
    sqlite3_bind_int(st, 8, in->unit_max);
    sqlite3_bind_int(st, 9, in->households);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        store_fail_sql(s, rc, "set kiosk");
    else if (sqlite3_changes(s->db) == 0)
        store_fail(s, REASON_NOT_FOUND, "no kiosk row");
    else
        r = 0;
done:
    free(name);
    free(theme);
    free(address);
    return r;
}
