#!/bin/sh
# The photo walls (photos.script) in portrait and landscape on a fresh demo store:
# consent is honoured, the wall scrolls, photos open and swipe. Looking writes nothing.
# Set SHOTS=DIR to keep the screenshots.
set -eu
: "${YANXIA:?}" "${YANXIACTL:?}"
HERE=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export YANXIA_NOW="2026-11-23 10:00"
fail() { echo "FAIL: $*"; exit 1; }

count() { # count DB KIND: number of rows `list KIND --json` prints
    "$YANXIACTL" --db "$1" list "$2" --json |
        python3 -c "import json,sys; print(len(json.load(sys.stdin)))"
}

hidden() { # hidden DB: names on the 笑脸墙 without consent, one per line
    "$YANXIACTL" --db "$1" list photos --album 笑脸墙 --json | python3 -c \
        "import json,sys; print('\n'.join(p['person_name'] for p in json.load(sys.stdin) if not p['consent']))"
}

db="$T/yanxia.db"
"$YANXIACTL" --db "$db" seed --demo >/dev/null
# the store holds the two portraits without consent that the script expects not to see
[ "$(hidden "$db" | sort | tr '\n' ' ')" = "熊先生 邹阿姨 " ] ||
    fail "the demo's portraits without consent changed: $(hidden "$db")"
photos=$(count "$db" photos)
outbox=$(count "$db" outbox)

for size in 1080x1920 1920x1080; do
    shots="${SHOTS:-$T/shots}/$size"
    mkdir -p "$shots"
    "$YANXIA" --headless --size "$size" --db "$db" --script "$HERE/photos.script" \
        --screenshot-dir "$shots" || fail "$size: photos.script"
    for s in photos_wall photos_photo photos_event; do
        [ -s "$shots/$s.png" ] || fail "$size: no screenshot $s.png"
    done
done

# looking at photos writes nothing
[ "$(count "$db" outbox)" = "$outbox" ] || fail "the outbox changed"
[ "$(count "$db" photos)" = "$photos" ] || fail "photos changed"

# an album of one photo: nowhere to turn, so no 上一张/下一张 (as a tip's page alone)
"$YANXIACTL" --db "$db" photo sample "$T/one.png" --size 800x600 >/dev/null
"$YANXIACTL" --db "$db" add album --name 独照 >/dev/null
"$YANXIACTL" --db "$db" photo add "$T/one.png" --album 独照 --caption 只有一张 --consent >/dev/null
cat >"$T/one.script" <<'SCRIPT'
goto photos
tap "独照"
wait 300
tap "只有一张"
wait 500
expect "独照 · 第1张，共1张"
expect-not "照片"
expect-not "上一张"
expect-not "下一张"
shot photos_one
SCRIPT
"$YANXIA" --headless --size 1080x1920 --db "$db" --script "$T/one.script" \
    --screenshot-dir "${SHOTS:-$T/shots}/1080x1920" || fail "an album of one photo"

# an album whose name is wider than the header's line: the header says 照片 instead of
# cutting the name (the line under the photo says it whole)
long=二〇二六年重阳节敬老活动暨楼组百家宴与摄影小组秋季外拍合影
"$YANXIACTL" --db "$db" add album --name "$long" >/dev/null
"$YANXIACTL" --db "$db" photo add "$T/one.png" --album "$long" --caption 长名字的相册 \
    --consent >/dev/null
cat >"$T/long.script" <<SCRIPT
goto photos
tap "二〇二六年重阳节"
wait 300
tap "长名字的相册"
wait 500
expect "照片"
expect "第1张，共1张"
SCRIPT
"$YANXIA" --headless --size 1080x1920 --db "$db" --script "$T/long.script" \
    --screenshot-dir "${SHOTS:-$T/shots}/1080x1920" || fail "an album with a long name"
echo "ok: photo walls in both orientations, an album of one without page buttons, the" \
    "album's name in the viewer's header"
