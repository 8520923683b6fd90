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
--     and the next import finds it by key and applies album.txt's changes: that change
--     is made in 042's staff_import_item, which replaces 040's.
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

-- The import's adoption of an album found without a key is in sql/hub/042's
-- staff_import_item, which replaces 040's whole (041 and 042 were written side by side
-- and left the project together).
