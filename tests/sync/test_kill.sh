#!/bin/sh
# The kiosk process killed with SIGKILL at every step of its sync rounds, 20 times, with
# submissions and hub content added in between. The test chooses where each round dies
# (YANXIA_CRASH_AT, src/core/crashpoint.h): after the hub took a push batch, inside the
# acknowledgement, after a pull page arrived, inside a page's apply, after a photo
# chunk, after whole photos were renamed. After every kill the store passes its
# integrity check and no row is ahead of the cursor; at the end every submission is on
# the hub exactly once and the kiosk shows exactly the hub's content, photos whole.
. "$YANXIA_SOURCE_DIR/tests/sync/lib.sh"

kiosk a kangle-12
add_photo() { # $1: name; a new photo of ~400 KB on the hub
	noise_png "$T/$1.png" 400 350
	y photo add "$T/$1.png" --hub "$HUB" --building kangle-12 --album 活动 --consent \
		>/dev/null || fail "photo add --hub"
}
publish_some() { # $1: round number; new notices, edits and removals of older ones
	q "SELECT count(*) FROM (SELECT yanxia_hub.hub_publish('notice', 'kangle-12',
	   jsonb_build_object('title', '通知 $1-' || i, 'body', repeat('请勿堆放杂物。', 30)))
	   FROM generate_series(1, 120) i) x;
	   SELECT count(*) FROM (SELECT yanxia_hub.hub_publish('notice', NULL,
	   jsonb_build_object('body', '改 $1'), hub_id) FROM yanxia_hub.notices
	   WHERE NOT deleted ORDER BY random() LIMIT 15) x;
	   SELECT count(*) FROM (SELECT yanxia_hub.hub_unpublish('notice', hub_id)
	   FROM yanxia_hub.notices WHERE NOT deleted ORDER BY random() LIMIT 10) x" >/dev/null
}
# Where round r dies: STEP:N, the Nth arrival at STEP. Every round is sure to get there:
# it has at least 150 submissions to push in batches of 10 (15 batches), 145 notice
# changes to pull in pages of 25 (6 pages); rounds 1, 5, 9, 13 and 17 add a ~420 KB
# photo fetched in 32 KB chunks (13 chunks), and the kills before them stop short of
# the photo step, so a photo round always has one to fetch.
plan="photo-chunk:3 push-batch:1 ack:2 pull-page:1 photo-rename:1 apply:3 push-batch:15
	pull-page:6 photo-chunk:10 ack:15 apply:1 pull-page:3 photo-rename:1 push-batch:7
	apply:6 ack:1 photo-chunk:1 pull-page:2 push-batch:3 apply:4"
y --db "$T/a.db" init >/dev/null
r=0
for at in $plan; do
	r=$((r + 1))
	fill_outbox a 150
	publish_some "$r"
	[ $((r % 4)) != 1 ] || add_photo "p$r"
	# the kiosk process itself, not a subshell around it, is what dies
	rc=0
	YANXIA_CRASH_AT=$at "$YANXIACTL" --db "$T/a.db" sync --once --config "$T/a.ini" \
		--batch 10 --page 25 --chunk 32768 >/dev/null 2>"$T/round.err" || rc=$?
	[ $rc = 137 ] && grep -qx "crash point $(echo "$at" | tr : ' ')" "$T/round.err" ||
		fail "round $r did not die at $at (exit $rc): $(tail -3 "$T/round.err")"
	y --db "$T/a.db" check >"$T/check.out" || { cat "$T/check.out" >&2; fail "round $r: check"; }
	cursor_matches a
done
[ $r = 20 ] || fail "the plan has $r rounds, not 20"
sync_k a >/dev/null || fail "the round after the kills"
y --db "$T/a.db" check >/dev/null || fail "final check"
cursor_matches a
exactly_once a
[ "$(q "SELECT count(*) - count(DISTINCT uuid) FROM yanxia_hub.submissions")" = 0 ] || fail "doubles"
[ "$(q "SELECT contiguous_seq FROM yanxia_hub.kiosks WHERE name = 'a'")" = 3000 ] ||
	fail "the hub sees a gap in a's sequence"
[ "$(kq a "SELECT count(*) FROM outbox WHERE acked_at IS NULL")" = 0 ] || fail "rows left unacked"
[ "$(hub_notices a)" = "$(kiosk_notices a)" ] || fail "the kiosk's notices differ from the hub's"
[ "$(kq a "SELECT count(*) FROM photos WHERE deleted = 0")" = 5 ] || fail "photos not shown"
for f in p1 p5 p9 p13 p17; do
	sha=$(sha256sum "$T/$f.png" | cut -c1-64)
	cmp -s "$T/$f.png" "$T/photos/$(echo "$sha" | cut -c1-2)/$sha" || fail "$f differs"
done
echo "ok (20 kills, each at its step)"
