/* "What residents will see": the kiosk itself renders a draft notice, headless, in the
 * four variants a lobby screen can be in (portrait and landscape, standard and large
 * text), before staff publish it. The draft goes into a scratch store that holds only
 * this building's row and the draft, in a private temporary folder; the kiosk program
 * (the same binary as on the lobby screen) runs a short script on it and writes one
 * screenshot per variant. The four kiosks run at once, each on its own copy of the
 * scratch store (in VARIANT/), so the console's one thread waits for the slowest rather
 * than for the sum. The pictures stay in that folder, served to this session only,
 * until the next preview, logout or exit. */
#include "console/console.h"

#include "core/log.h"
#include "core/utf8.h"
#include "store/kiosk.h"
#include "store/notice.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

const PreviewVariant PREVIEW_VARIANTS[PREVIEW_COUNT] = {
    {"1080x1920", 0, "竖屏 · 标准字"},
    {"1080x1920", 1, "竖屏 · 大字"},
    {"1920x1080", 0, "横屏 · 标准字"},
    {"1920x1080", 1, "横屏 · 大字"},
};

#define KIOSK_TIMEOUT_MS 20000

void preview_clear(Session *s)
{
    if (!s || !s->preview_dir[0])
        return;
    char path[PATH_MAX];
    for (int i = 0; i < PREVIEW_COUNT; i++) {
        snprintf(path, sizeof path, "%s/%d.png", s->preview_dir, i);
        unlink(path);
    }
    char cmd[PATH_MAX + 16];
    /* each variant's folder (its store, script, log and the kiosk's own thumbs/ and
     * shots/): the whole tree goes */
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", s->preview_dir);
    if (strchr(s->preview_dir, '\'') == NULL && system(cmd) != 0)
        log_warn("console", "could not remove the preview folder %s", s->preview_dir);
    s->preview_dir[0] = '\0';
}

/* The kiosk program: $YANXIA, else next to this program, else the installed one. */
static void kiosk_path(char *out, size_t cap)
{
    const char *env = getenv("YANXIA");
    if (env && *env) {
        snprintf(out, cap, "%s", env);
        return;
    }
    char self[PATH_MAX - 16];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n > 0) {
        self[n] = '\0';
        char *slash = strrchr(self, '/');
        if (slash) {
            *slash = '\0';
            snprintf(out, cap, "%s/yanxia", self);
            if (access(out, X_OK) == 0)
                return;
        }
    }
    snprintf(out, cap, "/usr/bin/yanxia");
}

/* Starts the kiosk on variant i's copy of the scratch store (dir/i/); its pid, or -1
 * with err. */
static pid_t start_kiosk(const char *kiosk, const char *dir, int i, char *err, size_t errlen)
{
    char db[PATH_MAX], script[PATH_MAX], shots[PATH_MAX], log_path[PATH_MAX];
    snprintf(db, sizeof db, "%s/%d/yanxia.db", dir, i);
    snprintf(script, sizeof script, "%s/%d/notice.script", dir, i);
    snprintf(shots, sizeof shots, "%s/%d/shots", dir, i);
    snprintf(log_path, sizeof log_path, "%s/%d/kiosk.log", dir, i);
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(err, errlen, "预览没有做出来：无法启动楼道屏程序（%s）", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        int fd = open(log_path, O_WRONLY | O_CREAT | O_APPEND, 0600);
        if (fd >= 0) {
            dup2(fd, STDOUT_FILENO);
            dup2(fd, STDERR_FILENO);
            close(fd);
        }
        setenv("SDL_VIDEODRIVER", "offscreen", 1);
        setenv("SDL_AUDIODRIVER", "dummy", 1);
        execl(kiosk, kiosk, "--headless", "--size", PREVIEW_VARIANTS[i].size, "--db", db,
              "--script", script, "--screenshot-dir", shots, (char *)NULL);
        _exit(127);
    }
    return pid;
}

/* Waits for the kiosks pids[0..n) (-1: not started) together, up to KIOSK_TIMEOUT_MS in
 * all, killing the ones still running then; moves each picture to dir/i.png. 0 when
 * every one wrote its picture, else -1 with err (the first failure's). */
static int wait_kiosks(const char *kiosk, const char *dir, const pid_t *pids, int n, char *err,
                       size_t errlen)
{
    int status[PREVIEW_COUNT] = {0}, done[PREVIEW_COUNT] = {0}, left = 0;
    for (int i = 0; i < n; i++) {
        done[i] = pids[i] <= 0;
        left += !done[i];
    }
    struct timespec tick = {0, 10 * 1000 * 1000};
    for (int waited = 0; left && waited < KIOSK_TIMEOUT_MS; waited += 10) {
        for (int i = 0; i < n; i++)
            if (!done[i] && waitpid(pids[i], &status[i], WNOHANG) == pids[i]) {
                done[i] = 1;
                left--;
            }
        if (left)
            nanosleep(&tick, NULL);
    }
    int rc = 0;
    for (int i = 0; i < n; i++) {
        if (pids[i] <= 0) {
            rc = -1; /* start_kiosk said why */
            continue;
        }
        if (!done[i]) {
            kill(pids[i], SIGKILL);
            waitpid(pids[i], &status[i], 0);
            if (rc == 0)
                snprintf(err, errlen, "预览没有做出来：楼道屏程序超过%d秒没有画完",
                         KIOSK_TIMEOUT_MS / 1000);
            rc = -1;
            continue;
        }
        char from[PATH_MAX + 16], to[PATH_MAX];
        snprintf(from, sizeof from, "%s/%d/shots/preview.png", dir, i);
        snprintf(to, sizeof to, "%s/%d.png", dir, i);
        if (!WIFEXITED(status[i]) || WEXITSTATUS(status[i]) != 0 || rename(from, to) != 0) {
            log_warn("console", "preview kiosk failed (%s, variant %d): see %s/%d/kiosk.log", kiosk,
                     i, dir, i);
            if (rc == 0)
                snprintf(err, errlen, "预览没有做出来：楼道屏程序出错（%s）",
                         WIFEXITED(status[i]) && WEXITSTATUS(status[i]) == 127 ? "找不到楼道屏程序"
                                                                               : "详见日志");
            rc = -1;
        }
    }
    return rc;
}

/* A prefix of the title the script can tap on the notices list: up to 4 characters,
 * stopping at a quote (the script's delimiter). */
static void tap_prefix(const char *title, char *out, size_t cap)
{
    const char *p = title;
    size_t n = 0;
    for (int k = 0; k < 4 && *p && *p != '"' && *p != '\n'; k++) {
        const char *q = p;
        utf8_next(&q);
        if (n + (size_t)(q - p) >= cap)
            break;
        memcpy(out + n, p, (size_t)(q - p));
        n += (size_t)(q - p);
        p = q;
    }
    out[n] = '\0';
}

/* Copies variant 0's scratch store (closed, so one file) into dir/i/ for variant i: the
 * kiosks run at once, and each may write to its store. 0, or -1 with err. */
static int copy_store(const char *dir, int i, char *err, size_t errlen)
{
    char from[PATH_MAX], to[PATH_MAX];
    snprintf(to, sizeof to, "%s/%d", dir, i);
    if (mkdir(to, 0700) < 0) {
        snprintf(err, errlen, "预览没有做出来：无法建临时文件夹（%s）", strerror(errno));
        return -1;
    }
    snprintf(from, sizeof from, "%s/0/yanxia.db", dir);
    snprintf(to, sizeof to, "%s/%d/yanxia.db", dir, i);
    FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
    char buf[16384];
    size_t n;
    int ok = in && out;
    while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
        ok = fwrite(buf, 1, n, out) == n;
    ok = ok && !ferror(in);
    if (in)
        fclose(in);
    if (out && fclose(out) != 0)
        ok = 0;
    if (!ok)
        snprintf(err, errlen, "预览没有做出来：无法复制临时数据（%s）", strerror(errno));
    return ok ? 0 : -1;
}

int preview_notice(Console *c, Session *s, const StaffNotice *in, const KioskInfo *building,
                   char *err, size_t errlen)
{
    preview_clear(s);
    const char *base = getenv("TMPDIR");
    snprintf(s->preview_dir, sizeof s->preview_dir, "%s/yanxia-preview-XXXXXX",
             base && *base ? base : "/tmp");
    if (!mkdtemp(s->preview_dir)) {
        s->preview_dir[0] = '\0';
        snprintf(err, errlen, "预览没有做出来：无法建临时文件夹（%s）", strerror(errno));
        return -1;
    }
    int rc = -1;
    char db[PATH_MAX], e[512];
    snprintf(db, sizeof db, "%s/0", s->preview_dir);
    if (mkdir(db, 0700) < 0) {
        snprintf(err, errlen, "预览没有做出来：无法建临时文件夹（%s）", strerror(errno));
        goto out;
    }
    snprintf(db, sizeof db, "%s/0/yanxia.db", s->preview_dir);
    Store *scratch = store_open(db, e, sizeof e);
    KioskInfo k;
    if (!scratch) {
        snprintf(err, errlen, "预览没有做出来：%s", e);
        goto out;
    }
    if (building) {
        store_kiosk_set(scratch, building); /* over the hub: the building's code and name */
    } else if (store_kiosk_get(c->store, &k) == 0) {
        store_kiosk_set(scratch, &k); /* the building's name and rules, as residents see them */
        kiosk_info_deinit(&k);
    }
    Notice n = {.title = (char *)in->title,
                .body = (char *)in->body,
                .category = (char *)(in->urgent ? NOTICE_URGENT : in->category),
                .author = (char *)staff_signature(&s->actor),
                .pinned = in->pinned};
    if (store_notice_add(scratch, &n, NULL) < 0) {
        snprintf(err, errlen, "%s", reason_text(store_reason(scratch)));
        store_close(scratch);
        goto out;
    }
    store_close(scratch);

    char prefix[32], script[PATH_MAX], kiosk[PATH_MAX];
    tap_prefix(in->title, prefix, sizeof prefix);
    kiosk_path(kiosk, sizeof kiosk);
    pid_t pids[PREVIEW_COUNT];
    for (int i = 0; i < PREVIEW_COUNT; i++)
        pids[i] = -1;
    int started = 0;
    for (int i = 0; i < PREVIEW_COUNT; i++) {
        if (i > 0 && copy_store(s->preview_dir, i, err, errlen) < 0)
            break;
        snprintf(script, sizeof script, "%s/%d/notice.script", s->preview_dir, i);
        FILE *f = fopen(script, "w");
        if (!f) {
            snprintf(err, errlen, "预览没有做出来：无法写脚本（%s）", strerror(errno));
            break;
        }
        fprintf(f, "goto home\n%s", PREVIEW_VARIANTS[i].large ? "tap \"大字\"\n" : "");
        if (prefix[0])
            fprintf(f, "goto notices\ntap \"%s\"\nexpect \"通知详情\"\n", prefix);
        else
            fprintf(f, "goto notices\n");
        fprintf(f, "shot preview\n");
        if (fclose(f) != 0) {
            snprintf(err, errlen, "预览没有做出来：无法写脚本");
            break;
        }
        if ((pids[i] = start_kiosk(kiosk, s->preview_dir, i, err, errlen)) < 0)
            break;
        started++;
    }
    /* wait for the ones started even when a later one failed: no kiosk left behind */
    char werr[256];
    if (wait_kiosks(kiosk, s->preview_dir, pids, PREVIEW_COUNT, werr, sizeof werr) == 0 &&
        started == PREVIEW_COUNT)
        rc = 0;
    else if (started == PREVIEW_COUNT)
        snprintf(err, errlen, "%s", werr);
out:
    if (rc < 0)
        preview_clear(s);
    return rc;
}

int preview_file(const Session *s, int i, char *path, size_t cap)
{
    if (!s || !s->preview_dir[0] || i < 0 || i >= PREVIEW_COUNT)
        return -1;
    snprintf(path, cap, "%s/%d.png", s->preview_dir, i);
    return access(path, R_OK) == 0 ? 0 : -1;
}
