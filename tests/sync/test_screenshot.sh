#!/bin/sh
# A screenshot on request (sql/hub/021_screenshot.sql): staff ask for one (yanxiactl hub
# screenshot, scope-checked); the running kiosk learns of it at its next sync round,
# waits while a form-like screen shows, and sends the home screen once it is back there,
# upright and at most 720 px (this kiosk's panel is 1920x1080 with rotate = 90: the
# picture is the 1080x1920 portrait frame, shrunk to 405x720); `--get` writes it; the
# console's 楼道屏 page shows it with its 截屏 button. A kiosk role writes its own
# screenshot only, only when asked, only a PNG of the size it claims; staff of another
# building are refused. Deterministic: the shell and the kiosk's script wait on each
# other's marks (log lines, notices published, the hub's rows), never on timers.
. "$YANXIA_SOURCE_DIR/tests/sync/lib.sh"
: "${YANXIA:?}" "${YANXIA_CONSOLE:?}"
export SDL_VIDEODRIVER=offscreen

kiosk a kangle-12
kiosk b kangle-12
kiosk x other-3
y --db "$T/a.db" init >/dev/null
sed -i 's/^interval_seconds *=.*/interval_seconds = 5/' "$T/a.ini"
printf '[display]\nrotate = 90\n' >>"$T/a.ini"
q "SELECT yanxia_hub.hub_add_staff('zhang', 'zhang-secret-1', 'lead', 'kangle-12')" >/dev/null
staff=$(echo "$HUB" | sed "s/user=postgres/user=yanxia_staff_zhang password=zhang-secret-1/")

# pngcheck FILE: prints "WxH" when FILE is a whole PNG (chunks' CRCs, IDAT inflates to
# the rows its header promises)
pngcheck() {
	$PY3 - "$1" <<'PY'
import struct, sys, zlib
d = open(sys.argv[1], "rb").read()
assert d[:8] == b"\x89PNG\r\n\x1a\n", "no PNG signature"
pos, idat, hdr = 8, b"", None
while pos < len(d):
    n, t = struct.unpack(">I4s", d[pos:pos + 8])
    body = d[pos + 8:pos + 8 + n]
    assert zlib.crc32(t + body) & 0xffffffff == struct.unpack(">I", d[pos + 8 + n:pos + 12 + n])[0], t
    if t == b"IHDR":
        hdr = struct.unpack(">IIBBBBB", body)
    elif t == b"IDAT":
        idat += body
    pos += 12 + n
w, h, depth, colour = hdr[0], hdr[1], hdr[2], hdr[3]
channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[colour]
assert len(zlib.decompress(idat)) == h * (1 + w * channels * depth // 8), "IDAT size"
print(f"{w}x{h}")
PY
}
shot() { q "SELECT $1 FROM yanxia_hub.kiosk_screenshots s JOIN yanxia_hub.kiosks k
            ON k.id = s.kiosk_id WHERE k.name = '$2'"; }

# --- staff ask; the kiosk waits while it is not home, then sends the home screen ------
y hub screenshot a --conn "$staff" >/dev/null || fail "hub screenshot a"
y hub screenshot a --get "$T/none.png" --conn "$staff" 2>"$T/none.err" &&
	fail "--get before any screenshot arrived"
grep -q 'no screenshot of kiosk a yet; asked at 2026-11-23 10:00' "$T/none.err" ||
	fail "--get without a picture: $(cat "$T/none.err")"
y hub screenshot x --conn "$staff" 2>"$T/x.err" && fail "a lead asked another building's kiosk"
grep -q '没有找到这台楼道屏' "$T/x.err" || fail "another building's kiosk: $(cat "$T/x.err")"

cat >"$T/run.script" <<'S'
goto notices
wait-for "一号通知" 180
goto home
wait-for "二号通知" 180
S
"$YANXIA" --headless --size 1920x1080 --config "$T/a.ini" --db "$T/a.db" \
	--script "$T/run.script" >"$T/kiosk.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; cleanup' EXIT INT TERM
logged() { grep -qs "$1" "$T/kiosk.log"; }
wait_for 180 "the worker seeing the request" logged 'staff asked for a screenshot'
wait_for 60 "the UI holding it back on the notices screen" logged \
	'asked for: waiting for the home screen (now notices)'
[ "$(shot "png IS NULL AND requested_at IS NOT NULL" a)" = t ] ||
	fail "a picture left the kiosk while it showed the notices screen"

y add notice --hub "$HUB" --building kangle-12 --title 一号通知 --body 测试 >/dev/null
has_png() { [ "$(shot "png IS NOT NULL" a)" = t ]; }
wait_for 180 "the screenshot on the hub" has_png
logged 'screenshot: of the home screen, 405x720' || fail "not the home screen: $(cat "$T/kiosk.log")"
[ "$(shot "width || 'x' || height || ' ' || (requested_at IS NULL)" a)" = "405x720 true" ] ||
	fail "screenshot row: $(shot "width || 'x' || height" a)"
y add notice --hub "$HUB" --building kangle-12 --title 二号通知 --body 测试 >/dev/null
rc=0
wait $pid || rc=$?
[ $rc = 0 ] || fail "the kiosk's script failed (exit $rc): $(cat "$T/kiosk.log")"

y hub screenshot a --get "$T/a.png" --conn "$staff" >"$T/get.out" || fail "--get"
grep -q "wrote $T/a.png: kiosk a, 405x720, received 2026-11-23 10:00" "$T/get.out" ||
	fail "--get said: $(cat "$T/get.out")"
[ "$(pngcheck "$T/a.png")" = 405x720 ] || fail "the PNG does not decode as 405x720"
[ "$(wc -c <"$T/a.png")" = "$(shot "octet_length(png)" a)" ] || fail "--get wrote other bytes"
# the home screen, upright: its header (the building's red band) is at the top
$PY3 - "$T/a.png" <<'PY' || fail "the picture is not the upright home screen"
import struct, sys, zlib
d = open(sys.argv[1], "rb").read()
pos, idat = 8, b""
while pos < len(d):
    n, t = struct.unpack(">I4s", d[pos:pos + 8])
    if t == b"IHDR":
        assert d[pos + 16:pos + 18] == b"\x08\x02", "not 8-bit RGB"
    if t == b"IDAT":
        idat += d[pos + 8:pos + 8 + n]
    pos += 12 + n
raw = zlib.decompress(idat)  # 8-bit RGB, 405 wide: undo the row filters
w, bpp, rows, prev = 405, 3, [], bytearray(405 * 3)
for y in range(720):
    f, line = raw[y * (1 + w * bpp)], bytearray(raw[y * (1 + w * bpp) + 1:(y + 1) * (1 + w * bpp)])
    for i in range(len(line)):
        a = line[i - bpp] if i >= bpp else 0
        b, c = prev[i], prev[i - bpp] if i >= bpp else 0
        p = a + b - c
        pred = [0, a, b, (a + b) // 2,
                a if abs(p - a) <= abs(p - b) and abs(p - a) <= abs(p - c) else b if abs(p - b) <= abs(p - c) else c][f]
        line[i] = (line[i] + pred) & 255
    rows.append(line)
    prev = line
top, bottom = rows[2][6:9], rows[715][6:9]
assert top[0] > 120 and top[1] < 80, ("header is not red at the top", top, bottom)
assert bottom[0] > 200 and bottom[1] > 200, ("page is not light at the bottom", top, bottom)
PY
q "SELECT login, action, target FROM yanxia_hub.staff_audit WHERE action = 'kiosk.screenshot'" |
	grep -qx 'zhang|kiosk.screenshot|kiosk a' || fail "the request is not in the audit log"

# --- what a kiosk role can and cannot do ------------------------------------------------
hex=$(od -An -tx1 -v "$T/a.png" | tr -d ' \n')
[ "$(as_kiosk b "SELECT yanxia_hub.kiosk_put_screenshot('\\x$hex'::bytea, 405, 720)")" = f ] ||
	fail "kiosk b stored a screenshot nobody asked for"
[ "$(shot "count(*)" b)" = 0 ] || fail "kiosk b has a screenshot row"
for sql in "SELECT count(*) FROM yanxia_hub.kiosk_screenshots" \
	"UPDATE yanxia_hub.kiosk_screenshots SET png = NULL" \
	"INSERT INTO yanxia_hub.kiosk_screenshots (kiosk_id, png) VALUES (1, '\\x00')" \
	"SELECT yanxia_hub.staff_request_screenshot('a')" \
	"SELECT png FROM yanxia_hub.staff_kiosk_screenshot('a')"; do
	if as_kiosk b "$sql" >/dev/null 2>&1; then fail "a kiosk role may: $sql"; fi
done
y hub screenshot a --conn "$staff" >/dev/null || fail "second request"
for bad in "'\\x$hex'::bytea, 405, 721" "'\\x$hex'::bytea, 720, 405" "'\\x00112233'::bytea, 1, 1" \
	"decode(repeat('00', 1048577), 'hex'), 405, 720"; do
	if as_kiosk a "SELECT yanxia_hub.kiosk_put_screenshot($bad)" >/dev/null 2>&1; then
		fail "the hub took a bad screenshot: $bad"
	fi
done
[ "$(shot "octet_length(png) = $(wc -c <"$T/a.png") AND requested_at IS NOT NULL" a)" = t ] ||
	fail "a refused picture changed kiosk a's row"

# --- the console's 楼道屏 page -------------------------------------------------------------
base=$(echo "$HUB" | sed 's/ *user=postgres//')
export T base
/usr/bin/python3 - <<'PY' || fail "the console's screenshots"
import os, re, subprocess, sys
sys.path.insert(0, os.path.join(os.environ["YANXIA_SOURCE_DIR"], "tests", "console"))
from lib import Client

proc = subprocess.Popen([os.environ["YANXIA_CONSOLE"], "--hub", os.environ["base"], "--listen",
                         "127.0.0.1:0"], stdout=subprocess.PIPE, text=True)
try:
    m = re.match(r"listening on http://127\.0\.0\.1:(\d+)/", proc.stdout.readline())
    assert m, "console --hub did not start"
    c = Client(int(m.group(1)))
    s, _, _ = c.login("zhang", "zhang-secret-1")
    assert s == 303, s
    s, _, body = c.get("/kiosks")
    assert s == 200, s
    sec = body[body.index("<h2>截屏</h2>"):]
    assert '<img src="/kiosks/a/screenshot.png?t=' in sec and 'width="405" height="720"' in sec, sec
    assert "截于" in sec and "已请求" in sec, sec  # the picture's time; the second request
    assert 'action="/kiosks/b/screenshot"' in sec and "/kiosks/x/" not in sec, sec
    png = open(os.path.join(os.environ["T"], "a.png"), "rb").read()
    s, h, data = c.request("GET", "/kiosks/a/screenshot.png")
    assert s == 200 and h["content-type"] == "image/png" and data == png, (s, h, len(data))
    s, _, _ = c.request("GET", "/kiosks/x/screenshot.png")
    assert s == 404, s  # another building's kiosk: not found
    s, _, _ = c.post("/kiosks/b/screenshot", {"csrf": "0" * 64})
    assert s == 403, s
    token = re.search(r'name="csrf" value="([0-9a-f]{64})"', sec).group(1)
    s, h, _ = c.post("/kiosks/b/screenshot", {"csrf": token})
    assert s == 303 and h["location"].startswith("/kiosks"), (s, h)
finally:
    proc.terminate()
    assert proc.wait(timeout=60) == 0
PY
[ "$(shot "requested_at IS NOT NULL" b)" = t ] || fail "the console's 截屏 did not ask kiosk b"
# the hub's owner (an installer's --conn) may ask any kiosk, in the audit log by its login
y hub screenshot x --conn "$HUB" >/dev/null || fail "the hub's owner could not ask kiosk x"
[ "$(q "SELECT count(*) FROM yanxia_hub.staff_audit WHERE action = 'kiosk.screenshot'
       AND target = 'kiosk x' AND login = current_user")" = 1 ] || fail "the owner's request is not audited"
y hub screenshot nosuch --conn "$HUB" 2>/dev/null && fail "a kiosk that does not exist was asked"
echo "ok"
