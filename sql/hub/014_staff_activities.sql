-- Activities and teams for staff on the hub (the console's 活动 page over the hub): the
-- activities of the caller's scope with the hub's count of who is coming, and one
-- activity's sign-ups from every kiosk with the hub's decision on each (staff see the
-- phone numbers; the console masks them on the page and gives them whole in the export).
SET search_path = yanxia_hub, pg_temp;

CREATE FUNCTION staff_activities(p_limit int DEFAULT 20, p_offset int DEFAULT 0)
RETURNS TABLE (hub_id bigint, scope_code text, scope_name text, kind text, title text,
               place text, starts_at bigint, schedule text, capacity int,
               confirmed_people bigint, confirmed_households bigint, waiting_households bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff();
BEGIN
    RETURN QUERY
    SELECT a.hub_id, s.code, s.name, a.kind, a.title, a.place, coalesce(a.starts_at, 0),
           a.schedule, a.capacity,
           coalesce((SELECT sum(d.party_size) FROM signup_decisions d
                      WHERE d.activity_id = a.hub_id AND d.status = 'confirmed'), 0)::bigint,
           (SELECT count(*) FROM signup_decisions d
             WHERE d.activity_id = a.hub_id AND d.status = 'confirmed'),
           (SELECT count(*) FROM signup_decisions d
             WHERE d.activity_id = a.hub_id AND d.status = 'waitlisted')
      FROM activities a JOIN scopes s ON s.id = a.scope_id
     WHERE NOT a.deleted AND staff_covers(m, a.scope_id)
     ORDER BY a.hub_id DESC
     LIMIT least(greatest(p_limit, 1), 100) OFFSET greatest(p_offset, 0);
END $$;

-- One activity's sign-ups in the order the hub decided them (undecided ones last).
CREATE FUNCTION staff_signups(p_activity bigint)
RETURNS TABLE (title text, building text, kiosk text, room text, name text, phone text,
               party_size int, status text, receipt text, created_at bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); a activities;
BEGIN
    SELECT * INTO a FROM activities x WHERE x.hub_id = p_activity AND NOT x.deleted;
    IF NOT FOUND OR NOT staff_covers(m, a.scope_id) THEN
        RAISE EXCEPTION '没有找到这一项，可能已被撤下 (no activity % in %''s scope)', p_activity,
            m.login USING ERRCODE = 'P0002';
    END IF;
    RETURN QUERY
    SELECT a.title, b.code, k.name, coalesce(s.payload ->> 'room', ''),
           coalesce(s.payload ->> 'name', ''), coalesce(s.payload ->> 'phone', ''),
           coalesce(d.party_size, (s.payload ->> 'party_size')::int, 1),
           coalesce(d.status, 'pending'), coalesce(s.payload ->> 'receipt', ''),
           coalesce((s.payload ->> 'created_at')::bigint, 0)
      FROM submissions s JOIN kiosks k ON k.id = s.kiosk_id JOIN scopes b ON b.id = k.building_id
      LEFT JOIN signup_decisions d ON d.signup_uuid = s.uuid
     WHERE s.kind = 'signup' AND (s.payload ->> 'activity_hub_id')::bigint = p_activity
     ORDER BY d.decided_order NULLS LAST, s.hub_order;
END $$;

REVOKE ALL ON FUNCTION staff_activities(int, int), staff_signups(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staff_activities(int, int), staff_signups(bigint) TO yanxia_staff;
