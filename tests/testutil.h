/* Helpers shared by the C tests: temporary directories and stores that clean up. */
#include <stdio.h>
#include <stdlib.h>
#ifndef YX_TESTS_TESTUTIL_H
#define YX_TESTS_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "store/store.h"

#include <sqlite3.h>

/* Makes a fresh directory under $TMPDIR (or /tmp); returns a static path. */
static inline const char *tu_tempdir(void)
{
    static char path[256];
    const char *base = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/yanxia-test-XXXXXX", base && *base ? base : "/tmp");
    assert_non_null(mkdtemp(path));
    return path;
}

/* Removes a directory tree (best effort). */
static inline void tu_rmtree(const char *dir)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "warning: could not remove %s\n", dir);
}

typedef struct {
    char dir[256];
    char path[300];
    Store *store;
} TuStore;

/* Opens a new empty store in a new temp dir, clock pinned to 2026-11-23 10:00 local. */
static inline int tu_store_setup(void **state)
{
    TuStore *t = calloc(1, sizeof *t);
    snprintf(t->dir, sizeof t->dir, "%s", tu_tempdir());
    snprintf(t->path, sizeof t->path, "%s/yanxia.db", t->dir);
    char err[512];
    t->store = store_open(t->path, err, sizeof err);
    if (!t->store) {
        fprintf(stderr, "store_open: %s\n", err);
        return -1;
    }
    store_set_now(t->store, 1795399200); /* 2026-11-23 10:00 +08:00 */
    *state = t;
    return 0;
}

static inline int tu_store_teardown(void **state)
{
    TuStore *t = *state;
    store_close(t->store);
    tu_rmtree(t->dir);
    free(t);
    return 0;
}

#define TU_STORE(state) (((TuStore *)*(state))->store)

/* The one integer sql answers, read through a connection of its own on the store's file
 * (what was committed). */
static inline int64_t tu_sql_int(void **state, const char *sql)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(((TuStore *)*state)->path, &db, SQLITE_OPEN_READONLY, NULL),
                     SQLITE_OK);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

#endif
