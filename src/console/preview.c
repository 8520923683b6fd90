/* "What residents will see": the kiosk itself renders a draft notice, headless, in the
 * four variants a lobby screen can be in (portrait and landscape, standard and large
 * text), before staff publish it. The draft goes into a scratch store that holds only
 * this building's row and the draft, in a private temporary folder; the kiosk program
 * (the same binary as on the lobby screen) runs a short script on it and writes one
 * screenshot per variant. The pictures stay in that folder, served to this session
 * only, until the next preview, logout or exit. */
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
    static const char *const scratch[] = {"yanxia.db", "yanxia.db-wal", "yanxia.db-shm",
                                          "notice.script", "kiosk.log"};
    for (size_t i = 0; i < sizeof scratch / sizeof scratch[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", s->preview_dir, scratch[i]);
        unlink(path);
    }
    char cmd[PATH_MAX + 16];
    /* the kiosk may leave folders of its own (thumbs/, shots/): the whole tree goes */
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

/* Runs the kiosk on the scratch store for one variant; 0 when it wrote its picture. */
static int run_kiosk(const char *kiosk, const char *dir, int i, char *err, size_t errlen)
{
    char db[PATH_MAX], script[PATH_MAX], shots[PATH_MAX], log_path[PATH_MAX];
    snprintf(db, sizeof db, "%s/yanxia.db", dir);
    snprintf(script, sizeof script, "%s/notice.script", dir);
    snprintf(shots, sizeof shots, "%s/shots", dir);
    snprintf(log_path, sizeof log_path, "%s/kiosk.log", dir);
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
    int status = 0;
    struct timespec tick = {0, 10 * 1000 * 1000};
    int waited = 0;
    pid_t got;
    while ((got = waitpid(pid, &status, WNOHANG)) == 0 && waited < KIOSK_TIMEOUT_MS) {
        nanosleep(&tick, NULL);
        waited += 10;
    }
    if (got == 0) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        snprintf(err, errlen, "预览没有做出来：楼道屏程序超过%d秒没有画完",
                 KIOSK_TIMEOUT_MS / 1000);
        return -1;
    }
    char from[PATH_MAX + 16], to[PATH_MAX];
    snprintf(from, sizeof from, "%s/preview.png", shots);
    snprintf(to, sizeof to, "%s/%d.png", dir, i);
    if (got < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0 || rename(from, to) != 0) {
        log_warn("console", "preview kiosk failed (%s, variant %d): see %s", kiosk, i, log_path);
        snprintf(err, errlen, "预览没有做出来：楼道屏程序出错（%s）",
                 WIFEXITED(status) && WEXITSTATUS(status) == 127 ? "找不到楼道屏程序" : "详见日志");
        return -1;
    }
    return 0;
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

int preview_notice(Console *c, Session *s, const StaffNotice *in, char *err, size_t errlen)
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
    char db[PATH_MAX], e[512];
    snprintf(db, sizeof db, "%s/yanxia.db", s->preview_dir);
    Store *scratch = store_open(db, e, sizeof e);
    KioskInfo k;
    int rc = -1;
    if (!scratch) {
        snprintf(err, errlen, "预览没有做出来：%s", e);
        goto out;
    }
    if (store_kiosk_get(c->store, &k) == 0) {
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

    char prefix[32], script[PATH_MAX];
    tap_prefix(in->title, prefix, sizeof prefix);
    snprintf(script, sizeof script, "%s/notice.script", s->preview_dir);
    for (int i = 0; i < PREVIEW_COUNT; i++) {
        FILE *f = fopen(script, "w");
        if (!f) {
            snprintf(err, errlen, "预览没有做出来：无法写脚本（%s）", strerror(errno));
            goto out;
        }
        fprintf(f, "goto home\n%s", PREVIEW_VARIANTS[i].large ? "tap \"大字\"\n" : "");
        if (prefix[0])
            fprintf(f, "goto notices\ntap \"%s\"\nexpect \"通知详情\"\n", prefix);
        else
            fprintf(f, "goto notices\n");
        fprintf(f, "shot preview\n");
        if (fclose(f) != 0) {
            snprintf(err, errlen, "预览没有做出来：无法写脚本");
            goto out;
        }
        char kiosk[PATH_MAX];
        kiosk_path(kiosk, sizeof kiosk);
        if (run_kiosk(kiosk, s->preview_dir, i, err, errlen) < 0)
            goto out;
    }
    rc = 0;
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
