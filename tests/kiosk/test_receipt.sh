#!/bin/sh
# 查询回执: receipts from the store (a replied suggestion, a waitlisted sign-up, a vote
# and the household's later vote that replaced it, a privately answered question) typed
# on the kiosk's letter pad show where each stands; an unknown code says so; and a
# confirmation's 查询进度 opens the lookup with its own code. Both orientations.
set -eu
: "${YANXIA:?}" "${YANXIACTL:?}"
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib/demo.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export YANXIA_NOW="2026-11-23 10:00"
fail() { echo "FAIL $size: $*"; exit 1; }
json() { # json DB KIND PYTHON-EXPR-ON-d
    "$YANXIACTL" --db "$1" list "$2" --json | python3 -c "import json,sys; d=json.load(sys.stdin); print($3)"
}

for size in 1080x1920 1920x1080; do
    demo_store "$T/$size"
    db="$T/$size/yanxia.db"
    shots="${SHOTS:-$T/shots}/$size"
    mkdir -p "$shots"
    y() { "$YANXIACTL" --db "$db" "$@" >/dev/null; }
    y add suggestion --text '二楼楼道灯不亮了' --room 201
    sid=$(json "$db" suggestions "[s['id'] for s in d if s['text']=='二楼楼道灯不亮了'][0]")
    y moderate suggestion "$sid" reply --text '已报物业，周三前修好'
    sug=$(json "$db" suggestions "[s['receipt'] for s in d if s['id']==$sid][0]")
    # the full dumpling party: the next household waits
    act=$(json "$db" activities "[a['id'] for a in d if a['title']=='冬至包馄饨'][0]")
    y add signup --activity "$act" --room 502
    wait_r=$(json "$db" signups "[s['receipt'] for s in d if s['room']=='502' and s['activity_id']==$act][0]")
    poll=$(json "$db" polls "d[0]['id']")
    # a household that has not voted yet votes, then changes its mind
    room=$(json "$db" votes "[r for r in ['%d%02d' % (f, u) for f in range(1, 7) for u in range(1, 7)] if r not in {v['room'] for v in d}][0]")
    y add vote --poll "$poll" --option 1 --room "$room"
    y add vote --poll "$poll" --option 2 --room "$room" --change
    old=$(json "$db" votes "sorted((v['id'], v['receipt']) for v in d if v['room']=='$room')[0][1]")
    new=$(json "$db" votes "sorted((v['id'], v['receipt']) for v in d if v['room']=='$room')[-1][1]")
    y add question --text '晚上睡不好怎么办' --room 305
    qid=$(json "$db" questions "[q['id'] for q in d if q['text']=='晚上睡不好怎么办'][0]")
    y moderate question "$qid" answer --text '少喝浓茶，白天多走动' --by 张医生
    que=$(json "$db" questions "[q['receipt'] for q in d if q['id']==$qid][0]")

    cat >"$T/receipt.script" <<SCRIPT
goto home
tap "查询回执"
expect "回执码（6位）"
type $sug
tap "查询"
expect "意见建议"
expect "居委会已经回复"
expect "已报物业，周三前修好"
shot receipt-suggestion
audit
tap "清空"
type $wait_r
tap "查询"
expect "冬至包馄饨"
expect "在候补名单上，排第"
shot receipt-waitlist
tap "清空"
type $old
tap "查询"
expect "已被您家后来的一票代替"
tap "清空"
type $new
tap "查询"
expect "这一票有效"
tap "清空"
type $que
tap "查询"
expect "答复不公开"
expect-not "少喝浓茶"
tap "清空"
type ZZZZZZ
tap "查询"
expect "没有找到回执码 ZZZZZZ"
shot receipt-unknown
audit
# a confirmation leads to its own receipt
goto suggest
tap "开始书写"
tap "楼道灯坏了"
tap "提交"
expect "您的回执码"
tap "查询进度"
expect "已交给居委会，还没有处理"
expect "楼道灯坏了"
shot receipt-from-confirmation
SCRIPT
    "$YANXIA" --headless --size "$size" --db "$db" --script "$T/receipt.script" \
        --screenshot-dir "$shots" || fail "receipt.script"
done
echo "receipt lookup: ok"
