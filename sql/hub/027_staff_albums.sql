-- The albums of the caller's scope, for the console's upload form to offer (a new name
-- still makes a new album, sql/hub/020_staff_photo_upload.sql): each building's live
-- albums with their kind and how many live photos they hold, the building's code first.
SET search_path = yanxia_hub, pg_temp;

CREATE FUNCTION staff_albums()
RETURNS TABLE (building text, name text, kind text, photos bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff();
BEGIN
    RETURN QUERY
    SELECT s.code, a.name, a.kind,
           (SELECT count(*) FROM photos p WHERE p.album_hub_id = a.hub_id AND NOT p.deleted)
      FROM albums a JOIN scopes s ON s.id = a.scope_id
     WHERE NOT a.deleted AND staff_covers(m, a.scope_id)
     ORDER BY s.code, a.sort, a.name;
END $$;

REVOKE ALL ON FUNCTION staff_albums() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staff_albums() TO yanxia_staff;
