/* The console's HTTP side on libmicrohttpd: one internal polling thread (a notice
 * preview's request is suspended while its kiosks draw, see preview_wait.c), form posts
 * gathered by MHD's post processor (at most CONSOLE_FORM_MAX bytes: a larger post is
 * answered 413 and nothing is written), and every response sent with the same strict
 * headers (CSP, no framing, no sniffing, no referrer, no caching of pages). */
#include "console/console.h"

#include "core/log.h"
#include "core/timeutil.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

static const char CSP[] = "default-src 'none'; style-src 'self'; img-src 'self' data:;"
                          " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/* Appends data to field key (MHD may hand one value over in pieces). */
static int field_append(Request *r, const char *key, const char *data, size_t size)
{
    Field *f = NULL;
    for (size_t i = 0; i < r->nfields; i++)
        if (strcmp(r->fields[i].key, key) == 0)
            f = &r->fields[i];
    if (!f) {
        if (r->nfields == r->cap) {
            size_t cap = r->cap ? r->cap * 2 : 8;
            Field *p = realloc(r->fields, cap * sizeof *p);
            if (!p)
                return -1;
            r->fields = p;
            r->cap = cap;
        }
        f = &r->fields[r->nfields];
        f->key = strdup(key);
        f->value = calloc(1, 1);
        if (!f->key || !f->value) {
            free(f->key);
            free(f->value);
            return -1;
        }
        r->nfields++;
    }
    size_t old = strlen(f->value);
    char *v = realloc(f->value, old + size + 1);
    if (!v)
        return -1;
    memcpy(v + old, data, size);
    v[old + size] = '\0';
    f->value = v;
    return 0;
}

/* Streams a piece of a posted file into its temporary file. */
static enum MHD_Result on_file(Request *r, const char *key, const char *filename, const char *data,
                               uint64_t off, size_t size)
{
    r->uploaded += size;
    if (r->uploaded > UPLOAD_TOTAL_MAX) {
        r->too_big = 1;
        return MHD_NO;
    }
    Upload *u = r->nuploads ? &r->uploads[r->nuploads - 1] : NULL;
    if (off == 0 || !u || strcmp(u->field, key) != 0 || strcmp(u->filename, filename) != 0) {
        if (u && u->fp) {
            if (fclose(u->fp) != 0)
                r->upload_error = 1;
            u->fp = NULL;
        }
        if (r->nuploads == UPLOAD_FILES_MAX) {
            r->too_big = 1;
            return MHD_NO;
        }
        if (!r->updir[0]) {
            const char *base = getenv("TMPDIR");
            snprintf(r->updir, sizeof r->updir, "%s/yanxia-upload-XXXXXX",
                     base && *base ? base : "/tmp");
            if (!mkdtemp(r->updir)) {
                r->updir[0] = '\0';
                r->upload_error = 1;
                return MHD_NO;
            }
        }
        u = &r->uploads[r->nuploads++];
        char path[sizeof r->updir + 16];
        snprintf(path, sizeof path, "%s/%zu", r->updir, r->nuploads);
        u->field = strdup(key);
        u->filename = strdup(filename);
        u->path = strdup(path);
        u->fp = u->path ? fopen(u->path, "wb") : NULL;
        if (!u->field || !u->filename || !u->fp) {
            r->upload_error = 1;
            return MHD_NO;
        }
    }
    if (u->size + size > UPLOAD_FILE_MAX) {
        r->too_big = 1;
        return MHD_NO;
    }
    if (size && fwrite(data, 1, size, u->fp) != size) {
        r->upload_error = 1;
        return MHD_NO;
    }
    u->size += size;
    return MHD_YES;
}

static enum MHD_Result on_field(void *cls, enum MHD_ValueKind kind, const char *key,
                                const char *filename, const char *content_type,
                                const char *transfer_encoding, const char *data, uint64_t off,
                                size_t size)
{
    Request *r = cls;
    if (filename)
        return on_file(r, key, filename, data, off, size);
    r->posted += size;
    if (r->posted > CONSOLE_FORM_MAX || (size && memchr(data, '\0', size))) {
        r->too_big |= r->posted > CONSOLE_FORM_MAX;
        return MHD_NO;
    }
    if (field_append(r, key, data ? data : "", size) < 0) {
        r->too_big = 1;
        return MHD_NO;
    }
    return MHD_YES;
}

static void request_free(Request *r)
{
    if (!r)
        return;
    if (r->pp)
        MHD_destroy_post_processor(r->pp);
    for (size_t i = 0; i < r->nuploads; i++) {
        Upload *u = &r->uploads[i];
        if (u->fp)
            fclose(u->fp);
        if (u->path)
            unlink(u->path);
        free(u->field);
        free(u->filename);
        free(u->path);
    }
    if (r->updir[0])
        rmdir(r->updir);
    for (size_t i = 0; i < r->nfields; i++) {
        free(r->fields[i].key);
        free(r->fields[i].value);
    }
    free(r->fields);
    preview_free(r->preview); /* one the resumed request did not take (it was refused) */
    free((char *)r->path);
    free(r);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    request_free(*con_cls);
    *con_cls = NULL;
}

static Request *request_new(struct MHD_Connection *conn, const char *url, const char *method)
{
    Request *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->conn = conn;
    r->method = strcmp(method, "POST") == 0 ? "POST" : strcmp(method, "GET") == 0 ? "GET" : "";
    r->path = strdup(url);
    if (!r->path) {
        free(r);
        return NULL;
    }
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const struct sockaddr *sa = ci ? ci->client_addr : NULL;
    if (sa && sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, r->address,
                  sizeof r->address);
    else if (sa && sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, r->address,
                  sizeof r->address);
    else
        snprintf(r->address, sizeof r->address, "?");
    return r;
}

static enum MHD_Result send_response(struct MHD_Connection *conn, Response *w)
{
    struct MHD_Response *resp;
    if (w->fd > 0) {
        resp = MHD_create_response_from_fd(w->fd_size, w->fd); /* MHD closes it */
        if (!resp) {
            close(w->fd);
            return MHD_NO;
        }
        goto headers;
    }
    size_t len = w->body.len;
    char *body = buf_take(&w->body);
    if (!body) {
        body = strdup("");
        len = 0;
        if (w->status != MHD_HTTP_SEE_OTHER)
            w->status = MHD_HTTP_INTERNAL_SERVER_ERROR;
    }
    resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        free(body);
        return MHD_NO;
    }
headers:
    MHD_add_response_header(resp, "Content-Type",
                            w->content_type ? w->content_type : "text/html; charset=utf-8");
    MHD_add_response_header(resp, "Content-Security-Policy", CSP);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "Cache-Control",
                            w->cacheable ? "public, max-age=3600" : "no-store");
    if (w->location[0])
        MHD_add_response_header(resp, "Location", w->location);
    for (int i = 0; i < 2; i++)
        if (w->cookies[i][0])
            MHD_add_response_header(resp, "Set-Cookie", w->cookies[i]);
    if (w->disposition[0])
        MHD_add_response_header(resp, "Content-Disposition", w->disposition);
    enum MHD_Result rc = MHD_queue_response(conn, (unsigned)w->status, resp);
    MHD_destroy_response(resp);
    return rc;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_size, void **con_cls)
{
    Console *c = cls;
    Request *r = *con_cls;
    if (!r) {
        r = request_new(conn, url, method);
        if (!r)
            return MHD_NO;
        *con_cls = r;
        if (strcmp(r->method, "POST") == 0) {
            const char *len =
                MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
            const char *type =
                MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
            int multipart = type && strncasecmp(type, "multipart/form-data", 19) == 0;
            if (len && strtoull(len, NULL, 10) >
                           (multipart ? (unsigned long long)UPLOAD_TOTAL_MAX + CONSOLE_FORM_MAX
                                      : CONSOLE_FORM_MAX))
                r->too_big = 1;
            else if (multipart && !session_find(c, req_cookie(r, "yx_session"), time_now()))
                ; /* files only from staff who are logged in: the body is read and dropped,
                     and route() answers 403 */
            else
                r->pp = MHD_create_post_processor(conn, 16 * 1024, on_field, r);
        }
        return MHD_YES;
    }
    if (*upload_size) {
        if (r->pp && !r->too_big && !r->upload_error &&
            MHD_post_process(r->pp, upload_data, *upload_size) != MHD_YES)
            r->too_big |= r->posted > CONSOLE_FORM_MAX;
        else if (!r->pp)
            r->posted += *upload_size;
        *upload_size = 0;
        return MHD_YES;
    }
    for (size_t i = 0; i < r->nuploads; i++)
        if (r->uploads[i].fp) {
            if (fclose(r->uploads[i].fp) != 0)
                r->upload_error = 1;
            r->uploads[i].fp = NULL;
        }
    Response w = {.status = MHD_HTTP_OK};
    buf_init(&w.body);
    route(c, r, &w);
    if (preview_started(r)) {
        /* the kiosks are drawing: this request waits aside, others are served, and the
         * waiter resumes it when they are done; MHD then calls here again and route()
         * finishes the page, the session looked up anew */
        buf_deinit(&w.body);
        MHD_suspend_connection(conn);
        preview_watch(c, r->preview, conn);
        return MHD_YES;
    }
    enum MHD_Result rc = send_response(conn, &w);
    buf_deinit(&w.body);
    return rc;
}

/* TCP keepalive on every accepted connection, with short timers: a phone that left the
 * Wi-Fi without closing its connection is found dead after KEEPIDLE + KEEPCNT * KEEPINTVL
 * = 17 s of silence (the kernel's defaults take over two hours). It matters while a
 * preview's request waits suspended, answering nothing: the waiter sees the dead socket
 * (POLLERR/POLLHUP, preview_wait.c) and stops its kiosks before their 20 s are up. An
 * idle keep-alive connection costs a probe every few seconds until MHD's 30 s timeout. */
enum { CONSOLE_KEEPIDLE_S = 5, CONSOLE_KEEPINTVL_S = 3, CONSOLE_KEEPCNT = 4 };

static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
    (void)cls;
    (void)socket_context;
    if (toe != MHD_CONNECTION_NOTIFY_STARTED)
        return;
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
    static const struct {
        int level, name, value;
    } opts[] = {{SOL_SOCKET, SO_KEEPALIVE, 1},
                {IPPROTO_TCP, TCP_KEEPIDLE, CONSOLE_KEEPIDLE_S},
                {IPPROTO_TCP, TCP_KEEPINTVL, CONSOLE_KEEPINTVL_S},
                {IPPROTO_TCP, TCP_KEEPCNT, CONSOLE_KEEPCNT}};
    static int warned; /* MHD's one thread calls here: once per run is enough */
    for (size_t i = 0; ci && i < sizeof opts / sizeof opts[0]; i++) {
        if (setsockopt(ci->connect_fd, opts[i].level, opts[i].name, &opts[i].value,
                       sizeof opts[i].value) == 0 ||
            warned)
            continue;
        /* the connection works without it; only a vanished phone is noticed later */
        log_warn("console", "cannot turn on TCP keepalive on a connection: %s", strerror(errno));
        warned = 1;
    }
}

static int parse_listen(const char *listen, struct sockaddr_in *sa)
{
    char host[64];
    const char *colon = strrchr(listen, ':');
    if (!colon || (size_t)(colon - listen) >= sizeof host)
        return -1;
    memcpy(host, listen, (size_t)(colon - listen));
    host[colon - listen] = '\0';
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (*end || port < 0 || port > 65535 || colon[1] == '\0')
        return -1;
    memset(sa, 0, sizeof *sa);
    sa->sin_family = AF_INET;
    sa->sin_port = htons((uint16_t)port);
    return inet_pton(AF_INET, host, &sa->sin_addr) == 1 ? 0 : -1;
}

int console_serve(Console *c, const char *listen, const char *cert_pem, const char *key_pem,
                  int *port_out, void **daemon_out)
{
    struct sockaddr_in sa;
    if (parse_listen(listen, &sa) < 0) {
        log_error("console", "--listen wants ADDRESS:PORT such as 127.0.0.1:8080, not \"%.60s\"",
                  listen);
        return -1;
    }
    /* suspend/resume: a notice preview waits aside for its kiosks (preview_wait.c) */
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME;
    struct MHD_OptionItem tls[] = {
        {MHD_OPTION_HTTPS_MEM_CERT, 0, (void *)cert_pem},
        {MHD_OPTION_HTTPS_MEM_KEY, 0, (void *)key_pem},
        {MHD_OPTION_END, 0, NULL},
    };
    if (cert_pem && key_pem) {
        flags |= MHD_USE_TLS;
        c->secure_cookies = 1;
    } else {
        tls[0].option = MHD_OPTION_END;
    }
    if (preview_waiter_start(c) < 0) {
        log_error("console", "cannot start the preview waiter thread");
        return -1;
    }
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, ntohs(sa.sin_port), NULL, NULL, on_request, c, MHD_OPTION_SOCK_ADDR,
        (struct sockaddr *)&sa, MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
        MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)30, MHD_OPTION_CONNECTION_LIMIT, (unsigned)64, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
        (unsigned)16, MHD_OPTION_ARRAY, tls, MHD_OPTION_END);
    if (!d) {
        log_error("console",
                  "cannot listen on %s (address in use, not this machine's, or a"
                  " certificate and key that do not load?)",
                  listen);
        preview_waiter_destroy(c);
        return -1;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    *port_out = info ? info->port : ntohs(sa.sin_port);
    *daemon_out = d;
    return 0;
}

void console_stop(Console *c, void *daemon)
{
    /* MHD must not be stopped with a connection suspended: the waiter kills the kiosks
     * in flight and resumes theirs first, and a preview started from here on is
     * cancelled at once (preview_watch) */
    preview_waiter_stop(c);
    if (daemon)
        MHD_stop_daemon(daemon);
    preview_waiter_destroy(c);
}
