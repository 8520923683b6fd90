/* The outbox: pending rows come out in the kiosk's sequence, acknowledging is
 * idempotent and harmless for unknown ids, and nothing removes an un-acked row. */
#include "testutil.h"

#include "store/outbox.h"
#include "store/question.h"
#include "store/suggestion.h"

#include <string.h>

#define NOW 1795399200 /* 2026-11-23 10:00 */
#define DAY 86400

static void submit_n(Store *s, int n, char uuids[][37])
{
    for (int i = 0; i < n; i++) {
        char text[32];
        snprintf(text, sizeof text, "第%d条", i + 1);
        StoreReceipt r;
        SuggestionInput in = {NULL, text, NULL, NULL};
        int rc = i % 2 ? store_question_add(s, text, NULL, &r) : store_suggestion_add(s, &in, &r);
        if (rc != 0)
            fail_msg("submit: %s", store_errmsg(s));
        memcpy(uuids[i], r.uuid, 37);
    }
}

static int64_t pending(Store *s)
{
    int64_t n = -1;
    assert_int_equal(store_outbox_count_pending(s, &n), 0);
    return n;
}

static void test_pending_in_sequence_with_paging(void **state)
{
    Store *s = TU_STORE(state);
    char uuids[5][37];
    submit_n(s, 5, uuids);
    OutboxList l;
    assert_int_equal(store_outbox_list_pending(s, 0, 3, &l), 0);
    assert_int_equal(l.count, 3);
    for (size_t i = 0; i < 3; i++)
        assert_string_equal(l.items[i].uuid, uuids[i]);
    assert_string_equal(l.items[0].kind, "suggestion");
    assert_string_equal(l.items[1].kind, "question");
    assert_true(l.items[0].seq < l.items[1].seq && l.items[1].seq < l.items[2].seq);
    int64_t last = l.items[2].seq;
    outbox_list_free(&l);

    assert_int_equal(store_outbox_list_pending(s, last, 0, &l), 0);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.items[0].uuid, uuids[3]);
    assert_int_equal(l.items[0].created_at, NOW);
    outbox_list_free(&l);
}

static void test_ack_is_idempotent_and_ignores_unknown(void **state)
{
    Store *s = TU_STORE(state);
    char uuids[4][37];
    submit_n(s, 4, uuids);
    const char *batch[] = {uuids[0], "00000000-0000-4000-8000-000000000000", uuids[2], NULL};
    size_t acked = 99;
    assert_int_equal(store_outbox_ack(s, batch, NULL, 4, &acked), 0);
    assert_int_equal(acked, 2);
    assert_int_equal(pending(s), 2);
    /* the hub re-sent its answer after a crash: nothing changes */
    assert_int_equal(store_outbox_ack(s, batch, NULL, 4, &acked), 0);
    assert_int_equal(acked, 0);
    assert_int_equal(pending(s), 2);

    OutboxList l;
    assert_int_equal(store_outbox_list_pending(s, 0, 0, &l), 0);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.items[0].uuid, uuids[1]);
    assert_string_equal(l.items[1].uuid, uuids[3]);
    outbox_list_free(&l);
    assert_int_equal(store_outbox_ack(s, NULL, NULL, 0, &acked), 0);
    assert_int_equal(acked, 0);
}

/* A row the hub refused leaves the queue with its reason; the others are plain acks. */
static void test_refused_rows_keep_their_reason(void **state)
{
    Store *s = TU_STORE(state);
    char uuids[3][37];
    submit_n(s, 3, uuids);
    const char *batch[] = {uuids[0], uuids[1]};
    const char *why[] = {NULL, "room \"这不是房号\" is not valid"};
    size_t acked = 0;
    assert_int_equal(store_outbox_ack(s, batch, why, 2, &acked), 0);
    assert_int_equal(acked, 2);
    assert_int_equal(pending(s), 1);
    OutboxRejections r;
    assert_int_equal(store_outbox_list_rejected(s, 0, &r), 0);
    assert_int_equal(r.count, 1);
    assert_string_equal(r.items[0].uuid, uuids[1]);
    assert_string_equal(r.items[0].reason, "room \"这不是房号\" is not valid");
    assert_int_equal(strlen(r.items[0].receipt), 6);
    assert_int_equal(r.items[0].created_at, NOW);
    outbox_rejections_free(&r);
    outbox_rejections_free(&r); /* twice is harmless */
}

static void test_prune_never_touches_unacked_rows(void **state)
{
    Store *s = TU_STORE(state);
    char uuids[3][37];
    submit_n(s, 3, uuids);
    const char *batch[] = {uuids[1]};
    assert_int_equal(store_outbox_ack(s, batch, NULL, 1, NULL), 0);
    size_t removed = 99;
    /* far in the future: only the acknowledged row may go */
    assert_int_equal(store_outbox_prune_acked(s, NOW + 365 * DAY, &removed), 0);
    assert_int_equal(removed, 1);
    assert_int_equal(pending(s), 2);
    OutboxList l;
    assert_int_equal(store_outbox_list_pending(s, 0, 0, &l), 0);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.items[0].uuid, uuids[0]);
    assert_string_equal(l.items[1].uuid, uuids[2]);
    int64_t last = l.items[1].seq;
    outbox_list_free(&l);

    /* sequence numbers are never reused after a prune */
    char more[1][37];
    submit_n(s, 1, more);
    assert_int_equal(store_outbox_list_pending(s, last, 0, &l), 0);
    assert_int_equal(l.count, 1);
    assert_true(l.items[0].seq > last);
    outbox_list_free(&l);
}

static void test_pending_survives_reopen(void **state)
{
    TuStore *t = *state;
    char uuids[2][37];
    submit_n(t->store, 2, uuids);
    store_close(t->store);
    char err[256];
    t->store = store_open(t->path, err, sizeof err);
    assert_non_null(t->store);
    assert_int_equal(pending(t->store), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_pending_in_sequence_with_paging, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_ack_is_idempotent_and_ignores_unknown, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_refused_rows_keep_their_reason, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_prune_never_touches_unacked_rows, tu_store_setup,
                                        tu_store_teardown),
        cmocka_unit_test_setup_teardown(test_pending_survives_reopen, tu_store_setup,
                                        tu_store_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
