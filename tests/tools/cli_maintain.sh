#!/bin/sh
# `yanxiactl maintain` on a real store: a removed photo's file and its thumbnails go,
# every file a photo still shows stays (and a transfer's .part file, and what is not
# named by a content hash); a damaged store stops the step before anything is removed;
# bad options and config are refused with the key named. (The personal data it prunes:
# tests/store/test_maintain.c.)
set -eu
. "$YANXIA_SOURCE_DIR/tests/tools/lib/common.sh"

y seed --portraits 3 >/dev/null
shas=$(y list photos --json --all | python3 -c "import json,sys; print(' '.join(p['sha256'] for p in json.load(sys.stdin)))")
set -- $shas
gone=$1 kept=$2
D="$T/data"
mkdir -p "$D/thumbs/240x300c" "$D/thumbs/96x96"
for s in $gone $kept; do
	echo thumb >"$D/thumbs/240x300c/$s.jpg"
	echo thumb >"$D/thumbs/96x96/$s.png"
done
echo partial >"$D/photos/${gone%"${gone#??}"}/$gone.part"
echo notes >"$D/thumbs/README"
id=$(y list photos --json --all | python3 -c "import json,sys; print([p['id'] for p in json.load(sys.stdin) if p['sha256']=='$gone'][0])")
y rm photo "$id" >/dev/null

y maintain >"$T/out" || fail "maintain: $(cat "$T/out")"
grep -q '^integrity_check: ok$' "$T/out" || fail "no full check: $(cat "$T/out")"
grep -q 'files removed: 1 photos, 2 thumbnails' "$T/out" || fail "counts: $(cat "$T/out")"
[ ! -e "$D/photos/${gone%"${gone#??}"}/$gone" ] || fail "the removed photo's file is still there"
[ ! -e "$D/thumbs/240x300c/$gone.jpg" ] && [ ! -e "$D/thumbs/96x96/$gone.png" ] ||
	fail "the removed photo's thumbnails are still there"
for s in $shas; do
	[ "$s" = "$gone" ] || [ -f "$D/photos/${s%"${s#??}"}/$s" ] || fail "photo $s lost its file"
done
[ -f "$D/thumbs/240x300c/$kept.jpg" ] && [ -f "$D/thumbs/96x96/$kept.png" ] || fail "a shown photo lost its thumbnail"
[ -f "$D/photos/${gone%"${gone#??}"}/$gone.part" ] || fail "a transfer's .part file was removed"
[ -f "$D/thumbs/README" ] || fail "a file not named by a hash was removed"
y check >/dev/null || fail "check after maintain"

# a second run finds nothing; --quick runs quick_check
y maintain --quick >"$T/out"
grep -q '^quick_check: ok$' "$T/out" && grep -q 'files removed: 0 photos, 0 thumbnails' "$T/out" ||
	fail "second run: $(cat "$T/out")"

# refusals
expect_fail 2 maintain --keep-days 0
expect_msg 'keep-days'
printf '[privacy]\nkeep_days = forever\n' >"$T/bad.ini"
expect_fail 2 maintain --config "$T/bad.ini"
expect_msg 'bad.ini:2: [privacy] keep_days'

# a damaged file: the step stops, the photo files stay
cp "$D/yanxia.db" "$T/copy.db"
size=$(stat -c %s "$D/yanxia.db")
head -c $((size - 5 * 4096)) /dev/zero | tr '\0' '\377' |
	dd of="$D/yanxia.db" bs=4096 seek=3 conv=notrunc 2>/dev/null
echo thumb >"$D/thumbs/96x96/$gone.png"
rc=0
y maintain >"$T/out" 2>"$T/err" || rc=$?
[ $rc != 0 ] || fail "maintain on a damaged store succeeded: $(cat "$T/out")"
grep -q 'malformed\|check failed' "$T/err" "$T/out" || fail "no reason given: $(cat "$T/err" "$T/out")"
[ -f "$D/thumbs/96x96/$gone.png" ] || fail "maintain on a damaged store removed files"
for s in $shas; do
	[ "$s" = "$gone" ] || [ -f "$D/photos/${s%"${s#??}"}/$s" ] || fail "damaged store: photo $s lost its file"
done
echo "maintain: ok"
