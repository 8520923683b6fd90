#!/usr/bin/env python3
"""make soak: a month in a lobby, in accelerated virtual time.

    BUILD=build/release SOAK_DAYS=30 SOAK_SIZE=540x960 python3 bench/soak.py [OUT_DIR]

One headless kiosk (the demo store, with a [sync] hub) runs a script of SOAK_DAYS days:
each day 06:00-06:30 asleep, then from 06:30 a resident's session every 20 minutes
(notices, the photo wall flung and a portrait opened, the health column, the polls and
contacts, the wishes, the receipt lookup and roster, and twice in the morning a sign-up
typed on the keypad), between sessions the home screen and, after attract_seconds, the
slideshow; from 22:00 the night with its maintenance step. Every session starts on the clock (script
step `until HH:MM`): a session's own steps take 7-10 s of virtual time, and a day of fixed
waits after them ran about 5 minutes late a day, so that by day 6 the "06:00" sample came
after the screen woke at 06:30 and the noon sample later every day (12:33 on day 5),
each measuring more of the day's drawing. At the end of every day (06:00, after the
night) the kiosk prints its resident memory and open descriptors (script step `stats`);
this harness adds the store's size (with its WAL) and the photo and thumbnail folders'.
The nightly step lets caches go, which flatters a sample taken after it: the kiosk prints
its memory at 12:10 too (the noon_* columns), and the goal holds for both.

The demo store's two urgent notices (a water cut, a cold wave: 紧急, 3-4 days to run)
are withdrawn before the kiosk starts: an urgent notice keeps the screen lit through
the night, so days 1-4 drew all night and day 2, the baseline, held a fuller text cache
than any later day. Withdrawn, every night of the soak is alike and day 2 is a fair start.

Meanwhile, in wall-clock time, a real PostgreSQL hub (scripts/pg-test-cluster) churns
content for the kiosk's building (a notice published and an old one withdrawn every
few seconds, a portrait added and an old one removed now and then) and goes away: its
server is killed for SOAK_OUTAGE_S seconds every SOAK_OUTAGE_EVERY_S seconds, which at
the soak's pace is hours of the kiosk's time. The kiosk syncs every 5 s of wall time.

At the end one more sync round with the hub up; every sign-up typed on the kiosk must be
on the hub (nothing lost). Writes OUT_DIR/soak.csv and, with gnuplot, OUT_DIR/soak.png
(default OUT_DIR: docs/), and prints `bench: soak_...` lines. SOAK_KEEP=1 keeps the
temporary folder (store, photos, the kiosk's log) for a look afterwards, with SOAK_SMAPS=1 the
kiosk's /proc/PID/smaps at each sample. Goal: flat after day 2
(RSS growth under 1 MB over days 2..N at 06:00 and at noon, no descriptor growth: the
hub's connection, a socket that an outage closes for a while, not counted).
"""
import csv
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zlib
import struct

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.abspath(os.environ.get("BUILD", os.path.join(SRC, "build", "release")))
DAYS = int(os.environ.get("SOAK_DAYS", "30"))
SIZE = os.environ.get("SOAK_SIZE", "540x960")
OUTAGE_EVERY = float(os.environ.get("SOAK_OUTAGE_EVERY_S", "90"))
OUTAGE_FOR = float(os.environ.get("SOAK_OUTAGE_S", "20"))
OUT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(SRC, "docs"))
YANXIA = os.path.join(BUILD, "yanxia")
CTL = os.path.join(BUILD, "yanxiactl")
CLUSTER = os.path.join(SRC, "scripts", "pg-test-cluster")
START = "2026-11-23 06:00"  # a Monday; the kiosk's virtual clock runs on from here
ENV = dict(os.environ, YANXIA_NOW=START, SDL_VIDEODRIVER="offscreen")
ENV.pop("YANXIA_CLOCK_GUARD", None)


def run(*args, check=True, **kw):
    return subprocess.run(args, env=ENV, check=check, capture_output=True, text=True, **kw)


def ctl(*args, check=True):
    return run(CTL, *args, check=check).stdout.strip()


def noise_png(path, w, h, seed):
    """A PNG of pseudo-random pixels (incompressible, like a photo's detail)."""
    rows, x = [], seed * 2654435761 & 0xFFFFFFFF
    for _ in range(h):
        line = bytearray(w * 3)
        for i in range(0, len(line), 4):
            x = (x * 1103515245 + 12345) & 0xFFFFFFFF
            line[i:i + 4] = x.to_bytes(4, "little")[: len(line) - i]
        rows.append(b"\0" + bytes(line))

    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(b"".join(rows), 1)) + chunk(b"IEND", b""))


NOON_SESSION = 17  # the session at 12:10: the day's sample, hours from the nightly step


def day_script(days):
    """The kiosk's script: days of sessions, slideshow and nights; `stats dayN-noon` after the
    session at 12:10 and `stats dayN` at 06:00 the next morning, after the night."""
    out, room = [], 0

    def session(s):
        nonlocal room
        w, h = (int(v) for v in SIZE.split("x"))
        cx, low, high = w // 2, h * 4 // 5, h // 4
        out.append(f"tap {cx} {h * 9 // 10}")  # wakes the slideshow, or taps home's foot
        out.append("goto home")
        k = s % 6
        if k == 0:
            out.extend(["goto notices", f"drag {cx} {low} {cx} {high} 200", "wait 3000",
                        f"tap {cx} {h // 3}", "wait 4000", f"drag {cx} {low} {cx} {high} 300",
                        "wait 3000"])
        elif k == 1:
            out.extend(["goto photos", f"drag {cx} {low} {cx} {high} 80", "wait 4000",
                        f"tap {w // 4} {h // 2}", "wait 3000",
                        f"drag {w * 5 // 6} {h // 2} {w // 6} {h // 2} 150", "wait 3000"])
        elif k == 2 and s < 12:  # two sign-ups a morning
            room += 1
            r = f"{1 + room // 8 % 33}{1 + room % 8:02d}"
            out.extend(["goto activities", 'tap "每日太极"', 'tap "我要报名"', f"type {r}",
                        'tap "提交"', "wait 1500", 'expect "报名成功"', 'tap "完成"'])
        elif k == 3:
            out.extend(["goto health", f"drag {cx} {low} {cx} {high} 200", "wait 3000"])
        elif k == 4:
            out.extend(["goto polls", "wait 3000", "goto contacts", "wait 2000"])
        else:
            out.extend(["goto wishes", "wait 2000", "goto receipt", "wait 2000", "goto roster",
                        "wait 2000"])
        out.append("goto home")

    # each session starts on the clock (`until`): a session's own steps take virtual time
    # (7-10 s of waits, drags and taps), and a day made of fixed waits after them ran
    # ~5 minutes late a day, so that from day 6 the 06:00 sample came after the screen
    # woke at 06:30 and the noon sample later each day, both measuring more of the day
    for d in range(1, days + 1):
        out.append(f"# day {d}, from 06:00")
        for s in range(46):  # 06:30 .. 21:50
            m = 6 * 60 + 30 + 20 * s
            out.append(f"until {m // 60:02d}:{m % 60:02d}")
            session(s)
            if s == NOON_SESSION:
                out.append(f"stats day{d}-noon")
        out.append("until 06:00")
        out.append(f"stats day{d}")
    return "\n".join(out) + "\n", room


def sockets(pid):
    """How many of the process's descriptors are sockets (its hub connection)."""
    n = 0
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            n += os.readlink(f"/proc/{pid}/fd/{fd}").startswith("socket:")
        except OSError:
            pass
    return n


def du(path):
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            try:
                total += os.path.getsize(os.path.join(root, f))
            except OSError:
                pass
    return total


class Hub:
    """The throwaway hub, its churn and its outages (wall clock)."""

    def __init__(self, tmp):
        self.dir = os.path.join(tmp, "pg")
        self.conn = run(CLUSTER, "start", self.dir).stdout.strip()
        ctl("hub", "init", "--conn", self.conn)
        self.stop = threading.Event()
        self.lock = threading.Lock()  # churn waits while the server is down
        self.published = self.withdrawn = self.photos = self.outages = 0
        self.tmp = tmp
        # the hub's clock follows the kiosk's virtual one (sql/hub/006_clock.sql): the hub
        # takes a submission written at most a day after its now, so on the real clock the
        # kiosk's sign-ups of the soak's later days would be refused as from the future
        self.day, self.pinned = 0, -1
        self.pin()

    def pin(self):
        """Pins the hub's clock at the start of the kiosk's current virtual day (06:00)."""
        day = self.day
        if day == self.pinned:
            return
        at = (datetime.datetime.strptime(START, "%Y-%m-%d %H:%M")
              + datetime.timedelta(days=day)).strftime("%Y-%m-%d %H:%M")
        if run("psql", self.conn, "-XAtqc", f"SELECT yanxia_hub.hub_pin_clock('{at}+08')",
               check=False).returncode == 0:
            self.pinned = day

    def churn(self):
        notices, photos, i = [], [], 0
        while not self.stop.wait(2.0):
            i += 1
            with self.lock:
                self.pin()  # a new virtual day since the last pass
                out = ctl("hub", "publish", "notice", "--scope", "kangle-12", "--conn", self.conn,
                          "--fields", '{"title": "第%d期楼道通知", "body": "%s"}' % (i, "请大家留意。" * 20),
                          check=False)
                m = re.search(r"id (\d+)", out)
                if m:
                    notices.append(m.group(1))
                    self.published += 1
                if len(notices) > 12 and run(CTL, "rm", "notice", notices[0], "--hub",
                                             self.conn, check=False).returncode == 0:
                    notices.pop(0)
                    self.withdrawn += 1
                if i % 5 == 0:
                    png = os.path.join(self.tmp, f"face{i}.png")
                    noise_png(png, 400, 500, i)
                    out = ctl("photo", "add", png, "--hub", self.conn, "--building", "kangle-12",
                              "--album", "笑脸墙", "--name", f"邻居{i}", "--consent", check=False)
                    os.unlink(png)
                    m = re.search(r"photo (\d+)", out)
                    if m:
                        photos.append(m.group(1))
                        self.photos += 1
                    if len(photos) > 6:
                        ctl("rm", "photo", photos.pop(0), "--hub", self.conn, check=False)

    def outage(self):
        while not self.stop.wait(OUTAGE_EVERY):
            with self.lock:
                run(CLUSTER, "kill", self.dir, check=False)
                self.outages += 1
                self.stop.wait(OUTAGE_FOR)
                run(CLUSTER, "start", self.dir)

    def close(self):
        self.stop.set()
        run(CLUSTER, "stop", self.dir, check=False)


def main():
    tmp = tempfile.mkdtemp(prefix="yanxia-soak-")
    hub = None
    try:
        hub = Hub(tmp)
        ctl("hub", "add-scope", "kangle-12", "--name", "康乐小区12号楼", "--conn", hub.conn)
        ini = os.path.join(tmp, "kiosk.ini")
        ctl("hub", "add-kiosk", "soak", "--building", "kangle-12", "--conn", hub.conn, "--out", ini)
        with open(ini, "a") as f:
            f.write("\n[idle]\nattract_seconds = 900\n[sync]\ninterval_seconds = 5\n")
        db = os.path.join(tmp, "yanxia.db")
        ctl("--db", db, "seed", "--demo")
        # the demo's urgent notices (a water cut, a cold wave) run 3-4 days and keep the
        # screen lit through those nights; withdrawn, every night of the soak is alike and
        # day 2 is a fair baseline
        urgent = [n["id"] for n in json.loads(ctl("--db", db, "list", "notices", "--json"))
                  if n["category"] == "紧急"]
        for nid in urgent:
            ctl("--db", db, "rm", "notice", str(nid))
        ctl("--db", db, "kiosk", "set", "--floors", "1-33", "--units", "1-8")
        ctl("--db", db, "add", "activity", "--title", "每日太极", "--kind", "team", "--schedule",
            "每天早上7点", "--place", "小区花园", "--capacity", "0", "--max-party", "2",
            "--organiser", "老周")
        text, signups = day_script(DAYS)
        script = os.path.join(tmp, "soak.script")
        with open(script, "w") as f:
            f.write(text)
        for target in (hub.churn, hub.outage):
            threading.Thread(target=target, daemon=True).start()

        rows, t0 = [], time.monotonic()
        with open(os.path.join(tmp, "kiosk.log"), "w") as log:
            kiosk = subprocess.Popen([YANXIA, "--headless", "--size", SIZE, "--config", ini,
                                      "--db", db, "--script", script], env=ENV,
                                     stdout=subprocess.PIPE, stderr=log, text=True)
            noon = {}
            for line in kiosk.stdout:
                m = re.match(r"stats day(\d+)(-noon)? rss_kb=(\d+) fds=(\d+) heap_kb=(\d+) "
                             r"anon_kb=(-?\d+) file_kb=(-?\d+) free_kb=(\d+) text_kb=(\d+) "
                             r"images_kb=(\d+) sqlite_kb=(\d+)", line)
                if not m:
                    continue
                if os.environ.get("SOAK_SMAPS"):  # where the anonymous memory is, for a look
                    shutil.copy(f"/proc/{kiosk.pid}/smaps", os.path.join(
                        tmp, f"day{int(m.group(1)):02d}{m.group(2) or ''}.smaps"))
                socks = sockets(kiosk.pid)  # read at once: the hub's connection comes and goes
                if m.group(2):  # the day's sample: kept for the row written after the night
                    noon = {"noon_rss_kb": int(m.group(3)), "noon_heap_kb": int(m.group(5)),
                            "noon_anon_kb": int(m.group(6)), "noon_free_kb": int(m.group(8)),
                            "noon_text_kb": int(m.group(9)), "noon_images_kb": int(m.group(10))}
                    continue
                row = {"day": int(m.group(1)), "rss_kb": int(m.group(3)), "fds": int(m.group(4)),
                       "store_kb": sum(os.path.getsize(p) for p in (db, db + "-wal")
                                       if os.path.exists(p)) // 1024,
                       "photos_kb": du(os.path.join(tmp, "photos")) // 1024,
                       "thumbs_kb": du(os.path.join(tmp, "thumbs")) // 1024,
                       "wall_s": round(time.monotonic() - t0),
                       "heap_kb": int(m.group(5)),  # malloc's live bytes (glibc)
                       "anon_kb": int(m.group(6)), "file_kb": int(m.group(7)),
                       # the caches, which fill up to their caps
                       "text_kb": int(m.group(9)), "images_kb": int(m.group(10)),
                       "sqlite_kb": int(m.group(11)),
                       # free chunks malloc keeps (fragmentation): appended, so the
                       # plot's columns stay where they are
                       "free_kb": int(m.group(8))}
                # the same at 12:10 of that day, far from the nightly step that the 06:00
                # sample follows (appended too)
                row.update(noon or dict.fromkeys(("noon_rss_kb", "noon_heap_kb", "noon_anon_kb",
                                                  "noon_free_kb", "noon_text_kb",
                                                  "noon_images_kb"), 0))
                noon = {}
                # of fds, those that are sockets: the hub's connection, open or not at the
                # sample as the outages fall (appended too)
                row["sockets"] = socks
                rows.append(row)
                hub.day = row["day"]  # the kiosk is at the start of the next day now
                print("day {day}: rss {rss_kb} KB (anon {anon_kb}, files {file_kb}), heap {heap_kb} KB "
                      "(text cache {text_kb}, image cache {images_kb}, SQLite {sqlite_kb}; "
                      "malloc's free chunks {free_kb}), "
                      "fds {fds}, store {store_kb} KB, photos "
                      "{photos_kb} KB, thumbs {thumbs_kb} KB ({wall_s} s); at noon: rss "
                      "{noon_rss_kb} KB (anon {noon_anon_kb}), heap {noon_heap_kb} KB (text cache "
                      "{noon_text_kb}, malloc's free chunks {noon_free_kb})".format(**row), flush=True)
            rc = kiosk.wait()
        hub.stop.set()
        with hub.lock:
            pass  # an outage in progress has ended and the server is up again
        if rc != 0 or len(rows) != DAYS:
            sys.exit(f"soak: the kiosk stopped (exit {rc}) after {len(rows)} of {DAYS} days; "
                     f"its log: {open(os.path.join(tmp, 'kiosk.log')).read()[-2000:]}")
        # nothing lost: every sign-up typed on the kiosk reaches the hub
        run(CTL, "--db", db, "sync", "--once", "--config", ini)
        on_hub = int(run("psql", hub.conn, "-XAtqc",
                         "SELECT count(*) FROM yanxia_hub.submissions WHERE kind = 'signup'")
                     .stdout.strip())
        os.makedirs(OUT, exist_ok=True)
        with open(os.path.join(OUT, "soak.csv"), "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
        later = [r for r in rows if r["day"] >= 2] or rows
        growth = later[-1]["rss_kb"] - later[0]["rss_kb"]
        # descriptors less the hub's connection, which an outage closes for a while
        fd_growth = ((later[-1]["fds"] - later[-1]["sockets"])
                     - (later[0]["fds"] - later[0]["sockets"]))
        print(f"bench: soak_days {DAYS} days")
        print(f"bench: soak_rss_growth_day2_on {growth} KB")
        for k in ("anon", "file", "heap", "free", "text", "images", "sqlite"):  # where the growth is (see run_stats, src/ui/script.c)
            print(f"bench: soak_{k}_growth_day2_on {later[-1][k + '_kb'] - later[0][k + '_kb']} KB")
        # the same at noon, which no nightly release flatters
        noon_growth = later[-1]["noon_rss_kb"] - later[0]["noon_rss_kb"]
        print(f"bench: soak_noon_rss_growth_day2_on {noon_growth} KB")
        for k in ("anon", "heap", "free", "text", "images"):
            print(f"bench: soak_noon_{k}_growth_day2_on "
                  f"{later[-1]['noon_' + k + '_kb'] - later[0]['noon_' + k + '_kb']} KB")
        print(f"bench: soak_fd_growth_day2_on {fd_growth} fds (not counting sockets, "
              f"{min(r['sockets'] for r in later)}-{max(r['sockets'] for r in later)} a sample)")
        print(f"bench: soak_rss_last {rows[-1]['rss_kb']} KB")
        print(f"bench: soak_signups {signups} typed, {on_hub} on the hub")
        print(f"bench: soak_hub {hub.published} notices published, {hub.withdrawn} withdrawn, "
              f"{hub.photos} portraits, {hub.outages} outages")
        if shutil.which("gnuplot"):
            plot(os.path.join(OUT, "soak.csv"), os.path.join(OUT, "soak.png"))
        ok = on_hub == signups and growth < 1024 and noon_growth < 1024 and fd_growth <= 0
        print("soak: " + ("ok" if ok else "GOAL MISSED"))
        return 0 if ok else 1
    finally:
        if hub:
            hub.close()
        if os.environ.get("SOAK_KEEP"):
            print(f"soak: kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def plot(data, png):
    gp = f"""
set terminal png size 900,760 font ",11"
set output "{png}"
set datafile separator ","
set multiplot layout 2,1 title "make soak: the kiosk over {DAYS} simulated days"
set grid
set xlabel "simulated day"
set xtics 1
set ylabel "MB"
set key below maxrows 2
plot "{data}" using 1:($2/1024) with linespoints lw 2 title "resident memory (RSS)", \\
     "" using 1:($15/1024) with linespoints lw 1 dt 2 title "RSS at noon", \\
     "" using 1:($8/1024) with linespoints lw 2 title "malloc in use", \\
     "" using 1:($9/1024) with linespoints lw 2 title "anonymous (heap, stacks)", \\
     "" using 1:($10/1024) with linespoints lw 2 title "file pages (fonts, libraries)", \\
     "" using 1:(($11+$12)/1024) with linespoints lw 2 title "caches (text + images)"
set ylabel "MB"
set y2label "open descriptors"
set y2range [0:*]
set yrange [0:*]
set y2tics
set ytics nomirror
set key below maxrows 2
plot "{data}" using 1:($4/1024) with linespoints lw 2 title "store (+WAL)", \\
     "" using 1:($5/1024) with linespoints lw 2 title "photos", \\
     "" using 1:($6/1024) with linespoints lw 2 title "thumbnails", \\
     "" using 1:3 axes x1y2 with steps lw 2 title "descriptors"
unset multiplot
"""
    subprocess.run(["gnuplot"], input=gp, text=True, check=True)


if __name__ == "__main__":
    sys.exit(main())
