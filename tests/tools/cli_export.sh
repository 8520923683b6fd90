#!/bin/sh
# CSV export for Excel: BOM, Chinese header row, RFC 4180 quoting, CRLF, one row per
# submission; -o writes the same bytes to a file.
set -eu
. "$YANXIA_SOURCE_DIR/tests/tools/lib/common.sh"

y kiosk set --building kangle-12 --floors 1-33 --units 1-6 --households 180 >/dev/null
y add activity --title '重阳节包饺子' --starts '2026-11-28 09:30' --capacity 10 >/dev/null
y add signup --activity 1 --room 1203 --name '王,"小"明' --phone 13812345678 --party 2 >/dev/null
y add signup --activity 1 --room 502 --name '李阿姨' >/dev/null
y add signup --activity 1 --room 3306 >"$T/r3"
y cancel signup --activity 1 --room 3306 --receipt "$(receipt_of "$T/r3")" >/dev/null

y export signups --csv >"$T/stdout.csv"
y export signups --csv -o "$T/file.csv" | grep -q "3 rows" || fail "-o summary"
cmp -s "$T/stdout.csv" "$T/file.csv" || fail "-o and stdout differ"

[ "$(head -c 3 "$T/file.csv" | od -An -tx1 | tr -d ' \n')" = efbbbf ] || fail "no UTF-8 BOM"
header=$(head -n 1 "$T/file.csv" | tail -c +4 | tr -d '\r')
[ "$header" = "编号,回执码,活动编号,活动,房号,姓名,电话,人数,状态,候补序号,报名时间,取消时间,UUID" ] ||
	fail "header row: $header"
# every line ends in CRLF
awk '{ if (substr($0, length($0)) != "\r") bad = 1 } END { exit bad }' "$T/file.csv" ||
	fail "a line without CRLF"
# three sign-ups made (one cancelled later, still exported): header + 3 rows
[ "$(wc -l <"$T/file.csv")" -eq 4 ] || fail "row count: $(wc -l <"$T/file.csv")"
grep -qF ',"王,""小""明",13812345678,2,已报名,' "$T/file.csv" || fail "quoting of a name with , and \""
grep -q ',3306,,,1,已取消,' "$T/file.csv" || fail "cancelled sign-up row"

# fields with line breaks stay inside one quoted field
y add suggestion --text "$(printf '楼道灯坏了，\n晚上看不清')" --room 1203 --category 设施维修 >/dev/null
y export suggestions --csv -o "$T/s.csv" >/dev/null
grep -q '^"楼道灯坏了，' "$T/s.csv" && fail "line break split the record"
grep -q ',"楼道灯坏了，' "$T/s.csv" || fail "multi-line text not quoted"

# a text Excel or WPS would run as a formula is written as text: quoted, with a leading
# apostrophe; a text merely holding = elsewhere is left alone (one room each: a room
# may leave three suggestions a day)
room=1100
for f in '=HYPERLINK("http://example.cn","领补贴")' '+86 点我' '-1+1' '@SUM(A1)' \
	"$(printf '\t=1+1')"; do
	room=$((room + 1))
	y add suggestion --text "$f" --room $room >/dev/null || fail "suggestion $f"
done
y add suggestion --text '电费=水费？' --room 1106 >/dev/null || fail "suggestion with ="
y export suggestions --csv -o "$T/f.csv" >/dev/null
python3 - "$T/f.csv" <<'PY' || fail "formula cells (above)"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
col = rows[0].index("内容")
texts = [r[col] for r in rows[1:]]
# (the store trims the tab in front of "=1+1"; the formula behind it is still caught)
want = ["'=HYPERLINK(\"http://example.cn\",\"领补贴\")", "'+86 点我", "'-1+1", "'@SUM(A1)",
        "'=1+1", "电费=水费？"]
for w in want:
    if w not in texts:
        sys.exit("missing %r in %r" % (w, texts))
if any(t[:1] in "=+-@\t\r" and t for t in texts):
    sys.exit("a cell still starts like a formula: %r" % texts)
PY

# votes, wishes and questions export too, each with its own header
y add poll --question '是否同意加装电梯' --option 同意 --option 不同意 --closes 2026-12-20 >/dev/null
y add vote --poll 1 --option 1 --room 1203 >/dev/null
y add wish --text '想请人陪我去医院复查' --room 502 >/dev/null
y add question --text '血压早晚差得多正常吗' --room 1203 >/dev/null
for k in votes wishes questions; do
	y export "$k" --csv >"$T/$k.csv"
	[ "$(wc -l <"$T/$k.csv")" -eq 2 ] || fail "$k: expected header + 1 row"
	[ "$(head -c 3 "$T/$k.csv" | od -An -tx1 | tr -d ' \n')" = efbbbf ] || fail "$k: BOM"
done

# a failing write is an error, and -o never leaves half a file behind
expect_fail 1 export signups --csv -o "$T/no-such-dir/x.csv"
[ ! -e "$T/no-such-dir" ] || fail "created a directory"
if [ -w /dev/full ]; then
	set +e
	y export signups --csv >/dev/full 2>"$T/err"
	rc=$?
	set -e
	[ "$rc" -ne 0 ] || fail "writing to a full disk succeeded"
fi
expect_fail 2 export notices --csv
expect_fail 2 export signups
echo "cli_export: ok"
