#!/bin/sh
# The content folder: imports every part, a second import changes nothing, and a
# folder with one bad file imports nothing and names the file and line.
set -eu
. "$YANXIA_SOURCE_DIR/tests/tools/lib/common.sh"

cp -R "$FIXTURES/content" "$T/usb"
# pictures are drawn here rather than committed; different sizes, different files
y photo sample "$T/usb/albums/笑脸墙/wang.png" --size 60x80
y photo sample "$T/usb/albums/笑脸墙/li.png" --size 64x80
y photo sample "$T/usb/albums/楼道美化日/stairs.png" --size 120x90

y import "$T/usb" >"$T/out1"
grep -q '2 notices, 1 tips, 2 activities, 1 polls, 2 albums, 3 photos, 3 contacts, 2 roster entries, 3 phrases, kiosk settings' "$T/out1" ||
	fail "first import summary: $(cat "$T/out1")"
snapshot >"$T/snap1"

# what the committee wrote arrived as written
y list notices --json | grep -q '"title":"12月2日上午停水通知","pinned":true' || fail "notice"
y list notices --json | grep -q '"category":"公约","title":"楼组公约（2026年修订）"' ||
	fail "BOM + CRLF + full-width colon notice"
y list kiosk --json | grep -q '"floors":"1-18","units":"1-4","households":72' || fail "manifest"
y list polls --json | grep -q '"label":"不同意"' || fail "poll options"
y list photos --json --album 笑脸墙 | grep -q '"caption":"爱养花的王阿姨","person_name":"王阿姨","floor":12,"consent":true' ||
	fail "captions.txt"
[ "$(y list photos --json --album 楼道美化日 | grep -c '"consent":true')" -eq 1 ] ||
	fail "album.txt consent default"
y list activities --json | grep -q '"kind":"team","title":"晨练拳操队"' || fail "English keys"

# the second import of the same folder changes nothing
y import "$T/usb" >"$T/out2"
snapshot >"$T/snap2"
cmp -s "$T/snap1" "$T/snap2" || {
	diff "$T/snap1" "$T/snap2" >&2 || true
	fail "second import changed the store"
}

# an edited file updates its item in place (no second notice)
sed 's/全楼停水/全楼停水（含地下车库）/' "$T/usb/notices/01-停水通知.txt" >"$T/edited"
mv "$T/edited" "$T/usb/notices/01-停水通知.txt"
y import "$T/usb" >/dev/null
[ "$(y list notices --json | grep -o '"id":' | wc -l)" -eq 2 ] || fail "edit made a new notice"
y list notices --json | grep -q '含地下车库' || fail "edit not applied"
snapshot >"$T/snap3"

# one bad file in an otherwise good folder: nothing imported, file and line named
cp -R "$T/usb" "$T/bad"
printf '标题: 新通知\n\n正文\n' >"$T/bad/notices/00-new.txt"
printf '标题: 坏\n发布: 12月2日\n\n正文\n' >"$T/bad/notices/99-bad.txt"
expect_fail 1 import "$T/bad"
expect_msg 'notices/99-bad.txt:2:'
snapshot >"$T/snap4"
cmp -s "$T/snap3" "$T/snap4" || fail "a failed import wrote something"

rm "$T/bad/notices/99-bad.txt"
printf '标题: 坏字节 \377\n\n正文\n' >"$T/bad/health/bad.txt"
expect_fail 1 import "$T/bad"
expect_msg 'health/bad.txt:1: not valid UTF-8'

rm "$T/bad/health/bad.txt"
printf '标提: 错别字\n\n正文\n' >"$T/bad/activities/typo.txt"
expect_fail 1 import "$T/bad"
expect_msg 'activities/typo.txt:1: unknown key "标提"'

rm "$T/bad/activities/typo.txt"
echo "this is not a picture" >"$T/bad/albums/笑脸墙/zhang.jpg"
expect_fail 1 import "$T/bad"
expect_msg '这个文件不是可以显示的图片'
expect_msg 'zhang.jpg'

rm "$T/bad/albums/笑脸墙/zhang.jpg"
echo '2026-11-25 | 上午 | 大厅 | 钱师傅 | 3301' >>"$T/bad/roster.txt"
expect_fail 1 import "$T/bad"
expect_msg 'roster.txt:4:'
expect_msg '房号不对'

snapshot >"$T/snap5"
cmp -s "$T/snap3" "$T/snap5" || fail "failed imports wrote something"
[ "$(y list notices --json | grep -c '新通知')" -eq 0 ] || fail "partial import"

# --dry-run checks without writing
sed '$d' "$T/bad/roster.txt" >"$T/roster" && mv "$T/roster" "$T/bad/roster.txt"
y import "$T/bad" --dry-run | grep -q 'nothing written' || fail "dry-run output"
snapshot >"$T/snap6"
cmp -s "$T/snap3" "$T/snap6" || fail "--dry-run wrote something"
y import "$T/bad" >/dev/null
y list notices --json | grep -q '新通知' || fail "good folder did not import"

expect_fail 1 import "$T/no-such-folder"
echo "cli_import: ok"
