/* Pinyin through librime: one process-wide engine, deployed on a background thread when
 * the first form that may type pinyin opens and stopped when the last one closes
 * (schema luna_pinyin_simp, user data in <data_dir>/rime/), and one Rime session per
 * open form. Only the deployment thread runs off the UI thread. */
#define _GNU_SOURCE /* nftw */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <ftw.h>
#include <sys/stat.h>
#include <time.h>

#include <rime_api.h>

#include "core/log.h"
#include "ime/ime_internal.h"

#define PINYIN_SCHEMA     "luna_pinyin_simp"
#define PINYIN_SHARED_DIR "/usr/share/rime-data"

/* Rime keysyms for the keys that are not plain ASCII. */
#define XK_BACKSPACE 0xff08
#define XK_RETURN    0xff0d

static RimeApi *g_api;
static pthread_t g_thread;
static bool g_started;
static atomic_int g_state = PINYIN_OFF;
static char g_user_dir[512];
/* Kept open from deployment to stop so the dictionary stays loaded and a form's first
 * key doesn't pay for reading it. */
static RimeSessionId g_warm;

static pthread_mutex_t g_hold_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_hold_cv = PTHREAD_COND_INITIALIZER;
static bool g_hold;
/* Imes that may type pinyin (see pinyin_engine_acquire); UI thread only. */
static int g_users;

/* Only luna_pinyin_simp is listed: without this Rime would deploy every schema in the
 * shared default.yaml (megabytes of build files and seconds of CPU on a lobby box). */
static const char DEFAULT_CUSTOM_YAML[] = "# Written by Yanxia: the kiosk uses one schema.\n"
                                          "patch:\n"
                                          "  schema_list:\n"
                                          "    - schema: " PINYIN_SCHEMA "\n";

void ime_debug_hold_deploy(bool hold)
{
    pthread_mutex_lock(&g_hold_mu);
    g_hold = hold;
    pthread_cond_broadcast(&g_hold_cv);
    pthread_mutex_unlock(&g_hold_mu);
}

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void *deploy_main(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&g_hold_mu);
    while (g_hold)
        pthread_cond_wait(&g_hold_cv, &g_hold_mu);
    pthread_mutex_unlock(&g_hold_mu);

    long t0 = now_ms();
    RIME_STRUCT(RimeTraits, traits);
    traits.shared_data_dir = PINYIN_SHARED_DIR;
    traits.user_data_dir = g_user_dir;
    traits.distribution_name = "Yanxia";
    traits.distribution_code_name = "yanxia";
    traits.distribution_version = YANXIA_VERSION;
    traits.app_name = "rime.yanxia";
    traits.min_log_level = 3; /* FATAL only: glog would otherwise chatter on stderr */
    static bool set_up;       /* setup() starts glog, which may happen once per process */
    if (!set_up) {
        g_api->setup(&traits);
        set_up = true;
    }
    g_api->initialize(&traits);
    if (g_api->start_maintenance(False))
        g_api->join_maintenance_thread();

    /* A probe session proves the schema loads; it then keeps the dictionary warm. */
    RimeSessionId s = g_api->create_session();
    char schema[64] = "";
    if (s && g_api->select_schema(s, PINYIN_SCHEMA))
        g_api->get_current_schema(s, schema, sizeof schema);
    if (strcmp(schema, PINYIN_SCHEMA) != 0) {
        log_error("ime", "rime: schema %s did not load (shared data in %s)", PINYIN_SCHEMA,
                  PINYIN_SHARED_DIR);
        if (s)
            g_api->destroy_session(s);
        atomic_store(&g_state, PINYIN_FAILED);
        return NULL;
    }
    g_api->process_key(s, 'a', 0); /* loads the dictionary now, not on a resident's key */
    g_api->clear_composition(s);
    g_warm = s;
    log_info("ime", "rime ready in %ld ms (%s)", now_ms() - t0, g_user_dir);
    atomic_store(&g_state, PINYIN_READY);
    return NULL;
}

static int write_if_missing(const char *path, const char *text)
{
    FILE *f = fopen(path, "wx"); /* an operator's own file wins */
    if (!f)
        return errno == EEXIST ? 0 : -1;
    int rc = fputs(text, f) < 0 ? -1 : 0;
    if (fclose(f) != 0)
        rc = -1;
    return rc;
}

int pinyin_engine_start(const char *data_dir, char *err, size_t errlen)
{
    if (g_started)
        return 0;
    char path[600];
    int n = snprintf(g_user_dir, sizeof g_user_dir, "%s/rime", data_dir);
    if (n < 0 || (size_t)n >= sizeof g_user_dir) {
        snprintf(err, errlen, "data dir path too long");
        return -1;
    }
    if (mkdir(g_user_dir, 0755) != 0 && errno != EEXIST) {
        snprintf(err, errlen, "mkdir %s: %s", g_user_dir, strerror(errno));
        return -1;
    }
    snprintf(path, sizeof path, "%s/default.custom.yaml", g_user_dir);
    if (write_if_missing(path, DEFAULT_CUSTOM_YAML) != 0) {
        snprintf(err, errlen, "write %s: %s", path, strerror(errno));
        return -1;
    }
    g_api = rime_get_api();
    if (!g_api) {
        snprintf(err, errlen, "librime has no API");
        return -1;
    }
    atomic_store(&g_state, PINYIN_DEPLOYING);
    if (pthread_create(&g_thread, NULL, deploy_main, NULL) != 0) {
        atomic_store(&g_state, PINYIN_FAILED);
        snprintf(err, errlen, "cannot start the rime deployment thread");
        return -1;
    }
    g_started = true;
    /* librime's own static destructors run at exit; a deployment still running then
     * would use freed memory. Registered after librime loaded, this runs before them. */
    static bool registered;
    if (!registered && atexit(pinyin_engine_stop) == 0)
        registered = true;
    return 0;
}

PinyinState pinyin_engine_state(void)
{
    return (PinyinState)atomic_load(&g_state);
}

int pinyin_engine_wait(int timeout_ms)
{
    pthread_mutex_lock(&g_hold_mu);
    bool held = g_hold;
    pthread_mutex_unlock(&g_hold_mu);
    long end = now_ms() + timeout_ms;
    /* a held deployment is a test looking at the not-ready state: don't wait for it */
    while (!held && pinyin_engine_state() == PINYIN_DEPLOYING && now_ms() < end) {
        struct timespec ts = {0, 2 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    return pinyin_engine_state() == PINYIN_READY;
}

void pinyin_engine_stop(void)
{
    if (!g_started)
        return;
    ime_debug_hold_deploy(false); /* a held thread would never be joined */
    pthread_join(g_thread, NULL);
    if (g_warm)
        g_api->destroy_session(g_warm);
    g_warm = 0;
    g_api->finalize();
    g_started = false;
    atomic_store(&g_state, PINYIN_OFF);
}

/* Removes Rime's user dictionaries (LevelDB folders "*.userdb" and their text
 * snapshots) from the user data folder. */
static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path) == 0 || errno == ENOENT ? 0 : -1;
}

static void remove_userdbs(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!strstr(e->d_name, ".userdb"))
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (nftw(path, remove_entry, 8, FTW_DEPTH | FTW_PHYS) != 0)
            log_warn("ime", "cannot remove %s: %s", path, strerror(errno));
    }
    closedir(d);
}

int pinyin_engine_acquire(const char *data_dir, char *err, size_t errlen)
{
    if (pinyin_engine_start(data_dir, err, errlen) != 0)
        return -1;
    g_users++;
    return 0;
}

bool pinyin_engine_release(void)
{
    if (g_users > 0)
        g_users--;
    if (g_users > 0)
        return false;
    /* nobody can type pinyin now: give Rime's memory back until the next form, and drop
     * what it learnt (the next start reads no user dictionary) */
    if (g_started) {
        pinyin_engine_stop();
        remove_userdbs(g_user_dir);
    }
    return true;
}

uintptr_t pinyin_session_open(void)
{
    if (pinyin_engine_state() != PINYIN_READY)
        return 0;
    RimeSessionId s = g_api->create_session();
    if (!s)
        return 0;
    if (!g_api->select_schema(s, PINYIN_SCHEMA)) {
        g_api->destroy_session(s);
        return 0;
    }
    return (uintptr_t)s;
}

void pinyin_session_close(uintptr_t s)
{
    if (s)
        g_api->destroy_session((RimeSessionId)s);
}

int pinyin_session_key(uintptr_t s, char key)
{
    int code = (unsigned char)key;
    if (key == IME_KEY_BACKSPACE)
        code = XK_BACKSPACE;
    else if (key == IME_KEY_ENTER)
        code = XK_RETURN;
    return g_api->process_key((RimeSessionId)s, code, 0) ? 1 : 0;
}

void pinyin_session_preedit(uintptr_t s, char *buf, size_t n)
{
    buf[0] = '\0';
    RIME_STRUCT(RimeContext, ctx);
    if (!g_api->get_context((RimeSessionId)s, &ctx))
        return;
    if (ctx.composition.preedit)
        snprintf(buf, n, "%s", ctx.composition.preedit);
    g_api->free_context(&ctx);
}

/* Copies src into a candidate slot, cutting at a UTF-8 character boundary. */
static void copy_candidate(char *dst, const char *src)
{
    size_t len = strlen(src);
    if (len >= IME_CAND_MAX) {
        len = IME_CAND_MAX - 1;
        while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
            len--; /* don't split a character */
    }
    memcpy(dst, src, len);
    dst[len] = '\0';
}

int pinyin_session_candidates(uintptr_t s, int first, ImeCandidates *out)
{
    out->count = 0;
    out->has_next = false;
    RimeCandidateListIterator it = {0};
    if (!g_api->candidate_list_from_index((RimeSessionId)s, &it, first))
        return 0;
    while (g_api->candidate_list_next(&it)) {
        if (out->count == IME_PAGE_SIZE) {
            out->has_next = true; /* one more exists: the page can move on */
            break;
        }
        copy_candidate(out->text[out->count], it.candidate.text ? it.candidate.text : "");
        out->score[out->count] = 0;
        out->count++;
    }
    g_api->candidate_list_end(&it);
    return out->count;
}

int pinyin_session_select(uintptr_t s, int index)
{
    return g_api->select_candidate((RimeSessionId)s, (size_t)index) ? 0 : -1;
}

void pinyin_session_take_commit(uintptr_t s, Buf *into)
{
    RIME_STRUCT(RimeCommit, commit);
    if (!g_api->get_commit((RimeSessionId)s, &commit))
        return;
    if (commit.text)
        buf_puts(into, commit.text);
    g_api->free_commit(&commit);
}

void pinyin_session_clear(uintptr_t s)
{
    g_api->clear_composition((RimeSessionId)s);
}
