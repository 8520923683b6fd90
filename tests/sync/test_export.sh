#!/bin/sh
# `export KIND --csv --hub`: what the kiosks of a building pushed, as the local export's
# CSV (BOM, header, RFC 4180 quoting, CRLF), with none of another building's rows; an
# unreachable hub is a one-line error and a non-zero exit.
. "$YANXIA_SOURCE_DIR/tests/sync/lib.sh"

kiosk a kangle-12
kiosk b kangle-12
kiosk c fuxing-3
y hub publish activity --scope kangle-12 --conn "$HUB" \
	--fields '{"title":"包饺子","capacity":10,"max_party":4}' >/dev/null || fail "publish"
y hub publish activity --scope fuxing-3 --conn "$HUB" \
	--fields '{"title":"义诊","capacity":10,"max_party":4}' >/dev/null || fail "publish"
TRICKY='电梯又坏了,物业说"马上修"'
room=300
for k in a b c; do
	room=$((room + 1)) # a room of a building signs up once per activity
	sync_k $k >/dev/null || fail "first sync of $k"
	y --db "$T/$k.db" kiosk set --building x --floors 1-33 --units 1-6 >/dev/null
	aid=$(kq $k "SELECT id FROM activities LIMIT 1")
	y --db "$T/$k.db" add signup --activity "$aid" --room $room --party 2 >/dev/null ||
		fail "signup on $k"
done
y --db "$T/a.db" add suggestion --text "$TRICKY" --room 1502 >/dev/null || fail "suggestion a"
y --db "$T/a.db" add suggestion --text '楼道灯不亮' --category 设施维修 >/dev/null || fail "a2"
FORMULA='=HYPERLINK("http://example.cn","领补贴")'
y --db "$T/a.db" add suggestion --text "$FORMULA" >/dev/null || fail "a3"
y --db "$T/b.db" add suggestion --text '希望多办活动' --contact 13800138000 >/dev/null || fail "b"
y --db "$T/c.db" add suggestion --text '别的楼的意见' >/dev/null || fail "suggestion c"
for k in a b c; do
	sync_k $k | grep -q 'pushed [1-9]' || fail "$k pushed nothing"
done

y export suggestions --csv --hub "$HUB" --building kangle-12 -o "$T/s.csv" >"$T/out" ||
	fail "export suggestions"
grep -q 's.csv: 4 rows' "$T/out" || fail "export said: $(cat "$T/out")"
kq a "SELECT uuid FROM suggestions" >"$T/want"
kq b "SELECT uuid FROM suggestions" >>"$T/want"
kq c "SELECT uuid FROM suggestions" >"$T/other"
$PY3 - "$T/s.csv" "$T/want" "$T/other" "$TRICKY" "$FORMULA" <<'PY' || fail "suggestions CSV (above)"
import csv, io, sys
raw = open(sys.argv[1], "rb").read()
want = sorted(open(sys.argv[2]).read().split())
other = open(sys.argv[3]).read().split()
tricky = sys.argv[4]
def check(ok, what):
    if not ok:
        print("FAIL:", what, file=sys.stderr)
        sys.exit(1)
check(raw.startswith(b"\xef\xbb\xbf"), "no UTF-8 BOM")
body = raw[3:]
check(body.endswith(b"\r\n") and b"\n" not in body.replace(b"\r\n", b""), "lines not CRLF")
lines = body.decode("utf-8").split("\r\n")
check(lines[0] == "回执码,提交时间,类别,内容,房号,联系电话,状态,UUID,楼组,楼道屏,收到时间",
      "header is " + lines[0])
quoted = '"' + tricky.replace('"', '""') + '"'
check(any(quoted in l for l in lines), "tricky text not quoted as " + quoted)
rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
head, rows = rows[0], rows[1:]
col = {h: i for i, h in enumerate(head)}
check(sorted(r[col["UUID"]] for r in rows) == want, "rows are not exactly kangle-12's")
check(not any(u in body.decode() for u in other), "another building's row leaked")
check(all(r[col["楼组"]] == "kangle-12" for r in rows), "wrong 楼组")
check(sorted({r[col["楼道屏"]] for r in rows}) == ["a", "b"], "wrong kiosks")
t = [r for r in rows if r[col["内容"]] == tricky]
check(len(t) == 1 and t[0][col["房号"]] == "1502", "tricky row lost its text or room")
check(all(r[col["收到时间"]] and r[col["提交时间"]] for r in rows), "times missing")
check(sum(r[col["内容"]] == "'" + sys.argv[5] for r in rows) == 1,
      "a resident's formula is not written as text")
PY

# without --building: every building the hub holds
y export suggestions --csv --hub "$HUB" >"$T/all.csv" || fail "export all"
[ "$(grep -c "$(cat "$T/other")" "$T/all.csv")" = 1 ] || fail "the unscoped export lacks fuxing-3"
[ "$(($(wc -l <"$T/all.csv") - 1))" = 5 ] || fail "the unscoped export has $(wc -l <"$T/all.csv") lines"
# sign-ups carry the hub's decision in words
y export signups --csv --hub "$HUB" --building kangle-12 >"$T/g.csv" || fail "export signups"
[ "$(grep -c '已报名' "$T/g.csv")" = 2 ] || fail "signups: $(cat "$T/g.csv")"
grep -q 'fuxing-3' "$T/g.csv" && fail "signups leaked fuxing-3"

# votes name the option by its place in the poll: b numbers its own rows differently
y --db "$T/b.db" add poll --question 楼下换快递柜吗 --option 换 --option 不换 \
	--closes '2030-12-01 18:00' >/dev/null || fail "b's own poll"
y add poll --hub "$HUB" --building kangle-12 --question 楼顶装太阳能板吗 --option 同意 \
	--option 不同意 --option 暂不表态 --closes '2030-12-01 18:00' >/dev/null || fail "hub poll"
for k in a b; do sync_k $k >/dev/null || fail "poll to $k"; done
pa=$(kq a "SELECT id FROM polls WHERE hub_id IS NOT NULL")
pb=$(kq b "SELECT id FROM polls WHERE hub_id IS NOT NULL")
[ "$(kq a "SELECT id FROM poll_options WHERE poll_id = $pa AND sort = 3")" != \
	"$(kq b "SELECT id FROM poll_options WHERE poll_id = $pb AND sort = 3")" ] ||
	fail "a and b number the options alike: the test shows nothing"
y --db "$T/a.db" add vote --poll "$pa" --option 暂不表态 --room 1502 >/dev/null || fail "vote a"
y --db "$T/b.db" add vote --poll "$pb" --option 暂不表态 --room 1601 >/dev/null || fail "vote b"
for k in a b; do sync_k $k >/dev/null || fail "votes from $k"; done
y export votes --csv --hub "$HUB" --building kangle-12 >"$T/v.csv" || fail "export votes"
head -1 "$T/v.csv" | grep -q '征询编号,选项序号,房号' || fail "votes header: $(head -1 "$T/v.csv")"
[ "$(grep -c ',3,1[56]0[12],' "$T/v.csv")" = 2 ] || fail "votes: $(cat "$T/v.csv")"

# an unknown building and an unreachable hub: one line, non-zero
y export suggestions --csv --hub "$HUB" --building nowhere >"$T/o" 2>"$T/e" && fail "nowhere ok"
[ "$(wc -l <"$T/e")" = 1 ] && grep -q nowhere "$T/e" || fail "nowhere said: $(cat "$T/e")"
y export suggestions --csv --hub "host=127.0.0.1 port=1 dbname=x" >"$T/o" 2>"$T/e" &&
	fail "an unreachable hub exported"
[ "$(wc -l <"$T/e")" = 1 ] && [ ! -s "$T/o" ] || fail "unreachable hub said: $(cat "$T/e")"
echo "ok"
