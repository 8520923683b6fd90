#!/bin/sh
# Every way a command can be refused: a non-zero exit, exactly one line on stderr
# saying why (in Chinese, with the detail), and a store left exactly as it was.
set -eu
. "$YANXIA_SOURCE_DIR/tests/tools/lib/common.sh"

y kiosk set --building kangle-12 --floors 1-33 --units 1-6 --households 180 >/dev/null
y add notice --title '停水通知' --body '明天上午停水' >/dev/null
y add activity --title '插花课' --starts '2026-11-30 14:00' --capacity 2 --no-waitlist >/dev/null
y add signup --activity 1 --room 1203 --party 2 >/dev/null
y add poll --question '是否同意加装电梯' --option 同意 --option 不同意 --closes 2026-12-20 >/dev/null
y add vote --poll 1 --option 同意 --room 1203 >/dev/null
y add wish --text '想请人帮忙换灯泡' --room 502 >/dev/null
y add album --name 笑脸墙 --kind portraits >/dev/null
y photo sample "$T/ok.png" >/dev/null
snapshot >"$T/before"

bad_utf8=$(printf 'bad \377\376 title')
expect_fail 1 add notice --title "$bad_utf8" --body 'x'
expect_msg '内容里有无法识别的字符'
expect_msg 'title: not valid UTF-8'

expect_fail 1 add notice --title '   ' --body 'x'
expect_msg '内容还是空的'
expect_fail 2 add notice --body 'x'
expect_msg 'missing --title'
expect_fail 2 add notice --title t --body b --body-file /dev/null
expect_fail 1 add notice --title t --body-file "$T/missing.txt"
expect_fail 1 add notice --title t --body b --category 八卦
expect_fail 2 add notice --title t --body b --expires 'next week'
head -c 1048576 /dev/zero | tr '\0' 'a' >"$T/1mb.txt"
expect_fail 1 add notice --title '很长的通知' --body-file "$T/1mb.txt"
expect_msg '内容太长了'

expect_fail 2 list gossip
expect_msg 'unknown kind "gossip"'
expect_fail 2 add gossip --text x
expect_fail 2 rm signup 1
expect_fail 2 frobnicate
expect_fail 2 list notices --album 笑脸墙
expect_fail 2 add notice --title t --body b --no-such-option

expect_fail 1 edit notice 99 --title x
expect_msg '没有找到'
expect_fail 1 rm notice 99
expect_fail 2 rm notice abc

expect_fail 1 add suggestion --text '楼道灯坏了' --room 3507
expect_msg '房号不对'
expect_fail 1 add suggestion --text '楼道灯坏了' --room 1203 --contact 12345
expect_msg '电话号码不对'
expect_fail 1 add wish --text '想请人帮忙' --room 0
expect_fail 1 add signup --activity 1 --room 9999

expect_fail 1 photo add "$T/before" --album 笑脸墙
expect_msg '这个文件不是可以显示的图片'
expect_msg "$T/before"
# all or none: a good picture next to a bad one is not added either
expect_fail 1 photo add "$T/ok.png" "$T/before" --album 笑脸墙
expect_fail 1 photo add "$T/ok.png" --album 没有这个相册
expect_fail 2 photo add "$T/ok.png"
# a PNG header that claims 50000 x 50000 pixels is refused before decoding
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\303P\000\000\303P\010\006\000\000\000' >"$T/huge.png"
expect_fail 1 photo add "$T/huge.png" --album 笑脸墙
expect_msg '50000 x 50000'

expect_fail 1 add vote --poll 1 --option 不同意 --room 1203
expect_msg '您家已经投过票了'
expect_fail 1 add vote --poll 1 --option 7 --room 502
expect_fail 1 add vote --poll 9 --option 1 --room 502

expect_fail 1 add signup --activity 1 --room 502
expect_msg '名额已满，本活动不设候补'
expect_fail 1 add signup --activity 1 --room 1203
expect_fail 1 cancel signup --activity 1 --room 1203 --receipt ZZZZZZ

expect_fail 1 moderate wish 1 fulfil
expect_msg '当前状态下不能这样操作'
expect_fail 2 moderate wish 1 maybe
expect_fail 1 claim wish 1 --room 1203
expect_fail 2 moderate suggestion 1 reply

expect_fail 1 kiosk set --building 'Kang Le!'
expect_fail 2 kiosk set --floors 33-1

snapshot >"$T/after"
cmp -s "$T/before" "$T/after" || {
	diff "$T/before" "$T/after" >&2 || true
	fail "a refused command changed the store"
}

# a store that cannot be opened is an error too, not a crash
mkdir "$T/dir.db"
set +e
"$YANXIACTL" --db "$T/dir.db" list notices >/dev/null 2>"$T/err"
rc=$?
set -e
[ "$rc" -eq 1 ] && [ "$(wc -l <"$T/err")" -eq 1 ] || fail "opening a directory as the store: $rc"
echo "cli_errors: ok"
