#!/bin/sh
# A kiosk's vote and a staff import's in-place change of its poll, at the same moment
# (sql/hub/043): they take their turn on the hub's change counter. A vote whose batch is
# held open keeps the import waiting; released, the import counts the vote and refuses
# to change the voted poll, which keeps its times (before 043 the import saw no vote,
# moved the close, and the vote was kept too). An import held open keeps a vote of its
# poll out until it ends (the kiosk's one-second lock wait, then its next round), and the
# vote is then checked against the poll as changed (before 043 it was taken at once,
# naming an option the poll no longer has).
. "$YANXIA_SOURCE_DIR/tests/sync/lib.sh"

q "SELECT yanxia_hub.hub_add_scope('kangle', 'area', NULL, '康乐居民区'),
          yanxia_hub.hub_add_scope('kangle-12', 'building', 'kangle', '康乐小区12号楼')" >/dev/null
kiosk a kangle-12
PW=kangle-lead-26
echo "$PW" | y staff add zhangli --role lead --building kangle-12 --hub "$HUB" >/dev/null ||
	fail "staff add zhangli"
LEAD="$(echo "$HUB" | sed 's/ *user=postgres//') user=yanxia_staff_zhangli"
KIOSK=$(sed -n 's/^hub = //p' "$T/a.ini")
# as_sql SQL: runs SQL as zhangli's own role; its output (and its error) in $out, the
# exit code in $rc
as_sql() {
	rc=0
	out=$(PGPASSWORD=$PW psql "$LEAD" -XAtq -v ON_ERROR_STOP=1 -c "$1" 2>&1) || rc=$?
}
item() { as_sql "SELECT o_hub_id || ' ' || o_outcome FROM yanxia_hub.staff_import_item($1)"; }
# until_q SQL WANT: polls the hub (every 0.1 s, for up to a minute) until SQL answers WANT
until_q() {
	i=0
	until [ "$(q "$1")" = "$2" ]; do
		i=$((i + 1))
		[ $i -lt 600 ] || fail "waited a minute for: $1"
		sleep 0.1
	done
}
now=$(q "SELECT yanxia_hub.hub_now_s()")
# vote SEQ POLL OPTION: kiosk_submit's call for one vote of room 1203 (its uuid from SEQ)
vote() {
	u=$(printf '00000000-0000-4000-8000-%012d' "$1")
	echo "SELECT coalesce(o_rejected, 'taken') FROM yanxia_hub.kiosk_submit(jsonb_build_array(
	  jsonb_build_object('seq', $1, 'uuid', '$u', 'kind', 'vote', 'payload', jsonb_build_object(
	  'uuid', '$u', 'receipt', 'TTTTTT', 'created_at', $now, 'room', '1203',
	  'poll_hub_id', $2, 'option_id', $3, 'option_sort', $3))))"
}
votes() { q "SELECT count(*) FROM yanxia_hub.submissions WHERE kind = 'vote'"; }

# --- the vote first: the import waits, then sees it and changes nothing ---------------
poll="'polls/电梯.txt', 'staff_create_poll', 'kangle-12', '是否同意加装电梯', '费用按楼层分摊', '0'"
item "$poll, '1796140800', '{同意,不同意}'"
[ $rc = 0 ] && echo "$out" | grep -q ' new$' || fail "the poll: $out"
pid=${out%% *}
poll_row() { q "SELECT opens_at || '|' || closes_at FROM yanxia_hub.polls WHERE hub_id = $pid"; }
p0=$(poll_row)
rm -f "$T/ov" "$T/imp" && mkfifo "$T/ov"
psql "$KIOSK" -XAtq -v ON_ERROR_STOP=1 <"$T/ov" >"$T/vote" 2>&1 &
held=$!
exec 7>"$T/ov"
printf "BEGIN;\n%s;\n" "$(vote 1 "$pid" 1)" >&7
until_q "SELECT count(*) FROM pg_stat_activity WHERE state = 'idle in transaction'
	AND query LIKE '%kiosk_submit%'" 1
# the import closes the poll a day earlier, while the vote's batch is not committed
(
	item "$poll, '1796054400', '{同意,不同意}'"
	echo "$rc|$out" >"$T/imp.tmp" && mv "$T/imp.tmp" "$T/imp"
) &
imp=$!
# until it waits for a lock, or (without 043) has ended without waiting
i=0
waited=
until [ -n "$waited" ]; do
	if [ -f "$T/imp" ]; then
		waited=no
	elif [ "$(q "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'
		AND usename = 'yanxia_staff_zhangli'")" = 1 ]; then
		waited=yes
	else
		i=$((i + 1))
		[ $i -lt 600 ] || fail "waited a minute for the import to wait or end"
		sleep 0.1
	fi
done
printf "COMMIT;\n" >&7
exec 7>&-
wait $held || fail "the held vote's batch failed: $(cat "$T/vote")"
wait $imp
[ "$(cat "$T/vote")" = taken ] || fail "the held vote: $(cat "$T/vote")"
[ $waited = yes ] || fail "the import did not wait for the vote's batch: $(cat "$T/imp")"
grep -q '^[1-9][0-9]*|.*这个征询已经有人投票' "$T/imp" ||
	fail "the import after the vote was not refused: $(cat "$T/imp")"
[ "$(poll_row)|$(votes)" = "$p0|1" ] ||
	fail "a voted poll was changed in place: $p0 -> $(poll_row), $(votes) votes"

# --- the import first: a vote of its poll waits; then it meets the poll as changed ----
later="'polls/绿化.txt', 'staff_create_poll', 'kangle-12', '是否同意改造绿化', '', '1795600000', '1796140800'"
item "$later, '{同意,不同意,弃权}'"
[ $rc = 0 ] && echo "$out" | grep -q ' new$' || fail "the poll that opens later: $out"
gid=${out%% *}
rm -f "$T/ov" && mkfifo "$T/ov"
PGPASSWORD=$PW psql "$LEAD" -XAtq -v ON_ERROR_STOP=1 <"$T/ov" >"$T/imp" 2>&1 &
held=$!
exec 7>"$T/ov"
printf "BEGIN;\nSELECT o_outcome FROM yanxia_hub.staff_import_item(%s, '{同意,不同意}');\n" \
	"$later" >&7
until_q "SELECT count(*) FROM pg_stat_activity WHERE state = 'idle in transaction'
	AND query LIKE '%staff_import_item%'" 1
# a kiosk whose clock runs ahead votes 弃权 (option 3), which the change takes away: the
# batch waits its second for the counter and is not taken (the kiosk sends it again)
rc=0
got=$(psql "$KIOSK" -XAtq -c "$(vote 2 "$gid" 3)" 2>&1) || rc=$?
[ $rc != 0 ] && echo "$got" | grep -q 'lock timeout' && [ "$(votes)" = 1 ] ||
	fail "a vote was taken while an import of its poll was not committed: $rc $got, $(votes) votes"
printf "COMMIT;\n" >&7
exec 7>&-
wait $held || fail "the held import failed: $(cat "$T/imp")"
[ "$(cat "$T/imp")" = changed ] || fail "the held import: $(cat "$T/imp")"
got=$(psql "$KIOSK" -XAtqc "$(vote 2 "$gid" 3)" 2>&1)
[ "$got|$(votes)" = "the poll has no option 3|1" ] ||
	fail "the vote sent again, after the import: $got, $(votes) votes"
got=$(psql "$KIOSK" -XAtqc "$(vote 3 "$gid" 2)" 2>&1)
[ "$got|$(votes)" = "taken|2" ] || fail "a vote of an option the poll has: $got, $(votes) votes"
echo "ok"
