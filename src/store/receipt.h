/* Looking a submission up by the receipt code the resident was given: what it was, where
 * it stands now (a sign-up's place or waiting position, a wish's moderation, a reply or
 * an answer) for the kiosk's 查询回执 screen. Read only; UI thread or any thread with its
 * own Store. */
#ifndef YX_STORE_RECEIPT_H
#define YX_STORE_RECEIPT_H

#include "store/store.h"

#include <stdint.h>

typedef enum {
    RECEIPT_SIGNUP,     /* state: a SignupStatus */
    RECEIPT_CANCEL,     /* a cancelled sign-up's cancellation */
    RECEIPT_SUGGESTION, /* state: a SuggestionState */
    RECEIPT_WISH,       /* state: a WishState */
    RECEIPT_CLAIM,      /* state: the claimed wish's WishState */
    RECEIPT_QUESTION,   /* state: 1 answered, 0 waiting */
    RECEIPT_VOTE,       /* state: 1 counts, 0 replaced by the household's later vote */
} ReceiptKind;

typedef struct {
    ReceiptKind kind;
    int state;
    int waitlist_position; /* a waitlisted sign-up's place in line, else 0 */
    int pending;           /* a sign-up the hub has not decided yet */
    char *title;           /* the activity, the poll's question, or the text written */
    char *detail;          /* the option voted for, the party size ...; "" if none */
    char *reply;           /* a public reply or answer, a decline note; "" if none */
    int64_t created_at;
} ReceiptInfo;

/* Finds the submission whose receipt is code (any case). 0 and *out filled (free with
 * receipt_info_deinit); -1 with REASON_NOT_FOUND when no submission has that code, or
 * REASON_STORAGE. */
int store_receipt_lookup(Store *s, const char *code, ReceiptInfo *out);
void receipt_info_deinit(ReceiptInfo *r);

#endif
