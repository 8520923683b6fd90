/* The content-folder importer's shared parts (import_folder.c walks the folder,
 * import_text.c turns header+body files into notices, tips, activities and polls).
 * The folder's layout is documented in docs/content-folder.md. */
#ifndef YX_TOOLS_IMPORT_H
#define YX_TOOLS_IMPORT_H

#include "core/frontmatter.h"
#include "tools/cli.h"

typedef struct {
    Cli *c;
    Store *s;
    const char *root;
    char rel[1024]; /* the file being read, relative to root: its source_key */
    int notices, tips, activities, polls, albums, photos, contacts, roster, phrases, kiosk;
} Import;

/* A header key: its names (Chinese first, then English and other spellings), the
 * store's field name that error messages start with, and whether it may repeat. */
typedef struct {
    const char *names[5];
    const char *field;
    int repeat;
} ImportKey;

/* Reads the whole folder im->root (manifest.ini first) through im->s, stopping at the
 * first mistake. The caller holds a store batch around it. 0, or -1 with the message
 * printed ("import: <file>:<line>: ..."). */
int import_folder(Import *im);

/* `import DIR --hub CONNINFO --building B` (cmd_import_hub.c): the folder checked as a
 * local import would (into a scratch store), then published into scope on the hub in
 * one transaction. dry: check only. Returns the exit code. */
int import_to_hub(Cli *c, const char *root, const char *conn, const char *scope, int dry);

/* `import DIR --hub CONNINFO --building B --as LOGIN` (cmd_import_staff.c): the folder
 * checked as import_to_hub checks it, then published to building B through the staff
 * library as the member LOGIN (password on standard input), every item in one batch:
 * all or nothing, each audited under the login. What the library cannot publish is
 * refused, naming the files, before the login. A folder whose every file is the same as
 * one published to the building before is refused unless again (no file paths on the
 * hub for a member's items: an edited folder publishes all its items anew). dry:
 * published and rolled back. Returns the exit code. */
int import_to_hub_as(Cli *c, const char *root, const char *conn, const char *building,
                     const char *login, int dry, int again);

/* The scratch store's clock for a folder read for the hub. A notice or poll file without
 * a 发布/开始 date gets this time there, which is how its row is told apart from one with
 * a date: the hub then keeps the time of the first import (or takes its own now for a
 * new row), as the local import keeps the kiosk's. No file means 1970-01-01 08:00:01. */
#define IMPORT_UNSET_TIME 1

/* A new scratch store (clock pinned at now) in a new temporary folder; dir gets the
 * folder's path ("" when none was made). NULL with the message printed; either way
 * import_scratch_remove(store, dir) closes the store (NULL is fine) and removes dir. */
Store *import_scratch_open(Cli *c, int64_t now, char *dir, size_t dirlen);
void import_scratch_remove(Store *s, const char *dir);

/* `add KIND --hub` (cmd_add_hub.c): every content row of the scratch store s is
 * published in scope on the hub at conn as a new row, with no source key (nothing will
 * look an added row up again), by the same code import_to_hub sends its rows with and
 * in one transaction. A notice's publish_at or a poll's opens_at equal to unset_time
 * is left for the hub to set (its now). *hub_id gets the last row's hub id. 0, or -1
 * with the message printed (an unknown scope named; "nothing to publish" when s holds
 * no row); after -1 nothing was published, except when the message says it may be. */
int import_publish_store(Cli *c, Store *s, const char *conn, const char *scope, int64_t unset_time,
                         int64_t *hub_id);

/* Prints "import: <rel>:<line>: message" (line 0: no line) and returns -1. */
int import_fail(Import *im, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The store's refusal for the current file, at the line of the field it names. */
int import_fail_store(Import *im, const FrontMatter *fm, const ImportKey *keys);

/* Refuses unknown keys and repeated ones that may not repeat. Returns 0 or -1. */
int import_check_keys(Import *im, const FrontMatter *fm, const ImportKey *keys);
/* The value of key (NULL when absent); *line (may be NULL) gets its line. */
const char *import_value(const FrontMatter *fm, const ImportKey *key, int *line);
/* Typed values; an absent key leaves *out alone. Return 0 or -1 (message printed). */
int import_time(Import *im, const FrontMatter *fm, const ImportKey *key, int64_t *out);
int import_bool(Import *im, const FrontMatter *fm, const ImportKey *key, int *out);
int import_int(Import *im, const FrontMatter *fm, const ImportKey *key, int lo, int hi, int *out);

/* Each parses one file's text (already read) and writes it through the store. */
int import_notice(Import *im, const char *text, size_t len);
int import_tip(Import *im, const char *text, size_t len);
int import_activity(Import *im, const char *text, size_t len);
int import_poll(Import *im, const char *text, size_t len);

#endif
