-- Yanxia hub, migration 40: a content folder a staff member imports again updates its
-- items in place, as the owner's import does (005). `yanxiactl import DIR --as LOGIN`
-- publishes each item through the staff function of its kind (scope, rules, audit); it
-- had no way to say which file an item came from, so an edited folder published every
-- item again beside the old ones. Now the import sends each publishing call through
-- staff_import_item with the item's source key, the same key the owner's import gives
-- it (its path in the folder, e.g. notices/停水.txt; for a line of contacts.txt, roster.txt
-- or phrases.txt the path and the line's own key; albums/NAME for an album, albums/NAME/FILE
-- for a photo), kept in the source_key column 005 added, unique per scope. So an owner's
-- import and a member's import of the same folder to the same building find each other's
-- items.
--   * No live item of the building has the key: the staff function publishes it as
--     always (its checks, its audit line) and the new row takes the key (from a withdrawn
--     row that held it, too: the item comes back as a new row, as the owner's import
--     brings a withdrawn file's row back).
--   * A live item has it: the staff function runs in a subtransaction that is then
--     rolled back whole (its row, its change-log entry, its audit line), only to learn
--     what the item would be; its rules are the ones a new item meets. The same as the
--     live item: nothing is written, nothing audited. Different: the live item gets the
--     differing fields in place (hub_publish: a new revision, so an edit read before is
--     refused as overtaken (036), and the kiosks replace the row they have), audited as
--     KIND.update with the fields before and after.
--   * A field the staff function fills in by itself where the folder said nothing (the
--     member's signature for a notice's or tip's 作者 or an activity's 组织者, a notice's
--     发布 or a poll's 开始 now, a contact's place after the building's last, a photo's
--     place in its album) keeps the live item's value: an unchanged file stays unchanged,
--     and so does an item the owner's import made or changed.
--   * What a member's edit may not change is refused, nothing of the batch published: an
--     activity's kind (030 keeps it), a poll's question or options once it has votes.
--   * An album: a live album of that name without a key (made in the console, or by an
--     import before this migration) is used as it is, as before (outcome 'kept').
-- Items whose files left the folder stay published, as the owner's import leaves them.
-- The folder's audit line (034) says whether its items went by key, so that a member's
-- first import after this migration of a folder whose items went without (and would be
-- published again beside themselves) is noticed (staff_folder_last).
SET search_path = yanxia_hub, pg_temp;

-- The live content row of kind p_kind and hub id p_hub_id as the comparison sees it: its
-- fields without the hub's bookkeeping (and a poll's options).
CREATE FUNCTION staff_import_row(p_kind text, p_hub_id bigint) RETURNS jsonb
LANGUAGE plpgsql STABLE SET search_path = yanxia_hub, pg_temp AS $$
DECLARE r jsonb;
BEGIN
    EXECUTE format('SELECT to_jsonb(x) - ''hub_id'' - ''scope_id'' - ''rev'' - ''deleted'''
                   ' - ''updated_at'' - ''source_key'' FROM %I x WHERE hub_id = $1',
                   content_table(p_kind)) INTO r USING p_hub_id;
    IF p_kind = 'poll' THEN
        r := r || jsonb_build_object('options', coalesce((SELECT jsonb_agg(label ORDER BY sort)
                  FROM poll_options WHERE poll_hub_id = p_hub_id), '[]'::jsonb));
    END IF;
    RETURN r;
END $$;

-- True when argument p_i of a staff function's call is given (not missing, NULL or blank).
CREATE FUNCTION staff_import_said(p_args text[], p_i int) RETURNS boolean
LANGUAGE sql IMMUTABLE SET search_path = yanxia_hub, pg_temp AS $$
    SELECT coalesce(cardinality(p_args), 0) >= p_i AND coalesce(btrim(p_args[p_i]), '') <> ''
$$;

-- Publishes one item of a member's content folder to the building p_args[1] of the
-- caller's scope, keyed by p_key: p_fn is the staff function the item goes through
-- (staff_publish_notice, staff_publish_tip, staff_create_activity, staff_create_poll,
-- staff_create_album, staff_publish_photo, staff_publish_roster, staff_publish_contact,
-- staff_add_phrase), p_args its arguments as text, in its order (the form with that many
-- arguments). Returns the item's hub id and what happened: 'new' (published, with the
-- function's audit line), 'changed' (the live item updated in place, audited as
-- KIND.update), 'same' (nothing written) or 'kept' (an album of that name the building
-- has already without a key: used as it is). Refusals are the staff function's, and
-- 42501 for a building outside the scope; an unknown p_fn or form is 42883, as a hub
-- without the function says it.
CREATE FUNCTION staff_import_item(p_key text, p_fn text, VARIADIC p_args text[])
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
    call text;
    h bigint;
    fresh bigint;
    was jsonb;
    would jsonb;
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
    SELECT string_agg(format('$1[%s]::%s', i, format_type(p.proargtypes[i - 1], NULL)), ', '
                      ORDER BY i)
      INTO call
      FROM pg_proc p CROSS JOIN generate_series(1, p.pronargs::int) i
     WHERE p.pronamespace = 'yanxia_hub'::regnamespace AND p.proname = p_fn AND p.pronargs = n;
    IF call IS NULL THEN
        RAISE EXCEPTION '中心库没有这种发布方式 (no %(%) arguments)', p_fn, n USING ERRCODE = '42883';
    END IF;
    call := format('SELECT yanxia_hub.%I(%s)', p_fn, call);
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
    -- what the staff function would make of the item, with its checks; then undone whole
    BEGIN
        IF kind = 'album' THEN -- its name is the live album's: free it for the trial
            UPDATE albums SET deleted = true WHERE hub_id = h;
        END IF;
        EXECUTE call INTO fresh USING p_args;
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
    -- what a member's edit may not change either (030: an activity's kind stays), and a
    -- consultation's question and options once households have voted on them
    IF kind = 'activity' AND diff ? 'kind' THEN
        RAISE EXCEPTION '活动和长期团队不能互改，请撤下后重新发布 (activity % kind % -> %)', h,
            was ->> 'kind', would ->> 'kind' USING ERRCODE = '22023';
    END IF;
    IF kind = 'poll' AND (diff ? 'question' OR diff ? 'options') AND EXISTS (
           SELECT 1 FROM submissions s
            WHERE s.kind = 'vote' AND s.payload ->> 'poll_hub_id' = h::text) THEN
        RAISE EXCEPTION '这个征询已经有人投票，问题和选项不能再改，请撤下后重新发起 (poll % has votes)',
            h USING ERRCODE = '55000';
    END IF;
    PERFORM hub_publish(kind, b.code, diff, h);
    -- audited under the names the staff functions use (phrase.add: phrase.update)
    PERFORM staff_log(m, CASE kind WHEN 'quick_phrase' THEN 'phrase' ELSE kind END || '.update',
                      format('%s %s building %s file %s', kind, h, b.code, p_key),
                      prior::text, diff::text);
    RETURN QUERY SELECT h, 'changed'::text;
END $$;

-- 034's folder line, saying whether the folder's items went up by key: a later import
-- of the building reads it (staff_folder_last) to know whether the items of the folder
-- before can be found, or were published without keys (before this migration) and would
-- be published again beside themselves.
CREATE FUNCTION staff_folder_imported(p_building text, p_fingerprint text, p_items int,
                                      p_by_key boolean)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); b scopes := staff_building(m, p_building);
BEGIN
    IF coalesce(p_fingerprint, '') !~ '^[0-9a-f]{64}$' THEN
        RAISE EXCEPTION '文件夹的指纹不对 (fingerprint %)', p_fingerprint USING ERRCODE = '22023';
    END IF;
    PERFORM staff_log(m, 'folder.import', format('folder %s building %s', p_fingerprint, b.code),
                      '', format('%s items%s', coalesce(p_items, 0),
                                 CASE WHEN p_by_key THEN ', by key' ELSE '' END));
END $$;

-- The last folder imported to building p_building of the caller's scope by any member:
-- who, when (Unix seconds), and whether its items went up by key; no row for none.
CREATE FUNCTION staff_folder_last(p_building text)
RETURNS TABLE (login text, at bigint, by_key boolean)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); b scopes := staff_building(m, p_building);
BEGIN
    RETURN QUERY
    SELECT a.login, extract(epoch FROM a.at)::bigint, a.after LIKE '%, by key'
      FROM staff_audit a
     WHERE a.action = 'folder.import' AND substr(a.target, 72) = ' building ' || b.code
     ORDER BY a.id DESC LIMIT 1;
END $$;

REVOKE ALL ON FUNCTION staff_import_row(text, bigint), staff_import_said(text[], int),
    staff_import_item(text, text, text[]), staff_folder_imported(text, text, int, boolean),
    staff_folder_last(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staff_import_item(text, text, text[]),
    staff_folder_imported(text, text, int, boolean), staff_folder_last(text) TO yanxia_staff;
