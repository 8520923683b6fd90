/* Staff-side hub operations (hub_admin.h): migrations tracked in a table, kiosks with
 * their own roles and ready-to-save configuration, status, publishing content. */
#include "sync/hub_admin.h"
#include "sync/hub_admin_pg.h"

#include "core/buf.h"
#include "core/ids.h"
#include "core/json.h"
#include "store/activity.h"
#include "sync/sync.h"

#include <dirent.h>
#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

struct HubAdmin {
    PGconn *pg;
};

int hub_admin_fail(char *err, size_t errlen, const char *what, const char *msg)
{
    snprintf(err, errlen, "%s: %s", what, msg ? msg : "");
    size_t n = strlen(err);
    while (n && (err[n - 1] == '\n' || err[n - 1] == ' '))
        err[--n] = '\0';
    return -1;
}

PGresult *hub_admin_exec(HubAdmin *h, const char *sql, int n, const char *const *params,
                         ExecStatusType want, const char *what, char *err, size_t errlen)
{
    PGresult *r = n ? PQexecParams(h->pg, sql, n, NULL, params, NULL, NULL, 0) : PQexec(h->pg, sql);
    if (r && PQresultStatus(r) == want)
        return r;
    const char *primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    hub_admin_fail(err, errlen, what,
                   primary ? primary
                   : r     ? PQresultErrorMessage(r)
                           : PQerrorMessage(h->pg));
    PQclear(r);
    return NULL;
}

static int run_ok(HubAdmin *h, const char *sql, const char *what, char *err, size_t errlen)
{
    PGresult *r = hub_admin_exec(h, sql, 0, NULL, PGRES_COMMAND_OK, what, err, errlen);
    PQclear(r);
    return r ? 0 : -1;
}

HubAdmin *hub_admin_open(const char *conninfo, char *err, size_t errlen)
{
    HubAdmin *h = calloc(1, sizeof *h);
    if (!h) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    const char *keys[] = {"connect_timeout", "application_name", "dbname", NULL};
    const char *vals[] = {"10", "yanxiactl", conninfo, NULL};
    h->pg = PQconnectdbParams(keys, vals, 1);
    if (!h->pg || PQstatus(h->pg) != CONNECTION_OK) {
        hub_admin_fail(err, errlen, "cannot connect to the hub",
                       h->pg ? PQerrorMessage(h->pg) : "out of memory");
        hub_admin_close(h);
        return NULL;
    }
    PGresult *r = PQexec(h->pg, "SET client_min_messages = warning");
    PQclear(r);
    return h;
}

PGconn *hub_admin_pg(HubAdmin *h)
{
    return h->pg;
}

void hub_admin_close(HubAdmin *h)
{
    if (!h)
        return;
    if (h->pg)
        PQfinish(h->pg);
    free(h);
}

/* --- migrations -------------------------------------------------------------------- */

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    Buf b;
    buf_init(&b);
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(&b, chunk, n);
    int bad = ferror(f);
    fclose(f);
    char *out = bad ? NULL : buf_take(&b);
    buf_deinit(&b);
    return out;
}

static int apply_migration(HubAdmin *h, const char *dir, const char *name, int *applied, char *err,
                           size_t errlen)
{
    char ver[8];
    snprintf(ver, sizeof ver, "%.3s", name);
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (run_ok(h, "BEGIN", "begin", err, errlen) < 0)
        return -1;
    /* one migrator at a time; the second finds the work done */
    const char *params[] = {ver, name};
    PGresult *r = hub_admin_exec(h,
                                 "SELECT pg_advisory_xact_lock(7269716), EXISTS (SELECT 1 FROM"
                                 " yanxia_hub.schema_migrations WHERE version = $1::int)",
                                 1, params, PGRES_TUPLES_OK, "lock migrations", err, errlen);
    if (!r)
        goto fail;
    int done = strcmp(PQgetvalue(r, 0, 1), "t") == 0;
    PQclear(r);
    if (!done) {
        char *sql = read_file(path);
        if (!sql) {
            snprintf(err, errlen, "cannot read %s", path);
            goto fail;
        }
        char what[300];
        snprintf(what, sizeof what, "migration %s", name);
        int rc = run_ok(h, sql, what, err, errlen);
        free(sql);
        if (rc < 0)
            goto fail;
        r = hub_admin_exec(
            h, "INSERT INTO yanxia_hub.schema_migrations(version, name) VALUES ($1::int, $2)", 2,
            params, PGRES_COMMAND_OK, "record migration", err, errlen);
        if (!r)
            goto fail;
        PQclear(r);
        (*applied)++;
    }
    return run_ok(h, "COMMIT", "commit", err, errlen);
fail:
    PQclear(PQexec(h->pg, "ROLLBACK"));
    return -1;
}

/* The kiosk store's limits, as the hub checks them (sql/hub/007_kiosk_trust.sql): one set
 * of numbers, written to the hub at every `hub init`, so the two cannot drift. */
static const struct {
    const char *name;
    int value;
} HUB_LIMITS[] = {
    {"suggestion_text", STORE_SUGGESTION_MAX},
    {"wish_text", STORE_WISH_MAX},
    {"question_text", STORE_QUESTION_MAX},
    {"name", STORE_NAME_MAX},
    {"short_text", STORE_SHORT_MAX},
    {"party_size", ACTIVITY_MAX_PARTY_LIMIT},
    {"batch", SYNC_PUSH_BATCH_MAX},
    {"batch_decided", SYNC_PUSH_DECIDED_MAX},
    {"suggestions_per_room_day", STORE_SUGGESTIONS_PER_ROOM_DAY},
    {"wishes_per_room_day", STORE_WISHES_PER_ROOM_DAY},
    {"questions_per_room_day", STORE_QUESTIONS_PER_ROOM_DAY},
};

static int write_limits(HubAdmin *h, char *err, size_t errlen)
{
    for (size_t i = 0; i < sizeof HUB_LIMITS / sizeof HUB_LIMITS[0]; i++) {
        char v[16];
        snprintf(v, sizeof v, "%d", HUB_LIMITS[i].value);
        const char *params[] = {HUB_LIMITS[i].name, v};
        PGresult *r = hub_admin_exec(
            h,
            "INSERT INTO yanxia_hub.submission_limits (name, value) VALUES ($1, $2::int)"
            " ON CONFLICT (name) DO UPDATE SET value = excluded.value"
            " WHERE submission_limits.value IS DISTINCT FROM excluded.value",
            2, params, PGRES_COMMAND_OK, "write the submission limits", err, errlen);
        if (!r)
            return -1;
        PQclear(r);
    }
    return 0;
}

int hub_admin_migrate(HubAdmin *h, const char *sql_dir, int *applied, int *version, char *err,
                      size_t errlen)
{
    *applied = 0;
    *version = 0;
    if (run_ok(h,
               "CREATE SCHEMA IF NOT EXISTS yanxia_hub;"
               " CREATE TABLE IF NOT EXISTS yanxia_hub.schema_migrations(version int PRIMARY KEY,"
               " name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
               "prepare migrations", err, errlen) < 0)
        return -1;
    DIR *d = opendir(sql_dir);
    if (!d) {
        snprintf(err, errlen, "cannot open the hub migrations folder %s", sql_dir);
        return -1;
    }
    char *names[256];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 256) {
        size_t len = strlen(e->d_name);
        if (len > 8 && e->d_name[0] >= '0' && e->d_name[0] <= '9' && e->d_name[3] == '_' &&
            strcmp(e->d_name + len - 4, ".sql") == 0)
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    int rc = 0;
    /* a version is the name's first three digits, applied once: two files of one version
     * (two branches that took the same number) would leave the second unapplied for good */
    for (size_t i = 1; i < n && rc == 0; i++)
        if (names[i - 1] && names[i] && strncmp(names[i - 1], names[i], 3) == 0) {
            snprintf(err, errlen, "two hub migrations have version %.3s: %s and %s (renumber one)",
                     names[i], names[i - 1], names[i]);
            rc = -1;
        }
    for (size_t i = 0; i < n; i++) {
        if (rc == 0 && names[i])
            rc = apply_migration(h, sql_dir, names[i], applied, err, errlen);
        free(names[i]);
    }
    if (rc < 0 || write_limits(h, err, errlen) < 0)
        return -1;
    PGresult *r =
        hub_admin_exec(h, "SELECT coalesce(max(version), 0) FROM yanxia_hub.schema_migrations", 0,
                       NULL, PGRES_TUPLES_OK, "read version", err, errlen);
    if (!r)
        return -1;
    *version = atoi(PQgetvalue(r, 0, 0));
    PQclear(r);
    return 0;
}

/* --- kiosks ------------------------------------------------------------------------ */

/* Appends key='value' with libpq's quoting. */
static void put_kv(Buf *b, const char *key, const char *val)
{
    buf_printf(b, "%s%s='", b->len ? " " : "", key);
    for (const char *p = val; *p; p++) {
        if (*p == '\'' || *p == '\\')
            buf_putc(b, '\\');
        buf_putc(b, *p);
    }
    buf_putc(b, '\'');
}

int hub_admin_add_kiosk(HubAdmin *h, const char *name, const char *building, int interval,
                        char **config, char *err, size_t errlen)
{
    *config = NULL;
    unsigned char raw[18];
    char password[40];
    if (ids_random(raw, sizeof raw) < 0) {
        snprintf(err, errlen, "no randomness for a password");
        return -1;
    }
    for (size_t i = 0; i < sizeof raw; i++)
        snprintf(password + 2 * i, 3, "%02x", raw[i]);
    const char *params[] = {name, building, password};
    PGresult *r = hub_admin_exec(h, "SELECT yanxia_hub.hub_add_kiosk($1, $2, $3)", 3, params,
                                 PGRES_TUPLES_OK, "add kiosk", err, errlen);
    if (!r)
        return -1;
    char *role = strdup(PQgetvalue(r, 0, 0));
    PQclear(r);
    /* the kiosk reaches the hub the way this connection did, as its own role; TLS
     * settings travel with it */
    static const char *const keep[] = {"host",        "hostaddr", "port",       "dbname", "sslmode",
                                       "sslrootcert", "sslcrl",   "gssencmode", NULL};
    Buf conn;
    buf_init(&conn);
    PQconninfoOption *opts = PQconninfo(h->pg);
    for (PQconninfoOption *o = opts; o && o->keyword; o++)
        for (const char *const *k = keep; *k; k++)
            if (o->val && *o->val && strcmp(o->keyword, *k) == 0)
                put_kv(&conn, o->keyword, o->val);
    PQconninfoFree(opts);
    put_kv(&conn, "user", role ? role : "");
    put_kv(&conn, "password", password);
    Buf b;
    buf_init(&b);
    buf_printf(&b,
               "; Yanxia kiosk %s, made by `yanxiactl hub add-kiosk` (keep it private: it holds\n"
               "; the kiosk's hub password)\n[kiosk]\nname = %s\nbuilding = %s\n\n"
               "[sync]\nhub = %s\ninterval_seconds = %d\n",
               name, name, building, buf_str(&conn), interval);
    free(role);
    buf_deinit(&conn);
    *config = buf_take(&b);
    buf_deinit(&b);
    if (!*config) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    return 0;
}

int hub_admin_add_scope(HubAdmin *h, const char *code, const char *kind, const char *parent,
                        const char *name, char *err, size_t errlen)
{
    const char *params[] = {code, kind, parent, name ? name : ""};
    PGresult *r = hub_admin_exec(h, "SELECT yanxia_hub.hub_add_scope($1, $2, $3, $4)", 4, params,
                                 PGRES_TUPLES_OK, "add scope", err, errlen);
    PQclear(r);
    return r ? 0 : -1;
}

int hub_admin_set_households(HubAdmin *h, const char *code, int households, char *err,
                             size_t errlen)
{
    char n[16];
    snprintf(n, sizeof n, "%d", households);
    const char *params[] = {code, n};
    PGresult *r = hub_admin_exec(h, "SELECT yanxia_hub.hub_set_households($1, $2::int)", 2, params,
                                 PGRES_TUPLES_OK, "set households", err, errlen);
    PQclear(r);
    return r ? 0 : -1;
}

int hub_admin_set_room_rule(HubAdmin *h, const char *code, const int rule[4], char *err,
                            size_t errlen)
{
    char n[4][8];
    for (int i = 0; i < 4; i++)
        snprintf(n[i], sizeof n[i], "%d", rule[i]);
    const char *params[] = {code, n[0], n[1], n[2], n[3]};
    PGresult *r = hub_admin_exec(h,
                                 "SELECT yanxia_hub.hub_set_room_rule($1, $2::int, $3::int,"
                                 " $4::int, $5::int)",
                                 5, params, PGRES_TUPLES_OK, "set room rule", err, errlen);
    PQclear(r);
    return r ? 0 : -1;
}

int hub_admin_guard(HubAdmin *h, int statement_s, int idle_s,
                    void (*ended)(void *ctx, const char *kiosk, int pid, const char *state,
                                  long long seconds),
                    void *ctx, char *err, size_t errlen)
{
    char a[16], b[16];
    snprintf(a, sizeof a, "%d", statement_s);
    snprintf(b, sizeof b, "%d", idle_s);
    const char *params[] = {a, b};
    PGresult *r = hub_admin_exec(h,
                                 "SELECT kiosk, pid, state, seconds FROM yanxia_hub.hub_guard("
                                 "$1::int, $2::int) WHERE ended",
                                 2, params, PGRES_TUPLES_OK, "guard", err, errlen);
    if (!r)
        return -1;
    int n = PQntuples(r);
    for (int i = 0; i < n; i++)
        ended(ctx, PQgetvalue(r, i, 0), atoi(PQgetvalue(r, i, 1)), PQgetvalue(r, i, 2),
              atoll(PQgetvalue(r, i, 3)));
    PQclear(r);
    return n;
}

int hub_admin_add_staff(HubAdmin *h, const char *login, const char *password, const char *role,
                        const char *scope, char *err, size_t errlen)
{
    const char *params[] = {login, password, role, scope};
    PGresult *r = hub_admin_exec(h, "SELECT yanxia_hub.hub_add_staff($1, $2, $3, $4)", 4, params,
                                 PGRES_TUPLES_OK, "add staff", err, errlen);
    PQclear(r);
    return r ? 0 : -1;
}

/* "3d04h", "5h07m", "12m": how long a kiosk has run, short enough for a column. */
static void format_uptime(const char *secs, char *out, size_t cap)
{
    if (!*secs) {
        snprintf(out, cap, "-");
        return;
    }
    long long s = strtoll(secs, NULL, 10);
    if (s >= 86400)
        snprintf(out, cap, "%lldd%02lldh", s / 86400, s % 86400 / 3600);
    else if (s >= 3600)
        snprintf(out, cap, "%lldh%02lldm", s / 3600, s % 3600 / 60);
    else
        snprintf(out, cap, "%lldm", s / 60);
}

int hub_admin_status(HubAdmin *h, FILE *out, int json, int silent_minutes, char *err, size_t errlen)
{
    static const char sql[] =
        "SELECT k.name, s.code, coalesce(to_char(hb.at AT TIME ZONE 'Asia/Shanghai',"
        " 'YYYY-MM-DD HH24:MI:SS'), '-'), coalesce(hb.queue, 0), coalesce(hb.version, '-'),"
        " coalesce(hb.free_disk / 1048576, 0), coalesce(hb.cursor, 0), k.contiguous_seq,"
        " (SELECT count(*) FROM yanxia_hub.submissions x WHERE x.kiosk_id = k.id),"
        " hb.uptime_s, hb.restarts, hb.rss / 1048576,"
        " CASE hb.night WHEN true THEN 'night' WHEN false THEN 'awake' END,"
        " coalesce(hb.last_error, ''),"
        " hb.at IS NULL OR hb.at < yanxia_hub.hub_now() - make_interval(mins => $1::int)"
        " FROM yanxia_hub.kiosks k JOIN yanxia_hub.scopes s ON s.id = k.building_id"
        " LEFT JOIN yanxia_hub.heartbeats hb ON hb.kiosk_id = k.id ORDER BY s.code, k.name";
    static const char *const cols[] = {
        "kiosk",    "building", "heartbeat", "queue",  "version", "free_mb",    "cursor", "hub_seq",
        "received", "uptime_s", "restarts",  "rss_mb", "night",   "last_error", "silent"};
    enum { NCOLS = 15, C_UPTIME = 9, C_RESTARTS, C_RSS, C_NIGHT, C_ERROR, C_SILENT };
    char minutes[16];
    snprintf(minutes, sizeof minutes, "%d", silent_minutes);
    const char *params[] = {minutes};
    PGresult *r = hub_admin_exec(h, sql, 1, params, PGRES_TUPLES_OK, "status", err, errlen);
    if (!r)
        return -1;
    int n = PQntuples(r);
    Buf b;
    buf_init(&b);
    if (json)
        buf_putc(&b, '[');
    else
        buf_printf(&b, "%-16s %-14s %-19s %7s %-8s %8s %8s %8s %9s %7s %8s %6s %-5s %-6s %s\n",
                   cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6], cols[7], cols[8],
                   "uptime", cols[C_RESTARTS], cols[C_RSS], cols[C_NIGHT], cols[C_SILENT],
                   cols[C_ERROR]);
    for (int i = 0; i < n; i++) {
        int silent = strcmp(PQgetvalue(r, i, C_SILENT), "t") == 0;
        if (json) {
            buf_puts(&b, i ? ",{" : "{");
            int first = 1;
            for (int c = 0; c < NCOLS; c++) {
                const char *v = PQgetvalue(r, i, c);
                if (c == C_SILENT) {
                    json_member_bool(&b, &first, cols[c], silent);
                } else if (PQgetisnull(r, i, c)) {
                    buf_printf(&b, "%s\"%s\":null", first ? "" : ",", cols[c]);
                    first = 0;
                } else if (c == 3 || (c >= 5 && c <= C_RSS)) {
                    json_member_int(&b, &first, cols[c], strtoll(v, NULL, 10));
                } else {
                    json_member_str(&b, &first, cols[c], v);
                }
            }
            buf_putc(&b, '}');
        } else {
            char up[24];
            format_uptime(PQgetvalue(r, i, C_UPTIME), up, sizeof up);
            const char *restarts = PQgetvalue(r, i, C_RESTARTS), *rss = PQgetvalue(r, i, C_RSS),
                       *night = PQgetvalue(r, i, C_NIGHT);
            buf_printf(&b, "%-16s %-14s %-19s %7s %-8s %8s %8s %8s %9s %7s %8s %6s %-5s %-6s %s\n",
                       PQgetvalue(r, i, 0), PQgetvalue(r, i, 1), PQgetvalue(r, i, 2),
                       PQgetvalue(r, i, 3), PQgetvalue(r, i, 4), PQgetvalue(r, i, 5),
                       PQgetvalue(r, i, 6), PQgetvalue(r, i, 7), PQgetvalue(r, i, 8), up,
                       *restarts ? restarts : "-", *rss ? rss : "-", *night ? night : "-",
                       silent ? "SILENT" : "ok", PQgetvalue(r, i, C_ERROR));
        }
    }
    if (json)
        buf_puts(&b, "]\n");
    PQclear(r);
    int rc = 0;
    if (b.failed)
        rc = hub_admin_fail(err, errlen, "status", "out of memory");
    else
        fputs(buf_str(&b), out);
    buf_deinit(&b);
    return rc;
}

/* --- content ----------------------------------------------------------------------- */

int hub_admin_publish(HubAdmin *h, const char *kind, const char *scope, const char *fields_json,
                      int64_t hub_id, int64_t *hub_id_out, char *err, size_t errlen)
{
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)hub_id);
    const char *params[] = {kind, scope, fields_json, hub_id ? id : NULL};
    PGresult *r = hub_admin_exec(
        h, "SELECT o_hub_id FROM yanxia_hub.hub_publish($1, $2, $3::jsonb, $4::bigint)", 4, params,
        PGRES_TUPLES_OK, "publish", err, errlen);
    if (!r)
        return -1;
    if (hub_id_out)
        *hub_id_out = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
    PQclear(r);
    return 0;
}

int hub_admin_unpublish(HubAdmin *h, const char *kind, int64_t hub_id, char *err, size_t errlen)
{
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)hub_id);
    const char *params[] = {kind, id};
    PGresult *r = hub_admin_exec(h, "SELECT yanxia_hub.hub_unpublish($1, $2::bigint)", 2, params,
                                 PGRES_TUPLES_OK, "remove", err, errlen);
    PQclear(r);
    return r ? 0 : -1;
}

/* --- photos ------------------------------------------------------------------------ */

#define HUB_CHUNK 262144 /* the hub's photo_chunks size (kiosk_photo_chunk relies on it) */

int hub_admin_put_photo(HubAdmin *h, const char *path, const char *sha256, int64_t bytes, char *err,
                        size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "cannot read %s", path);
        return -1;
    }
    unsigned char *chunk = malloc(HUB_CHUNK);
    if (!chunk || run_ok(h, "BEGIN", "begin", err, errlen) < 0) {
        if (!chunk)
            snprintf(err, errlen, "out of memory");
        free(chunk);
        fclose(f);
        return -1;
    }
    char total[24], idx[16];
    snprintf(total, sizeof total, "%lld", (long long)bytes);
    int64_t sent = 0;
    int rc = 0;
    for (int i = 0; rc == 0; i++) {
        size_t n = fread(chunk, 1, HUB_CHUNK, f);
        if (n == 0)
            break;
        snprintf(idx, sizeof idx, "%d", i);
        const char *params[] = {sha256, total, idx, (const char *)chunk};
        int lengths[] = {0, 0, 0, (int)n};
        int formats[] = {0, 0, 0, 1};
        PGresult *r =
            PQexecParams(h->pg, "SELECT yanxia_hub.hub_photo_put($1, $2::bigint, $3::int, $4)", 4,
                         NULL, params, lengths, formats, 0);
        if (!r || PQresultStatus(r) != PGRES_TUPLES_OK)
            rc = hub_admin_fail(err, errlen, "upload photo",
                                r ? PQresultErrorMessage(r) : PQerrorMessage(h->pg));
        PQclear(r);
        sent += (int64_t)n;
    }
    if (rc == 0 && (ferror(f) || sent != bytes)) {
        snprintf(err, errlen, "%s changed while it was read", path);
        rc = -1;
    }
    fclose(f);
    free(chunk);
    if (rc == 0)
        return run_ok(h, "COMMIT", "commit", err, errlen);
    PQclear(PQexec(h->pg, "ROLLBACK"));
    return -1;
}

int hub_admin_album(HubAdmin *h, const char *scope, const char *name, int64_t *hub_id, char *err,
                    size_t errlen)
{
    const char *params[] = {scope, name};
    PGresult *r =
        hub_admin_exec(h,
                       "SELECT a.hub_id FROM yanxia_hub.albums a JOIN yanxia_hub.scopes s"
                       " ON s.id = a.scope_id WHERE s.code = $1 AND a.name = $2 AND NOT a.deleted"
                       " ORDER BY a.hub_id LIMIT 1",
                       2, params, PGRES_TUPLES_OK, "find album", err, errlen);
    if (!r)
        return -1;
    int found = PQntuples(r) == 1;
    if (found)
        *hub_id = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
    PQclear(r);
    if (found)
        return 0;
    Buf b;
    buf_init(&b);
    int first = 1;
    buf_putc(&b, '{');
    json_member_str(&b, &first, "name", name);
    buf_putc(&b, '}');
    char *fields = buf_take(&b);
    buf_deinit(&b);
    if (!fields) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int rc = hub_admin_publish(h, "album", scope, fields, 0, hub_id, err, errlen);
    free(fields);
    return rc;
}

/* --- submissions (export) ---------------------------------------------------------- */

#define HUB_SUB_FIXED 4 /* kiosk, building, received_at, decision */
#define HUB_SUB_KEYS  16

void hub_rows_free(HubRows *r)
{
    if (!r)
        return;
    for (size_t i = 0; r->cells && i < r->nrows * r->ncols; i++)
        free(r->cells[i]);
    free(r->cells);
    memset(r, 0, sizeof *r);
}

int hub_admin_submissions(HubAdmin *h, const char *kind, const char *scope, const char *const *keys,
                          size_t nkeys, HubRows *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (nkeys > HUB_SUB_KEYS) {
        snprintf(err, errlen, "too many payload keys");
        return -1;
    }
    if (scope) {
        /* an unknown code would silently export nothing; say so instead */
        const char *p[] = {scope};
        PGresult *r = hub_admin_exec(h, "SELECT 1 FROM yanxia_hub.scopes WHERE code = $1", 1, p,
                                     PGRES_TUPLES_OK, "find scope", err, errlen);
        if (!r)
            return -1;
        int found = PQntuples(r) == 1;
        PQclear(r);
        if (!found) {
            snprintf(err, errlen, "the hub has no building or scope \"%.64s\"", scope);
            return -1;
        }
    }
    Buf sql;
    buf_init(&sql);
    buf_puts(&sql, "SELECT k.name, sc.code, extract(epoch FROM s.received_at)::bigint,"
                   " CASE WHEN s.kind = 'signup' THEN coalesce(d.status,"
                   " s.payload->>'kiosk_status') WHEN s.kind IN ('wish', 'suggestion', 'question')"
                   " THEN CASE WHEN v.withdrawn THEN 'withdrawn' ELSE coalesce(v.state, CASE s.kind"
                   " WHEN 'wish' THEN 'review' WHEN 'suggestion' THEN 'new' ELSE 'unanswered' END)"
                   " END END");
    for (size_t i = 0; i < nkeys; i++)
        buf_printf(&sql, ", s.payload->>$%zu::text", i + 3);
    buf_puts(&sql, " FROM yanxia_hub.submissions s JOIN yanxia_hub.kiosks k ON k.id = s.kiosk_id"
                   " JOIN yanxia_hub.scopes sc ON sc.id = k.building_id"
                   " LEFT JOIN yanxia_hub.signup_decisions d ON d.signup_uuid = s.uuid"
                   " LEFT JOIN yanxia_hub.verdicts v ON v.uuid = s.uuid"
                   " WHERE s.kind = $1 AND ($2::text IS NULL OR (SELECT id FROM"
                   " yanxia_hub.scopes WHERE code = $2) = ANY (yanxia_hub.scope_chain("
                   "k.building_id))) ORDER BY s.hub_order");
    const char *params[2 + HUB_SUB_KEYS] = {kind, scope};
    for (size_t i = 0; i < nkeys; i++)
        params[2 + i] = keys[i];
    char *text = buf_take(&sql);
    buf_deinit(&sql);
    if (!text) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    PGresult *r = hub_admin_exec(h, text, (int)(2 + nkeys), params, PGRES_TUPLES_OK,
                                 "read submissions", err, errlen);
    free(text);
    if (!r)
        return -1;
    size_t nrows = (size_t)PQntuples(r), ncols = HUB_SUB_FIXED + nkeys;
    out->cells = calloc(nrows * ncols + 1, sizeof *out->cells);
    int rc = out->cells ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < nrows; i++) {
        for (size_t c = 0; c < ncols; c++) {
            if (PQgetisnull(r, (int)i, (int)c))
                continue;
            out->cells[i * ncols + c] = strdup(PQgetvalue(r, (int)i, (int)c));
            if (!out->cells[i * ncols + c])
                rc = -1;
        }
    }
    PQclear(r);
    out->nrows = nrows;
    out->ncols = ncols;
    if (rc < 0) {
        hub_rows_free(out);
        snprintf(err, errlen, "out of memory");
    }
    return rc;
}
