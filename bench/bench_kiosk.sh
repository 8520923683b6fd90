#!/bin/sh
# Kiosk benchmarks on the demo store plus 1,000 generated portraits on the 笑脸墙, at
# 1080x1920 with the software renderer, headless (issue 3's goals in brackets):
#   kiosk_first_frame_ms     start of the process to its first frame, median of 5 [<= 250]
#   kiosk_fling_frame_p50/99 real time per frame while flinging the wall        [p99 <= 16.7]
#   kiosk_peak_rss_mb        VmHWM after every screen and the whole wall         [<= 150]
#   kiosk_rot90_fling_*      the fling on a 1920x1080 panel with [display] rotate = 90
#   kiosk_idle_cpu_pct       CPU over 10 s of an idle real-time event loop       [<= 1]
# The store takes ~40 s to generate (a fsync per photo): it is made once and kept under
# $BUILD/bench-cache; every run works on a fresh copy (no thumbnails yet: a cold start).
set -eu
: "${BUILD:?set BUILD to a release build directory}"
yanxia="$BUILD/yanxia"
ctl="$BUILD/yanxiactl"
size=1080x1920
export YANXIA_NOW="2026-11-23 10:00"

cache="$BUILD/bench-cache/portraits-1000"
if [ ! -f "$cache/yanxia.db" ]; then
    rm -rf "$cache.tmp"
    mkdir -p "$cache.tmp"
    "$ctl" --db "$cache.tmp/yanxia.db" seed --demo --portraits 1000 >/dev/null
    rm -rf "$cache"
    mv "$cache.tmp" "$cache"
fi
tmp=$(mktemp -d)
pid=""
trap '[ -z "$pid" ] || kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
fresh() { # fresh DIR: a copy of the cached store in DIR
    rm -rf "$1"
    cp -r "$cache" "$1"
}
value() { # value KEY FILE: the number after "yanxia-bench: KEY"
    sed -n "s/^yanxia-bench: $1 //p" "$2" | tail -n 1
}

# -- start to first frame ------------------------------------------------------------
runs=""
for i in 1 2 3 4 5; do
    fresh "$tmp/s"
    t0=$(date +%s%N)
    YANXIA_BENCH=1 "$yanxia" --headless --size "$size" --db "$tmp/s/yanxia.db" 2>"$tmp/err"
    t1=$(value first_frame_realtime_ns "$tmp/err")
    runs="$runs $(((t1 - t0) / 1000000))"
done
echo "bench: kiosk_first_frame_ms $(printf '%s\n' $runs | sort -n | sed -n 3p) ms"

# -- fling the wall, visit every screen, peak memory ---------------------------------
{
    for s in home notices health activities polls wishes suggest question roster contacts; do
        printf 'goto %s\nwait 300\n' "$s"
    done
    printf 'goto photos\nwait 300\n'
    i=0
    while [ $i -lt 70 ]; do # down the whole wall (~360 rows of ~540 px) ...
        printf 'drag 540 1800 540 400 150\nwait 1200\n'
        i=$((i + 1))
    done
    i=0
    while [ $i -lt 8 ]; do # ... and a few flings back up
        printf 'drag 540 500 540 1800 150\nwait 1200\n'
        i=$((i + 1))
    done
    printf 'tap "中秋游园会"\nwait 300\ntap "笑脸墙"\nwait 300\n'
} >"$tmp/fling.script"
fresh "$tmp/s"
YANXIA_BENCH=1 "$yanxia" --headless --size "$size" --db "$tmp/s/yanxia.db" \
    --script "$tmp/fling.script" 2>"$tmp/err" || {
    cat "$tmp/err" >&2
    exit 1
}
echo "bench: kiosk_fling_frames $(value frames "$tmp/err") frames"
echo "bench: kiosk_fling_frame_p50 $(value frame_wall_p50_ms "$tmp/err") ms"
echo "bench: kiosk_fling_frame_p99 $(value frame_wall_p99_ms "$tmp/err") ms"
echo "bench: kiosk_fling_frame_max $(value frame_wall_max_ms "$tmp/err") ms"
echo "bench: kiosk_fling_frame_cpu_p99 $(value frame_cpu_p99_ms "$tmp/err") ms"
echo "bench: kiosk_peak_rss_mb $(($(value peak_rss_kb "$tmp/err") / 1024)) MB"

# -- the same on a 1920x1080 panel turned to portrait ([display] rotate = 90): the
# frame is drawn at 1080x1920 and turned onto the panel every frame -------------------
# a script touches the panel: frame (x, y) is panel (1920 - y, x)
awk '$1 == "drag" { printf "drag %d %d %d %d %d\n", 1920 - $3, $2, 1920 - $5, $4, $6; next }
     { print }' "$tmp/fling.script" >"$tmp/fling90.script"
printf '[display]\nrotate = 90\n' >"$tmp/rot90.ini"
fresh "$tmp/s"
YANXIA_BENCH=1 "$yanxia" --headless --size 1920x1080 --config "$tmp/rot90.ini" \
    --db "$tmp/s/yanxia.db" --script "$tmp/fling90.script" 2>"$tmp/err" || {
    cat "$tmp/err" >&2
    exit 1
}
echo "bench: kiosk_rot90_fling_frames $(value frames "$tmp/err") frames"
echo "bench: kiosk_rot90_fling_frame_p50 $(value frame_wall_p50_ms "$tmp/err") ms"
echo "bench: kiosk_rot90_fling_frame_p99 $(value frame_wall_p99_ms "$tmp/err") ms"

# -- idle CPU: the real event loop, asleep between the clock's minutes ---------------
fresh "$tmp/s"
YANXIA_HEADLESS_LOOP=1 "$yanxia" --headless --size "$size" --db "$tmp/s/yanxia.db" \
    2>"$tmp/idle.err" &
pid=$!
sleep 3 # start-up and the home screen's portraits
ticks() { sed 's/^.*) //' "/proc/$pid/stat" | awk '{ print $12 + $13 }'; }
c0=$(ticks)
sleep 10
c1=$(ticks)
kill "$pid"
wait "$pid" 2>/dev/null || true
pid=""
hz=$(getconf CLK_TCK)
echo "bench: kiosk_idle_cpu_pct $(awk "BEGIN { printf \"%.2f\", ($c1 - $c0) * 100 / $hz / 10 }") %"
