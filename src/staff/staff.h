/* What staff can do, once, for both faces (yanxiactl and the web console): accounts
 * and passwords, and the staff actions that change what residents see, each written
 * together with its line in the audit log (one transaction).
 *
 * This is the local implementation, over a standalone building's kiosk store. The hub
 * implementation (the same operations through scope-checking hub functions) is not
 * written yet; yanxiactl's hub commands still go to the hub directly (src/tools). */
#ifndef YX_STAFF_STAFF_H
#define YX_STAFF_STAFF_H

#include "store/activity.h"
#include "store/contact.h"
#include "store/roster.h"
#include "store/staff.h"

#include <stddef.h>

#define STAFF_PASSWORD_MIN 8   /* code points */
#define STAFF_PASSWORD_MAX 128 /* bytes */

/* Who is acting, from where. Built by staff_login() (console) or by yanxiactl. */
typedef struct {
    Store *store;
    char login[STAFF_LOGIN_MAX + 1];
    char role[16];
    char address[64]; /* client address, or "cli" */
} StaffActor;

/* Checks a new password by the accounts' rules: 0, or -1 with a Chinese sentence in err
 * for one shorter than STAFF_PASSWORD_MIN characters, longer than STAFF_PASSWORD_MAX
 * bytes, or not UTF-8. The hub's accounts (the console over the hub) follow them too. */
int staff_password_check(const char *password, char *err, size_t errlen);

/* Hashes a password with Argon2id (libsodium) into out. Refuses (-1, with a Chinese
 * sentence in err) a password shorter than STAFF_PASSWORD_MIN characters, longer than
 * STAFF_PASSWORD_MAX bytes, or not UTF-8. */
int staff_password_hash(const char *password, char out[STAFF_HASH_MAX + 1], char *err,
                        size_t errlen);

/* Checks login and password against the store. 0 and *actor filled on success. -1 for
 * an unknown login, a wrong password and a disabled account alike (err says only that
 * login and password do not match, or that the account is disabled), or a store
 * failure (err says so). An unknown login costs as much time as a wrong password. */
int staff_login(Store *s, const char *login, const char *password, const char *address,
                StaffActor *actor, char *err, size_t errlen);

/* How residents see the actor's notices signed: 楼组长 or 居委会 (the login stays in
 * the audit log). */
const char *staff_signature(const StaffActor *a);

/* True when the actor may manage accounts (admin), or change content and moderate
 * (every role). */
int staff_may_manage_accounts(const StaffActor *a);

/* Accounts. staff_account_create is what `yanxiactl staff add` and the console's
 * /staff page do; the actor's line goes to the audit log. */
int staff_account_create(const StaffActor *a, const char *login, const char *role,
                         const char *scope, const char *password, char *err, size_t errlen);
int staff_account_passwd(const StaffActor *a, const char *login, const char *password, char *err,
                         size_t errlen);
int staff_account_disable(const StaffActor *a, const char *login, char *err, size_t errlen);
/* A disabled account may log in again (with its old password). */
int staff_account_enable(const StaffActor *a, const char *login, char *err, size_t errlen);

/* Actions that change what residents see, each audited. They return what the store
 * returns (-1 with store_reason()/store_errmsg() set). */
typedef struct {
    const char *title;
    const char *body;
    const char *category;
    int urgent; /* category becomes NOTICE_URGENT */
    int pinned;
    int64_t expires_at; /* 0: never */
} StaffNotice;
int staff_notice_publish(const StaffActor *a, const StaffNotice *n, int64_t *id_out);
int staff_notice_withdraw(const StaffActor *a, int64_t id);
/* Replaces title, body, category, urgent, pinned and expiry of notice id. */
int staff_notice_update(const StaffActor *a, int64_t id, const StaffNotice *n);
int staff_suggestion_reply(const StaffActor *a, int64_t id, const char *reply);
int staff_wish_approve(const StaffActor *a, int64_t id);
int staff_wish_decline(const StaffActor *a, int64_t id, const char *note);
int staff_wish_fulfil(const StaffActor *a, int64_t id);
int staff_question_answer(const StaffActor *a, int64_t id, const char *answer,
                          const char *answered_by, int is_public);

/* The health column's tips for a month ("YYYY-MM"), written by the volunteer doctor. */
int staff_tip_publish(const StaffActor *a, const char *month, const char *title, const char *body,
                      const char *author, int64_t *id_out);
/* The same with a photo of the doctor's handwritten page: the file at photo_path
 * (already checked and cleaned by the caller: upright, no metadata, width x height) is
 * copied into the photo store, then the tip names it; body may be empty then. On
 * failure no tip is written (a copied file with no tip goes at the next sweep). */
int staff_tip_publish_photo(const StaffActor *a, const char *month, const char *title,
                            const char *body, const char *author, const char *photo_path, int width,
                            int height, int64_t *id_out);
int staff_tip_remove(const StaffActor *a, int64_t id);

/* Activities and teams (store/activity.h rules), and a sign-up cancelled on a
 * resident's behalf (the resident phoned): room and receipt name it, as at the kiosk. */
int staff_activity_create(const StaffActor *a, const Activity *in, int64_t *id_out);
int staff_signup_cancel(const StaffActor *a, int64_t activity_id, const char *room,
                        const char *receipt);

/* The duty roster (楼道值守) and the contacts card (联系电话). */
int staff_roster_add(const StaffActor *a, const RosterEntry *in, int64_t *id_out);
int staff_roster_remove(const StaffActor *a, int64_t id);
int staff_contact_add(const StaffActor *a, const Contact *in, int64_t *id_out);
int staff_contact_remove(const StaffActor *a, int64_t id);

/* Photos: files already checked by the caller (decoded or probed, with their size),
 * added to one album in one batch, all or none, with one audit line each.
 * *failed_index (may be NULL) names the file that was refused. */
typedef struct {
    const char *path;  /* the file to copy into the store */
    const char *label; /* for the audit line and messages: the file's name as uploaded */
    int width, height;
    int64_t id; /* set on success */
} StaffPhotoFile;
typedef struct {
    const char *caption;
    const char *person_name;
    int floor;
    int consent; /* without it the photo is never shown to residents */
} StaffPhotoMeta;
int staff_photos_add(const StaffActor *a, int64_t album_id, StaffPhotoFile *files, size_t n,
                     const StaffPhotoMeta *meta, size_t *failed_index);
/* Takes a photo off every screen at once (a resident asked): tombstoned, audited. */
int staff_photo_remove(const StaffActor *a, int64_t id);

#endif
