-- The health column for staff on the hub (the console's 健康 page over the hub): the
-- month's tips of the caller's scope, publishing the volunteer doctor's typed text as a
-- month's tips for one building of the scope (its kiosks get it at their next pull), and
-- taking a tip down. Audited in the same transaction. The Q&A is moderation (008's
-- staff_moderate, 'answer', public or private).
SET search_path = yanxia_hub, pg_temp;

-- The live tips of the caller's scope, newest month first.
CREATE FUNCTION staff_health_tips(p_limit int DEFAULT 30, p_offset int DEFAULT 0)
RETURNS TABLE (hub_id bigint, scope_code text, scope_name text, month text, title text,
               body text, author text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff();
BEGIN
    RETURN QUERY
    SELECT t.hub_id, s.code, s.name, t.month, t.title, t.body, t.author
      FROM health_tips t JOIN scopes s ON s.id = t.scope_id
     WHERE NOT t.deleted AND staff_covers(m, t.scope_id)
     ORDER BY t.month DESC, t.hub_id DESC
     LIMIT least(greatest(p_limit, 1), 200) OFFSET greatest(p_offset, 0);
END $$;

-- Publishes a month's tips (p_month 'YYYY-MM') to building p_building of the caller's
-- scope; returns the tip's hub id. Texts are checked like the kiosk store's (title 80
-- characters, body 20000, author 120); an empty author signs as the member's role.
CREATE FUNCTION staff_publish_tip(p_building text, p_month text, p_title text, p_body text,
                                  p_author text)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); b scopes; h bigint;
BEGIN
    SELECT * INTO b FROM scopes WHERE code = p_building AND kind = 'building';
    IF NOT FOUND OR NOT staff_covers(m, b.id) THEN
        RAISE EXCEPTION '不能发布到楼栋 % (not a building in %''s scope)', p_building, m.login
            USING ERRCODE = '42501';
    END IF;
    IF coalesce(p_month, '') !~ '^[0-9]{4}-(0[1-9]|1[0-2])$' THEN
        RAISE EXCEPTION '月份要写成 年-月，例如 2026-12 (month "%")', p_month
            USING ERRCODE = '22023';
    END IF;
    SELECT o_hub_id INTO h FROM hub_publish('health_tip', b.code, jsonb_build_object(
        'month', p_month,
        'title', checked_text(p_title, 80, true, 'title'),
        'body', checked_text(p_body, 20000, true, 'body'),
        'author', coalesce(nullif(checked_text(p_author, 120, false, 'author'), ''),
                           CASE m.role WHEN 'lead' THEN '楼组长' ELSE '居委会' END)));
    PERFORM staff_log(m, 'health_tip.publish',
                      format('health_tip %s building %s month %s', h, b.code, p_month), '',
                      btrim(p_title));
    RETURN h;
END $$;

-- Takes a tip of the caller's scope off its kiosks (they drop it at their next pull).
CREATE FUNCTION staff_remove_tip(p_hub_id bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); t health_tips;
BEGIN
    SELECT * INTO t FROM health_tips x WHERE x.hub_id = p_hub_id AND NOT x.deleted;
    IF NOT FOUND OR NOT staff_covers(m, t.scope_id) THEN
        RAISE EXCEPTION '没有找到这一项，可能已被撤下 (no health tip % in %''s scope)', p_hub_id,
            m.login USING ERRCODE = 'P0002';
    END IF;
    PERFORM hub_unpublish('health_tip', p_hub_id);
    PERFORM staff_log(m, 'health_tip.remove', format('health_tip %s month %s', p_hub_id, t.month),
                      t.title, '');
END $$;

REVOKE ALL ON FUNCTION staff_health_tips(int, int), staff_publish_tip(text, text, text, text, text),
    staff_remove_tip(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staff_health_tips(int, int),
    staff_publish_tip(text, text, text, text, text), staff_remove_tip(bigint) TO yanxia_staff;
