-- Albums and quick phrases for staff on the hub (`yanxiactl add|edit|rm album --as`,
-- `add|rm phrase --as`, the console's 改名 and 撤下 of an album and its 快捷短语 page):
-- until now an album was only made by a photo upload (sql/hub/020) and phrases only by
-- the owner's hub_publish. A new album or phrase goes to one building of the caller's
-- scope (one outside it: 42501); an album renamed or withdrawn, or a phrase removed, of
-- another building or area reads as missing (P0002). Each goes down the change log as
-- the owner's hub_publish / hub_unpublish rows do, so kiosks get it at their next pull,
-- and is audited in the same transaction. Checked as the kiosk store checks them
-- (src/store/album.c, phrase.c).
SET search_path = yanxia_hub, pg_temp;

-- Refuses p_name (already trimmed) when another live album of building p_scope has it
-- (p_self: the album being renamed): two albums of one name in one building would merge
-- on its kiosks, and a photo upload would pick either.
CREATE FUNCTION staff_album_name_free(p_scope int, p_name text, p_self bigint) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = yanxia_hub, pg_temp AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM albums a WHERE a.scope_id = p_scope AND a.name = p_name
                                         AND NOT a.deleted AND a.hub_id IS DISTINCT FROM p_self) THEN
        RAISE EXCEPTION '这个楼栋已经有叫“%”的相册了 (album name taken)', p_name
            USING ERRCODE = '23505';
    END IF;
END $$;

-- The albums of the caller's scope as staff_albums (027) lists them, with their hub ids
-- (the console's 照片 page renames and withdraws an album by it).
CREATE FUNCTION staff_album_rows()
RETURNS TABLE (hub_id bigint, building text, name text, kind text, photos bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff();
BEGIN
    RETURN QUERY
    SELECT a.hub_id, s.code, a.name, a.kind,
           (SELECT count(*) FROM photos p WHERE p.album_hub_id = a.hub_id AND NOT p.deleted)
      FROM albums a JOIN scopes s ON s.id = a.scope_id
     WHERE NOT a.deleted AND staff_covers(m, a.scope_id)
     ORDER BY s.code, a.sort, a.name, a.hub_id;
END $$;

-- A new album of building p_building: name (80 characters, unique among the building's
-- live albums), kind 'portraits' (笑脸墙) or 'event' (NULL or '': event), description
-- (500), event_at (0 or NULL: none), sort. Returns its hub id; audited as album.add,
-- like the album a photo upload makes.
CREATE FUNCTION staff_create_album(p_building text, p_name text, p_kind text,
                                   p_description text, p_event_at bigint, p_sort int)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); b scopes; h bigint;
        n text := checked_text(p_name, 80, true, 'album name');
        k text := coalesce(nullif(p_kind, ''), 'event');
BEGIN
    b := staff_building(m, p_building);
    IF k NOT IN ('portraits', 'event') THEN
        RAISE EXCEPTION '相册类型只能是笑脸墙或活动 (kind %)', k USING ERRCODE = '22023';
    END IF;
    PERFORM lock_changes(); -- the counter first, then the name check holds until commit
    PERFORM staff_album_name_free(b.id, n, NULL);
    SELECT o_hub_id INTO h FROM hub_publish('album', b.code, jsonb_build_object(
        'name', n, 'kind', k,
        'description', checked_text(p_description, 500, false, 'description'),
        'event_at', nullif(p_event_at, 0),
        'sort', coalesce(p_sort, 0)));
    PERFORM staff_log(m, 'album.add', format('album %s building %s', h, b.code), '', n);
    RETURN h;
END $$;

-- Renames album p_hub_id of the caller's scope (its photos, kind and dates stay).
CREATE FUNCTION staff_rename_album(p_hub_id bigint, p_name text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); a albums;
        n text := checked_text(p_name, 80, true, 'album name');
BEGIN
    PERFORM lock_changes(); -- the hub's one lock order: the counter before the album
    SELECT * INTO a FROM albums x WHERE x.hub_id = p_hub_id AND NOT x.deleted FOR UPDATE;
    IF NOT FOUND OR NOT staff_covers(m, a.scope_id) THEN
        RAISE EXCEPTION '没有找到这一项，可能已被撤下 (no album % in %''s scope)', p_hub_id,
            m.login USING ERRCODE = 'P0002';
    END IF;
    PERFORM staff_album_name_free(a.scope_id, n, p_hub_id);
    PERFORM hub_publish('album', NULL, jsonb_build_object('name', n), p_hub_id);
    PERFORM staff_log(m, 'album.rename',
                      format('album %s building %s', p_hub_id,
                             (SELECT s.code FROM scopes s WHERE s.id = a.scope_id)),
                      a.name, n);
END $$;

-- Takes album p_hub_id of the caller's scope and its photos off the kiosks. A kiosk
-- drops an album's photos with the album (src/store/sync_apply.c); the hub tombstones
-- them here too, so its photo lists (staff_photos) no longer offer photos of an album
-- that is gone. The photos' files stay for the nightly sweep.
CREATE FUNCTION staff_withdraw_album(p_hub_id bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); a albums; p bigint; n int := 0;
BEGIN
    PERFORM lock_changes(); -- the hub's one lock order: the counter before the album
    SELECT * INTO a FROM albums x WHERE x.hub_id = p_hub_id AND NOT x.deleted FOR UPDATE;
    IF NOT FOUND OR NOT staff_covers(m, a.scope_id) THEN
        RAISE EXCEPTION '没有找到这一项，可能已被撤下 (no album % in %''s scope)', p_hub_id,
            m.login USING ERRCODE = 'P0002';
    END IF;
    FOR p IN SELECT x.hub_id FROM photos x WHERE x.album_hub_id = p_hub_id AND NOT x.deleted
              ORDER BY x.hub_id LOOP
        PERFORM hub_unpublish('photo', p);
        n := n + 1;
    END LOOP;
    PERFORM hub_unpublish('album', p_hub_id);
    PERFORM staff_log(m, 'album.withdraw',
                      format('album %s building %s', p_hub_id,
                             (SELECT s.code FROM scopes s WHERE s.id = a.scope_id)),
                      format('%s (%s photos)', a.name, n), '');
END $$;

-- The quick phrases of the caller's scope, each with its building (the console's 快捷短语
-- page lists them per form and removes one by its hub id).
CREATE FUNCTION staff_phrase_rows()
RETURNS TABLE (hub_id bigint, building text, building_name text, form text, phrase text,
               sort int)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff();
BEGIN
    RETURN QUERY
    SELECT q.hub_id, s.code, s.name, q.form, q.text, q.sort
      FROM quick_phrases q JOIN scopes s ON s.id = q.scope_id
     WHERE NOT q.deleted AND staff_covers(m, q.scope_id)
     ORDER BY q.form, s.code, q.sort, q.hub_id
     LIMIT 1000;
END $$;

-- A quick phrase for the form p_form ('suggestion', 'wish', 'question') of building
-- p_building: text (120 characters), sort. Returns its hub id. The same text for the
-- same form of the building again returns the live one's id and writes nothing, as the
-- kiosk store does.
CREATE FUNCTION staff_add_phrase(p_building text, p_form text, p_text text, p_sort int)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); b scopes; h bigint;
        t text := checked_text(p_text, 120, true, 'phrase');
BEGIN
    b := staff_building(m, p_building);
    IF p_form IS NULL OR p_form NOT IN ('suggestion', 'wish', 'question') THEN
        RAISE EXCEPTION '快捷短语只能用于建议、心愿或提问 (form %)', p_form USING ERRCODE = '22023';
    END IF;
    PERFORM lock_changes(); -- the counter first, then the check holds until commit
    SELECT q.hub_id INTO h FROM quick_phrases q
     WHERE q.scope_id = b.id AND q.form = p_form AND q.text = t AND NOT q.deleted
     ORDER BY q.hub_id LIMIT 1;
    IF FOUND THEN
        RETURN h;
    END IF;
    SELECT o_hub_id INTO h FROM hub_publish('quick_phrase', b.code, jsonb_build_object(
        'form', p_form, 'text', t, 'sort', coalesce(p_sort, 0)));
    PERFORM staff_log(m, 'phrase.add', format('phrase %s building %s', h, b.code), '',
                      format('%s: %s', p_form, t));
    RETURN h;
END $$;

-- Takes quick phrase p_hub_id of the caller's scope off the kiosks' forms.
CREATE FUNCTION staff_remove_phrase(p_hub_id bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); q quick_phrases;
BEGIN
    PERFORM lock_changes(); -- the hub's one lock order: the counter before the phrase
    SELECT * INTO q FROM quick_phrases x WHERE x.hub_id = p_hub_id AND NOT x.deleted FOR UPDATE;
    IF NOT FOUND OR NOT staff_covers(m, q.scope_id) THEN
        RAISE EXCEPTION '没有找到这一项，可能已被撤下 (no phrase % in %''s scope)', p_hub_id,
            m.login USING ERRCODE = 'P0002';
    END IF;
    PERFORM hub_unpublish('quick_phrase', p_hub_id);
    PERFORM staff_log(m, 'phrase.remove',
                      format('phrase %s building %s', p_hub_id,
                             (SELECT s.code FROM scopes s WHERE s.id = q.scope_id)),
                      format('%s: %s', q.form, q.text), '');
END $$;

REVOKE ALL ON FUNCTION staff_album_name_free(int, text, bigint), staff_album_rows(),
    staff_phrase_rows(),
    staff_create_album(text, text, text, text, bigint, int), staff_rename_album(bigint, text),
    staff_withdraw_album(bigint), staff_add_phrase(text, text, text, int),
    staff_remove_phrase(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staff_album_rows(), staff_phrase_rows(),
    staff_create_album(text, text, text, text, bigint, int),
    staff_rename_album(bigint, text), staff_withdraw_album(bigint),
    staff_add_phrase(text, text, text, int), staff_remove_phrase(bigint) TO yanxia_staff;
