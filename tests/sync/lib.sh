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
fill_outbox() {
	y --db "$T/$1.db" init >/dev/null
	sqlite3 "$T/$1.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $2)
	  INSERT INTO outbox(uuid, kind, payload, created_at)
	  SELECT u, 'suggestion', json_object('kind', 'suggestion', 'uuid', u, 'text', '测试' || i,
	         'room', '301', 'created_at', 1795399200), 1795399200
	  FROM (SELECT i, lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
	         substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) || '-' ||
	         hex(randomblob(6))) AS u FROM n);"
}
