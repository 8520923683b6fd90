#!/bin/sh
# The layout audit can fail: the poll and the suggestion form in large text at 480x320
# on a 7-inch panel (the smallest diagonal the config takes) have touch targets under
# 12 mm, and `audit` must say so (exit 1, one "audit:" line per finding naming the
# screen, the control and its rectangle) rather than pass. The layout itself scales
# with the screen's short side, so on the configured 22-inch panel they pass; and
# tests/ui/test_audit.c fails each other kind of finding on purpose.
set -eu
: "${YANXIA:?}" "${YANXIACTL:?}"
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib/demo.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export YANXIA_NOW="2026-11-23 10:00"
fail() { echo "FAIL: $*"; exit 1; }
demo_store "$T"
printf '[display]\ndiagonal_inches = 7\n' >"$T/small.ini"

# must_fail NAME SIZE SCRIPT-LINES...: the audit (last line) must fail with findings on NAME
must_fail() {
    name=$1 size=$2
    shift 2
    printf '%s\n' "$@" >"$T/$name.script"
    if "$YANXIA" --headless --config "$T/small.ini" --size "$size" --db "$T/yanxia.db" \
        --script "$T/$name.script" \
        >"$T/$name.out" 2>"$T/$name.err"; then
        fail "$name at $size passed the audit"
    fi
    grep -q "the layout audit found" "$T/$name.err" || { cat "$T/$name.err"; fail "$name: no audit summary"; }
    grep -q "^audit: $name: 「" "$T/$name.out" || { cat "$T/$name.out"; fail "$name: no finding lines"; }
    # every finding names a rectangle
    if grep "^audit:" "$T/$name.out" | grep -vq " at -\{0,1\}[0-9]*,-\{0,1\}[0-9]* [0-9]*x[0-9]*$"; then
        fail "$name: a finding without its rectangle"
    fi
    echo "$name at $size: $(grep -c '^audit:' "$T/$name.out") findings, e.g. $(head -1 "$T/$name.out")"
}

must_fail polls 480x320 'tap "大字"' 'goto polls' 'audit'
must_fail suggest 480x320 'tap "大字"' 'goto suggest' 'tap "开始书写"' 'audit'

# and pass on a lobby-sized panel, at 480x320 and at 1080x1920
printf 'tap "大字"\ngoto polls\naudit\ngoto suggest\ntap "开始书写"\naudit\n' >"$T/ok.script"
for size in 480x320 1080x1920; do
    "$YANXIA" --headless --size "$size" --db "$T/yanxia.db" --script "$T/ok.script" ||
        fail "the same screens at $size on a 22-inch panel did not pass"
done
echo "audit fails where it must"
