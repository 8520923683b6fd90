#!/bin/sh
# A kiosk with a hub whose store is damaged at start: it moves the file aside, starts
# on a fresh store and pulls the building's content from the hub again (resync), and
# the submission a resident made before the damage (never sent) still reaches the hub,
# once, with the kiosk's own identity.
. "$YANXIA_SOURCE_DIR/tests/sync/lib.sh"
: "${YANXIA:?}"
export SDL_VIDEODRIVER=offscreen

kiosk a kangle-12
y --db "$T/a.db" init >/dev/null
y add notice --hub "$HUB" --building kangle-12 --title 电梯今晚停运检修 \
	--body 今晚十点到十二点检修，请走楼梯。 >/dev/null || fail "add notice --hub"
sync_k a >/dev/null || fail "first round"
[ "$(kq a "SELECT count(*) FROM notices WHERE deleted = 0")" = 1 ] || fail "the notice did not arrive"
y --db "$T/a.db" add suggestion --text '三楼楼道灯坏了' --room 301 >/dev/null
uuid=$(kq a "SELECT uuid FROM suggestions")

page=$(kq a "PRAGMA page_size")
root=$(kq a "SELECT rootpage FROM sqlite_master WHERE name = 'notices'")
head -c "$page" /dev/zero | tr '\0' '\377' |
	dd of="$T/a.db" bs="$page" seek=$((root - 1)) conv=notrunc 2>/dev/null

cat >"$T/resync.script" <<'SCRIPT'
goto notices
wait-for "电梯今晚停运检修" 120
SCRIPT
"$YANXIA" --headless --config "$T/a.ini" --db "$T/a.db" --script "$T/resync.script" \
	>"$T/kiosk.log" 2>&1 || fail "the kiosk did not resync: $(cat "$T/kiosk.log")"
grep -q "moved aside as $T/a.db.corrupt-20261123-100000; started on a fresh store that the hub fills again (resync); read back the kiosk's identity and 1 unsent" "$T/kiosk.log" ||
	fail "log: $(cat "$T/kiosk.log")"
# the kiosk's worker pushes what it read back (a round more if the script ended first)
sync_k a >/dev/null || fail "round after the recovery"
[ "$(q "SELECT count(*) FROM yanxia_hub.submissions WHERE uuid = '$uuid'")" = 1 ] ||
	fail "the suggestion written before the damage did not reach the hub"
[ "$(kq a "SELECT count(*) FROM outbox WHERE acked_at IS NULL")" = 0 ] || fail "the outbox is not empty"
echo "corrupt resync: ok"
