-- A staff member's edit of an album's kind, description, date and order, not its name
-- only: `yanxiactl edit album HUB_ID --kind|--description|--date|--sort --as` and the
-- console's album edit form. 035 let staff set them when making an album and then only
-- rename it (staff_rename_album, which stays for older clients). staff_album reads one
-- album for the edit; staff_update_album replaces its name, kind, description, date and
-- sort, checked as 035's staff_create_album checks a new one, and audited with the fields
-- before and after. Its photos and building stay.
SET search_path = yanxia_hub, pg_temp;

-- Album p_hub_id of the caller's scope as an edit shows it (event_at 0: none). Missing,
-- withdrawn or of another scope: P0002, as everywhere.
CREATE FUNCTION staff_album(p_hub_id bigint)
RETURNS TABLE (hub_id bigint, building text, name text, kind text, description text,
               event_at bigint, sort int)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff();
BEGIN
    RETURN QUERY
    SELECT a.hub_id, s.code, a.name, a.kind, a.description, coalesce(a.event_at, 0), a.sort
      FROM albums a JOIN scopes s ON s.id = a.scope_id
     WHERE a.hub_id = p_hub_id AND NOT a.deleted AND staff_covers(m, a.scope_id);
    IF NOT FOUND THEN
        RAISE EXCEPTION '没有找到这一项，可能已被撤下 (no album % in %''s scope)', p_hub_id,
            m.login USING ERRCODE = 'P0002';
    END IF;
END $$;

-- Replaces name (80 characters, unique among the building's live albums), kind
-- ('portraits' or 'event'; NULL or '': event), description (500), event_at (0 or NULL:
-- none) and sort (NULL: 0) of album p_hub_id of the caller's scope.
CREATE FUNCTION staff_update_album(p_hub_id bigint, p_name text, p_kind text,
                                   p_description text, p_event_at bigint, p_sort int)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); a albums;
        n text := checked_text(p_name, 80, true, 'album name');
        k text := coalesce(nullif(p_kind, ''), 'event');
        d text := checked_text(p_description, 500, false, 'description');
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
    PERFORM hub_publish('album', NULL, jsonb_build_object(
        'name', n, 'kind', k, 'description', d,
        'event_at', nullif(p_event_at, 0),
        'sort', coalesce(p_sort, 0)), p_hub_id);
    PERFORM staff_log(m, 'album.update',
                      format('album %s building %s', p_hub_id,
                             (SELECT s.code FROM scopes s WHERE s.id = a.scope_id)),
                      format('%s; %s; %s; date %s; sort %s', a.name, a.kind, a.description,
                             coalesce(a.event_at, 0), a.sort),
                      format('%s; %s; %s; date %s; sort %s', n, k, d, coalesce(p_event_at, 0),
                             coalesce(p_sort, 0)));
END $$;

REVOKE ALL ON FUNCTION staff_album(bigint),
    staff_update_album(bigint, text, text, text, bigint, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staff_album(bigint),
    staff_update_album(bigint, text, text, text, bigint, int) TO yanxia_staff;
