/* Quick phrases: ready-made sentences a resident taps instead of typing ("楼道灯坏了"),
 * one list per form. */
#ifndef YX_STORE_PHRASE_H
#define YX_STORE_PHRASE_H

#include "store/store.h"

#define PHRASE_SUGGESTION "suggestion"
#define PHRASE_WISH       "wish"
#define PHRASE_QUESTION   "question"

typedef struct {
    int64_t id;
    char *form; /* PHRASE_SUGGESTION, PHRASE_WISH or PHRASE_QUESTION */
    char *text; /* at most STORE_SHORT_MAX characters */
    int sort;
    char *source_key;
} Phrase;

typedef struct {
    Phrase *items;
    size_t count;
} PhraseList;

/* Phrases of form (NULL: all) by form, sort, then id. Free with phrase_list_free. */
int store_phrase_list(Store *s, const char *form, PhraseList *out);
void phrase_list_free(PhraseList *l);
void phrase_deinit(Phrase *p);

/* Adds a phrase. The same text for the same form again (or an existing source_key)
 * returns the existing id. REASON_INVALID_VALUE for an unknown form. */
int store_phrase_add(Store *s, const Phrase *in, int64_t *id_out);

/* Tombstones a phrase. REASON_NOT_FOUND if none. */
int store_phrase_remove(Store *s, int64_t id);

/* True for "suggestion", "wish", "question". */
int phrase_form_valid(const char *form);

#endif
