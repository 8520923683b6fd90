#!/bin/sh
# Every systemd unit and the sysusers.d file pass systemd's own checks, in a scratch
# root holding systemd's units and the programs the units start (systemd-analyze
# verify checks that ExecStart exists there); any complaint fails, warnings too. And
# the promises the README makes about them hold.
set -eu
: "${YANXIA_SOURCE_DIR:?}"
src="$YANXIA_SOURCE_DIR/systemd"
# scripts/install-deps installs systemd (for systemd-analyze and systemd-sysusers)
command -v systemd-analyze >/dev/null 2>&1 || {
	echo "FAIL: systemd-analyze is not installed (package systemd, in scripts/install-deps)" >&2
	exit 1
}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

R="$T/root"
mkdir -p "$R/usr/bin" "$R/usr/lib/systemd" "$R/etc/systemd/system" "$R/etc"
cp -a /lib/systemd/system "$R/usr/lib/systemd/"
for b in cage yanxia yanxia-console yanxiactl; do
	printf '#!/bin/sh\n' >"$R/usr/bin/$b"
	chmod 755 "$R/usr/bin/$b"
done
units=$(ls "$src"/*.service)
[ -n "$units" ] || fail "no units in $src"
for u in $units; do
	cp "$u" "$R/etc/systemd/system/"
done
for u in $units; do
	name=$(basename "$u")
	rc=0
	systemd-analyze verify --man=no --root="$R" "$R/etc/systemd/system/$name" >"$T/out" 2>&1 || rc=$?
	[ $rc = 0 ] && [ ! -s "$T/out" ] || fail "$name: systemd-analyze verify (exit $rc): $(cat "$T/out")"
done

# the yanxia user and its groups, as systemd-sysusers would make them on a fresh system
for f in passwd group shadow gshadow; do : >"$R/etc/$f"; done
systemd-sysusers --dry-run --root="$R" "$src/yanxia.sysusers" >"$T/out" 2>&1 ||
	fail "sysusers: $(cat "$T/out")"
grep -q "Creating user 'yanxia'" "$T/out" || fail "sysusers makes no yanxia user: $(cat "$T/out")"
for g in video render input; do
	grep -q "^m yanxia $g$" "$src/yanxia.sysusers" || fail "yanxia is not in group $g"
done

# what the README promises
k="$src/yanxia.service"
for line in 'Type=notify' 'NotifyAccess=all' 'WatchdogSec=30' 'Restart=always' \
	'StartLimitBurst=10' 'StartLimitIntervalSec=600' 'StateDirectory=yanxia' 'User=yanxia' \
	'TTYPath=/dev/tty1' 'Conflicts=getty@tty1.service'; do
	grep -qx "$line" "$k" || fail "yanxia.service lacks $line"
done
grep -q '^ExecStart=/usr/bin/cage .*-- /usr/bin/yanxia ' "$k" || fail "the kiosk does not run under cage"
c="$src/yanxia-console.service"
for line in 'ExecStart=/usr/bin/yanxia-console' 'Restart=always' 'StartLimitBurst=10' \
	'StateDirectory=yanxia' 'User=yanxia'; do
	grep -qx "$line" "$c" || fail "yanxia-console.service lacks $line"
done
echo "units: ok"
