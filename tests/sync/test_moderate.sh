#!/bin/sh
# The hub moderates (`yanxiactl moderate ... --hub`): wishes, suggestions and questions
# get the kiosk store's state machine, every verdict goes into the change log for the
# submitting kiosk's building with only what residents may see, the first of two
# raced wish claims wins, and every sign-up decision publishes the activity's tally.
. "$YANXIA_SOURCE_DIR/tests/sync/lib.sh"

kiosk a kangle-12
kiosk b kangle-12
kiosk c fuxing-3
for k in a b c; do
	y --db "$T/$k.db" init >/dev/null
	y --db "$T/$k.db" kiosk set --building kangle-12 --floors 1-33 --units 1-6 >/dev/null
done
KANGLE=$(q "SELECT id FROM yanxia_hub.scopes WHERE code = 'kangle-12'")
# vq UUID SQL-EXPR: EXPR over the change-log entry `c` of UUID's verdict
vq() { q "SELECT $2 FROM yanxia_hub.change_log c WHERE c.kind = 'verdict' AND c.payload->>'uuid' = '$1'"; }
# mod ARGS...: `moderate` on the hub; stdout in $T/out, stderr in $T/err
mod() { y moderate "$@" --hub "$HUB" >"$T/out" 2>"$T/err"; }
# put_outbox NAME KIND UUID 'key', value, ...: a submission in NAME's outbox, as the
# store writes it (for a claim of a wish the kiosk need not show yet)
put_outbox() {
	kq "$1" "INSERT INTO outbox(uuid, kind, payload, created_at) VALUES ('$3', '$2',
	  json_object('kind', '$2', 'uuid', '$3', 'created_at', 1795399200, $4), 1795399200)"
}
new_uuid() { $PY3 -c 'import uuid; print(uuid.uuid4())'; }
in_log() { q "SELECT count(*) FROM yanxia_hub.change_log WHERE payload::text LIKE '%$1%'"; }

# --- wishes ------------------------------------------------------------------------
y --db "$T/a.db" add wish --text '想找人周末陪老人散步' --room 301 >/dev/null || fail "wish on a"
y --db "$T/b.db" add wish --text '求一张旧书桌' --room 502 >/dev/null || fail "wish on b"
sync_k a >/dev/null
sync_k b >/dev/null
wu=$(kq a "SELECT uuid FROM wishes")
wr=$(kq a "SELECT receipt FROM wishes")
du=$(kq b "SELECT uuid FROM wishes")
dr=$(kq b "SELECT receipt FROM wishes")
[ "$(q "SELECT count(*) FROM yanxia_hub.submissions WHERE uuid = '$wu' AND kind = 'wish'")" = 1 ] ||
	fail "the wish from kiosk a did not reach the hub"
# staff see the queue on the hub: receipt and state
y export wishes --csv --hub "$HUB" --building kangle-12 >"$T/w.csv" || fail "export wishes"
grep "$wr" "$T/w.csv" | grep -q '审核中' || fail "export does not show $wr as 审核中: $(cat "$T/w.csv")"
# a kiosk cannot moderate
as_kiosk a "SELECT yanxia_hub.hub_moderate('$wr', 'wish', 'approve')" >/dev/null 2>&1 &&
	fail "a kiosk role approved a wish"
[ "$(q "SELECT count(*) FROM yanxia_hub.verdicts")" = 0 ] || fail "a verdict without staff"

mod wish "$wr" approve || fail "approve: $(cat "$T/err")"
[ "$(cat "$T/out")" = "wish $wr: 已上墙 (kiosk a: 想找人周末陪老人散步)" ] || fail "approve said: $(cat "$T/out")"
[ "$(q "SELECT state FROM yanxia_hub.verdicts WHERE uuid = '$wu'")" = open ] || fail "not open"
[ "$(vq "$wu" "c.scope_id || '|' || c.op || '|' || (c.payload->>'state') || '|' ||
	(c.payload->>'text') || '|' || (c.payload->>'room') || '|' || (c.payload->>'receipt')")" = \
	"$KANGLE|upsert|open|想找人周末陪老人散步|301|$wr" ] ||
	fail "approve published $(vq "$wu" "c.scope_id || ' ' || c.payload::text")"
[ "$(vq "$wu" "c.payload ? 'note'")" = f ] || fail "the wish's verdict carries a note"
# a wrong step: refused, one clear line, nothing changed
mod wish "$wr" approve && fail "approving an open wish again was accepted"
grep -q '当前状态下不能这样操作' "$T/err" && grep -q 'open' "$T/err" && [ "$(wc -l <"$T/err")" = 1 ] ||
	fail "a bad step said: $(cat "$T/err")"
mod wish "$wr" fulfil && fail "fulfilling an unclaimed wish was accepted"
mod wish "$wr" claim 2>/dev/null && fail "staff claimed a wish"
mod wish ZZZZ22 approve && fail "an unknown receipt was accepted"
grep -q '没有找到' "$T/err" || fail "an unknown receipt said: $(cat "$T/err")"
mod wish "$du" fulfil && fail "fulfilling a wish in review was accepted"

# a decline note stays on the hub
mod wish "$(echo "$dr" | tr 'A-Z' 'a-z')" decline --note '含商业推广NOTE7731' ||
	fail "decline by lower-case receipt: $(cat "$T/err")"
[ "$(q "SELECT state || '|' || note FROM yanxia_hub.verdicts WHERE uuid = '$du'")" = \
	'declined|含商业推广NOTE7731' ] || fail "the decline was not recorded"
[ "$(in_log NOTE7731)" = 0 ] || fail "the decline note went into the change log"
[ "$(vq "$du" "(c.payload->>'state') || '|' || (c.payload ? 'text')::text")" = 'declined|false' ] ||
	fail "a declined wish was published with its text: $(vq "$du" c.payload::text)"
y export wishes --csv --hub "$HUB" >"$T/w.csv" || fail "export wishes"
grep "$dr" "$T/w.csv" | grep -q '未通过' || fail "export does not show $dr as 未通过"

# two kiosks claim the open wish at once: the hub takes one
ca=$(new_uuid)
cb=$(new_uuid)
put_outbox a wish_claim "$ca" "'receipt', 'QQQQQA', 'room', '1201', 'wish_uuid', '$wu', 'name', '王NAME5521'"
put_outbox b wish_claim "$cb" "'receipt', 'QQQQQB', 'room', '1702', 'wish_uuid', '$wu', 'name', '李NAME5521'"
sync_k a >/dev/null &
pa=$!
sync_k b >/dev/null &
pb=$!
wait $pa || fail "sync a (claim)"
wait $pb || fail "sync b (claim)"
win=$(q "SELECT claim_uuid FROM yanxia_hub.verdicts WHERE uuid = '$wu' AND state = 'claimed'")
[ "$win" = "$ca" ] || [ "$win" = "$cb" ] || fail "the wish is not claimed by either claim ($win)"
if [ "$win" = "$ca" ]; then lose=$cb wroom=1201; else lose=$ca wroom=1702; fi
[ "$(q "SELECT string_agg(c.payload->>'uuid', ',') FROM yanxia_hub.change_log c
	WHERE c.kind = 'decision' AND c.payload->>'subject' = 'wish_claim'
	AND c.payload->>'state' = 'refused'")" = "$lose" ] || fail "the losing claim was not refused once"
[ "$(vq "$wu" "(c.payload->>'state') || '|' || (c.payload->>'claim_uuid') || '|' ||
	(c.payload->>'claim_room') || '|' || (c.payload->>'text')")" = \
	"claimed|$win|$wroom|想找人周末陪老人散步" ] || fail "the claim was published as $(vq "$wu" c.payload::text)"
[ "$(in_log NAME5521)" = 0 ] || fail "a claimer's name went into the change log"
# a late claim after the race is refused too
cl=$(new_uuid)
put_outbox a wish_claim "$cl" "'receipt', 'QQQQQC', 'room', '801', 'wish_uuid', '$wu'"
sync_k a >/dev/null || fail "sync a (late claim)"
[ "$(q "SELECT count(*) FROM yanxia_hub.change_log WHERE kind = 'decision'
	AND payload->>'uuid' = '$cl' AND payload->>'state' = 'refused'")" = 1 ] || fail "late claim not refused"
mod wish "$wr" fulfil || fail "fulfil: $(cat "$T/err")"
[ "$(vq "$wu" "c.payload->>'state'")" = fulfilled ] || fail "fulfil was not published"

# --- suggestions -------------------------------------------------------------------
y --db "$T/a.db" add suggestion --text '电梯经常停在十楼' --category 设施维修 --room 301 \
	--contact 13800138000 >/dev/null || fail "suggestion on a"
sync_k a >/dev/null
su=$(kq a "SELECT uuid FROM suggestions")
sr=$(kq a "SELECT receipt FROM suggestions")
mod suggestion "$sr" seen || fail "seen: $(cat "$T/err")"
[ "$(cat "$T/out")" = "suggestion $sr: 已阅 (kiosk a: 电梯经常停在十楼)" ] || fail "seen said: $(cat "$T/out")"
[ "$(vq "$su" "(c.payload->>'state') || '|' || (c.payload ? 'text')::text")" = 'seen|false' ] ||
	fail "a seen suggestion was published as $(vq "$su" c.payload::text)"
n0=$(q "SELECT n FROM yanxia_hub.change_counter")
mod suggestion "$su" seen || fail "seen twice (by uuid): $(cat "$T/err")"
[ "$(q "SELECT n FROM yanxia_hub.change_counter")" = "$n0" ] || fail "seen twice published again"
mod suggestion "$sr" reply --text '   ' && fail "an empty reply was accepted"
grep -q '内容还是空的' "$T/err" || fail "an empty reply said: $(cat "$T/err")"
mod suggestion "$sr" reply --text '已联系物业，本周内检修' || fail "reply: $(cat "$T/err")"
[ "$(vq "$su" "(c.payload->>'state') || '|' || (c.payload->>'reply') || '|' || (c.payload->>'text')
	|| '|' || (c.payload->>'category') || '|' || (c.payload ? 'contact')::text || '|' ||
	(c.payload ? 'room')::text")" = \
	'replied|已联系物业，本周内检修|电梯经常停在十楼|设施维修|false|false' ] ||
	fail "the reply was published as $(vq "$su" c.payload::text)"
[ "$(in_log 13800138000)" = 0 ] || fail "a suggestion's contact went into the change log"
mod suggestion "$sr" seen && fail "marking a replied suggestion seen was accepted"
y export suggestions --csv --hub "$HUB" >"$T/s.csv" || fail "export suggestions"
grep "$sr" "$T/s.csv" | grep -q '已回复' || fail "export does not show $sr as 已回复"
# withdrawn: kiosks drop it (op delete, no text), and it is final
mod suggestion "$sr" withdraw || fail "withdraw: $(cat "$T/err")"
[ "$(vq "$su" "c.op || '|' || (c.payload ? 'reply')::text")" = 'delete|false' ] ||
	fail "withdraw published $(vq "$su" "c.op || ' ' || c.payload::text")"
mod suggestion "$sr" reply --text '再回复' && fail "replying to a withdrawn suggestion was accepted"

# --- questions ---------------------------------------------------------------------
y --db "$T/a.db" add question --text '高血压能每天吃鸡蛋吗' --room 1502 >/dev/null || fail "q1"
y --db "$T/b.db" add question --text '失眠怎么调理' --room 602 >/dev/null || fail "q2"
sync_k a >/dev/null
sync_k b >/dev/null
qa=$(kq a "SELECT uuid FROM questions")
qb=$(kq b "SELECT uuid FROM questions")
mod question "$(kq a "SELECT receipt FROM questions")" answer --text '每天一个没问题' --by 张医生 --public ||
	fail "public answer: $(cat "$T/err")"
[ "$(cat "$T/out")" = "question $(kq a "SELECT receipt FROM questions"): 已解答并公开 (kiosk a: 高血压能每天吃鸡蛋吗)" ] ||
	fail "answer said: $(cat "$T/out")"
[ "$(vq "$qa" "(c.payload->>'public') || '|' || (c.payload->>'answer') || '|' ||
	(c.payload->>'answered_by') || '|' || (c.payload->>'text') || '|' || (c.payload ? 'room')::text")" = \
	'1|每天一个没问题|张医生|高血压能每天吃鸡蛋吗|false' ] || fail "public answer published as $(vq "$qa" c.payload::text)"
mod question "$qb" answer --text '睡前少看手机ANS8841' || fail "private answer: $(cat "$T/err")"
[ "$(vq "$qb" "(c.payload->>'state') || '|' || (c.payload->>'public') || '|' ||
	(c.payload ? 'answer')::text || '|' || (c.payload ? 'text')::text")" = 'answered|0|false|false' ] ||
	fail "a private answer was published as $(vq "$qb" c.payload::text)"
[ "$(in_log ANS8841)" = 0 ] || fail "a private answer went into the change log"
# re-answering privately takes the public answer off the kiosks' boards
mod question "$qa" answer --text '改为私下答复' || fail "re-answer: $(cat "$T/err")"
[ "$(vq "$qa" "(c.payload->>'public') || '|' || (c.payload ? 'answer')::text")" = '0|false' ] ||
	fail "re-answered privately, still published as $(vq "$qa" c.payload::text)"
[ "$(q "SELECT answer FROM yanxia_hub.verdicts WHERE uuid = '$qa'")" = '改为私下答复' ] ||
	fail "the re-answer did not replace the answer"
mod question "$qa" withdraw && fail "withdrawing a private answer was accepted"

# verdicts reach the building's kiosks only
[ "$(as_kiosk b "SELECT count(*) FROM yanxia_hub.kiosk_pull(0, 5000) WHERE kind = 'verdict'")" = \
	"$(q "SELECT count(*) FROM yanxia_hub.change_log WHERE kind = 'verdict'")" ] ||
	fail "kiosk b does not see every verdict of its building"
[ "$(as_kiosk c "SELECT count(*) FROM yanxia_hub.kiosk_pull(0, 5000) WHERE kind IN
	('verdict', 'decision')")" = 0 ] || fail "a kiosk of fuxing-3 sees kangle-12's verdicts"

# a receipt two kiosks share needs the kiosk's name (or the uuid)
xu=$(new_uuid)
put_outbox b wish "$xu" "'receipt', '$wr', 'room', '1101', 'text', '同码的心愿'"
sync_k b >/dev/null
mod wish "$wr" fulfil && fail "an ambiguous receipt was accepted"
grep -q "楼道屏名/回执码：a/$wr、b/$wr" "$T/err" || fail "an ambiguous receipt said: $(cat "$T/err")"
mod wish "b/$wr" fulfil && fail "b's wish is in review: fulfil must be refused"
mod wish "$xu" approve || fail "approve by uuid: $(cat "$T/err")"
[ "$(cat "$T/out")" = "wish $xu: 已上墙 (kiosk b: 同码的心愿)" ] || fail "approve by uuid said: $(cat "$T/out")"

# --- tallies -----------------------------------------------------------------------
y hub publish activity --scope kangle-12 --conn "$HUB" \
	--fields '{"title":"包馄饨","capacity":2,"max_party":4,"waitlist":1}' >/dev/null
sync_k a >/dev/null
sync_k b >/dev/null
act=$(q "SELECT hub_id FROM yanxia_hub.activities WHERE title = '包馄饨'")
aa=$(kq a "SELECT id FROM activities WHERE title = '包馄饨'")
ab=$(kq b "SELECT id FROM activities WHERE title = '包馄饨'")
y --db "$T/a.db" add signup --activity "$aa" --room 301 --party 2 >/dev/null || fail "signup a"
y --db "$T/b.db" add signup --activity "$ab" --room 502 --party 1 >/dev/null || fail "signup b"
sync_k a >/dev/null
sync_k b >/dev/null
tally() {
	q "SELECT c.scope_id || '|' || (c.payload->>'activity_hub_id') || '|' ||
	   (c.payload->>'confirmed_people') || '|' || (c.payload->>'confirmed_signups') || '|' ||
	   (c.payload->>'waiting_signups') || '|' || (c.payload->>'waiting_people')
	   FROM yanxia_hub.change_log c WHERE c.kind = 'tally' AND c.hub_id = $act"
}
[ "$(tally)" = "$KANGLE|$act|2|1|1|1" ] || fail "tally after two sign-ups: $(tally)"
code=$(kq a "SELECT receipt FROM signups")
y --db "$T/a.db" cancel signup --activity "$aa" --room 301 --receipt "$code" >/dev/null || fail "cancel"
sync_k a >/dev/null
[ "$(tally)" = "$KANGLE|$act|1|1|0|0" ] || fail "tally after the cancellation: $(tally)"
echo "ok"
