/* Quick phrases per form: listing, idempotent adds, tombstones. */
#include "store/phrase.h"
#include "store/store_internal.h"

#include <stdlib.h>
#include <string.h>

static const char *const FORMS[] = {PHRASE_SUGGESTION, PHRASE_WISH, PHRASE_QUESTION};

int phrase_form_valid(const char *form)
{
    for (size_t i = 0; i < sizeof FORMS / sizeof FORMS[0]; i++)
        if (form && strcmp(form, FORMS[i]) == 0)
            return 1;
    return 0;
}

void phrase_deinit(Phrase *p)
{
    if (!p)
        return;
    free(p->form);
    free(p->text);
    free(p->source_key);
    memset(p, 0, sizeof *p);
}

void phrase_list_free(PhraseList *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->count; i++)
        phrase_deinit(&l->items[i]);
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

int store_phrase_list(Store *s, const char *form, PhraseList *out)
{
    store_clear_error(s);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = store_prepare(s, "SELECT id, form, text, sort, source_key FROM quick_phrases"
                                        " WHERE deleted = 0 AND (?1 IS NULL OR form = ?1)"
                                        " ORDER BY form, sort, id");
    if (!st)
        return -1;
    store_bind_text_or_null(st, 1, form);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->count == cap) {
            cap = cap ? cap * 2 : 16;
            Phrase *p = realloc(out->items, cap * sizeof *p);
            if (!p)
                goto oom;
            out->items = p;
        }
        Phrase *p = &out->items[out->count++];
        memset(p, 0, sizeof *p);
        p->id = sqlite3_column_int64(st, 0);
        p->form = store_col_dup(st, 1);
        p->text = store_col_dup(st, 2);
        p->sort = sqlite3_column_int(st, 3);
        p->source_key = sqlite3_column_type(st, 4) == SQLITE_NULL ? NULL : store_col_dup(st, 4);
        if (!p->form || !p->text)
            goto oom;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        phrase_list_free(out);
        return store_fail_sql(s, rc, "list phrases");
    }
    return 0;
oom:
    sqlite3_finalize(st);
    phrase_list_free(out);
    return store_fail(s, REASON_STORAGE, "list phrases: out of memory");
}

int store_phrase_add(Store *s, const Phrase *in, int64_t *id_out)
{
    store_clear_error(s);
    if (!phrase_form_valid(in->form))
        return store_fail(s, REASON_INVALID_VALUE,
                          "phrase form \"%.20s\" is not suggestion,"
                          " wish or question",
                          in->form ? in->form : "");
    char *text = NULL;
    if (store_check_text(s, in->text, STORE_SHORT_MAX, 1, "phrase", &text) < 0)
        return -1;
    if (store_tx_begin(s) < 0) {
        free(text);
        return -1;
    }
    /* Seeding and imports run again and again: the same phrase (by key, or by its
     * words on the same form) is found, brought back if removed, never doubled. */
    int64_t id = 0;
    int ok = 0;
    sqlite3_stmt *st = store_prepare(
        s, "SELECT id FROM quick_phrases WHERE (?3 IS NOT NULL AND source_key = ?3)"
           " OR (form = ?1 AND text = ?2) ORDER BY source_key IS NOT ?3, deleted LIMIT 1");
    if (!st)
        goto done;
    sqlite3_bind_text(st, 1, in->form, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
    store_bind_text_or_null(st, 3, in->source_key);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        id = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        store_fail_sql(s, rc, "find phrase");
        goto done;
    }
    if (id)
        st = store_prepare(s, "UPDATE quick_phrases SET form = ?1, text = ?2, sort = ?4,"
                              " deleted = 0, updated_at = ?5 WHERE id = ?6"
                              " AND (form, text, sort, deleted) IS NOT (?1, ?2, ?4, 0)");
    else
        st = store_prepare(s, "INSERT INTO quick_phrases(form, text, sort, source_key,"
                              " created_at, updated_at) VALUES (?1, ?2, ?4, ?3, ?5, ?5)");
    if (!st)
        goto done;
    sqlite3_bind_text(st, 1, in->form, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
    store_bind_text_or_null(st, 3, in->source_key);
    sqlite3_bind_int(st, 4, in->sort);
    sqlite3_bind_int64(st, 5, store_now(s));
    if (id)
        sqlite3_bind_int64(st, 6, id);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        store_fail_sql(s, rc, "add phrase");
        goto done;
    }
    if (!id)
        id = sqlite3_last_insert_rowid(s->db);
    if (id_out)
        *id_out = id;
    ok = 1;
done:
    free(text);
    return store_tx_end(s, ok) == 0 && ok ? 0 : -1;
}

int store_phrase_remove(Store *s, int64_t id)
{
    return store_tombstone(s, "quick_phrases", "phrase", id);
}
