#!/bin/sh
# A kiosk whose cursor fell below the hub's pruned change log is told to resync and
# rebuilds from a snapshot: afterwards it shows exactly what a fresh kiosk shows,
# including the removal whose tombstone was pruned; a kiosk that kept up is not
# asked to resync.
. "$YANXIA_SOURCE_DIR/tests/sync/lib.sh"

kiosk a kangle-12
kiosk c kangle-12
kiosk f kangle-12
pub() { q "SELECT count(*) FROM (SELECT yanxia_hub.hub_publish('notice', 'kangle-12',
	   jsonb_build_object('title', '$1 ' || i, 'body', '正文 ' || i)) FROM generate_series(1, $2) i) x" >/dev/null; }
y photo sample "$T/p1.png" --size 90x60 >/dev/null
y photo add "$T/p1.png" --hub "$HUB" --building kangle-12 --album 活动 --consent >/dev/null
pub 旧通知 40
sync_k a >/dev/null || fail "first sync of a"
[ "$(kq a "SELECT count(*) FROM notices WHERE deleted = 0")" = 40 ] || fail "a lacks notices"

# a goes offline; the hub edits, removes and adds, then prunes its tombstones
q "SELECT yanxia_hub.hub_publish('notice', NULL, '{\"title\":\"改过的通知\"}', hub_id)
   FROM yanxia_hub.notices WHERE title IN ('旧通知 1', '旧通知 2')" >/dev/null
q "SELECT yanxia_hub.hub_unpublish('notice', hub_id) FROM yanxia_hub.notices
   WHERE title IN ('旧通知 3', '旧通知 4', '旧通知 5')" >/dev/null
pub 新通知 25
sync_k c >/dev/null || fail "sync of c"
[ "$(q "SELECT yanxia_hub.hub_prune_changes('0 seconds')")" = 3 ] || fail "prune"
sync_k c | grep -q resynced && fail "c kept up but was told to resync"

sync_k a >"$T/a.out" || fail "sync of a after the prune"
grep -q resynced "$T/a.out" || fail "a was not told to resync: $(cat "$T/a.out")"
y --db "$T/a.db" check >/dev/null || fail "check after the resync"
sync_k f >/dev/null || fail "sync of the fresh kiosk"
[ "$(kq a "SELECT count(*) FROM notices WHERE title = '旧通知 3' AND deleted = 0")" = 0 ] ||
	fail "the removal whose tombstone was pruned did not reach a"
# the same content as a fresh kiosk and as the hub, field by field
dump() {
	kq "$1" "SELECT 'n', hub_id, hub_rev, title, body, category, pinned FROM notices
	           WHERE deleted = 0 ORDER BY hub_id;
	         SELECT 'p', hub_id, hub_rev, sha256, width, height FROM photos
	           WHERE deleted = 0 ORDER BY hub_id;
	         SELECT 'a', hub_id, hub_rev, name FROM albums WHERE deleted = 0 ORDER BY hub_id;
	         SELECT 'cursor', value FROM meta WHERE key IN ('sync_cursor', 'sync_resync')"
}
[ "$(dump a)" = "$(dump f)" ] || { dump a >"$T/a.dump"; dump f >"$T/f.dump";
	diff "$T/a.dump" "$T/f.dump" >&2; fail "the rebuilt kiosk differs from a fresh one"; }
[ "$(hub_notices a)" = "$(kiosk_notices a)" ] || fail "a differs from the hub"
[ "$(kq a "SELECT count(*) FROM notices WHERE deleted = 0")" = 62 ] || fail "a shows the wrong count"
cursor_matches a
echo "ok"
