-- A staff member's notice with its own author and publish time, an activity with its end
-- time and party size, a contact with a QR code and a place in the list: `yanxiactl add
-- notice|activity|contact --as` with --author, --publish, --ends, --max-party, --qr,
-- --sort and `import --as` of a folder that says 作者, 发布, 结束, 每户最多 or 二维码内容
-- were refused, since staff_publish_notice (008) signs every notice 楼组长 or 居委会 and
-- dates it now, staff_create_activity (017) has neither field and staff_publish_contact
-- (028) puts a contact last without a QR code. These forms take them; the old ones stay
-- for older clients.
SET search_path = yanxia_hub, pg_temp;

-- As staff_publish_notice of 008, checked and audited the same, with p_author (NULL or
-- blank: the role's signature, as before) and p_publish_at (NULL: now; a later time
-- keeps it off the screens until then). An expiry not after the publish time: 22023.
CREATE FUNCTION staff_publish_notice(p_building text, p_title text, p_body text,
                                     p_category text, p_pinned int, p_expires_at bigint,
                                     p_author text, p_publish_at bigint)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); b scopes; h bigint;
        pub bigint := coalesce(p_publish_at, hub_now_s());
BEGIN
    SELECT * INTO b FROM scopes WHERE code = p_building AND kind = 'building';
    IF NOT FOUND OR NOT staff_covers(m, b.id) THEN
        -- the same words for "no such building" and "not yours": scope is not probed
        RAISE EXCEPTION '不能发布到楼栋 % (not a building in %''s scope)', p_building, m.login
            USING ERRCODE = '42501';
    END IF;
    IF p_expires_at IS NOT NULL AND p_expires_at <= pub THEN
        RAISE EXCEPTION '过期时间要晚于发布时间 (expires % is not after publish %)',
            p_expires_at, pub USING ERRCODE = '22023';
    END IF;
    SELECT o_hub_id INTO h FROM hub_publish('notice', b.code, jsonb_build_object(
        'title', checked_text(p_title, 80, true, 'title'),
        'body', checked_text(p_body, 20000, true, 'body'),
        'category', coalesce(nullif(btrim(p_category), ''), '通知'),
        'author', coalesce(nullif(checked_text(p_author, 40, false, 'author'), ''),
                           CASE m.role WHEN 'lead' THEN '楼组长' ELSE '居委会' END),
        'pinned', coalesce(p_pinned, 0), 'publish_at', pub,
        'expires_at', p_expires_at));
    PERFORM staff_log(m, 'notice.publish', format('notice %s building %s', h, b.code), '',
                      p_title);
    RETURN h;
END $$;

REVOKE ALL ON FUNCTION
    staff_publish_notice(text, text, text, text, int, bigint, text, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
    staff_publish_notice(text, text, text, text, int, bigint, text, bigint) TO yanxia_staff;

-- As staff_create_activity of 017, checked and audited the same, with p_ends_at (NULL
-- or 0: none; not before the start: 22023) and p_max_party (NULL or 0: the kiosks'
-- default of 4; else 1-20, a household's places in one sign-up: 22023 outside).
CREATE FUNCTION staff_create_activity(p_building text, p_kind text, p_title text,
                                      p_description text, p_place text, p_starts_at bigint,
                                      p_schedule text, p_deadline bigint, p_capacity int,
                                      p_waitlist boolean, p_organiser text, p_ends_at bigint,
                                      p_max_party int)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); b scopes; h bigint;
        k text := coalesce(nullif(p_kind, ''), 'event');
        starts bigint := nullif(p_starts_at, 0); deadline bigint := nullif(p_deadline, 0);
        ends bigint := nullif(p_ends_at, 0); party int := coalesce(nullif(p_max_party, 0), 4);
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
    IF ends IS NOT NULL AND ends < coalesce(starts, 0) THEN
        RAISE EXCEPTION '结束时间不能早于开始时间 (ends_at before starts_at)' USING ERRCODE = '22023';
    END IF;
    IF party NOT BETWEEN 1 AND 20 THEN
        RAISE EXCEPTION '每户最多报名人数要在1到20之间 (max_party %)', p_max_party
            USING ERRCODE = '22023';
    END IF;
    SELECT o_hub_id INTO h FROM hub_publish('activity', b.code, jsonb_build_object(
        'kind', k,
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
                              CASE m.role WHEN 'lead' THEN '楼组长' ELSE '居委会' END)));
    PERFORM staff_log(m, 'activity.create', format('activity %s building %s', h, b.code), '',
                      format('%s; capacity %s%s', btrim(p_title), coalesce(p_capacity, 0),
                             CASE WHEN coalesce(p_waitlist, true) THEN ', waitlist' ELSE '' END));
    RETURN h;
END $$;

REVOKE ALL ON FUNCTION staff_create_activity(text, text, text, text, text, bigint, text, bigint,
    int, boolean, text, bigint, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staff_create_activity(text, text, text, text, text, bigint, text, bigint,
    int, boolean, text, bigint, int) TO yanxia_staff;

-- As staff_publish_contact of 028, checked and audited the same, with p_qr_text (the
-- text kiosks draw as a QR code, at most 400 bytes as the kiosk store keeps it) and
-- p_sort (NULL: after the building's last contact, as before).
CREATE FUNCTION staff_publish_contact(p_building text, p_kind text, p_name text, p_phone text,
                                      p_note text, p_qr_text text, p_sort int)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); b scopes; h bigint;
        phone text := checked_text(p_phone, 32, false, 'phone');
        qr text := checked_text(p_qr_text, 400, false, 'qr_text');
BEGIN
    b := staff_building(m, p_building);
    IF coalesce(p_kind, '') NOT IN ('emergency', 'committee', 'property', 'hotline',
                                    'groupchat', 'other') THEN
        RAISE EXCEPTION '不认识这种联系方式 (contact kind "%")', p_kind USING ERRCODE = '22023';
    END IF;
    IF phone <> '' AND (phone !~ '^[0-9 ()+转-]*$'
                        OR length(regexp_replace(phone, '[^0-9]', '', 'g')) < 3) THEN
        RAISE EXCEPTION '电话号码不对：只能有数字、空格、- + ( ) 和“转”，至少三位数字 (phone "%")', phone
            USING ERRCODE = '22023';
    END IF;
    IF octet_length(qr) > 400 THEN
        RAISE EXCEPTION '内容太长了，请删减一些再提交 (qr_text: % bytes, at most 400)',
            octet_length(qr) USING ERRCODE = '22001';
    END IF;
    SELECT o_hub_id INTO h FROM hub_publish('contact', b.code, jsonb_build_object(
        'kind', p_kind,
        'name', checked_text(p_name, 40, true, 'name'),
        'phone', phone,
        'note', checked_text(p_note, 120, false, 'note'),
        'qr_text', qr,
        'sort', coalesce(p_sort, (SELECT coalesce(max(c.sort), 0) + 10 FROM contacts c
                                   WHERE c.scope_id = b.id AND NOT c.deleted))));
    PERFORM staff_log(m, 'contact.add', format('contact %s building %s', h, b.code), '',
                      btrim(p_name));
    RETURN h;
END $$;

REVOKE ALL ON FUNCTION
    staff_publish_contact(text, text, text, text, text, text, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
    staff_publish_contact(text, text, text, text, text, text, int) TO yanxia_staff;
