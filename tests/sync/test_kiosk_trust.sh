#!/bin/sh
# A kiosk's credential in a stranger's hands: connected with a kiosk's own conninfo, as
# anyone who copied it from a lobby PC could, every attempt is refused or bounded and
# changes nothing else. Fields the kiosk screen checks are checked on the hub too (and
# at the same limits as the kiosk store); a refused submission is acknowledged with its
# reason; a kiosk role has few connections, bounded lock waits and batches, and can run
# none of the hub's inner functions; a flood from one kiosk leaves another kiosk's
# round and a staff publish within their one-second lock wait.
. "$YANXIA_SOURCE_DIR/tests/sync/lib.sh"

y hub add-scope kangle --kind area --conn "$HUB" >/dev/null
y hub add-scope kangle-12 --kind building --parent kangle --conn "$HUB" >/dev/null
y hub add-scope kangle-14 --kind building --parent kangle --conn "$HUB" >/dev/null
kiosk k1 kangle-12
kiosk k2 kangle-14
kiosk k3 kangle-12 # k1 (and k4) stand for strangers with a copied credential; k3 is honest
kiosk k4 kangle-12
for k in k1 k2 k3; do y --db "$T/$k.db" init >/dev/null; done
act=$(y hub publish activity --scope kangle-12 --conn "$HUB" \
	--fields '{"title":"包饺子","capacity":3,"max_party":4}' | sed 's/.*id //')
poll14=$(y add poll --hub "$HUB" --building kangle-14 --question 十四号楼装电梯吗 --option 同意 \
	--option 不同意 --closes '2030-12-01 18:00' | sed 's/.*id //')
[ -n "$act" ] && [ -n "$poll14" ] || fail "publish"

echo 0 >"$T/seq"
# send NAME KIND FIELDS [UUID]: one submission straight to kiosk_submit as kiosk NAME
# (FIELDS: jsonb_build_object arguments of the payload), with the next seq (counted in
# a file: send runs in $(...)); prints the hub's reason for refusing it, or "taken"
send() {
	seq=$(($(cat "$T/seq") + 1))
	echo $seq >"$T/seq"
	u=${4:+"'$4'"}
	as_kiosk "$1" "SELECT coalesce(o_rejected, 'taken') FROM (SELECT ${u:-gen_random_uuid()}::text
	  u) x, LATERAL yanxia_hub.kiosk_submit(jsonb_build_array(
	  jsonb_build_object('seq', $seq, 'uuid', x.u, 'kind', '$2',
	  'payload', jsonb_build_object('uuid', x.u, $3))))" 2>&1
}
# refused NAME KIND FIELDS REASON: the hub refuses it, saying REASON
refused() {
	got=$(send "$1" "$2" "$3")
	[ "$got" = "$4" ] || fail "$2 {$3}: the hub said \"$got\", not \"$4\""
}

# --- 1. every field as a stranger's ---------------------------------------------------
refused k1 signup "'receipt', 'TTTTTT', 'room', '这不是房号', 'activity_hub_id', $act,
	'party_size', 1" 'room "这不是房号" is not valid'
refused k1 signup "'receipt', 'TTTTTT', 'room', '301', 'activity_hub_id', $act,
	'party_size', 2.5" 'party_size is not a whole number from 1 to 20'
refused k1 signup "'receipt', 'TTTTTT', 'room', '301', 'activity_hub_id', $act,
	'party_size', '2'" 'party_size is not a whole number from 1 to 20'
refused k1 suggestion "'receipt', 'TTTTTT', 'text', repeat('长', 7000000)" \
	'the payload is larger than 16 KiB'
refused k1 lottery "'receipt', 'TTTTTT'" 'unknown kind "lottery"'
refused k1 suggestion "'receipt', 'IIIIII', 'text', '好'" 'receipt "IIIIII" is not valid'
refused k1 suggestion "'text', '好'" 'receipt is missing'
refused k1 suggestion "'receipt', 'TTTTTT', 'text', '好', 'contact', '请加微信'" \
	'contact "请加微信" is not valid'
refused k1 vote "'receipt', 'TTTTTT', 'poll_hub_id', $poll14, 'option_id', 1, 'option_sort', 1,
	'room', '301'" 'the poll is not one this kiosk shows'
refused k1 wish_claim "'receipt', 'TTTTTT', 'wish_uuid', gen_random_uuid(), 'room',
	'请扫码领补贴 http://x.cn'" 'room "请扫码领补贴 http://x.cn" is not valid'
refused k1 wish "'receipt', 'TTTTTT', 'text', jsonb_build_array('好'), 'room', '301'" \
	'text is not text'
[ "$(send k1 suggestion "'receipt', 'TTTTTT', 'text', '楼道灯坏了', 'room', '301'")" = taken ] ||
	fail "a good suggestion was refused"
# nothing refused is stored or decided; of the 20 MB only an excerpt is kept
[ "$(q "SELECT count(*) FROM yanxia_hub.submissions")" = 1 ] || fail "a refused submission was stored"
[ "$(q "SELECT count(*) FROM yanxia_hub.signup_decisions")" = 0 ] || fail "a refused sign-up was decided"
[ "$(q "SELECT count(*) || ' ' || max(length(excerpt)) FROM yanxia_hub.rejections")" = "11 2000" ] ||
	fail "rejections: $(q "SELECT count(*), max(length(excerpt)) FROM yanxia_hub.rejections")"
# the refused count for the kiosk's sequence: no gap
[ "$(q "SELECT contiguous_seq FROM yanxia_hub.kiosks WHERE name = 'k1'")" = "$(cat "$T/seq")" ] ||
	fail "the refused left a gap in k1's sequence"
# a refused uuid sent again (a kiosk that lost the reply) is refused the same way
again=$(q "SELECT uuid FROM yanxia_hub.rejections WHERE reason LIKE 'room%' LIMIT 1")
[ "$(send k1 signup "'receipt', 'TTTTTT', 'room', '301', 'activity_hub_id', $act,
	'party_size', 1" "$again")" = 'room "这不是房号" is not valid' ] || fail "a re-sent refusal changed"

# --- 1b. the kiosk store's household rules -----------------------------------------------
act2=$(y hub publish activity --scope kangle-12 --conn "$HUB" \
	--fields '{"title":"插花课","capacity":3,"max_party":4}' | sed 's/.*id //')
su="'receipt', 'TTTTTT', 'room', '301', 'activity_hub_id', $act2, 'party_size', 1"
[ "$(send k1 signup "$su")" = taken ] || fail "the first sign-up of 301 was refused"
for i in 2 3 4 5; do
	refused k1 signup "$su" 'room 301 is signed up for this activity already'
done
[ "$(q "SELECT count(*) FROM yanxia_hub.signup_decisions WHERE activity_id = $act2")" = 1 ] ||
	fail "one room took more than one place"
# three suggestions a room a day (the day the resident wrote it, UTC+8); the next day again
day="'receipt', 'TTTTTT', 'text', '电梯按钮不灵', 'room', '402', 'created_at'"
for i in 1 2 3; do
	[ "$(send k1 suggestion "$day, 1795399200")" = taken ] || fail "suggestion $i of 402"
done
refused k1 suggestion "$day, 1795399200 + 3600" \
	'room 402 sent 3 suggestions that day already (at most 3)'
[ "$(send k1 suggestion "$day, 1795399200 + 86400")" = taken ] || fail "402 the next day"
refused k1 suggestion "$day, 1795399200 - 400 * 86400" \
	'created_at is not a time this submission could have been written'
# a household's latest vote is the one that counts, from whichever kiosk of the building
poll12=$(y add poll --hub "$HUB" --building kangle-12 --question 楼顶装太阳能吗 --option 同意 \
	--option 不同意 --closes '2030-12-01 18:00' | sed 's/.*id //')
for o in 1 2 1 2; do
	for k in k1 k4; do
		[ "$(send $k vote "'receipt', 'TTTTTT', 'poll_hub_id', $poll12, 'option_id', 7,
			'option_sort', $o, 'room', '601'")" = taken ] || fail "vote $o of 601 from $k"
	done
done
[ "$(q "SELECT count(*) || ':' || max(option_sort) || ':' || max(option_label)
	FROM yanxia_hub.vote_latest WHERE poll_hub_id = $poll12")" = 1:2:不同意 ] ||
	fail "601's latest vote does not count alone"
# the option by its position in the poll (a kiosk's option_id is its own row id)
refused k1 vote "'receipt', 'TTTTTT', 'poll_hub_id', $poll12, 'option_id', 1, 'room', '602'" \
	'option_sort is missing'
refused k1 vote "'receipt', 'TTTTTT', 'poll_hub_id', $poll12, 'option_id', 1, 'option_sort', 3,
	'room', '602'" 'the poll has no option 3'

# --- 1c. each building's own room rule ----------------------------------------------------
# a six-storey building of four flats a floor: the hub refuses a room it does not have,
# and an honest kiosk of the building takes the rule (and the household count) at its
# next round, whatever it was set up with
y hub add-scope kangle-16 --kind building --parent kangle --households 20 --floors 1-6 \
	--units 1-4 --conn "$HUB" >/dev/null || fail "kangle-16's room rule"
y hub add-scope kangle-16 --kind building --floors 6-1 --units 1-4 --conn "$HUB" \
	>/dev/null 2>&1 && fail "floors 6-1 taken"
kiosk k5 kangle-16
kiosk k6 kangle-16
refused k5 suggestion "'receipt', 'TTTTTT', 'text', '好', 'room', '701'" \
	'room 701 is not in building kangle-16 (floors 1-6, units 01-04)'
refused k5 wish "'receipt', 'TTTTTT', 'text', '想借梯子', 'room', '305'" \
	'room 305 is not in building kangle-16 (floors 1-6, units 01-04)'
[ "$(send k5 suggestion "'receipt', 'TTTTTT', 'text', '好', 'room', '304'")" = taken ] ||
	fail "room 304 of kangle-16 refused"
# 701 in kangle-12, which has no rule registered, is still a room
[ "$(send k1 suggestion "'receipt', 'TTTTTT', 'text', '好', 'room', '701'")" = taken ] ||
	fail "room 701 of kangle-12 refused"
y --db "$T/k6.db" init >/dev/null
y --db "$T/k6.db" kiosk set --building kangle-16 --floors 1-33 --units 1-6 >/dev/null
sync_k k6 >/dev/null || fail "k6's first round"
[ "$(kq k6 "SELECT floor_min || '-' || floor_max || ' ' || unit_min || '-' || unit_max || ' ' ||
	households FROM kiosk")" = "1-6 1-4 20" ] || fail "k6 did not take the hub's room rule"
y --db "$T/k6.db" add suggestion --text 楼下快递堆满了 --room 305 >/dev/null 2>&1 &&
	fail "k6's store took room 305 after the round"
y --db "$T/k6.db" add suggestion --text 楼下快递堆满了 --room 304 >/dev/null || fail "k6: 304"
sync_k k6 >"$T/out" || fail "k6's second round: $(cat "$T/out")"
grep -q refused "$T/out" && fail "the hub refused k6's suggestion: $(y --db "$T/k6.db" check)"

# --- 2. the kiosk store and the hub draw the line at the same place ---------------------
t500=$(printf '好%.0s' $(seq 1 500))
y --db "$T/k3.db" add suggestion --text "$t500" --room 301 >/dev/null || fail "store: 500 characters"
y --db "$T/k3.db" add suggestion --text "${t500}好" --room 302 >/dev/null 2>&1 &&
	fail "store: 501 characters taken"
[ "$(send k1 suggestion "'receipt', 'TTTTTT', 'text', repeat('好', 500)")" = taken ] ||
	fail "hub: 500 characters refused"
refused k1 suggestion "'receipt', 'TTTTTT', 'text', repeat('好', 501)" \
	'text is longer than 500 characters'
# and what the kiosk store writes passes: a round of k3 refuses nothing
y --db "$T/k3.db" kiosk set --building kangle-12 --floors 1-6 --units 1-6 >/dev/null
# kangle-12 has a household count on the hub but no room rule: k3 takes the count and
# keeps its own rule
y hub add-scope kangle-12 --kind building --households 30 --conn "$HUB" >/dev/null
sync_k k3 >/dev/null || fail "sync k3"
[ "$(kq k3 "SELECT floor_max || ' ' || unit_max || ' ' || households FROM kiosk")" = "6 6 30" ] ||
	fail "k3 did not take kangle-12's household count alone"
lact=$(kq k3 "SELECT id FROM activities WHERE hub_id = $act")
y --db "$T/k3.db" add signup --activity "$lact" --room 301 --party 2 --name 老王 \
	--phone 13812345678 >/dev/null || fail "store sign-up"
y --db "$T/k3.db" add wish --text '想请人帮忙换灯泡' --room 502 >/dev/null || fail "store wish"
y --db "$T/k3.db" add question --text '降压药饭前吃还是饭后吃' >/dev/null || fail "store question"
lpoll=$(kq k3 "SELECT id FROM polls WHERE hub_id = $poll12")
y --db "$T/k3.db" add vote --poll "$lpoll" --option 2 --room 603 >/dev/null || fail "store vote"
sync_k k3 >"$T/out" || fail "sync k3: $(cat "$T/out")"
grep -q refused "$T/out" && fail "the hub refused what the kiosk store wrote: $(y --db "$T/k3.db" check)"
exactly_once k3
[ "$(q "SELECT option_label FROM yanxia_hub.vote_latest WHERE poll_hub_id = $poll12
	AND room = '603'")" = 不同意 ] || fail "603's vote from the kiosk store is not counted as 不同意"

# --- 3. a kiosk role runs none of the hub's inner functions -----------------------------
for f in "store_batch('[]')" "submission_problem(NULL, '{}')" "hub_pin_clock(NULL)" \
	"hub_publish('notice', 'kangle-12', '{\"title\":\"假通知\",\"body\":\"x\"}')" \
	"bound_kiosk_role('yanxia_kiosk_k2')"; do
	as_kiosk k1 "SELECT yanxia_hub.$f" >/dev/null 2>"$T/err" && fail "k1 ran $f"
	grep -q 'permission denied' "$T/err" || fail "$f: $(cat "$T/err")"
done
as_kiosk k1 "SELECT * FROM yanxia_hub.rejections" >/dev/null 2>&1 && fail "k1 read the rejections"
# and makes no temporary tables (disk the hub never meant to lend)
as_kiosk k1 "CREATE TEMP TABLE t (a int)" >/dev/null 2>"$T/err" && fail "k1 made a temporary table"
grep -q 'permission denied' "$T/err" || fail "temp table: $(cat "$T/err")"

# --- 3b. a session that sets its bounds away is held to them by the guard --------------
k1conn=$(sed -n 's/^hub = //p' "$T/k1.ini")
# k1_past STATE SECONDS: k1 has a backend in STATE for more than SECONDS
k1_past() {
	[ "$(q "SELECT count(*) FROM pg_stat_activity WHERE usename = 'yanxia_kiosk_k1'
		AND state = '$1' AND CASE WHEN state = 'active' THEN query_start ELSE state_change END
		< clock_timestamp() - interval '$2 s'")" = 1 ]
}
until_k1_past() {
	i=0
	until k1_past "$1" "$2"; do
		i=$((i + 1))
		[ $i -lt 300 ] || fail "k1's session never was $1 for $2 s"
		sleep 0.1
	done
}
psql "$k1conn" -XAtq -c "SET statement_timeout = 0" -c "SELECT pg_sleep(600)" \
	>"$T/long.out" 2>&1 &
long=$!
until_k1_past active 2
y hub guard --conn "$HUB" --statement-seconds 3600 >"$T/out" || fail "guard"
[ -s "$T/out" ] && fail "the guard ended a statement within its bound: $(cat "$T/out")"
k1_past active 2 || fail "k1's statement ended before the guard"
y hub guard --conn "$HUB" --statement-seconds 1 >"$T/out" || fail "guard"
grep -q '^ended k1 pid [0-9]* (active, [0-9]* s)$' "$T/out" || fail "guard said: $(cat "$T/out")"
wait $long && fail "k1's endless statement completed"
grep -q 'terminating connection' "$T/long.out" || fail "k1's session: $(cat "$T/long.out")"
# idle in a transaction, its own timeout set to none
mkfifo "$T/idle"
psql "$k1conn" -XAtq <"$T/idle" >"$T/idle.out" 2>&1 &
idler=$!
exec 3>"$T/idle"
echo "SET idle_in_transaction_session_timeout = 0; BEGIN; SELECT 1;" >&3
until_k1_past 'idle in transaction' 2
y hub guard --conn "$HUB" --idle-seconds 1 >"$T/out" || fail "guard"
grep -q '^ended k1 pid [0-9]* (idle in transaction, [0-9]* s)$' "$T/out" ||
	fail "guard said: $(cat "$T/out")"
exec 3>&-
wait $idler || true
[ "$(q "SELECT count(*) FROM pg_stat_activity WHERE usename = 'yanxia_kiosk_k1'")" = 0 ] ||
	fail "k1's idle transaction outlived the guard"
# the service's loop, with the hub away: one error line, not one a pass
# (a file of its own: it is written once the signals are handled)
"$YANXIACTL" hub guard --conn "host=127.0.0.1 port=1 connect_timeout=2" --every 1 \
	>/dev/null 2>"$T/guard.err" &
g=$!
until [ -s "$T/guard.err" ]; do sleep 0.1; done
kill $g
wait $g || fail "guard --every did not stop cleanly on SIGTERM"
[ "$(grep -c 'guard' "$T/guard.err")" = 1 ] ||
	fail "guard's log with the hub away: $(cat "$T/guard.err")"


# --- 4. fair share ------------------------------------------------------------------------
[ "$(q "SELECT rolconnlimit FROM pg_roles WHERE rolname = 'yanxia_kiosk_k1'")" = 3 ] ||
	fail "k1's connection limit"
[ "$(as_kiosk k1 "SHOW lock_timeout")" = 1s ] || fail "k1's lock timeout"
[ "$(as_kiosk k1 "SHOW statement_timeout")" = 1min ] || fail "k1's statement timeout"
# three connections held; a fourth is refused, and k2 still gets in
for i in 1 2 3; do as_kiosk k1 "SELECT pg_sleep(60)" >/dev/null 2>&1 & done
i=0
until [ "$(q "SELECT count(*) FROM pg_stat_activity WHERE usename = 'yanxia_kiosk_k1'")" = 3 ]; do
	i=$((i + 1))
	[ $i -lt 300 ] || fail "the three connections did not come up"
	sleep 0.1
done
as_kiosk k1 "SELECT 1" >/dev/null 2>"$T/err" && fail "a fourth connection of k1 was taken"
grep -q 'too many connections for role' "$T/err" || fail "fourth connection: $(cat "$T/err")"
sync_k k2 >/dev/null || fail "k2 could not sync while k1 held its connections"
q "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
   WHERE usename = 'yanxia_kiosk_k1'" >/dev/null
wait
# one call of 20,000 sign-ups (each from another room) decides at most 50 of them; the
# rest is not acknowledged
flood() { # $1: first seq; prints how many of the 20,000 the hub acknowledged
	as_kiosk k1 "SELECT count(*) FROM yanxia_hub.kiosk_submit((SELECT jsonb_agg(
	  jsonb_build_object('seq', $1 + i, 'uuid', u, 'kind', 'signup', 'payload',
	  jsonb_build_object('uuid', u, 'receipt', 'FFFFFF', 'room', (1 + i / 99 % 99)::text ||
	  lpad((1 + i % 99)::text, 2, '0'), 'activity_hub_id', $act, 'party_size', 1)))
	  FROM (SELECT i, gen_random_uuid()::text u
	  FROM generate_series(1, 20000) i) x))"
}
[ "$(flood 100000)" = 50 ] || fail "a flood call was not bounded"
[ "$(q "SELECT count(*) FROM yanxia_hub.signup_decisions WHERE activity_id = $act")" = 51 ] ||
	fail "$(q "SELECT count(*) FROM yanxia_hub.signup_decisions WHERE activity_id = $act") decisions after one flood call (50 and k3's)"
# k1 floods on; meanwhile k2 pushes its own sign-up and staff edit the flooded activity,
# each allowed to wait one second for a lock, no more
rm -f "$T/stop"
(
	n=200000
	while [ ! -f "$T/stop" ]; do
		flood $n >/dev/null 2>&1
		n=$((n + 100000))
		echo x >>"$T/floods"
	done
) &
flooder=$!
until [ -s "$T/floods" ]; do sleep 0.1; done # the flood is under way
y --db "$T/k2.db" kiosk set --building kangle-14 --floors 1-6 --units 1-6 >/dev/null
sync_k k2 >/dev/null || fail "k2's first round during the flood"
a14=$(y hub publish activity --scope kangle --conn "$HUB" \
	--fields '{"title":"社区义诊","capacity":30,"max_party":2}' | sed 's/.*id //')
sync_k k2 >/dev/null || fail "k2's second round during the flood"
l14=$(kq k2 "SELECT id FROM activities WHERE hub_id = $a14")
y --db "$T/k2.db" add signup --activity "$l14" --room 201 >/dev/null || fail "k2 sign-up"
sync_k k2 >"$T/out" 2>&1 || fail "k2's round during the flood: $(cat "$T/out")"
for i in 1 2 3; do
	psql "$HUB" -XAtq -c "SET lock_timeout = '1s'" -c "SELECT yanxia_hub.hub_publish('activity',
	  NULL, '{\"capacity\":$((3 + i))}', $act)" >/dev/null 2>"$T/err" ||
		fail "a staff publish waited more than a second for k1's flood: $(cat "$T/err")"
done
touch "$T/stop"
wait $flooder
[ "$(q "SELECT status FROM yanxia_hub.signup_decisions d JOIN yanxia_hub.submissions s
	ON s.uuid = d.signup_uuid JOIN yanxia_hub.kiosks k ON k.id = s.kiosk_id
	WHERE k.name = 'k2'")" = confirmed ] || fail "k2's sign-up was not decided during the flood"
[ "$(wc -l <"$T/floods")" -ge 1 ] || fail "the flood did not run"
echo "ok ($(wc -l <"$T/floods") flood calls meanwhile)"
