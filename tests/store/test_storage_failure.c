/* A disk that refuses a write (full, remounted read-only, fsync error) must make a
 * submission fail with REASON_STORAGE and leave no partial row: neither the
 * submission nor its outbox event, on this connection and after reopening.
 *
 * How the disk fails: a small SQLite VFS registered as the default before any store is
 * opened. It forwards every call to the real (unix) VFS and, once a switch is flipped,
 * fails xWrite or xSync with the code the unix VFS itself reports for that condition
 * (ENOSPC -> SQLITE_FULL, EROFS on an open file -> SQLITE_IOERR_WRITE, fsync ->
 * SQLITE_IOERR_FSYNC), or opens files read-only as the unix VFS does when open(O_RDWR)
 * is refused. This is fault injection in the SQLite test-suite's style: the store code
 * under test is unchanged. (A chmod 0444 file is no test when running as root, which
 * CI does; the chmod case runs only as a normal user.) */
#include "testutil.h"

#include "store/outbox.h"
#include "store/question.h"
#include "store/suggestion.h"
#include "store/wish.h"

#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef enum { FAULT_NONE, FAULT_FULL, FAULT_WRITE_EROFS, FAULT_FSYNC, FAULT_OPEN_RO } Fault;
static Fault g_fault = FAULT_NONE;
static int g_pass_before_fault; /* calls that still succeed once armed, like SQLite's tests */
static int g_faults_hit;

/* True when this xWrite/xSync must fail: the fault is armed and its countdown is over.
 * Once failing, the disk stays failed (a full disk does not empty itself). */
static int fault_now(void)
{
    if (g_pass_before_fault > 0) {
        g_pass_before_fault--;
        return 0;
    }
    g_faults_hit++;
    return 1;
}
static sqlite3_vfs *g_real;

typedef struct {
    sqlite3_file base; /* must be first: SQLite sees this */
    sqlite3_file *real;
} FaultFile;

#define REAL(f) (((FaultFile *)(f))->real)

static int f_close(sqlite3_file *f)
{
    return REAL(f)->pMethods->xClose(REAL(f));
}
static int f_read(sqlite3_file *f, void *b, int n, sqlite3_int64 off)
{
    return REAL(f)->pMethods->xRead(REAL(f), b, n, off);
}
static int f_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 off)
{
    if ((g_fault == FAULT_FULL || g_fault == FAULT_WRITE_EROFS) && fault_now())
        return g_fault == FAULT_FULL ? SQLITE_FULL : SQLITE_IOERR_WRITE;
    return REAL(f)->pMethods->xWrite(REAL(f), b, n, off);
}
static int f_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    return REAL(f)->pMethods->xTruncate(REAL(f), size);
}
static int f_sync(sqlite3_file *f, int flags)
{
    if (g_fault == FAULT_FSYNC && fault_now())
        return SQLITE_IOERR_FSYNC;
    return REAL(f)->pMethods->xSync(REAL(f), flags);
}
static int f_size(sqlite3_file *f, sqlite3_int64 *size)
{
    return REAL(f)->pMethods->xFileSize(REAL(f), size);
}
static int f_lock(sqlite3_file *f, int lock)
{
    return REAL(f)->pMethods->xLock(REAL(f), lock);
}
static int f_unlock(sqlite3_file *f, int lock)
{
    return REAL(f)->pMethods->xUnlock(REAL(f), lock);
}
static int f_check_lock(sqlite3_file *f, int *out)
{
    return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}
static int f_control(sqlite3_file *f, int op, void *arg)
{
    return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}
static int f_sector(sqlite3_file *f)
{
    return REAL(f)->pMethods->xSectorSize(REAL(f));
}
static int f_device(sqlite3_file *f)
{
    return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}
static int f_shm_map(sqlite3_file *f, int pg, int sz, int extend, void volatile **pp)
{
    return REAL(f)->pMethods->xShmMap(REAL(f), pg, sz, extend, pp);
}
static int f_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
    return REAL(f)->pMethods->xShmLock(REAL(f), off, n, flags);
}
static void f_shm_barrier(sqlite3_file *f)
{
    REAL(f)->pMethods->xShmBarrier(REAL(f));
}
static int f_shm_unmap(sqlite3_file *f, int del)
{
    return REAL(f)->pMethods->xShmUnmap(REAL(f), del);
}
static int f_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **pp)
{
    return REAL(f)->pMethods->xFetch(REAL(f), off, n, pp);
}
static int f_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
    return REAL(f)->pMethods->xUnfetch(REAL(f), off, p);
}

static const sqlite3_io_methods FAULT_IO = {
    3,          f_close,       f_read,       f_write,   f_truncate, f_sync,   f_size,
    f_lock,     f_unlock,      f_check_lock, f_control, f_sector,   f_device, f_shm_map,
    f_shm_lock, f_shm_barrier, f_shm_unmap,  f_fetch,   f_unfetch,
};

static int v_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out)
{
    FaultFile *ff = (FaultFile *)file;
    ff->real = (sqlite3_file *)(ff + 1);
    if (g_fault == FAULT_OPEN_RO && (flags & SQLITE_OPEN_READWRITE)) {
        /* what unixOpen does when open(O_RDWR) fails with EACCES or EROFS */
        g_faults_hit++;
        flags = (flags & ~(SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) | SQLITE_OPEN_READONLY;
    }
    int rc = g_real->xOpen(g_real, name, ff->real, flags, out);
    ff->base.pMethods = ff->real->pMethods ? &FAULT_IO : NULL;
    return rc;
}
static int v_delete(sqlite3_vfs *vfs, const char *name, int sync)
{
    return g_real->xDelete(g_real, name, sync);
}
static int v_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
    return g_real->xAccess(g_real, name, flags, out);
}
static int v_full(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
    return g_real->xFullPathname(g_real, name, n, out);
}
static int v_random(sqlite3_vfs *vfs, int n, char *out)
{
    return g_real->xRandomness(g_real, n, out);
}
static int v_sleep(sqlite3_vfs *vfs, int us)
{
    return g_real->xSleep(g_real, us);
}
static int v_time(sqlite3_vfs *vfs, double *out)
{
    return g_real->xCurrentTime(g_real, out);
}
static int v_last_error(sqlite3_vfs *vfs, int n, char *out)
{
    return g_real->xGetLastError(g_real, n, out);
}
static int v_time64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
    return g_real->xCurrentTimeInt64(g_real, out);
}

static sqlite3_vfs g_vfs = {
    2,        0,    1024, NULL, "yanxia-fault", NULL,     v_open,  v_delete, v_access,
    v_full,   NULL, NULL, NULL, NULL,           v_random, v_sleep, v_time,   v_last_error,
    v_time64, NULL, NULL, NULL,
};

static void register_fault_vfs(void)
{
    g_real = sqlite3_vfs_find(NULL);
    assert_non_null(g_real);
    g_vfs.szOsFile = (int)sizeof(FaultFile) + g_real->szOsFile;
    g_vfs.mxPathname = g_real->mxPathname;
    assert_int_equal(sqlite3_vfs_register(&g_vfs, 1), SQLITE_OK);
}

/* ---- what the resident does, and how to count what was kept ---------------- */

typedef struct {
    const char *what;
    int (*submit)(Store *s, int64_t wish_id, StoreReceipt *r);
} Op;

static int op_suggestion(Store *s, int64_t wish_id, StoreReceipt *r)
{
    SuggestionInput in = {"设施维修", "单元门禁坏了", "1203", "13812345678"};
    return store_suggestion_add(s, &in, r);
}
static int op_wish(Store *s, int64_t wish_id, StoreReceipt *r)
{
    return store_wish_add(s, "想请人帮忙修收音机", "1502", r);
}
static int op_claim(Store *s, int64_t wish_id, StoreReceipt *r)
{
    return store_wish_claim(s, wish_id, "302", "小陈", r);
}
static int op_question(Store *s, int64_t wish_id, StoreReceipt *r)
{
    return store_question_add(s, "天冷了血压高怎么办？", "601", r);
}

static const Op OPS[] = {
    {"suggestion", op_suggestion},
    {"wish", op_wish},
    {"claim", op_claim},
    {"question", op_question},
};

typedef struct {
    size_t suggestions, wishes, questions, claimed;
    int64_t outbox;
} Counts;

static Counts count(Store *s)
{
    Counts c = {0};
    SuggestionList sl;
    assert_int_equal(store_suggestion_list(s, NULL, &sl), 0);
    c.suggestions = sl.count;
    suggestion_list_free(&sl);
    WishList wl;
    assert_int_equal(store_wish_list(s, NULL, &wl), 0);
    c.wishes = wl.count;
    for (size_t i = 0; i < wl.count; i++)
        c.claimed += wl.items[i].claim_room[0] != '\0';
    wish_list_free(&wl);
    QuestionList ql;
    assert_int_equal(store_question_list(s, NULL, &ql), 0);
    c.questions = ql.count;
    question_list_free(&ql);
    assert_int_equal(store_outbox_count_pending(s, &c.outbox), 0);
    return c;
}

static void assert_counts_equal(Counts a, Counts b)
{
    assert_int_equal(a.suggestions, b.suggestions);
    assert_int_equal(a.wishes, b.wishes);
    assert_int_equal(a.questions, b.questions);
    assert_int_equal(a.claimed, b.claimed);
    assert_int_equal(a.outbox, b.outbox);
}

/* An open wish from another room, for the claim to aim at. */
static int64_t open_wish(Store *s)
{
    StoreReceipt r;
    assert_int_equal(store_wish_add(s, "想找人一起下象棋", "2202", &r), 0);
    assert_int_equal(store_wish_approve(s, r.id), 0);
    return r.id;
}

static void reopen(TuStore *t)
{
    store_close(t->store);
    char err[512];
    t->store = store_open(t->path, err, sizeof err);
    if (!t->store)
        fail_msg("reopen: %s", err);
    store_set_now(t->store, 1795399200);
}

/* Every submission, under one fault that starts after k successful disk calls, for
 * k = 0, 1, 2 ... until the submission gets through before the disk fails: each
 * refused attempt is REASON_STORAGE with nothing kept, so no k can split a submission
 * from its outbox event (a commit in between would be caught here). The retries run
 * on the same connection, as the kiosk's would; after a restart exactly one copy is
 * there. */
static void run_fault(void **state, Fault fault)
{
    TuStore *t = *state;
    int64_t wish_id = open_wish(t->store);
    for (size_t i = 0; i < sizeof OPS / sizeof OPS[0]; i++) {
        Counts before = count(t->store);
        int refused = 0, kept = 0;
        for (int k = 0; !kept; k++) {
            if (k > 500)
                fail_msg("%s: still failing after %d disk calls", OPS[i].what, k);
            StoreReceipt r = {.id = 7};
            g_faults_hit = 0;
            g_pass_before_fault = k;
            g_fault = fault;
            int rc = OPS[i].submit(t->store, wish_id, &r);
            Reason why = store_reason(t->store);
            g_fault = FAULT_NONE;
            if (rc == 0) {
                kept = 1; /* committed before the disk failed (or never touched it) */
                break;
            }
            refused++;
            if (why != REASON_STORAGE)
                fail_msg("%s, fault after %d calls: reason %s (%s)", OPS[i].what, k,
                         reason_name(why), store_errmsg(t->store));
            assert_true(g_faults_hit > 0);
            assert_int_equal(r.id, 0);
            assert_int_equal(r.receipt[0], '\0'); /* no receipt for something not kept */
            assert_counts_equal(count(t->store), before);
        }
        assert_true(refused > 0);
        reopen(t);
        assert_int_equal(store_check_integrity(t->store), 0);
        Counts after = count(t->store);
        assert_int_equal(after.outbox, before.outbox + 1);
        assert_int_equal(after.suggestions + after.wishes + after.questions + after.claimed,
                         before.suggestions + before.wishes + before.questions + before.claimed +
                             1);
    }
}

static void test_disk_full(void **state)
{
    run_fault(state, FAULT_FULL);
}

static void test_remounted_read_only_while_running(void **state)
{
    run_fault(state, FAULT_WRITE_EROFS);
}

static void test_fsync_fails(void **state)
{
    run_fault(state, FAULT_FSYNC);
}

/* A store whose files can only be opened read-only: either store_open refuses with a
 * message naming the file (the kiosk stops at start-up and says why), or every write
 * is refused with REASON_STORAGE. Either way nothing is half-written. */
static void check_read_only_open(TuStore *t)
{
    char err[512] = "";
    Store *s = store_open(t->path, err, sizeof err);
    if (!s) {
        print_message("store_open refused, as it should: %s\n", err);
        assert_non_null(strstr(err, t->path));
        return;
    }
    print_message("store_open succeeded read-only; every write must be refused\n");
    StoreReceipt r;
    for (size_t i = 0; i < sizeof OPS / sizeof OPS[0]; i++) {
        assert_int_equal(OPS[i].submit(s, 1, &r), -1);
        if (i != 2) /* the claim may stop at "no such wish" first */
            assert_int_equal(store_reason(s), REASON_STORAGE);
    }
    store_close(s);
}

static void test_store_file_opened_read_only(void **state)
{
    TuStore *t = *state;
    Counts before = count(t->store);
    store_close(t->store);
    t->store = NULL;
    g_fault = FAULT_OPEN_RO;
    g_faults_hit = 0;
    check_read_only_open(t);
    g_fault = FAULT_NONE;
    assert_true(g_faults_hit > 0);
    reopen(t);
    assert_counts_equal(count(t->store), before);
}

static void test_chmod_read_only_as_normal_user(void **state)
{
    if (geteuid() == 0)
        skip(); /* root writes through 0444; the VFS case above stands in */
    TuStore *t = *state;
    Counts before = count(t->store);
    store_close(t->store);
    t->store = NULL;
    assert_int_equal(chmod(t->path, 0444), 0);
    assert_int_equal(chmod(t->dir, 0555), 0);
    check_read_only_open(t);
    assert_int_equal(chmod(t->dir, 0755), 0);
    assert_int_equal(chmod(t->path, 0644), 0);
    reopen(t);
    assert_counts_equal(count(t->store), before);
}

int main(void)
{
    register_fault_vfs();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_disk_full, tu_store_setup, tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_remounted_read_only_while_running, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_fsync_fails, tu_store_setup, tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_store_file_opened_read_only, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_chmod_read_only_as_normal_user, tu_store_setup,
                                        tu_store_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
