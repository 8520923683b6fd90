-- One activity of the caller's scope as staff see it on its page: what residents see
-- on the kiosk (kind, place, time or schedule, deadline, places, description, organiser)
-- and how full it is by the hub's decisions. An activity outside the scope reads as
-- missing, as everywhere.
SET search_path = yanxia_hub, pg_temp;

CREATE FUNCTION staff_activity(p_hub_id bigint)
RETURNS TABLE (title text, building text, building_name text, kind text, description text,
               place text, starts_at bigint, ends_at bigint, schedule text,
               signup_deadline bigint, capacity int, max_party int, waitlist int,
               organiser text, confirmed_people bigint, confirmed_households bigint,
               waiting_people bigint, waiting_households bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); a activities;
BEGIN
    SELECT * INTO a FROM activities x WHERE x.hub_id = p_hub_id AND NOT x.deleted;
    IF NOT FOUND OR NOT staff_covers(m, a.scope_id) THEN
        RAISE EXCEPTION '没有找到这一项，可能已被撤下 (no activity % in %''s scope)', p_hub_id,
            m.login USING ERRCODE = 'P0002';
    END IF;
    RETURN QUERY
    SELECT a.title, s.code, s.name, a.kind, a.description, a.place, coalesce(a.starts_at, 0),
           coalesce(a.ends_at, 0), a.schedule, coalesce(a.signup_deadline, 0), a.capacity,
           a.max_party, a.waitlist, a.organiser,
           coalesce(sum(d.party_size) FILTER (WHERE d.status = 'confirmed'), 0)::bigint,
           count(*) FILTER (WHERE d.status = 'confirmed'),
           coalesce(sum(d.party_size) FILTER (WHERE d.status = 'waitlisted'), 0)::bigint,
           count(*) FILTER (WHERE d.status = 'waitlisted')
      FROM scopes s LEFT JOIN signup_decisions d ON d.activity_id = a.hub_id
     WHERE s.id = a.scope_id
     GROUP BY s.code, s.name;
END $$;

REVOKE ALL ON FUNCTION staff_activity(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staff_activity(bigint) TO yanxia_staff;
