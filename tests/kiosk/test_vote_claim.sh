#!/bin/sh
# Voting (one household, one voice: a changed vote replaces the earlier one; results as
# bars; a room the building lacks refused with the building's rule) and claiming a
# micro-wish on the
# kiosk, in both orientations, each on a fresh demo store, checked in the store after.
set -eu
: "${YANXIA:?}" "${YANXIACTL:?}"
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib/demo.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export YANXIA_NOW="2026-11-23 10:00"

count() { # count DB KIND PYTHON-CONDITION-ON-x
    "$YANXIACTL" --db "$1" list "$2" --json |
        python3 -c "import json,sys; print(len([x for x in json.load(sys.stdin) if $3]))"
}

for size in 1080x1920 1920x1080; do
    demo_store "$T/$size"
    db="$T/$size/yanxia.db"
    shots="${SHOTS:-$T/shots}/$size"
    mkdir -p "$shots"
    "$YANXIA" --headless --size "$size" --db "$db" --script "$HERE/room_rule.script" \
        --screenshot-dir "$shots"
    [ "$(count "$db" votes "x['room']=='1203'")" = 0 ] ||
        { echo "FAIL $size: a room the building lacks voted"; exit 1; }
    "$YANXIACTL" --db "$db" kiosk set --floors 1-33 >/dev/null
    open_before=$(count "$db" wishes "x['state']=='open'")
    "$YANXIA" --headless --size "$size" --db "$db" --script "$HERE/vote.script" \
        --screenshot-dir "$shots"
    [ "$(count "$db" votes "x['room']=='1501'")" = 2 ] ||
        { echo "FAIL $size: 1501 should have its vote and the changed one"; exit 1; }
    [ "$(count "$db" votes "x['room']=='1501' and x['current'] and x['option']=='不同意'")" = 1 ] ||
        { echo "FAIL $size: 1501's latest vote (不同意) should be the one counted"; exit 1; }
    "$YANXIA" --headless --size "$size" --db "$db" --script "$HERE/claim.script" \
        --screenshot-dir "$shots"
    [ "$(count "$db" wishes "x['state']=='open'")" = $((open_before - 1)) ] ||
        { echo "FAIL $size: one open wish fewer expected"; exit 1; }
done
echo "vote+claim: ok"
