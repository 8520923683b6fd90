/* Albums and quick phrases (staff.h), on both backends: standalone over the store's
 * album and phrase rules with the audit line in the same batch (staff_finish), over the
 * hub through sql/hub/035_staff_albums_phrases.sql's scope-checked functions (an album's
 * edit 039's, with its revision 041's), which write the audit line themselves. */
#include "staff/staff.h"

#include "staff/staff_hub.h"
#include "staff/staff_hub_read.h"
#include "staff/staff_internal.h"

#include "core/json.h"
#include "core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- over the hub ------------------------------------------------------------------- */

/* Runs one of migration 035's functions; -1 with the refusal kept, a hub without the
 * function refused as FAILED with a sentence saying to upgrade it. *id_out (may be NULL)
 * gets the first column of a one-row answer. */
static int hub_call(const StaffActor *a, const char *fn, const char *sql, int n,
                    const char *const *params, int64_t *id_out)
{
    PGresult *res = staff_hub_read(a, sql, n, params);
    if (!res) {
        if (staff_hub_refusal() == STAFF_REFUSAL_FAILED && strstr(staff_hub_error(), fn))
            return staff_hub_refuse_as(
                STAFF_REFUSAL_FAILED,
                "中心库还不能由工作人员管理相册和快捷短语（需要先升级中心库）");
        return -1;
    }
    if (id_out)
        *id_out = PQntuples(res) == 1 ? strtoll(PQgetvalue(res, 0, 0), NULL, 10) : 0;
    PQclear(res);
    return 0;
}

/* One of 035's functions taking a hub id (and maybe a text). */
static int hub_on_id(const StaffActor *a, const char *fn, const char *sql, int64_t id,
                     const char *text)
{
    char hid[24];
    snprintf(hid, sizeof hid, "%lld", (long long)id);
    const char *params[] = {hid, text};
    return hub_call(a, fn, sql, text ? 2 : 1, params, NULL);
}

static int hub_album_create(const StaffActor *a, const StaffAlbum *in, int64_t *id_out)
{
    const Album *al = &in->album;
    char at[24], sort[16];
    snprintf(at, sizeof at, "%lld", (long long)al->event_at);
    snprintf(sort, sizeof sort, "%d", al->sort);
    const char *params[] = {in->building, al->name, al->kind, al->description, at, sort};
    return hub_call(a, "staff_create_album",
                    "SELECT yanxia_hub.staff_create_album($1, $2, $3, $4, $5::bigint, $6::int)", 6,
                    params, id_out);
}

static int hub_album_find(const StaffActor *a, const char *building, const char *name,
                          int64_t *id_out)
{
    const char *params[] = {building ? building : "", name ? name : ""};
    PGresult *res =
        staff_hub_read(a,
                       "SELECT hub_id FROM yanxia_hub.staff_album_rows() WHERE building = $1"
                       " AND name = regexp_replace($2, '^[\\s\u3000]+|[\\s\u3000]+$', '', 'g')"
                       " ORDER BY hub_id LIMIT 1",
                       2, params);
    if (!res) {
        if (staff_hub_refusal() == STAFF_REFUSAL_FAILED &&
            strstr(staff_hub_error(), "staff_album_rows"))
            return staff_hub_refuse_as(
                STAFF_REFUSAL_FAILED,
                "中心库还不能由工作人员管理相册和快捷短语（需要先升级中心库）");
        return -1;
    }
    int found = PQntuples(res) == 1;
    if (found && id_out)
        *id_out = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    return found;
}

static int hub_phrase_add(const StaffActor *a, const StaffPhrase *in, int64_t *id_out)
{
    char sort[16];
    snprintf(sort, sizeof sort, "%d", in->phrase.sort);
    const char *params[] = {in->building, in->phrase.form, in->phrase.text, sort};
    return hub_call(a, "staff_add_phrase",
                    "SELECT yanxia_hub.staff_add_phrase($1, $2, $3, $4::int)", 4, params, id_out);
}

#define ALBUM_EDIT_UPGRADE                                                                         \
    "中心库还不能修改相册的类型、说明、日期或顺序（需要先升级中心库，sql/hub/039）"

/* staff_album_get over the hub: sql/hub/041's staff_album_edit, the album and its
 * revision in one statement; a hub without 041 039's staff_album, *rev 0 (its edits
 * replace whatever is there). */
static int hub_album_get(const StaffActor *a, int64_t id, Album *out, int64_t *rev)
{
    char hid[24];
    snprintf(hid, sizeof hid, "%lld", (long long)id);
    const char *params[] = {hid};
    int with_rev = 1;
    PGresult *res = staff_hub_read(a,
                                   "SELECT name, kind, description, event_at, sort, rev"
                                   " FROM yanxia_hub.staff_album_edit($1::bigint)",
                                   1, params);
    if (!res && staff_hub_refusal() == STAFF_REFUSAL_FAILED &&
        strstr(staff_hub_error(), "staff_album_edit")) {
        with_rev = 0; /* a hub without sql/hub/041 */
        res = staff_hub_read(a,
                             "SELECT name, kind, description, event_at, sort FROM "
                             "yanxia_hub.staff_album($1::bigint)",
                             1, params);
    }
    if (!res) {
        if (staff_hub_refusal() == STAFF_REFUSAL_FAILED &&
            strstr(staff_hub_error(), "staff_album("))
            return staff_hub_refuse_as(STAFF_REFUSAL_FAILED, ALBUM_EDIT_UPGRADE);
        return -1;
    }
    if (PQntuples(res) != 1) {
        PQclear(res);
        return staff_hub_refuse_as(STAFF_REFUSAL_NOT_FOUND, "没有找到这一项，可能已被撤下");
    }
    *out = (Album){.id = id,
                   .name = strdup(PQgetvalue(res, 0, 0)),
                   .kind = strdup(PQgetvalue(res, 0, 1)),
                   .description = strdup(PQgetvalue(res, 0, 2)),
                   .event_at = strtoll(PQgetvalue(res, 0, 3), NULL, 10),
                   .sort = (int)strtol(PQgetvalue(res, 0, 4), NULL, 10)};
    if (rev)
        *rev = with_rev ? strtoll(PQgetvalue(res, 0, 5), NULL, 10) : 0;
    PQclear(res);
    if (out->name && out->kind && out->description)
        return 0;
    album_deinit(out);
    memset(out, 0, sizeof *out);
    return staff_hub_refuse_as(STAFF_REFUSAL_FAILED, "内存不够，没有读出来");
}

/* staff_album_update over the hub: sql/hub/039's staff_update_album, with in->rev
 * 041's form, which refuses an album changed since (CHANGED). */
static int hub_album_update(const StaffActor *a, int64_t id, const StaffAlbum *in)
{
    const Album *al = &in->album;
    char hid[24], at[24], sort[16], rev[24];
    snprintf(hid, sizeof hid, "%lld", (long long)id);
    snprintf(at, sizeof at, "%lld", (long long)al->event_at);
    snprintf(sort, sizeof sort, "%d", al->sort);
    snprintf(rev, sizeof rev, "%lld", (long long)in->rev);
    const char *params[] = {hid, al->name ? al->name : "", al->kind, al->description, at, sort,
                            rev};
    PGresult *res = staff_hub_read(a,
                                   in->rev ? "SELECT yanxia_hub.staff_update_album($1::bigint, $2, "
                                             "$3, $4, $5::bigint, $6::int, $7::bigint)"
                                           : "SELECT yanxia_hub.staff_update_album($1::bigint, $2, "
                                             "$3, $4, $5::bigint, $6::int)",
                                   in->rev ? 7 : 6, params);
    if (!res) {
        if (staff_hub_refusal() == STAFF_REFUSAL_FAILED &&
            strstr(staff_hub_error(), "staff_update_album"))
            return staff_hub_refuse_as(STAFF_REFUSAL_FAILED,
                                       ALBUM_EDIT_UPGRADE "，这次修改没有保存");
        return staff_hub_edit_refused(-1, in->rev);
    }
    PQclear(res);
    return 0;
}

/* --- over the store ----------------------------------------------------------------- */

/* Album id as the staff view sees it (photo_count counts hidden photos too), or -1 with
 * REASON_NOT_FOUND kept by store_album_get. Free with album_deinit. */
static int album_read(Store *s, int64_t id, Album *out)
{
    if (store_album_get(s, id, out) < 0)
        return -1;
    AlbumQuery q = {.include_hidden = 1};
    AlbumList l;
    if (store_album_list(s, &q, &l) == 0) {
        for (size_t i = 0; i < l.count; i++)
            if (l.items[i].id == id)
                out->photo_count = l.items[i].photo_count;
        album_list_free(&l);
    }
    return 0;
}

int staff_album_create(const StaffActor *a, const StaffAlbum *in, int64_t *id_out)
{
    if (a->hub)
        return hub_album_create(a, in, id_out);
    Album al = in->album;
    al.id = 0;
    al.source_key = NULL; /* staff make albums by hand: no import key */
    if (!al.kind || !*al.kind)
        al.kind = (char *)ALBUM_EVENT;
    if (store_batch_begin(a->store) < 0)
        return -1;
    int64_t id = 0;
    int rc = store_album_add(a->store, &al, &id);
    char target[32];
    snprintf(target, sizeof target, "album %lld", (long long)id);
    if (staff_finish(a, rc, "album.add", target, "", al.name) < 0)
        return -1;
    if (id_out)
        *id_out = id;
    return 0;
}

int staff_album_find(const StaffActor *a, const char *building, const char *name, int64_t *id_out)
{
    if (a->hub)
        return hub_album_find(a, building, name, id_out);
    Album al;
    if (store_album_find(a->store, name, &al) < 0)
        return store_reason(a->store) == REASON_NOT_FOUND ? 0 : -1;
    if (id_out)
        *id_out = al.id;
    album_deinit(&al);
    return 1;
}

int staff_album_rename(const StaffActor *a, int64_t id, const char *name)
{
    if (a->hub)
        return hub_on_id(a, "staff_rename_album",
                         "SELECT yanxia_hub.staff_rename_album($1::bigint, $2)", id,
                         name ? name : "");
    Album old;
    if (store_album_get(a->store, id, &old) < 0)
        return -1;
    Album al = old;
    al.name = (char *)(name ? name : "");
    char target[32];
    snprintf(target, sizeof target, "album %lld", (long long)id);
    int rc = store_batch_begin(a->store);
    if (rc == 0)
        rc = staff_finish(a, store_album_update(a->store, &al), "album.rename", target, old.name,
                          al.name);
    album_deinit(&old);
    return rc;
}

int staff_album_get(const StaffActor *a, int64_t id, Album *out, int64_t *rev)
{
    memset(out, 0, sizeof *out);
    if (rev)
        *rev = 0;
    if (a->hub)
        return hub_album_get(a, id, out, rev);
    if (store_album_get(a->store, id, out) < 0) {
        memset(out, 0, sizeof *out);
        return -1;
    }
    if (rev)
        *rev = staff_album_rev(out);
    free(out->source_key); /* as over the hub: an edit has no use for it */
    out->source_key = NULL;
    return 0;
}

/* One member of an audit line's JSON object, written as the hub writes a jsonb's text
 * (", " between members, ": " after the key). */
static void json_text_member(Buf *b, const char *key, const char *text, const int64_t *num)
{
    buf_puts(b, buf_str(b)[1] ? ", " : "");
    json_put_str(b, key);
    buf_puts(b, ": ");
    if (text)
        json_put_str(b, text);
    else if (*num)
        buf_printf(b, "%lld", (long long)*num);
    else
        buf_puts(b, strcmp(key, "sort") == 0 ? "0" : "null"); /* event_at 0: none */
}

/* The fields of album was that now changes, into before and after ("{}" each when none
 * does): JSON objects as sql/hub/041's staff_update_album and 040's import audit an
 * album.update, members in jsonb's order (by length, then bytes). 1 when any differs. */
static int album_diff(const Album *was, const Album *now, Buf *before, Buf *after)
{
    static const char *const keys[] = {"kind", "name", "sort", "event_at", "description"};
    buf_puts(before, "{");
    buf_puts(after, "{");
    int any = 0;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const char *t0 = NULL, *t1 = NULL;
        int64_t n0 = 0, n1 = 0;
        switch (i) {
        case 0:
            t0 = was->kind, t1 = now->kind;
            break;
        case 1:
            t0 = was->name, t1 = now->name;
            break;
        case 2:
            n0 = was->sort, n1 = now->sort;
            break;
        case 3:
            n0 = was->event_at, n1 = now->event_at;
            break;
        default:
            t0 = was->description, t1 = now->description;
            break;
        }
        int text = i < 2 || i == 4;
        if (text ? strcmp(t0 ? t0 : "", t1 ? t1 : "") == 0 : n0 == n1)
            continue;
        any = 1;
        json_text_member(before, keys[i], text ? (t0 ? t0 : "") : NULL, &n0);
        json_text_member(after, keys[i], text ? (t1 ? t1 : "") : NULL, &n1);
    }
    buf_puts(before, "}");
    buf_puts(after, "}");
    return any;
}

int staff_album_update(const StaffActor *a, int64_t id, const StaffAlbum *in)
{
    if (a->hub)
        return hub_album_update(a, id, in);
    if (store_batch_begin(a->store) < 0)
        return -1;
    Album old;
    if (store_album_get(a->store, id, &old) < 0) {
        store_batch_end(a->store, 0);
        return -1;
    }
    if (in->rev && in->rev != staff_album_rev(&old)) { /* someone saved it since the read */
        album_deinit(&old);
        store_batch_end(a->store, 0);
        return store_refuse(a->store, REASON_CHANGED);
    }
    Album al = in->album;
    al.id = id;
    al.source_key = old.source_key; /* an imported album stays its folder's */
    if (!al.kind || !*al.kind)
        al.kind = (char *)ALBUM_EVENT;
    char target[32];
    snprintf(target, sizeof target, "album %lld", (long long)id);
    Buf before, after;
    buf_init(&before);
    buf_init(&after);
    int rc;
    if (!album_diff(&old, &al, &before, &after)) {
        store_batch_end(a->store, 0); /* nothing changes: nothing written, nothing audited */
        rc = 0;
    } else {
        rc = staff_finish(a, store_album_update(a->store, &al), "album.update", target,
                          buf_str(&before), buf_str(&after));
    }
    buf_deinit(&before);
    buf_deinit(&after);
    album_deinit(&old);
    return rc;
}

int staff_album_withdraw(const StaffActor *a, int64_t id)
{
    if (a->hub)
        return hub_on_id(a, "staff_withdraw_album",
                         "SELECT yanxia_hub.staff_withdraw_album($1::bigint)", id, NULL);
    Album old;
    if (album_read(a->store, id, &old) < 0)
        return -1;
    char target[32], before[STORE_TITLE_MAX * 4 + 32];
    snprintf(target, sizeof target, "album %lld", (long long)id);
    snprintf(before, sizeof before, "%s (%lld photos)", old.name, (long long)old.photo_count);
    int rc = store_batch_begin(a->store);
    if (rc == 0)
        rc =
            staff_finish(a, store_album_remove(a->store, id), "album.withdraw", target, before, "");
    album_deinit(&old);
    return rc;
}

/* The id of the live phrase of form with the words t (trimmed, as the store keeps
 * them) in *id (0: none). -1 when the list cannot be read, the store's reason kept. */
static int phrase_live_id(Store *s, const char *form, const char *t, int64_t *id)
{
    *id = 0;
    PhraseList l;
    if (store_phrase_list(s, form, &l) < 0)
        return -1;
    for (size_t i = 0; i < l.count && !*id; i++)
        if (strcmp(l.items[i].text, t) == 0)
            *id = l.items[i].id;
    phrase_list_free(&l);
    return 0;
}

int staff_phrase_add(const StaffActor *a, const StaffPhrase *in, int64_t *id_out)
{
    if (a->hub)
        return hub_phrase_add(a, in, id_out);
    Phrase p = in->phrase;
    p.id = 0;
    p.source_key = NULL;
    /* the words as the store will keep them, for the check below and the audit line;
     * words it refuses go to it untouched, for its reason */
    const char *text = p.text ? p.text : "";
    char *t = utf8_valid(text, strlen(text)) ? utf8_trim_dup(text) : NULL;
    if (t && *t && phrase_form_valid(p.form)) {
        /* a phrase already on the form is the one asked for: its id back, nothing
         * written and nothing audited (its sort kept), as the hub's staff_add_phrase */
        int64_t live = 0;
        if (phrase_live_id(a->store, p.form, t, &live) < 0)
            goto err;
        if (live) {
            if (id_out)
                *id_out = live;
            free(t);
            return 0;
        }
    }
    if (store_batch_begin(a->store) < 0)
        goto err;
    int64_t id = 0;
    int rc = store_phrase_add(a->store, &p, &id);
    char target[32], after[STORE_SHORT_MAX * 4 + 16];
    snprintf(target, sizeof target, "phrase %lld", (long long)id);
    snprintf(after, sizeof after, "%s: %s", p.form ? p.form : "", t ? t : text);
    free(t);
    t = NULL;
    if (staff_finish(a, rc, "phrase.add", target, "", after) < 0)
        return -1;
    if (id_out)
        *id_out = id;
    return 0;
err:
    free(t);
    return -1;
}

int staff_phrase_remove(const StaffActor *a, int64_t id)
{
    if (a->hub)
        return hub_on_id(a, "staff_remove_phrase",
                         "SELECT yanxia_hub.staff_remove_phrase($1::bigint)", id, NULL);
    /* the store has no one-phrase read: the audit line's "before" comes from the list */
    char target[32], before[STORE_SHORT_MAX * 4 + 16] = "";
    PhraseList l;
    if (store_phrase_list(a->store, NULL, &l) < 0)
        return -1;
    for (size_t i = 0; i < l.count; i++)
        if (l.items[i].id == id)
            snprintf(before, sizeof before, "%s: %s", l.items[i].form, l.items[i].text);
    phrase_list_free(&l);
    snprintf(target, sizeof target, "phrase %lld", (long long)id);
    int rc = store_batch_begin(a->store);
    if (rc == 0)
        rc =
            staff_finish(a, store_phrase_remove(a->store, id), "phrase.remove", target, before, "");
    return rc;
}
