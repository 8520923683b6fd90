#!/bin/sh
# The man pages the packages install (docs/man/, debian/*.manpages): each renders
# with groff without a warning, and names every command and option its program has,
# so a new option cannot be added without its page saying so.
set -eu
. "$YANXIA_SOURCE_DIR/tests/tools/lib/common.sh"
man="$YANXIA_SOURCE_DIR/docs/man"

for page in yanxia.1 yanxiactl.1 yanxia-console.1; do
	LC_ALL=C.UTF-8 groff -k -man -Tutf8 -ww -z "$man/$page" 2>"$T/warn" || fail "groff failed on $page"
	[ ! -s "$T/warn" ] || fail "$page: $(cat "$T/warn")"
	LC_ALL=C.UTF-8 groff -k -man -Tutf8 -P-cbou "$man/$page" >"$T/$page.txt" 2>/dev/null
done
# mentions PAGE WORD...: every WORD appears in PAGE's rendered text
mentions() {
	page=$1
	shift
	for word in "$@"; do
		grep -qF -- "$word" "$T/$page.txt" || fail "$page does not mention $word"
	done
}

# yanxiactl: every command of its help, every hub subcommand
cmds=$(y --help | sed -n 's/^  \([a-z-]*\) .*/\1/p')
[ -n "$cmds" ] || fail "no commands in yanxiactl --help"
# shellcheck disable=SC2086
mentions yanxiactl.1 $cmds
subs=$(y hub --help | sed -n 's/^  \([a-z-]*\) .*/\1/p')
for s in $subs; do mentions yanxiactl.1 "hub $s"; done
# the kiosk's and the console's options, from their usage text in the source
opts=$(sed -n '/^static void usage/,/^}/p' "$YANXIA_SOURCE_DIR/src/main.c" | grep -o -- '--[a-z-]*' | sort -u)
# shellcheck disable=SC2086
mentions yanxia.1 $opts
opts=$(sed -n '/^static int usage/,/^}/p' "$YANXIA_SOURCE_DIR/src/console/main.c" |
	grep -o -- '--[a-z-]*' | sort -u)
[ -n "$opts" ] || fail "no options found in the console's usage"
# shellcheck disable=SC2086
mentions yanxia-console.1 $opts
# every [display] key of the sample config is in yanxia(1)
keys=$(sed -n '/^\[display\]/,/^\[/s/^\([a-z_]*\) =.*/\1/p' "$YANXIA_SOURCE_DIR/config/yanxia.ini")
# shellcheck disable=SC2086
mentions yanxia.1 $keys
# the packages install them
for p in yanxia:yanxia.1 yanxia-tools:yanxiactl.1 yanxia-console:yanxia-console.1; do
	grep -qx "docs/man/${p#*:}" "$YANXIA_SOURCE_DIR/debian/${p%%:*}.manpages" ||
		fail "debian/${p%%:*}.manpages does not install ${p#*:}"
done
echo "ok"
