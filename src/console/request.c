/* What a page handler reads of its request (form fields, query, cookies, uploaded files)
 * and how it answers with a redirect. Apart from http.c, which gathers the request, so
 * the handlers (route.c, pages_*.c) and the server (http.c) depend on each other one
 * way only: http.c calls route(), the handlers call these. */
#include "console/console.h"

#include <microhttpd.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *req_field(const Request *r, const char *key)
{
    for (size_t i = 0; i < r->nfields; i++)
        if (strcmp(r->fields[i].key, key) == 0)
            return r->fields[i].value;
    return NULL;
}

const char *req_query(const Request *r, const char *key)
{
    return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, key);
}

const char *req_cookie(const Request *r, const char *key)
{
    return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, key);
}

void resp_redirect(Response *w, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->location, sizeof w->location, fmt, ap);
    va_end(ap);
    w->status = MHD_HTTP_SEE_OTHER;
}

size_t req_uploads(const Request *r, const char *key, const Upload **out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < r->nuploads && n < cap; i++)
        if (strcmp(r->uploads[i].field, key) == 0 && r->uploads[i].size > 0)
            out[n++] = &r->uploads[i];
    return n;
}
