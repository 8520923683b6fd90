#!/bin/sh
# The hub does not take a kiosk's word for it: a kiosk cannot cancel another kiosk's
# sign-up nor sign up for an activity outside its scope or above its party limit; a
# malformed submission is refused with its reason, and does not block the kiosk's queue;
# raising a capacity promotes the waiting list; concurrent pushes and staff work never
# deadlock (one lock order); a lost reply to an import's COMMIT is reported as unknown.
. "$YANXIA_SOURCE_DIR/tests/sync/lib.sh"

y hub add-scope kangle --kind area --conn "$HUB" >/dev/null
y hub add-scope kangle-12 --kind building --parent kangle --conn "$HUB" >/dev/null
y hub add-scope kangle-14 --kind building --parent kangle --conn "$HUB" >/dev/null
kiosk k1 kangle-12
kiosk k2 kangle-14
kiosk k3 fuxing-3
for k in k1 k2 k3; do y --db "$T/$k.db" init >/dev/null; done

new_uuid() { $PY3 -c 'import uuid; print(uuid.uuid4())'; }
# put NAME KIND UUID 'key', value, ...: a submission in NAME's outbox, as the store writes it
put() {
	kq "$1" "INSERT INTO outbox(uuid, kind, payload, created_at) VALUES ('$3', '$2',
	  json_object('kind', '$2', 'uuid', '$3', 'created_at', 1795399200, $4), 1795399200)"
}
# signup NAME ACTIVITY_HUB_ID PARTY: a sign-up in NAME's outbox, each from a room of its
# own (a room signs up once per activity); prints its uuid
echo 300 >"$T/room"
signup() {
	u=$(new_uuid)
	room=$(($(cat "$T/room") + 1))
	echo $room >"$T/room"
	put "$1" signup "$u" "'receipt', 'RRRRRR', 'room', '$room', 'activity_hub_id', $2, 'party_size', $3"
	echo "$u"
}
# decided UUID: the hub's decision on a sign-up ('' for none)
decided() { q "SELECT status FROM yanxia_hub.signup_decisions WHERE signup_uuid = '$1'"; }
publish_activity() {
	y hub publish activity --scope "$1" --conn "$HUB" --fields "$2" | sed 's/.*id //'
}

# --- 1. a kiosk acts only on what is its own ------------------------------------------
act=$(publish_activity kangle '{"title":"包馄饨","capacity":1,"max_party":2,"waitlist":1}')
s1=$(signup k1 "$act" 1)
sync_k k1 >/dev/null || fail "sync k1"
[ "$(decided "$s1")" = confirmed ] || fail "k1's sign-up was decided '$(decided "$s1")'"
# k2 (same area, other building) sees k1's decision and sends a cancellation of it
as_kiosk k2 "SELECT payload FROM yanxia_hub.kiosk_pull(0, 100) WHERE kind = 'decision'" |
	grep -q "$s1" || fail "the sign-up uuid does not travel to k2 (the exploit's premise)"
put k2 signup_cancel "$(new_uuid)" "'receipt', 'CCCCCC', 'room', '301', 'signup_uuid', '$s1'"
sync_k k2 >/dev/null || fail "sync k2"
[ "$(decided "$s1")" = confirmed ] || fail "k2 cancelled k1's sign-up: now '$(decided "$s1")'"
[ "$(q "SELECT count(*) FROM yanxia_hub.change_log WHERE kind = 'decision' AND
	payload->>'state' = 'cancelled'")" = 0 ] || fail "a foreign cancellation was published"
# k3's building is outside the activity's area: stored, never decided
s3=$(signup k3 "$act" 1)
sync_k k3 >/dev/null || fail "sync k3"
[ "$(q "SELECT count(*) FROM yanxia_hub.submissions WHERE uuid = '$s3'")" = 1 ] ||
	fail "k3's sign-up was not stored"
[ -z "$(decided "$s3")" ] || fail "a kiosk outside the activity's scope got '$(decided "$s3")'"
# a party above max_party is refused, and takes no place
big=$(signup k2 "$act" 5)
sync_k k2 >/dev/null || fail "sync k2 (party)"
[ "$(decided "$big")" = full ] || fail "a party of 5 (max 2) was decided '$(decided "$big")'"
# a deleted activity decides nothing
gone=$(publish_activity kangle-12 '{"title":"已取消的活动","capacity":5}')
y rm activity "$gone" --hub "$HUB" >/dev/null || fail "remove an activity"
sd=$(signup k1 "$gone" 1)
sync_k k1 >/dev/null || fail "sync k1 (deleted)"
[ -z "$(decided "$sd")" ] || fail "a deleted activity's sign-up was decided '$(decided "$sd")'"
# the kiosk's own cancellation still works, and promotes nobody who does not fit
put k1 signup_cancel "$(new_uuid)" "'receipt', 'CCCCCD', 'room', '301', 'signup_uuid', '$s1'"
sync_k k1 >/dev/null || fail "sync k1 (own cancel)"
[ "$(decided "$s1")" = cancelled ] || fail "k1 could not cancel its own sign-up"

# --- 4. a malformed submission is refused with its reason, and blocks nothing ---------
mal=$(publish_activity kangle-12 '{"title":"读书会","capacity":10,"max_party":4}')
g1=$(signup k1 "$mal" 1)
b1=$(new_uuid)
put k1 signup "$b1" "'receipt', 'BBBBBC', 'room', '301', 'activity_hub_id', $mal, 'party_size', 'x'"
b2=$(new_uuid)
put k1 signup_cancel "$b2" "'receipt', 'BBBBBD', 'room', '301', 'signup_uuid', ''"
b3=$(new_uuid)
put k1 signup "$b3" "'receipt', 'BBBBBE', 'room', '301', 'activity_hub_id', 'abc'"
b4=$(new_uuid)
put k1 wish "$b4" "'receipt', 'BBBBBF', 'room', '301', 'text', '日期坏了的心愿'"
kq k1 "UPDATE outbox SET payload = json_set(payload, '\$.created_at', 'soon') WHERE uuid = '$b4'"
g2=$(signup k1 "$mal" 2)
sync_k k1 >"$T/out" 2>&1 || fail "a batch with malformed rows failed: $(cat "$T/out")"
grep -q '(4 refused by the hub)' "$T/out" || fail "the round said: $(cat "$T/out")"
[ "$(kq k1 "SELECT count(*) FROM outbox WHERE acked_at IS NULL")" = 0 ] ||
	fail "the outbox did not drain: $(kq k1 "SELECT uuid, payload FROM outbox WHERE acked_at IS NULL")"
exactly_once k1
[ "$(decided "$g1"),$(decided "$g2")" = confirmed,confirmed ] ||
	fail "the good sign-ups around the bad ones were decided '$(decided "$g1"),$(decided "$g2")'"
[ "$(q "SELECT count(*) FROM yanxia_hub.submissions WHERE uuid IN ('$b1', '$b2', '$b3', '$b4')")" = 0 ] ||
	fail "a malformed submission was stored"
[ "$(q "SELECT contiguous_seq = (SELECT max(kiosk_seq) FROM yanxia_hub.rejections) + 1
	FROM yanxia_hub.kiosks WHERE name = 'k1'")" = t ] || fail "the refused left a gap in k1's sequence"
y --db "$T/k1.db" check >"$T/check" || fail "check: $(cat "$T/check")"
for want in "signup BBBBBC: party_size is not a whole number from 1 to 20" \
	"signup_cancel BBBBBD: signup_uuid is missing" \
	"signup BBBBBE: activity_hub_id is not a whole number from 1 to 999999999999" \
	"wish BBBBBF: created_at is not a whole number from 0 to 99999999999"; do
	grep -qF "$want" "$T/check" || fail "check does not say \"$want\": $(cat "$T/check")"
done
y moderate wish BBBBBF approve --hub "$HUB" >/dev/null 2>&1 && fail "a refused wish was approved"

# --- 3. raising the capacity promotes the waiting list --------------------------------
cap=$(publish_activity kangle-12 '{"title":"手工课","capacity":1,"max_party":4,"waitlist":1}')
sa=$(signup k1 "$cap" 1)
sb=$(signup k1 "$cap" 1)
sync_k k1 >/dev/null || fail "sync k1 (capacity)"
[ "$(decided "$sa"),$(decided "$sb")" = confirmed,waitlisted ] || fail "A/B decided wrong"
y hub publish activity --id "$cap" --fields '{"capacity":3}' --conn "$HUB" >/dev/null ||
	fail "raise the capacity"
[ "$(decided "$sb")" = confirmed ] || fail "B stayed '$(decided "$sb")' after the capacity rose"
[ "$(q "SELECT payload->>'state' FROM yanxia_hub.change_log WHERE kind = 'decision' AND
	payload->>'uuid' = '$sb'")" = confirmed ] || fail "B's promotion was not published"
[ "$(q "SELECT (payload->>'confirmed_people') || '|' || (payload->>'waiting_signups') FROM
	yanxia_hub.change_log WHERE kind = 'tally' AND hub_id = $cap")" = '2|0' ] ||
	fail "the tally after the raise is not 2 confirmed, none waiting"
sc=$(signup k1 "$cap" 1)
sync_k k1 >/dev/null || fail "sync k1 (C)"
[ "$(decided "$sc")" = confirmed ] || fail "C was decided '$(decided "$sc")' with a place free"
sync_k k1 >/dev/null
[ "$(kq k1 "SELECT state FROM sync_decisions WHERE uuid = '$sb'")" = confirmed ] ||
	fail "the kiosk does not show B's promotion"
# the same through an import (hub_import_row)
imp=$(q "SELECT o_hub_id FROM yanxia_hub.hub_import_row('activity', 'kangle-12', 'a/x.txt',
	'{\"title\":\"义诊\",\"capacity\":1,\"max_party\":4,\"waitlist\":1}')")
ia=$(signup k1 "$imp" 1)
ib=$(signup k1 "$imp" 2)
sync_k k1 >/dev/null || fail "sync k1 (import)"
[ "$(decided "$ib")" = waitlisted ] || fail "ib decided '$(decided "$ib")'"
q "SELECT yanxia_hub.hub_import_row('activity', 'kangle-12', 'a/x.txt',
	'{\"title\":\"义诊\",\"capacity\":3,\"max_party\":4,\"waitlist\":1}')" >/dev/null
[ "$(decided "$ib")" = confirmed ] || fail "an imported capacity raise left ib '$(decided "$ib")'"

# --- 6. moderation by receipt names the kiosk and the text it matched -----------------
y --db "$T/k2.db" add suggestion --text '楼道的灯坏了好几天了，晚上很黑看不清台阶' --room 502 \
	>/dev/null || fail "suggestion on k2"
sync_k k2 >/dev/null
sr=$(kq k2 "SELECT receipt FROM suggestions")
y moderate suggestion "$sr" seen --hub "$HUB" >"$T/out" || fail "seen"
[ "$(cat "$T/out")" = "suggestion $sr: 已阅 (kiosk k2: 楼道的灯坏了好几天了，晚上很黑看…)" ] ||
	fail "moderate said: $(cat "$T/out")"
# a copied credential pushes a suggestion with k2's receipt code: the bare code now names
# two, and is refused with the names to use; KIOSK/CODE names each exactly
put k1 suggestion "$(new_uuid)" "'receipt', '$sr', 'text', '伪造的回执', 'room', '301'"
sync_k k1 >/dev/null || fail "sync k1 (forged receipt)"
y moderate suggestion "$sr" reply --text '已修好' --hub "$HUB" 2>"$T/err" && fail "an ambiguous code was acted on"
grep -q "请写成 楼道屏名/回执码：k1/$sr、k2/$sr" "$T/err" || fail "ambiguity said: $(cat "$T/err")"
y moderate suggestion "k2/$sr" reply --text '已修好' --hub "$HUB" >"$T/out" || fail "k2/CODE"
grep -q "kiosk k2: 楼道的灯坏了" "$T/out" || fail "k2/CODE matched: $(cat "$T/out")"
[ "$(q "SELECT count(*) FROM yanxia_hub.verdicts v JOIN yanxia_hub.submissions s USING (uuid)
        WHERE s.payload ->> 'text' = '伪造的回执'")" = 0 ] || fail "the forged one was moderated"
y moderate suggestion "nosuch/$sr" seen --hub "$HUB" 2>/dev/null && fail "an unknown kiosk matched"

# --- 2. concurrent pushes and staff work in opposite lock orders: no deadlock ---------
kiosk ka kangle-12
kiosk kb kangle-12
for k in ka kb; do y --db "$T/$k.db" init >/dev/null; done
x=$(publish_activity kangle-12 '{"title":"甲","capacity":0,"max_party":4}')
z=$(publish_activity kangle-12 '{"title":"乙","capacity":0,"max_party":4}')
# fill NAME FIRST SECOND N: N sign-ups alternating FIRST, SECOND, in one outbox batch (the
# uuids made once, MATERIALIZED, so each payload names its own row), each from a room
# of its own (counted up from the outbox's last seq; kb's rooms from floor 51 up)
fill() {
	off=0
	[ "$1" = kb ] && off=4950
	kq "$1" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $4),
	  r AS MATERIALIZED (SELECT i, i + $off + (SELECT coalesce(max(seq), 0) FROM outbox) AS k,
	         lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) ||
	         '-4' || substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) ||
	         '-' || hex(randomblob(6))) AS u FROM n)
	  INSERT INTO outbox(uuid, kind, payload, created_at)
	  SELECT u, 'signup', json_object('kind', 'signup', 'uuid', u, 'receipt', 'DDDDDD',
	         'room', (1 + k / 99 % 99) || printf('%02d', 1 + k % 99),
	         'activity_hub_id', CASE i % 2 WHEN 1 THEN $2 ELSE $3 END,
	         'party_size', 1, 'created_at', 1795399200), 1795399200
	  FROM r;"
}
# staff at work meanwhile: replies (change-log writes) and capacity edits (row + counter)
rm -f "$T/stop"
(
	i=0
	while [ ! -f "$T/stop" ]; do
		i=$((i + 1))
		y moderate suggestion "k2/$sr" reply --text "回复$i" --hub "$HUB" >/dev/null 2>>"$T/staff.err" ||
			echo "moderate $i failed" >>"$T/staff.err"
		y hub publish activity --id "$x" --fields "{\"capacity\":$((i % 3 * 100))}" \
			--conn "$HUB" >/dev/null 2>>"$T/staff.err" || echo "publish $i failed" >>"$T/staff.err"
	done
) &
staff=$!
round=0
while [ $round -lt 8 ]; do
	round=$((round + 1))
	fill ka "$x" "$z" 40
	fill kb "$z" "$x" 40
	sync_k ka >"$T/ka.$round" 2>&1 &
	pa=$!
	sync_k kb >"$T/kb.$round" 2>&1 &
	pb=$!
	wait $pa || echo "ka round $round: exit $?" >>"$T/rounds.err"
	wait $pb || echo "kb round $round: exit $?" >>"$T/rounds.err"
done
touch "$T/stop"
wait $staff
grep -il deadlock "$T"/ka.* "$T"/kb.* "$T/staff.err" >/dev/null 2>&1 &&
	fail "deadlock: $(grep -ih deadlock "$T"/ka.* "$T"/kb.* "$T/staff.err" | head -3)"
[ ! -s "$T/rounds.err" ] || fail "push rounds failed: $(cat "$T/rounds.err")"
[ ! -s "$T/staff.err" ] || fail "staff work failed: $(head -3 "$T/staff.err")"
for k in ka kb; do
	[ "$(kq $k "SELECT count(*) FROM outbox WHERE acked_at IS NULL")" = 0 ] || fail "$k did not drain"
	exactly_once $k
done
[ "$(q "SELECT count(*) FROM yanxia_hub.signup_decisions WHERE activity_id IN ($x, $z)")" = 640 ] ||
	fail "$(q "SELECT count(*) FROM yanxia_hub.signup_decisions WHERE activity_id IN ($x, $z)") of 640 sign-ups decided"

# --- 5. the reply to an import's COMMIT lost: the outcome is unknown, not "nothing" ---
proxy_start
owner="host=127.0.0.1 port=$(cat "$T/proxy.port") dbname=postgres user=postgres sslmode=disable"
D="$T/content"
mkdir -p "$D/notices"
printf '标题: 电梯年检\n\n本周三上午电梯年检，请走楼梯。\n' >"$D/notices/年检.txt"
echo "mark COMMIT" >"$PLAN"
y import "$D" --hub "$owner" --building kangle-12 >"$T/out" 2>"$T/err" &&
	fail "an import whose COMMIT reply was lost reported success"
grep -q 'nothing was published' "$T/err" && fail "a lost COMMIT reply said: $(cat "$T/err")"
grep -q 'outcome is unknown' "$T/err" && grep -q 'again is safe' "$T/err" ||
	fail "a lost COMMIT reply said: $(cat "$T/err")"
# and it is: the hub did commit; the second run publishes nothing new
[ "$(q "SELECT count(*) FROM yanxia_hub.notices WHERE title = '电梯年检'")" = 1 ] ||
	fail "the hub did not commit the import (the plan did not cut after COMMIT)"
y import "$D" --hub "$HUB" --building kangle-12 >"$T/out" || fail "the import again"
grep -q '0 new or changed, 1 unchanged' "$T/out" || fail "the import again said: $(cat "$T/out")"
[ "$(q "SELECT count(*) FROM yanxia_hub.notices WHERE title = '电梯年检'")" = 1 ] ||
	fail "the import again doubled the notice"
echo "ok"
