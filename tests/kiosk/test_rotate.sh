#!/bin/sh
# [display] rotate: a panel mounted turned. With rotate = 90, 180 and 270 the kiosk
# lays out at the turned size and the panel shows that frame turned, pixel for pixel:
# the screenshot (what the panel shows) is the panel's size and equals the upright
# run's picture turned by imgdiff --turn (a mirrored or shifted frame fails). A tap at
# the turned point opens the same screen as the upright tap, and `where` answers in
# the panel's pixels.
set -eu
: "${YANXIA:?}" "${YANXIACTL:?}" "${IMGDIFF:?}" "${YANXIA_SOURCE_DIR:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
here="$YANXIA_SOURCE_DIR/tests/kiosk"
. "$here/lib/demo.sh"

demo_store "$tmp"
fw=1080 fh=1920 # the frame: portrait, as a resident reads it
label=通知公告

kiosk() { # ROTATE SIZE SCRIPT SHOTDIR
	printf '[display]\nrotate = %s\n[idle]\nattract_seconds = 600\n' "$1" >"$tmp/k$1.ini"
	"$YANXIA" --headless --config "$tmp/k$1.ini" --db "$tmp/yanxia.db" --size "$2" \
		--script "$3" --screenshot-dir "$4"
}

# upright: the home screen, where the tile is, and the screen it opens
printf 'expect "最新通知"\nshot home\nwhere "%s"\n' "$label" >"$tmp/where.script"
kiosk 0 ${fw}x$fh "$tmp/where.script" "$tmp/r0" >"$tmp/where0.out"
set -- $(sed -n "s/^where \"$label\" //p" "$tmp/where0.out")
cx=$(($1 + $3 / 2)) cy=$(($2 + $4 / 2))
printf 'tap %d %d\nexpect-not "最新通知"\nexpect "关于12号楼加装电梯意向征询的通知"\nshot opened\n' \
	"$cx" "$cy" >"$tmp/tap0.script"
kiosk 0 ${fw}x$fh "$tmp/tap0.script" "$tmp/r0"

failed=0
for rot in 90 180 270; do
	case $rot in
	90) size=${fh}x$fw px=$((fh - cy)) py=$cx ;;
	180) size=${fw}x$fh px=$((fw - cx)) py=$((fh - cy)) ;;
	270) size=${fh}x$fw px=$cy py=$((fw - cx)) ;;
	esac
	kiosk "$rot" "$size" "$tmp/where.script" "$tmp/r$rot" >"$tmp/where$rot.out"
	got=$("$IMGDIFF" --size "$tmp/r$rot/home.png")
	if [ "$got" != "$size" ]; then
		echo "rotate=$rot: the screenshot is $got, the panel $size" >&2
		failed=$((failed + 1))
	fi
	for shot in home; do
		"$IMGDIFF" --turn "$rot" "$tmp/r0/$shot.png" "$tmp/turned$rot-$shot.png"
		if ! "$IMGDIFF" "$tmp/r$rot/$shot.png" "$tmp/turned$rot-$shot.png" 0 0; then
			echo "rotate=$rot: the panel does not show the upright $shot turned by $rot" >&2
			failed=$((failed + 1))
		fi
	done
	# `where` answers in the panel's pixels: its rectangle's centre is the turned point
	set -- $(sed -n "s/^where \"$label\" //p" "$tmp/where$rot.out")
	if [ $(($1 + $3 / 2 - px)) -lt -1 ] || [ $(($1 + $3 / 2 - px)) -gt 1 ] ||
		[ $(($2 + $4 / 2 - py)) -lt -1 ] || [ $(($2 + $4 / 2 - py)) -gt 1 ]; then
		echo "rotate=$rot: where \"$label\" says $*, expected its centre at $px $py" >&2
		failed=$((failed + 1))
	fi
	# the tap at the turned point opens what the upright tap opened
	printf 'tap %d %d\nexpect-not "最新通知"\nexpect "关于12号楼加装电梯意向征询的通知"\nshot opened\n' \
		"$px" "$py" >"$tmp/tap$rot.script"
	kiosk "$rot" "$size" "$tmp/tap$rot.script" "$tmp/r$rot"
	"$IMGDIFF" --turn "$rot" "$tmp/r0/opened.png" "$tmp/turned$rot-opened.png"
	if ! "$IMGDIFF" "$tmp/r$rot/opened.png" "$tmp/turned$rot-opened.png" 0 0; then
		echo "rotate=$rot: the tap at $px $py did not open what the upright tap opened" >&2
		failed=$((failed + 1))
	fi
	# a label tap goes through the same turn
	printf 'tap "%s"\nexpect-not "最新通知"\n' "$label" >"$tmp/label.script"
	kiosk "$rot" "$size" "$tmp/label.script" "$tmp/r$rot"
done

# a window (the lobby's path: a target texture turned by SDL_RenderCopyEx onto the
# window, on whatever renderer SDL's offscreen driver gives it, GL or software) shows
# the same turn: its upright window's picture, turned. The GL driver's own allocations
# that it never frees are not the kiosk's: no leak check for these runs.
printf 'expect "最新通知"\nshot home\n' >"$tmp/win.script"
for rot in 0 90 180 270; do
	case $rot in 90 | 270) size=960x540 ;; *) size=540x960 ;; esac
	printf '[display]\nrotate = %s\n' "$rot" >"$tmp/w$rot.ini"
	ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" "$YANXIA" --windowed --config "$tmp/w$rot.ini" \
		--db "$tmp/yanxia.db" --size "$size" --script "$tmp/win.script" --screenshot-dir "$tmp/w$rot"
	[ "$rot" = 0 ] && continue
	"$IMGDIFF" --turn "$rot" "$tmp/w0/home.png" "$tmp/wturned$rot.png"
	if ! "$IMGDIFF" "$tmp/w$rot/home.png" "$tmp/wturned$rot.png" 0 0; then
		echo "rotate=$rot, windowed: the window does not show its upright picture turned" >&2
		failed=$((failed + 1))
	fi
done

# a turned frame is not a mirrored one: the comparison tells them apart
if "$IMGDIFF" "$tmp/r90/home.png" "$tmp/turned270-home.png" 0 0 >/dev/null; then
	echo "a frame turned by 90 looks like one turned by 270" >&2
	failed=$((failed + 1))
fi

# a value that is no quarter turn stops start-up with the key's name
printf '[display]\nrotate = 45\n' >"$tmp/bad.ini"
if "$YANXIA" --headless --config "$tmp/bad.ini" --db "$tmp/yanxia.db" 2>"$tmp/bad.err"; then
	echo "rotate = 45 was accepted" >&2
	failed=$((failed + 1))
fi
grep -q 'rotate: expected 0, 90, 180 or 270' "$tmp/bad.err" || {
	cat "$tmp/bad.err" >&2
	failed=$((failed + 1))
}
[ "$failed" = 0 ] || exit 1
echo "1 passed, 0 failed"
