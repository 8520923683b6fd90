/* Full-text search over what residents can read: notices and health tips. Chinese has
 * no spaces, so the index is FTS5 trigram: 3+ character queries use MATCH, shorter ones
 * (电梯) a LIKE scan of the same table. Hidden notices are never returned. */
#ifndef YX_STORE_SEARCH_H
#define YX_STORE_SEARCH_H

#include "store/store.h"

#define SEARCH_KIND_NOTICE "notice"
#define SEARCH_KIND_TIP    "tip"
#define SEARCH_QUERY_MAX   40 /* code points */
#define SEARCH_SNIPPET_CP  40 /* code points of context in a snippet */

typedef struct {
    const char *kind; /* SEARCH_KIND_NOTICE or SEARCH_KIND_TIP (static storage) */
    int64_t ref_id;   /* notice id or tip id */
    char *title;
    char *snippet; /* the body around the first match, "…" where cut */
} SearchHit;

typedef struct {
    SearchHit *items;
    size_t count;
} SearchHitList;

/* Finds notices and tips whose title or body contains query (trimmed; case-folded
 * for ASCII). Any text is safe: FTS5 syntax characters are matched literally. An
 * empty query gives an empty list. Best first: title matches, then newer. limit 0:
 * 50. Free with search_hit_list_free; -1 on failure (REASON_TEXT_BAD_UTF8,
 * REASON_TEXT_TOO_LONG, REASON_STORAGE). */
int store_search(Store *s, const char *query, size_t limit, SearchHitList *out);
void search_hit_list_free(SearchHitList *l);

#endif
