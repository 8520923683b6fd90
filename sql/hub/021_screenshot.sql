-- Yanxia hub, migration 20: a screenshot of a kiosk on request. Staff ask for one
-- (staff_request_screenshot, scope-checked like the other staff_* functions); the kiosk
-- learns of it at its next sync round (kiosk_screenshot_wanted), its UI thread saves the
-- frame it shows when that is the home screen, the slideshow or the night screen (never
-- a form a resident is filling), at most 720 px on its long side, and its sync worker
-- sends the PNG (kiosk_put_screenshot). The hub keeps the latest picture per kiosk only.
-- A kiosk role writes its own row and nothing else: the functions take no kiosk name,
-- they know the caller by session_user, and only while a request is open.
SET search_path = yanxia_hub, pg_temp;

CREATE TABLE kiosk_screenshots (
    kiosk_id     int PRIMARY KEY REFERENCES kiosks(id),
    requested_at timestamptz, -- an open request; NULL: none (the kiosk sent it, or never asked)
    requested_by text,
    taken_at     timestamptz, -- when the latest picture arrived (the hub's clock)
    width        int CHECK (width BETWEEN 1 AND 720),
    height       int CHECK (height BETWEEN 1 AND 720),
    png          bytea CHECK (octet_length(png) <= 1048576)
);

-- The member calling_staff() would be, or, for the hub's owner (an installer running
-- `yanxiactl hub screenshot --conn` as the owner, who can do anything here anyway), an
-- administrator named after the owner's login.
CREATE FUNCTION screenshot_caller() RETURNS staff_members
LANGUAGE plpgsql STABLE SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members;
BEGIN
    IF pg_has_role(session_user, (SELECT nspowner FROM pg_namespace
                                   WHERE nspname = 'yanxia_hub'), 'MEMBER') THEN
        m.role_name := session_user;
        m.login := session_user;
        m.role := 'admin';
        RETURN m;
    END IF;
    RETURN calling_staff();
END $$;

-- The kiosk called p_kiosk if the member's scope covers it; an error otherwise (another
-- area's kiosk is refused as missing, as another area's photo is).
CREATE FUNCTION screenshot_kiosk(m staff_members, p_kiosk text) RETURNS kiosks
LANGUAGE plpgsql STABLE SET search_path = yanxia_hub, pg_temp AS $$
DECLARE k kiosks;
BEGIN
    SELECT * INTO k FROM kiosks WHERE name = p_kiosk;
    IF NOT FOUND OR NOT staff_covers(m, k.building_id) THEN
        RAISE EXCEPTION '没有找到这台楼道屏 (no kiosk % in %''s scope)', p_kiosk, m.login
            USING ERRCODE = 'P0002';
    END IF;
    RETURN k;
END $$;

-- Asks kiosk p_kiosk for a screenshot at its next sync round (asking again while a
-- request is open changes nothing but its time). In the audit log.
CREATE FUNCTION staff_request_screenshot(p_kiosk text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := screenshot_caller(); k kiosks := screenshot_kiosk(m, p_kiosk);
BEGIN
    INSERT INTO kiosk_screenshots (kiosk_id, requested_at, requested_by)
    VALUES (k.id, hub_now(), m.login)
    ON CONFLICT (kiosk_id) DO UPDATE SET requested_at = excluded.requested_at,
                                         requested_by = excluded.requested_by;
    PERFORM staff_log(m, 'kiosk.screenshot', format('kiosk %s', k.name), '', '');
END $$;

-- The latest screenshot of p_kiosk: when it was asked for (NULL: no open request), when
-- the picture arrived, its size and the PNG (NULL: none yet); no row when never asked.
-- Times in Unix seconds.
CREATE FUNCTION staff_kiosk_screenshot(p_kiosk text)
RETURNS TABLE (requested_at bigint, taken_at bigint, width int, height int, png bytea)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := screenshot_caller(); k kiosks := screenshot_kiosk(m, p_kiosk);
BEGIN
    RETURN QUERY
    SELECT extract(epoch FROM s.requested_at)::bigint, extract(epoch FROM s.taken_at)::bigint,
           s.width, s.height, s.png
      FROM kiosk_screenshots s WHERE s.kiosk_id = k.id;
END $$;

-- The screenshots of every kiosk in the caller's scope, without the pictures (the
-- console's 楼道屏 page: one call for the page, a picture fetched per kiosk).
CREATE FUNCTION staff_kiosk_screenshots()
RETURNS TABLE (name text, requested_at bigint, taken_at bigint, width int, height int)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := screenshot_caller();
BEGIN
    RETURN QUERY
    SELECT k.name, extract(epoch FROM s.requested_at)::bigint,
           extract(epoch FROM s.taken_at)::bigint, s.width, s.height
      FROM kiosks k JOIN kiosk_screenshots s ON s.kiosk_id = k.id
     WHERE staff_covers(m, k.building_id)
     ORDER BY k.name;
END $$;

-- For the calling kiosk: is a screenshot wanted?
CREATE FUNCTION kiosk_screenshot_wanted() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM kiosk_screenshots
                    WHERE kiosk_id = (calling_kiosk()).id AND requested_at IS NOT NULL)
$$;

-- The calling kiosk's screenshot: a PNG (its signature and IHDR size checked against
-- p_width x p_height, each 1..720), at most 1 MiB. Taken only while a request is open,
-- which it closes; returns false (nothing stored) when none is. Nothing is taken on
-- the kiosk's word that the hub can check.
CREATE FUNCTION kiosk_put_screenshot(p_png bytea, p_width int, p_height int) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE k kiosks := calling_kiosk();
BEGIN
    IF p_png IS NULL OR octet_length(p_png) > 1048576 OR octet_length(p_png) < 33
       OR substring(p_png FROM 1 FOR 16) <> '\x89504e470d0a1a0a0000000d49484452'::bytea
       OR p_width NOT BETWEEN 1 AND 720 OR p_height NOT BETWEEN 1 AND 720
       OR ('x' || encode(substring(p_png FROM 17 FOR 4), 'hex'))::bit(32)::int <> p_width
       OR ('x' || encode(substring(p_png FROM 21 FOR 4), 'hex'))::bit(32)::int <> p_height THEN
        RAISE EXCEPTION 'not a PNG screenshot of at most 720 px and 1 MiB (kiosk %)', k.name
            USING ERRCODE = '22023';
    END IF;
    UPDATE kiosk_screenshots
       SET png = p_png, width = p_width, height = p_height, taken_at = hub_now(),
           requested_at = NULL
     WHERE kiosk_id = k.id AND requested_at IS NOT NULL;
    RETURN FOUND;
END $$;

REVOKE ALL ON TABLE kiosk_screenshots FROM PUBLIC;
REVOKE ALL ON FUNCTION screenshot_caller(), screenshot_kiosk(staff_members, text),
    staff_request_screenshot(text), staff_kiosk_screenshot(text), staff_kiosk_screenshots(),
    kiosk_screenshot_wanted(), kiosk_put_screenshot(bytea, int, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staff_request_screenshot(text), staff_kiosk_screenshot(text),
    staff_kiosk_screenshots() TO yanxia_staff;
GRANT EXECUTE ON FUNCTION kiosk_screenshot_wanted(), kiosk_put_screenshot(bytea, int, int)
    TO yanxia_kiosk;
