#!/bin/sh
# `yanxiactl seed --demo` fills a new store with everything the kiosk shows: enough
# notices, a portrait wall whose two portraits without consent stay hidden from
# residents, event albums, activities with different fill levels, an open lift
# consultation, a roster and contacts; every picture is a real PNG. Seeding a store
# that already has content is refused and changes nothing.
set -u

: "${YANXIACTL:?YANXIACTL must point to the yanxiactl binary}"
export YANXIA_NOW="2026-11-23 10:00"

dir=$(mktemp -d "${TMPDIR:-/tmp}/yanxia-demo-XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT INT TERM
db="$dir/yanxia.db"
failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# Number of top-level objects in a JSON array printed by `list KIND --json`.
count() {
    "$YANXIACTL" --db "$db" list "$@" --json | grep -o '{"id":' | wc -l | tr -d ' '
}

at_least() { # name actual minimum
    [ "$2" -ge "$3" ] || fail "$1: $2, expected at least $3"
}

# photo_count of one album in `list albums --json [--all]`
album_count() {
    "$YANXIACTL" --db "$db" list albums --json ${2:-} |
        grep -o "\"name\":\"$1\"[^}]*\"photo_count\":[0-9]*" | sed 's/.*://'
}

if ! out=$("$YANXIACTL" --db "$db" seed --demo 2>&1); then
    echo "FAIL: seed --demo exited non-zero: $out" >&2
    exit 1
fi

at_least "notices" "$(count notices)" 20
at_least "health tips" "$(count tips)" 12
at_least "activities" "$(count activities)" 8
at_least "polls" "$(count polls)" 1
at_least "roster entries" "$(count roster)" 14
at_least "contacts" "$(count contacts)" 5
at_least "quick phrases" "$(count phrases)" 6
at_least "suggestions" "$(count suggestions)" 3
at_least "wishes" "$(count wishes)" 4
at_least "questions" "$(count questions)" 5

# the portrait wall: >= 60 portraits, exactly two without consent, hidden from residents
at_least "portraits" "$(count photos --album 笑脸墙)" 60
no_consent=$("$YANXIACTL" --db "$db" list photos --album 笑脸墙 --json | grep -o '"consent":false' |
    wc -l | tr -d ' ')
[ "$no_consent" -eq 2 ] || fail "portraits without consent: $no_consent, expected 2"
shown=$(album_count 笑脸墙)
all=$(album_count 笑脸墙 --all)
[ -n "$shown" ] && [ -n "$all" ] && [ "$shown" -eq $((all - 2)) ] ||
    fail "residents see ${shown:-?} of ${all:-?} portraits, expected all but the two without consent"
at_least "中秋游园会 pictures" "$(album_count 中秋游园会)" 8
at_least "楼道美化日 pictures" "$(album_count 楼道美化日)" 8

# the lift consultation is open and households are set, so participation can be shown
"$YANXIACTL" --db "$db" list polls --json | grep -q '"question":"12号楼加装电梯意向征询"[^]]*"open":true' ||
    fail "the lift consultation is not listed as open"
"$YANXIACTL" --db "$db" list kiosk | grep -q '敬老楼' || fail "the kiosk row has no 敬老楼 theme"

# sign-ups make places-left differ: one event full with a waiting list, one not full
acts=$("$YANXIACTL" --db "$db" list activities --json)
echo "$acts" | grep -q '"capacity":16,[^}]*"confirmed_people":16,"waiting_people":[1-9]' ||
    fail "no activity is full with people waiting"
echo "$acts" | grep -q '"capacity":10,[^}]*"waitlist":false,"confirmed_people":9,' ||
    fail "no nearly full activity without a waiting list"

# every stored picture is a PNG, but the doctor's handwritten page, a phone's JPEG,
# named by the one tip that has a photo
page=$(sqlite3 "$db" "SELECT group_concat(photo_sha256) FROM health_tips WHERE photo_sha256 IS NOT NULL")
[ "$(echo "$page" | tr ',' '\n' | grep -c .)" = 1 ] || fail "not one tip with a handwritten page: $page"
pngs=0
for f in $(find "$dir/photos" -type f); do
    sig=$(head -c 8 "$f" | od -An -tx1 | tr -d ' \n')
    if [ "$(basename "$f")" = "$page" ]; then
        [ "${sig%${sig#??????}}" = "ffd8ff" ] || fail "the handwritten page $f is not a JPEG"
        continue
    fi
    [ "$sig" = "89504e470d0a1a0a" ] || fail "$f does not start with the PNG signature"
    pngs=$((pngs + 1))
done
at_least "picture files" "$pngs" 76

# the demo's sign-ups, votes and writing are samples: none waits to be uploaded to a hub
at_least "demo suggestions" "$(count suggestions)" 1
pending=$("$YANXIACTL" --db "$db" list outbox --json | grep -o '"seq":' | wc -l | tr -d ' ')
[ "$pending" -eq 0 ] || fail "$pending demo submissions wait in the outbox for a hub"

# a second seed into the same store is refused and writes nothing
before=$(count notices --all)
if "$YANXIACTL" --db "$db" seed --demo >/dev/null 2>"$dir/err"; then
    fail "a second seed --demo into a filled store succeeded"
fi
[ -s "$dir/err" ] || fail "the refused second seed printed no message"
[ "$(count notices --all)" -eq "$before" ] || fail "the refused second seed changed the notices"

if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "demo seed: all checks passed"
