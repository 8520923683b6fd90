"""The staff console under a big building's load: the demo store plus 10,000 residents'
submissions and 1,000 more portraits. Times every page 60 times over loopback (the
time until the whole page has arrived: server time plus a local socket) and reads the
console's peak RSS. Goals (issue 13): p99 <= 30 ms per page, RSS <= 20 MB.
usage: BUILD=build/release python3 bench/bench_console.py"""
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "console"))
build = os.path.abspath(os.environ.get("BUILD", "build/release"))
os.environ["YANXIACTL"] = os.path.join(build, "yanxiactl")
os.environ["YANXIA_CONSOLE"] = os.path.join(build, "yanxia-console")
os.environ["YANXIA_REAL_CLOCK"] = "benchmark"
os.environ["YANXIA_NOW"] = "2026-11-23 10:00"
from lib import Client, Console, ctl  # noqa: E402

PAGES = ["/", "/notices", "/suggestions", "/suggestions?state=open", "/wishes",
         "/wishes?state=review", "/questions", "/questions?unanswered=1", "/activities",
         "/polls", "/photos", "/kiosks", "/staff", "/audit", "/notices/new"]
ROUNDS = 60


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main():
    tmp = tempfile.mkdtemp(prefix="yx-bench-console-")
    db = os.path.join(tmp, "yanxia.db")
    t0 = time.monotonic()
    ctl(db, "seed", "--demo")
    ctl(db, "seed", "--submissions", "10000", "--portraits", "1000")
    ctl(db, "staff", "add", "bench", "--role", "admin", stdin="bench-password-1\n")
    print(f"# seeded in {time.monotonic() - t0:.1f} s", flush=True)
    con = Console(db)
    c = Client(con.port)
    assert c.login("bench", "bench-password-1")[0] == 303
    worst = []
    for page in PAGES:
        times, size = [], 0
        for i in range(ROUNDS + 3):
            t = time.perf_counter()
            s, _, body = c.request("GET", page)
            dt = (time.perf_counter() - t) * 1000
            assert s == 200, (page, s)
            size = len(body)
            if i >= 3:  # warm
                times.append(dt)
        p50, p99 = pct(times, 50), pct(times, 99)
        worst.append(p99)
        print(f"bench: console_page_ms {page} p50 {p50:.1f} p99 {p99:.1f} ms ({size // 1024} KB)")
    with open(f"/proc/{con.proc.pid}/status") as f:
        status = dict(line.split(":", 1) for line in f)
    hwm = int(status["VmHWM"].split()[0]) // 1024
    rss = int(status["VmRSS"].split()[0]) // 1024
    con.stop()
    print(f"bench: console_page_p99_worst_ms {max(worst):.1f} ms (goal <= 30)")
    print(f"bench: console_rss_mb {rss} MB, peak {hwm} MB (goal <= 20)")
    subprocess.run(["rm", "-rf", tmp], check=True)


if __name__ == "__main__":
    main()
