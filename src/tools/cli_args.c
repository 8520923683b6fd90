/* yanxiactl's plumbing: option tables parsed into typed destinations, --help printed
 * from the same tables, one-line errors, the store opened once, files read and written
 * whole. */
#include "tools/cli.h"

#include "core/timeutil.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void cli_set_cmd(Cli *c, const char *a, const char *b)
{
    snprintf(c->cmd, sizeof c->cmd, "%s%s%s", a, b ? " " : "", b ? b : "");
}

/* Prints "yanxiactl: cmd: msg" as exactly one line (newlines in msg become spaces). */
static void say(Cli *c, const char *msg)
{
    char line[1024];
    snprintf(line, sizeof line, "%s", msg);
    for (char *p = line; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    if (c->cmd[0])
        fprintf(stderr, "yanxiactl: %s: %s\n", c->cmd, line);
    else
        fprintf(stderr, "yanxiactl: %s\n", line);
}

int cli_usage(Cli *c, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    size_t n = strlen(msg);
    snprintf(msg + n, sizeof msg - n, " (see: yanxiactl %s --help)", c->cmd[0] ? c->cmd : "");
    say(c, msg);
    c->status = CLI_EXIT_USAGE;
    return CLI_EXIT_USAGE;
}

int cli_fail(Cli *c, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    say(c, msg);
    c->status = CLI_EXIT_FAIL;
    return CLI_EXIT_FAIL;
}

int cli_fail_store(Cli *c)
{
    Reason r = c->store ? store_reason(c->store) : REASON_STORAGE;
    const char *detail = c->store ? store_errmsg(c->store) : "no store";
    return cli_fail(c, "%s (%s)", reason_text(r), detail);
}

int cli_fail_reason(Cli *c, Reason r, const char *fmt, ...)
{
    char detail[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    return cli_fail(c, "%s (%s)", reason_text(r), detail);
}

static void print_help(Cli *c, const CliSpec *spec)
{
    printf("用法: yanxiactl [--db PATH] %s\n", spec->usage);
    if (spec->about)
        printf("%s\n", spec->about);
    if (!spec->opts || !spec->opts[0].name)
        return;
    printf("\n选项:\n");
    for (const CliOpt *o = spec->opts; o->name; o++) {
        char left[64];
        snprintf(left, sizeof left, "--%s%s%s", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
        printf("  %-24s %s\n", left, o->help ? o->help : "");
    }
    (void)c;
}

static CliOpt *find_opt(CliOpt *opts, const char *name, size_t n)
{
    for (CliOpt *o = opts; o && o->name; o++)
        if (strlen(o->name) == n && strncmp(o->name, name, n) == 0)
            return o;
    return NULL;
}

int cli_given(const CliOpt *opts, const char *name)
{
    for (const CliOpt *o = opts; o && o->name; o++)
        if (strcmp(o->name, name) == 0)
            return o->given;
    return 0;
}

/* Stores value into o's destination; a usage error for a bad number or time. */
static int set_value(Cli *c, CliOpt *o, const char *value)
{
    switch (o->type) {
    case OPT_FLAG:
        *(int *)o->dest = 1;
        break;
    case OPT_STR:
        *(const char **)o->dest = value;
        break;
    case OPT_INT: {
        char *end;
        errno = 0;
        long long v = strtoll(value, &end, 10);
        if (!*value || *end || errno)
            return cli_usage(c, "--%s: not a whole number: %.40s", o->name, value), -1;
        *(int64_t *)o->dest = v;
        break;
    }
    case OPT_TIME:
        if (time_parse(value, (int64_t *)o->dest) < 0)
            return cli_usage(c, "--%s: not a date like 2026-11-23 or 2026-11-23 18:30: %.40s",
                             o->name, value),
                   -1;
        break;
    case OPT_LIST: {
        CliStrList *l = o->dest;
        if (l->n == CLI_LIST_MAX)
            return cli_usage(c, "--%s given more than %d times", o->name, CLI_LIST_MAX), -1;
        l->v[l->n++] = value;
        break;
    }
    }
    o->given = 1;
    return 0;
}

int cli_parse(Cli *c, const CliSpec *spec, int argc, char **argv)
{
    free(c->pos_heap);
    c->pos_heap = calloc((size_t)argc + 1, sizeof *c->pos_heap);
    c->pos = c->pos_heap;
    c->npos = 0;
    if (!c->pos_heap) {
        cli_fail(c, "out of memory");
        return -1;
    }
    int only_pos = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (only_pos || a[0] != '-' || a[1] == '\0') {
            c->pos[c->npos++] = argv[i];
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_pos = 1;
            continue;
        }
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            print_help(c, spec);
            c->status = CLI_EXIT_OK;
            return -1;
        }
        if (a[1] != '-') {
            cli_usage(c, "unknown option %.40s", a);
            return -1;
        }
        const char *name = a + 2, *eq = strchr(name, '=');
        size_t n = eq ? (size_t)(eq - name) : strlen(name);
        CliOpt *o = find_opt(spec->opts, name, n);
        if (!o) {
            cli_usage(c, "unknown option --%.*s", (int)(n > 40 ? 40 : n), name);
            return -1;
        }
        const char *value = NULL;
        if (o->type == OPT_FLAG) {
            if (eq) {
                cli_usage(c, "--%s takes no value", o->name);
                return -1;
            }
        } else if (eq) {
            value = eq + 1;
        } else if (i + 1 < argc) {
            value = argv[++i];
        } else {
            cli_usage(c, "--%s needs a value (%s)", o->name, o->arg ? o->arg : "VALUE");
            return -1;
        }
        if (o->type != OPT_LIST && o->type != OPT_FLAG && o->given) {
            cli_usage(c, "--%s given twice", o->name);
            return -1;
        }
        if (set_value(c, o, value) < 0)
            return -1;
    }
    if (c->npos < spec->min_pos) {
        cli_usage(c, "missing argument: yanxiactl %s", spec->usage);
        return -1;
    }
    if (spec->max_pos >= 0 && c->npos > spec->max_pos) {
        cli_usage(c, "unexpected argument \"%.40s\"", c->pos[spec->max_pos]);
        return -1;
    }
    return 0;
}

int cli_parse_id(Cli *c, const char *s, const char *what, int64_t *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || errno || v <= 0) {
        cli_usage(c, "%s must be a number (the id from `list`): %.40s", what, s);
        return -1;
    }
    *out = v;
    return 0;
}

/* mkdir -p for the store's directory, so `yanxiactl init` works in a fresh checkout. */
static int make_dirs(const char *dir)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path)
        return -1;
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(path, 0755) < 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    if (mkdir(path, 0755) < 0 && errno != EEXIST)
        return -1;
    return 0;
}

Store *cli_store(Cli *c)
{
    if (c->store)
        return c->store;
    char *copy = strdup(c->db_path);
    if (!copy) {
        cli_fail(c, "out of memory");
        return NULL;
    }
    int rc = make_dirs(dirname(copy));
    free(copy);
    if (rc < 0) {
        cli_fail_reason(c, REASON_STORAGE, "cannot create the directory of %s: %s", c->db_path,
                        strerror(errno));
        return NULL;
    }
    char err[600];
    c->store = store_open(c->db_path, err, sizeof err);
    if (!c->store)
        cli_fail_reason(c, REASON_STORAGE, "%s", err);
    return c->store;
}

char *cli_read_text(Cli *c, const char *path, size_t max_bytes)
{
    int use_stdin = strcmp(path, "-") == 0;
    FILE *f = use_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        cli_fail(c, "%s: %s", path, strerror(errno));
        return NULL;
    }
    size_t cap = 4096, len = 0;
    char *data = malloc(cap);
    while (data) {
        if (len + 1 >= cap) {
            if (cap > max_bytes + 1)
                break;
            char *p = realloc(data, cap * 2);
            if (!p) {
                free(data);
                data = NULL;
                break;
            }
            data = p;
            cap *= 2;
        }
        size_t n = fread(data + len, 1, cap - len - 1, f);
        if (n == 0)
            break;
        len += n;
    }
    int read_error = ferror(f);
    if (!use_stdin)
        fclose(f);
    if (!data) {
        cli_fail(c, "%s: out of memory", path);
        return NULL;
    }
    if (read_error) {
        free(data);
        cli_fail(c, "%s: read error", path);
        return NULL;
    }
    if (len > max_bytes) {
        free(data);
        cli_fail_reason(c, REASON_TEXT_TOO_LONG, "%s: larger than %zu bytes", path, max_bytes);
        return NULL;
    }
    data[len] = '\0';
    /* drop the BOM Windows editors write, fold CRLF to LF */
    size_t start = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0, n = 0;
    for (size_t i = start; i < len; i++)
        if (!(data[i] == '\r' && i + 1 < len && data[i + 1] == '\n'))
            data[n++] = data[i];
    data[n] = '\0';
    return data;
}

int cli_out_open(CliOut *o, const char *path)
{
    o->fd = -1;
    o->tmp = NULL;
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) { /* the rename at the end would fail */
        o->path = NULL;
        errno = EISDIR;
        return -1;
    }
    o->path = strdup(path);
    size_t n = strlen(path) + 16;
    o->tmp = o->path ? malloc(n) : NULL;
    if (!o->tmp) {
        free(o->path);
        o->path = NULL;
        errno = ENOMEM;
        return -1;
    }
    snprintf(o->tmp, n, "%s.tmpXXXXXX", path);
    if ((o->fd = mkstemp(o->tmp)) < 0) {
        int saved = errno;
        free(o->tmp);
        free(o->path);
        o->tmp = o->path = NULL;
        errno = saved;
        return -1;
    }
    return 0;
}

void cli_out_abort(CliOut *o)
{
    if (o->tmp) {
        close(o->fd);
        unlink(o->tmp);
    }
    free(o->tmp);
    free(o->path);
    o->tmp = o->path = NULL;
    o->fd = -1;
}

int cli_out_commit(CliOut *o, const char *data, size_t len)
{
    size_t done = 0;
    while (done < len) {
        ssize_t w = write(o->fd, data + done, len - done);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        done += (size_t)w;
    }
    int saved = errno;
    int ok = done == len && fchmod(o->fd, 0600) == 0 && fsync(o->fd) == 0;
    if (!ok && done == len)
        saved = errno;
    if (close(o->fd) < 0 && ok) {
        ok = 0;
        saved = errno;
    }
    o->fd = -1;
    if (ok && rename(o->tmp, o->path) < 0) {
        ok = 0;
        saved = errno;
    }
    if (!ok)
        unlink(o->tmp);
    free(o->tmp);
    free(o->path);
    o->tmp = o->path = NULL;
    errno = saved;
    return ok ? 0 : -1;
}

int cli_write_atomic(const char *path, const char *data, size_t len)
{
    CliOut o;
    if (cli_out_open(&o, path) < 0)
        return -1;
    return cli_out_commit(&o, data, len);
}

int cli_parse_range(const char *s, int *lo, int *hi)
{
    char *end;
    errno = 0;
    long a = strtol(s, &end, 10), b = a;
    if (end == s || errno)
        return -1;
    if (*end == '-' || *end == '~') {
        const char *t = end + 1;
        b = strtol(t, &end, 10);
        if (end == t || errno)
            return -1;
    }
    if (*end || a < 0 || b < a || b > 9999)
        return -1;
    *lo = (int)a;
    *hi = (int)b;
    return 0;
}

int cli_parse_output(Cli *c, const CliSpec *spec, int argc, char **argv)
{
    char **args = calloc((size_t)argc + 1, sizeof *args);
    if (!args) {
        c->status = cli_fail(c, "out of memory");
        return -1;
    }
    for (int i = 0; i < argc; i++)
        args[i] = strcmp(argv[i], "-o") == 0 ? (char *)"--output" : argv[i];
    int rc = cli_parse(c, spec, argc, args);
    free(args);
    return rc;
}

int cli_wants_hub(int argc, char **argv)
{
    for (int i = 0; i < argc; i++)
        if (strcmp(argv[i], "--hub") == 0 || strncmp(argv[i], "--hub=", 6) == 0)
            return 1;
    return 0;
}
