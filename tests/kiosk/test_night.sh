#!/bin/sh
# The night schedule ([display] awake, holidays, night, wake_minutes) under a pinned
# clock, in both orientations: at night the frame is black (night = off) or a dim clock
# that drifts (night = clock); a tap wakes the home screen for wake_minutes; the
# morning wakes it; a weekday or a holiday can be off all day; an urgent notice keeps it
# awake until it expires; the nightly step runs once a night and empties the text cache;
# a malformed time stops start-up with a message naming the key and line.
set -eu
: "${YANXIA:?}" "${YANXIACTL:?}" "${IMGDIFF:?}" "${YANXIA_SOURCE_DIR:?}"
here="$YANXIA_SOURCE_DIR/tests/kiosk"
. "$here/lib/demo.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
stat_of() { # stat_of PNG KEY: max, mean or box from imgdiff --stats
	"$IMGDIFF" --stats "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"
}

# the demo building without its two urgent notices (a water cut, a cold wave)
export YANXIA_NOW="2026-11-23 23:00"
demo_store "$T/store"
db="$T/store/yanxia.db"
"$YANXIACTL" --db "$db" rm notice 3 >/dev/null
"$YANXIACTL" --db "$db" rm notice 15 >/dev/null
printf '[display]\nnight = off\n' >"$T/off.ini"
printf '[display]\nnight = clock\nwake_minutes = 3\n' >"$T/clock.ini"

for size in 1080x1920 1920x1080; do
	# night = off: black, nothing drawn at all
	"$YANXIA" --headless --size "$size" --config "$T/off.ini" --db "$db" \
		--script "$here/night.script" --screenshot-dir "$T/off-$size" 2>"$T/log" ||
		fail "$size night = off: $(cat "$T/log")"
	for shot in night-2300 night-2330 night-again; do
		[ "$(stat_of "$T/off-$size/$shot.png" max)" = 0 ] ||
			fail "$size night = off: $shot is not black: $("$IMGDIFF" --stats "$T/off-$size/$shot.png")"
	done
	mean=$(stat_of "$T/off-$size/woken.png" mean)
	[ "${mean%.*}" -gt 150 ] || fail "$size: the woken home screen is dark (mean $mean)"
	grep -q 'the screen sleeps (black)' "$T/log" || fail "no log line for the night: $(cat "$T/log")"
	grep -q 'woken by a touch for 3 minutes' "$T/log" || fail "no log line for the wake"
	# the nightly step ran once in this night, though the screen slept twice
	[ "$(grep -c 'info maintain: integrity ok' "$T/log")" = 1 ] ||
		fail "the nightly step did not run exactly once: $(cat "$T/log")"

	# night = clock: the time, dim, and somewhere else half an hour later
	cat "$here/night.script" >"$T/clock.script"
	printf 'expect "23:35"\nexpect "轻触屏幕 查看通知"\n' >>"$T/clock.script"
	sed -i 's/^shot night-2300$/shot night-2300\nexpect "23:00"\nexpect "11月23日 周一"/' "$T/clock.script"
	"$YANXIA" --headless --size "$size" --config "$T/clock.ini" --db "$db" \
		--script "$T/clock.script" --screenshot-dir "$T/clock-$size" 2>"$T/log" ||
		fail "$size night = clock: $(cat "$T/log")"
	for shot in night-2300 night-2330; do
		max=$(stat_of "$T/clock-$size/$shot.png" max)
		mean=$(stat_of "$T/clock-$size/$shot.png" mean)
		[ "$max" -gt 60 ] && [ "$max" -le 150 ] || fail "$size: the night clock is not dim but visible (max $max)"
		[ "${mean%.*}" -lt 12 ] || fail "$size: the night frame lights the lobby (mean $mean)"
	done
	b1=$(stat_of "$T/clock-$size/night-2300.png" box)
	b2=$(stat_of "$T/clock-$size/night-2330.png" box)
	moved=$(echo "$b1 $b2" | awk '{split($1,a,",");split($2,b,",");dx=a[1]-b[1];dy=a[2]-b[2];
		if(dx<0)dx=-dx;if(dy<0)dy=-dy;print dx+dy}')
	[ "$moved" -ge 20 ] || fail "$size: the clock did not move in half an hour ($b1 -> $b2)"
	[ "$moved" -le 400 ] || fail "$size: the clock jumped ($b1 -> $b2), it should drift"
	[ -n "${SHOTS:-}" ] && mkdir -p "$SHOTS" && cp "$T/clock-$size/night-2300.png" "$SHOTS/night-clock-$size.png"
done

# the nightly step runs once per night window: two short nights (Monday 23:00 to
# Tuesday 00:10, and from 00:20) give two runs, however many frames each night draws
printf '[display]\nawake_mon = 00:00-23:00\nawake_tue = 00:10-00:20\n[idle]\nattract_seconds = 86400\n' >"$T/two.ini"
cat >"$T/two.script" <<'SCRIPT'
wait 900000
wait 900000
wait 900000
wait 900000
wait 900000
wait 900000
SCRIPT
"$YANXIA" --headless --config "$T/two.ini" --db "$db" --script "$T/two.script" 2>"$T/log" ||
	fail "two nights: $(cat "$T/log")"
[ "$(grep -c 'info maintain: integrity ok' "$T/log")" = 2 ] ||
	fail "two nights did not run the nightly step twice: $(cat "$T/log")"
[ "$(grep -c 'info night: the screen sleeps' "$T/log")" = 2 ] ||
	fail "two nights did not sleep twice: $(cat "$T/log")"

# the nightly step lets go of the rendered text (the day's strings, ~24 MB at the cache's
# cap, would otherwise stay all night and the heap's holes with them); woken, the home
# screen renders its strings again
cat >"$T/text.script" <<'SCRIPT'
goto notices
goto health
goto home
expect "本月健康小贴士"
stats evening
wait 180000
stats night
tap 540 900
expect "本月健康小贴士"
stats woken
SCRIPT
YANXIA_NOW="2026-11-23 21:58" "$YANXIA" --headless --config "$T/off.ini" --db "$db" \
	--script "$T/text.script" >"$T/stats" 2>"$T/log" || fail "text at night: $(cat "$T/log")"
text_kb() { sed -n "s/^stats $1 .* text_kb=\([0-9]*\) .*/\1/p" "$T/stats"; }
[ "$(text_kb evening)" -gt 500 ] || fail "the evening drew little text: $(cat "$T/stats")"
[ "$(text_kb night)" = 0 ] || fail "the night kept the day's text: $(cat "$T/stats")"
[ "$(text_kb woken)" -gt 100 ] || fail "the woken home screen drew no text: $(cat "$T/stats")"
grep -q "KB of pictures not shown today and [1-9][0-9]* KB of rendered text let go" "$T/log" ||
	fail "no log line for the text let go: $(cat "$T/log")"

# the morning: 06:29 is night, 06:30 shows the home screen
cat >"$T/morning.script" <<'SCRIPT'
expect-not "本月健康小贴士"
wait 61000
expect "本月健康小贴士"
SCRIPT
YANXIA_NOW="2026-11-24 06:29" "$YANXIA" --headless --config "$T/off.ini" --db "$db" \
	--script "$T/morning.script" 2>"$T/log" || fail "morning: $(cat "$T/log")"

# a weekday off all day: Monday 10:00 is night; 22:00 on Sunday (awake until 23:30) is not
printf '[display]\nawake_mon = off\nawake_sun = 08:00-23:30\n' >"$T/days.ini"
printf 'expect-not "本月健康小贴士"\n' >"$T/dark.script"
printf 'expect "本月健康小贴士"\n' >"$T/light.script"
YANXIA_NOW="2026-11-23 10:00" "$YANXIA" --headless --config "$T/days.ini" --db "$db" \
	--script "$T/dark.script" 2>"$T/log" || fail "awake_mon = off: $(cat "$T/log")"
YANXIA_NOW="2026-11-29 22:00" "$YANXIA" --headless --config "$T/days.ini" --db "$db" \
	--script "$T/light.script" 2>"$T/log" || fail "awake_sun: $(cat "$T/log")"
YANXIA_NOW="2026-11-24 10:00" "$YANXIA" --headless --config "$T/days.ini" --db "$db" \
	--script "$T/light.script" 2>"$T/log" || fail "Tuesday: $(cat "$T/log")"
# a holiday sleeps all day
printf '[display]\nholidays = 2026-11-20, 2026-11-24..2026-11-26\n' >"$T/holidays.ini"
YANXIA_NOW="2026-11-25 10:00" "$YANXIA" --headless --config "$T/holidays.ini" --db "$db" \
	--script "$T/dark.script" 2>"$T/log" || fail "holiday: $(cat "$T/log")"
YANXIA_NOW="2026-11-23 10:00" "$YANXIA" --headless --config "$T/holidays.ini" --db "$db" \
	--script "$T/light.script" 2>"$T/log" || fail "the day before a holiday: $(cat "$T/log")"

# an urgent notice keeps the screen awake at night, until it expires
"$YANXIACTL" --db "$db" add notice --title '今晚23:20前请关好门窗' --body '台风过境，请关好门窗。' \
	--category 紧急 --expires '2026-11-23 23:20' >/dev/null
cat >"$T/urgent.script" <<'SCRIPT'
expect "【紧急】今晚23:20前请关好门窗"
expect "本月健康小贴士"
wait 900000
expect "【紧急】今晚23:20前请关好门窗"
wait 600000
expect-not "【紧急】今晚23:20前请关好门窗"
expect-not "本月健康小贴士"
SCRIPT
# (the slideshow would run through the awake half hour: a lot of frames for nothing here)
printf '[display]\nnight = off\n[idle]\nattract_seconds = 86400\n' >"$T/urgent.ini"
"$YANXIA" --headless --config "$T/urgent.ini" --db "$db" --script "$T/urgent.script" 2>"$T/log" ||
	fail "urgent at night: $(cat "$T/log")"
# and the nightly step does not wait for the dark: it ran once, while the notice kept
# the screen lit and nobody used it
[ "$(grep -c 'info maintain: integrity ok' "$T/log")" = 1 ] ||
	fail "the nightly step under an urgent notice: $(cat "$T/log")"
[ "$(grep -n -e 'info maintain:' -e 'the screen sleeps' "$T/log" | head -1 | grep -c maintain)" = 1 ] ||
	fail "the nightly step waited for the dark: $(cat "$T/log")"

# a malformed time: start-up stops, naming the file, line and key
printf '[display]\nnight = off\nawake_fri = 7:00-22:00\n' >"$T/bad.ini"
rc=0
"$YANXIA" --headless --config "$T/bad.ini" --db "$db" 2>"$T/log" || rc=$?
[ $rc = 2 ] && grep -q "bad.ini:3: \[display\] awake_fri: expected HH:MM-HH:MM" "$T/log" ||
	fail "a malformed awake_fri gave exit $rc: $(cat "$T/log")"
echo "night: ok"
