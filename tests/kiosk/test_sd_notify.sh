#!/bin/sh
# The kiosk as systemd runs it (yanxia.service, Type=notify, WatchdogSec): it sends
# READY=1 after its first frame and WATCHDOG=1 from its frame loop, also when its
# parent (cage) is the unit's main process; at night its status says so; under the
# journal its log lines carry syslog priorities. The notify socket is a real unix
# datagram socket this test listens on, as systemd does.
set -eu
: "${YANXIA:?}" "${YANXIACTL:?}" "${YANXIA_SOURCE_DIR:?}"
here="$YANXIA_SOURCE_DIR/tests/kiosk"
. "$here/lib/demo.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
demo_store "$T"
# without the demo's urgent notices, which would keep the screen awake
YANXIA_NOW="2026-11-23 10:00" "$YANXIACTL" --db "$T/yanxia.db" rm notice 3 >/dev/null
YANXIA_NOW="2026-11-23 10:00" "$YANXIACTL" --db "$T/yanxia.db" rm notice 15 >/dev/null
printf '[display]\nawake_mon = off\n' >"$T/night.ini"

python3 - "$YANXIA" "$T" <<'PY'
import os, signal, socket, subprocess, sys, time
yanxia, T = sys.argv[1], sys.argv[2]
sock_path = os.path.join(T, "notify.sock")
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sock_path)
s.settimeout(120)  # a bound on failure only: each step waits for the kiosk's message
log = open(os.path.join(T, "kiosk.log"), "wb")
st = os.fstat(log.fileno())
env = dict(os.environ, NOTIFY_SOCKET=sock_path, WATCHDOG_USEC="400000",
           WATCHDOG_PID=str(os.getpid()),  # as under cage: the parent is the main process
           JOURNAL_STREAM="%d:%d" % (st.st_dev, st.st_ino),
           YANXIA_HEADLESS_LOOP="1", SDL_VIDEODRIVER="offscreen")
env["YANXIA_NOW"] = "2026-11-23 23:00"  # a Monday: awake_mon = off makes it night
p = subprocess.Popen([yanxia, "--headless", "--config", os.path.join(T, "night.ini"),
                      "--db", os.path.join(T, "yanxia.db")], env=env, stderr=log)
msgs = []
def fail(why):
    p.kill()
    p.wait()
    sys.exit("FAIL: %s; messages %r; log %s" % (why, msgs, open(os.path.join(T, "kiosk.log")).read()))
deadline = time.monotonic() + 120  # a bound on failure only
try:
    while sum(m == "WATCHDOG=1" for m in msgs) < 3 or not any("STATUS=night" in m for m in msgs):
        msgs.append(s.recv(4096).decode())
        if time.monotonic() > deadline:
            fail("no night status within 120 s")
except socket.timeout:
    fail("the kiosk stopped talking to systemd")
if not msgs[0].startswith("READY=1"):
    fail("the first message is not READY=1")
p.send_signal(signal.SIGTERM)
p.wait(timeout=120)
text = open(os.path.join(T, "kiosk.log")).read()
if "<6>info service: watchdog: a ping every 200 ms" not in text:
    fail("no journal-priority line for the watchdog")
if "<6>info night: the screen sleeps" not in text:
    fail("no journal-priority line for the night")
print("sd_notify: ok (%d messages)" % len(msgs))
PY

# without NOTIFY_SOCKET nothing is sent and nothing breaks (every other kiosk test)
printf 'expect "本月健康小贴士"\n' >"$T/home.script"
# (an awake Tuesday)
YANXIA_NOW="2026-11-24 10:00" WATCHDOG_USEC=400000 "$YANXIA" --headless --db "$T/yanxia.db" \
	--script "$T/home.script"
