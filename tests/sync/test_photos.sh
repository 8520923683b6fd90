#!/bin/sh
# Photos published on the hub travel to a kiosk in chunks by SHA-256: a transfer cut
# halfway leaves a partial file and no visible photo; the next round fetches only the
# rest; a damaged partial file fails the hash check and is fetched again; a photo row
# appears only once its file is whole and identical; a kiosk of another building
# cannot fetch it; a removal on the hub hides it.
. "$YANXIA_SOURCE_DIR/tests/sync/lib.sh"

kiosk a kangle-12
kiosk b fuxing-3
proxy_start
conn=$(proxy_conn a)
noise_png "$T/p1.png" 480 480
noise_png "$T/p2.png" 300 300
noise_png "$T/p3.png" 400 400
y photo add "$T/p1.png" "$T/p2.png" --hub "$HUB" --building kangle-12 --album 笑脸墙 \
	--consent >/dev/null || fail "photo add --hub"
sha() { sha256sum "$T/$1.png" | cut -c1-64; }
part() { f="$T/photos/$(sha "$1" | cut -c1-2)/$(sha "$1").part"; [ -f "$f" ] && stat -c %s "$f" || echo 0; }
shown() { kq a "SELECT count(*) FROM photos WHERE deleted = 0"; }
whole() { cmp -s "$T/$1.png" "$T/photos/$(sha "$1" | cut -c1-2)/$(sha "$1")"; }
size() { stat -c %s "$T/$1.png"; }
round() { y --db "$T/a.db" sync --once --chunk 65536 "$@"; }

# cut 400 KB into the transfer: photo 1 (~690 KB) is half there, nothing is shown
echo "down 400000" >"$PLAN"
round --conn "$conn" >/dev/null 2>&1 && fail "a cut transfer succeeded"
have=$(part p1)
[ "$have" -gt 0 ] && [ "$have" -lt "$(size p1)" ] || fail "no partial file ($have bytes)"
[ $((have % 65536)) = 0 ] || fail "the partial file ends mid-chunk ($have bytes)"
[ "$(shown)" = 0 ] || fail "a photo shows before its file is whole"
y --db "$T/a.db" check >/dev/null || fail "check after the cut"
y --db "$T/a.db" list photos --album 笑脸墙 --json | grep -q sha256 && fail "listed while partial"

# the next round fetches only what is missing
want=$(($(size p1) + $(size p2) - have))
round --config "$T/a.ini" | grep -q "photos 2 ($want bytes)" || fail "did not resume at $have"
[ "$(shown)" = 2 ] || fail "photos not shown once whole"
whole p1 && whole p2 || fail "photo files differ from the originals"
[ "$(part p1)" = 0 ] || fail "the partial file stayed"

# a damaged partial file is caught by the hash and fetched again
y photo add "$T/p3.png" --hub "$HUB" --building kangle-12 --album 笑脸墙 --consent >/dev/null
echo "down 200000" >"$PLAN"
round --conn "$conn" >/dev/null 2>&1 && fail "a cut transfer succeeded"
[ "$(part p3)" -gt 65536 ] || fail "no partial file for p3"
printf 'XXXXXXXXXXXXXXXX' | dd of="$(dirname "$(ls "$T"/photos/*/"$(sha p3)".part)")/$(sha p3).part" \
	bs=1 seek=1000 conv=notrunc 2>/dev/null
round --config "$T/a.ini" >"$T/r.out" 2>&1 && fail "a damaged file was accepted"
grep -q 'does not match its hash' "$T/r.out" || fail "no hash error: $(cat "$T/r.out")"
[ "$(shown)" = 2 ] || fail "the damaged photo is shown"
y --db "$T/a.db" check >/dev/null || fail "check after the damaged file"
round --config "$T/a.ini" >/dev/null || fail "the round after the damaged file"
[ "$(shown)" = 3 ] && whole p3 || fail "p3 not whole after the retry"

# another building's kiosk cannot fetch the file; a removal hides the photo
as_kiosk b "SELECT length(yanxia_hub.kiosk_photo_chunk('$(sha p1)', 0, 100))" 2>/dev/null &&
	fail "kiosk b fetched a photo of another building"
id=$(q "SELECT hub_id FROM yanxia_hub.photos WHERE sha256 = '$(sha p2)'")
y rm photo "$id" --hub "$HUB" >/dev/null || fail "rm photo --hub"
round --config "$T/a.ini" >/dev/null || fail "the round after the removal"
[ "$(shown)" = 2 ] || fail "the removed photo still shows"
echo "ok (resumed at $have of $(size p1) bytes)"
