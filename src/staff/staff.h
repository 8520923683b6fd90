/* What staff can do, once, for both faces (yanxiactl and the web console): accounts
 * and passwords, and the staff actions that change what residents see, each written
 * together with its line in the audit log (one transaction).
 *
 * Two implementations behind this one interface, chosen by the actor: over a standalone
 * building's kiosk store (staff.c; actor->store), or over the committee's hub
 * (staff_hub.c; actor->hub, the member's own PostgreSQL connection), where each write
 * is one of the hub's scope-checked staff_* functions (sql/hub/008 and after), which
 * writes the hub's audit line itself (albums and quick phrases have both halves in
 * staff_album.c). Reads are here only as far as an edit needs them
 * (staff_notice_get, staff_activity_get: the row to change) and for the exports of
 * residents' submissions over the hub (staff_submissions_export, and one activity's
 * sign-ups or one poll's votes, which the console and yanxiactl both download; each
 * audited); lists are
 * not: the console's pages read the store or the hub themselves (staff_hub_read.h).
 * yanxiactl's hub commands go to the hub as its owner (src/sync/hub_admin.c) unless
 * given `--as LOGIN`: then they log in with staff_hub_login and act through this
 * library, like the console.
 *
 * An actor is used by one thread at a time (its store or its connection is); the
 * console calls everything from its one libmicrohttpd thread. */
#ifndef YX_STAFF_STAFF_H
#define YX_STAFF_STAFF_H

#include "store/activity.h"
#include "store/contact.h"
#include "store/notice.h"
#include "store/photo.h"
#include "store/phrase.h"
#include "store/poll.h"
#include "store/roster.h"
#include "store/staff.h"
#include "sync/hub_admin.h" /* HubRows */

#include <stddef.h>

#define STAFF_PASSWORD_MIN 8   /* code points */
#define STAFF_PASSWORD_MAX 128 /* bytes */

/* One item of a content folder that an import publishes over the hub, known by its
 * source key (its path in the folder, as yanxiactl's importer keys it; sql/hub/040):
 * while an actor's keyed points here with key set, each publishing call (notice, tip,
 * activity, poll, album, photo, roster, contact, phrase) is the item's: published when
 * the building has no live item of that key, else the live item updated in place
 * (audited as KIND.update, before and after) or, the same, left alone with nothing
 * written; outcome says which. A hub without sql/hub/040 refuses such a call as
 * FAILED (staff_folder_keys() asks first). Standalone, keyed is ignored: the kiosk
 * store's own import keys its rows (src/tools/import_folder.c). */
typedef enum {
    STAFF_KEYED_NEW = 1, /* published as a new item, which took the key */
    STAFF_KEYED_CHANGED, /* the building's live item of the key, updated in place */
    STAFF_KEYED_SAME,    /* that item, the same already: nothing written or audited */
    STAFF_KEYED_KEPT,    /* an album: one of that name without a key, used as it is
                          * (sql/hub/042 gives it the key: the next import finds it) */
} StaffKeyedOutcome;
typedef struct {
    const char *key;           /* NULL: the calls are not keyed */
    StaffKeyedOutcome outcome; /* set by each keyed call that succeeded */
} StaffKeyed;

/* Who is acting, from where, and on which backend: exactly one of store and hub is
 * set. Built by staff_login() (standalone), staff_hub_login() (over the hub), or by
 * yanxiactl for the shell's user. */
typedef struct {
    Store *store; /* standalone: the building's kiosk store; NULL over the hub */
    void *hub;    /* over the hub: the member's own connection (a PGconn *), opened by
                   * staff_hub_login, closed by staff_hub_logout; NULL standalone */
    char login[STAFF_LOGIN_MAX + 1];
    char role[16];
    char address[64];  /* client address, or "cli" */
    int batch;         /* over the hub: inside staff_batch_begin's transaction */
    StaffKeyed *keyed; /* over the hub: the folder item being published (see StaffKeyed),
                        * or NULL; the caller owns it */
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

/* Logs a staff member in to the hub: connects to conninfo (where the hub is, without
 * user or password) as the member's own login role (sql/hub/008's hub_add_staff), with
 * the password typed, which PostgreSQL checks. 0 with *actor filled and actor->hub open
 * (staff_hub_logout closes it), or -1 with a Chinese sentence in err: login and
 * password do not match, the account is disabled, or the hub cannot be reached (the
 * log says which). The connection is used by one thread at a time. */
int staff_hub_login(const char *conninfo, const char *login, const char *password,
                    const char *address, StaffActor *actor, char *err, size_t errlen);
/* Closes a hub actor's connection (sets actor->hub NULL); a local actor or NULL: nothing. */
void staff_hub_logout(StaffActor *a);

/* How residents see the actor's notices signed: 楼组长 or 居委会 (the login stays in
 * the audit log). */
const char *staff_signature(const StaffActor *a);

/* True when the actor may manage accounts (admin), or change content and moderate
 * (every role). */
int staff_may_manage_accounts(const StaffActor *a);

/* Accounts. staff_account_create is what `yanxiactl staff add` and the console's
 * /staff page do; the actor's line goes to the audit log. 0, or -1 with a Chinese
 * sentence in err (over the hub, also staff_error()). Over the hub the hub checks that
 * the actor is an administrator, scope is a scope code (NULL or "" for an administrator),
 * and a password goes there only as a SCRAM-SHA-256 verifier made by libpq: PostgreSQL
 * keeps it and checks logins against it, and never sees the clear text. */
int staff_account_create(const StaffActor *a, const char *login, const char *role,
                         const char *scope, const char *password, char *err, size_t errlen);
int staff_account_passwd(const StaffActor *a, const char *login, const char *password, char *err,
                         size_t errlen);
int staff_account_disable(const StaffActor *a, const char *login, char *err, size_t errlen);
/* A disabled account may log in again (with its old password). */
int staff_account_enable(const StaffActor *a, const char *login, char *err, size_t errlen);

/* The Chinese sentence of the last refusal of a staff_* call on a's backend, for staff
 * to read: over the hub, the hub's own words (its English detail cut off), kept per
 * thread until the next refusal; standalone, reason_text() of the store's reason. Never
 * NULL; the library owns it. */
const char *staff_error(const StaffActor *a);

/* Why the last staff_* call on a's backend refused, for a face to act on (yanxiactl's
 * exit code, a page's status), beside staff_error()'s sentence. Over the hub it comes
 * from the refusal's SQLSTATE (P0002, 21000, 42501 and 28P01, classes 22, 23 and 55;
 * anything else, or no answer, is FAILED; an update with a revision refused with 55000
 * is CHANGED) and is kept per thread like staff_error();
 * standalone from store_reason(). An actor of a failed staff_hub_login (neither store
 * nor hub set) gets that login's: DENIED for login and password that do not match or a
 * disabled account, FAILED for a hub out of reach. Ask only after a call returned -1. */
typedef enum {
    STAFF_REFUSAL_NONE = 0,  /* nothing refused (standalone: the store has no reason) */
    STAFF_REFUSAL_NOT_FOUND, /* no such item, or one outside the member's scope: the hub
                              * says both in the same words, so scope is not probed */
    STAFF_REFUSAL_AMBIGUOUS, /* a receipt code several kiosks used: name the kiosk */
    STAFF_REFUSAL_STATE,     /* a rule: the item's state, a field's value, a duplicate */
    STAFF_REFUSAL_DENIED,    /* the member may not: role, a building outside the scope,
                              * wrong password, disabled account */
    STAFF_REFUSAL_FAILED,    /* the hub out of reach or failing, an older hub, the disk */
    STAFF_REFUSAL_CHANGED,   /* an update whose row someone else changed since the read
                              * that gave its rev: read it again (standalone
                              * REASON_CHANGED, over the hub 55000 of sql/hub/036) */
} StaffRefusal;
StaffRefusal staff_refusal(const StaffActor *a);
/* A stable lower-case ASCII name of r ("not_found"), for logs and tests; never NULL. */
const char *staff_refusal_name(StaffRefusal r);

/* Actions that change what residents see, each audited. 0, or -1 with staff_error()
 * (standalone also store_reason()/store_errmsg()) saying why. Over the hub each is one
 * scope-checked hub function: an item outside the member's scope reads as missing. */
typedef struct {
    const char *building; /* over the hub: the building code of the member's scope it goes
                           * to; ignored standalone (the store is one building's) */
    const char *title;
    const char *body;
    const char *category;
    int urgent; /* category becomes NOTICE_URGENT */
    int pinned;
    int64_t expires_at; /* 0: never */
    int64_t rev;        /* an update: the revision staff_notice_get gave (0: no check) */
    /* Publish: NULL or "" signs it as the member's role does (楼组长, 居委会), 0 dates
     * it now; over the hub either one set needs sql/hub/037_staff_more_fields.sql: an
     * older hub refuses it, FAILED, unpublished. Update: NULL keeps the notice's author
     * and "" (or spaces) signs it as the member's role, as a publish does; 0 keeps its
     * publish time; over the hub either one set needs
     * sql/hub/038_staff_edit_more_fields.sql: an older hub refuses the edit, FAILED,
     * nothing written (an edit without them goes as before). */
    const char *author;
    int64_t publish_at;
} StaffNotice;
int staff_notice_publish(const StaffActor *a, const StaffNotice *n, int64_t *id_out);
/* Ids are the store's row ids standalone and the hub's ids (hub_id) over the hub. */
int staff_notice_withdraw(const StaffActor *a, int64_t id);
/* Replaces title, body, category, urgent, pinned and expiry of notice id, and its author
 * and publish time when given (see StaffNotice; its building stays; over the hub
 * sql/hub/029_staff_notice_edit.sql, with author or publish time 038's form). The store
 * and the hub both refuse an expiry not after the publish time (STATE). With n->rev not 0 (over the
 * hub sql/hub/036_staff_edit_fields.sql; standalone the store's row as read, checked in
 * the write's transaction), a notice changed by anyone since the read that gave rev is
 * refused, CHANGED "这条内容刚被别人改过，请重新查看后再改" (standalone store_reason()
 * REASON_CHANGED), nothing written or audited; rev 0 replaces whatever is there. The audit
 * line (standalone notice.edit, over the hub 038's notice.update) says before and after
 * "TITLE; by AUTHOR; from PUBLISH_AT" (029's and 036's forms: the titles alone). */
int staff_notice_update(const StaffActor *a, int64_t id, const StaffNotice *n);
/* Notice id as it stands, for an edit that changes only some fields (staff_notice_update
 * replaces all of them): standalone the store's row, over the hub the one of the
 * member's scope (sql/hub/029's staff_notice, the author by sql/hub/038's staff_notice_author: NULL
 * from an older hub, which does not say; source_key NULL). 0 with *out filled (free with
 * notice_deinit), or -1 with *out empty and staff_error()/ staff_refusal(): NOT_FOUND for none,
 * withdrawn or outside the scope. Nothing is audited. Read and update are two steps: *rev (may be
 * NULL) gets the row's revision to give back in StaffNotice.rev, so that an edit someone else made
 * in between is refused instead of overwritten: over the hub the hub's change counter, standalone a
 * digest of the stored row (never 0); 0 from a hub without sql/hub/036 (there such an edit is
 * overwritten). */
int staff_notice_get(const StaffActor *a, int64_t id, Notice *out, int64_t *rev);

/* A resident's submission (suggestion, wish, question) that staff moderate: by its row
 * id in the kiosk store, or on the hub by the uuid the kiosk made for it (the hub names
 * submissions by uuid; its staff_moderate takes one). The field of the other backend is
 * ignored. STAFF_ITEM_ID(id) and STAFF_ITEM_UUID(uuid) make one. */
typedef struct {
    int64_t id;
    const char *uuid;
} StaffItem;
#define STAFF_ITEM_ID(n)   ((StaffItem){.id = (n)})
#define STAFF_ITEM_UUID(u) ((StaffItem){.uuid = (u)})
int staff_suggestion_reply(const StaffActor *a, StaffItem it, const char *reply);
int staff_wish_approve(const StaffActor *a, StaffItem it);
int staff_wish_decline(const StaffActor *a, StaffItem it, const char *note);
int staff_wish_fulfil(const StaffActor *a, StaffItem it);
int staff_question_answer(const StaffActor *a, StaffItem it, const char *answer,
                          const char *answered_by, int is_public);
/* Marks a suggestion read (已阅) without a reply; audited as "suggestion.seen". */
int staff_suggestion_seen(const StaffActor *a, StaffItem it);

/* Over the hub only (a->hub must be set: the kiosk store has no withdrawal, and names its
 * items by row id): takes a resident's wish, suggestion or question (subject "wish",
 * "suggestion", "question") off every kiosk, audited as "SUBJECT.withdraw". */
int staff_submission_withdraw(const StaffActor *a, const char *subject, StaffItem it);

/* A submission found by what a resident or staff member types, over the hub. */
typedef struct {
    char uuid[37];   /* what STAFF_ITEM_UUID takes */
    char about[160]; /* "kiosk NAME: the first characters of its text…", so staff notice
                      * a receipt that matched another submission than they meant */
} StaffFound;
/* Over the hub only (a->hub must be set): finds the submission of subject named by ref,
 * a receipt code (any case, "ab12-cd" too), KIOSK/CODE, or a uuid, ONLY among the
 * submissions of the buildings the member covers (sql/hub/031_staff_receipt.sql).
 * 0 with *out filled; -1 with staff_error()/staff_refusal(): NOT_FOUND for no such
 * submission and for one of another scope alike, AMBIGUOUS (the sentence names the
 * KIOSK/CODE forms to use) for a code several kiosks of the scope issued, FAILED for an
 * older hub without migration 31. Reads only; nothing is audited. */
int staff_submission_find(const StaffActor *a, const char *subject, const char *ref,
                          StaffFound *out);

/* One of the health column's tips for a month ("YYYY-MM"), written by the volunteer
 * doctor. */
typedef struct {
    const char *building; /* over the hub: as StaffNotice's; ignored standalone */
    const char *month;
    const char *title;
    const char *body;
    const char *author;
} StaffTip;
int staff_tip_publish(const StaffActor *a, const StaffTip *t, int64_t *id_out);
/* The same with a photo of the doctor's handwritten page: the file at photo_path
 * (already checked and cleaned by the caller: upright, no metadata, width x height) goes
 * into the photo store (standalone) or up to the hub in the same transaction as the tip
 * (over the hub, sql/hub/024_tip_photo.sql; an older hub refuses it with a sentence
 * saying so), then the tip names it; t->body may be empty then. On failure no tip is
 * written (standalone, a copied file with no tip goes at the next sweep). */
int staff_tip_publish_photo(const StaffActor *a, const StaffTip *t, const char *photo_path,
                            int width, int height, int64_t *id_out);
int staff_tip_remove(const StaffActor *a, int64_t id);

/* Activities and teams (store/activity.h rules; over the hub, the hub's: kind, title,
 * description, place, starts_at, schedule, signup_deadline, capacity, no_waitlist and
 * organiser are sent, an empty organiser signed 楼组长 or 居委会 by the hub). */
typedef struct {
    const char *building; /* over the hub: as StaffNotice's; ignored standalone */
    Activity activity;    /* over the hub, a create with ends_at or a max_party other than
                           * the default needs sql/hub/037_staff_more_fields.sql: an older
                           * hub refuses it, FAILED, nothing published */
    int64_t rev;          /* an update: as StaffNotice's (staff_activity_get; 0: no check) */
    int ends_party;       /* an update: 1 replaces ends_at (0: none) and max_party (0: the
                           * default) too, 0 keeps the activity's; over the hub 1 needs
                           * sql/hub/038_staff_edit_more_fields.sql: an older hub refuses
                           * the edit, FAILED, nothing written */
} StaffActivity;
int staff_activity_create(const StaffActor *a, const StaffActivity *in, int64_t *id_out);
/* Replaces the facts of activity id (its kind and building stay, and so do its
 * sign-ups): title, description, place, starts_at, schedule, signup_deadline, capacity,
 * no_waitlist and organiser (over the hub sql/hub/030_staff_activity_update.sql; an
 * empty organiser keeps the one it had), and with in->ends_party ends_at and max_party
 * (over the hub 038's form: an end before the start, a party outside 1-20 are STATE). More places
 * move the first waiting households up: at once on the hub, on the next read of a standalone store.
 * in->rev as staff_notice_update's. The audit line says before and after "TITLE; capacity N;
 * ends AT; max party N" (ends 0: none; over the hub 036's form: "TITLE; capacity N"). */
int staff_activity_update(const StaffActor *a, int64_t id, const StaffActivity *in);
/* Activity id as it stands, for an edit (as staff_notice_get, *rev too; over the hub
 * sql/hub/026's staff_activity, fill included). Free with activity_deinit. */
int staff_activity_get(const StaffActor *a, int64_t id, Activity *out, int64_t *rev);

/* Takes activity id off the kiosks (an event cancelled, a team dissolved): tombstoned,
 * its sign-ups kept for the export, audited as "activity.withdraw" (over the hub
 * sql/hub/032_staff_poll_activity.sql; an activity outside the scope reads as missing).
 * 0, or -1 with staff_error()/staff_refusal(): NOT_FOUND for none (or withdrawn already). */
int staff_activity_withdraw(const StaffActor *a, int64_t id);

/* A consultation (意向征询, e.g. the lift installation vote), by the store's poll rules
 * (store/poll.h) on both backends: a question, an optional description, 2 to
 * POLL_OPTIONS_MAX options (the first counts as agreeing), open from opens_at (0: now)
 * until closes_at, which must be later. */
typedef struct {
    const char *building; /* over the hub: as StaffNotice's; ignored standalone */
    const char *question;
    const char *description;
    int64_t opens_at;
    int64_t closes_at;
    const char *const *options; /* labels, in the order residents see them */
    size_t option_count;
} StaffPoll;
/* Publishes a poll, audited as "poll.create" (over the hub sql/hub/032's
 * staff_create_poll, which the building's kiosks get at their next pull). 0 with *id_out
 * (may be NULL; the store's id standalone, the hub id over the hub), or -1 with
 * staff_error()/staff_refusal(): STATE for a rule (options, times, lengths), DENIED for
 * a building outside the member's scope; nothing is written then. */
int staff_poll_create(const StaffActor *a, const StaffPoll *p, int64_t *id_out);
/* Takes poll id off the kiosks (a consultation called off or put wrongly): tombstoned,
 * its votes kept for the export, audited as "poll.withdraw" (over the hub
 * sql/hub/033_staff_poll_withdraw.sql; a poll of no building of the member's scope reads
 * as missing). 0, or -1 with staff_error()/staff_refusal(): NOT_FOUND for none (or
 * withdrawn already), FAILED for an older hub without migration 33. */
int staff_poll_withdraw(const StaffActor *a, int64_t id);

/* A sign-up cancelled on a resident's behalf (the resident phoned): standalone, room
 * and receipt name it, as at the kiosk; over the hub, the sign-up's uuid (the hub moves
 * the first waiting household up). */
typedef struct {
    const char *room, *receipt; /* standalone */
    const char *uuid;           /* over the hub */
} StaffSignupRef;
int staff_signup_cancel(const StaffActor *a, int64_t activity_id, const StaffSignupRef *who);

/* The duty roster (楼道值守) and the contacts card (联系电话), by the store's rules on
 * both backends (over the hub sql/hub/028_staff_roster.sql checks them again: a roster
 * room by the building's rule, a contact's kind, name and phone). A contact's sort 0
 * puts it after the building's last one on the hub; over the hub a qr_text or a sort
 * not 0 needs sql/hub/037_staff_more_fields.sql: an older hub refuses the contact,
 * FAILED, nothing published. */
typedef struct {
    const char *building; /* over the hub: as StaffNotice's; ignored standalone */
    RosterEntry entry;    /* day: any time of the day (local), kept as the day */
} StaffRoster;
typedef struct {
    const char *building; /* over the hub: as StaffNotice's; ignored standalone */
    Contact contact;
} StaffContact;
int staff_roster_add(const StaffActor *a, const StaffRoster *in, int64_t *id_out);
int staff_roster_remove(const StaffActor *a, int64_t id);
int staff_contact_add(const StaffActor *a, const StaffContact *in, int64_t *id_out);
int staff_contact_remove(const StaffActor *a, int64_t id);

/* Photos: files already checked by the caller (decoded or probed, with their size),
 * added to one album in one batch, all or none, with one audit line each.
 * *failed_index (may be NULL) names the file that was refused; it is not set when the
 * batch as a whole failed (e.g. its commit). Over the hub, one transaction on the
 * member's connection: each file in chunks the hub checks against its SHA-256, then
 * published into the album named meta->album of meta->building (made when missing);
 * album_id is ignored there. */
typedef struct {
    const char *path;  /* the file to copy into the store */
    const char *label; /* for the audit line and messages: the file's name as uploaded */
    int width, height;
    int64_t id; /* set on success (standalone; over the hub it stays 0) */
} StaffPhotoFile;
typedef struct {
    const char *building; /* over the hub: as StaffNotice's; ignored standalone */
    const char *album;    /* over the hub: the album's name; ignored standalone */
    const char *caption;
    const char *person_name;
    int floor;   /* 0: not said */
    int consent; /* without it the photo is never shown to residents */
} StaffPhotoMeta;
int staff_photos_add(const StaffActor *a, int64_t album_id, StaffPhotoFile *files, size_t n,
                     const StaffPhotoMeta *meta, size_t *failed_index);
/* Takes a photo off every screen at once (a resident asked): tombstoned, audited. */
int staff_photo_remove(const StaffActor *a, int64_t id);
/* Sends the photo file at path to the hub ahead of the batch that publishes it, in its
 * own transaction (a file the hub holds whole already is not sent again), so that the
 * batch, which holds the hub's publishing lock from its first item to its end, does not
 * hold it through the uploads: staff_photos_add inside a batch then skips the file
 * (sql/hub/034_staff_export.sql's staff_photo_whole). A file uploaded and then never
 * published stays on the hub unshown, as the owner's import leaves one. Not inside a
 * batch. Standalone: nothing to do, 0. Over the hub 0, or -1 with staff_error(): an
 * unreadable file, the hub out of reach, a hub without migration 34. Nothing audited:
 * the publishing is. */
int staff_photo_upload(const StaffActor *a, const char *path);

/* Groups the staff_* actions between staff_batch_begin and staff_batch_end into one
 * transaction: all of them happen, or none (yanxiactl's `import --as`). Standalone a
 * store batch (store_batch_begin); over the hub one transaction on the member's own
 * connection, in which each action's audit line is written with it. Inside a batch a
 * lost connection is not re-made (the transaction went with it) and nothing is run
 * again after a deadlock: the action fails, and after any failure only
 * staff_batch_end(a, 0) is useful. staff_photos_add and staff_tip_publish_photo join
 * the batch instead of making their own transaction. 0, or -1 with staff_error().
 * staff_batch_end(a, 1) commits: 0; -1 when nothing was saved (a refusal before, or the
 * commit refused); -2 when the commit was sent but its answer lost (the hub may or may
 * not have saved the batch). staff_batch_end(a, 0) rolls back and returns 0. */
int staff_batch_begin(StaffActor *a);
int staff_batch_end(StaffActor *a, int commit);

/* Residents' submissions of kind (the hub's names: "signup", "vote", "suggestion", "wish",
 * "question") from the kiosks of the member's scope, or of scope within it (a building
 * or an area code; NULL: the whole scope), in the hub's order of arrival, for an export.
 * Over the hub only (sql/hub/034_staff_export.sql): the rows are the owner's export's
 * (hub_admin_submissions in src/sync/hub_admin.h: kiosk, building, received_at, the
 * hub's decision, then payload->>keys[i] for each of the nkeys, at most 16; a sign-up's
 * phone whole), and the hub writes the audit line "KIND.export" (who, when, which scope,
 * how many rows) in the same statement, since the rows hold residents' rooms and phones.
 * 0 with *out (the caller frees it with hub_rows_free), or -1 with *out empty and
 * staff_error()/staff_refusal(): DENIED for a scope outside the member's (an unknown one
 * alike), FAILED for the hub out of reach or a hub without migration 34. Nothing is
 * audited after a refusal. A standalone actor gets -1 at once, with no reason of its
 * store's (the kiosk store's own export is yanxiactl's `export KIND --csv`). */
int staff_submissions_export(const StaffActor *a, const char *kind, const char *scope,
                             const char *const *keys, size_t nkeys, HubRows *out);

/* One activity's sign-ups, or one poll's counted votes, from every kiosk of the member's
 * scope, phones whole, for a download: the console's 导出报名表 and 导出投票 and
 * yanxiactl's `export signups --activity ID --as` and `export votes --poll ID --as` read
 * them here, the same rows for both. Over the hub only (sql/hub/034_staff_export.sql's
 * staff_export_signups and staff_export_poll_votes), which write the audit line
 * "signup.export activity N" or "vote.export poll N" (how many rows) in the same
 * statement. Rows of STAFF_SIGNUP_EXPORT_COLS cells: title, building, kiosk, room, name,
 * phone, party_size, status (the hub's word: confirmed, waitlisted, full, cancelled,
 * pending), receipt, created_at (Unix seconds); of STAFF_VOTE_EXPORT_COLS: question,
 * building, room, option_label, receipt, kiosk, created_at. 0 with *out (the caller
 * frees it with hub_rows_free), or -1 with *out empty and staff_error()/staff_refusal():
 * NOT_FOUND for none or one outside the scope (nothing audited), FAILED for the hub out
 * of reach. A standalone actor gets -1 at once (the console's standalone pages and
 * `export KIND --csv` read the kiosk store). */
#define STAFF_SIGNUP_EXPORT_COLS 10
#define STAFF_VOTE_EXPORT_COLS   7
int staff_activity_signups_export(const StaffActor *a, int64_t activity_id, HubRows *out);
int staff_poll_votes_export(const StaffActor *a, int64_t poll_id, HubRows *out);

/* A content folder published to building by a member over the hub (yanxiactl's `import
 * --as`), known by its fingerprint (64 hex digits: the SHA-256 of its files), since the
 * publish functions above know no file paths but through StaffKeyed on a hub with
 * sql/hub/040 (sql/hub/034_staff_export.sql).
 * staff_folder_mark writes the audit line "folder.import" (fingerprint, building, items);
 * call it inside the batch that publishes the folder, so the line exists exactly when
 * the items do. staff_folder_seen asks who last published that folder to building:
 * 1 with login (cap bytes) and *at (Unix seconds), 0 when nobody has. Both -1 with
 * staff_error()/staff_refusal(): DENIED for a building outside the scope, FAILED for the
 * hub out of reach or without migration 34. Standalone: nothing to do (0; a kiosk's own
 * import finds its items by path). by_key (the items went up keyed, StaffKeyed) marks
 * the line so (sql/hub/040), for staff_folder_last; give it only to a hub with 040. */
int staff_folder_mark(const StaffActor *a, const char *building, const char *fingerprint, int items,
                      int by_key);
int staff_folder_seen(const StaffActor *a, const char *building, const char *fingerprint,
                      char *login, size_t cap, int64_t *at);
/* The last folder imported to building by any member: 1 with login (cap bytes), *at and
 * *by_key (its items went up keyed), 0 for none, -1 with staff_error() (FAILED for a
 * hub without sql/hub/040). Standalone 0. Reads only. */
int staff_folder_last(const StaffActor *a, const char *building, char *login, size_t cap,
                      int64_t *at, int *by_key);
/* 1 when the hub updates a folder's items in place by their keys (StaffKeyed,
 * sql/hub/040_staff_import_keys.sql), 0 when it does not (an older hub), -1 with
 * staff_error() (the hub out of reach). Standalone 0. Reads only. */
int staff_folder_keys(const StaffActor *a);
/* Whether any folder was imported to building by a member (a folder.import line) that
 * the member can read in the audit log (sql/hub/013: the lines of the members of their
 * scope): 1 with login (cap bytes) and *at of the last, 0 for none, -1 with
 * staff_error(). Standalone 0. Reads only. */
int staff_folder_any(const StaffActor *a, const char *building, char *login, size_t cap,
                     int64_t *at);

/* Albums (相册: the 笑脸墙 portrait wall, an event's album) and quick phrases (快捷短语,
 * the sentences residents tap into a form), on both backends (staff_album.c; over the
 * hub sql/hub/035_staff_albums_phrases.sql, an older hub refusing with FAILED). An
 * album's name is unique among the building's live albums; kind is ALBUM_PORTRAITS or
 * ALBUM_EVENT (NULL: event). */
typedef struct {
    const char *building; /* over the hub: as StaffNotice's; ignored standalone */
    Album album;          /* name, kind, description, event_at, sort; the rest ignored */
    int64_t rev;          /* an update: the revision staff_album_get gave (0: no check) */
} StaffAlbum;
/* Makes an empty album (photos go in with staff_photos_add), audited as "album.add".
 * 0 with *id_out (may be NULL; the store's id standalone, the hub id over the hub), or
 * -1 with staff_error()/staff_refusal(): STATE for a rule (a name missing, too long or
 * taken, an unknown kind), DENIED for a building outside the member's scope. */
int staff_album_create(const StaffActor *a, const StaffAlbum *in, int64_t *id_out);
/* The live album called name (blanks around it ignored, as the hub trims a new album's
 * name) of building, for an import that may find its album there already: over the hub
 * among the albums of the member's scope (sql/hub/035's staff_album_rows; a building
 * outside the scope has none), standalone the store's (building ignored). 1 with
 * *id_out (may be NULL), 0 for none, or -1 with staff_error()/staff_refusal(): FAILED
 * for the hub out of reach or without migration 35. Reads only; nothing is audited.
 * Inside a batch the answer holds until its end once the batch has published something
 * (the hub's publishing lock, which staff_album_create takes too); before that another
 * member may make the album in between, and staff_album_create then refuses (STATE). */
int staff_album_find(const StaffActor *a, const char *building, const char *name, int64_t *id_out);
/* Renames album id (its photos and the rest stay), audited as "album.rename" with the
 * old and the new name. -1: NOT_FOUND (none, withdrawn, outside the scope), STATE. */
int staff_album_rename(const StaffActor *a, int64_t id, const char *name);
/* Album id as it stands, for an edit (staff_album_update replaces every field): the
 * store's standalone, over the hub the one of the member's scope
 * (sql/hub/041_staff_album_rev.sql's staff_album_edit, 039's staff_album on an older hub;
 * source_key NULL, photo_count 0). 0 with *out filled (free with album_deinit), or -1
 * with *out empty and staff_error()/staff_refusal(): NOT_FOUND (none, withdrawn, outside
 * the scope), FAILED for a hub without 039 (the sentence says it needs upgrading).
 * Nothing is audited. *rev (may be NULL) gets the album's revision to give back in
 * StaffAlbum.rev, as staff_notice_get's: over the hub its change counter, standalone a
 * digest of the stored row (never 0); 0 from a hub without 041 (there an edit replaces
 * whatever is there). */
int staff_album_get(const StaffActor *a, int64_t id, Album *out, int64_t *rev);
/* Replaces name, kind (NULL or "": event), description, event_at (0: none) and sort of
 * album id (its photos and building stay), audited as "album.update" with the fields
 * that change, before and after, as JSON objects ({"kind": "portraits"}, event_at null
 * for none), the format of the hub's (sql/hub/041, and 040's import); nothing changing,
 * nothing is written or audited. With in->rev not 0 (over the hub 041's form), an album
 * changed by anyone since the read that gave rev is refused, CHANGED
 * "这条内容刚被别人改过，请重新查看后再改", nothing written or audited. -1: NOT_FOUND,
 * STATE (a name missing, too long or taken, an unknown kind), CHANGED, FAILED for a hub
 * without sql/hub/039 (nothing written; staff_album_rename still renames there). */
int staff_album_update(const StaffActor *a, int64_t id, const StaffAlbum *in);
/* Takes album id and all its photos off the kiosks (tombstoned), audited as
 * "album.withdraw" with the name and how many photos went. -1: NOT_FOUND. */
int staff_album_withdraw(const StaffActor *a, int64_t id);

typedef struct {
    const char *building; /* over the hub: as StaffNotice's; ignored standalone */
    Phrase phrase;        /* form (PHRASE_SUGGESTION, _WISH, _QUESTION), text, sort */
} StaffPhrase;
/* Adds a quick phrase to a form, audited as "phrase.add". The same text for the same
 * form again gives the live one's id and writes nothing, not even an audit line, on
 * both backends (one removed before is added again, and audited). -1:
 * STATE (unknown form, empty or too long text), DENIED (building outside the scope). */
int staff_phrase_add(const StaffActor *a, const StaffPhrase *in, int64_t *id_out);
/* Takes quick phrase id off the kiosks' forms, audited as "phrase.remove". -1:
 * NOT_FOUND. */
int staff_phrase_remove(const StaffActor *a, int64_t id);

#endif
