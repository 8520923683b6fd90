#!/bin/sh
# The layout audit at one screen size (the argument, WxH): every screen of the demo
# store in normal and large text (audit_all.script), then the long-text variant
# (audit_long.script). A script stops at the first screen with findings, each printed
# on a line of its own: screen, control, what is wrong, its rectangle. CMake runs one
# test per size, so the sizes run in parallel.
set -eu
: "${YANXIA:?}" "${YANXIACTL:?}"
size=${1:?usage: audit.sh WxH}
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib/demo.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export YANXIA_NOW="2026-11-23 10:00"
fail() { echo "FAIL $size: $*"; exit 1; }

pin=$(printf 2468 | python3 -c "import hashlib,sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())")
printf '[admin]\npin_sha256 = %s\n' "$pin" >"$T/kiosk.ini"

# 60 characters of title, 3,000 of body
long_title=$(python3 -c "print('长标题测试：' + '楼道堆物清理与消防通道畅通的说明' * 3 + '请大家互相转告一下')" | cut -c1-200)
python3 -c "print(('各位邻居：楼道是大家共同的通道，也是着火时逃生的路。' * 120)[:3000])" >"$T/body.txt"
long_act=$(python3 -c "print('长名称活动：' + '社区老年人智能手机使用与防范电信诈骗' * 3)" | cut -c1-200)

for mode in normal large; do
    demo_store "$T/$mode"
    db="$T/$mode/yanxia.db"
    "$YANXIACTL" --db "$db" kiosk set --floors 1-33 >/dev/null
    "$YANXIACTL" --db "$db" add notice --title "$long_title" --body-file "$T/body.txt" \
        --category 通知 >/dev/null
    "$YANXIACTL" --db "$db" add activity --title "$long_act" --place 居委会一楼活动室 \
        --starts '2026-11-24 14:00' --ends '2026-11-24 15:00' --capacity 30 --max-party 2 \
        --organiser 小陈 --description '名称很长的活动。' >/dev/null
    mkdir -p "${SHOTS:-$T/shots}/$size-$mode"
    for script in audit_all audit_long; do
        if [ "$mode" = large ]; then
            { echo 'tap "大字"'; cat "$HERE/$script.script"; } >"$T/$script-$mode.script"
        else
            cp "$HERE/$script.script" "$T/$script-$mode.script"
        fi
        "$YANXIA" --headless --size "$size" --config "$T/kiosk.ini" --db "$db" \
            --script "$T/$script-$mode.script" --screenshot-dir "${SHOTS:-$T/shots}/$size-$mode" ||
            fail "$script in $mode text"
    done
done
echo "audit $size: every screen passes in normal and large text"
