/* The staff library's public functions: each hands an actor on the hub to staff_hub.c,
 * and is the local implementation itself, over the kiosk's store (staff accounts with
 * Argon2id hashes, staff_password.c; audited staff actions). */
#include "staff/staff.h"

#include "staff/staff_hub.h"
#include "staff/staff_internal.h"
#include "store/health.h"
#include "store/notice.h"
#include "store/signup.h"
#include "store/photo.h"
#include "store/question.h"
#include "store/suggestion.h"
#include "store/wish.h"

#include <assert.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

int staff_login(Store *s, const char *login, const char *password, const char *address,
                StaffActor *actor, char *err, size_t errlen)
{
    memset(actor, 0, sizeof *actor);
    const char *pw = password ? password : "";
    StaffAccount acc;
    int found = store_staff_get(s, login, &acc) == 0;
    if (!found && store_reason(s) != REASON_NOT_FOUND) {
        snprintf(err, errlen, "读取账号失败：%s", store_errmsg(s));
        return -1;
    }
    /* an unknown login is checked against a hash made now, so it costs the same time */
    static char dummy[STAFF_HASH_MAX + 1];
    if (!found && !dummy[0]) {
        char e[64];
        if (staff_password_hash("not a password of anyone", dummy, e, sizeof e) < 0) {
            snprintf(err, errlen, "%s", e);
            return -1;
        }
    }
    const char *hash = found ? acc.pwhash : dummy;
    int ok = staff_sodium_ready() && strlen(pw) <= STAFF_PASSWORD_MAX &&
             crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
    if (!found || !ok) {
        if (found)
            staff_account_deinit(&acc);
        snprintf(err, errlen, "账号或密码不对");
        return -1;
    }
    if (acc.disabled) {
        staff_account_deinit(&acc);
        snprintf(err, errlen, "这个账号已停用，请找管理员");
        return -1;
    }
    actor->store = s;
    snprintf(actor->login, sizeof actor->login, "%s", acc.login);
    snprintf(actor->role, sizeof actor->role, "%s", acc.role);
    snprintf(actor->address, sizeof actor->address, "%s", address ? address : "");
    staff_account_deinit(&acc);
    return 0;
}

const char *staff_signature(const StaffActor *a)
{
    return strcmp(a->role, "lead") == 0 ? "楼组长" : "居委会";
}

int staff_may_manage_accounts(const StaffActor *a)
{
    return strcmp(a->role, "admin") == 0;
}

/* The hub's thread-kept refusal serves an actor of the hub, and one a failed
 * staff_hub_login left with neither backend. */
static int on_hub(const StaffActor *a)
{
    return a->hub || !a->store;
}

const char *staff_error(const StaffActor *a)
{
    return on_hub(a) ? staff_hub_error() : reason_text(store_reason(a->store));
}

StaffRefusal staff_refusal(const StaffActor *a)
{
    if (on_hub(a))
        return staff_hub_refusal();
    switch (store_reason(a->store)) {
    case REASON_NONE:
        return STAFF_REFUSAL_NONE;
    case REASON_NOT_FOUND:
        return STAFF_REFUSAL_NOT_FOUND;
    case REASON_STORAGE:
        return STAFF_REFUSAL_FAILED;
    case REASON_CHANGED:
        return STAFF_REFUSAL_CHANGED;
    default:
        return STAFF_REFUSAL_STATE; /* every other reason is a rule the store keeps */
    }
}

const char *staff_refusal_name(StaffRefusal r)
{
    static const char *const NAMES[] = {"none",   "not_found", "ambiguous", "state",
                                        "denied", "failed",    "changed"};
    return (unsigned)r < sizeof NAMES / sizeof NAMES[0] ? NAMES[r] : "failed";
}

/* Runs the audit line for an action that has just succeeded inside a batch, then ends
 * the batch: committed together or not at all. */
int staff_finish(const StaffActor *a, int rc, const char *action, const char *target,
                 const char *before, const char *after)
{
    if (rc == 0) {
        AuditEntry e = {.login = (char *)a->login,
                        .address = (char *)a->address,
                        .action = (char *)action,
                        .target = (char *)target,
                        .before = (char *)before,
                        .after = (char *)after};
        rc = store_audit_add(a->store, &e);
    }
    int end = store_batch_end(a->store, rc == 0);
    return rc == 0 && end == 0 ? 0 : -1;
}

static int store_err(const StaffActor *a, char *err, size_t errlen)
{
    snprintf(err, errlen, "%s", store_errmsg(a->store));
    return -1;
}

int staff_account_create(const StaffActor *a, const char *login, const char *role,
                         const char *scope, const char *password, char *err, size_t errlen)
{
    if (a->hub)
        return staff_hub_account_create(a, login, role, scope, password, err, errlen);
    if (!staff_may_manage_accounts(a)) {
        snprintf(err, errlen, "只有管理员可以添加账号");
        return -1;
    }
    StaffAccount acc = {0};
    snprintf(acc.login, sizeof acc.login, "%s", login ? login : "");
    snprintf(acc.role, sizeof acc.role, "%s", role ? role : "");
    acc.scope = (char *)(scope ? scope : "");
    if (!staff_login_valid(login)) {
        snprintf(err, errlen, "账号名要2到32个字母、数字或 . _ -");
        return -1;
    }
    if (!staff_role_valid(role)) {
        snprintf(err, errlen, "角色只能是 lead（楼组长）、committee（居委会）或 admin（管理员）");
        return -1;
    }
    if (staff_password_hash(password, acc.pwhash, err, errlen) < 0)
        return -1;
    if (store_batch_begin(a->store) < 0)
        return store_err(a, err, errlen);
    int rc = store_staff_add(a->store, &acc, NULL);
    char after[128];
    snprintf(after, sizeof after, "%s %s", role, scope ? scope : "");
    if (staff_finish(a, rc, "staff.add", login, "", after) < 0) {
        if (store_reason(a->store) == REASON_DUPLICATE)
            snprintf(err, errlen, "已经有叫 %s 的账号了", login);
        else
            store_err(a, err, errlen);
        return -1;
    }
    return 0;
}

int staff_account_passwd(const StaffActor *a, const char *login, const char *password, char *err,
                         size_t errlen)
{
    if (a->hub)
        return staff_hub_account_passwd(a, login, password, err, errlen);
    if (!staff_may_manage_accounts(a) && strcasecmp(a->login, login) != 0) {
        snprintf(err, errlen, "只有管理员可以改别人的密码");
        return -1;
    }
    char hash[STAFF_HASH_MAX + 1];
    if (staff_password_hash(password, hash, err, errlen) < 0)
        return -1;
    if (store_batch_begin(a->store) < 0)
        return store_err(a, err, errlen);
    int rc = store_staff_set_hash(a->store, login, hash);
    if (staff_finish(a, rc, "staff.passwd", login, "", "") < 0)
        return store_err(a, err, errlen);
    return 0;
}

/* Disables (disabled 1) or enables again (0) an account, audited. */
static int account_set_disabled(const StaffActor *a, const char *login, int disabled, char *err,
                                size_t errlen)
{
    if (a->hub)
        return staff_hub_account_set_disabled(a, login, disabled, err, errlen);
    if (!staff_may_manage_accounts(a)) {
        snprintf(err, errlen, disabled ? "只有管理员可以停用账号" : "只有管理员可以恢复账号");
        return -1;
    }
    if (strcasecmp(a->login, login) == 0) {
        snprintf(err, errlen, "不能停用或恢复自己正在用的账号");
        return -1;
    }
    if (store_batch_begin(a->store) < 0)
        return store_err(a, err, errlen);
    int rc = store_staff_set_disabled(a->store, login, disabled);
    if (staff_finish(a, rc, disabled ? "staff.disable" : "staff.enable", login,
                     disabled ? "enabled" : "disabled", disabled ? "disabled" : "enabled") < 0)
        return store_err(a, err, errlen);
    return 0;
}

int staff_account_disable(const StaffActor *a, const char *login, char *err, size_t errlen)
{
    return account_set_disabled(a, login, 1, err, errlen);
}

int staff_account_enable(const StaffActor *a, const char *login, char *err, size_t errlen)
{
    return account_set_disabled(a, login, 0, err, errlen);
}

int staff_notice_publish(const StaffActor *a, const StaffNotice *in, int64_t *id_out)
{
    if (a->hub)
        return staff_hub_notice_publish(a, in, id_out);
    Notice n = {0};
    n.title = (char *)in->title;
    n.body = (char *)in->body;
    n.category = (char *)(in->urgent ? NOTICE_URGENT : in->category);
    /* residents see who speaks, not a login */
    n.author = (char *)(in->author && *in->author ? in->author : staff_signature(a));
    n.pinned = in->pinned;
    n.publish_at = in->publish_at; /* 0: the store's now */
    n.expires_at = in->expires_at;
    if (store_batch_begin(a->store) < 0)
        return -1;
    int64_t id = 0;
    int rc = store_notice_add(a->store, &n, &id);
    char target[32];
    snprintf(target, sizeof target, "notice %lld", (long long)id);
    if (staff_finish(a, rc, "notice.publish", target, "", in->title) < 0)
        return -1;
    if (id_out)
        *id_out = id;
    return 0;
}

int staff_notice_withdraw(const StaffActor *a, int64_t id)
{
    if (a->hub)
        return staff_hub_notice_withdraw(a, id);
    Notice n;
    if (store_notice_get(a->store, id, &n) < 0)
        return -1;
    if (store_batch_begin(a->store) < 0) {
        notice_deinit(&n);
        return -1;
    }
    int rc = store_notice_remove(a->store, id);
    char target[32];
    snprintf(target, sizeof target, "notice %lld", (long long)id);
    rc = staff_finish(a, rc, "notice.withdraw", target, n.title, "");
    notice_deinit(&n);
    return rc;
}

int staff_suggestion_reply(const StaffActor *a, StaffItem it, const char *reply)
{
    if (a->hub)
        return staff_hub_moderate(a, it, "suggestion", "reply", reply, NULL, 0);
    int64_t id = it.id;
    Suggestion sg;
    if (store_suggestion_get(a->store, id, &sg) < 0)
        return -1;
    if (store_batch_begin(a->store) < 0) {
        suggestion_deinit(&sg);
        return -1;
    }
    int rc = store_suggestion_reply(a->store, id, reply);
    char target[48];
    snprintf(target, sizeof target, "suggestion %lld (%s)", (long long)id, sg.receipt);
    rc = staff_finish(a, rc, "suggestion.reply", target, sg.reply, reply);
    suggestion_deinit(&sg);
    return rc;
}

/* One moderation step of a wish, audited with the state before and after. */
static int wish_step(const StaffActor *a, StaffItem it, const char *action, const char *note)
{
    if (a->hub) /* "wish.approve": the hub's action is "approve" */
        return staff_hub_moderate(a, it, "wish", action + strlen("wish."), note, NULL, 0);
    int64_t id = it.id;
    Wish w;
    if (store_wish_get(a->store, id, &w) < 0)
        return -1;
    char before[64];
    snprintf(before, sizeof before, "%s", wish_state_name(w.state));
    char target[48];
    snprintf(target, sizeof target, "wish %lld (%s)", (long long)id, w.receipt);
    wish_deinit(&w);
    if (store_batch_begin(a->store) < 0)
        return -1;
    int rc;
    const char *after;
    if (strcmp(action, "wish.approve") == 0) {
        rc = store_wish_approve(a->store, id);
        after = wish_state_name(WISH_OPEN);
    } else if (strcmp(action, "wish.decline") == 0) {
        rc = store_wish_decline(a->store, id, note);
        after = wish_state_name(WISH_DECLINED);
    } else {
        rc = store_wish_fulfil(a->store, id);
        after = wish_state_name(WISH_FULFILLED);
    }
    return staff_finish(a, rc, action, target, before, after);
}

int staff_wish_approve(const StaffActor *a, StaffItem it)
{
    return wish_step(a, it, "wish.approve", NULL);
}

int staff_wish_decline(const StaffActor *a, StaffItem it, const char *note)
{
    return wish_step(a, it, "wish.decline", note);
}

int staff_wish_fulfil(const StaffActor *a, StaffItem it)
{
    return wish_step(a, it, "wish.fulfil", NULL);
}

int staff_suggestion_seen(const StaffActor *a, StaffItem it)
{
    if (a->hub)
        return staff_hub_moderate(a, it, "suggestion", "seen", NULL, NULL, 0);
    int64_t id = it.id;
    Suggestion sg;
    if (store_suggestion_get(a->store, id, &sg) < 0)
        return -1;
    char before[32], target[48];
    snprintf(before, sizeof before, "%s", suggestion_state_name(sg.state));
    snprintf(target, sizeof target, "suggestion %lld (%s)", (long long)id, sg.receipt);
    suggestion_deinit(&sg);
    if (store_batch_begin(a->store) < 0)
        return -1;
    int rc = store_suggestion_mark_seen(a->store, id);
    return staff_finish(a, rc, "suggestion.seen", target, before,
                        suggestion_state_name(SUGGESTION_SEEN));
}

int staff_submission_withdraw(const StaffActor *a, const char *subject, StaffItem it)
{
    assert(a->hub); /* the kiosk store keeps a resident's writing until the hub has it */
    if (!a->hub)
        return -1;
    return staff_hub_moderate(a, it, subject, "withdraw", NULL, NULL, 0);
}

int staff_submission_find(const StaffActor *a, const char *subject, const char *ref,
                          StaffFound *out)
{
    assert(a->hub); /* standalone, staff name items by the store's ids */
    if (!a->hub)
        return -1;
    return staff_hub_find(a, subject, ref, out);
}

int staff_question_answer(const StaffActor *a, StaffItem it, const char *answer,
                          const char *answered_by, int is_public)
{
    if (a->hub)
        return staff_hub_moderate(a, it, "question", "answer", answer, answered_by, is_public);
    int64_t id = it.id;
    Question q;
    if (store_question_get(a->store, id, &q) < 0)
        return -1;
    if (store_batch_begin(a->store) < 0) {
        question_deinit(&q);
        return -1;
    }
    int rc = store_question_answer(a->store, id, answer, answered_by, is_public);
    char target[48];
    snprintf(target, sizeof target, "question %lld (%s%s)", (long long)id, q.receipt,
             is_public ? ", public" : ", private");
    rc = staff_finish(a, rc, "question.answer", target, q.answer, answer);
    question_deinit(&q);
    return rc;
}

int staff_photos_add(const StaffActor *a, int64_t album_id, StaffPhotoFile *files, size_t n,
                     const StaffPhotoMeta *meta, size_t *failed_index)
{
    if (failed_index)
        *failed_index = n; /* no one file at fault, until one is */
    if (a->hub)
        return staff_hub_photos_add(a, files, n, meta, failed_index);
    if (store_batch_begin(a->store) < 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        Photo p = {.album_id = album_id,
                   .width = files[i].width,
                   .height = files[i].height,
                   .caption = (char *)meta->caption,
                   .person_name = (char *)meta->person_name,
                   .floor = meta->floor,
                   .consent = meta->consent};
        int rc = store_photo_add_file(a->store, files[i].path, &p);
        files[i].id = p.id;
        if (rc == 0) {
            char target[48], after[200];
            snprintf(target, sizeof target, "photo %lld", (long long)p.id);
            snprintf(after, sizeof after, "%.80s album %lld%s%s", files[i].label,
                     (long long)album_id, meta->consent ? " consent" : "",
                     meta->person_name && *meta->person_name ? " named" : "");
            AuditEntry e = {.login = (char *)a->login,
                            .address = (char *)a->address,
                            .action = "photo.add",
                            .target = target,
                            .before = "",
                            .after = after};
            rc = store_audit_add(a->store, &e);
        }
        if (rc < 0) {
            if (failed_index)
                *failed_index = i;
            store_batch_end(a->store, 0);
            return -1;
        }
    }
    return store_batch_end(a->store, 1);
}

int staff_photo_remove(const StaffActor *a, int64_t id)
{
    if (a->hub)
        return staff_hub_photo_remove(a, id);
    Photo p;
    if (store_photo_get(a->store, id, &p) < 0)
        return -1;
    char target[48], before[160];
    snprintf(target, sizeof target, "photo %lld", (long long)id);
    snprintf(before, sizeof before, "album %lld %.12s %s", (long long)p.album_id, p.sha256,
             p.consent ? "consent" : "no consent");
    photo_deinit(&p);
    if (store_batch_begin(a->store) < 0)
        return -1;
    int rc = store_photo_remove(a->store, id);
    return staff_finish(a, rc, "photo.remove", target, before, "");
}

int staff_tip_publish(const StaffActor *a, const StaffTip *in, int64_t *id_out)
{
    if (a->hub)
        return staff_hub_tip_publish(a, in, id_out);
    HealthTip t = {.month = (char *)in->month,
                   .title = (char *)in->title,
                   .body = (char *)in->body,
                   .author = (char *)in->author};
    if (store_batch_begin(a->store) < 0)
        return -1;
    int64_t id = 0;
    int rc = store_tip_add(a->store, &t, &id);
    char target[32];
    snprintf(target, sizeof target, "tip %lld", (long long)id);
    if (staff_finish(a, rc, "tip.publish", target, "", in->title) < 0)
        return -1;
    if (id_out)
        *id_out = id;
    return 0;
}

int staff_tip_publish_photo(const StaffActor *a, const StaffTip *in, const char *photo_path,
                            int width, int height, int64_t *id_out)
{
    if (a->hub)
        return staff_hub_tip_publish_photo(a, in, photo_path, width, height, id_out);
    const char *title = in->title;
    HealthTip t = {.month = (char *)in->month,
                   .title = (char *)in->title,
                   .body = (char *)in->body,
                   .author = (char *)in->author,
                   .photo_width = width,
                   .photo_height = height};
    /* the file goes in first: the tip must never name a file that is not whole */
    if (store_photo_put_file(a->store, photo_path, t.photo_sha256, &t.photo_bytes) < 0)
        return -1;
    if (store_batch_begin(a->store) < 0)
        return -1;
    int64_t id = 0;
    int rc = store_tip_add(a->store, &t, &id);
    char target[32], after[STORE_TITLE_MAX * 4 + 32];
    snprintf(target, sizeof target, "tip %lld", (long long)id);
    snprintf(after, sizeof after, "%s [photo %.12s]", title ? title : "", t.photo_sha256);
    if (staff_finish(a, rc, "tip.publish", target, "", after) < 0)
        return -1;
    if (id_out)
        *id_out = id;
    return 0;
}

int staff_tip_remove(const StaffActor *a, int64_t id)
{
    if (a->hub)
        return staff_hub_tip_remove(a, id);
    HealthTip t;
    if (store_tip_get(a->store, id, &t) < 0)
        return -1;
    if (store_batch_begin(a->store) < 0) {
        health_tip_deinit(&t);
        return -1;
    }
    int rc = store_tip_remove(a->store, id);
    char target[32];
    snprintf(target, sizeof target, "tip %lld", (long long)id);
    rc = staff_finish(a, rc, "tip.remove", target, t.title, "");
    health_tip_deinit(&t);
    return rc;
}

int staff_activity_create(const StaffActor *a, const StaffActivity *sa, int64_t *id_out)
{
    if (a->hub)
        return staff_hub_activity_create(a, sa, id_out);
    const Activity *in = &sa->activity;
    if (store_batch_begin(a->store) < 0)
        return -1;
    int64_t id = 0;
    int rc = store_activity_add(a->store, in, &id);
    char target[32], after[160];
    snprintf(target, sizeof target, "activity %lld", (long long)id);
    snprintf(after, sizeof after, "%.100s, %d places", in->title ? in->title : "", in->capacity);
    if (staff_finish(a, rc, "activity.create", target, "", after) < 0)
        return -1;
    if (id_out)
        *id_out = id;
    return 0;
}

int staff_activity_withdraw(const StaffActor *a, int64_t id)
{
    if (a->hub)
        return staff_hub_activity_withdraw(a, id);
    Activity old;
    if (store_activity_get(a->store, id, &old) < 0)
        return -1;
    char target[32];
    snprintf(target, sizeof target, "activity %lld", (long long)id);
    int rc = store_batch_begin(a->store);
    if (rc == 0)
        rc = staff_finish(a, store_activity_remove(a->store, id), "activity.withdraw", target,
                          old.title, "");
    activity_deinit(&old);
    return rc;
}

int staff_poll_create(const StaffActor *a, const StaffPoll *in, int64_t *id_out)
{
    if (a->hub)
        return staff_hub_poll_create(a, in, id_out);
    Poll p = {.question = (char *)in->question,
              .description = (char *)in->description,
              .opens_at = in->opens_at,
              .closes_at = in->closes_at};
    if (store_batch_begin(a->store) < 0)
        return -1;
    int64_t id = 0;
    int rc = store_poll_add(a->store, &p, in->options, in->option_count, &id);
    /* the audit line names the options too: what was put to the households */
    char target[32], after[STORE_TITLE_MAX * 4 + POLL_OPTIONS_MAX * (STORE_SHORT_MAX * 4 + 2) + 8];
    snprintf(target, sizeof target, "poll %lld", (long long)id);
    int n = snprintf(after, sizeof after, "%s;", in->question ? in->question : "");
    for (size_t i = 0; i < in->option_count && n > 0 && (size_t)n < sizeof after; i++)
        n += snprintf(after + n, sizeof after - (size_t)n, "%s%s", i ? " / " : " ",
                      in->options[i] ? in->options[i] : "");
    if (staff_finish(a, rc, "poll.create", target, "", after) < 0)
        return -1;
    if (id_out)
        *id_out = id;
    return 0;
}

int staff_poll_withdraw(const StaffActor *a, int64_t id)
{
    if (a->hub)
        return staff_hub_poll_withdraw(a, id);
    Poll old;
    if (store_poll_get(a->store, id, &old) < 0)
        return -1;
    char target[32];
    snprintf(target, sizeof target, "poll %lld", (long long)id);
    int rc = store_batch_begin(a->store);
    if (rc == 0)
        rc = staff_finish(a, store_poll_remove(a->store, id), "poll.withdraw", target, old.question,
                          "");
    poll_deinit(&old);
    return rc;
}

int staff_signup_cancel(const StaffActor *a, int64_t activity_id, const StaffSignupRef *who)
{
    if (a->hub)
        return staff_hub_signup_cancel(a, activity_id, who);
    const char *room = who->room, *receipt = who->receipt;
    if (store_batch_begin(a->store) < 0)
        return -1;
    int rc = store_signup_cancel(a->store, activity_id, room, receipt, NULL);
    char target[64];
    snprintf(target, sizeof target, "activity %lld room %.8s (%.8s)", (long long)activity_id,
             room ? room : "", receipt ? receipt : "");
    return staff_finish(a, rc, "signup.cancel", target, "active",
                        "cancelled on the resident's behalf");
}

/* Adds through add() inside a batch with its audit line "<what>.add <what> ID: label". */
static int audited_add(const StaffActor *a, const char *what, const char *label, int rc, int64_t id)
{
    char action[32], target[48];
    snprintf(action, sizeof action, "%s.add", what);
    snprintf(target, sizeof target, "%s %lld", what, (long long)id);
    return staff_finish(a, rc, action, target, "", label);
}

int staff_roster_add(const StaffActor *a, const StaffRoster *in, int64_t *id_out)
{
    if (a->hub)
        return staff_hub_roster_add(a, in, id_out);
    if (store_batch_begin(a->store) < 0)
        return -1;
    int64_t id = 0;
    int rc = store_roster_add(a->store, &in->entry, &id);
    if (audited_add(a, "roster", in->entry.person, rc, id) < 0)
        return -1;
    if (id_out)
        *id_out = id;
    return 0;
}

int staff_contact_add(const StaffActor *a, const StaffContact *in, int64_t *id_out)
{
    if (a->hub)
        return staff_hub_contact_add(a, in, id_out);
    if (store_batch_begin(a->store) < 0)
        return -1;
    int64_t id = 0;
    int rc = store_contact_add(a->store, &in->contact, &id);
    if (audited_add(a, "contact", in->contact.name, rc, id) < 0)
        return -1;
    if (id_out)
        *id_out = id;
    return 0;
}

int staff_roster_remove(const StaffActor *a, int64_t id)
{
    if (a->hub)
        return staff_hub_roster_remove(a, id);
    RosterEntry e;
    if (store_roster_get(a->store, id, &e) < 0)
        return -1;
    char target[32];
    snprintf(target, sizeof target, "roster %lld", (long long)id);
    int rc = store_batch_begin(a->store);
    if (rc == 0)
        rc = staff_finish(a, store_roster_remove(a->store, id), "roster.remove", target, e.person,
                          "");
    roster_entry_deinit(&e);
    return rc;
}

int staff_contact_remove(const StaffActor *a, int64_t id)
{
    if (a->hub)
        return staff_hub_contact_remove(a, id);
    Contact ct;
    if (store_contact_get(a->store, id, &ct) < 0)
        return -1;
    char target[32];
    snprintf(target, sizeof target, "contact %lld", (long long)id);
    int rc = store_batch_begin(a->store);
    if (rc == 0)
        rc = staff_finish(a, store_contact_remove(a->store, id), "contact.remove", target, ct.name,
                          "");
    contact_deinit(&ct);
    return rc;
}

int staff_photo_upload(const StaffActor *a, const char *path)
{
    return a->hub ? staff_hub_photo_upload(a, path) : 0;
}

int staff_batch_begin(StaffActor *a)
{
    if (a->hub)
        return staff_hub_batch_begin(a);
    return store_batch_begin(a->store);
}

int staff_batch_end(StaffActor *a, int commit)
{
    if (a->hub)
        return staff_hub_batch_end(a, commit);
    int rc = store_batch_end(a->store, commit);
    return commit ? rc : 0; /* the store says -1 for a rollback it was asked for */
}
