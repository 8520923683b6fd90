-- Residents' submissions exported by a staff member (`yanxiactl export KIND --csv --hub
-- --as LOGIN`): the rows the owner's export reads (src/sync/hub_admin.c's
-- hub_admin_submissions), but only from the kiosks of the caller's scope, and each export
-- audited in the same transaction: sign-up lists and suggestions hold residents' rooms
-- and phones, so the log says who took which rows out, when, and how many.
SET search_path = yanxia_hub, pg_temp;

-- The submissions of p_kind (signup, vote, suggestion, wish, question) pushed by the
-- kiosks of the caller's scope, or of p_scope within it (a building, or an area: its
-- buildings; NULL: the whole scope), in the hub's order of arrival. Each row: kiosk,
-- building code, received_at (Unix seconds), the hub's decision (as the owner's export:
-- a sign-up's place or the kiosk's status; a wish's, suggestion's or question's
-- moderation state, withdrawn, or the first state before any; votes: null) and the whole
-- payload. A scope that does not exist and one outside the caller's are refused in the
-- same words (42501), so scope is not probed; nothing is audited then. An export of no
-- rows is audited too (someone looked).
CREATE FUNCTION staff_export(p_kind text, p_scope text DEFAULT NULL)
RETURNS TABLE (kiosk text, building text, received_at bigint, decision text, payload jsonb)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); sc scopes; mine text; n bigint;
BEGIN
    IF p_kind IS NULL OR p_kind NOT IN ('signup', 'vote', 'suggestion', 'wish', 'question') THEN
        RAISE EXCEPTION '不能导出这种记录 (kind %)', p_kind USING ERRCODE = '22023';
    END IF;
    IF p_scope IS NOT NULL THEN
        SELECT * INTO sc FROM scopes WHERE code = p_scope;
        IF NOT FOUND OR NOT staff_covers(m, sc.id) THEN
            RAISE EXCEPTION '不能导出 % 的记录，它不在你的管理范围里 (not a scope within %''s)',
                p_scope, m.login USING ERRCODE = '42501';
        END IF;
    END IF;
    RETURN QUERY
    SELECT k.name, b.code, extract(epoch FROM s.received_at)::bigint,
           CASE WHEN s.kind = 'signup' THEN coalesce(d.status, s.payload ->> 'kiosk_status')
                WHEN s.kind IN ('wish', 'suggestion', 'question') THEN
                    CASE WHEN v.withdrawn THEN 'withdrawn'
                         ELSE coalesce(v.state, CASE s.kind WHEN 'wish' THEN 'review'
                                                            WHEN 'suggestion' THEN 'new'
                                                            ELSE 'unanswered' END) END END,
           s.payload
      FROM submissions s JOIN kiosks k ON k.id = s.kiosk_id
      JOIN scopes b ON b.id = k.building_id
      LEFT JOIN signup_decisions d ON d.signup_uuid = s.uuid
      LEFT JOIN verdicts v ON v.uuid = s.uuid
     WHERE s.kind = p_kind AND staff_covers(m, k.building_id)
       AND (sc.id IS NULL OR sc.id = ANY (scope_chain(k.building_id)))
     ORDER BY s.hub_order;
    GET DIAGNOSTICS n = ROW_COUNT;
    SELECT code INTO mine FROM scopes WHERE id = m.scope_id;
    PERFORM staff_log(m, p_kind || '.export',
                      format('%s of %s', p_kind, coalesce(sc.code, mine, 'every building')), '',
                      format('%s rows', n));
END $$;

REVOKE ALL ON FUNCTION staff_export(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staff_export(text, text) TO yanxia_staff;
