#!/bin/sh
# `import DIR --hub`: a content folder published on the hub reaches the kiosks of its
# building and no other; importing it again publishes nothing; an edited file updates
# its row (same hub id, no duplicate on the kiosk); a mistake in any file names the
# file and line and publishes nothing, even after other rows went to the hub.
. "$YANXIA_SOURCE_DIR/tests/sync/lib.sh"

y hub add-scope kangle --kind area --conn "$HUB" >/dev/null
y hub add-scope kangle-12 --kind building --parent kangle --conn "$HUB" >/dev/null
y hub add-scope kangle-14 --kind building --parent kangle --conn "$HUB" >/dev/null
kiosk a kangle-12
kiosk b kangle-12
kiosk c kangle-14

D="$T/12号楼内容"
mkdir -p "$D/notices" "$D/health" "$D/activities" "$D/polls" "$D/albums/笑脸墙"
cat >"$D/notices/停水.txt" <<'EOF'
标题: 12月2日上午停水通知
分类: 物业
置顶: 是

各位居民：12月2日上午八点至十二点水箱清洗，全楼停水，请提前储水。
EOF
cat >"$D/notices/公约.txt" <<'EOF'
标题: 楼组公约
发布: 2026-11-01

楼道不堆放杂物，电瓶车不进楼。
EOF
cat >"$D/health/保暖.txt" <<'EOF'
月份: 2026-11
标题: 入冬注意保暖
作者: 社区卫生服务中心

早晚温差大，出门添衣。
EOF
cat >"$D/activities/包饺子.txt" <<'EOF'
标题: 冬至包饺子
地点: 一楼活动室
开始: 2030-12-21 09:00
名额: 20

欢迎邻居们一起来包饺子。
EOF
cat >"$D/polls/电梯.txt" <<'EOF'
问题: 是否同意加装电梯
选项: 同意
选项: 不同意
截止: 2030-12-20 18:00

须三分之二以上住户参与表决。
EOF
cat >"$D/albums/笑脸墙/album.txt" <<'EOF'
类型: 笑脸墙
说明: 12号楼的邻居们
EOF
y photo sample "$D/albums/笑脸墙/wang.png" --size 40x30 || fail "photo sample"
echo "wang.png | 爱养花的王阿姨 | 王阿姨 | 12 | 是" >"$D/albums/笑脸墙/captions.txt"
echo "居委会 | 康乐居委会 | 021-12345678 | 工作日 8:30-17:00" >"$D/contacts.txt"
echo "2030-11-24 | 上午 8:00-12:00 | 一楼大厅 | 王建国 | 1203" >"$D/roster.txt"
echo "意见建议 | 楼道灯坏了" >"$D/phrases.txt"

log_n() { q "SELECT count(*) || '/' || coalesce(max(seq), 0) FROM yanxia_hub.change_log"; }
imp() { y import "$D" --hub "$HUB" "$@"; }

# --- the first import reaches both kiosks of kangle-12, not kangle-14 ---------------
imp --building nowhere >/dev/null 2>"$T/err" && fail "an unknown building was accepted"
grep -q 'nowhere' "$T/err" || fail "the unknown building is not named: $(cat "$T/err")"
[ "$(log_n)" = "0/0" ] || fail "a refused import left changes: $(log_n)"
imp --building kangle-12 >"$T/out" || fail "import --hub: $(cat "$T/out")"
grep -q '10 new or changed, 0 unchanged' "$T/out" || fail "first import: $(cat "$T/out")"
grep -q '1 photo file uploaded' "$T/out" || fail "photo not uploaded: $(cat "$T/out")"
first=$(log_n)
for k in a b c; do sync_k $k >/dev/null || fail "sync $k"; done
for k in a b; do
	[ "$(kq $k "SELECT count(*) FROM notices WHERE deleted = 0")" = 2 ] || fail "$k lacks notices"
	kq $k "SELECT category || pinned FROM notices WHERE title LIKE '12月2日%'" | grep -qx '物业1' ||
		fail "notice fields on $k"
	[ "$(kq $k "SELECT count(*) FROM health_tips") $(kq $k "SELECT count(*) FROM activities")" = "1 1" ] ||
		fail "tip or activity missing on $k"
	kq $k "SELECT group_concat(label, ',') FROM (SELECT label FROM poll_options ORDER BY sort)" |
		grep -qx '同意,不同意' || fail "poll options on $k"
	[ "$(kq $k "SELECT count(*) FROM contacts") $(kq $k "SELECT count(*) FROM roster") $(kq $k "SELECT count(*) FROM quick_phrases")" = "1 1 1" ] ||
		fail "line files missing on $k"
	kq $k "SELECT a.kind || ':' || p.person_name || ':' || p.consent FROM photos p JOIN albums a
	       ON a.id = p.album_id WHERE p.deleted = 0" | grep -qx 'portraits:王阿姨:1' ||
		fail "the photo did not reach $k"
done
y --db "$T/a.db" list notices | grep -q '楼组公约' || fail "list on a"
[ "$(kq c "SELECT count(*) FROM notices") $(kq c "SELECT count(*) FROM photos")" = "0 0" ] ||
	fail "kiosk c (another building) got the folder"
# the source key stays on the hub: nothing a kiosk pulls carries it
[ "$(q "SELECT count(*) FROM yanxia_hub.notices WHERE source_key = 'notices/停水.txt'")" = 1 ] ||
	fail "the hub lacks the source key"
[ "$(q "SELECT count(*) FROM yanxia_hub.change_log WHERE payload ? 'source_key'")" = 0 ] ||
	fail "a change carries the source key"
[ "$(kq a "SELECT count(*) FROM notices WHERE source_key IS NOT NULL")" = 0 ] ||
	fail "a pulled row got a source key"

# --- the same folder again: nothing new in the change log, nothing pulled -----------
imp --building kangle-12 >"$T/out" || fail "second import"
grep -q '0 new or changed, 10 unchanged' "$T/out" || fail "second import: $(cat "$T/out")"
grep -q 'uploaded' "$T/out" && fail "the photo was uploaded again"
[ "$(log_n)" = "$first" ] || fail "re-import changed the log: $first -> $(log_n)"
sync_k a | grep -q 'pulled 0 ' || fail "a re-import was pulled"

# a kiosk's own import with the same file name lives beside the pulled row
mkdir -p "$T/本机/notices"
cp "$D/notices/停水.txt" "$T/本机/notices/"
y --db "$T/b.db" import "$T/本机" >/dev/null || fail "local import on b"

# --- an edited file updates its row in place ------------------------------------------
id=$(q "SELECT hub_id FROM yanxia_hub.notices WHERE source_key = 'notices/停水.txt'")
sed -i 's/八点至十二点/八点至下午两点/' "$D/notices/停水.txt"
imp --building kangle-12 >"$T/out" || fail "import after an edit"
grep -q '1 new or changed, 9 unchanged' "$T/out" || fail "edit import: $(cat "$T/out")"
[ "$(q "SELECT hub_id FROM yanxia_hub.notices WHERE source_key = 'notices/停水.txt'")" = "$id" ] ||
	fail "the edit made a new hub row"
[ "$(q "SELECT count(*) FROM yanxia_hub.notices")" = 2 ] || fail "duplicate notice on the hub"
sync_k a | grep -q 'pulled 1 ' || fail "the edit was not pulled as one change"
[ "$(kq a "SELECT count(*) FROM notices WHERE deleted = 0")" = 2 ] || fail "duplicate on a"
kq a "SELECT body FROM notices WHERE hub_id = $id" | grep -q '下午两点' || fail "a lacks the edit"
sync_k b >/dev/null || fail "sync b after its local import"
[ "$(kq b "SELECT count(*) FROM notices WHERE deleted = 0")" = 3 ] || fail "b: hub and local rows"
# a notice without 发布 keeps its first publish time
[ "$(q "SELECT count(DISTINCT publish_at) FROM yanxia_hub.notices")" = 2 ] ||
	fail "publish times"

# --- a mistake anywhere: file:line, exit != 0, nothing published ------------------------
edited=$(log_n)
sed -i 's/楼道不堆放杂物/楼道严禁堆放杂物/' "$D/notices/公约.txt"
printf '标题: 电梯检修\n分类: 物业\n发布: 12月2日\n\n周三上午检修。\n' >"$D/notices/检修.txt"
imp --building kangle-12 >/dev/null 2>"$T/err" && fail "a broken folder was published"
grep -q 'notices/检修.txt:3:' "$T/err" || fail "no file:line in: $(cat "$T/err")"
[ "$(log_n)" = "$edited" ] || fail "a broken folder changed the hub"
rm "$D/notices/检修.txt"
# a row the hub refuses after others were sent: the whole transaction goes back
printf '问题: 旧的征询\n选项: 同意\n选项: 不同意\n截止: 2020-01-01\n' >"$D/polls/旧.txt"
imp --building kangle-12 >/dev/null 2>"$T/err" && fail "the hub accepted a poll closed in 2020"
grep -q 'polls/旧.txt' "$T/err" || fail "the refused file is not named: $(cat "$T/err")"
[ "$(log_n)" = "$edited" ] || fail "a refused import left part of itself on the hub"
q "SELECT body FROM yanxia_hub.notices WHERE title = '楼组公约'" | grep -q '严禁' &&
	fail "the notice sent before the refusal stayed"
rm "$D/polls/旧.txt"

# a removed file stays on the hub, as it stays on a kiosk after a local import
rm "$D/phrases.txt"
imp --building kangle-12 --dry-run >"$T/out" || fail "dry run"
[ "$(log_n)" = "$edited" ] || fail "a dry run published"
imp --building kangle-12 >"$T/out" || fail "import after fixing"
grep -q '1 new or changed' "$T/out" || fail "fixed import: $(cat "$T/out")"
[ "$(q "SELECT count(*) FROM yanxia_hub.quick_phrases WHERE NOT deleted")" = 1 ] ||
	fail "a removed file removed its row"

# --- a wider scope: the area reaches kangle-14 too -------------------------------------
E="$T/居民区"
mkdir -p "$E/notices"
printf '标题: 周六义诊\n\n周六上午在居委会义诊。\n' >"$E/notices/义诊.txt"
y import "$E" --hub "$HUB" --scope kangle >/dev/null || fail "import --scope"
sync_k c >/dev/null
[ "$(kq c "SELECT group_concat(title) FROM notices WHERE deleted = 0")" = '周六义诊' ] ||
	fail "the area's notice did not reach c"
y import "$E" --hub "$HUB" >/dev/null 2>&1 && fail "--hub without --building was accepted"
y import "$E" --building kangle >/dev/null 2>&1 && fail "--building without --hub was accepted"
echo "ok"
