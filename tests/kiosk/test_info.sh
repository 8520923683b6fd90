#!/bin/sh
# The information screens (notices, a notice, health, roster, contacts), the admin
# path and attract mode, in portrait and landscape, on a fresh demo store each time.
# Set SHOTS=DIR to keep the screenshots.
set -eu
: "${YANXIA:?}" "${YANXIACTL:?}"
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib/demo.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export YANXIA_NOW="2026-11-23 10:00"
fail() { echo "FAIL: $*"; exit 1; }

count() { # count DB KIND: number of rows `list KIND --json` prints
    "$YANXIACTL" --db "$1" list "$2" --json | python3 -c "import json,sys; print(len(json.load(sys.stdin)))"
}

pin=$(printf 2468 | python3 -c "import hashlib,sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())")
# the console on the building's network at a fixed address: the panel shows it and its QR
printf '[admin]\npin_sha256 = %s\n[console]\nlisten = 192.0.2.10:8080\n' "$pin" >"$T/admin.ini"
printf '[idle]\nattract_seconds = 10\n' >"$T/attract.ini"

for size in 1080x1920 1920x1080; do
    demo_store "$T/$size"
    db="$T/$size/yanxia.db"
    shots="${SHOTS:-$T/shots}/$size"
    mkdir -p "$shots"
    before=$(count "$db" outbox)
    notices=$(count "$db" notices)

    "$YANXIA" --headless --size "$size" --db "$db" --script "$HERE/info.script" \
        --screenshot-dir "$shots" || fail "$size: info.script"

    # 退出程序 quits: exit code 0 although the script had a step left
    "$YANXIA" --headless --size "$size" --config "$T/admin.ini" --db "$db" \
        --script "$HERE/admin.script" --screenshot-dir "$shots" || fail "$size: admin.script"

    # without a PIN in the config the corner does nothing
    printf 'drag 20 20 20 20 1000\nexpect-not "管理员登录"\nexpect "最新通知"\n' >"$T/nopin.script"
    "$YANXIA" --headless --size "$size" --db "$db" --script "$T/nopin.script" ||
        fail "$size: the admin corner opened without a configured PIN"

    "$YANXIA" --headless --size "$size" --config "$T/attract.ini" --db "$db" \
        --script "$HERE/attract.script" --screenshot-dir "$shots" || fail "$size: attract.script"

    # looking writes nothing: no submission, no content change
    [ "$(count "$db" outbox)" = "$before" ] || fail "$size: the outbox changed"
    [ "$(count "$db" notices)" = "$notices" ] || fail "$size: notices changed"
done
echo "ok: info screens, admin path and attract mode in both orientations"
