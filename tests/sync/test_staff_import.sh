#!/bin/sh
# `import DIR --hub --building B --as LOGIN` (issue 13): a 楼组长 publishes a content
# folder to their building through the staff library, in one batch: notices, a tip, an
# activity, a poll, an album with its album.txt settings and photos, an empty 笑脸墙
# album, contacts, the roster and quick phrases reach the hub, each with an audit line
# under the lead's login, and the building's kiosk gets them by sync. A
# refusal of the hub part-way (a roster room the building's rule refuses, checked after
# everything else was sent) publishes nothing and audits nothing; so does a building
# outside the scope; a notice's 作者 and 发布, an activity's 结束 and 每户最多 and a
# contact's 二维码内容 land on the hub and the kiosk (sql/hub/037); --dry-run publishes
# nothing. Each item carries its file's key (sql/hub/040): the same folder again is
# 没有变化 (the hub knows its fingerprint from the audit log) and sends nothing, --again
# too; an edited folder updates the edited notice, contact and album in place (the same
# rows, new revisions, audited before and after; one kiosk row, the new text, after a
# sync), publishes the added notice and leaves the one whose file went; a third run
# writes nothing; the owner's import finds the same items; a withdrawn item comes back
# with --again; a photo's edited caption line updates the photo on the hub and the
# kiosk; an activity turned into a team and a voted poll's options are refused, nothing
# written. A batch cut mid-way publishes nothing, and after a lost reply to its COMMIT a
# second run is safe. A hub without 040 refuses a changed folder (--again publishes it
# anew); upgraded, it refuses one more time while the last folder went up without keys.
# An album made by hand is used by the import as it is and takes the folder's key
# (sql/hub/041): the next import's edit of its album.txt updates it in place.
. "$YANXIA_SOURCE_DIR/tests/sync/lib.sh"

q "SELECT yanxia_hub.hub_add_scope('kangle', 'area', NULL, '康乐居民区'),
          yanxia_hub.hub_add_scope('fuxing', 'area', NULL, '复兴居民区'),
          yanxia_hub.hub_add_scope('kangle-12', 'building', 'kangle', '康乐小区12号楼'),
          yanxia_hub.hub_add_scope('fuxing-3', 'building', 'fuxing', '复兴小区3号楼'),
          yanxia_hub.hub_set_room_rule('kangle-12', 1, 18, 1, 4)" >/dev/null
kiosk a kangle-12
PW=kangle-lead-26
echo "$PW" | y staff add zhangli --role lead --building kangle-12 --hub "$HUB" >/dev/null ||
	fail "staff add zhangli"
as_lead() {
	rc=0
	echo "$PW" | y "$@" --hub "$HUB" --as zhangli >"$T/out" 2>"$T/err" || rc=$?
}
audit() { q "SELECT count(*) FROM yanxia_hub.staff_audit"; }
# live rows of every content kind on the hub, as one line
content() {
	q "SELECT (SELECT count(*) FROM yanxia_hub.notices WHERE NOT deleted) || ' ' ||
	          (SELECT count(*) FROM yanxia_hub.health_tips WHERE NOT deleted) || ' ' ||
	          (SELECT count(*) FROM yanxia_hub.activities WHERE NOT deleted) || ' ' ||
	          (SELECT count(*) FROM yanxia_hub.polls WHERE NOT deleted) || ' ' ||
	          (SELECT count(*) FROM yanxia_hub.photos WHERE NOT deleted) || ' ' ||
	          (SELECT count(*) FROM yanxia_hub.contacts WHERE NOT deleted) || ' ' ||
	          (SELECT count(*) FROM yanxia_hub.roster WHERE NOT deleted)"
}

D="$T/12号楼内容"
mkdir -p "$D/notices" "$D/health" "$D/activities" "$D/polls" "$D/albums/楼道美化日" "$D/albums/笑脸墙"
printf '[kiosk]\nfloors = 1-33\nunits = 1-6\n' >"$D/manifest.ini"
printf '标题: 12月2日上午停水通知\n分类: 通知\n置顶: 是\n截止: 2026-12-03\n\n各位居民：12月2日上午全楼停水。\n' \
	>"$D/notices/01-停水.txt"
printf '标题: 楼组公约\n分类: 公约\n作者: 康乐物业\n发布: 2026-11-20 08:00\n\n爱护公物，邻里和睦。\n' \
	>"$D/notices/02-公约.txt"
printf '月份: 2026-11\n标题: 冬季保暖\n作者: 李医生\n\n早晚加衣。\n' >"$D/health/2026-11-保暖.txt"
printf '标题: 重阳节包饺子\n地点: 活动室\n开始: 2026-11-29 09:00\n结束: 2026-11-29 11:30\n名额: 20\n每户最多: 3\n\n一起包饺子。\n' \
	>"$D/activities/包饺子.txt"
printf '问题: 是否同意加装电梯\n选项: 同意\n选项: 不同意\n截止: 2026-12-20 18:00\n\n请每户表决。\n' \
	>"$D/polls/加装电梯.txt"
noise_png "$D/albums/楼道美化日/a.png" 40 30
noise_png "$D/albums/楼道美化日/b.png" 30 40
printf 'a.png | 一楼的花 | 王阿姨 | 3 | 是\n' >"$D/albums/楼道美化日/captions.txt"
printf '日期: 2026-11-20\n排序: 2\n\n居民们一起布置楼道。\n' >"$D/albums/楼道美化日/album.txt"
printf '类型: 笑脸墙\n排序: -1\n' >"$D/albums/笑脸墙/album.txt"
printf '意见建议 | 楼道灯坏了\n微心愿 | 想要一个图书角\n' >"$D/phrases.txt"
printf '居委会 | 康乐居委会 | 021-54321000 | 工作日 8:30-17:00 | https://example.invalid/j/12\n' >"$D/contacts.txt"
# 2503: a room the folder's rule (33 floors) allows and the hub's (18) does not
printf '2026-11-24 | 上午 8:00-12:00 | 一楼大厅 | 王建国 | 1203\n2026-11-25 | 上午 | 一楼大厅 | 赵秀英 | 2503\n' \
	>"$D/roster.txt"
empty=$(content)
[ "$empty" = "0 0 0 0 0 0 0" ] || fail "the hub is not empty: $empty"

# --- the hub refuses the last line: nothing of the folder is published, nothing audited
a0=$(audit)
as_lead import "$D" --building kangle-12
[ $rc = 1 ] || fail "a refused roster line exited $rc: $(cat "$T/out")"
grep -q 'roster.txt' "$T/err" && grep -q 'the hub refused it: .*(nothing was published)' "$T/err" ||
	fail "a refused roster line said: $(cat "$T/err")"
[ "$(content)" = "$empty" ] || fail "a half-failed import left rows: $(content)"
[ "$(audit)" = "$a0" ] || fail "a half-failed import left $(($(audit) - a0)) audit lines"
[ "$(q "SELECT count(*) FROM yanxia_hub.albums")" = 0 ] || fail "a half-failed import left an album"
[ "$(q "SELECT count(*) FROM yanxia_hub.quick_phrases")" = 0 ] || fail "a half-failed import left a phrase"
# the photo files went up ahead of the batch (it holds the publishing lock only for its
# statements): they stay on the hub, unshown, and are not sent again below
[ "$(q "SELECT count(*) FROM yanxia_hub.photo_blobs")" = 2 ] ||
	fail "the files were not uploaded ahead: $(q "SELECT count(*) FROM yanxia_hub.photo_blobs")"
chunks=$(q "SELECT string_agg(sha256 || idx || ':' || xmin, ',' ORDER BY sha256, idx) FROM yanxia_hub.photo_chunks")

# --- outside the scope: refused, nothing published -----------------------------------
sed -i 's/| 2503$/| 1503/' "$D/roster.txt"
as_lead import "$D" --building fuxing-3
[ $rc = 1 ] && grep -q '不能发布到楼栋 fuxing-3' "$T/err" || fail "fuxing-3: exit $rc, $(cat "$T/err")"
[ "$(content)" = "$empty" ] && [ "$(audit)" = "$a0" ] || fail "fuxing-3 published something"

# --- a dry run publishes nothing --------------------------------------------------------
as_lead import "$D" --building kangle-12 --dry-run
[ $rc = 0 ] && grep -q '^checked (nothing published)' "$T/out" || fail "dry run: $rc, $(cat "$T/err")"
[ "$(content)" = "$empty" ] && [ "$(audit)" = "$a0" ] || fail "a dry run published something"

# --- the folder published: every kind, every item audited under zhangli ---------------
as_lead import "$D" --building kangle-12
[ $rc = 0 ] || fail "the import exited $rc: $(cat "$T/err")"
grep -q '2 notices, 1 tips, 1 activities, 1 polls, 2 albums, 2 photos, 1 contacts, 2 roster entries, 2 phrases' \
	"$T/out" && ! grep -q 'already' "$T/out" || fail "the import said: $(cat "$T/out")"
[ "$(content)" = "2 1 1 1 2 1 2" ] || fail "on the hub: $(content)"
[ "$(q "SELECT count(*) FROM yanxia_hub.staff_audit WHERE id > 0 AND login <> 'zhangli'
	AND id > (SELECT max(id) FROM yanxia_hub.staff_audit WHERE action = 'staff.add')")" = 0 ] ||
	fail "an audit line of the import is not zhangli's"
q "SELECT action FROM yanxia_hub.staff_audit WHERE login = 'zhangli' ORDER BY id" >"$T/actions"
for act in notice.publish health_tip.publish activity.create poll.create album.add photo.add \
	roster.add contact.add phrase.add folder.import; do
	grep -q "^$act\$" "$T/actions" || fail "no $act audited: $(tr '\n' ' ' <"$T/actions")"
done
[ "$(grep -c '^notice.publish$' "$T/actions")" = 2 ] && [ "$(grep -c '^photo.add$' "$T/actions")" = 2 ] &&
	[ "$(grep -c '^album.add$' "$T/actions")" = 2 ] && [ "$(grep -c '^phrase.add$' "$T/actions")" = 2 ] ||
	fail "audited: $(tr '\n' ' ' <"$T/actions")"
[ "$(q "SELECT string_agg(sha256 || idx || ':' || xmin, ',' ORDER BY sha256, idx)
	FROM yanxia_hub.photo_chunks")" = "$chunks" ] || fail "the import sent the files again"
[ "$(q "SELECT caption || '|' || person_name || '|' || floor || '|' || consent
	FROM yanxia_hub.photos WHERE caption <> ''")" = "一楼的花|王阿姨|3|1" ] ||
	fail "the photo's caption: $(q "SELECT row_to_json(p) FROM yanxia_hub.photos p")"
[ "$(q "SELECT pinned FROM yanxia_hub.notices WHERE title = '12月2日上午停水通知'")" = 1 ] ||
	fail "the notice lost 置顶"
# album.txt's settings came with the album; its photos are in it, the 笑脸墙 has none
albums() {
	q "SELECT string_agg(a.name || '|' || a.kind || '|' || a.description || '|' ||
	          coalesce(a.event_at, 0) || '|' || a.sort || '|' ||
	          (SELECT count(*) FROM yanxia_hub.photos p WHERE p.album_hub_id = a.hub_id
	            AND NOT p.deleted), ',' ORDER BY a.name)
	     FROM yanxia_hub.albums a WHERE NOT a.deleted"
}
ev_at=1795104000 # 2026-11-20 00:00 in China (UTC+8), as yanxiactl reads 日期
[ "$(albums)" = "楼道美化日|event|居民们一起布置楼道。|$ev_at|2|2,笑脸墙|portraits||0|-1|0" ] ||
	fail "the albums on the hub: $(albums)"
[ "$(q "SELECT string_agg(form || ':' || text, ',' ORDER BY sort) FROM yanxia_hub.quick_phrases
	WHERE NOT deleted")" = "suggestion:楼道灯坏了,wish:想要一个图书角" ] ||
	fail "the phrases on the hub: $(q "SELECT string_agg(form || ':' || text, ',') FROM yanxia_hub.quick_phrases")"
# the building's kiosk shows them after a sync
sync_k a >/dev/null || fail "sync a"
[ "$(kq a "SELECT count(*) FROM notices WHERE deleted = 0")" = 2 ] &&
	[ "$(kq a "SELECT count(*) FROM roster")" = 2 ] &&
	[ "$(kq a "SELECT count(*) FROM quick_phrases WHERE deleted = 0")" = 2 ] &&
	[ "$(kq a "SELECT sort FROM albums WHERE name = '笑脸墙' AND kind = 'portraits'")" = -1 ] ||
	fail "kiosk a did not get the folder"
# a notice's 作者 and 发布 (sql/hub/037): on the hub and on the kiosk as the file says
pact="康乐物业|$(date -d '2026-11-20 08:00 +0800' +%s)"
[ "$(q "SELECT author || '|' || publish_at FROM yanxia_hub.notices WHERE title = '楼组公约'")" = "$pact" ] &&
	[ "$(kq a "SELECT author || '|' || publish_at FROM notices WHERE title = '楼组公约'")" = "$pact" ] ||
	fail "楼组公约's 作者 and 发布: hub $(q "SELECT author || '|' || publish_at FROM yanxia_hub.notices
	WHERE title = '楼组公约'"), kiosk $(kq a "SELECT author || '|' || publish_at FROM notices
	WHERE title = '楼组公约'"), wanted $pact"
[ "$(q "SELECT author FROM yanxia_hub.notices WHERE title = '12月2日上午停水通知'")" = 楼组长 ] ||
	fail "a notice without 作者 is not signed 楼组长"
[ "$(q "SELECT qr_text FROM yanxia_hub.contacts WHERE name = '康乐居委会' AND NOT deleted")" = https://example.invalid/j/12 ] &&
	[ "$(kq a "SELECT qr_text FROM contacts WHERE name = '康乐居委会' AND deleted = 0")" = https://example.invalid/j/12 ] ||
	fail "康乐居委会's 二维码内容 on the hub or the kiosk"
# an activity's 结束 and 每户最多 likewise
dump="$(date -d '2026-11-29 11:30 +0800' +%s)|3"
[ "$(q "SELECT ends_at || '|' || max_party FROM yanxia_hub.activities WHERE title = '重阳节包饺子'")" = "$dump" ] &&
	[ "$(kq a "SELECT ends_at || '|' || max_party FROM activities WHERE title = '重阳节包饺子'")" = "$dump" ] ||
	fail "包饺子's 结束 and 每户最多: hub $(q "SELECT ends_at || '|' || max_party FROM yanxia_hub.activities
	WHERE title = '重阳节包饺子'"), kiosk $(kq a "SELECT ends_at || '|' || max_party FROM activities
	WHERE title = '重阳节包饺子'"), wanted $dump"

# each item carries its source key, the owner's import's (sql/hub/040): its path in the
# folder, a line's own key after a file of lines
[ "$(q "SELECT string_agg(source_key, ',' ORDER BY source_key) FROM yanxia_hub.notices")" = \
	"notices/01-停水.txt,notices/02-公约.txt" ] &&
	[ "$(q "SELECT source_key FROM yanxia_hub.contacts")" = "contacts.txt:committee:康乐居委会" ] &&
	[ "$(q "SELECT string_agg(source_key, ',' ORDER BY source_key) FROM yanxia_hub.photos")" = \
		"albums/楼道美化日/a.png,albums/楼道美化日/b.png" ] &&
	[ "$(q "SELECT string_agg(source_key, ',' ORDER BY source_key) FROM yanxia_hub.albums")" = \
		"albums/楼道美化日,albums/笑脸墙" ] ||
	fail "the source keys: $(q "SELECT string_agg(source_key, ',') FROM yanxia_hub.notices"), \
$(q "SELECT string_agg(source_key, ',') FROM yanxia_hub.contacts")"

# --- the same folder again: nothing changed, nothing sent, exit 0 ---------------------
a2=$(audit)
seq2=$(q "SELECT max(seq) FROM yanxia_hub.change_log")
as_lead import "$D" --building kangle-12
[ $rc = 0 ] && grep -q '^没有变化 (nothing changed): zhangli imported this folder (every file the same) to kangle-12 at 20[0-9-]* [0-9:]*; nothing was published' "$T/out" ||
	fail "the same folder again: exit $rc, $(cat "$T/out") $(cat "$T/err")"
[ "$(content)" = "2 1 1 1 2 1 2" ] && [ "$(audit)" = "$a2" ] &&
	[ "$(q "SELECT max(seq) FROM yanxia_hub.change_log")" = "$seq2" ] ||
	fail "the same folder again wrote something: $(content), $(($(audit) - a2)) audit lines"
# --again looks at every item: each is the hub's already, so nothing is written either
as_lead import "$D" --building kangle-12 --again
[ $rc = 0 ] && grep -q '^没有变化 (nothing changed): every item of .* is on the hub (kangle-12) as the folder says' "$T/out" ||
	fail "--again on the same folder: exit $rc, $(cat "$T/out") $(cat "$T/err")"
[ "$(content)" = "2 1 1 1 2 1 2" ] && [ "$(audit)" = "$a2" ] &&
	[ "$(q "SELECT max(seq) FROM yanxia_hub.change_log")" = "$seq2" ] ||
	fail "--again on the same folder wrote something: $(content), $(($(audit) - a2)) audit lines"

# --- an edited folder: one notice's text changed, one notice gone, one added, a
# contact's phone changed: the changed ones updated in place (the same hub rows, a new
# revision, audited before and after), the new one published, the gone one stays
# published (as the owner's import leaves it), the rest untouched
stop=$(q "SELECT hub_id || ' ' || rev FROM yanxia_hub.notices WHERE source_key = 'notices/01-停水.txt'")
stop_id=${stop% *}
stop_rev=${stop#* }
contact_id=$(q "SELECT hub_id FROM yanxia_hub.contacts WHERE NOT deleted")
others=$(q "SELECT string_agg(hub_id || ':' || rev, ',' ORDER BY hub_id) FROM (
	SELECT hub_id, rev FROM yanxia_hub.health_tips UNION ALL SELECT hub_id, rev FROM yanxia_hub.activities
	UNION ALL SELECT hub_id, rev FROM yanxia_hub.polls UNION ALL SELECT hub_id, rev FROM yanxia_hub.photos
	UNION ALL SELECT hub_id, rev FROM yanxia_hub.albums UNION ALL SELECT hub_id, rev FROM yanxia_hub.roster
	UNION ALL SELECT hub_id, rev FROM yanxia_hub.quick_phrases) x")
sed -i 's/12月2日上午全楼停水。/12月2日上午8点到11点全楼停水，请提前储水。/' "$D/notices/01-停水.txt"
rm "$D/notices/02-公约.txt"
printf '标题: 电梯年检\n\n12月5日电梯年检，停用半天。\n' >"$D/notices/03-电梯.txt"
sed -i 's/021-54321000/021-54321999/' "$D/contacts.txt"
sed -i 's/^排序: 2$/排序: 5/' "$D/albums/楼道美化日/album.txt"
album_id=$(q "SELECT hub_id FROM yanxia_hub.albums WHERE name = '楼道美化日'")
others=$(echo "$others" | sed "s/\(^\|,\)$album_id:[0-9]*//")
a3=$(audit)
as_lead import "$D" --building kangle-12
[ $rc = 0 ] || fail "the edited folder: exit $rc, $(cat "$T/err")"
grep -q 'as zhangli: 1 new, 3 changed, 10 unchanged; 2 notices, ' "$T/out" ||
	fail "the edited folder said: $(cat "$T/out")"
[ "$(content)" = "3 1 1 1 2 1 2" ] || fail "after the edited folder: $(content)"
[ "$(q "SELECT count(*) FROM yanxia_hub.notices WHERE title = '12月2日上午停水通知'")" = 1 ] &&
	[ "$(q "SELECT body FROM yanxia_hub.notices WHERE hub_id = $stop_id AND NOT deleted")" = \
		'各位居民：12月2日上午8点到11点全楼停水，请提前储水。' ] ||
	fail "the edited notice is not updated in place: $(q "SELECT hub_id || ' ' || body FROM yanxia_hub.notices")"
new_rev=$(q "SELECT rev FROM yanxia_hub.notices WHERE hub_id = $stop_id")
[ "$new_rev" -gt "$stop_rev" ] || fail "the edited notice kept its revision $stop_rev"
# an edit read before the import (the console's open form) is refused as overtaken
err=$(q "SELECT yanxia_hub.staff_edit_check_rev('notice', $stop_id, $stop_rev)" 2>&1) &&
	fail "an edit read at revision $stop_rev went through"
echo "$err" | grep -q '这条内容刚被别人改过' || fail "the overtaken edit said: $err"
[ "$(q "SELECT phone FROM yanxia_hub.contacts WHERE hub_id = $contact_id AND NOT deleted")" = 021-54321999 ] &&
	[ "$(q "SELECT count(*) FROM yanxia_hub.contacts")" = 1 ] ||
	fail "the contact's phone: $(q "SELECT hub_id || ' ' || phone FROM yanxia_hub.contacts")"
[ "$(q "SELECT count(*) FROM yanxia_hub.notices WHERE source_key = 'notices/02-公约.txt' AND NOT deleted")" = 1 ] ||
	fail "the notice whose file went is not left published"
[ "$(q "SELECT source_key || ' ' || author FROM yanxia_hub.notices WHERE title = '电梯年检'")" = \
	"notices/03-电梯.txt 楼组长" ] || fail "the added notice: $(q "SELECT row_to_json(n) FROM yanxia_hub.notices n WHERE title = '电梯年检'")"
[ "$(q "SELECT string_agg(hub_id || ':' || rev, ',' ORDER BY hub_id) FROM (
	SELECT hub_id, rev FROM yanxia_hub.health_tips UNION ALL SELECT hub_id, rev FROM yanxia_hub.activities
	UNION ALL SELECT hub_id, rev FROM yanxia_hub.polls UNION ALL SELECT hub_id, rev FROM yanxia_hub.photos
	UNION ALL SELECT hub_id, rev FROM yanxia_hub.albums UNION ALL SELECT hub_id, rev FROM yanxia_hub.roster
	UNION ALL SELECT hub_id, rev FROM yanxia_hub.quick_phrases) x WHERE hub_id <> $album_id")" = "$others" ] ||
	fail "the import rewrote items that did not change"
# album.txt's 排序 changed: the album updated in place, its photos still in it
[ "$(albums)" = "楼道美化日|event|居民们一起布置楼道。|$ev_at|5|2,笑脸墙|portraits||0|-1|0" ] &&
	[ "$(q "SELECT hub_id FROM yanxia_hub.albums WHERE name = '楼道美化日'")" = "$album_id" ] ||
	fail "the album after its album.txt changed: $(albums)"
# audited: the two updates with the fields before and after, the new notice, the folder
q "SELECT action || '|' || target || '|' || before || '|' || after FROM yanxia_hub.staff_audit
	ORDER BY id DESC LIMIT 5" >"$T/lines"
[ "$(($(audit) - a3))" = 5 ] || fail "the edited folder wrote $(($(audit) - a3)) audit lines: $(cat "$T/lines")"
grep -q "^notice.update|notice $stop_id building kangle-12 file notices/01-停水.txt|{\"body\": \"各位居民：12月2日上午全楼停水。\"}|{\"body\": \"各位居民：12月2日上午8点到11点全楼停水，请提前储水。\"}\$" "$T/lines" &&
	grep -q "^contact.update|contact $contact_id building kangle-12 file contacts.txt:committee:康乐居委会|{\"phone\": \"021-54321000\"}|{\"phone\": \"021-54321999\"}\$" "$T/lines" &&
	grep -q "^album.update|album $album_id building kangle-12 file albums/楼道美化日|{\"sort\": 2}|{\"sort\": 5}\$" "$T/lines" &&
	grep -q '^notice.publish|' "$T/lines" && grep -q '^folder.import|' "$T/lines" ||
	fail "the edited folder's audit lines: $(cat "$T/lines")"
# the kiosk replaces the row it has: no duplicate, the new text; the left notice stays
sync_k a >/dev/null || fail "sync a after the edit"
[ "$(kq a "SELECT count(*) FROM notices WHERE deleted = 0 AND title = '12月2日上午停水通知'")" = 1 ] &&
	[ "$(kq a "SELECT body FROM notices WHERE deleted = 0 AND title = '12月2日上午停水通知'")" = \
		'各位居民：12月2日上午8点到11点全楼停水，请提前储水。' ] &&
	[ "$(kq a "SELECT count(*) FROM notices WHERE deleted = 0")" = 3 ] &&
	[ "$(kq a "SELECT group_concat(phone) FROM contacts WHERE deleted = 0")" = 021-54321999 ] ||
	fail "kiosk a after the edit: $(kq a "SELECT group_concat(title || ':' || body, ' / ') FROM notices WHERE deleted = 0")"

# --- the edited folder a third time: nothing written, nothing audited -------------------
a4=$(audit)
seq4=$(q "SELECT max(seq) FROM yanxia_hub.change_log")
as_lead import "$D" --building kangle-12
[ $rc = 0 ] && grep -q '^没有变化' "$T/out" || fail "the third import: exit $rc, $(cat "$T/out") $(cat "$T/err")"
[ "$(content)" = "3 1 1 1 2 1 2" ] && [ "$(audit)" = "$a4" ] &&
	[ "$(q "SELECT max(seq) FROM yanxia_hub.change_log")" = "$seq4" ] ||
	fail "the third import wrote something: $(content), $(($(audit) - a4)) audit lines"
# the owner's import of the same folder finds the member's items by the same keys
y import "$D" --hub "$HUB" --building kangle-12 >"$T/out" 2>"$T/err" || fail "the owner's import: $(cat "$T/err")"
[ "$(content)" = "3 1 1 1 2 1 2" ] || fail "the owner's import doubled items: $(content), $(cat "$T/out")"

# --- what an edit may not change: the batch refused whole, nothing written -----------
a5=$(audit)
seq5=$(q "SELECT max(seq) FROM yanxia_hub.change_log")
cp "$D/polls/加装电梯.txt" "$T/poll.txt"
poll_id=$(q "SELECT hub_id FROM yanxia_hub.polls")
q "INSERT INTO yanxia_hub.submissions (uuid, kiosk_id, kiosk_seq, kind, payload)
	SELECT gen_random_uuid(), id, 9999, 'vote', jsonb_build_object('poll_hub_id', $poll_id,
	       'room', '1203', 'option_id', 1) FROM yanxia_hub.kiosks WHERE name = 'a'" >/dev/null
sed -i 's/^选项: 不同意$/选项: 反对/' "$D/polls/加装电梯.txt"
sed -i '1i 类型: 团队' "$D/activities/包饺子.txt"
as_lead import "$D" --building kangle-12
[ $rc = 1 ] && grep -q 'activities/包饺子.txt.*活动和长期团队不能互改.*(nothing was published)' "$T/err" ||
	fail "an activity turned into a team: exit $rc, $(cat "$T/err")"
sed -i '1d' "$D/activities/包饺子.txt"
as_lead import "$D" --building kangle-12
[ $rc = 1 ] && grep -q 'polls/加装电梯.txt.*这个征询已经有人投票' "$T/err" ||
	fail "a voted poll's options: exit $rc, $(cat "$T/err")"
[ "$(audit)" = "$a5" ] && [ "$(q "SELECT max(seq) FROM yanxia_hub.change_log")" = "$seq5" ] ||
	fail "a refused edit wrote something"
cp "$T/poll.txt" "$D/polls/加装电梯.txt"

# --- a notice withdrawn since: --again brings it back (as the owner's import does), once
stop_now=$(q "SELECT hub_id FROM yanxia_hub.notices WHERE source_key = 'notices/01-停水.txt' AND NOT deleted")
as_lead rm notice "$stop_now"
[ $rc = 0 ] && [ "$(content)" = "2 1 1 1 2 1 2" ] || fail "rm notice: exit $rc, $(cat "$T/err")"
as_lead import "$D" --building kangle-12 --again
[ $rc = 0 ] && grep -q ': 1 new, 0 changed, 13 unchanged;' "$T/out" && [ "$(content)" = "3 1 1 1 2 1 2" ] ||
	fail "--again after a withdrawal: exit $rc, $(content), $(cat "$T/out") $(cat "$T/err")"
[ "$(q "SELECT count(*) FROM yanxia_hub.notices WHERE source_key = 'notices/01-停水.txt'")" = 1 ] ||
	fail "the withdrawn notice's key is held twice"
rc=0
y import "$D" --hub "$HUB" --building kangle-12 --again >/dev/null 2>&1 || rc=$?
[ $rc = 2 ] || fail "--again without --as exited $rc"

# --- a photo's caption line edited: the same photo, its new caption, on the kiosk too
photo_id=$(q "SELECT hub_id FROM yanxia_hub.photos WHERE source_key = 'albums/楼道美化日/a.png'")
sed -i 's/一楼的花/一楼的月季花/' "$D/albums/楼道美化日/captions.txt"
as_lead import "$D" --building kangle-12
[ $rc = 0 ] && grep -q ': 0 new, 1 changed, 13 unchanged;' "$T/out" ||
	fail "a caption edited: exit $rc, $(cat "$T/out") $(cat "$T/err")"
[ "$(q "SELECT caption FROM yanxia_hub.photos WHERE hub_id = $photo_id AND NOT deleted")" = 一楼的月季花 ] &&
	[ "$(q "SELECT count(*) FROM yanxia_hub.photos WHERE NOT deleted")" = 2 ] ||
	fail "the photo after its caption: $(q "SELECT string_agg(hub_id || ':' || caption, ',') FROM yanxia_hub.photos")"
[ "$(q "SELECT action FROM yanxia_hub.staff_audit ORDER BY id DESC LIMIT 1 OFFSET 1")" = photo.update ] ||
	fail "the caption's audit line: $(q "SELECT action FROM yanxia_hub.staff_audit ORDER BY id DESC LIMIT 2")"
sync_k a >/dev/null || fail "sync a after the caption"
[ "$(kq a "SELECT group_concat(caption, ',') FROM photos WHERE deleted = 0 AND caption <> ''")" = 一楼的月季花 ] &&
	[ "$(kq a "SELECT count(*) FROM photos WHERE deleted = 0")" = 2 ] ||
	fail "kiosk a's photos after the caption: $(kq a "SELECT group_concat(caption, ',') FROM photos")"

# --- the connection lost in the middle of the batch: nothing published, nothing
# audited; the reply to its COMMIT lost: the outcome unknown, and a second run is safe
proxy_start
via_proxy="host=127.0.0.1 port=$(cat "$T/proxy.port") dbname=postgres sslmode=disable"
D2="$T/值守"
mkdir -p "$D2/notices"
printf '标题: 下周值守安排\n\n请各位按时到岗。\n' >"$D2/notices/值守.txt"
printf '2026-12-01 | 上午 | 一楼大厅 | 王建国 | 1203\n' >"$D2/roster.txt"
before=$(content)
a3=$(audit)
echo "mark staff_publish_roster" >"$PLAN"
rc=0
echo "$PW" | y import "$D2" --hub "$via_proxy" --building kangle-12 --as zhangli \
	>"$T/out" 2>"$T/err" || rc=$?
[ $rc = 1 ] && grep -q 'nothing was published' "$T/err" || fail "a cut batch: exit $rc, $(cat "$T/err")"
grep -q 'cut=1' "$PROXY_LOG" || fail "the proxy did not cut: $(cat "$PROXY_LOG")"
[ "$(content)" = "$before" ] && [ "$(audit)" = "$a3" ] || fail "a cut batch left rows: $(content)"
echo "mark COMMIT" >"$PLAN"
rc=0
echo "$PW" | y import "$D2" --hub "$via_proxy" --building kangle-12 --as zhangli \
	>"$T/out" 2>"$T/err" || rc=$?
[ $rc = 1 ] && grep -q 'outcome is unknown' "$T/err" && ! grep -q 'nothing was published' "$T/err" ||
	fail "a lost COMMIT reply: exit $rc, $(cat "$T/err")"
[ "$(q "SELECT count(*) FROM yanxia_hub.notices WHERE title = '下周值守安排'")" = 1 ] ||
	fail "the hub did not commit the batch (the plan did not cut after COMMIT)"
as_lead import "$D2" --building kangle-12
[ $rc = 0 ] && grep -q '^没有变化 (nothing changed): zhangli imported this folder' "$T/out" ||
	fail "the second run: exit $rc, $(cat "$T/out") $(cat "$T/err")"
[ "$(q "SELECT count(*) FROM yanxia_hub.notices WHERE title = '下周值守安排'")" = 1 ] ||
	fail "the second run doubled the notice"

# --- a hub without sql/hub/040: the same folder still changes nothing; a changed one
# would publish every item again beside the ones there, so it is refused, saying the hub
# needs upgrading, unless --again
q "ALTER FUNCTION yanxia_hub.staff_import_item(text, text, text[]) RENAME TO staff_import_item_off"
as_lead import "$D" --building kangle-12
[ $rc = 0 ] && grep -q '^没有变化 (nothing changed): zhangli imported this folder' "$T/out" &&
	grep -q -- '--again publishes every item a second time' "$T/out" ||
	fail "the same folder on an older hub: exit $rc, $(cat "$T/out") $(cat "$T/err")"
printf '标题: 楼道清洁\n\n周六上午清洁楼道。\n' >"$D/notices/04-清洁.txt"
before=$(content)
a5=$(audit)
as_lead import "$D" --building kangle-12
[ $rc = 1 ] && grep -q '中心库需要升级（sql/hub/040）.*zhangli imported a folder to kangle-12 at 20[0-9-]* [0-9:]*, and this one is not the same' "$T/err" &&
	grep -q 'nothing was published (upgrade the hub, or give --again' "$T/err" ||
	fail "a changed folder on an older hub: exit $rc, $(cat "$T/err")"
[ "$(content)" = "$before" ] && [ "$(audit)" = "$a5" ] || fail "an older hub's refusal published something"
as_lead import "$D" --building kangle-12 --again
[ $rc = 0 ] && [ "$(q "SELECT count(*) FROM yanxia_hub.notices WHERE NOT deleted")" = $((${before%% *} + 3)) ] ||
	fail "--again on an older hub: exit $rc, $(content), $(cat "$T/err")"

# --- the hub upgraded: the items that folder published carry no keys, so a changed
# folder is refused once more (it would publish them again beside themselves) unless
# --again, which finds the items that have keys and publishes the others (the new
# notice, and the one the older hub published without a key: the price of --again
# there), and marks the folder as keyed: the next changed folder goes through on its own
q "ALTER FUNCTION yanxia_hub.staff_import_item_off(text, text, text[]) RENAME TO staff_import_item"
printf '标题: 消防检查\n\n下周二消防检查。\n' >"$D/notices/05-消防.txt"
before=$(content)
a6=$(audit)
as_lead import "$D" --building kangle-12
[ $rc = 1 ] && grep -q 'zhangli imported a folder to kangle-12 at 20[0-9-]* [0-9:]*, before the hub could find its items by their files (sql/hub/040)' "$T/err" ||
	fail "a changed folder after an unkeyed one: exit $rc, $(cat "$T/err")"
[ "$(content)" = "$before" ] && [ "$(audit)" = "$a6" ] || fail "the refusal after an unkeyed folder published something"
as_lead import "$D" --building kangle-12 --again
[ $rc = 0 ] && grep -q ': 2 new, 0 changed, 14 unchanged;' "$T/out" &&
	[ "$(q "SELECT count(*) FROM yanxia_hub.notices WHERE NOT deleted")" = $((${before%% *} + 2)) ] ||
	fail "--again after an unkeyed folder: exit $rc, $(content), $(cat "$T/out") $(cat "$T/err")"
[ "$(q "SELECT after FROM yanxia_hub.staff_audit ORDER BY id DESC LIMIT 1")" = "14 items, by key" ] ||
	fail "the folder's line: $(q "SELECT after FROM yanxia_hub.staff_audit ORDER BY id DESC LIMIT 1")"
sed -i 's/下周二消防检查。/下周二上午消防检查。/' "$D/notices/05-消防.txt"
as_lead import "$D" --building kangle-12
[ $rc = 0 ] && grep -q ': 0 new, 1 changed, 15 unchanged;' "$T/out" ||
	fail "the next changed folder: exit $rc, $(cat "$T/out") $(cat "$T/err")"

# --- an album the building has already without a key (made by hand): the import uses it
# as it is and gives it the folder's key (sql/hub/041), so that the next import's edit of
# its album.txt updates it in place
as_lead add album --name 重阳登高 --building kangle-12
hand=$(q "SELECT hub_id FROM yanxia_hub.albums WHERE name = '重阳登高' AND NOT deleted")
[ $rc = 0 ] && [ -n "$hand" ] || fail "add album --as: exit $rc, $(cat "$T/err")"
mkdir -p "$D/albums/重阳登高"
printf '排序: 7\n\n登高望远。\n' >"$D/albums/重阳登高/album.txt"
as_lead import "$D" --building kangle-12
[ $rc = 0 ] && grep -q '^albums/重阳登高/album.txt: the hub has these albums already' "$T/out" &&
	grep -q "gave them this folder's keys: the next import applies album.txt's changes" "$T/out" ||
	fail "a folder with an unkeyed album: exit $rc, $(cat "$T/out") $(cat "$T/err")"
# hand_album: key, sort and description of the hand-made album, and how many go by its name
hand_album() {
	q "SELECT source_key || '|' || sort || '|' || description || '|' || (SELECT count(*)
	   FROM yanxia_hub.albums WHERE name = '重阳登高' AND NOT deleted)
	   FROM yanxia_hub.albums WHERE hub_id = $hand AND NOT deleted"
}
[ "$(hand_album)" = "albums/重阳登高|0||1" ] || fail "the unkeyed album after the import: $(hand_album)"
sed -i 's/^排序: 7$/排序: 8/' "$D/albums/重阳登高/album.txt"
as_lead import "$D" --building kangle-12
[ $rc = 0 ] && grep -q ': 0 new, 1 changed, ' "$T/out" && ! grep -q 'has these albums already' "$T/out" ||
	fail "album.txt edited after the key: exit $rc, $(cat "$T/out") $(cat "$T/err")"
[ "$(hand_album)" = "albums/重阳登高|8|登高望远。|1" ] || fail "album.txt's edit did not apply: $(hand_album)"
[ "$(q "SELECT action || '|' || target FROM yanxia_hub.staff_audit WHERE action <> 'folder.import'
	ORDER BY id DESC LIMIT 1")" = "album.update|album $hand building kangle-12 file albums/重阳登高" ] ||
	fail "the album's update audit line: $(q "SELECT action || '|' || target FROM yanxia_hub.staff_audit ORDER BY id DESC LIMIT 2")"

echo "ok"
