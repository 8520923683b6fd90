#!/bin/sh
# A health tip that is a photo of the doctor's handwritten page (tip_photo.script) on
# the demo store, at 1080x1920 and at 360x640 with large text: the page is drawn (the
# shot differs from one where the file is missing, which shows an empty frame instead
# and does not crash), opens full size under the tip's title (健康小贴士 where it does
# not fit) without page-turning buttons, and this month's page shows in the column
# itself and on the home screen's tip card and opens at 1920x1080 with the title in the
# header. Set SHOTS=DIR to keep the screenshots.
set -eu
: "${YANXIA:?}" "${YANXIACTL:?}" "${IMGDIFF:?}"
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib/demo.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export YANXIA_NOW="2026-11-23 10:00"
fail() { echo "FAIL: $*"; exit 1; }
shots="${SHOTS:-$T/shots}"

demo_store "$T/a"
sha=$(sqlite3 "$T/a/yanxia.db" "SELECT photo_sha256 FROM health_tips WHERE source_key = 'demo/tip/page'")
[ -n "$sha" ] && [ -f "$T/a/photos/$(echo "$sha" | cut -c1-2)/$sha" ] ||
	fail "the demo has no tip with a photo of the handwritten page"
# a copy whose page file is missing (a transfer cut short, a disk error)
cp -R "$T/a" "$T/b"
rm "$T/b/photos/$(echo "$sha" | cut -c1-2)/$sha"

mkdir -p "$shots/1080x1920" "$shots/360x640-large" "$shots/missing"
"$YANXIA" --headless --size 1080x1920 --db "$T/a/yanxia.db" --script "$HERE/tip_photo.script" \
	--screenshot-dir "$shots/1080x1920" || fail "1080x1920: tip_photo.script"
{ echo 'tap "大字"'; sed 's/drag 540 900 540 150 60/drag 180 450 180 120 60/;
	s/drag 540 500 540 1100 1500/drag 180 250 180 560 1500/' "$HERE/tip_photo.script"; } >"$T/small.script"
"$YANXIA" --headless --size 360x640 --db "$T/a/yanxia.db" --script "$T/small.script" \
	--screenshot-dir "$shots/360x640-large" || fail "360x640 large: tip_photo.script"
sed -n '1,/^shot tip_page$/p' "$HERE/tip_photo.script" >"$T/missing.script"
"$YANXIA" --headless --size 1080x1920 --db "$T/b/yanxia.db" --script "$T/missing.script" \
	--screenshot-dir "$shots/missing" || fail "the tip without its file"
# the page covers a third of the screen: its ink alone differs in more than 1% of the
# pixels (2.5% when this was written, all inside the picture)
"$IMGDIFF" "$shots/1080x1920/tip_page.png" "$shots/missing/tip_page.png" 1 >/dev/null 2>&1 &&
	fail "the page's photo is not drawn"

# this month's page is in the column itself (this month's typed tip taken down)
sqlite3 "$T/a/yanxia.db" "UPDATE health_tips SET deleted = 1 WHERE month = '2026-11';
	UPDATE health_tips SET month = '2026-11' WHERE source_key = 'demo/tip/page'"
cat >"$T/column.script" <<'SCRIPT'
goto health
wait 500
expect-not "秋冬进补，因人而异"
expect "2026年11月 · 健康小贴士"
expect "入冬量血压，沈医生的手写稿"
expect "医生的手写稿 · 点图片可以放大看"
shot health_page
goto home
wait 500
expect "入冬量血压，沈医生的手写稿"
expect "医生的手写稿，点开看照片"
shot home_page_tip
SCRIPT
"$YANXIA" --headless --size 1080x1920 --db "$T/a/yanxia.db" --script "$T/column.script" \
	--screenshot-dir "$shots/1080x1920" || fail "the column with this month's page"

# on a landscape kiosk the title fits the viewer's header: neither 健康小贴士 nor 照片
# is there, in standard or large text, and still no buttons to turn a page alone
mkdir -p "$shots/1920x1080"
cat >"$T/landscape.script" <<'SCRIPT'
goto health
wait 500
# the page in the column (tapping the picture opens it)
tap 700 800
wait 500
expect "双击或两指张开，可以放大看"
expect "入冬量血压，沈医生的手写稿"
expect-not "健康小贴士"
expect-not "照片"
expect-not "下一张"
shot tip_page_viewer
tap "大字"
wait 300
expect "入冬量血压，沈医生的手写稿"
expect-not "健康小贴士"
expect-not "照片"
shot tip_page_viewer_large
SCRIPT
"$YANXIA" --headless --size 1920x1080 --db "$T/a/yanxia.db" --script "$T/landscape.script" \
	--screenshot-dir "$shots/1920x1080" || fail "1920x1080: the page's viewer"
echo "ok: a tip's handwritten page drawn, enlarged, in the column; a missing file is survived"
