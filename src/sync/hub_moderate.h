/* Staff moderation on the hub (`yanxiactl moderate KIND REF ACTION --hub CONNINFO`):
 * the hub checks the same state machine as the kiosk store, records the verdict and
 * publishes its public part to the submitting kiosk's building (sql/hub/004). */
#ifndef YX_SYNC_HUB_MODERATE_H
#define YX_SYNC_HUB_MODERATE_H

#include "sync/hub_admin.h"

#include <stddef.h>

/* Why the hub refused a moderation step, for the tool's exit code and wording. */
typedef enum {
    HUB_MOD_OK = 0,
    HUB_MOD_NOT_FOUND, /* no such submission (P0002) */
    HUB_MOD_AMBIGUOUS, /* a receipt code two kiosks share: give the uuid (21000) */
    HUB_MOD_REFUSED,   /* state, text or action not allowed (55000, 22023, 22001) */
    HUB_MOD_FAILED,    /* the connection or the hub itself */
} HubModResult;

/* Moderates the submission ref (its uuid or receipt code) of subject (wish,
 * suggestion, question) with action (wish: approve, decline, fulfil; suggestion: seen,
 * reply; question: answer; any: withdraw). text is the decline note, the reply or the
 * answer (NULL: none); by the answerer (NULL: none); public_ publishes an answer.
 * On HUB_MOD_OK state_out (n bytes) holds the new state ("open", "replied", ...,
 * "withdrawn") and about (aboutlen bytes) says which submission that was, so staff
 * notice a receipt that matched the wrong one: "kiosk NAME: first characters of its
 * text…" (empty if that lookup failed). A deadlock or serialization failure is retried
 * a few times before it is reported. Otherwise err holds one line: the hub's own message (Chinese,
 * with the English detail in parentheses) and nothing changed on the hub. */
HubModResult hub_moderate(HubAdmin *h, const char *ref, const char *subject, const char *action,
                          const char *text, const char *by, int public_, char *state_out, size_t n,
                          char *about, size_t aboutlen, char *err, size_t errlen);

#endif
