#!/bin/sh
# What staff do day to day: author and edit content, add photos, type in paper forms
# (with receipt codes), moderate, and see the results in `list`.
set -eu
. "$YANXIA_SOURCE_DIR/tests/tools/lib/common.sh"

y init | grep -q 'schema' || fail "init"
[ -f "$DB" ] || fail "init did not create $DB"
y kiosk set --building kangle-12 --name 康乐小区12号楼 --floors 1-33 --units 1-6 \
	--households 4 >/dev/null

# notices: add, edit only what is given, expire, remove
printf '\357\273\277第一行\r\n第二行\r\n' >"$T/body.txt"
y add notice --title '电梯年检' --body-file "$T/body.txt" --category 物业 --author 康乐物业 \
	--expires 2026-12-01 | grep -q '^added notice 1$' || fail "add notice"
y list notices --json | grep -qF '"body":"第一行\n第二行"' || fail "--body-file: BOM and CRLF"
y edit notice 1 --title '电梯年检（改期）' --pinned >/dev/null
y list notices --json | grep -q '"category":"物业","title":"电梯年检（改期）","pinned":true' ||
	fail "edit kept the other fields"
y add notice --title '旧通知' --body '已过期' --publish 2026-11-01 --expires 2026-11-10 >/dev/null
[ "$(y list notices --json | grep -c '旧通知')" -eq 0 ] || fail "expired notice listed"
[ "$(y list notices --json --all | grep -c '旧通知')" -eq 1 ] || fail "--all lacks expired"
y rm notice 1 >/dev/null
[ "$(y list notices --json --all | grep -c '电梯年检')" -eq 0 ] || fail "rm"
# --json is exactly one array, even when empty
[ "$(y list wishes --json)" = "[]" ] || fail "empty JSON list"

# tips, contacts, roster, phrases, albums and photos
y add tip --month 2026-11 --title '入冬护膝' --body '睡前泡脚' --author 张医生 >/dev/null
y add contact --kind committee --name 康乐居委会 --phone 021-54321000 >/dev/null
y add roster --day 2026-11-24 --person 王建国 --room 1203 --slot '上午' >/dev/null
y add phrase --form suggestion --text '楼道灯坏了' >/dev/null
y edit tip 1 --author '张医生（退休）' >/dev/null
y list tips --json | grep -q '"author":"张医生（退休）"' || fail "edit tip"
y add album --name 笑脸墙 --kind 笑脸墙 >/dev/null
y photo sample "$T/a.png" --size 40x30 >/dev/null
y photo sample "$T/b.png" --size 30x40 >/dev/null
y photo add "$T/a.png" "$T/b.png" --album 笑脸墙 --consent --floor 12 >"$T/out"
[ "$(grep -c '^added photo' "$T/out")" -eq 2 ] || fail "photo add"
y list photos --json --album 笑脸墙 | grep -q '"width":40,"height":30' || fail "photo size"
y list albums --json | grep -q '"name":"笑脸墙","kind":"portraits"' || fail "album kind"
y list roster | grep -q '王建国' || fail "roster table"

# a sign-up list with a waiting list; cancelling promotes the first waiting household
y add activity --title '包饺子' --starts '2026-11-28 09:30' --capacity 2 --max-party 2 >/dev/null
y add signup --activity 1 --room 1203 --party 2 >"$T/s1"
y add signup --activity 1 --room 502 --name 李阿姨 >"$T/s2"
grep -q '候补，第 1 位' "$T/s2" || fail "waitlisted: $(cat "$T/s2")"
code=$(receipt_of "$T/s1")
[ -n "$code" ] || fail "no receipt code"
y cancel signup --activity 1 --room 1203 --receipt "$code" >/dev/null
y list signups --json --activity 1 | grep -q '"room":"502","name":"李阿姨","phone":"","party_size":1,"status":"confirmed"' ||
	fail "promotion after cancel"

# a consultation: one vote per household, a changed vote counts once
y add poll --question '是否同意加装电梯' --option 同意 --option 不同意 --option 弃权 \
	--closes 2026-12-20 >/dev/null
for room in 101 102 103; do y add vote --poll 1 --option 1 --room "$room" >/dev/null; done
y add vote --poll 1 --option 2 --room 104 >/dev/null
y add vote --poll 1 --option 1 --room 104 --change >/dev/null
y list polls --json | grep -q '"label":"同意","votes":4}.*"voted":4,"households":4,"passed":true' ||
	fail "poll results: $(y list polls --json)"
[ "$(y list votes --json --poll 1 | grep -o '"current":false' | wc -l)" -eq 1 ] ||
	fail "changed vote kept as history"

# moderation
y add suggestion --text '垃圾房门口太滑' --room 1203 --category 环境卫生 >/dev/null
y moderate suggestion 1 seen >/dev/null
y moderate suggestion 1 reply --text '已铺防滑垫，谢谢提醒' >/dev/null
y list suggestions --json | grep -q '"state":"replied","reply":"已铺防滑垫，谢谢提醒"' ||
	fail "suggestion reply"
y list suggestions | grep -q '已回复' || fail "state in Chinese in the table"
y add wish --text '想请人陪我去医院复查' --room 502 >/dev/null
y add wish --text '不合适的心愿' --room 503 >/dev/null
y moderate wish 1 approve >/dev/null
y moderate wish 2 decline --note '请联系居委会' >/dev/null
y claim wish 1 --room 1203 --name 小王 | grep -q '^回执码' || fail "claim receipt"
y moderate wish 1 fulfil >/dev/null
y list wishes --json | grep -q '"state":"fulfilled"' || fail "wish fulfilled"
y list wishes --json --state declined | grep -q '"note":"请联系居委会"' || fail "declined"
y add question --text '血压早晚差得多正常吗' --room 1203 >/dev/null
y moderate question 1 answer --text '早晚差 10 左右常见' --by 张医生 --public >/dev/null
y list questions --json | grep -q '"answered_by":"张医生".*"public":true' || fail "answer"

# every submission waits in the outbox for the hub
[ "$(y list outbox --json | grep -o '"seq":' | wc -l)" -ge 12 ] || fail "outbox"
echo "cli_workflow: ok"
