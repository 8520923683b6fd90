#!/bin/sh
# Home screen in both orientations: what it shows, large text, idle return, and a
# comparison with reference pictures (tests/kiosk/ref/, half size) within a tolerance.
# YANXIA_UPDATE_REFS=1 rewrites the references from this run.
set -eu
: "${YANXIA:?}" "${YANXIACTL:?}" "${IMGDIFF:?}" "${YANXIA_SOURCE_DIR:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
here="$YANXIA_SOURCE_DIR/tests/kiosk"
. "$here/lib/demo.sh"

demo_store "$tmp"
printf '[idle]\nform_reset_seconds = 10\nattract_seconds = 600\n' >"$tmp/kiosk.ini"

for size in 1080x1920 1920x1080; do
	"$YANXIA" --headless --config "$tmp/kiosk.ini" --db "$tmp/yanxia.db" --size "$size" \
		--script "$here/home.script" --screenshot-dir "$tmp/shots-$size"
	w=${size%x*}
	h=${size#*x}
	ref="$here/ref/home-$size.png"
	if [ "${YANXIA_UPDATE_REFS:-0}" = 1 ]; then
		"$IMGDIFF" --write "$tmp/shots-$size/home.png" "$ref" $((w / 2)) $((h / 2))
		echo "wrote $ref"
	else
		"$IMGDIFF" "$tmp/shots-$size/home.png" "$ref" 1.5
	fi
done

# the large-text picture really is larger: it differs from the normal one a lot
if "$IMGDIFF" "$tmp/shots-1080x1920/home-large.png" "$here/ref/home-1080x1920.png" 5 >/dev/null; then
	echo "large-text home looks the same as the normal one" >&2
	exit 1
fi
echo "1 passed, 0 failed"
