#!/bin/sh
# The writing forms in large text, both orientations, each on a fresh demo store: the
# labels and the counter must be visible (large_text_forms.script says which), and a
# suggestion filled in there (category, quick phrase + pinyin, room, phone) must reach
# the receipt page and the store exactly as typed.
set -eu
: "${YANXIA:?}" "${YANXIACTL:?}"
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib/demo.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export YANXIA_NOW="2026-11-23 10:00"

q() { # q DB PYTHON-EXPR-ON-mine: over the suggestions from room 301
    "$YANXIACTL" --db "$1" list suggestions --json |
        python3 -c "import json,sys; mine=[s for s in json.load(sys.stdin) if s['room']=='301']; print($2)"
}
fail() { echo "FAIL $size: $*"; exit 1; }

for size in 1080x1920 1920x1080; do
    demo_store "$T/$size"
    db="$T/$size/yanxia.db"
    shots="${SHOTS:-$T/shots}/$size"
    mkdir -p "$shots"
    "$YANXIA" --headless --size "$size" --db "$db" --script "$HERE/large_text_forms.script" \
        --screenshot-dir "$shots" || fail "the script stopped (exit $?)"
    [ "$(q "$db" "len(mine)")" = 1 ] || fail "expected one suggestion from 301"
    [ "$(q "$db" "(mine[0]['text'], mine[0]['category'], mine[0]['contact'])")" = \
        "('楼道灯坏了电梯，也', '安全隐患', '13800138000')" ] ||
        fail "stored: $(q "$db" "mine[0]")"
done
echo "large text forms: ok"
