-- Editing a notice on the hub: one notice of the caller's scope as the console's form
-- shows it, and replacing its title, body, category, pinning and expiry (its building
-- stays; the kiosks get the new text at their next pull). Checked as staff_publish_notice
-- checks a new one, and audited with the title before and after.
SET search_path = yanxia_hub, pg_temp;

CREATE FUNCTION staff_notice(p_hub_id bigint)
RETURNS TABLE (hub_id bigint, building text, building_name text, category text, title text,
               body text, pinned int, publish_at bigint, expires_at bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff();
BEGIN
    RETURN QUERY
    SELECT n.hub_id, s.code, s.name, n.category, n.title, n.body, n.pinned, n.publish_at,
           coalesce(n.expires_at, 0)
      FROM notices n JOIN scopes s ON s.id = n.scope_id
     WHERE n.hub_id = p_hub_id AND NOT n.deleted AND staff_covers(m, n.scope_id);
    IF NOT FOUND THEN
        RAISE EXCEPTION '没有找到这一项，可能已被撤下 (no notice % in %''s scope)', p_hub_id,
            m.login USING ERRCODE = 'P0002';
    END IF;
END $$;

CREATE FUNCTION staff_update_notice(p_hub_id bigint, p_title text, p_body text,
                                    p_category text, p_pinned int, p_expires_at bigint)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); n notices;
BEGIN
    SELECT * INTO n FROM notices x WHERE x.hub_id = p_hub_id AND NOT x.deleted;
    IF NOT FOUND OR NOT staff_covers(m, n.scope_id) THEN
        RAISE EXCEPTION '没有找到这一项，可能已被撤下 (no notice % in %''s scope)', p_hub_id,
            m.login USING ERRCODE = 'P0002';
    END IF;
    PERFORM hub_publish('notice', NULL, jsonb_build_object(
        'title', checked_text(p_title, 80, true, 'title'),
        'body', checked_text(p_body, 20000, true, 'body'),
        'category', coalesce(nullif(btrim(p_category), ''), '通知'),
        'pinned', coalesce(p_pinned, 0),
        'expires_at', p_expires_at), p_hub_id);
    PERFORM staff_log(m, 'notice.update', format('notice %s', p_hub_id), n.title,
                      btrim(p_title));
END $$;

REVOKE ALL ON FUNCTION staff_notice(bigint),
    staff_update_notice(bigint, text, text, text, int, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staff_notice(bigint),
    staff_update_notice(bigint, text, text, text, int, bigint) TO yanxia_staff;
