#!/bin/sh
# The kiosk's worker thread (run by `sync --watch` exactly as the kiosk runs it): new
# hub content shows up on its own and submissions reach the hub (how fast is measured
# by bench/bench_sync.sh, not asserted here); with the hub gone it reports failed rounds
# and keeps the queue; once the hub is back it catches up on its own.
. "$YANXIA_SOURCE_DIR/tests/sync/lib.sh"

kiosk a kangle-12
y --db "$T/a.db" init >/dev/null
"$YANXIACTL" --db "$T/a.db" sync --watch --config "$T/a.ini" --interval 5 >"$T/watch.out" 2>&1 &
watch=$!
trap 'kill $watch 2>/dev/null || true; cleanup' EXIT INT TERM
# wait_for SECONDS CMD...: polls CMD every 0.1 s
wait_for() {
	limit=$(($1 * 10)) i=0
	shift
	until "$@"; do
		i=$((i + 1))
		[ $i -lt $limit ] || return 1
		sleep 0.1
	done
}
wait_for 30 grep -q 'round ok' "$T/watch.out" || fail "the first round: $(cat "$T/watch.out")"
y add notice --hub "$HUB" --building kangle-12 --title 停电通知 --body 今晚检修 >/dev/null
fill_outbox a 3
seen() { [ "$(kq a "SELECT count(*) FROM notices WHERE title = '停电通知'")" = 1 ]; }
# timing goals live in bench/bench_sync.sh; here only that it arrives on its own
wait_for 30 seen || fail "the notice did not arrive"
pushed() { [ "$(q "SELECT count(*) FROM yanxia_hub.submissions")" = 3 ]; }
wait_for 15 pushed || fail "the submissions did not reach the hub"

"$CLUSTER" kill "$PGDIR"
fill_outbox a 2
# a round may fail before the two new submissions are in; wait for one that counts them
kept() { grep 'round failed' "$T/watch.out" | grep -q 'pending 2'; }
wait_for 30 kept || fail "no failed round that kept the queue: $(tail -3 "$T/watch.out")"
"$CLUSTER" start "$PGDIR" >/dev/null || fail "restart"
back() { [ "$(q "SELECT count(*) FROM yanxia_hub.submissions" 2>/dev/null)" = 5 ]; }
wait_for 40 back || fail "the worker did not catch up after the hub came back"
kill $watch
wait $watch 2>/dev/null || true
y --db "$T/a.db" check >/dev/null || fail "check"
echo "ok"
