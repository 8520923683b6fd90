/* "What residents will see": the kiosk itself renders a draft notice, headless, in the
 * four variants a lobby screen can be in (portrait and landscape, standard and large
 * text), before staff publish it. The draft goes into a scratch store that holds only
 * this building's row and the draft, in a private temporary folder; the kiosk program
 * (the same binary as on the lobby screen) runs a short script on it and writes one
 * screenshot per variant. The four kiosks run at once, each on its own copy of the
 * scratch store (in VARIANT/). The console's thread does not wait for them: it starts
 * them and serves others while the waiter (preview_wait.c) watches them; once they are
 * done the request is routed again and preview_finish takes the pictures. They stay in
 * the folder, served to this session only, until the next preview, logout or exit. A
 * session draws one preview at a time: asking again supersedes the one drawing. */
#include "console/preview.h"

#include "core/log.h"
#include "core/utf8.h"
#include "store/kiosk.h"
#include "store/notice.h"

#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
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

/* How long a preview's kiosks may take: KIOSK_TIMEOUT_MS, or $YANXIA_PREVIEW_TIMEOUT_MS
 * (tests that hold kiosks at a FIFO for as long as a loaded machine needs set it). */
static int64_t kiosk_timeout_ms(void)
{
    const char *env = getenv("YANXIA_PREVIEW_TIMEOUT_MS");
    char *end;
    long long ms = env && *env ? strtoll(env, &end, 10) : 0;
    return env && *env && *end == '\0' && ms >= 1000 && ms <= 3600000 ? ms : KIOSK_TIMEOUT_MS;
}

/* What remove_at could not remove first: the entry's name and why. */
typedef struct {
    char name[NAME_MAX + 1];
    int err; /* 0: everything went */
} RemoveFailure;

/* Removes name (in the folder parent, an open directory or AT_FDCWD) with what is in
 * it, through file descriptors: a symbolic link is removed, never followed, and a folder
 * swapped for a link meanwhile is not entered (O_NOFOLLOW). Goes on past what it cannot
 * remove; -1 then, the first such entry in *f. */
static int remove_at(int parent, const char *name, int depth, RemoveFailure *f)
{
    if (unlinkat(parent, name, 0) == 0 || errno == ENOENT)
        return 0;
    int rc = 0, err = errno;
    /* a folder: Linux answers EISDIR, POSIX allows EPERM; the kiosk's tree is 3 deep */
    if ((err == EISDIR || err == EPERM) && depth < 16) {
        int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
        err = errno;
        if (!d && fd >= 0)
            close(fd);
        if (!d)
            goto err;
        struct dirent *e;
        while ((e = readdir(d)) != NULL)
            if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0 &&
                remove_at(dirfd(d), e->d_name, depth + 1, f) < 0)
                rc = -1;
        closedir(d);
        if (unlinkat(parent, name, AT_REMOVEDIR) == 0 || errno == ENOENT)
            return rc;
        err = errno;
    }
err:
    if (!f->err) {
        snprintf(f->name, sizeof f->name, "%s", depth ? name : "the folder itself");
        f->err = err;
    }
    return -1;
}

/* Removes a preview folder with what is in it (each variant's folder: its store, script,
 * log and the kiosk's own thumbs/ and shots/); dir[0] = '\0' after. Whatever cannot be
 * removed stays, and a line in the log says what. */
static void remove_tree(char *dir)
{
    if (!dir[0])
        return;
    RemoveFailure f = {.err = 0};
    if (remove_at(AT_FDCWD, dir, 0, &f) < 0)
        log_warn("console", "could not remove the preview folder %s whole (%s: %s)", dir, f.name,
                 strerror(f.err));
    dir[0] = '\0';
}

void preview_clear(Session *s)
{
    if (s)
        remove_tree(s->preview_dir);
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

/* This process's environment with SDL set to draw offscreen and play nothing, for a
 * kiosk: made before fork, as the child of a process with threads may only call what is
 * async-signal-safe until it execs. NULL when out of memory; free the array only. */
static char **kiosk_environ(void)
{
    extern char **environ;
    size_t n = 0;
    while (environ[n])
        n++;
    char **env = malloc((n + 3) * sizeof *env);
    if (!env)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (strncmp(environ[i], "SDL_VIDEODRIVER=", 16) != 0 &&
            strncmp(environ[i], "SDL_AUDIODRIVER=", 16) != 0)
            env[k++] = environ[i];
    env[k++] = "SDL_VIDEODRIVER=offscreen";
    env[k++] = "SDL_AUDIODRIVER=dummy";
    env[k] = NULL;
    return env;
}

/* A pidfd for pid (readable once it has ended: the waiter polls it, and it names this
 * child only, never another that got its pid). glibc before 2.36 has no wrapper; -1 on
 * a kernel before 5.3, and the waiter then looks every tick instead. Close-on-exec. */
static int pidfd_for(pid_t pid)
{
#ifdef SYS_pidfd_open
    return (int)syscall(SYS_pidfd_open, pid, 0);
#else
    (void)pid;
    errno = ENOSYS;
    return -1;
#endif
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
    char *argv[] = {(char *)kiosk,
                    "--headless",
                    "--size",
                    (char *)PREVIEW_VARIANTS[i].size,
                    "--db",
                    db,
                    "--script",
                    script,
                    "--screenshot-dir",
                    shots,
                    NULL};
    char **env = kiosk_environ();
    pid_t pid = env ? fork() : -1;
    if (pid < 0) {
        snprintf(err, errlen, "预览没有做出来：无法启动楼道屏程序（%s）",
                 strerror(env ? errno : ENOMEM));
        free(env);
        return -1;
    }
    if (pid == 0) {
        int fd = open(log_path, O_WRONLY | O_CREAT | O_APPEND, 0600);
        if (fd >= 0) {
            dup2(fd, STDOUT_FILENO);
            dup2(fd, STDERR_FILENO);
            close(fd);
        }
        execve(kiosk, argv, env);
        _exit(127);
    }
    free(env);
    return pid;
}

/* Moves each picture of p (every kiosk reaped) to p->dir/i.png. 0 when every kiosk
 * wrote its picture, else -1 with err (the first failure's). */
static int collect_pictures(Preview *p, char *err, size_t errlen)
{
    switch (p->end) {
    case PREVIEW_DRAWN:
        break;
    case PREVIEW_STOPPING:
        snprintf(err, errlen, "预览没有做出来：后台正在停止，请稍后再试");
        return -1;
    case PREVIEW_TIMED_OUT:
        snprintf(err, errlen, "预览没有做出来：楼道屏程序超过%d秒没有画完",
                 (int)(kiosk_timeout_ms() / 1000));
        return -1;
    case PREVIEW_ABANDONED: /* nobody reads it: the browser has gone */
        snprintf(err, errlen, "预览没有做出来：浏览器已经断开");
        return -1;
    case PREVIEW_SUPERSEDED:
        snprintf(err, errlen, "这次预览停下了：您后来又点了预览，请看后来那一页上的图");
        return -1;
    }
    int rc = 0;
    for (int i = 0; i < PREVIEW_COUNT; i++) {
        char from[PATH_MAX + 16], to[PATH_MAX];
        snprintf(from, sizeof from, "%s/%d/shots/preview.png", p->dir, i);
        snprintf(to, sizeof to, "%s/%d.png", p->dir, i);
        int st = p->status[i];
        if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 0 || rename(from, to) != 0) {
            log_warn("console", "preview kiosk failed (%s, variant %d): see %s/%d/kiosk.log",
                     p->kiosk, i, p->dir, i);
            if (rc == 0)
                snprintf(err, errlen, "预览没有做出来：楼道屏程序出错（%s）",
                         st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 127 ? "找不到楼道屏程序"
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

int preview_start(Console *c, Request *r, const StaffNotice *in, const KioskInfo *building,
                  char *err, size_t errlen)
{
    assert(!r->preview);
    Session *s = r->session;
    /* the newest preview a member asked for is the one they wait for (another tab, or a
     * second click before the first page came): the older one's kiosks go, its slot with
     * them */
    int replacing = s->drawing ? preview_supersede(c, s->drawing) : 0;
    if (preview_in_flight(c) - replacing >= PREVIEW_FLIGHTS_MAX) {
        snprintf(err, errlen, "预览没有做出来：同时在做的预览太多，请过一会儿再点预览");
        return -1;
    }
    Preview *p = calloc(1, sizeof *p);
    if (!p) {
        snprintf(err, errlen, "预览没有做出来：内存不够");
        return -1;
    }
    for (int i = 0; i < PREVIEW_COUNT; i++)
        p->pids[i] = p->pidfds[i] = -1;
    p->client_fd = -1;
    const char *base = getenv("TMPDIR");
    snprintf(p->dir, sizeof p->dir, "%s/yanxia-preview-XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(p->dir)) {
        p->dir[0] = '\0';
        snprintf(err, errlen, "预览没有做出来：无法建临时文件夹（%s）", strerror(errno));
        goto fail;
    }
    char db[PATH_MAX], e[512];
    snprintf(db, sizeof db, "%s/0", p->dir);
    if (mkdir(db, 0700) < 0) {
        snprintf(err, errlen, "预览没有做出来：无法建临时文件夹（%s）", strerror(errno));
        goto fail;
    }
    snprintf(db, sizeof db, "%s/0/yanxia.db", p->dir);
    Store *scratch = store_open(db, e, sizeof e);
    KioskInfo k;
    if (!scratch) {
        snprintf(err, errlen, "预览没有做出来：%s", e);
        goto fail;
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
                .author = (char *)(in->author && *in->author ? in->author
                                                             : staff_signature(&r->session->actor)),
                .pinned = in->pinned};
    if (store_notice_add(scratch, &n, NULL) < 0) {
        snprintf(err, errlen, "%s", reason_text(store_reason(scratch)));
        store_close(scratch);
        goto fail;
    }
    store_close(scratch);

    char prefix[32], script[PATH_MAX];
    tap_prefix(in->title, prefix, sizeof prefix);
    kiosk_path(p->kiosk, sizeof p->kiosk);
    for (int i = 0; i < PREVIEW_COUNT; i++) {
        if (i > 0 && copy_store(p->dir, i, err, errlen) < 0)
            goto fail;
        snprintf(script, sizeof script, "%s/%d/notice.script", p->dir, i);
        FILE *f = fopen(script, "w");
        if (!f) {
            snprintf(err, errlen, "预览没有做出来：无法写脚本（%s）", strerror(errno));
            goto fail;
        }
        fprintf(f, "goto home\n%s", PREVIEW_VARIANTS[i].large ? "tap \"大字\"\n" : "");
        if (prefix[0])
            fprintf(f, "goto notices\ntap \"%s\"\nexpect \"通知详情\"\n", prefix);
        else
            fprintf(f, "goto notices\n");
        fprintf(f, "shot preview\n");
        if (fclose(f) != 0) {
            snprintf(err, errlen, "预览没有做出来：无法写脚本");
            goto fail;
        }
        if ((p->pids[i] = start_kiosk(p->kiosk, p->dir, i, err, errlen)) < 0)
            goto fail;
        p->pidfds[i] = pidfd_for(p->pids[i]);
    }
    p->deadline_ms = preview_now_ms() + kiosk_timeout_ms();
    p->state = PREVIEW_STARTED;
    p->session = s;
    s->drawing = p;
    r->preview = p;
    return 0;
fail:
    preview_free(p); /* the kiosks started before a failure are killed and reaped */
    return -1;
}

int preview_finish(Console *c, Request *r, char *err, size_t errlen)
{
    Preview *p = r->preview;
    preview_settle(c, p);
    int rc = collect_pictures(p, err, errlen);
    if (rc == 0) {
        preview_clear(r->session); /* the previous preview's pictures */
        snprintf(r->session->preview_dir, sizeof r->session->preview_dir, "%s", p->dir);
        p->dir[0] = '\0'; /* the session's now */
    }
    preview_free(p);
    r->preview = NULL;
    return rc;
}

int preview_started(const Request *r)
{
    return r->preview && r->preview->state == PREVIEW_STARTED;
}

void preview_free(Preview *p)
{
    if (!p)
        return;
    assert(p->state != PREVIEW_WATCHED);
    if (p->session && p->session->drawing == p)
        p->session->drawing = NULL; /* (a session dropped meanwhile has NULL there) */
    preview_reap(p, 1);
    remove_tree(p->dir);
    free(p);
}

int preview_file(const Session *s, int i, char *path, size_t cap)
{
    if (!s || !s->preview_dir[0] || i < 0 || i >= PREVIEW_COUNT)
        return -1;
    snprintf(path, cap, "%s/%d.png", s->preview_dir, i);
    return access(path, R_OK) == 0 ? 0 : -1;
}
