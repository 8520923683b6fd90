/* Search over notices and health tips through the search_fts trigram table (kept in
 * step by triggers in schema.c). Queries of 3+ characters are one quoted FTS5 phrase,
 * so any text the resident types is matched literally; shorter ones use LIKE. */
#include "store/search.h"
#include "store/store_internal.h"

#include "core/utf8.h"

#include <stdlib.h>
#include <string.h>

#define SEARCH_DEFAULT_LIMIT 50
#define SNIPPET_BEFORE_CP    10 /* context shown before the match */

/* What a resident may see: live, published, unexpired notices and live tips (?2 = now).
 * The index also holds tombstoned rows; they are filtered here, not deleted there. */
#define SEARCH_SQL(match)                                                                          \
    "SELECT search_fts.kind, search_fts.ref_id, search_fts.title, search_fts.body"                 \
    " FROM search_fts"                                                                             \
    " LEFT JOIN notices n ON search_fts.kind = 'notice' AND n.id = search_fts.ref_id"              \
    " LEFT JOIN health_tips t ON search_fts.kind = 'tip' AND t.id = search_fts.ref_id"             \
    " WHERE " match " AND CASE search_fts.kind"                                                    \
    "  WHEN 'notice' THEN n.deleted = 0 AND n.publish_at <= ?2"                                    \
    "   AND (n.expires_at IS NULL OR n.expires_at > ?2)"                                           \
    "  WHEN 'tip' THEN t.deleted = 0 ELSE 0 END"                                                   \
    " ORDER BY search_fts.title LIKE ?3 ESCAPE '\\' DESC, search_fts.rowid DESC LIMIT ?4"

void search_hit_list_free(SearchHitList *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->count; i++) {
        free(l->items[i].title);
        free(l->items[i].snippet);
    }
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

/* '"' + q with every '"' doubled + '"': an FTS5 string, so * ^ : ( ) - AND OR NEAR in
 * the query are plain characters. Caller frees; NULL when out of memory. */
static char *fts_phrase(const char *q)
{
    size_t n = strlen(q);
    char *out = malloc(2 * n + 3), *o = out;
    if (!out)
        return NULL;
    *o++ = '"';
    for (; *q; q++) {
        if (*q == '"')
            *o++ = '"';
        *o++ = *q;
    }
    *o++ = '"';
    *o = '\0';
    return out;
}

/* '%' + q with % _ \ escaped by '\' + '%', for LIKE ... ESCAPE '\'. Caller frees. */
static char *like_pattern(const char *q)
{
    size_t n = strlen(q);
    char *out = malloc(2 * n + 3), *o = out;
    if (!out)
        return NULL;
    *o++ = '%';
    for (; *q; q++) {
        if (*q == '%' || *q == '_' || *q == '\\')
            *o++ = '\\';
        *o++ = *q;
    }
    *o++ = '%';
    *o = '\0';
    return out;
}

static int ascii_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* First occurrence of needle in hay, ASCII letters compared without case (as the
 * trigram tokenizer and LIKE do). NULL when absent. */
static const char *find_nocase(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++) {
        size_t i = 0;
        while (i < n && hay[i] &&
               ascii_lower((unsigned char)hay[i]) == ascii_lower((unsigned char)needle[i]))
            i++;
        if (i == n)
            return hay;
    }
    return NULL;
}

/* A one-line excerpt of body around the first match of q, "…" where it was cut. */
static char *make_snippet(const char *body, const char *q)
{
    const char *start = body;
    const char *hit = find_nocase(body, q);
    if (hit) {
        start = hit;
        for (int cp = 0; cp < SNIPPET_BEFORE_CP && start > body;) {
            start--;
            if (((unsigned char)*start & 0xC0) != 0x80)
                cp++; /* stepped back over a whole code point */
        }
    }
    size_t len = utf8_prefix_bytes(start, SEARCH_SNIPPET_CP);
    int cut_front = start > body, cut_back = start[len] != '\0';
    static const char ell[] = "…";
    size_t el = sizeof ell - 1;
    char *out = malloc(len + 2 * el + 1), *o = out;
    if (!out)
        return NULL;
    if (cut_front) {
        memcpy(o, ell, el);
        o += el;
    }
    for (size_t i = 0; i < len; i++) {
        char c = start[i];
        *o++ = c == '\n' || c == '\r' || c == '\t' ? ' ' : c;
    }
    if (cut_back) {
        memcpy(o, ell, el);
        o += el;
    }
    *o = '\0';
    return out;
}

int store_search(Store *s, const char *query, size_t limit, SearchHitList *out)
{
    store_clear_error(s);
    memset(out, 0, sizeof *out);
    char *q = NULL;
    if (store_check_text(s, query, SEARCH_QUERY_MAX, 0, "query", &q) < 0)
        return -1;
    if (!q)
        return 0; /* nothing typed yet: nothing found, not an error */
    /* trigrams need three characters; below that the index cannot answer */
    int use_fts = utf8_count(q) >= 3;
    char *match = use_fts ? fts_phrase(q) : NULL;
    char *like = like_pattern(q);
    sqlite3_stmt *st = NULL;
    int r = -1;
    if (!like || (use_fts && !match)) {
        store_fail(s, REASON_STORAGE, "search: out of memory");
        goto done;
    }
    st = store_prepare(s, use_fts ? SEARCH_SQL("search_fts MATCH ?1")
                                  : SEARCH_SQL("(search_fts.title LIKE ?1 ESCAPE '\\'"
                                               " OR search_fts.body LIKE ?1 ESCAPE '\\')"));
    if (!st)
        goto done;
    sqlite3_bind_text(st, 1, use_fts ? match : like, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, store_now(s));
    sqlite3_bind_text(st, 3, like, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, limit ? (int64_t)limit : SEARCH_DEFAULT_LIMIT);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->count == cap) {
            cap = cap ? cap * 2 : 16;
            SearchHit *p = realloc(out->items, cap * sizeof *p);
            if (!p)
                goto oom;
            out->items = p;
        }
        SearchHit *h = &out->items[out->count++];
        const unsigned char *kind = sqlite3_column_text(st, 0);
        const unsigned char *body = sqlite3_column_text(st, 3);
        h->kind =
            kind && strcmp((const char *)kind, "tip") == 0 ? SEARCH_KIND_TIP : SEARCH_KIND_NOTICE;
        h->ref_id = sqlite3_column_int64(st, 1);
        h->title = store_col_dup(st, 2);
        h->snippet = make_snippet(body ? (const char *)body : "", q);
        if (!h->title || !h->snippet)
            goto oom;
    }
    if (rc != SQLITE_DONE) {
        search_hit_list_free(out);
        store_fail_sql(s, rc, "search");
        goto done;
    }
    r = 0;
    goto done;
oom:
    search_hit_list_free(out);
    store_fail(s, REASON_STORAGE, "search: out of memory");
done:
    sqlite3_finalize(st);
    free(like);
    free(match);
    free(q);
    return r;
}
