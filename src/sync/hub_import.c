/* hub_import.h: photo files uploaded when the hub lacks them, then the rows of one
 * import in one transaction through yanxia_hub.hub_import_row (sql/hub/005). */
#include "sync/hub_import.h"
#include "sync/hub_admin_pg.h"

#include <stdlib.h>
#include <string.h>

struct HubImport {
    HubAdmin *h;
    char *scope;
};

int hub_import_put_photo(HubAdmin *h, const char *path, const char *sha256, int64_t bytes,
                         int *sent, char *err, size_t errlen)
{
    if (sent)
        *sent = 0;
    char total[24];
    snprintf(total, sizeof total, "%lld", (long long)bytes);
    const char *params[] = {sha256, total};
    /* whole: the blob's size is recorded and its chunks add up to it */
    PGresult *r =
        hub_admin_exec(h,
                       "SELECT EXISTS (SELECT 1 FROM yanxia_hub.photo_blobs b WHERE b.sha256 = $1"
                       " AND b.bytes = $2::bigint AND b.bytes = (SELECT coalesce(sum("
                       "length(c.data)), 0) FROM yanxia_hub.photo_chunks c WHERE c.sha256 = $1))",
                       2, params, PGRES_TUPLES_OK, "look for the photo file", err, errlen);
    if (!r)
        return -1;
    int whole = strcmp(PQgetvalue(r, 0, 0), "t") == 0;
    PQclear(r);
    if (whole)
        return 0;
    if (hub_admin_put_photo(h, path, sha256, bytes, err, errlen) < 0)
        return -1;
    if (sent)
        *sent = 1;
    return 0;
}

HubImport *hub_import_begin(HubAdmin *h, const char *scope, char *err, size_t errlen)
{
    PGconn *pg = hub_admin_pg(h);
    const char *params[] = {scope};
    PGresult *r =
        hub_admin_exec(h,
                       "SELECT (SELECT kind FROM yanxia_hub.scopes WHERE code = $1),"
                       " to_regprocedure('yanxia_hub.hub_import_row(text, text, text, jsonb)')"
                       " IS NOT NULL",
                       1, params, PGRES_TUPLES_OK, "find scope", err, errlen);
    if (!r)
        return NULL;
    int known = !PQgetisnull(r, 0, 0), ready = strcmp(PQgetvalue(r, 0, 1), "t") == 0;
    PQclear(r);
    if (!known) {
        snprintf(err, errlen,
                 "the hub has no building or scope \"%.64s\" (yanxiactl hub add-scope)", scope);
        return NULL;
    }
    if (!ready) {
        snprintf(err, errlen, "the hub's schema is too old for imports (run yanxiactl hub init)");
        return NULL;
    }
    HubImport *im = calloc(1, sizeof *im);
    if (!im || !(im->scope = strdup(scope))) {
        free(im);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    im->h = h;
    r = PQexec(pg, "BEGIN");
    if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) {
        hub_admin_fail(err, errlen, "begin", r ? PQresultErrorMessage(r) : PQerrorMessage(pg));
        PQclear(r);
        free(im->scope);
        free(im);
        return NULL;
    }
    PQclear(r);
    return im;
}

int hub_import_row(HubImport *im, const char *kind, const char *source_key, const char *fields_json,
                   int64_t *hub_id, int *changed, char *err, size_t errlen)
{
    const char *params[] = {kind, im->scope, source_key, fields_json};
    PGresult *r =
        hub_admin_exec(im->h,
                       "SELECT o_hub_id, o_changed FROM yanxia_hub.hub_import_row($1, $2, $3,"
                       " $4::jsonb)",
                       4, params, PGRES_TUPLES_OK, "publish", err, errlen);
    if (!r)
        return -1;
    *hub_id = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
    *changed = strcmp(PQgetvalue(r, 0, 1), "t") == 0;
    PQclear(r);
    return 0;
}

int hub_import_end(HubImport *im, int commit, char *err, size_t errlen)
{
    if (!im)
        return 0;
    PGconn *pg = hub_admin_pg(im->h);
    PGresult *r = PQexec(pg, commit ? "COMMIT" : "ROLLBACK");
    /* a COMMIT of a failed transaction answers "ROLLBACK": that is a failure too */
    int ok = r && PQresultStatus(r) == PGRES_COMMAND_OK &&
             strcmp(PQcmdStatus(r), commit ? "COMMIT" : "ROLLBACK") == 0;
    /* no answer because the connection went: the hub may have committed before it did */
    int unknown = !ok && commit && (!r || PQstatus(pg) != CONNECTION_OK);
    if (unknown)
        hub_admin_fail(err, errlen, "the connection to the hub was lost after COMMIT was sent",
                       PQerrorMessage(pg));
    else if (!ok && commit)
        hub_admin_fail(err, errlen, "commit",
                       r && *PQresultErrorMessage(r) ? PQresultErrorMessage(r)
                       : r                           ? "the hub rolled the import back"
                                                     : PQerrorMessage(pg));
    PQclear(r);
    free(im->scope);
    free(im);
    return ok || !commit ? 0 : unknown ? -2 : -1;
}
