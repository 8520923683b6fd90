#!/bin/sh
# `add KIND --hub`: staff add an activity, a health tip, a poll, a contact (and a phrase
# for the whole area) on the hub with the options of the local add; a kiosk of the
# building gets each with the same fields a local add would have written, a kiosk of
# another building gets none of it; a value the local add refuses is refused with the
# local message and exit code, and nothing reaches the hub; no scratch folder is left.
. "$YANXIA_SOURCE_DIR/tests/sync/lib.sh"

y hub add-scope kangle --kind area --conn "$HUB" >/dev/null
y hub add-scope kangle-12 --kind building --parent kangle --conn "$HUB" >/dev/null
y hub add-scope kangle-14 --kind building --parent kangle --conn "$HUB" >/dev/null
kiosk a kangle-12
kiosk c kangle-14
mkdir "$T/tmp"
export TMPDIR="$T/tmp" # the scratch stores go here: it must be empty at the end

log_n() { q "SELECT count(*) FROM yanxia_hub.change_log"; }
# both KIND ARGS...: the same add on the hub (kangle-12) and into a local reference
# store, so the kiosk's pulled row can be compared with what a local add writes
both() {
	kind=$1
	shift
	y add "$kind" --hub "$HUB" --building kangle-12 "$@" >"$T/out" || fail "add $kind --hub: $(cat "$T/out")"
	grep -qx "published $kind on the hub: id [0-9]*" "$T/out" || fail "add $kind --hub said: $(cat "$T/out")"
	y --db "$T/ref.db" add "$kind" "$@" >/dev/null || fail "local add $kind"
}

both activity --title 重阳节登高 --place 小区南门集合 --starts '2030-10-25 08:00' \
	--ends '2030-10-25 11:30' --deadline '2030-10-20 18:00' --capacity 30 --max-party 2 \
	--no-waitlist --organiser 张阿姨 --description 沿滨江步道走到公园，自带水杯。
both tip --month 2030-11 --title 入冬防流感 --body 勤洗手、常通风，老人可以接种流感疫苗。 \
	--author 社区卫生服务中心
both poll --question 楼道灯是否更换为声控灯 --option 同意更换 --option 不同意 --option 无所谓 \
	--closes '2030-12-01 18:00' --description 由维修基金支付。
both contact --kind property --name 康乐物业服务中心 --phone 021-54321678 --note 24小时值班
y add phrase --hub "$HUB" --scope kangle --form suggestion --text 电梯有异响 >"$T/out" ||
	fail "add phrase --scope: $(cat "$T/out")"
# the notice keeps what `add notice --hub` always did: its line, the hub's publish time
# (the hub's clock set apart from the tool's for a moment, to tell the two apart)
q "SELECT yanxia_hub.hub_pin_clock('2026-11-23 11:30+08')" >/dev/null
y add notice --hub "$HUB" --building kangle-12 --title 电梯保养 --body 周三上午电梯保养。 \
	--category 物业 | grep -qx 'published notice on the hub: id [0-9]*' || fail "add notice --hub"
[ "$(q "SELECT publish_at = extract(epoch FROM '2026-11-23 11:30+08'::timestamptz)
	FROM yanxia_hub.notices")" = t ] || fail "the notice's publish time is not the hub's now"
q "SELECT yanxia_hub.hub_pin_clock('$YANXIA_NOW+08')" >/dev/null
[ "$(q "SELECT count(*) FROM yanxia_hub.quick_phrases WHERE scope_id =
        (SELECT id FROM yanxia_hub.scopes WHERE code = 'kangle')")" = 1 ] || fail "--scope kangle"
[ "$(q "SELECT count(*) FROM yanxia_hub.activities WHERE source_key IS NOT NULL")" = 0 ] ||
	fail "an added row got a source key"

# --- the building's kiosk has each row as the local add wrote it; the other has none -
sync_k a >/dev/null || fail "sync a"
sync_k c >/dev/null || fail "sync c"
same() { # same TABLE COLUMNS: the pulled row of a equals the reference store's row
	want=$(kq ref "SELECT $2 FROM $1")
	got=$(kq a "SELECT $2 FROM $1 WHERE hub_id IS NOT NULL AND deleted = 0")
	[ -n "$want" ] && [ "$got" = "$want" ] || fail "$1 on kiosk a: '$got', a local add: '$want'"
}
same activities "kind, title, description, place, starts_at, ends_at, signup_deadline, capacity,
	max_party, waitlist, organiser"
same health_tips "month, title, body, author"
same polls "question, description, closes_at"
same contacts "kind, name, phone, note, qr_text, sort"
[ "$(kq a "SELECT capacity || '/' || max_party || '/' || waitlist FROM activities")" = 30/2/0 ] ||
	fail "activity capacity on a: $(kq a "SELECT capacity, max_party, waitlist FROM activities")"
[ "$(kq a "SELECT group_concat(label, ',') FROM (SELECT label FROM poll_options ORDER BY sort)")" = \
	同意更换,不同意,无所谓 ] || fail "poll options on a"
[ "$(kq a "SELECT closes_at - opens_at > 0 FROM polls")" = 1 ] || fail "poll times on a"
y --db "$T/a.db" list polls | grep -q 楼道灯是否更换为声控灯 || fail "the poll is not open on a"
kq a "SELECT text FROM quick_phrases" | grep -qx 电梯有异响 || fail "the area phrase on a"
[ "$(kq c "SELECT (SELECT count(*) FROM activities) + (SELECT count(*) FROM health_tips) +
	(SELECT count(*) FROM polls) + (SELECT count(*) FROM contacts) +
	(SELECT count(*) FROM notices)")" = 0 ] || fail "kiosk c (kangle-14) got kangle-12's content"
kq c "SELECT text FROM quick_phrases" | grep -qx 电梯有异响 || fail "the area phrase on c"

# --- refused as the local add refuses it; nothing reaches the hub -------------------
before=$(log_n)
refused() { # refused CODE ARGS...: add ARGS on the hub and locally: same code, same message
	code=$1
	shift
	set +e
	y add "$@" --hub "$HUB" --building kangle-12 >"$T/out" 2>"$T/hub.err"
	got=$?
	y --db "$T/ref.db" add "$@" >/dev/null 2>"$T/local.err"
	local_code=$?
	set -e
	[ "$got" = "$code" ] && [ "$local_code" = "$code" ] ||
		fail "add $*: exit $got on the hub, $local_code locally (want $code): $(cat "$T/hub.err")"
	cmp -s "$T/hub.err" "$T/local.err" ||
		fail "add $*: the hub said '$(cat "$T/hub.err")', a local add '$(cat "$T/local.err")'"
	[ ! -s "$T/out" ] || fail "add $* printed: $(cat "$T/out")"
}
refused 2 poll --question 要不要装充电桩 --option 要 --closes '2030-12-01'
refused 2 activity --title 包饺子 --starts 下周六上午
refused 2 activity --title 包饺子 --capacity -3
refused 1 poll --question 过期的征询 --option 要 --option 不要 --closes '2020-01-01'
refused 1 contact --kind 八卦 --name 小道消息
refused 1 tip --month 2030-13 --title 月份不对 --body 没有十三月。
grep -q . "$T/hub.err" || fail "no message for a refused add"
[ "$(log_n)" = "$before" ] || fail "a refused add changed the hub: $before -> $(log_n)"

# the hub's own refusal (a building it does not know) is said, and nothing is written
y add tip --hub "$HUB" --building nowhere --month 2030-11 --title 标题 --body 正文 \
	>/dev/null 2>"$T/err" && fail "an unknown building was accepted"
grep -q nowhere "$T/err" || fail "the unknown building is not named: $(cat "$T/err")"
y add activity --title 包饺子 --building kangle-12 >/dev/null 2>"$T/err" &&
	fail "--building without --hub was accepted"
grep -q 'goes with --hub' "$T/err" || fail "--building without --hub: $(cat "$T/err")"
y add suggestion --hub "$HUB" --building kangle-12 --text 楼道灯坏了 --room 1203 \
	>/dev/null 2>"$T/err" && fail "a resident's suggestion was published as content"
y add activity --hub "$HUB" --title 包饺子 >/dev/null 2>"$T/err" && fail "no building accepted"
grep -q 'missing --building' "$T/err" || fail "missing --building: $(cat "$T/err")"
[ "$(log_n)" = "$before" ] || fail "a refused add changed the hub: $before -> $(log_n)"

# --- help, and no scratch store left behind -----------------------------------------
y add poll --help >"$T/help" || fail "add poll --help"
for o in '--option LABEL' '--hub CONNINFO' '--building CODE' '--scope CODE'; do
	grep -q -- "$o" "$T/help" || fail "add poll --help lacks $o"
done
[ -z "$(ls -A "$T/tmp")" ] || fail "scratch folders left: $(ls "$T/tmp")"
echo "ok"
