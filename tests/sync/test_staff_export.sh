#!/bin/sh
# `export KIND --csv --hub --as LOGIN` (issue 13): a staff member exports residents'
# submissions through the staff library on their own connection, so the hub gives only
# the rows of the kiosks in their scope: a committee worker of 康乐 gets its two buildings'
# sign-ups (phones whole, as the console's export) and not 复兴's, byte for byte the CSV
# the owner's export makes for the same scope; a 楼组长 gets their building's. Each export
# is one audit line under the member's login (kind, scope, row count); a building outside
# the scope (or none such) is refused with exit 1, no file written and nothing audited;
# so is an -o FILE that cannot be written, before anything is read from the hub.
# --activity ID (--poll ID) exports one activity's sign-ups (one poll's votes) through the
# library function the console's download uses, audited the same way.
. "$YANXIA_SOURCE_DIR/tests/sync/lib.sh"

q "SELECT yanxia_hub.hub_add_scope('kangle', 'area', NULL, '康乐居民区'),
          yanxia_hub.hub_add_scope('fuxing', 'area', NULL, '复兴居民区'),
          yanxia_hub.hub_add_scope('kangle-12', 'building', 'kangle', '康乐小区12号楼'),
          yanxia_hub.hub_add_scope('kangle-7', 'building', 'kangle', '康乐小区7号楼'),
          yanxia_hub.hub_add_scope('fuxing-3', 'building', 'fuxing', '复兴小区3号楼')" >/dev/null
kiosk a kangle-12
kiosk b kangle-7
kiosk c fuxing-3
y hub publish activity --scope kangle --conn "$HUB" \
	--fields '{"title":"包饺子","capacity":10,"max_party":4}' >/dev/null || fail "publish kangle"
y hub publish activity --scope fuxing-3 --conn "$HUB" \
	--fields '{"title":"义诊","capacity":10,"max_party":4}' >/dev/null || fail "publish fuxing-3"
room=300
for k in a b c; do
	room=$((room + 1))
	sync_k $k >/dev/null || fail "first sync of $k"
	y --db "$T/$k.db" kiosk set --floors 1-33 --units 1-6 >/dev/null
	aid=$(kq $k "SELECT id FROM activities LIMIT 1")
	y --db "$T/$k.db" add signup --activity "$aid" --room $room --name "住户$k" \
		--phone "13800138$room" --party 2 >/dev/null || fail "signup on $k"
	y --db "$T/$k.db" add suggestion --text "$k 楼的意见" --contact "13900139$room" >/dev/null ||
		fail "suggestion on $k"
	sync_k $k | grep -q 'pushed [1-9]' || fail "$k pushed nothing"
done

PW_LEAD=kangle-lead-26 PW_COMM=kangle-comm-26
echo "$PW_LEAD" | y staff add zhangli --role lead --building kangle-12 --hub "$HUB" >/dev/null ||
	fail "staff add zhangli"
echo "$PW_COMM" | y staff add wangmin --role committee --area kangle --hub "$HUB" >/dev/null ||
	fail "staff add wangmin"
# as LOGIN PASSWORD ARGS...: yanxiactl ARGS --hub HUB --as LOGIN, the password on stdin;
# stdout in $T/out, stderr in $T/err, the exit code in $rc
as() {
	who=$1 pw=$2
	shift 2
	rc=0
	echo "$pw" | y "$@" --hub "$HUB" --as "$who" >"$T/out" 2>"$T/err" || rc=$?
}
audit() { q "SELECT count(*) FROM yanxia_hub.staff_audit"; }
last_audit() { q "SELECT login || '|' || action || '|' || target || '|' || after
	FROM yanxia_hub.staff_audit ORDER BY id DESC LIMIT 1"; }

# --- the committee worker: 康乐's two buildings, the owner's CSV for 康乐 -------------
a0=$(audit)
as wangmin "$PW_COMM" export signups --csv -o "$T/w.csv"
[ $rc = 0 ] || fail "wangmin's export exited $rc: $(cat "$T/err")"
grep -q 'w.csv: 2 rows' "$T/out" || fail "wangmin's export said: $(cat "$T/out")"
y export signups --csv --hub "$HUB" --building kangle -o "$T/owner.csv" >/dev/null ||
	fail "the owner's export of kangle"
cmp -s "$T/w.csv" "$T/owner.csv" || fail "wangmin's CSV differs from the owner's:
$(diff "$T/w.csv" "$T/owner.csv")"
head -c 3 "$T/w.csv" | od -An -tx1 | grep -q 'ef bb bf' || fail "no BOM"
grep -q '13800138303' "$T/w.csv" && fail "fuxing-3's sign-up leaked into wangmin's export"
grep -q '13800138301' "$T/w.csv" && grep -q '13800138302' "$T/w.csv" ||
	fail "the phones are not whole: $(cat "$T/w.csv")"
grep -q 'fuxing' "$T/w.csv" && fail "fuxing in wangmin's export"
[ "$(audit)" = $((a0 + 1)) ] || fail "wangmin's export wrote $(($(audit) - a0)) audit lines"
[ "$(last_audit)" = "wangmin|signup.export|signup of kangle|2 rows" ] ||
	fail "the audit line: $(last_audit)"
[ "$(q "SELECT count(*) FROM yanxia_hub.staff_audit WHERE action = 'signup.export'
	AND at > now() - interval '1 hour'")" = 1 ] || fail "the audit line has no time of now"

# suggestions (a resident's contact phone): the same, for a building of the scope
as wangmin "$PW_COMM" export suggestions --csv --building kangle-7 -o "$T/ws.csv"
[ $rc = 0 ] || fail "wangmin's suggestions: $(cat "$T/err")"
y export suggestions --csv --hub "$HUB" --building kangle-7 -o "$T/os.csv" >/dev/null
cmp -s "$T/ws.csv" "$T/os.csv" || fail "suggestions differ from the owner's"
[ "$(($(wc -l <"$T/ws.csv") - 1))" = 1 ] || fail "kangle-7 has $(wc -l <"$T/ws.csv") lines"
[ "$(last_audit)" = "wangmin|suggestion.export|suggestion of kangle-7|1 rows" ] ||
	fail "the audit line: $(last_audit)"

# --- the 楼组长: their building only, by default and by --building --------------------
as zhangli "$PW_LEAD" export signups --csv
[ $rc = 0 ] || fail "zhangli's export: $(cat "$T/err")"
[ "$(($(wc -l <"$T/out") - 1))" = 1 ] && grep -q '13800138301' "$T/out" &&
	grep -q ',kangle-12,a,' "$T/out" || fail "zhangli's export: $(cat "$T/out")"
y export signups --csv --hub "$HUB" --building kangle-12 >"$T/o12.csv"
cmp -s "$T/out" "$T/o12.csv" || fail "zhangli's CSV differs from the owner's for kangle-12"
[ "$(last_audit)" = "zhangli|signup.export|signup of kangle-12|1 rows" ] ||
	fail "the audit line: $(last_audit)"

# --- one activity's sign-ups, as the console's 导出报名表 reads them ---------------------
act=$(q "SELECT hub_id FROM yanxia_hub.activities WHERE title = '包饺子'")
as wangmin "$PW_COMM" export signups --activity "$act" --csv -o "$T/act.csv"
[ $rc = 0 ] && grep -q 'act.csv: 2 rows' "$T/out" || fail "--activity: exit $rc, $(cat "$T/err")"
head -1 "$T/act.csv" | grep -q '活动,楼组,楼道屏,房号,称呼,电话,人数,状态,回执码,报名时间' ||
	fail "--activity's columns: $(head -1 "$T/act.csv")"
# the state in the residents' words, as the console's 导出报名表 says it
grep -q '包饺子,kangle-12,a,301,住户a,13800138301,2,已报名,' "$T/act.csv" &&
	grep -q ',kangle-7,b,302,住户b,13800138302,2,已报名,' "$T/act.csv" || fail "--activity: $(cat "$T/act.csv")"
[ "$(last_audit)" = "wangmin|signup.export|activity $act|2 rows" ] || fail "--activity's audit line: $(last_audit)"
# one poll's counted votes, as the console's 导出投票 reads them
poll=$(y add poll --hub "$HUB" --building kangle-12 --question 加装电梯吗 --option 同意 \
	--option 不同意 --closes '2030-12-01 18:00' | sed 's/.*id //')
sync_k a >/dev/null || fail "the poll to a"
lp=$(kq a "SELECT id FROM polls WHERE hub_id = $poll")
y --db "$T/a.db" add vote --poll "$lp" --option 同意 --room 301 >/dev/null || fail "a vote on a"
sync_k a | grep -q 'pushed [1-9]' || fail "a pushed no vote"
as zhangli "$PW_LEAD" export votes --poll "$poll" --csv
[ $rc = 0 ] && head -1 "$T/out" | grep -q '征询,楼组,房号,选择,回执码,楼道屏,时间' &&
	[ "$(($(wc -l <"$T/out") - 1))" = 1 ] && grep -q '^加装电梯吗,kangle-12,301,同意,[^,]*,a,20' "$T/out" ||
	fail "--poll: exit $rc, $(cat "$T/out") $(cat "$T/err")"
[ "$(last_audit)" = "zhangli|vote.export|poll $poll|1 rows" ] || fail "--poll's audit line: $(last_audit)"
# another area's activity, or a poll that is not there: as missing, nothing audited
a_act=$(audit)
other=$(q "SELECT hub_id FROM yanxia_hub.activities WHERE title = '义诊'")
rm -f "$T/x.csv"
as wangmin "$PW_COMM" export signups --activity "$other" --csv -o "$T/x.csv"
[ $rc = 1 ] && [ ! -e "$T/x.csv" ] && grep -q '没有找到' "$T/err" || fail "义诊: exit $rc, $(cat "$T/err")"
as wangmin "$PW_COMM" export votes --poll 987654 --csv
[ $rc = 1 ] && grep -q '没有找到' "$T/err" || fail "a missing poll: exit $rc, $(cat "$T/err")"
[ "$(audit)" = "$a_act" ] || fail "a refused --activity or --poll was audited"
for args in "signups --activity $act" "votes --activity $act" "signups --activity $act --building kangle-12 --as wangmin" "signups --poll 1 --as wangmin"; do
	rc=0
	# shellcheck disable=SC2086 # the words of $args are separate arguments
	echo "$PW_COMM" | y export $args --csv --hub "$HUB" >/dev/null 2>"$T/err" || rc=$?
	[ $rc = 2 ] || fail "export $args exited $rc: $(cat "$T/err")"
done

# --- outside the scope: exit 1, one line, no file, nothing audited --------------------
a1=$(audit)
for b in fuxing-3 kangle-7 kangle nowhere; do
	rm -f "$T/x.csv"
	as zhangli "$PW_LEAD" export signups --csv --building "$b" -o "$T/x.csv"
	[ $rc = 1 ] || fail "zhangli's export of $b exited $rc"
	[ ! -e "$T/x.csv" ] || fail "zhangli's export of $b wrote a file"
	[ "$(cat "$T/err")" = "yanxiactl: export signups: 不能导出 $b 的记录，它不在你的管理范围里" ] ||
		fail "zhangli's export of $b said: $(cat "$T/err")"
done
as wangmin "$PW_COMM" export wishes --csv --building fuxing-3 -o "$T/x.csv"
[ $rc = 1 ] && [ ! -e "$T/x.csv" ] || fail "wangmin exported fuxing-3: exit $rc"
[ "$(audit)" = "$a1" ] || fail "a refused export was audited"
# a wrong password: refused before anything is read
rm -f "$T/x.csv"
as zhangli wrong-password export signups --csv -o "$T/x.csv"
[ $rc = 1 ] && [ ! -e "$T/x.csv" ] && grep -q '账号或密码不对' "$T/err" ||
	fail "a wrong password: exit $rc, $(cat "$T/err")"
[ "$(audit)" = "$a1" ] || fail "a refused login was audited"
# an output that cannot be written: exit 1 before the hub is asked (no password read, no
# rows read, no audit line saying they were exported), and no temporary file left
for o in "$T/no-such-folder/x.csv" "$T"; do
	as zhangli "$PW_LEAD" export signups --csv -o "$o"
	[ $rc = 1 ] && grep -q "export signups: .*$o: .*(nothing was read from the hub)" "$T/err" ||
		fail "-o $o: exit $rc, $(cat "$T/err")"
	[ "$(audit)" = "$a1" ] || fail "-o $o: the export was audited"
done
[ ! -e "$T/no-such-folder" ] || fail "-o made the folder"
ls "$T" | grep -q '\.tmp' && fail "a temporary file was left: $(ls "$T")"
rc=0
y export signups --csv --hub "$HUB" -o "$T/no-such-folder/x.csv" >/dev/null 2>"$T/err" || rc=$?
[ $rc = 1 ] && grep -q 'nothing was read' "$T/err" || fail "the owner's -o: exit $rc, $(cat "$T/err")"
# --as without --hub: a usage error, not the local store's export
rc=0
echo "$PW_LEAD" | y export signups --csv --as zhangli >/dev/null 2>"$T/err" || rc=$?
[ $rc = 2 ] && grep -q -- '--as needs --hub' "$T/err" || fail "--as without --hub: exit $rc, $(cat "$T/err")"
# the owner's path is unchanged: every building, no audit line
y export signups --csv --hub "$HUB" >"$T/all.csv" || fail "the owner's export"
[ "$(($(wc -l <"$T/all.csv") - 1))" = 3 ] || fail "the owner's export has $(wc -l <"$T/all.csv") lines"
[ "$(audit)" = "$a1" ] || fail "the owner's export was audited"
echo "ok"
