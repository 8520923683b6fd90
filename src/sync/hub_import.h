/* A content folder published on the hub (`yanxiactl import DIR --hub`): the photo
 * files go up first, then every row in one transaction, each found again by its
 * source key (the file's path in the folder), so a second import publishes only what
 * changed. The folder itself is read by src/tools (the same parser as a local import). */
#ifndef YX_SYNC_HUB_IMPORT_H
#define YX_SYNC_HUB_IMPORT_H

#include "sync/hub_admin.h"

#include <stdint.h>

typedef struct HubImport HubImport;

/* Uploads the photo file at path (content hash sha256, bytes long) unless the hub
 * holds that file whole already; *sent (may be NULL) gets 1 when it was uploaded. Its
 * own transaction: a file that no row shows is harmless and is reused next time.
 * 0, or -1 with err. */
int hub_import_put_photo(HubAdmin *h, const char *path, const char *sha256, int64_t bytes,
                         int *sent, char *err, size_t errlen);

/* Checks that scope exists and that the hub knows source keys (migration 5), then
 * opens the import's transaction. NULL with err on failure (nothing begun). The
 * HubImport borrows h until hub_import_end. */
HubImport *hub_import_begin(HubAdmin *h, const char *scope, char *err, size_t errlen);

/* Publishes kind (notice, health_tip, album, photo, activity, poll, roster, contact,
 * quick_phrase) with fields_json (a JSON object of its fields) as the row of
 * source_key in the import's scope. *hub_id gets the row's hub id; *changed 0 when
 * the row was there already with these fields (nothing written). 0, or -1 with err
 * (the hub's message); after -1 only hub_import_end(im, 0, ...) is useful. */
int hub_import_row(HubImport *im, const char *kind, const char *source_key, const char *fields_json,
                   int64_t *hub_id, int *changed, char *err, size_t errlen);

/* Commits (commit != 0) or rolls back, and frees im (NULL is fine). 0; -1 with err
 * when the commit failed: then nothing was published; -2 with err when the connection
 * went after COMMIT was sent: the hub may or may not have committed (importing the
 * same folder again is safe either way: rows are found again by source key). */
int hub_import_end(HubImport *im, int commit, char *err, size_t errlen);

#endif
