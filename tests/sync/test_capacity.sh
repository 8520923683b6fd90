#!/bin/sh
# Two kiosks sell the last place of a hub activity: the hub confirms the first it
# decides and waitlists the other, both kiosks learn the outcome, and a cancellation
# promotes the waiting household everywhere.
. "$YANXIA_SOURCE_DIR/tests/sync/lib.sh"

kiosk a kangle-12
kiosk b kangle-12
y hub publish activity --scope kangle-12 --conn "$HUB" \
	--fields '{"title":"包饺子","capacity":2,"max_party":4,"waitlist":1}' >/dev/null
for k in a b; do
	sync_k $k >/dev/null
	y --db "$T/$k.db" kiosk set --building kangle-12 --floors 1-33 --units 1-6 >/dev/null
done
aid=$(kq a "SELECT id FROM activities WHERE title = '包饺子'")
# each kiosk alone thinks the last two places are its own
y --db "$T/a.db" add signup --activity "$aid" --room 301 --party 2 >/dev/null || fail "signup on a"
y --db "$T/b.db" add signup --activity "$aid" --room 502 --party 2 >/dev/null || fail "signup on b"
ua=$(kq a "SELECT uuid FROM signups")
ub=$(kq b "SELECT uuid FROM signups")
# shown NAME: the status yanxiactl reports for the kiosk's one sign-up (as screens see it)
shown() { y --db "$T/$1.db" list signups --all --json | sed -n 's/.*"status":"\([a-z]*\)".*/\1/p'; }
sync_k a >/dev/null & sync_k b >/dev/null & wait
sync_k a >/dev/null
sync_k b >/dev/null
states=$(q "SELECT string_agg(status, ',' ORDER BY status) FROM yanxia_hub.signup_decisions")
[ "$states" = confirmed,waitlisted ] || fail "hub decided $states"
for k in a b; do
	for u in $ua $ub; do
		want=$(q "SELECT status FROM yanxia_hub.signup_decisions WHERE signup_uuid = '$u'")
		[ "$(kq $k "SELECT state FROM sync_decisions WHERE uuid = '$u'")" = "$want" ] ||
			fail "kiosk $k does not show the hub's decision on $u ($want)"
	done
	u=$(kq $k "SELECT uuid FROM signups")
	want=$(q "SELECT status FROM yanxia_hub.signup_decisions WHERE signup_uuid = '$u'")
	[ "$(shown $k)" = "$want" ] || fail "kiosk $k reports $(shown $k), the hub decided $want"
done
# the confirmed household cancels: the waiting one moves up, on both kiosks
win=$(q "SELECT signup_uuid FROM yanxia_hub.signup_decisions WHERE status = 'confirmed'")
lose=$(q "SELECT signup_uuid FROM yanxia_hub.signup_decisions WHERE status = 'waitlisted'")
if [ "$win" = "$ua" ]; then k=a room=301; else k=b room=502; fi
code=$(kq $k "SELECT receipt FROM signups")
y --db "$T/$k.db" cancel signup --activity "$aid" --room $room --receipt "$code" >/dev/null ||
	fail "cancel"
sync_k $k >/dev/null
for k in a b; do
	sync_k $k >/dev/null
	[ "$(kq $k "SELECT state FROM sync_decisions WHERE uuid = '$lose'")" = confirmed ] ||
		fail "kiosk $k does not show the promotion"
	[ "$(kq $k "SELECT state FROM sync_decisions WHERE uuid = '$win'")" = cancelled ] ||
		fail "kiosk $k does not show the cancellation"
done
if [ "$win" = "$ua" ]; then wk=a lk=b; else wk=b lk=a; fi
[ "$(shown $wk)" = cancelled ] && [ "$(shown $lk)" = confirmed ] ||
	fail "the kiosks report $(shown a)/$(shown b) after the cancellation and promotion"
echo "ok"
