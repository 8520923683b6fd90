#!/bin/sh
# The staff library runs a hub call again after a deadlock (40P01) or a serialization
# failure (40001), as the owner's hub_moderate does: a staff member's step that lost to
# another transaction goes through on a later try, once, without the member seeing it;
# one that keeps losing stops after a few tries with exit 1 and nothing written; and any
# other refusal is not tried again, nor a failure inside a transaction. The failures are made deterministic by a trigger on
# the audit log (every staff write ends with its audit line) that refuses the first N
# inserts with the chosen SQLSTATE, counting the tries in a sequence (which a rollback
# does not take back).
. "$YANXIA_SOURCE_DIR/tests/sync/lib.sh"

q "SELECT yanxia_hub.hub_add_scope('kangle', 'area', NULL, '康乐居民区'),
          yanxia_hub.hub_add_scope('kangle-12', 'building', 'kangle', '康乐小区12号楼')" >/dev/null
PW=kangle-lead-26
echo "$PW" | y staff add zhangli --role lead --building kangle-12 --hub "$HUB" >/dev/null ||
	fail "staff add zhangli"

# refuse_first N SQLSTATE: the next N audit lines are refused with SQLSTATE; the tries
# are counted afresh
refuse_first() {
	q "DROP SEQUENCE IF EXISTS yanxia_hub.test_tries;
	   CREATE SEQUENCE yanxia_hub.test_tries;
	   CREATE OR REPLACE FUNCTION yanxia_hub.test_refuse() RETURNS trigger LANGUAGE plpgsql AS \$\$
	   BEGIN
	       IF nextval('yanxia_hub.test_tries') <= $1 THEN
	           RAISE EXCEPTION 'test: lost to another transaction' USING ERRCODE = '$2';
	       END IF;
	       RETURN NEW;
	   END \$\$;
	   DROP TRIGGER IF EXISTS test_refuse ON yanxia_hub.staff_audit;
	   CREATE TRIGGER test_refuse BEFORE INSERT ON yanxia_hub.staff_audit
	       FOR EACH ROW EXECUTE FUNCTION yanxia_hub.test_refuse();" >/dev/null
}
tries() { q "SELECT last_value FROM yanxia_hub.test_tries"; }
# add_notice TITLE: `add notice --as zhangli` to kangle-12; exit code in $rc
add_notice() {
	rc=0
	echo "$PW" | y add notice --hub "$HUB" --building kangle-12 --as zhangli --title "$1" \
		--body 正文。 >"$T/out" 2>"$T/err" || rc=$?
}
notices() { q "SELECT count(*) FROM yanxia_hub.notices WHERE title = '$1'"; }
audit() { q "SELECT count(*) FROM yanxia_hub.staff_audit WHERE action = 'notice.publish'"; }

# a deadlock, then a serialization failure: the step goes through on its next try, once
for code in 40P01 40001; do
	a0=$(audit)
	refuse_first 2 $code
	add_notice "重试$code"
	[ $rc = 0 ] || fail "a step that lost twice with $code: exit $rc, $(cat "$T/err")"
	[ "$(tries)|$(notices "重试$code")|$(audit)" = "3|1|$((a0 + 1))" ] ||
		fail "$code: tries|notices|audit lines = $(tries)|$(notices "重试$code")|$(($(audit) - a0))"
done

# one that keeps losing: a bounded number of tries, exit 1, nothing written
a0=$(audit)
refuse_first 1000 40P01
add_notice 总是死锁
[ $rc = 1 ] || fail "a step that always lost exited $rc"
[ "$(tries)" = 5 ] || fail "a step that always lost was tried $(tries) times"
[ "$(notices 总是死锁)|$(audit)" = "0|$a0" ] || fail "a step that always lost left a notice or an audit line"

# any other refusal is the hub's answer: tried once
refuse_first 1 22023
add_notice 不重试
[ $rc = 1 ] && [ "$(tries)" = 1 ] && [ "$(notices 不重试)" = 0 ] ||
	fail "a refusal (22023): exit $rc, tried $(tries) times, $(notices 不重试) notices"

# inside the library's own transaction (a photo upload) the failure ends the
# transaction: not tried again, nothing of the upload left
noise_png "$T/p.png" 20 20
refuse_first 1 40P01
rc=0
echo "$PW" | y photo add "$T/p.png" --hub "$HUB" --building kangle-12 --album 重试 --as zhangli \
	>/dev/null 2>"$T/err" || rc=$?
[ $rc = 1 ] && [ "$(tries)" = 1 ] || fail "a photo upload that lost: exit $rc, tried $(tries) times"
[ "$(q "SELECT count(*) FROM yanxia_hub.photos")|$(q "SELECT count(*) FROM yanxia_hub.albums")" = "0|0" ] ||
	fail "a photo upload that lost left a photo or an album"
echo ok
