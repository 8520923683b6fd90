/* What staff.c takes from staff_password.c, and staff_album.c from staff.c, beyond
 * staff.h. Private to src/staff/. */
#ifndef YX_STAFF_STAFF_INTERNAL_H
#define YX_STAFF_STAFF_INTERNAL_H

#include "staff/staff.h"

/* True once libsodium is initialised (tried once; false when it cannot be). */
int staff_sodium_ready(void);

/* Standalone: writes the audit line of an action that has just succeeded (rc 0) inside
 * a->store's batch, then ends the batch, committing both or neither. 0, or -1 when rc
 * was -1 or the line or the commit failed (the store's reason says why). */
int staff_finish(const StaffActor *a, int rc, const char *action, const char *target,
                 const char *before, const char *after);

/* Standalone: the edit revision of a stored album (staff_edit.c): a digest of the fields
 * an edit replaces and its updated_at, never 0. */
int64_t staff_album_rev(const Album *al);

#endif
