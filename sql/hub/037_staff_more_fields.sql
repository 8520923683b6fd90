-- A staff member's notice with its own author and publish time: `yanxiactl add notice
-- --as --author --publish` and `import --as` of a folder whose notices say 作者 or 发布
-- were refused, since staff_publish_notice (008) signs every notice 楼组长 or 居委会
-- and dates it now. This form takes both; the old one stays for older clients.
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
