/* yanxia-console [--config FILE] [--db PATH | --hub CONNINFO] [--listen ADDR:PORT]
 *                [--cert FILE --key FILE]
 * Serves the staff console over a building's kiosk store, or over the committee's hub
 * (each staff member logs in with their own hub account), until SIGINT or SIGTERM.
 * Prints "listening on http(s)://ADDR:PORT/" once it accepts connections (port 0 asks
 * the kernel for a free one: tests use that). */
#include "console/console.h"

#include "core/config.h"
#include "core/log.h"
#include "core/paths.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
    stop = sig;
}

static int usage(FILE *f)
{
    fprintf(f,
            "用法: yanxia-console [--config FILE] [--db PATH | --hub CONNINFO] "
            "[--listen ADDR:PORT] [--cert FILE --key FILE]\n"
            "  --db PATH       楼道屏的数据库（默认：配置里 data_dir 下的 yanxia.db；装好的系统读\n"
            "                  /etc/yanxia/yanxia.ini，源码目录里是 ./data/yanxia.db）\n"
            "  --listen A:P    监听的地址和端口（默认：配置 [console] listen，127.0.0.1:8080；\n"
            "                  0 端口由系统挑选）\n"
            "  --cert/--key    用 HTTPS：PEM 格式的证书和私钥\n"
            "  --hub CONNINFO  "
            "连中心库（居委会）：只写地址，不写账号密码；员工用自己的中心库账号登录\n");
    return f == stdout ? 0 : 2;
}

/* The whole of a PEM file (a certificate or key: small), or NULL after a message. */
static char *read_pem(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "yanxia-console: cannot read %s: %s\n", path, strerror(errno));
        return NULL;
    }
    char *text = calloc(1, 65537);
    size_t n = text ? fread(text, 1, 65536, f) : 0;
    int more = fgetc(f) != EOF;
    fclose(f);
    if (!text || n == 0 || more || !strstr(text, "-----BEGIN ")) {
        fprintf(stderr, "yanxia-console: %s is not a PEM file of at most 64 KB\n", path);
        free(text);
        return NULL;
    }
    return text;
}

/* The store's path: --db, else data_dir of the config, else ./data/yanxia.db. */
static int store_path(const Config *cfg, const char *db, char *out, size_t cap)
{
    if (db)
        snprintf(out, cap, "%s", db);
    else if (cfg)
        snprintf(out, cap, "%s/yanxia.db", cfg->data_dir);
    else
        snprintf(out, cap, "./data/yanxia.db");
    if (access(out, F_OK) != 0) {
        fprintf(stderr,
                "yanxia-console: no store at %s (create one with yanxiactl init, or"
                " start the kiosk once)\n",
                out);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    const char *config = NULL, *db = NULL, *hub = NULL, *listen = NULL;
    const char *cert = NULL, *key = NULL;
    for (int i = 1; i < argc; i++) {
        static const char *const names[] = {"--config", "--db",   "--hub",
                                            "--listen", "--cert", "--key"};
        const char **dests[] = {&config, &db, &hub, &listen, &cert, &key};
        const char **dest = NULL;
        for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
            if (strcmp(argv[i], names[k]) == 0)
                dest = dests[k];
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return usage(stdout);
        if (!dest || i + 1 == argc) {
            fprintf(stderr, "yanxia-console: unknown or incomplete option %.40s\n", argv[i]);
            return usage(stderr);
        }
        *dest = argv[++i];
    }
    if (hub && db) {
        fprintf(stderr, "yanxia-console: --hub or --db, not both\n");
        return 2;
    }
    /* the kiosk's configuration: --config, or /etc/yanxia/yanxia.ini when installed */
    static Config cfg;
    config_defaults(&cfg);
    if (!config && !db && !hub)
        config = paths_default_config();
    if (config) {
        char cerr[512];
        if (config_load_file(&cfg, config, cerr, sizeof cerr) < 0) {
            fprintf(stderr, "yanxia-console: %s\n", cerr);
            return 1;
        }
    }
    if (!listen)
        listen = cfg.console_listen;
    if (!cert && !key && cfg.console_cert[0]) {
        cert = cfg.console_cert;
        key = cfg.console_key;
    }
    if (!cert != !key) {
        fprintf(stderr, "yanxia-console: a certificate and a key go together\n");
        return 2;
    }
    char path[CONFIG_STR + 2048] = "";
    if (!hub && store_path(config ? &cfg : NULL, db, path, sizeof path) < 0)
        return 1;
    char *cert_pem = NULL, *key_pem = NULL;
    if (cert && (!(cert_pem = read_pem(cert)) || !(key_pem = read_pem(key)))) {
        free(cert_pem);
        return 1;
    }
    static Console c;
    char err[512];
    int rc = 1;
    if (hub) {
        c.hub_conninfo = hub; /* staff log in with their own hub accounts (pages_hub.c) */
        c.silent_minutes = cfg.console_silent_minutes;
    } else {
        c.store = store_open(path, err, sizeof err);
        if (!c.store) {
            fprintf(stderr, "yanxia-console: %s\n", err);
            goto out;
        }
        c.db_path = path;
    }
    /* blocked until sigsuspend below (the server's thread inherits the mask), so a
     * signal cannot slip in between the check of stop and the wait */
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigprocmask(SIG_BLOCK, &block, &old);
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGPIPE, SIG_IGN);
    void *daemon = NULL;
    int port = 0;
    if (console_serve(&c, listen, cert_pem, key_pem, &port, &daemon) < 0)
        goto out;
    char host[64];
    snprintf(host, sizeof host, "%.*s", (int)(strrchr(listen, ':') - listen), listen);
    if (strcmp(host, "127.0.0.1") != 0 && !cert_pem)
        log_warn("console",
                 "listening beyond this machine on %s without HTTPS: passwords cross"
                 " the network in clear; use it only on the building's own Wi-Fi",
                 host);
    printf("listening on %s://%s:%d/\n", cert_pem ? "https" : "http", host, port);
    fflush(stdout);
    while (!stop)
        sigsuspend(&old);
    console_stop(&c, daemon);
    for (int i = 0; i < CONSOLE_SESSIONS_MAX; i++)
        session_drop(&c, &c.sessions[i]); /* and their preview folders */
    rc = 0;
out:
    store_close(c.store);
    if (key_pem)
        memset(key_pem, 0, strlen(key_pem));
    free(cert_pem);
    free(key_pem);
    return rc;
}
