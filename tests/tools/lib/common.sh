# Shared by tests/tools/*.sh (sourced; not a test itself: CTest globs tests/tools/*.sh
# only). Gives a temp dir that is removed on exit, a store path, and helpers.
: "${YANXIACTL:?set YANXIACTL to the built yanxiactl}"
: "${YANXIA_SOURCE_DIR:?set YANXIA_SOURCE_DIR to the repository}"

T=$(mktemp -d "${TMPDIR:-/tmp}/yanxiactl-test.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
export YANXIA_NOW="2026-11-23 10:00" # the store's rules see this as "now"
DB="$T/data/yanxia.db"
FIXTURES="$YANXIA_SOURCE_DIR/tests/tools/fixtures"

y() { "$YANXIACTL" --db "$DB" "$@"; }

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# Everything `list` can show, as JSON: two equal snapshots mean an unchanged store.
snapshot() {
	for k in notices tips albums photos activities signups polls votes suggestions \
		wishes questions roster contacts phrases outbox kiosk; do
		echo "== $k"
		y list "$k" --json --all
	done
}

# expect_fail CODE|any WORDS... : the command fails with that exit code and exactly
# one line on stderr that starts with "yanxiactl: ". The message is left in $T/err.
expect_fail() {
	want=$1
	shift
	set +e
	y "$@" >"$T/out" 2>"$T/err"
	rc=$?
	set -e
	[ "$rc" -ne 0 ] || fail "succeeded but should fail: $*"
	[ "$want" = any ] || [ "$rc" -eq "$want" ] || fail "exit $rc, wanted $want: $* ($(cat "$T/err"))"
	[ "$(wc -l <"$T/err")" -eq 1 ] || fail "stderr is not one line: $*: $(cat "$T/err")"
	grep -q '^yanxiactl: ' "$T/err" || fail "message does not start with yanxiactl: $(cat "$T/err")"
}

# expect_msg TEXT: the last expect_fail's message contains TEXT.
expect_msg() {
	grep -qF -- "$1" "$T/err" || fail "message lacks \"$1\": $(cat "$T/err")"
}

# The receipt code from "回执码 XXXXXX（...）".
receipt_of() {
	sed -n 's/^回执码 \([2-9A-Z]\{6\}\).*/\1/p' "$1"
}
