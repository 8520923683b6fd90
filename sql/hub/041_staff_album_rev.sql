-- An album's edit that is not lost under someone else's, its photos counted as the
-- screens show them, one audit format for album.update, and an import that adopts the
-- album it finds without a key.
--   * 039's staff_album read an album for an edit and staff_update_album replaced every
--     field: another member's change in between was overwritten in silence. Now
--     staff_album_edit reads the album with its revision (its rev: the change counter,
--     which every change raises, a rename or an import's in-place update too), and
--     staff_update_album's form with p_rev refuses an album whose revision moved since,
--     55000 "这条内容刚被别人改过…", nothing written or audited, as 036 does for notices
--     and activities. 039's forms stay for older clients (no check).
--   * 035's staff_album_rows (and 027's staff_albums) count every live photo, those
--     without consent too, which no screen shows: staff_album_shown gives each album of
--     the scope the photos the screens show (consented, not withdrawn), so that the
--     console's 撤下 says how many leave the screens.
--   * album.update was audited in two formats: 039's edit "NAME; kind; …; date N; sort N",
--     040's import the changed fields before and after as JSON. The edit now writes 040's:
--     the fields that differ, as JSON objects, the way every KIND.update of an import
--     reads; an edit that changes nothing writes nothing and audits nothing.
--   * 040's import used a live album of the folder's name without a key as it was, and
--     left it without one, so that album.txt edits never reached it. It now gives it the
--     folder's key (outcome 'kept' still: this import leaves its settings as they are),
--     and the next import finds it by key and applies album.txt's changes.
SET search_path = yanxia_hub, pg_temp;

-- Album p_hub_id of the caller's scope as an edit shows it (event_at 0: none), with its
-- revision to give back to staff_update_album, read in one statement. Missing, withdrawn
-- or of another scope: P0002, as everywhere.
CREATE FUNCTION staff_album_edit(p_hub_id bigint)
RETURNS TABLE (hub_id bigint, building text, name text, kind text, description text,
               event_at bigint, sort int, rev bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff();
BEGIN
    RETURN QUERY
    SELECT a.hub_id, s.code, a.name, a.kind, a.description, coalesce(a.event_at, 0), a.sort,
           a.rev
      FROM albums a JOIN scopes s ON s.id = a.scope_id
     WHERE a.hub_id = p_hub_id AND NOT a.deleted AND staff_covers(m, a.scope_id);
    IF NOT FOUND THEN
        RAISE EXCEPTION '没有找到这一项，可能已被撤下 (no album % in %''s scope)', p_hub_id,
            m.login USING ERRCODE = 'P0002';
    END IF;
END $$;

-- 039's update, the same checks, audited as an import's album.update is (040): the
-- fields that differ, before and after, as JSON (event_at null: none). Nothing differs:
-- nothing written, nothing audited.
CREATE OR REPLACE FUNCTION staff_update_album(p_hub_id bigint, p_name text, p_kind text,
                                              p_description text, p_event_at bigint,
                                              p_sort int)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); a albums;
        n text := checked_text(p_name, 80, true, 'album name');
        k text := coalesce(nullif(p_kind, ''), 'event');
        d text := checked_text(p_description, 500, false, 'description');
        want jsonb;
        was jsonb;
        diff jsonb := '{}';
        prior jsonb := '{}';
        f text;
BEGIN
    IF k NOT IN ('portraits', 'event') THEN
        RAISE EXCEPTION '相册类型只能是笑脸墙或活动 (kind %)', k USING ERRCODE = '22023';
    END IF;
    PERFORM lock_changes(); -- the hub's one lock order: the counter before the album
    SELECT * INTO a FROM albums x WHERE x.hub_id = p_hub_id AND NOT x.deleted FOR UPDATE;
    IF NOT FOUND OR NOT staff_covers(m, a.scope_id) THEN
        RAISE EXCEPTION '没有找到这一项，可能已被撤下 (no album % in %''s scope)', p_hub_id,
            m.login USING ERRCODE = 'P0002';
    END IF;
    PERFORM staff_album_name_free(a.scope_id, n, p_hub_id);
    want := jsonb_build_object('name', n, 'kind', k, 'description', d,
                               'event_at', nullif(p_event_at, 0), 'sort', coalesce(p_sort, 0));
    was := jsonb_build_object('name', a.name, 'kind', a.kind, 'description', a.description,
                              'event_at', a.event_at, 'sort', a.sort);
    FOR f IN SELECT jsonb_object_keys(want) LOOP
        IF (was -> f) IS DISTINCT FROM (want -> f) THEN
            diff := diff || jsonb_build_object(f, want -> f);
            prior := prior || jsonb_build_object(f, was -> f);
        END IF;
    END LOOP;
    IF diff = '{}' THEN
        RETURN;
    END IF;
    PERFORM hub_publish('album', NULL, want, p_hub_id);
    PERFORM staff_log(m, 'album.update',
                      format('album %s building %s', p_hub_id,
                             (SELECT s.code FROM scopes s WHERE s.id = a.scope_id)),
                      prior::text, diff::text);
END $$;

-- The update above, refused when album p_hub_id's revision is no longer p_rev (the one
-- staff_album_edit gave; NULL: no check), 55000, nothing written or audited (036's
-- staff_edit_check_rev, which takes the change counter first).
CREATE FUNCTION staff_update_album(p_hub_id bigint, p_name text, p_kind text,
                                   p_description text, p_event_at bigint, p_sort int,
                                   p_rev bigint)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
BEGIN
    PERFORM staff_edit_check_rev('album', p_hub_id, p_rev);
    PERFORM staff_update_album(p_hub_id, p_name, p_kind, p_description, p_event_at, p_sort);
END $$;

-- The photos of each live album of the caller's scope that the screens show: consented
-- and not withdrawn (staff_album_rows counts every live photo). Albums without any: 0.
CREATE FUNCTION staff_album_shown()
RETURNS TABLE (hub_id bigint, shown bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff();
BEGIN
    RETURN QUERY
    SELECT a.hub_id, (SELECT count(*) FROM photos p
                       WHERE p.album_hub_id = a.hub_id AND NOT p.deleted AND p.consent = 1)
      FROM albums a
     WHERE NOT a.deleted AND staff_covers(m, a.scope_id);
END $$;

REVOKE ALL ON FUNCTION staff_album_edit(bigint),
    staff_update_album(bigint, text, text, text, bigint, int, bigint), staff_album_shown()
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staff_album_edit(bigint),
    staff_update_album(bigint, text, text, text, bigint, int, bigint), staff_album_shown()
    TO yanxia_staff;

-- 040's import of one item, the same in all but an album it finds without a key (made in
-- the console, or by an import before 040): used as it is (outcome 'kept') as before, and
-- given the folder's key.
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
            -- it takes the folder's key (from a withdrawn album that held it, too), so that
            -- the next import finds it by key and applies album.txt's changes; its settings
            -- stay as they are this time (made in the console, they are someone's choice)
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

