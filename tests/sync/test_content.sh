#!/bin/sh
# Content authored on the hub reaches every kiosk of its scope and no other; a removal
# removes it everywhere; a kiosk's role can only call its functions.
. "$YANXIA_SOURCE_DIR/tests/sync/lib.sh"

y hub add-scope kangle --kind area --conn "$HUB" >/dev/null
y hub add-scope kangle-12 --kind building --parent kangle --conn "$HUB" >/dev/null
y hub add-scope kangle-14 --kind building --parent kangle --conn "$HUB" >/dev/null
y hub add-scope fuxing-3 --kind building --conn "$HUB" >/dev/null
kiosk a kangle-12
kiosk b kangle-12
kiosk c kangle-14
kiosk d fuxing-3
y hub init --conn "$HUB" | grep -q '0 migrations applied' || fail "init is not safe to re-run"
# two branches that took the same migration number: refused, not one of them skipped
mkdir "$T/dup" && cp "$YANXIA_SOURCE_DIR"/sql/hub/*.sql "$T/dup/" &&
	cp "$T/dup/015_staff_photos.sql" "$T/dup/015_again.sql"
out=$(y hub init --conn "$HUB" --sql-dir "$T/dup" 2>&1) && fail "two migrations of version 015 were accepted"
echo "$out" | grep -q "two hub migrations have version 015: 015_again.sql and 015_staff_photos.sql" ||
	fail "the duplicate version is not named: $out"
# the saved config holds the kiosk's hub password: its owner alone may read it
[ "$(stat -c %a "$T/a.ini")" = 600 ] || fail "the kiosk config is mode $(stat -c %a "$T/a.ini")"

y add notice --hub "$HUB" --building kangle-12 --title '电梯停运' --body '周三上午检修' \
	--category 物业 >/dev/null || fail "add notice --hub"
y hub publish notice --scope kangle --fields '{"title":"居民区通知","body":"周六义诊"}' \
	--conn "$HUB" >/dev/null || fail "publish to the area"
for k in a b c d; do sync_k $k >/dev/null || fail "sync $k"; done
for k in a b; do
	[ "$(kq $k "SELECT count(*) FROM notices WHERE deleted = 0")" = 2 ] || fail "kiosk $k lacks notices"
	kq $k "SELECT category FROM notices WHERE title = '电梯停运'" | grep -qx 物业 || fail "fields on $k"
done
[ "$(kq c "SELECT group_concat(title) FROM notices WHERE deleted = 0")" = '居民区通知' ] ||
	fail "kiosk c (same area, other building) got the wrong notices"
[ "$(kq d "SELECT count(*) FROM notices")" = 0 ] || fail "kiosk d (another area) got notices"
y --db "$T/a.db" list notices | grep -q '电梯停运' || fail "list shows the pulled notice"

# an edit and a removal travel too; a second round moves nothing
id=$(q "SELECT hub_id FROM yanxia_hub.notices WHERE title = '电梯停运'")
y hub publish notice --id "$id" --fields '{"title":"电梯停运（改期）"}' --conn "$HUB" >/dev/null
sync_k a | grep -q 'pulled 1 ' || fail "edit not pulled"
sync_k a | grep -q 'pushed 0, pulled 0 ' || fail "a quiet round moved something"
y rm notice "$id" --hub "$HUB" >/dev/null || fail "rm --hub"
for k in a b; do sync_k $k >/dev/null; done
for k in a b; do
	[ "$(kq $k "SELECT count(*) FROM notices WHERE deleted = 0 AND title LIKE '电梯%'")" = 0 ] ||
		fail "removal did not reach $k"
done
y --db "$T/b.db" list notices | grep -q '电梯' && fail "removed notice still listed on b"

# the kiosk's role: functions only, and only its own scope
as_kiosk a "SELECT count(*) FROM yanxia_hub.notices" 2>/dev/null && fail "kiosk read a table"
as_kiosk a "SELECT count(*) FROM yanxia_hub.submissions" 2>/dev/null && fail "kiosk read submissions"
as_kiosk a "INSERT INTO yanxia_hub.notices(scope_id, rev, title, body) VALUES (1, 1, 'x', 'y')" \
	2>/dev/null && fail "kiosk wrote a table"
as_kiosk a "SELECT * FROM yanxia_hub.hub_publish('notice', 'kangle-12', '{\"title\":\"x\",\"body\":\"y\"}')" \
	2>/dev/null && fail "kiosk published content"
as_kiosk a "SELECT yanxia_hub.hub_unpublish('notice', 1)" 2>/dev/null && fail "kiosk removed content"
# d's submissions are invisible to a: nothing of d's scope comes through a's pull
fill_outbox d 3
sync_k d >/dev/null
[ "$(as_kiosk a "SELECT count(*) FROM yanxia_hub.kiosk_pull(0, 1000) WHERE payload LIKE '%测试%'")" = 0 ] ||
	fail "kiosk a saw d's submissions"
[ "$(q "SELECT count(*) FROM yanxia_hub.submissions")" = 3 ] || fail "d's submissions"
y hub status --conn "$HUB" | grep -q '^d  *fuxing-3 ' || fail "hub status lists kiosk d"
echo "ok"
