#!/bin/sh
# Sync against a throwaway PostgreSQL on this machine:
#   push 10,000 submissions from one kiosk; pull 2,000 notices onto an empty kiosk.
# Prints `bench: NAME VALUE UNIT`. Needs $BUILD (a release build dir).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
export YANXIACTL="$BUILD/yanxiactl" YANXIA_SOURCE_DIR="$here"
. "$here/tests/sync/lib.sh"

now_ms() { date +%s%3N; }

kiosk a kangle-12
kiosk b kangle-12
fill_outbox a 10000
t0=$(now_ms)
sync_k a --batch 1000 | grep -q 'pushed 10000,' || fail "push"
t1=$(now_ms)
echo "bench: sync_push_10000 $(awk "BEGIN { printf \"%.0f\", 10000 * 1000 / ($t1 - $t0) }") submissions/s"

q "SELECT count(*) FROM (SELECT yanxia_hub.hub_publish('notice', 'kangle-12',
   jsonb_build_object('title', '通知 ' || i, 'body', repeat('楼道里请勿堆放杂物。', 20)))
   FROM generate_series(1, 2000) i) x" >/dev/null
t0=$(now_ms)
sync_k b | grep -q 'pulled 2000 ' || fail "pull"
t1=$(now_ms)
echo "bench: sync_pull_2000_notices $((t1 - t0)) ms"
