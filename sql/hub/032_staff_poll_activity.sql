-- Consultations and withdrawn activities for staff on the hub (the console's 发起征询 and
-- 撤下, `yanxiactl add poll --as`, `rm activity --as`): a new poll (意向征询, e.g. the lift
-- vote) for one building of the caller's scope, and an activity or team taken off the
-- kiosks (an event cancelled, a team dissolved). Both go down by the change log as the
-- owner's hub_publish / hub_unpublish rows do, so kiosks get them at their next pull, and
-- both are audited in the same transaction. A building outside the scope is refused
-- (42501); an activity outside it reads as missing (P0002).
SET search_path = yanxia_hub, pg_temp;

-- A new poll for building p_building; returns its hub id. Checked as the kiosk store
-- checks a poll (src/store/poll.c): a question (80 characters), a description (20000),
-- 2-10 options of up to 120 characters each, none twice, and a close after the opening
-- (p_opens_at NULL or 0: now, by the hub's clock). The first option is the one that
-- counts as agreeing (write 同意 first).
CREATE FUNCTION staff_create_poll(p_building text, p_question text, p_description text,
                                  p_opens_at bigint, p_closes_at bigint, p_options text[])
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); b scopes; h bigint;
        opens bigint := coalesce(nullif(p_opens_at, 0), hub_now_s());
        labels text[] := '{}'; l text;
BEGIN
    b := staff_building(m, p_building);
    IF coalesce(cardinality(p_options), 0) NOT BETWEEN 2 AND 10 THEN
        RAISE EXCEPTION '征询要有2到10个选项 (% options)', coalesce(cardinality(p_options), 0)
            USING ERRCODE = '22023';
    END IF;
    FOREACH l IN ARRAY p_options LOOP
        l := checked_text(l, 120, true, 'option');
        IF l = ANY (labels) THEN
            RAISE EXCEPTION '选项“%”写了两次 (option repeated)', l USING ERRCODE = '22023';
        END IF;
        labels := labels || l;
    END LOOP;
    IF p_closes_at IS NULL OR p_closes_at <= opens THEN
        RAISE EXCEPTION '截止时间要晚于开始时间 (closes_at % <= opens_at %)', p_closes_at, opens
            USING ERRCODE = '22023';
    END IF;
    SELECT o_hub_id INTO h FROM hub_publish('poll', b.code, jsonb_build_object(
        'question', checked_text(p_question, 80, true, 'question'),
        'description', checked_text(p_description, 20000, false, 'description'),
        'opens_at', opens,
        'closes_at', p_closes_at,
        'options', to_jsonb(labels)));
    PERFORM staff_log(m, 'poll.create', format('poll %s building %s', h, b.code), '',
                      format('%s; %s', btrim(p_question), array_to_string(labels, ' / ')));
    RETURN h;
END $$;

-- Takes activity p_hub_id of the caller's scope off its kiosks (tombstoned like the
-- owner's `rm activity`); its sign-ups stay on the hub for the export.
CREATE FUNCTION staff_withdraw_activity(p_hub_id bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); a activities;
BEGIN
    PERFORM lock_changes(); -- the hub's one lock order: the counter before the activity
    SELECT * INTO a FROM activities x WHERE x.hub_id = p_hub_id AND NOT x.deleted FOR UPDATE;
    IF NOT FOUND OR NOT staff_covers(m, a.scope_id) THEN
        RAISE EXCEPTION '没有找到这一项，可能已被撤下 (no activity % in %''s scope)', p_hub_id,
            m.login USING ERRCODE = 'P0002';
    END IF;
    PERFORM hub_unpublish('activity', p_hub_id);
    PERFORM staff_log(m, 'activity.withdraw',
                      format('activity %s building %s', p_hub_id,
                             (SELECT s.code FROM scopes s WHERE s.id = a.scope_id)),
                      a.title, '');
END $$;

REVOKE ALL ON FUNCTION staff_create_poll(text, text, text, bigint, bigint, text[]),
    staff_withdraw_activity(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staff_create_poll(text, text, text, bigint, bigint, text[]),
    staff_withdraw_activity(bigint) TO yanxia_staff;
