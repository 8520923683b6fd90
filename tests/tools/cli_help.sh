#!/bin/sh
# --help works on every command and subcommand: exit 0, usage on stdout, nothing on
# stderr, and no store created just for reading help.
set -eu
. "$YANXIA_SOURCE_DIR/tests/tools/lib/common.sh"

check() {
	y "$@" >"$T/out" 2>"$T/err" || fail "exit $?: yanxiactl $*"
	[ ! -s "$T/err" ] || fail "stderr for $*: $(cat "$T/err")"
	grep -q '用法' "$T/out" || fail "no usage for: $*"
}

check --help
check help
for cmd in init seed list add edit rm photo cancel claim moderate export import kiosk; do
	check "$cmd" --help
done
for kind in notice tip album activity poll roster contact phrase \
	suggestion wish question signup vote; do
	check add "$kind" --help
done
for kind in notice tip album activity roster contact; do
	check edit "$kind" --help
done
for sub in "photo add" "photo sample" "kiosk set" "moderate wish" "moderate suggestion" \
	"moderate question" "cancel signup" "claim wish" "list notices" "export signups"; do
	# shellcheck disable=SC2086
	check $sub --help
done
[ ! -e "$T/data" ] || fail "--help created a store"

# the listed options are the ones the command takes
y add notice --help | grep -q -- '--body-file FILE' || fail "add notice options"
y photo add --help | grep -q -- '--consent' || fail "photo add options"

# no command at all is a usage error
set +e
y >/dev/null 2>&1
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "no command: exit $rc"
echo "cli_help: ok"
