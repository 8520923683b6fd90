/* The console's reads over the hub (lists, exports, one item) run the way the staff
 * library's writes do: one statement on the member's own connection, re-connecting once
 * when the hub went away, run again a few times after a deadlock or a serialization
 * failure (SQLSTATE 40P01, 40001) when it is its own transaction, a refusal kept for
 * staff_error(). libpq is in this header for
 * the console's hub pages only; staff.h stays without it. */
#ifndef YX_STAFF_STAFF_HUB_READ_H
#define YX_STAFF_STAFF_HUB_READ_H

#include "staff/staff.h"

#include <libpq-fe.h>

/* The rows of sql run with text parameters on a->hub (the caller PQclears them), or NULL
 * with the refusal's Chinese sentence in staff_error(a). */
PGresult *staff_hub_read(const StaffActor *a, const char *sql, int n, const char *const *params);

#endif
