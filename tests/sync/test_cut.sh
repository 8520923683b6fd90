#!/bin/sh
# The connection to the hub cut mid-round by a proxy (tests/sync/cutproxy.py) after N
# bytes, N swept over the whole round in both directions, and cut exactly where the
# hub has committed a batch but its reply is lost: after each cut the store is sound
# and every row the kiosk marked acknowledged is on the hub; after a clean round
# nothing is lost or doubled and the kiosk shows the hub's content.
. "$YANXIA_SOURCE_DIR/tests/sync/lib.sh"

kiosk a kangle-12
proxy_start
conn=$(proxy_conn a)
n=0
step() { # new work for a round: 20 submissions, 30 notices, an edit and a removal
	n=$((n + 1))
	fill_outbox a 20
	q "SELECT count(*) FROM (SELECT yanxia_hub.hub_publish('notice', 'kangle-12',
	   jsonb_build_object('title', '通知 $n-' || i, 'body', repeat('停水通知。', 40)))
	   FROM generate_series(1, 30) i) x;
	   SELECT yanxia_hub.hub_publish('notice', NULL, '{\"body\":\"改\"}', min(hub_id))
	   FROM yanxia_hub.notices WHERE NOT deleted;
	   SELECT yanxia_hub.hub_unpublish('notice', max(hub_id)) FROM yanxia_hub.notices
	   WHERE NOT deleted" >/dev/null
}
round() { y --db "$T/a.db" sync --once --conn "$conn" --batch 8 --page 10 >/dev/null 2>&1; }
onhub() { q "SELECT count(*) FROM yanxia_hub.submissions"; }
acked() { kq a "SELECT count(*) FROM outbox WHERE acked_at IS NOT NULL"; }
after_cut() { # $1: what was cut
	y --db "$T/a.db" check >/dev/null || fail "$1: check"
	cursor_matches a
	[ "$(onhub)" -ge "$(acked)" ] || fail "$1: $(acked) acked but the hub holds $(onhub)"
}

step
round || fail "a round through the proxy"
proxy_logged 1
total_down=$(sed -n '$s/.*down=\([0-9]*\).*/\1/p' "$PROXY_LOG")
total_up=$(sed -n '$s/.*up=\([0-9]*\) .*/\1/p' "$PROXY_LOG")
[ "$total_down" -gt 2000 ] && [ "$total_up" -gt 2000 ] || fail "a round moved too little to sweep"

cuts=0 lost_replies=0
# offsets in 1/20ths of the round's bytes, denser early where the pushes travel
for cut in down:1 down:2 down:3 down:5 down:8 down:12 down:17 up:3 up:7 up:11 up:16; do
	dir=${cut%:*}
	[ $dir = down ] && total=$total_down || total=$total_up
	at=$((total * ${cut#*:} / 20))
	step
	before_hub=$(onhub) before_acked=$(acked)
	echo "$dir $at" >"$PLAN"
	round && continue # the cut fell after the end of this round
	cuts=$((cuts + 1))
	after_cut "$dir $at"
	[ $(($(onhub) - before_hub)) -gt $(($(acked) - before_acked)) ] &&
		lost_replies=$((lost_replies + 1))
done
[ $cuts -ge 9 ] || fail "only $cuts of 11 rounds were cut"

# the hub commits a batch and the reply never arrives
step
before=$(acked)
echo "mark kiosk_submit" >"$PLAN"
round && fail "a round whose reply was lost succeeded"
after_cut "the lost reply"
[ "$(acked)" = "$before" ] || fail "rows acknowledged without a reply"
[ "$(onhub)" -gt "$before" ] || fail "the hub did not commit the batch whose reply was lost"
# and a page of changes whose reply is lost leaves the cursor where it was
cur=$(kq a "SELECT value FROM meta WHERE key = 'sync_cursor'")
echo "mark kiosk_pull" >"$PLAN"
round && fail "a pull whose reply was lost succeeded"
after_cut "the lost page"
[ "$(kq a "SELECT value FROM meta WHERE key = 'sync_cursor'")" = "$cur" ] ||
	fail "the cursor moved without a page"

round || fail "the clean round"
y --db "$T/a.db" check >/dev/null || fail "final check"
cursor_matches a
exactly_once a
[ "$(q "SELECT contiguous_seq FROM yanxia_hub.kiosks WHERE name = 'a'")" = "$(kq a "SELECT count(*) FROM outbox")" ] ||
	fail "the hub sees a gap in a's sequence"
[ "$(kq a "SELECT count(*) FROM outbox WHERE acked_at IS NULL")" = 0 ] || fail "rows left unacked"
[ "$(hub_notices a)" = "$(kiosk_notices a)" ] || fail "the kiosk's notices differ from the hub's"
echo "ok ($cuts cuts, $lost_replies of them after the hub committed rows the kiosk never heard of)"
