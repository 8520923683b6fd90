/* What the hub-mode pages share (pages_hub*.c): reading through the member's
 * scope-checked staff_* functions on the session's own connection (writes go through
 * the staff library, staff/staff.h), and showing a refusal. Private to src/console/. */
#ifndef YX_CONSOLE_PAGES_HUB_H
#define YX_CONSOLE_PAGES_HUB_H

#include "console/console.h"

#include <libpq-fe.h>

/* Runs a staff function on the session's connection (re-connecting once if the hub
 * went away). The result (the caller PQclears it), or NULL with err set to the hub's
 * primary message ("中文 (english detail)"). */
PGresult *hub_call(Request *r, const char *sql, int n, const char *const *params, char *err,
                   size_t errlen);

/* Cuts a hub refusal "中文 (english detail)" to its Chinese part, in place. */
void hub_chinese(char *err);

/* Answers w with a page showing the Chinese part of the hub's refusal err. */
void hub_error(Request *r, Response *w, int status, const char *err);

/* Answers w with a page showing why the staff library's last write was refused
 * (staff_error): 404 when the hub says the item is not found (one outside the member's
 * scope reads the same), else status. */
void hub_refused(Request *r, Response *w, int status);

/* Page `page` of a staff list function taking ($1 limit, $2 offset): one row more than
 * a page is asked for, to know whether a next page exists. NULL after answering w with
 * the hub's refusal. */
PGresult *hub_call_page(Request *r, Response *w, const char *sql, size_t page);

/* A staff function taking one item's hub id ($1): its result, or NULL after answering w
 * with the hub's refusal (an item outside the member's scope reads as missing: 404). */
PGresult *hub_call_item(Request *r, Response *w, const char *sql, int64_t id);

#endif
