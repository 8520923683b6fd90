#!/bin/sh
# A resident's writing goes round the building: what residents write on kiosk a is
# moderated on the hub and then SHOWN on kiosk b's screens (a headless kiosk run), a
# neighbour claims the wish on kiosk b and kiosk a learns it, the sign-ups of one
# kiosk count on the other's places left, and a kiosk of another building sees none of
# it. Everything goes through the real commands: yanxiactl on the kiosks and the hub,
# `sync --once` rounds, the kiosk binary for the screens.
. "$YANXIA_SOURCE_DIR/tests/sync/lib.sh"
: "${YANXIA:?}"
export SDL_VIDEODRIVER=offscreen

kiosk a kangle-12
kiosk b kangle-12
kiosk c fuxing-3
for k in a b c; do
	y --db "$T/$k.db" init >/dev/null
	y --db "$T/$k.db" kiosk set --building kangle-12 --floors 1-6 --units 1-6 >/dev/null
done
round() { for k in "$@"; do sync_k "$k" >/dev/null || fail "sync $k"; done; }
mod() { y moderate "$@" --hub "$HUB" >/dev/null 2>"$T/err" || fail "moderate $*: $(cat "$T/err")"; }

# --- residents write on kiosk a -----------------------------------------------------
y --db "$T/a.db" add wish --text '想请邻居帮忙修一下收音机' --room 301 >/dev/null || fail "wish"
y --db "$T/a.db" add question --text '天冷了血压偏高，晨练要改时间吗' --room 302 >/dev/null ||
	fail "question"
y --db "$T/a.db" add suggestion --text '二楼楼道的感应灯不亮了' --room 401 \
	--category 环境卫生 >/dev/null || fail "suggestion"
y --db "$T/a.db" add question --text '这个问题只想私下问医生' --room 303 >/dev/null ||
	fail "private question"
round a
[ "$(q "SELECT count(*) FROM yanxia_hub.submissions")" = 4 ] || fail "the hub lacks a's writing"

# --- staff moderate on the hub --------------------------------------------------------
receipt() { kq a "SELECT receipt FROM $1 WHERE text = '$2'"; }
mod wish "$(receipt wishes 想请邻居帮忙修一下收音机)" approve
mod question "$(receipt questions 天冷了血压偏高，晨练要改时间吗)" answer \
	--text '晨练挪到太阳出来以后，出门前先量一次血压。' --by 张医生 --public
mod question "$(receipt questions 这个问题只想私下问医生)" answer --text '请来社区卫生站面谈。'
mod suggestion "$(receipt suggestions 二楼楼道的感应灯不亮了)" reply \
	--text '物业已换了新灯，谢谢提醒。'
round a b c

# --- kiosk b shows them to its residents --------------------------------------------
cat >"$T/b.script" <<'EOF'
goto wishes
expect "想请邻居帮忙修一下收音机"
expect "3**室的邻居"
shot wishes
goto health
expect "晨练挪到太阳出来以后，出门前先量一次血压。"
expect-not "这个问题只想私下问医生"
shot health
goto suggest
expect "物业已换了新灯，谢谢提醒。"
shot suggest
EOF
"$YANXIA" --headless --size 1080x1920 --db "$T/b.db" --script "$T/b.script" \
	--screenshot-dir "$T/shots" >"$T/b.log" 2>&1 || fail "kiosk b does not show it: $(cat "$T/b.log")"
# private things stay on the hub: not in b's store, and not passed off as b's own
[ "$(kq b "SELECT count(*) FROM questions WHERE text LIKE '%私下%' OR answer LIKE '%面谈%'")" = 0 ] ||
	fail "the private question reached kiosk b"
[ "$(y --db "$T/b.db" list wishes --json | grep -c 收音机)" = 0 ] ||
	fail "kiosk b lists a's wish as its own submission"
[ "$(kq b "SELECT count(*) FROM outbox")" = 0 ] || fail "kiosk b queued a's writing to push back"
# the other building sees none of it
[ "$(kq c "SELECT (SELECT count(*) FROM wishes) + (SELECT count(*) FROM questions) +
	(SELECT count(*) FROM suggestions)")" = 0 ] || fail "kiosk c got another building's writing"
# kiosk a shows its own resident the answer too
y --db "$T/a.db" list questions --json | grep -q '"answered_by":"张医生"' ||
	fail "kiosk a lacks the hub's answer: $(y --db "$T/a.db" list questions --json)"

# --- a neighbour on kiosk b claims the wish; kiosk a learns it -------------------------
wid=$(kq b "SELECT id FROM wishes WHERE text = '想请邻居帮忙修一下收音机'")
y --db "$T/b.db" claim wish "$wid" --room 502 --name 老周 >/dev/null || fail "claim on b"
round b a
[ "$(q "SELECT state FROM yanxia_hub.verdicts WHERE subject = 'wish'")" = claimed ] ||
	fail "the hub did not take b's claim"
y --db "$T/a.db" list wishes --json | grep -q '"state":"claimed"' ||
	fail "kiosk a does not show its wish claimed: $(y --db "$T/a.db" list wishes --json)"
[ "$(kq a "SELECT hub_claim_room FROM wishes")" = 502 ] || fail "kiosk a lacks the claim's room"
[ "$(q "SELECT count(*) FROM yanxia_hub.change_log WHERE payload::text LIKE '%老周%'")" = 0 ] ||
	fail "the claimer's name went into the change log"
# a late claim on kiosk c's building is impossible; a second one on a is refused by the store
y --db "$T/a.db" claim wish "$(kq a "SELECT id FROM wishes")" --room 601 >/dev/null 2>&1 &&
	fail "kiosk a let a second neighbour claim a claimed wish"

# --- places: kiosk a's sign-ups count on kiosk b --------------------------------------
y hub publish activity --scope kangle-12 --conn "$HUB" \
	--fields '{"title":"冬至包汤圆","capacity":4,"max_party":4,"waitlist":1,
		"starts_at":1796004000,"place":"活动室"}' >/dev/null
round a b
aid_a=$(kq a "SELECT id FROM activities WHERE title = '冬至包汤圆'")
aid_b=$(kq b "SELECT id FROM activities WHERE title = '冬至包汤圆'")
y --db "$T/a.db" add signup --activity "$aid_a" --room 301 --party 3 >/dev/null || fail "signup a"
round a b
people() { y --db "$T/$1.db" list activities --json | grep -o '"title":"冬至包汤圆"[^}]*' |
	grep -o '"confirmed_people":[0-9]*' | cut -d: -f2; }
[ "$(people b)" = 3 ] || fail "kiosk b counts $(people b) people signed up, the hub 3"
# two more people no longer fit on b: the household waits, and the hub agrees
y --db "$T/b.db" add signup --activity "$aid_b" --room 502 --party 2 >"$T/out" || fail "signup b"
grep -q 候补 "$T/out" || fail "kiosk b confirmed a party that does not fit: $(cat "$T/out")"
round b
[ "$(q "SELECT status FROM yanxia_hub.signup_decisions d JOIN yanxia_hub.submissions s
	ON s.uuid = d.signup_uuid WHERE s.payload->>'room' = '502'")" = waitlisted ] ||
	fail "the hub did not waitlist b's household"
echo "ok"
