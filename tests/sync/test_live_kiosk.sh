#!/bin/sh
# A running headless kiosk (yanxia with a [sync] config from `hub add-kiosk`) shows
# content staff publish on the hub while it runs, and drops it when it is removed
# there: no restart, the script keeps driving the same process throughout. Also: the
# script step wait-for fails the run when the text never comes.
. "$YANXIA_SOURCE_DIR/tests/sync/lib.sh"
: "${YANXIA:?}"
export SDL_VIDEODRIVER=offscreen

shots="${SHOTS:-$T/shots}" # the shots double as the shell's markers: none may be stale
mkdir -p "$shots"
rm -f "$shots/before.png" "$shots/arrived.png" "$shots/removed.png" "$shots/never.png"

kiosk a kangle-12
y --db "$T/a.db" init >/dev/null
# the shortest interval the config accepts; the timing goal itself is the benchmark's
sed -i 's/^interval_seconds *=.*/interval_seconds = 5/' "$T/a.ini"
grep -q '^interval_seconds = 5$' "$T/a.ini" || printf 'interval_seconds = 5\n' >>"$T/a.ini"
grep -q '^\[sync\]' "$T/a.ini" || fail "the kiosk config has no [sync] section"

"$YANXIA" --headless --size 1080x1920 --config "$T/a.ini" --db "$T/a.db" \
	--script "$YANXIA_SOURCE_DIR/tests/sync/live_notice.script" \
	--screenshot-dir "$shots" >"$T/kiosk.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; cleanup' EXIT INT TERM

synced() {
	[ "$(q "SELECT count(*) FROM yanxia_hub.heartbeats h JOIN yanxia_hub.kiosks k
	       ON k.id = h.kiosk_id WHERE k.name = 'a'")" = 1 ]
}
# the kiosk's own worker has made a round, and the script shows the empty list
wait_for 180 "first sync round of the kiosk" synced
wait_for 180 "notices screen (shot before)" test -f "$shots/before.png"
[ "$(kq a "SELECT count(*) FROM notices")" = 0 ] || fail "the store had notices before the publish"

y add notice --hub "$HUB" --building kangle-12 --title 电梯今晚停运检修 \
	--body 今晚十点到十二点检修，请走楼梯。 >/dev/null || fail "add notice --hub"
wait_for 120 "notice on screen (shot arrived)" test -f "$shots/arrived.png"
[ "$(kq a "SELECT count(*) FROM notices WHERE title = '电梯今晚停运检修' AND deleted = 0")" = 1 ] ||
	fail "the notice on screen is not in the kiosk's store"

id=$(q "SELECT hub_id FROM yanxia_hub.notices WHERE title = '电梯今晚停运检修'")
y rm notice "$id" --hub "$HUB" >/dev/null || fail "rm notice --hub"
rc=0
wait $pid || rc=$?
[ $rc = 0 ] || fail "the kiosk's script failed (exit $rc): $(cat "$T/kiosk.log")"
[ -f "$shots/removed.png" ] || fail "no shot after the removal"
[ "$(kq a "SELECT count(*) FROM notices WHERE deleted = 0")" = 0 ] || fail "the removal is not in the store"

# wait-for gives up, and fails the run, when the text never comes
printf 'goto notices\nwait-for "没有这条通知" 2\nshot never\n' >"$T/never.script"
rc=0
"$YANXIA" --headless --size 1080x1920 --db "$T/a.db" --script "$T/never.script" \
	--screenshot-dir "$shots" >"$T/never.log" 2>&1 || rc=$?
[ $rc = 1 ] || fail "a wait-for that timed out exited $rc: $(cat "$T/never.log")"
grep -q 'never.script:2: waited 2 s for "没有这条通知"' "$T/never.log" ||
	fail "wait-for timeout message: $(cat "$T/never.log")"
[ ! -f "$shots/never.png" ] || fail "the script went on after a failed wait-for"
echo "ok"
