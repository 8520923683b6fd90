#!/bin/sh
# Fleet status (sql/hub/009_fleet.sql): a running kiosk's heartbeat carries its uptime,
# restarts since the machine booted (counted per boot id: two starts on one boot, then
# a reboot), memory and night state; the hub keeps a bounded history of heartbeats;
# `yanxiactl hub status` flags a kiosk silent once the hub's clock passes the limit;
# an older kiosk's five-argument heartbeat still works, and a kiosk falls back to it on
# an older hub; kiosk roles reach none of the new tables; the console's 楼道屏 page
# shows the facts and reds a kiosk silent longer than its own limit. Deterministic: every kiosk run ends when its worker's first round has
# brought a notice, and the kiosk finishes that round (heartbeat included) before it
# exits; clocks are pinned.
. "$YANXIA_SOURCE_DIR/tests/sync/lib.sh"
: "${YANXIA:?}"
export SDL_VIDEODRIVER=offscreen
export YANXIA_BOOT_ID_PATH="$T/boot_id"

kiosk a kangle-12
kiosk b kangle-12
y --db "$T/a.db" init >/dev/null
hb() { q "SELECT $1 FROM yanxia_hub.heartbeats h JOIN yanxia_hub.kiosks k ON k.id = h.kiosk_id
          WHERE k.name = '$2'"; }
hist() { q "SELECT count(*) FROM yanxia_hub.heartbeat_history h JOIN yanxia_hub.kiosks k
            ON k.id = h.kiosk_id WHERE k.name = '$1'"; }

# run_kiosk TITLE: staff publish notice TITLE; the kiosk starts, shows it, and exits
n=0
run_kiosk() {
	n=$((n + 1))
	y add notice --hub "$HUB" --building kangle-12 --title "$1" --body 测试 >/dev/null ||
		fail "add notice --hub"
	printf 'goto notices\nwait-for "%s" 60\n' "$1" >"$T/run.script"
	"$YANXIA" --headless --size 1080x1920 --config "$T/a.ini" --db "$T/a.db" \
		--script "$T/run.script" >"$T/kiosk$n.log" 2>&1 ||
		fail "kiosk run $n: $(cat "$T/kiosk$n.log")"
}

# --- restarts since boot, and the facts of a running kiosk -------------------------------
echo 3f0e8a52-1b7c-4e7e-9a55-0c6d1c2b7a01 >"$T/boot_id"
run_kiosk 一号通知
[ "$(hb restarts a)" = 0 ] || fail "first start since boot: restarts $(hb restarts a)"
[ "$(hb night a)" = f ] || fail "a kiosk at 10:00 is awake: night=$(hb night a)"
up=$(hb uptime_s a)
[ -n "$up" ] && [ "$up" -ge 0 ] && [ "$up" -lt 300 ] || fail "uptime: '$up'"
rss=$(hb rss a)
[ -n "$rss" ] && [ "$rss" -gt 10000000 ] || fail "rss: '$rss' (a kiosk with SDL and fonts)"
[ "$(hb version a)" != "" ] || fail "no version"
[ "$(cat "$T/boot-starts")" = "3f0e8a52-1b7c-4e7e-9a55-0c6d1c2b7a01 1" ] ||
	fail "counter file: $(cat "$T/boot-starts")"

run_kiosk 二号通知
[ "$(hb restarts a)" = 1 ] || fail "second start on the same boot: restarts $(hb restarts a)"
echo 9b2d4c61-77aa-4f00-8e11-5d6e7f809a02 >"$T/boot_id" # the machine rebooted
run_kiosk 三号通知
[ "$(hb restarts a)" = 0 ] || fail "first start after a reboot: restarts $(hb restarts a)"
[ "$(hist a)" = 3 ] || fail "history after three kiosk rounds: $(hist a)"
[ "$(q "SELECT string_agg(restarts::text, ',' ORDER BY h.id) FROM yanxia_hub.heartbeat_history h
       JOIN yanxia_hub.kiosks k ON k.id = h.kiosk_id WHERE k.name = 'a'")" = 0,1,0 ] ||
	fail "history of restarts"
[ "$(q "SELECT count(*) FROM yanxia_hub.heartbeat_history WHERE rss > 0 AND uptime_s >= 0
       AND night = false")" = 3 ] || fail "history lacks the fleet facts"

# the console's kiosks page reads them through staff_kiosks() (scope checked)
q "SELECT yanxia_hub.hub_add_staff('zhang', 'zhang-secret-1', 'lead', 'kangle-12')" >/dev/null
staff_conn=$(echo "$HUB" | sed "s/user=postgres/user=yanxia_staff_zhang password=zhang-secret-1/")
[ "$(psql "$staff_conn" -XAtqc "SELECT name, restarts, rss > 0, night, uptime_s >= 0
     FROM yanxia_hub.staff_kiosks() WHERE name = 'a'")" = "a|0|t|f|t" ] ||
	fail "staff_kiosks: $(psql "$staff_conn" -XAtqc "SELECT * FROM yanxia_hub.staff_kiosks()")"

# --- an older kiosk's heartbeat, and what a kiosk role can reach --------------------------
as_kiosk b "SELECT yanxia_hub.kiosk_heartbeat('0.8.0', 0, 2, 1000, 0)" >/dev/null ||
	fail "the five-argument heartbeat of an older kiosk"
[ "$(hb "version || '|' || queue || '|' || coalesce(uptime_s::text, 'null')" b)" = "0.8.0|2|null" ] ||
	fail "older kiosk's heartbeat: $(hb "version || queue" b)"
as_kiosk b "SELECT yanxia_hub.kiosk_heartbeat('1', 0, 0, 0, 0, -5, 2, 3000000, true,
            'sync: hub' || chr(10) || 'down' || repeat('x', 400))" >/dev/null ||
	fail "the new heartbeat as a kiosk"
[ "$(hb "coalesce(uptime_s::text, 'null') || '|' || night || '|' || length(last_error) ||
        '|' || left(last_error, 14)" b)" = "null|true|200|sync: hub down" ] ||
	fail "the hub took a kiosk's word: $(hb "uptime_s || night || last_error" b)"
for sql in "SELECT count(*) FROM yanxia_hub.heartbeat_history" \
	"SELECT * FROM yanxia_hub.fleet_settings" \
	"SELECT yanxia_hub.heartbeat_prune(1, 1)" \
	"UPDATE yanxia_hub.fleet_settings SET value = 1"; do
	if as_kiosk b "$sql" >/dev/null 2>&1; then fail "a kiosk role may: $sql"; fi
done

# --- the history stays bounded -------------------------------------------------------------
q "UPDATE yanxia_hub.fleet_settings SET value = 5 WHERE name = 'heartbeat_history'"
for i in 1 2 3 4 5 6 7; do sync_k a >/dev/null || fail "sync round $i"; done
[ "$(hist a)" = 5 ] || fail "history not pruned to 5: $(hist a)"
# the newest are kept: yanxiactl is not the kiosk, it reports no fleet facts
[ "$(q "SELECT count(*) FROM yanxia_hub.heartbeat_history h JOIN yanxia_hub.kiosks k
       ON k.id = h.kiosk_id WHERE k.name = 'a' AND h.restarts IS NULL")" = 5 ] ||
	fail "pruning kept old rows"
[ "$(q "SELECT yanxia_hub.heartbeat_prune((SELECT id FROM yanxia_hub.kiosks WHERE name = 'a'), 2)")" = 3 ] ||
	fail "heartbeat_prune direct call"
[ "$(hist a)" = 2 ] || fail "history after a direct prune: $(hist a)"
[ "$(hist b)" = 2 ] || fail "pruning a touched another kiosk: $(hist b)"

# --- silence, by the hub's clock ----------------------------------------------------------
kiosk c kangle-12 # never heard from
y hub status --conn "$HUB" --json >"$T/status.json" || fail "hub status --json"
python3 - "$T/status.json" <<'PY' || fail "status before: $(cat "$T/status.json")"
import json, sys
k = {r["kiosk"]: r for r in json.load(open(sys.argv[1]))}
assert k["a"]["silent"] is False and k["b"]["silent"] is False, k
assert k["c"]["silent"] is True and k["c"]["uptime_s"] is None, k["c"]
assert k["b"]["night"] == "night" and k["b"]["restarts"] == 2 and k["b"]["rss_mb"] == 2, k["b"]
assert k["b"]["last_error"].startswith("sync: hub down"), k["b"]
assert k["a"]["night"] is None, k["a"]  # yanxiactl sync: not reported
PY
q "SELECT yanxia_hub.hub_pin_clock('$YANXIA_NOW+08'::timestamptz + interval '16 minutes')" >/dev/null
y hub status --conn "$HUB" --json >"$T/status.json" || fail "hub status --json"
python3 - "$T/status.json" <<'PY' || fail "status 16 minutes on: $(cat "$T/status.json")"
import json, sys
k = {r["kiosk"]: r for r in json.load(open(sys.argv[1]))}
assert all(r["silent"] for r in k.values()), k
PY
y hub status --conn "$HUB" --json --silent-minutes 20 | grep -q '"kiosk":"a".*"silent":false' ||
	fail "--silent-minutes 20: a is not silent after 16 minutes"
y hub status --conn "$HUB" >"$T/status.txt" || fail "hub status"
grep -q '^a  *kangle-12 .* SILENT ' "$T/status.txt" || fail "text status: $(cat "$T/status.txt")"
grep -q '^b  *kangle-12 .* 2  *2 night SILENT  *sync: hub down' "$T/status.txt" ||
	fail "text status of b: $(cat "$T/status.txt")"
y hub status --conn "$HUB" --silent-minutes 0 >/dev/null 2>&1 && fail "--silent-minutes 0 accepted"

# --- the console's 楼道屏 page, with its own limit ([console] silent_minutes) --------------
# b speaks again (its phone number in an error line is masked by the hub too); a spoke
# 16 minutes ago, c never
as_kiosk b "SELECT yanxia_hub.kiosk_heartbeat('1', 0, 0, 0, 0, 97200, 2, 3000000, true,
            'sync: call 138 1234 5678 failed')" >/dev/null || fail "b's heartbeat"
[ "$(hb last_error b)" = "sync: call # failed" ] || fail "the hub kept a phone: $(hb last_error b)"
printf '[console]\nsilent_minutes = 20\n' >"$T/console.ini"
base=$(echo "$HUB" | sed 's/ *user=postgres//')
export T base
/usr/bin/python3 - <<'PY' || fail "the console's kiosks page"
import os, re, subprocess, sys
sys.path.insert(0, os.path.join(os.environ["YANXIA_SOURCE_DIR"], "tests", "console"))
from lib import Client

proc = subprocess.Popen([os.environ["YANXIA_CONSOLE"], "--hub", os.environ["base"], "--config",
                         os.path.join(os.environ["T"], "console.ini"), "--listen", "127.0.0.1:0"],
                        stdout=subprocess.PIPE, text=True)
try:
    m = re.match(r"listening on http://127\.0\.0\.1:(\d+)/", proc.stdout.readline())
    assert m, "console --hub did not start"
    c = Client(int(m.group(1)))
    s, _, _ = c.login("zhang", "zhang-secret-1")
    assert s == 303, s
    s, _, body = c.get("/")
    assert s == 200 and "<b>1</b>台楼道屏超过20分钟没有消息" in body, body[-1500:]
    s, _, body = c.get("/kiosks")
    assert s == 200 and "超过20分钟" in body
    rows = {}
    for tr in re.findall(r"<tr[^>]*><td[^>]*>.*?</tr>", body):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", tr)
        rows[cells[0]] = (tr, cells)
    assert sorted(rows) == ["a", "b", "c"], rows.keys()
    # name, building, seen, queue, disk, version, uptime, restarts, memory, screen, error
    tr, cells = rows["b"]
    assert 'class="fail"' not in tr, tr
    assert cells[6:] == ["1天3小时", "2", "2 MB", "夜间休眠", "sync: call # failed"], cells
    tr, cells = rows["a"]
    assert 'class="fail"' not in tr, tr  # 16 minutes: silent for hub status, not here
    assert cells[6:] == ["", "", "", "", ""], cells  # yanxiactl sync said nothing of these
    tr, cells = rows["c"]
    assert 'class="fail"' in tr and cells[2] == "从未联系", tr
finally:
    proc.terminate()
    assert proc.wait(timeout=60) == 0
PY

# --- a kiosk upgraded before its hub ----------------------------------------------------
# The hub still has the five-argument heartbeat only (as before 009): the kiosk falls back
# to it, says once that the hub wants `hub init`, and is not silent.
q "DROP FUNCTION yanxia_hub.kiosk_heartbeat(text, bigint, bigint, bigint, bigint, bigint, int,
                                            bigint, boolean, text);
   CREATE FUNCTION yanxia_hub.kiosk_heartbeat(p_version text, p_last_sync bigint,
       p_queue bigint, p_free_disk bigint, p_cursor bigint) RETURNS void
   LANGUAGE sql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS \$\$
       UPDATE heartbeats SET version = 'old-hub ' || p_version, at = hub_now(),
              uptime_s = NULL WHERE kiosk_id = (calling_kiosk()).id \$\$;
   GRANT EXECUTE ON FUNCTION yanxia_hub.kiosk_heartbeat(text, bigint, bigint, bigint, bigint)
       TO yanxia_kiosk" >/dev/null || fail "cannot make the hub old"
# back to the kiosk's hour: a notice published at 10:16 would wait for 10:16 on the kiosk
q "SELECT yanxia_hub.hub_pin_clock('$YANXIA_NOW+08')" >/dev/null
run_kiosk 四号通知
[ "$(hb version a)" = "old-hub $(y --version | sed 's/.* //')" ] ||
	fail "no heartbeat to an older hub: $(hb version a); $(cat "$T/kiosk$n.log")"
[ "$(grep -c 'the hub is older than this kiosk' "$T/kiosk$n.log")" = 1 ] ||
	fail "the fallback was not said once: $(cat "$T/kiosk$n.log")"
echo "ok"
