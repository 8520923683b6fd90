/* Shared by the store's own files only: the Store struct, transactions, statement
 * helpers and the outbox. Nothing outside src/store/ includes this. */
#ifndef YX_STORE_INTERNAL_H
#define YX_STORE_INTERNAL_H

#include "store/store.h"

#include <sqlite3.h>

struct Store {
    sqlite3 *db;
    char *dir;
    int64_t fixed_now;
    int tx_depth; /* >0 inside store_tx_begin/store_batch_begin */
    int tx_failed;
    Reason reason;
    char errmsg[512];
};

/* Records a refusal (rule) and returns -1. */
int store_fail(Store *s, Reason r, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Records a SQLite failure (REASON_STORAGE unless rc is a constraint) and returns -1. */
int store_fail_sql(Store *s, int rc, const char *what);
/* Clears the last error; every public function starts with it. */
void store_clear_error(Store *s);

/* Transactions that nest: the outermost begin opens (BEGIN IMMEDIATE), the outermost
 * end commits or rolls back. store_tx_end(s, 0) inside a batch dooms the batch. */
int store_tx_begin(Store *s);
int store_tx_end(Store *s, int commit);

/* Prepares sql or records the failure; returns NULL on failure. */
sqlite3_stmt *store_prepare(Store *s, const char *sql);

/* Binds NULL for a NULL or empty string, else the text. */
int store_bind_text_or_null(sqlite3_stmt *st, int idx, const char *s);
/* Binds NULL for 0, else the integer (for optional times). */
int store_bind_time_or_null(sqlite3_stmt *st, int idx, int64_t t);
/* strdup of a column ("" for NULL); NULL only on allocation failure. */
char *store_col_dup(sqlite3_stmt *st, int col);

/* Validates optional/required text: UTF-8, trims, length in code points.
 * On success *out is a new trimmed string (caller frees) or NULL when the text is
 * empty and not required. */
int store_check_text(Store *s, const char *in, size_t max_cp, int required, const char *field,
                     char **out);

/* Makes a UUID and a receipt code unique in table (column "receipt"). */
int store_new_receipt(Store *s, const char *table, StoreReceipt *r);

/* Appends a submission to the outbox inside the caller's transaction. payload_json is
 * the full event as the hub will receive it. */
int store_outbox_append(Store *s, const char *kind, const char *uuid, const char *payload_json);

/* Steps st, a query for the one row with this id: 1 with the row ready to read (the
 * caller reads and finalizes); 0 after recording REASON_NOT_FOUND ("no <what> <id>")
 * and -1 after recording a SQL failure, st finalized in both cases. */
int store_step_one(Store *s, sqlite3_stmt *st, const char *what, int64_t id);

/* Tombstones row id of a content table (deleted = 1, updated_at = now) so a later
 * sync can tell a local removal from the hub's copy. REASON_NOT_FOUND when there is no
 * live row; `what` names the kind in messages ("notice"). */
int store_tombstone(Store *s, const char *table, const char *what, int64_t id);

/* Checks a room against the building rule. NULL/"" with required=0 gives out[0]=0. */
int store_check_room(Store *s, const char *in, int required, char out[ROOM_MAX_LEN + 1]);

/* Counts rows in table with room = room created on the local day of now. */
int store_count_today(Store *s, const char *table, const char *room, int64_t *count);

/* The migration list (schema.c). */
extern const char *const STORE_MIGRATIONS[];
extern const int STORE_MIGRATION_COUNT;

#endif
