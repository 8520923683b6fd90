/* yanxia-console [--config FILE] [--db PATH | --hub CONNINFO] [--listen ADDR:PORT]
 * Serves the staff console over a building's kiosk store until SIGINT or SIGTERM.
 * Prints "listening on http://ADDR:PORT/" once it accepts connections (port 0 asks the
 * kernel for a free one: tests use that). */
#include "console/console.h"

#include "core/config.h"
#include "core/log.h"

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
            "[--listen ADDR:PORT]\n"
            "  --db PATH       楼道屏的数据库（默认 ./data/yanxia.db，或 --config 里的 data_dir）\n"
            "  --listen A:P    监听的地址和端口（默认 127.0.0.1:8080；0 端口由系统挑选）\n"
            "  --hub CONNINFO  中心库（尚未支持）\n");
    return f == stdout ? 0 : 2;
}

int main(int argc, char **argv)
{
    const char *config = NULL, *db = NULL, *hub = NULL, *listen = "127.0.0.1:8080";
    for (int i = 1; i < argc; i++) {
        const char **dest = NULL;
        if (strcmp(argv[i], "--config") == 0)
            dest = &config;
        else if (strcmp(argv[i], "--db") == 0)
            dest = &db;
        else if (strcmp(argv[i], "--hub") == 0)
            dest = &hub;
        else if (strcmp(argv[i], "--listen") == 0)
            dest = &listen;
        else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return usage(stdout);
        if (!dest || i + 1 == argc) {
            fprintf(stderr, "yanxia-console: unknown or incomplete option %.40s\n", argv[i]);
            return usage(stderr);
        }
        *dest = argv[++i];
    }
    if (hub) {
        fprintf(stderr, "yanxia-console: the hub backend (--hub) is not built yet; run the console"
                        " over a building's store with --db\n");
        return 2;
    }
    char path[1200] = "./data/yanxia.db";
    if (config) {
        Config cfg;
        char err[512];
        config_defaults(&cfg);
        if (config_load_file(&cfg, config, err, sizeof err) < 0) {
            fprintf(stderr, "yanxia-console: %s\n", err);
            return 1;
        }
        snprintf(path, sizeof path, "%s/yanxia.db", cfg.data_dir);
    }
    if (db)
        snprintf(path, sizeof path, "%s", db);
    if (access(path, F_OK) != 0) {
        fprintf(stderr,
                "yanxia-console: no store at %s (create one with yanxiactl init, or"
                " start the kiosk once)\n",
                path);
        return 1;
    }
    static Console c;
    char err[512];
    c.store = store_open(path, err, sizeof err);
    if (!c.store) {
        fprintf(stderr, "yanxia-console: %s\n", err);
        return 1;
    }
    c.db_path = path;
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
    if (console_serve(&c, listen, &port, &daemon) < 0) {
        store_close(c.store);
        return 1;
    }
    char host[64];
    snprintf(host, sizeof host, "%.*s", (int)(strrchr(listen, ':') - listen), listen);
    if (strcmp(host, "127.0.0.1") != 0)
        log_warn("console",
                 "listening beyond this machine on %s without HTTPS: passwords cross"
                 " the network in clear; use it only on the building's own Wi-Fi",
                 host);
    printf("listening on http://%s:%d/\n", host, port);
    fflush(stdout);
    while (!stop)
        sigsuspend(&old);
    console_stop(daemon);
    for (int i = 0; i < CONSOLE_SESSIONS_MAX; i++)
        session_drop(&c.sessions[i]); /* and their preview folders */
    store_close(c.store);
    return 0;
}
