#!/bin/sh
# How long one kiosk can hold the hub (sql/hub/007_kiosk_trust.sql); prints
# `bench: NAME VALUE UNIT`:
#   one kiosk_submit call of 20,000 sign-ups for one activity, as a copied kiosk
#   credential could send it (the hub takes 200 and decides 50): median of 5 calls;
#   a staff publish of that activity while the same kiosk floods in a loop: the longest
#   of 10 (each also bounded by its 1 s lock timeout).
# Needs $BUILD (a release build dir).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
export YANXIACTL="$BUILD/yanxiactl" YANXIA_SOURCE_DIR="$here"
. "$here/tests/sync/lib.sh"

now_ms() { date +%s%3N; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

kiosk k1 kangle-12
act=$(y hub publish activity --scope kangle-12 --conn "$HUB" \
	--fields '{"title":"包饺子","capacity":3,"max_party":4}' | sed 's/.*id //')
flood() { # $1: a number that keeps this call's seqs and rooms apart
	as_kiosk k1 "SELECT count(*) FROM yanxia_hub.kiosk_submit((SELECT jsonb_agg(
	  jsonb_build_object('seq', $1 * 100000 + i, 'uuid', u, 'kind', 'signup', 'payload',
	  jsonb_build_object('uuid', u, 'receipt', 'FFFFFF', 'room', (1 + i / 99 % 99)::text ||
	  lpad((1 + i % 99)::text, 2, '0'), 'activity_hub_id', $act, 'party_size', 1)))
	  FROM (SELECT i, gen_random_uuid()::text u FROM generate_series(1, 20000) i) x))" >/dev/null
}
for n in 1 2 3 4 5; do
	t0=$(now_ms)
	flood $n
	echo $(($(now_ms) - t0))
done | median | sed 's/^/bench: hub_flood_call_20000 /; s/$/ ms/'

rm -f "$T/stop"
(
	n=10
	while [ ! -f "$T/stop" ]; do
		n=$((n + 1))
		flood $n 2>/dev/null || true
	done
) &
flooder=$!
worst=0
for i in $(seq 1 10); do
	t0=$(now_ms)
	psql "$HUB" -XAtq -c "SET lock_timeout = '1s'" -c "SELECT yanxia_hub.hub_publish('activity',
	  NULL, '{\"capacity\":$((3 + i))}', $act)" >/dev/null || fail "a staff publish timed out"
	t=$(($(now_ms) - t0))
	[ $t -le $worst ] || worst=$t
done
touch "$T/stop"
wait $flooder
echo "bench: hub_staff_publish_during_flood_worst $worst ms"
