/* Staff accounts and audited staff actions over a real store: Argon2id hashes that
 * verify only the right password, disabled accounts, admin-only account management,
 * an action and its audit line committed together, a batch of actions all or none, a
 * consultation started and an activity withdrawn, albums made, renamed and withdrawn
 * with their photos, quick phrases added and removed, and an audit log SQL cannot edit. */
#include "testutil.h"

#include "staff/staff.h"
#include "store/notice.h"
#include "store/photo.h"
#include "store/phrase.h"
#include "store/poll.h"
#include "store/suggestion.h"
#include "store/wish.h"

#include <sqlite3.h>
#include <string.h>

static StaffActor shell_admin(Store *s)
{
    StaffActor a = {.store = s};
    snprintf(a.login, sizeof a.login, "shell:test");
    snprintf(a.role, sizeof a.role, "admin");
    snprintf(a.address, sizeof a.address, "cli");
    return a;
}

static void test_passwords_hash_and_verify(void **state)
{
    Store *s = TU_STORE(state);
    StaffActor root = shell_admin(s);
    char err[256];
    assert_int_equal(
        staff_account_create(&root, "wangli", "lead", "12号楼", "七个字符不够", err, sizeof err),
        -1);
    assert_non_null(strstr(err, "至少"));
    assert_int_equal(staff_account_create(&root, "wangli", "lead", "12号楼", "楼组长的密码2026",
                                          err, sizeof err),
                     0);
    assert_int_equal(
        staff_account_create(&root, "WangLi", "admin", "", "another-password", err, sizeof err),
        -1); /* logins ignore case */
    assert_int_equal(
        staff_account_create(&root, "bad login", "lead", "", "another-password", err, sizeof err),
        -1);
    assert_int_equal(
        staff_account_create(&root, "x2", "boss", "", "another-password", err, sizeof err), -1);

    StaffAccount acc;
    assert_int_equal(store_staff_get(s, "WANGLI", &acc), 0);
    assert_string_equal(acc.role, "lead");
    assert_string_equal(acc.scope, "12号楼");
    assert_true(strncmp(acc.pwhash, "$argon2id$", 10) == 0);
    assert_null(strstr(acc.pwhash, "楼组长的密码2026"));
    staff_account_deinit(&acc);

    StaffActor a;
    assert_int_equal(staff_login(s, "wangli", "楼组长的密码2026", "10.0.0.7", &a, err, sizeof err),
                     0);
    assert_string_equal(a.login, "wangli");
    assert_string_equal(a.address, "10.0.0.7");
    assert_false(staff_may_manage_accounts(&a));
    assert_int_equal(staff_login(s, "wangli", "楼组长的密码2025", "", &a, err, sizeof err), -1);
    assert_string_equal(err, "账号或密码不对");
    assert_int_equal(staff_login(s, "nobody", "楼组长的密码2026", "", &a, err, sizeof err), -1);
    assert_string_equal(err, "账号或密码不对"); /* same words: no way to probe for logins */

    /* a lead cannot manage accounts; the admin disables, and the login stops working */
    StaffActor lead;
    assert_int_equal(staff_login(s, "wangli", "楼组长的密码2026", "", &lead, err, sizeof err), 0);
    assert_int_equal(
        staff_account_create(&lead, "zhao", "admin", "", "zhao-password", err, sizeof err), -1);
    assert_int_equal(staff_account_disable(&root, "wangli", err, sizeof err), 0);
    assert_int_equal(staff_login(s, "wangli", "楼组长的密码2026", "", &a, err, sizeof err), -1);
    assert_non_null(strstr(err, "停用"));
}

static void test_actions_are_audited_atomically(void **state)
{
    Store *s = TU_STORE(state);
    StaffActor root = shell_admin(s);
    StaffNotice n = {
        .title = "本周六电梯年检", .body = "上午停运两小时。", .category = "通知", .urgent = 1};
    int64_t id;
    assert_int_equal(staff_notice_publish(&root, &n, &id), 0);
    Notice got;
    assert_int_equal(store_notice_get(s, id, &got), 0);
    assert_string_equal(got.category, NOTICE_URGENT);
    assert_string_equal(got.author, "居委会");
    notice_deinit(&got);

    /* a refused action leaves no audit line */
    StaffNotice bad = {.title = "", .body = "x", .category = "通知"};
    assert_int_equal(staff_notice_publish(&root, &bad, NULL), -1);
    assert_int_equal(store_reason(s), REASON_TEXT_EMPTY);
    assert_int_equal(staff_wish_approve(&root, STAFF_ITEM_ID(999)), -1);
    assert_int_equal(store_reason(s), REASON_NOT_FOUND);
    /* the sentence staff read, the same call for either backend */
    assert_string_equal(staff_error(&root), reason_text(REASON_NOT_FOUND));

    AuditList l;
    assert_int_equal(store_audit_list(s, 0, &l), 0);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].action, "notice.publish");
    assert_string_equal(l.items[0].after, "本周六电梯年检");
    assert_int_equal(l.items[0].at, store_now(s));
    audit_list_free(&l);

    assert_int_equal(staff_notice_withdraw(&root, id), 0);
    assert_int_equal(store_audit_list(s, 1, &l), 0);
    assert_string_equal(l.items[0].action, "notice.withdraw");
    assert_string_equal(l.items[0].before, "本周六电梯年检");
    audit_list_free(&l);
}

/* A batch over the store: rolled back, neither its actions nor their audit lines stay;
 * committed, all of them do. A submissions export is the hub's only. */
static void test_batch_all_or_nothing(void **state)
{
    Store *s = TU_STORE(state);
    StaffActor root = shell_admin(s);
    StaffNotice n = {.title = "停水通知", .body = "周三上午停水。", .category = "通知"};
    StaffNotice bad = {.title = "", .body = "x", .category = "通知"};
    int64_t id;
    assert_int_equal(staff_batch_begin(&root), 0);
    assert_int_equal(staff_notice_publish(&root, &n, &id), 0);
    assert_int_equal(staff_notice_publish(&root, &bad, NULL), -1);
    assert_int_equal(staff_batch_end(&root, 0), 0);
    Notice got;
    assert_int_equal(store_notice_get(s, id, &got), -1);
    AuditList l;
    assert_int_equal(store_audit_list(s, 0, &l), 0);
    assert_int_equal(l.count, 0);
    audit_list_free(&l);

    assert_int_equal(staff_batch_begin(&root), 0);
    assert_int_equal(staff_notice_publish(&root, &n, &id), 0);
    assert_int_equal(staff_notice_publish(&root, &n, NULL), 0);
    assert_int_equal(staff_batch_end(&root, 1), 0);
    assert_int_equal(store_notice_get(s, id, &got), 0);
    notice_deinit(&got);
    assert_int_equal(store_audit_list(s, 0, &l), 0);
    assert_int_equal(l.count, 2);
    audit_list_free(&l);

    HubRows rows;
    assert_int_equal(staff_submissions_export(&root, "signup", NULL, NULL, 0, &rows), -1);
    assert_int_equal(rows.nrows, 0);
    assert_null(rows.cells);
}

/* staff_refusal() says why, on the store from its reason, and for a hub login that
 * failed before any hub answered; a suggestion marked read is audited. */
static void test_refusal_reasons(void **state)
{
    Store *s = TU_STORE(state);
    StaffActor root = shell_admin(s);
    assert_int_equal(staff_wish_approve(&root, STAFF_ITEM_ID(999)), -1);
    assert_int_equal(staff_refusal(&root), STAFF_REFUSAL_NOT_FOUND);
    assert_string_equal(staff_refusal_name(staff_refusal(&root)), "not_found");
    StaffNotice bad = {.title = "", .body = "x", .category = "通知"};
    assert_int_equal(staff_notice_publish(&root, &bad, NULL), -1);
    assert_int_equal(staff_refusal(&root), STAFF_REFUSAL_STATE);

    StoreReceipt r;
    SuggestionInput in = {.text = "三楼楼道灯坏了", .room = "301"};
    assert_int_equal(store_suggestion_add(s, &in, &r), 0);
    assert_int_equal(staff_suggestion_seen(&root, STAFF_ITEM_ID(r.id)), 0);
    AuditList l;
    assert_int_equal(store_audit_list(s, 0, &l), 0);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].action, "suggestion.seen");
    assert_string_equal(l.items[0].before, "new");
    assert_string_equal(l.items[0].after, "seen");
    audit_list_free(&l);
    assert_int_equal(staff_suggestion_reply(&root, STAFF_ITEM_ID(r.id), "已报修。"), 0);
    assert_int_equal(staff_suggestion_seen(&root, STAFF_ITEM_ID(r.id)), -1); /* replied */
    assert_int_equal(staff_refusal(&root), STAFF_REFUSAL_STATE);
    assert_int_equal(store_audit_list(s, 0, &l), 0);
    assert_int_equal(l.count, 2); /* the reply; the refused step left no line */
    audit_list_free(&l);

    /* a failed hub login: its actor has no backend and carries the login's reason */
    StaffActor a;
    char err[256];
    assert_int_equal(staff_hub_login("host=/nonexistent/yanxia port=1", "bad login", "password-1",
                                     "cli", &a, err, sizeof err),
                     -1);
    assert_int_equal(staff_refusal(&a), STAFF_REFUSAL_DENIED);
    assert_string_equal(staff_error(&a), "账号或密码不对");
    assert_int_equal(staff_hub_login("host=/nonexistent/yanxia port=1", "wangli", "password-1",
                                     "cli", &a, err, sizeof err),
                     -1);
    assert_int_equal(staff_refusal(&a), STAFF_REFUSAL_FAILED);
    assert_non_null(strstr(staff_error(&a), "连不上中心库"));
    assert_null(a.hub);
}

/* How many times activity id is on the residents' list. */
static int listed(Store *s, int64_t id)
{
    ActivityList acts;
    assert_int_equal(store_activity_list(s, NULL, &acts), 0);
    int n = 0;
    for (size_t i = 0; i < acts.count; i++)
        n += acts.items[i].id == id;
    activity_list_free(&acts);
    return n;
}

/* A consultation (the lift vote) started by staff: in the store with its options in
 * order, audited with them; a poll the store refuses writes neither. An activity
 * withdrawn: off the residents' list, its title in the audit line; again: not found. */
static void test_poll_and_activity_withdraw(void **state)
{
    Store *s = TU_STORE(state);
    StaffActor root = shell_admin(s);
    const char *one[] = {"同意"}, *twice[] = {"同意", "同意"};
    const char *labels[] = {"同意", "不同意", "弃权"};
    StaffPoll p = {.question = "是否同意加装电梯",
                   .description = "费用按楼层分摊。",
                   .closes_at = store_now(s) + 7 * 86400,
                   .options = one,
                   .option_count = 1};
    assert_int_equal(staff_poll_create(&root, &p, NULL), -1);
    assert_int_equal(staff_refusal(&root), STAFF_REFUSAL_STATE);
    p.options = twice;
    p.option_count = 2;
    assert_int_equal(staff_poll_create(&root, &p, NULL), -1);
    p.options = labels;
    p.option_count = 3;
    p.opens_at = p.closes_at; /* closes as it opens */
    assert_int_equal(staff_poll_create(&root, &p, NULL), -1);
    AuditList l;
    assert_int_equal(store_audit_list(s, 0, &l), 0);
    assert_int_equal(l.count, 0);
    audit_list_free(&l);
    PollList polls;
    assert_int_equal(store_poll_list(s, &(PollQuery){.include_closed = 1}, &polls), 0);
    assert_int_equal(polls.count, 0);
    poll_list_free(&polls);

    p.opens_at = 0; /* now */
    int64_t id = 0;
    assert_int_equal(staff_poll_create(&root, &p, &id), 0);
    Poll got;
    assert_int_equal(store_poll_get(s, id, &got), 0);
    assert_string_equal(got.question, "是否同意加装电梯");
    assert_int_equal(got.opens_at, store_now(s));
    assert_int_equal(got.option_count, 3);
    assert_string_equal(got.options[0].label, "同意");
    assert_string_equal(got.options[2].label, "弃权");
    poll_deinit(&got);
    assert_int_equal(store_audit_list(s, 0, &l), 0);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].action, "poll.create");
    assert_string_equal(l.items[0].after, "是否同意加装电梯; 同意 / 不同意 / 弃权");
    audit_list_free(&l);

    Activity a = {.kind = ACTIVITY_EVENT,
                  .title = "消防演练",
                  .starts_at = store_now(s) + 86400,
                  .capacity = 20};
    int64_t aid = 0;
    assert_int_equal(staff_activity_create(&root, &(StaffActivity){.activity = a}, &aid), 0);
    assert_int_equal(listed(s, aid), 1);
    assert_int_equal(staff_activity_withdraw(&root, aid), 0);
    assert_int_equal(listed(s, aid), 0);
    assert_int_equal(store_audit_list(s, 0, &l), 0);
    assert_int_equal(l.count, 3);
    assert_string_equal(l.items[0].action, "activity.withdraw");
    assert_string_equal(l.items[0].before, "消防演练");
    audit_list_free(&l);
    assert_int_equal(staff_activity_withdraw(&root, aid), -1);
    assert_int_equal(staff_refusal(&root), STAFF_REFUSAL_NOT_FOUND);
    assert_int_equal(store_audit_list(s, 0, &l), 0);
    assert_int_equal(l.count, 3);
    audit_list_free(&l);
}

/* A consultation withdrawn: off the residents' list, its votes' poll kept for the
 * export (the store's tombstone), its question in the audit line; again, or one that
 * never was: not found, and nothing audited. */
static void test_poll_withdraw(void **state)
{
    Store *s = TU_STORE(state);
    StaffActor root = shell_admin(s);
    const char *labels[] = {"同意", "不同意"};
    StaffPoll p = {.question = "是否同意加装电梯",
                   .closes_at = store_now(s) + 7 * 86400,
                   .options = labels,
                   .option_count = 2};
    int64_t id = 0;
    assert_int_equal(staff_poll_create(&root, &p, &id), 0);
    assert_int_equal(staff_poll_withdraw(&root, id), 0);
    PollList polls;
    assert_int_equal(store_poll_list(s, &(PollQuery){.include_closed = 1}, &polls), 0);
    assert_int_equal(polls.count, 0);
    poll_list_free(&polls);
    AuditList l;
    assert_int_equal(store_audit_list(s, 0, &l), 0);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.items[0].action, "poll.withdraw");
    assert_string_equal(l.items[0].before, "是否同意加装电梯");
    assert_string_equal(l.items[0].login, root.login);
    audit_list_free(&l);
    assert_int_equal(staff_poll_withdraw(&root, id), -1);
    assert_int_equal(staff_refusal(&root), STAFF_REFUSAL_NOT_FOUND);
    assert_int_equal(staff_poll_withdraw(&root, id + 100), -1);
    assert_int_equal(staff_refusal(&root), STAFF_REFUSAL_NOT_FOUND);
    assert_int_equal(store_audit_list(s, 0, &l), 0);
    assert_int_equal(l.count, 2);
    audit_list_free(&l);
}

/* The newest audit line is action with before and after; there are count in all. */
static void assert_last_audit(Store *s, size_t count, const char *action, const char *before,
                              const char *after)
{
    AuditList l;
    assert_int_equal(store_audit_list(s, 0, &l), 0);
    assert_int_equal(l.count, count);
    assert_string_equal(l.items[0].action, action);
    assert_string_equal(l.items[0].before, before);
    assert_string_equal(l.items[0].after, after);
    assert_string_equal(l.items[0].login, "shell:test");
    audit_list_free(&l);
}

/* An album made by hand, renamed (its description stays), withdrawn with its photo so
 * residents see neither; a name taken, or an album gone: refused, nothing audited. A
 * quick phrase added to its form and removed, an unknown form refused; the same words
 * added again to the same form: its id back, nothing written or audited (as over the
 * hub), but added again once removed. */
static void test_albums_and_phrases(void **state)
{
    TuStore *t = *state;
    Store *s = t->store;
    StaffActor root = shell_admin(s);
    int64_t id = 0, other = 0;
    StaffAlbum in = {.album = {.name = "中秋节", .description = "中秋游园", .sort = 2}};
    assert_int_equal(staff_album_create(&root, &in, &id), 0);
    assert_last_audit(s, 1, "album.add", "", "中秋节");
    in.album.name = "重阳节";
    assert_int_equal(staff_album_create(&root, &in, &other), 0);
    assert_int_equal(staff_album_create(&root, &in, NULL), -1); /* 重阳节 again */
    assert_int_equal(staff_refusal(&root), STAFF_REFUSAL_STATE);
    /* what an import asks before it makes its album: 重阳节 is there, 国庆节 is not */
    int64_t found = 0;
    assert_int_equal(staff_album_find(&root, NULL, " 重阳节 ", &found), 1);
    assert_int_equal(found, other);
    assert_int_equal(staff_album_find(&root, NULL, "国庆节", &found), 0);
    assert_last_audit(s, 2, "album.add", "", "重阳节"); /* a find audits nothing */
    assert_int_equal(staff_album_rename(&root, id, "重阳节"), -1);
    assert_int_equal(staff_refusal(&root), STAFF_REFUSAL_STATE);
    assert_int_equal(staff_album_rename(&root, id, "中秋游园会"), 0);
    assert_last_audit(s, 3, "album.rename", "中秋节", "中秋游园会");
    Album al;
    assert_int_equal(store_album_get(s, id, &al), 0);
    assert_string_equal(al.name, "中秋游园会");
    assert_string_equal(al.description, "中秋游园");
    assert_string_equal(al.kind, ALBUM_EVENT);
    album_deinit(&al);

    char path[320];
    snprintf(path, sizeof path, "%s/p.jpg", t->dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs("not decoded by the store", f);
    fclose(f);
    StaffPhotoFile file = {.path = path, .label = "p.jpg", .width = 40, .height = 30};
    StaffPhotoMeta meta = {.caption = "赏月", .consent = 1};
    assert_int_equal(staff_photos_add(&root, id, &file, 1, &meta, NULL), 0);
    assert_int_equal(staff_album_withdraw(&root, id), 0);
    assert_last_audit(s, 5, "album.withdraw", "中秋游园会 (1 photos)", "");
    int64_t n = -1;
    assert_int_equal(store_photo_count(s, &(PhotoQuery){.include_hidden = 1}, &n), 0);
    assert_int_equal(n, 0);
    assert_int_equal(store_album_get(s, id, &al), -1);
    assert_int_equal(staff_album_withdraw(&root, id), -1);
    assert_int_equal(staff_refusal(&root), STAFF_REFUSAL_NOT_FOUND);
    assert_int_equal(staff_album_rename(&root, id, "又一个"), -1);
    assert_int_equal(staff_refusal(&root), STAFF_REFUSAL_NOT_FOUND);

    StaffPhrase ph = {.phrase = {.form = PHRASE_SUGGESTION, .text = "电梯有异响"}};
    assert_int_equal(staff_phrase_add(&root, &ph, &id), 0);
    assert_last_audit(s, 6, "phrase.add", "", "suggestion: 电梯有异响");
    /* the same words again (spaces around them trimmed, another sort): the live one's id,
     * nothing written and nothing audited, as over the hub */
    StaffPhrase again = {.phrase = {.form = PHRASE_SUGGESTION, .text = " 电梯有异响 ", .sort = 9}};
    assert_int_equal(staff_phrase_add(&root, &again, &other), 0);
    assert_true(other == id);
    assert_last_audit(s, 6, "phrase.add", "", "suggestion: 电梯有异响");
    PhraseList pl;
    assert_int_equal(store_phrase_list(s, NULL, &pl), 0);
    assert_int_equal(pl.count, 1);
    assert_int_equal(pl.items[0].sort, 0);
    phrase_list_free(&pl);
    /* the same words on another form are another phrase */
    again.phrase.form = PHRASE_WISH;
    assert_int_equal(staff_phrase_add(&root, &again, &other), 0);
    assert_true(other != id);
    assert_last_audit(s, 7, "phrase.add", "", "wish: 电梯有异响");
    assert_int_equal(staff_phrase_remove(&root, other), 0);
    assert_last_audit(s, 8, "phrase.remove", "wish: 电梯有异响", "");
    ph.phrase.form = "表扬";
    assert_int_equal(staff_phrase_add(&root, &ph, NULL), -1);
    assert_int_equal(staff_refusal(&root), STAFF_REFUSAL_STATE);
    assert_int_equal(staff_phrase_remove(&root, id), 0);
    assert_last_audit(s, 9, "phrase.remove", "suggestion: 电梯有异响", "");
    assert_int_equal(store_phrase_list(s, NULL, &pl), 0);
    assert_int_equal(pl.count, 0);
    phrase_list_free(&pl);
    assert_int_equal(staff_phrase_remove(&root, id), -1);
    assert_int_equal(staff_refusal(&root), STAFF_REFUSAL_NOT_FOUND);
    assert_last_audit(s, 9, "phrase.remove", "suggestion: 电梯有异响", "");
    /* a phrase removed and added again is an add again, audited */
    ph.phrase.form = PHRASE_SUGGESTION;
    assert_int_equal(staff_phrase_add(&root, &ph, &other), 0);
    assert_last_audit(s, 10, "phrase.add", "", "suggestion: 电梯有异响");
    assert_int_equal(store_phrase_list(s, PHRASE_SUGGESTION, &pl), 0);
    assert_int_equal(pl.count, 1);
    assert_true(pl.items[0].id == other);
    phrase_list_free(&pl);
}

/* What an edit reads first (yanxiactl's `edit --as`): the row as it stands, nothing
 * audited; a removed one or none: not found, *out empty. */
static void test_get_for_edit(void **state)
{
    Store *s = TU_STORE(state);
    StaffActor root = shell_admin(s);
    StaffNotice n = {.title = "停水通知", .body = "周四上午停水。", .urgent = 1, .pinned = 1};
    int64_t nid = 0;
    assert_int_equal(staff_notice_publish(&root, &n, &nid), 0);
    Notice got;
    int64_t rev = -1;
    assert_int_equal(staff_notice_get(&root, nid, &got, &rev), 0);
    assert_true(rev > 0); /* the row's, for the edit to give back */
    assert_string_equal(got.title, "停水通知");
    assert_string_equal(got.category, NOTICE_URGENT);
    assert_int_equal(got.pinned, 1);
    notice_deinit(&got);
    Activity a = {.kind = ACTIVITY_TEAM, .title = "拳操队", .schedule = "每周二", .capacity = 9};
    int64_t aid = 0;
    assert_int_equal(staff_activity_create(&root, &(StaffActivity){.activity = a}, &aid), 0);
    Activity ga;
    assert_int_equal(staff_activity_get(&root, aid, &ga, NULL), 0);
    assert_int_equal(ga.kind, ACTIVITY_TEAM);
    assert_string_equal(ga.schedule, "每周二");
    assert_int_equal(ga.capacity, 9);
    activity_deinit(&ga);
    assert_int_equal(staff_notice_withdraw(&root, nid), 0);
    assert_int_equal(staff_notice_get(&root, nid, &got, NULL), -1);
    assert_int_equal(staff_refusal(&root), STAFF_REFUSAL_NOT_FOUND);
    assert_int_equal(staff_activity_get(&root, aid + 100, &ga, NULL), -1);
    assert_int_equal(staff_refusal(&root), STAFF_REFUSAL_NOT_FOUND);
    AuditList l;
    assert_int_equal(store_audit_list(s, 0, &l), 0);
    assert_int_equal(l.count, 3); /* publish, create, withdraw: the reads wrote nothing */
    audit_list_free(&l);
}

/* An edit read at a revision someone else's save has overtaken is refused, nothing
 * written or audited (REASON_CHANGED); read again, it goes through; rev 0 checks nothing.
 * Both saves fall in one second: the revision is not the row's updated_at alone. */
static void test_edit_overtaken(void **state)
{
    Store *s = TU_STORE(state);
    StaffActor root = shell_admin(s);
    StaffNotice n = {.title = "停水通知", .body = "周四上午停水。", .category = "通知"};
    int64_t nid = 0, mine = 0, theirs = 0;
    assert_int_equal(staff_notice_publish(&root, &n, &nid), 0);
    Notice got;
    assert_int_equal(staff_notice_get(&root, nid, &got, &mine), 0);
    long long at = (long long)got.publish_at;
    notice_deinit(&got);
    assert_int_equal(staff_notice_get(&root, nid, &got, &theirs), 0);
    notice_deinit(&got);
    /* the audit lines say title, author and publish time, as sql/hub/038's */
    char was[200], now[200];
    assert_true(mine == theirs && mine != 0);
    StaffNotice first = n, second = n;
    first.title = "停水通知（改期）";
    first.rev = theirs;
    assert_int_equal(staff_notice_update(&root, nid, &first), 0);
    second.title = "停水通知（取消）";
    second.rev = mine;
    assert_int_equal(staff_notice_update(&root, nid, &second), -1);
    assert_int_equal(store_reason(s), REASON_CHANGED);
    assert_int_equal(staff_refusal(&root), STAFF_REFUSAL_CHANGED);
    assert_string_equal(staff_refusal_name(staff_refusal(&root)), "changed");
    assert_non_null(strstr(staff_error(&root), "刚被别人改过"));
    snprintf(was, sizeof was, "停水通知; by 居委会; from %lld", at);
    snprintf(now, sizeof now, "停水通知（改期）; by 居委会; from %lld", at);
    assert_last_audit(s, 2, "notice.edit", was, now);
    assert_int_equal(staff_notice_get(&root, nid, &got, &second.rev), 0);
    assert_string_equal(got.title, "停水通知（改期）");
    notice_deinit(&got);
    assert_true(second.rev != mine);
    assert_int_equal(staff_notice_update(&root, nid, &second), 0);
    snprintf(was, sizeof was, "停水通知（取消）; by 居委会; from %lld", at);
    assert_last_audit(s, 3, "notice.edit", now, was);
    first.rev = 0; /* no check: replaces whatever is there */
    assert_int_equal(staff_notice_update(&root, nid, &first), 0);

    Activity a = {.kind = ACTIVITY_TEAM, .title = "拳操队", .schedule = "每周二", .capacity = 9};
    int64_t aid = 0;
    assert_int_equal(staff_activity_create(&root, &(StaffActivity){.activity = a}, &aid), 0);
    Activity ga;
    assert_int_equal(staff_activity_get(&root, aid, &ga, &mine), 0);
    activity_deinit(&ga);
    StaffActivity more = {.activity = a, .rev = mine}, fewer = more;
    more.activity.capacity = 12;
    fewer.activity.capacity = 6;
    assert_int_equal(staff_activity_update(&root, aid, &more), 0);
    assert_int_equal(staff_activity_update(&root, aid, &fewer), -1);
    assert_int_equal(store_reason(s), REASON_CHANGED);
    assert_int_equal(staff_refusal(&root), STAFF_REFUSAL_CHANGED);
    assert_int_equal(staff_activity_get(&root, aid, &ga, NULL), 0);
    assert_int_equal(ga.capacity, 12);
    activity_deinit(&ga);
    assert_last_audit(s, 6, "activity.update", "拳操队; capacity 9; ends 0; max party 4",
                      "拳操队; capacity 12; ends 0; max party 4");

    /* an album the same way: two reads, the first save goes, the second is refused */
    StaffAlbum in = {.album = {.name = "重阳节", .sort = 1}};
    int64_t alid = 0;
    assert_int_equal(staff_album_create(&root, &in, &alid), 0);
    Album al;
    assert_int_equal(staff_album_get(&root, alid, &al, &mine), 0);
    album_deinit(&al);
    assert_int_equal(staff_album_get(&root, alid, &al, &theirs), 0);
    assert_true(mine == theirs && mine != 0);
    StaffAlbum one = {.album = al, .rev = theirs}, two = one;
    one.album.sort = 5;
    two.album.description = "登高";
    assert_int_equal(staff_album_update(&root, alid, &one), 0);
    assert_int_equal(staff_album_update(&root, alid, &two), -1);
    assert_int_equal(store_reason(s), REASON_CHANGED);
    assert_int_equal(staff_refusal(&root), STAFF_REFUSAL_CHANGED);
    assert_non_null(strstr(staff_error(&root), "刚被别人改过"));
    assert_last_audit(s, 8, "album.update", "{\"sort\": 1}", "{\"sort\": 5}");
    album_deinit(&al);
    assert_int_equal(staff_album_get(&root, alid, &al, &two.rev), 0);
    assert_true(two.rev != mine);
    assert_string_equal(al.description, "");
    assert_int_equal(al.sort, 5);
    two.album = al;
    two.album.description = "登高";
    assert_int_equal(staff_album_update(&root, alid, &two), 0);
    assert_last_audit(s, 9, "album.update", "{\"description\": \"\"}",
                      "{\"description\": \"登高\"}");
    album_deinit(&al);
}

/* The fields an edit may change since sql/hub/038 and 039, standalone: a notice's author
 * and publish time (NULL and 0 keep them), an activity's end and party size (only with
 * ends_party), an album's kind, description, date and sort; a value the store refuses
 * writes and audits nothing. */
static void test_edit_more_fields(void **state)
{
    Store *s = TU_STORE(state);
    StaffActor root = shell_admin(s);
    StaffNotice n = {.title = "停水通知", .body = "周四上午停水。", .author = "楼组长"};
    int64_t nid = 0;
    assert_int_equal(staff_notice_publish(&root, &n, &nid), 0);
    Notice got;
    int64_t rev = 0;
    assert_int_equal(staff_notice_get(&root, nid, &got, &rev), 0);
    int64_t published = got.publish_at;
    notice_deinit(&got);
    StaffNotice ed = {.title = "停水通知",
                      .body = "周四上午停水。",
                      .author = "康乐物业",
                      .publish_at = published + 3600,
                      .rev = rev};
    assert_int_equal(staff_notice_update(&root, nid, &ed), 0);
    assert_int_equal(staff_notice_get(&root, nid, &got, &rev), 0);
    assert_string_equal(got.author, "康乐物业");
    assert_true(got.publish_at == published + 3600);
    notice_deinit(&got);
    char was[200], now[200];
    snprintf(was, sizeof was, "停水通知; by 楼组长; from %lld", (long long)published);
    snprintf(now, sizeof now, "停水通知; by 康乐物业; from %lld", (long long)published + 3600);
    AuditList l;
    assert_int_equal(store_audit_list(s, 0, &l), 0);
    size_t lines = l.count;
    audit_list_free(&l);
    assert_last_audit(s, lines, "notice.edit", was, now);
    /* emptied (or spaces): the member's role signs it, as when publishing */
    ed.author = " ";
    ed.rev = rev;
    assert_int_equal(staff_notice_update(&root, nid, &ed), 0);
    assert_int_equal(staff_notice_get(&root, nid, &got, &rev), 0);
    assert_string_equal(got.author, "居委会");
    notice_deinit(&got);
    snprintf(was, sizeof was, "停水通知; by 居委会; from %lld", (long long)published + 3600);
    assert_last_audit(s, lines + 1, "notice.edit", now, was);
    ed.author = "康乐物业";
    ed.rev = rev;
    assert_int_equal(staff_notice_update(&root, nid, &ed), 0);
    assert_int_equal(staff_notice_get(&root, nid, &got, &rev), 0);
    notice_deinit(&got);
    /* neither given: both kept */
    StaffNotice plain = {.title = "停水通知（改期）", .body = "周五上午停水。", .rev = rev};
    assert_int_equal(staff_notice_update(&root, nid, &plain), 0);
    assert_int_equal(staff_notice_get(&root, nid, &got, &rev), 0);
    assert_string_equal(got.author, "康乐物业");
    assert_true(got.publish_at == published + 3600);
    notice_deinit(&got);
    /* an expiry not after the publish time: refused, nothing written or audited */
    assert_int_equal(store_audit_list(s, 0, &l), 0);
    lines = l.count;
    audit_list_free(&l);
    ed = (StaffNotice){.title = "错",
                       .body = "错。",
                       .publish_at = published + 7200,
                       .expires_at = published + 3600};
    assert_int_equal(staff_notice_update(&root, nid, &ed), -1);
    assert_int_equal(staff_refusal(&root), STAFF_REFUSAL_STATE);
    assert_int_equal(staff_notice_get(&root, nid, &got, NULL), 0);
    assert_string_equal(got.title, "停水通知（改期）");
    notice_deinit(&got);
    snprintf(was, sizeof was, "停水通知; by 康乐物业; from %lld", (long long)published + 3600);
    snprintf(now, sizeof now, "停水通知（改期）; by 康乐物业; from %lld",
             (long long)published + 3600);
    assert_last_audit(s, lines, "notice.edit", was, now);

    Activity a = {
        .kind = ACTIVITY_EVENT, .title = "读书会", .starts_at = published + 86400, .capacity = 10};
    int64_t aid = 0;
    assert_int_equal(staff_activity_create(&root, &(StaffActivity){.activity = a}, &aid), 0);
    StaffActivity sa = {.activity = a, .ends_party = 1};
    sa.activity.ends_at = a.starts_at + 7200;
    sa.activity.max_party = 2;
    assert_int_equal(staff_activity_update(&root, aid, &sa), 0);
    Activity ga;
    assert_int_equal(staff_activity_get(&root, aid, &ga, NULL), 0);
    assert_true(ga.ends_at == a.starts_at + 7200);
    assert_int_equal(ga.max_party, 2);
    activity_deinit(&ga);
    snprintf(now, sizeof now, "读书会; capacity 10; ends %lld; max party 2",
             (long long)a.starts_at + 7200);
    assert_int_equal(store_audit_list(s, 0, &l), 0);
    lines = l.count;
    audit_list_free(&l);
    assert_last_audit(s, lines, "activity.update", "读书会; capacity 10; ends 0; max party 4", now);
    sa = (StaffActivity){.activity = a}; /* without ends_party: both kept */
    sa.activity.capacity = 12;
    assert_int_equal(staff_activity_update(&root, aid, &sa), 0);
    assert_int_equal(staff_activity_get(&root, aid, &ga, NULL), 0);
    assert_true(ga.ends_at == a.starts_at + 7200);
    assert_int_equal(ga.max_party, 2);
    assert_int_equal(ga.capacity, 12);
    activity_deinit(&ga);
    sa = (StaffActivity){.activity = a, .ends_party = 1};
    sa.activity.max_party = 30;
    assert_int_equal(staff_activity_update(&root, aid, &sa), -1);
    assert_int_equal(staff_refusal(&root), STAFF_REFUSAL_STATE);
    sa.activity.max_party = 0;
    sa.activity.ends_at = a.starts_at - 60;
    assert_int_equal(staff_activity_update(&root, aid, &sa), -1);
    sa.activity.ends_at = 0; /* none, and the default party size */
    assert_int_equal(staff_activity_update(&root, aid, &sa), 0);
    assert_int_equal(staff_activity_get(&root, aid, &ga, NULL), 0);
    assert_true(ga.ends_at == 0);
    assert_int_equal(ga.max_party, ACTIVITY_MAX_PARTY_DEFAULT);
    activity_deinit(&ga);

    StaffAlbum in = {.album = {.name = "中秋节", .description = "中秋游园", .sort = 2}};
    int64_t id = 0, other = 0;
    assert_int_equal(staff_album_create(&root, &in, &id), 0);
    in.album.name = "重阳节";
    assert_int_equal(staff_album_create(&root, &in, &other), 0);
    Album al;
    assert_int_equal(staff_album_get(&root, id, &al, NULL), 0);
    assert_string_equal(al.name, "中秋节");
    free(al.kind);
    al.kind = strdup(ALBUM_PORTRAITS);
    free(al.description);
    al.description = strdup("中秋游园会的笑脸");
    al.event_at = published;
    al.sort = 1;
    assert_int_equal(staff_album_update(&root, id, &(StaffAlbum){.album = al}), 0);
    /* the fields that changed, as JSON, as the hub's album.update (sql/hub/040, 041) */
    char before[160], after[200];
    snprintf(before, sizeof before,
             "{\"kind\": \"event\", \"sort\": 2, \"event_at\": null, "
             "\"description\": \"中秋游园\"}");
    snprintf(after, sizeof after,
             "{\"kind\": \"portraits\", \"sort\": 1, \"event_at\": %lld, "
             "\"description\": \"中秋游园会的笑脸\"}",
             (long long)published);
    assert_int_equal(store_audit_list(s, 0, &l), 0);
    lines = l.count;
    audit_list_free(&l);
    assert_last_audit(s, lines, "album.update", before, after);
    album_deinit(&al);
    assert_int_equal(staff_album_get(&root, id, &al, NULL), 0);
    assert_string_equal(al.kind, ALBUM_PORTRAITS);
    assert_string_equal(al.description, "中秋游园会的笑脸");
    assert_true(al.event_at == published);
    assert_int_equal(al.sort, 1);
    /* a taken name or an unknown kind: refused, nothing written or audited */
    free(al.name);
    al.name = strdup("重阳节");
    assert_int_equal(staff_album_update(&root, id, &(StaffAlbum){.album = al}), -1);
    assert_int_equal(staff_refusal(&root), STAFF_REFUSAL_STATE);
    free(al.name);
    al.name = strdup("中秋节");
    free(al.kind);
    al.kind = strdup("风景");
    assert_int_equal(staff_album_update(&root, id, &(StaffAlbum){.album = al}), -1);
    album_deinit(&al);
    assert_last_audit(s, lines, "album.update", before, after);
    /* a save that changes nothing writes nothing and audits nothing */
    assert_int_equal(staff_album_get(&root, id, &al, NULL), 0);
    assert_int_equal(staff_album_update(&root, id, &(StaffAlbum){.album = al}), 0);
    assert_last_audit(s, lines, "album.update", before, after);
    /* a new name alone: that one field */
    free(al.name);
    al.name = strdup("中秋游园");
    assert_int_equal(staff_album_update(&root, id, &(StaffAlbum){.album = al}), 0);
    assert_last_audit(s, lines + 1, "album.update", "{\"name\": \"中秋节\"}",
                      "{\"name\": \"中秋游园\"}");
    album_deinit(&al);
    assert_int_equal(staff_album_withdraw(&root, other), 0);
    assert_int_equal(staff_album_get(&root, other, &al, NULL), -1);
    assert_int_equal(staff_refusal(&root), STAFF_REFUSAL_NOT_FOUND);
}

static void test_audit_log_cannot_be_edited(void **state)
{
    TuStore *t = *state;
    StaffActor root = shell_admin(t->store);
    StaffNotice n = {.title = "楼道清洁日", .body = "周日上午。", .category = "通知"};
    assert_int_equal(staff_notice_publish(&root, &n, NULL), 0);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(t->path, &db), SQLITE_OK);
    char *err = NULL;
    assert_int_not_equal(sqlite3_exec(db, "UPDATE staff_audit SET login = 'x'", NULL, NULL, &err),
                         SQLITE_OK);
    assert_non_null(strstr(err, "append-only"));
    sqlite3_free(err);
    err = NULL;
    assert_int_not_equal(sqlite3_exec(db, "DELETE FROM staff_audit", NULL, NULL, &err), SQLITE_OK);
    sqlite3_free(err);
    sqlite3_close(db);
    AuditList l;
    assert_int_equal(store_audit_list(t->store, 0, &l), 0);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].login, "shell:test");
    audit_list_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_passwords_hash_and_verify, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_actions_are_audited_atomically, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_batch_all_or_nothing, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_refusal_reasons, tu_store_setup, tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_poll_and_activity_withdraw, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_poll_withdraw, tu_store_setup, tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_albums_and_phrases, tu_store_setup, tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_get_for_edit, tu_store_setup, tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_edit_overtaken, tu_store_setup, tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_edit_more_fields, tu_store_setup, tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_audit_log_cannot_be_edited, tu_store_setup,
                                        tu_store_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
