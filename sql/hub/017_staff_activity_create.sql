-- Activities for staff on the hub, the writing half (the console's 新活动 and 替他取消
-- over the hub): a new activity or team for one building of the caller's scope, which
-- the building's kiosks get at their next pull; and a sign-up cancelled on a resident's
-- behalf (they phoned the 楼组长), by the hub's own rule for a cancellation: the place
-- goes to the waiting households in the hub's order (promote_waiting, 004), and the
-- decisions and the new tally go down to the kiosks. Both are audited in the same
-- transaction. A building or activity outside the scope reads as missing.
SET search_path = yanxia_hub, pg_temp;

-- A new activity (p_kind 'event', with a start) or team ('team', with a schedule) for
-- building p_building; returns its hub id. Texts are checked like the kiosk store's
-- (title 80 characters, description 20000, place, schedule and organiser 120); a
-- deadline after the start, a negative capacity or an event without a start is
-- refused with a Chinese sentence first.
CREATE FUNCTION staff_create_activity(p_building text, p_kind text, p_title text,
                                      p_description text, p_place text, p_starts_at bigint,
                                      p_schedule text, p_deadline bigint, p_capacity int,
                                      p_waitlist boolean, p_organiser text)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); b scopes; h bigint;
        k text := coalesce(nullif(p_kind, ''), 'event');
        starts bigint := nullif(p_starts_at, 0); deadline bigint := nullif(p_deadline, 0);
BEGIN
    SELECT * INTO b FROM scopes WHERE code = p_building AND kind = 'building';
    IF NOT FOUND OR NOT staff_covers(m, b.id) THEN
        -- the same words for "no such building" and "not yours": scope is not probed
        RAISE EXCEPTION '不能发布到楼栋 % (not a building in %''s scope)', p_building, m.login
            USING ERRCODE = '42501';
    END IF;
    IF k NOT IN ('event', 'team') THEN
        RAISE EXCEPTION '类型只能是一次性活动或长期团队 (kind %)', k USING ERRCODE = '22023';
    END IF;
    IF k = 'event' AND starts IS NULL THEN
        RAISE EXCEPTION '一次性活动要写开始时间 (an event needs starts_at)' USING ERRCODE = '22023';
    END IF;
    IF coalesce(p_capacity, 0) NOT BETWEEN 0 AND 100000 THEN
        RAISE EXCEPTION '名额要写人数（数字），不限就写0或不填 (capacity %)', p_capacity
            USING ERRCODE = '22023';
    END IF;
    IF deadline IS NOT NULL AND starts IS NOT NULL AND deadline > starts THEN
        RAISE EXCEPTION '报名截止不能晚于活动开始 (deadline after the start)' USING ERRCODE = '22023';
    END IF;
    SELECT o_hub_id INTO h FROM hub_publish('activity', b.code, jsonb_build_object(
        'kind', k,
        'title', checked_text(p_title, 80, true, 'title'),
        'description', checked_text(p_description, 20000, false, 'description'),
        'place', checked_text(p_place, 120, false, 'place'),
        'starts_at', starts,
        'schedule', checked_text(p_schedule, 120, false, 'schedule'),
        'signup_deadline', deadline,
        'capacity', coalesce(p_capacity, 0),
        'waitlist', CASE WHEN coalesce(p_waitlist, true) THEN 1 ELSE 0 END,
        'organiser', coalesce(nullif(checked_text(p_organiser, 120, false, 'organiser'), ''),
                              CASE m.role WHEN 'lead' THEN '楼组长' ELSE '居委会' END)));
    PERFORM staff_log(m, 'activity.create', format('activity %s building %s', h, b.code), '',
                      format('%s; capacity %s%s', btrim(p_title), coalesce(p_capacity, 0),
                             CASE WHEN coalesce(p_waitlist, true) THEN ', waitlist' ELSE '' END));
    RETURN h;
END $$;

-- staff_signups (014) with each sign-up's uuid last, so a page can name the one to
-- cancel.
DROP FUNCTION staff_signups(bigint);
CREATE FUNCTION staff_signups(p_activity bigint)
RETURNS TABLE (title text, building text, kiosk text, room text, name text, phone text,
               party_size int, status text, receipt text, created_at bigint, uuid uuid)
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
           coalesce((s.payload ->> 'created_at')::bigint, 0), s.uuid
      FROM submissions s JOIN kiosks k ON k.id = s.kiosk_id JOIN scopes b ON b.id = k.building_id
      LEFT JOIN signup_decisions d ON d.signup_uuid = s.uuid
     WHERE s.kind = 'signup' AND (s.payload ->> 'activity_hub_id')::bigint = p_activity
     ORDER BY d.decided_order NULLS LAST, s.hub_order;
END $$;

-- Cancels sign-up p_signup of activity p_activity (of the caller's scope) on the
-- resident's behalf; returns how many waiting households moved up. A sign-up that is
-- neither confirmed nor waiting (cancelled already, refused, not decided yet) is
-- refused; one of another activity, or an activity outside the scope, reads as missing.
CREATE FUNCTION staff_cancel_signup(p_activity bigint, p_signup uuid) RETURNS int
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); a activities; d signup_decisions; s submissions;
        was text; moved int;
BEGIN
    PERFORM lock_changes(); -- the hub's one lock order: the counter before the activity
    SELECT * INTO a FROM activities x WHERE x.hub_id = p_activity AND NOT x.deleted FOR UPDATE;
    IF NOT FOUND OR NOT staff_covers(m, a.scope_id) THEN
        RAISE EXCEPTION '没有找到这一项，可能已被撤下 (no activity % in %''s scope)', p_activity,
            m.login USING ERRCODE = 'P0002';
    END IF;
    SELECT * INTO d FROM signup_decisions x WHERE x.signup_uuid = p_signup
       AND x.activity_id = p_activity;
    IF NOT FOUND THEN
        RAISE EXCEPTION '没有找到这一项，可能已被撤下 (no decided sign-up % of activity %)',
            p_signup, p_activity USING ERRCODE = 'P0002';
    END IF;
    IF d.status NOT IN ('confirmed', 'waitlisted') THEN
        RAISE EXCEPTION '这个报名已经不在名单上了，不用取消 (sign-up %: %)', p_signup, d.status
            USING ERRCODE = '55000';
    END IF;
    was := d.status;
    UPDATE signup_decisions SET status = 'cancelled', updated_at = now()
     WHERE hub_id = d.hub_id RETURNING * INTO d;
    PERFORM publish_decision(d, a.scope_id);
    moved := promote_waiting(a); -- the place freed (if any) goes to the waiting
    PERFORM publish_tally(a.hub_id, a.scope_id);
    SELECT * INTO s FROM submissions WHERE uuid = p_signup;
    PERFORM staff_log(m, 'signup.cancel',
                      format('activity %s signup %s room %s (%s)', a.hub_id,
                             s.payload ->> 'receipt', s.payload ->> 'room', p_signup),
                      was, format('cancelled; %s moved up from the waiting list', moved));
    RETURN moved;
END $$;

REVOKE ALL ON FUNCTION staff_create_activity(text, text, text, text, text, bigint, text, bigint,
    int, boolean, text), staff_signups(bigint), staff_cancel_signup(bigint, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staff_create_activity(text, text, text, text, text, bigint, text, bigint,
    int, boolean, text), staff_signups(bigint), staff_cancel_signup(bigint, uuid) TO yanxia_staff;
