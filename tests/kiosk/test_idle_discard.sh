#!/bin/sh
# A half-written suggestion left alone is discarded by the idle reset (form_reset_seconds
# from the config, 10 s here, then 20 s of "还在使用吗？" whose 继续 keeps it), in both
# orientations: the kiosk goes home, the re-opened
# form is empty (idle_discard.script) and nothing was submitted. Then the form's input
# hooks must be gone too: a `pick` on the home screen finds no candidate (with the hooks
# left behind it would reach into the freed form).
set -eu
: "${YANXIA:?}" "${YANXIACTL:?}" "${YANXIA_SOURCE_DIR:?}"
here="$YANXIA_SOURCE_DIR/tests/kiosk"
. "$here/lib/demo.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export YANXIA_NOW="2026-11-23 10:00"
printf '[idle]\nform_reset_seconds = 10\nattract_seconds = 600\n' >"$T/kiosk.ini"

fail() { echo "FAIL $size: $*" >&2; exit 1; }
suggestions() { # suggestions DB PYTHON-EXPR-ON-d
	"$YANXIACTL" --db "$1" list suggestions --json |
		python3 -c "import json,sys; d=json.load(sys.stdin); print($2)"
}

for size in 1080x1920 1920x1080; do
	demo_store "$T/$size"
	db="$T/$size/yanxia.db"
	shots="${SHOTS:-$T/shots}/$size"
	mkdir -p "$shots"
	before=$(suggestions "$db" "len(d)")
	outbox_before=$(sqlite3 "$db" "SELECT count(*) FROM outbox")
	"$YANXIA" --headless --size "$size" --config "$T/kiosk.ini" --db "$db" \
		--script "$here/idle_discard.script" --screenshot-dir "$shots" ||
		fail "idle_discard.script failed"
	[ "$(suggestions "$db" "len(d)")" = "$before" ] || fail "a suggestion was written"
	[ "$(suggestions "$db" "len([s for s in d if '电梯' in s['text'] or s['room'] == '301'])")" = 0 ] ||
		fail "the half-written suggestion reached the store"
	[ "$(sqlite3 "$db" "SELECT count(*) FROM outbox")" = "$outbox_before" ] ||
		fail "something was queued for the hub"

	cat >"$T/hooks.script" <<'SCRIPT'
goto suggest
tap "开始书写"
tap "拼音"
type dianti
expect "dian ti"
wait 31000
expect "本月健康小贴士"
pick 1
SCRIPT
	rc=0
	"$YANXIA" --headless --size "$size" --config "$T/kiosk.ini" --db "$db" \
		--script "$T/hooks.script" >"$T/hooks.log" 2>&1 || rc=$?
	[ $rc = 1 ] && grep -q 'hooks.script:8: no candidate 1 is visible' "$T/hooks.log" ||
		fail "after the idle reset the form's candidates can still be picked (exit $rc): $(cat "$T/hooks.log")"
done
echo "idle discard: ok"
