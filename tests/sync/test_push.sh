#!/bin/sh
# 1,000 submissions from two kiosks arrive exactly once each; the hub is stopped with
# `pg_ctl stop -m immediate` in the middle of a push and restarted: nothing lost or
# doubled, and every row the kiosk marked acknowledged is on the hub.
. "$YANXIA_SOURCE_DIR/tests/sync/lib.sh"

kiosk a kangle-12
kiosk b kangle-12
fill_outbox a 500
fill_outbox b 500
sync_k a --batch 64 | grep -q 'pushed 500,' || fail "a pushed"
sync_k b --batch 64 | grep -q 'pushed 500,' || fail "b pushed"
[ "$(q "SELECT count(*), count(DISTINCT uuid) FROM yanxia_hub.submissions")" = '1000|1000' ] ||
	fail "hub holds $(q "SELECT count(*) FROM yanxia_hub.submissions") rows, want 1000 distinct"
[ "$(q "SELECT string_agg(contiguous_seq::text, ',' ORDER BY name) FROM yanxia_hub.kiosks")" = 500,500 ] ||
	fail "the hub sees a gap in a kiosk's sequence"
for k in a b; do
	[ "$(kq $k "SELECT count(*) FROM outbox WHERE acked_at IS NULL")" = 0 ] || fail "$k not all acked"
done
# re-sending acknowledged rows (a lost reply) changes nothing on the hub
kq a "UPDATE outbox SET acked_at = NULL WHERE seq % 7 = 0"
sync_k a >/dev/null
[ "$(q "SELECT count(*) FROM yanxia_hub.submissions")" = 1000 ] || fail "re-send doubled rows"

# the hub dies mid-push
fill_outbox b 3000
sync_k b --batch 20 >"$T/push.out" 2>&1 &
pid=$!
i=0
while [ "$(q "SELECT count(*) FROM yanxia_hub.submissions")" -lt 1400 ]; do
	i=$((i + 1))
	[ $i -lt 300 ] || fail "push did not start"
	sleep 0.05
done
"$CLUSTER" kill "$PGDIR"
wait $pid && fail "sync succeeded although the hub died" || true
"$CLUSTER" start "$PGDIR" >/dev/null || fail "restart"
acked=$(kq b "SELECT count(*) FROM outbox WHERE acked_at IS NOT NULL")
onhub=$(q "SELECT count(*) FROM yanxia_hub.submissions WHERE kiosk_id = (SELECT id FROM yanxia_hub.kiosks WHERE name = 'b')")
[ "$acked" -lt 3500 ] || fail "the crash came too late to test anything ($acked acked)"
[ "$onhub" -ge "$acked" ] || fail "kiosk b marked $acked acked but the hub kept $onhub"
sync_k b >/dev/null || fail "sync after restart"
[ "$(q "SELECT count(*), count(DISTINCT uuid) FROM yanxia_hub.submissions")" = '4000|4000' ] ||
	fail "after the crash: $(q "SELECT count(*) FROM yanxia_hub.submissions") rows, want 4000"
[ "$(q "SELECT contiguous_seq FROM yanxia_hub.kiosks WHERE name = 'b'")" = 3500 ] || fail "gap after crash"
[ "$(kq b "SELECT count(*) FROM outbox WHERE acked_at IS NULL")" = 0 ] || fail "b left rows pending"
[ "$(kq b "PRAGMA integrity_check")" = ok ] || fail "kiosk store damaged"
echo "ok"
