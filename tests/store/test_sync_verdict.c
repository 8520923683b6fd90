/* The hub's verdicts on wishes, suggestions and questions, applied as pulled pages: what
 * a resident sees on the board and in the public answers of every kiosk of the building,
 * what staff here list as their own, and that nothing from the hub goes back out. */
#include "testutil.h"

#include "store/outbox.h"
#include "store/question.h"
#include "store/suggestion.h"
#include "store/sync_apply.h"
#include "store/wish.h"

#include <string.h>

#define NOW      1795399200 /* 2026-11-23 10:00 */
#define FOREIGN  "6f1c2a4e-8b3d-4c5e-9f10-111122223333"
#define FOREIGN2 "6f1c2a4e-8b3d-4c5e-9f10-444455556666"

static int64_t cursor;

/* Applies one change as a page of its own; returns the rows it changed. */
static size_t apply(Store *s, const char *kind, int64_t hub_id, int64_t rev, const char *payload)
{
    SyncChange c = {++cursor, kind, hub_id, rev, payload == NULL, payload};
    size_t n = 0;
    if (store_sync_apply_page(s, &c, 1, cursor, &n) != 0)
        fail_msg("apply: %s", store_errmsg(s));
    return n;
}

static size_t verdict(Store *s, int64_t hub_id, int64_t rev, const char *payload)
{
    return apply(s, "verdict", hub_id, rev, payload);
}

/* A wish verdict; claim_room NULL leaves the claim out, text NULL the public fields. */
static size_t wish_verdict(Store *s, int64_t hub_id, int64_t rev, const char *uuid,
                           const char *state, const char *text, const char *claim_room)
{
    char p[1024];
    int n = snprintf(p, sizeof p,
                     "{\"uuid\":\"%s\",\"subject\":\"wish\",\"state\":\"%s\",\"decided_at\":%d,"
                     "\"receipt\":\"K7M2QX\",\"created_at\":%d",
                     uuid, state, NOW - 60, NOW - 3600);
    if (text)
        n += snprintf(p + n, sizeof p - (size_t)n, ",\"text\":\"%s\",\"room\":\"1203\"", text);
    if (claim_room)
        n += snprintf(p + n, sizeof p - (size_t)n,
                      ",\"claim_uuid\":\"c1aa0000-0000-4000-8000-000000000001\","
                      "\"claim_room\":\"%s\",\"claimed_at\":%d",
                      claim_room, NOW - 30);
    snprintf(p + n, sizeof p - (size_t)n, "}");
    return verdict(s, hub_id, rev, p);
}

static int64_t pending(Store *s)
{
    int64_t n = -1;
    assert_int_equal(store_outbox_count_pending(s, &n), 0);
    return n;
}

static WishList board(Store *s)
{
    WishQuery q = {.board = 1};
    WishList l;
    assert_int_equal(store_wish_list(s, &q, &l), 0);
    return l;
}

static size_t staff_wishes(Store *s)
{
    WishList l;
    assert_int_equal(store_wish_list(s, NULL, &l), 0);
    size_t n = l.count;
    wish_list_free(&l);
    return n;
}

static void test_own_wish_takes_the_hubs_state_and_claim(void **state)
{
    Store *s = TU_STORE(state);
    StoreReceipt r;
    assert_int_equal(store_wish_add(s, "想借一把梯子", "1502", &r), 0);
    WishList l = board(s);
    assert_int_equal(l.count, 0);
    wish_list_free(&l);

    assert_int_equal(wish_verdict(s, 40, 1, r.uuid, "open", "想借一把梯子", NULL), 1);
    l = board(s);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].uuid, r.uuid);
    assert_string_equal(l.items[0].receipt, r.receipt); /* the resident's code stays */
    assert_int_equal(l.items[0].from_hub, 0);
    wish_list_free(&l);

    /* a neighbour at another kiosk claimed it on the hub */
    wish_verdict(s, 40, 2, r.uuid, "claimed", "想借一把梯子", "2502");
    l = board(s);
    assert_int_equal(l.items[0].state, WISH_CLAIMED);
    assert_string_equal(l.items[0].claim_room_masked, "25**室");
    assert_string_equal(l.items[0].claim_room, "");
    assert_int_equal(l.items[0].claimed_at, NOW - 30);
    wish_list_free(&l);
    assert_int_equal(staff_wishes(s), 1);
    assert_int_equal(pending(s), 1); /* only the resident's own wish */
}

static void test_foreign_wish_shows_on_the_board_but_not_as_ours(void **state)
{
    Store *s = TU_STORE(state);
    wish_verdict(s, 41, 3, FOREIGN, "open", "求一本新华字典", NULL);
    WishList l = board(s);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].text, "求一本新华字典");
    assert_string_equal(l.items[0].room_masked, "12**室");
    assert_string_equal(l.items[0].receipt, "K7M2QX");
    assert_int_equal(l.items[0].created_at, NOW - 3600);
    assert_int_equal(l.items[0].from_hub, 1);
    wish_list_free(&l);
    assert_int_equal(staff_wishes(s), 0);
    assert_int_equal(pending(s), 0);

    /* declined on the hub later: it leaves every board */
    wish_verdict(s, 41, 4, FOREIGN, "declined", NULL, NULL);
    l = board(s);
    assert_int_equal(l.count, 0);
    wish_list_free(&l);
}

static void test_older_or_replayed_verdict_changes_nothing(void **state)
{
    Store *s = TU_STORE(state);
    wish_verdict(s, 42, 9, FOREIGN, "claimed", "帮忙取快递", "1301");
    assert_int_equal(wish_verdict(s, 42, 9, FOREIGN, "claimed", "帮忙取快递", "1301"), 0);
    assert_int_equal(wish_verdict(s, 42, 5, FOREIGN, "open", "旧的文字", NULL), 0);
    WishList l = board(s);
    assert_int_equal(l.count, 1);
    assert_int_equal(l.items[0].state, WISH_CLAIMED);
    assert_string_equal(l.items[0].text, "帮忙取快递");
    assert_string_equal(l.items[0].claim_room_masked, "13**室");
    wish_list_free(&l);
}

static void question_verdict(Store *s, int64_t hub_id, int64_t rev, const char *uuid, int pub)
{
    char p[512];
    if (pub)
        snprintf(p, sizeof p,
                 "{\"uuid\":\"%s\",\"subject\":\"question\",\"state\":\"answered\",\"decided_at\":"
                 "%d,\"receipt\":\"Q2W3E4\",\"created_at\":%d,\"public\":1,\"text\":\"血压多少算高"
                 "？\",\"answer\":\"一般超过140/90就要注意\",\"answered_by\":\"王医生\","
                 "\"answered_at\":%d}",
                 uuid, NOW, NOW - 7200, NOW - 10);
    else
        snprintf(p, sizeof p,
                 "{\"uuid\":\"%s\",\"subject\":\"question\",\"state\":\"answered\",\"decided_at\":"
                 "%d,\"receipt\":\"Q2W3E4\",\"created_at\":%d,\"public\":0}",
                 uuid, NOW, NOW - 7200);
    verdict(s, hub_id, rev, p);
}

static size_t public_questions(Store *s, QuestionList *out)
{
    QuestionQuery q = {.public_view = 1};
    assert_int_equal(store_question_list(s, &q, out), 0);
    return out->count;
}

static void test_question_answer_public_then_private(void **state)
{
    Store *s = TU_STORE(state);
    StoreReceipt own;
    assert_int_equal(store_question_add(s, "降压药饭前吃还是饭后吃？", "1502", &own), 0);
    question_verdict(s, 50, 1, FOREIGN, 1);
    question_verdict(s, 51, 2, own.uuid, 1);
    QuestionList l;
    assert_int_equal(public_questions(s, &l), 2);
    question_list_free(&l);
    QuestionList staff;
    assert_int_equal(store_question_list(s, NULL, &staff), 0);
    assert_int_equal(staff.count, 1);
    assert_string_equal(staff.items[0].uuid, own.uuid);
    assert_string_equal(staff.items[0].answer, "一般超过140/90就要注意");
    question_list_free(&staff);

    /* the volunteer makes both answers private: the foreign row goes, ours stays */
    question_verdict(s, 50, 3, FOREIGN, 0);
    question_verdict(s, 51, 4, own.uuid, 0);
    assert_int_equal(public_questions(s, &l), 0);
    question_list_free(&l);
    assert_int_equal(store_question_list(s, NULL, &staff), 0);
    assert_int_equal(staff.count, 1);
    assert_int_equal(staff.items[0].is_public, 0);
    question_list_free(&staff);
    assert_int_equal(pending(s), 1);
}

static void suggestion_verdict(Store *s, int64_t hub_id, int64_t rev, const char *uuid)
{
    char p[512];
    snprintf(p, sizeof p,
             "{\"uuid\":\"%s\",\"subject\":\"suggestion\",\"state\":\"replied\",\"decided_at\":%d,"
             "\"receipt\":\"S5D6F7\",\"created_at\":%d,\"category\":\"设施维修\",\"text\":"
             "\"楼道灯坏了\",\"reply\":\"已报修，周三前修好\",\"replied_at\":%d}",
             uuid, NOW, NOW - 7200, NOW - 5);
    verdict(s, hub_id, rev, p);
}

static size_t replied(Store *s)
{
    SuggestionQuery q = {.public_view = 1};
    SuggestionList l;
    assert_int_equal(store_suggestion_list(s, &q, &l), 0);
    size_t n = l.count;
    for (size_t i = 0; i < l.count; i++)
        assert_string_equal(l.items[i].reply, "已报修，周三前修好");
    suggestion_list_free(&l);
    return n;
}

/* Staff withdraw a public reply: it leaves the public list of every kiosk, this one's
 * too; the kiosk keeps its own suggestion (staff list), the other kiosk's copy goes. */
static void test_withdrawn_reply_leaves_every_list(void **state)
{
    Store *s = TU_STORE(state);
    SuggestionInput in = {.text = "楼道灯坏了", .room = "1502"};
    StoreReceipt own;
    assert_int_equal(store_suggestion_add(s, &in, &own), 0);
    suggestion_verdict(s, 60, 1, FOREIGN);
    suggestion_verdict(s, 61, 2, own.uuid);
    assert_int_equal(replied(s), 2);

    assert_int_equal(verdict(s, 60, 3, NULL), 1);
    assert_int_equal(replied(s), 1);
    assert_int_equal(verdict(s, 61, 4, NULL), 1);
    assert_int_equal(replied(s), 0);
    SuggestionList l;
    assert_int_equal(store_suggestion_list(s, NULL, &l), 0);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].uuid, own.uuid);
    assert_int_equal(l.items[0].state, SUGGESTION_SEEN);
    assert_string_equal(l.items[0].reply, "");
    suggestion_list_free(&l);

    /* a replayed older upsert does not bring the withdrawn ones back */
    suggestion_verdict(s, 60, 1, FOREIGN);
    suggestion_verdict(s, 61, 2, own.uuid);
    assert_int_equal(replied(s), 0);
}

/* A withdrawn public wish and answer of this kiosk's own leave the board and the
 * health column here too. */
static void test_withdrawn_own_wish_and_answer_leave_the_board(void **state)
{
    Store *s = TU_STORE(state);
    StoreReceipt w, q;
    assert_int_equal(store_wish_add(s, "想找人教我用智能手机挂号", "301", &w), 0);
    assert_int_equal(store_question_add(s, "膝盖疼能爬楼梯吗", "302", &q), 0);
    wish_verdict(s, 80, 1, w.uuid, "open", NULL, NULL);
    char p[512];
    snprintf(p, sizeof p,
             "{\"uuid\":\"%s\",\"subject\":\"question\",\"state\":\"answered\","
             "\"decided_at\":%d,\"receipt\":\"%s\",\"created_at\":%d,\"public\":1,"
             "\"text\":\"膝盖疼能爬楼梯吗\",\"answer\":\"少爬，多走平路\","
             "\"answered_by\":\"张医生\",\"answered_at\":%d}",
             q.uuid, NOW, q.receipt, NOW - 60, NOW);
    verdict(s, 81, 2, p);
    WishList b = board(s);
    assert_int_equal(b.count, 1);
    wish_list_free(&b);
    QuestionQuery pq = {.public_view = 1};
    QuestionList ql;
    assert_int_equal(store_question_list(s, &pq, &ql), 0);
    assert_int_equal(ql.count, 1);
    question_list_free(&ql);

    verdict(s, 80, 3, NULL);
    verdict(s, 81, 4, NULL);
    b = board(s);
    assert_int_equal(b.count, 0);
    wish_list_free(&b);
    assert_int_equal(store_question_list(s, &pq, &ql), 0);
    assert_int_equal(ql.count, 0);
    question_list_free(&ql);
}

static void test_receipt_collision_gets_a_fresh_code(void **state)
{
    Store *s = TU_STORE(state);
    wish_verdict(s, 70, 1, FOREIGN, "open", "求旧报纸", NULL);
    wish_verdict(s, 71, 2, FOREIGN2, "open", "求旧杂志", NULL); /* same receipt K7M2QX */
    WishList l = board(s);
    assert_int_equal(l.count, 2);
    assert_string_not_equal(l.items[0].receipt, l.items[1].receipt);
    assert_int_equal(strlen(l.items[0].receipt), 6);
    assert_int_equal(strlen(l.items[1].receipt), 6);
    wish_list_free(&l);
}

static void test_claim_on_a_foreign_wish(void **state)
{
    Store *s = TU_STORE(state);
    wish_verdict(s, 80, 1, FOREIGN, "open", "想找人陪老人散步", NULL);
    WishList l = board(s);
    int64_t id = l.items[0].id;
    wish_list_free(&l);

    StoreReceipt r;
    assert_int_equal(store_wish_claim(s, id, "1203", NULL, &r), -1); /* the poster's room */
    assert_int_equal(store_reason(s), REASON_OWN_WISH);
    assert_int_equal(store_wish_claim(s, id, "1801", "李阿姨", &r), 0);
    assert_int_equal(pending(s), 1); /* the claim goes to the hub, the wish does not */
    OutboxList ob;
    assert_int_equal(store_outbox_list_pending(s, 0, 0, &ob), 0);
    assert_string_equal(ob.items[0].kind, "wish_claim");
    assert_non_null(strstr(ob.items[0].payload, FOREIGN));
    outbox_list_free(&ob);

    /* a verdict published before the claim reached the hub does not undo it */
    wish_verdict(s, 80, 2, FOREIGN, "open", "想找人陪老人散步", NULL);
    l = board(s);
    assert_int_equal(l.items[0].state, WISH_CLAIMED);
    assert_string_equal(l.items[0].claim_room_masked, "18**室");
    wish_list_free(&l);

    /* another kiosk's claim won: ours is refused and the board shows theirs */
    char p[256];
    snprintf(p, sizeof p, "{\"uuid\":\"%s\",\"subject\":\"wish_claim\",\"state\":\"refused\"}",
             r.uuid);
    apply(s, "decision", 900, 3, p);
    wish_verdict(s, 80, 4, FOREIGN, "claimed", "想找人陪老人散步", "2502");
    l = board(s);
    assert_int_equal(l.items[0].state, WISH_CLAIMED);
    assert_string_equal(l.items[0].claim_room_masked, "25**室");
    wish_list_free(&l);
    Wish w;
    assert_int_equal(store_wish_get(s, id, &w), 0);
    assert_string_equal(w.claim_name, ""); /* not 李阿姨: she did not get it */
    wish_deinit(&w);
}

static void test_resync_drops_what_the_hub_no_longer_has(void **state)
{
    Store *s = TU_STORE(state);
    StoreReceipt own;
    assert_int_equal(store_wish_add(s, "想学用智能手机", "1502", &own), 0);
    wish_verdict(s, 90, 1, own.uuid, "open", "想学用智能手机", NULL);
    wish_verdict(s, 91, 2, FOREIGN, "open", "求一台旧收音机", NULL);
    wish_verdict(s, 92, 3, FOREIGN2, "open", "求几个花盆", NULL);
    WishList l = board(s);
    StoreReceipt claim;
    for (size_t i = 0; i < l.count; i++)
        if (strcmp(l.items[i].uuid, FOREIGN2) == 0)
            assert_int_equal(store_wish_claim(s, l.items[i].id, "1801", NULL, &claim), 0);
    wish_list_free(&l);

    /* the hub still has our verdict and the one on the foreign radio wish */
    const char *kinds[] = {"verdict", "verdict"};
    int64_t ids[] = {90, 91};
    assert_int_equal(store_sync_begin_resync(s, kinds, ids, 2), 0);
    l = board(s);
    assert_int_equal(l.count, 2); /* ours, and the live foreign one */
    for (size_t i = 0; i < l.count; i++)
        assert_string_not_equal(l.items[i].uuid, FOREIGN2);
    wish_list_free(&l);
    assert_int_equal(staff_wishes(s), 1);
    assert_int_equal(pending(s), 2); /* our wish and our claim are still to be sent */

    /* the rebuild replays the live verdict: nothing changes */
    assert_int_equal(wish_verdict(s, 91, 2, FOREIGN, "open", "求一台旧收音机", NULL), 0);

    /* staff withdrew our wish and the hub pruned the tombstone: a later resync no longer
     * lists its verdict, and our own wish leaves the board here too (kept for staff) */
    assert_int_equal(store_sync_begin_resync(s, kinds + 1, ids + 1, 1), 0);
    l = board(s);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].uuid, FOREIGN);
    wish_list_free(&l);
    assert_int_equal(staff_wishes(s), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_own_wish_takes_the_hubs_state_and_claim,
                                        tu_store_setup, tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_foreign_wish_shows_on_the_board_but_not_as_ours,
                                        tu_store_setup, tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_older_or_replayed_verdict_changes_nothing,
                                        tu_store_setup, tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_question_answer_public_then_private, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_withdrawn_own_wish_and_answer_leave_the_board,
                                        tu_store_setup, tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_withdrawn_reply_leaves_every_list, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_receipt_collision_gets_a_fresh_code, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_claim_on_a_foreign_wish, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_resync_drops_what_the_hub_no_longer_has,
                                        tu_store_setup, tu_store_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
