/* The nightly step: a WAL checkpoint, an integrity check, residents' personal data
 * pruned once the hub has had it for keep_days, and photo files and thumbnails no row
 * refers to any more removed. The kiosk runs it once per night window; `yanxiactl
 * maintain` runs it now. Any thread with its own Store. */
#ifndef YX_STORE_MAINTAIN_H
#define YX_STORE_MAINTAIN_H

#include "store/store.h"

typedef struct {
    int keep_days;  /* days after the hub's acknowledgement; >= 1 */
    int full_check; /* PRAGMA integrity_check (the night) instead of quick_check */
} MaintainOptions;

typedef struct {
    int check_ok;         /* the integrity check said "ok" */
    char check_msg[256];  /* its first complaint when not */
    size_t submissions;   /* submissions whose phone, name or private text went */
    size_t outbox_rows;   /* acknowledged outbox rows (payloads) deleted */
    size_t tombstones;    /* rows of content the hub withdrew a week or more ago */
    size_t photo_files;   /* unreferenced files removed under photos/ */
    size_t thumb_files;   /* unreferenced thumbnails removed under thumbs/ */
    uint64_t bytes_freed; /* by those files */
    int wal_busy;         /* the checkpoint could not finish (a reader held it) */
} MaintainReport;

/* Runs the step on s at store_now(s):
 * 1. checkpoints the WAL, then checks the file (quick_check, or integrity_check with
 *    full_check); a damaged file stops the step here: nothing is pruned or removed,
 *    the report says why and the function returns -1 (REASON_STORAGE);
 * 2. for this kiosk's own submissions whose outbox row the hub acknowledged more than
 *    keep_days ago, in one transaction with secure_delete on: clears sign-ups' phone
 *    and name, claims' name, suggestions' contact, and the free text that no board
 *    shows (a suggestion without a public reply, a question not answered in public, a
 *    wish in review or declined: the hub sends the text back if it publishes one);
 *    then deletes those outbox rows (their payloads hold the same data). Rows not yet
 *    acknowledged, the hub's rows and a standalone kiosk's rows are never touched;
 *    then deletes the rows of notices, tips, roster entries, contacts, phrases and
 *    photos that the hub withdrew 7 or more days ago (tombstones, never shown);
 * 3. removes files under photos/ and thumbs/ named by a content hash that no live
 *    photo row, no live health tip's page and no photo in transfer refers to (".part"
 *    files are left alone);
 * 4. checkpoints again (TRUNCATE) so removed data leaves the WAL file too.
 * Returns 0 with *r filled, or -1 (message in store_errmsg) with *r saying how far it
 * got. */
int store_maintain(Store *s, const MaintainOptions *o, MaintainReport *r);

#endif
