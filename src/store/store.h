/* The kiosk's local store: one SQLite file (WAL, foreign keys, busy timeout), migrated
 * at open by PRAGMA user_version. This folder is the only kiosk code that speaks SQL;
 * everyone else uses the typed functions declared in the entity headers:
 *   notice.h health.h photo.h activity.h signup.h suggestion.h wish.h question.h
 *   poll.h roster.h kiosk.h outbox.h search.h
 *
 * Conventions for every store_* function that can fail:
 *   - returns 0 on success, -1 on failure; nothing is written on failure;
 *   - after a failure store_reason() says why in a form a screen can show
 *     (reason_text()), and store_errmsg() gives a one-line English detail for logs;
 *   - a rule broken by the caller (REASON_ROOM_INVALID, REASON_ACTIVITY_FULL, ...) and a
 *     disk that refuses the write (REASON_STORAGE) are both failures.
 * A Store is used by one thread at a time; the sync worker opens its own.
 * Residents' submissions are committed with synchronous=FULL before returning. */
#ifndef YX_STORE_STORE_H
#define YX_STORE_STORE_H

#include "core/reason.h"
#include "core/room.h"

#include <stddef.h>
#include <stdint.h>

typedef struct Store Store;

#define STORE_SCHEMA_VERSION 1

/* Opens (creating if needed) the store at path and migrates it to the current schema.
 * Returns NULL on failure with a message in err. Close with store_close(). */
Store *store_open(const char *path, char *err, size_t errlen);

/* Closes the store. store_close(NULL) does nothing. */
void store_close(Store *s);

/* Why the last call failed, and a detail line for logs (never NULL). */
Reason store_reason(const Store *s);
const char *store_errmsg(const Store *s);

/* Directory holding the database file; photos live under <dir>/photos/. Owned by s. */
const char *store_dir(const Store *s);

/* The schema version the file is at (after store_open: STORE_SCHEMA_VERSION). */
int store_schema_version(Store *s);

/* "Now" as the store's rules see it. Defaults to time_now(); tests pin it. */
int64_t store_now(const Store *s);
void store_set_now(Store *s, int64_t fixed_or_zero);

/* The building's room-number rule (from the kiosk row). */
RoomRule store_room_rule(Store *s);

/* Runs PRAGMA integrity_check; returns 0 when the file reports "ok". */
int store_check_integrity(Store *s);

/* Groups several store calls into one transaction (used by import and seeding so a
 * failure part-way leaves nothing behind). Nested calls inside are fine.
 * store_batch_end(s, 1) commits, store_batch_end(s, 0) rolls back. */
int store_batch_begin(Store *s);
int store_batch_end(Store *s, int commit);

/* Length limits (code points) enforced by the store. */
#define STORE_TITLE_MAX      80
#define STORE_BODY_MAX       20000
#define STORE_NAME_MAX       20
#define STORE_SUGGESTION_MAX 500
#define STORE_WISH_MAX       200
#define STORE_QUESTION_MAX   500
#define STORE_REPLY_MAX      2000
#define STORE_SHORT_MAX      120 /* places, captions, categories, schedules */

/* Per-room daily caps for residents' writing. */
#define STORE_SUGGESTIONS_PER_ROOM_DAY 3
#define STORE_WISHES_PER_ROOM_DAY      2
#define STORE_QUESTIONS_PER_ROOM_DAY   3

/* What a submission gives back to the resident. */
typedef struct {
    int64_t id;
    char uuid[37];
    char receipt[7];
} StoreReceipt;

#endif
