#!/bin/sh
# The kiosk process killed with SIGKILL at random points of its sync rounds (push,
# pull, photo chunks), 20 times, with submissions and hub content added in between:
# after every kill the store passes its integrity check and no row is ahead of the
# cursor; at the end every submission is on the hub exactly once and the kiosk shows
# exactly the hub's content, photos whole.
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
y --db "$T/a.db" init >/dev/null
kills=0
for r in $(seq 1 20); do
	fill_outbox a 150
	publish_some "$r"
	[ $((r % 4)) != 1 ] || add_photo "p$r"
	# the kiosk process itself, not a subshell around it, is what dies
	"$YANXIACTL" --db "$T/a.db" sync --once --config "$T/a.ini" --batch 10 --page 25 \
		--chunk 32768 >/dev/null 2>&1 &
	pid=$!
	sleep "0.$(printf %03d "$(rand_ms 5 300)")"
	kill -KILL $pid 2>/dev/null && kills=$((kills + 1))
	wait $pid 2>/dev/null || true
	y --db "$T/a.db" check >"$T/check.out" || { cat "$T/check.out" >&2; fail "round $r: check"; }
	cursor_matches a
done
[ $kills -ge 15 ] || fail "only $kills of 20 rounds were still running when killed"
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
echo "ok ($kills kills)"
