#!/bin/sh
# Reference pictures of every screen a resident can reach (refs.script) in one variant:
# refs.sh WxH normal|large. The shots of the demo store at the pinned clock are compared
# with tests/kiosk/ref/WxH[-large]/NAME.png (half size, compact; imgdiff --write).
# YANXIA_UPDATE_REFS=1 rewrites the variant's references instead (look at them before
# committing). SHOTS=DIR keeps the screenshots. CMake runs one test per variant, so the
# variants run in parallel.
#
# The tolerance is tight on purpose. Headless rendering is exact: a Debug+ASan and a
# Release build draw the same pixels, so a shot differs from its reference only by the
# reference's rounding (at most 8 a channel, imgdiff --write). A pixel counts as changed
# beyond 24; a screen may have 5 changed pixels (0.001% of the 518,400 of a half-size
# reference) before it fails. One character changed in a label changes some 50.
set -eu
: "${YANXIA:?}" "${YANXIACTL:?}" "${IMGDIFF:?}"
size=${1:?usage: refs.sh WxH normal|large}
mode=${2:?usage: refs.sh WxH normal|large}
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib/demo.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export YANXIA_NOW="2026-11-23 10:00"
variant=$size
[ "$mode" = large ] && variant=$size-large
refs="$HERE/ref/$variant"
shots="${SHOTS:-$T/shots}/$variant"
fail() { echo "FAIL $variant: $*"; exit 1; }

demo_store "$T"
pin=$(printf 2468 | sha256sum | cut -d' ' -f1)
printf '[admin]\npin_sha256 = %s\n[idle]\nform_reset_seconds = 10\nattract_seconds = 600\n' \
    "$pin" >"$T/kiosk.ini"
case $mode in
normal) cp "$HERE/refs.script" "$T/refs.script" ;;
large) { echo 'tap "大字"'; cat "$HERE/refs.script"; } >"$T/refs.script" ;;
*) fail "mode is normal or large, not $mode" ;;
esac
mkdir -p "$shots"
"$YANXIA" --headless --size "$size" --config "$T/kiosk.ini" --db "$T/yanxia.db" \
    --script "$T/refs.script" --screenshot-dir "$shots" || fail "refs.script"

names=$(grep '^shot ' "$HERE/refs.script" | cut -d' ' -f2)
w=${size%x*}
h=${size#*x}
if [ "${YANXIA_UPDATE_REFS:-0}" = 1 ]; then
    rm -rf "$refs" # references of screens no longer shot go too
    mkdir -p "$refs"
    for n in $names; do
        "$IMGDIFF" --write "$shots/$n.png" "$refs/$n.png" $((w / 2)) $((h / 2)) ||
            fail "cannot write $refs/$n.png"
    done
    echo "wrote $(echo "$names" | wc -w) references into $refs: look at them before committing"
    exit 0
fi
failed=""
for n in $names; do
    [ -f "$refs/$n.png" ] || fail "no reference $refs/$n.png (YANXIA_UPDATE_REFS=1 writes it)"
    "$IMGDIFF" "$shots/$n.png" "$refs/$n.png" 0.001 24 || failed="$failed $n"
done
[ -z "$failed" ] || fail "differ from their references:$failed (SHOTS=DIR keeps the screenshots)"
echo "refs $variant: $(echo "$names" | wc -w) screens match their references"
