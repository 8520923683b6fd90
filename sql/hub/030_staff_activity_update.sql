-- Editing an activity on the hub: title, description, place, time or schedule, sign-up
-- deadline, places, waiting list and organiser of an activity of the caller's scope
-- (its kind and building stay). Checked as staff_create_activity checks a new one. More
-- places move the first waiting households up at once (hub_publish's promote_waiting),
-- and the kiosks get the new facts and decisions at their next pull. Audited with the
-- title and places before and after.
SET search_path = yanxia_hub, pg_temp;

CREATE FUNCTION staff_update_activity(p_hub_id bigint, p_title text, p_description text,
                                      p_place text, p_starts_at bigint, p_schedule text,
                                      p_deadline bigint, p_capacity int, p_waitlist boolean,
                                      p_organiser text)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); a activities;
        starts bigint := nullif(p_starts_at, 0); deadline bigint := nullif(p_deadline, 0);
BEGIN
    SELECT * INTO a FROM activities x WHERE x.hub_id = p_hub_id AND NOT x.deleted;
    IF NOT FOUND OR NOT staff_covers(m, a.scope_id) THEN
        RAISE EXCEPTION '没有找到这一项，可能已被撤下 (no activity % in %''s scope)', p_hub_id,
            m.login USING ERRCODE = 'P0002';
    END IF;
    IF a.kind = 'event' AND starts IS NULL THEN
        RAISE EXCEPTION '一次性活动要写开始时间 (an event needs starts_at)' USING ERRCODE = '22023';
    END IF;
    IF coalesce(p_capacity, 0) NOT BETWEEN 0 AND 100000 THEN
        RAISE EXCEPTION '名额要写人数（数字），不限就写0或不填 (capacity %)', p_capacity
            USING ERRCODE = '22023';
    END IF;
    IF deadline IS NOT NULL AND starts IS NOT NULL AND deadline > starts THEN
        RAISE EXCEPTION '报名截止不能晚于活动开始 (deadline after the start)' USING ERRCODE = '22023';
    END IF;
    PERFORM hub_publish('activity', NULL, jsonb_build_object(
        'title', checked_text(p_title, 80, true, 'title'),
        'description', checked_text(p_description, 20000, false, 'description'),
        'place', checked_text(p_place, 120, false, 'place'),
        'starts_at', starts,
        'schedule', checked_text(p_schedule, 120, false, 'schedule'),
        'signup_deadline', deadline,
        'capacity', coalesce(p_capacity, 0),
        'waitlist', CASE WHEN coalesce(p_waitlist, true) THEN 1 ELSE 0 END,
        'organiser', coalesce(nullif(checked_text(p_organiser, 120, false, 'organiser'), ''),
                              a.organiser)), p_hub_id);
    PERFORM staff_log(m, 'activity.update', format('activity %s', p_hub_id),
                      format('%s; capacity %s', a.title, a.capacity),
                      format('%s; capacity %s', btrim(p_title), coalesce(p_capacity, 0)));
END $$;

REVOKE ALL ON FUNCTION staff_update_activity(bigint, text, text, text, bigint, text, bigint, int,
    boolean, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staff_update_activity(bigint, text, text, text, bigint, text, bigint,
    int, boolean, text) TO yanxia_staff;
