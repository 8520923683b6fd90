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

/* store_open, then (with quick_check) PRAGMA quick_check. On failure *damaged (may
 * be NULL) says whether SQLite found the file damaged (corrupt, not a database, or
 * the check failed) rather than unreadable for another reason (permissions, a newer
 * schema): only a damaged file may be moved aside. */
Store *store_open_checked(const char *path, int quick_check, int *damaged, char *err,
                          size_t errlen);

/* What store_open_recover did. */
typedef struct {
    int recovered;          /* the file was damaged and moved aside */
    char moved_to[4096];    /* PATH.corrupt-YYYYMMDD-HHMMSS */
    char why[512];          /* SQLite's complaint about the damaged file */
    int kiosk_kept;         /* the kiosk's identity (uuid, building, rule) was read back */
    long long outbox_saved; /* residents' submissions not yet sent, read back */
} StoreRecovery;

/* Opens the store at path with a quick check. When the file is damaged it is renamed
 * to PATH.corrupt-YYYYMMDD-HHMMSS (local time; its -wal too, the -shm removed), and a
 * fresh store is made at path; what can still be read from the damaged file is copied
 * in: the kiosk row (the same identity for the hub) and the outbox rows the hub has not
 * acknowledged, with the outbox sequence, so nothing a resident wrote is lost when
 * those pages survived. A fresh store has no sync cursor: with a hub the next round
 * pulls everything again. *rec says what happened (the caller logs it). NULL with a
 * message in err when the file cannot be opened for another reason, or the fresh store
 * cannot be made. */
Store *store_open_recover(const char *path, StoreRecovery *rec, char *err, size_t errlen);

/* Closes the store. store_close(NULL) does nothing. */
void store_close(Store *s);

/* Why the last call failed, and a detail line for logs (never NULL). */
Reason store_reason(const Store *s);
const char *store_errmsg(const Store *s);
/* Records a refusal its caller decided by a rule kept above the store (the staff
 * library's edit revision: REASON_CHANGED), so that store_reason() gives r until the
 * next call; call it after ending any batch. Always returns -1. */
int store_refuse(Store *s, Reason r);

/* Directory holding the database file; photos live under <dir>/photos/. Owned by s. */
const char *store_dir(const Store *s);

/* The schema version the file is at (after store_open: STORE_SCHEMA_VERSION). */
int store_schema_version(Store *s);

/* "Now" as the store's rules see it. Defaults to time_now(); tests pin it. */
int64_t store_now(const Store *s);

/* Bytes SQLite holds in this process, every connection's page cache included (each
 * grows up to its cache_size): for the soak's memory figures. */
int64_t store_memory_used(void);
/* Gives back the page cache of s's connection that nothing holds now (it refills from
 * the file as pages are read again). For a connection that idles between uses, such as
 * the sync worker's between rounds, so a months-long run does not keep each at its cap. */
void store_release_memory(Store *s);
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
