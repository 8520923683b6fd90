# Shared by tests/sync/test_*.sh: a throwaway PostgreSQL hub (scripts/pg-test-cluster)
# in a temp dir, removed on exit; kiosks are store files + configs made by
# `yanxiactl hub add-kiosk`. Needs $YANXIACTL and $YANXIA_SOURCE_DIR.
set -eu
T=$(mktemp -d "${TMPDIR:-/tmp}/yanxia-sync-XXXXXX")
PGDIR="$T/pg"
CLUSTER="$YANXIA_SOURCE_DIR/scripts/pg-test-cluster"
cleanup() { "$CLUSTER" stop "$PGDIR" >/dev/null 2>&1 || true; rm -rf "$T"; }
trap cleanup EXIT INT TERM

fail() { echo "FAIL: $*" >&2; exit 1; }
y() { "$YANXIACTL" "$@"; }

HUB=$("$CLUSTER" start "$PGDIR") || fail "cannot start a test PostgreSQL"
y hub init --conn "$HUB" >/dev/null || fail "hub init"
# One pinned instant for the kiosks, the tools and the hub (sql/hub/006_clock.sql): the
# dates a test writes mean the same next year. A test that needs the real clock sets
# YANXIA_REAL_CLOCK to say why before it sources this file.
if [ -z "${YANXIA_REAL_CLOCK:-}" ]; then
	export YANXIA_NOW="${YANXIA_NOW:-2026-11-23 10:00}"
	psql "$HUB" -XAtqc "SELECT yanxia_hub.hub_pin_clock('$YANXIA_NOW+08')" >/dev/null ||
		fail "cannot pin the hub's clock"
fi

# q SQL: one value from the hub (as its owner)
q() { psql "$HUB" -XAtqc "$1"; }
# as_kiosk NAME SQL: runs SQL as the kiosk's own role (its config's conninfo)
as_kiosk() { psql "$(sed -n 's/^hub = //p' "$T/$1.ini")" -XAtqc "$2"; }
# kiosk NAME BUILDING: registers a kiosk; its store is $T/NAME.db
kiosk() { y hub add-kiosk "$1" --building "$2" --conn "$HUB" --out "$T/$1.ini" >/dev/null; }
# sync NAME [args]: one round for kiosk NAME
sync_k() { k=$1; shift; y --db "$T/$k.db" sync --once --config "$T/$k.ini" "$@"; }
# kq NAME SQL: one value from a kiosk's store
kq() { sqlite3 "$T/$1.db" "$2"; }
# fill_outbox NAME N: N suggestions in the kiosk's outbox, as the store writes them
# (receipts and rooms counted up from the outbox's last seq: unique receipts, and no
# room over its daily cap for the first 9,801; the uuids made once, MATERIALIZED, so the
# payload names the row's own)
fill_outbox() {
	[ -f "$T/$1.db" ] || y --db "$T/$1.db" init >/dev/null
	sqlite3 "$T/$1.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $2),
	  a(s) AS (SELECT '23456789ABCDEFGHJKMNPQRSTUVWXYZ'),
	  r AS MATERIALIZED (SELECT i, i + (SELECT coalesce(max(seq), 0) FROM outbox) AS k,
	         lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
	         substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) || '-' ||
	         hex(randomblob(6))) AS u FROM n)
	  INSERT INTO outbox(uuid, kind, payload, created_at)
	  SELECT u, 'suggestion', json_object('kind', 'suggestion', 'uuid', u, 'text', '测试' || i,
	         'room', (1 + k / 99 % 99) || printf('%02d', 1 + k % 99), 'created_at', 1795399200,
	         'receipt',
	         (SELECT substr(s, k % 31 + 1, 1) || substr(s, k / 31 % 31 + 1, 1) ||
	                 substr(s, k / 961 % 31 + 1, 1) || substr(s, k / 29791 % 31 + 1, 1) ||
	                 'QQ' FROM a)), 1795399200
	  FROM r;"
}

# rand_ms LO HI: a random whole number in [LO, HI]
rand_ms() { echo $(($1 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % ($2 - $1 + 1))); }
# noise_png FILE W H: a PNG of random pixels (incompressible, ~3*W*H bytes)
PY3=python3
[ -x /usr/bin/python3 ] && PY3=/usr/bin/python3 # a version manager's shim costs a second
noise_png() {
	$PY3 - "$1" "$2" "$3" <<'PY'
import os, struct, sys, zlib
path, w, h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
raw = b"".join(b"\0" + os.urandom(w * 3) for _ in range(h))
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
with open(path, "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 1)) + chunk(b"IEND", b""))
PY
}
# proxy_start: tests/sync/cutproxy.py in front of the hub's TCP port; $PLAN is its
# plan file (one plan per new connection), $PROXY_LOG its log. proxy_conn NAME: the
# conninfo of kiosk NAME through the proxy.
proxy_start() {
	PLAN="$T/plan" PROXY_LOG="$T/proxy.log"
	echo none >"$PLAN"
	$PY3 "$YANXIA_SOURCE_DIR/tests/sync/cutproxy.py" "$T/proxy.port" "$(cat "$PGDIR/port")" \
		"$PLAN" "$PROXY_LOG" &
	PROXY_PID=$!
	trap 'kill $PROXY_PID 2>/dev/null || true; cleanup' EXIT INT TERM
	i=0
	while [ ! -s "$T/proxy.port" ]; do
		i=$((i + 1))
		[ $i -lt 100 ] || fail "the proxy did not start"
		sleep 0.05
	done
}
# proxy_logged N: waits until the proxy has logged N connections (it logs one when the
# connection has closed, which it learns after the kiosk has moved on)
proxy_logged() {
	i=0
	until [ -f "$PROXY_LOG" ] && [ "$(wc -l <"$PROXY_LOG")" -ge "$1" ]; do
		i=$((i + 1))
		[ $i -lt 600 ] || fail "the proxy logged no connection"
		sleep 0.05
	done
}
proxy_conn() {
	echo "host=127.0.0.1 port=$(cat "$T/proxy.port") dbname=postgres sslmode=disable" \
		"user=$(sed -n "s/.*user='\([^']*\)'.*/\1/p" "$T/$1.ini")" \
		"password=$(sed -n "s/.*password='\([^']*\)'.*/\1/p" "$T/$1.ini")"
}
# hub_notices NAME / kiosk_notices NAME: the live notices as "hub_id|title|body" lines,
# on the hub for NAME's building and on NAME's store
hub_notices() {
	q "SELECT n.hub_id || '|' || n.title || '|' || n.body FROM yanxia_hub.notices n
	   WHERE NOT n.deleted AND n.scope_id = ANY (yanxia_hub.scope_chain((SELECT building_id
	   FROM yanxia_hub.kiosks WHERE name = '$1'))) ORDER BY n.hub_id"
}
kiosk_notices() {
	kq "$1" "SELECT hub_id || '|' || title || '|' || body FROM notices
	   WHERE deleted = 0 AND hub_id IS NOT NULL ORDER BY hub_id"
}
# cursor_matches NAME: every notice change at or below NAME's cursor is in its store
# as that revision, and none above it (run while the hub is quiet)
cursor_matches() {
	cur=$(kq "$1" "SELECT coalesce((SELECT value FROM meta WHERE key = 'sync_cursor'), 0)")
	bad=$({
		echo "CREATE TEMP TABLE h(hub_id INTEGER, seq INTEGER, op TEXT);"
		q "SELECT format('INSERT INTO h VALUES (%s, %s, %L);', hub_id, seq, op)
		   FROM yanxia_hub.change_log WHERE kind = 'notice'"
		echo "SELECT count(*) FROM h LEFT JOIN notices n ON n.hub_id = h.hub_id WHERE
		  (h.seq <= $cur AND h.op = 'upsert' AND (n.hub_rev IS NOT h.seq OR n.deleted)) OR
		  (h.seq <= $cur AND h.op = 'delete' AND n.hub_id IS NOT NULL
		   AND (n.hub_rev IS NOT h.seq OR NOT n.deleted)) OR
		  (h.seq > $cur AND n.hub_rev >= h.seq);"
	} | sqlite3 "$T/$1.db")
	[ "$bad" = 0 ] || fail "kiosk $1: $bad notices disagree with its cursor $cur"
}
# exactly_once NAME: every outbox row of NAME is on the hub once (taken, or refused with
# the reason the kiosk recorded), and nothing else of NAME's is there
exactly_once() {
	kq "$1" "SELECT uuid || coalesce(' ' || rejected, '') FROM outbox" |
		LC_ALL=C sort >"$T/$1.uuids.kiosk"
	q "SELECT uuid::text FROM yanxia_hub.submissions WHERE kiosk_id = (SELECT id FROM
	   yanxia_hub.kiosks WHERE name = '$1') UNION ALL
	   SELECT uuid || ' ' || reason FROM yanxia_hub.rejections WHERE kiosk_id = (SELECT id
	   FROM yanxia_hub.kiosks WHERE name = '$1')" | LC_ALL=C sort >"$T/$1.uuids.hub"
	cmp -s "$T/$1.uuids.kiosk" "$T/$1.uuids.hub" ||
		fail "kiosk $1: $(wc -l <"$T/$1.uuids.kiosk") submissions, the hub holds $(wc -l <"$T/$1.uuids.hub")"
}
# wait_for SECONDS WHAT CMD...: polls CMD every 0.2 s while the headless kiosk $pid runs
# (its output in $T/kiosk.log); fails when it stops or CMD is still false at the end
wait_for() {
	limit=$(($1 * 5)) what=$2 i=0
	shift 2
	until "$@"; do
		kill -0 $pid 2>/dev/null || fail "the kiosk stopped while waiting for $what: $(cat "$T/kiosk.log")"
		i=$((i + 1))
		[ $i -lt $limit ] || fail "no $what after $limit polls: $(cat "$T/kiosk.log")"
		sleep 0.2
	done
}
