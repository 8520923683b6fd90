#!/bin/sh
# yanxiactl as a staff member (`--as LOGIN`, issue 13): a 楼组长 moderates a wish of their
# building by its receipt code through the staff library, so the hub checks the member's
# password and scope and writes the audit line under their login; a wish of another
# area is "not found" (nothing changed, nothing audited, even when its code is the same
# as one of the lead's), a code two kiosks of the lead's building share is refused
# naming both, a wrong password is refused, and `rm notice ID --hub --as` takes down
# only what lies in the lead's scope, as `add notice|tip --hub --building B --as` publishes
# only to the lead's building, `add poll --as` starts a consultation there (the kiosk gets
# it by sync), `rm activity|poll --as` withdraws only the lead's own activities and polls
# (a withdrawn poll leaves the kiosk), `edit notice|activity ID --hub --as` changes
# only the fields given of the lead's own (refused, nothing written, when someone else
# changed the row between the edit's read and its write), and `add|edit|rm album`, `add|rm phrase --as`
# make, rename, edit (refused as a notice's edit when overtaken, sql/hub/041) and withdraw
# (an album with its photos) only the lead's own, which the kiosk then gets or loses. Without --as the owner's path stays as it was.
. "$YANXIA_SOURCE_DIR/tests/sync/lib.sh"

q "SELECT yanxia_hub.hub_add_scope('kangle', 'area', NULL, '康乐居民区'),
          yanxia_hub.hub_add_scope('fuxing', 'area', NULL, '复兴居民区'),
          yanxia_hub.hub_add_scope('kangle-12', 'building', 'kangle', '康乐小区12号楼'),
          yanxia_hub.hub_add_scope('fuxing-3', 'building', 'fuxing', '复兴小区3号楼')" >/dev/null
kiosk a kangle-12
kiosk a2 kangle-12
kiosk c fuxing-3
for k in a a2 c; do
	y --db "$T/$k.db" init >/dev/null
	y --db "$T/$k.db" kiosk set --building "$([ $k = c ] && echo fuxing-3 || echo kangle-12)" \
		--floors 1-33 --units 1-6 >/dev/null
done
PW=kangle-lead-26
echo "$PW" | y staff add zhangli --role lead --building kangle-12 --hub "$HUB" >/dev/null ||
	fail "staff add zhangli"

# as_lead ARGS...: yanxiactl ARGS --hub HUB --as zhangli with the password on stdin;
# stdout in $T/out, stderr in $T/err, the exit code in $rc
as_lead() {
	rc=0
	echo "$PW" | y "$@" --hub "$HUB" --as zhangli >"$T/out" 2>"$T/err" || rc=$?
}
put_outbox() {
	kq "$1" "INSERT INTO outbox(uuid, kind, payload, created_at) VALUES ('$3', '$2',
	  json_object('kind', '$2', 'uuid', '$3', 'created_at', 1795399200, $4), 1795399200)"
}
new_uuid() { $PY3 -c 'import uuid; print(uuid.uuid4())'; }
audit() { q "SELECT count(*) FROM yanxia_hub.staff_audit"; }
state_of() { q "SELECT coalesce((SELECT state FROM yanxia_hub.verdicts WHERE uuid = '$1'), 'none')"; }

# a wish on a (kangle-12); on c (fuxing-3) one with the same receipt and one of its own
y --db "$T/a.db" add wish --text '想找人周末陪老人散步' --room 301 >/dev/null || fail "wish on a"
wu=$(kq a "SELECT uuid FROM wishes")
wr=$(kq a "SELECT receipt FROM wishes")
cu=$(new_uuid)
cu2=$(new_uuid)
put_outbox c wish "$cu" "'receipt', '$wr', 'room', '402', 'text', '复兴的心愿，同一个回执码'"
put_outbox c wish "$cu2" "'receipt', 'KQ7M3P', 'room', '502', 'text', '复兴的心愿KQ'"
# two suggestions of kangle-12 that share a code, one on each of its kiosks
su=$(new_uuid)
su2=$(new_uuid)
put_outbox a suggestion "$su" "'receipt', 'SQ4455', 'room', '301', 'text', '一楼的灯坏了'"
put_outbox a2 suggestion "$su2" "'receipt', 'SQ4455', 'room', '601', 'text', '六楼的灯坏了'"
qu=$(new_uuid)
put_outbox a question "$qu" "'receipt', 'QA2345', 'room', '301', 'text', '血压高能喝咖啡吗'"
for k in a a2 c; do sync_k $k >/dev/null || fail "push $k"; done
[ "$(q "SELECT count(*) FROM yanxia_hub.submissions")" = 6 ] || fail "not every submission reached the hub"
# the owner sees both kiosks' $wr: a bare code is ambiguous to the owner
y moderate wish "$wr" approve --hub "$HUB" >/dev/null 2>"$T/err" && fail "the owner approved an ambiguous code"
grep -q "a/$wr" "$T/err" && grep -q "c/$wr" "$T/err" || fail "the owner's ambiguity said: $(cat "$T/err")"

# --- the lead approves the wish of their building by its receipt code ----------------
a0=$(audit)
as_lead moderate wish "$(echo "$wr" | tr 'A-Z' 'a-z')" approve
[ $rc = 0 ] || fail "the lead's approve exited $rc: $(cat "$T/err")"
[ "$(cat "$T/out")" = "wish $wr: 已上墙 (kiosk a: 想找人周末陪老人散步)" ] || fail "approve said: $(cat "$T/out")"
[ "$(state_of "$wu")" = open ] || fail "the wish of a is $(state_of "$wu") on the hub"
[ "$(state_of "$cu")" = none ] || fail "the same code of another area was moderated too"
[ "$(q "SELECT count(*) FROM yanxia_hub.staff_audit WHERE id > 0 AND login = 'zhangli'
	AND action = 'wish.approve' AND target LIKE '%$wr ($wu)%' AND after = 'open'")" = 1 ] ||
	fail "no audit line of zhangli's approve: $(q "SELECT login || ' ' || action || ' ' || target FROM yanxia_hub.staff_audit")"
[ "$(audit)" = $((a0 + 1)) ] || fail "the approve wrote $(($(audit) - a0)) audit lines"
# a step the state refuses: exit 1, the hub's sentence alone on one line, nothing audited
as_lead moderate wish "$wr" approve
[ $rc = 1 ] || fail "approving an open wish again exited $rc"
[ "$(wc -l <"$T/err")" = 1 ] && grep -q '当前状态下不能这样操作' "$T/err" && ! grep -q '(' "$T/err" ||
	fail "a bad step said: $(cat "$T/err")"
[ "$(audit)" = $((a0 + 1)) ] || fail "a refused step was audited"

# --- a wish of another area: not found, by code, KIOSK/CODE or uuid; nothing changes --
for ref in KQ7M3P c/KQ7M3P "$cu2" "c/$wr"; do
	as_lead moderate wish "$ref" decline --note 不行
	[ $rc = 1 ] || fail "the lead's decline of $ref (fuxing-3) exited $rc"
	[ "$(cat "$T/err")" = "yanxiactl: moderate wish: 没有找到这一项，可能已被撤下" ] ||
		fail "the lead's decline of $ref said: $(cat "$T/err")"
done
[ "$(state_of "$cu2")" = none ] && [ "$(state_of "$cu")" = none ] || fail "a wish of fuxing-3 changed"
[ "$(audit)" = $((a0 + 1)) ] || fail "a refused moderation was audited"

# --- a wrong password, and no password: refused before anything is asked -------------
rc=0
echo "not-the-password" | y moderate wish KQ7M3P approve --hub "$HUB" --as zhangli \
	>/dev/null 2>"$T/err" || rc=$?
[ $rc = 1 ] && grep -q '账号或密码不对' "$T/err" || fail "a wrong password: exit $rc, $(cat "$T/err")"
rc=0
y moderate wish "$wr" fulfil --hub "$HUB" --as zhangli </dev/null >/dev/null 2>"$T/err" || rc=$?
[ $rc = 1 ] && grep -q 'no password on standard input' "$T/err" || fail "no password: exit $rc"
rc=0
echo "$PW" | y moderate wish "$wr" fulfil --as zhangli >/dev/null 2>&1 || rc=$?
[ $rc = 2 ] || fail "--as without --hub exited $rc"
[ "$(audit)" = $((a0 + 1)) ] || fail "a refused login was audited"

# --- a code two kiosks of the lead's building share: refused naming both -------------
as_lead moderate suggestion SQ4455 seen
[ $rc = 1 ] && grep -q 'a/SQ4455' "$T/err" && grep -q 'a2/SQ4455' "$T/err" ||
	fail "an ambiguous code: exit $rc, $(cat "$T/err")"
as_lead moderate suggestion a2/SQ4455 reply --text 已报修，周三换灯。
[ $rc = 0 ] || fail "reply to a2/SQ4455: $(cat "$T/err")"
[ "$(state_of "$su2")|$(state_of "$su")" = "replied|none" ] || fail "the reply went to $(state_of "$su2")|$(state_of "$su")"
[ "$(q "SELECT login || ' ' || action FROM yanxia_hub.staff_audit ORDER BY id DESC LIMIT 1")" = \
	"zhangli suggestion.reply" ] || fail "the reply was not audited as zhangli's"

# a question answered publicly, and the wish taken off the kiosks: both audited
as_lead moderate question qa2345 answer --text 少喝为好，先量血压。 --by 张医生 --public
[ $rc = 0 ] && [ "$(cat "$T/out")" = "question QA2345: 已解答并公开 (kiosk a: 血压高能喝咖啡吗)" ] ||
	fail "answer --as: exit $rc, $(cat "$T/out") $(cat "$T/err")"
[ "$(q "SELECT state || '|' || answer || '|' || answered_by || '|' || public
	FROM yanxia_hub.verdicts WHERE uuid = '$qu'")" = "answered|少喝为好，先量血压。|张医生|true" ] ||
	fail "the answer on the hub: $(q "SELECT row_to_json(v) FROM yanxia_hub.verdicts v WHERE uuid = '$qu'")"
as_lead moderate wish "a/$wr" withdraw
[ $rc = 0 ] || fail "withdraw --as: exit $rc, $(cat "$T/err")"
[ "$(q "SELECT withdrawn FROM yanxia_hub.verdicts WHERE uuid = '$wu'")" = t ] || fail "the wish was not withdrawn"
[ "$(q "SELECT string_agg(action, ',' ORDER BY id) FROM yanxia_hub.staff_audit
	WHERE login = 'zhangli' AND action IN ('question.answer', 'wish.withdraw')")" = \
	"question.answer,wish.withdraw" ] || fail "answer and withdraw were not audited as zhangli's"

# --- rm notice --as: only within the lead's scope ------------------------------------
y add notice --hub "$HUB" --building kangle-12 --title 电梯保养 --body 周三上午电梯保养。 >/dev/null
y add notice --hub "$HUB" --building fuxing-3 --title 消杀 --body 周五楼道消杀。 >/dev/null
n12=$(q "SELECT hub_id FROM yanxia_hub.notices WHERE title = '电梯保养'")
n3=$(q "SELECT hub_id FROM yanxia_hub.notices WHERE title = '消杀'")
a1=$(audit)
as_lead rm notice "$n3"
[ $rc = 1 ] && grep -q '没有找到这一项' "$T/err" || fail "rm of fuxing-3's notice: exit $rc, $(cat "$T/err")"
[ "$(q "SELECT deleted FROM yanxia_hub.notices WHERE hub_id = $n3")" = f ] || fail "fuxing-3's notice was removed"
[ "$(audit)" = "$a1" ] || fail "a refused rm was audited"
as_lead rm notice "$n12"
[ $rc = 0 ] && [ "$(cat "$T/out")" = "removed notice $n12 on the hub" ] || fail "rm notice: exit $rc, $(cat "$T/err")"
[ "$(q "SELECT deleted FROM yanxia_hub.notices WHERE hub_id = $n12")" = t ] || fail "the notice is still up"
[ "$(q "SELECT login || ' ' || action || ' ' || target FROM yanxia_hub.staff_audit WHERE id > 0
	ORDER BY id DESC LIMIT 1")" = "zhangli notice.withdraw notice $n12" ] || fail "the rm was not audited as zhangli's"
as_lead rm wish 1
[ $rc = 2 ] || fail "rm wish --as exited $rc"
# --- add notice|tip --hub --building B --as: to the lead's building only ------------
# last_audit: the newest audit line as "login action target"
last_audit() { q "SELECT login || ' ' || action || ' ' || target FROM yanxia_hub.staff_audit ORDER BY id DESC LIMIT 1"; }
# hub_id_of KIND: the id `add KIND --as` printed
hub_id_of() { sed -n "s/^published $1 on the hub: id \([0-9]*\)$/\1/p" "$T/out"; }
as_lead add notice --building kangle-12 --title 停水通知 --body 周四上午停水。 --category 紧急 \
	--expires '2026-11-30 18:00'
[ $rc = 0 ] || fail "add notice --as: exit $rc, $(cat "$T/err")"
nid=$(sed -n 's/^published notice on the hub: id \([0-9]*\)$/\1/p' "$T/out")
[ -n "$nid" ] || fail "add notice --as said: $(cat "$T/out")"
[ "$(q "SELECT category || '|' || author || '|' || body || '|' ||
	to_char(to_timestamp(expires_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')
	FROM yanxia_hub.notices WHERE hub_id = $nid")" = "紧急|楼组长|周四上午停水。|2026-11-30 18:00" ] ||
	fail "the lead's notice on the hub: $(q "SELECT row_to_json(n) FROM yanxia_hub.notices n WHERE hub_id = $nid")"
[ "$(q "SELECT login || ' ' || action || ' ' || target FROM yanxia_hub.staff_audit
	ORDER BY id DESC LIMIT 1")" = "zhangli notice.publish notice $nid building kangle-12" ] ||
	fail "add notice --as was not audited as zhangli's"
a2=$(audit)
as_lead add notice --building fuxing-3 --title 越权 --body 不该发出去。
[ $rc = 1 ] && grep -q '不能发布到楼栋 fuxing-3' "$T/err" || fail "a notice to fuxing-3: exit $rc, $(cat "$T/err")"
[ "$(q "SELECT count(*) FROM yanxia_hub.notices WHERE title = '越权'")|$(audit)" = "0|$a2" ] ||
	fail "a refused notice was written or audited"
as_lead add tip --building kangle-12 --month 2026-11 --title 入冬防流感 --body 勤洗手。 --author 张医生
[ $rc = 0 ] || fail "add tip --as: exit $rc, $(cat "$T/err")"
[ "$(q "SELECT login || ' ' || action FROM yanxia_hub.staff_audit ORDER BY id DESC LIMIT 1")" = \
	"zhangli health_tip.publish" ] || fail "add tip --as was not audited as zhangli's"
# a notice's --author and --publish (sql/hub/037): on the hub, audited under the login
as_lead add notice --building kangle-12 --title 定时 --body 正文。 --publish '2026-12-01 08:00' \
	--author 康乐物业
[ $rc = 0 ] || fail "add notice --as --publish --author: exit $rc, $(cat "$T/err")"
tid_n=$(hub_id_of notice)
[ "$(q "SELECT author || '|' || to_char(to_timestamp(publish_at) AT TIME ZONE 'Asia/Shanghai',
	'YYYY-MM-DD HH24:MI') FROM yanxia_hub.notices WHERE hub_id = $tid_n")" = "康乐物业|2026-12-01 08:00" ] ||
	fail "--author --publish on the hub: $(q "SELECT row_to_json(n) FROM yanxia_hub.notices n WHERE hub_id = $tid_n")"
[ "$(last_audit)" = "zhangli notice.publish notice $tid_n building kangle-12" ] ||
	fail "add notice --as --publish was not audited as zhangli's: $(last_audit)"
as_lead rm notice "$tid_n"
[ $rc = 0 ] || fail "rm of the --publish notice: exit $rc, $(cat "$T/err")"
as_lead add notice --scope kangle --title 全区 --body 正文。
[ $rc = 2 ] || fail "add notice --as --scope exited $rc"
[ "$(q "SELECT count(*) FROM yanxia_hub.notices WHERE title = '全区'")" = 0 ] ||
	fail "a refused add --as wrote a notice"

# --- add activity|roster|contact --hub --building B --as: to the lead's building only -
as_lead add activity --building kangle-12 --title 楼道清洁日 --place 一楼大厅 \
	--starts '2026-11-28 09:00' --deadline '2026-11-27 18:00' --capacity 12 --no-waitlist
[ $rc = 0 ] || fail "add activity --as: exit $rc, $(cat "$T/err")"
aid=$(hub_id_of activity)
[ -n "$aid" ] || fail "add activity --as said: $(cat "$T/out")"
[ "$(q "SELECT s.code || '|' || a.kind || '|' || a.title || '|' || a.place || '|' || a.capacity || '|' ||
	a.waitlist || '|' || a.organiser || '|' ||
	to_char(to_timestamp(a.starts_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') || '|' ||
	to_char(to_timestamp(a.signup_deadline) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')
	FROM yanxia_hub.activities a JOIN yanxia_hub.scopes s ON s.id = a.scope_id WHERE a.hub_id = $aid")" = \
	"kangle-12|event|楼道清洁日|一楼大厅|12|0|楼组长|2026-11-28 09:00|2026-11-27 18:00" ] ||
	fail "the lead's activity on the hub: $(q "SELECT row_to_json(a) FROM yanxia_hub.activities a WHERE hub_id = $aid")"
[ "$(last_audit)" = "zhangli activity.create activity $aid building kangle-12" ] ||
	fail "add activity --as was not audited as zhangli's: $(last_audit)"
as_lead add activity --building kangle-12 --kind team --title 拳操队 --schedule '每周二、四 早上7点' \
	--organiser 李阿姨
[ $rc = 0 ] && tid=$(hub_id_of activity) && [ -n "$tid" ] || fail "add activity --kind team --as: exit $rc, $(cat "$T/err")"
[ "$(q "SELECT kind || '|' || schedule || '|' || organiser || '|' || coalesce(starts_at, 0)
	FROM yanxia_hub.activities WHERE hub_id = $tid")" = "team|每周二、四 早上7点|李阿姨|0" ] ||
	fail "the lead's team on the hub: $(q "SELECT row_to_json(a) FROM yanxia_hub.activities a WHERE hub_id = $tid")"
as_lead add roster --building kangle-12 --day 2026-11-25 --slot '上午 8:00-12:00' --place 一楼大厅 \
	--person 王阿姨 --room 3502
[ $rc = 0 ] || fail "add roster --as: exit $rc, $(cat "$T/err")"
rid=$(hub_id_of roster)
[ -n "$rid" ] && [ "$(q "SELECT person || '|' || room || '|' || slot || '|' ||
	to_char(to_timestamp(day) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') FROM yanxia_hub.roster
	WHERE hub_id = $rid")" = "王阿姨|3502|上午 8:00-12:00|2026-11-25 00:00" ] ||
	fail "the lead's roster entry on the hub: $(cat "$T/out") $(q "SELECT row_to_json(r) FROM yanxia_hub.roster r")"
[ "$(last_audit)" = "zhangli roster.add roster $rid building kangle-12" ] ||
	fail "add roster --as was not audited as zhangli's: $(last_audit)"
as_lead add contact --building kangle-12 --kind property --name 康乐物业 --phone 021-55501234 \
	--note '工作日 8:30-17:00'
[ $rc = 0 ] || fail "add contact --as: exit $rc, $(cat "$T/err")"
cid=$(hub_id_of contact)
[ -n "$cid" ] && [ "$(q "SELECT kind || '|' || name || '|' || phone || '|' || note FROM yanxia_hub.contacts
	WHERE hub_id = $cid")" = "property|康乐物业|021-55501234|工作日 8:30-17:00" ] ||
	fail "the lead's contact on the hub: $(cat "$T/out") $(q "SELECT row_to_json(c) FROM yanxia_hub.contacts c")"
[ "$(last_audit)" = "zhangli contact.add contact $cid building kangle-12" ] ||
	fail "add contact --as was not audited as zhangli's: $(last_audit)"
# the same three to fuxing-3: refused as the hub words it, nothing written or audited
a4=$(audit)
n4="$(q "SELECT (SELECT count(*) FROM yanxia_hub.activities) + (SELECT count(*) FROM yanxia_hub.roster) +
	(SELECT count(*) FROM yanxia_hub.contacts)")"
for args in "activity --title 越权活动 --starts 2026-11-28" "roster --day 2026-11-25 --person 越权" \
	"contact --kind other --name 越权"; do
	# shellcheck disable=SC2086 # the words of $args are the options
	as_lead add $args --building fuxing-3
	[ $rc = 1 ] && grep -q '不能发布到楼栋 fuxing-3' "$T/err" || fail "add $args to fuxing-3: exit $rc, $(cat "$T/err")"
done
[ "$(q "SELECT (SELECT count(*) FROM yanxia_hub.activities) + (SELECT count(*) FROM yanxia_hub.roster) +
	(SELECT count(*) FROM yanxia_hub.contacts)")|$(audit)" = "$n4|$a4" ] ||
	fail "a refused add --as was written or audited"
# an activity's --ends and --max-party (sql/hub/037): on the hub, audited under the login
as_lead add activity --building kangle-12 --title 义诊 --place 活动室 --starts '2026-12-06 09:00' \
	--ends '2026-12-06 11:00' --max-party 2
[ $rc = 0 ] || fail "add activity --as --ends --max-party: exit $rc, $(cat "$T/err")"
xid=$(hub_id_of activity)
[ "$(q "SELECT to_char(to_timestamp(ends_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') || '|' ||
	max_party FROM yanxia_hub.activities WHERE hub_id = $xid")" = "2026-12-06 11:00|2" ] ||
	fail "--ends --max-party on the hub: $(q "SELECT row_to_json(a) FROM yanxia_hub.activities a WHERE hub_id = $xid")"
[ "$(last_audit)" = "zhangli activity.create activity $xid building kangle-12" ] ||
	fail "add activity --as --ends was not audited as zhangli's: $(last_audit)"
as_lead add activity --building kangle-12 --title 多人 --starts '2026-12-06 09:00' --max-party 30
[ $rc = 1 ] || fail "--max-party 30 --as: exit $rc, $(cat "$T/err")"
as_lead rm activity "$xid"
[ $rc = 0 ] || fail "rm of the --ends activity: exit $rc, $(cat "$T/err")"
# a contact's --qr and --sort (sql/hub/037) likewise
as_lead add contact --building kangle-12 --kind groupchat --name 12号楼群 --qr 'https://example.invalid/j/12' --sort 5
[ $rc = 0 ] || fail "add contact --as --qr --sort: exit $rc, $(cat "$T/err")"
qid=$(hub_id_of contact)
[ "$(q "SELECT qr_text || '|' || sort FROM yanxia_hub.contacts WHERE hub_id = $qid")" = "https://example.invalid/j/12|5" ] ||
	fail "--qr --sort on the hub: $(q "SELECT row_to_json(c) FROM yanxia_hub.contacts c WHERE hub_id = $qid")"
[ "$(last_audit)" = "zhangli contact.add contact $qid building kangle-12" ] ||
	fail "add contact --as --qr was not audited as zhangli's: $(last_audit)"
as_lead rm contact "$qid"
[ $rc = 0 ] || fail "rm of the --qr contact: exit $rc, $(cat "$T/err")"
a4=$(audit)
n4=$(q "SELECT (SELECT count(*) FROM yanxia_hub.activities) + (SELECT count(*) FROM yanxia_hub.roster) +
	(SELECT count(*) FROM yanxia_hub.contacts)")
# the kinds the library cannot publish are usage errors, and a room the local add
# refuses by its rule (exit 1, as without --as)
for args in "question --text 问 --room 301"; do
	# shellcheck disable=SC2086
	as_lead add $args --building kangle-12
	[ $rc = 2 ] || fail "add $args --as exited $rc: $(cat "$T/err")"
done
grep -q 'a question is typed in on its kiosk' "$T/err" || fail "add question --as said: $(cat "$T/err")"
as_lead add roster --day 2026-11-25 --person 李 --room 0 --building kangle-12
[ $rc = 1 ] && grep -q '房号不对' "$T/err" || fail "a bad room --as: exit $rc, $(cat "$T/err")"
[ "$(audit)" = "$a4" ] || fail "a refused add --as was audited"
y add phrase --help | grep -q -- '--as LOGIN' || fail "add phrase --help does not list --as"
y add wish --help | grep -q -- '--as' && fail "add wish --help lists --as"
y add poll --help | grep -q -- '--as LOGIN' || fail "add poll --help does not list --as"
y add roster --help | grep -q -- '--as LOGIN' || fail "add roster --help does not list --as"

# --- photo add --hub --building B --album NAME --as: one transaction, the lead's building only
noise_png "$T/p1.png" 40 30
noise_png "$T/p2.png" 30 40
a5=$(audit)
as_lead photo add "$T/p1.png" "$T/p2.png" --building kangle-12 --album 重阳节 --caption 包饺子 --consent
[ $rc = 0 ] || fail "photo add --as: exit $rc, $(cat "$T/err")"
[ "$(grep -c '^published photo .* on the hub (album 重阳节)$' "$T/out")" = 2 ] || fail "photo add --as said: $(cat "$T/out")"
[ "$(q "SELECT string_agg(p.width || 'x' || p.height || ' ' || p.caption || ' ' || p.consent || ' ' || s.code,
	',' ORDER BY p.hub_id) FROM yanxia_hub.photos p JOIN yanxia_hub.albums al ON al.hub_id = p.album_hub_id
	JOIN yanxia_hub.scopes s ON s.id = p.scope_id WHERE al.name = '重阳节'")" = \
	"40x30 包饺子 1 kangle-12,30x40 包饺子 1 kangle-12" ] ||
	fail "the lead's photos on the hub: $(q "SELECT json_agg(p) FROM yanxia_hub.photos p")"
[ "$(q "SELECT string_agg(action, ',' ORDER BY id) FROM yanxia_hub.staff_audit WHERE id > 0 AND login = 'zhangli'
	AND action IN ('album.add', 'photo.add') AND target LIKE '%building kangle-12'")" = "album.add,photo.add,photo.add" ] ||
	fail "photo add --as was not audited as zhangli's: $(last_audit)"
[ "$(audit)" = $((a5 + 3)) ] || fail "photo add --as wrote $(($(audit) - a5)) audit lines"
noise_png "$T/p3.png" 20 20
n5=$(q "SELECT count(*) FROM yanxia_hub.photos")
b5=$(q "SELECT count(*) FROM yanxia_hub.photo_blobs")
as_lead photo add "$T/p3.png" --building fuxing-3 --album 越权
[ $rc = 1 ] && grep -q '不能发布到楼栋 fuxing-3' "$T/err" || fail "photo add to fuxing-3: exit $rc, $(cat "$T/err")"
echo 'not a picture' >"$T/bad.png"
as_lead photo add "$T/p3.png" "$T/bad.png" --building kangle-12 --album 重阳节
[ $rc != 0 ] || fail "photo add --as with a file that is not an image succeeded"
[ "$(q "SELECT count(*) FROM yanxia_hub.photos")|$(q "SELECT count(*) FROM yanxia_hub.photo_blobs")|$(audit)" = \
	"$n5|$b5|$((a5 + 3))" ] || fail "a refused photo add --as left photos, files or audit lines"

# --- staff add|passwd|disable|enable --hub --as ADMIN: an administrator of the hub ------
# (their password first on stdin, then a new password); a lead may not
APW=hub-admin-pass-1
echo "$APW" | y staff add boss --role admin --hub "$HUB" >/dev/null || fail "staff add boss (owner)"
# as_admin STDIN ARGS...: yanxiactl ARGS --hub HUB --as boss with the lines of STDIN
as_admin() {
	in=$1
	shift
	rc=0
	printf '%s\n' "$in" | y "$@" --hub "$HUB" --as boss >"$T/out" 2>"$T/err" || rc=$?
}

as_admin "$APW
wangwu-pass-1" staff add wangwu --role lead --building kangle-12
[ $rc = 0 ] && [ "$(cat "$T/out")" = "added staff wangwu (lead) on the hub" ] ||
	fail "staff add --as boss: exit $rc, $(cat "$T/out") $(cat "$T/err")"
[ "$(q "SELECT m.role || ' ' || s.code FROM yanxia_hub.staff_members m JOIN yanxia_hub.scopes s
	ON s.id = m.scope_id WHERE login = 'wangwu'")" = "lead kangle-12" ] || fail "wangwu is not a lead of kangle-12"
[ "$(last_audit)" = "boss staff.add wangwu" ] || fail "staff add --as was not audited as boss's: $(last_audit)"
rc=0
echo wangwu-pass-1 | y add contact --building kangle-12 --kind other --name 王五 --hub "$HUB" --as wangwu \
	>/dev/null 2>"$T/err" || rc=$?
[ $rc = 0 ] || fail "wangwu cannot act with the password boss set: $(cat "$T/err")"
as_admin "$APW" staff disable wangwu
[ $rc = 0 ] && [ "$(q "SELECT disabled FROM yanxia_hub.staff_members WHERE login = 'wangwu'")" = t ] &&
	[ "$(last_audit)" = "boss staff.disable wangwu" ] || fail "staff disable --as: exit $rc, $(cat "$T/err")"
rc=0
echo wangwu-pass-1 | y add contact --building kangle-12 --kind other --name 停用 --hub "$HUB" --as wangwu \
	>/dev/null 2>"$T/err" || rc=$?
[ $rc = 1 ] && grep -q '停用' "$T/err" || fail "a disabled account acted: exit $rc, $(cat "$T/err")"
as_admin "$APW" staff enable wangwu
[ $rc = 0 ] && [ "$(last_audit)" = "boss staff.enable wangwu" ] || fail "staff enable --as: exit $rc, $(cat "$T/err")"
as_admin "$APW
wangwu-pass-2" staff passwd wangwu
[ $rc = 0 ] && [ "$(last_audit)" = "boss staff.passwd wangwu" ] || fail "staff passwd --as: exit $rc, $(cat "$T/err")"
rc=0
echo wangwu-pass-2 | y add contact --building kangle-12 --kind other --name 新密码 --hub "$HUB" --as wangwu \
	>/dev/null 2>"$T/err" || rc=$?
[ $rc = 0 ] || fail "the new password does not work: $(cat "$T/err")"
# a lead is not an administrator: nothing changes, nothing is audited
a7=$(audit)
rc=0
printf '%s\n%s\n' "$PW" "lisi-pass-123" | y staff add lisi --role lead --building kangle-12 --hub "$HUB" \
	--as zhangli >/dev/null 2>"$T/err" || rc=$?
[ $rc = 1 ] && [ "$(q "SELECT count(*) FROM yanxia_hub.staff_members WHERE login = 'lisi'")" = 0 ] ||
	fail "a lead's staff add: exit $rc, $(cat "$T/err")"
rc=0
echo "$PW" | y staff disable wangwu --hub "$HUB" --as zhangli >/dev/null 2>"$T/err" || rc=$?
[ $rc = 1 ] && [ "$(q "SELECT disabled FROM yanxia_hub.staff_members WHERE login = 'wangwu'")" = f ] ||
	fail "a lead's staff disable: exit $rc, $(cat "$T/err")"
[ "$(audit)" = "$a7" ] || fail "a lead's account step was audited"
rc=0
echo "$APW" | y staff disable wangwu --hub "$HUB" >/dev/null 2>&1 || rc=$?
[ $rc = 2 ] || fail "staff disable --hub without --as exited $rc"

# --- add poll --as and rm activity --as: the lead's building only ---------------------
a8=$(audit)
as_lead add poll --building kangle-12 --question 是否同意加装电梯 --description '费用按楼层分摊。' \
	--option 同意 --option 不同意 --option '再议："方案二"\北侧' --closes '2030-12-31 18:00'
[ $rc = 0 ] || fail "add poll --as: exit $rc, $(cat "$T/err")"
pid=$(hub_id_of poll)
[ -n "$pid" ] || fail "add poll --as said: $(cat "$T/out")"
[ "$(q "SELECT s.code || '|' || p.question || '|' || p.description || '|' ||
	to_char(to_timestamp(p.closes_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') || '|' ||
	(SELECT string_agg(o.label, ',' ORDER BY o.sort) FROM yanxia_hub.poll_options o WHERE o.poll_hub_id = p.hub_id)
	FROM yanxia_hub.polls p JOIN yanxia_hub.scopes s ON s.id = p.scope_id WHERE p.hub_id = $pid")" = \
	"kangle-12|是否同意加装电梯|费用按楼层分摊。|2030-12-31 18:00|同意,不同意,再议：\"方案二\"\\北侧" ] ||
	fail "the lead's poll on the hub: $(q "SELECT row_to_json(p) FROM yanxia_hub.polls p WHERE hub_id = $pid")"
[ "$(last_audit)" = "zhangli poll.create poll $pid building kangle-12" ] ||
	fail "add poll --as was not audited as zhangli's: $(last_audit)"
sync_k a >/dev/null || fail "the poll to a"
[ "$(kq a "SELECT count(*) FROM polls WHERE hub_id = $pid AND deleted = 0")" = 1 ] || fail "the poll is not on a"
n8=$(q "SELECT count(*) FROM yanxia_hub.polls")
as_lead add poll --building fuxing-3 --question 越权征询 --option 同意 --option 不同意 --closes '2030-12-31'
[ $rc = 1 ] && grep -q '不能发布到楼栋 fuxing-3' "$T/err" || fail "a poll to fuxing-3: exit $rc, $(cat "$T/err")"
as_lead add poll --building kangle-12 --question 一个选项 --option 同意 --closes '2030-12-31'
[ $rc = 2 ] || fail "a poll with one option --as exited $rc"
[ "$(q "SELECT count(*) FROM yanxia_hub.polls")|$(audit)" = "$n8|$((a8 + 1))" ] ||
	fail "a refused poll --as was written or audited"
# rm activity --as: another area's is not found, the lead's own is withdrawn (and leaves a)
y add activity --hub "$HUB" --building fuxing-3 --title 复兴义诊 --starts '2026-11-28 09:00' >/dev/null ||
	fail "the owner's activity of fuxing-3"
f3=$(q "SELECT hub_id FROM yanxia_hub.activities WHERE title = '复兴义诊'")
sync_k a >/dev/null || fail "sync a before rm activity"
[ "$(kq a "SELECT deleted FROM activities WHERE hub_id = $aid")" = 0 ] || fail "the lead's activity is not on a"
as_lead rm activity "$f3"
[ $rc = 1 ] && grep -q '没有找到这一项' "$T/err" || fail "rm of fuxing-3's activity: exit $rc, $(cat "$T/err")"
[ "$(q "SELECT deleted FROM yanxia_hub.activities WHERE hub_id = $f3")|$(audit)" = "f|$((a8 + 1))" ] ||
	fail "a refused rm activity --as removed or audited"
as_lead rm activity "$aid"
[ $rc = 0 ] && [ "$(cat "$T/out")" = "removed activity $aid on the hub" ] || fail "rm activity --as: exit $rc, $(cat "$T/err")"
[ "$(q "SELECT deleted FROM yanxia_hub.activities WHERE hub_id = $aid")" = t ] || fail "the activity is still up"
[ "$(q "SELECT login || ' ' || action || ' ' || target || ' ' || before FROM yanxia_hub.staff_audit
	ORDER BY id DESC LIMIT 1")" = "zhangli activity.withdraw activity $aid building kangle-12 楼道清洁日" ] ||
	fail "rm activity --as was not audited as zhangli's: $(last_audit)"
as_lead rm activity "$aid"
[ $rc = 1 ] && grep -q '没有找到这一项' "$T/err" || fail "rm of a withdrawn activity: exit $rc"
sync_k a >/dev/null || fail "sync a after rm activity"
[ "$(kq a "SELECT deleted FROM activities WHERE hub_id = $aid")" = 1 ] || fail "the withdrawn activity is still on a"

# --- rm poll --as: another area's poll is not found, the lead's own leaves the hub and a
y add poll --hub "$HUB" --building fuxing-3 --question 复兴征询 --option 同意 --option 不同意 \
	--closes '2030-12-31 18:00' >/dev/null || fail "the owner's poll of fuxing-3"
p3=$(q "SELECT hub_id FROM yanxia_hub.polls WHERE question = '复兴征询'")
a9=$(audit)
as_lead rm poll "$p3"
[ $rc = 1 ] && grep -q '没有找到这一项' "$T/err" || fail "rm of fuxing-3's poll: exit $rc, $(cat "$T/err")"
[ "$(q "SELECT deleted FROM yanxia_hub.polls WHERE hub_id = $p3")|$(audit)" = "f|$a9" ] ||
	fail "a refused rm poll --as removed or audited"
as_lead rm poll "$pid"
[ $rc = 0 ] && [ "$(cat "$T/out")" = "removed poll $pid on the hub" ] || fail "rm poll --as: exit $rc, $(cat "$T/err")"
[ "$(q "SELECT deleted FROM yanxia_hub.polls WHERE hub_id = $pid")" = t ] || fail "the poll is still up"
[ "$(q "SELECT login || ' ' || action || ' ' || target || ' ' || before FROM yanxia_hub.staff_audit
	ORDER BY id DESC LIMIT 1")" = "zhangli poll.withdraw poll $pid building kangle-12 是否同意加装电梯" ] ||
	fail "rm poll --as was not audited as zhangli's: $(last_audit)"
[ "$(audit)" = $((a9 + 1)) ] || fail "rm poll --as wrote $(($(audit) - a9)) audit lines"
as_lead rm poll "$pid"
[ $rc = 1 ] && grep -q '没有找到这一项' "$T/err" || fail "rm of a withdrawn poll: exit $rc"
sync_k a >/dev/null || fail "sync a after rm poll"
[ "$(kq a "SELECT deleted FROM polls WHERE hub_id = $pid")" = 1 ] || fail "the withdrawn poll is still on a"

# --- edit notice|activity HUB_ID --hub --as: only the fields given, the lead's scope only
# notice_row ID: what the hub holds of notice ID
notice_row() {
	q "SELECT title || '|' || category || '|' || body || '|' || pinned || '|' || coalesce(
	to_char(to_timestamp(expires_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'), 'never')
	FROM yanxia_hub.notices WHERE hub_id = $1"
}
a10=$(audit)
as_lead edit notice "$nid" --title 停水通知（改期）
[ $rc = 0 ] && [ "$(cat "$T/out")" = "updated notice $nid on the hub" ] ||
	fail "edit notice --as: exit $rc, $(cat "$T/out") $(cat "$T/err")"
[ "$(notice_row "$nid")" = "停水通知（改期）|紧急|周四上午停水。|0|2026-11-30 18:00" ] ||
	fail "edit notice --title --as changed more than the title: $(notice_row "$nid")"
[ "$(q "SELECT login || ' ' || action || ' ' || target || ' ' || before || ' ' || after
	FROM yanxia_hub.staff_audit ORDER BY id DESC LIMIT 1")" = \
	"zhangli notice.update notice $nid 停水通知 停水通知（改期）" ] ||
	fail "edit notice --as was not audited as zhangli's: $(last_audit)"
printf '周五上午停水，请提前储水。\n' >"$T/body.txt"
as_lead edit notice "$nid" --body-file "$T/body.txt" --category 通知 --pinned --no-expiry
[ $rc = 0 ] || fail "edit notice --body-file --as: exit $rc, $(cat "$T/err")"
[ "$(notice_row "$nid")" = "停水通知（改期）|通知|周五上午停水，请提前储水。|1|never" ] ||
	fail "edit notice --body-file --as: $(notice_row "$nid")"
[ "$(audit)" = $((a10 + 2)) ] || fail "two edits wrote $(($(audit) - a10)) audit lines"
# another area's notice is not found; options the hub has no field for, --hub without
# --as, and kinds the library cannot edit are usage errors; nothing changes or is audited
n3row=$(notice_row "$n3")
as_lead edit notice "$n3" --title 越权
[ $rc = 1 ] && grep -q '没有找到这一项' "$T/err" || fail "edit of fuxing-3's notice: exit $rc, $(cat "$T/err")"
as_lead edit notice "$nid" --title 错误 --category 不存在的分类
[ $rc = 1 ] || fail "edit notice --as with an unknown category exited $rc"
for args in "activity $tid --kind event" "tip 1 --title 新" "notice --title 无号"; do
	# shellcheck disable=SC2086
	as_lead edit $args
	[ $rc = 2 ] || fail "edit $args --as exited $rc: $(cat "$T/err")"
done
# the local edit's own checks come before the password is asked (none on stdin here)
for args in "notice $nid --colour red" "notice $nid --body x --body-file $T/body.txt" \
	"activity $tid --capacity 100001" "activity $tid --waitlist --no-waitlist"; do
	rc=0
	# shellcheck disable=SC2086
	y edit $args --hub "$HUB" --as zhangli </dev/null >/dev/null 2>"$T/err" || rc=$?
	[ $rc = 2 ] && ! grep -q 'password' "$T/err" || fail "edit $args --as: exit $rc, $(cat "$T/err")"
done
rc=0
y edit notice "$nid" --title 店主 --hub "$HUB" >/dev/null 2>"$T/err" || rc=$?
[ $rc = 2 ] && grep -q 'needs --as' "$T/err" || fail "edit --hub without --as: exit $rc, $(cat "$T/err")"
[ "$(notice_row "$n3")|$(notice_row "$nid")|$(audit)" = \
	"$n3row|停水通知（改期）|通知|周五上午停水，请提前储水。|1|never|$((a10 + 2))" ] ||
	fail "a refused edit --as changed or audited something"
y edit notice --help | grep -q -- '--as LOGIN' || fail "edit notice --help does not list --as"
# activity_row ID: what the hub holds of activity ID
activity_row() {
	q "SELECT title || '|' || place || '|' || schedule || '|' || capacity || '|' || waitlist || '|' ||
	organiser FROM yanxia_hub.activities WHERE hub_id = $1"
}
as_lead edit activity "$tid" --place 小区花园 --capacity 20
[ $rc = 0 ] && [ "$(cat "$T/out")" = "updated activity $tid on the hub" ] ||
	fail "edit activity --as: exit $rc, $(cat "$T/err")"
[ "$(activity_row "$tid")" = "拳操队|小区花园|每周二、四 早上7点|20|1|李阿姨" ] ||
	fail "edit activity --as: $(activity_row "$tid")"
[ "$(q "SELECT login || ' ' || action || ' ' || target || ' ' || after FROM yanxia_hub.staff_audit
	ORDER BY id DESC LIMIT 1")" = "zhangli activity.update activity $tid 拳操队; capacity 20" ] ||
	fail "edit activity --as was not audited as zhangli's: $(last_audit)"
a11=$(audit)
f3row=$(activity_row "$f3")
as_lead edit activity "$f3" --capacity 1
[ $rc = 1 ] && grep -q '没有找到这一项' "$T/err" || fail "edit of fuxing-3's activity: exit $rc, $(cat "$T/err")"
[ "$(activity_row "$f3")|$(audit)" = "$f3row|$a11" ] || fail "a refused edit activity --as changed or audited"
sync_k a >/dev/null || fail "sync a after the edits"
[ "$(kq a "SELECT title || '|' || pinned FROM notices WHERE hub_id = $nid")" = "停水通知（改期）|1" ] &&
	[ "$(kq a "SELECT place || '|' || capacity FROM activities WHERE hub_id = $tid")" = "小区花园|20" ] ||
	fail "the edits did not reach a"

# --- an edit --as overtaken (sql/hub/036_staff_edit_fields.sql) -----------------------
# someone else's change to a field not given lands after zhangli's edit read the row and
# before it writes (the order made by events, not by time): the edit is refused with the sentence, the other change stays and
# nothing is audited; read again, the same edit goes through and keeps it.
# until_q SQL WANT: polls the hub (every 0.1 s, for up to a minute) until SQL answers WANT
until_q() {
	i=0
	until [ "$(q "$1")" = "$2" ]; do
		i=$((i + 1))
		[ $i -lt 600 ] || fail "waited a minute for: $1"
		sleep 0.1
	done
}
# overtaken KIND HUB_ID PAYLOAD EDIT_OPTION...: the owner's change of KIND HUB_ID is made
# in a transaction held open (its psql reads a FIFO); zhangli's edit starts, reads the
# row and then waits for the hub's change lock (seen in pg_stat_activity); only then
# does the change commit, and the edit goes on. Sets rc to the edit's exit code.
overtaken() {
	kind=$1 id=$2 payload=$3
	shift 3
	rm -f "$T/ov" && mkfifo "$T/ov"
	psql "$HUB" -XAtq -v ON_ERROR_STOP=1 <"$T/ov" >/dev/null &
	other=$!
	exec 7>"$T/ov"
	printf "BEGIN;\nSELECT yanxia_hub.hub_publish('%s', NULL, '%s'::jsonb, %s);\n" \
		"$kind" "$payload" "$id" >&7
	until_q "SELECT count(*) FROM pg_stat_activity WHERE state = 'idle in transaction'
		AND query LIKE '%hub_publish%'" 1
	(
		as_lead edit "$kind" "$id" "$@"
		echo $rc >"$T/rc"
	) &
	edit=$!
	until_q "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'
		AND datname = current_database()" 1
	printf "COMMIT;\n" >&7
	exec 7>&-
	wait $other || fail "the other change of $kind $id failed"
	wait $edit
	rc=$(cat "$T/rc")
}
a12=$(audit)
overtaken notice "$nid" '{"body": "别人刚改的正文。"}' --title 停水通知（再改）
[ $rc = 1 ] && grep -q '这条内容刚被别人改过，请重新查看后再改' "$T/err" &&
	grep -q 'nothing was saved: the same command again edits the notice as it is now' "$T/err" ||
	fail "an overtaken edit notice --as: exit $rc, $(cat "$T/out") $(cat "$T/err")"
[ "$(notice_row "$nid")|$(audit)" = "停水通知（改期）|通知|别人刚改的正文。|1|never|$a12" ] ||
	fail "an overtaken edit notice --as wrote: $(notice_row "$nid")|$(audit)"
as_lead edit notice "$nid" --title 停水通知（再改）
[ $rc = 0 ] && [ "$(notice_row "$nid")" = "停水通知（再改）|通知|别人刚改的正文。|1|never" ] ||
	fail "edit notice --as read again: exit $rc, $(notice_row "$nid") $(cat "$T/err")"
overtaken activity "$tid" '{"organiser": "王老师"}' --capacity 25
[ $rc = 1 ] && grep -q '这条内容刚被别人改过，请重新查看后再改' "$T/err" ||
	fail "an overtaken edit activity --as: exit $rc, $(cat "$T/err")"
[ "$(activity_row "$tid")|$(audit)" = "拳操队|小区花园|每周二、四 早上7点|20|1|王老师|$((a12 + 1))" ] ||
	fail "an overtaken edit activity --as wrote: $(activity_row "$tid")|$(audit)"
as_lead edit activity "$tid" --capacity 25
[ $rc = 0 ] && [ "$(activity_row "$tid")" = "拳操队|小区花园|每周二、四 早上7点|25|1|王老师" ] ||
	fail "edit activity --as read again: exit $rc, $(activity_row "$tid") $(cat "$T/err")"

# --- edit --as of a notice's author and publish time, an activity's end and party size
# (sql/hub/038): on the hub, audited with before and after; an edit without them keeps them
as_lead edit notice "$nid" --author 康乐物业 --publish '2026-11-24 08:00'
[ $rc = 0 ] || fail "edit notice --author --publish --as: exit $rc, $(cat "$T/err")"
# notice_more ID: title, author and publish time of notice ID on the hub
notice_more() {
	q "SELECT title || '|' || author || '|' || to_char(to_timestamp(publish_at) AT TIME ZONE
	'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') FROM yanxia_hub.notices WHERE hub_id = $1"
}
[ "$(notice_more "$nid")" = "停水通知（再改）|康乐物业|2026-11-24 08:00" ] ||
	fail "edit notice --author --publish --as: $(notice_more "$nid")"
[ "$(q "SELECT login || ' ' || action || ' ' || target || ' ' || before || ' > ' || after
	FROM yanxia_hub.staff_audit ORDER BY id DESC LIMIT 1")" = "zhangli notice.update notice $nid \
停水通知（再改）; by 楼组长; from 1795399200 > 停水通知（再改）; by 康乐物业; from 1795478400" ] ||
	fail "edit notice --author --as was not audited with before and after: $(audit_row)"
as_lead edit notice "$nid" --title 停水通知（定稿）
[ $rc = 0 ] && [ "$(notice_more "$nid")" = "停水通知（定稿）|康乐物业|2026-11-24 08:00" ] ||
	fail "an edit of the title alone lost the author or the publish time: $(notice_more "$nid") $(cat "$T/err")"
a14=$(audit)
as_lead edit notice "$nid" --publish '2026-12-05 08:00' --expires '2026-12-01 00:00'
[ $rc = 1 ] && [ "$(notice_more "$nid")|$(audit)" = "停水通知（定稿）|康乐物业|2026-11-24 08:00|$a14" ] ||
	fail "an expiry before the publish time --as: exit $rc, $(notice_more "$nid") $(cat "$T/err")"
as_lead add activity --building kangle-12 --title 读书会 --place 活动室 --starts '2026-12-10 14:00' --capacity 10
eid=$(hub_id_of activity)
[ $rc = 0 ] && [ -n "$eid" ] || fail "add activity 读书会 --as: exit $rc, $(cat "$T/err")"
# activity_more ID: title, capacity, end time and party size of activity ID on the hub
activity_more() {
	q "SELECT title || '|' || capacity || '|' || coalesce(to_char(to_timestamp(ends_at) AT TIME ZONE
	'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'), 'none') || '|' || max_party
	FROM yanxia_hub.activities WHERE hub_id = $1"
}
as_lead edit activity "$eid" --ends '2026-12-10 16:00' --max-party 2
[ $rc = 0 ] && [ "$(activity_more "$eid")" = "读书会|10|2026-12-10 16:00|2" ] ||
	fail "edit activity --ends --max-party --as: exit $rc, $(activity_more "$eid") $(cat "$T/err")"
[ "$(q "SELECT login || ' ' || action || ' ' || target || ' ' || before || ' > ' || after
	FROM yanxia_hub.staff_audit ORDER BY id DESC LIMIT 1")" = "zhangli activity.update activity $eid \
读书会; capacity 10; ends 0; max party 4 > 读书会; capacity 10; ends 1796889600; max party 2" ] ||
	fail "edit activity --ends --as was not audited with before and after: $(audit_row)"
as_lead edit activity "$eid" --capacity 12
[ $rc = 0 ] && [ "$(activity_more "$eid")" = "读书会|12|2026-12-10 16:00|2" ] ||
	fail "an edit of the capacity alone lost the end or the party size: $(activity_more "$eid") $(cat "$T/err")"
a14=$(audit)
for args in "--max-party 30" "--ends 2026-12-10 12:00" "--max-party 0 --capacity x"; do
	# shellcheck disable=SC2086
	as_lead edit activity "$eid" $args
	[ $rc != 0 ] || fail "edit activity $args --as went through"
done
[ "$(activity_more "$eid")|$(audit)" = "读书会|12|2026-12-10 16:00|2|$a14" ] ||
	fail "a refused edit activity --as changed or audited: $(activity_more "$eid")"
# the hub checks them itself, whatever the client: as zhangli, straight to 038's functions
as_sql() {
	PGPASSWORD=$PW psql "$(echo "$HUB" | sed 's/ *user=postgres//') user=yanxia_staff_zhangli" -XAtq -v ON_ERROR_STOP=1 \
		-c "$1" 2>&1
}
a14=$(audit)
for call in "staff_update_activity($eid, '读书会', '', '活动室', 1796882400, '', 0, 12, true, '', NULL, 0, 30)|每户最多报名人数要在1到20之间" \
	"staff_update_activity($eid, '读书会', '', '活动室', 1796882400, '', 0, 12, true, '', NULL, 1796882000, NULL)|结束时间不能早于开始时间" \
	"staff_update_notice($nid, 't', 'b', '通知', 0, 1795478400, NULL, NULL, 1795478400)|过期时间要晚于发布时间" \
	"staff_update_notice($n3, 't', 'b', '通知', 0, NULL, NULL, '越权', NULL)|没有找到这一项"; do
	out=$(as_sql "SELECT yanxia_hub.${call%%|*}") && fail "the hub took ${call%%|*}: $out"
	echo "$out" | grep -q "${call#*|}" || fail "${call%%|*} refused as: $out"
done
[ "$(notice_more "$nid")|$(activity_more "$eid")|$(audit)" = \
	"停水通知（定稿）|康乐物业|2026-11-24 08:00|读书会|12|2026-12-10 16:00|2|$a14" ] ||
	fail "a call the hub refused wrote or audited"
sync_k a >/dev/null || fail "sync a after the edits of sql/hub/038"
[ "$(kq a "SELECT author || '|' || publish_at FROM notices WHERE hub_id = $nid")|$(kq a "SELECT ends_at ||
	'|' || max_party FROM activities WHERE hub_id = $eid")" = "康乐物业|1795478400|1796889600|2" ] ||
	fail "the edits of sql/hub/038 did not reach a"
# --author '': signed by the member's role (zhangli: 楼组长), as the console's emptied 署名
as_lead edit notice "$nid" --author ''
[ $rc = 0 ] && [ "$(notice_more "$nid")" = "停水通知（定稿）|楼组长|2026-11-24 08:00" ] ||
	fail "edit notice --author '' --as: exit $rc, $(notice_more "$nid") $(cat "$T/err")"
[ "$(q "SELECT before || ' > ' || after FROM yanxia_hub.staff_audit ORDER BY id DESC LIMIT 1")" = \
	"停水通知（定稿）; by 康乐物业; from 1795478400 > 停水通知（定稿）; by 楼组长; from 1795478400" ] ||
	fail "edit notice --author '' --as was not audited"
as_lead edit notice "$nid" --author 康乐物业 # as the rest of this test has it
[ $rc = 0 ] || fail "edit notice --author 康乐物业 --as: exit $rc, $(cat "$T/err")"

# --- albums and quick phrases --as (sql/hub/035): the lead's building only ------------
# audit_row: the last audit line whole
audit_row() {
	q "SELECT login || ' ' || action || ' ' || target || ' ' || before || ' ' || after
	FROM yanxia_hub.staff_audit ORDER BY id DESC LIMIT 1"
}
a12=$(audit)
as_lead add album --name 中秋节 --kind event --description '中秋游园' --date 2026-10-06 --sort 3 \
	--building kangle-12
alb=$(hub_id_of album)
[ $rc = 0 ] && [ -n "$alb" ] || fail "add album --as: exit $rc, $(cat "$T/out") $(cat "$T/err")"
[ "$(q "SELECT a.name || '|' || a.kind || '|' || a.description || '|' || (a.event_at > 0) || '|' || a.sort
	|| '|' || s.code FROM yanxia_hub.albums a JOIN yanxia_hub.scopes s ON s.id = a.scope_id
	WHERE a.hub_id = $alb")" = "中秋节|event|中秋游园|true|3|kangle-12" ] ||
	fail "the lead's album on the hub: $(q "SELECT row_to_json(a) FROM yanxia_hub.albums a WHERE hub_id = $alb")"
[ "$(audit_row)" = "zhangli album.add album $alb building kangle-12  中秋节" ] ||
	fail "add album --as was not audited as zhangli's: $(audit_row)"
as_lead add phrase --form suggestion --text '电梯有异响' --sort 2 --building kangle-12
phr=$(hub_id_of phrase)
[ $rc = 0 ] && [ -n "$phr" ] || fail "add phrase --as: exit $rc, $(cat "$T/out") $(cat "$T/err")"
[ "$(q "SELECT p.form || '|' || p.text || '|' || p.sort || '|' || s.code FROM yanxia_hub.quick_phrases p
	JOIN yanxia_hub.scopes s ON s.id = p.scope_id WHERE p.hub_id = $phr")" = "suggestion|电梯有异响|2|kangle-12" ] ||
	fail "the lead's phrase on the hub"
[ "$(audit_row)" = "zhangli phrase.add phrase $phr building kangle-12  suggestion: 电梯有异响" ] ||
	fail "add phrase --as was not audited as zhangli's: $(audit_row)"
[ "$(audit)" = $((a12 + 2)) ] || fail "add album|phrase --as wrote $(($(audit) - a12)) audit lines"
# the same phrase again is the one there: nothing written
as_lead add phrase --form suggestion --text '电梯有异响' --building kangle-12
[ $rc = 0 ] && [ "$(hub_id_of phrase)" = "$phr" ] && [ "$(audit)" = $((a12 + 2)) ] ||
	fail "the same phrase again: exit $rc, $(cat "$T/out") $(cat "$T/err")"
as_lead edit album "$alb" --name 中秋游园会
[ $rc = 0 ] && [ "$(cat "$T/out")" = "updated album $alb on the hub" ] ||
	fail "edit album --as: exit $rc, $(cat "$T/out") $(cat "$T/err")"
[ "$(q "SELECT name || '|' || description || '|' || sort FROM yanxia_hub.albums WHERE hub_id = $alb")" = \
	"中秋游园会|中秋游园|3" ] || fail "edit album --name --as changed more than the name"
[ "$(audit_row)" = "zhangli album.rename album $alb building kangle-12 中秋节 中秋游园会" ] ||
	fail "edit album --as was not audited as zhangli's: $(audit_row)"
# the rest of an album (sql/hub/039): kind, description, date and order, audited whole
as_lead edit album "$alb" --kind 笑脸墙 --description '中秋游园会的笑脸' --date 2026-10-07 --sort 1
[ $rc = 0 ] && [ "$(cat "$T/out")" = "updated album $alb on the hub" ] ||
	fail "edit album --kind --description --date --sort --as: exit $rc, $(cat "$T/out") $(cat "$T/err")"
# album_row ID: what the hub holds of album ID
album_row() {
	q "SELECT name || '|' || kind || '|' || description || '|' || to_char(to_timestamp(event_at)
	AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') || '|' || sort FROM yanxia_hub.albums WHERE hub_id = $1"
}
[ "$(album_row "$alb")" = "中秋游园会|portraits|中秋游园会的笑脸|2026-10-07|1" ] ||
	fail "edit album --as on the hub: $(album_row "$alb")"
[ "$(q "SELECT login || ' ' || action || ' ' || target FROM yanxia_hub.staff_audit ORDER BY id DESC
	LIMIT 1")" = "zhangli album.update album $alb building kangle-12" ] &&
	q "SELECT before || ' > ' || after FROM yanxia_hub.staff_audit ORDER BY id DESC LIMIT 1" |
	grep -q '^{"kind": "event", "sort": 3, "event_at": [0-9]*, "description": "中秋游园"} > {"kind": "portraits", "sort": 1, "event_at": [0-9]*, "description": "中秋游园会的笑脸"}$' ||
	fail "edit album --as was not audited as zhangli's: $(audit_row)"
sync_k a >/dev/null || fail "sync a after add album|phrase"
[ "$(kq a "SELECT kind || '|' || description || '|' || sort FROM albums WHERE hub_id = $alb")" = \
	"portraits|中秋游园会的笑脸|1" ] || fail "the album's edit is not on a"
[ "$(kq a "SELECT name FROM albums WHERE hub_id = $alb AND deleted = 0")" = 中秋游园会 ] ||
	fail "the lead's album is not on a"
[ "$(kq a "SELECT form || ' ' || text FROM quick_phrases WHERE hub_id = $phr AND deleted = 0")" = \
	"suggestion 电梯有异响" ] || fail "the lead's phrase is not on a"
[ "$(kq a "SELECT count(*) FROM photos p JOIN albums al ON al.id = p.album_id
	WHERE al.name = '重阳节' AND p.deleted = 0")" = 2 ] || fail "the 重阳节 photos are not on a"
# an album's edit overtaken (sql/hub/041: its revision read with it): refused, the other
# change stays, nothing audited; read again, it goes through, audited with the one field
a13=$(audit)
overtaken album "$alb" '{"description": "别人刚改的说明"}' --sort 2
[ $rc = 1 ] && grep -q '这条内容刚被别人改过，请重新查看后再改' "$T/err" &&
	grep -q 'nothing was saved: the same command again edits the album as it is now' "$T/err" ||
	fail "an overtaken edit album --as: exit $rc, $(cat "$T/out") $(cat "$T/err")"
[ "$(album_row "$alb")|$(audit)" = "中秋游园会|portraits|别人刚改的说明|2026-10-07|1|$a13" ] ||
	fail "an overtaken edit album --as wrote: $(album_row "$alb")|$(audit)"
as_lead edit album "$alb" --sort 2
[ $rc = 0 ] && [ "$(album_row "$alb")|$(audit)" = "中秋游园会|portraits|别人刚改的说明|2026-10-07|2|$((a13 + 1))" ] ||
	fail "edit album --as read again: exit $rc, $(album_row "$alb") $(cat "$T/err")"
[ "$(q "SELECT before || ' > ' || after FROM yanxia_hub.staff_audit ORDER BY id DESC LIMIT 1")" = \
	'{"sort": 1} > {"sort": 2}' ] || fail "edit album --sort --as audited: $(audit_row)"
# the same values again: nothing written, nothing audited
arev=$(q "SELECT rev FROM yanxia_hub.albums WHERE hub_id = $alb")
as_lead edit album "$alb" --sort 2
[ $rc = 0 ] && [ "$(q "SELECT rev FROM yanxia_hub.albums WHERE hub_id = $alb")|$(audit)" = "$arev|$((a13 + 1))" ] ||
	fail "an edit album --as that changes nothing wrote or audited"
# a hub without 041 (its read renamed away): the edit goes as before, without the check
q "ALTER FUNCTION yanxia_hub.staff_album_edit(bigint) RENAME TO staff_album_edit_away" >/dev/null
as_lead edit album "$alb" --sort 3
[ $rc = 0 ] && [ "$(album_row "$alb")" = "中秋游园会|portraits|别人刚改的说明|2026-10-07|3" ] ||
	fail "edit album --as on a hub without 041: exit $rc, $(album_row "$alb") $(cat "$T/err")"
q "ALTER FUNCTION yanxia_hub.staff_album_edit_away(bigint) RENAME TO staff_album_edit" >/dev/null
# another area's album and phrase, and a building outside the scope: exit 1, nothing
# written, nothing audited; options the staff function has no field for: usage errors
y add album --hub "$HUB" --building fuxing-3 --name 复兴相册 >/dev/null || fail "the owner's album of fuxing-3"
y add phrase --hub "$HUB" --building fuxing-3 --form wish --text 复兴短语 >/dev/null ||
	fail "the owner's phrase of fuxing-3"
fal=$(q "SELECT hub_id FROM yanxia_hub.albums WHERE name = '复兴相册'")
fph=$(q "SELECT hub_id FROM yanxia_hub.quick_phrases WHERE text = '复兴短语'")
a13=$(audit)
n13="$(q "SELECT count(*) FROM yanxia_hub.albums")|$(q "SELECT count(*) FROM yanxia_hub.quick_phrases")"
for args in "rm album $fal" "rm phrase $fph" "edit album $fal --name 越权" "edit album $fal --sort 1"; do
	# shellcheck disable=SC2086
	as_lead $args
	[ $rc = 1 ] && grep -q '没有找到这一项' "$T/err" || fail "$args --as: exit $rc, $(cat "$T/err")"
done
for args in "album --name 越权" "phrase --form wish --text 越权"; do
	# shellcheck disable=SC2086
	as_lead add $args --building fuxing-3
	[ $rc = 1 ] && grep -q '不能发布到楼栋 fuxing-3' "$T/err" || fail "add $args to fuxing-3: exit $rc, $(cat "$T/err")"
done
as_lead add album --name 中秋游园会 --building kangle-12
[ $rc = 1 ] && grep -q '已经有叫“中秋游园会”的相册' "$T/err" || fail "a second 中秋游园会: exit $rc, $(cat "$T/err")"
as_lead edit album "$alb" --name 重阳节
[ $rc = 1 ] || fail "renaming to a taken name exited $rc"
as_lead edit album "$alb" --kind 风景
[ $rc = 1 ] && grep -q 'is not portraits or event' "$T/err" || fail "an album of no kind --as: exit $rc, $(cat "$T/err")"
for args in "edit album $alb" "edit phrase $phr --text x"; do
	# shellcheck disable=SC2086
	as_lead $args
	[ $rc = 2 ] || fail "$args --as exited $rc: $(cat "$T/err")"
done
as_lead add phrase --form 表扬 --text x --building kangle-12
[ $rc = 1 ] && grep -q 'is not suggestion, wish or question' "$T/err" || fail "a phrase of no form: exit $rc"
[ "$(q "SELECT count(*) FROM yanxia_hub.albums")|$(q "SELECT count(*) FROM yanxia_hub.quick_phrases")|$(audit)" = \
	"$n13|$a13" ] || fail "a refused album|phrase --as was written or audited"
[ "$(q "SELECT deleted || name FROM yanxia_hub.albums WHERE hub_id = $fal")|$(q "SELECT deleted
	FROM yanxia_hub.quick_phrases WHERE hub_id = $fph")|$(q "SELECT name FROM yanxia_hub.albums
	WHERE hub_id = $alb")" = "false复兴相册|f|中秋游园会" ] || fail "a refused rm|edit --as changed something"
# the lead withdraws 重阳节 (its photos with it) and the phrase; the kiosk loses them
zal=$(q "SELECT hub_id FROM yanxia_hub.albums WHERE name = '重阳节'")
as_lead rm album "$zal"
[ $rc = 0 ] && [ "$(cat "$T/out")" = "removed album $zal on the hub" ] || fail "rm album --as: exit $rc, $(cat "$T/err")"
[ "$(q "SELECT deleted FROM yanxia_hub.albums WHERE hub_id = $zal")|$(q "SELECT count(*)
	FROM yanxia_hub.photos WHERE album_hub_id = $zal AND NOT deleted")" = "t|0" ] ||
	fail "the album or its photos are still up on the hub"
[ "$(audit_row)" = "zhangli album.withdraw album $zal building kangle-12 重阳节 (2 photos) " ] ||
	fail "rm album --as was not audited as zhangli's: $(audit_row)"
as_lead rm phrase "$phr"
[ $rc = 0 ] && [ "$(cat "$T/out")" = "removed quick_phrase $phr on the hub" ] || fail "rm phrase --as: exit $rc, $(cat "$T/err")"
[ "$(audit_row)" = "zhangli phrase.remove phrase $phr building kangle-12 suggestion: 电梯有异响 " ] ||
	fail "rm phrase --as was not audited as zhangli's: $(audit_row)"
[ "$(audit)" = $((a13 + 2)) ] || fail "rm album|phrase --as wrote $(($(audit) - a13)) audit lines"
as_lead rm album "$zal"
[ $rc = 1 ] && grep -q '没有找到这一项' "$T/err" || fail "rm of a withdrawn album: exit $rc"
sync_k a >/dev/null || fail "sync a after rm album|phrase"
[ "$(kq a "SELECT deleted FROM albums WHERE hub_id = $zal")|$(kq a "SELECT count(*) FROM photos p
	JOIN albums al ON al.id = p.album_id WHERE al.hub_id = $zal AND p.deleted = 0")|$(kq a "SELECT deleted
	FROM quick_phrases WHERE hub_id = $phr")" = "1|0|1" ] || fail "the withdrawn album, its photos or the phrase are still on a"

# without --as the owner's path: the other area's notice goes, and no staff line is written
a3=$(audit)
y rm notice "$n3" --hub "$HUB" >/dev/null || fail "the owner's rm"
[ "$(q "SELECT deleted FROM yanxia_hub.notices WHERE hub_id = $n3")" = t ] || fail "the owner's rm did nothing"
[ "$(audit)" = "$a3" ] || fail "the owner's rm wrote a staff audit line"

# --- a hub without sql/hub/037: --author refused, said so; a plain notice still goes --
q "DROP FUNCTION yanxia_hub.staff_publish_notice(text, text, text, text, int, bigint, text, bigint)"
a4=$(audit)
as_lead add notice --building kangle-12 --title 旧中心库 --body 正文。 --author 康乐物业
[ $rc = 1 ] && grep -q '需要先升级中心库，sql/hub/037' "$T/err" || fail "--author on an older hub: exit $rc, $(cat "$T/err")"
[ "$(q "SELECT count(*) FROM yanxia_hub.notices WHERE title = '旧中心库'")|$(audit)" = "0|$a4" ] ||
	fail "--author on an older hub wrote or audited"
as_lead add notice --building kangle-12 --title 旧中心库 --body 正文。
[ $rc = 0 ] || fail "a plain notice on an older hub: exit $rc, $(cat "$T/err")"
# likewise an activity's --ends and --max-party, a contact's --qr and --sort
q "DROP FUNCTION yanxia_hub.staff_create_activity(text, text, text, text, text, bigint, text, bigint,
	int, boolean, text, bigint, int)" >/dev/null
q "DROP FUNCTION yanxia_hub.staff_publish_contact(text, text, text, text, text, text, int)" >/dev/null
a4=$(audit)
for args in "activity --title 旧中心库活动 --starts 2026-12-06 --ends 2026-12-07" \
	"activity --title 旧中心库活动 --starts 2026-12-06 --max-party 2" \
	"contact --kind groupchat --name 旧中心库群 --qr https://example.invalid/j/1" \
	"contact --kind other --name 旧中心库群 --sort 5"; do
	# shellcheck disable=SC2086
	as_lead add $args --building kangle-12
	[ $rc = 1 ] && grep -q '需要先升级中心库，sql/hub/037' "$T/err" || fail "add $args on an older hub: exit $rc, $(cat "$T/err")"
done
[ "$(q "SELECT count(*) FROM yanxia_hub.activities WHERE title = '旧中心库活动'")|$(q "SELECT count(*)
	FROM yanxia_hub.contacts WHERE name = '旧中心库群'")|$(audit)" = "0|0|$a4" ] ||
	fail "an activity or a contact refused by an older hub was written or audited"
as_lead add activity --title 旧中心库活动 --starts 2026-12-06 --building kangle-12
[ $rc = 0 ] || fail "a plain activity on an older hub: exit $rc, $(cat "$T/err")"
as_lead add contact --kind other --name 旧中心库群 --building kangle-12
[ $rc = 0 ] || fail "a plain contact on an older hub: exit $rc, $(cat "$T/err")"

# --- a hub without sql/hub/038: an edit's --author, --publish, --ends or --max-party is
# refused, said so, nothing written or audited; an edit without them still goes, and
# keeps them
q "DROP FUNCTION yanxia_hub.staff_update_notice(bigint, text, text, text, int, bigint, bigint, text,
	bigint)" >/dev/null
q "DROP FUNCTION yanxia_hub.staff_update_activity(bigint, text, text, text, bigint, text, bigint, int,
	boolean, text, bigint, bigint, int)" >/dev/null
q "DROP FUNCTION yanxia_hub.staff_notice_author(bigint)" >/dev/null
a4=$(audit)
for args in "notice $nid --author 王阿姨" "notice $nid --publish 2026-11-25" \
	"activity $eid --ends 2026-12-11" "activity $eid --max-party 3"; do
	# shellcheck disable=SC2086
	as_lead edit $args
	[ $rc = 1 ] && grep -q '需要先升级中心库，sql/hub/038），这次修改没有保存' "$T/err" ||
		fail "edit $args on a hub without 038: exit $rc, $(cat "$T/err")"
done
[ "$(notice_more "$nid")|$(activity_more "$eid")|$(audit)" = \
	"停水通知（定稿）|康乐物业|2026-11-24 08:00|读书会|12|2026-12-10 16:00|2|$a4" ] ||
	fail "an edit refused by a hub without 038 wrote or audited"
as_lead edit notice "$nid" --title 旧中心库的修改
[ $rc = 0 ] && [ "$(notice_more "$nid")" = "旧中心库的修改|康乐物业|2026-11-24 08:00" ] ||
	fail "a plain edit notice on a hub without 038: exit $rc, $(notice_more "$nid") $(cat "$T/err")"
as_lead edit activity "$eid" --capacity 15
[ $rc = 0 ] && [ "$(activity_more "$eid")" = "读书会|15|2026-12-10 16:00|2" ] ||
	fail "a plain edit activity on a hub without 038: exit $rc, $(activity_more "$eid") $(cat "$T/err")"

# --- a hub without sql/hub/039: an album's --sort refused, said so; --name alone goes ----
q "DROP FUNCTION yanxia_hub.staff_update_album(bigint, text, text, text, bigint, int, bigint)" >/dev/null
q "DROP FUNCTION yanxia_hub.staff_album_edit(bigint)" >/dev/null # 041's, over 039's
q "DROP FUNCTION yanxia_hub.staff_update_album(bigint, text, text, text, bigint, int)" >/dev/null
q "DROP FUNCTION yanxia_hub.staff_album(bigint)" >/dev/null
a4=$(audit)
as_lead edit album "$alb" --sort 2 --name 中秋
[ $rc = 1 ] && grep -q '需要先升级中心库，sql/hub/039' "$T/err" &&
	[ "$(album_row "$alb")|$(audit)" = "中秋游园会|portraits|别人刚改的说明|2026-10-07|3|$a4" ] ||
	fail "edit album --sort on a hub without 039: exit $rc, $(album_row "$alb") $(cat "$T/err")"
as_lead edit album "$alb" --name=中秋
[ $rc = 0 ] && [ "$(album_row "$alb")" = "中秋|portraits|别人刚改的说明|2026-10-07|3" ] ||
	fail "edit album --name on a hub without 039: exit $rc, $(album_row "$alb") $(cat "$T/err")"
echo ok
