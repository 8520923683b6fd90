/* The console's reads of the hub on the member's own connection (the staff library
 * makes the writes): calling a scope-checked staff_* function and showing its refusal,
 * a page of a list, one item, the building choice, and the notice and building the
 * shared notice pages need over the hub. Used by every hub page and by the pages both
 * backends share, so it calls none of them. */
#include "console/pages_hub.h"
#include "staff/staff_hub_read.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

PGresult *hub_call(Request *r, const char *sql, int n, const char *const *params, char *err,
                   size_t errlen)
{
    PGresult *res = staff_hub_read(&r->session->actor, sql, n, params);
    if (!res)
        snprintf(err, errlen, "%s", staff_error(&r->session->actor));
    return res;
}

void hub_chinese(char *err)
{
    /* the hub's refusals are "中文 (english detail)": staff see the Chinese part */
    char *paren = strstr(err, " (");
    if (paren && paren != err)
        *paren = '\0';
}

void hub_error(Request *r, Response *w, int status, const char *err)
{
    char shown[300];
    snprintf(shown, sizeof shown, "%s", err);
    hub_chinese(shown);
    page_message(w, r, status, "中心库没有接受", shown);
}

void hub_refused(Request *r, Response *w, int status)
{
    const char *why = staff_error(&r->session->actor);
    page_message(w, r, strstr(why, "没有找到") ? MHD_HTTP_NOT_FOUND : status, "中心库没有接受",
                 why);
}

void hub_building_select(Buf *b, Request *r, const char *label)
{
    char err[300];
    PGresult *bs = hub_call(r, "SELECT code, name FROM yanxia_hub.staff_buildings()", 0, NULL, err,
                            sizeof err);
    if (!bs) {
        hub_chinese(err);
        html_error(b, err);
    }
    buf_printf(b, "<label for=\"building\">%s</label><select id=\"building\" name=\"building\">",
               label);
    const char *chosen = req_field(r, "building");
    for (int i = 0; bs && i < PQntuples(bs); i++) {
        buf_puts(b, "<option value=\"");
        html_attr(b, PQgetvalue(bs, i, 0));
        buf_printf(b, "\"%s>",
                   chosen && strcmp(chosen, PQgetvalue(bs, i, 0)) == 0 ? " selected" : "");
        html_esc(b, *PQgetvalue(bs, i, 1) ? PQgetvalue(bs, i, 1) : PQgetvalue(bs, i, 0));
        buf_puts(b, "</option>");
    }
    buf_puts(b, "</select>");
    PQclear(bs);
}

/* Fills *out as a kiosk of building code with name shows it: what the notice preview
 * draws over the hub (the widest room rule; a notice does not need one). */
static int hub_kiosk_info(const char *code, const char *name, KioskInfo *out)
{
    *out = (KioskInfo){.building = strdup(code),
                       .display_name = strdup(*name ? name : code),
                       .theme = strdup(""),
                       .address = strdup(""),
                       .floor_min = 1,
                       .floor_max = 99,
                       .unit_min = 1,
                       .unit_max = 99};
    if (out->building && out->display_name && out->theme && out->address)
        return 0;
    kiosk_info_deinit(out);
    return -1;
}

int hub_building_info(Request *r, const char *code, KioskInfo *out, char *err, size_t errlen)
{
    PGresult *bs =
        hub_call(r, "SELECT code, name FROM yanxia_hub.staff_buildings()", 0, NULL, err, errlen);
    if (!bs) {
        hub_chinese(err);
        return -1;
    }
    int rc = -1;
    for (int i = 0; code && i < PQntuples(bs) && rc < 0; i++)
        if (strcmp(PQgetvalue(bs, i, 0), code) == 0)
            rc = hub_kiosk_info(code, PQgetvalue(bs, i, 1), out);
    if (rc < 0)
        snprintf(err, errlen, "不能发布到楼栋 %.60s", code ? code : "");
    PQclear(bs);
    return rc;
}

int hub_notice_get(Request *r, Response *w, int64_t id, Notice *out, KioskInfo *building)
{
    PGresult *res = hub_call_item(r, w, "SELECT * FROM yanxia_hub.staff_notice($1::bigint)", id);
    if (!res)
        return -1;
    /* hub_id, building, building_name, category, title, body, pinned, publish_at, expires_at */
    *out = (Notice){.id = id,
                    .category = strdup(PQgetvalue(res, 0, 3)),
                    .title = strdup(PQgetvalue(res, 0, 4)),
                    .body = strdup(PQgetvalue(res, 0, 5)),
                    .author = strdup(""),
                    .pinned = atoi(PQgetvalue(res, 0, 6)),
                    .publish_at = strtoll(PQgetvalue(res, 0, 7), NULL, 10),
                    .expires_at = strtoll(PQgetvalue(res, 0, 8), NULL, 10)};
    int rc = out->category && out->title && out->body && out->author ? 0 : -1;
    if (rc == 0 && building)
        rc = hub_kiosk_info(PQgetvalue(res, 0, 1), PQgetvalue(res, 0, 2), building);
    PQclear(res);
    if (rc < 0) {
        notice_deinit(out);
        page_message(w, r, MHD_HTTP_INTERNAL_SERVER_ERROR, "没有读出来", "内存不够，请稍后再试。");
    }
    return rc;
}

PGresult *hub_call_page(Request *r, Response *w, const char *sql, size_t page)
{
    char limit[16], offset[16];
    snprintf(limit, sizeof limit, "%d", CONSOLE_PAGE_SIZE + 1);
    snprintf(offset, sizeof offset, "%zu", (page - 1) * CONSOLE_PAGE_SIZE);
    const char *params[] = {limit, offset};
    char err[300];
    PGresult *res = hub_call(r, sql, 2, params, err, sizeof err);
    if (!res)
        hub_error(r, w, MHD_HTTP_BAD_GATEWAY, err);
    return res;
}

PGresult *hub_call_item(Request *r, Response *w, const char *sql, int64_t id)
{
    char idtext[24], err[300];
    snprintf(idtext, sizeof idtext, "%lld", (long long)id);
    const char *params[] = {idtext};
    PGresult *res = hub_call(r, sql, 1, params, err, sizeof err);
    if (!res)
        hub_error(r, w, MHD_HTTP_NOT_FOUND, err);
    return res;
}

int hub_activity_get(Request *r, Response *w, int64_t id, Activity *out, char *building, size_t cap)
{
    PGresult *res = hub_call_item(r, w, "SELECT * FROM yanxia_hub.staff_activity($1::bigint)", id);
    if (!res)
        return -1;
    if (PQntuples(res) != 1) {
        PQclear(res);
        page_message(w, r, MHD_HTTP_NOT_FOUND, "找不到这个活动", "它可能已经被撤下了。");
        return -1;
    }
#define V(k) PQgetvalue(res, 0, k)
#define N(k) strtoll(PQgetvalue(res, 0, k), NULL, 10)
    *out = (Activity){.id = id,
                      .kind = strcmp(V(3), "team") == 0 ? ACTIVITY_TEAM : ACTIVITY_EVENT,
                      .title = strdup(V(0)),
                      .description = strdup(V(4)),
                      .place = strdup(V(5)),
                      .starts_at = N(6),
                      .ends_at = N(7),
                      .schedule = strdup(V(8)),
                      .signup_deadline = N(9),
                      .capacity = (int)N(10),
                      .max_party = (int)N(11),
                      .no_waitlist = N(12) == 0,
                      .organiser = strdup(V(13)),
                      .fill = {.confirmed_people = (int)N(14),
                               .confirmed_signups = (int)N(15),
                               .waiting_people = (int)N(16),
                               .waiting_signups = (int)N(17)}};
    out->fill.places_left = out->capacity > 0 ? out->capacity - out->fill.confirmed_people : -1;
    if (building)
        snprintf(building, cap, "%s", *V(2) ? V(2) : V(1));
#undef V
#undef N
    PQclear(res);
    if (!out->title || !out->description || !out->place || !out->schedule || !out->organiser) {
        activity_deinit(out);
        page_message(w, r, MHD_HTTP_INTERNAL_SERVER_ERROR, "没有读出来", "内存不够，请稍后再试。");
        return -1;
    }
    return 0;
}
