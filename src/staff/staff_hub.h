/* The hub implementation of staff.h, private to src/staff/: staff.c's public functions
 * hand an actor whose hub is set to these. Each runs one of the hub's scope-checked
 * staff_* functions on the member's own connection (re-connecting once if the hub went
 * away, and again a few times after a deadlock or a serialization failure); the hub checks the
 * member's scope and writes the audit line. On a refusal they return -1 and keep the Chinese part
 * of the hub's message for staff_hub_error(). */
#ifndef YX_STAFF_STAFF_HUB_H
#define YX_STAFF_STAFF_HUB_H

#include "staff/staff.h"

/* The last refusal's sentence of this thread ("" before the first). */
const char *staff_hub_error(void);
/* The last refusal's reason of this thread (NONE before the first). */
StaffRefusal staff_hub_refusal(void);
/* Keeps sentence and why as this thread's last refusal and returns -1; a NULL sentence
 * is the hub out of reach (FAILED). staff_hub_refuse is staff_hub_refuse_as(STATE). */
int staff_hub_refuse_as(StaffRefusal why, const char *sentence);
int staff_hub_refuse(const char *sentence);
/* rc (0 or -1) of the last update on this thread, sent with revision rev: a 55000 refusal
 * of it (the row moved since rev, sql/hub/036's check) becomes CHANGED. */
int staff_hub_edit_refused(int rc, int64_t rev);
/* staff_submission_find over the hub (sql/hub/031_staff_receipt.sql). */
int staff_hub_find(const StaffActor *a, const char *subject, const char *ref, StaffFound *out);

int staff_hub_account_create(const StaffActor *a, const char *login, const char *role,
                             const char *scope, const char *password, char *err, size_t errlen);
int staff_hub_account_passwd(const StaffActor *a, const char *login, const char *password,
                             char *err, size_t errlen);
int staff_hub_account_set_disabled(const StaffActor *a, const char *login, int disabled, char *err,
                                   size_t errlen);
int staff_hub_notice_publish(const StaffActor *a, const StaffNotice *n, int64_t *id_out);
int staff_hub_notice_withdraw(const StaffActor *a, int64_t id);
int staff_hub_notice_update(const StaffActor *a, int64_t id, const StaffNotice *n);
/* subject "wish", "suggestion" or "question", action as the hub's staff_moderate reads it */
int staff_hub_moderate(const StaffActor *a, StaffItem it, const char *subject, const char *action,
                       const char *text, const char *by, int is_public);
int staff_hub_tip_publish(const StaffActor *a, const StaffTip *t, int64_t *id_out);
int staff_hub_tip_remove(const StaffActor *a, int64_t id);
int staff_hub_tip_publish_photo(const StaffActor *a, const StaffTip *t, const char *photo_path,
                                int width, int height, int64_t *id_out);
int staff_hub_activity_create(const StaffActor *a, const StaffActivity *in, int64_t *id_out);
int staff_hub_activity_update(const StaffActor *a, int64_t id, const StaffActivity *in);
int staff_hub_activity_withdraw(const StaffActor *a, int64_t id);
int staff_hub_poll_create(const StaffActor *a, const StaffPoll *p, int64_t *id_out);
int staff_hub_poll_withdraw(const StaffActor *a, int64_t id);
/* staff_hub_get.c: the one row an edit changes */
int staff_hub_notice_get(const StaffActor *a, int64_t id, Notice *out, int64_t *rev);
int staff_hub_activity_get(const StaffActor *a, int64_t id, Activity *out, int64_t *rev);
int staff_hub_signup_cancel(const StaffActor *a, int64_t activity_id, const StaffSignupRef *who);
int staff_hub_photos_add(const StaffActor *a, StaffPhotoFile *files, size_t n,
                         const StaffPhotoMeta *meta, size_t *failed_index);
int staff_hub_photo_remove(const StaffActor *a, int64_t id);
int staff_hub_roster_add(const StaffActor *a, const StaffRoster *in, int64_t *id_out);
int staff_hub_contact_add(const StaffActor *a, const StaffContact *in, int64_t *id_out);
int staff_hub_roster_remove(const StaffActor *a, int64_t id);
int staff_hub_contact_remove(const StaffActor *a, int64_t id);
int staff_hub_photo_upload(const StaffActor *a, const char *path);
/* staff_batch_begin/end over the hub: BEGIN, and COMMIT or ROLLBACK, on a->hub. */
int staff_hub_batch_begin(StaffActor *a);
int staff_hub_batch_end(StaffActor *a, int commit);

#endif
