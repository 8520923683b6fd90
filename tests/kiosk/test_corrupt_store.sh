#!/bin/sh
# A damaged store at start: the kiosk moves it aside as PATH.corrupt-YYYYMMDD-HHMMSS
# with a log line, starts on a fresh store (an empty home screen, a clean check), and
# reads back what survived: the kiosk's identity and the submissions the hub has not
# had. A file that is not a database at all goes the same way. A store from a newer
# program is not damaged: it stays where it is and the kiosk refuses to start.
set -eu
: "${YANXIA:?}" "${YANXIACTL:?}" "${YANXIA_SOURCE_DIR:?}"
here="$YANXIA_SOURCE_DIR/tests/kiosk"
. "$here/lib/demo.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
export YANXIA_NOW="2026-11-23 10:00"
db="$T/a/yanxia.db"
demo_store "$T/a"
"$YANXIACTL" --db "$db" add suggestion --text '三楼楼道灯坏了' --room 301 >/dev/null
pending=$(sqlite3 "$db" "SELECT count(*) FROM outbox WHERE acked_at IS NULL")
lastseq=$(sqlite3 "$db" "SELECT seq FROM sqlite_sequence WHERE name = 'outbox'")
uuid=$(sqlite3 "$db" "SELECT kiosk_uuid FROM kiosk")
[ "$pending" -ge 1 ] || fail "no pending submission to read back"

# the notices table's root page overwritten: quick_check fails, the outbox survives
page=$(sqlite3 "$db" "PRAGMA page_size")
root=$(sqlite3 "$db" "SELECT rootpage FROM sqlite_master WHERE name = 'notices'")
head -c "$page" /dev/zero | tr '\0' '\377' |
	dd of="$db" bs="$page" seek=$((root - 1)) conv=notrunc 2>/dev/null
cp "$db" "$T/damaged.db"
if sqlite3 "$db" "PRAGMA quick_check" 2>/dev/null | grep -qx ok; then fail "the damage did not take"; fi

cat >"$T/empty.script" <<'SCRIPT'
expect "暂时没有通知"
expect-not "康乐小区12号楼楼组公约"
SCRIPT
"$YANXIA" --headless --db "$db" --script "$T/empty.script" 2>"$T/log" ||
	fail "the kiosk did not start on a fresh store: $(cat "$T/log")"
moved="$db.corrupt-20261123-100000"
grep -q "error store: $db was damaged (.*quick_check.*): moved aside as $moved; started on a fresh store (standalone: empty); read back the kiosk's identity and $pending unsent submissions" "$T/log" ||
	fail "log line: $(cat "$T/log")"
[ -f "$moved" ] || fail "no $moved"
cmp -s "$moved" "$T/damaged.db" || fail "the moved file is not the damaged one"
"$YANXIACTL" --db "$db" check >"$T/check" || fail "the fresh store fails its check: $(cat "$T/check")"
[ "$(sqlite3 "$db" "SELECT kiosk_uuid FROM kiosk")" = "$uuid" ] || fail "the kiosk has a new identity"
[ "$(sqlite3 "$db" "SELECT count(*) FROM outbox WHERE acked_at IS NULL")" = "$pending" ] ||
	fail "unsent submissions were lost"
sqlite3 "$db" "SELECT payload FROM outbox" | grep -q '三楼楼道灯坏了' || fail "the suggestion's text was lost"
# the next submission continues the sequence the hub knows
"$YANXIACTL" --db "$db" add suggestion --text '电梯按钮不亮' --room 302 >/dev/null
[ "$(sqlite3 "$db" "SELECT max(seq) FROM outbox")" = $((lastseq + 1)) ] || fail "the outbox sequence restarted"
# the next start finds nothing wrong
"$YANXIA" --headless --db "$db" --script "$T/empty.script" 2>"$T/log2" || fail "second start: $(cat "$T/log2")"
if grep -q damaged "$T/log2"; then fail "a sound store was moved aside: $(cat "$T/log2")"; fi

# not a database at all
mkdir -p "$T/b"
echo '这不是数据库' >"$T/b/yanxia.db"
"$YANXIA" --headless --db "$T/b/yanxia.db" --script "$T/empty.script" 2>"$T/log" ||
	fail "a non-database file kept the kiosk down: $(cat "$T/log")"
grep -q "moved aside as $T/b/yanxia.db.corrupt-20261123-100000; .*no kiosk identity and 0 unsent" "$T/log" ||
	fail "non-database log: $(cat "$T/log")"
[ "$(cat "$T/b/yanxia.db.corrupt-20261123-100000")" = '这不是数据库' ] || fail "the file was changed"

# a newer program's store is not damage: left alone, and the kiosk says why
mkdir -p "$T/c"
sqlite3 "$T/c/yanxia.db" "PRAGMA user_version = 99; CREATE TABLE x(y);"
rc=0
"$YANXIA" --headless --db "$T/c/yanxia.db" --script "$T/empty.script" 2>"$T/log" || rc=$?
[ $rc = 1 ] && grep -q "newer than this program" "$T/log" || fail "newer schema: exit $rc: $(cat "$T/log")"
[ "$(ls "$T/c")" = yanxia.db ] || fail "a newer store was moved: $(ls "$T/c")"
echo "corrupt store: ok"
