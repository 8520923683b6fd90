#!/bin/sh
# Burn-in care: the slideshow runs for hours, so nothing on it stands still. Its
# invitation "轻触屏幕开始使用" and the urgent banner drift a pixel a minute of the wall clock
# (app_drift): two and four minutes on they are drawn elsewhere, never far from where
# they were, and the same minute draws them in the same place. Both orientations.
set -eu
: "${YANXIA:?}" "${YANXIACTL:?}"
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib/demo.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export YANXIA_NOW="2026-11-23 10:00"
fail() { echo "FAIL: $*"; exit 1; }

demo_store "$T"
printf '[idle]\nattract_seconds = 10\n' >"$T/kiosk.ini"
urgent=$("$YANXIACTL" --db "$T/yanxia.db" list notices --json |
	python3 -c "import json,sys; print([n['title'] for n in json.load(sys.stdin) if n['category']=='紧急'][0])")
cat >"$T/drift.script" <<SCRIPT
wait 15000
expect "轻触屏幕开始使用"
where "轻触屏幕开始使用"
where "【紧急】$urgent"
wait 120000
where "轻触屏幕开始使用"
where "【紧急】$urgent"
wait 120000
where "轻触屏幕开始使用"
where "【紧急】$urgent"
SCRIPT
drift() { # drift SIZE OUT: where the two drifting things are drawn, minute by minute
	"$YANXIA" --headless --size "$1" --config "$T/kiosk.ini" --db "$T/yanxia.db" \
		--script "$T/drift.script" | grep '^where ' >"$2" || fail "$1: the script"
}
drift 1080x1920 "$T/again"
for size in 1080x1920 1920x1080; do
	drift "$size" "$T/$size.1"
	python3 - "$T/$size.1" <<'PY' || fail "$size: $(cat "$T/$size.1")"
import sys
rows = [l.rsplit(" ", 4) for l in open(sys.argv[1]).read().splitlines()]
assert len(rows) == 6, rows
for what in (0, 1):  # the invitation, the urgent banner
    at = [tuple(map(int, r[1:3])) for r in rows[what::2]]
    assert len(set(at)) == 3, f"{rows[what][0]} stood still: {at}"
    for a in at[1:]:  # a few pixels, not a jump
        assert max(abs(a[0] - at[0][0]), abs(a[1] - at[0][1])) <= 24, f"{rows[what][0]} jumped: {at}"
PY
done
cmp -s "$T/1080x1920.1" "$T/again" || fail "the same minutes drew in different places"
echo "burn-in: ok"
