#!/bin/sh
# Signing up on the kiosk until a two-place class is full, the waiting list, a refused
# room, then cancelling with the receipt read back from the store: the waiting
# household moves up (cancelled sign-ups leave the CLI's list). Both orientations, each on a fresh store.
set -eu
: "${YANXIA:?}" "${YANXIACTL:?}"
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib/demo.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export YANXIA_NOW="2026-11-23 10:00"

json() { # json DB PYTHON-EXPR-ON-d: prints the expression over `list signups --json`
    "$YANXIACTL" --db "$1" list signups --json | python3 -c "import json,sys; d=json.load(sys.stdin); print($2)"
}

for size in 1080x1920 1920x1080; do
    demo_store "$T/$size"
    db="$T/$size/yanxia.db"
    shots="${SHOTS:-$T/shots}/$size"
    mkdir -p "$shots"
    "$YANXIACTL" --db "$db" kiosk set --floors 1-33 >/dev/null
    "$YANXIACTL" --db "$db" add activity --title 两人小课堂 --place 居委会一楼活动室 \
        --starts '2026-12-10 14:00' --ends '2026-12-10 15:00' --capacity 2 --max-party 2 \
        --organiser 小陈 --description '两个名额的小课堂，满了可以候补。' >/dev/null
    act=$("$YANXIACTL" --db "$db" list activities --json |
        python3 -c "import json,sys; print([a['id'] for a in json.load(sys.stdin) if a['title']=='两人小课堂'][0])")
    "$YANXIA" --headless --size "$size" --db "$db" --script "$HERE/signup.script" \
        --screenshot-dir "$shots"

    mine="[s for s in d if s['activity_id']==$act]"
    [ "$(json "$db" "len($mine)")" = 3 ] || { echo "FAIL $size: expected 3 sign-ups"; exit 1; }
    [ "$(json "$db" "sorted((s['room'],s['status']) for s in $mine)")" = \
        "[('1203', 'confirmed'), ('1204', 'confirmed'), ('1205', 'waitlisted')]" ] ||
        { echo "FAIL $size: statuses"; json "$db" "$mine"; exit 1; }
    [ "$(json "$db" "len([s for s in d if s['room']=='9999'])")" = 0 ] ||
        { echo "FAIL $size: the refused room was written"; exit 1; }

    receipt=$(json "$db" "[s['receipt'] for s in $mine if s['room']=='1203'][0]")
    cat >"$T/cancel.script" <<SCRIPT
goto activities
drag 500 900 500 400 300
wait 2000
tap "两人小课堂"
tap "取消报名"
type 1203
tap "点这里输入回执码"
shot cancel-receipt-keys
type $receipt
tap "提交"
expect "已取消"
shot cancel-done
tap "完成"
expect "已满，可候补"
SCRIPT
    "$YANXIA" --headless --size "$size" --db "$db" --script "$T/cancel.script" \
        --screenshot-dir "$shots"
    [ "$(json "$db" "sorted((s['room'],s['status']) for s in $mine)")" = \
        "[('1204', 'confirmed'), ('1205', 'confirmed')]" ] ||
        { echo "FAIL $size: after cancelling"; json "$db" "$mine"; exit 1; }
done

# where the building agreed ([privacy] show_signup_rooms), who is coming by floor, masked;
# signup.script checked that by default no room is shown
db="$T/1080x1920/yanxia.db"
"$YANXIACTL" --db "$db" kiosk set --floors 1-33 --units 1-8 >/dev/null
"$YANXIACTL" --db "$db" add signup --activity "$act" --room 305 --party 1 >/dev/null # waits
printf '[privacy]\nshow_signup_rooms = true\n' >"$T/rooms.ini"
cat >"$T/rooms.script" <<SCRIPT
goto activities
tap "两人小课堂"
expect "已有2户：12**室（2户）"
expect-not "3**室"
expect-not "1204"
shot activity-rooms
SCRIPT
"$YANXIA" --headless --size 1080x1920 --config "$T/rooms.ini" --db "$db" \
    --script "$T/rooms.script" --screenshot-dir "${SHOTS:-$T/shots}/1080x1920"
echo "signup: ok"
