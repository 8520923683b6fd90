#!/bin/sh
# Large text never shrinks the handwriting pad: on the suggestion form, at every size a
# lobby screen comes in, the pad in large text is at least as big as in standard text
# (large text's taller lines come out of the keyboard's margins, not out of the pad).
set -eu
: "${YANXIA:?}" "${YANXIACTL:?}"
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib/demo.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export YANXIA_NOW="2026-11-23 10:00"
fail() { echo "FAIL: $*"; exit 1; }

demo_store "$T"
printf 'goto suggest\ntap "开始书写"\nwhere-pad\n' >"$T/normal.script"
{ echo 'tap "大字"'; cat "$T/normal.script"; } >"$T/large.script"
for size in 1080x1920 800x1280 1920x1080 1280x800; do
	for mode in normal large; do
		"$YANXIA" --headless --size "$size" --db "$T/yanxia.db" --script "$T/$mode.script" |
			sed -n 's/^where-pad [0-9-]* [0-9-]* \([0-9]*\) \([0-9]*\)$/\1 \2/p' >"$T/$mode"
		[ -s "$T/$mode" ] || fail "$size $mode: no pad"
	done
	read -r nw nh <"$T/normal"
	read -r lw lh <"$T/large"
	[ "$nw" = "$nh" ] && [ "$lw" = "$lh" ] || fail "$size: the pad is not square ($nw x $nh, $lw x $lh)"
	[ "$lw" -ge "$nw" ] || fail "$size: the pad is $lw px in large text, $nw px in standard text"
	echo "$size: pad $nw px, in large text $lw px"
done
echo "pad size: ok"
