#!/bin/sh
# sql/hub/040's staff_import_item attacked straight, as a 楼组长's own role through psql
# (as `import --as` calls it, but with whatever arguments a member could type): it runs
# only the nine publishing functions and only the forms the member may call (a form the
# hub's owner took from yanxia_staff stays closed; 042), a name with SQL in it is
# refused; another building's items, of another area or of the lead's own area, are
# neither reached nor changed by their keys, whatever the arguments say (nor probed by an
# edit's revision, nor read or changed by 038's and 039's functions: 042); an in-place
# change writes one audit line and one change, the same item nothing, a refusal nothing;
# a poll households voted on is not changed in place at all, neither its explanation nor
# its opening or closing time (042: 040 refused its question and options only, so a
# closed consultation could be reopened, or cut short, with its votes kept), and an open
# one keeps its question and options even without votes on the hub (a kiosk offline may
# hold some, naming their option by its place); and a folder whose notice has expired
# or whose poll has closed since can still be imported (042: the trial took now for the
# publish and opening time the folder did not give, and refused the expiry and the close
# as before it).
. "$YANXIA_SOURCE_DIR/tests/sync/lib.sh"

q "SELECT yanxia_hub.hub_add_scope('kangle', 'area', NULL, '康乐居民区'),
          yanxia_hub.hub_add_scope('fuxing', 'area', NULL, '复兴居民区'),
          yanxia_hub.hub_add_scope('kangle-12', 'building', 'kangle', '康乐小区12号楼'),
          yanxia_hub.hub_add_scope('kangle-14', 'building', 'kangle', '康乐小区14号楼'),
          yanxia_hub.hub_add_scope('fuxing-3', 'building', 'fuxing', '复兴小区3号楼')" >/dev/null
kiosk a kangle-12
PW=kangle-lead-26
echo "$PW" | y staff add zhangli --role lead --building kangle-12 --hub "$HUB" >/dev/null ||
	fail "staff add zhangli"
# as_sql SQL: runs SQL as zhangli's own role; its output (and its error) on stdout, the
# exit code in $rc
as_sql() {
	rc=0
	out=$(PGPASSWORD=$PW psql "$(echo "$HUB" | sed 's/ *user=postgres//') user=yanxia_staff_zhangli" \
		-XAtq -v ON_ERROR_STOP=1 -c "$1" 2>&1) || rc=$?
}
item() { as_sql "SELECT o_hub_id || ' ' || o_outcome FROM yanxia_hub.staff_import_item($1)"; }
# state: the audit lines, the change log's last seq and the live rows of every kind
state() {
	q "SELECT (SELECT count(*) FROM yanxia_hub.staff_audit) || ' ' ||
	          (SELECT coalesce(max(seq), 0) FROM yanxia_hub.change_log) || ' ' ||
	          (SELECT count(*) FROM yanxia_hub.notices WHERE NOT deleted) || ' ' ||
	          (SELECT count(*) FROM yanxia_hub.polls WHERE NOT deleted) || ' ' ||
	          (SELECT count(*) FROM yanxia_hub.roster WHERE NOT deleted)"
}

# --- only the nine publishing functions, and nothing typed into their name -----------
s0=$(state)
for fn in "hub_publish" "staff_withdraw_notice" "staff_publish_notice(''kangle-12'', ''x'', ''y'')--" \
	"staff_publish_notice\" ; SELECT 1; --" "yanxia_hub.staff_publish_notice"; do
	item "'notices/x.txt', '$fn', 'kangle-12', 't', 'b', '通知', '0', NULL"
	[ $rc != 0 ] && echo "$out" | grep -q '导入不能经过这个函数' || fail "staff_import_item ran $fn: $out"
done
# a form of a publishing function the hub's owner took from the staff: closed here too
q "REVOKE EXECUTE ON FUNCTION yanxia_hub.staff_publish_roster(text, bigint, text, text, text, text)
	FROM yanxia_staff" >/dev/null
as_sql "SELECT yanxia_hub.staff_publish_roster('kangle-12', 1795399200, '上午', '大堂', '王阿姨', '')"
[ $rc != 0 ] || fail "the lead called a function the owner revoked: $out"
item "'roster.txt:1', 'staff_publish_roster', 'kangle-12', '1795399200', '上午', '大堂', '王阿姨', ''"
[ $rc != 0 ] && echo "$out" | grep -q '中心库没有这种发布方式' ||
	fail "staff_import_item ran a form the member may not call: $out"
[ "$(state)" = "$s0" ] || fail "a refused call wrote something: $s0 -> $(state)"
q "GRANT EXECUTE ON FUNCTION yanxia_hub.staff_publish_roster(text, bigint, text, text, text, text)
	TO yanxia_staff" >/dev/null
item "'roster.txt:1', 'staff_publish_roster', 'kangle-12', '1795399200', '上午', '大堂', '王阿姨', ''"
[ $rc = 0 ] && echo "$out" | grep -q ' new$' || fail "the roster line once granted again: $out"

# --- other buildings' items, by the same key: never reached -------------------------
for b in fuxing-3 kangle-14; do
	q "SELECT yanxia_hub.hub_publish('notice', '$b', jsonb_build_object('title', '$b 的通知',
		'body', '$b 的正文'))" >/dev/null || fail "the owner's notice for $b"
	q "UPDATE yanxia_hub.notices SET source_key = 'notices/停水.txt' WHERE title = '$b 的通知'" >/dev/null
done
item "'notices/停水.txt', 'staff_publish_notice', 'fuxing-3', '改了', '改了', '通知', '0', NULL"
[ $rc != 0 ] && echo "$out" | grep -q '不能发布到楼栋 fuxing-3' || fail "another area's building: $out"
item "'notices/停水.txt', 'staff_publish_notice', 'kangle-14', '改了', '改了', '通知', '0', NULL"
[ $rc != 0 ] && echo "$out" | grep -q '不能发布到楼栋 kangle-14' || fail "another building of the area: $out"
a0=$(q "SELECT count(*) FROM yanxia_hub.staff_audit")
item "'notices/停水.txt', 'staff_publish_notice', 'kangle-12', '停水通知', '周二停水', '通知', '0', NULL"
[ $rc = 0 ] && echo "$out" | grep -q ' new$' || fail "the lead's own notice of that key: $out"
nid=${out%% *}
[ "$(q "SELECT string_agg(s.code || ':' || n.title || ':' || n.body, ',' ORDER BY s.code)
	FROM yanxia_hub.notices n JOIN yanxia_hub.scopes s ON s.id = n.scope_id
	WHERE n.source_key = 'notices/停水.txt'")" = \
	"fuxing-3:fuxing-3 的通知:fuxing-3 的正文,kangle-12:停水通知:周二停水,kangle-14:kangle-14 的通知:kangle-14 的正文" ] ||
	fail "a key shared with other buildings: $(q "SELECT string_agg(hub_id || ':' || title, ',')
		FROM yanxia_hub.notices")"
[ "$(q "SELECT count(*) FROM yanxia_hub.staff_audit")" = $((a0 + 1)) ] || fail "the new notice's audit lines"
# an edit of another area's notice with a made-up revision: "not found", as without one,
# not whether it exists and its revision (042)
other=$(q "SELECT hub_id FROM yanxia_hub.notices WHERE title = 'fuxing-3 的通知'")
for upd in "staff_update_notice($other, 't', 'b', '通知', 0, NULL, 1)" \
	"staff_update_notice($other, 't', 'b', '通知', 0, NULL, 1, NULL, NULL)"; do
	as_sql "SELECT yanxia_hub.$upd"
	[ $rc != 0 ] && echo "$out" | grep -q '没有找到这一项' && ! echo "$out" | grep -q 'revision' ||
		fail "another area's notice probed by its revision: $out"
done
# 038's and 039's reads and album edit, straight, on another area's rows: not found
fal=$(q "SELECT o_hub_id FROM yanxia_hub.hub_publish('album', 'fuxing-3',
	jsonb_build_object('name', '复兴相册', 'sort', 5))")
s6=$(state)
for call in "staff_notice_author($other)" "staff_album($fal)" \
	"staff_update_album($fal, '越权', 'portraits', '越权', 0, 1)"; do
	as_sql "SELECT yanxia_hub.$call"
	[ $rc != 0 ] && echo "$out" | grep -q '没有找到这一项' || fail "$call as the lead: $out"
done
[ "$(state)|$(q "SELECT name || '|' || kind || '|' || sort FROM yanxia_hub.albums WHERE hub_id = $fal")" = \
	"$s6|复兴相册|event|5" ] || fail "another area's album was changed or audited"

# --- in place: one audit line and one change; the same: nothing; refused: nothing -----
s1=$(state)
item "'notices/停水.txt', 'staff_publish_notice', 'kangle-12', '停水通知', '周二上午停水', '通知', '0', NULL"
[ "$rc|$out" = "0|$nid changed" ] || fail "the edited notice: $rc $out"
[ "$(q "SELECT login || ' ' || action || ' ' || target || ' ' || before || ' > ' || after
	FROM yanxia_hub.staff_audit ORDER BY id DESC LIMIT 1")" = \
	"zhangli notice.update notice $nid building kangle-12 file notices/停水.txt {\"body\": \"周二停水\"} > {\"body\": \"周二上午停水\"}" ] ||
	fail "the in-place change's audit line: $(q "SELECT action || ' ' || after FROM yanxia_hub.staff_audit ORDER BY id DESC LIMIT 1")"
[ "$(q "SELECT count(*) FROM yanxia_hub.staff_audit")" = $((${s1%% *} + 1)) ] &&
	[ "$(q "SELECT count(*) FROM yanxia_hub.change_log WHERE seq > $(echo "$s1" | cut -d' ' -f2)")" = 1 ] ||
	fail "the in-place change wrote more than one audit line and one change"
s2=$(state)
item "'notices/停水.txt', 'staff_publish_notice', 'kangle-12', '停水通知', '周二上午停水', '通知', '0', NULL"
[ "$rc|$out|$(state)" = "0|$nid same|$s2" ] || fail "the same notice again: $rc $out, $s2 -> $(state)"
item "'notices/停水.txt', 'staff_publish_notice', 'kangle-12', '', '周二上午停水', '通知', '0', NULL"
[ $rc != 0 ] && [ "$(state)" = "$s2" ] || fail "a notice without a title: $rc $out, $s2 -> $(state)"

# --- a poll with votes: nothing of it changes in place --------------------------------
poll="'polls/电梯.txt', 'staff_create_poll', 'kangle-12', '是否同意加装电梯', '费用按楼层分摊'"
item "$poll, '0', '1796054400', '{同意,不同意}'"
[ $rc = 0 ] && echo "$out" | grep -q ' new$' || fail "the poll: $out"
pid=${out%% *}
# before any vote its closing time may move, as withdrawing and starting it again could
item "$poll, '0', '1796140800', '{同意,不同意}'"
[ "$rc|$out" = "0|$pid changed" ] || fail "the poll without votes, its close moved: $rc $out"
# but open, its options are not reordered nor its question reworded: a kiosk offline may
# hold votes not sent, which name their option by its place (042)
s5=$(state)
for args in "'是否同意加装电梯', '费用按楼层分摊', '0', '1796140800', '{不同意,同意}'" \
	"'是否同意在北侧加装电梯', '费用按楼层分摊', '0', '1796140800', '{同意,不同意}'"; do
	item "'polls/电梯.txt', 'staff_create_poll', 'kangle-12', $args"
	[ $rc != 0 ] && echo "$out" | grep -q '这个征询已经开始' && [ "$(state)" = "$s5" ] ||
		fail "an open poll changed what households choose from ($args): $rc $out"
done
# a poll not open yet changes whole
later="'polls/绿化.txt', 'staff_create_poll', 'kangle-12', '是否同意改造绿化', '', '1795600000', '1796140800'"
item "$later, '{同意,不同意}'"
[ $rc = 0 ] && echo "$out" | grep -q ' new$' || fail "the poll that opens later: $out"
gid=${out%% *}
item "$later, '{不同意,同意,弃权}'"
[ "$rc|$out" = "0|$gid changed" ] &&
	[ "$(q "SELECT string_agg(label, ',' ORDER BY sort) FROM yanxia_hub.poll_options WHERE poll_hub_id = $gid")" = 不同意,同意,弃权 ] ||
	fail "a poll not open yet, its options: $rc $out"
q "INSERT INTO yanxia_hub.submissions (uuid, kiosk_id, kiosk_seq, kind, payload)
	SELECT gen_random_uuid(), id, 9999, 'vote', jsonb_build_object('poll_hub_id', $pid,
	       'room', '1203', 'option_id', 1) FROM yanxia_hub.kiosks WHERE name = 'a'" >/dev/null
s3=$(state)
poll_row() { q "SELECT description || '|' || opens_at || '|' || closes_at FROM yanxia_hub.polls WHERE hub_id = $pid"; }
p3=$(poll_row)
for args in "'是否同意加装电梯', '费用全由一楼承担', '0', '1796140800'" \
	"'是否同意加装电梯', '费用按楼层分摊', '0', '1799000000'" \
	"'是否同意加装电梯', '费用按楼层分摊', '1795400000', '1796140800'"; do
	item "'polls/电梯.txt', 'staff_create_poll', 'kangle-12', $args, '{同意,不同意}'"
	[ $rc != 0 ] && echo "$out" | grep -q '这个征询已经有人投票' ||
		fail "a voted poll changed in place ($args): $rc $out"
done
[ "$(state)|$(poll_row)" = "$s3|$p3" ] || fail "a voted poll's refused change wrote: $(poll_row)"
# closed since, with its votes: not reopened by a later close
q "SELECT yanxia_hub.hub_pin_clock('2026-12-08 10:00+08')" >/dev/null
item "'polls/电梯.txt', 'staff_create_poll', 'kangle-12', '是否同意加装电梯', '费用按楼层分摊', '0', '1797000000', '{同意,不同意}'"
[ $rc != 0 ] && [ "$(state)|$(poll_row)" = "$s3|$p3" ] || fail "a closed, voted poll was reopened: $rc $out"

# --- a notice expired and a poll closed since: the folder the same, still importable ---
q "SELECT yanxia_hub.hub_pin_clock('2026-11-23 10:00+08')" >/dev/null
exp="'notices/停电.txt', 'staff_publish_notice', 'kangle-12', '停电通知', '周三停电', '通知', '0', '1795500000', '康乐物业', NULL"
item "$exp"
[ $rc = 0 ] && echo "$out" | grep -q ' new$' || fail "the notice that expires: $out"
eid=${out%% *}
q "SELECT yanxia_hub.hub_pin_clock('2026-12-10 10:00+08')" >/dev/null
s4=$(state)
item "$exp"
[ "$rc|$out|$(state)" = "0|$eid same|$s4" ] || fail "an expired notice's file, the same: $rc $out"
item "$poll, '0', '1796140800', '{同意,不同意}'"
[ "$rc|$out|$(state)" = "0|$pid same|$s4" ] || fail "a closed poll's file, the same: $rc $out"
# an expiry before the notice's own publish time is refused still
item "'notices/停电.txt', 'staff_publish_notice', 'kangle-12', '停电通知', '周三停电', '通知', '0', '1795300000', '康乐物业', NULL"
[ $rc != 0 ] && echo "$out" | grep -q '过期时间要晚于发布时间' && [ "$(state)" = "$s4" ] ||
	fail "an expiry before the publish time: $rc $out"
echo "ok"
