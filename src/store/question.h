/* Health questions (健康答疑): residents ask, the health volunteer answers, and only
 * answered questions marked public appear on the board (newest answer first).
 * Asking is a submission (UUID, receipt, outbox row); answering is moderation. */
#ifndef YX_STORE_QUESTION_H
#define YX_STORE_QUESTION_H

#include "store/store.h"

typedef struct {
    int64_t id;
    char uuid[37];
    char receipt[7];
    char *text;
    char room[ROOM_MAX_LEN + 1]; /* "" when not given; "" in the public list */
    char room_masked[16];        /* "12**室" or "" */
    char *answer;                /* "" until answered */
    char *answered_by;
    int64_t answered_at; /* 0 until answered */
    int is_public;
    int64_t created_at;
    int from_hub; /* taken in by another kiosk of the building (sync_verdict.c) */
} Question;

typedef struct {
    Question *items;
    size_t count;
} QuestionList;

typedef struct {
    int public_view;     /* answered AND public only, newest answered first, room masked,
                            the building's other kiosks' too; the staff view lists only
                            the questions asked here */
    int unanswered_only; /* staff view: the volunteer's to-do list */
    size_t limit;        /* 0: no limit */
    size_t offset;       /* rows to skip (pages of a long list) */
} QuestionQuery;

/* Asks a question (<= STORE_QUESTION_MAX, room optional) with its outbox event in one
 * transaction. Fails (nothing written) with REASON_TEXT_*, REASON_ROOM_INVALID,
 * REASON_DAILY_CAP (STORE_QUESTIONS_PER_ROOM_DAY, counted only with a room) or
 * REASON_STORAGE. Fills *r on success. */
int store_question_add(Store *s, const char *text, const char *room, StoreReceipt *r);

/* Answers (or re-answers) a question: answer <= STORE_REPLY_MAX, required; answered_by
 * optional (<= STORE_NAME_MAX); is_public decides whether the board shows it.
 * REASON_NOT_FOUND, REASON_TEXT_*. */
int store_question_answer(Store *s, int64_t id, const char *answer, const char *answered_by,
                          int is_public);

/* Lists questions; staff view (q NULL) is newest asked first. Free with
 * question_list_free; on failure *out is empty. */
int store_question_list(Store *s, const QuestionQuery *q, QuestionList *out);
void question_list_free(QuestionList *l);

/* One question (staff view). Free with question_deinit. REASON_NOT_FOUND. */
int store_question_get(Store *s, int64_t id, Question *out);
void question_deinit(Question *q);

#endif
