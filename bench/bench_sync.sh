#!/bin/sh
# Sync against a throwaway PostgreSQL on this machine; prints `bench: NAME VALUE UNIT`.
#   push 10,000 submissions from one kiosk;
#   pull 2,000 notices and 500 photos (~50 MB) onto an empty kiosk, and the same bytes
#   copied out of the hub by psql (COPY ... FORMAT binary) for comparison;
#   time for new content to reach a kiosk whose worker runs every 5 s.
# Needs $BUILD (a release build dir). BENCH_SYNC_PULL_RUNS=N (default 3) pulls onto N
# empty kiosks, each timed against its own psql copy, and prints the medians (the machine
# is noisy); BENCH_SYNC_ONLY=pull skips the push and visibility benchmarks.
set -eu
runs=${BENCH_SYNC_PULL_RUNS:-3}
only=${BENCH_SYNC_ONLY:-}
here=$(cd "$(dirname "$0")/.." && pwd)
export YANXIACTL="$BUILD/yanxiactl" YANXIA_SOURCE_DIR="$here"
. "$here/tests/sync/lib.sh"

now_ms() { date +%s%3N; }

# median of the numbers on stdin
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

kiosk c kangle-12
if [ "$only" != pull ]; then
	kiosk a kangle-12
	fill_outbox a 10000
	t0=$(now_ms)
	sync_k a | grep -q 'pushed 10000,' || fail "push"
	t1=$(now_ms)
	echo "bench: sync_push_10000 $(awk "BEGIN { printf \"%.0f\", 10000 * 1000 / ($t1 - $t0) }") submissions/s"
fi

# 2,000 notices and 500 photos of 100,000 random bytes each (one hub chunk apiece)
q "SELECT count(*) FROM (SELECT yanxia_hub.hub_publish('notice', 'kangle-12',
   jsonb_build_object('title', '通知 ' || i, 'body', repeat('楼道里请勿堆放杂物。', 20)))
   FROM generate_series(1, 2000) i) x" >/dev/null
album=$(q "SELECT o_hub_id FROM yanxia_hub.hub_publish('album', 'kangle-12', '{\"name\":\"bench\"}')")
q "CREATE TEMP TABLE b AS SELECT i, decode(string_agg(md5(i || ':' || j), '' ORDER BY j), 'hex')
     AS data FROM generate_series(1, 500) i, generate_series(1, 6250) j GROUP BY i;
   INSERT INTO yanxia_hub.photo_blobs SELECT encode(sha256(data), 'hex'), length(data) FROM b;
   INSERT INTO yanxia_hub.photo_chunks SELECT encode(sha256(data), 'hex'), 0, data FROM b;
   SELECT count(*) FROM (SELECT yanxia_hub.hub_publish('photo', 'kangle-12',
     jsonb_build_object('album_hub_id', $album, 'sha256', encode(sha256(data), 'hex'),
       'bytes', length(data), 'width', 640, 'height', 480, 'consent', 1)) FROM b) x" >/dev/null ||
	fail "photos"
: >"$T/pull.ms"
: >"$T/copy.ms"
: >"$T/ratio"
r=0
while [ $r -lt "$runs" ]; do
	r=$((r + 1))
	kiosk "b$r" kangle-12
	t0=$(now_ms)
	sync_k "b$r" >"$T/pull.out" || fail "pull"
	t1=$(now_ms)
	grep -q 'pulled 2501 .*photos 500 (50000000 bytes)' "$T/pull.out" || fail "pull: $(cat "$T/pull.out")"
	[ "$(kq "b$r" "SELECT count(*) FROM photos WHERE deleted = 0")" = 500 ] || fail "photos not shown"
	pull_ms=$((t1 - t0))
	# the same bytes (photo data and the change log's rows) copied out by psql
	t0=$(now_ms)
	psql "$HUB" -Xq -c "\\copy (SELECT data FROM yanxia_hub.photo_chunks UNION ALL
	   SELECT convert_to(payload::text, 'UTF8') FROM yanxia_hub.change_log) TO '/dev/null'
	   WITH (FORMAT binary)" || fail "psql copy"
	t1=$(now_ms)
	copy_ms=$((t1 - t0))
	echo "run $r: pull $pull_ms ms, psql copy $copy_ms ms" >&2
	echo "$pull_ms" >>"$T/pull.ms"
	echo "$copy_ms" >>"$T/copy.ms"
	awk "BEGIN { print $pull_ms / $copy_ms }" >>"$T/ratio"
	# kiosks of one directory share its photos/: the next run starts empty again
	rm -rf "$T/b$r.db" "$T/b$r".db-* "$T/photos"
done
echo "bench: sync_pull_2000_notices_500_photos_50MB $(median <"$T/pull.ms") ms"
echo "bench: psql_copy_same_bytes $(median <"$T/copy.ms") ms"
echo "bench: sync_pull_vs_psql_copy $(median <"$T/ratio" | awk '{ printf "%.2f", $1 }') x"
[ "$only" != pull ] || exit 0

# a kiosk running the worker every 5 s: publish at a random moment, poll its store
"$YANXIACTL" --db "$T/c.db" sync --watch --config "$T/c.ini" --interval 5 >"$T/watch.out" &
watch=$!
trap 'kill $watch 2>/dev/null || true; cleanup' EXIT INT TERM
i=0
until grep -q 'round ok' "$T/watch.out"; do
	i=$((i + 1))
	[ $i -lt 600 ] || fail "the worker's first round did not finish"
	sleep 0.1
done
worst=0 sum=0
for n in 1 2 3 4; do
	sleep "$(rand_ms 0 4)"."$(printf %03d "$(rand_ms 0 999)")"
	t0=$(now_ms)
	q "SELECT o_hub_id FROM yanxia_hub.hub_publish('notice', 'kangle-12',
	   '{\"title\":\"新通知 $n\",\"body\":\"今晚停电\"}')" >/dev/null
	until [ "$(kq c "SELECT count(*) FROM notices WHERE title = '新通知 $n'")" = 1 ]; do
		sleep 0.02
	done
	ms=$(($(now_ms) - t0))
	sum=$((sum + ms))
	[ $ms -le $worst ] || worst=$ms
done
kill $watch
wait $watch 2>/dev/null || true
echo "bench: sync_visible_5s_interval_mean $((sum / 4)) ms"
echo "bench: sync_visible_5s_interval_worst $worst ms"
