#!/bin/sh
# Store benchmarks: seeding the demo store, and a burst of residents' sign-ups written
# with synchronous=FULL (each its own transaction, as at the kiosk).
set -eu
ctl="$BUILD/yanxiactl"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

now_ms() { date +%s%3N; }

runs=""
for i in 1 2 3; do
	rm -rf "$tmp/s$i"
	mkdir -p "$tmp/s$i"
	t0=$(now_ms)
	"$ctl" --db "$tmp/s$i/yanxia.db" seed --demo >/dev/null
	t1=$(now_ms)
	runs="$runs $((t1 - t0))"
done
median=$(printf '%s\n' $runs | sort -n | sed -n 2p)
echo "bench: seed_demo_ms $median ms"

# 200 suggestions typed in from the box, one process each (worst case: process start
# plus one fsync'd transaction per submission)
db="$tmp/s1/yanxia.db"
t0=$(now_ms)
i=0
while [ $i -lt 200 ]; do
	"$ctl" --db "$db" add suggestion --text "楼道灯不亮了，第$i次反映" >/dev/null
	i=$((i + 1))
done
t1=$(now_ms)
echo "bench: cli_submission_ms_each $(((t1 - t0) / 200)) ms"
