-- Yanxia hub, migration 42: sql/hub/040's staff_import_item, reviewed.
--   * A consultation households have voted on is not changed in place at all. 040 refused
--     its question and options only, so an edited poll file could still reopen a closed
--     consultation with its votes kept (a later 截止), cut it short, move its opening,
--     or rewrite the explanation the households voted on; no other path of a member's
--     changes a poll (they withdraw it and start it again, without the votes). Nor, once
--     it has opened, its question, explanation or options, votes on the hub or not: a
--     kiosk that was offline may hold votes not sent yet, which name their option by its
--     place (011), so a reordered or relabelled option would count them for what the
--     household did not choose. Its times still move while no vote has reached the hub,
--     and everything of a poll not yet open changes, as withdrawing it and starting it
--     again would.
--   * The publishing function is the one form, of that name and with that many arguments,
--     that the calling member may execute: staff_import_item runs as the hub's owner, so a
--     form the owner has taken from yanxia_staff stayed callable through it, and two forms
--     of one length would have had their argument lists run together.
--   * The trial of a live item takes the item's own publish time (a notice) or opening
--     time (a poll) where the folder gives none, as the change keeps them, instead of now:
--     a notice whose expiry or a poll whose close has passed since refused the whole
--     folder's import, its file unchanged ("过期时间要晚于发布时间", "截止时间要晚于开始时间").
--   * An edit's revision check (036) no longer tells a member whether a notice or an
--     activity outside the scope exists, and its revision (below).
SET search_path = yanxia_hub, pg_temp;

CREATE OR REPLACE FUNCTION staff_import_item(p_key text, p_fn text, VARIADIC p_args text[])
RETURNS TABLE (o_hub_id bigint, o_outcome text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE
    m staff_members := calling_staff();
    kind text := CASE p_fn
        WHEN 'staff_publish_notice' THEN 'notice' WHEN 'staff_publish_tip' THEN 'health_tip'
        WHEN 'staff_create_activity' THEN 'activity' WHEN 'staff_create_poll' THEN 'poll'
        WHEN 'staff_create_album' THEN 'album' WHEN 'staff_publish_photo' THEN 'photo'
        WHEN 'staff_publish_roster' THEN 'roster' WHEN 'staff_publish_contact' THEN 'contact'
        WHEN 'staff_add_phrase' THEN 'quick_phrase' END;
    n int := coalesce(cardinality(p_args), 0);
    b scopes;
    t text;
    fns oid[];
    call text;
    h bigint;
    fresh bigint;
    was jsonb;
    would jsonb;
    trial text[] := p_args;
    diff jsonb := '{}';
    prior jsonb := '{}';
    keep text[] := '{}';
    f text;
BEGIN
    IF kind IS NULL THEN
        RAISE EXCEPTION '导入不能经过这个函数 (staff_import_item: % is not a publishing function)',
            p_fn USING ERRCODE = '42883';
    END IF;
    IF coalesce(btrim(p_key), '') = '' OR length(p_key) > 1200 THEN
        RAISE EXCEPTION '导入的内容要有它在文件夹里的位置 (source key of % is empty or too long)',
            kind USING ERRCODE = '22023';
    END IF;
    b := staff_building(m, p_args[1]);
    t := content_table(kind);
    SELECT array_agg(p.oid) INTO fns
      FROM pg_proc p
     WHERE p.pronamespace = 'yanxia_hub'::regnamespace AND p.proname = p_fn AND p.pronargs = n
       AND has_function_privilege(session_user, p.oid, 'EXECUTE');
    IF coalesce(cardinality(fns), 0) <> 1 THEN
        RAISE EXCEPTION '中心库没有这种发布方式 (no %(%) arguments that % may call)', p_fn, n,
            m.login USING ERRCODE = '42883';
    END IF;
    SELECT format('SELECT yanxia_hub.%I(%s)', p_fn,
                  string_agg(format('$1[%s]::%s', i, format_type(p.proargtypes[i - 1], NULL)),
                             ', ' ORDER BY i))
      INTO call
      FROM pg_proc p CROSS JOIN generate_series(1, p.pronargs::int) i
     WHERE p.oid = fns[1];
    -- the hub's one lock order (004, lock_changes): the counter first, then the building's
    -- import lock, which the owner's import (005) takes too, then the row
    PERFORM lock_changes();
    PERFORM pg_advisory_xact_lock(7269717, b.id);
    EXECUTE format('SELECT hub_id FROM %I WHERE scope_id = $1 AND source_key = $2 AND NOT deleted'
                   ' FOR UPDATE', t) INTO h USING b.id, p_key;
    IF h IS NULL AND kind = 'album' THEN
        SELECT a.hub_id INTO h FROM albums a
         WHERE a.scope_id = b.id AND NOT a.deleted AND a.source_key IS NULL
           AND a.name = regexp_replace(p_args[2], '^[\s\u3000]+|[\s\u3000]+$', '', 'g')
         ORDER BY a.hub_id LIMIT 1;
        IF h IS NOT NULL THEN
            -- 041's adoption, kept: it takes the folder's key (from a withdrawn album that
            -- held it, too), so that the next import finds it by key and applies
            -- album.txt's changes; its settings stay as they are this time
            UPDATE albums SET source_key = NULL WHERE scope_id = b.id AND source_key = p_key;
            UPDATE albums SET source_key = p_key WHERE albums.hub_id = h;
            RETURN QUERY SELECT h, 'kept'::text;
            RETURN;
        END IF;
    END IF;
    IF h IS NULL THEN
        -- a withdrawn row keeps its key (005): the new one takes it over
        EXECUTE format('UPDATE %I SET source_key = NULL WHERE scope_id = $1 AND source_key = $2',
                       t) USING b.id, p_key;
        EXECUTE call INTO fresh USING p_args;
        -- a quick phrase the form has already is that one (staff_add_phrase): it takes the key
        EXECUTE format('UPDATE %I SET source_key = $2 WHERE hub_id = $1', t) USING fresh, p_key;
        RETURN QUERY SELECT fresh, 'new'::text;
        RETURN;
    END IF;
    was := staff_import_row(kind, h);
    -- the times the change keeps where the folder says none are the trial's too, so that
    -- its checks (an expiry after the publish time, a close after the opening) are of the
    -- item as it will be, not of one published now
    IF kind = 'notice' AND n = 8 AND NOT staff_import_said(p_args, 8) THEN
        trial[8] := was ->> 'publish_at';
    ELSIF kind = 'poll' AND n = 6 AND coalesce(p_args[4], '0') = '0' THEN
        trial[4] := was ->> 'opens_at';
    END IF;
    -- what the staff function would make of the item, with its checks; then undone whole
    BEGIN
        IF kind = 'album' THEN -- its name is the live album's: free it for the trial
            UPDATE albums SET deleted = true WHERE hub_id = h;
        END IF;
        EXECUTE call INTO fresh USING trial;
        would := staff_import_row(kind, fresh);
        RAISE EXCEPTION USING ERRCODE = 'YXI40', MESSAGE = 'undo the trial';
    EXCEPTION WHEN SQLSTATE 'YXI40' THEN
        NULL;
    END;
    -- what the function chose by itself where the folder said nothing stays the item's:
    -- the member's signature for a missing author or organiser, now for a missing start,
    -- the place after the building's last contact, a photo's place in its album
    IF kind IN ('notice', 'health_tip', 'activity') AND NOT staff_import_said(p_args, CASE kind
           WHEN 'notice' THEN 7 WHEN 'health_tip' THEN 5 ELSE 11 END) THEN
        keep := keep || CASE kind WHEN 'activity' THEN 'organiser' ELSE 'author' END;
    END IF;
    IF kind = 'notice' AND NOT staff_import_said(p_args, 8) THEN
        keep := keep || 'publish_at'::text;
    ELSIF kind = 'poll' AND coalesce(p_args[4], '0') = '0' THEN
        keep := keep || 'opens_at'::text;
    ELSIF kind = 'contact' AND NOT staff_import_said(p_args, 7) THEN
        keep := keep || 'sort'::text;
    ELSIF kind = 'photo' THEN
        keep := keep || 'sort'::text;
    END IF;
    FOR f IN SELECT jsonb_object_keys(would) LOOP
        IF NOT f = ANY (keep) AND (was -> f) IS DISTINCT FROM (would -> f) THEN
            diff := diff || jsonb_build_object(f, would -> f);
            prior := prior || jsonb_build_object(f, was -> f);
        END IF;
    END LOOP;
    IF diff = '{}' THEN
        RETURN QUERY SELECT h, 'same'::text;
        RETURN;
    END IF;
    -- what a member's edit may not change either (030: an activity's kind stays), and
    -- nothing of a consultation once households have voted on it
    IF kind = 'activity' AND diff ? 'kind' THEN
        RAISE EXCEPTION '活动和长期团队不能互改，请撤下后重新发布 (activity % kind % -> %)', h,
            was ->> 'kind', would ->> 'kind' USING ERRCODE = '22023';
    END IF;
    IF kind = 'poll' AND EXISTS (
           SELECT 1 FROM submissions s
            WHERE s.kind = 'vote' AND s.payload ->> 'poll_hub_id' = h::text) THEN
        RAISE EXCEPTION '这个征询已经有人投票，问题、说明、选项和起止时间都不能再改，请撤下后重新发起 (poll % has votes: %)',
            h, (SELECT string_agg(k, ', ') FROM jsonb_object_keys(diff) k)
            USING ERRCODE = '55000';
    END IF;
    -- once open, a kiosk may hold votes it has not sent yet (offline), which name their
    -- option by its place (011): what households read and chose from stays
    IF kind = 'poll' AND (diff ? 'question' OR diff ? 'description' OR diff ? 'options')
       AND (was ->> 'opens_at')::bigint <= hub_now_s() THEN
        RAISE EXCEPTION '这个征询已经开始，楼道屏上可能已有还没传上来的投票：问题、说明和选项不能再改，请撤下后重新发起 (poll % opened at %)',
            h, was ->> 'opens_at' USING ERRCODE = '55000';
    END IF;
    PERFORM hub_publish(kind, b.code, diff, h);
    -- audited under the names the staff functions use (phrase.add: phrase.update)
    PERFORM staff_log(m, CASE kind WHEN 'quick_phrase' THEN 'phrase' ELSE kind END || '.update',
                      format('%s %s building %s file %s', kind, h, b.code, p_key),
                      prior::text, diff::text);
    RETURN QUERY SELECT h, 'changed'::text;
END $$;

-- 036's revision check, which 036's and 038's staff_update_notice and
-- staff_update_activity run before their scope check, told a member of a row outside
-- the scope that it exists and its revision ("notice 7 is at revision 5, 1 was read"),
-- where "没有找到这一项" is the word for it everywhere else. A row outside the caller's
-- scope is now left to the update's own "not found".
CREATE OR REPLACE FUNCTION staff_edit_check_rev(p_kind text, p_hub_id bigint, p_rev bigint)
RETURNS void
LANGUAGE plpgsql SET search_path = yanxia_hub, pg_temp AS $$
DECLARE r bigint; sc int; m staff_members;
BEGIN
    PERFORM lock_changes();
    IF p_rev IS NULL THEN
        RETURN;
    END IF;
    EXECUTE format('SELECT rev, scope_id FROM %I WHERE hub_id = $1 AND NOT deleted',
                   content_table(p_kind))
       INTO r, sc USING p_hub_id;
    -- the member whose update this is (the staff functions have found them already); the
    -- hub's owner, asking straight, is told as before
    SELECT * INTO m FROM staff_members WHERE role_name = session_user AND NOT disabled;
    IF FOUND AND NOT staff_covers(m, sc) THEN
        RETURN;
    END IF;
    IF r IS DISTINCT FROM p_rev AND r IS NOT NULL THEN
        RAISE EXCEPTION '这条内容刚被别人改过，请重新查看后再改 (% % is at revision %, % was read)',
            p_kind, p_hub_id, r, p_rev USING ERRCODE = '55000';
    END IF;
    -- gone or out of scope: the update itself says "not found"
END $$;
