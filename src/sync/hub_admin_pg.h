/* The libpq connection behind a HubAdmin, for the other staff-side files of src/sync
 * (hub_import.c) that speak SQL the generic helpers of hub_admin.c do not cover. Not
 * for use outside src/sync: libpq stays in this folder. */
#ifndef YX_SYNC_HUB_ADMIN_PG_H
#define YX_SYNC_HUB_ADMIN_PG_H

#include "sync/hub_admin.h"

#include <libpq-fe.h>

/* The open connection (owned by h; never NULL for an open HubAdmin). */
PGconn *hub_admin_pg(HubAdmin *h);

#endif
