/* Contacts: kinds, phone shapes, listing in the screen's order, upsert by source_key,
 * tombstones. */
#include "store/contact.h"
#include "store/store_internal.h"

#include <stdlib.h>
#include <string.h>

const char *const CONTACT_KINDS[] = {"emergency", "committee", "property",
                                     "hotline",   "groupchat", "other"};
const size_t CONTACT_KIND_COUNT = sizeof CONTACT_KINDS / sizeof CONTACT_KINDS[0];

#define CONTACT_COLUMNS "id, kind, name, phone, note, qr_text, sort, source_key, updated_at"

/* The kind order of CONTACT_KINDS as SQL, so the list needs no sort in C. */
#define KIND_ORDER                                                                                 \
    "CASE kind WHEN 'emergency' THEN 0 WHEN 'committee' THEN 1 WHEN 'property' THEN 2"             \
    " WHEN 'hotline' THEN 3 WHEN 'groupchat' THEN 4 ELSE 5 END"

int contact_kind_valid(const char *kind)
{
    for (size_t i = 0; i < CONTACT_KIND_COUNT; i++)
        if (kind && strcmp(kind, CONTACT_KINDS[i]) == 0)
            return 1;
    return 0;
}

void contact_deinit(Contact *c)
{
    if (!c)
        return;
    free(c->kind);
    free(c->name);
    free(c->phone);
    free(c->note);
    free(c->qr_text);
    free(c->source_key);
    memset(c, 0, sizeof *c);
}

void contact_list_free(ContactList *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->count; i++)
        contact_deinit(&l->items[i]);
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

static int read_row(sqlite3_stmt *st, Contact *c)
{
    memset(c, 0, sizeof *c);
    c->id = sqlite3_column_int64(st, 0);
    c->kind = store_col_dup(st, 1);
    c->name = store_col_dup(st, 2);
    c->phone = store_col_dup(st, 3);
    c->note = store_col_dup(st, 4);
    c->qr_text = store_col_dup(st, 5);
    c->sort = sqlite3_column_int(st, 6);
    c->source_key = sqlite3_column_type(st, 7) == SQLITE_NULL ? NULL : store_col_dup(st, 7);
    c->updated_at = sqlite3_column_int64(st, 8);
    return c->kind && c->name && c->phone && c->note && c->qr_text ? 0 : -1;
}

int store_contact_list(Store *s, const char *kind, ContactList *out)
{
    store_clear_error(s);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = store_prepare(s, "SELECT " CONTACT_COLUMNS " FROM contacts"
                                        " WHERE deleted = 0 AND (?1 IS NULL OR kind = ?1)"
                                        " ORDER BY " KIND_ORDER ", sort, id");
    if (!st)
        return -1;
    store_bind_text_or_null(st, 1, kind);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->count == cap) {
            cap = cap ? cap * 2 : 8;
            Contact *p = realloc(out->items, cap * sizeof *p);
            if (!p)
                goto oom;
            out->items = p;
        }
        if (read_row(st, &out->items[out->count++]) < 0)
            goto oom;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        contact_list_free(out);
        return store_fail_sql(s, rc, "list contacts");
    }
    return 0;
oom:
    sqlite3_finalize(st);
    contact_list_free(out);
    return store_fail(s, REASON_STORAGE, "list contacts: out of memory");
}

int store_contact_get(Store *s, int64_t id, Contact *out)
{
    store_clear_error(s);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st =
        store_prepare(s, "SELECT " CONTACT_COLUMNS " FROM contacts WHERE id = ? AND deleted = 0");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    if (store_step_one(s, st, "contact", id) < 1)
        return -1;
    int r = read_row(st, out);
    sqlite3_finalize(st);
    if (r < 0) {
        contact_deinit(out);
        return store_fail(s, REASON_STORAGE, "get contact: out of memory");
    }
    return 0;
}

/* A phone as a contact card shows it: hotlines (12345, 962121) and extensions
 * ("021-6234 5678 转 8012") are fine, so this is a shape check, not phone_normalize.
 * Digits, spaces, - + ( ) and the word 转; at least three digits. */
static int phone_shape_ok(const char *p)
{
    int digits = 0;
    while (*p) {
        if (*p >= '0' && *p <= '9') {
            digits++;
            p++;
        } else if (strchr(" -+()", *p)) {
            p++;
        } else if (strncmp(p, "转", strlen("转")) == 0) {
            p += strlen("转");
        } else {
            return 0;
        }
    }
    return digits >= 3;
}

/* The checked, trimmed copy of a Contact that add and update write. */
typedef struct {
    char *name, *phone, *note, *qr_text;
} Clean;

static void clean_deinit(Clean *c)
{
    free(c->name);
    free(c->phone);
    free(c->note);
    free(c->qr_text);
}

static int validate(Store *s, const Contact *in, Clean *c)
{
    memset(c, 0, sizeof *c);
    if (!contact_kind_valid(in->kind))
        return store_fail(s, REASON_INVALID_VALUE,
                          "contact kind \"%.20s\" is not one of"
                          " emergency, committee, property, hotline, groupchat, other",
                          in->kind ? in->kind : "");
    if (store_check_text(s, in->name, STORE_NAME_MAX * 2, 1, "name", &c->name) < 0 ||
        store_check_text(s, in->phone, CONTACT_PHONE_MAX, 0, "phone", &c->phone) < 0 ||
        store_check_text(s, in->note, STORE_SHORT_MAX, 0, "note", &c->note) < 0 ||
        store_check_text(s, in->qr_text, CONTACT_QR_MAX, 0, "qr_text", &c->qr_text) < 0)
        goto fail;
    if (c->phone && !phone_shape_ok(c->phone)) {
        store_fail(s, REASON_PHONE_INVALID, "phone \"%.32s\" is not a number", c->phone);
        goto fail;
    }
    if (c->qr_text && strlen(c->qr_text) > CONTACT_QR_MAX) {
        /* a QR code holds bytes, not characters: 400 Chinese characters would not fit */
        store_fail(s, REASON_TEXT_TOO_LONG, "qr_text: %zu bytes, at most %d", strlen(c->qr_text),
                   CONTACT_QR_MAX);
        goto fail;
    }
    return 0;
fail:
    clean_deinit(c);
    return -1;
}

/* Binds kind, name, phone, note, qr_text, sort as ?1..?6 and now as ?7. */
static void bind_fields(Store *s, sqlite3_stmt *st, const Contact *in, const Clean *c)
{
    sqlite3_bind_text(st, 1, in->kind, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, c->name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, c->phone ? c->phone : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, c->note ? c->note : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, c->qr_text ? c->qr_text : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 6, in->sort);
    sqlite3_bind_int64(st, 7, store_now(s));
}

int store_contact_add(Store *s, const Contact *in, int64_t *id_out)
{
    store_clear_error(s);
    Clean c;
    if (validate(s, in, &c) < 0)
        return -1;
    sqlite3_stmt *st = store_prepare(
        s, "INSERT INTO contacts(kind, name, phone, note, qr_text, sort, source_key, created_at,"
           " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?8, ?7, ?7)"
           " ON CONFLICT(source_key) DO UPDATE SET kind = ?1, name = ?2, phone = ?3, note = ?4,"
           " qr_text = ?5, sort = ?6, deleted = 0, updated_at = ?7"
           " WHERE (kind, name, phone, note, qr_text, sort, deleted)"
           " IS NOT (?1, ?2, ?3, ?4, ?5, ?6, 0) RETURNING id");
    if (!st) {
        clean_deinit(&c);
        return -1;
    }
    bind_fields(s, st, in, &c);
    store_bind_text_or_null(st, 8, in->source_key);
    int rc = sqlite3_step(st);
    int64_t id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    clean_deinit(&c);
    if (rc == SQLITE_DONE && in->source_key && *in->source_key) {
        st = store_prepare(s, "SELECT id FROM contacts WHERE source_key = ?");
        if (!st)
            return -1;
        sqlite3_bind_text(st, 1, in->source_key, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        sqlite3_finalize(st);
    }
    if (rc != SQLITE_ROW)
        return store_fail_sql(s, rc, "add contact");
    if (id_out)
        *id_out = id;
    return 0;
}

int store_contact_update(Store *s, const Contact *in)
{
    store_clear_error(s);
    Clean c;
    if (validate(s, in, &c) < 0)
        return -1;
    sqlite3_stmt *st = store_prepare(
        s, "UPDATE contacts SET kind = ?1, name = ?2, phone = ?3, note = ?4, qr_text = ?5,"
           " sort = ?6, updated_at = ?7 WHERE id = ?8 AND deleted = 0");
    if (!st) {
        clean_deinit(&c);
        return -1;
    }
    bind_fields(s, st, in, &c);
    sqlite3_bind_int64(st, 8, in->id);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    clean_deinit(&c);
    if (rc != SQLITE_DONE)
        return store_fail_sql(s, rc, "update contact");
    if (sqlite3_changes(s->db) == 0)
        return store_fail(s, REASON_NOT_FOUND, "no contact %lld", (long long)in->id);
    return 0;
}

int store_contact_remove(Store *s, int64_t id)
{
    return store_tombstone(s, "contacts", "contact", id);
}
