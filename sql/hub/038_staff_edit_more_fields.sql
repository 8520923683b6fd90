-- A staff member's edit of a notice's author and publish time and of an activity's end
-- time and party size: `yanxiactl edit notice|activity --as` with --author, --publish,
-- --ends or --max-party, and the console's edit forms, were refused or could not say
-- them, since sql/hub/037 gave these fields to the publish functions only and the update
-- functions (029, 030; with the revision check of 036) keep them. These forms take them,
-- with the revision as 036's; 036's forms stay for older clients. The edit's read also
-- gives a notice's author now (staff_notice_author), which 029's staff_notice lacks.
SET search_path = yanxia_hub, pg_temp;

-- The author of notice p_hub_id of the caller's scope, as residents see it signed. Read
-- in the same statement as staff_notice (one snapshot). Missing or of another scope:
-- P0002, as everywhere.
CREATE FUNCTION staff_notice_author(p_hub_id bigint) RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); n notices;
BEGIN
    SELECT * INTO n FROM notices x WHERE x.hub_id = p_hub_id AND NOT x.deleted;
    IF NOT FOUND OR NOT staff_covers(m, n.scope_id) THEN
        RAISE EXCEPTION '没有找到这一项，可能已被撤下 (no notice % in %''s scope)', p_hub_id,
            m.login USING ERRCODE = 'P0002';
    END IF;
    RETURN n.author;
END $$;

-- As 036's staff_update_notice (029's checks, the revision p_rev: NULL no check), and
-- also p_author (NULL or blank: the notice keeps its author) and p_publish_at (NULL:
-- it keeps its publish time; a later time takes it off the screens until then). An
-- expiry not after the publish time: 22023, as 037's publish. Audited with the title,
-- author and publish time before and after.
CREATE FUNCTION staff_update_notice(p_hub_id bigint, p_title text, p_body text,
                                    p_category text, p_pinned int, p_expires_at bigint,
                                    p_rev bigint, p_author text, p_publish_at bigint)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); n notices; pub bigint; who text;
BEGIN
    PERFORM staff_edit_check_rev('notice', p_hub_id, p_rev); -- the change counter first
    SELECT * INTO n FROM notices x WHERE x.hub_id = p_hub_id AND NOT x.deleted;
    IF NOT FOUND OR NOT staff_covers(m, n.scope_id) THEN
        RAISE EXCEPTION '没有找到这一项，可能已被撤下 (no notice % in %''s scope)', p_hub_id,
            m.login USING ERRCODE = 'P0002';
    END IF;
    pub := coalesce(p_publish_at, n.publish_at);
    who := coalesce(nullif(checked_text(p_author, 40, false, 'author'), ''), n.author);
    IF p_expires_at IS NOT NULL AND p_expires_at <= pub THEN
        RAISE EXCEPTION '过期时间要晚于发布时间 (expires % is not after publish %)',
            p_expires_at, pub USING ERRCODE = '22023';
    END IF;
    PERFORM hub_publish('notice', NULL, jsonb_build_object(
        'title', checked_text(p_title, 80, true, 'title'),
        'body', checked_text(p_body, 20000, true, 'body'),
        'category', coalesce(nullif(btrim(p_category), ''), '通知'),
        'author', who,
        'pinned', coalesce(p_pinned, 0),
        'publish_at', pub,
        'expires_at', p_expires_at), p_hub_id);
    PERFORM staff_log(m, 'notice.update', format('notice %s', p_hub_id),
                      format('%s; by %s; from %s', n.title, n.author, n.publish_at),
                      format('%s; by %s; from %s', btrim(p_title), who, pub));
END $$;

-- As 036's staff_update_activity (030's checks, the revision p_rev), and also p_ends_at
-- (NULL: kept; 0: none; else not before the start) and p_max_party (NULL: kept; 0: the
-- kiosks' default of 4; else 1-20), checked as 037's staff_create_activity checks them.
-- Audited with the title, places, end time and party size before and after.
CREATE FUNCTION staff_update_activity(p_hub_id bigint, p_title text, p_description text,
                                      p_place text, p_starts_at bigint, p_schedule text,
                                      p_deadline bigint, p_capacity int, p_waitlist boolean,
                                      p_organiser text, p_rev bigint, p_ends_at bigint,
                                      p_max_party int)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); a activities;
        starts bigint := nullif(p_starts_at, 0); deadline bigint := nullif(p_deadline, 0);
        ends bigint; party int;
BEGIN
    PERFORM staff_edit_check_rev('activity', p_hub_id, p_rev); -- the change counter first
    SELECT * INTO a FROM activities x WHERE x.hub_id = p_hub_id AND NOT x.deleted;
    IF NOT FOUND OR NOT staff_covers(m, a.scope_id) THEN
        RAISE EXCEPTION '没有找到这一项，可能已被撤下 (no activity % in %''s scope)', p_hub_id,
            m.login USING ERRCODE = 'P0002';
    END IF;
    ends := CASE WHEN p_ends_at IS NULL THEN a.ends_at ELSE nullif(p_ends_at, 0) END;
    party := CASE WHEN p_max_party IS NULL THEN a.max_party
                  ELSE coalesce(nullif(p_max_party, 0), 4) END;
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
    IF ends IS NOT NULL AND ends < coalesce(starts, 0) THEN
        RAISE EXCEPTION '结束时间不能早于开始时间 (ends_at before starts_at)' USING ERRCODE = '22023';
    END IF;
    IF party NOT BETWEEN 1 AND 20 THEN
        RAISE EXCEPTION '每户最多报名人数要在1到20之间 (max_party %)', p_max_party
            USING ERRCODE = '22023';
    END IF;
    PERFORM hub_publish('activity', NULL, jsonb_build_object(
        'title', checked_text(p_title, 80, true, 'title'),
        'description', checked_text(p_description, 20000, false, 'description'),
        'place', checked_text(p_place, 120, false, 'place'),
        'starts_at', starts,
        'ends_at', ends,
        'schedule', checked_text(p_schedule, 120, false, 'schedule'),
        'signup_deadline', deadline,
        'capacity', coalesce(p_capacity, 0),
        'max_party', party,
        'waitlist', CASE WHEN coalesce(p_waitlist, true) THEN 1 ELSE 0 END,
        'organiser', coalesce(nullif(checked_text(p_organiser, 120, false, 'organiser'), ''),
                              a.organiser)), p_hub_id);
    PERFORM staff_log(m, 'activity.update', format('activity %s', p_hub_id),
                      format('%s; capacity %s; ends %s; max party %s', a.title, a.capacity,
                             coalesce(a.ends_at, 0), a.max_party),
                      format('%s; capacity %s; ends %s; max party %s', btrim(p_title),
                             coalesce(p_capacity, 0), coalesce(ends, 0), party));
END $$;

REVOKE ALL ON FUNCTION staff_notice_author(bigint),
    staff_update_notice(bigint, text, text, text, int, bigint, bigint, text, bigint),
    staff_update_activity(bigint, text, text, text, bigint, text, bigint, int, boolean, text,
                          bigint, bigint, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staff_notice_author(bigint),
    staff_update_notice(bigint, text, text, text, int, bigint, bigint, text, bigint),
    staff_update_activity(bigint, text, text, text, bigint, text, bigint, int, boolean, text,
                          bigint, bigint, int) TO yanxia_staff;
