#!/bin/sh
# A hub that stops answering in the middle of a round (its server process for the
# kiosk's connection frozen with SIGSTOP: the TCP connection stays up, no reply ever
# comes) does not stop a running kiosk's sync for good: after [sync] stuck_seconds the
# UI thread logs it and cuts that connection (sync_worker_check), the round fails as
# with a lost connection, the next round connects again and the resident's submission
# reaches the hub while the frozen process is still frozen. No restart of the kiosk.
. "$YANXIA_SOURCE_DIR/tests/sync/lib.sh"
: "${YANXIA:?}"
export SDL_VIDEODRIVER=offscreen

kiosk a kangle-12
y --db "$T/a.db" init >/dev/null
sed -i 's/^interval_seconds *=.*/interval_seconds = 5/' "$T/a.ini"
printf 'stuck_seconds = 5\n' >>"$T/a.ini" # the [sync] section is the file's last
grep -q '^interval_seconds = 5$' "$T/a.ini" || fail "the kiosk config has no interval"
shots="$T/shots"
mkdir -p "$shots"
cat >"$T/stuck.script" <<'SCRIPT'
goto notices
wait-for "第一轮同步" 90
shot ready
wait-for "检查完毕" 180
SCRIPT

"$YANXIA" --headless --size 1080x1920 --config "$T/a.ini" --db "$T/a.db" \
	--script "$T/stuck.script" --screenshot-dir "$shots" >"$T/kiosk.log" 2>&1 &
pid=$!
frozen=""
trap '[ -z "$frozen" ] || kill -CONT $frozen 2>/dev/null; kill $pid 2>/dev/null || true; cleanup' \
	EXIT INT TERM
y add notice --hub "$HUB" --building kangle-12 --title 第一轮同步 --body 连接已建立 >/dev/null ||
	fail "publish"
wait_for 90 "first round" test -f "$shots/ready.png"

# the kiosk keeps its hub connection between rounds: freeze the server process behind it
backend() {
	q "SELECT pid FROM pg_stat_activity WHERE usename = 'yanxia_kiosk_a' ORDER BY backend_start LIMIT 1"
}
frozen=$(backend)
[ -n "$frozen" ] || fail "the kiosk holds no hub connection between rounds"
kill -STOP "$frozen"
y --db "$T/a.db" add suggestion --text '楼道里的灯晚上十点就灭了，能不能晚一点' >/dev/null ||
	fail "a suggestion on the kiosk"
reached() {
	[ "$(q "SELECT count(*) FROM yanxia_hub.submissions WHERE kind = 'suggestion'")" = 1 ]
}
wait_for 120 "suggestion on the hub" reached
grep -q 'the hub has not answered a call for [0-9]* s: the connection is cut' "$T/kiosk.log" ||
	fail "the cut is not logged: $(cat "$T/kiosk.log")"
# the frozen process was never asked again: the new round came on a new connection
[ "$(q "SELECT count(*) FROM pg_stat_activity WHERE pid = $frozen")" = 1 ] ||
	fail "the frozen server process is gone: this test showed nothing"
kill -CONT "$frozen"
frozen=""
y add notice --hub "$HUB" --building kangle-12 --title 检查完毕 --body 结束 >/dev/null || fail "publish"
wait "$pid" || fail "the kiosk's script failed: $(cat "$T/kiosk.log")"
echo "PASS"
