-- Photos for staff on the hub (the console's 照片 page over the hub): the live photos of
-- the caller's scope, and taking one down at once, on every kiosk of its scope (a
-- resident asked for their portrait to go). The kiosks drop it at their next pull.
SET search_path = yanxia_hub, pg_temp;

CREATE FUNCTION staff_photos(p_limit int DEFAULT 20, p_offset int DEFAULT 0)
RETURNS TABLE (hub_id bigint, scope_code text, scope_name text, album text, person_name text,
               caption text, floor int, consent int, width int, height int)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff();
BEGIN
    RETURN QUERY
    SELECT p.hub_id, s.code, s.name, a.name, p.person_name, p.caption, p.floor, p.consent,
           p.width, p.height
      FROM photos p JOIN scopes s ON s.id = p.scope_id JOIN albums a ON a.hub_id = p.album_hub_id
     WHERE NOT p.deleted AND staff_covers(m, p.scope_id)
     ORDER BY p.hub_id DESC
     LIMIT least(greatest(p_limit, 1), 100) OFFSET greatest(p_offset, 0);
END $$;

CREATE FUNCTION staff_remove_photo(p_hub_id bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); p photos;
BEGIN
    SELECT * INTO p FROM photos x WHERE x.hub_id = p_hub_id AND NOT x.deleted;
    IF NOT FOUND OR NOT staff_covers(m, p.scope_id) THEN
        RAISE EXCEPTION '没有找到这一项，可能已被撤下 (no photo % in %''s scope)', p_hub_id,
            m.login USING ERRCODE = 'P0002';
    END IF;
    PERFORM hub_unpublish('photo', p_hub_id);
    PERFORM staff_log(m, 'photo.remove', format('photo %s', p_hub_id),
                      concat_ws(' ', nullif(p.person_name, ''), nullif(p.caption, '')), '');
END $$;

REVOKE ALL ON FUNCTION staff_photos(int, int), staff_remove_photo(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staff_photos(int, int), staff_remove_photo(bigint) TO yanxia_staff;
